"""GitLab's issues CSV export (Issues > Export as CSV, sent by e-mail).

Columns: `Issue ID` (the project's issue number, shown as #12), `URL`, `Title`, `State`,
`Description` (Markdown), `Author`, `Assignee`, `Confidential`, `Locked`, `Due Date`,
`Created At (UTC)`, `Updated At (UTC)`, `Closed At (UTC)`, `Milestone`, `Weight` (GitLab's
points), `Labels` (comma-separated, scoped ones as `type::bug`), `Time Estimate`, `Time Spent`,
`Epic ID`, `Epic Title`; newer versions add `Iteration` and `Type`. Epics live at group level and
are not in the export, so an epic is kept as a field rather than turned into `serves`.
"""

from __future__ import annotations

from breadline.importers import records as rec
from breadline.importers.records import Parsed
from breadline.importers.tabular import read_table
from breadline.importers.text import markdown_to_text

SOURCE = "gitlab"


TARGETS = {"title": "Title", "id": "Issue ID", "description": "Description", "status": "State", "labels": "Labels",
           "points": "Weight", "url": "URL", "type": "Type"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    table.mapped(aliases)
    table.require("GitLab CSV", ("Title",), ("Issue ID", "IID"), targets={"Title": "title", "Issue ID": "id"})
    parsed = table.parsed(SOURCE)
    for row, record in table.records():
        number = table.value(row, "Issue ID", "IID")
        record.id = f"#{number.lstrip('#')}" if number else None
        if not rec.titled(record, table.value(row, "Title"), parsed, "no Title"):
            continue
        record.url = table.value(row, "URL", "Web URL")
        record.repo = rec.repo_of(record.url)
        raw = rec.described(record, table.value(row, "Description"), markdown_to_text)
        if raw:
            record.serves = list(dict.fromkeys(rec.text_links(raw)))
        labels: list[str] = []
        for cell in table.values(row, "Labels", "Label"):
            labels += rec.split_list(cell)
        record.labels = list(dict.fromkeys(labels))
        record.type = table.value(row, "Type", "Issue Type") or rec.type_from_labels(record.labels)
        state = table.value(row, "State")
        if state:
            record.status = state.lower()
        closed_at = table.value(row, "Closed At (UTC)", "Closed At")
        record.closed = bool(closed_at) or rec.closed_status(record.status) or False
        weight = table.value(row, "Weight")
        if weight is not None:
            points = rec.number(weight)
            if points is None:
                record.notes.append(f"Weight '{weight}' is not a number; left out")
            record.points = points
        else:
            record.points = rec.points_from_labels(record.labels)
        record.sprints = table.values(row, "Milestone") + table.values(row, "Iteration")
        for name, columns in (
            ("milestone", ("Milestone",)),
            ("iteration", ("Iteration",)),
            ("epic", ("Epic Title",)),
            ("assignee", ("Assignee",)),
            ("author", ("Author",)),
            ("due", ("Due Date",)),
            ("created", ("Created At (UTC)", "Created At")),
            ("updated", ("Updated At (UTC)", "Updated At")),
        ):
            value = table.value(row, *columns)
            if value:
                record.extra[name] = rec.iso_date(value) if name in ("created", "updated", "due") else value
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed
