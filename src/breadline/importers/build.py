"""From an export's bytes to items: read, map fields, link, filter, clip; then a `Backlog`.

Nothing is dropped without a word: every row that does not become an item is a `Skip` with its
reason, every value that could not be used is a note, and `breadline import` prints them all.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from breadline.errors import InputError, UsageError
from breadline.importers import detect, mapping
from breadline.importers.records import Parsed, Record, Skip
from breadline.importers.text import MAX_DESCRIPTION, clip
from breadline.model import Backlog, Evidence, Item, Position

OPEN = ("open",)
CLOSED = ("closed", "done")
CURRENT = ("current", "active")


@dataclass(frozen=True)
class ImportOptions:
    """How to read an export, beyond its format."""

    fields: tuple[tuple[str, str], ...] = ()
    """The configuration's `tracker.fields`, as SOURCE -> FIELD pairs."""
    cli_fields: tuple[tuple[str, str], ...] = ()
    """`--map` pairs: applied last, and each SOURCE must exist in the export."""
    url: str | None = None
    """A web address with `{id}` in it, for items whose export gives none."""
    statuses: tuple[str, ...] = ()
    """Keep only items with one of these statuses (`open` and `closed` match the tracker's category)."""
    sprints: tuple[str, ...] = ()
    """Keep only items in one of these sprints, cycles, milestones or iterations (`current`: the running one)."""
    today: dt.date | None = None
    """What "current" means for Linear cycles (None: today)."""
    max_description: int = MAX_DESCRIPTION


@dataclass
class Export:
    """An export read into records, with everything the import has to say about it."""

    path: str
    source: str
    records: list[Record]
    rows: int
    """How many rows (issues, entries) the export holds, items and skipped together."""
    skipped: list[Skip] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    clipped: int = 0
    dangling: dict[str, list[str]] = field(default_factory=dict)
    """Served ids that are not in the result -> the items that serve them."""

    @property
    def label(self) -> str:
        return detect.SOURCES.get(self.source, self.source)


def read_export(path: str, text: str, source: str, options: ImportOptions = ImportOptions()) -> Export:
    """Read the export `text` (named `path`) in the format `source`."""
    parsed = _read(source, text, path, options)
    records = parsed.records
    fields = mapping.FieldMap.of(options.fields, options.cli_fields)
    for name, _ in options.cli_fields:
        if not mapping.known(records, parsed.names, name):
            close = mapping.suggestion(records, parsed.names, name)
            hint = f" (did you mean '{close}'?)" if close else ""
            raise UsageError(f"--map: '{name}' is not a column, field or section heading of {path}{hint}")
    template = options.url
    for record in records:
        mapping.apply(record, fields)
        if template and not record.url and record.id:
            record.url = template.replace("{id}", record.id.lstrip("#"))
    _qualify_ids(parsed)
    _merge_duplicates(parsed, path)
    _link(parsed)
    rows = len(parsed.records) + len(parsed.skipped)
    kept = _filter(parsed, options, path)
    export = Export(path, source, kept, rows=rows, skipped=parsed.skipped, notes=list(parsed.notes))
    ids = {record.id for record in kept if record.id}
    for record in kept:
        if record.description:
            record.description, cut = clip(record.description, options.max_description, record.raw_length)
            export.clipped += cut
        for note in record.notes:
            export.notes.append(f"{record.label}: {note}")
        for target in record.serves:
            if target not in ids:
                export.dangling.setdefault(target, []).append(record.id or record.where)
    return export


