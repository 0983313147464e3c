"""BL4xx — what changes next: how does the item change the customer's situation?"""

from __future__ import annotations

from collections.abc import Iterator

from breadline.model import Item
from breadline.registry import pays
from breadline.rules import claims
from breadline.rules.base import Context, Hit, Rule, exact

ABOUT_US_STRENGTH = 0.0
"""A next step about us draws no part of the link: it is not a change for them."""


def check_missing_next(item: Item, ctx: Context) -> Iterator[Hit]:
    if not ctx.links["next"].present:
        yield Hit(code="BL401", message="does not say what changes for the customer once it ships", cap=0.0, field="next")


def _who(ctx: Context) -> tuple[str, frozenset[str]]:
    """How a message names the item's customer (the first paying registry entry, "Northgate
    Physio"; else "the customer"), and the words of every name it gives, by which a next step
    may speak of them."""
    names: list[str] = []
    shown = None
    for value in ctx.links["who"].values:
        customer = ctx.registry.resolve(value)
        if customer is None:
            names.append(value)
            continue
        names += [customer.key, customer.display_name]
        if shown is None and pays(customer, ctx.words("non-paying-plans")):
            shown = customer.display_name
    return shown or "the customer", frozenset(w for name in names for w in claims.stems_of(name) if len(w) > 2)


def check_next_about_us(item: Item, ctx: Context) -> Iterator[Hit]:
    """A `next:` that is a change for us: our procedure ("done for the sprint", "we hit the
    OKR"), our numbers ("our adoption goes up"), our money, or our release ("ship by Friday"),
    the last only where the next step does not also speak of them."""
    if not item.next:
        return
    words = ctx.text.words_of(item.next)
    found = None
    for name in ("procedure-motives", "self-centric", "wallet"):
        found = ctx.words.matcher(name).search(words)
        if found and not claims.belongs_to_them(words.text, found):
            break
        found = None
    who, names = _who(ctx)
    if not found:
        found = ctx.words.matcher("next-about-us").search(words)
        if found and claims.names_them(item.next, names, ctx.words, ctx.registry.mentioned(item.next) is not None):
            found = None
    if found:
        quote = exact(found, item.next)
        yield Hit(code="BL402", message=f"the next step is a change for us ('{quote}'), not for them: "
                  f"what changes for {who} once this ships?", cap=ABOUT_US_STRENGTH, quote=quote, field="next")


RULES = (
    Rule(
        code="BL401",
        name="missing-next",
        summary="The item does not say how it helps the customer next.",
        why=(
            "The last link is a change in the customer's situation (\"they close the month a day "
            "sooner\"), not in ours (\"the feature ships\"). Without it nobody can tell, after the "
            "sprint, whether the item did its job."
        ),
        fix="Add `next:` with what changes for the customer once this ships.",
        question="What changes for {who} once this ships?",
        bad="- id: A-1\n  title: Faster invoice search\n",
        good="- id: A-1\n  title: Faster invoice search\n  next: Acme's clerks find a disputed invoice while the customer is on the phone\n",
        link="next",
        check=check_missing_next,
    ),
    Rule(
        code="BL402",
        name="next-about-us",
        summary="The next step is a change for us (\"ship by Friday\", \"done for the sprint\", \"we hit the OKR\"), not for the customer.",
        why=(
            "The line ends in the customer's situation. Our release, our deadline, our ritual and our "
            "numbers change nothing for them: the item may ship on time and leave them exactly where "
            "they were. A next step about us draws no link."
        ),
        fix="Rewrite `next:` as what changes for the customer once this ships, in their terms.",
        question="Once ‘{quote}’ has happened: what changes for {who}?",
        bad="- id: A-1\n  title: Faster invoice search\n  next: ship by Friday\n",
        good="- id: A-1\n  title: Faster invoice search\n  next: Acme's clerks find a disputed invoice while the customer is on the phone\n",
        link="next",
        severity="warning",
        check=check_next_about_us,
    ),
)
