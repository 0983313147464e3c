"""`--format github`: GitHub Actions workflow commands, so items show up as annotations on the
backlog file in a pull request.

One line per item off the line: `::error` for the verdicts `View.fail_on` counts as failures,
`::warning` for the rest (weak items always warn; with `--fail-on never` nothing is an error);
findings about the file itself (a `custmers:` typo) are warnings too. Items on the line say
nothing. Values are escaped exactly as @actions/core escapes them, so nothing a backlog says can
end a line: every line written starts with the command breadline chose.

GitHub shows at most `PER_STEP` annotations of each kind per step. When there are more, the most
important ones are kept (superfluous before weak, then the larger items, then the lower scores),
in file order, and one more annotation of the kind says how many were left out and which.
No summary line: the summary goes to stderr (and to `$GITHUB_STEP_SUMMARY`, see `breadline.actions`).
"""

from __future__ import annotations

from breadline.facts import decided_by, describe
from breadline.formats import View
from breadline.formats.shared import fails, score_text
from breadline.model import AuditResult, Finding, ItemResult, Verdict

PER_STEP = 10
"""Annotations of one kind (error, warning, notice) GitHub shows per step."""
MORE_IDS = 20
"""At most this many ids are named in the "N more" annotation."""


def render(result: AuditResult, view: View) -> str:
    lines = [file_command(finding) for finding in result.findings]
    rows = [row for row in result.items if row.verdict is not Verdict.ON_LINE]
    errors = [row for row in rows if fails(row, view.fail_on)]
    warnings = [row for row in rows if not fails(row, view.fail_on)]
    shown_errors, more_errors = within(errors, PER_STEP)
    shown_warnings, more_warnings = within(warnings, PER_STEP - len(lines))
    shown = {id(row) for row in (*shown_errors, *shown_warnings)}
    lines += [command(row, view) for row in rows if id(row) in shown]
    if more_errors:
        lines.append(more("error", more_errors, "failing"))
    if more_warnings:
        lines.append(more("warning", more_warnings, "weakened"))
    return "".join(line + "\n" for line in lines)


def importance(row: ItemResult) -> tuple:
    return (row.verdict is not Verdict.SUPERFLUOUS, -(row.item.points or 0), row.score)


def within(rows: list[ItemResult], room: int) -> tuple[list[ItemResult], list[ItemResult]]:
    """The rows to annotate and the ones left out: all when they fit, else the `room - 1` most
    important (the last place is the "N more" annotation's)."""
    if len(rows) <= room:
        return rows, []
    keep = max(room - 1, 0)
    order = sorted(range(len(rows)), key=lambda i: (importance(rows[i]), i))
    chosen = set(order[:keep])
    return [rows[i] for i in sorted(chosen)], [rows[i] for i in order[keep:]]


def more(kind: str, rows: list[ItemResult], what: str) -> str:
    ids = ", ".join(row.item.id for row in rows[:MORE_IDS]) + (", …" if len(rows) > MORE_IDS else "")
    noun = "item" if len(rows) == 1 else "items"
    title = f"breadline: {len(rows)} more {what} {noun}"
    message = (f"GitHub shows {PER_STEP} {kind} annotations per step; {len(rows)} more {noun} "
               f"({ids}) are not annotated: `breadline audit --all` lists every item.")
    return f"::{kind} title={escape_property(title)}::{escape_data(message)}"


def command(row: ItemResult, view: View) -> str:
    kind = "error" if fails(row, view.fail_on) else "warning"
    properties = {}
    if row.item.position is not None:
        position = row.item.position
        properties = {"file": position.path, "line": str(position.line), "col": str(position.column)}
    properties["title"] = f"breadline: {row.item.id} {row.verdict.value} (score {score_text(row)})"
    return f"::{kind} {props(properties)}::{escape_data(message(row))}"


def file_command(finding: Finding) -> str:
    properties = {}
    if finding.position is not None:
        position = finding.position
        properties = {"file": position.path, "line": str(position.line), "col": str(position.column)}
    properties["title"] = f"breadline: {finding.code} {finding.name}"
    return f"::warning {props(properties)}::{escape_data(finding.message)}"


def props(properties: dict[str, str]) -> str:
    return ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())


def message(row: ItemResult) -> str:
    lines = [row.item.title]
    decisive = decided_by(row)
    if decisive:
        lines.append(f"Decided by {describe(decisive)}.")
    if row.missing:
        lines.append(f"Missing: {', '.join(row.missing)}.")
    thin = [name for name in row.weak_links if name not in row.missing]
    if thin:
        lines.append(f"Thin: {', '.join(thin)}.")
    if row.best_fix:
        lines.append(f"Best fix: {row.best_fix}")
    return "\n".join(lines)


def escape_data(text: str) -> str:
    """As @actions/core `escapeData`: the message of a command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """As @actions/core `escapeProperty`: a `key=value` of a command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")
