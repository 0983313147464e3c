"""GitLab Code Quality: one entry per unwaived finding on failing items, with stable fingerprints."""

from __future__ import annotations

import json

import pytest

from breadline.audit import audit
from breadline.formats import View
from breadline.formats import gitlab
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import REGISTRY, TODAY, TRACED
from tests.formats.fixture import FIXTURE, fixture_result

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def render(result, fail_on="superfluous") -> list[dict]:
    return json.loads(gitlab.render(result, View(fail_on=fail_on)))


def audited(text: str, path: str = "backlog.yaml"):
    return audit(load_text(text, path), Settings(today=TODAY))


@pytest.mark.parametrize("fail_on", ["superfluous", "weak", "never"])
def test_every_entry_has_every_required_field_and_nothing_else(fail_on):
    entries = render(fixture_result(), fail_on)
    assert entries
    for entry in entries:
        assert set(entry) == {"description", "check_name", "fingerprint", "severity", "location"}
        assert isinstance(entry["description"], str) and entry["description"]
        assert isinstance(entry["check_name"], str) and entry["check_name"]
        assert entry["severity"] in SEVERITIES
        assert set(entry["location"]) == {"path", "lines"}
        assert entry["location"]["path"] == FIXTURE
        assert set(entry["location"]["lines"]) == {"begin"}
        assert isinstance(entry["location"]["lines"]["begin"], int) and entry["location"]["lines"]["begin"] >= 1


def test_fingerprints_are_stable_across_renders_and_distinct():
    first = [e["fingerprint"] for e in render(fixture_result(), "weak")]
    second = [e["fingerprint"] for e in render(fixture_result(), "weak")]
    assert first == second
    assert len(set(first)) == len(first)
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in first)


def test_fingerprints_do_not_depend_on_line_numbers():
    item = "  - id: B\n    title: Dark mode\n"
    before = render(audited(REGISTRY + "items:\n" + item))
    after = render(audited(REGISTRY + "items:\n" + TRACED + item))
    assert [e["location"]["lines"]["begin"] for e in before] != [e["location"]["lines"]["begin"] for e in after]
    assert [e["fingerprint"] for e in before] == [e["fingerprint"] for e in after]


def test_fingerprints_differ_between_files_and_items():
    text = "- id: A\n  title: Dark mode\n"
    one = render(audited(text, "a.yaml"))[0]["fingerprint"]
    assert render(audited(text, "b.yaml"))[0]["fingerprint"] != one
    assert render(audited(text.replace("A", "Z"), "a.yaml"))[0]["fingerprint"] != one


def test_superfluous_items_by_default_and_the_file_finding():
    entries = render(fixture_result())
    (first, *rest) = entries
    assert first["check_name"] == "BL901 misspelled-field" and "custmers" in first["description"]
    assert first["location"] == {"path": FIXTURE, "lines": {"begin": 8}} and first["severity"] == "minor"
    items = [e["description"].split(" ")[0] for e in rest]
    assert sorted(set(items)) == ["ESC-1", "GRO-7", "REF-3"]
    entry = next(e for e in entries if e["check_name"] == "BL601 unknown-served-item")
    assert entry == {
        "description": "REF-3 (Refactor the billing module): serves 'PAY-999', but no item has that id",
        "check_name": "BL601 unknown-served-item",
        "fingerprint": entry["fingerprint"],
        "severity": "minor",
        "location": {"path": FIXTURE, "lines": {"begin": 40}},
    }
    assert {e["severity"] for e in entries if e["check_name"].startswith("BL101 ")} == {"major"}


def test_weak_items_join_one_step_lower():
    entries = render(fixture_result(), "weak")
    weak = {e["check_name"]: e["severity"] for e in entries if e["description"].startswith("PAY-102 ")}
    assert weak == {"BL105 customer-payment-unknown": "info", "BL303 undated-evidence": "info",
                    "BL401 missing-next": "info"}
    sto = [e for e in entries if e["description"].startswith("STO-9 ")]
    assert [(e["check_name"], e["severity"]) for e in sto] == [("BL301 missing-evidence", "minor")]


def test_never_still_reports_the_superfluous_items_at_low_severity():
    default = render(fixture_result())
    never = render(fixture_result(), "never")
    assert [e["fingerprint"] for e in never] == [e["fingerprint"] for e in default]
    assert {e["severity"] for e in never} <= {"info", "minor"}


def test_waived_findings_are_left_out():
    text = "- id: A\n  title: Dark mode\n  waive: {BL301: not a product item}\n"
    codes = [e["check_name"].split()[0] for e in render(audited(text))]
    assert "BL301" not in codes and "BL101" in codes


def test_nothing_failing_is_an_empty_array():
    assert gitlab.render(audited(REGISTRY + "items:\n" + TRACED), View()) == "[]\n"


def test_findings_alike_in_all_that_is_hashed_still_get_distinct_fingerprints():
    from dataclasses import replace

    result = audited("- id: A\n  title: Dark mode\n")
    (row,) = result.items
    doubled = replace(result, items=(replace(row, findings=row.findings + row.findings),))
    single = [e["fingerprint"] for e in render(result)]
    twice = [e["fingerprint"] for e in render(doubled)]
    assert twice[: len(single)] == single
    assert len(set(twice)) == len(twice)


@pytest.mark.parametrize("fail_on", ["superfluous", "weak", "never"])
def test_one_entry_per_line_holding_every_entry(fail_on):
    view = View(fail_on=fail_on)
    text = gitlab.render(fixture_result(), view)
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == len(json.loads(text)) + 2 > 3
    assert json.loads(text) == list(gitlab.entries(fixture_result(), view))
