"""Markdown: a pull-request comment, checked as GitHub would show it — rendered by a CommonMark
renderer with GitHub's extensions (markdown-it-py's gfm-like preset: tables, strikethrough,
bare-address autolinks) — not by looking at the source."""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt

from breadline.audit import audit
from breadline.formats import View
from breadline.formats import markdown
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import REGISTRY, TODAY, TRACED
from tests.formats.fixture import fixture_result

WORD_JOINER = "\u2060"


def audited(text: str):
    return audit(load_text(text, "backlog.yaml"), Settings(today=TODAY))


def renderer() -> MarkdownIt:
    return MarkdownIt("gfm-like")


def inline_text(token) -> str:
    """What a reader sees of an inline token: its text, `<br>` as a line break."""
    out = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type == "html_inline" and child.content.lower().startswith("<br"):
            out.append("\n")
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
    return "".join(out).replace(WORD_JOINER, "")


def tables(md: str) -> list[list[list[str]]]:
    """Every table as rows of cell texts, header row first."""
    found, table, row = [], None, None
    for token in renderer().parse(md):
        if token.type == "table_open":
            table = []
        elif token.type == "table_close":
            found.append(table)
            table = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            table.append(row)
        elif token.type == "inline" and row is not None and table is not None:
            row.append(inline_text(token))
    return found


def item_rows(md: str) -> dict[str, list[str]]:
    (*_, items) = tables(md)
    assert items[0][:2] == ["ID", "Title"]
    return {row[0]: row for row in items[1:]}


def all_tokens(md: str):
    for token in renderer().parse(md):
        yield token
        yield from token.children or ()


# -- what it says ------------------------------------------------------------------------------


def test_heading_headline_and_verdict_counts():
    result = fixture_result()
    out = markdown.render(result, View())
    html = renderer().render(out)
    assert "<h2>breadline: tests/data/formats/backlog.yaml</h2>" in html
    assert f"<strong>{result.summary.headline}.</strong>" in html
    verdicts = tables(out)[0]
    assert verdicts == [["Verdict", "Items", "Points"], ["on the line", "3", "13"], ["weak", "2", "3"],
                        ["superfluous", "3", "11"]]


def test_points_column_only_when_items_carry_points():
    out = markdown.render(audited("- id: A\n  title: Dark mode\n"), View())
    assert tables(out)[0] == [["Verdict", "Items"], ["on the line", "0"], ["weak", "0"], ["superfluous", "1"]]


def test_superfluous_items_by_default_every_item_with_all():
    result = fixture_result()
    assert list(item_rows(markdown.render(result, View()))) == ["GRO-7", "REF-3", "ESC-1"]
    everything = markdown.render(result, View(show_all=True))
    assert "### All items" in everything
    assert list(item_rows(everything)) == [row.item.id for row in result.items]


def test_row_cells():
    rows = item_rows(markdown.render(fixture_result(), View(show_all=True)))
    assert rows["REF-3"] == ["REF-3", "Refactor the billing module", "0", "superfluous (sure)",
                             "BL601 unknown-served-item ‘PAY-999’; missing who, problem, evidence, next",
                             "Add `customer:` naming who pays and is helped, or `serves: ID` naming the item it "
                             "enables. (+40 points, BL101)"]
    assert rows["MIG-7"][1] == "Migrate invoice tables to Postgres 16 (via PAY-101)"
    assert rows["EU-4"][4] == "waived: BL301"
    assert rows["ESC-1"][1] == "Überweisung café 🧾: 100% \"fast\", a|b, 'quoted' second line"  # one line


def test_inferred_scores_are_marked():
    out = markdown.render(fixture_result(), View(show_all=True))
    assert item_rows(out)["STO-9"][2] == "~52"
    assert "~ some links read from the title or description" in out
    assert "~ some links" not in markdown.render(fixture_result(), View())


def test_file_findings_are_listed():
    out = markdown.render(fixture_result(), View())
    html = renderer().render(out)
    assert "About the file" in html and "BL901" in html and "custmers" in html


def test_nothing_superfluous_says_so():
    out = markdown.render(audited(REGISTRY + "items:\n" + TRACED), View())
    assert out.endswith("### Superfluous items\n\nNo superfluous item: every item traces to a paying person's problem.\n")


# -- safe to paste -----------------------------------------------------------------------------

HOSTILE = [
    "![x](http://evil.example/pixel.png)",
    "[click](https://evil.example)",
    "<img src=x onerror=alert(1)> <script>alert(1)</script>",
    "ping @octo-org/team and @dana",
    "see https://evil.example/a and www.evil.example and mail a@b.example",
    "**bold** _em_ ~~gone~~ `code` $x^2$ :smile: &amp; &#60;",
    "a | b | c",
    "<https://evil.example>",
    "line one\n| forged | row |\n## heading",
    "\\| backslash",
]


def title_cell(md: str, item_id: str):
    """The inline token of the item's title cell."""
    cells = []
    for token in renderer().parse(md):
        if token.type == "tr_open":
            cells = []
        elif token.type == "inline":
            cells.append(token)
        elif token.type == "tr_close" and cells and inline_text(cells[0]) == item_id:
            return cells[1]
    raise AssertionError(f"no row for {item_id}")


@pytest.mark.parametrize("title", HOSTILE)
def test_a_title_is_text_and_nothing_else(title):
    quoted = title.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    out = markdown.render(audited(f'- id: X-1\n  title: "{quoted}"\n'), View())
    cell = title_cell(out, "X-1")
    kinds = {child.type for child in cell.children}
    assert kinds <= {"text", "text_special", "html_inline"}, kinds  # no link, image, emphasis, code
    assert {c.content for c in cell.children if c.type == "html_inline"} <= {"<br>"}
    assert inline_text(cell) == " ".join(title.split())  # shown as written (on one line)
    assert [t.tag for t in renderer().parse(out) if t.type == "heading_open"] == ["h2", "h3"]
    assert len(tables(out)) == 2 and all(len(row) == 6 for row in tables(out)[1])
    rendered = renderer().render(out)
    assert "<img" not in rendered and "<a " not in rendered and "<script" not in rendered
    assert not re.search(r"@[\w-]", rendered), "a mention GitHub would notify"


def test_limit_is_respected_with_n_more():
    items = "".join(f"- id: X-{n}\n  title: Dark mode {n}\n" for n in range(30))
    out = markdown.render(audited(items), View(limit=10))
    assert list(item_rows(out)) == [f"X-{n}" for n in range(10)]
    assert "… and 20 more superfluous items" in out


def test_a_huge_backlog_stays_under_githubs_comment_limit():
    items = "".join(f"- id: X-{n}\n  title: {'Dark mode for the calendar and more ' * 9}{n}\n" for n in range(400))
    out = markdown.render(audited(items), View(limit=0))
    assert len(out.encode("utf-16-le")) // 2 < markdown.MAX_CHARS
    shown = len(item_rows(out))
    total = len(audited(items).superfluous)
    assert 10 < shown < total
    assert f"… and {total - shown:,} more superfluous items" in out


def test_one_enormous_title_is_clipped():
    out = markdown.render(audited(f"- id: X\n  title: {'a' * 200_000}\n"), View())
    assert len(out) < 5_000 and item_rows(out)["X"][1].endswith("…")
