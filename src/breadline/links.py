"""Draw the four links of an item's line from what the item says.

A link is drawn from its own field when the item has one (`customer:`, `problem:`, `evidence:`,
`next:`). Rules then judge how strong each drawn link is; scoring adds it up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from typing import TYPE_CHECKING

from breadline.infer import INFERRED_STRENGTH
from breadline.read import CERTAINTY
from breadline.model import LINKS, Backlog, Customer, Item

if TYPE_CHECKING:
    from breadline.infer import Reader

EXPLICIT_STRENGTH = 1.0
"""What a link drawn from its own field is worth before rules weigh in."""


@dataclass(frozen=True, slots=True)
class Drawn:
    """One link as the item draws it, before any rule has judged it."""

    link: str
    values: tuple[str, ...] = ()
    """What the item says for this link (several customers or pieces of evidence are several values)."""
    inferred: bool = False
    """Read from the title or description rather than the link's own field."""
    quote: str | None = None
    """The exact words the link was drawn from."""
    field: str | None = None
    """The field the words stand in."""
    certainty: str | None = None
    """For an inferred link: how sure the reading is (stated, likely, hinted)."""
    signal: str | None = None
    """For an inferred link: the signal family it was read by."""

    @property
    def present(self) -> bool:
        return bool(self.values)

    @property
    def base_strength(self) -> float:
        if not self.present:
            return 0.0
        if not self.inferred:
            return EXPLICIT_STRENGTH
        return CERTAINTY[self.certainty] if self.certainty else INFERRED_STRENGTH

    @property
    def text(self) -> str:
        return "; ".join(self.values)


def draw(item: Item, reader: "Reader | None" = None) -> dict[str, Drawn]:
    """The links as the item draws them: from their own fields, else (with a reader) from the text.

    The extra key "serves" holds the ids the item serves, from `serves:` or mentioned in its text.
    """
    drawn = {
        "who": Drawn("who", item.customers, field="customer", quote=", ".join(item.customers) or None),
        "problem": _text_link("problem", item.problem),
        "evidence": Drawn(
            "evidence", tuple(e.text for e in item.evidence), field="evidence",
            quote="; ".join(e.text for e in item.evidence) or None,
        ),
        "next": _text_link("next", item.next),
        "serves": Drawn("serves", item.serves, field="serves", quote=", ".join(item.serves) or None),
    }
    if reader is None:
        return drawn
    missing = [name for name in LINKS if not drawn[name].present]
    if missing:
        readings = reader.read(item)
        for name in missing:
            reading = readings.get(name)
            if reading is not None:
                drawn[name] = Drawn(name, reading.values, inferred=True, quote=reading.quote, field="description",
                                    certainty=reading.certainty, signal=reading.signal)
    if not item.serves:
        mentioned = reader.serves(item)
        if mentioned:
            drawn["serves"] = Drawn("serves", mentioned, inferred=True, quote=", ".join(mentioned), field="description")
    return drawn


def _text_link(name: str, text: str | None) -> Drawn:
    return Drawn(name, (text,) if text else (), field=name, quote=text)


_KEY_SHAPE = re.compile(r"^[a-z0-9]+(?:[-_.][a-z0-9]+)*$")


def looks_like_key(name: str) -> bool:
    """True for `acme`, `acme-corp`, `acme_corp`: the shape of a registry key, not of a sentence."""
    return bool(_KEY_SHAPE.match(name))


def resolve(name: str, backlog: Backlog) -> Customer | None:
    """The registry entry `name` refers to, by key or by name, ignoring case."""
    registry = backlog.customers
    if name in registry:
        return registry[name]
    return _folded(backlog).get(name.casefold()) if registry else None


_FOLDED: dict[int, tuple[Backlog, dict[str, Customer]]] = {}


def _folded(backlog: Backlog) -> dict[str, Customer]:
    """Keys and names, case-folded, of the backlog's registry (built once per backlog)."""
    cached = _FOLDED.get(id(backlog))
    if cached is not None and cached[0] is backlog:
        return cached[1]
    folded: dict[str, Customer] = {}
    for customer in backlog.customers.values():
        if customer.name:
            folded.setdefault(customer.name.casefold(), customer)
    for customer in backlog.customers.values():
        folded[customer.key.casefold()] = customer
    _FOLDED.clear()
    _FOLDED[id(backlog)] = (backlog, folded)
    return folded


def pays(customer: Customer, non_paying_plans: tuple[str, ...]) -> bool | None:
    """Whether a registry entry brings in money: `paying:` wins, then `mrr:`, then the plan name."""
    if customer.paying is not None:
        return customer.paying
    if customer.mrr is not None:
        return customer.mrr > 0
    if customer.plan:
        plan = " ".join(customer.plan.lower().replace("plan", " ").split())
        return plan not in non_paying_plans
    return None
