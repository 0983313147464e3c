"""Each link's scoring, the serves graph, verdicts and the summary."""

from __future__ import annotations

import pytest

from breadline.model import Verdict
from tests.conftest import REGISTRY, TRACED, run_audit


def item(result, item_id):
    found = result.find(item_id)
    assert found is not None, item_id
    return found


def link(row, name):
    return next(link for link in row.links if link.name == name)


def codes(row):
    return {f.code for f in row.findings}


def test_fully_traced_item_scores_100_and_is_on_the_line():
    row = item(run_audit(REGISTRY + "items:\n" + TRACED), "PAY-1")
    assert row.score == 100
    assert row.verdict is Verdict.ON_LINE
    assert row.traced
    assert row.findings == ()
    assert "Acme Logistics pays us" in link(row, "who").reason


@pytest.mark.parametrize(
    ("customer", "points", "code", "traced"),
    [
        ("acme", 40, None, True),                       # paying registry entry
        ("Acme Logistics", 40, None, True),             # the entry's name resolves too
        ("the two accountants at Brightwater", 28, "BL104", True),  # free text counts less
        ("hooli", 28, "BL105", True),                   # registry entry that says nothing about paying
        ("acme-corp", 12, "BL102", False),              # registry-looking key that is not in the registry
        ("globex", 8, "BL103", False),                  # trial plan: does not pay
        ("initech", 8, "BL103", False),                 # internal plan: does not pay
        ("[globex, acme]", 40, None, True),             # the best customer counts
    ],
)
def test_who_link_strength_depends_on_how_the_customer_resolves(customer, points, code, traced):
    row = item(run_audit(REGISTRY + f"items:\n  - id: A\n    title: T\n    customer: {customer}\n"), "A")
    assert link(row, "who").points == points
    assert row.traced is traced
    if code:
        assert code in codes(row)
        assert code in link(row, "who").codes
    else:
        assert not codes(row) & {"BL101", "BL102", "BL103", "BL104", "BL105"}


