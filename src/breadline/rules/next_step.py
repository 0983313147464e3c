"""BL4xx — what changes next: how does the item change the customer's situation?"""

from __future__ import annotations

from collections.abc import Iterator

from breadline.model import Item
from breadline.rules.base import Context, Hit, Rule


def check_missing_next(item: Item, ctx: Context) -> Iterator[Hit]:
    if not ctx.links["next"].present:
        yield Hit(code="BL401", message="does not say what changes for the customer once it ships", cap=0.0, field="next")


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
)
