"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, IDE viewers).

One run. The driver lists the whole rule catalogue in code order, so `ruleIndex` is stable;
each finding (of an item, or of the file) is one result. A waived finding stays in the report
with an `inSource` suppression carrying the stated reason, so dashboards show it as dismissed
rather than losing it. Columns count Unicode code points, as the YAML loader does.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePosixPath, PureWindowsPath
from collections.abc import Iterator
from functools import partial
from typing import Any
from urllib.parse import quote

from breadline import __version__
from breadline.formats import View
from breadline.formats.shared import Lines, encode_line, finding_text, fingerprint, joined
from breadline.model import AuditResult, Finding, ItemResult, Position
from breadline.rules import RULES, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/breadline/breadline"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "breadline/v1"
"""The partialFingerprints key; bump the version if what is hashed ever changes."""

_WINDOWS_DRIVE = re.compile(r"^[A-Za-z]:[\\/]")


def render(result: AuditResult, view: View) -> str:
    return joined(chunks(result, view))


_RESULT_INDENT = " " * 8
"""Where a result stands in the indented document: {"runs": [{"results": [ ... ]}]}."""


def chunks(result: AuditResult, view: View) -> Iterator[str | Lines]:
    """The log in pieces, so that a large one is written without ever being held whole.

    Indented like `json.dumps(..., indent=2)`, except that each result is one line, encoded by the
    C encoder (an indent would switch it off: 10,000 items' results took 1.9 s and 220 MiB held
    whole). The items' lines come as `Lines`: the writer may encode them on every core."""
    head = json.dumps(document(result, []), indent=2, ensure_ascii=False)
    before, after = head.rsplit('"results": []', 1)
    yield before + '"results": ['
    index = {code: i for i, code in enumerate(RULES)}
    rows = result.items
    first = next((k for k, row in enumerate(rows) if row.findings), len(rows))
    lines = []  # the first result's separator differs: it opens the list
    if first < len(rows):
        lines.append(_results_text(rows[first], index)[1:])
    elif result.findings:
        lines.append(_result_line(result.findings[0], None, index)[1:])
    yield from lines
    yield Lines(encode=partial(_results_text, index=index), items=rows[first + 1:])
    file_findings = result.findings[1:] if first == len(rows) else result.findings
    yield from (_result_line(finding, None, index) for finding in file_findings)
    yield (f"\n{_RESULT_INDENT[2:]}]" if lines else "]") + after + "\n"


def _results_text(row: ItemResult, index: dict[str, int]) -> str:
    return "".join(_result_line(finding, row, index) for finding in row.findings)


def _result_line(finding: Finding, row: ItemResult | None, index: dict[str, int]) -> str:
    return f",\n{_RESULT_INDENT}" + encode_line(result_dict(finding, row, index))


def to_dict(result: AuditResult) -> dict[str, Any]:
    """The whole log as plain data."""
    index = {code: i for i, code in enumerate(RULES)}
    results = [
        result_dict(finding, row, index)
        for row in result.items
        for finding in row.findings
    ]
    results += [result_dict(finding, None, index) for finding in result.findings]
    return document(result, results)


def document(result: AuditResult, results: list[dict[str, Any]]) -> dict[str, Any]:
    """The log around its results."""
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "breadline",
                    "version": __version__,
                    "informationUri": INFORMATION_URI,
                    "rules": [rule_dict(rule) for rule in RULES.values()],
                },
            },
            "invocations": [{"executionSuccessful": True}],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }


def rule_dict(rule: Rule) -> dict[str, Any]:
    properties: dict[str, Any] = {"family": rule.family, "severity": rule.severity}
    if rule.link:
        properties["link"] = rule.link
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "help": {"text": help_text(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def help_text(rule: Rule) -> str:
    return (f"{rule.fix}\n\nExample (the rule fires):\n{rule.bad.rstrip()}\n\n"
            f"Use instead:\n{rule.good.rstrip()}\n")


def result_dict(finding: Finding, row: ItemResult | None, index: dict[str, int]) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": index[finding.code],
        "level": LEVELS[finding.severity],
        "message": {"text": finding_text(finding, row)},
    }
    if finding.position is not None:
        entry["locations"] = [location(finding.position)]
    entry["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(finding.item_id, finding.code, finding.quote)}
    if finding.waived is not None:
        entry["suppressions"] = [{"kind": "inSource", "justification": finding.waived}]
    if row is not None:
        entry["properties"] = {"item": row.item.id, "score": row.score, "verdict": row.verdict.value,
                               "inferredOnly": row.inferred_only,
                               "readings": [{"link": link.name, "certainty": link.certainty, "signal": link.signal,
                                             "quote": link.quote} for link in row.links if link.inferred]}
    return entry


def location(position: Position) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(position.path)},
            "region": {"startLine": position.line, "startColumn": position.column},
        },
    }


def artifact_uri(path: str) -> str:
    """A relative path stays relative (forward slashes, percent-encoded where a URI needs it);
    an absolute one becomes a file: URI, since a bare `C:/…` would read as a URI scheme."""
    if _WINDOWS_DRIVE.match(path):
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    # ":" is encoded too: in the first segment it would make the reference read as `scheme:…`.
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")
