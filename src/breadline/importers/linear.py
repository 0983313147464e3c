"""Linear's CSV export (Settings > Import / export > Export CSV, or a view's "Export CSV").

Columns: `ID` (ENG-123), `Team`, `Title`, `Description` (Markdown), `Status`, `Estimate` (points),
`Priority`, `Project`, `Creator`, `Assignee`, `Labels` (comma-separated), `Cycle Number`,
`Cycle Name`, `Cycle Start`, `Cycle End`, `Created`, `Updated`, `Started`, `Completed`,
`Canceled`, `Archived`, `Due Date`, `Parent issue`; some exports add `URL`, `Blocked by`,
`Blocking`, `Related to`. Linear's CSV has no issue URL of its own: give breadline a template
(`--url "https://linear.app/WORKSPACE/issue/{id}"`) to link findings back.
"""

from __future__ import annotations

import datetime as dt
import re

from breadline.importers import records as rec
from breadline.importers.records import Parsed, Relation
from breadline.importers.tabular import read_table
from breadline.importers.text import markdown_to_text

SOURCE = "linear"

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*-\d+")


TARGETS = {"title": "Title", "id": "ID", "description": "Description", "status": "Status", "labels": "Labels",
           "points": "Estimate", "url": "URL"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""


def read(text: str, path: str, today: dt.date | None = None, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    table.mapped(aliases)
    table.require("Linear CSV", ("Title",), ("ID",), targets={"Title": "title", "ID": "id"})
    parsed = table.parsed(SOURCE)
    today = today or dt.date.today()
    for row, record in table.records():
        record.id = table.value(row, "ID", "Identifier")
        if not rec.titled(record, table.value(row, "Title"), parsed, "no Title"):
            continue
        record.url = table.value(row, "URL")
        raw = rec.described(record, table.value(row, "Description"), markdown_to_text)
        if raw:
            if record.id:
                for target in rec.text_links(raw):
                    parsed.relations.append(Relation(record.id, target, "said in the description"))
        labels: list[str] = []
        for cell in table.values(row, "Labels", "Label"):
            labels += rec.split_list(cell)
        record.labels = list(dict.fromkeys(labels))
        record.type = rec.type_from_labels(record.labels)
        record.status = table.value(row, "Status")
        ended = table.value(row, "Completed", "Canceled", "Cancelled", "Archived")
        record.closed = bool(ended) or bool(rec.closed_status(record.status))
        estimate = table.value(row, "Estimate")
        if estimate is not None:
            points = rec.number(estimate)
            if points is None:
                record.notes.append(f"Estimate '{estimate}' is not a number of points; left out")
            record.points = points
        cycle = table.value(row, "Cycle Name") or (
            f"Cycle {table.value(row, 'Cycle Number')}" if table.value(row, "Cycle Number") else None)
        if cycle:
            record.sprints = [cycle]
            record.extra["cycle"] = cycle
            start, end = _date(table.value(row, "Cycle Start")), _date(table.value(row, "Cycle End"))
            if start and end:
                record.current_sprints = [cycle] if start <= today <= end else []
        for name, columns in (
            ("priority", ("Priority",)),
            ("team", ("Team",)),
            ("project", ("Project",)),
            ("assignee", ("Assignee",)),
            ("creator", ("Creator",)),
            ("created", ("Created",)),
            ("updated", ("Updated",)),
        ):
            value = table.value(row, *columns)
            if value:
                record.extra[name] = rec.iso_date(value) if name in ("created", "updated", "due") else value
        if record.id:
            for value in table.values(row, "Parent issue", "Parent"):
                for key in rec.ids_in(_KEY, value)[:1]:
                    parsed.relations.append(Relation(record.id, key, "sub-issue of"))
            for value in table.values(row, "Blocking", "Blocks"):
                for key in rec.ids_in(_KEY, value):
                    parsed.relations.append(Relation(record.id, key, "blocks"))
            for value in table.values(row, "Blocked by"):
                for key in rec.ids_in(_KEY, value):
                    parsed.relations.append(Relation(key, record.id, "blocks"))
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