def _read(source: str, text: str, path: str, options: ImportOptions) -> Parsed:
    from breadline.importers import (azure, generic, github, gitlab, jira_csv, jira_json, linear, pivotal, redmine,
                                     trello, youtrack)

    pairs = (*options.fields, *options.cli_fields)
    if source in ("linear", "pivotal"):
        dated = linear if source == "linear" else pivotal
        return dated.read(text, path, options.today, _aliases(dated.TARGETS, pairs))
    tables = {"jira-csv": jira_csv, "azure-devops": azure, "csv": generic, "gitlab": gitlab, "redmine": redmine,
              "youtrack": youtrack}
    if source in tables:
        reader = tables[source]
        return reader.read(text, path, _aliases(reader.TARGETS, pairs))
    readers = {"jira-json": jira_json.read, "github": github.read, "trello": trello.read}
    if source not in readers:
        raise UsageError(f"cannot import '{source}'; choose from {', '.join(detect.SOURCES)}")
    return readers[source](text, path)


def _aliases(targets: dict[str, str], pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """The columns the mapping names for fields a reader looks up itself (`Resumen=title`: the
    Jira reader's `Summary` is the column `Resumen`), so that they count before any column is
    required. The later pair wins, as in the mapping."""
    found: dict[str, str] = {}
    for source, target in pairs:
        if target in targets and not source.casefold().startswith("label:"):
            found[targets[target]] = source
    return found


def _qualify_ids(parsed: Parsed) -> None:
    """GitHub and GitLab number issues per repository: with issues of several repositories in one
    export, `#12` is ambiguous, so ids become `repo#12` (`owner/repo#12` when names repeat), and
    references in bodies ("part of other/repo#3") are read against the issue's own repository."""
    records = parsed.records
    numbered = [record for record in records if record.id and record.id.startswith("#")]
    repos = {record.repo for record in numbered if record.repo}
    renamed: dict[tuple[str, str], str] = {}
    if len(repos) > 1 and len(numbered) == len(records):
        short = {repo: repo.rsplit("/", 1)[-1] for repo in repos}
        if len(set(short.values())) < len(repos):
            short = {repo: repo for repo in repos}
        renamed = {(r.repo, r.id): f"{short[r.repo]}{r.id}" for r in numbered if r.repo and r.id}
    for record in numbered:
        record.serves = [_reference(ref, record.repo, renamed) for ref in record.serves]
        if record.repo and (record.repo, record.id) in renamed:
            record.id = renamed[(record.repo, record.id)]  # type: ignore[index]


def _reference(ref: str, repo: str | None, renamed: dict[tuple[str, str], str]) -> str:
    if ref.startswith("#"):
        return renamed.get((repo or "", ref), ref)
    if "#" in ref:
        other, number = ref.rsplit("#", 1)
        if other == repo and not renamed:
            return f"#{number}"
        return renamed.get((other, f"#{number}"), ref)
    return ref


def _link(parsed: Parsed) -> None:
    """Turn the trackers' links into `serves` on the item that makes the other possible."""
    internal = {record.internal_id: record.id for record in parsed.records if record.internal_id and record.id}
    by_id = {record.id: record for record in parsed.records if record.id}
    for record in parsed.records:
        if record.parent_ref:
            parent = internal.get(record.parent_ref)
            if parent:
                _serve(record, parent)
            else:
                record.notes.append(f"its parent (Jira issue id {record.parent_ref}) is not in this export, "
                                    "so it cannot be named")
    for relation in parsed.relations:
        enabler = by_id.get(relation.enabler)
        if enabler is not None and relation.served and relation.served != relation.enabler:
            _serve(enabler, relation.served)


def _serve(record: Record, target: str) -> None:
    if target != record.id and target not in record.serves:
        record.serves.append(target)


def _merge_duplicates(parsed: Parsed, path: str) -> None:
    """Records that repeat an earlier one exactly (a paging script that fetched page 1 five times)
    are merged into it, and counted; two different records with one id are an error naming both."""
    seen: dict[str, Record] = {}
    kept: list[Record] = []
    for record in parsed.records:
        if not record.id:
            kept.append(record)
            continue
        first = seen.get(record.id)
        if first is None:
            seen[record.id] = record
            kept.append(record)
        elif _same(first, record):
            parsed.skipped.append(Skip(record.where, "identical copy of an earlier issue, merged", record.id))
        else:
            raise InputError(f"duplicate id '{record.id}': {record.where} and {first.where} are different issues "
                             f"with the same id", path, record.line, record.column)
    parsed.records = kept


def _same(first: Record, other: Record) -> bool:
    def content(record: Record) -> tuple[Any, ...]:
        return (record.title, record.description, record.type, record.status, record.closed, record.points,
                record.labels, record.url, record.serves, record.customers, record.problem, record.evidence,
                record.next, record.sprints, record.extra, record.fields, record.sections, record.parent_ref,
                record.internal_id, record.repo)

    return content(first) == content(other)


def _filter(parsed: Parsed, options: ImportOptions, path: str) -> list[Record]:
    kept: list[Record] = []
    statuses = [s.strip() for s in options.statuses if s.strip()]
    sprints = [s.strip() for s in options.sprints if s.strip()]
    if sprints and any(s.casefold() in CURRENT for s in sprints):
        if parsed.records and all(record.current_sprints is None for record in parsed.records if record.sprints):
            seen = list(dict.fromkeys(name for record in parsed.records for name in record.sprints))
            listed = ", ".join(f"'{name}'" for name in seen[-5:]) or "none"
            raise UsageError(f"--sprint current: {path} does not say which sprint is running; name it "
                             f"(sprints in this export: {listed})")
    for record in parsed.records:
        reason = _rejected(record, statuses, sprints)
        if reason:
            parsed.skipped.append(Skip(record.where, reason, record.id))
        else:
            kept.append(record)
    return kept


def _rejected(record: Record, statuses: list[str], sprints: list[str]) -> str | None:
    if not (record.title or "").strip():
        return "no title"  # whatever the reader: an item is its title (a broken row, a blank line)
    if statuses and not any(_status_matches(record, wanted) for wanted in statuses):
        shown = record.status or "none"
        return f"status '{shown}' (--status {','.join(statuses)})"
    if sprints and not any(_sprint_matches(record, wanted) for wanted in sprints):
        shown = record.sprints[-1] if record.sprints else "none"
        return f"sprint '{shown}' (--sprint {','.join(sprints)})"
    return None


def _status_matches(record: Record, wanted: str) -> bool:
    folded = wanted.casefold()
    if record.status and record.status.casefold() == folded:
        return True
    if folded in OPEN:
        return record.closed is False or (record.closed is None and bool(record.status))
    if folded in CLOSED:
        return record.closed is True
    return False


def _sprint_matches(record: Record, wanted: str) -> bool:
    folded = wanted.casefold()
    if folded in CURRENT:
        return bool(record.current_sprints)
    return any(name.casefold() == folded for name in record.sprints)


# -- items --------------------------------------------------------------------------------

EXTRA_ORDER = ("priority", "sprint", "cycle", "milestone", "iteration", "epic", "team", "project", "area",
               "components", "assignee", "author", "author_association", "creator", "reporter", "due", "created",
               "updated", "state_reason", "reactions", "votes", "watchers", "comments", "attachments")
"""Tracker fields kept beside breadline's own, in this order. The reader uses some of them as
signals (read/families.py, `tracker`): who wrote the item, how many people reacted or voted,
how much it was discussed."""


def item_fields(record: Record) -> dict[str, Any]:
    """The record's breadline fields, in the order a backlog file lists them (empty ones left out)."""
    values: dict[str, Any] = {
        "id": record.id,
        "title": record.title,
        "type": record.type,
        "status": record.status,
        "points": record.points,
        "labels": tuple(record.labels),
        "url": record.url,
        "customers": tuple(record.customers),
        "problem": record.problem,
        "evidence": tuple(record.evidence),
        "next": record.next,
        "serves": tuple(record.serves),
        "description": record.description,
    }
    return {name: value for name, value in values.items() if value not in (None, (), "")}


def extras(record: Record) -> dict[str, Any]:
    ordered = {name: record.extra[name] for name in EXTRA_ORDER if name in record.extra}
    ordered.update({name: value for name, value in record.extra.items() if name not in ordered})
    return {name: list(value) if isinstance(value, (list, tuple)) else value for name, value in ordered.items()}


def to_backlog(export: Export) -> Backlog:
    """The export as a Backlog the audit can read; each item points at its row (CSV: the line the
    row starts on, column 1; JSON: the line and column of the issue's opening brace)."""
    items = []
    for index, record in enumerate(export.records):
        position = Position(export.path, record.line, record.column)
        fields = item_fields(record)
        item_id = fields.pop("id", None)
        evidence = tuple(Evidence(e.text, e.date, e.url, position) for e in fields.pop("evidence", ()))
        items.append(Item(
            index=index,
            id=item_id or f"#{index + 1}",
            has_id=item_id is not None,
            evidence=evidence,
            extra=extras(record),
            position=position,
            **fields,
        ))
    return Backlog(export.path, tuple(items))


URL_EXAMPLES = {
    "jira-csv": "https://YOUR-SITE.atlassian.net/browse/{id}",
    "jira-json": "https://YOUR-SITE.atlassian.net/browse/{id}",
    "linear": "https://linear.app/YOUR-WORKSPACE/issue/{id}",
    "azure-devops": "https://dev.azure.com/ORGANIZATION/PROJECT/_workitems/edit/{id}",
    "gitlab": "https://gitlab.com/GROUP/PROJECT/-/issues/{id}",
    "github": "https://github.com/OWNER/REPO/issues/{id}",
    "redmine": "https://YOUR-REDMINE/issues/{id}",
    "youtrack": "https://YOUR-SITE.youtrack.cloud/issue/{id}",
    "pivotal": "https://www.pivotaltracker.com/story/show/{id}",
}
"""What `--url` looks like for each tracker, for the hint when an export gives no addresses."""


def summary(export: Export) -> list[str]:
    """What `breadline import` says on stderr: how many rows became items, and why others did not."""
    lines = []
    items = len(export.records)
    noun = "row" if export.rows == 1 else "rows"
    lines.append(f"{export.path} ({export.label}): {items} of {export.rows} {noun} became items"
                 + (f", {len(export.skipped)} skipped." if export.skipped else "."))
    reasons = Counter(skip.reason for skip in export.skipped)
    for reason, count in reasons.most_common():
        examples = [skip.id or skip.where for skip in export.skipped if skip.reason == reason]
        shown = ", ".join(examples[:5]) + (f" and {len(examples) - 5} more" if len(examples) > 5 else "")
        lines.append(f"  skipped {count}: {reason} ({shown})")
    if export.clipped:
        lines.append(f"  {export.clipped} description{'s' if export.clipped != 1 else ''} clipped to "
                     f"{MAX_DESCRIPTION:,} characters (the rest stays in the tracker)")
    for note in export.notes[:10]:
        lines.append(f"  note: {note}")
    if len(export.notes) > 10:
        lines.append(f"  note: and {len(export.notes) - 10} more values that could not be used")
    if export.records and not any(record.url for record in export.records):
        example = URL_EXAMPLES.get(export.source, "https://tracker.example.com/issue/{id}")
        lines.append(f"  no item has a web address: add --url \"{example}\" (or tracker.url in breadline.yaml) so "
                     "findings link back to the tracker")
    if export.dangling:
        targets = list(export.dangling)
        shown = ", ".join(targets[:5]) + (f" and {len(targets) - 5} more" if len(targets) > 5 else "")
        serving = sum(len(v) for v in export.dangling.values())
        lines.append(f"  {serving} link{'s' if serving != 1 else ''} to items not in this export ({shown}): "
                     "include them so the audit can follow the line (otherwise BL601)")
    return lines
