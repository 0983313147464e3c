"""`--format gitlab`: a GitLab Code Quality report (the `codequality` artifact of a CI job).

A JSON array with one entry per unwaived finding on the items `View.fail_on` counts as
failures (with `--fail-on never`, on the superfluous items, and with `--min-confidence`, on the
superfluous items less sure, at lower severity). Only the fields
GitLab documents are written. Severity follows the rule: error -> major, warning -> minor,
info -> info; one step lower on weak items and on items that do not fail. Findings about the file
itself (a `custmers:` typo) are entries too, at minor. Paths are relative to the repository root
(`breadline.roots`), the same on every runner (`/builds/…` or a laptop). The fingerprint hashes
the path, item id, rule code and quoted words, never line numbers, so an entry keeps its
identity when lines move and GitLab can tell new findings from old ones.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import Any

from breadline.formats import View
from breadline.formats.shared import encode_line, fails, finding_text, fingerprint, unwaived
from breadline.model import AuditResult, Finding, ItemResult, Verdict

SEVERITIES = ("info", "minor", "major", "critical", "blocker")
RULE_SEVERITY = {"info": "info", "warning": "minor", "error": "major"}


def render(result: AuditResult, view: View) -> str:
    return "".join(chunks(result, view))


def chunks(result: AuditResult, view: View) -> Iterator[str]:
    """The report in pieces, one entry per line (encoded by the C encoder, never held whole)."""
    opened = False
    for value in entries(result, view):
        yield ",\n  " if opened else "[\n  "
        opened = True
        yield encode_line(value)
    yield "\n]\n" if opened else "[]\n"


def entries(result: AuditResult, view: View) -> Iterator[dict[str, Any]]:
    seen: Counter[str] = Counter()
    for finding in result.findings:
        yield file_entry(finding, result, seen)
    for row in result.items:
        if not reported(row, view.fail_on):
            continue
        lower = row.verdict is Verdict.WEAK or not fails(row, view.fail_on)
        for finding in unwaived(row):
            yield entry(finding, row, result, lower, seen)


def file_entry(finding: Finding, result: AuditResult, seen: Counter[str]) -> dict[str, Any]:
    position = finding.position
    path = position.path if position else (result.paths[0] if result.paths else "")
    return {
        "description": finding.message,
        "check_name": f"{finding.code} {finding.name}",
        "fingerprint": _distinct(fingerprint(path, "", finding.code, finding.quote), seen),
        "severity": "minor",
        "location": {"path": path, "lines": {"begin": position.line if position else 1}},
    }


def _distinct(key: str, seen: Counter[str]) -> str:
    """Two findings alike in all that is hashed still need distinct fingerprints; the n-th repeat
    gets its number, which is stable as long as the findings keep their order."""
    repeat = seen[key]
    seen[key] += 1
    return fingerprint(key, str(repeat)) if repeat else key


def reported(row: ItemResult, fail_on: str) -> bool:
    """The failing items; and, one step lower, the superfluous ones that do not fail (every one
    under `--fail-on never`, the less sure ones under `--min-confidence`)."""
    if fails(row, fail_on):
        return True
    return row.verdict is Verdict.SUPERFLUOUS and (fail_on == "never" or ":" in fail_on)


def severity(finding: Finding, lower: bool) -> str:
    level = SEVERITIES.index(RULE_SEVERITY[finding.severity])
    return SEVERITIES[max(level - 1, 0) if lower else level]


def entry(finding: Finding, row: ItemResult, result: AuditResult, lower: bool, seen: Counter[str]) -> dict[str, Any]:
    position = finding.position or row.item.position
    path = position.path if position else result.paths[0]
    key = fingerprint(path, row.item.id, finding.code, finding.quote)
    # Two findings alike in all that is hashed still need distinct fingerprints; the n-th repeat
    # gets its number, which is stable as long as the item's findings keep their order.
    repeat = seen[key]
    seen[key] += 1
    if repeat:
        key = fingerprint(key, str(repeat))
    return {
        "description": finding_text(finding, row),
        "check_name": f"{finding.code} {finding.name}",
        "fingerprint": key,
        "severity": severity(finding, lower),
        "location": {"path": path, "lines": {"begin": position.line if position else 1}},
    }
