"""Markdown: a summary for a pull-request comment or a planning doc."""

from __future__ import annotations

from breadline.audit import audit
from breadline.formats import View
from breadline.formats import markdown
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import REGISTRY, TODAY, TRACED
from tests.formats.fixture import fixture_result


def audited(text: str):
    return audit(load_text(text, "backlog.yaml"), Settings(today=TODAY))


def table_rows(out: str, first_cell: str) -> list[str]:
    return [line for line in out.splitlines() if line.startswith(f"| {first_cell}")]


def cells(row: str) -> list[str]:
    """Split a table row on unescaped pipes, as GitHub does."""
    parts, current, escaped = [], "", False
    for char in row.strip()[1:-1]:
        if char == "|" and not escaped:
            parts.append(current.strip())
            current = ""
        else:
            current += char
        escaped = char == "\\" and not escaped
    parts.append(current.strip())
    return parts


def test_heading_headline_and_verdict_counts():
    result = fixture_result()
    out = markdown.render(result, View())
    lines = out.splitlines()
    assert lines[0] == "## breadline: tests/data/formats/backlog.yaml"
    assert f"**{result.summary.headline}.**" in lines
    assert "| Verdict | Items | Points |" in lines
    assert "| on the line | 3 | 13 |" in lines
    assert "| weak | 2 | 3 |" in lines
    assert "| superfluous | 3 | 11 |" in lines


def test_points_column_only_when_items_carry_points():
    out = markdown.render(audited("- id: A\n  title: Dark mode\n"), View())
    assert "| Verdict | Items |" in out.splitlines()
    assert "| superfluous | 1 |" in out.splitlines()


def test_superfluous_items_by_default_every_item_with_all():
    result = fixture_result()
    default = markdown.render(result, View())
    assert "### Superfluous items" in default
    listed = [cells(line)[0] for line in default.splitlines()
              if line.startswith("| ") and cells(line)[0] not in ("ID", "Verdict", "on the line", "weak", "superfluous")]
    assert listed == ["GRO-7", "REF-3", "ESC-1"]
    everything = markdown.render(result, View(show_all=True))
    assert "### All items" in everything
    for item_id in ("PAY-101", "PAY-102", "MIG-7", "EU-4", "STO-9"):
        assert table_rows(everything, item_id)


def test_row_cells():
    out = markdown.render(fixture_result(), View(show_all=True))
    (ref,) = table_rows(out, "REF-3")
    assert cells(ref) == ["REF-3", "Refactor the billing module", "0", "superfluous",
                          "BL601 unknown-served-item ‘PAY-999’; missing who, problem, evidence, next",
                          "Add `customer:` naming who pays and is helped, or `serves: ID` naming the item it enables. "
                          "(+40 points, BL101)"]
    (mig,) = table_rows(out, "MIG-7")
    assert cells(mig)[1] == "Migrate invoice tables to Postgres 16 (via PAY-101)"
    (eu,) = table_rows(out, "EU-4")
    assert cells(eu)[4] == "waived: BL301"


def test_inferred_scores_are_marked():
    out = markdown.render(fixture_result(), View(show_all=True))
    (sto,) = table_rows(out, "STO-9")
    assert cells(sto)[2] == "~52"
    assert "~ some links read from the title or description" in out
    assert "~ some links" not in markdown.render(fixture_result(), View())


def test_pipes_newlines_and_html_stay_inside_the_cell():
    out = markdown.render(fixture_result(), View(show_all=True))
    (esc,) = table_rows(out, "ESC-1")
    assert len(cells(esc)) == 6
    assert cells(esc)[1] == "Überweisung café 🧾: 100% \"fast\", a\\|b, 'quoted'<br>second line"
    assert markdown.cell("a\\|b <script> & c\r\nd") == "a\\\\\\|b &lt;script&gt; &amp; c<br>d"


def test_nothing_superfluous_says_so():
    out = markdown.render(audited(REGISTRY + "items:\n" + TRACED), View())
    assert out.endswith("### Superfluous items\n\nNo superfluous item: every item traces to a paying person's problem.\n")
