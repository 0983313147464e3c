"""`--format github`: GitHub Actions workflow commands, so items show up as annotations on the
backlog file in a pull request.

One line per item off the line: `::error` for the verdicts `View.fail_on` counts as failures,
`::warning` for the rest (weak items always warn; with `--fail-on never` nothing is an error).
Items on the line say nothing. Values are escaped exactly as @actions/core escapes them.
No summary line: the summary goes to stderr.
"""

from __future__ import annotations

from breadline.facts import decided_by, describe
from breadline.formats import View
from breadline.formats.shared import fails, score_text
from breadline.model import AuditResult, ItemResult, Verdict


def render(result: AuditResult, view: View) -> str:
    return "".join(command(row, view) + "\n" for row in result.items if row.verdict is not Verdict.ON_LINE)


def command(row: ItemResult, view: View) -> str:
    kind = "error" if fails(row, view.fail_on) else "warning"
    properties = {}
    if row.item.position is not None:
        position = row.item.position
        properties = {"file": position.path, "line": str(position.line), "col": str(position.column)}
    properties["title"] = f"breadline: {row.item.id} {row.verdict.value} (score {score_text(row)})"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{kind} {props}::{escape_data(message(row))}"


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
