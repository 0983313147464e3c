"""Links and findings -> scores and verdicts; through the `serves` graph (`breadline.trace`),
enablers take on the standing of the items they serve.

Each link earns `weight × strength` points. A link drawn from its own field starts at full
strength (one read from the text starts lower); every finding against it caps it, and the
lowest cap wins. The score is the sum, 0–100. An item is *traced* when its who link is at least
`trace_strength` strong, its own or through an item it serves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

from breadline import facts
from breadline.clip import clip
from breadline.links import EXPLICIT_STRENGTH, Drawn
from breadline.model import (
    LINKS,
    Customer,
    Finding,
    Item,
    ItemResult,
    Link,
    Settings,
    Summary,
    Verdict,
    VerdictTotals,
)
from breadline.registry import Registry, pays
from breadline.rules import RULES
from breadline.rules.fields import suggest_field
from breadline.trace import Rank, Trace
from breadline.words import WordLists, builtin


def link_strengths(drawn: dict[str, Drawn], findings: Iterable[Finding], settings: Settings,
                   payer: Customer | None) -> tuple[Link, ...]:
    """The item's own links: each drawn link's base strength, capped by the unwaived findings
    (`payer`: the paying registry entry the who link names, if any)."""
    caps: dict[str, list[Finding]] = {name: [] for name in LINKS}
    waived: dict[str, Finding] = {}
    for finding in findings:
        if finding.link in caps and finding.cap is not None:
            if finding.waived is None:
                caps[finding.link].append(finding)
            else:
                waived[finding.link] = finding
    fields = []
    for name in LINKS:
        d = drawn[name]
        strength = d.base_strength
        reason = None
        if not d.present and name in waived:
            # A missing link waived with a reason counts as drawn: the team decided it does not apply.
            strength = EXPLICIT_STRENGTH
            reason = f"{waived[name].code} waived: {waived[name].waived}"
        against = caps[name]
        if against:
            lowest = min(against, key=lambda f: f.cap)
            strength = min(strength, lowest.cap)
            reason = lowest.message
        if reason is None:
            reason = _describe(d, payer)
        codes = tuple(sorted({f.code for f in against if f.cap == strength})) if against else ()
        fields.append(dict(name=name, weight=settings.weights[name], strength=round(strength, 3), reason=reason,
                           codes=codes, quote=d.quote, inferred=d.inferred,
                           certainty=(d.certainty or "likely") if d.inferred else None,
                           signal=(d.signal or "wording") if d.inferred else None))
    earned = _whole_points([f["weight"] * f["strength"] for f in fields])
    return tuple(Link(**f, earned=points) for f, points in zip(fields, earned))


def _describe(d: Drawn, payer: Customer | None) -> str:
    how = "read from the text" if d.inferred else f"from `{d.field}:`"
    if d.link == "who" and payer is not None:
        plan = f", {payer.plan} plan" if payer.plan else ""
        return f"{payer.display_name} pays us{plan} ({how})"
    return f"“{_clip(d.text)}” ({how})"


def _payer(who: Drawn, registry: Registry, words: WordLists) -> Customer | None:
    """The first registry entry the who link names that pays."""
    for name in who.values:
        customer = registry.resolve(name)
        if customer is not None and pays(customer, words("non-paying-plans")):
            return customer
    return None


def _customer(who: Drawn, payer: Customer | None) -> tuple[str, bool] | None:
    """The customer an item names: the first paying registry entry, else its first own words."""
    if payer is not None:
        return payer.display_name, True
    return (who.values[0], False) if who.values else None


def is_dropped(item: Item, words: WordLists = builtin) -> bool:
    """True when the item's status says the team decided not to do it (`status: dropped`, `won't
    do`, ...): it is left out of the results and the counts."""
    return bool(item.status) and " ".join(item.status.lower().split()) in words("dropped-statuses")


def total(links: Iterable[Link]) -> int:
    return round(sum(link.weight * link.strength for link in links))


def _whole_points(exact: list[float]) -> list[int]:
    """The links' whole points, from their exact ones, adding up to the score (`total`): each
    rounded down, and the points left over to the links with the largest fractions (the
    largest-remainder method), so that a table of "17/20, 25/25, ..." sums to what it explains.
    `link_strengths` makes each link with its points."""
    floors = [math.floor(x + 1e-9) for x in exact]
    left = round(sum(exact)) - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:max(left, 0)]:
        if exact[i] - floors[i] > 1e-9:
            floors[i] += 1
    return floors


HALF_DRAWN = 0.5
"""On the line, every link must be at least this strong: a thin link makes an item weak."""


def verdict_of(score: int, traced: bool, links: Iterable[Link], settings: Settings) -> Verdict:
    if not traced or score < settings.threshold:
        return Verdict.SUPERFLUOUS
    if score >= settings.on_line and all(link.strength >= HALF_DRAWN for link in links):
        return Verdict.ON_LINE
    return Verdict.WEAK


def is_traced(links: Iterable[Link], settings: Settings) -> bool:
    return any(link.name == "who" and link.strength >= settings.trace_strength for link in links)


def _first_to_ask(finding: Finding) -> tuple[int, str]:
    """A motive that stands in for a customer before who the customer is (`facts.OFF_THE_TRACE`):
    an upsell to a free-plan customer is fixed by a problem of theirs, not by waiving BL103."""
    order = facts.OFF_THE_TRACE
    return (order.index(finding.code) if finding.code in order else len(order), finding.code)


def best_fix(links: tuple[Link, ...], findings: Iterable[Finding], drawn: dict[str, Drawn],
             settings: Settings) -> str | None:
    """The one change that would help most: first whatever keeps the item off the line (a finding
    that takes it off, or a who link too thin to trace), then the cap that costs the most points."""
    findings = list(findings)
    for finding in findings:
        if finding.off_line and finding.waived is None:
            return f"{RULES[finding.code].fix} ({finding.code}: it takes the item off the line)"
    for finding in findings:
        link = facts.misspelt_link(finding)
        if link is not None and finding.waived is None and not drawn[link].present:
            field = suggest_field(finding.quote or "")
            return f"Spell `{finding.quote}:` as `{field}:`, so that it draws the {link} link (BL901)"
    best: tuple[float, str] | None = None
    by_link = {link.name: link for link in links}
    active = [f for f in findings if f.link in by_link and f.cap is not None and f.waived is None]
    who = by_link["who"]
    holding_back = sorted((f for f in active if f.link == "who"), key=_first_to_ask)
    if who.strength < settings.trace_strength and holding_back:
        # Naming a paying person is the change that matters, whichever rules the link fell foul of.
        finding = holding_back[0]
        gain = round(who.weight * (1 - who.strength))
        return f"{RULES[finding.code].fix} (+{gain} points, {finding.code})"
    for finding in active:
        link = by_link[finding.link]
        others = [f.cap for f in active if f.link == finding.link and f is not finding]
        base = drawn[finding.link].base_strength if drawn[finding.link].present else 1.0
        lifted = min([base, *others])
        gain = link.weight * (lifted - link.strength)
        if gain > 0 and (best is None or gain > best[0]):
            best = (gain, f"{RULES[finding.code].fix} (+{round(gain)} points, {finding.code})")
    return best[1] if best else None


# eq=False, repr=False, not frozen: made for every item, never compared, printed or changed; each method
# dataclasses generates costs start-up on Python 3.11 (docs/performance.md)
@dataclass(slots=True, eq=False, repr=False)
class Standing:
    """An item's standing on its own, before the graph is considered: what `examine` computes
    for each item independently (in a worker process for large backlogs, so it must pickle
    small: it holds no reference to the item itself)."""

    links: tuple[Link, ...]
    score: int
    traced: bool
    findings: tuple[Finding, ...]
    """Sorted by code."""
    fix: str | None
    customer: str | None
    """Who the item helps, when it traces: a paying registry entry's name, else its own words."""
    customer_pays: bool
    serves: tuple[str, ...]
    """The ids the item serves, from `serves:` or its text."""
    change: bool = False
    """For an item in which no link earns anything: True when it is a change (a pull request, by
    its type or its words: `read.is_change`), which makes a superfluous verdict sure
    (`facts.confidence`). Not asked of the others."""
    doubted: bool = False
    """For an item that is superfluous on its own: True when, reading on, it reads like someone's
    report by its shape (`Reader.reads_like_report`), which makes a superfluous verdict a close
    call (`facts.confidence`). Not asked of the others."""
    hinted_by: str | None = None
    """For an item with a link that earns points on a hint: why the reading is only a hint
    (`Reader.why_hinted`), or None."""

    @property
    def rank(self) -> Rank:
        return (self.traced, self.score)

    def __reduce__(self):
        """Pickle as a call with the fields in order (see `breadline.model`): what the workers
        send back is rebuilt faster than through the frozen dataclass's own state handling."""
        return (Standing, (self.links, self.score, self.traced, self.findings, self.fix, self.customer,
                           self.customer_pays, self.serves, self.change, self.doubted, self.hinted_by))


def standing(item: Item, drawn: dict[str, Drawn], findings: tuple[Finding, ...], settings: Settings,
             registry: Registry, words: WordLists) -> Standing:
    """Score one item on its own links (the graph comes later, in `score_backlog`)."""
    payer = _payer(drawn["who"], registry, words)
    links = link_strengths(drawn, findings, settings, payer)
    traced = is_traced(links, settings) and not any(f.off_line and f.waived is None for f in findings)
    fix = best_fix(links, findings, drawn, settings)  # in the rules' order: the first off-line finding
    customer = _customer(drawn["who"], payer)
    customer, customer_pays = customer if traced and customer else (None, False)
    return Standing(
        links=links, score=total(links),
        traced=traced and not is_dropped(item, words),  # nothing traces through work the team decided not to do
        findings=tuple(sorted(findings, key=_by_code)), fix=fix, customer=customer, customer_pays=customer_pays,
        serves=drawn["serves"].values,
    )


def score_backlog(items: tuple[Item, ...], own: list[Standing], graph: Trace,
                  graph_findings: list[list[Finding]], settings: Settings, registry: Registry) -> tuple[ItemResult, ...]:
    """Every item's result: its own standing, or, where it serves an item that stands better,
    that item's standing inherited; with the findings of the graph rules (`graph_findings`)."""
    return tuple(item_result(items[i], i, own, graph, graph_findings[i], settings, registry) for i in range(len(items)))


def item_result(item: Item, i: int, own: list[Standing], graph: Trace, extra: list[Finding],
            settings: Settings, registry: Registry) -> ItemResult:
    o = own[i]
    origin = own[graph.origin[i]]
    if graph.via[i] is None:
        links, findings, via, fix = o.links, o.findings, None, o.fix
    else:
        origin_id = graph.items[graph.origin[i]].id
        links = tuple(_inherit(link, origin_id) for link in origin.links)
        # The item's own missing links are beside the point once its line runs through another.
        findings = tuple(f for f in o.findings if f.link is None)
        via = graph.items[graph.via[i]].id
        fix = f"Raise {origin_id}'s line: {origin.fix}" if origin.fix else None
    if extra:  # the own findings come sorted by code (see `standing`); sorting is stable
        findings = tuple(sorted([*findings, *extra], key=_by_code))
    verdict = verdict_of(origin.score, origin.traced, links, settings)
    deciding, question = facts.saving(links, findings, origin.traced, origin.customer, origin.customer_pays, registry)
    return ItemResult(item=item, links=links, score=origin.score, verdict=verdict, traced=origin.traced,
                      findings=findings, via=via, best_fix=fix, customer=origin.customer,
                      customer_pays=origin.customer_pays,
                      origin=graph.items[graph.origin[i]].id if via else None,
                      others=facts.others(links, findings), deciding=deciding, question=question,
                      confidence=facts.confidence(verdict, links, findings, change=o.change,
                                                  doubted=o.doubted),
                      hinted_by=origin.hinted_by)


def _by_code(finding: Finding) -> str:
    return finding.code


def _inherit(link: Link, origin: str) -> Link:
    if link.via is not None:
        return link
    return replace(link, via=origin)


def summarize(results: tuple[ItemResult, ...], dropped: int = 0) -> Summary:
    counts = {v: [0, 0.0] for v in Verdict}  # keyed by the member: `.value` costs an enum lookup per item
    points = 0.0
    unestimated = 0
    for result in results:
        entry = counts[result.verdict]
        entry[0] += 1
        if result.item.points is None:
            unestimated += 1
        else:
            entry[1] += result.item.points
            points += result.item.points
    by_verdict = {k.value: VerdictTotals(items=v[0], points=float(v[1])) for k, v in counts.items()}
    off = by_verdict[Verdict.SUPERFLUOUS.value]
    total_items = len(results)
    headline = _headline(off, total_items, points, unestimated,
                         sum(1 for r in results if r.verdict is Verdict.SUPERFLUOUS and r.item.points is not None))
    return Summary(items=total_items, points=points, unestimated=unestimated, by_verdict=by_verdict,
                   headline=headline, dropped=dropped)


def _headline(off: VerdictTotals, items: int, points: float, unestimated: int, weighed: int) -> str:
    """The sentence for a planning meeting, with one denominator (docs/concept.md §7): the share
    of the points when items carry points (and how many carry none), else the share of items."""
    if points > 0:
        share = round(100 * off.points / points)
        where = f", in {_count(weighed, 'item')}" if weighed else ""
        line = (f"{share}% of the points ({off.points:g} of {points:g}{where}) are superfluous: "
                "they trace to no paying person's problem")
        if unestimated:
            line += f"; {_count(unestimated, 'item')} {'carries' if unestimated == 1 else 'carry'} no points"
        return line
    if not items:
        return "0 of 0 items are superfluous: the backlog has no items"
    line = f"{off.items} of {items} items ({round(100 * off.items / items)}%) are superfluous: they trace to no paying person's problem"
    return line + "; no item carries points, so items are counted"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _clip(text: str, width: int = 60) -> str:
    return clip(text, width)
