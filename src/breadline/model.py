"""The data breadline reads and the results it produces: small frozen dataclasses, no behaviour
beyond what can be derived from their own fields."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

LINKS = ("who", "problem", "evidence", "next")
"""The four links of the bread line, in the order a colleague would ask about them."""


@dataclass(frozen=True, slots=True)
class Position:
    """Where something stands in a backlog file; line and column count from 1."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Customer:
    """An entry of the backlog's `customers:` registry."""

    key: str
    """The registry key items use in `customer:`."""
    name: str | None = None
    paying: bool | None = None
    """The explicit `paying:` flag, when the file gives one."""
    plan: str | None = None
    mrr: float | None = None
    contact: str | None = None
    notes: str | None = None
    position: Position | None = None

    @property
    def display_name(self) -> str:
        return self.name or self.key


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of evidence: a plain string, or a mapping with source/date/url."""

    text: str
    """The source, or the whole string for plain evidence."""
    date: dt.date | None = None
    url: str | None = None
    position: Position | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """A work item, with every field the file gave and where each one stands."""

    index: int
    """0-based position in the file's item list."""
    id: str
    """The item's `id`, or `#N` (its 1-based place in the list) when it has none."""
    title: str
    description: str | None = None
    customers: tuple[str, ...] = ()
    problem: str | None = None
    evidence: tuple[Evidence, ...] = ()
    next: str | None = None
    serves: tuple[str, ...] = ()
    points: float | None = None
    labels: tuple[str, ...] = ()
    type: str | None = None
    status: str | None = None
    url: str | None = None
    """Where the item lives in its tracker, so that findings can link back to it."""
    waive: dict[str, str | None] = field(default_factory=dict)
    """Rule code -> the stated reason (None when no reason was given)."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields breadline does not know; kept, never rejected."""
    position: Position | None = None
    field_positions: dict[str, Position] = field(default_factory=dict)
    has_id: bool = True
    cut: tuple[tuple[str, str], ...] = ()
    """(field, the words YAML read as a comment) for each plain value a ` #` cut short:
    `evidence: Zendesk #812` reads as "Zendesk" (the loader sees the raw line; BL905 says it)."""

    def position_of(self, name: str) -> Position | None:
        """The position of field `name`, falling back to the item itself."""
        return self.field_positions.get(name, self.position)


@dataclass(frozen=True, slots=True)
class Backlog:
    """A loaded backlog: its items, the customers its registry names, and the fields it holds
    beyond them, as read from `path`."""

    path: str
    items: tuple[Item, ...]
    customers: dict[str, Customer] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    """Top-level keys other than `items` and `customers`, when the file is a mapping."""
    extra_positions: dict[str, Position] = field(default_factory=dict)


class Verdict(str, Enum):
    """Where an item stands relative to the bread line."""

    ON_LINE = "on-line"
    """Traced to a paying person, with every link drawn well enough."""
    WEAK = "weak"
    """Traced to a paying person, but some link is thin or missing."""
    SUPERFLUOUS = "superfluous"
    """Traces to no paying person, or scores below the threshold."""

    @property
    def label(self) -> str:
        return {"on-line": "on the line", "weak": "weak", "superfluous": "superfluous"}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """Something a rule saw, stamped by the core with the rule's code, name and severity."""

    code: str
    name: str
    message: str
    severity: str
    """"error" (breaks the line), "warning" (weakens it) or "info"."""
    item_id: str | None
    position: Position | None
    link: str | None = None
    """The link this finding weakens, if any."""
    cap: float | None = None
    """The strength (0..1) the link can have at most while this finding stands."""
    quote: str | None = None
    """The item's own words that triggered the finding."""
    waived: str | None = None
    """The stated reason, when the item waives this rule."""
    off_line: bool = False
    """While it stands (unwaived), the item counts as untraced whatever its score."""


@dataclass(frozen=True, slots=True)
class Link:
    """How strongly one link of the line is drawn for an item."""

    name: str
    weight: int
    strength: float
    """0..1: the base strength of what the item says, capped by the findings against it."""
    reason: str
    """Why the link earned what it earned, in words."""
    codes: tuple[str, ...] = ()
    """The rules that cost this link points."""
    quote: str | None = None
    """The item's own words the link was drawn from."""
    inferred: bool = False
    """True when the link was read from the title/description rather than its own field."""
    via: str | None = None
    """The item this link was inherited from through `serves`."""
    certainty: str | None = None
    """For a link read from the text: how sure the reading is (stated, likely or hinted)."""
    signal: str | None = None
    """For a link read from the text: the signal family or reading that read it (docs/reading.md)."""
    earned: int | None = None
    """The whole points the link earns, set where the score is made so that the links' points
    add up to it (`score._whole_points`); None: `weight × strength`, rounded."""

    @property
    def points(self) -> int:
        """Whole points: the links of a scored item add up to its score."""
        if self.earned is not None:
            return self.earned
        return int(self.weight * self.strength + 0.5)

    @property
    def missing(self) -> bool:
        return self.strength <= 0


