"""What a filled-in field claims (breadline.rules.claims) and the rules that read it: BL203's
absence, BL305, BL402, BL501 in the fields, BL502 beside a problem, BL106 for a kind of customer,
BL904 and BL905 (issue 15). Each fires where a careful colleague would frown and stays quiet on
the look-alikes that are fine."""

from __future__ import annotations

import pytest

from breadline.rules import claims
from breadline.words import builtin
from tests.conftest import REGISTRY, run_audit


def row_of(fields: str, title: str = "T"):
    body = f"  - id: A\n    title: {title}\n" + "".join(f"    {line}\n" for line in fields.strip().splitlines())
    return run_audit(REGISTRY + "items:\n" + body).find("A")


def codes(fields: str, title: str = "T") -> set[str]:
    return {f.code for f in row_of(fields, title).findings if f.waived is None}


HONEST = """\
customer: acme
problem: Acme's dispatchers re-enter every emergency call into a second calendar
evidence: [{source: ZD-4411 from Dana, date: 2026-10-02}]
next: Acme's dispatchers enter each call once
"""


def with_(**fields: str) -> str:
    lines = dict(line.split(": ", 1) for line in HONEST.strip().splitlines())
    lines.update(fields)
    return "\n".join(f"{key}: {value}" for key, value in lines.items())


# -- the structural reading ------------------------------------------------------------------


@pytest.mark.parametrize("text", ["CEO", "the PM", "leadership", "sales", "requested by the CTO", "Our CEO",
                                  "Account managers say Acme would use it", "product manager wants it"])
def test_only_us(text):
    assert claims.only_us(text, builtin)


@pytest.mark.parametrize("text", ["Call with Dana, Acme's office manager", "Sales call with Acme, 3 October",
                                  "ZD-4411 from Dana", "product analytics: 40% never open the export",
                                  "14 requests from marketing agencies on the Team plan"])
def test_not_only_us(text):
    assert not claims.only_us(text, builtin)


@pytest.mark.parametrize(("problem", "title"), [
    ("There is no Google Calendar sync.", "Google Calendar sync"),
    ("We don't have a Xero export.", "Xero export"),
    ("Skills matching is missing", "Technician skills matching"),
    ("The app does not support dark mode", "Dark mode"),
])
def test_absence_that_restates_the_item(problem, title):
    assert claims.says_absence(problem, title, builtin)


@pytest.mark.parametrize(("problem", "title"), [
    ("Therapists have no way to see a patient's notes away from the desk, so they phone reception", "Notes on mobile"),
    ("There is no calendar sync, so dispatchers enter every call twice and double-book", "Calendar sync"),
    ("Dispatchers re-enter calls into Outlook", "Calendar sync"),
])
def test_absence_with_a_job_of_theirs_stands(problem, title):
    assert not claims.says_absence(problem, title, builtin)


@pytest.mark.parametrize("reason", ["agreed with the CTO", "the CTO asked", "leadership wants it", "for the demo",
                                    "CEO request", "approved by management"])
def test_reasons_of_ours(reason):
    assert claims.refused_reason(reason, builtin)


@pytest.mark.parametrize("reason", ["new market, approved by Dana", "Acme's contract requires it from January",
                                    "the CTO asked: Acme's desk double-books every Monday", "not a product item"])
def test_customer_reasons_stand(reason):
    assert not claims.refused_reason(reason, builtin)


# -- the rules, in the fields --------------------------------------------------------------


def test_an_honest_item_draws_every_link():
    row = row_of(HONEST)
    assert row.verdict.value == "on-line" and row.score == 100


@pytest.mark.parametrize("problem", ["Leadership wants visibility on the OKR", "the board deck needs a churn chart"])
def test_a_procedure_in_the_problem_takes_the_item_off_the_line(problem):
    row = row_of(with_(problem=problem))
    assert "BL501" in {f.code for f in row.findings} and row.verdict.value == "superfluous"


def test_a_deadline_of_theirs_is_their_problem():
    assert "BL501" not in codes(with_(problem="Acme misses a client's quarterly VAT deadline when the quarter ends mid-month"))


def test_a_procedure_in_the_title_stands_until_the_fields_pass_it_through():
    title = "Polish the onboarding for the investor demo"
    assert "BL501" not in codes(HONEST, title)
    assert "BL501" in codes(with_(evidence="CEO"), title)
    assert "BL501" in codes(with_(next="The Series A demo goes smoothly"), title)


@pytest.mark.parametrize("next_step", ["ship by Friday", "done for the sprint", "We hit the OKR", "our adoption goes up",
                                       "The demo goes smoothly", "the release goes out on time"])
