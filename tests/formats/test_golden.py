"""Every format, rendered from one fixture backlog, compared byte for byte with its golden file.

When a change to a format is intended, regenerate the goldens and review the diff:

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/formats/test_golden.py

The JSON and SARIF goldens carry the tool version, so a version bump regenerates them too.
The table golden is laid out by Rich, so a Rich upgrade may change it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from breadline.formats import Format, View
from tests.conftest import ROOT
from tests.formats.fixture import fixture_result

GOLDEN = ROOT / "tests" / "data" / "formats" / "golden"
EXTENSIONS = {
    Format.TABLE: "txt",
    Format.JSON: "json",
    Format.SARIF: "sarif",
    Format.JUNIT: "xml",
    Format.GITHUB: "txt",
    Format.GITLAB: "json",
    Format.MARKDOWN: "md",
    Format.CSV: "csv",
    Format.HTML: "html",
}
VIEW = View(show_all=True, width=100)
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def golden_path(member: Format) -> Path:
    return GOLDEN / f"{member.value}.{EXTENSIONS[member]}"


def test_every_format_has_a_golden_file():
    assert set(EXTENSIONS) == set(Format), "add the new format to EXTENSIONS and generate its golden file"


def test_fixture_covers_what_the_goldens_are_for():
    result = fixture_result()
    verdicts = {row.verdict.value for row in result.items}
    assert verdicts == {"on-line", "weak", "superfluous"}
    assert any(row.via for row in result.items), "an enabler traced through serves"
    assert any(f.code == "BL601" for row in result.items for f in row.findings), "an unknown served id"
    assert any(f.waived for row in result.items for f in row.findings), "a waived finding with its reason"
    assert any(link.inferred for row in result.items for link in row.links), "an inferred item"
    assert result.findings, "a finding about the file itself"
    titles = "".join(row.item.title for row in result.items)
    for char in (",", ":", "%", "|", '"', "'", "\n", "Ü", "é", "🧾"):
        assert char in titles


@pytest.mark.parametrize("member", list(EXTENSIONS), ids=[m.value for m in EXTENSIONS])
def test_format_matches_its_golden_file(member: Format):
    rendered = member.renderer()(fixture_result(), VIEW).encode("utf-8")
    path = golden_path(member)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rendered)
        return
    if not path.exists():
        pytest.fail(f"{path.relative_to(ROOT)} is missing; generate it with "
                    f"UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/formats/test_golden.py")
    expected = path.read_bytes()
    if rendered != expected:
        # Compare as text first, so pytest shows a readable diff.
        assert rendered.decode("utf-8") == expected.decode("utf-8", errors="replace")
        assert rendered == expected  # pragma: no cover - differs only in bytes text cannot show


@pytest.mark.parametrize("member", list(Format), ids=[m.value for m in Format])
def test_every_format_runs_from_the_command_line(cli, member: Format):
    result = cli("audit", "--format", member.value, ROOT / "tests" / "data" / "formats" / "backlog.yaml")
    assert result.exit_code == 1, result.output
    assert result.stdout.strip(), "the report goes to stdout"
    assert "are superfluous" in result.stderr, "the summary goes to stderr"
