"""YouTrack's issue list "Export to CSV" (Issues > select > Export > CSV).

Every column is quoted: `Issue Id` (`G12-195`), `Project`, `Tags`, `Summary`, `Reporter`,
`Created`, `Updated`, `Resolved` (a date once the issue is resolved), then the project's custom
fields (`Priority`, `Type`, `State`, `Assignee`, `Sprints` or `Fix versions`, `Story points`,
`Estimation`... under the names the project gives them), `Description` (Markdown) and `Votes`.
An empty custom field is written as its "empty text": `Unassigned`, `Unscheduled`, or `No ` and the
field's name (`No environment`), which this reader treats as empty. Dates look like `11 Nov 2022`.
Links appear only where the query adds their columns (`Subtask of`, `Depends on`, `Is required
for`, YouTrack's default link types). The export has no addresses:
`--url "https://YOUR-SITE.youtrack.cloud/issue/{id}"` links them.
"""

from __future__ import annotations

import re

from breadline.importers import records as rec
from breadline.importers.columns import normalize, translate, values as known_values
from breadline.importers.records import Parsed, Record, Relation
from breadline.importers.tabular import Table, read_table
from breadline.importers.text import markdown_to_text, one_line

SOURCE = "youtrack"

TARGETS = {"title": "Summary", "id": "Issue Id", "description": "Description", "status": "State",
           "type": "Type", "labels": "Tags", "points": "Story points"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""

_KEY = re.compile(r"[A-Za-z][A-Za-z0-9_]*-\d+")
LINKS = (("Subtask of", "out"), ("Is required for", "out"), ("Depends on", "in"))
"""Link columns, and which way they serve: a subtask serves its parent, an issue required for
another serves it, and an issue this one depends on serves this one."""


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    translate(table, SOURCE)
    table.mapped(aliases)
    table.require("YouTrack CSV", ("Summary",), ("Issue Id",), targets={"Summary": "title", "Issue Id": "id"})
    empty = known_values(SOURCE, "empty text")
    resolved_states = known_values(SOURCE, "resolved state")
    parsed = table.parsed(SOURCE)
    for row, record in table.records():
        cells = _Cells(table, row, empty)
        record.id = _one(cells.get("Issue Id"))
        if not rec.titled(record, cells.get("Summary"), parsed, "empty Summary"):
            continue
        rec.described(record, cells.get("Description"), markdown_to_text)
        record.type = _one(cells.get("Type"))
        record.status = _one(cells.get("State"))
        resolved = cells.get("Resolved")
        record.closed = bool(resolved) or (normalize(record.status) in resolved_states if record.status else False) \
            or bool(rec.closed_status(record.status))
        tags: list[str] = []
        for cell in cells.all("Tags"):
            tags += rec.split_list(cell)
        record.labels = list(dict.fromkeys(label for label in map(one_line, tags) if label))
        points = cells.get("Story points")
        if points is not None:
            record.points = rec.number(points)
            if record.points is None:
                record.notes.append(f"Story points '{one_line(points)[:40]}' is not a number; left out")
        sprints: list[str] = []
        for cell in cells.all("Sprints", "Fix versions"):
            sprints += rec.split_list(cell)
        record.sprints = list(dict.fromkeys(sprint for sprint in map(one_line, sprints) if sprint))
        if record.sprints:
            record.extra["sprint"] = record.sprints[-1]
        _extras(record, cells)
        if record.id:
            for column, way in LINKS:
                for cell in cells.all(column):
                    for key in rec.ids_in(_KEY, cell):
                        enabler, served = (record.id, key) if way == "out" else (key, record.id)
                        parsed.relations.append(Relation(enabler, served, column.lower()))
        record.fields = {name: kept for name, values in table.record(row).items()
                         if (kept := [value for value in values if not _is_empty(value, name, empty)])}
        parsed.records.append(record)
    return parsed


def _one(value: str | None) -> str | None:
    return one_line(value) or None if value else None


def _is_empty(value: str, column: str, empty: frozenset[str]) -> bool:
    """A custom field's "empty text": `Unassigned`, `Unscheduled`, or `No ` and the field's name."""
    folded = normalize(value)
    return folded in empty or folded == normalize(f"No {column}")


class _Cells:
    """The row's cells by column name, YouTrack's empty texts left out."""

    def __init__(self, table: Table, row, empty: frozenset[str]):
        self.table, self.row, self.empty = table, row, empty

    def all(self, *names: str) -> list[str]:
        found = []
        for name in names:
            column = self.table.find(name) or name
            found += [value for value in self.table.values(self.row, name) if not _is_empty(value, column, self.empty)]
        return found

    def get(self, *names: str) -> str | None:
        found = self.all(*names)
        return found[0] if found else None


def _extras(record: Record, cells: _Cells) -> None:
    for name, column in (("priority", "Priority"), ("project", "Project"), ("components", "Subsystem"),
                         ("assignee", "Assignee"), ("reporter", "Reporter"), ("created", "Created"),
                         ("updated", "Updated"), ("resolved", "Resolved"), ("estimation", "Estimation")):
        value = cells.get(column)
        if value:
            dated = column in ("Created", "Updated", "Resolved")
            record.extra[name] = rec.iso_date(value) if dated else one_line(value)
    votes = cells.get("Votes")
    if votes and votes.strip().isdigit() and len(votes.strip()) <= 9 and int(votes) > 0:
        record.extra["votes"] = int(votes)
