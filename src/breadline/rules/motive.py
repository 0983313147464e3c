"""BL5xx — motive: work done for a procedure or for our wallet instead of for a person."""

from __future__ import annotations

from collections.abc import Iterator

from breadline.match import sentence_around
from breadline.model import Item
from breadline.rules.base import Context, Hit, Rule
from breadline.rules.who import names_a_payer

OFF_LINE_STRENGTH = 0.2


def _find(ctx: Context, name: str, item: Item) -> tuple[str, str] | tuple[None, None]:
    """The first phrase of list `name` found in the item's text, problem or next, and the text it
    stands in."""
    text = ctx.text
    found = text.find(ctx.words, name)
    if found:
        return found, text.text
    phrases = ctx.words.matcher(name)
    for words in (text.words_of(item.problem), text.words_of(item.next)):
        found = phrases.search(words)
        if found:
            return found, words.text
    return None, None


def check_procedure(item: Item, ctx: Context) -> Iterator[Hit]:
    found, _ = _find(ctx, "procedure-motives", item)
    if found and not names_a_payer(ctx):
        yield Hit(code="BL501", message=f"done for a procedure ('{found}') with no paying person behind it: whose problem does it solve?",
                  cap=OFF_LINE_STRENGTH, quote=found, field="customer" if item.customers else "title")


def _their_business(ctx: Context, text: str, found: str) -> bool:
    """True when the money words belong to the customer: their name, in the possessive, comes
    before them in the same sentence ("Acme's techs add upsell items", not "Upsell Acme")."""
    sentence = sentence_around(text, found)
    before = sentence[: sentence.lower().find(found.lower())]
    mention = ctx.reader.customer_mentioned(before) if before else None
    return bool(mention and mention[1].endswith(("'s", "s'")))


def check_wallet(item: Item, ctx: Context) -> Iterator[Hit]:
    found, text = _find(ctx, "wallet", item)
    if not found:
        return
    problem = ctx.links["problem"]
    if problem.present and not problem.inferred and not any(
        ctx.words.matcher(name).search(ctx.text.words_of(part))
        for name in ("wallet", "self-centric") for part in (problem.text, item.next)
    ):
        return  # it names a problem of theirs, and the money follows from solving it
    if ctx.reader is not None and _their_business(ctx, text, found):
        return  # "Acme's techs add upsell items": their business, not our hand in their pocket
    yield Hit(code="BL502", message=f"aims at their money ('{found}') and names no problem of theirs",
              cap=OFF_LINE_STRENGTH, quote=found, field="problem" if item.problem else "title")


RULES = (
    Rule(
        code="BL501",
        name="procedure-motive",
        summary="The item is done for the sprint, the boss, the demo, a review or an OKR, with no person behind it.",
        why=(
            "The sprint, the boss, the roadmap and the performance review are intermediaries between us "
            "and the customer. Their wishes may be fine, but only once filtered through the line: the "
            "item must still say which paying person it helps."
        ),
        fix="Name the paying customer and their problem behind the request, or drop the item.",
        question="Setting ‘{quote}’ aside: which paying customer needs this, and for what?",
        bad="- id: A-1\n  title: Animated charts for the investor demo\n",
        good=(
            "customers:\n  acme: {name: Acme Logistics, plan: business}\n"
            "items:\n  - id: A-1\n    title: Animated charts for the investor demo\n    customer: acme\n"
            "    problem: Acme's planners cannot see which routes slipped this week\n"
        ),
        link="who",
        severity="error",
        check=check_procedure,
    ),
    Rule(
        code="BL502",
        name="customer-as-wallet",
        summary="The item exists to extract more money from the same people (upsell, ARPU, lock-in, cancellation friction).",
        why=(
            "Thinking of someone only as a source of money makes the person disappear. An item whose "
            "whole purpose is to take more from the same people without solving a problem of theirs is "
            "off the line, however much revenue it promises. Generosity is not waste."
        ),
        fix="Name the customer's problem the item solves; if there is none, drop it.",
        question="What problem of theirs does this solve, beyond what they pay us?",
        bad="- id: A-1\n  title: Add a retention offer step before cancellation\n",
        good=(
            "- id: A-1\n  title: Pause a subscription instead of cancelling\n"
            "  customer: seasonal landscapers on the Team plan\n"
            "  problem: they pay through winter months in which they have no jobs\n"
        ),
        link="who",
        severity="error",
        check=check_wallet,
    ),
)
