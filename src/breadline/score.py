"""Links and findings -> scores and verdicts, and the `serves` graph that lets enablers trace
through the items they serve.

Each link earns `weight × strength` points. A link drawn from its own field starts at full
strength (one read from the text starts lower); every finding against it caps it, and the
lowest cap wins. The score is the sum, 0–100. An item is *traced* when its who link is at least
`trace_strength` strong, its own or through an item it serves.
"""

from __future__ import annotations

from collections.abc import Iterable

from breadline import facts
from breadline.clip import clip
from breadline.links import EXPLICIT_STRENGTH, Drawn, pays, resolve
from breadline.model import (
    LINKS,
    Backlog,
    Finding,
    Item,
    ItemResult,
    Link,
    Settings,
    Summary,
    Verdict,
    VerdictTotals,
)
from breadline.rules import RULES


def link_strengths(drawn: dict[str, Drawn], findings: Iterable[Finding], settings: Settings,
                   backlog: Backlog, words) -> tuple[Link, ...]:
    """The item's own links: each drawn link's base strength, capped by the unwaived findings."""
    caps: dict[str, list[Finding]] = {name: [] for name in LINKS}
    waived: dict[str, Finding] = {}
    for finding in findings:
        if finding.link in caps and finding.cap is not None:
            if finding.waived is None:
                caps[finding.link].append(finding)
            else:
                waived[finding.link] = finding
    links = []
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
            reason = _describe(d, backlog, words)
        codes = tuple(sorted({f.code for f in against if f.cap == strength})) if against else ()
        links.append(Link(name, settings.weights[name], round(strength, 3), reason, codes, d.quote, d.inferred))
    return tuple(links)


def _describe(d: Drawn, backlog: Backlog, words) -> str:
    how = "read from the text" if d.inferred else f"from `{d.field}:`"
    if d.link == "who":
        for name in d.values:
            customer = resolve(name, backlog)
            if customer is not None and pays(customer, words("non-paying-plans")):
                plan = f", {customer.plan} plan" if customer.plan else ""
                return f"{customer.display_name} pays us{plan} ({how})"
    return f"“{_clip(d.text)}” ({how})"


def _customer(who: Drawn, backlog: Backlog, words) -> tuple[str, bool] | None:
    """The customer an item names: the first paying registry entry, else its first own words."""
    for name in who.values:
        customer = resolve(name, backlog)
        if customer is not None and pays(customer, words("non-paying-plans")):
            return customer.display_name, True
    return (who.values[0], False) if who.values else None


def is_dropped(item: Item, words) -> bool:
    """True when the item's status says the team decided not to do it (`status: dropped`, `won't
    do`, ...): it is left out of the results and the counts."""
    return bool(item.status) and " ".join(item.status.lower().split()) in words("dropped-statuses")


def total(links: Iterable[Link]) -> int:
    return round(sum(link.weight * link.strength for link in links))


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


def best_fix(links: tuple[Link, ...], findings: Iterable[Finding], drawn: dict[str, Drawn],
             settings: Settings) -> str | None:
    """The one change that would help most: first whatever keeps the item off the line (a finding
    that takes it off, or a who link too thin to trace), then the cap that costs the most points."""
    findings = list(findings)
    for finding in findings:
        if finding.off_line and finding.waived is None:
            return f"{RULES[finding.code].fix} ({finding.code}: it takes the item off the line)"
    best: tuple[float, str] | None = None
    by_link = {link.name: link for link in links}
    active = [f for f in findings if f.link in by_link and f.cap is not None and f.waived is None]
    who = by_link["who"]
    holding_back = sorted((f for f in active if f.link == "who"), key=lambda f: f.code)
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


class Standing:
    """An item's standing on its own, before the graph is considered (its findings sorted by
    code): what `examine` computes
    for each item independently (in a worker process for large backlogs, so it must pickle
    small: it holds no reference to the item itself)."""

    __slots__ = ("links", "score", "traced", "findings", "fix", "customer", "customer_pays", "serves")

    def __init__(self, links: tuple[Link, ...], findings: tuple[Finding, ...], traced: bool, fix: str | None,
                 customer: tuple[str, bool] | None, serves: tuple[str, ...]):
        self.links = links
        self.score = total(links)
        self.traced = traced
        self.findings = findings
        self.fix = fix
        self.customer, self.customer_pays = (customer if traced and customer else (None, False))
        self.serves = serves
        """The ids the item serves, from `serves:` or its text."""

    @property
    def rank(self) -> tuple[bool, int]:
        return (self.traced, self.score)


def standing(item: Item, drawn: dict[str, Drawn], findings: tuple[Finding, ...], settings: Settings,
             backlog: Backlog, words) -> Standing:
    """Score one item on its own links (the graph comes later, in `score_backlog`)."""
    links = link_strengths(drawn, findings, settings, backlog, words)
    traced = is_traced(links, settings) and not any(f.off_line and f.waived is None for f in findings)
    fix = best_fix(links, findings, drawn, settings)  # in the rules' order: the first off-line finding
    own = Standing(links, tuple(sorted(findings, key=_by_code)), traced, fix,
                   _customer(drawn["who"], backlog, words), drawn["serves"].values)
    if is_dropped(item, words):
        own.traced = False  # nothing traces through work the team decided not to do
    return own


