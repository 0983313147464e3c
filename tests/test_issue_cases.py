"""The planning-room cases of issue 15, as the issue tells them (a physiotherapy-booking product,
paying clinics in the registry): each gets the verdict a careful product manager would give, with
a message that names the claim."""

from __future__ import annotations

import pytest

from breadline.formats import View, explain
from breadline.formats.table import missing_cell
from tests.conftest import run_audit

REGISTRY = """\
customers:
  northgate: {name: Northgate Physio, plan: clinic, mrr: 240}
  free-plan: {name: Free-plan therapists, plan: free}
items:
"""


def row(item: str):
    result = run_audit(REGISTRY + item)
    return result.items[0]


def codes(r) -> set[str]:
    return {f.code for f in r.findings if f.waived is None}


DEMO = """\
  - id: D-1
    title: Polish the onboarding screens for the investor demo
    description: The CEO wants the first-run flow to look slick for the Series A demo
"""


def test_the_demo_item_stays_off_the_line_once_its_fields_are_filled_with_the_boss():
    before = row(DEMO)
    assert before.verdict.value == "superfluous" and "BL501" in codes(before)
    after = row(DEMO + "    customer: northgate\n    problem: The first-run flow looks dated\n    evidence: CEO\n"
                       "    next: The Series A demo goes smoothly\n")
    assert after.verdict.value == "superfluous"
    assert {"BL501", "BL202", "BL305", "BL402"} <= codes(after)
    procedure = next(f for f in after.findings if f.code == "BL501")
    assert "investor" in procedure.quote and "pass it through the line" in procedure.message


def test_leadership_and_the_okr_are_not_a_customers_problem():
    r = row("  - id: O-1\n    title: Utilisation dashboard\n    customer: northgate\n"
            "    problem: Leadership wants visibility on the OKR\n    evidence: [{source: ZD-1, date: 2026-11-01}]\n"
            "    next: We hit the OKR\n")
    assert r.verdict.value == "superfluous" and {"BL501", "BL402"} <= codes(r)


def test_cancellation_friction_is_the_customer_as_a_wallet_even_with_a_problem():
    r = row("  - id: C-1\n    title: Make it harder to cancel the subscription\n    customer: northgate\n"
            "    problem: Too many clinics cancel in month two\n    evidence: [{source: ZD-1, date: 2026-11-01}]\n"
            "    next: fewer cancellations\n")
    assert r.verdict.value == "superfluous" and "BL502" in codes(r)


def test_converting_free_users_is_their_money_and_waiving_bl103_is_not_the_advice():
    r = row("  - id: U-1\n    title: Upgrade banner for free-plan therapists\n    customer: free-plan\n"
            "    problem: Free users get a lot of value and never pay; we need to convert them\n")
    assert r.verdict.value == "superfluous" and {"BL502", "BL202"} <= codes(r)
    assert "BL103" not in (r.best_fix or "") and "problem" in r.best_fix
    assert next(link for link in r.links if link.name == "problem").points < 25


def test_the_solution_restated_as_its_own_absence_draws_no_problem():
    r = row("  - id: G-1\n    title: Google Calendar sync\n    customer: northgate\n"
            "    problem: There is no Google Calendar sync.\n")
    assert "BL203" in codes(r)
    assert next(link for link in r.links if link.name == "problem").points < 25


def test_we_think_is_not_evidence():
    r = row("  - id: E-1\n    title: Group classes\n    customer: northgate\n"
            "    problem: Northgate's coordinators book classes in a spreadsheet and double-book the last seat\n"
            "    evidence: We think most clinics would love group classes.\n    next: coordinators stop reconciling\n")
    assert "BL304" in codes(r) and r.score < 82 and r.verdict.value == "weak"
    assert next(link for link in r.links if link.name == "evidence").points == 0


def test_a_waiver_agreed_with_the_cto_saves_nothing_and_explain_says_why():
    result = run_audit(REGISTRY + "  - id: W-1\n    title: SMS reminders\n    problem: patients forget appointments\n"
                                  "    waive: {BL101: \"agreed with the CTO\"}\n")
    r = result.items[0]
    assert r.verdict.value == "superfluous" and {"BL101", "BL904"} <= codes(r)
    text = explain.render(result, r, View(width=200))
    assert "BL904 waiver-for-us" in text and "waives nothing" in text


def test_a_vague_word_in_customer_is_bl106_not_bl102():
    r = row("  - id: V-1\n    title: Online payment\n    customer: clinics\n")
    assert "BL106" in codes(r) and "BL102" not in codes(r)


# -- the verdict tells the truth at a glance -------------------------------------------------


@pytest.mark.parametrize(("item", "named"), [
    ("  - id: T-1\n    title: Export\n    custmer: northgate\n    problem: p\n", "BL901 misspelled-field ‘custmer’"),
    ("  - id: T-1\n    title: Migrate the queue\n    serves: PAY-404\n", "BL601 unknown-served-item ‘PAY-404’"),
    ("  - id: T-1\n    title: Bump lodash to 4.17.21\n", "BL604"),
    ("  - id: T-1\n    title: Animated charts for the investor demo\n", "BL501 procedure-motive"),
])
def test_the_tables_last_column_names_the_finding_that_decided(item, named):
    assert missing_cell(row(item)).startswith(named)


def test_explain_never_says_nothing_to_raise_while_points_are_lost():
    result = run_audit(REGISTRY + "  - id: X-1\n    title: Faster invoice search\n    customer: northgate\n"
                                  "    problem: Northgate's clerks wait a minute for every search\n"
                                  "    evidence: ZD-44 from Northgate\n    next: clerks find an invoice at once\n")
    r = result.items[0]
    assert r.score < 100
    text = explain.render(result, r, View(width=200))
    assert "Nothing to raise" not in text


def test_link_points_are_whole_and_add_up_to_the_score():
    result = run_audit(REGISTRY + DEMO + "  - id: S-1\n    title: As a therapist I want notes on my phone so I stop calling reception\n")
    for r in result.items:
        assert all(isinstance(link.points, int) for link in r.links)
        assert sum(link.points for link in r.links) == r.score


def test_a_date_inside_the_evidence_text_dates_it():
    r = row("  - id: Z-1\n    title: Reminders\n    customer: northgate\n    problem: p q r s\n"
            "    evidence: \"Zendesk #8812, 2026-11-20\"\n")
    assert "BL303" not in codes(r) and "BL905" not in codes(r)


def test_a_value_cut_short_by_a_comment_names_the_lost_words():
    r = row("  - id: Y-1\n    title: Reminders\n    customer: northgate\n"
            "    description: Ana reported it in Zendesk #812\n")
    finding = next(f for f in r.findings if f.code == "BL905")
    assert "'#812' is lost" in finding.message and "quotes" in finding.message


def test_the_headline_uses_one_denominator_and_counts_the_items_without_points():
    result = run_audit(REGISTRY + "  - id: A\n    title: a\n    points: 3\n  - id: B\n    title: b\n")
    headline = result.summary.headline
    assert headline.startswith("100% of the points (3 of 3, in 1 item) are superfluous")
    assert headline.endswith("1 item carries no points")
    assert "of 2 items" not in headline
