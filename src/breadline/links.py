"""Draw the four links of an item's line from what the item says.

A link is drawn from its own field when the item has one (`customer:`, `problem:`, `evidence:`,
`next:`). Rules then judge how strong each drawn link is; scoring adds it up.
"""

from __future__ import annotations

from dataclasses import dataclass

from breadline.infer import INFERRED_STRENGTH, Reader
from breadline.model import LINKS, Item
from breadline.read import CERTAINTY
from breadline.text import ItemText

EXPLICIT_STRENGTH = 1.0
"""What a link drawn from its own field is worth before rules weigh in."""


# eq=False, repr=False, not frozen: made for every item, never compared, printed or changed; each method
# dataclasses generates costs start-up on Python 3.11 (docs/performance.md)
@dataclass(slots=True, eq=False, repr=False)
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


def draw(item: Item, reader: Reader | None = None, text: ItemText | None = None) -> dict[str, Drawn]:
    """The links as the item draws them: from their own fields, else (with a reader) from the
    text (`text`, when the caller has it already).

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
    if text is None:
        text = ItemText(item)
    missing = [name for name in LINKS if not drawn[name].present]
    if missing:
        readings = reader.read(item, text, wanted=frozenset(missing))
        for name in missing:
            reading = readings.get(name)
            if reading is not None:
                drawn[name] = Drawn(name, reading.values, inferred=True, quote=reading.quote, field="description",
                                    certainty=reading.certainty, signal=reading.signal)
    if not item.serves:
        mentioned = reader.serves(item, text)
        if mentioned:
            drawn["serves"] = Drawn("serves", mentioned, inferred=True, quote=", ".join(mentioned), field="description")
    return drawn


def _text_link(name: str, text: str | None) -> Drawn:
    return Drawn(name, (text,) if text else (), field=name, quote=text)
