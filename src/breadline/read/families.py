"""The signal families breadline reads, in the order they are tried."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from breadline.match import Sieved, normalize, sentence_around, tokens
from breadline.read import shape
from breadline.read.base import CERTAINTY, REPORT_LIMIT, Clue, Family, ItemWords, Lists

REPORTER = "the person reporting this"
"""Who a first-person report is from: someone, in their own words (not "users")."""

AFFECTED = "the people hitting this failure"
"""Who a failure report is about, when it names nobody else."""


def _sentence(words: ItemWords, fragment: str) -> str:
    return sentence_around(words.text, fragment)


# -- first-person experience and pain ------------------------------------------------------

_PRONOUN = re.compile(r"\b(?:[Ii]|[Ii]'m|[Ii]'ve|[Ii]'d|[Mm]y|[Mm]e)\b")
"""Singular first person only: a team's "we need to …" is as often our own team as a customer's.
Lower-case "i" too: people type "if i have 2000 attributes … there is no way"."""
_NEGATION = re.compile(r"n't\b|\b(?:not|no|never|nothing|without)\b", re.IGNORECASE)
_NOT_TROUBLE = re.compile(r"\b(?:don't|do not|didn't|did not) (?:know|think|mind|care)\b|\bnot sure\b|\bno idea\b"
                          r"|\bno (?:problem|worries)\b", re.IGNORECASE)
"""Negations that tell no trouble: "Solution: I don't know", "not sure if this is a bug"."""


NEED_HEAD = 1500
"""How far into an item's text a requester's own need (`own-needs`) is looked for (characters), as
stories and requests are: a need often follows a greeting and a setting, past the lead."""


def _own_need(words: ItemWords, lists: Lists) -> str | None:
    """A first person's own need with its use, in the head of the text (`own-needs`): "How can we
    create labels for our orders?", "I would like to save those in EML format, so I can …"."""
    text = words.text_words
    if text is None or len(words.text) > NEED_HEAD:
        # The head alone; at 600 characters or more it is searched by its lines' RE2 set, not split.
        text = tokens(normalize(words.text[:NEED_HEAD]))
    elif not text.scanned and _FIRST_PERSON.isdisjoint(text.distinct):
        return None  # a short text, split once already, with no first person: decided by lookups
    said = lists.matcher("own-needs").search(text)
    if said and lists.matcher("team-work").search(said):
        return None  # "we need to refactor our code", "our issue tracker": the team's own work
    return said


_FIRST_PERSON = frozenset({"i", "we", "my", "our", "i'd", "we'd", "i'm", "we're", "i've", "we've"})
"""The words (as stems) every line of `own-needs` holds one of: a text with none of them is decided
without the list."""


def _experience(words: ItemWords, lists: Lists) -> Clue | None:
    # "I registered a recruiter, invited a child recruiter …": the steps a person took are their report.
    said = (words.in_lead(lists, "first-person") or words.in_lead(lists, "first-person-steps")
            or _own_need(words, lists))
    if not said and (asked := words.in_lead(lists, "asks")):
        # "Could we add a Group by Date option?": a question asks for a feature. With a failure
        # or a pain in the same lead ("is there a way to stop the duplicate e-mails?") it is theirs.
        if any(words.in_lead(lists, name) for name in _HURT):
            said = asked
    if said:
        sentence = _sentence(words, said)
    else:
        # Any first-person word, in a sentence that also tells a failure, a need or a pain
        # ("I have a light panel; it shows as Not supported").
        sentence = said = None
        if not (_NEGATION.search(words.lead) or any(words.in_lead(lists, name) for name in _TROUBLE)):
            return None  # no trouble anywhere in the lead: no sentence of it can tell one
        seen: set[str] = set()
        for pronoun in _PRONOUN.finditer(words.lead):
            candidate = _sentence(words, pronoun.group(0) + words.lead[pronoun.end():pronoun.end() + 20])
            if candidate in seen:
                continue  # "I … my … me" in one sentence: read it once
            seen.add(candidate)
            split = tokens(normalize(candidate))  # once, for every list below
            negated = _NEGATION.search(_NOT_TROUBLE.sub(" ", candidate)) if _NEGATION.search(candidate) else None
            if negated or any(lists.matcher(name).search(split) for name in _TROUBLE):
                sentence, said = candidate, pronoun.group(0)
                break
        if not said:
            return None
    split = tokens(normalize(sentence))  # once, for both lists
    if lists.matcher("assumed-evidence").search(split):
        return None  # "I think most users would like …": a guess about others, not their report
    if lists.matcher("proposals").search(split):
        return None  # "I would like to propose a feature that lets users …": a solution, not a need
    return Clue("first-person", "likely", said, who=REPORTER, problem=sentence)


_TROUBLE = ("failures", "regressions", "data-gone", "never-arrives", "slowness", "needs", "pain")
"""The lists whose words tell trouble: a failure of any kind, a need, a pain. With a first-person
word, a role or an outside author, they make a person with a problem."""

_HURT = ("failures", "regressions", "data-gone", "never-arrives", "slowness", "pain")
"""The lists that tell something going wrong for a person (a need alone is not a hurt: every
question "could we …" needs something)."""


