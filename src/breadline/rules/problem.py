"""BL2xx — their problem: what is the customer trying to get done, and what gets in the way?"""

from __future__ import annotations

from collections.abc import Iterator

from breadline.model import Item
from breadline.rules import Context, Hit, Rule


def check_missing_problem(item: Item, ctx: Context) -> Iterator[Hit]:
    if not ctx.links["problem"].present:
        yield Hit("BL201", "states no problem: what is the customer trying to get done, and what is in the way?",
                  cap=0.0, field="problem")


RULES = (
    Rule(
        code="BL201",
        name="missing-problem",
        summary="The item does not say what problem of the customer's it solves.",
        why=(
            "An item that describes only our solution cannot be judged: nobody can tell whether it "
            "helps. The line runs through the customer's job, in their terms, even where we are not "
            "part of the solution."
        ),
        fix="Add `problem:` with what the customer is trying to get done and what gets in the way.",
        bad="- id: A-1\n  title: Add PDF export button\n",
        good=(
            "- id: A-1\n  title: Add PDF export button\n"
            "  problem: Acme's auditors need invoices as PDFs and today retype them from screenshots\n"
        ),
        link="problem",
        severity="error",
        check=check_missing_problem,
    ),
)
