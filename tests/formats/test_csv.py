"""CSV: one row per item, always every item, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io

import pytest

from breadline.audit import audit
from breadline.formats import Format, View
from breadline.formats import csv as csv_format
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import TODAY
from tests.formats.fixture import FIXTURE, fixture_result

HEADER = ["path", "line", "column", "id", "title", "score", "verdict", "traced", "via", "missing", "who", "problem",
          "evidence", "next", "points", "labels", "type", "status", "findings", "best_fix", "confidence"]


def rows(result, **view) -> list[dict[str, str]]:
    out = csv_format.render(result, View(**view))
    return list(csv.DictReader(io.StringIO(out, newline="")))


def test_the_module_name_does_not_shadow_the_standard_library():
    assert csv_format.__name__ == "breadline.formats.csv"
    assert csv_format._csv is csv
    assert Format.CSV.renderer() is csv_format.render


def test_header_and_one_row_per_item_whatever_the_view():
    result = fixture_result()
    out = csv_format.render(result, View())
    assert out.splitlines()[0] == ",".join(HEADER)
    assert "\r" not in out
    assert [r["id"] for r in rows(result)] == [r.item.id for r in result.items]
    assert rows(result) == rows(result, show_all=True) == rows(result, fail_on="never")


def test_values_of_a_row():
    by_id = {r["id"]: r for r in rows(fixture_result())}
    assert by_id["PAY-102"] == {
        "path": FIXTURE, "line": "20", "column": "5", "id": "PAY-102",
        "title": "Remind finance admins before a payment run", "score": "69", "verdict": "weak", "traced": "true",
        "via": "", "missing": "next", "who": "28", "problem": "25", "evidence": "16", "next": "0", "points": "3",
        "labels": "'@finance", "type": "", "status": "", "findings": "BL105;BL303;BL401",
        "best_fix": "Add `next:` with what changes for the customer once this ships. (+15 points, BL401)",
        "confidence": "",
    }
    assert by_id["MIG-7"]["via"] == "PAY-101"
    assert by_id["PAY-101"]["labels"] == "billing;q4"
    assert by_id["REF-3"]["missing"] == "who;problem;evidence;next"
    assert by_id["STO-9"]["points"] == ""
    assert by_id["EU-4"]["findings"] == "", "waived findings are not listed"


def test_awkward_titles_round_trip():
    by_id = {r["id"]: r for r in rows(fixture_result())}
    assert by_id["ESC-1"]["title"] == "Überweisung café 🧾: 100% \"fast\", a|b, 'quoted'\nsecond line"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_cells_that_a_spreadsheet_would_run_are_quoted(start):
    title = f"{start}HYPERLINK(\"http://evil.example\")"
    text = "- id: X1\n  title: " + _yaml_string(title) + "\n  labels: [" + _yaml_string(start + "x") + "]\n"
    result = audit(load_text(text, "b.yaml"), Settings(today=TODAY))
    (row,) = rows(result)
    assert row["title"] == "'" + title
    assert row["labels"] == "'" + start + "x"


def test_leading_tab_and_carriage_return_are_quoted_too():
    # The loader strips titles, but labels, ids and the like may still start this way.
    assert csv_format.guard("\t=1+1") == "'\t=1+1"
    assert csv_format.guard("\r=1+1") == "'\r'=1+1"  # the line after the CR is guarded too


def test_ordinary_cells_are_left_alone():
    assert csv_format.guard("Export invoices") == "Export invoices"
    assert csv_format.guard("") == ""
    assert csv_format.guard("a=b") == "a=b"


def _yaml_string(text: str) -> str:
    """A double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r") + '"'
