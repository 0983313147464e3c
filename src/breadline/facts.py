"""What the formats need to know about a scored item besides its links, worked out once where the
result is built (see `score.score_backlog`), so that no format reads a sentence to find a fact:
the findings a link's reason does not already tell, and the question that would save the item."""

from __future__ import annotations

from collections.abc import Iterable

from breadline.clip import clip
from breadline.model import LINKS, Finding, Link
from breadline.registry import Registry
from breadline.rules import RULES

OFF_THE_TRACE = ("BL501", "BL502", "BL601", "BL602", "BL603", "BL604", "BL101", "BL102", "BL106", "BL103", "BL104",
                 "BL105")
"""When an item traces to nobody, the rules to ask about first: a motive that stands in for a
customer, then a `serves` chain that ends nowhere, then who the customer is."""

LINK_QUESTIONS = {"who": "BL101", "problem": "BL201", "evidence": "BL301", "next": "BL401"}
"""The rule whose question is asked for a link that is simply missing."""

NOTHING_TO_ASK = "Nothing to ask: every link is drawn in full."


def others(links: Iterable[Link], findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """The findings no link's reason tells already, and the waived ones."""
    reasons = {link.reason for link in links}
    return tuple(f for f in findings if f.message not in reasons or f.waived)


def saving(links: tuple[Link, ...], findings: Iterable[Finding], traced: bool, customer: str | None,
           pays: bool, registry: Registry) -> tuple[Finding | None, str]:
    """The finding that decides what to ask, and the one question whose answer would do most to
    put the item on the line.

    First whatever takes it off the line whatever its score (a self-centric problem), then, when
    it traces to nobody, who it is for; else the link that costs it the most points.
    """
    active = [f for f in findings if f.waived is None]
    who = clip(customer, 60) if traced and customer and pays else "the customer"
    off_line = sorted((f for f in active if f.off_line), key=lambda f: f.code)
    if off_line:
        return off_line[0], _ask(off_line[0].code, off_line[0].quote, who, registry)
    if not traced:
        by_code = {f.code: f for f in active}
        for code in OFF_THE_TRACE:
            if code in by_code:
                return by_code[code], _ask(code, by_code[code].quote, who, registry)
        return None, _ask("BL101", None, who, registry)
    costly = sorted(links, key=lambda link: (-(link.weight * (1 - link.strength)), LINKS.index(link.name)))
    for link in costly:
        if link.strength >= 1:
            break
        for code in link.codes:
            if RULES[code].question is not None:
                finding = next((f for f in active if f.code == code), None)
                return finding, _ask(code, finding.quote if finding else link.quote, who, registry)
        return None, _ask(LINK_QUESTIONS[link.name], link.quote, who, registry)
    return None, NOTHING_TO_ASK


def _ask(code: str, quote: str | None, who: str, registry: Registry) -> str:
    template = RULES[code].question or RULES["BL101"].question
    customer = ""
    if "{customer}" in template:
        named = registry.resolve(quote) if quote else None
        customer = clip(named.display_name if named is not None else f"‘{quote}’", 50)
    return template.format(quote=clip(quote or "", 50), who=who, customer=customer)
