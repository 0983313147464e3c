"""breadline.challenge: the finding a rule raises against an answer of `ask`, in the context of
the answers given before it (issue 15)."""

from __future__ import annotations

import pytest

from breadline.challenge import answered, objection
from breadline.load import load_text

BACKLOG = load_text("""\
customers:
  northgate: {name: Northgate Physio, plan: clinic, mrr: 240}
items:
  - id: CQ-1
    title: Polish the onboarding screens for the investor demo
    description: The CEO wants the first-run flow to look slick for the Series A demo
""", "backlog.yaml")
ITEM = BACKLOG.items[0]
NORTHGATE = {"customer": ("northgate",)}


@pytest.mark.parametrize(("field", "value", "code"), [
    ("problem", "The first-run flow looks dated", "BL202"),
    ("problem", "Leadership wants visibility on the OKR", "BL501"),
    ("problem", "There is no onboarding polish.", "BL203"),
    ("evidence", "CEO", "BL305"),
    ("evidence", "We think most clinics would love it", "BL304"),
    ("next", "The Series A demo goes smoothly", "BL402"),
    ("next", "ship by Friday", "BL402"),
])
def test_answers_a_rule_rejects(field, value, code):
    finding = objection(ITEM, BACKLOG, field, value, NORTHGATE)
    assert finding is not None and finding.code == code


def test_a_vague_customer_is_rejected():
    assert objection(ITEM, BACKLOG, "customer", ("clinics",), {}).code == "BL106"


@pytest.mark.parametrize(("field", "value"), [
    ("customer", ("northgate",)),
    ("problem", "Northgate's front desk retypes every booking into the paper diary"),
    ("evidence", "ZD-3120 from Northgate's practice manager"),
    ("next", "the front desk stops retyping bookings"),
])
def test_answers_that_draw_their_link_stand(field, value):
    assert objection(ITEM, BACKLOG, field, value, NORTHGATE) is None


def test_a_finding_the_item_had_already_is_not_the_answers_fault():
    # BL501 stands from the title while no customer is named; a problem does not bring it in.
    assert objection(ITEM, BACKLOG, "problem", "Northgate's front desk retypes bookings", {}) is None


def test_answered_puts_the_answers_in_the_fields():
    item = answered(ITEM, {"customer": ("northgate",), "evidence": ({"source": "ZD-1", "date": None},), "next": "n"})
    assert item.customers == ("northgate",) and item.evidence[0].text == "ZD-1" and item.next == "n"