def test_unknown_key_suggests_the_close_registry_key():
    row = item(run_audit(REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acmee\n"), "A")
    message = next(f.message for f in row.findings if f.code == "BL102")
    assert "did you mean 'acme'" in message


def test_unknown_key_is_reported_even_beside_a_paying_customer():
    row = item(run_audit(REGISTRY + "items:\n  - id: A\n    title: T\n    customer: [acme, acmee]\n"), "A")
    assert link(row, "who").points == 40
    assert "BL102" in codes(row)


def test_no_customer_is_untraced_and_superfluous():
    row = item(run_audit("- id: A\n  title: Dark mode\n  problem: p\n  evidence: e\n  next: n\n"), "A")
    assert link(row, "who").points == 0
    assert not row.traced
    assert row.verdict is Verdict.SUPERFLUOUS
    assert "BL101" in codes(row)
    assert row.missing == ("who",)


@pytest.mark.parametrize(
    ("evidence", "points", "code"),
    [
        ("[{source: ZD-1, date: 2026-10-02}]", 20, None),
        ("ZD-1 from Dana", 16, "BL303"),
        ("[{source: interview, date: 2024-01-10}]", 8, "BL302"),
        ("[{source: old, date: 2020-01-01}, {source: new, date: 2026-11-01}]", 20, None),
        ("[{source: old, date: 2020-01-01}, plain undated note]", 16, "BL303"),
        ("[{url: 'https://support.example.com/t/1', date: 2026-11-01}]", 20, None),
    ],
)
def test_evidence_strength_depends_on_dates(evidence, points, code):
    row = item(run_audit(f"- id: A\n  title: T\n  customer: someone\n  evidence: {evidence}\n"), "A")
    assert link(row, "evidence").points == points
    evidence_codes = codes(row) & {"BL301", "BL302", "BL303"}
    assert evidence_codes == ({code} if code else set())


def test_evidence_max_age_is_a_setting():
    text = "- id: A\n  title: T\n  evidence: [{source: s, date: 2026-01-01}]\n"
    assert "BL302" not in codes(item(run_audit(text), "A"))
    assert "BL302" in codes(item(run_audit(text, evidence_max_age_days=30), "A"))


def test_missing_links_cost_their_whole_weight():
    row = item(run_audit(REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n"), "A")
    assert [(lk.name, lk.points) for lk in row.links] == [("who", 40), ("problem", 0), ("evidence", 0), ("next", 0)]
    assert row.score == 40
    assert {"BL201", "BL301", "BL401"} <= codes(row)
    assert row.missing == ("problem", "evidence", "next")


@pytest.mark.parametrize(
    ("fields", "verdict"),
    [
        ("customer: acme\n    problem: p\n    evidence: [{source: s, date: 2026-11-01}]\n    next: n\n", Verdict.ON_LINE),
        ("customer: acme\n    problem: p\n    evidence: [{source: s, date: 2026-11-01}]\n", Verdict.WEAK),  # 85, next missing
        ("customer: acme\n    problem: p\n", Verdict.WEAK),   # 65
        ("customer: acme\n", Verdict.WEAK),                  # 40, at the threshold
        ("customer: someone specific\n", Verdict.SUPERFLUOUS),  # 28, traced but below the threshold
        ("problem: p\n    evidence: e\n    next: n\n", Verdict.SUPERFLUOUS),  # untraced
    ],
)
def test_verdict_cut_offs(fields, verdict):
    row = item(run_audit(REGISTRY + f"items:\n  - id: A\n    title: T\n    {fields}"), "A")
    assert row.verdict is verdict


def test_threshold_moves_the_superfluous_cut_off():
    text = REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n    problem: p\n"
    assert item(run_audit(text), "A").verdict is Verdict.WEAK
    assert item(run_audit(text, threshold=70), "A").verdict is Verdict.SUPERFLUOUS


def test_best_fix_names_the_change_worth_most():
    row = item(run_audit(REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n    next: n\n"), "A")
    assert row.best_fix is not None
    assert "problem:" in row.best_fix and "+25 points" in row.best_fix


# -- the serves graph ---------------------------------------------------------------------


def test_enabler_traces_through_the_item_it_serves():
    result = run_audit(REGISTRY + "items:\n" + TRACED + "  - id: PLAT-1\n    title: Queue\n    serves: PAY-1\n")
    row = item(result, "PLAT-1")
    assert row.via == "PAY-1"
    assert row.score == 100 and row.verdict is Verdict.ON_LINE
    assert all(lk.via == "PAY-1" for lk in row.links)
    assert not codes(row) & {"BL101", "BL201", "BL301", "BL401"}


def test_chains_trace_at_any_depth():
    chain = "".join(
        f"  - id: C-{i}\n    title: step {i}\n    serves: {'PAY-1' if i == 1 else f'C-{i - 1}'}\n" for i in range(1, 60)
    )
    result = run_audit(REGISTRY + "items:\n" + chain + TRACED)
    deepest = item(result, "C-59")
    assert deepest.traced and deepest.score == 100
    assert deepest.via == "C-58"
    assert all(lk.via == "PAY-1" for lk in deepest.links)


def test_enabler_takes_the_best_of_the_items_it_serves():
    text = REGISTRY + "items:\n" + TRACED + (
        "  - id: WEAK-1\n    title: w\n    customer: acme\n"
        "  - id: PLAT-1\n    title: Queue\n    serves: [WEAK-1, PAY-1]\n"
    )
    assert item(run_audit(text), "PLAT-1").via == "PAY-1"


def test_unknown_served_id_is_a_finding():
    result = run_audit(REGISTRY + "items:\n" + TRACED + "  - id: PLAT-1\n    title: Queue\n    serves: [PAY-1, PAY-9]\n")
    row = item(result, "PLAT-1")
    assert "BL601" in codes(row)
    assert row.traced  # the known id still draws the line
    finding = next(f for f in row.findings if f.code == "BL601")
    assert "PAY-9" in finding.message


def test_cycles_are_findings_and_trace_nowhere():
    result = run_audit("- id: A\n  title: a\n  serves: B\n- id: B\n  title: b\n  serves: C\n- id: C\n  title: c\n  serves: A\n")
    for item_id in "ABC":
        row = item(result, item_id)
        assert "BL602" in codes(row)
        assert row.verdict is Verdict.SUPERFLUOUS
    assert "A → B → C → A" in next(f.message for f in item(result, "B").findings if f.code == "BL602")


def test_a_cycle_with_a_way_out_still_traces():
    text = REGISTRY + "items:\n" + TRACED + (
        "  - id: A\n    title: a\n    serves: B\n"
        "  - id: B\n    title: b\n    serves: [A, PAY-1]\n"
    )
    result = run_audit(text)
    assert item(result, "A").traced and item(result, "B").traced
    assert "BL602" in codes(item(result, "A"))


def test_self_serving_item_is_a_cycle():
    assert "BL602" in codes(item(run_audit("- id: A\n  title: a\n  serves: A\n"), "A"))


def test_serving_only_superfluous_items_leaves_an_item_superfluous():
    result = run_audit("- id: A\n  title: Dark mode\n- id: B\n  title: Theme refactor\n  serves: A\n")
    row = item(result, "B")
    assert row.verdict is Verdict.SUPERFLUOUS
    assert "BL603" in codes(row)


def test_summary_counts_items_and_points_per_verdict():
    text = REGISTRY + "items:\n" + TRACED + (
        "  - id: B\n    title: b\n    points: 3\n"
        "  - id: C\n    title: c\n    points: 2\n"
        "  - id: D\n    title: d\n    customer: acme\n"
    )
    summary = run_audit(text).summary
    assert summary.items == 4
    assert summary.points == 10
    assert summary.unestimated == 1
    assert summary.by_verdict["superfluous"].items == 2
    assert summary.by_verdict["superfluous"].points == 5
    assert summary.by_verdict["on-line"].items == 1
    assert summary.by_verdict["weak"].items == 1
    assert summary.headline == ("50% of the points (5 of 10, in 2 items) are superfluous: they trace to no paying "
                                "person's problem; 1 item carries no points"), "one denominator, and the items without points"


def test_summary_falls_back_to_item_share_without_points():
    summary = run_audit("- id: A\n  title: a\n- id: B\n  title: b\n").summary
    assert summary.headline.startswith("2 of 2 items (100%) are superfluous")
    assert summary.headline.endswith("no item carries points, so items are counted")


def test_empty_items_list_is_a_clean_audit():
    result = run_audit("items: []\n")
    assert result.items == () and result.summary.items == 0


def test_waived_finding_costs_nothing_and_stays_visible():
    text = REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n    problem: p\n    next: n\n    waive: {BL301: \"new market, approved by Dana\"}\n"
    row = item(run_audit(text), "A")
    waived = next(f for f in row.findings if f.code == "BL301")
    assert waived.waived == "new market, approved by Dana"
    assert link(row, "evidence").points == 20


def test_waiver_without_reason_waives_nothing_and_is_a_finding():
    text = REGISTRY + "items:\n  - id: A\n    title: T\n    customer: acme\n    waive: {BL301: }\n"
    row = item(run_audit(text), "A")
    assert "BL902" in codes(row)
    assert link(row, "evidence").points == 0


def test_the_customer_an_items_line_runs_to():
    text = REGISTRY + "items:\n" + TRACED + (
        "  - id: PLAT-1\n    title: Queue\n    serves: PAY-1\n"
        "  - id: FREE-1\n    title: f\n    customer: the accountants at Brightwater\n    problem: p\n"
        "  - id: NONE-1\n    title: n\n"
    )
    result = run_audit(text)
    assert (item(result, "PAY-1").customer, item(result, "PAY-1").customer_pays) == ("Acme Logistics", True)
    assert (item(result, "PLAT-1").customer, item(result, "PLAT-1").customer_pays) == ("Acme Logistics", True)
    assert (item(result, "FREE-1").customer, item(result, "FREE-1").customer_pays) == ("the accountants at Brightwater", False)
    assert item(result, "NONE-1").customer is None


@pytest.mark.parametrize("status", ["dropped", "Won't do", "cancelled"])
def test_dropped_items_are_left_out_and_nothing_traces_through_them(status):
    text = REGISTRY + "items:\n" + TRACED.replace("    points: 5\n", f"    points: 5\n    status: {status}\n") + (
        "  - id: PLAT-1\n    title: Queue\n    serves: PAY-1\n    points: 3\n"
        "  - id: UX-1\n    title: Dark mode\n    points: 2\n"
    )
    result = run_audit(text)
    assert [r.item.id for r in result.items] == ["PLAT-1", "UX-1"]
    assert item(result, "PLAT-1").verdict is Verdict.SUPERFLUOUS
    assert "BL603" in codes(item(result, "PLAT-1"))
    assert result.summary.dropped == 1
    assert result.summary.items == 2 and result.summary.points == 5


def test_dropped_count_in_the_cli_summary(cli, write):
    path = write("- id: A\n  title: a\n  status: dropped\n- id: B\n  title: b\n")
    assert "1 dropped, not counted" in cli("audit", path).stderr
