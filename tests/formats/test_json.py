"""The JSON shape is documented and stable: these keys are a promise to CI scripts."""

from __future__ import annotations

import json

from breadline.formats import Format, View
from tests.conftest import REGISTRY, TRACED, run_audit

RESULT_KEYS = {"schema_version", "tool", "paths", "settings", "summary", "items", "findings"}
ITEM_KEYS = {"id", "title", "position", "score", "verdict", "traced", "via", "missing", "best_fix", "customer",
             "customer_pays", "points",
             "labels", "type", "status", "url", "inferred_only", "confidence", "hinted_by", "links", "findings"}
LINK_KEYS = {"name", "weight", "strength", "points", "reason", "codes", "quote", "inferred", "certainty", "signal",
             "via"}
FINDING_KEYS = {"code", "name", "severity", "message", "item", "position", "link", "cap", "quote", "waived"}


def render(text: str) -> dict:
    return json.loads(Format.JSON.renderer()(run_audit(text), View()))


def test_shape_of_the_whole_result():
    data = render(REGISTRY + "items:\n" + TRACED + "  - id: B\n    title: b\n    serves: [PAY-1, X-9]\n  - id: C\n    title: c\n")
    assert set(data) == RESULT_KEYS
    assert data["schema_version"] == 1
    assert data["tool"]["name"] == "breadline"
    assert set(data["summary"]) == {"items", "points", "unestimated", "dropped", "verdicts", "headline"}
    assert set(data["summary"]["verdicts"]) == {"on-line", "weak", "superfluous"}
    for item in data["items"]:
        assert set(item) == ITEM_KEYS
        assert [link["name"] for link in item["links"]] == ["who", "problem", "evidence", "next"]
        for link in item["links"]:
            assert set(link) == LINK_KEYS
        for finding in item["findings"]:
            assert set(finding) == FINDING_KEYS
    assert data["settings"]["weights"] == {"who": 40, "problem": 25, "evidence": 20, "next": 15}


def test_positions_point_into_the_file():
    data = render(REGISTRY + "items:\n" + TRACED + "  - id: B\n    title: b\n    serves: X-9\n")
    pay, b = data["items"]
    assert pay["position"] == {"path": "backlog.yaml", "line": 7, "column": 5}
    unknown = next(f for f in b["findings"] if f["code"] == "BL601")
    assert unknown["position"]["line"] == 16  # the `serves:` line


def test_values_of_a_traced_enabler():
    data = render(REGISTRY + "items:\n" + TRACED + "  - id: B\n    title: b\n    serves: PAY-1\n")
    b = data["items"][1]
    assert (b["score"], b["verdict"], b["traced"], b["via"]) == (100, "on-line", True, "PAY-1")
    assert all(link["via"] == "PAY-1" for link in b["links"])


def test_findings_carry_link_cap_and_quote():
    data = render(REGISTRY + "items:\n  - id: A\n    title: a\n    customer: globex\n")
    finding = next(f for f in data["items"][0]["findings"] if f["code"] == "BL103")
    assert finding["link"] == "who" and finding["cap"] == 0.2 and finding["quote"] == "globex"
    assert finding["severity"] == "error" and finding["waived"] is None


def test_output_validates_against_the_shipped_schema(cli):
    import jsonschema

    from tests.conftest import ROOT

    schema = json.loads(cli("schema").stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in (ROOT / "examples" / "sprint.yaml", ROOT / "tests" / "data" / "formats" / "backlog.yaml",
                 ROOT / "tests" / "data" / "labelled" / "backlog.yaml"):
        data = json.loads(cli("audit", "-f", "json", "--all", path).stdout)
        errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_schema_catches_a_broken_shape(cli):
    import jsonschema

    schema = json.loads(cli("schema").stdout)
    data = render(REGISTRY + "items:\n" + TRACED)
    data["items"][0]["verdict"] = "maybe"
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data))