def test_next_steps_about_us_draw_no_link(next_step):
    row = row_of(with_(next=next_step))
    finding = next(f for f in row.findings if f.code == "BL402")
    assert "what changes for Acme Logistics once this ships?" in finding.message
    assert next(link for link in row.links if link.name == "next").points == 0
    assert row.verdict.value == "weak"


@pytest.mark.parametrize("next_step", ["once the sync goes live, Acme's dispatchers stop entering calls twice",
                                       "they close the month a day sooner", "dispatchers ship parts the same day"])
def test_next_steps_for_them_stand(next_step):
    assert "BL402" not in codes(with_(next=next_step))


@pytest.mark.parametrize("evidence", ["CEO", "the PM", "leadership", "sales"])
def test_evidence_that_is_only_us(evidence):
    row = row_of(with_(evidence=evidence))
    assert "BL305" in {f.code for f in row.findings}
    assert next(link for link in row.links if link.name == "evidence").points == 0


def test_wallet_words_in_the_title_fire_beside_a_problem():
    assert "BL502" in codes(with_(problem="Too many accounts cancel in month two"), "Make it harder to cancel the subscription")
    assert "BL502" not in codes(HONEST, "Pause a subscription instead of cancelling")


def test_converting_free_users_is_their_money():
    assert "BL502" in codes(with_(problem="Free users get a lot of value and never pay; we need to convert them"))


@pytest.mark.parametrize("customer", ["clinics", "accountancies", "all contractors"])
def test_a_kind_of_customer_is_nobody_in_particular(customer):
    found = codes(with_(customer=customer))
    assert "BL106" in found and "BL102" not in found


def test_a_slip_for_a_key_is_still_an_unknown_key():
    found = codes(with_(customer="acmes"))
    assert "BL102" in found and "BL106" not in found


def test_a_date_written_in_the_evidence_dates_it():
    assert "BL303" not in codes(with_(evidence='"Zendesk #8812 from Acme, 2026-11-20"'))
    assert "BL302" in codes(with_(evidence='"Zendesk #8812 from Acme, 2024-11-20"'))
    assert "BL303" in codes(with_(evidence='"Zendesk #8812 from Acme"'))


def test_a_waiver_for_a_reason_of_ours_waives_nothing():
    row = row_of('problem: p\nwaive: {BL101: "agreed with the CTO"}')
    found = {f.code: f for f in row.findings}
    assert found["BL101"].waived is None and "BL904" in found
    assert row.verdict.value == "superfluous"
    kept = row_of('problem: p\nwaive: {BL101: "Acme signs only if it ships before the audit in March"}')
    assert {f.code: f for f in kept.findings}["BL101"].waived


def test_a_value_cut_short_by_a_comment_is_an_input_finding():
    row = row_of("customer: acme\ndescription: Ana reported it in Zendesk #812\nevidence:\n  - Ticket #4471 from Acme")
    cut = [f for f in row.findings if f.code == "BL905"]
    assert {f.quote for f in cut} == {"#812", "#4471 from Acme"}
    assert "quotes" in cut[0].message and cut[0].position.line == 10  # the `description:` line
    assert "BL905" not in codes("customer: acme  # renewed in May\ndescription: \"Ana reported it in Zendesk #812\"")


def test_quotes_are_the_items_own_words():
    row = row_of("description: Why now? It’s on the  roadmap", "Charts")
    finding = next(f for f in row.findings if f.code == "BL501")
    assert finding.quote == "It’s on the  roadmap" and finding.quote in finding.message


def test_a_self_centric_title_stands_until_the_fields_pass_it_through():
    title = "Increase engagement with our app"
    assert "BL202" not in codes(HONEST, title)
    row = row_of(with_(evidence="the PM"), title)
    assert "BL202" in {f.code for f in row.findings} and row.verdict.value == "superfluous"


def test_the_people_of_ours_are_a_list_the_user_extends(tmp_path):
    from breadline.audit import Options, audit_files

    backlog = tmp_path / "backlog.yaml"
    backlog.write_text(REGISTRY + "items:\n  - id: A\n    title: T\n" + "".join(
        f"    {line}\n" for line in with_(evidence="the chief of staff").splitlines()), encoding="utf-8")
    before = audit_files([str(backlog)]).items[0]
    assert "BL305" not in {f.code for f in before.findings}
    (tmp_path / ".breadline.yaml").write_text("words:\n  our-people: [chief of staff]\n", encoding="utf-8")
    after = audit_files([str(backlog)], Options(config_path=str(tmp_path / ".breadline.yaml"))).items[0]
    assert "BL305" in {f.code for f in after.findings}


def test_long_texts_are_read_by_their_first_words():
    assert claims.only_us("the CEO says " + "word " * 500_000, builtin)
    assert claims.says_absence("There is no " + "x " * 500_000, "X", builtin) is None
    assert claims.refused_reason("agreed with the CTO " * 100_000, builtin) is None
