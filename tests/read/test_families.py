"""Every signal family fires on its examples and stays quiet on its counter-examples, through
the whole reader and the audit as a user runs it, and on its own."""

from __future__ import annotations

import re

import pytest
import yaml

from breadline import words
from breadline.read import FAMILIES, ItemWords
from breadline.read.families import describes_failure, without_headings

TAGS = re.compile(r"\s*\[(?P<name>labels|author|reactions): (?P<value>[^\]]*)\]\s*$")


def item_words(example: str) -> ItemWords:
    """An example as `title || description [labels: a, b] [author: NONE] [reactions: 3]`."""
    tags: dict[str, str] = {}
    while found := TAGS.search(example):
        tags[found.group("name")] = found.group("value")
        example = example[: found.start()]
    labels = tuple(label.strip() for label in tags.get("labels", "").split(",") if label.strip())
    title, _, description = (part.strip() for part in example.partition(" || "))
    text = f"{title}. {description}" if description else title
    return ItemWords(title=title, lead=text, text=text, labels=labels, association=tags.get("author", ""),
                     reactions=int(tags.get("reactions", 0)))


CASES = [(family, example, True) for family in FAMILIES for example in family.fires] + [
    (family, example, False) for family in FAMILIES for example in family.quiet
]


@pytest.mark.parametrize(("family", "example", "fires"), CASES,
                         ids=[f"{f.name}-{'fires' if fires else 'quiet'}-{i}" for i, (f, _, fires) in enumerate(CASES)])
def test_family_examples(family, example, fires):
    clue = family.find(item_words(example), words.builtin)
    if fires:
        assert clue is not None, f"{family.name} stays quiet on {example!r}"
        assert clue.family == family.name
        quoted = clue.quote.split(": ")[-1].lower() if clue.family == "tracker" else clue.quote.lower()
        assert quoted and quoted in example.lower(), "the quote is the item's own words"
        assert clue.certainty in {"stated", "likely", "hinted"}
    else:
        # Quiet: nothing read, or only a hint (which never traces an item on its own).
        assert clue is None or clue.certainty == "hinted", f"{family.name} fires on {example!r}: {clue}"


def test_every_family_is_documented_with_both_kinds_of_example():
    for family in FAMILIES:
        assert family.summary and len(family.fires) >= 2 and len(family.quiet) >= 2, family.name
        for name in family.lists:
            assert words.builtin(name), f"{family.name} reads an empty or missing list {name}"


def test_names_are_unique():
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)


@pytest.mark.parametrize(("title", "failure"), [
    ("[Bug]: Signed out after upgrading to Mattermost 6.0.0", True),
    ("Upgrade from 5.34.2 to 5.35.1 - no more login possible from desktop", True),
    ("PRTG plugin broken after upgrade to 6.7.1", True),
    ("Upgrade Django to 5.1", False),
    ("Fix flaky CI test failing on main", False),
])
def test_an_upgrade_that_sets_a_failure(title, failure):
    assert bool(describes_failure(title, words.builtin)) is failure


def test_template_headings_name_no_failure():
    assert "bug" not in without_headings("Describe the bug: steps to reproduce", words.builtin).lower()


def audit_one(cli, tmp_path, item: dict):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", **item}]}), encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", path)
    return result


@pytest.mark.parametrize(("item", "superfluous"), [
    ({"title": "[Bug]: Signed out after upgrading to Mattermost 6.0.0",
      "description": "Update the Windows app; get signed out. Expected: not signed out."}, False),
    ({"title": "Had to roll back to 0.31 - dashboards stop populating"}, False),
    ({"title": "Investigate search performance for some large customers"}, False),
    ({"title": "No Booking Confirmations",
      "description": "I don't get any booking confirmations on my clients' accounts."}, False),
    ({"title": "Bulk label management from host screen", "labels": ["customer-rembrandt"]}, False),
    ({"title": "Bump eslint from 8.1 to 8.2", "labels": ["bug"]}, True),
    ({"title": "chore: add more details into invoice update error messages"}, True),
    ({"title": "Refactor the invoice module", "description": "Split it in two files."}, True),
])
def test_the_audit_reads_real_item_shapes(cli, tmp_path, item, superfluous):
    import json

    result = audit_one(cli, tmp_path, item)
    assert result.exit_code in (0, 1), result.stderr
    row = json.loads(result.stdout)["items"][0]
    assert (row["verdict"] == "superfluous") is superfluous, row


def test_every_family_is_in_the_reading_guide():
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    for family in FAMILIES:
        assert f"`{family.name}`" in guide, f"docs/reading.md does not describe {family.name}"
