"""JUnit XML: valid against the Jenkins xunit and Ant schemas (checked by xmllint, the consumer's
own validator), one suite per backlog file, one case per item named by its id, failures as
`--fail-on` says, dropped items skipped."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml, Skipped

from breadline.audit import audit, combine
from breadline.formats import View
from breadline.formats import junit
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import DATA, REGISTRY, TODAY, TRACED
from tests.formats.fixture import FIXTURE, fixture_result

# In the fixture: 3 on the line, 2 weak, 3 superfluous.
EXPECTED_FAILURES = {"superfluous": 3, "weak": 5, "never": 0}
SCHEMAS = {"jenkins-xunit": DATA / "junit" / "junit-10.xsd", "ant": DATA / "junit" / "JUnit.xsd"}


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


def audited(text: str, path: str):
    return audit(load_text(textwrap.dedent(text), path), Settings(today=TODAY))


# -- the consumers' schemas ------------------------------------------------------------------


@pytest.fixture(scope="module")
def xmllint() -> str:
    found = shutil.which("xmllint")
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("xmllint is missing: .ci/run installs it (Debian's libxml2-utils)")
        pytest.skip("xmllint is not installed (apt-get install libxml2-utils); CI=true makes this a failure")
    return found


def validate(xmllint: str, schema: Path, xml: str, tmp_path: Path) -> subprocess.CompletedProcess:
    report = tmp_path / "report.xml"
    report.write_text(xml, encoding="utf-8")
    return subprocess.run([xmllint, "--noout", "--schema", str(schema), str(report)],
                          capture_output=True, text=True, timeout=60)


DROPPED = "- id: D-1\n  title: Dark mode\n  status: wontfix\n- id: A\n  title: Make it pop\n"
CASES = {
    "fixture": lambda: fixture_result(),
    "two files": lambda: combine([audited(REGISTRY + "items:\n" + TRACED, "plans/a.yaml"),
                                  audited("- id: X\n  title: Dark mode\n", "b.yaml")]),
    "a dropped item": lambda: audited(DROPPED, "plans/q4.backlog.yaml"),
    "an empty backlog": lambda: audited("[]\n", "empty.yaml"),
    "hostile text": lambda: audited('- id: "::error::x"\n  title: "a\\n::stop-commands::t\\r\\n  ::error::b \\a"\n',
                                    "::x.yaml"),
}


@pytest.mark.parametrize("schema", SCHEMAS)
@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("fail_on", ["superfluous", "never"])
def test_valid_against_the_schema(xmllint, tmp_path, schema, case, fail_on):
    done = validate(xmllint, SCHEMAS[schema], junit.render(CASES[case](), View(fail_on=fail_on)), tmp_path)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("schema", SCHEMAS)
def test_the_schemas_reject_what_jenkins_skips(xmllint, tmp_path, schema):
    """Guards the guard: the old report (attributes on <testsuites>) fails both schemas."""
    xml = junit.render(fixture_result(), View()).replace("<testsuites>", '<testsuites name="breadline" skipped="0">')
    assert validate(xmllint, SCHEMAS[schema], xml, tmp_path).returncode != 0


# -- what the report says --------------------------------------------------------------------


@pytest.mark.parametrize("fail_on", list(EXPECTED_FAILURES))
def test_counts_for_each_fail_on(fail_on):
    xml = parse(fixture_result(), fail_on)
    (suite,) = list(xml)
    assert (suite.name, suite._elem.get("package")) == ("backlog_yaml", "tests.data.formats")
    expected = {"tests": 8, "failures": EXPECTED_FAILURES[fail_on], "skipped": 0}
    assert counted(suite) == expected
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (8, expected["failures"], 0, 0)


@pytest.mark.parametrize("fail_on", list(EXPECTED_FAILURES))
def test_failure_types_follow_the_verdict(fail_on):
    (suite,) = list(parse(fixture_result(), fail_on))
    types = {case.name: [r.type for r in case.result if isinstance(r, Failure)] for case in suite}
    superfluous = [] if fail_on == "never" else ["superfluous"]
    weak = ["weak"] if fail_on == "weak" else []
    assert types == {"PAY-101": [], "PAY-102": weak, "GRO-7": superfluous, "MIG-7": [], "REF-3": superfluous,
                     "EU-4": [], "STO-9": weak, "ESC-1": superfluous}


def test_a_test_is_named_by_the_item_id_and_its_class_is_the_file_as_jenkins_reads_it():
    (suite,) = list(parse(fixture_result()))
    cases = {case.name: case for case in suite}
    ref = cases["REF-3"]
    assert ref.classname == "tests.data.formats.backlog_yaml"
    # Jenkins splits the classname at its last dot: package tests.data.formats, class backlog_yaml
    assert ref.classname.rpartition(".") == ("tests.data.formats", ".", "backlog_yaml")
    assert ref.time == 0
    (failure,) = ref.result
    assert failure.message == ("superfluous (score 0): BL601 unknown-served-item ‘PAY-999’; missing who, problem, "
                               "evidence, next at " + FIXTURE + ":38")
    assert "Title: Refactor the billing module" in failure.text
    assert "Missing links: who, problem, evidence, next." in failure.text
    assert "BL601 unknown-served-item (warning): serves 'PAY-999', but no item has that id" in failure.text
    assert "Best fix: Add `customer:`" in failure.text
    assert cases["PAY-101"].is_passed


def test_editing_a_title_keeps_the_test_name():
    before = audited("- id: X\n  title: Dark mode\n", "b.yaml")
    after = audited("- id: X\n  title: Dark mode for the calendar\n", "b.yaml")
    names = [[(c.classname, c.name) for c in list(parse(r))[0]] for r in (before, after)]
    assert names[0] == names[1] == [("b_yaml", "X")]


def test_title_file_and_line_are_suite_properties():
    (suite,) = list(parse(fixture_result()))
    properties = {p.name: p.value for p in suite.properties()}
    assert properties["file"] == FIXTURE
    assert properties["ESC-1.title"] == "Überweisung café 🧾: 100% \"fast\", a|b, 'quoted'\nsecond line"
    assert (properties["REF-3.file"], properties["REF-3.line"]) == (FIXTURE, "38")


@pytest.mark.parametrize(("path", "package", "name"), [
    ("backlog.yaml", "", "backlog_yaml"),
    ("planning/q4.backlog.yaml", "planning", "q4_backlog_yaml"),
    ("a/b.c/d.yml", "a.b_c", "d_yml"),
])
def test_class_parts(path, package, name):
    assert junit.class_parts(path) == (package, name)


def test_dropped_items_are_skipped():
    (suite,) = list(parse(audited(DROPPED, "q.yaml")))
    cases = {case.name: case for case in suite}
    assert (suite.tests, suite.skipped, suite.failures) == (2, 1, 1)
    (skipped,) = cases["D-1"].result
    assert isinstance(skipped, Skipped) and "wontfix" in skipped.message


def test_items_off_the_line_that_do_not_fail_and_file_findings_are_in_the_suite_output():
    (suite,) = list(parse(fixture_result(), "never"))
    out = suite._elem.find("system-out").text
    assert "GRO-7: superfluous (score 13): BL202 self-centric-problem ‘increase engagement’; missing evidence, next" in out
    assert "STO-9: weak (score ~52): missing evidence" in out
    assert "PAY-101" not in out
    assert f"{FIXTURE}:8:1: BL901" in out and "custmers" in out


def test_waived_findings_are_listed_with_their_reason():
    text = REGISTRY + "items:\n  - id: A\n    title: t\n    customer: acme\n    waive: {BL301: \"new market\"}\n"
    (suite,) = list(parse(audited(text, "w.yaml"), "weak"))
    (case,) = list(suite)
    (failure,) = case.result
    assert "Waived:\n  BL301 missing-evidence: new market" in failure.text
    assert "BL301 missing-evidence (error)" not in failure.text


def test_one_suite_per_backlog_file():
    result = combine([
        audited(REGISTRY + "items:\n" + TRACED, "plans/a.yaml"),
        audited("- id: X\n  title: Dark mode\n- id: Y\n  title: Light mode\n", "plans/b.yaml"),
    ])
    xml = parse(result)
    assert [(s.name, s._elem.get("package"), s.tests, s.failures) for s in xml] == [("a_yaml", "plans", 1, 0),
                                                                      ("b_yaml", "plans", 2, 2)]
    assert {case.classname for case in list(xml)[1]} == {"plans.b_yaml"}


def test_control_characters_cannot_break_the_xml():
    result = audited('- id: A\n  title: "bell \\a and escape \\e"\n', "c.yaml")
    (suite,) = list(parse(result))
    assert {p.name: p.value for p in suite.properties()}["A.title"] == "bell \ufffd and escape \ufffd"


def test_no_line_can_start_a_workflow_command():
    xml = junit.render(CASES["hostile text"](), View())
    assert not [line for line in xml.splitlines() if line.lstrip().startswith("::")]
    (suite,) = list(JUnitXml.fromstring(xml))
    (case,) = list(suite)
    assert case.name == "::error::x"  # read back unchanged
    title = {p.name: p.value for p in suite.properties()}["::error::x.title"]
    assert title == "a\n::stop-commands::t\n  ::error::b \ufffd"


def test_an_empty_backlog_is_an_empty_suite():
    xml = parse(audited("[]\n", "empty.yaml"))
    assert [(s.name, s.tests, s.failures) for s in xml] == [("empty_yaml", 0, 0)]


def test_unknown_fail_on_is_a_programming_error():
    with pytest.raises(ValueError, match="fail_on"):
        junit.render(fixture_result(), View(fail_on="sometimes"))
