"""BL3xx — evidence: how do we know the customer's problem is real, and recent?"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from breadline.load import as_date
from breadline.model import Evidence, Item
from breadline.rules import claims
from breadline.rules.base import Context, Hit, Rule, exact, item_texts
from breadline.rules.dates import written_date
from breadline.words import WordLists, builtin

UNDATED_STRENGTH = 0.8
STALE_STRENGTH = 0.4
ASSUMED_STRENGTH = 0.0
"""An assumption is not evidence: it draws no part of the link (issue 15)."""
OURS_STRENGTH = 0.0
"""Nor is the say-so of a person of ours ("CEO", "the PM"): an opinion, not a sign of the customer's problem."""

def date_of(entry: Evidence, words: WordLists = builtin) -> dt.date | None:
    """The evidence's date: its `date:`, else the latest date written inside its text ("Zendesk
    #8812 from Riverside, 2026-11-02", "interview with Acme in 2019": `rules.dates`)."""
    if entry.date is not None:
        return entry.date
    return written_date(entry.text, words)


def check_assumed(item: Item, ctx: Context) -> Iterator[Hit]:
    evidence = ctx.links["evidence"]
    assumed = ctx.words.matcher("assumed-evidence")
    if evidence.present and not evidence.inferred:
        found = assumed.search(ctx.text.words_of(evidence.text))
        if found:
            found = exact(found, *item_texts(item))
            yield Hit(code="BL304", message=f"the evidence is an assumption ('{found}'), not something a customer said or did",
                      cap=ASSUMED_STRENGTH, quote=found, field="evidence")
        return
    if not evidence.present:
        found = ctx.text.find(ctx.words, "assumed-evidence") or assumed.search(ctx.text.words_of(item.problem))
        if found:
            found = exact(found, *item_texts(item))
            yield Hit(code="BL304", message=f"the only support offered is an assumption: '{found}'", cap=0.0, quote=found,
                      field="description" if item.description else "title")


def check_evidence(item: Item, ctx: Context) -> Iterator[Hit]:
    drawn = ctx.links["evidence"]
    if not drawn.present:
        yield Hit(code="BL301", message="gives no evidence that the problem is real (a ticket, an interview, a count of requests)",
                  cap=0.0, field="evidence")
        return
    if drawn.inferred:
        yield from _stale_report(item, ctx)
        return
    if not item.evidence:
        return
    assumed = ctx.words.matcher("assumed-evidence")
    if all(assumed.search(e.text) or claims.only_us(e.text, ctx.words) for e in item.evidence):
        return  # not evidence at all (BL304, BL305): its date is beside the point
    max_age = ctx.settings.evidence_max_age_days
    best, best_hit = 0.0, None
    for entry in item.evidence:
        date = date_of(entry, ctx.words)
        if date is None:
            strength, hit = UNDATED_STRENGTH, Hit(
                code="BL303", message=f"evidence '{entry.text}' has no date, so nobody can tell whether it is recent",
                quote=entry.text, field="evidence",
            )
        elif (ctx.today - date).days > max_age:
            age = (ctx.today - date).days
            strength, hit = STALE_STRENGTH, Hit(
                code="BL302",
                message=f"evidence '{entry.text}' is from {date.isoformat()}, {age} days ago "
                f"(older than {max_age} days): is the problem still real?",
                quote=entry.text, field="evidence",
            )
        else:
            return  # recent, dated evidence: the link is fully drawn
        if strength > best:
            best, best_hit = strength, hit
    if best_hit is not None:
        yield Hit(code=best_hit.code, message=best_hit.message, cap=best, quote=best_hit.quote, field=best_hit.field)


def check_ours(item: Item, ctx: Context) -> Iterator[Hit]:
    """Evidence that is only a person of ours and their say-so ("CEO", "the PM", "leadership",
    "sales", "Account managers say ..."), or a procedure of ours, in every entry: an opinion."""
    evidence = ctx.links["evidence"]
    if not item.evidence or evidence.inferred:
        return
    assumed = ctx.words.matcher("assumed-evidence")
    procedure = ctx.words.matcher("procedure-motives")
    texts = [entry.text for entry in item.evidence]
    if any(assumed.search(text) for text in texts):
        return  # an assumption already (BL304)
    if all(claims.only_us(text, ctx.words) or procedure.search(text) for text in texts):
        quote = "; ".join(texts)
        yield Hit(code="BL305", message=f"the evidence is only us ('{quote}'): an opinion of ours, not a sign that the "
                  "customer has the problem. Which ticket, call or count of theirs shows it?",
                  cap=OURS_STRENGTH, quote=quote, field="evidence")


