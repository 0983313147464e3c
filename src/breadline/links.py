"""Draw the four links of an item's line from what the item says.

A link is drawn from its own field when the item has one (`customer:`, `problem:`, `evidence:`,
`next:`). Rules then judge how strong each drawn link is; scoring adds it up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from breadline.model import Backlog, Customer, Item

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

    @property
    def present(self) -> bool:
        return bool(self.values)

    @property
    def base_strength(self) -> float:
        return EXPLICIT_STRENGTH if self.present else 0.0

    @property
    def text(self) -> str:
        return "; ".join(self.values)


def draw(item: Item) -> dict[str, Drawn]:
    """The links as the item's own fields draw them."""
    return {
        "who": Drawn("who", item.customers, field="customer", quote=", ".join(item.customers) or None),
        "problem": _text_link("problem", item.problem),
        "evidence": Drawn(
            "evidence", tuple(e.text for e in item.evidence), field="evidence",
            quote="; ".join(e.text for e in item.evidence) or None,
        ),
        "next": _text_link("next", item.next),
    }


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
    folded = name.casefold()
    for customer in registry.values():
        if customer.key.casefold() == folded or (customer.name and customer.name.casefold() == folded):
            return customer
    return None


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
