"""Pivotal Tracker's CSV export (More > Export CSV), as projects kept it when Tracker closed.

Columns: `Id`, `Title` (older exports: `Story`), `Labels` (comma-separated), `Iteration`,
`Iteration Start`, `Iteration End`, `Type` (older: `Story Type`: feature, bug, chore, release,
epic), `Estimate` (points), `Current State` (unscheduled, unstarted, started, finished,
delivered, accepted, rejected), `Created at`, `Accepted at`, `Deadline`, `Requested By`,
`Description` (Markdown), `URL`, then one `Owned By`, `Comment` (`text (Author - Jul 28, 2012)`),
`Task` and `Task Status` column per value, and in later exports `Blocker`, `Pull Request`,
`Priority`. A story is closed once accepted; its iteration is its sprint; its tasks join the
description as a checklist, as Trello's do.
"""

from __future__ import annotations

import datetime as dt

from breadline.importers import records as rec
from breadline.importers.columns import normalize, translate, values as known_values
from breadline.importers.records import Parsed, Record
from breadline.importers.tabular import Table, read_table
from breadline.importers.text import markdown_to_text, one_line

SOURCE = "pivotal"

TARGETS = {"title": "Title", "id": "Id", "description": "Description", "status": "Current State",
           "type": "Type", "labels": "Labels", "points": "Estimate", "url": "URL"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""


def read(text: str, path: str, today: dt.date | None = None, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    translate(table, SOURCE)
    table.mapped(aliases)
    table.require("Pivotal Tracker CSV", ("Title",), ("Id",), targets={"Title": "title", "Id": "id"})
    done = known_values(SOURCE, "done state")
    today = today or dt.date.today()
    parsed = table.parsed(SOURCE)
    for row, record in table.records():
        number = table.value(row, "Id")
        record.id = (f"#{number}" if number.isdigit() and len(number) <= 18 else one_line(number) or None) if number \
            else None
        if not rec.titled(record, table.value(row, "Title"), parsed, "no Title"):
            continue
        rec.described(record, table.value(row, "Description"), markdown_to_text)
        tasks = _tasks(table, row)
        if tasks:
            record.description = "\n\n".join(part for part in (record.description, tasks) if part)
        record.url = table.value(row, "URL")
        record.type = _one(table.value(row, "Type"))
        record.status = _one(table.value(row, "Current State"))
        record.closed = bool(table.value(row, "Accepted at")) or (
            normalize(record.status) in done if record.status else False)
        labels: list[str] = []
        for cell in table.values(row, "Labels"):
            labels += rec.split_list(cell)
        record.labels = list(dict.fromkeys(label for label in map(one_line, labels) if label))
        estimate = table.value(row, "Estimate")
        if estimate is not None and estimate.strip() != "-1":
            record.points = rec.number(estimate)
            if record.points is None:
                record.notes.append(f"Estimate '{one_line(estimate)[:40]}' is not a number of points; left out")
        _iteration(record, table, row, today)
        _extras(record, table, row)
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed


def _one(value: str | None) -> str | None:
    return one_line(value) or None if value else None


def _tasks(table: Table, row) -> str | None:
    """A story's tasks as a checklist (`- [x] Write the migration`), each with its `Task Status`."""
    tasks = table.values(row, "Task")
    if not tasks:
        return None
    statuses = [normalize(cell) for cell in _cells(table, row, "Task Status")]
    lines = []
    for index, task in enumerate(tasks):
        mark = "x" if index < len(statuses) and statuses[index] in ("completed", "complete", "done") else " "
        lines.append(f"- [{mark}] {one_line(task)}")
    return "Tasks:\n" + "\n".join(lines)


def _cells(table: Table, row, name: str) -> list[str]:
    """Every cell of the columns called `name`, empty ones too (to pair tasks with their statuses)."""
    from breadline.importers.tabular import clean_cell

    return [clean_cell(row.cells[index]) if index < len(row.cells) else ""
            for index in table.columns.get(normalize(name), ())]


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(rec.iso_date(value))
    except ValueError:
        return None


def _iteration(record: Record, table: Table, row, today: dt.date) -> None:
    number = table.value(row, "Iteration")
    if not number:
        return
    name = f"Iteration {one_line(number)}"
    record.sprints = [name]
    record.extra["iteration"] = name
    start, end = _date(table.value(row, "Iteration Start")), _date(table.value(row, "Iteration End"))
    if start and end:
        record.current_sprints = [name] if start <= today <= end else []


def _extras(record: Record, table: Table, row) -> None:
    for name, column in (("priority", "Priority"), ("assignee", "Owned By"), ("reporter", "Requested By"),
                         ("created", "Created at"), ("accepted", "Accepted at"), ("due", "Deadline")):
        value = table.value(row, column)
        if value:
            record.extra[name] = rec.iso_date(value) if column in ("Created at", "Accepted at", "Deadline") \
                else one_line(value)
    comments = table.values(row, "Comment")
    if comments:
        record.extra["comments"] = len(comments)