def _stale_report(item: Item, ctx: Context) -> Iterator[Hit]:
    """Evidence read from the text is the report itself: the ticket's own date (`created:`, as
    imports keep it) dates it; else a date its own words write ("Vandelay asked for this on a
    call in 2019")."""
    created = as_date(item.extra.get("created")) if item.extra else None
    max_age = ctx.settings.evidence_max_age_days
    if created is not None:
        age = (ctx.today - created).days
        if age > max_age:
            yield Hit(code="BL302", message=f"the report is from {created.isoformat()}, {age} days ago (older than {max_age} days): "
                               "is the problem still real?", cap=STALE_STRENGTH, quote=created.isoformat(), field="created")
        return
    told = ctx.links["evidence"].text
    written = written_date(told, ctx.words)
    if written is not None and (ctx.today - written).days > max_age:
        quote = exact(told, *item_texts(item))
        yield Hit(code="BL302", message=f"the only evidence dates itself more than {max_age} days ago ('{quote}'): "
                  "is the problem still real?", cap=STALE_STRENGTH, quote=quote, field="description")


RULES = (
    Rule(
        code="BL301",
        name="missing-evidence",
        summary="The item gives no evidence that the customer's problem is real.",
        why=(
            "Without evidence, the problem is our guess about someone else's life. A support ticket, "
            "an interview note, a churn reason or a count of requests is what turns the guess into "
            "a line."
        ),
        fix="Add `evidence:` with a ticket, interview or request count, and its date.",
        question="How do we know {who} has this problem: a ticket, a call, a count of requests?",
        bad="- id: A-1\n  title: Bulk invoice export\n",
        good="- id: A-1\n  title: Bulk invoice export\n  evidence: [{source: ZD-4411 from Acme's finance lead, date: 2026-10-02}]\n",
        link="evidence",
        severity="error",
        check=check_evidence,
    ),
    Rule(
        code="BL302",
        name="stale-evidence",
        summary="Every dated piece of evidence is older than the configured age (365 days by default).",
        why=(
            "Problems get solved, customers leave, workarounds settle in. Evidence from long ago says "
            "the problem was real then; the line needs it to be real now."
        ),
        fix="Add recent evidence (a new ticket, a call this quarter), or confirm the old one with the customer.",
        question="Does {who} still have this problem? When did we last hear it from them?",
        bad="- id: A-1\n  title: Bulk invoice export\n  evidence: [{source: interview with Acme, date: 2021-03-01}]\n",
        good="- id: A-1\n  title: Bulk invoice export\n  evidence: [{source: interview with Acme, date: 2026-10-01}]\n",
        link="evidence",
        check=check_evidence,
    ),
    Rule(
        code="BL303",
        name="undated-evidence",
        summary="The evidence carries no date, so nobody can tell whether it is recent.",
        why="Evidence is strongest when it is recent; a date is what lets a reader (and breadline) tell.",
        fix="Write the evidence as a mapping with `source:` and `date:`.",
        question="When did we hear this from {who}, and is it still true?",
        bad="- id: A-1\n  title: Bulk invoice export\n  evidence: ZD-4411 from Acme's finance lead\n",
        good="- id: A-1\n  title: Bulk invoice export\n  evidence: [{source: ZD-4411 from Acme's finance lead, date: 2026-10-02}]\n",
        link="evidence",
        severity="info",
        check=check_evidence,
    ),
    Rule(
        code="BL304",
        name="assumed-evidence",
        summary="The evidence is an assumption (\"we think\", \"probably\", \"gut feeling\"): it draws no part of the link.",
        why=(
            "\"We think\" is our guess about someone else's life. Evidence is something a customer said "
            "or did: a ticket, an interview, a churn reason, a count of requests."
        ),
        fix="Replace the assumption with a ticket, an interview note or a count of requests, and its date.",
        question="Who told us, and what exactly did they say?",
        bad="- id: A-1\n  title: Calendar export\n  evidence: we think most accountants would use it\n",
        good="- id: A-1\n  title: Calendar export\n  evidence: [{source: 14 requests in Intercom since August, date: 2026-11-02}]\n",
        link="evidence",
        severity="error",
        check=check_assumed,
    ),
    Rule(
        code="BL305",
        name="evidence-only-us",
        summary="The evidence is only a person of ours and their say-so (\"CEO\", \"the PM\", \"sales\", \"leadership\").",
        why=(
            "\"The CEO wants it\" says what we want, not that the customer has the problem. Our people's "
            "opinions can start an inquiry; evidence is what the customer said or did: a ticket, an "
            "interview, a churn reason, a count of requests."
        ),
        fix="Replace the opinion with the customer's own signal: a ticket, an interview note or a count of requests, and its date.",
        question="What did the customer say or do that shows the problem, beyond ‘{quote}’?",
        bad="- id: A-1\n  title: Calendar export\n  evidence: the CEO\n",
        good="- id: A-1\n  title: Calendar export\n  evidence: [{source: call with Acme's office manager, date: 2026-11-02}]\n",
        link="evidence",
        severity="error",
        check=check_ours,
    ),
)
