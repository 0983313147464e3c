"""BL5xx — motive: work done for a procedure or for our wallet instead of for a person."""

from __future__ import annotations

from collections.abc import Iterator

from breadline.match import sentence_around
from breadline.model import Item
from breadline.rules import claims
from breadline.rules.base import Context, Hit, Rule, exact, item_texts
from breadline.rules.who import names_a_payer

OFF_LINE_STRENGTH = 0.2


def _find(ctx: Context, name: str, item: Item, fields: tuple[str, ...] = ("problem", "next"),
          text_first: bool = True) -> tuple[str, str, str] | None:
    """The first phrase of list `name` in the item's title and description, then in its
    `fields` (the other way round unless `text_first`): the phrase, the text it stands in, and
    where (`title` or the field's name)."""
    found = ctx.text.find(ctx.words, name) if text_first else None
    if found:
        return found, ctx.text.text, "title"
    phrases = ctx.words.matcher(name)
    for where in fields:
        value = getattr(item, where) if where != "evidence" else "; ".join(e.text for e in item.evidence)
        words = ctx.text.words_of(value)
        found = phrases.search(words)
        if found and not claims.belongs_to_them(words.text, found):
            return found, words.text, where
    if not text_first:
        found = ctx.text.find(ctx.words, name)
        if found:
            return found, ctx.text.text, "title"
    return None


def _holds(ctx: Context, name: str, text: str | None) -> str | None:
    return ctx.words.matcher(name).search(ctx.text.words_of(text)) if text else None


def passes_through(item: Item, ctx: Context) -> bool:
    """True when a motive of ours in the title or description has been passed through the line
    (docs/concept.md §4: the wish can be fine once the item still says which paying person it
    helps): a paying customer, a problem of theirs in `problem:` that no wording rule rejects, and
    no field filled with us instead (evidence that is only our say-so, a next step about us).
    An item read from its text alone passes once it names someone who pays, unless the sentence
    read as their problem is itself the motive and no evidence of a problem of theirs is read
    ("Quick win for Umbrella before renewal. Let's ship something visible for them")."""
    problem = ctx.links["problem"]
    if not names_a_payer(ctx):
        return False
    if (problem.inferred and not ctx.links["evidence"].present
            and any(_holds(ctx, name, problem.text) for name in ("procedure-motives", "wallet"))):
        # "Quick win for Umbrella before renewal": the sentence read as their problem is our motive
        # itself, and nothing (a ticket, a report) shows a problem of theirs to pass it through.
        return False
    if not problem.present or problem.inferred:
        return not item.problem and not item.evidence and not item.next  # nothing filled in to judge
    if any(_holds(ctx, name, item.problem) for name in ("procedure-motives", "self-centric", "wallet")):
        return False
    if claims.says_absence(item.problem, item.title, ctx.words):
        return False
    if item.evidence and all(claims.only_us(e.text, ctx.words) for e in item.evidence):
        return False
    return not (item.next and any(_holds(ctx, name, item.next) for name in ("procedure-motives", "self-centric")))


def check_procedure(item: Item, ctx: Context) -> Iterator[Hit]:
    """A procedure motive in `problem:` is the boss's wish standing in for the customer's problem,
    whoever the customer is; in the title or description it stands until the item passes it
    through the line; anywhere (`next:`, `evidence:` too) when the item names nobody who pays."""
    found = _find(ctx, "procedure-motives", item, ("problem",), text_first=False)
    if found and found[2] == "title" and passes_through(item, ctx):
        found = None
    if not found and not names_a_payer(ctx):
        found = _find(ctx, "procedure-motives", item, ("problem", "next", "evidence"))
    if not found:
        return
    phrase, _, where = found
    quote = exact(phrase, *item_texts(item))
    if where == "problem":
        message = f"the problem is a procedure of ours ('{quote}'), not a customer's: whose problem does it solve?"
    elif names_a_payer(ctx):
        message = (f"done for a procedure ('{quote}'), and the fields do not pass it through the line: "
                   "which problem of the customer's does it solve, and how do we know?")
    else:
        message = f"done for a procedure ('{quote}') with no paying person behind it: whose problem does it solve?"
    field = where if where != "title" else ("customer" if item.customers else "title")
    yield Hit(code="BL501", message=message, cap=OFF_LINE_STRENGTH, quote=quote, field=field)


def _their_business(ctx: Context, text: str, found: str) -> bool:
    """True when the money words belong to the customer: their name, in the possessive, comes
    before them in the same sentence ("Acme's techs add upsell items", not "Upsell Acme")."""
    sentence = sentence_around(text, found)
    before = sentence[: sentence.lower().find(found.lower())]
    mention = ctx.reader.customer_mentioned(before) if before else None
    return bool(mention and mention[1].endswith(("'s", "s'")))


def check_wallet(item: Item, ctx: Context) -> Iterator[Hit]:
    """Money words in the title, description, `problem:` or `next:`, whatever the other fields
    say: a problem given beside an upsell or friction on cancelling does not make the item's
    purpose anything but their money (issue 15)."""
    found = _find(ctx, "wallet", item)
    if not found:
        return
    phrase, text, where = found
    if ctx.reader is not None and _their_business(ctx, text, phrase):
        return  # "Acme's techs add upsell items": their business, not our hand in their pocket
    quote = exact(phrase, *item_texts(item))
    yield Hit(code="BL502", message=f"aims at their money ('{quote}'), not at a problem of theirs: what does it solve for them?",
              cap=OFF_LINE_STRENGTH, quote=quote, field=where if where != "title" else ("problem" if item.problem else "title"))


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