EXPERIENCE = Family(
    name="first-person",
    summary="A person tells, in the first person, what they hit or need: the report is theirs.",
    lists=("first-person", "first-person-steps", "own-needs", "team-work", "asks", "proposals"),
    find=_experience,
    fires=(
        "No Booking Confirmations || I don't get any booking confirmations on my clients' accounts.",
        "Pin data || To pin data of several nodes I have to open each node, which is time consuming.",
        "Dark mode || My eyes burn after an hour in the app.",
        "Creating members via API fails || I'm migrating 100+ users to a 1.0 instance.",
        "New device support || I have a light panel from Adeo; it shows as Not supported.",
        "Duplicate e-mails || Is there a way to stop the duplicate e-mails? Every client gets three.",
        "Export selected attributes || if i have 2000 attributes there is no way to export only a few.",
        "Every recruiter sees all job ads || I registered a recruiter and invited a child recruiter; this person "
        "can see the applicants of every job ad.",
        "PrintLabel || Thanks for this package. It helps our project. We have questions. How can we create labels "
        "for our orders that were created manually?",
        "Offline checkout || Receipts would print offline, but it's my biggest worry for taking the system live.",
    ),
    quiet=(
        "Refactor the invoice module || Split it in two files.",
        "Increase weekly engagement || Engagement with the dashboard is down 8%.",
        "I think we should rename the settings page",
        "Kanban view || I think most users would like a kanban view.",
        "Voice notes || I would like to propose a feature that allows users to add voice notes.",
        "Release notes for 4.2 || I wrote the draft; we publish it on Friday.",
        "Group by date || Could we add a Group by Date option to the reporting dashboard?",
        "Bulk add || Is it possible to have a bulk add of objects?",
        "Desktop notifications || I hope you can add desktop notifications. Solution: I don't know.",
        "Browser alerts || When I open the status page it could send desktop notifications.",
        "Compliance tracking || As an investor, I follow certain rules for each transaction.",
        "Clean-up || We need to refactor our code before the release.",
        "Retrospective || As a team, we want to have a retrospective document so that we can take notes.",
    ),
)


# -- the writer saying who they are -------------------------------------------------------

def _self_description(words: ItemWords, lists: Lists) -> Clue | None:
    said = words.in_lead(lists, "self-descriptions")
    if not said:
        return None
    # Who they are is half of it: the request is theirs when the lead also tells what they need
    # or what goes wrong for them ("… It would be nice to allow volunteers to see only some books").
    trouble = next((found for name in _TROUBLE if (found := words.in_lead(lists, name))), None)
    if not trouble:
        return None
    sentence = _sentence(words, said)
    if lists.matcher("proposals").search(tokens(normalize(sentence))):
        return None  # "As a company we propose …": a solution, not a need
    return Clue("self-description", "likely", said, who=sentence, problem=_sentence(words, trouble))


SELF_DESCRIPTION = Family(
    name="self-description",
    summary="The writer says who they are (their organisation, their business, the work they do for "
            "someone) and what they need: the request is that person's.",
    lists=("self-descriptions", "needs"),
    find=_self_description,
    fires=(
        "Restrict roles to books || I create documentation for non-profits. Volunteers need to see only "
        "some books.",
        "Signing order || My organization evaluated the app, but we cannot use it: every signer is notified at once.",
        "SSO || As an enterprise level agency, we need SSO before our security team signs off.",
    ),
    quiet=(
        "Company settings page || Add a page for the company's address.",
        "About us || Our company history page is out of date.",
        "My organization || Rename the organisation model to account.",
        "Roadmap || As a company we propose to move the docs to a new site.",
    ),
)


# -- roles: people by the job they do ------------------------------------------------------

def _roles(words: ItemWords, lists: Lists) -> Clue | None:
    role = words.in_lead(lists, "roles")
    if not role or _in_a_path(words.lead, role):
        return None
    sentence = _sentence(words, role)
    # "We want recruiters logging in more often": a want of ours is no need of theirs.
    if _OUR_WISH.search(words.lead):
        theirs = _OUR_WISH.exact.sub(" ", words.lead)
        need = next((said for name in ("first-person", *_TROUBLE) if (said := lists.matcher(name).search(theirs))), None)
    else:
        need = next((said for name in ("first-person", *_TROUBLE) if (said := words.in_lead(lists, name))), None)
    if not need and words.kind not in CHANGE_TYPES and (words.kind in REPORT_TYPES - {"issue"} or any(
            lists.matcher("bug-labels").search(label) for label in words.labels)):
        # A report its tracker calls a bug ("Bug", "type: bug"): the role it names is someone it hits.
        need = next((label for label in words.labels if lists.matcher("bug-labels").search(label)), words.kind)
    # A role with a failure, a pain or a need in the same lead is a person with a problem;
    # a role alone ("agent settings page") is only a hint.
    return Clue("roles", "likely" if need else "hinted", role, who=role, problem=sentence)


def _in_a_path(text: str, word: str) -> bool:
    """Whether `word`, where it first stands in `text`, is part of a path or a URL
    ("/admin/video_pipeline/"), not a person's job."""
    at = text.lower().find(word.lower())
    return at >= 0 and (text[at - 1: at] in ("/", "_", "`") or text[at + len(word): at + len(word) + 1] in ("/", "_"))


_OUR_WISH = Sieved(r"\bwe (?:want|need|would like|'d like)\b", re.IGNORECASE)

