"""`--format` and `--output` -> the format written: the whole mapping, one case a row."""

from __future__ import annotations

import pytest

from breadline.formats import SUFFIXES, Choice, Format, chosen


@pytest.mark.parametrize(("requested", "output", "actions", "expected"), [
    (None, None, False, Format.TABLE),
    (None, None, True, Format.TABLE),
    (None, "report.json", False, Format.JSON),
    (None, "out/REPORT.SARIF", False, Format.SARIF),
    (None, "results.xml", False, Format.JUNIT),
    (None, "items.csv", False, Format.CSV),
    (None, "notes.md", False, Format.MARKDOWN),
    (None, "notes.markdown", False, Format.MARKDOWN),
    (None, "page.html", False, Format.HTML),
    (None, "page.htm", False, Format.HTML),
    (None, "backlog.txt", False, Format.TABLE),
    (None, "no-suffix", False, Format.TABLE),
    (Choice.AUTO, None, False, Format.TABLE),
    (Choice.AUTO, None, True, Format.GITHUB),
    (Choice.AUTO, "report.json", True, Format.JSON),  # the suffix wins: no workflow commands in r.json
    (Choice.AUTO, "report.sarif", True, Format.SARIF),
    (Choice.AUTO, "report.txt", True, Format.TABLE),  # a file the runner never reads: no commands in it
    (Choice.JSON, "report.html", False, Format.JSON),
    (Choice.TABLE, "report.json", True, Format.TABLE),
])
def test_the_format_written(requested, output, actions, expected):
    assert chosen(requested, output, in_github_actions=actions) is expected


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_can_be_asked_for_by_name(fmt):
    assert chosen(Choice(fmt.value), None, in_github_actions=False) is fmt


def test_the_choices_are_the_formats_and_auto():
    assert [c.value for c in Choice] == [f.value for f in Format] + ["auto"]
    assert set(SUFFIXES.values()) <= set(Format)
