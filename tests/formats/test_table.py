"""The table: superfluous items by default, every item with --all; colour only when asked."""

from __future__ import annotations

import json

import pytest

from breadline.formats import Format, View
from breadline.formats import table
from tests.conftest import REGISTRY, TRACED, run_audit

TEXT = REGISTRY + "items:\n" + TRACED + "  - id: UX-1\n    title: Dark mode\n  - id: UX-2\n    title: Nice [bold]markup[/bold]\n    customer: acme\n"


def test_every_format_has_a_renderer():
    for member in Format:
        assert callable(member.renderer())


def test_default_lists_only_superfluous_items():
    out = table.render(run_audit(TEXT), View())
    assert "UX-1" in out and "PAY-1" not in out


def test_all_lists_every_item_with_its_verdict():
    out = table.render(run_audit(TEXT), View(show_all=True))
    for text in ("PAY-1", "UX-1", "UX-2", "on the line", "superfluous", "weak"):
        assert text in out


def test_titles_are_not_read_as_markup():
    out = table.render(run_audit(TEXT), View(show_all=True, width=160))
    assert "Nice [bold]markup[/bold]" in out


@pytest.mark.parametrize("color", [False, True])
def test_colour_only_when_asked(color):
    out = table.render(run_audit(TEXT), View(color=color))
    assert ("\x1b[" in out) is color


def test_nothing_to_list_renders_nothing():
    assert table.render(run_audit(REGISTRY + "items:\n" + TRACED), View()) == ""


def test_wide_characters_keep_columns_aligned():
    text = "- id: A\n  title: 請求書をエクスポート 🧾 ok\n- id: B\n  title: plain title\n"
    out = table.render(run_audit(text), View(width=100))
    from rich.cells import cell_len

    rows = [line for line in out.splitlines() if line.startswith(("A ", "B "))]
    assert len(rows) == 2
    # The Score column ends at the same screen column on both rows.
    ends = [cell_len(row[: row.index(" superfluous")]) for row in rows]
    assert ends[0] == ends[1]


def test_waived_findings_stay_visible_with_all(cli, write):
    import json

    path = write(REGISTRY + "items:\n  - id: A\n    title: t\n    customer: acme\n    problem: p\n    next: n\n"
                 "    waive: {BL301: \"new market, approved by Dana\"}\n")
    table_out = cli("audit", "--all", path).stdout
    assert "waived: BL301" in table_out
    finding = next(f for f in json.loads(cli("audit", "-f", "json", path).stdout)["items"][0]["findings"]
                   if f["code"] == "BL301")
    assert finding["waived"] == "new market, approved by Dana"


def test_long_tables_are_capped_with_a_clear_note(cli, write):
    path = write("".join(f"- id: X-{n}\n  title: untraced {n}\n" for n in range(130)))
    out = cli("audit", path).stdout
    assert "X-99" in out and "X-100" not in out
    assert "… and 30 more superfluous items — use --all (no limit) or --format json" in out
    assert "X-129" in cli("audit", "--limit", "0", path).stdout
    assert "X-129" in cli("audit", "--all", path).stdout
    assert "X-4 " in cli("audit", "--limit", "5", path).stdout and "X-5 " not in cli("audit", "--limit", "5", path).stdout


@pytest.mark.parametrize("title", [
    "ترحيل الفواتير إلى النظام المحاسبي",          # right-to-left
    "Cafe\u0301 cre\u0300me bru\u0302le\u0301e",  # combining accents
    "Invoices 🧾👩‍💼 for the team 🇳🇿",           # emoji, ZWJ sequence, flag
])
def test_rtl_combining_and_emoji_titles_keep_the_columns_aligned(title):
    from rich.cells import cell_len

    text = f"- id: A\n  title: \"{title}\"\n- id: B\n  title: plain title\n"
    out = table.render(run_audit(text), View(width=120))
    rows = [line for line in out.splitlines() if line.startswith(("A ", "B "))]
    assert len(rows) == 2
    ends = [cell_len(row[: row.index(" superfluous")]) for row in rows]
    assert ends[0] == ends[1]


def test_huge_titles_are_clipped(write, cli):
    path = write("- id: L\n  title: " + "word " * 20000 + "\n")
    out = cli("audit", path).stdout
    assert len(out) < 5000 and "…" in out


def test_long_lines_and_big_files_are_audited(write, cli):
    big = "x" * 2_000_000
    path = write("".join(f"- id: B-{i}\n  title: long {i}\n  description: \"{big}\"\n" for i in range(3)))
    result = cli("audit", "-f", "json", path)
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)["items"]) == 3