ROLES = Family(
    name="roles",
    summary="People named by the job they do (agents, dispatchers, accountants) with a need or a failure.",
    lists=("roles", "needs", "bug-labels"),
    find=_roles,
    fires=(
        "Agent replies || Any agent can reply in a conversation assigned to another agent, which confuses customers.",
        "Queue view || When agents open tickets, the queue they are sent to is blank.",
        "Unassigned inbox || After a conversation is reassigned, new messages arrive in both agents' inboxes. "
        "[labels: Bug]",
    ),
    quiet=(
        "Enable the video flag || Set it in Django (/admin/video_pipeline/); it is not needed otherwise.",
        "Improve the settings page",
        "Users want dark mode",
        "Grow weekly active recruiters || We want recruiters logging in more often.",
        "Agent settings page || Move the agent settings to their own page. [labels: enhancement]",
    ),
)


# -- tracker signals: who wrote it, who reacted -------------------------------------------

OUTSIDE = frozenset({"NONE", "FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "CONTRIBUTOR", "MANNEQUIN"})
"""GitHub's `author_association` values for someone outside the team (not OWNER, MEMBER or
COLLABORATOR): the item is their report or request, not our own note."""

REACTED = 3
"""Reactions or votes from this many people are evidence that more than one person has the problem."""


def _tracker(words: ItemWords, lists: Lists) -> Clue | None:
    if is_change(words, lists):
        return None  # an outside pull request is a contribution, not a report
    outside = words.association.upper() in OUTSIDE or bool(words.reporter)
    evidence = f"{words.reactions} people reacted or voted" if words.reactions >= REACTED else None
    if not outside and not evidence:
        return None
    said = next((said for name in ("first-person", *_TROUBLE) if (said := words.in_lead(lists, name))),
                None)
    # An outside author or many reactions with a failure or a need in the lead: someone's report.
    # Alone, they are only signs ("labels are signals, not verdicts").
    certainty = "likely" if said else "hinted"
    quote = (f"reporter: {words.reporter}" if words.reporter else f"author_association: {words.association}"
             if outside else f"reactions: {words.reactions}")
    return Clue("tracker", certainty, quote, who=REPORTER if outside else None,
                problem=_sentence(words, said) if said else None, evidence=evidence)


TRACKER = Family(
    name="tracker",
    summary="What the export says beside the text: an outside author (GitHub's author_association, a "
            "reporter or author who is assigned none of the backlog's items), reactions and votes.",
    lists=("failures", "needs"),
    find=_tracker,
    fires=(
        "Export is empty || The CSV export has no rows. [author: NONE]",
        "Dark mode || Dark mode please, we need it at night. [reactions: 14]",
        "Invoice PDF is blank || The PDF we download is empty since Monday. [reporter: Dana Ruiz]",
    ),
    quiet=(
        "Tidy the settings page [author: MEMBER]",
        "fix: handle empty export || Closes #12 [author: NONE]",
        "Tidy the settings page [reporter: Dana Ruiz]",
    ),
)


# -- a person's pain without a failure ----------------------------------------------------

_SUFFERER = re.compile(r"\b(?P<first>[Ii]|[Ww]e|[Mm]y|[Oo]ur|[Mm]e|[Uu]s|[Ii]'m|[Ww]e're|[Ii]'ve|[Ww]e've)\b"
                       r"|\b(?P<people>(?:[Oo]ur |[Mm]y |[Tt]he |[Ss]ome |[Mm]any |[Mm]ost )?(?:customers|clients|users|people|"
                       r"staff|members|buyers|sellers|visitors|readers|admins|administrators))\b")
"""Who bears the pain, in its own sentence: the writer ("we have to manually move cards", "I spent a
lot of time …") or the people they serve ("customers have to scroll way down")."""


def _pain(words: ItemWords, lists: Lists) -> Clue | None:
    said = words.in_lead(lists, "pain")
    if not said:
        return None
    sentence = _sentence(words, said)
    # Pain alone draws the problem only: "onboarding is confusing" names nobody who is confused.
    # Told by the writer of their own work, or of the people they serve, in the same sentence, it
    # is that person's problem.
    who = None
    for person in _SUFFERER.finditer(sentence):
        who = REPORTER if person.group("first") else person.group("people")
        break
    return Clue("pain", "likely", said, who=who, problem=sentence)


PAIN = Family(
    name="pain",
    summary="Time lost, work done by hand, confusion, a thing hard to do: the problem of a person another "
            "signal names, or of the writer or the people they serve, told in the same sentence.",
    lists=("pain",),
    find=_pain,
    fires=(
        "Bulk import contacts || Adding each customer's details by hand takes an afternoon.",
        "Pin data || Opening each node is time consuming.",
        "Agent replies || Any agent can reply in a conversation assigned to another, which confuses customers.",
        "Drag and drop cards || Now, we have to manually move cards from one column to the other.",
        "Gantt View || With many long tasks, the Calendar View becomes complicated to read.",
        "Split tunnelling || Currently, we need to turn the vpn off to change the split tunnelling configuration.",
        "Invoice totals || With the total at the bottom, customers have to scroll way down if the list is long.",
    ),
    quiet=(
        "Add a CSV import button",
        "Support SAML login",
        "Bulk edit || Bulk edit saves the hours spent on each row.",
        "Import orders || The user can click a button which grabs the orders from the shop.",
    ),
)


# -- failures without failure words --------------------------------------------------------

def _failure_family(name: str, summary: str, fires: tuple[str, ...], quiet: tuple[str, ...]) -> Family:
    def find(words: ItemWords, lists: Lists) -> Clue | None:
        said = words.in_lead(lists, name)
        if not said:
            return None
        sentence = _sentence(words, said)
        # A change (a pull request) describes its fix, not a person's report: only a hint.
        certainty = "hinted" if is_change(words, lists) else "likely"
        return Clue(name, certainty, said, who=AFFECTED, problem=sentence, evidence="the report itself")

    return Family(name=name, summary=summary, lists=(name,), find=find, fires=fires, quiet=quiet)


REGRESSIONS = _failure_family(
    "regressions",
    "Something that worked stopped after an upgrade or a version: the version is the setting of a failure.",
    fires=(
        "[Bug]: Signed out after upgrading to Mattermost 6.0.0",
        "Had to roll back to 0.31 - dashboards stop populating",
        "Charts No Longer Render Visualizations",
        "Exports fail since 4.2 || The CSV export is empty since 4.2.1.",
    ),
    quiet=(
        "Upgrade Django to 5.1",
        "Add a dark mode toggle to the settings page",
    ),
)

DATA_GONE = _failure_family(
    "data-gone",
    "A person's data is lost, hidden or wrong.",
    fires=(
        "All DMs are gone after the move",
        "Unpaid invoice not visible in the customer portal",
        "Old data || I lost all of my sites, goals and users.",
        "Report totals || The monthly report doesn't add up.",
        "Github Actions repo secrets wiped during integration",
    ),
    quiet=(
        "Add a customer portal page for unpaid invoices",
        "Delete the legacy reports module",
        "Gateways WIP || WIP: the gateway settings page",
    ),
)

NEVER_ARRIVES = _failure_family(
    "never-arrives",
    "A page, message or result that never arrives: a blank page, a spinner, an email not sent.",
    fires=(
        "Dashboard shows a blank page for viewers",
        "Reset emails are not being sent",
        "Logs not coming in the UI || No logs are coming in, no services either.",
        "Custom events aren't being tracked (self-hosted, Docker)",
        "Admin not getting emailed after check-out || I do not get notified when I check out an asset.",
    ),
    quiet=(
        "Send a weekly digest email",
        "Add a loading state to the table",
    ),
)

SLOWNESS = _failure_family(
    "slowness",
    "Slowness that makes someone wait: long loads, time-outs, minutes for one page.",
    fires=(
        "Embedded dashboard takes longer and longer to display",
        "Contacts page || Opening a contact takes 10-15 s for an account with many objects.",
        "Sync times out for large mailboxes",
    ),
    quiet=(
        "Cache the pricing page",
        "Add a retry button to the sync settings",
    ),
)


# -- a report's own shape: expected and actual ---------------------------------------------

def _expectations(words: ItemWords, lists: Lists) -> Clue | None:
    # The lead as written: template headings ("Expected behavior") are taken out of `lead`.
    written = words.text[: len(words.title) + 2 + REPORT_LIMIT]
    low = written.lower()
    if "expected" not in low and "actual" not in low and "install" not in low:
        return None  # decided without the list
    said = lists.matcher("expectations").search(written)
    if not said:
        return None
    certainty = "hinted" if is_change(words, lists) else "likely"
    return Clue("expectations", certainty, said, who=AFFECTED, problem=_sentence(words, said),
                evidence="the report itself")


EXPECTATIONS = Family(
    name="expectations",
    summary="A report that says what the writer expected, or what happened instead, or the setting "
            "a report gives (a fresh install): something does not do what it should for them.",
    lists=("expectations",),
    find=_expectations,
    fires=(
        "Adding selected candidates adds all candidates || Expected: selected CVs are added to the job.",
        "Checkout email || Expected Behavior: a confirming email is sent to the user. Actual Behavior: Nothing.",
        "Totals || Actual result - the invoice total ignores the discount.",
        "v5: In a fresh install, trying to view a PDF generates a PDF of the login page",
    ),
    quiet=(
        "Test the GitHub integration || Steps to reproduce: test it. Expected behavior: works.",
        "Release 4.2 || The release went out as expected.",
        "Expected delivery date || Show the expected delivery date on the order page.",
        "Install script || Add an install script for the docs site.",
    ),
)


# -- named accounts and paying segments ----------------------------------------------------

_CUSTOMER_LABEL = re.compile(r"^(?:customer|client|account)\s*(?:[-_/]|::?)\s*(?P<name>[\w][\w .&'-]*)$", re.IGNORECASE)
_NOT_A_NAME = frozenset({"support", "success", "request", "requests", "reported", "feedback", "facing", "impact"})
_NAMED_IN_TEXT = re.compile(r"\b[Cc]ustomer(?:-|: )(?P<name>[A-Z][\w&-]+)")


_HYPOTHETICAL = re.compile(r"\s+to\s")
"""After a segment, "to" and a verb: "possible for a customer to send" is a case, not an account
("a customer wants to" is one: its segment ends in a verb)."""
_ACCOUNT_NOUNS = frozenset({"customer", "customers", "client", "clients"})


def _end_of(text: str, fragment: str) -> int:
    """Where the first occurrence of `fragment` in `text` ends (any case); 0 if it is not there."""
    at = text.lower().find(fragment.lower())
    return at + len(fragment) if at >= 0 else 0


def _accounts(words: ItemWords, lists: Lists) -> Clue | None:
    asked = next((label for label in words.labels if lists.matcher("customer-labels").search(label)), None)
    if asked:
        return Clue("accounts", "likely", asked, who="the customer who raised this", problem=words.title)
    for label in words.labels:
        found = _CUSTOMER_LABEL.match(label.strip())
        if found and found.group("name").strip().lower() not in _NOT_A_NAME:
            return Clue("accounts", "stated", label, who=found.group("name").strip(), problem=words.title)
    named = _NAMED_IN_TEXT.search(words.text) if "ustomer" in words.text else None  # the pattern tries every place
    if named:
        return Clue("accounts", "stated", named.group(0), who=named.group("name"),
                    problem=_sentence(words, named.group(0)))
    segment = lists.matcher("paying-segments").search(words.text_split)
    if (segment and segment.lower().rsplit(None, 1)[-1] in _ACCOUNT_NOUNS
            and _HYPOTHETICAL.match(words.text, _end_of(words.text, segment))):
        segment = None  # "is it possible for a customer to send an email …": a case, not an account
    if segment:
        singular = segment.lower().split()[0] in {"a", "one", "for"}
        who = "the customer this item names" if singular else segment
        return Clue("accounts", "likely", segment, who=who, problem=_sentence(words, segment))
    return None


ACCOUNTS = Family(
    name="accounts",
    summary="A named customer or account (in the text or a `customer-…` label), or a paying segment.",
    lists=("paying-segments", "customer-labels"),
    find=_accounts,
    fires=(
        "Bulk label management [labels: customer-rembrandt]",
        "Investigate search performance for some large customers",
        "SAML login || A customer wants to replace email logins with SAML.",
        "Label colours || Request thread with Customer-Figali.",
        "Self host the app [labels: customer request]",
        "Buried conversation || A customer sent an email today, but the conversation got buried.",
        "Search performance || Tracking issue for search performance, which I am looking into for a customer.",
    ),
    quiet=(
        "Add a login page",
        "Customer support macros [labels: area: macros]",
        "Customer service option || It is worth adding a customer service option to the panel.",
        "Email in a ticket || Is it possible for a customer to send an email that creates a ticket?",
        "Invoice PDF || Generate a PDF after creating an invoice from a customer order.",
    ),
)


# -- the shape of a report, learnt from real items -----------------------------------------

REPORTERS = "the people who reported it"
"""Who an item is from when only its shape says it is someone's report (it names nobody)."""

_WISH = Sieved(r"\b(?:it|this|that|they|you|we|there) (?:could|should|would|might)(?! not\b|n't) (?!be able\b)", re.IGNORECASE)
"""A wish for what the product could do, not what it does to someone."""


def _weights_of(lists: Lists, name: str) -> shape.Weights | None:
    lines = lists(name)
    return shape.parsed(lines) if lines else None


def _seen(words: ItemWords) -> frozenset[tuple[str, str]]:
    lead = words.lead_words.stems if words.lead_words is not None else tokens(normalize(words.lead)).stems
    return shape.features(words.title, lead, words.labels)


def report_probability(words: ItemWords, lists: Lists) -> float | None:
    """How likely the report's shape holds it that a careful reader would trace the item (None
    when the configuration switched it off)."""
    weighed = _weighed(words, lists)
    return None if weighed is None else weighed[2]


def change_probability(words: ItemWords, lists: Lists) -> float | None:
    """How likely the change's shape holds it that the item is a pull request rather than an
    issue, from its words alone (None when the configuration switched it off)."""
    weighed = _weighed(words, lists, shape.CHANGE_LIST)
    return None if weighed is None else weighed[2]


def _weighed(words: ItemWords, lists: Lists, name: str = shape.LIST
             ) -> tuple[shape.Weights, frozenset[tuple[str, str]], float] | None:
    """(weights, features, probability) of the item by the model of list `name`, weighed once
    for the run's weights; both models weigh the same features, made once."""
    weights = _weights_of(lists, name)
    if weights is None:
        return None
    kept = words._shape
    found = kept.get(name)
    if found is None or found[0] is not weights:
        other = next(iter(kept.values()), None)
        seen = other[1] if other is not None else _seen(words)
        found = kept[name] = (weights, seen, shape.probability(weights, seen))
    return found


def _report_shape(words: ItemWords, lists: Lists) -> Clue | None:
    weighed = _weighed(words, lists)
    if weighed is None or weighed[2] < shape.LIKELY_AT:
        return None
    weights, seen, _ = weighed
    if _WISH.search(words.lead) and not any(words.in_lead(lists, name) for name in _TROUBLE):
        return None  # "When I open the page, it could send notifications": an idea, told in a report's words
    ours = our_purpose(words, lists)
    if ours and not _hurt_apart(words, lists, ours):
        return None  # "Our NPS is 22 and marketing wants it above 40": a motive of ours, told in a report's words
    quote = ", ".join(shape.written(f"{words.lead} {' '.join(words.labels)}", shape.strongest(weights, seen)))
    return Clue("report-shape", "likely", quote, who=REPORTERS, problem=words.title or words.lead,
                evidence="the report itself")


def _hurt_apart(words: ItemWords, lists: Lists, ours: str) -> bool:
    """Whether the lead tells something going wrong for someone (`_HURT`) outside the sentence
    that gives our purpose (`ours`): a hurt told in that very sentence is told for it ("My
    organization cannot use the app for the demo"), as BL501 holds a problem that is the motive
    itself; one told in another sentence is a person's report beside it."""
    motive = sentence_around(words.lead, ours)
    return any(hurt and sentence_around(words.lead, hurt) != motive
               for hurt in (words.in_lead(lists, name) for name in _HURT))


REPORT_SHAPE = Family(
    name="report-shape",
    summary="An item whose words, weighed together, read like the reports a careful reader traced "
            "(a logistic model of the development part of tests/data/real: read/shape.py).",
    lists=(shape.LIST,),
    find=_report_shape,
    fires=(
        "Dashboard load time is huge || When I open my dashboard after the upgrade it is not usable, but the old one was fine.",
        "Excel export has missing values || Since the update, when I export my orders the file is missing the totals, but the screen shows them.",
        "Login page hangs || After I updated to 2.3 I cannot log in, the button does nothing.",
    ),
    quiet=(
        "chore(deps): bump eslint from 8.1 to 8.2",
        "refactor: move the invoice helpers into their own module",
        "Add a dark mode toggle to the settings page",
        "docs: fix a typo in the README",
        "Desktop notifications || When I open the status page in my browser, it could send desktop notifications.",
        "Exit survey after checkout || Show the survey right after an order is paid, when you are happiest. "
        "Our NPS is 31 and marketing wants it above 50.",
        "Signing order || My organization cannot use the app for the demo, since we need feature parity with Docusign.",
    ),
)


FAMILIES: tuple[Family, ...] = (EXPERIENCE, SELF_DESCRIPTION, REGRESSIONS, DATA_GONE, NEVER_ARRIVES, SLOWNESS,
                                EXPECTATIONS, ACCOUNTS, ROLES, TRACKER,
                                PAIN, REPORT_SHAPE)
"""Every family, in the order its clues are used: a link is drawn from the first clue that has it."""

FAILURE_FAMILIES = ("regressions", "data-gone", "never-arrives", "slowness")


OURS = ("assumed-evidence", "self-centric", "procedure-motives", "wallet")
"""Lists whose words say the stated purpose is a guess or ours, not theirs ("we think recruiters
would love", "we want recruiters logging in more often", "parity before the analyst briefing")."""


def clues(words: ItemWords, lists: Lists) -> list[Clue]:
    """Every clue the families find in one item. Where the lead says the purpose is a guess or
    ours (`OURS`), a clue is only a hint: the wording rules judge such items, not the reader."""
    found = []
    ours = None
    # A change (a pull request, "This commit adds …") describes itself, not a person's report or
    # need: what it says of people is only a hint, except a customer label (stated).
    changed = is_change(words, lists)
    guessed: dict[str, bool] = {}
    for family in FAMILIES:
        if family is REPORT_SHAPE and _as_sure(found):
            break  # the words read already say as much as the shape could (it is the last family)
        clue = family.find(words, lists)
        if clue is None:
            continue
        if family is REPORT_SHAPE:
            found.append(clue)  # learnt from whole items, changes and motives of ours among them
            continue
        if clue.certainty != "hinted" and not (changed and clue.certainty == "stated"):
            if changed and costs_someone(clue, lists):
                found.append(clue)  # "I spent a lot of time trying to figure out …": why the change was made
                continue
            if ours is None:
                # Our purpose anywhere in the lead; a guess or a procedure of ours only in the
                # clue's own sentence ("my notes were gone due, I guess, to the sync" is still a
                # report, and so is "My organization decided not to adopt it: every signer is
                # notified at once" under a title asking for "feature parity").
                ours = changed or states_our_purpose(words, lists, sentence_wise=False)
            if ours or (clue.problem and _guessed(clue.problem, lists, guessed)):
                clue = replace(clue, certainty="hinted")
        found.append(clue)
    return found



def _as_sure(found: list[Clue]) -> bool:
    """Whether the clues found draw who, problem and evidence each at least as surely as the
    report's shape would (`likely`)."""
    least = CERTAINTY["likely"]
    return all(any(getattr(clue, name) and clue.strength >= least for clue in found)
               for name in ("who", "problem", "evidence"))


SENTENCE_WISE = ("assumed-evidence", "procedure-motives")
"""Lists of `OURS` whose words make a family's reading a hint only in the sentence they stand
in (`_guessed`): a guess is about the sentence it qualifies, and a procedure of ours ("for the
demo", "feature parity") does not unsay a person's report in another sentence. BL501 judges
the procedure the same way: it passes a motive of ours once the item names someone who pays,
except where the sentence read as their problem is the motive itself."""


def costs_someone(clue: Clue, lists: Lists) -> bool:
    """Whether a change's clue tells what the failure costs a person, in their sentence: time
    lost, work by hand ("I spent a lot of time trying to figure out how digests of one item
    behave", "a support agent … finds the account by hand and retypes the link"). A fix
    describes itself, but the cost that prompted it is someone's report passed on; a fix that
    tells only the failure ("Fixes incorrect check-in status") stays a hint."""
    if clue.family not in ("first-person", "roles", "pain") or not clue.problem:
        return False
    return bool(lists.matcher("pain").search(clue.problem))


def states_our_purpose(words: ItemWords, lists: Lists, *, sentence_wise: bool = True) -> bool:
    """Whether the lead says the purpose is ours (our metrics, procedures, revenue: `OURS` but
    guesses, which count only in the sentence they are in). `sentence_wise=False`: procedures
    too count only in their sentence (`SENTENCE_WISE`), as the families read them."""
    return our_purpose(words, lists, sentence_wise=sentence_wise) is not None


def our_purpose(words: ItemWords, lists: Lists, *, sentence_wise: bool = True) -> str | None:
    """The words of the lead that say the purpose is ours (`states_our_purpose`), or None."""
    skip = SENTENCE_WISE if not sentence_wise else ("assumed-evidence",)
    return next((said for name in OURS if name not in skip and (said := words.in_lead(lists, name))), None)


_CHANGE = Sieved(r"^(?:feat|fix|perf|revert)(?:\([^)]*\))?!?:|^(?:fixed|fixes|fix|resolves|closes)\b"
                     r"|\bthis (?:pr|pull request|merge request|commit)\b|\b(?:closes|fixes|resolves) #?\d+",
                     re.IGNORECASE)
CHANGE_TYPES = frozenset({"pull request", "pull_request", "pr", "merge request", "merge_request", "mr"})
REPORT_TYPES = frozenset({"issue", "bug", "defect", "incident", "problem"})
"""Types a tracker gives to reports, not changes: an issue titled "fix: scripts not selectable"
is someone asking for a fix, not a pull request describing one."""


def _guessed(sentence: str, lists: Lists, seen: dict[str, bool]) -> bool:
    """Whether `sentence` is a guess ("I guess", "probably") or a procedure of ours ("for the demo"),
    each sentence asked once per item."""
    if sentence not in seen:
        split = tokens(normalize(sentence))
        seen[sentence] = any(lists.matcher(name).search(split) for name in SENTENCE_WISE)
    return seen[sentence]


_PULL_REQUEST = Sieved(
    r"\bproposed changes\b|\bthis (?:fixes|resolves) (?:it|this|that)\b|\bmy code (?:is tested|follows)\b"
    r"|\b(?:completes|follows up on|follow-up to|supersedes|replaces) (?:pr |pull request )?#\d+"
    r"|[.!?:]\s+(?:this|it) (?:adds|marks|removes|introduces|implements|refactors|renames|bumps) (?:the |a |an |all |some )?\w",
    re.IGNORECASE)
"""What only a pull request's own description says, where the export gives no type: its
template's heading ("Proposed changes"), its checklist ("My code is tested"), the change it
completes ("Completes PR #149"; not "PR #13 fixes this issue", an issue pointing at its fix), "this fixes it", or a description opening on what the change
does ("This marks vera devices as unavailable …", "This adds …"; not "This makes the page
unusable", a report). Read in the title and the description's lead as written."""
_WORD_REST = re.compile(r"\w*")
"""The rest of the word a match of `_PULL_REQUEST` ends inside, for its quote."""
_PR_HINTS = ("proposed changes", "this fixes", "this resolves", "my code", "#", "this ", "it ")
"""Every text `_PULL_REQUEST` matches holds one of these."""

_CHANGE_HINTS = ("fix", "feat", "perf", "revert", "closes", "resolves", "this pr", "pull request", "merge request",
                 "commit")
"""Every text `_CHANGE` matches holds one of these: a text with none is decided without the pattern."""


_CHANGE_TITLE = re.compile(
    r"^(?:\[(?:fix|bugfix|hotfix|wip)\]|\[?wip\]?:?\s|:\w+:\s*(?:fixed|fixes|fix)\b"
    r"|(?:bug ?fix(?:es)?|hotfix)\b|(?:minor|small|some|several|various|more) (?:bug ?)?fix(?:es)?\b"
    r"|(?:release|releasing)\s+v?\d+(?:\.\d+)+|v?\d+(?:\.\d+){1,3}$)"
    r"|\bbug ?fix(?:es)?$",
    re.IGNORECASE)
"""Titles only a change has, where the export gives no type: a fix or work-in-progress tag
("[FIX] leave bug fixes", "WIP: Update branding colors", ":bug: Fix SVG attrs …"), "Bug fix for
picking lists", "Minor fixes …", and a release ("Release 1.0.4", "V1.4.7"). Not "[Feature] …",
which issues use as much as pull requests."""
_COMMITTED = re.compile(r"^(?:[\w/-]+: )?(?:just )?(?:removed|added|updated|refactored|implemented|changed|bumped|cleaned up)\b",
                        re.IGNORECASE)
"""A title in a commit's past tense ("Added proper Docker support", "backend/refactor: removed
the previous version"): a change, unless the title tells a failure ("Updated secret value
doesn't sync") or the lead is a person telling what they hit ("Added new PC to sync chain, now all
bookmarks gone. I added a new PC … the bookmark bar was empty")."""


_THIS_ISSUE = Sieved(r"\bthis (?:issue|bug|ticket)\b", re.IGNORECASE)
"""An issue speaking of itself ("PR #13 fixes this issue"), which the change's shape is not asked
about: in the first 600 characters of the development part's descriptions, 43 issues say it and
2 pull requests."""


def is_change(words: ItemWords, lists: Lists | None = None) -> bool:
    """True when the item describes a code change (a pull request or commit) rather than a report:
    by its type; where the export gives none, by a change's title or description (the patterns
    above), or by the change's shape (`change_probability`, a model of the development part's pull
    requests and issues) at `shape.CHANGE_AT` or more."""
    return change_reason(words, lists) is not None


def change_reason(words: ItemWords, lists: Lists | None = None) -> str | None:
    """What makes the item read as a change (`is_change`), in words `explain` can show: its type,
    the words of its title or description that only a change has, quoted, or the change's shape
    with its probability; None when it reads as no change."""
    kept = words._change
    if not kept or kept[0] is not lists:
        kept[:] = (lists, _change_reason(words, lists))
    return kept[1]


def _change_reason(words: ItemWords, lists: Lists | None) -> str | None:
    if words.kind in CHANGE_TYPES:
        return f"its type, {words.kind}"
    if words.kind in REPORT_TYPES:
        return None
    found = _CHANGE_TITLE.search(words.title)
    if found:
        return f"its title, \u201c{found.group(0).strip()}\u201d"
    if lists is not None and (found := _COMMITTED.search(words.title)) and not describes_failure(words.title, lists) \
            and not tells_experience(words.lead, lists):
        return f"its title, \u201c{found.group(0).strip()}\u201d"
    low = words.lead.lower()
    if any(hint in low for hint in _PR_HINTS):  # is_change asks this of every item: the slice only past the hint
        written = words.text[: len(words.title) + 2 + REPORT_LIMIT]
        if found := _PULL_REQUEST.search(written):
            said = found.group(0) + _WORD_REST.match(written, found.end()).group(0)  # "This adds a header", not "… a h"
            return f"its description, \u201c{said.lstrip('.!?: ').strip()}\u201d"
    if any(hint in low for hint in _CHANGE_HINTS):
        if found := _CHANGE.search(words.title):
            return f"its title, \u201c{found.group(0).strip()}\u201d"
        if found := _CHANGE.search(words.lead):
            return f"its description, \u201c{found.group(0).strip()}\u201d"
    if words.kind or lists is None or _THIS_ISSUE.search(words.lead):
        return None  # a type the tracker gave that is neither (a task, a story) is not a pull request
    probability = change_probability(words, lists)
    if probability is not None and probability >= shape.CHANGE_AT:
        return f"its words, which read like a pull request's: {probability:.2f} by the change's shape"
    return None


def tells_experience(text: str, lists: Lists) -> bool:
    """True when `text` is someone telling, in the first person, what they hit or need."""
    plain = ItemWords(title="", lead=text, text=text)
    return EXPERIENCE.find(plain, lists) is not None


def describes_failure(text: str, lists: Lists, *, worded: bool = False) -> str | None:
    """The words that make `text` (a title) tell a failure or a person's pain, if it does: an
    upgrade or migration that is the setting of a failure is not a chore, nor is a changelog that
    costs someone time ("For every update I currently have to look at the file history").
    `worded`: failure words ("error", "fails") count too — not in a title, where "Fix flaky CI
    test failing" is our own chore."""
    split = tokens(normalize(text))  # once, for every list below
    for name in (("failures",) if worded else ("blocked",)) + FAILURE_FAMILIES + ("pain",):
        said = lists.matcher(name).search(split)
        if said:
            return said
    return None


_UNCHECKED = re.compile(r"\[ \][^\[\n]*")
"""An unticked box of a template checklist ("[ ] This is not a report about my app not working"):
an option the writer did not choose, not something they say."""


def without_headings(text: str, lists: Lists) -> str:
    """`text` with issue-template headings and unticked checklist boxes taken out, so "Describe
    the bug" reads as no bug."""
    if "[ ]" in text:
        text = _UNCHECKED.sub(" ", text)
    low = text.lower()
    present = tuple(h for h in lists("template-headings") if h in low)
    if not present:
        return text
    if len(low) == len(text) and all(h.isascii() for h in present) and "\u0131" not in text and "\u017f" not in text:
        # Found in the lowered text by an expression that heeds case, and cut from the text as
        # written at the same places: ignoring case, Python's engine tries the expression at every
        # place (34 µs on 1,000 characters); heeding it, it skips to where a heading's first
        # letter stands. The same places: beyond "K" (Kelvin), which lowers to "k", only "ı", "ſ"
        # and "İ" (which lowers to two characters) match an ASCII letter ignoring case.
        pieces, at = [], 0
        for heading in _headings(present, 0).finditer(low):
            pieces += (text[at:heading.start()], " ")
            at = heading.end()
        return "".join(pieces) + text[at:] if pieces else text
    return _headings(present, re.IGNORECASE).sub(" ", text)


@lru_cache(maxsize=64)
def _headings(present: tuple[str, ...], flags: int) -> re.Pattern[str]:
    """The headings a text holds, as one expression (the longest first, so "steps to reproduce"
    goes whole before "to reproduce"): one pass over a long description, not one a heading."""
    return re.compile("|".join(re.escape(h) for h in sorted(present, key=len, reverse=True)), flags)
