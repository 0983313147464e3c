"""Tracker exports read directly: Jira (CSV in any interface language, and REST JSON), GitHub (JSON),
GitLab (CSV), Linear (CSV), Azure DevOps (CSV, flat or tree), Redmine (CSV, any language), YouTrack
(CSV), Pivotal Tracker (CSV), Trello (board or card JSON), detected from their content or named with
`--from`; and any other CSV with `--from csv` and a field mapping.

`read_export` turns an export into an `Export` (records, and what was skipped and why);
`to_backlog` makes the `Backlog` the audit reads, `to_yaml` the backlog file `breadline import`
writes. One module per tracker, plus `detect` (which format is this?), `tabular` and `jsondoc`
(CSV and JSON with positions), `text` (HTML, Markdown, wiki markup and ADF to plain text),
`mapping` (custom fields to breadline fields), `columns` (column names in every language, from
`data/tracker-columns.yaml`) and `build` (records to items).

Importing this package is cheap: its names come from `breadline.importers.exports` when first
used, so a YAML audit never pays for the tracker code it does not need.
"""

from __future__ import annotations

from typing import Any


_MODULES = frozenset({"azure", "build", "columns", "detect", "exports", "generic", "github", "gitlab",
                      "jira_csv", "jira_json", "jsondoc", "linear", "mapping", "pivotal", "records",
                      "redmine", "tabular", "text", "trello", "yamlout", "youtrack"})


def __getattr__(name: str) -> Any:
    from importlib import import_module

    if name in _MODULES:  # `from breadline.importers import records` asks for a submodule
        return import_module(f"breadline.importers.{name}")
    exports = import_module("breadline.importers.exports")
    try:
        return getattr(exports, name)
    except AttributeError:
        raise AttributeError(f"module 'breadline.importers' has no attribute {name!r}") from None
