"""The rule catalogue: every rule breadline applies, with its stable code and its documentation.

A rule is pure: it reads one item (and the backlog, where it must) and yields `Hit`s — what it
saw, and how strong the link it judges can be at most while that stands. The audit core stamps
code, name and severity onto each hit and decides what waivers and scores make of it.
Rules that judge the `serves` graph as a whole (BL6xx) have no per-item check: the scoring core
raises them, and they are documented here like every other rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from breadline.infer import Reader
from breadline.links import Drawn
from breadline.model import Backlog, Item, Settings

FAMILIES = {
    "1": "who pays",
    "2": "their problem",
    "3": "evidence",
    "4": "what changes next",
    "5": "motive",
    "6": "trace graph",
    "9": "input",
}


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule saw in one item."""

    code: str
    """The rule this hit belongs to (one check may serve several related rules)."""
    message: str
    """States the problem and quotes the item's own words."""
    cap: float | None = None
    """The strongest the rule's link can be while this stands (None: costs no points)."""
    quote: str | None = None
    field: str | None = None
    """The field the problem stands in, for its position."""


@dataclass(frozen=True, slots=True)
class Context:
    """What a rule may read besides the item itself."""

    backlog: Backlog
    settings: Settings
    links: dict[str, Drawn]
    today: dt.date
    words: Callable[[str], tuple[str, ...]]
    """The phrase list of a name, with the user's configuration applied."""
    reader: Reader | None = None
    """Reads the title and description (None when inference is off)."""


Check = Callable[[Item, Context], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    """Stable code, e.g. BL101; the first digit names the family."""
    name: str
    """Kebab-case name of the problem (read as "allow ‹name›")."""
    summary: str
    """What it finds, in one line."""
    why: str
    """Why this matters, tied to the concept of the bread line."""
    fix: str
    """What to change in the item, in one line."""
    question: str | None
    """The question to put to the team when this rule decides what would save an item, in the
    customer's terms; `{quote}` stands for the item's words, `{who}` for its paying customer (or
    "the customer"), `{customer}` for the registry entry the item names. None for rules about the
    file rather than an item's line."""
    bad: str
    """A backlog (YAML) on which the rule fires."""
    good: str
    """The same backlog, mended: the rule stays quiet."""
    link: str | None = None
    """The link whose points this rule can cost."""
    severity: str = "warning"
    off_line: bool = False
    """An unwaived finding of this rule takes the item off the line, whatever its score."""
    check: Check | None = field(default=None, repr=False, compare=False)
    """Yields the hits of this rule; several related rules may share one check, which then runs once."""

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]


def _registry() -> dict[str, Rule]:
    from breadline.rules import evidence, fields, graph, motive, next_step, problem, who

    rules: dict[str, Rule] = {}
    for module in (who, problem, evidence, next_step, motive, graph, fields):
        for rule in module.RULES:
            if rule.code in rules:  # pragma: no cover - caught by the catalogue test
                raise RuntimeError(f"duplicate rule code {rule.code}")
            rules[rule.code] = rule
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _registry()
"""Every rule, by code, in code order."""
