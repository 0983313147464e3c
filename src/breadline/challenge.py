"""`breadline ask` holds its answers to the rules' standard (issue 15): an answer a rule would
reject ("evidence: CEO", "next: the demo goes smoothly", "customer: clinics") is challenged
right where it is given, with the rule's message, and the team gets one chance to answer again
or to keep it (the finding then stays in the audit).

`objection` audits the item as the answers so far would leave it, once with and once without
the new answer, and returns the finding the answer brings in, if any. The interview
(`breadline.interview.Interview.answer`) calls it; nothing here prints or reads the terminal.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from breadline.model import Backlog, Evidence, Finding, Item, Settings

CHALLENGED = {"customer": "who", "problem": "problem", "evidence": "evidence", "next": "next"}
"""The answers checked, and the link each draws."""

_EMPTY = frozenset({"BL101", "BL201", "BL301", "BL401"})
"""A link with nothing in it is what the question is about, not an objection to the answer."""

_DETAILS = frozenset({"BL303"})
"""Said of an answer before its date is asked for: not an objection."""


def answered(item: Item, values: dict[str, Any]) -> Item:
    """`item` with answers (`customer`, `problem`, `evidence`, `next`, as the interview holds
    them) in place of its own fields."""
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        if name == "customer":
            changes["customers"] = tuple(value) if isinstance(value, (tuple, list)) else (value,)
        elif name == "evidence":
            entries = value if isinstance(value, (tuple, list)) else (value,)
            changes["evidence"] = tuple(
                Evidence(e.get("source") or e.get("url") or "", e.get("date")) if isinstance(e, dict) else Evidence(str(e))
                for e in entries)
        elif name in ("problem", "next"):
            changes[name] = str(value)
    return replace(item, **changes)


def objection(item: Item, backlog: Backlog, field: str, value: Any, given: dict[str, Any],
              words: Callable[[str], tuple[str, ...]] | None = None) -> Finding | None:
    """The finding a rule raises against `value` as the answer for `field` (one of
    `CHALLENGED`), given the answers so far (`given`); None when the answer draws its link as
    well as the rules allow."""
    from breadline import words as shipped
    from breadline.audit import audit

    link = CHALLENGED.get(field)
    if link is None or value is None:
        return None
    lists = words or shipped.builtin
    before = answered(item, given)
    after = answered(before, {field: value})
    registry_only = replace(backlog, items=())

    def standing(version: Item) -> dict[str, Finding]:
        result = audit(replace(registry_only, items=(replace(version, serves=(), index=0),)), Settings(),
                       word_lists=lists)
        return {f.code: f for f in result.items[0].findings if f.waived is None} if result.items else {}

    old, new = standing(before), standing(after)
    text = " ".join(value) if isinstance(value, (tuple, list)) else str(value)
    for code, finding in sorted(new.items()):
        if code in _EMPTY or code in _DETAILS or code in old and old[code].quote == finding.quote:
            continue
        if finding.link == link or (finding.quote and finding.quote.lower() in text.lower()):
            return finding
    return None
