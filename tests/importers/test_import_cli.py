"""`breadline import`, driven the way users run it."""

from __future__ import annotations

import shutil

import pytest
import yaml
from typer.testing import CliRunner

from breadline.cli import app
from breadline.load import load_text
from tests.importers.conftest import EXPORTS, sample


@pytest.fixture
def copy(isolated):
    """Copy a sample export into the isolated working folder and return its name."""

    def _copy(name: str) -> str:
        shutil.copy(sample(name), isolated / name)
        return name

    return _copy


def test_help_explains_the_options(cli):
    result = cli("import", "--help")
    assert result.exit_code == 0
    for option in ("--output", "--force", "--from", "--map", "--status", "--sprint", "--url", "--config"):
        assert option in result.stdout
    assert "jira-csv, jira-json, github, gitlab, linear, azure-devops, redmine, youtrack, pivotal or trello; csv for any other CSV" in " ".join(
        result.stdout.split())
    assert "import" in cli("--help").stdout


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_prints_a_backlog_to_stdout_and_the_count_to_stderr(cli, copy, name):
    result = cli("import", copy(name))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("# Imported by breadline")
    backlog = load_text(result.stdout, "backlog.yaml")
    assert backlog.items
    assert f"{len(backlog.items)} of " in result.stderr and "became items" in result.stderr
    assert "Traceback" not in result.stderr


def test_writes_the_file_and_refuses_to_overwrite_it_without_force(cli, copy, isolated):
    name = copy("jira-cloud.csv")
    result = cli("import", name, "-o", "backlog.yaml")
    assert result.exit_code == 0 and result.stdout == ""
    assert "Wrote backlog.yaml. Next: breadline audit backlog.yaml" in result.stderr
    written = (isolated / "backlog.yaml").read_text(encoding="utf-8")
    again = cli("import", name, "-o", "backlog.yaml")
    assert again.exit_code == 2
    assert "breadline: error: backlog.yaml already exists; use --force to replace it" in again.stderr
    (isolated / "backlog.yaml").write_text("changed", encoding="utf-8")
    assert cli("import", name, "-o", "backlog.yaml", "--force").exit_code == 0
    assert (isolated / "backlog.yaml").read_text(encoding="utf-8") == written
    assert not [p for p in isolated.iterdir() if p.name.startswith(".breadline-")]   # no temporary file left


def test_never_overwrites_the_export_itself(cli, copy, isolated):
    name = copy("linear-export.csv")
    result = cli("import", name, "-o", name, "--force")
    assert result.exit_code == 2 and "is the export itself" in result.stderr
    assert (isolated / name).read_bytes() == open(sample(name), "rb").read()


def test_output_dash_is_stdout(cli, copy):
    result = cli("import", copy("github-gh.json"), "-o", "-")
    assert result.exit_code == 0 and result.stdout.startswith("# Imported")


