"""SARIF: valid against the official 2.1.0 schema, with the whole catalogue and one result per finding."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from breadline import __version__
from breadline.formats import View
from breadline.formats import sarif
from breadline.rules import RULES
from tests.conftest import REGISTRY, TRACED, run_audit
from tests.formats.fixture import fixture_result

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "data" / "sarif" / "sarif-schema-2.1.0.json"
"""The official OASIS schema, kept in the repository (tests/data/sarif/SOURCE.md says where from)."""


@pytest.fixture(scope="module")
def validator():
    if not SCHEMA_PATH.is_file():
        pytest.fail(f"the SARIF 2.1.0 schema is missing: expected it at {SCHEMA_PATH}")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def render(result, **view) -> dict:
    return json.loads(sarif.render(result, View(**view)))


def assert_valid(validator, log: dict) -> None:
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in errors)


@pytest.mark.parametrize("fail_on", ["superfluous", "weak", "never"])
def test_fixture_is_valid_sarif(validator, fail_on):
    assert_valid(validator, render(fixture_result(), fail_on=fail_on))


def test_a_clean_backlog_is_valid_sarif_with_no_results(validator):
    log = render(run_audit(REGISTRY + "items:\n" + TRACED))
    assert_valid(validator, log)
    assert log["runs"][0]["results"] == []


def test_the_schema_rejects_what_it_should(validator):
    """Guards the guard: a broken log must not pass."""
    log = render(fixture_result())
    del log["runs"][0]["tool"]["driver"]["name"]
    assert list(validator.iter_errors(log))


def test_driver_lists_the_whole_catalogue_in_code_order():
    log = render(fixture_result())
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert log["version"] == "2.1.0"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("breadline", __version__)
    assert driver["informationUri"].startswith("https://")
    assert [rule["id"] for rule in driver["rules"]] == list(RULES)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    for entry, rule in zip(driver["rules"], RULES.values()):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.summary
        assert entry["fullDescription"]["text"] == rule.why
        assert rule.fix in entry["help"]["text"]
        assert rule.bad.strip() in entry["help"]["text"] and rule.good.strip() in entry["help"]["text"]
        assert entry["defaultConfiguration"]["level"] == levels[rule.severity]
        assert entry["properties"]["family"] == rule.family
        assert entry["properties"].get("link") == rule.link
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": True}]


def test_one_result_per_finding_item_and_file_alike():
    result = fixture_result()
    run = render(result)["runs"][0]
    expected = [(f.code, f.item_id) for row in result.items for f in row.findings]
    expected += [(f.code, None) for f in result.findings]
    assert [(r["ruleId"], r.get("properties", {}).get("item")) for r in run["results"]] == expected
    for entry in run["results"]:
        assert run["tool"]["driver"]["rules"][entry["ruleIndex"]]["id"] == entry["ruleId"]


def test_result_message_location_and_properties():
    run = render(fixture_result())["runs"][0]
    entry = next(r for r in run["results"] if r["ruleId"] == "BL601")
    assert entry["level"] == "error"  # REF-3 is superfluous: it fails the run
    assert entry["message"]["text"] == ("REF-3 (Refactor the billing module): "
                                        "serves 'PAY-999', but no item has that id")
    physical = entry["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"] == {"uri": "tests/data/formats/backlog.yaml", "uriBaseId": "%SRCROOT%"}
    assert physical["region"] == {"startLine": 40, "startColumn": 5}
    assert entry["properties"] == {"item": "REF-3", "score": 0, "verdict": "superfluous", "inferredOnly": False,
                                   "confidence": "high", "readings": []}
    info = next(r for r in run["results"] if r["ruleId"] == "BL303")
    assert info["level"] == "note"


def test_file_finding_has_no_item():
    run = render(fixture_result())["runs"][0]
    entry = run["results"][-1]
    assert entry["ruleId"] == "BL901"
    assert entry["message"]["text"].startswith("unknown top-level key 'custmers'")
    assert "properties" not in entry
    assert entry["locations"][0]["physicalLocation"]["region"] == {"startLine": 8, "startColumn": 1}


def test_waived_finding_is_suppressed_with_its_reason_and_keeps_its_level():
    run = render(fixture_result())["runs"][0]
    waived = [r for r in run["results"] if "suppressions" in r]
    assert len(waived) == 1
    (entry,) = waived
    assert entry["ruleId"] == "BL301" and entry["properties"]["item"] == "EU-4"
    assert entry["level"] == "warning"  # EU-4 is weak: its findings weaken it, they do not fail the run
    assert entry["suppressions"] == [{"kind": "inSource", "justification": "new market, approved by Dana"}]


def test_fingerprints_are_stable_distinct_and_ignore_lines():
    first = [r["partialFingerprints"] for r in render(fixture_result())["runs"][0]["results"]]
    again = [r["partialFingerprints"] for r in render(fixture_result())["runs"][0]["results"]]
    assert first == again
    values = [next(iter(p.values())) for p in first]
    assert len(set(values)) == len(values)
    assert all(len(v) == 64 and int(v, 16) >= 0 for v in values)

    moved = run_audit(REGISTRY + "items:\n" + TRACED + "  - id: B\n    title: b\n")
    shifted = run_audit(REGISTRY + "\n\nitems:\n" + TRACED + "  - id: B\n    title: b\n")
    prints = [[r["partialFingerprints"] for r in render(r)["runs"][0]["results"]] for r in (moved, shifted)]
    assert prints[0] == prints[1]


def test_non_ascii_survives():
    run = render(fixture_result())["runs"][0]
    texts = [r["message"]["text"] for r in run["results"] if r.get("properties", {}).get("item") == "ESC-1"]
    assert texts and all(t.startswith("ESC-1 (Überweisung café 🧾: 100% \"fast\"") for t in texts)
    assert "Überweisung" in sarif.render(fixture_result(), View())  # not \u-escaped


@pytest.mark.parametrize(("path", "uri"), [
    ("backlog.yaml", "backlog.yaml"),
    ("plans/q4 backlog.yaml", "plans/q4%20backlog.yaml"),
    ("plans\\q4.yaml", "plans/q4.yaml"),
    ("a:b.yaml", "a%3Ab.yaml"),
    ("/srv/plans/backlog.yaml", "file:///srv/plans/backlog.yaml"),
    ("C:\\plans\\backlog.yaml", "file:///C:/plans/backlog.yaml"),
])
def test_artifact_uris(path, uri):
    assert sarif.artifact_uri(path) == uri


STREAM_CASES = {
    "nothing to report": REGISTRY + "items:\n" + TRACED,
    "only a file finding": REGISTRY + "custmers: {}\nitems:\n" + TRACED,
    "items and the file": "custmers: {}\nitems:\n  - id: A\n    title: Make it pop\n  - id: B\n    title: Another\n",
    "no items": "items: []\n",
}


@pytest.mark.parametrize("case", STREAM_CASES)
def test_streamed_log_holds_what_the_whole_document_holds(validator, case):
    result = run_audit(STREAM_CASES[case])
    text = sarif.render(result, View())
    assert json.loads(text) == sarif.to_dict(result)
    assert_valid(validator, json.loads(text))
    assert text.endswith("}\n")


def test_one_result_per_line_in_an_indented_log():
    text = sarif.render(fixture_result(), View())
    lines = text.splitlines()
    results = [line for line in lines if line.startswith('        {"ruleId": ')]
    assert len(results) == len(json.loads(text)["runs"][0]["results"]) > 3
    assert lines[1] == '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",'


def test_a_large_log_is_the_same_on_two_cores(monkeypatch):
    from breadline import parallel

    result = fixture_result()
    monkeypatch.setenv("BREADLINE_JOBS", "1")
    alone = sarif.render(result, View())
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setenv("BREADLINE_JOBS", "2")
    assert sarif.render(result, View()) == alone


# -- what GitHub code scanning reads -------------------------------------------------------------


def test_driver_and_rules_carry_what_code_scanning_shows():
    run = render(fixture_result())["runs"][0]
    driver = run["tool"]["driver"]
    assert driver["semanticVersion"] == __version__
    for entry, rule in zip(driver["rules"], RULES.values()):
        assert entry["helpUri"].startswith("https://")
        assert rule.fix in entry["help"]["markdown"] and "```yaml" in entry["help"]["markdown"]
        properties = entry["properties"]
        assert properties["precision"] in ("very-high", "high", "medium", "low")
        assert properties["problem.severity"] in ("error", "warning", "recommendation")
        assert 0 < len(properties["tags"]) <= sarif.MAX_TAGS and all(isinstance(t, str) for t in properties["tags"])
    assert run["automationDetails"] == {"id": "breadline/"}
    assert "%SRCROOT%" in run["originalUriBaseIds"]


@pytest.mark.parametrize(("fail_on", "levels"), [
    ("superfluous", {"superfluous": {"error"}, "weak": {"warning"}}),
    ("weak", {"superfluous": {"error"}, "weak": {"error"}}),
    ("never", {"superfluous": {"warning"}, "weak": {"warning"}}),
])
def test_level_follows_the_verdict_so_code_scanning_agrees_with_the_exit_code(fail_on, levels):
    run = render(fixture_result(), fail_on=fail_on)["runs"][0]
    seen: dict[str, set[str]] = {}
    for entry in run["results"]:
        verdict = entry.get("properties", {}).get("verdict")
        if verdict and RULES[entry["ruleId"]].severity != "info":
            seen.setdefault(verdict, set()).add(entry["level"])
    assert {k: v for k, v in seen.items() if k in levels} == levels
    assert all(e["level"] == "note" for e in run["results"] if RULES[e["ruleId"]].severity == "info")
    on_line = [e for e in run["results"] if e.get("properties", {}).get("verdict") == "on-line"]
    assert all(e["level"] != "error" for e in on_line)


def test_the_same_id_in_two_files_gets_two_fingerprints():
    from breadline.audit import audit, combine
    from breadline.load import load_text

    text = "- id: A\n  title: Dark mode\n"
    one = render(audit(load_text(text, "a.yaml")))["runs"][0]["results"]
    both = render(combine([audit(load_text(text, name)) for name in ("a.yaml", "b.yaml")]))["runs"][0]["results"]
    prints = [r["partialFingerprints"]["breadline/v2"] for r in both]
    assert len(both) == 2 * len(one)
    assert len(set(prints)) == len(prints), "the path is part of the fingerprint"


def test_rewording_an_item_keeps_its_fingerprints():
    before = run_audit("- id: A\n  title: Dark mode\n")
    after = run_audit("- id: A\n  title: Dark mode for the calendar, at night\n")
    prints = [[r["partialFingerprints"] for r in render(r)["runs"][0]["results"]] for r in (before, after)]
    assert prints[0] == prints[1]


def test_a_run_over_the_limit_keeps_the_most_severe_and_says_how_many_were_cut(validator, monkeypatch):
    monkeypatch.setattr(sarif, "MAX_RESULTS", 12)
    weak = "".join(f"  - id: W-{n}\n    title: w\n    customer: acme\n" for n in range(10))
    off = "".join(f"  - id: S-{n}\n    title: Dark mode {n}\n" for n in range(3))
    result = run_audit(REGISTRY + "custmers: {}\nitems:\n" + weak + off)
    total = sum(len(row.findings) for row in result.items) + len(result.findings)
    assert total > 12
    for log in (render(result), sarif.to_dict(result)):
        assert_valid(validator, log)
        run = log["runs"][0]
        assert len(run["results"]) == 12
        errors_in_result = sum(sarif.level(f, row, "superfluous") == "error" for row in result.items for f in row.findings)
        assert sum(r["level"] == "error" for r in run["results"]) == min(errors_in_result, 11)
        assert run["results"][-1]["ruleId"] == "BL901"  # the file's own finding is always kept
        assert run["properties"] == {"cutResults": total - 12, "maxResults": 12}
        (note,) = run["invocations"][0]["toolExecutionNotifications"]
        assert f"{total - 12:,} of {total:,} findings were left out" in note["message"]["text"]
    assert json.loads(sarif.render(result, View())) == sarif.to_dict(result)


def test_the_limits_are_githubs():
    assert sarif.MAX_RESULTS <= 25_000  # GitHub rejects more; it keeps the top 5,000
    assert sarif.MAX_TAGS <= 20


def test_a_long_message_is_cut():
    result = run_audit(f"- id: A\n  title: {'x' * 5000}\n")
    assert all(len(r["message"]["text"]) <= sarif.MAX_MESSAGE for r in render(result)["runs"][0]["results"])


def test_with_a_baseline_every_result_is_new():
    run = render(fixture_result(), baseline=True)["runs"][0]
    assert {r["baselineState"] for r in run["results"]} == {"new"}
    assert all("baselineState" not in r for r in render(fixture_result())["runs"][0]["results"])


def test_standard_input_has_no_location():
    from breadline.audit import audit
    from breadline.load import load_text

    run = render(audit(load_text("- id: A\n  title: Dark mode\n", "<stdin>")))["runs"][0]
    assert run["results"] and all("locations" not in r for r in run["results"])
