"""`breadline ask` holds its answers to the rules' standard (issue 15): an answer a rule would
reject is challenged right there, with the rule's message, and the team may answer again once
or keep it (the finding then stays)."""

from __future__ import annotations

import pytest

from tests.commands.test_conversation import converse

DEMO = """\
customers:
  northgate: {name: Northgate Physio, plan: clinic, mrr: 240}
items:
  - id: CQ-1
    title: Polish the onboarding screens for the investor demo
    description: The CEO wants the first-run flow to look slick for the Series A demo
"""


@pytest.fixture
def write_backlog(tmp_path):
    def _write(text: str):
        path = tmp_path / "backlog.yaml"
        path.write_text(text, encoding="utf-8")
        return path

    return _write


def test_the_demo_item_cannot_be_put_on_the_line_with_answers_a_rule_rejects(write_backlog):
    path = write_backlog(DEMO)
    # Answered as in the issue, and each rejected answer kept with Enter.
    code, script = converse(path, "a", "northgate", "The first-run flow looks dated", "", "CEO", "", "",
                            "The Series A demo goes smoothly", "")
    out = script.output
    assert "The audit says: BL202 self-centric-problem: the problem is about us" in out
    assert "The audit says: BL305 evidence-only-us: the evidence is only us ('CEO')" in out
    assert "The audit says: BL402 next-about-us" in out and "what changes for Northgate Physio once this ships?" in out
    assert "Now: CEO (BL305 stays if you keep it)" in out
    saved = path.read_text(encoding="utf-8")
    assert "problem: The first-run flow looks dated" in saved and "evidence: CEO" in saved, "kept answers are written"
    assert "on the line" not in out.split("Saved CQ-1")[1].splitlines()[0]
    assert "superfluous" in out.split("Saved CQ-1")[1].splitlines()[0]


def test_a_challenged_answer_can_be_answered_again_once(write_backlog):
    path = write_backlog(DEMO)
    code, script = converse(path, "a", "northgate",
                            "Northgate's new front-desk staff cannot find where to add a patient",
                            "ZD-3120 from Northgate's practice manager", "today",
                            "ship by Friday", "new staff add their first patient without calling support")
    out = script.output
    assert out.count("The audit says: BL402") == 1
    saved = path.read_text(encoding="utf-8")
    assert "next: new staff add their first patient without calling support" in saved
    assert "ship by Friday" not in saved
    assert "Saved CQ-1: customer, problem, evidence, next. Score 8 → 100, on the line." in out
    assert code == 0
