"""The failure lists read the grammar of a defect statement, not enumerated phrasings: each
shape fires on phrasings the lists never spell out, and stays quiet on a rule, an imperative, a
benefit, a question or a wish. Checked on each list, through its signal family, and through the
whole audit as a user runs it."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from breadline import words
from breadline.match import compile_phrases
from breadline.read import FAMILIES

from tests.read.test_families import item_words

SHAPES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # list: (items on which the list must fire, items on which it must stay quiet)
    "failures": (
        (
            "Stripe unable process a paid invoice due to a missing customer details",  # unable, no "to"
            "The CSV import won't import rows with accents",
            "Reminder || The reminder never gets sent to the client.",
            "The calendar no longer shows recurring events",
            "Invoice still unpaid || The module doesn't mark invoices as paid after the webhook confirms them.",
            "Passkey || The quickstart does not allow the Create a passkey button to be pressed.",
            "Settings > Invoice Not Functional",
            "Crates || I set up the store for my players, however nothing really works.",
            "Label printer || The label doesn't print on the Zebra printer.",
            "Signature Position Issue",
            "Rounding issue",
            "Timezone mismatch",
            "Not listing all properties",
            "Reference estates || It was specified that the box is checked. However, this is not the case.",
            "Import || I am not able to import all the properties.",
            "Order || The confirmation mail was sent, however, the state is Awaiting payment.",
            "Tables || The system accepts reservations even though there are no available tables.",
            "Add to job || Expected: selected CVs are added to the job. All candidates are added.",
            "Signature moves || The signature is moved left of the cursor. This doesn't occur on the left side.",
            "Meeting room cann't be booked even if it is marked as available",
            "pydio Cant share file (create public link)",
            "Installation faild on yunohost",
            "Multiple panics while starting up, on gateway uplinks",
            "Centralized account management portal offline",
            "Portal || The account management portal is offline.",
            "callback pending run twice",
            "Gateway loses network connection and needs a power cycle to recover",
            "Getting 403 on deploy for the ingress controller",
            "Traefik 3.0 no middleware found in the cluster",
            "PlainHost | Hosting panel is down",
            "Status || The billing API went down twice last night.",
            "Widget || Hi, there's something weird with this package: the counter resets.",
            "Strange behaviour after login on the booking page",
            "Incompatible with HPOS feature",
            "Module version 2.5.4 and 2.5.5 are incompatible with DNS Manager",
            "Upload || I gave write access to the storage folder, but that didn't help.",
            "Sync warnings || Got this in mass today, tried to turn the sync off but it did not help.",
        ),
        (
            "Feature: offline-tolerant POS",
            "Question on offline licensing",
            "Add a panic button to the kiosk",
            "Allow the cleanup job to run twice a day",
            "Return 403 for unknown tenants",
            "Don't run CI on docs",
            "Bookings || Do not allow guests to book the same slot twice.",
            "Read state || Mark a message as read once it is opened, not before.",
            "Do not bump eslint",
            "Login || A login should not be required for the public page.",
            "Is SAML supported on the cloud plan?",
            "Add missing translations",
            "Kanban view || The board doesn't have swimlanes yet.",
            "Export || It does not provide an export to Excel.",
            "Positions || PR #13 fixes this issue.",
            "Add an issue template for feature requests",
            "Onboarding || Although I'm quite a new user, I can see how useful linked tickets would be.",
            "Scroll down to the pricing table on the landing page",
            "Add a drop-down for the invoice currency",
            "Tone down the colours of the dashboard",
            "Make the plugin compatible with HPOS",
            "Checkout || The current message doesn't help much when analysing payments.",
        ),
    ),
    "never-arrives": (
        (
            "Invoice PDF is not generated for credit notes",
            "Custom Events and Outbound Links aren't being tracked (Self-hosted, Docker)",
            "Reset mail || The reset e-mail never got delivered.",
            "Checkin/Checkout - No confirming email sent to user",
            "Webhooks || Webhooks were not triggered after a payment.",
        ),
        (
            "The favicon colour is not related to the store colour combination.",
            "Login || A login should not be required for the public page.",
            "Privacy || Usage data will not be sent to third parties.",
            "Send a weekly digest email",
            "Add a loading state to the table",
        ),
    ),
    "data-gone": (
        (
            "Some Kanban panels are lost during drag-and-drop",
            "Top right and bottom right positions are swapped",
            "Misplaced signature",
            "overlapping reservation orders",
            "Don't know how, but lost a file.",
            "Invoice total || The invoice total is wrong when a discount applies.",
            "Newsletter || Our newsletter gets marked as spam by Gmail.",
            "Deploy to dokku is successfull but github action is marked as failed.",
            "Duplicated orders after checkout",
            "Pricing || The pricing is wrong for yearly plans.",
            "Exports || All exports were duplicated overnight.",
            "Previous-year revenue numbers are all zero",
            "Revenue report || Daily revenue is showing as $0 for all of 2016.",
            "Counting visit through analytics-l4 always zero",
        ),
        (
            "Autosave drafts || Save the draft every minute so that nothing is lost.",
            "Prevent missing invoices at month end",
            "Reduce duplicated work for the accountants",
            "Add missing translations",
            "Missing native pdf for inventory",
            "Stocktake || Stock may be incorrect if variants are counted twice.",
            "Allow invoices to be marked as paid",
            "Checks || Nothing went wrong, but we want a nightly check.",
            "Free tier || The starter plan costs $0 a month.",
            "Reset all zero-width spaces in the editor",
            "Always zero-pad the invoice number",
        ),
    ),
    "regressions": (
        (
            "Exports || The export worked fine in 4.1 and is empty now.",
            "Totals || The report used to show the totals per client.",
            "Sync || The calendar sync was working until yesterday.",
            "Reminders || No reminder is sent since the last update.",
        ),
        (
            "Upgrade Django to 5.1",
            "Add a dark mode toggle to the settings page",
            "Release notes || We used to publish them on Fridays.",
        ),
    ),
    "slowness": (
        (
            "While opening the board with many cards, it takes more time to load the page",
            "Board || A large board takes a long time to open.",
        ),
        (
            "Add a time-tracking report",
            "Save time on invoicing with templates",
        ),
    ),
}

CASES = [(name, example, fires) for name, (fire, quiet) in SHAPES.items()
         for examples, fires in ((fire, True), (quiet, False)) for example in examples]
IDS = [f"{name}-{'fires' if fires else 'quiet'}-{i}" for i, (name, _, fires) in enumerate(CASES)]
FAMILY = {family.name: family for family in FAMILIES}


def lead_of(example: str) -> str:
    title, _, description = (part.strip() for part in example.partition(" || "))
    return f"{title}. {description}" if description else title


@pytest.mark.parametrize(("name", "example", "fires"), CASES, ids=IDS)
def test_each_list_reads_the_shape(name, example, fires):
    said = words.builtin and compile_phrases(words.builtin(name)).search(lead_of(example))
    if fires:
        assert said, f"{name} does not read {example!r}"
        assert said.lower() in lead_of(example).lower(), "the quote is the item's own words"
    else:
        assert not said, f"{name} reads {said!r} in {example!r}"


@pytest.mark.parametrize(("name", "example", "fires"), [case for case in CASES if case[0] in FAMILY],
                         ids=[i for i, case in zip(IDS, CASES) if case[0] in FAMILY])
def test_each_family_reads_the_shape(name, example, fires):
    clue = FAMILY[name].find(item_words(example), words.builtin)
    if fires:
        assert clue is not None and clue.family == name and clue.certainty == "likely", (example, clue)
    else:
        assert clue is None or clue.certainty == "hinted", f"{name} fires on {example!r}: {clue}"


def _item(example: str) -> dict:
    title, _, description = (part.strip() for part in example.partition(" || "))
    return {"title": title, **({"description": description} if description else {})}


AUDITED = [
    # A report read by its grammar is a traced item (a failure someone hit) ...
    *[(example, False) for name, (fire, _) in SHAPES.items() for example in fire],
    # ... and what only looks like one stays superfluous: a rule, an imperative, a benefit,
    # a question, a wish, a change.
    ("Don't run CI on docs", True),
    ("Do not bump eslint", True),
    ("Login || A login should not be required for the public page.", True),
    ("Is SAML supported on the cloud plan?", True),
    ("Add missing translations", True),
    ("Prevent missing invoices at month end", True),
    ("Reduce duplicated work in the monthly close", True),
    ("Autosave drafts || Save the draft every minute so that nothing is lost.", True),
    ("Upgrade Django to 5.1", True),
    ("The favicon colour is not related to the store colour combination.", True),
]


@pytest.mark.parametrize(("example", "superfluous"), AUDITED, ids=[f"audit-{i}" for i in range(len(AUDITED))])
def test_the_audit_reads_the_grammar(cli, tmp_path, example, superfluous):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", **_item(example)}]}), encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", path)
    assert result.exit_code in (0, 1), result.stderr
    row = json.loads(result.stdout)["items"][0]
    assert (row["verdict"] == "superfluous") is superfluous, (example, row["verdict"], row["score"])


def test_each_shape_is_commented():
    """Every `re:` line of the failure lists sits under a comment saying what shape it reads."""
    from tests.conftest import ROOT

    for name in SHAPES:
        lines = (ROOT / "src" / "breadline" / "words" / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.startswith("re:"):
                above = next(lines[k] for k in range(i - 1, -1, -1) if not lines[k].startswith("re:"))
                assert above.startswith("#") or not re.search(r"[(|]", line), f"{name}.txt line {i + 1} has no comment"


def test_shipped_shapes_name_no_upper_case_escape():
    """Shipped lists are read lower-cased: a `\\W` or `\\S` would silently turn into `\\w`, `\\s`."""
    for name in SHAPES:
        for line in words.shipped(name):
            if line.startswith("re:"):
                assert words.shipped(name) and line == line.lower()
    from tests.conftest import ROOT

    for name in SHAPES:
        text = (ROOT / "src" / "breadline" / "words" / f"{name}.txt").read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.startswith("re:"):
                assert not re.search(r"\\[WSDB]", line), f"{name}.txt: {line}"
