"""Baselines: adopt breadline on an old backlog and fail only on what is new.

A baseline records today's findings, each by backlog path, item id, rule code and a fingerprint
of the item's content. Auditing against it keeps only the findings it does not hold — findings of
new items, and of items whose content changed — and counts the entries nothing matched any more
(stale: the item was fixed, changed or removed).
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, replace
from typing import Any

from breadline import __version__
from breadline.errors import InputError
from breadline.files import write_atomic
from breadline.model import AuditResult, Finding, Item, ItemResult

FORMAT_VERSION = 1


@dataclass(frozen=True, slots=True)
class BaselineOutcome:
    """What applying a baseline did."""

    known: int
    """Findings the baseline already held (not reported)."""
    new: int
    """Findings reported: new items, or items whose content changed."""
    stale: int
    """Baseline entries that matched nothing."""


def fingerprint(item: Item) -> str:
    """A stable hash of what the item says (not where it stands in the file)."""
    content = {
        "title": item.title,
        "description": item.description,
        "customer": list(item.customers),
        "problem": item.problem,
        "evidence": [[e.text, e.date.isoformat() if e.date else None, e.url] for e in item.evidence],
        "next": item.next,
        "serves": list(item.serves),
        "waive": item.waive,
        "type": item.type,
    }
    data = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:16]


def _key(path: str, item_id: str, code: str, print_: str) -> tuple[str, str, str, str]:
    return (_norm(path), item_id, code, print_)


def _norm(path: str) -> str:
    """`./backlog.yaml` and `backlog.yaml` are the same file to a baseline."""
    return os.path.normpath(path).replace("\\", "/") if path and not path.startswith("<") else path


def _finding_path(row: ItemResult, finding: Finding) -> str:
    position = finding.position or row.item.position
    return position.path if position else ""


def record(result: AuditResult) -> dict[str, Any]:
    """The baseline document for today's unwaived findings."""
    entries = []
    for row in result.items:
        print_ = fingerprint(row.item)
        for finding in row.findings:
            if finding.waived is None:
                entries.append({"path": _norm(_finding_path(row, finding)), "item": row.item.id,
                                "code": finding.code, "fingerprint": print_})
    for finding in result.findings:
        path = finding.position.path if finding.position else ""
        entries.append({"path": _norm(path), "item": None, "code": finding.code, "fingerprint": finding.quote or ""})
    entries.sort(key=lambda e: (e["path"], str(e["item"]), e["code"]))
    return {"breadline_baseline": FORMAT_VERSION, "tool_version": __version__, "entries": entries}


def write(document: dict[str, Any], path: str) -> None:
    """Write the baseline atomically (a temporary file beside `path`, then a rename)."""
    write_atomic(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def read(path: str) -> set[tuple[str, str, str, str]]:
    """The entries of a baseline file, as keys."""
    from breadline.load import load_json, read_text

    try:
        document = load_json(read_text(path), path)  # bounded: size, nesting, numbers
    except InputError as error:
        if error.message == "no such file":
            raise InputError("no such baseline file (create one with `breadline baseline`)", path) from None
        if error.message.startswith("invalid JSON"):
            raise InputError(f"is not a breadline baseline ({error.message})", path, error.line, error.column) from None
        raise
    if not isinstance(document, dict) or document.get("breadline_baseline") != FORMAT_VERSION:
        raise InputError("is not a breadline baseline (no `breadline_baseline: 1`)", path)
    entries = document.get("entries")
    if not isinstance(entries, list):
        raise InputError("is not a breadline baseline (`entries` must be a list)", path)
    keys = set()
    for entry in entries:
        if not isinstance(entry, dict) or not all(isinstance(entry.get(k), (str, type(None))) for k in
                                                  ("path", "item", "code", "fingerprint")):
            raise InputError("has an entry that is not a mapping of path, item, code and fingerprint to texts", path)
        try:
            keys.add(_key(str(entry["path"]), str(entry["item"]) if entry["item"] is not None else "",
                          str(entry["code"]), str(entry["fingerprint"])))
        except (KeyError, TypeError):
            raise InputError("has an entry without path, item, code and fingerprint", path) from None
    return keys


def apply(result: AuditResult, baseline: set[tuple[str, str, str, str]]) -> tuple[AuditResult, BaselineOutcome]:
    """Keep only the findings the baseline does not hold, and the items that have any.

    The summary stays that of the whole backlog: the headline is still the truth about it.
    """
    matched: set[tuple[str, str, str, str]] = set()
    rows = []
    known = new = 0
    for row in result.items:
        print_ = fingerprint(row.item)
        fresh = []
        for finding in row.findings:
            key = _key(_finding_path(row, finding), row.item.id, finding.code, print_)
            if finding.waived is None and key in baseline:
                matched.add(key)
                known += 1
            else:
                fresh.append(finding)
                new += finding.waived is None
        if any(f.waived is None for f in fresh):
            # The findings listed besides the links are the fresh ones too; the saving question
            # stays the item's own: what would put it on the line does not depend on the baseline.
            kept = {id(f) for f in fresh}
            rows.append(replace(row, findings=tuple(fresh), others=tuple(f for f in row.others if id(f) in kept)))
    file_findings = []
    for finding in result.findings:
        key = _key(finding.position.path if finding.position else "", "", finding.code, finding.quote or "")
        if key in baseline:
            matched.add(key)
            known += 1
        else:
            file_findings.append(finding)
            new += 1
    outcome = BaselineOutcome(known=known, new=new, stale=len(baseline - matched))
    return replace(result, items=tuple(rows), findings=tuple(file_findings)), outcome