def score_backlog(
    backlog: Backlog,
    own: list[Standing],
    selected: set[str] | frozenset[str],
    settings: Settings,
) -> tuple[ItemResult, ...]:
    """Score every item, letting items trace through the items they serve."""
    items = backlog.items
    index = {item.id: i for i, item in enumerate(items) if item.has_id}
    edges: list[list[int]] = []
    graph_findings: list[list[Finding]] = [[] for _ in own]
    for i, o in enumerate(own):
        targets = []
        for target in o.serves:
            j = index.get(target)
            if j is None:
                if "BL601" in selected:
                    graph_findings[i].append(_graph_finding(
                        "BL601", f"serves '{target}', but no item has that id", items[i], quote=target))
            else:
                targets.append(j)
        edges.append(targets)

    best: list[int] = list(range(len(own)))  # the item whose standing each item takes on
    for component in _components(edges):
        members = set(component)
        cyclic = len(component) > 1 or component[0] in edges[component[0]]
        if cyclic and "BL602" in selected:
            loop = " → ".join(items[i].id for i in sorted(component)) + f" → {items[min(component)].id}"
            for i in component:
                graph_findings[i].append(_graph_finding("BL602", f"serves in a loop: {loop}", items[i]))
        # Successor components are finished already (Tarjan yields them first).
        candidates = [*component, *(best[j] for i in component for j in edges[i] if j not in members)]
        group_best = max(candidates, key=lambda k: own[k].rank)
        for i in component:
            if edges[i] and own[group_best].rank > own[i].rank:
                best[i] = group_best

    results = []
    for i, o in enumerate(own):
        item = items[i]
        origin = own[best[i]]
        extra = graph_findings[i]
        if best[i] == i:
            links, score, traced = o.links, o.score, o.traced
            item_findings = o.findings
            via = None
            fix = o.fix
            if not traced and edges[i] and "BL603" in selected:
                names = ", ".join(items[j].id for j in edges[i])
                extra.append(_graph_finding(
                    "BL603", f"serves only items that trace to no paying person: {names}", item, quote=names))
        else:
            origin_id = items[best[i]].id
            links = tuple(_inherit(link, origin_id) for link in origin.links)
            score, traced = origin.score, origin.traced
            # The item's own missing links are beside the point once its line runs through another.
            item_findings = [f for f in o.findings if f.link is None]
            via_id = items[_first_step(i, best[i], edges, best)].id
            chain = via_id if via_id == origin_id else f"{via_id}, which traces to {origin_id}"
            fix = f"Raise {origin_id}'s line: {origin.fix}" if origin.fix else None
            if not traced and "BL603" in selected:
                extra.append(_graph_finding(
                    "BL603", f"serves only items that trace to no paying person ({chain})", item, quote=via_id))
            via = via_id
        verdict = verdict_of(score, traced, links, settings)
        # The own findings come sorted by code (see `standing`); sorting is stable.
        findings = tuple(sorted([*item_findings, *extra], key=_by_code)) if extra else tuple(item_findings)
        deciding, question = facts.saving(links, findings, traced, origin.customer, origin.customer_pays, backlog)
        results.append(ItemResult(item, links, score, verdict, traced, findings, via, fix, origin.customer,
                                  origin.customer_pays, origin=items[best[i]].id if via else None,
                                  others=facts.others(links, findings), deciding=deciding, question=question))
    return tuple(results)


def _by_code(finding: Finding) -> str:
    return finding.code


def _inherit(link: Link, origin: str) -> Link:
    if link.via is not None:
        return link
    return Link(link.name, link.weight, link.strength, link.reason, link.codes, link.quote, link.inferred, origin)


def _first_step(i: int, target: int, edges: list[list[int]], best: list[int]) -> int:
    """The item `i` serves directly on its way to `target`."""
    for j in edges[i]:
        if j == target or best[j] == target:
            return j
    return edges[i][0] if edges[i] else target


def _graph_finding(code: str, message: str, item: Item, quote: str | None = None) -> Finding:
    rule = RULES[code]
    waived = item.waive.get(code)
    return Finding(code=code, name=rule.name, message=message, severity=rule.severity, item_id=item.id,
                   position=item.position_of("serves"), quote=quote, waived=waived or None)


def _components(edges: list[list[int]]) -> list[list[int]]:
    """Strongly connected components, successors before predecessors (Tarjan, without recursion,
    so that chains thousands of items deep do not hit Python's recursion limit)."""
    n = len(edges)
    order = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if order[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, child = work[-1]
            if child == 0:
                order[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            if child < len(edges[node]):
                work[-1] = (node, child + 1)
                nxt = edges[node][child]
                if order[nxt] == -1:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], order[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components


def summarize(results: tuple[ItemResult, ...], dropped: int = 0) -> Summary:
    counts = {v.value: [0, 0.0] for v in Verdict}
    points = 0.0
    unestimated = 0
    for result in results:
        entry = counts[result.verdict.value]
        entry[0] += 1
        if result.item.points is None:
            unestimated += 1
        else:
            entry[1] += result.item.points
            points += result.item.points
    by_verdict = {k: VerdictTotals(items=v[0], points=float(v[1])) for k, v in counts.items()}
    off = by_verdict[Verdict.SUPERFLUOUS.value]
    total_items = len(results)
    if points > 0:
        share = f"{round(100 * off.points / points)}% of points"
    elif total_items:
        share = f"{round(100 * off.items / total_items)}% of items"
    else:
        share = "no items"
    headline = f"{off.items} of {total_items} items ({share}) are superfluous: they trace to no paying person's problem"
    return Summary(items=total_items, points=points, unestimated=unestimated, by_verdict=by_verdict,
                   headline=headline, dropped=dropped)


def _clip(text: str, width: int = 60) -> str:
    return clip(text, width)
