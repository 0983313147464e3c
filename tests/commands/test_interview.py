"""`breadline.interview`: which items are asked about, which questions, and what replies mean."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from breadline.errors import InputError, UsageError
from breadline.interview import (
    DATE_QUESTION,
    Interview,
    ReplyError,
    parse_date,
    parse_reply,
    parse_rule,
    plan,
    queue,
    read_answers,
    waiver_question,
)
from breadline.load import load, load_text
from breadline.model import Settings
from tests.commands.conftest import ASK
from tests.conftest import TODAY

from breadline.audit import audit


@pytest.fixture(scope="module")
def sprint():
    backlog = load(str(ASK / "backlog.yaml"))
    return backlog, audit(backlog, Settings(today=TODAY))


def standing(text: str):
    backlog = load_text(textwrap.dedent(text), "backlog.yaml")
    return backlog, audit(backlog, Settings(today=TODAY))


def questions(backlog, result, item_id):
    from breadline import words

    return plan(result.find(item_id), result, backlog, words.builtin)


def test_the_walk_is_weakest_first_and_leaves_out_what_is_on_the_line(sprint):
    backlog, result = sprint
    assert [r.item.id for r in queue(result, backlog)] == ["OPS-12", "UI-3", "GRW-31", "REM-9"]
    assert [r.item.id for r in queue(result, backlog, every=True)][-2:] == ["PAY-101", "PLAT-7"]  # ties: file order
    assert [r.item.id for r in queue(result, backlog, only=["rem-9", "PAY-101", "REM-9"])] == ["REM-9", "PAY-101"]


def test_an_unknown_id_in_only_is_a_usage_error(sprint):
    backlog, result = sprint
    with pytest.raises(UsageError, match=r"no item with id 'UI-33' in .*backlog.yaml \(did you mean 'UI-3'\?\)"):
        queue(result, backlog, only=["UI-33"])


def test_dropped_items_are_not_asked_about_again():
    backlog, result = standing("""\
        - id: A
          title: Dark mode
          status: Dropped
        - id: B
          title: Light mode
    """)
    assert [r.item.id for r in queue(result, backlog)] == ["B"]
    assert [r.item.id for r in queue(result, backlog, every=True)] == ["A", "B"]


def test_only_the_missing_links_are_asked(sprint):
    backlog, result = sprint
    assert [q.field for q in questions(backlog, result, "REM-9")] == ["next"]  # undated evidence is a detail
    assert [q.field for q in questions(backlog, result, "GRW-31")] == ["problem", "evidence", "next"]
    assert questions(backlog, result, "PAY-101") == ()
    assert questions(backlog, result, "PLAT-7") == ()  # its line runs through PAY-101


def test_a_chore_is_first_asked_which_item_it_serves(sprint):
    backlog, result = sprint
    serves, customer, *rest = questions(backlog, result, "OPS-12")
    assert (serves.field, serves.prompt) == ("serves", "Which item does this work serve?")
    assert [c.value for c in serves.choices] == ["PAY-101", "REM-9", "PLAT-7"]  # own line first, then enablers
    assert "OPS-12" not in serves.completions
    assert customer.field == "customer" and customer.prompt.startswith("Or, if it helps a customer directly")
    assert [q.field for q in rest] == ["problem", "evidence", "next"]


def test_a_thin_who_is_asked_with_what_the_item_says_now(sprint):
    backlog, result = sprint
    who, serves, *_ = questions(backlog, result, "UI-3")
    assert who.field == "customer" and serves.field == "serves"
    assert who.current == "read from the text: “Leadership wants”"
    assert "names nobody in particular" in who.why
    assert [(c.value, c.label) for c in who.choices] == [
        ("acme", "Acme Logistics · business plan"),
        ("harbor", "Harbor Clinics · team plan"),
        ("globex", "Globex Retail · trial plan · does not pay"),
    ]


def test_a_wallet_motive_asks_for_their_problem():
    backlog, result = standing("""\
        customers: {acme: {plan: business, mrr: 10}}
        items:
          - id: A
            title: Upsell nudges to raise ARPU
            customer: acme
            problem: raise ARPU with upsell nudges
            evidence: [{source: ZD-1, date: 2026-11-01}]
            next: more revenue
    """)
    assert "problem" in [q.field for q in questions(backlog, result, "A")]


def test_who_and_serves_are_two_ways_to_the_same_link(sprint):
    backlog, result = sprint
    interview = Interview(result.find("UI-3"), result, backlog)
    who = interview.next()
    interview.answer(who, ("acme",))
    following = interview.next()
    assert following.field == "problem"  # serves is not asked once someone pays
    assert following.prompt == "What is Acme Logistics trying to get done, and what gets in the way?"

    interview = Interview(result.find("OPS-12"), result, backlog)
    serves = interview.next()
    interview.answer(serves, ("PAY-101",))
    assert interview.next() is None  # its line runs through PAY-101: nothing more to ask
    assert interview.answers.values() == {"serves": ["PAY-101"]}


def test_evidence_and_its_date_become_one_answer(sprint):
    backlog, result = sprint
    interview = Interview(result.find("GRW-31"), result, backlog)
    interview.answer(interview.next(), None)  # problem skipped
    evidence = interview.next()
    assert evidence.prompt == "How do we know Harbor Clinics has this problem?"
    interview.answer(evidence, "ZD-77")
    assert interview.next() is DATE_QUESTION
    interview.answer(DATE_QUESTION, dt.date(2026, 11, 1))
    assert interview.answers.evidence == ({"source": "ZD-77", "date": dt.date(2026, 11, 1)},)
    interview.answer(interview.next(), None)  # next skipped
    assert interview.next() is None
    assert interview.answers.given() == ("evidence",)

    undated = Interview(result.find("GRW-31"), result, backlog)
    undated.answer(undated.next(), None)
    undated.answer(undated.next(), "ZD-78")
    undated.answer(undated.next(), None)
    assert undated.answers.values() == {"evidence": "ZD-78"}


@pytest.mark.parametrize(("reply", "expected"), [
    ("1", ("acme",)),
    ("2, 1", ("harbor", "acme")),
    ("Acme Logistics", ("acme",)),
    ("ACME", ("acme",)),
    ("finance admins at Acme, Business plan", ("finance admins at Acme, Business plan",)),
])
def test_who_replies(sprint, reply, expected):
    backlog, result = sprint
    who = questions(backlog, result, "UI-3")[0]
    assert parse_reply(who, reply, backlog, result.find("UI-3").item) == expected


@pytest.mark.parametrize(("field", "reply", "message"), [
    ("customer", "4", "there is no choice 4: pick 1–3, or type an answer"),
    ("customer", "x", "'x' is too short to be an answer; Enter skips the question"),
    ("serves", "PAY-11", "no item with id 'PAY-11' in "),
    ("serves", "OPS-12", "OPS-12 cannot serve itself"),
    ("serves", "12", "there is no choice 12: pick 1–3"),
    ("problem", "s", "too short"),
])
def test_bad_replies_say_what_would_do(sprint, field, reply, message):
    backlog, result = sprint
    item_id = "OPS-12"
    question = next(q for q in questions(backlog, result, item_id) if q.field == field)
    with pytest.raises(ReplyError, match=message.replace("(", r"\(")):
        parse_reply(question, reply, backlog, result.find(item_id).item)


def test_serves_replies_take_numbers_and_ids(sprint):
    backlog, result = sprint
    serves = questions(backlog, result, "OPS-12")[0]
    item = result.find("OPS-12").item
    assert parse_reply(serves, "1", backlog, item) == ("PAY-101",)
    assert parse_reply(serves, "pay-101 REM-9, 1", backlog, item) == ("PAY-101", "REM-9")


def test_dates():
    today = dt.date(2026, 11, 23)
    assert parse_date("today", today) == today
    assert parse_date("yesterday", today) == dt.date(2026, 11, 22)
    assert parse_date("2026-10-02", today) == dt.date(2026, 10, 2)
    assert parse_date("", today) is None
    with pytest.raises(ReplyError, match="'02/10/2026' is not a date: write it like 2026-11-23, or `today`"):
        parse_date("02/10/2026", today)
    with pytest.raises(ReplyError, match="2026-12-01 is in the future"):
        parse_date("2026-12-01", today)


def test_waivers_offer_the_items_own_findings(sprint):
    backlog, result = sprint
    question = waiver_question(result.find("UI-3"))
    assert [c.value for c in question.choices] == ["BL106", "BL201", "BL202", "BL301", "BL401", "BL501"]
    assert parse_rule(question, "6") == "BL501"
    assert parse_rule(question, "bl604") == "BL604"  # any rule may be waived
    with pytest.raises(ReplyError, match=r"there is no rule 'BL5011' \(did you mean BL501\?\)"):
        parse_rule(question, "BL5011")


def test_an_answers_file_reads_in_file_order(sprint):
    backlog, _ = sprint
    entries = read_answers(str(ASK / "answers.yaml"), backlog)
    assert [item.id for item, _ in entries] == ["OPS-12", "UI-3", "GRW-31", "REM-9"]
    ui3 = entries[1][1]
    assert ui3.customer == ("acme", "harbor")
    assert ui3.evidence == ({"source": "ZD-5301 and ZD-5318", "date": dt.date(2026, 11, 2)},)
    assert ui3.waive == {"BL501": "the demo is Acme's renewal meeting"}
    assert ui3.given() == ("customer", "problem", "evidence", "next", "waive")
    json_entries = read_answers(str(ASK / "answers.json"), backlog)
    assert [(item.id, answers) for item, answers in json_entries] == [(item.id, answers) for item, answers in entries]


def test_answers_file_errors_carry_the_file_and_line(sprint, tmp_path):
    backlog, _ = sprint
    path = tmp_path / "answers.yaml"
    path.write_text("REM-9: {next: fine}\nGRW-31: {problem: [x]}\n")
    with pytest.raises(InputError) as caught:
        read_answers(str(path), backlog)
    assert caught.value.location_message() == f"{path}:2: GRW-31: `problem` must be text, not a list"
