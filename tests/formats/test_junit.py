"""JUnit XML: one suite per backlog file, one case per item, failures as `--fail-on` says."""

from __future__ import annotations

import textwrap

import pytest
from junitparser import Failure, JUnitXml, Skipped

from breadline.audit import audit, combine
from breadline.formats import View
from breadline.formats import junit
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import REGISTRY, TODAY, TRACED
from tests.formats.fixture import FIXTURE, fixture_result

# In the fixture: 3 on the line, 2 weak, 3 superfluous.
EXPECTED_FAILURES = {"superfluous": 3, "weak": 5, "never": 0}


def parse(result, fail_on="superfluous") -> JUnitXml:
    return JUnitXml.fromstring(junit.render(result, View(fail_on=fail_on)))


def counted(suite) -> dict[str, int]:
    """The counts, from the test cases themselves rather than the attributes."""
    cases = list(suite)
    return {
        "tests": len(cases),
        "failures": sum(any(isinstance(r, Failure) for r in case.result) for case in cases),
        "skipped": sum(any(isinstance(r, Skipped) for r in case.result) for case in cases),
    }


@pytest.mark.parametrize("fail_on", list(EXPECTED_FAILURES))
def test_counts_for_each_fail_on(fail_on):
    xml = parse(fixture_result(), fail_on)
    (suite,) = list(xml)
    assert suite.name == FIXTURE
    expected = {"tests": 8, "failures": EXPECTED_FAILURES[fail_on], "skipped": 0}
    assert counted(suite) == expected
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (8, expected["failures"], 0, 0)
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (8, expected["failures"], 0, 0)


@pytest.mark.parametrize("fail_on", list(EXPECTED_FAILURES))
def test_failure_types_follow_the_verdict(fail_on):
    (suite,) = list(parse(fixture_result(), fail_on))
    types = {case.name.split(":")[0]: [r.type for r in case.result if isinstance(r, Failure)] for case in suite}
    superfluous = [] if fail_on == "never" else ["superfluous"]
    weak = ["weak"] if fail_on == "weak" else []
    assert types == {"PAY-101": [], "PAY-102": weak, "GRO-7": superfluous, "MIG-7": [], "REF-3": superfluous,
                     "EU-4": [], "STO-9": weak, "ESC-1": superfluous}


def test_case_names_and_failure_details():
    (suite,) = list(parse(fixture_result()))
    cases = {case.name.split(":")[0]: case for case in suite}
    ref = cases["REF-3"]
    assert ref.name == "REF-3: Refactor the billing module"
    assert ref.classname == FIXTURE
    assert ref.time == 0
    (failure,) = ref.result
    assert failure.message == "superfluous (score 0): BL601 unknown-served-item ‘PAY-999’; missing who, problem, evidence, next"
    assert "Missing links: who, problem, evidence, next." in failure.text
    assert "BL601 unknown-served-item (warning): serves 'PAY-999', but no item has that id" in failure.text
    assert "Best fix: Add `customer:`" in failure.text
    assert cases["ESC-1"].name == "ESC-1: Überweisung café 🧾: 100% \"fast\", a|b, 'quoted'\nsecond line"
    assert cases["PAY-101"].is_passed


def test_items_off_the_line_that_do_not_fail_still_say_why():
    (suite,) = list(parse(fixture_result(), "never"))
    cases = {case.name.split(":")[0]: case for case in suite}
    assert cases["GRO-7"].is_passed
    assert cases["GRO-7"].system_out.startswith(
        "superfluous (score 13): BL202 self-centric-problem ‘increase engagement’; missing evidence, next")
    assert cases["STO-9"].system_out.startswith("weak (score ~52): missing evidence")
    assert cases["PAY-101"].system_out is None


def test_waived_findings_are_listed_with_their_reason():
    text = REGISTRY + "items:\n  - id: A\n    title: t\n    customer: acme\n    waive: {BL301: \"new market\"}\n"
    result = audit(load_text(text, "w.yaml"), Settings(today=TODAY))
    (suite,) = list(parse(result, "weak"))
    (case,) = list(suite)
    (failure,) = case.result
    assert "Waived:\n  BL301 missing-evidence: new market" in failure.text
    assert "BL301 missing-evidence (error)" not in failure.text


def test_one_suite_per_backlog_file():
    def audited(text: str, path: str):
        return audit(load_text(textwrap.dedent(text), path), Settings(today=TODAY))

    result = combine([
        audited(REGISTRY + "items:\n" + TRACED, "plans/a.yaml"),
        audited("- id: X\n  title: Dark mode\n- id: Y\n  title: Light mode\n", "plans/b.yaml"),
    ])
    xml = parse(result)
    assert [(s.name, s.tests, s.failures) for s in xml] == [("plans/a.yaml", 1, 0), ("plans/b.yaml", 2, 2)]
    assert (xml.tests, xml.failures) == (3, 2)
    assert {case.classname for case in list(xml)[1]} == {"plans/b.yaml"}


def test_control_characters_cannot_break_the_xml():
    result = audit(load_text('- id: A\n  title: "bell \\a and escape \\e"\n', "c.yaml"), Settings(today=TODAY))
    (suite,) = list(parse(result))
    (case,) = list(suite)
    assert case.name == "A: bell \ufffd and escape \ufffd"


def test_an_empty_backlog_is_an_empty_suite():
    result = audit(load_text("[]\n", "empty.yaml"), Settings(today=TODAY))
    xml = parse(result)
    assert [(s.name, s.tests, s.failures) for s in xml] == [("empty.yaml", 0, 0)]


def test_unknown_fail_on_is_a_programming_error():
    with pytest.raises(ValueError, match="fail_on"):
        junit.render(fixture_result(), View(fail_on="sometimes"))
