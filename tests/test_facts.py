"""How sure a superfluous verdict is (`facts.confidence`, `ItemResult.confidence`), and the CI gate
on it (`audit --min-confidence`): every format carries it, and a run fails only on the verdicts
sure enough."""

from __future__ import annotations

import json

import pytest

from breadline.facts import CONTRARY, confidence
from breadline.model import Finding, Link, Verdict
from breadline.rules import RULES

CHORE = "items:\n  - id: C-1\n    title: Bump eslint to 9\n    points: 1\n"
"""An orphan chore: BL604 finds it off the line by what it says (high)."""
BARE = "items:\n  - id: B-1\n    title: Dashboard\n    points: 2\n"
"""Nothing in it draws any link (medium)."""
CLOSE = ("items:\n  - id: L-1\n    title: PDF export\n    description: 'Feature request: dark mode. Would love to see this.'\n"
         "    points: 2\n")
"""A want read from the text, with nobody who pays behind it: a close call (low)."""
TRACED = ("items:\n  - id: T-1\n    title: Export for finance admins\n"
          "    description: As a finance admin I want to export invoices so that I stop retyping totals.\n    points: 3\n")


def _link(name: str, points: int) -> Link:
    return Link(name=name, weight=40, strength=points / 40, reason="", earned=points)


def _finding(code: str, waived: str | None = None) -> Finding:
    return Finding(code=code, name=RULES[code].name, message="m", severity="warning", item_id="X", position=None,
                   waived=waived)


NOTHING = [_link("who", 0), _link("problem", 0)]
SOMETHING = [_link("who", 8), _link("problem", 0)]


def test_a_contrary_finding_makes_a_superfluous_verdict_sure():
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL101"), _finding("BL604")]) == "high"
    assert confidence(Verdict.SUPERFLUOUS, SOMETHING, [_finding("BL202")]) == "high"


@pytest.mark.parametrize("code", ["BL106", "BL204", "BL304"])
def test_a_thin_link_is_not_contrary(code):
    """"users", "better reports", "would be nice": real reports are written that way too."""
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding(code)]) == "medium"
    assert confidence(Verdict.SUPERFLUOUS, SOMETHING, [_finding(code)]) == "low"


def test_a_waived_contrary_finding_does_not():
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL604", waived="it serves the Q3 release")]) == "medium"


def test_missing_or_old_links_leave_it_medium_or_low():
    absent = [_finding(code) for code in ("BL101", "BL201", "BL301", "BL302", "BL303", "BL401", "BL905")]
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, absent) == "medium"
    assert confidence(Verdict.SUPERFLUOUS, SOMETHING, absent) == "low"


def test_a_change_in_which_nothing_draws_a_link_is_sure():
    """A pull request naming nobody and no problem is our own work (204 of 207 right on the
    development part of tests/data/real); a report with nothing drawn may be a problem told in words
    breadline does not know."""
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL101")], change=True) == "high"
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL101")], change=False) == "medium"
    assert confidence(Verdict.SUPERFLUOUS, SOMETHING, [_finding("BL101")], change=True) == "low"


def test_the_type_of_a_pull_request_makes_the_change(cli, write):
    pull = BARE.replace("    points: 2\n", "    points: 2\n    type: pull request\n")
    issue = BARE.replace("    points: 2\n", "    points: 2\n    type: issue\n")
    assert json.loads(cli("audit", "-f", "json", write(pull)).stdout)["items"][0]["confidence"] == "high"
    assert json.loads(cli("audit", "-f", "json", write(issue)).stdout)["items"][0]["confidence"] == "medium"


def test_the_words_of_a_pull_request_make_the_change_too(cli, write):
    """As an export without types holds them: a conventional-commit title, a PR template."""
    titled = BARE.replace("title: Dashboard", "title: 'feat(dashboard): add a date filter'")
    assert json.loads(cli("audit", "-f", "json", write(titled)).stdout)["items"][0]["confidence"] == "high"
    spoken = BARE.replace("title: Dashboard", "title: Dashboard for the sales team")
    assert json.loads(cli("audit", "-f", "json", write(spoken, "spoken.yaml")).stdout)["items"][0]["confidence"] == "medium"


@pytest.mark.parametrize("verdict", [Verdict.WEAK, Verdict.ON_LINE])
def test_only_a_superfluous_verdict_has_one(verdict):
    assert confidence(verdict, NOTHING, [_finding("BL604")]) is None


