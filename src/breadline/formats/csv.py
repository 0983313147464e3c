"""`--format csv`: one row per item (always every item), for spreadsheets and scripts.

The link columns hold the points each link earned; lists (missing links, labels, finding
codes) are joined with ";". `findings` lists the codes of unwaived findings, once each.
A cell that a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage
return) is prefixed with a single quote, and so is each line of a cell and each value of a list
after the ";" that joins them (a spreadsheet may split on either). A cell holding a carriage
return or a line feed is quoted, and other control characters are made visible
(`breadline.clip.visible`).
"""

from __future__ import annotations

import csv as _csv  # with absolute imports this is the standard library, not this module
import re

from breadline.clip import visible
from breadline.formats import View
from breadline.formats.shared import unwaived
from breadline.model import LINKS, AuditResult, ItemResult

HEADER = ("path", "line", "column", "id", "title", "score", "verdict", "traced", "via", "missing",
          *LINKS, "points", "labels", "type", "status", "findings", "best_fix", "confidence")
"""The columns, in order; a new column is added at the end, so that a reader by position keeps working."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


_AFTER_BREAK = re.compile(r"([\r\n;])(?=[=+\-@\t\r])")


class _Rows:
    """What the csv writer writes into: each row ends in CR LF, so that the writer quotes a cell
    holding a lone CR as well as one holding LF (it quotes the characters of its line terminator);
    the rows are kept ending in LF, as they always have."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> None:
        self.parts.append(text[:-2] + "\n")


def render(result: AuditResult, view: View) -> str:
    rows = _Rows()
    writer = _csv.writer(rows, lineterminator="\r\n")
    writer.writerow(HEADER)
    for row in result.items:
        writer.writerow([guard(value) for value in cells(row)])
    return "".join(rows.parts)


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
        row.confidence or "",
    ]


def guard(value: str) -> str:
    """Keep spreadsheets from running a cell as a formula (CSV injection): a quote before a
    formula's first character at the start of the cell, of each of its lines, and after each ";"
    (list values are joined with it); control characters but CR and LF made visible."""
    value = "\r".join(map(visible, value.split("\r"))) if "\r" in value else visible(value)
    if _AFTER_BREAK.search(value):
        value = _AFTER_BREAK.sub(r"\1'", value)
    return "'" + value if value.startswith(_FORMULA_START) else value
