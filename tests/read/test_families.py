"""Every signal family fires on its examples and stays quiet on its counter-examples, through
the whole reader and the audit as a user runs it, and on its own."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from breadline import words
from breadline.read import FAMILIES, ItemWords
from breadline.read.families import describes_failure, without_headings

TAGS = re.compile(r"\s*\[(?P<name>labels|author|reactions|reporter): (?P<value>[^\]]*)\]\s*$")


def item_words(example: str) -> ItemWords:
    """An example as `title || description [labels: a, b] [author: NONE] [reactions: 3]`."""
    tags: dict[str, str] = {}
    while found := TAGS.search(example):
        tags[found.group("name")] = found.group("value")
        example = example[: found.start()]
    labels = tuple(label.strip() for label in tags.get("labels", "").split(",") if label.strip())
    title, _, description = (part.strip() for part in example.partition(" || "))
    text = f"{title}. {description}" if description else title
    return ItemWords(title=title, lead=text, text=text, labels=labels, association=tags.get("author", ""),
                     reactions=int(tags.get("reactions", 0)), reporter=tags.get("reporter", ""))


CASES = [(family, example, True) for family in FAMILIES for example in family.fires] + [
    (family, example, False) for family in FAMILIES for example in family.quiet
]


@pytest.mark.parametrize(("family", "example", "fires"), CASES,
                         ids=[f"{f.name}-{'fires' if fires else 'quiet'}-{i}" for i, (f, _, fires) in enumerate(CASES)])
def test_family_examples(family, example, fires):
    clue = family.find(item_words(example), words.builtin)
    if fires:
        assert clue is not None, f"{family.name} stays quiet on {example!r}"
        assert clue.family == family.name
        quoted = clue.quote.split(": ")[-1].lower() if clue.family == "tracker" else clue.quote.lower()
        if clue.family == "report-shape":  # the words it weighed most, each as written: "i, after"
            said = quoted.split(", ")
            assert said and all(re.search(rf"\b{re.escape(word)}\b", example.lower()) for word in said), quoted
        else:
            assert quoted and quoted in example.lower(), "the quote is the item's own words"
        assert clue.certainty in {"stated", "likely", "hinted"}
    else:
        # Quiet: nothing read, or only a hint (which never traces an item on its own).
        assert clue is None or clue.certainty == "hinted", f"{family.name} fires on {example!r}: {clue}"


def test_every_family_is_documented_with_both_kinds_of_example():
    for family in FAMILIES:
        assert family.summary and len(family.fires) >= 2 and len(family.quiet) >= 2, family.name
        for name in family.lists:
            assert words.builtin(name), f"{family.name} reads an empty or missing list {name}"


def test_names_are_unique():
    assert len({f.name for f in FAMILIES}) == len(FAMILIES)


@pytest.mark.parametrize(("title", "failure"), [
    ("[Bug]: Signed out after upgrading to Mattermost 6.0.0", True),
    ("Upgrade from 5.34.2 to 5.35.1 - no more login possible from desktop", True),
    ("PRTG plugin broken after upgrade to 6.7.1", True),
    ("Upgrade Django to 5.1", False),
    ("Fix flaky CI test failing on main", False),
])
def test_an_upgrade_that_sets_a_failure(title, failure):
    assert bool(describes_failure(title, words.builtin)) is failure


def test_template_headings_name_no_failure():
    assert "bug" not in without_headings("Describe the bug: steps to reproduce", words.builtin).lower()


def audit_one(cli, tmp_path, item: dict):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", **item}]}), encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", path)
    return result


@pytest.mark.parametrize(("item", "superfluous"), [
    ({"title": "[Bug]: Signed out after upgrading to Mattermost 6.0.0",
      "description": "Update the Windows app; get signed out. Expected: not signed out."}, False),
    ({"title": "Had to roll back to 0.31 - dashboards stop populating"}, False),
    ({"title": "Investigate search performance for some large customers"}, False),
    ({"title": "No Booking Confirmations",
      "description": "I don't get any booking confirmations on my clients' accounts."}, False),
    ({"title": "Bulk label management from host screen", "labels": ["customer-rembrandt"]}, False),
    ({"title": "Bump eslint from 8.1 to 8.2", "labels": ["bug"]}, True),
    ({"title": "chore: add more details into invoice update error messages"}, True),
    ({"title": "Refactor the invoice module", "description": "Split it in two files."}, True),
    ({"title": "Restrict roles to certain books",
      "description": "I create documentation for non-profits. Volunteers need to see only some books."},
     False),
    ({"title": "Our company page", "description": "Our company history page is old; rewrite it."}, True),
    ({"title": "Adding selected candidates adds all candidates",
      "description": "Expected: selected CVs are added to the job. Steps: select two candidates, click Add."}, False),
    ({"title": "Test the integration", "description": "Steps to reproduce: test it. Expected behavior: works."}, True),
    # A procedure of ours in the title does not unsay a report in another sentence; in the
    # sentence read as the problem it does.
    ({"title": "Docusign feature parity",
      "description": "My organization evaluated the app, but we cannot use it. Every signer is notified at once, "
                     "which is legally impermissible for us."}, False),
    ({"title": "Signing order",
      "description": "My organization cannot use the app for the demo, since we need feature parity with Docusign."},
     True),
    # Someone the item says it was proposed by, and the need the lead states, are a person with a problem.
    ({"title": "The manual blocking of a user should block the renewals too",
      "description": "Currently it only blocks checkouts. Context: proposed by pilot libraries."}, False),
    ({"title": "Rename the renewal module", "description": "Proposed by the platform team."}, True),
    ({"title": "Every recruiter can see the applicants of all job ads",
      "description": "I registered a recruiter and invited a child recruiter; this person can see every job ad."}, False),
    ({"title": "Desktop notifications",
      "description": "When I open the status page in my browser, it could send desktop notifications."}, True),
    # A change tells its fix; what the failure cost a person is the report that prompted it.
    ({"title": "feat(conversations): file a feature request from a support ticket", "type": "pull request",
      "description": "A support agent who reads a feature ask in a ticket cannot record it: they find the account "
                     "by hand and retype the ticket link."}, False),
    ({"title": "Fixes incorrect attendee check-in status display", "type": "pull request",
      "description": "Fixes an issue where the attendee modal showed the wrong check-in status."}, True),
])
def test_the_audit_reads_real_item_shapes(cli, tmp_path, item, superfluous):
    import json

    result = audit_one(cli, tmp_path, item)
    assert result.exit_code in (0, 1), result.stderr
    row = json.loads(result.stdout)["items"][0]
    assert (row["verdict"] == "superfluous") is superfluous, row


def test_every_family_is_in_the_reading_guide():
    from tests.conftest import ROOT

    guide = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    for family in FAMILIES:
        assert f"`{family.name}`" in guide, f"docs/reading.md does not describe {family.name}"


@pytest.mark.parametrize(("title", "failure"), [
    ("Github Actions repo secrets wiped during integration", True),
    ("Custom events aren't being tracked (self-hosted, Docker)", True),
    ("Update digest.md", False),
])
def test_a_chore_word_over_a_failure(title, failure):
    assert bool(describes_failure(title, words.builtin)) is failure


def test_unticked_boxes_say_nothing():
    text = "Please complete the checklist: [ ] This isn't a feature request [ ] This is not a report about my app not working"
    plain = without_headings(text, words.builtin).lower()
    assert "not working" not in plain and "please complete the checklist" in plain


def test_an_issue_titled_like_a_commit_is_a_report():
    from breadline.read.families import is_change

    title = "fix: Workspace preprocessor scripts not selectable in flows"
    issue = ItemWords(title=title, lead=title, text=title, kind="issue")
    change = ItemWords(title=title, lead=title, text=title, kind="pull request")
    untyped = ItemWords(title=title, lead=title, text=title)
    assert not is_change(issue, words.builtin)
    assert is_change(change, words.builtin) and is_change(untyped, words.builtin)


@pytest.mark.parametrize(("item", "superfluous"), [
    # The symptom in the third sentence, after the setting.
    ({"title": "Attendees check-in status not checked in", "type": "issue",
      "description": "I created an event to test. I sold 14 tickets. I scanned half of them, but the status is "
                     "still showing no."}, False),
    # An issue whose title reads like a commit is still someone's report.
    ({"title": "fix: Workspace preprocessor scripts not selectable in flows", "type": "issue",
      "description": "I love the product. The issue is, no workspace scripts are selectable, ever."}, False),
    # A question asking for a feature, with nothing going wrong.
    ({"title": "Feature Request: Group by Date", "type": "issue",
      "description": "I love your app. I have a small request: could we add a Group by Date option?"}, True),
    # A failure word in a benefit.
    ({"title": "feat: Please add an option for legal pause deduction", "type": "issue",
      "description": "It is helpful in several ways: it reduces manual calculation errors."}, True),
    # A failure word as what a feature tracks or reports (`failure-subjects`), not a failure someone hit.
    ({"title": "Improve tracking of sync failures to be more granular", "type": "issue"}, True),
    ({"title": "Send the connector name as a tag when reporting sync failures", "type": "issue"}, True),
    ({"title": "Bug tracking and reporting system", "type": "issue",
      "description": "Implement a bug tracking tool for logging issues during development."}, True),
    # ... but the tracking feature failing, or an export reporting a wrong number, is a failure.
    ({"title": "Workout tracking crashes", "type": "issue",
      "description": "The app crashes every time I open my workout history."}, False),
    ({"title": "Export reporting wrong durations", "type": "issue",
      "description": "In Export Preview my entries show a wrong duration, each is shown as 1 h."}, False),
    ({"title": "Bug report: sync fails with an error for large mailboxes", "type": "issue"}, False),
    # Our own purpose: a failure word in it is no one's report.
    ({"title": "Activation funnel telemetry", "type": "issue",
      "description": "With the trial gone, conversion = activation, and we currently can't see where people drop off."},
     True),
    # "A customer wants …": the customer the item names, not "a customer" nobody.
    ({"title": "Single Sign On with SAML", "type": "issue",
      "description": "A customer wants to replace email accounts with their SAML logins."}, False),
    # A template's unticked boxes.
    ({"title": "Proton", "type": "issue",
      "description": "Please complete the checklist: [ ] This isn't a feature request [ ] This is not a report "
                     "about my app not working"}, True),
])
def test_the_audit_reads_these_shapes_too(cli, tmp_path, item, superfluous):
    import json

    result = audit_one(cli, tmp_path, item)
    assert result.exit_code in (0, 1), result.stderr
    row = json.loads(result.stdout)["items"][0]
    assert (row["verdict"] == "superfluous") is superfluous, row


def test_a_jira_reporter_outside_the_team_is_someone_the_work_is_for(cli, tmp_path):
    """A reporter assigned none of the backlog's items reports from outside the team (a customer,
    support): with a need told, the item is someone's request; the same words from one of the
    team who does the work are only a hint."""
    import json

    def reading(reporter: str) -> dict:
        items = [
            {"id": "J-1", "title": "Export all invoices at month end",
             "description": "Need to export every invoice of the month in one go for the tax filing.",
             "assignee": "Sam Lee", "reporter": reporter},
            {"id": "J-2", "title": "Tidy the settings page", "assignee": "Ana Ortiz", "reporter": "Sam Lee"},
        ]
        path = tmp_path / "backlog.yaml"
        path.write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
        result = cli("audit", "--all", "-f", "json", path)
        assert result.exit_code in (0, 1), result.stderr
        return json.loads(result.stdout)["items"][0]

    outside, inside = reading("Dana Ruiz"), reading("Ana Ortiz")
    signals = {link["name"]: link.get("signal") for link in outside["links"]}
    assert signals["who"] == "tracker", outside["links"]
    assert outside["score"] > inside["score"]


def test_an_author_outside_the_team_counts_as_its_reporter(cli, tmp_path):
    """GitLab, Azure DevOps and Trello exports keep who filed an item as `author`: it reads as
    the reporter does, except where GitHub's `author_association` says who the author is."""
    import json

    def reading(**who: str) -> dict:
        items = [
            {"id": "7", "title": "Export all invoices at month end",
             "description": "Need to export every invoice of the month in one go for the tax filing.",
             "assignee": "Sam Lee", **who},
            {"id": "8", "title": "Tidy the settings page", "assignee": "Ana Ortiz", "author": "Sam Lee"},
        ]
        path = tmp_path / "backlog.yaml"
        path.write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
        result = cli("audit", "--all", "-f", "json", path)
        assert result.exit_code in (0, 1), result.stderr
        return json.loads(result.stdout)["items"][0]

    outside = reading(author="Dana Ruiz")
    assert {link["name"]: link.get("signal") for link in outside["links"]}["who"] == "tracker"
    assert any("reporter: Dana Ruiz" in (link.get("quote") or "") for link in outside["links"]), outside["links"]
    assert outside["score"] > reading(author="Ana Ortiz")["score"]
    member = reading(author="Dana Ruiz", author_association="MEMBER")
    assert member["score"] < outside["score"]  # GitHub says she is one of us


