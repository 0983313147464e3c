"""What a rule is: its documentation (`Rule`), what it may read (`Context`) and what it yields
(`Hit`). The catalogue itself is `breadline.rules.RULES`."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol

from breadline.links import Drawn
from breadline.match import Words
from breadline.model import Backlog, Item, Settings
from breadline.registry import Registry
from breadline.text import ItemText
from breadline.trace import Trace
from breadline.words import WordLists

FAMILIES = {
    "1": "who pays",
    "2": "their problem",
    "3": "evidence",
    "4": "what changes next",
    "5": "motive",
    "6": "trace graph",
    "9": "input",
}


# eq=False, repr=False, not frozen: made for every item, never compared, printed or changed; each method
# dataclasses generates costs start-up on Python 3.11 (docs/performance.md)
@dataclass(slots=True, eq=False, repr=False)
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


class TextReader(Protocol):
    """What a rule asks of the reading of free text (`breadline.infer.Reader` is one)."""

    def customer_mentioned(self, text: str | Words) -> tuple[str, str] | None:
        """The registry key of the first customer `text` names, and the words naming it."""


# eq=False, repr=False, not frozen: made for every item, never compared, printed or changed; each method
# dataclasses generates costs start-up on Python 3.11 (docs/performance.md)
@dataclass(slots=True, eq=False, repr=False)
class Context:
    """What a rule may read besides the item itself."""

    backlog: Backlog
    settings: Settings
    links: dict[str, Drawn]
    today: dt.date
    words: WordLists
    """The phrase lists (and each compiled), with the user's configuration applied."""
    text: ItemText
    """The item's title and description, normalized and split into words."""
    registry: Registry
    """The backlog's customer registry, indexed."""
    codes: frozenset[str]
    """Every code of the rule catalogue (what a waiver may name)."""
    reader: TextReader | None = None
    """Reads the title and description (None when inference is off)."""


Check = Callable[[Item, Context], Iterable[Hit]]
"""A rule's check of one item."""

GraphCheck = Callable[[Trace], Iterable[tuple[int, Hit]]]
"""A rule's check of the backlog's `serves` graph: each hit with the index of its item."""


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Rule:
    """A rule: its code and name, what it checks and how it is told (each rule lives in `breadline.rules`)."""

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
    graph_check: GraphCheck | None = field(default=None, repr=False, compare=False)
    """Yields the hits of this rule over the whole `serves` graph (BL6xx), once every item has
    been judged on its own."""

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]


def exact(found: str, *texts: str | None) -> str:
    """`found` (a phrase as matching saw it, in a normalized text: apostrophes folded, spaces
    collapsed) in the item's exact words, from the first of `texts` that holds it; `found` itself
    when none does. Quotes are the item's own words (issue 15)."""
    pattern = re.compile("".join(
        r"\s+" if char == " " else "['’‘]" if char == "'" else re.escape(char) for char in found))
    for text in texts:
        if text:
            match = pattern.search(text)
            if match:
                return match.group(0)
    return found


def item_texts(item: Item) -> tuple[str | None, ...]:
    """Where an item's words stand, for `exact`: its title, description and text fields."""
    return (item.title, item.description, item.problem, item.next, *(e.text for e in item.evidence),
            *(reason for reason in item.waive.values() if reason))
