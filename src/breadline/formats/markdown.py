"""`--format markdown`: a summary to paste into a pull-request comment or a planning doc.

A heading, the headline sentence, the counts (and points) per verdict, then the superfluous
items (every item with `--all`): score, verdict, what is missing and the change worth most.
Scores with a link read from the title or description are marked "~", as in the table.
"""

from __future__ import annotations

from breadline.formats import View
from breadline.formats.shared import is_inferred, score_text
from breadline.formats.table import missing_cell
from breadline.model import AuditResult, ItemResult, Verdict

INFERRED_NOTE = "~ some links read from the title or description, not from their own fields"


def render(result: AuditResult, view: View) -> str:
    summary = result.summary
    lines = [f"## breadline: {', '.join(cell(path) for path in result.paths)}", ""]
    lines += [f"**{cell(summary.headline)}.**", ""]
    with_points = bool(summary.points)
    lines.append("| Verdict | Items |" + (" Points |" if with_points else ""))
    lines.append("|---|---:|" + ("---:|" if with_points else ""))
    for verdict in Verdict:
        totals = summary.by_verdict[verdict.value]
        lines.append(f"| {verdict.label} | {totals.items} |" + (f" {totals.points:g} |" if with_points else ""))
    lines.append("")

    rows = result.items if view.show_all else result.superfluous
    lines += ["### All items" if view.show_all else "### Superfluous items", ""]
    if not rows:
        lines.append("No superfluous item: every item traces to a paying person's problem.")
        return "\n".join(lines) + "\n"
    lines.append("| ID | Title | Score | Verdict | Missing or thin | Best fix |")
    lines.append("|---|---|---:|---|---|---|")
    for row in rows:
        lines.append("| " + " | ".join(cell(text) for text in (
            row.item.id, title(row), score_text(row), row.verdict.label, missing_cell(row), row.best_fix or "—",
        )) + " |")
    if any(is_inferred(row) for row in rows):
        lines += ["", f"<sub>{INFERRED_NOTE}</sub>"]
    return "\n".join(lines) + "\n"


def title(row: ItemResult) -> str:
    return f"{row.item.title} (via {row.via})" if row.via else row.item.title


def cell(text: str) -> str:
    """Text that stays inside its table cell and is not read as HTML: backslashes and pipes
    escaped, `<`, `>` and `&` as entities, line breaks as `<br>`."""
    text = text.replace("\\", "\\\\").replace("|", "\\|")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return "<br>".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
