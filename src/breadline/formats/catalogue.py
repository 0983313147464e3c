"""`breadline rules` and `breadline explain CODE`: the rule catalogue, as text or JSON."""

from __future__ import annotations

import json
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from breadline.formats import View
from breadline.formats.table import console_for
from breadline.rules import Rule


def rule_dict(rule: Rule) -> dict[str, Any]:
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "link": rule.link,
        "severity": rule.severity,
        "summary": rule.summary,
        "why": rule.why,
        "fix": rule.fix,
        "example": {"bad": rule.bad, "good": rule.good},
    }


def render_json(rules: list[Rule]) -> str:
    return json.dumps([rule_dict(rule) for rule in rules], indent=2, ensure_ascii=False) + "\n"


def render_list(rules: list[Rule], view: View) -> str:
    console, buffer = console_for(view)
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Code", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Link", no_wrap=True)
    table.add_column("What it finds", ratio=1)
    for rule in rules:
        table.add_row(rule.code, rule.name, rule.link or rule.family, rule.summary)
    console.print(table)
    return buffer.getvalue()


def render_rule(rule: Rule, view: View) -> str:
    """A rule's page, laid out like ruff's: what it does, why, example, use instead."""
    console, buffer = console_for(view)
    console.print(Text(f"{rule.name} ({rule.code})", style="bold"))
    console.print(Text(f"Family: {rule.family}. Severity: {rule.severity}." +
                       (f" Costs points on the {rule.link} link." if rule.link else "")))
    console.print()
    for heading, body in (("What it does", rule.summary), ("Why it matters", rule.why), ("How to fix", rule.fix)):
        console.print(Text(heading, style="bold"))
        console.print(Text(body))
        console.print()
    console.print(Text("Example", style="bold"))
    console.print(Text(_indent(rule.bad)))
    console.print(Text("Use instead", style="bold"))
    console.print(Text(_indent(rule.good)), end="")
    return buffer.getvalue()


def _indent(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.rstrip("\n").splitlines())
