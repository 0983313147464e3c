"""What the formats need to know about a scored item besides its links, worked out once where the
result is built (see `score.score_backlog`), so that no format reads a sentence to find a fact:
the findings a link's reason does not already tell, and the question that would save the item."""

from __future__ import annotations

from collections.abc import Iterable

from breadline.clip import clip
from breadline.model import LINKS, Finding, ItemResult, Link, Verdict
from breadline.registry import Registry
from breadline.rules import RULES
from breadline.rules.fields import suggest_field

OFF_THE_TRACE = ("BL501", "BL502", "BL601", "BL602", "BL603", "BL604", "BL101", "BL102", "BL106", "BL107", "BL103", "BL104",
                 "BL105")
"""When an item traces to nobody, the rules to ask about first: a motive that stands in for a
customer, then a `serves` chain that ends nowhere, then who the customer is."""

LINK_QUESTIONS = {"who": "BL101", "problem": "BL201", "evidence": "BL301", "next": "BL401"}
"""The rule whose question is asked for a link that is simply missing."""

NOTHING_TO_ASK = "Nothing to ask: every link is drawn in full."

UNTRACED_BY = ("BL501", "BL502", "BL904", "BL901", "BL601", "BL602", "BL603", "BL604", "BL106", "BL107", "BL102", "BL103",
               "BL104", "BL105", "BL101")
"""When an item traces to nobody, the finding that says why, first to last: a motive that stands
in for a customer, a waiver of ours that waives nothing, a misspelt field that would have named
the customer or the served item, a `serves` chain that ends nowhere (an unknown id, a loop, an
orphan chore), then who the customer is."""

LINK_FIELDS = {"customer": "who", "serves": "who", "problem": "problem", "evidence": "evidence", "next": "next"}
"""The fields that draw a link: a misspelling of one of them is why that link is missing."""


_EMPTY_LINK = frozenset(LINK_QUESTIONS.values())
"""The rules of a link with nothing in it (BL101, BL201, BL301, BL401)."""


CONTRARY = ("BL103", "BL202", "BL203", "BL305", "BL402", "BL501", "BL502", "BL601", "BL602", "BL603", "BL604")
"""The rules that find an item off the line by what it says itself (a customer who does not pay,
a problem about us, a solution posing as the problem, evidence that is only a person of ours, a
next step for us, a motive of ours, a `serves` chain that ends nowhere, a chore that serves
nothing), as against a link that is only missing, thin or old: a superfluous verdict one of them
stands behind is a sure one (`confidence`). Not the thin links: nobody in particular ("users",
BL106), a want with nothing to measure (BL204), an assumption for evidence ("I think", "would be
nice", BL304). Real reports are written that way too: on the development part of
`tests/data/real` the verdicts those three alone stood behind were right 0.68 of the time, those
of the rules here 0.98. A pull request in which nothing draws a link is as sure (204 of 207
there): `confidence`'s `change`. Measured after, on the held-out part: 0.98 (bench/judge.md,
"How sure")."""


def stands_contrary(findings: Iterable[Finding]) -> bool:
    """True when an unwaived finding of a `CONTRARY` rule stands against the item."""
    return any(f.code in CONTRARY and f.waived is None for f in findings)


def confidence(verdict: Verdict, links: Iterable[Link], findings: Iterable[Finding], *, change: bool = False,
               doubted: bool = False) -> str | None:
    """How sure a superfluous verdict is (`model.CONFIDENCE`): low when the item reads like
    someone's report by its shape (`doubted`: read.shape.DOUBT_AT), whatever else is found;
    high when an unwaived finding of a `CONTRARY` rule stands, or when the item is a change (a
    pull or merge request, by its type) in which no link earns anything: our own work, with
    nobody's problem named; medium when no link earns anything in an item that may be someone's
    report; low when some link is drawn but too weak to trace. None for an item on the line or weak."""
    if verdict is not Verdict.SUPERFLUOUS:
        return None
    if doubted:
        return "low"
    if stands_contrary(findings):
        return "high"
    if any(link.points for link in links):
        return "low"
    return "high" if change else "medium"


def misspelt_link(finding: Finding) -> str | None:
    """The link a BL901 finding's field would have drawn (`custmer:` -> who), if any."""
    if finding.code != "BL901" or not finding.quote:
        return None
    return LINK_FIELDS.get(suggest_field(finding.quote) or "")


def decided_by(row: ItemResult) -> Finding | None:
    """The finding that decided an item's verdict, for the one line a table or a summary gives it
    (issue 15: "an unknown served id, a misspelled `custmer:`, an orphan chore, a procedure
    motive", not only the links that lack points). None when the item is on the line, or when
    what decides it is only a link with nothing in it.

    First whatever takes the item off the line whatever its score; for an item that traces to
    nobody, the first of `UNTRACED_BY` that stands; else a misspelt field of a missing link, then
    the rule that costs the most points."""
    if row.verdict is Verdict.ON_LINE:
        return None
    active = [f for f in row.findings if f.waived is None]
    off_line = sorted((f for f in active if f.off_line), key=lambda f: f.code)
    if off_line:
        return off_line[0]
    by_code: dict[str, Finding] = {}
    for finding in active:
        if (finding.code == "BL901" and misspelt_link(finding) is None) or finding.code in _EMPTY_LINK:
            continue  # an empty link says itself ("missing next"); a misspelt `assignee:` decides nothing
        by_code.setdefault(finding.code, finding)
    if not row.traced:
        return next((by_code[code] for code in UNTRACED_BY if code in by_code), None)
    missing = set(row.missing)
    for finding in active:
        if misspelt_link(finding) in missing:
            return finding
    costly = sorted(row.links, key=lambda link: (link.points - link.weight, LINKS.index(link.name)))
    for link in costly:
        if link.strength >= 1:
            break
        for code in link.codes:
            if code in by_code and RULES[code].severity != "info":
                return by_code[code]
    return None


def describe(finding: Finding, width: int = 40) -> str:
    """A finding in a few words, for a table cell or a summary line: `BL501 procedure-motive
    ‘investor demo’`."""
    quote = f" ‘{clip(finding.quote, width)}’" if finding.quote else ""
    return f"{finding.code} {finding.name}{quote}"


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
