"""`breadline audit` (and `explain`) reading tracker exports directly, detected or named with --from."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from breadline.cli import app
from breadline.sources import load_backlog
from tests.importers.conftest import EXPORTS, sample


@pytest.fixture
def copy(isolated):
    def _copy(name: str) -> str:
        shutil.copy(sample(name), isolated / name)
        return name

    return _copy


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_audit_reads_every_sample_export(cli, copy, name):
    result = cli("audit", "--all", "-f", "json", copy(name))
    assert result.exit_code in (0, 1), result.stderr
    document = json.loads(result.stdout)
    assert document["paths"] == [name] and document["items"]
    for item in document["items"]:
        assert item["position"]["path"] == name and item["position"]["line"] >= 1


def test_findings_point_at_the_row_and_link_back_to_the_tracker(cli, copy):
    result = cli("audit", "-f", "github", copy("jira-cloud.csv"))
    assert result.exit_code == 1
    line = next(number for number, text in enumerate(open(sample("jira-cloud.csv"), encoding="utf-8-sig"), 1)
                if text.startswith("Dark mode for the web app,UI-9,"))
    assert f"::error file=jira-cloud.csv,line={line},col=1,title=breadline%3A UI-9 superfluous" in result.stdout
    document = json.loads(cli("audit", "--all", "-f", "json", copy("github-gh.json")).stdout)
    urls = {item["id"]: item["url"] for item in document["items"]}
    assert urls["#231"] == "https://github.com/ledgerly/ledgerly/issues/231"


def test_an_enabler_traces_through_the_item_it_blocks(cli, copy):
    document = json.loads(cli("audit", "--all", "-f", "json", copy("jira-search.json")).stdout)
    items = {item["id"]: item for item in document["items"]}
    assert items["PAY-202"]["via"] == "PAY-201" and items["PAY-202"]["traced"]


def test_explain_an_item_of_an_export(cli, copy):
    result = cli("explain", "#232", copy("github-gh.json"))
    assert result.exit_code == 0, result.stderr
    assert "#232" in result.stdout and "github-gh.json:1:" in result.stdout


def test_from_forces_the_format(cli, copy, isolated):
    (isolated / "issues.txt").write_bytes(open(sample("gitlab-issues.csv"), "rb").read())
    assert cli("audit", "--from", "gitlab", "issues.txt").exit_code in (0, 1)
    forced = cli("audit", "--from", "yaml", copy("linear-export.csv"))
    assert forced.exit_code == 2 and ("invalid YAML" in forced.stderr or "expected a list" in forced.stderr)
    unknown = cli("audit", "--from", "bugzilla", "issues.txt")
    assert unknown.exit_code == 2 and "unknown --from 'bugzilla'" in unknown.stderr


def test_exports_and_yaml_backlogs_in_one_run(cli, copy, isolated):
    (isolated / "backlog.yaml").write_text("- id: A-1\n  title: Dark mode\n", encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", "backlog.yaml", copy("linear-export.csv"))
    document = json.loads(result.stdout)
    assert document["paths"] == ["backlog.yaml", "linear-export.csv"]
    assert {item["id"] for item in document["items"]} >= {"A-1", "REC-41"}


def test_standard_input(isolated):
    data = open(sample("github-rest.json"), "rb").read()
    result = CliRunner().invoke(app, ["audit", "--all", "-f", "json", "-"], input=data, env={"NO_COLOR": "1"})
    assert result.exit_code in (0, 1), result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["#245", "#246", "#244"]


def test_broken_exports_are_one_line_errors(cli, copy):
    for name, message in (("jira-broken.csv", "jira-broken.csv:3:1: a quoted cell"),
                          ("jira-truncated.json", "jira-truncated.json:")):
        result = cli("audit", copy(name))
        assert result.exit_code == 2 and result.stderr.startswith(f"breadline: error: {message}")


def test_an_unrecognised_csv_says_so_instead_of_a_yaml_error(cli, isolated):
    (isolated / "export.csv").write_text("Key,Title,Owner\nA-1,\"a: b\",c\n", encoding="utf-8")
    result = cli("audit", "export.csv")
    assert result.exit_code == 2 and "is a CSV file breadline does not recognise" in result.stderr


def test_yaml_backlogs_are_read_as_before(isolated):
    (isolated / "backlog.yaml").write_text("- id: A-1\n  title: a\n", encoding="utf-8")
    assert [item.id for item in load_backlog("backlog.yaml").items] == ["A-1"]
    assert [item.id for item in load_backlog("x", "yaml", b"- id: B-2\n  title: b\n").items] == ["B-2"]


def test_a_yaml_file_that_only_starts_like_a_csv_header_is_still_yaml(isolated):
    (isolated / "odd.yaml").write_text("[{title: 'Summary,Issue key,Issue id'}]\n", encoding="utf-8")
    assert load_backlog("odd.yaml").items[0].title == "Summary,Issue key,Issue id"
    # The first line reads as a Jira header; the CSV reader then fails, and the YAML it is wins.
    (isolated / "fallback.yaml").write_text("Summary, Issue key, Issue id: notes\nitems:\n  - title: a, b, c, d, e\n",
                                            encoding="utf-8")
    assert [item.title for item in load_backlog("fallback.yaml").items] == ["a, b, c, d, e"]


def test_the_configuration_beside_the_export_maps_its_fields(cli, copy, isolated):
    (isolated / "breadline.yaml").write_text("tracker:\n  fields: {Environment: problem}\n", encoding="utf-8")
    document = json.loads(cli("audit", "--all", "-f", "json", copy("jira-cloud.csv")).stdout)
    problem = next(link for item in document["items"] if item["id"] == "PAY-110"
                   for link in item["links"] if link["name"] == "problem")
    assert problem["quote"] == "Chrome 130, Windows 11" and not problem["inferred"]


def test_audit_config_tracker_fields_apply_to_an_export(tmp_path):
    """`--config` with `tracker.fields` reaches the export the audit reads."""
    import json as _json

    from typer.testing import CliRunner

    from breadline.cli import app

    export = tmp_path / "gh.json"
    export.write_text(_json.dumps([{"number": 1, "title": "Bulk export", "body": "### Account\nAcme Logistics\n",
                                    "labels": [], "state": "OPEN", "url": "https://github.com/o/r/issues/1"}]))
    config = tmp_path / "elsewhere.yaml"
    config.write_text("tracker:\n  fields:\n    Account: customer\n")
    runner = CliRunner()
    plain = _json.loads(runner.invoke(app, ["audit", "-f", "json", str(export)]).stdout)
    mapped = _json.loads(runner.invoke(app, ["audit", "-f", "json", "--config", str(config), str(export)]).stdout)
    assert plain["items"][0]["links"][0]["quote"] != "Acme Logistics"
    assert mapped["items"][0]["links"][0]["quote"] == "Acme Logistics"
