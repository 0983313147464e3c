"""`--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure …).

One test suite per backlog file, one test case per item. An item fails when its verdict is
one `View.fail_on` counts; the failure's text says which links are missing, what the rules
found and the change worth most. Items that are off the line but not counted as failures
pass, with the same details in `<system-out>`, so `--fail-on never` still shows them.
Nothing is ever skipped: every item is audited.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from breadline.facts import decided_by, describe
from breadline.formats import View
from breadline.formats.shared import fails, score_text, unwaived
from breadline.model import AuditResult, ItemResult, Verdict

# XML 1.0 cannot carry these at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(result: AuditResult, view: View) -> str:
    suites: dict[str, list[ItemResult]] = {path: [] for path in result.paths}
    for row in result.items:
        path = row.item.position.path if row.item.position else result.paths[0]
        suites.setdefault(path, []).append(row)

    root = ET.Element("testsuites", name="breadline")
    totals = {"tests": 0, "failures": 0}
    for path, rows in suites.items():
        failures = sum(fails(row, view.fail_on) for row in rows)
        suite = ET.SubElement(root, "testsuite", name=clean(path), tests=str(len(rows)), failures=str(failures),
                              errors="0", skipped="0", time="0")
        for row in rows:
            suite.append(testcase(row, path, view))
        totals["tests"] += len(rows)
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", "0")
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def testcase(row: ItemResult, path: str, view: View) -> ET.Element:
    case = ET.Element("testcase", classname=clean(path), name=clean(f"{row.item.id}: {row.item.title}"), time="0")
    if row.verdict is Verdict.ON_LINE:
        return case
    if fails(row, view.fail_on):
        failure = ET.SubElement(case, "failure", message=clean(headline(row)), type=row.verdict.value)
        failure.text = clean(details(row))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = clean(f"{headline(row)}\n{details(row)}")
    return case


def headline(row: ItemResult) -> str:
    decisive = decided_by(row)
    said = [describe(decisive)] if decisive else []
    said += [f"missing {', '.join(row.missing)}"] if row.missing else []
    return f"{row.verdict.label} (score {score_text(row)})" + (f": {'; '.join(said)}" if said else "")


def details(row: ItemResult) -> str:
    lines = []
    if row.via:
        lines.append(f"Traced via {row.via}.")
    if row.missing:
        lines.append(f"Missing links: {', '.join(row.missing)}.")
    thin = [name for name in row.weak_links if name not in row.missing]
    if thin:
        lines.append(f"Thin links: {', '.join(thin)}.")
    findings = unwaived(row)
    if findings:
        lines.append("Findings:")
        lines.extend(f"  {f.code} {f.name} ({f.severity}): {f.message}" for f in findings)
    waived = [f for f in row.findings if f.waived is not None]
    if waived:
        lines.append("Waived:")
        lines.extend(f"  {f.code} {f.name}: {f.waived}" for f in waived)
    if row.best_fix:
        lines.append(f"Best fix: {row.best_fix}")
    return "\n".join(lines) + "\n"


def clean(text: str) -> str:
    """Replace what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)