def _reduce(self):
    """Pickle as a call with the fields in order: what the workers of a large audit send back
    is rebuilt half again as fast as through the frozen dataclass's own state handling."""
    return (type(self), tuple(map(self.__getattribute__, self.__match_args__)))


Position.__reduce__ = Finding.__reduce__ = Link.__reduce__ = _reduce


@dataclass(frozen=True, slots=True)
class ItemResult:
    """One item as the audit judged it: its links, score, verdict and findings, and how it traces."""

    item: Item
    links: tuple[Link, ...]
    score: int
    """0..100, the sum of the links' points."""
    verdict: Verdict
    traced: bool
    """True when the item (or an item it serves) names a paying person."""
    findings: tuple[Finding, ...] = ()
    via: str | None = None
    """The served item this item's line runs through, when it has none of its own."""
    best_fix: str | None = None
    """The single change that would raise the score most, in words."""
    customer: str | None = None
    """Who the item's line runs to: a paying registry customer's display name, or the item's own
    words for a customer the registry does not confirm; None when it traces to no paying person.
    Items traced through `serves` take the served item's."""
    customer_pays: bool = False
    """True when `customer` is a registry entry that pays."""
    origin: str | None = None
    """The item whose links this one takes on, at the end of its `serves` chain (set with `via`;
    the same as `via` when the served item traces on its own)."""
    others: tuple[Finding, ...] = ()
    """The findings no link's reason already tells, and the waived ones: what a format lists
    besides the links."""
    deciding: Finding | None = None
    """The finding the saving `question` is about (None when the question is about a link that is
    simply missing, or there is nothing to ask)."""
    question: str = ""
    """The one question whose answer would do most to put the item on the line."""
    confidence: str | None = None
    """For a superfluous item: how sure the verdict is (`CONFIDENCE`, `facts.confidence`):
    high when a rule finds the item off the line by what it says itself (a chore serving
    nothing, a problem about us, a motive of ours), medium when nothing in it draws any link,
    low when some link is drawn but too weak to trace, or its words read like someone's report
    (`read.shape.DOUBT_AT`): a close call. None for other verdicts."""
    hinted_by: str | None = None
    """Why a link read from the text is only `hinted`, when the whole item makes it so: it reads
    as a change ("it reads as a change (its title, “fix:”): …"), or its lead gives a purpose of
    ours. None when no link earns points on a hint, or the hint is of the signal's own kind."""

    @property
    def inferred_only(self) -> bool:
        """True when every link that earns points was read from the text: the verdict rests on
        reading alone, and says so."""
        drawn = [link for link in self.links if not link.missing]
        return bool(drawn) and all(link.inferred for link in drawn)

    @property
    def missing(self) -> tuple[str, ...]:
        """The links that earned nothing."""
        return tuple(link.name for link in self.links if link.missing)

    @property
    def weak_links(self) -> tuple[str, ...]:
        """The links that earned less than full marks."""
        return tuple(link.name for link in self.links if link.strength < 1)


@dataclass(frozen=True, slots=True)
class VerdictTotals:
    """How many items, and how many points, one verdict holds."""

    items: int = 0
    points: float = 0.0


@dataclass(frozen=True, slots=True)
class Summary:
    """The totals of an audit, by verdict."""

    items: int
    points: float
    """Total effort of the items that carry `points`."""
    unestimated: int
    """Items without `points`."""
    by_verdict: dict[str, VerdictTotals]
    headline: str
    """The sentence a planning meeting can quote."""
    dropped: int = 0
    """Items whose status says the team decided not to do them; not counted anywhere else."""

    @property
    def superfluous(self) -> VerdictTotals:
        return self.by_verdict[Verdict.SUPERFLUOUS.value]


