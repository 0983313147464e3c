"""BL9xx — input: fields that breadline cannot use as written."""

from __future__ import annotations

from collections.abc import Iterator

from breadline.load import ITEM_FIELDS
from breadline.model import Item
from breadline.rules import claims
from breadline.rules.base import Context, Hit, Rule
from breadline.words import WordLists


def suggest_field(name: str, known: tuple[str, ...] = ITEM_FIELDS) -> str | None:
    """The known field `name` is a near miss of, if any (`custmer` -> `customer`)."""
    folded = name.strip().lower()
    if folded in known:
        return folded
    import difflib  # only when there is an unknown field to place

    close = difflib.get_close_matches(folded, known, n=1, cutoff=0.8)
    return close[0] if close else None


def check_misspelled_field(item: Item, ctx: Context) -> Iterator[Hit]:
    for name in item.extra:
        suggestion = suggest_field(name)
        if suggestion:
            yield Hit(code="BL901", message=f"unknown field '{name}' is ignored; did you mean '{suggestion}'?", quote=name, field=name)


def refused_waivers(item: Item, words: WordLists) -> frozenset[str]:
    """The codes the item waives with a reason that is a procedure or a wish of ours ("agreed
    with the CTO", "for the demo"): those waivers waive nothing (docs/concept.md §6: a waiver's
    reason "is itself a customer's reason")."""
    if not item.waive:
        return frozenset()
    return frozenset(code for code, reason in item.waive.items() if claims.refused_reason(reason, words))


def check_waivers(item: Item, ctx: Context) -> Iterator[Hit]:
    for code, reason in item.waive.items():
        if code not in ctx.codes:
            yield Hit(code="BL903", message=f"waives '{code}', which is not a breadline rule", quote=code, field="waive")
        elif not reason:
            yield Hit(code="BL902", message=f"waives {code} without a reason; a waiver says why the line does not apply",
                      quote=code, field="waive")
        elif code != "BL904" and claims.refused_reason(reason, ctx.words):
            yield Hit(code="BL904", message=f"waives {code} for a reason of ours ('{reason}'), not a customer's: the waiver "
                      f"waives nothing and {code} stands. Which paying customer's situation makes {code} not apply?",
                      quote=reason, field="waive")


def check_cut_short(item: Item, ctx: Context) -> Iterator[Hit]:
    for name, lost in item.cut:
        yield Hit(code="BL905", message=f"`{name}:` is cut short at ' {lost}': YAML reads ` #` as the start of a comment, "
                  f"so '{lost}' is lost; put the value in quotes", quote=lost, field=name)


RULES = (
    Rule(
        code="BL901",
        name="misspelled-field",
        summary="An unknown field is a near miss of a known one, so its value is ignored.",
        why=(
            "Unknown fields are kept and ignored, which is right for `assignee:` and wrong for "
            "`custmer:`: the item silently loses a link it meant to draw."
        ),
        fix="Correct the field's spelling.",
        question=None,
        bad="- id: A-1\n  title: Bulk export\n  evidense: ZD-4411\n",
        good="- id: A-1\n  title: Bulk export\n  evidence: ZD-4411\n",
        severity="warning",
        check=check_misspelled_field,
    ),
    Rule(
        code="BL902",
        name="waiver-without-reason",
        summary="The item waives a rule without saying why.",
        why=(
            "An item can always be saved by drawing its line or by waiving a rule with a stated "
            "reason. A waiver without a reason is a silenced alarm, not a decision."
        ),
        fix="Give the waiver a reason: `waive: {BL301: \"new market, approved by Dana\"}`.",
        question=None,
        bad="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL301: }\n",
        good="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL301: \"new market, approved by Dana\"}\n",
        severity="warning",
        check=check_waivers,
    ),
    Rule(
        code="BL903",
        name="unknown-waived-rule",
        summary="The item waives a code that is not a breadline rule.",
        why="A waiver for a rule that does not exist waives nothing; the real rule still fires.",
        fix="Use a code from `breadline rules`.",
        question=None,
        bad="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL999: new market}\n",
        good="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL301: new market}\n",
        severity="warning",
        check=check_waivers,
    ),
    Rule(
        code="BL904",
        name="waiver-for-us",
        summary="The item waives a rule for a reason of ours (\"agreed with the CTO\", \"for the demo\"), so the waiver waives nothing.",
        why=(
            "An item can be saved by drawing its line, or waived with a stated reason that is itself a "
            "customer's reason. \"The CTO agreed\" or \"leadership wants it\" is the procedure the line "
            "is there to look past: the rule it waives still stands."
        ),
        fix="Give the waiver a customer's reason (whose situation makes the rule not apply), or draw the link instead.",
        question=None,
        bad="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL101: \"agreed with the CTO\"}\n",
        good="- id: A-1\n  title: Enter the Nordic market\n  waive: {BL101: \"new market: three Oslo clinics on trial asked for it\"}\n",
        severity="warning",
        check=check_waivers,
    ),
    Rule(
        code="BL905",
        name="value-cut-by-comment",
        summary="A plain value is cut short by ` #`, which YAML reads as the start of a comment (`Zendesk #812`).",
        why=(
            "In YAML a space followed by `#` starts a comment, even in the middle of a sentence: "
            "`evidence: Zendesk #812` reads as \"Zendesk\", and the ticket that was the evidence is "
            "silently gone."
        ),
        fix="Put the value in quotes: `evidence: \"Zendesk #812\"`.",
        question=None,
        bad="- id: A-1\n  title: Bulk export\n  evidence: Ana reported it in Zendesk #812\n",
        good="- id: A-1\n  title: Bulk export\n  evidence: \"Ana reported it in Zendesk #812\"\n",
        severity="warning",
        check=check_cut_short,
    ),
)
