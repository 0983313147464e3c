"""The rule catalogue: every rule breadline applies, with its stable code and its documentation
(what a rule is, `Rule`, `Context` and `Hit`, stands in `breadline.rules.base`).

A rule is pure: it reads one item (and the backlog, where it must) and yields `Hit`s — what it
saw, and how strong the link it judges can be at most while that stands. The audit core stamps
code, name and severity onto each hit and decides what waivers and scores make of it.
Rules that judge the `serves` graph as a whole (BL601–603) have a graph check instead: it reads
the backlog's `Trace` once every item has been judged on its own.
"""

from __future__ import annotations

from breadline.rules import evidence, fields, graph, motive, next_step, problem, who
from breadline.rules.base import FAMILIES, Check, Context, GraphCheck, Hit, Rule, TextReader

__all__ = ["FAMILIES", "RULES", "Check", "Context", "GraphCheck", "Hit", "Rule", "TextReader"]


def _registry() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    for module in (who, problem, evidence, next_step, motive, graph, fields):
        for rule in module.RULES:
            if rule.code in rules:  # pragma: no cover - caught by the catalogue test
                raise RuntimeError(f"duplicate rule code {rule.code}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _registry()
"""Every rule, by code, in code order."""