@pytest.mark.parametrize(("item", "signal", "words_"), [
    ({"title": "Restrict roles to certain books",
      "description": "I create documentation for non-profits. Volunteers need to see only some books."},
     "self-description", "I create"),
    ({"title": "Checkout email", "description": "Expected Behavior: a confirming email is sent to the user."},
     "expectations", "Expected Behavior: a confirming"),
    ({"title": "Block renewals too", "description": "Currently it only blocks checkouts. Proposed by pilot libraries."},
     "requests", "Proposed by pilot libraries"),
])
def test_explain_names_the_signal_its_strength_and_words(cli, tmp_path, item, signal, words_):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [{"id": "R-1", **item}]}), encoding="utf-8")
    out = " ".join(cli("explain", "R-1", path).stdout.split())
    assert f"likely, {signal}: “{words_}" in out, out


CHANGE_TITLES = [
    ("[FIX]leave bug fixes", True),
    ("WIP: Update branding colors", True),
    (":bug: Fix SVG attrs are not handled correctly when exporting", True),
    ("Bug fix for picking lists", True),
    ("cover crop or harvest radio required before clicking continue bug fix", True),
    ("Minor fixes (and fix a long standing bug) for the send invoices feature", True),
    ("Release 1.0.4", True),
    ("V1.4.7", True),
    ("Added proper Docker support", True),
    ("backend/refactor: removed previous version of ticket booking service", True),
    ("[Feature] export invoices as csv", False),
    ("Updated secret value doesn't sync to Supabase", False),
    ("Added new PC to sync chain, now all bookmarks gone || I added a new PC to my sync chain and the bookmark bar was empty.", False),
    ("Bug report: the export page is blank", False),
    ("Version 2.1 shows the wrong totals", False),
    ("Release notes are missing from the download page", False),
    # What only a pull request's own description says, where the export gives no type.
    ("Regression: omnichannel/agent/extension || Proposed changes: none. Issue(s): none.", True),
    ("Reload notifications || Rationale: interactions are not being reflected, this fixes it.", True),
    ("Attendee search not working || Ticket: 1171. Checklist: My code is tested.", True),
    ("Implement password reset || Completes PR #149, issue #147.", True),
    ("Add unavailable to Vera || This marks vera devices as unavailable if comms has failed.", True),
    ("Positions are swapped || The signature appears in the bottom right. PR #13 fixes this issue.", False),
    ("Export page || This makes the export page unusable for our accountants.", False),
]


