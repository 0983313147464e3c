"""Jira Cloud's CSV export ("Export > Export CSV (all fields)" on an issue search), in any of
Jira's interface languages: the header is looked up in `breadline/data/tracker-columns.yaml`
(`Resumen` is `Summary`, `Campo personalizado (...)` is `Custom field (...)`), and columns named
with `--map` or `tracker.fields` (`Resumen=title`, `Clave=id`) count before any is required.

Jira writes one column per value for fields that hold several (`Labels`, `Sprint`, `Component/s`,
multi-select custom fields, issue links), custom fields as `Custom field (Name)`, the description
in Jira wiki markup, links as `Outward issue link (Blocks)` / `Inward issue link (Blocks)`, and the
parent of a sub-task or child issue as `Parent` (its numeric `Issue id`; some exports give the key).
"""

from __future__ import annotations

import re

from breadline.importers import records as rec
from breadline.importers.records import Parsed, Record, Relation
from breadline.importers.columns import translate, values as known_values
from breadline.importers.tabular import Table, normalize, read_table
from breadline.importers.text import wiki_to_text

SOURCE = "jira-csv"

POINTS_COLUMNS = (
    "Custom field (Story Points)", "Custom field (Story point estimate)", "Story Points", "Story point estimate",
    "Custom field (Story Point Estimate)", "Custom field (Points)", "Custom field (Estimate)", "Story points",
)
PARENT_COLUMNS = ("Parent", "Parent id", "Parent key", "Custom field (Parent Link)", "Custom field (Epic Link)",
                  "Epic Link", "Parent Link")
_POINTS_COLUMN = re.compile(r"^(?:custom field \()?(?:story ?points?|story point estimate)\)?$")
_LINK_COLUMN = re.compile(r"^(inward|outward) issue link \((.+)\)$")

SERVING_LINKS = {
    "blocks": "outward",            # A blocks B: A makes B possible, so A serves B
    "blocker": "outward",
    "polaris work item link": "outward",  # delivery ticket implements the idea
    "implements": "outward",
    "parent-child": "inward",       # outward "is parent of": the child (inward side) serves
    "depends": "inward",            # A depends on B: B serves A
    "dependency": "inward",
    "dependent": "inward",
    "requires": "inward",
}
"""Jira link types that say one issue makes another possible, and which side of the link serves."""


TARGETS = {"title": "Summary", "id": "Issue key", "description": "Description", "status": "Status",
           "type": "Issue Type", "labels": "Labels"}
"""The breadline fields whose `--map` names a column this reader would otherwise look for by name."""


def read(text: str, path: str, aliases: dict[str, str] | None = None) -> Parsed:
    table = read_table(text, path)
    translate(table, SOURCE)
    table.mapped(aliases)
    table.require("Jira CSV", ("Summary",), ("Issue key", "Key", "Issue id"),
                  targets={"Summary": "title", "Issue key": "id"})
    done = known_values(SOURCE, "done category")
    unresolved = known_values(SOURCE, "no resolution")
    parsed = table.parsed(SOURCE)
    link_columns = [(name, *_LINK_COLUMN.match(name).groups()) for name in table.matching(_LINK_COLUMN)]
    points_columns = [name for name in POINTS_COLUMNS if table.has(name)]
    points_columns += [name for name in table.matching(_POINTS_COLUMN) if name not in map(str.casefold, points_columns)]
    for row, record in table.records():
        key = table.value(row, "Issue key", "Key")
        record.internal_id = table.value(row, "Issue id")
        record.id = key or record.internal_id
        if not rec.titled(record, table.value(row, "Summary"), parsed, "empty Summary"):
            continue
        rec.described(record, table.value(row, "Description"), wiki_to_text, wiki=True)
        record.type = table.value(row, "Issue Type", "Issue type", "Type")
        record.status = table.value(row, "Status")
        category = table.value(row, "Status Category")
        resolution = table.value(row, "Resolution")
        if category:
            record.closed = normalize(category) in done
        elif resolution and normalize(resolution) not in unresolved:
            record.closed = True
        else:
            record.closed = rec.closed_status(record.status)
        record.labels = list(dict.fromkeys(table.values(row, "Labels", "Label")))
        _points(record, table, row, points_columns)
        record.sprints = table.values(row, "Sprint", "Sprints")
        _extras(record, table, row)
        _parent(record, table, row, parsed)
        for column, direction, link_type in link_columns:
            for target in table.values(row, column):
                _link(record, parsed, direction, link_type, target)
        record.fields = table.record(row)
        parsed.records.append(record)
    return parsed


def _points(record: Record, table: Table, row, columns: list[str]) -> None:
    for column in columns:
        value = table.value(row, column)
        if value is None:
            continue
        points = rec.number(value)
        if points is None:
            record.notes.append(f"{column} '{value}' is not a number of points; left out")
        else:
            record.points = points
        return


def _extras(record: Record, table: Table, row) -> None:
    for name, columns in (
        ("priority", ("Priority",)),
        ("sprint", ("Sprint", "Sprints")),
        ("components", ("Component/s", "Components", "Component")),
        ("assignee", ("Assignee",)),
        ("reporter", ("Reporter",)),
        ("created", ("Created",)),
        ("updated", ("Updated",)),
    ):
        values = table.values(row, *columns)
        if name == "sprint" and values:
            record.extra[name] = values[-1]  # Jira lists every sprint the issue was in; the last is its own
        elif name == "components" and values:
            record.extra[name] = values if len(values) > 1 else values[0]
        elif values:
            record.extra[name] = rec.iso_date(values[0]) if name in ("created", "updated") else values[0]
    for name, columns in (("votes", ("Votes",)), ("watchers", ("Watchers",))):
        values = table.values(row, *columns)
        if values and values[0].strip().isdigit() and int(values[0]) > 0:
            record.extra[name] = int(values[0])
    comments = table.values(row, "Comment", "Comments")
    if comments:
        record.extra["comments"] = len(comments)


def _parent(record: Record, table: Table, row, parsed: Parsed) -> None:
    for column in PARENT_COLUMNS:
        for value in table.values(row, column):
            if rec.ISSUE_KEY.match(value):
                parsed.relations.append(Relation(record.id or "", value, "child of"))
                return
            if value.isdigit():
                record.parent_ref = value
                return


def _link(record: Record, parsed: Parsed, direction: str, link_type: str, target: str) -> None:
    side = SERVING_LINKS.get(link_type.strip().casefold())
    if side is None or not record.id:
        return
    for key in re.findall(r"[A-Za-z][A-Za-z0-9_]*-\d+", target):
        if direction == side:
            parsed.relations.append(Relation(record.id, key, f"{link_type} link"))
        else:
            parsed.relations.append(Relation(key, record.id, f"{link_type} link"))
