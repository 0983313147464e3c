"""`--format sarif`: SARIF 2.1.0 for code-scanning dashboards (GitHub code scanning, IDE viewers).

One run. The driver lists the whole rule catalogue in code order, so `ruleIndex` is stable, with
each rule's help (text and Markdown), `helpUri`, and the properties code scanning reads (`tags`,
`precision`, `problem.severity`). Each finding (of an item, or of the file) is one result.

Levels follow the verdict, so that code scanning and the exit code agree: a finding on an item
`--fail-on` counts as failing is an `error`; on any other item it is a `warning` (it weakens the
item, it does not fail the run); rules of severity info are `note`s; findings about the file are
warnings. A waived finding stays in the report with an `inSource` suppression carrying the stated
reason. With `--baseline`, every reported result is `baselineState: new`.

Paths are relative to the repository root (`breadline.roots`) under `uriBaseId` `%SRCROOT%`; the
fingerprint hashes the path, the item id and the rule (and the n-th repeat), never the item's
words or its line, so an alert survives rewording and moving. Within GitHub's documented limits:
at most `MAX_RESULTS` results (the most severe kept, then file order; the run says how many were
cut), messages of at most `MAX_MESSAGE` characters, at most `MAX_TAGS` tags per rule.
Columns count Unicode code points, as the YAML loader does.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from functools import partial
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from breadline import __version__
from breadline.formats import View
from breadline.formats.shared import Lines, encode_line, fails, finding_text, fingerprint, joined
from breadline.model import AuditResult, Finding, ItemResult, Position
from breadline.rules import RULES, Rule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/breadline/breadline"
HELP_URI = INFORMATION_URI + "/blob/main/README.md#rules"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
FINGERPRINT_KEY = "breadline/v2"
"""The partialFingerprints key; bump the version if what is hashed ever changes (v1 left the
path out and hashed the quoted words)."""
MAX_RESULTS = 5_000
"""GitHub code scanning rejects a run over 25,000 results and keeps only the top 5,000 (by
severity): breadline keeps those 5,000 itself, the most severe first, and says so."""
MAX_MESSAGE = 1_024
MAX_TAGS = 10
RANK = {"error": 0, "warning": 1, "note": 2}
"""How the cut orders results: errors are kept first, then warnings, then notes."""

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
    rows, cut = kept(result, view)
    head = json.dumps(document(result, [], view, cut), indent=2, ensure_ascii=False)
    before, after = head.rsplit('"results": []', 1)
    yield before + '"results": ['
    encode = partial(_results_text, fail_on=view.fail_on, baseline=view.baseline)
    first = next((k for k, entry in enumerate(rows) if entry[1]), len(rows))
    lines = []  # the first result's separator differs: it opens the list
    if first < len(rows):
        lines.append(encode(rows[first])[1:])
    elif result.findings:
        lines.append(_result_line(result.findings[0], None, view.fail_on, view.baseline, 0)[1:])
    yield from lines
    yield Lines(encode=encode, items=rows[first + 1:])
    file_findings = result.findings[1:] if first == len(rows) else result.findings
    yield from (_result_line(finding, None, view.fail_on, view.baseline, 0) for finding in file_findings)
    yield (f"\n{_RESULT_INDENT[2:]}]" if lines else "]") + after + "\n"


def kept(result: AuditResult, view: View) -> tuple[list[tuple[ItemResult, tuple[Finding, ...]]], int]:
    """Each item with the findings the log holds, and how many findings were cut (0 when all fit).
    File findings are always kept (there are at most a handful)."""
    rows = [(row, row.findings) for row in result.items]
    room = MAX_RESULTS - len(result.findings)
    total = sum(len(findings) for _, findings in rows)
    if total <= room:
        return rows, 0
    ranked = sorted(
        ((RANK[level(f, row, view.fail_on)], i, j)
         for i, (row, findings) in enumerate(rows) for j, f in enumerate(findings)),
    )[:max(room, 0)]
    keep: dict[int, set[int]] = {}
    for _, i, j in ranked:
        keep.setdefault(i, set()).add(j)
    trimmed = [(row, tuple(f for j, f in enumerate(findings) if j in keep.get(i, ())))
               for i, (row, findings) in enumerate(rows)]
    return trimmed, total - len(ranked)


def _result_dicts(entry: tuple[ItemResult, tuple[Finding, ...]], fail_on: str, baseline: bool) -> Iterator[dict[str, Any]]:
    """The results of one item's kept findings; a repeat of a rule on the item is numbered (its
    fingerprint differs), counting the findings cut too, so that cutting never renumbers."""
    row, findings = entry
    seen: Counter[str] = Counter()
    for finding in row.findings:
        repeat = seen[finding.code]
        seen[finding.code] += 1
        if findings is row.findings or any(f is finding for f in findings):
            yield result_dict(finding, row, fail_on, baseline, repeat)


def _results_text(entry: tuple[ItemResult, tuple[Finding, ...]], fail_on: str, baseline: bool) -> str:
    return "".join(f",\n{_RESULT_INDENT}" + encode_line(d) for d in _result_dicts(entry, fail_on, baseline))


def _result_line(finding: Finding, row: ItemResult | None, fail_on: str, baseline: bool, repeat: int) -> str:
    return f",\n{_RESULT_INDENT}" + encode_line(result_dict(finding, row, fail_on, baseline, repeat))


def to_dict(result: AuditResult, view: View = View()) -> dict[str, Any]:
    """The whole log as plain data (built whole: what `chunks` streams, for tests and small logs)."""
    rows, cut = kept(result, view)
    results = [d for entry in rows for d in _result_dicts(entry, view.fail_on, view.baseline)]
    results += [result_dict(f, None, view.fail_on, view.baseline) for f in result.findings]
    return document(result, results, view, cut)


def document(result: AuditResult, results: list[dict[str, Any]], view: View = View(), cut: int = 0) -> dict[str, Any]:
    """The log around its results."""
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "breadline",
                "version": __version__,
                "semanticVersion": __version__,
                "informationUri": INFORMATION_URI,
                "rules": [rule_dict(rule) for rule in RULES.values()],
            },
        },
        "automationDetails": {"id": "breadline/"},
        "originalUriBaseIds": {SRCROOT: _root_location(view.root)},
        "invocations": [invocation(result, cut)],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if cut:
        run["properties"] = {"cutResults": cut, "maxResults": MAX_RESULTS}
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def invocation(result: AuditResult, cut: int) -> dict[str, Any]:
    entry: dict[str, Any] = {"executionSuccessful": True}
    if cut:
        total = cut + MAX_RESULTS
        entry["toolExecutionNotifications"] = [{
            "level": "warning",
            "message": {"text": f"{cut:,} of {total:,} findings were left out: GitHub code scanning shows at most "
                                f"{MAX_RESULTS:,} results per run. The most severe were kept; "
                                f"`breadline audit --format json` lists every finding."},
        }]
    return entry


def _root_location(root: str | None) -> dict[str, Any]:
    location: dict[str, Any] = {"description": {"text": "The repository root (the git top level, or --root)."}}
    if root:
        uri = PurePosixPath(root).as_uri() if root.startswith("/") else None
        if _WINDOWS_DRIVE.match(root):
            uri = PureWindowsPath(root).as_uri()
        if uri:
            location["uri"] = uri.rstrip("/") + "/"
    return location


def rule_dict(rule: Rule) -> dict[str, Any]:
    tags = ["backlog", rule.family.replace(" ", "-")]
    if rule.link:
        tags.append(f"link:{rule.link}")
    properties: dict[str, Any] = {
        "family": rule.family, "severity": rule.severity,
        "tags": tags[:MAX_TAGS],
        "precision": precision(rule),
        "problem.severity": PROBLEM_SEVERITY[rule.severity],
    }
    if rule.link:
        properties["link"] = rule.link
    return {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": rule.why},
        "helpUri": HELP_URI,
        "help": {"text": help_text(rule), "markdown": help_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def precision(rule: Rule) -> str:
    """How often a finding of the rule is right: input and graph rules read structure (very
    high); the motive rules read wording (medium); the others read fields (high)."""
    return {"9": "very-high", "6": "very-high", "5": "medium"}.get(rule.code[2], "high")


def help_text(rule: Rule) -> str:
    return (f"{rule.fix}\n\nExample (the rule fires):\n{rule.bad.rstrip()}\n\n"
            f"Use instead:\n{rule.good.rstrip()}\n")


def help_markdown(rule: Rule) -> str:
    return (f"**{rule.code} {rule.name}**: {rule.summary}\n\n{rule.why}\n\n**Fix:** {rule.fix}\n\n"
            f"The rule fires:\n\n```yaml\n{rule.bad.rstrip()}\n```\n\nUse instead:\n\n```yaml\n{rule.good.rstrip()}\n```\n")


def level(finding: Finding, row: ItemResult | None, fail_on: str) -> str:
    """What the finding does to the run: fails it (error), weakens an item (warning), or informs (note)."""
    if finding.severity == "info":
        return "note"
    if row is not None and fails(row, fail_on):
        return "error"
    return "warning"


def result_dict(finding: Finding, row: ItemResult | None, fail_on: str = "superfluous", baseline: bool = False,
                repeat: int = 0) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": _INDEX[finding.code],
        "level": level(finding, row, fail_on),
        "message": {"text": bounded(finding_text(finding, row))},
    }
    if finding.position is not None and finding.position.path != "<stdin>":
        entry["locations"] = [location(finding.position)]
    path = finding.position.path if finding.position else ""
    what = finding.item_id if row is not None else f"file:{finding.quote or ''}"
    entry["partialFingerprints"] = {FINGERPRINT_KEY: fingerprint(path, what, finding.code, str(repeat))}
    if baseline:
        entry["baselineState"] = "new"
    if finding.waived is not None:
        entry["suppressions"] = [{"kind": "inSource", "justification": finding.waived}]
    if row is not None:
        entry["properties"] = {"item": row.item.id, "score": row.score, "verdict": row.verdict.value,
                               "inferredOnly": row.inferred_only, "confidence": row.confidence,
                               "readings": [{"link": link.name, "certainty": link.certainty, "signal": link.signal,
                                             "quote": link.quote} for link in row.links if link.inferred]}
        if row.hinted_by:
            entry["properties"]["hintedBy"] = row.hinted_by  # why the readings are only hinted
    return entry


_INDEX = {code: i for i, code in enumerate(RULES)}


def bounded(text: str, limit: int = MAX_MESSAGE) -> str:
    """`text` as it is when it fits, else cut to `limit` characters, the last of them "…"."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def location(position: Position) -> dict[str, Any]:
    artifact: dict[str, Any] = {"uri": artifact_uri(position.path)}
    if not _is_absolute(position.path):
        artifact["uriBaseId"] = SRCROOT
    return {
        "physicalLocation": {
            "artifactLocation": artifact,
            "region": {"startLine": position.line, "startColumn": position.column},
        },
    }


def _is_absolute(path: str) -> bool:
    return path.startswith("/") or bool(_WINDOWS_DRIVE.match(path))


def artifact_uri(path: str) -> str:
    """A relative path stays relative (forward slashes, percent-encoded where a URI needs it);
    an absolute one becomes a file: URI, since a bare `C:/…` would read as a URI scheme."""
    if _WINDOWS_DRIVE.match(path):
        return PureWindowsPath(path).as_uri()
    if path.startswith("/"):
        return PurePosixPath(path).as_uri()
    # ":" is encoded too: in the first segment it would make the reference read as `scheme:…`.
    return quote(path.replace("\\", "/"), safe="/-._~!$&'()*+,;=@")