def test_every_contrary_rule_is_a_rule_of_the_line_and_none_is_an_empty_link():
    assert set(CONTRARY) <= set(RULES)
    assert all(RULES[code].link is not None or code.startswith("BL6") for code in CONTRARY)
    assert not set(CONTRARY) & {"BL101", "BL201", "BL301", "BL302", "BL303", "BL401"}


@pytest.mark.parametrize(("backlog", "expected"), [(CHORE, "high"), (BARE, "medium"), (CLOSE, "low"), (TRACED, None)])
def test_json_says_how_sure_each_verdict_is(cli, write, backlog, expected):
    done = cli("audit", "-f", "json", write(backlog))
    assert done.exit_code == (1 if expected else 0), done.stderr
    (item,) = json.loads(done.stdout)["items"]
    assert item["confidence"] == expected


def test_sarif_and_csv_carry_it_too(cli, write):
    path = write(CHORE + BARE.replace("items:\n", ""))
    sarif = json.loads(cli("audit", "-f", "sarif", path).stdout)
    sure = {r["properties"]["item"]: r["properties"]["confidence"] for r in sarif["runs"][0]["results"]}
    assert sure == {"C-1": "high", "B-1": "medium"}
    gated = json.loads(cli("audit", "-f", "sarif", "--min-confidence", "high", path).stdout)["runs"][0]["results"]
    levels = {(r["properties"]["item"], r["ruleId"]): r["level"] for r in gated}
    assert levels[("C-1", "BL604")] == "error"
    assert levels[("B-1", "BL101")] == "warning"  # less sure: reported, but it does not fail the run
    rows = cli("audit", "-f", "csv", path).stdout.splitlines()
    assert rows[0].endswith(",confidence")
    assert [row.rsplit(",", 1)[1] for row in rows[1:]] == ["high", "medium"]


def test_explain_says_it_in_words(cli, write):
    done = cli("explain", "B-1", write(BARE))
    assert "Confidence: medium (nothing in it draws any link" in " ".join(done.stdout.split())


@pytest.mark.parametrize(("level", "fails"), [("low", {"C-1", "B-1", "L-1"}), ("medium", {"C-1", "B-1"}),
                                              ("high", {"C-1"})])
def test_min_confidence_fails_only_on_verdicts_that_sure(cli, write, level, fails):
    path = write(CHORE + BARE.replace("items:\n", "") + CLOSE.replace("items:\n", ""))
    done = cli("audit", "-f", "github", "--min-confidence", level, path)
    assert done.exit_code == 1, done.stderr
    errors = {line.split("breadline%3A ")[1].split()[0] for line in done.stdout.splitlines() if line.startswith("::error")}
    warnings = {line.split("breadline%3A ")[1].split()[0] for line in done.stdout.splitlines()
                if line.startswith("::warning")}
    assert errors == fails
    assert warnings == {"C-1", "B-1", "L-1"} - fails  # still reported, as warnings


def test_a_run_with_no_verdict_that_sure_passes(cli, write):
    path = write(BARE + CLOSE.replace("items:\n", ""))
    assert cli("audit", "--min-confidence", "high", path).exit_code == 0
    assert cli("audit", "--min-confidence", "medium", path).exit_code == 1
    junit = cli("audit", "-f", "junit", "--min-confidence", "high", path)
    assert junit.exit_code == 0
    assert 'failures="0"' in junit.stdout


@pytest.mark.parametrize("others", [["--fail-on", "weak"], ["--fail-on", "never"], ["--max-off-line", "30"]])
def test_min_confidence_only_narrows_fail_on_superfluous(cli, write, others):
    done = cli("audit", "--min-confidence", "high", *others, write(CHORE))
    assert done.exit_code == 2
    assert done.stderr.count("\n") == 1
    assert done.stderr.startswith("breadline: error: --min-confidence narrows --fail-on superfluous")


def test_a_level_it_does_not_know_is_a_usage_error(cli, write):
    done = cli("audit", "--min-confidence", "sure", write(CHORE))
    assert done.exit_code == 2
    assert "sure" in done.stderr


