"""The default report: a table readable on a projector, plain text when piped."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from breadline.clip import clip, visible
from breadline.formats import View
from breadline.formats.shared import SURENESS
from breadline.model import AuditResult, ItemResult, Verdict

VERDICT_STYLES = {Verdict.ON_LINE: "green", Verdict.WEAK: "yellow", Verdict.SUPERFLUOUS: "bold red"}


def console_for(view: View) -> tuple[Console, io.StringIO]:
    """A console that writes to a string, with colour only when the view asks for it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=view.width,
        force_terminal=view.color,
        color_system="standard" if view.color else None,
        no_color=not view.color,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )
    return console, buffer


def render(result: AuditResult, view: View) -> str:
    rows = result.items if view.show_all else result.superfluous
    if not rows:
        return file_findings(result, view)
    hidden = 0
    if view.limit and len(rows) > view.limit:
        # Rendering costs per row; past a screenful a table stops helping anyone read it.
        hidden = len(rows) - view.limit
        rows = rows[: view.limit]
    console, buffer = console_for(view)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("ID", no_wrap=True)
    table.add_column("Title", ratio=3, min_width=16)
    table.add_column("Score", justify="right", no_wrap=True)
    table.add_column("Verdict", no_wrap=True)
    table.add_column("Decided by", ratio=2, min_width=12)
    inferred_rows = 0
    for row in rows:
        inferred = any(link.inferred for link in row.links)
        inferred_rows += inferred
        table.add_row(
            Text(visible(row.item.id, lines=False)),
            title_cell(row),
            Text(f"~{row.score}" if inferred else str(row.score)),
            _verdict_cell(row),
            Text(visible(missing_cell(row))),
        )
    notes = []
    if hidden:
        what = "items" if view.show_all else "superfluous items"
        notes.append(f"… and {hidden:,} more {what} — use --all (no limit) or --format json")
    if inferred_rows:
        notes.append("~ some links read from the title or description, not from their own fields")
    if notes:
        table.caption = "\n".join(notes)
        table.caption_justify = "left"
    console.print(table)
    return buffer.getvalue() + file_findings(result, view)


def file_findings(result: AuditResult, view: View) -> str:
    """The findings about the file itself (a `custmers:` typo), one line each, after the items."""
    if not result.findings:
        return ""
    console, buffer = console_for(view)
    for finding in result.findings:
        at = f"{finding.position}: " if finding.position else ""
        line = Text(at)
        line.append(f"{finding.code} {finding.name}", style="bold")
        line.append(f": {finding.message}")
        console.print(line, soft_wrap=True)
    return buffer.getvalue()


TITLE_LIMIT = 160
"""Longer titles are clipped: a table is for reading across, and a 1 MB title would print 25 MB."""


def title_cell(row: ItemResult) -> Text:
    text = Text(clip(row.item.title, TITLE_LIMIT))
    if row.via:
        text.append(f"  (via {visible(row.via, lines=False)})", style="dim")
    return text


def missing_cell(row: ItemResult) -> str:
    """What decided the verdict (`facts.decided_by`: a procedure motive, a misspelt `custmer:`,
    an unknown served id, ...), then the links that earned nothing, then the ones a rule (not a
    mere detail) held back."""
    from breadline.facts import decided_by, describe
    from breadline.rules import RULES

    decisive = decided_by(row)
    parts = [describe(decisive, 30)] if decisive else []
    missing = [name for name in row.missing if not (decisive and name == decisive.link)]
    if missing:
        parts.append(("missing " if decisive else "") + ", ".join(missing))
    for link in row.links:
        if link.missing or link.strength >= 1:
            continue
        names = [RULES[code].name for code in link.codes
                 if RULES[code].severity != "info" and not (decisive and code == decisive.code)]
        if names:
            parts.append(f"{link.name}: {', '.join(names)}")
    waived = sorted({f.code for f in row.findings if f.waived})
    if waived:
        parts.append(f"waived: {', '.join(waived)}")
    return "; ".join(parts) if parts else "—"


def _verdict_cell(row: ItemResult) -> Text:
    """The verdict in its colour; under a superfluous one, dim, how sure it is (`shared.SURENESS`)."""
    cell = Text(row.verdict.label, style=VERDICT_STYLES[row.verdict])
    sure = SURENESS.get(row.confidence or "")
    if sure:
        cell.append(f"\n{sure}", style="dim")
    return cell
