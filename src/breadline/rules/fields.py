"""BL9xx — input: fields that breadline cannot use as written."""

from __future__ import annotations

from collections.abc import Iterator

from breadline.load import ITEM_FIELDS
from breadline.model import Item
from breadline.rules.base import Context, Hit, Rule


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


def check_waivers(item: Item, ctx: Context) -> Iterator[Hit]:
    for code, reason in item.waive.items():
        if code not in ctx.codes:
            yield Hit(code="BL903", message=f"waives '{code}', which is not a breadline rule", quote=code, field="waive")
        elif not reason:
            yield Hit(code="BL902", message=f"waives {code} without a reason; a waiver says why the line does not apply",
                      quote=code, field="waive")


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
)