def test_reads_standard_input(isolated):
    data = open(sample("gitlab-issues.csv"), "rb").read()
    result = CliRunner().invoke(app, ["import", "-"], input=data, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    assert "<stdin> (GitLab CSV): 4 of 4 rows became items." in result.stderr
    assert "id: '#87'" in result.stdout


def test_status_and_sprint_filters_say_what_they_left_out(cli, copy):
    result = cli("import", copy("jira-cloud.csv"), "--status", "open", "--sprint", "PAY Sprint 47")
    assert result.exit_code == 0
    ids = [item["id"] for item in yaml.safe_load(result.stdout)["items"]]
    assert ids == ["PAY-101", "PAY-102", "PAY-103", "PAY-110", "PAY-111", "UI-9", "GRW-31"]
    assert "7 of 9 rows became items, 2 skipped." in result.stderr
    assert "skipped 1: status 'Done' (--status open) (PLAT-318)" in result.stderr
    assert "skipped 1: sprint 'none' (--sprint PAY Sprint 47) (PAY-100)" in result.stderr


def test_status_by_name_and_several_values(cli, copy):
    result = cli("import", copy("jira-cloud.csv"), "--status", "to do,Done")
    ids = [item["id"] for item in yaml.safe_load(result.stdout)["items"]]
    assert ids == ["PAY-102", "PAY-103", "PAY-111", "UI-9", "GRW-31", "PLAT-318"]


def test_current_sprint_where_the_export_knows_it(cli, copy):
    result = cli("import", copy("jira-search.json"), "--sprint", "current")
    assert [i["id"] for i in yaml.safe_load(result.stdout)["items"]] == ["PAY-201", "PAY-202", "PAY-203"]


def test_current_sprint_where_the_export_cannot_say(cli, copy):
    result = cli("import", copy("jira-cloud.csv"), "--sprint", "current")
    assert result.exit_code == 2
    assert "does not say which sprint is running; name it (sprints in this export: 'PAY Sprint 46', " \
           "'PAY Sprint 47')" in result.stderr


def test_current_linear_cycle_from_its_dates(cli, isolated):
    (isolated / "linear.csv").write_text(
        "ID,Team,Title,Status,Estimate,Cycle Name,Cycle Start,Cycle End\n"
        "ENG-1,Core,Running,Todo,1,Cycle 9,2000-01-01,2999-12-31\n"
        "ENG-2,Core,Over,Done,1,Cycle 8,1999-01-01,1999-12-31\n", encoding="utf-8")
    result = cli("import", "linear.csv", "--sprint", "current")
    assert [i["id"] for i in yaml.safe_load(result.stdout)["items"]] == ["ENG-1"]


def test_nothing_left_is_said(cli, copy):
    result = cli("import", copy("github-gh.json"), "--status", "In Review")
    assert result.exit_code == 0
    assert yaml.safe_load(result.stdout)["items"] == []
    assert "No items: nothing in the export passed the filters." in result.stderr


def test_map_and_url_options(cli, copy):
    result = cli("import", copy("jira-cloud.csv"), "--map", "Environment=problem", "--map", "Customer=ignore",
                 "--url", "https://ledgerly.atlassian.net/browse/{id}")
    items = {i["id"]: i for i in yaml.safe_load(result.stdout)["items"]}
    assert items["PAY-110"]["problem"] == "Chrome 130, Windows 11"
    assert "customer" not in items["PAY-101"]
    assert items["UI-9"]["url"] == "https://ledgerly.atlassian.net/browse/UI-9"


@pytest.mark.parametrize("args, message", [
    (["--map", "Customer"], "--map 'Customer' must be SOURCE=FIELD"),
    (["--map", "Customer=custmer"], "did you mean 'customer'"),
    (["--map", "Custmer=customer"], "'Custmer' is not a column, field or section heading of jira-cloud.csv"),
    (["--url", "ledgerly/{id}"], "--url 'ledgerly/{id}' must be a web address with {id} in it"),
    (["--url", "https://ledgerly.atlassian.net/browse/"], "must be a web address with {id} in it"),
    (["--from", "jra-csv"], "unknown --from 'jra-csv' (did you mean 'jira-csv'?)"),
    (["--from", "github"], "jira-cloud.csv:1:1: is not JSON, which a GitHub JSON export is"),
    (["--from", "linear"], "is not a Linear CSV export: it has no 'Title' column"),
    (["--from", "yaml"], "is already a breadline backlog (YAML): audit it directly"),
])
def test_usage_and_input_errors_exit_2_in_one_line(cli, copy, args, message):
    result = cli("import", copy("jira-cloud.csv"), *args)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("breadline: error: ")
    assert result.stdout == ""


@pytest.mark.parametrize("name, where, message", [
    ("jira-broken.csv", ":3:1:", "a quoted cell in the row starting on line 3 is never closed"),
    ("jira-truncated.json", ":", "invalid JSON: "),
])
def test_broken_exports_exit_2_naming_file_and_line(cli, copy, name, where, message):
    result = cli("import", copy(name))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"breadline: error: {name}{where}") and message in result.stderr


@pytest.mark.parametrize("content, message", [
    ("Key,Title,Owner\nA-1,a,b\n", "is a CSV file breadline does not recognise (columns: Key, Title, Owner)"),
    ("- title: a\n", "is already a breadline backlog: audit it directly"),
    ("just some words\n", "is not a tracker export breadline recognises"),
    ("<html><body><table></table></body></html>", "is an HTML page, not an export"),
])
def test_files_that_are_no_known_export(cli, isolated, content, message):
    (isolated / "export.csv").write_text(content, encoding="utf-8")
    result = cli("import", "export.csv")
    assert result.exit_code == 2 and message in result.stderr


def test_missing_file_and_directory(cli, isolated):
    assert "export.csv: no such file" in cli("import", "export.csv").stderr
    assert cli("import", str(isolated)).exit_code == 2


def test_configuration_mapping_is_used_and_the_command_line_adds_to_it(cli, copy, isolated):
    (isolated / "breadline.yaml").write_text(
        "tracker:\n  fields: {Environment: problem}\n  url: https://ledgerly.atlassian.net/browse/{id}\n",
        encoding="utf-8")
    result = cli("import", copy("jira-cloud.csv"), "--map", "Custom field (Customer)=ignore")
    items = {i["id"]: i for i in yaml.safe_load(result.stdout)["items"]}
    assert items["PAY-110"]["problem"] == "Chrome 130, Windows 11"
    assert items["PAY-110"]["url"] == "https://ledgerly.atlassian.net/browse/PAY-110"
    assert "customer" not in items["PAY-110"]
    assert cli("import", "jira-cloud.csv", "--url", "https://x.example/{id}").stdout.count("https://x.example/") == 9


def test_a_bad_configuration_is_exit_2(cli, copy, isolated):
    (isolated / "breadline.yaml").write_text("tracker: {fields: {Customer: custmer}}\n", encoding="utf-8")
    result = cli("import", copy("jira-cloud.csv"))
    assert result.exit_code == 2 and "breadline.yaml: `tracker.fields` 'Customer' maps to 'custmer'" in result.stderr


def test_devices_and_pipes_are_written_to_never_replaced(isolated):
    import os

    from breadline.commands.importing import _is_special

    os.mkfifo(isolated / "pipe")
    (isolated / "file.yaml").write_text("x", encoding="utf-8")
    assert _is_special(str(isolated / "pipe")) and _is_special(os.devnull)
    assert not _is_special(str(isolated / "file.yaml")) and not _is_special(str(isolated / "none.yaml"))
    assert not _is_special(str(isolated))


def test_an_unwritable_destination_is_exit_2(cli, copy):
    result = cli("import", copy("linear-export.csv"), "-o", "no/such/folder/backlog.yaml")
    assert result.exit_code == 2 and "cannot write here" in result.stderr
