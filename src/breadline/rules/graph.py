"""BL6xx — the trace graph: work that traces *through* other items via `serves`.

BL601–603 judge the backlog's `serves` links as a whole: their checks read the `Trace` of the
whole backlog (drawn from every item's own standing) and say which item each hit belongs to.
BL604 reads one item, like any other rule.
"""

from __future__ import annotations

from collections.abc import Iterator

from breadline.model import Item
from breadline.rules.base import Context, Hit, Rule
from breadline.text import reads_as_chore
from breadline.trace import Trace


def check_unknown_served(trace: Trace) -> Iterator[tuple[int, Hit]]:
    for i, targets in enumerate(trace.unknown):
        for target in targets:
            yield i, Hit(code="BL601", message=f"serves '{target}', but no item has that id", quote=target, field="serves")


def check_loops(trace: Trace) -> Iterator[tuple[int, Hit]]:
    ids = [item.id for item in trace.items]
    for loop in trace.loops:
        message = "serves in a loop: " + " → ".join(ids[i] for i in sorted(loop)) + f" → {ids[min(loop)]}"
        for i in loop:
            yield i, Hit(code="BL602", message=message, field="serves")


def check_untraced_served(trace: Trace) -> Iterator[tuple[int, Hit]]:
    ids = [item.id for item in trace.items]
    for i, origin in enumerate(trace.origin):
        if origin == i:
            if not trace.traced[i] and trace.edges[i]:
                names = ", ".join(ids[j] for j in trace.edges[i])
                yield i, Hit(code="BL603", message=f"serves only items that trace to no paying person: {names}", quote=names,
                             field="serves")
        elif not trace.traced[origin]:
            via = ids[trace.via[i]]
            chain = via if via == ids[origin] else f"{via}, which traces to {ids[origin]}"
            yield i, Hit(code="BL603", message=f"serves only items that trace to no paying person ({chain})", quote=via,
                         field="serves")


def check_orphan_chore(item: Item, ctx: Context) -> Iterator[Hit]:
    if ctx.links["who"].present or ctx.links["serves"].present:
        return
    found = reads_as_chore(item, ctx.text, ctx.words)
    if found:
        yield Hit(code="BL604", message=f"reads as a chore ('{found}') that serves no item: add `serves: ID` naming the "
                  "customer item it makes possible", quote=found, field="title")

_TRACED = (
    "customers:\n  acme: {name: Acme Logistics, plan: business}\n"
    "items:\n"
    "  - id: PAY-1\n    title: Export invoices to NetSuite\n    customer: acme\n"
    "    problem: Acme's finance team retypes invoice totals into NetSuite every month\n"
    "    evidence: [{source: ZD-4411, date: 2026-10-02}]\n"
    "    next: they close the month a day sooner\n"
)

RULES = (
    Rule(
        code="BL601",
        name="unknown-served-item",
        summary="`serves:` names an id that no item in the backlog has.",
        why=(
            "Work that does not touch a customer directly traces through the item it serves. An id "
            "that resolves to nothing draws no line: usually a typo, or an item that was closed or moved."
        ),
        fix="Correct the id in `serves:`, or remove it.",
        question="No item has the id ‘{quote}’: which item for a paying customer does this make possible?",
        bad=_TRACED + "  - id: PLAT-1\n    title: Migrate exports to the job queue\n    serves: PAY-11\n",
        good=_TRACED + "  - id: PLAT-1\n    title: Migrate exports to the job queue\n    serves: PAY-1\n",
        severity="warning",
        graph_check=check_unknown_served,
    ),
    Rule(
        code="BL602",
        name="serves-cycle",
        summary="Items serve each other in a loop.",
        why="A chain that loops back on itself traces nowhere: each item waits for another to name the customer.",
        fix="Break the loop: point one of the items at the customer-facing item it really enables.",
        question="These items serve each other in a loop: which of them helps a paying customer?",
        bad=(
            "- id: A-1\n  title: Refactor the exporter\n  serves: A-2\n"
            "- id: A-2\n  title: Split the export service\n  serves: A-1\n"
        ),
        good=(
            "- id: A-1\n  title: Refactor the exporter\n  serves: A-2\n"
            "- id: A-2\n  title: Split the export service\n"
        ),
        severity="warning",
        graph_check=check_loops,
    ),
    Rule(
        code="BL603",
        name="serves-untraced-items",
        summary="The item traces only through items that trace to no paying person themselves.",
        why=(
            "An enabler is as strong as the item it serves. Serving only superfluous items leaves an "
            "item superfluous: the line has to reach a paying person somewhere."
        ),
        fix="Draw the line of the served item first, or point `serves:` at an item that is on the line.",
        question="The items it serves reach no paying customer yet: whose problem is at the end of this chain?",
        bad="- id: A-1\n  title: Add dark mode\n- id: A-2\n  title: Theme tokens refactor\n  serves: A-1\n",
        good=_TRACED + "  - id: A-2\n    title: Exporter refactor\n    serves: PAY-1\n",
        severity="error",
        graph_check=check_untraced_served,
    ),
    Rule(
        code="BL604",
        name="orphan-chore",
        summary="A chore (dependency bump, lint fix, CI tweak, refactor, rename) serves no item and names no person.",
        why=(
            "Work that does not touch a customer directly is not waste: it traces through the item it "
            "serves. A chore that serves nothing traces nowhere, until someone names the item it makes "
            "possible."
        ),
        fix="Add `serves: ID` naming the customer-facing item this chore makes possible.",
        question="Which customer-facing item does this make possible?",
        bad="- id: A-1\n  title: Bump lodash to 4.17.21\n",
        good=_TRACED + "  - id: A-1\n    title: Bump lodash to 4.17.21\n    serves: PAY-1\n",
        severity="error",
        check=check_orphan_chore,
    ),
)