@dataclass(frozen=True, slots=True)
class Settings:
    """The scoring knobs: weights per link and the verdict cut-offs."""

    weights: dict[str, int] = field(default_factory=lambda: {"who": 40, "problem": 25, "evidence": 20, "next": 15})
    threshold: int = 40
    """Items scoring below this are superfluous."""
    on_line: int = 75
    """Traced items scoring at least this, with no link missing, are on the line."""
    trace_strength: float = 0.5
    """The who link must be at least this strong for an item to count as traced."""
    evidence_max_age_days: int = 365
    today: dt.date | None = None
    """The date evidence age is measured against (None: today)."""
    config: str | None = None
    """The configuration file these settings were read from (None: none, the defaults)."""


@dataclass(frozen=True, slots=True)
class Change:
    """One item that a change adds, alters or removes (`audit --changed-since`)."""

    kind: str
    """"added", "changed" or "removed"."""
    item_id: str
    title: str
    before: Verdict | None
    """The verdict at the revision compared with (None for an added item)."""
    after: Verdict | None
    """The verdict now (None for a removed item)."""
    points: float | None = None


@dataclass(frozen=True, slots=True)
class Changes:
    """What a change does to the backlog, against a git revision."""

    revision: str
    changes: tuple[Change, ...] = ()

    @property
    def added_off_line(self) -> tuple[Change, ...]:
        """New or changed items that are superfluous now and were not before."""
        return tuple(c for c in self.changes if c.after is Verdict.SUPERFLUOUS and c.before is not Verdict.SUPERFLUOUS)

    @property
    def taken_off(self) -> tuple[Change, ...]:
        """Items that were superfluous and no longer are (mended, or removed)."""
        return tuple(c for c in self.changes if c.before is Verdict.SUPERFLUOUS and c.after is not Verdict.SUPERFLUOUS)


@dataclass(frozen=True, slots=True)
class AuditResult:
    """Everything one audit found; every output format renders this and nothing else."""

    paths: tuple[str, ...]
    """The backlog files audited, in the order given."""
    items: tuple[ItemResult, ...]
    findings: tuple[Finding, ...]
    """Findings about the file rather than one item."""
    summary: Summary
    settings: Settings
    dropped: tuple[ItemResult, ...] = ()
    """Items whose status says the team decided not to do them: scored, but left out of `items`,
    the summary and every report."""
    skipped: tuple[str, ...] = ()
    """YAML files passed over because they are plainly not backlogs (`breadline.foreign`)."""
    changes: Changes | None = None
    """With `audit --changed-since REV`: how the items audited differ from the backlog at REV."""

    @property
    def superfluous(self) -> tuple[ItemResult, ...]:
        return tuple(r for r in self.items if r.verdict is Verdict.SUPERFLUOUS)

    def failing(self, fail_on: str = "superfluous") -> tuple[ItemResult, ...]:
        """The items that fail a CI run under `--fail-on`."""
        return tuple(r for r in self.items if fails(r, fail_on))

    def find(self, item_id: str) -> ItemResult | None:
        for result in (*self.items, *self.dropped):
            if result.item.id == item_id:
                return result
        return None

    def at(self, index: int) -> ItemResult:
        """The row of the backlog's item at `index` (dropped or not); for one backlog file."""
        for result in (*self.items, *self.dropped):
            if result.item.index == index:
                return result
        raise IndexError(index)


FAIL_ON = {
    "superfluous": frozenset({Verdict.SUPERFLUOUS}),
    "weak": frozenset({Verdict.WEAK, Verdict.SUPERFLUOUS}),
    "never": frozenset(),
}
"""`--fail-on` -> the verdicts that fail a CI run."""


CONFIDENCE = ("low", "medium", "high")
"""How sure a superfluous verdict is, least sure first (`ItemResult.confidence`)."""


def failing_verdicts(fail_on: str) -> frozenset[Verdict]:
    try:
        return FAIL_ON[fail_on.partition(":")[0]]
    except KeyError:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON)}, not {fail_on!r}") from None


def fails(row: ItemResult, fail_on: str) -> bool:
    """True when the item fails a CI run under `fail_on`: a key of `FAIL_ON`, or
    `superfluous:<confidence>` (`audit --min-confidence`), under which a superfluous item less
    sure than that does not fail."""
    if row.verdict not in failing_verdicts(fail_on):
        return False
    least = fail_on.partition(":")[2]
    if not least or row.verdict is not Verdict.SUPERFLUOUS:
        return True
    return CONFIDENCE.index(row.confidence or "low") >= CONFIDENCE.index(least)
