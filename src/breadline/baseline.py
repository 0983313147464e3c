"""Baselines: adopt breadline on an old backlog and fail only on what is new.

A baseline records today's findings, each by root-relative backlog path, item id and rule code
(see `breadline.roots`: the same file however it is named, from wherever it is audited). Auditing
against it keeps only the findings it does not hold — findings of new items, and new findings of
old items — and counts the entries nothing matched any more (stale: the finding went away because
the item was fixed or removed). Editing an item's words keeps its known findings known: a
renamed "Dark mode" is still the item DARK-1 with the same finding. An item with two findings of
one rule holds two entries; a third one is new.

Version 1 baselines (which also held a fingerprint of the item's content) are read too; their
fingerprints are ignored.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from breadline import __version__
from breadline.errors import InputError
from breadline.files import write_atomic
from breadline.model import AuditResult, Finding, ItemResult

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)

Key = tuple[str, str, str]
"""(root-relative path, item id or "" for a finding about the file, rule code)."""


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What applying a baseline did."""

    known: int
    """Findings the baseline already held (not reported)."""
    new: int
    """Findings reported: of new items, or new on an old item."""
    stale: int
    """Baseline entries that matched nothing."""


def _norm(path: str) -> str:
    """`./backlog.yaml` and `backlog.yaml` are the same file to a baseline."""
    return os.path.normpath(path).replace("\\", "/") if path and not path.startswith("<") else path


def _finding_path(row: ItemResult | None, finding: Finding) -> str:
    position = finding.position or (row.item.position if row is not None else None)
    return position.path if position else ""


def key(finding: Finding, row: ItemResult | None) -> Key:
    return (_norm(_finding_path(row, finding)), row.item.id if row is not None else "", finding.code)


def record(result: AuditResult) -> dict[str, Any]:
    """The baseline document for today's unwaived findings (paths as the result has them: the
    command line makes them root-relative first)."""
    entries = []
    for row in result.items:
        for finding in row.findings:
            if finding.waived is None:
                path, item, code = key(finding, row)
                entries.append({"path": path, "item": item, "code": code})
    for finding in result.findings:
        path, _, code = key(finding, None)
        entries.append({"path": path, "item": None, "code": code})
    entries.sort(key=lambda e: (e["path"], str(e["item"] or ""), e["code"]))
    return {"breadline_baseline": FORMAT_VERSION, "tool_version": __version__, "entries": entries}


def write(document: dict[str, Any], path: str) -> None:
    """Write the baseline atomically (a temporary file beside `path`, then a rename)."""
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read(path: str) -> Counter[Key]:
    """The entries of a baseline file, as keys with their counts."""
    from breadline.load import load_json, read_text

    try:
        document = load_json(read_text(path), path)  # bounded: size, nesting, numbers
    except InputError as error:
        if error.message == "no such file":
            raise InputError("no such baseline file (create one with `breadline baseline`)", path) from None
        if error.message.startswith("invalid JSON"):
            raise InputError(f"is not a breadline baseline ({error.message})", path, error.line, error.column) from None
        raise
    if not isinstance(document, dict) or document.get("breadline_baseline") not in READABLE_VERSIONS:
        raise InputError(f"is not a breadline baseline (no `breadline_baseline: {FORMAT_VERSION}`)", path)
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise InputError("is not a breadline baseline (`entries` must be a list)", path)
    keys: Counter[Key] = Counter()
    for entry in entries:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), (str, type(None))) for k in
                                                  ("path", "item", "code", "fingerprint")):
            raise InputError("has an entry that is not a mapping of path, item, code and fingerprint to texts", path)
        try:
            item = entry["item"]
            keys[(_norm(str(entry["path"])), str(item) if item is not None else "", str(entry["code"]))] += 1
        except (KeyError, TypeError):
            raise InputError("has an entry without path, item and code", path) from None
    return keys


def apply(result: AuditResult, baseline: Counter[Key]) -> tuple[AuditResult, BaselineOutcome]:
    """Keep only the findings the baseline does not hold, and the items that have any.

    The summary stays that of the whole backlog: the headline is still the truth about it.
    """
    left = Counter(baseline)
    rows = []
    known = new = 0
    for row in result.items:
        fresh = []
        for finding in row.findings:
            if finding.waived is None:
                k = key(finding, row)
                if left[k] > 0:
                    left[k] -= 1
                    known += 1
                    continue
                new += 1
            fresh.append(finding)
        if any(f.waived is None for f in fresh):
            # The findings listed besides the links are the fresh ones too; the saving question
            # stays the item's own: what would put it on the line does not depend on the baseline.
            kept = {id(f) for f in fresh}
            rows.append(replace(row, findings=tuple(fresh), others=tuple(f for f in row.others if id(f) in kept)))
    file_findings = []
    for finding in result.findings:
        k = key(finding, None)
        if left[k] > 0:
            left[k] -= 1
            known += 1
        else:
            file_findings.append(finding)
            new += 1
    outcome = BaselineOutcome(known=known, new=new, stale=sum(left.values()))
    return replace(result, items=tuple(rows), findings=tuple(file_findings)), outcome