def test_gitlab_reports_the_less_sure_verdicts_one_step_lower(cli, write):
    path = write(CHORE + BARE.replace("items:\n", ""))
    every = json.loads(cli("audit", "-f", "gitlab", path).stdout)
    sure = json.loads(cli("audit", "-f", "gitlab", "--min-confidence", "high", path).stdout)
    by_item = lambda entries: {(e["check_name"], e["location"]["lines"]["begin"]): e["severity"] for e in entries}
    assert by_item(every).keys() == by_item(sure).keys()  # nothing dropped
    lowered = {key for key, level in by_item(sure).items() if level != by_item(every)[key]}
    assert lowered and all(line > 4 for _, line in lowered)  # only B-1's findings (from line 5 on)
    assert {by_item(sure)[key] for key in lowered} <= {"minor", "info"}


def test_statistics_say_how_sure_the_superfluous_verdicts_are(cli, write):
    path = write(CHORE + BARE.replace("items:\n", "") + CLOSE.replace("items:\n", ""))
    last = cli("audit", "--statistics", path).stdout.splitlines()[-1]
    assert last == "3  superfluous  5 points  (1 high, 1 medium, 1 low)"


def test_the_table_and_the_markdown_say_it_in_a_word(cli, write):
    path = write(CHORE + BARE.replace("items:\n", "") + CLOSE.replace("items:\n", ""))
    table = cli("audit", path).stdout
    words = {line.split()[0]: line for line in table.splitlines() if line.split() and line.split()[0] in ("C-1", "B-1", "L-1")}
    below = {key: table.splitlines()[table.splitlines().index(line) + 1] for key, line in words.items()}
    assert "sure" in below["C-1"].split() and "unsure" in below["B-1"].split() and "close call" in below["L-1"]
    markdown = cli("audit", "-f", "markdown", path).stdout
    assert "| superfluous (sure) |" in markdown and "| superfluous (unsure) |" in markdown
    assert "| superfluous (close call) |" in markdown


def test_explain_says_why_a_change_is_sure(cli, write):
    pull = BARE.replace("    points: 2\n", "    points: 2\n    type: pull request\n")
    done = " ".join(cli("explain", "B-1", write(pull)).stdout.split())
    assert "Confidence: high (a change, a pull request, in which nothing draws any link" in done
    chore = " ".join(cli("explain", "C-1", write(CHORE, "chore.yaml")).stdout.split())
    assert "Confidence: high (a rule finds the item off the line by what it says itself)" in chore


def test_the_planning_page_says_it_on_each_card(cli, write):
    path = write(CHORE + BARE.replace("items:\n", ""))
    page = cli("audit", "-f", "html", path).stdout
    assert page.count('<span class="sure">sure</span>') == 1
    assert page.count('<span class="sure">unsure</span>') == 1


def test_an_item_that_reads_like_a_report_is_only_a_close_call():
    """By its shape (read.shape.DOUBT_AT): on the development part such verdicts were right 0.61-0.71
    of the time, whatever else decided their confidence."""
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL101")], doubted=True) == "low"
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL604")], doubted=True) == "low"
    assert confidence(Verdict.SUPERFLUOUS, NOTHING, [_finding("BL101")], change=True, doubted=True) == "low"
    assert confidence(Verdict.WEAK, NOTHING, [_finding("BL101")], doubted=True) is None


DOUBTED = """\
items:
  - id: D-1
    title: Invoice list by month
    description: The invoice list is not the same after the filter by month.
"""
SHAPE = "words:\n  report-shape: {replace: ['bias -2', 'lead sam 2.9']}\n"
"""Weights of one's own, so that the item's shape reads 0.71: a close call (from 0.6), not yet a report (0.75)."""


def test_the_audit_and_explain_say_when_the_shape_makes_it_a_close_call(cli, write, tmp_path):
    path = write(DOUBTED)
    config = tmp_path / "shape.yaml"
    config.write_text(SHAPE, encoding="utf-8")
    (item,) = json.loads(cli("audit", "-f", "json", "--config", config, path).stdout)["items"]
    assert item["verdict"] == "superfluous" and item["confidence"] == "low"
    said = " ".join(cli("explain", "D-1", "--config", config, path).stdout.split())
    assert "Confidence: low (a close call: its words, weighed together, read like someone's report" in said, said
    config.write_text("words:\n  report-shape: {replace: []}\n", encoding="utf-8")
    (plain,) = json.loads(cli("audit", "-f", "json", "--config", config, path).stdout)["items"]
    assert plain["confidence"] == "medium"
