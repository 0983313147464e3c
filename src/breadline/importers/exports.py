"""The importers' public functions (re-exported lazily by `breadline.importers`)."""


from __future__ import annotations


from breadline.errors import InputError
from breadline.load import read_bytes
from breadline.importers.build import Export, ImportOptions, read_export as _read_export, summary, to_backlog
from breadline.importers.detect import CHOICES, DETECTED, SOURCES, YAML, decode, detect_source, source_name

__all__ = [
    "CHOICES", "DETECTED", "SOURCES", "YAML", "Export", "ImportOptions", "decode", "detect_source", "read_bytes",
    "read_export", "source_name", "summary", "to_backlog", "to_yaml",
]


def read_export(path: str, data: bytes | None = None, source: str | None = None,
                options: ImportOptions = ImportOptions(), *, detected: str | None = None) -> Export:
    """Read the tracker export at `path` (or the bytes `data`, named `path`), in the format
    `source` names (`--from`) or, without one, the format its content shows (`detected`, when
    the caller has looked already)."""
    if data is None:
        data = read_bytes(path)
    text = decode(data, path)
    chosen = source_name(source) if source else (detected or detect_source(text))
    if chosen == "html":
        raise InputError("is an HTML page, not an export (Jira's \"Export Excel\" writes HTML): "
                         "export CSV instead", path, 1, 1)
    if chosen == YAML:
        if source:
            raise InputError("is already a breadline backlog (YAML): audit it directly", path)
        raise unrecognised(text, path)
    text = text.lstrip("\ufeff")
    starts_json = text.lstrip()[:1] in ("[", "{")
    if chosen in JSON_SOURCES and not starts_json:
        raise InputError(f"is not JSON, which a {SOURCES[chosen]} export is (does --from {chosen} name the right "
                         "format?)", path, 1, 1)
    if chosen not in JSON_SOURCES and starts_json:
        raise InputError(f"is JSON, not the CSV a {SOURCES[chosen]} export is (does --from {chosen} name the right "
                         "format?)", path, 1, 1)
    return _read_export(path, text, chosen, options)


JSON_SOURCES = ("jira-json", "github", "trello")

KNOWN = ("Jira CSV (any language) or JSON, GitHub JSON, GitLab CSV, Linear CSV, Azure DevOps CSV, Redmine CSV "
         "(any language), YouTrack CSV, Pivotal Tracker CSV or Trello JSON")
"""The exports breadline recognises, as messages list them."""


def unrecognised(text: str, path: str) -> InputError:
    """The error for a file that is neither breadline's YAML nor an export it knows: one line
    that names the formats breadline detects and, for a CSV, the `--map` line that reads it."""
    from breadline.importers.detect import looks_tabular
    from breadline.importers.tabular import header_cells

    from breadline.load import load_text

    try:
        load_text(text, path)
    except InputError:
        pass
    else:
        return InputError("is already a breadline backlog: audit it directly (breadline audit FILE)", path)
    if looks_tabular(text):
        from breadline.importers.text import safe

        columns = ", ".join(safe(cell.strip()) for cell in header_cells(text) if cell.strip())
        columns = columns if len(columns) <= 120 else columns[:119] + "…"
        return InputError(f"is a CSV file breadline does not recognise (columns: {columns}); it detects {KNOWN}; "
                          f"to read this one: breadline import {_shown(path)} {_suggestion(text, path)} "
                          "(or the same in tracker.fields)", path, 1, 1)
    if text.lstrip("\ufeff \t\r\n")[:1] in ("[", "{"):
        return InputError(f"is JSON, but not an export breadline reads: it reads {KNOWN}, or a backlog "
                          "(a list of items, or a mapping with `items:`)", path, 1, 1)
    return InputError(f"is not a tracker export breadline recognises: expected {KNOWN} "
                      "(name the format with --from)", path)


def _shown(path: str) -> str:
    import shlex

    from breadline.importers.text import safe

    return "-" if path in ("-", "<stdin>") else shlex.quote(safe(path)[:80])


def _suggestion(text: str, path: str) -> str:
    from breadline.importers.generic import suggest_map
    from breadline.importers.tabular import read_table

    try:
        table = read_table(text[:1048576], path)
    except InputError:
        return '--from csv --map "COLUMN=title" --map "COLUMN=id"'
    return suggest_map(table)


def to_yaml(export: Export, *, fast: bool = True) -> str:
    """The backlog file `breadline import` writes for `export` (see `breadline.importers.yamlout`)."""
    from breadline.importers.yamlout import to_yaml as render

    return render(export, fast=fast)
