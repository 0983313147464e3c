"""Azure DevOps (Boards) "Export to CSV" of a query's results, flat or as a tree.

A flat query writes one column per field it shows: `ID`, `Work Item Type`, `Title`, `State`,
`Assigned To`, `Tags` (`; `-separated), `Area Path`, `Iteration Path` and whatever else the query
lists (`Story Points`, `Effort` or `Size` for points, `Parent` for the parent's ID, `Description`
as HTML). A tree query writes the title in `Title 1`, `Title 2`, ... by the item's level, the
parent being the nearest row above one level up; saved again by Excel it may lose its `ID`
column and use `;` between cells. Both become items, the child serving its parent. The export has
no addresses: `--url "https://dev.azure.com/ORG/PROJECT/_workitems/edit/{id}"` links them.
"""

from __future__ import annotations

import re

from breadline.importers import records as rec
from breadline.importers.columns import translate, values as known_values
from breadline.importers.records import Parsed, Record, Relation
from breadline.importers.tabular import Table, normalize, read_table
from breadline.importers.text import html_to_text, looks_like_html, markdown_to_text, one_line, raw_cut

SOURCE = "azure-devops"

TARGETS = {"title": "Title", "id": "ID", "description": "Description", "status": "State",
           "type": "Work Item Type", "labels": "Tags", "points": "Story Points"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""

_LEVEL = re.compile(r"^title (\d{1,2})$")


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    translate(table, SOURCE)
    table.mapped(aliases)
    levels = sorted((int(_LEVEL.match(name).group(1)), name) for name in table.matching(_LEVEL))
    if not levels:
        table.require("Azure DevOps CSV", ("Title",), targets={"Title": "title"})
    closed_states = known_values(SOURCE, "closed state")
    parsed = table.parsed(SOURCE)
    numbered = table.has("ID")
    parents: list[str | None] = []
    for row, record in table.records():
        number = table.value(row, "ID")
        record.id = (f"#{number}" if number.isdigit() and len(number) <= 18 else one_line(number) or None) if number else None
        level, title = _title(table, row, levels)
        if not record.id and levels:
            record.id = f"row-{row.number}"
        if not rec.titled(record, title, parsed, "no Title"):
            continue
        if levels and record.id:
            del parents[level - 1:]
            while len(parents) < level - 1:
                parents.append(None)
            parent = parents[level - 2] if level >= 2 else None
            if parent:
                parsed.relations.append(Relation(record.id, parent, "child in the tree"))
            parents.append(record.id)
        record.type = _one(table.value(row, "Work Item Type"))
        record.status = _one(table.value(row, "State"))
        if record.status:
            record.closed = normalize(record.status) in closed_states or bool(rec.closed_status(record.status))
        raw = table.value(row, "Description")
        if raw:
            raw, record.raw_length = raw_cut(raw)
            record.description = (html_to_text(raw) if looks_like_html(raw) else markdown_to_text(raw)) or None
        criteria = table.value(row, "Acceptance Criteria")
        if criteria:
            record.sections["Acceptance Criteria"] = html_to_text(criteria) if looks_like_html(criteria) else criteria
        tags: list[str] = []
        for cell in table.values(row, "Tags"):
            tags += [part.strip() for part in cell.split(";") if part.strip()]
        record.labels = list(dict.fromkeys(tags))
        points = table.value(row, "Story Points")
        if points is not None:
            record.points = rec.number(points)
            if record.points is None:
                record.notes.append(f"points '{one_line(points)[:40]}' is not a number; left out")
        parent = table.value(row, "Parent")
        if parent and record.id:
            parent = parent.strip()
            target = f"#{parent}" if parent.isdigit() else parent
            if target != record.id:
                parsed.relations.append(Relation(record.id, target, "child of"))
        iteration = table.value(row, "Iteration Path")
        if iteration:
            sprint = iteration.replace("/", "\\").rstrip("\\").rsplit("\\", 1)[-1].strip()
            record.sprints = list(dict.fromkeys([sprint, iteration.strip()]))
            record.extra["iteration"] = iteration.strip()
        _extras(record, table, row)
        record.fields = table.record(row)
        parsed.records.append(record)
    if levels and not numbered and parsed.records:
        parsed.notes.append("the export has no ID column, so items are named by their row (row-1, row-2...): "
                            "add the ID column to the query before exporting to keep the work items' own IDs")
    return parsed


def _title(table: Table, row, levels: list[tuple[int, str]]) -> tuple[int, str | None]:
    if not levels:
        return 1, table.value(row, "Title")
    for level, name in levels:
        value = table.value(row, name)
        if value:
            return level, value
    return 1, None


def _one(value: str | None) -> str | None:
    return one_line(value) or None if value else None


def _extras(record: Record, table: Table, row) -> None:
    for name, column in (("priority", "Priority"), ("area", "Area Path"), ("assignee", "Assigned To"),
                         ("author", "Created By"), ("created", "Created Date"), ("updated", "Changed Date")):
        value = table.value(row, column)
        if value:
            record.extra[name] = rec.iso_date(value) if name in ("created", "updated") else one_line(value)
    comments = table.value(row, "Comment Count")
    if comments and comments.strip().isdigit() and len(comments.strip()) <= 9 and int(comments) > 0:
        record.extra["comments"] = int(comments)
