"""Any tracker's CSV (`--from csv`): a spreadsheet of work items, one row each, read with the
mapping the user gives (`--map "Subject=title" --map "Ticket=id"` or `tracker.fields`).

Without a mapping the usual column names (`breadline/data/tracker-columns.yaml`, section `csv`)
feed title, id, description, status, type, points, labels, address, assignee and dates; every
other column stays available to `--map` (`--map "Customer=customer"`).
"""

from __future__ import annotations

from breadline.errors import InputError
from breadline.importers import records as rec
from breadline.importers.columns import names
from breadline.importers.records import Parsed, Record
from breadline.importers.tabular import Table, read_table
from breadline.importers.text import markup_to_text, one_line

SOURCE = "csv"

TARGETS = {"title": "title", "id": "id", "description": "description", "status": "status", "type": "type",
           "points": "points", "labels": "labels", "url": "url"}
"""The breadline fields a `--map` can point at a column for; the reader looks the rest up itself."""


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    table.mapped(aliases)
    for name, words in names(SOURCE).items():
        for word in words:
            table.alias(name, word)
    if not table.has("title"):
        raise InputError(f"has no column breadline can read as the items' titles: name it, e.g. "
                         f"{suggest_map(table)}", path, table.header_line, 1)
    parsed = table.parsed(SOURCE)
    for row, record in table.records():
        record.id = _one(table.value(row, "id"))
        if not rec.titled(record, table.value(row, "title"), parsed, "empty title"):
            continue
        rec.described(record, table.value(row, "description"), markup_to_text)
        record.status = _one(table.value(row, "status"))
        record.closed = rec.closed_status(record.status)
        record.type = _one(table.value(row, "type"))
        points = table.value(row, "points")
        if points is not None:
            record.points = rec.number(points)
            if record.points is None:
                record.notes.append(f"points '{one_line(points)[:40]}' is not a number; left out")
        labels: list[str] = []
        for cell in table.values(row, "labels"):
            labels += [part.strip() for part in cell.replace(";", ",").split(",") if part.strip()]
        record.labels = list(dict.fromkeys(labels))
        address = _one(table.value(row, "url"))
        record.url = address if address and address.startswith(("http://", "https://")) else None
        _extras(record, table, row)
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed


def _one(value: str | None) -> str | None:
    return one_line(value) or None if value else None


def _extras(record: Record, table: Table, row) -> None:
    for name in ("assignee", "author", "created", "updated"):
        value = table.value(row, name)
        if value:
            record.extra[name] = rec.iso_date(value) if name in ("created", "updated") else one_line(value)
    for name in ("votes", "comments"):
        value = (table.value(row, name) or "").strip()
        if value.isdigit() and len(value) <= 9 and int(value) > 0:
            record.extra[name] = int(value)


def suggest_map(table: Table) -> str:
    """The `--map` options that would read this table: its title column (a known name, else the
    column with the longest text) and its id column (a known name, else one whose every value is
    short and different), as a user would type them."""
    title = _named(table, "title") or _longest(table)
    ident = _named(table, "id") or _unique(table, exclude=title)
    parts = []
    if title:
        parts.append(f'--map "{_quoted(title)}=title"')
    if ident:
        parts.append(f'--map "{_quoted(ident)}=id"')
    return "--from csv " + " ".join(parts) if parts else '--from csv --map "COLUMN=title"'


def _quoted(column: str) -> str:
    from breadline.importers.text import safe

    shown = safe(column).replace('"', "'")
    return shown if len(shown) <= 60 else shown[:59] + "…"


def _named(table: Table, name: str) -> str | None:
    for word in names(SOURCE).get(name, ()):
        found = table.find(word)
        if found:
            return found
    return None


def _sample(table: Table) -> list:
    return table.rows[:200]


def _longest(table: Table) -> str | None:
    best, length = None, 0.0
    rows = _sample(table)
    for index, name in enumerate(table.header):
        if not name:
            continue
        cells = [row.cells[index].strip() for row in rows if index < len(row.cells) and row.cells[index].strip()]
        if not cells or all(cell.replace(".", "").replace(",", "").isdigit() for cell in cells):
            continue
        average = sum(len(cell) for cell in cells) / len(cells)
        if average > length:
            best, length = name, average
    return best


def _unique(table: Table, exclude: str | None) -> str | None:
    rows = _sample(table)
    for index, name in enumerate(table.header):
        if not name or name == exclude:
            continue
        cells = [row.cells[index].strip() for row in rows if index < len(row.cells)]
        if cells and all(cells) and len(set(cells)) == len(cells) and all(len(cell) <= 20 and " " not in cell
                                                                          for cell in cells):
            return name
    return None
