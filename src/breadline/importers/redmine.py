"""Redmine's issue list export (Issues > "CSV" at the foot of the list), in any interface language.

Redmine writes the columns the query shows, named in the exporting user's language (`#;Tracker;
Status;Priorität;Thema;Zugewiesen an` in German, `#,プロジェクト,トラッカー,...,題名` in Japanese),
with `;` between cells where the language uses a decimal comma. The names are looked up in
`breadline/data/tracker-columns.yaml` (section `redmine`, taken from Redmine's own translations).
The columns: `#` (the issue number), `Project`, `Tracker` (the type), `Parent task` (the parent's
number), `Status`, `Priority`, `Subject`, `Author`, `Assignee`, `Updated`, `Category`, `Target
version`, `Start date`, `Due date`, `Estimated time` (hours, not points), `% Done`, `Created`,
`Closed`, `Related issues` (`Blocks #12, Related to #9`), `Description` (Textile or Markdown), and
one column per custom field, under its own name. The export has no addresses:
`--url "https://redmine.example.org/issues/{id}"` links them.
"""

from __future__ import annotations

import datetime as dt
import re

from breadline.importers import records as rec
from breadline.importers.columns import normalize, translate, values as known_values
from breadline.importers.records import Parsed, Record, Relation
from breadline.importers.tabular import Table, read_table
from breadline.importers.text import markdown_to_text, one_line, raw_cut, wiki_to_text

SOURCE = "redmine"

TARGETS = {"title": "Subject", "id": "#", "description": "Description", "status": "Status", "type": "Tracker",
           "points": "Story points"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""

DATE_COLUMNS = ("Created", "Updated", "Closed", "Start date", "Due date")
_NUMBER = re.compile(r"^#?(\d{1,18})$")
_TEXTILE = re.compile(r"^(?:h[1-6]|bq|p)\.\s", re.MULTILINE)
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s|$)")


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    translate(table, SOURCE)
    table.mapped(aliases)
    table.require("Redmine CSV", ("Subject",), targets={"Subject": "title"})
    closed_states = known_values(SOURCE, "closed state")
    serving = _serving_pattern()
    day_first = _day_first(table)
    parsed = table.parsed(SOURCE)
    for row, record in table.records():
        record.id = _number(table.value(row, "#"))
        if not rec.titled(record, table.value(row, "Subject"), parsed, "no Subject"):
            continue
        raw = table.value(row, "Description")
        if raw:
            raw, record.raw_length = raw_cut(raw)
            textile = bool(_TEXTILE.search(raw))
            record.description = (wiki_to_text(raw) if textile else markdown_to_text(raw)) or None
            record.sections = rec.sections(raw, wiki=textile)
        record.type = _one(table.value(row, "Tracker"))
        record.status = _one(table.value(row, "Status"))
        if table.has("Closed"):
            record.closed = bool(table.value(row, "Closed"))
        if not record.closed and record.status:
            record.closed = normalize(record.status) in closed_states or bool(rec.closed_status(record.status))
        points = table.value(row, "Story points")
        if points is not None:
            record.points = rec.number(points)
            if record.points is None:
                record.notes.append(f"Story points '{one_line(points)[:40]}' is not a number; left out")
        version = table.value(row, "Target version")
        if version:
            record.sprints = [one_line(version)]
        _extras(record, table, row, day_first)
        if record.id:
            parent = _number(table.value(row, "Parent task"))
            if parent and parent != record.id:
                parsed.relations.append(Relation(record.id, parent, "subtask of"))
            for cell in table.values(row, "Related issues"):
                for number in serving.findall(cell):
                    parsed.relations.append(Relation(record.id, f"#{number}", "blocks or precedes"))
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed


def _one(value: str | None) -> str | None:
    return one_line(value) or None if value else None


def _number(value: str | None) -> str | None:
    """An issue number as breadline names it: `#95` (Redmine writes `95`, links `#95`)."""
    if not value:
        return None
    found = _NUMBER.match(value.strip())
    return f"#{found.group(1)}" if found else one_line(value) or None


def _serving_pattern() -> re.Pattern[str]:
    """Relations in `Related issues` that make this issue serve the other (`Blocks #12`,
    `Precedes #13`, in the export's language; a delay may stand between: `Precedes (3 days) #13`)."""
    words = sorted(known_values(SOURCE, "serving relations"), key=len, reverse=True) or ["blocks"]
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<!\w)(?:{alternatives})\s*(?:\([^()#\n]{{0,40}}\)\s*)?#(\d{{1,18}})\b", re.IGNORECASE)


def _day_first(table: Table) -> bool:
    """Whether `13/06/2023`-style dates in this export put the day first. Redmine writes dates as
    the user's settings say; a file is consistent, so one date whose first number is above 12
    (or whose second is) settles it. Unsettled, the day comes first, as in most of Redmine's
    languages."""
    for row in table.rows:
        for value in table.values(row, *DATE_COLUMNS):
            slashed = _SLASHED.match(value)
            if slashed:
                first, second = int(slashed.group(1)), int(slashed.group(2))
                if first > 12 >= second:
                    return True
                if second > 12 >= first:
                    return False
    return True


def _date(value: str, day_first: bool) -> str:
    slashed = _SLASHED.match(value.strip())
    if slashed:
        first, second, year = (int(part) for part in slashed.groups())
        day, month = (first, second) if day_first else (second, first)
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return value.strip()
    return rec.iso_date(value)


def _extras(record: Record, table: Table, row, day_first: bool) -> None:
    for name, column in (("priority", "Priority"), ("project", "Project"), ("version", "Target version"),
                         ("category", "Category"), ("assignee", "Assignee"), ("reporter", "Author"),
                         ("created", "Created"), ("updated", "Updated"), ("closed", "Closed"),
                         ("start", "Start date"), ("due", "Due date"), ("estimated_hours", "Estimated time"),
                         ("done_ratio", "% Done")):
        value = table.value(row, column)
        if not value:
            continue
        if column in DATE_COLUMNS:
            record.extra[name] = _date(value, day_first)
        elif name in ("estimated_hours", "done_ratio"):
            number = rec.number(value.rstrip("%").strip())
            if number is not None:
                record.extra[name] = number
        else:
            record.extra[name] = one_line(value)
