"""`--format junit`: JUnit XML, for CI systems that show test reports (Jenkins, GitLab, Azure …).

Valid against both schemas CI systems check reports with: the Jenkins xunit plugin's
`junit-10.xsd` and the Apache Ant JUnit schema (tests/data/junit/ holds both; the tests run
`xmllint --schema` with each). Their common ground decides the shape:

- `<testsuites>` carries no attributes; one `<testsuite>` per backlog file, with `package` and
  `id`, the counts, `time`, `timestamp` and `hostname`, a `<properties>` list and
  `<system-out>` / `<system-err>`;
- one `<testcase>` per item, named by the item id (so editing a title keeps the test's history),
  its classname the file as Jenkins reads a class: the folder as the package, dot-separated, and
  the file name as the class (`planning/q4.backlog.yaml` -> `planning.q4_backlog_yaml`, which
  Jenkins shows as package `planning`, class `q4_backlog_yaml`);
- neither schema lets a test case carry properties or `file`/`line` attributes, so the item's
  title, file and line are suite properties (`ID.title`, `ID.file`, `ID.line`) and are said in the
  failure message too;
- an item fails when its verdict is one `View.fail_on` counts; dropped items (their status says
  the team decided not to do them) are `<skipped>`; items off the line that do not fail, and
  findings about the file itself, are told in the suite's `<system-out>`.

Text that could start a GitHub workflow command at the start of a line (`::`) has its first
colon written as a character reference, which every XML reader reads back as the same text.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from breadline.facts import decided_by, describe
from breadline.formats import View
from breadline.formats.shared import fails, score_text, unwaived
from breadline.model import AuditResult, ItemResult, Verdict

# XML 1.0 cannot carry these at all, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_COMMAND_AT_LINE_START = re.compile(r"(?m)^([ \t]*):")
HOSTNAME = "localhost"
"""What the Ant schema asks for when the host is not to be told (a report should not leak it)."""


def render(result: AuditResult, view: View) -> str:
    suites: dict[str, list[ItemResult]] = {path: [] for path in result.paths}
    dropped: dict[str, list[ItemResult]] = {path: [] for path in result.paths}
    for rows, into in ((result.items, suites), (result.dropped, dropped)):
        for row in rows:
            path = row.item.position.path if row.item.position else result.paths[0]
            into.setdefault(path, []).append(row)
            suites.setdefault(path, [])
            dropped.setdefault(path, [])
    stamp = timestamp(result)
    root = ET.Element("testsuites")
    for number, (path, rows) in enumerate(suites.items()):
        root.append(suite(result, path, rows, dropped[path], number, stamp, view))
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _COMMAND_AT_LINE_START.sub(r"\1&#58;", text) + "\n"


def suite(result: AuditResult, path: str, rows: list[ItemResult], dropped: list[ItemResult], number: int,
          stamp: str, view: View) -> ET.Element:
    package, name = class_parts(path)
    failures = sum(fails(row, view.fail_on) for row in rows)
    element = ET.Element("testsuite", name=clean(name), package=clean(package), id=str(number),
                         tests=str(len(rows) + len(dropped)), failures=str(failures), errors="0",
                         skipped=str(len(dropped)), time="0", timestamp=stamp, hostname=HOSTNAME)
    properties = ET.SubElement(element, "properties")
    ET.SubElement(properties, "property", name="file", value=clean(path))
    for row in (*rows, *dropped):
        for key, value in item_properties(row).items():
            ET.SubElement(properties, "property", name=clean(f"{row.item.id}.{key}"), value=clean(value))
    classname = clean(f"{package}.{name}" if package else name)
    for row in rows:
        element.append(testcase(row, classname, view))
    for row in dropped:
        case = ET.SubElement(element, "testcase", name=clean(row.item.id), classname=classname, time="0")
        status = f" (status: {row.item.status})" if row.item.status else ""
        ET.SubElement(case, "skipped", message=clean(f"dropped{status}: not counted"))
    out = ET.SubElement(element, "system-out")
    out.text = clean(system_out(result, path, rows, view))
    ET.SubElement(element, "system-err")
    return element


def class_parts(path: str) -> tuple[str, str]:
    """(package, class) for a backlog path: folders joined by dots, dots within a name as `_`."""
    parts = [part.replace(".", "_") for part in path.replace("\\", "/").split("/") if part not in ("", ".")]
    if not parts:
        return "", "backlog"
    return ".".join(parts[:-1]), parts[-1]


def item_properties(row: ItemResult) -> dict[str, str]:
    properties = {"title": row.item.title}
    if row.item.position is not None:
        properties["file"] = row.item.position.path
        properties["line"] = str(row.item.position.line)
    return properties


def timestamp(result: AuditResult) -> str:
    """When the audit ran, as the Ant schema has it (no time zone): the audit's own date when
    it was pinned, else now in UTC."""
    today = result.settings.today
    moment = (dt.datetime.combine(today, dt.time()) if today else dt.datetime.now(dt.timezone.utc).replace(tzinfo=None))
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def testcase(row: ItemResult, classname: str, view: View) -> ET.Element:
    case = ET.Element("testcase", name=clean(row.item.id), classname=classname, time="0")
    if fails(row, view.fail_on):
        failure = ET.SubElement(case, "failure", message=clean(f"{headline(row)}{where(row)}"), type=row.verdict.value)
        failure.text = clean(details(row))
    return case


def where(row: ItemResult) -> str:
    position = row.item.position
    return f" at {position.path}:{position.line}" if position else ""


def system_out(result: AuditResult, path: str, rows: list[ItemResult], view: View) -> str:
    """What the suite says besides its failures: the findings about the file, then the items off
    the line that do not fail the run."""
    lines = []
    for finding in result.findings:
        if finding.position is None or finding.position.path == path:
            at = f"{finding.position}: " if finding.position else ""
            lines.append(f"{at}{finding.code} {finding.name} ({finding.severity}): {finding.message}")
    for row in rows:
        if row.verdict is not Verdict.ON_LINE and not fails(row, view.fail_on):
            lines.append(f"{row.item.id}: {headline(row)}{where(row)}")
            lines.extend(f"  {line}" for line in details(row).splitlines())
    return "\n".join(lines) + "\n" if lines else ""


def headline(row: ItemResult) -> str:
    decisive = decided_by(row)
    said = [describe(decisive)] if decisive else []
    said += [f"missing {', '.join(row.missing)}"] if row.missing else []
    return f"{row.verdict.label} (score {score_text(row)})" + (f": {'; '.join(said)}" if said else "")


def details(row: ItemResult) -> str:
    lines = [f"Title: {row.item.title}"]
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
    """Replace what XML 1.0 cannot hold (control characters, lone surrogates) with U+FFFD, and
    line breaks other than a plain newline with one (a reader would turn them into newlines)."""
    return _NOT_XML.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))
