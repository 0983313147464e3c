"""`--format csv`: one row per item (always every item), for spreadsheets and scripts.

The link columns hold the points each link earned; lists (missing links, labels, finding
codes) are joined with ";". `findings` lists the codes of unwaived findings, once each.
A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is prefixed with a single quote.
"""

from __future__ import annotations

import csv as _csv  # with absolute imports this is the standard library, not this module
import io

from breadline.formats import View
from breadline.formats.shared import unwaived
from breadline.model import LINKS, AuditResult, ItemResult

HEADER = ("path", "line", "column", "id", "title", "score", "verdict", "traced", "via", "missing",
          *LINKS, "points", "labels", "type", "status", "findings", "best_fix")

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def render(result: AuditResult, view: View) -> str:
    buffer = io.StringIO()
    writer = _csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in result.items:
        writer.writerow([guard(value) for value in cells(row)])
    return buffer.getvalue()


def cells(row: ItemResult) -> list[str]:
    item = row.item
    position = item.position
    earned = {link.name: f"{link.points:g}" for link in row.links}
    return [
        position.path if position else "",
        str(position.line) if position else "",
        str(position.column) if position else "",
        item.id,
        item.title,
        str(row.score),
        row.verdict.value,
        "true" if row.traced else "false",
        row.via or "",
        ";".join(row.missing),
        *(earned.get(name, "") for name in LINKS),
        f"{item.points:g}" if item.points is not None else "",
        ";".join(item.labels),
        item.type or "",
        item.status or "",
        ";".join(dict.fromkeys(f.code for f in unwaived(row))),
        row.best_fix or "",
    ]


def guard(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_START) else value