@pytest.mark.parametrize(("example", "change"), CHANGE_TITLES)
def test_a_title_only_a_change_has_reads_as_one_without_a_type(example, change):
    """Where the export gives no type (most give title, description and labels only), a fix tag, a
    release or a commit's past tense says the item is a change; its readings are hints."""
    from breadline.read.families import is_change

    assert is_change(item_words(example), words.builtin) is change
    typed = item_words(example)
    object.__setattr__(typed, "kind", "issue")  # a tracker that says it is an issue is believed
    assert is_change(typed, words.builtin) is False


def test_an_untyped_bug_fix_pull_request_is_superfluous(cli, tmp_path):
    row = json.loads(audit_one(cli, tmp_path, {"id": "A", "title": "Bug fix for picking lists",
                                               "description": "The picking list crashed when the order had no lines."}).stdout)["items"][0]
    assert row["verdict"] == "superfluous", row


def test_headings_are_cut_where_ignoring_case_they_stand():
    """`without_headings` finds the headings in the lowered text, heeding case, and cuts them from
    the text as written: the same text as cutting them ignoring case, on every real item, in
    upper case, and where "İ", "ı", "ſ" or "K" (Kelvin) stand for letters of a heading."""
    import glob

    from breadline.read.families import _headings

    texts = []
    for path in sorted(glob.glob("tests/data/real/*.yaml")):
        for item in yaml.safe_load(open(path, encoding="utf-8"))["items"]:
            text = f"{item.get('title') or ''}\n{item.get('description') or ''}"
            texts += [text, text.upper()]
    texts += ["### Steps To Reproduce\nExpected Behav\u0131or: Deſcribe the bug. BUG REPORT \u212a", "Expected behavior:"
              " \u0130 Describe The Bug"]
    headings = words.builtin("template-headings")
    cut = 0
    for text in (text for text in texts if "[ ]" not in text):  # no checklist: the headings alone
        present = tuple(h for h in headings if h in text.lower())
        expected = _headings(present, re.IGNORECASE).sub(" ", text) if present else text
        assert without_headings(text, words.builtin) == expected, text[:80]
        cut += expected != text
    assert cut > 400  # the headings do stand in many real items
