"""BL2xx — their problem: what is the customer trying to get done, and what gets in the way?"""

from __future__ import annotations

import re
from collections.abc import Iterator

from breadline.model import Item
from breadline.rules import claims
from breadline.rules.base import Context, Hit, Rule, exact, item_texts
from breadline.rules.motive import passes_through

SELF_CENTRIC_STRENGTH = 0.2
RESTATED_STRENGTH = 0.3
VAGUE_WANT_STRENGTH = 0.2
"""A want with no measurable change (BL204) draws little of the problem link: it names a thing,
not a job or what is in its way."""
VAGUE_WANT_OTHER_WORDS = 2
"""At most this many words beside the vague want ("better reports": one) for the problem to be
nothing but the want; a longer problem says something more ("better reports, because Dana
retypes totals every month")."""


def check_missing_problem(item: Item, ctx: Context) -> Iterator[Hit]:
    if not ctx.links["problem"].present:
        yield Hit(code="BL201", message="states no problem: what is the customer trying to get done, and what is in the way?",
                  cap=0.0, field="problem")


def check_self_centric(item: Item, ctx: Context) -> Iterator[Hit]:
    problem = ctx.links["problem"]
    self_centric = ctx.words.matcher("self-centric")
    if problem.present:
        found = self_centric.search(ctx.text.words_of(problem.text))
        if found:
            found = exact(found, item.problem, *item_texts(item))
            yield Hit(code="BL202", message=f"the problem is about us, not the customer: '{found}'. What are they trying to get done?",
                      cap=SELF_CENTRIC_STRENGTH, quote=found, field="problem")
            return
        found = ctx.text.find(ctx.words, "self-centric") if not problem.inferred else None
        if found and not passes_through(item, ctx):
            # "Increase engagement with our app", with a problem beside it but evidence that is
            # only us or a next step about us: the fields have not taken us out of the picture.
            found = exact(found, *item_texts(item))
            yield Hit(code="BL202", message=f"the item's aim is ours ('{found}'), and its fields do not pass it through "
                      "the line: what is the customer trying to get done, and how do we know?",
                      cap=SELF_CENTRIC_STRENGTH, quote=found, field="description" if item.description else "title")
        return
    found = ctx.text.find(ctx.words, "self-centric")
    if found:
        found = exact(found, *item_texts(item))
        yield Hit(code="BL202", message=f"reads as our goal, not a customer's problem: '{found}'", cap=0.0, quote=found,
                  field="description" if item.description else "title")


_STOP = frozenset(
    "a an the to of for in on at and or with we our us they their it its be is are need needs want wants "
    "should must can could would add adding build make have has need ability able allow allows support "
    "new feature option button page i".split()
)


def _content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", text.lower())
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words if w not in _STOP}


def check_restated_solution(item: Item, ctx: Context) -> Iterator[Hit]:
    problem = ctx.links["problem"]
    if not problem.present or problem.inferred:
        return
    said = _content_words(problem.text)
    title = _content_words(item.title)
    if said and len(said) <= 8 and said <= title:
        yield Hit(code="BL203", message=f"the problem only restates the item ('{problem.text}'): whose job does it get in the way of?",
                  cap=RESTATED_STRENGTH, quote=problem.text, field="problem")
        return
    absence = claims.says_absence(problem.text, item.title, ctx.words)
    if absence:
        yield Hit(code="BL203", message=f"the problem is the item's own solution said as an absence ('{problem.text}'): "
                  "what are they trying to get done that its absence gets in the way of?",
                  cap=RESTATED_STRENGTH, quote=problem.text, field="problem")


def check_vague_want(item: Item, ctx: Context) -> Iterator[Hit]:
    """A problem, given or read, that is only a want for something better and the thing wanted
    ("I need better reports", "a nicer dashboard"): no job, no obstacle, nothing to measure."""
    problem = ctx.links["problem"]
    if not problem.present:
        return
    words = ctx.text.words_of(problem.text)
    found = ctx.words.matcher("vague-wants").search(words)
    if not found:
        return
    rest = _content_words(problem.text) - _content_words(found) - ctx.words.stems("vague-wants")
    if len(rest) > VAGUE_WANT_OTHER_WORDS:
        return
    quote = exact(problem.quote or problem.text, item.problem, *item_texts(item))
    yield Hit(code="BL204", message=f"the problem is only a want ('{quote}'): what are they trying to get done, and what "
              f"does '{found}' change for them?", cap=VAGUE_WANT_STRENGTH, quote=quote, field="problem" if item.problem else
              ("description" if item.description else "title"))


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
        question="What is {who} trying to get done, and what gets in the way?",
        bad="- id: A-1\n  title: Add PDF export button\n",
        good=(
            "- id: A-1\n  title: Add PDF export button\n"
            "  problem: Acme's auditors need invoices as PDFs and today retype them from screenshots\n"
        ),
        link="problem",
        severity="error",
        check=check_missing_problem,
    ),
    Rule(
        code="BL202",
        name="self-centric-problem",
        summary="The problem is about us — our metrics, funnel, brand, or engagement with our app.",
        why=(
            "\"How can we increase engagement with our app?\" sounds customer-centric but is about us. "
            "The honest question removes us from the picture: what is the customer trying to get done, "
            "even where we are not part of the solution?"
        ),
        fix="Rewrite `problem:` as the customer's job and what gets in its way, in their words.",
        question="Leaving us out of the picture: what is the customer trying to get done, and what gets in their way?",
        bad="- id: A-1\n  title: Weekly digest email\n  problem: increase engagement with our app\n",
        good=(
            "- id: A-1\n  title: Weekly digest email\n"
            "  problem: Acme's dispatchers miss jobs that were rescheduled while they were on the road\n"
        ),
        link="problem",
        severity="error",
        off_line=True,
        check=check_self_centric,
    ),
    Rule(
        code="BL203",
        name="solution-as-problem",
        summary="The problem merely restates the item, or says it does not exist yet (\"There is no PDF export\").",
        why=(
            "A problem that is the solution in other words describes our feature, not the customer's "
            "job, so nobody can judge whether the feature is the right answer. \"There is no X\" says only "
            "that the item does not exist yet: the solution posing as the problem."
        ),
        fix="Say what the customer is trying to do and what is in the way, without naming the solution.",
        question="What is the customer trying to get done that this would help with?",
        bad="- id: A-1\n  title: Add PDF export button\n  problem: There is no PDF export.\n",
        good=(
            "- id: A-1\n  title: Add PDF export button\n"
            "  problem: Acme's auditors can only read invoices as PDFs and retype them from screenshots\n"
        ),
        link="problem",
        check=check_restated_solution,
    ),
    Rule(
        code="BL204",
        name="vague-want",
        summary="The problem is only a want with nothing to measure (\"better reports\", \"a nicer dashboard\").",
        why=(
            "\"I need better reports\" names a thing we would make, not what the customer is trying to get "
            "done or what gets in the way. Nobody can tell when it is done, nor whether it helped: the "
            "problem link needs the job and the obstacle, in their terms."
        ),
        fix="Say what the customer is trying to get done with it and what gets in the way today.",
        question="What is {who} trying to get done that ‘{quote}’ would help with, and what is in the way today?",
        bad="- id: A-1\n  title: Reports\n  problem: better reports\n",
        good=(
            "- id: A-1\n  title: Reports\n"
            "  problem: Acme's finance lead rebuilds the month's job totals in Excel because our report leaves out credit notes\n"
        ),
        link="problem",
        check=check_vague_want,
    ),
)
