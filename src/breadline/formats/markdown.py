"""`--format markdown`: a summary to paste into a pull-request comment or a planning doc.

A heading, the headline sentence, the counts (and points) per verdict, then the superfluous
items (every item with `--all`): score, verdict, what is missing and the change worth most; the
findings about the file itself. Scores with a link read from the title or description are
marked "~", as in the table. With `audit --changed-since REV` it reads as a pull-request comment:
what the change adds to the part of the backlog that is off the line, and what it takes off.

Safe to paste: every text from a backlog is escaped (`text`), so a title cannot make an image, a
link, HTML, an entity, emphasis, math, an emoji, a table cell or a mention; at most `view.limit`
rows are listed, and the whole comment stays under GitHub's 65,536 characters (`MAX_CHARS`),
with "N more" saying what was left out.
"""

from __future__ import annotations

import re

from breadline.clip import clip
from breadline.formats import View
from breadline.formats.shared import is_inferred, score_text, verdict_text
from breadline.formats.table import missing_cell
from breadline.model import AuditResult, Changes, ItemResult, Verdict

INFERRED_NOTE = "~ some links read from the title or description, not from their own fields"
MAX_CHARS = 65_536
"""GitHub's limit for a comment (and an issue or pull-request body)."""
CELL_LIMIT = 300
"""Longer titles are clipped (on one line), so that one item cannot take the whole comment."""
RESERVE = 1_000
"""Room kept for the closing lines ("N more", the notes) once rows stop fitting."""

_SPECIAL = re.compile(r"([\\`*_\[\]<>!&|~:$])")
"""What could start Markdown inside a line: code, emphasis, links and images, HTML and entities,
table cells, strikethrough, emoji shortcodes and autolinks (`:`), math (`$`)."""
_WORD_JOINER = "\u2060"


def render(result: AuditResult, view: View) -> str:
    out = _Budget(MAX_CHARS - RESERVE)
    summary = result.summary
    if result.changes is not None:
        out.extend(changes_lines(result.changes, view.limit))
    else:
        out.extend([f"## breadline: {', '.join(text(path) for path in result.paths) or 'no backlog'}", ""])
    out.extend([f"**{text(summary.headline)}.**", ""])
    with_points = bool(summary.points)
    out.add("| Verdict | Items |" + (" Points |" if with_points else ""))
    out.add("|---|---:|" + ("---:|" if with_points else ""))
    for verdict in Verdict:
        totals = summary.by_verdict[verdict.value]
        out.add(f"| {verdict.label} | {totals.items} |" + (f" {totals.points:g} |" if with_points else ""))
    out.add("")
    if result.findings:
        out.extend(["### About the file", ""])
        for finding in result.findings:
            at = f"{text(str(finding.position))}: " if finding.position else ""
            if not out.add(f"- {at}{finding.code} {finding.name}: {text(finding.message)}"):
                break
        out.add("")

    rows = result.items if view.show_all else result.superfluous
    what = "items" if view.show_all else "superfluous items"
    out.extend(["### All items" if view.show_all else "### Superfluous items", ""])
    if not rows:
        out.add("No superfluous item: every item traces to a paying person's problem." if result.changes is None
                else "No superfluous item among the items this change adds or alters.")
        return out.text()
    out.add("| ID | Title | Score | Verdict | Decided by | Best fix |")
    out.add("|---|---|---:|---|---|---|")
    shown = 0
    for row in rows[: view.limit or None]:
        if not out.add(row_line(row)):
            break
        shown += 1
    tail = []
    if shown < len(rows):
        tail += ["", f"… and {len(rows) - shown:,} more {what}: `breadline audit --all` lists them."]
    if any(is_inferred(row) for row in rows[:shown]):
        tail += ["", f"<sub>{INFERRED_NOTE}</sub>"]
    out.extend(tail, force=True)
    return out.text()


def changes_lines(changes: Changes, limit: int = 0) -> list[str]:
    """The head of a pull-request comment: what this change does to the line."""
    added, taken = changes.added_off_line, changes.taken_off
    lines = [f"## breadline: this change, against {text(changes.revision)}", ""]
    if not changes.changes:
        return lines + ["This change adds, alters or removes no backlog item.", ""]

    def points(found) -> str:
        total = sum(c.points or 0 for c in found)
        return f" ({total:g} points)" if total else ""

    def items(found) -> str:
        return f"{len(found)} {'item' if len(found) == 1 else 'items'}{points(found)}"

    said = []
    if added:
        said.append(f"puts {items(added)} off the line (superfluous now: "
                    f"{', '.join(text(c.item_id) for c in added[:10])}{', …' if len(added) > 10 else ''})")
    if taken:
        said.append(f"takes {items(taken)} off the superfluous list (mended or removed: "
                    f"{', '.join(text(c.item_id) for c in taken[:10])}{', …' if len(taken) > 10 else ''})")
    lines += [f"This change {' and '.join(said) if said else 'leaves the superfluous items as they were'}.", ""]
    lines += ["| Change | ID | Title | Before | Now |", "|---|---|---|---|---|"]
    listed = changes.changes[: limit or None]
    for change in listed:
        lines.append("| " + " | ".join((
            change.kind, text(change.item_id), text(clip(change.title, CELL_LIMIT)),
            change.before.label if change.before else "—", change.after.label if change.after else "—",
        )) + " |")
    if len(listed) < len(changes.changes):
        lines += ["", f"… and {len(changes.changes) - len(listed):,} more changed items."]
    return lines + [""]


def row_line(row: ItemResult) -> str:
    return "| " + " | ".join(text(cell) for cell in (
        row.item.id, clip(title(row), CELL_LIMIT), score_text(row), verdict_text(row), missing_cell(row),
        row.best_fix or "—",
    )) + " |"


def title(row: ItemResult) -> str:
    return f"{row.item.title} (via {row.via})" if row.via else row.item.title


def text(value: str) -> str:
    """Backlog text as literal Markdown inside a line (a table cell): Markdown's punctuation
    backslash-escaped, line breaks as `<br>`, a word joiner after `@` (no mention) and inside
    `://` and `www.` (no autolink, in renderers that link bare addresses)."""
    value = _SPECIAL.sub(r"\\\1", value)
    value = value.replace("@", "@" + _WORD_JOINER)
    value = re.sub(r"(?i)(www)\.", "\\1" + _WORD_JOINER + ".", value).replace("\\://", "\\:" + _WORD_JOINER + "//")
    return "<br>".join(value.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


class _Budget:
    """Lines that stop growing before they pass a number of characters."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.lines: list[str] = []
        self.size = 0

    def add(self, line: str, force: bool = False) -> bool:
        size = len(line.encode("utf-16-le")) // 2 + 1  # as JavaScript counts: 🧾 is two
        if not force and self.size + size > self.limit:
            return False
        self.lines.append(line)
        self.size += size
        return True

    def extend(self, lines: list[str], force: bool = False) -> None:
        for line in lines:
            self.add(line, force)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"
