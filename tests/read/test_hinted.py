"""Why a reading is only hinted, when the whole item makes it so: an item that reads as a change
(a pull request, by its type, by words only a change has, or by the change's shape) or whose lead
gives a purpose of ours. `explain` says it in a line of its own, JSON items carry it as
`hinted_by`, SARIF results as `hintedBy` (only where there is one; docs/scoring.md)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
import yaml

from breadline import words
from breadline.read import families

from tests.read.test_families import item_words


@pytest.mark.parametrize(("example", "kind", "said"), [
    ("Invoice PDF is blank for credit notes || The PDF is empty.", "pull request", "its type, pull request"),
    ("fix: invoice PDF is blank for credit notes || The PDF is empty.", "", "its title, \u201cfix:\u201d"),
    ("Added proper Docker support || Builds the image.", "", "its title, \u201cAdded\u201d"),
    ("Update the CSV exporter || Thanks for the review. This adds a header row to every export.", "",
     "its description, \u201cThis adds a header\u201d"),
    ("Invoice PDF is blank || The PDF is empty. Closes #12", "", "its description, \u201cCloses #12\u201d"),
])
def test_the_reason_names_what_makes_the_item_a_change_in_its_own_words(example, kind, said):
    read = replace(item_words(example), kind=kind)
    assert families.change_reason(read, words.builtin) == said
    assert families.is_change(read, words.builtin)


@pytest.mark.parametrize(("example", "kind"), [
    ("Invoice PDF is blank for credit notes || The PDF is empty since Monday.", ""),
    ("fix: invoice PDF is blank for credit notes", "issue"),  # an issue asking for a fix
    ("Added new PC to sync chain, now all bookmarks gone || I added a new PC and the bookmark bar was empty.", ""),
])
def test_a_report_has_no_reason(example, kind):
    read = replace(item_words(example), kind=kind)
    assert families.change_reason(read, words.builtin) is None
    assert not families.is_change(read, words.builtin)


def test_the_change_shape_gives_its_probability():
    own = {"change-shape": ("bias -3", "title frobnicat 5")}
    read = item_words("Frobnicate the widget cache")
    said = families.change_reason(read, lambda name: own.get(name) or words.builtin(name))
    assert said == "its words, which read like a pull request's: 0.88 by the change's shape"  # 1 / (1 + e^-2)


def _run(cli, tmp_path, items, *args):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": items}, allow_unicode=True), encoding="utf-8")
    return cli(*args, path)


FIX = {"id": "T-1", "title": "fix: invoice PDF is blank for credit notes",
       "description": "This PR fixes the blank page. Closes #12."}
REPORT = {"id": "T-2", "title": "Invoice PDF is blank for credit notes",
          "description": "The PDF we download is empty since Monday."}


def test_explain_says_why_a_change_is_only_hinted(cli, tmp_path):
    out = " ".join(_run(cli, tmp_path, [FIX], "explain", "T-1").stdout.split())
    assert "[hinted, failures:" in out
    assert ("Only hinted: it reads as a change (its title, \u201cfix:\u201d): a change tells what it does, "
            "not what a person hit or needs.") in out
    report = " ".join(_run(cli, tmp_path, [REPORT], "explain", "T-2").stdout.split())
    assert "[likely, " in report and "Only hinted" not in report


def test_json_and_sarif_carry_the_reason(cli, tmp_path):
    rows = {row["id"]: row for row in json.loads(_run(cli, tmp_path, [FIX, REPORT], "audit", "--all", "-f", "json").stdout)["items"]}
    assert rows["T-1"]["hinted_by"].startswith("it reads as a change (its title, \u201cfix:\u201d)")
    assert rows["T-2"]["hinted_by"] is None
    sarif = json.loads(_run(cli, tmp_path, [FIX, REPORT], "audit", "--all", "-f", "sarif").stdout)
    said = {result["properties"]["item"]: result["properties"].get("hintedBy") for result in sarif["runs"][0]["results"]}
    assert said["T-1"].startswith("it reads as a change") and said.get("T-2") is None


def test_a_purpose_of_ours_is_the_reason_where_the_item_is_no_change(cli, tmp_path):
    item = {"id": "T-3", "title": "Funnel drop-off",
            "description": "We can't see where in the funnel people drop off, and it hurts our conversion rate."}
    row = json.loads(_run(cli, tmp_path, [item], "audit", "--all", "-f", "json").stdout)["items"][0]
    hinted = [link for link in row["links"] if link["certainty"] == "hinted" and link["points"]]
    assert hinted, row["links"]
    assert row["hinted_by"].startswith("its lead gives a purpose of ours (\u201c"), row["hinted_by"]


def test_the_reason_reaches_the_terminal_escaped(cli, tmp_path):
    item = {"id": "T-4", "title": "Update the CSV exporter",
            "description": "Thanks. This adds \x1b[31ma header row to every export. The export is broken for accents."}
    result = _run(cli, tmp_path, [item], "explain", "T-4")
    assert result.exit_code in (0, 1), result.stderr
    assert "\x1b" not in result.stdout
    assert "\x1b" not in _run(cli, tmp_path, [item], "audit", "--all", "-f", "json").stdout
