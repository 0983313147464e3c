"""The command line, driven in-process the way users run it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from breadline import __version__
from breadline.cli import app
from breadline.rules import RULES
from tests.conftest import REGISTRY, TRACED

CLEAN = REGISTRY + "items:\n" + TRACED.replace("2026-10-02", "{today}")
MIXED = CLEAN + "  - id: UX-1\n    title: Dark mode [for the demo]\n    points: 3\n"


@pytest.fixture
def clean(write):
    import datetime as dt

    return write(CLEAN.replace("{today}", dt.date.today().isoformat()))


@pytest.fixture
def mixed(write):
    import datetime as dt

    return write(MIXED.replace("{today}", dt.date.today().isoformat()))


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"breadline {__version__}"


@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_lists_the_commands(cli, flag):
    result = cli(flag)
    assert result.exit_code == 0
    for command in ("audit", "explain", "rules", "init"):
        assert command in result.stdout


def test_no_arguments_shows_help(cli):
    result = cli()
    assert "audit" in result.stdout + result.stderr
    assert result.exit_code in (0, 2)


def test_clean_audit_exits_0(cli, clean):
    result = cli("audit", clean)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""  # nothing superfluous to list
    assert "0% of the points (0 of 5) are superfluous" in result.stderr


def test_superfluous_items_exit_1_with_the_table_on_stdout(cli, mixed):
    result = cli("audit", mixed)
    assert result.exit_code == 1
    assert "UX-1" in result.stdout and "Dark mode [for the demo]" in result.stdout
    assert "PAY-1" not in result.stdout
    flat = " ".join(result.stdout.split())
    # the verdict's cell says how sure it is on its second line, beside the reason's second line
    assert "0 superfluous BL501 procedure-motive ‘for the demo’; missing problem, sure evidence, next" in flat
    assert "superfluous" in result.stdout


def test_summary_goes_to_stderr_not_stdout(cli, mixed):
    result = cli("audit", mixed)
    assert "38% of the points (3 of 8, in 1 item) are superfluous" in result.stderr
    assert "of the points" not in result.stdout


def test_all_lists_every_item(cli, mixed):
    result = cli("audit", "--all", mixed)
    assert "PAY-1" in result.stdout and "UX-1" in result.stdout
    assert "on the line" in result.stdout


def test_piped_output_has_no_escape_codes(cli, mixed):
    result = cli("audit", "--all", mixed, env={"NO_COLOR": ""})
    assert "\x1b[" not in result.stdout
    assert "\x1b[" not in result.stderr


def test_threshold_option(cli, write):
    path = write(REGISTRY + "items:\n  - id: A\n    title: a\n    customer: acme\n    problem: p\n")
    assert cli("audit", path).exit_code == 0  # 65: weak, not superfluous
    assert cli("audit", "--threshold", "70", path).exit_code == 1
    bad = cli("audit", "--threshold", "170", path)
    assert bad.exit_code == 2


def test_json_is_the_whole_result_on_stdout(cli, mixed):
    result = cli("audit", "--format", "json", mixed)
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["summary"]["verdicts"]["superfluous"] == {"items": 1, "points": 3.0}
    assert [i["id"] for i in data["items"]] == ["PAY-1", "UX-1"]


def test_unknown_format_is_a_usage_error(cli, mixed):
    result = cli("audit", "--format", "xml", mixed)
    assert result.exit_code == 2
    assert "xml" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "file is empty"),
        ("- title: [\n", "invalid YAML"),
        ("hello\n", "expected a list of items"),
        ("- 3\n", "item 1 must be a mapping"),
        ("- id: A\n", "item 'A' has no `title:`"),
        ("- id: A\n  title: a\n- id: A\n  title: b\n", "duplicate id 'A'"),
        ("- id: A\n  title: a\n  points: three\n", "must be a number"),
        (b"- title: caf\xe9\n", "not UTF-8"),
        ("- !!python/object/apply:os.system ['echo pwned']\n", "is not allowed"),
        ("- id: A\n  title: a\n  title: b\n", "duplicate key 'title'"),
        (b"\x00\x01\x02binary", "binary"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_file(cli, write, content, expected):
    path = write(content)
    result = cli("audit", path)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"breadline: error: {path}")
    assert expected in lines[0]
    assert "Traceback" not in result.stderr


def test_missing_file_and_directory_exit_2(cli, tmp_path):
    for target, expected in ((tmp_path / "none.yaml", "no such file"), (tmp_path, "is a directory")):
        result = cli("audit", target)
        assert result.exit_code == 2
        assert expected in result.stderr


def test_errors_name_line_and_column(cli, write):
    path = write("- id: A\n  title: a\n  points: three\n")
    assert f"{path}:3:11:" in cli("audit", path).stderr


def test_unknown_fields_are_kept_and_near_misses_reported(cli, write):
    path = write("- id: A\n  title: a\n  assignee: priya\n  custmer: acme\n")
    data = json.loads(cli("audit", "-f", "json", path).stdout)
    codes = [f["code"] for f in data["items"][0]["findings"]]
    assert codes.count("BL901") == 1
    message = next(f["message"] for f in data["items"][0]["findings"] if f["code"] == "BL901")
    assert "'custmer'" in message and "'customer'" in message


# -- explain ------------------------------------------------------------------------------


def test_explain_item_shows_each_link_and_the_best_change(cli, write):
    path = write(REGISTRY + "items:\n  - id: A\n    title: Bulk export\n    customer: acme\n    next: n\n")
    result = cli("explain", "A", path)
    assert result.exit_code == 0
    out = result.stdout
    for name in ("who", "problem", "evidence", "next"):
        assert name in out
    assert "40/40" in out and "0/25" in out and "0/20" in out and "15/15" in out
    assert "Acme Logistics pays us" in out
    assert "Worth most:" in out and "+25 points" in out and "BL201" in out


def test_explain_enabler_names_the_item_it_traces_through(cli, clean):
    text = clean.read_text() + "  - id: PLAT-1\n    title: Queue\n    serves: PAY-1\n"
    clean.write_text(text)
    result = cli("explain", "PLAT-1", clean)
    assert result.exit_code == 0
    assert "traces through PAY-1" in result.stdout


def test_explain_unknown_item_exits_2(cli, clean):
    result = cli("explain", "NOPE-1", clean)
    assert result.exit_code == 2
    assert "no item with id 'NOPE-1'" in result.stderr


def test_explain_rule_prints_its_documentation(cli):
    result = cli("explain", "bl201")
    assert result.exit_code == 0
    rule = RULES["BL201"]
    assert f"{rule.name} (BL201)" in result.stdout
    assert rule.why.split(".")[0] in " ".join(result.stdout.split())
    assert "Use instead" in result.stdout


def test_explain_unknown_rule_or_item_without_file(cli):
    assert cli("explain", "BL999").exit_code == 2
    result = cli("explain", "PAY-1")
    assert result.exit_code == 2
    assert "give the backlog too" in result.stderr


# -- rules --------------------------------------------------------------------------------


def test_rules_lists_the_catalogue(cli):
    result = cli("rules")
    assert result.exit_code == 0
    for code, rule in RULES.items():
        assert code in result.stdout and rule.name in result.stdout


def test_rules_as_json(cli):
    data = json.loads(cli("rules", "--format", "json").stdout)
    assert [r["code"] for r in data] == list(RULES)
    assert set(data[0]) >= {"code", "name", "summary", "why", "fix", "example", "severity", "link"}


# -- init ---------------------------------------------------------------------------------


def test_init_writes_a_starter_that_audits(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("init")
    assert result.exit_code == 0
    text = (tmp_path / "backlog.yaml").read_text()
    assert text.lstrip().startswith("#")
    data = yaml.safe_load(text)
    assert len(data["items"]) == 3 and data["customers"]
    audited = cli("audit", "--all", "-f", "json", "backlog.yaml")
    assert audited.exit_code == 1  # the starter shows one untraced item on purpose
    verdicts = [i["verdict"] for i in json.loads(audited.stdout)["items"]]
    assert verdicts.count("superfluous") == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "backlog.yaml"]  # no temporary file left behind


def test_init_refuses_to_overwrite(cli, tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("precious")
    result = cli("init", target)
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert target.read_text() == "precious"


def test_table_summary_ends_with_the_split_bar(cli, mixed):
    stderr = cli("audit", mixed).stderr
    assert "on the line" in stderr and "░ superfluous 38%" in stderr
    assert "░" not in cli("audit", "-f", "json", mixed).stderr


def test_written_reports_are_readable_like_any_new_file(cli, mixed, tmp_path):
    import os
    import stat

    target = tmp_path / "report.json"
    cli("audit", "-o", target, mixed)
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask


def test_an_unexpected_failure_is_one_line_and_exit_2(monkeypatch, capsys, mixed):
    import sys

    from breadline import audit as audit_module
    from breadline.cli import main

    def explode(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(audit_module, "audit_files", explode)
    monkeypatch.setattr(sys, "argv", ["breadline", "audit", str(mixed)])

    def leave(code):  # main() ends with os._exit: here, a catchable exit instead
        raise SystemExit(code)

    monkeypatch.setattr("os._exit", leave)
    import gc

    try:
        with pytest.raises(SystemExit) as caught:
            main()
    finally:
        gc.enable()  # main() switches the collector off for the run
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.strip() == "breadline: internal error: RuntimeError: something nobody expected (please report this)"


@pytest.mark.parametrize("code, expected, said", [(0, 0, ""), (None, 0, ""), (2, 2, ""), ("bad flag", 1, "bad flag\n")])
def test_leaving_exits_like_sys_exit(monkeypatch, capsys, code, expected, said):
    from breadline import cli as cli_module

    left = []
    monkeypatch.setattr("os._exit", left.append)
    cli_module._leave(code)
    assert left == [expected]
    assert capsys.readouterr().err == said


# -- the forgiving loop ---------------------------------------------------------------------

TRACKER = Path(__file__).parent / "data" / "trackers" / "github-rest.json"


def test_explain_finds_13_as_hash_13_and_ids_in_any_case(cli):
    result = cli("explain", "245", TRACKER)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("#245  ")
    assert cli("explain", "#245", TRACKER).stdout == result.stdout


def test_explain_ids_ignore_case_and_suggest_the_nearest(cli, write):
    path = write("items:\n  - id: BK-101\n    title: Bulk export\n  - id: BK-7\n    title: b\n")
    assert cli("explain", "bk-101", path).stdout.startswith("BK-101  Bulk export")
    result = cli("explain", "BK-1011", path)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"breadline: error: no item with id 'BK-1011' in {path} (did you mean 'BK-101'?)"


def test_explain_several_ids_and_as_json(cli, write):
    path = write("items:\n  - id: A\n    title: Bulk export\n  - id: B\n    title: Dark mode\n")
    text = cli("explain", "A", "b", path).stdout
    assert text.index("A  Bulk export") < text.index("B  Dark mode")
    result = cli("explain", "A", "B", path, "-f", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [item["id"] for item in data["items"]] == ["A", "B"]
    assert {"score", "verdict", "links"} <= set(data["items"][0])


def test_explain_a_file_alone_asks_which_item(cli, write):
    path = write("items:\n  - id: A\n    title: a\n")
    result = cli("explain", path)
    assert result.exit_code == 2
    assert f"which item of {path}?" in result.stderr


def test_audit_without_a_path_audits_backlog_yaml_here_and_says_so(cli, write, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("audit")
    assert result.exit_code == 2
    assert "no backlog given, and no backlog.yaml in this folder" in result.stderr
    write("items:\n  - id: A\n    title: a\n")
    result = cli("audit")
    assert result.exit_code == 1
    assert result.stderr.startswith("Auditing backlog.yaml (no path given).\n")


def test_hints_paste_into_a_shell(cli, tmp_path, monkeypatch):
    import shlex

    monkeypatch.chdir(tmp_path)
    spaced = tmp_path / "my backlog.yaml"
    spaced.write_text((Path(__file__).parents[1] / "examples" / "sprint.yaml").read_text(encoding="utf-8"))
    result = cli("audit", spaced)
    hint = " ".join(result.stderr.split()).split("`")[1]  # the hint is the one quoted command
    words = shlex.split(hint)  # the file as named relative to where the command runs, or as given
    assert words[:3] == ["breadline", "explain", "ID"] and (tmp_path / words[3]).resolve() == spaced.resolve()
    piped = CliRunner().invoke(app, ["audit", "-"], input=spaced.read_text(), env={"COLUMNS": "200"})
    assert "<stdin>" not in piped.stderr
    assert "`breadline explain ID -` (with the same input)" in piped.stderr
    init = cli("init", "a b.yaml")
    assert "Next: breadline audit 'a b.yaml'" in init.stderr


# -- what a linter's users expect -------------------------------------------------------------

SPRINT = Path(__file__).parents[1] / "examples" / "sprint.yaml"


def test_quiet_prints_the_summary_only(cli):
    result = cli("audit", "--quiet", SPRINT)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == "48% of the points (73 of 153, in 11 items) are superfluous: they trace to no paying person's problem.\n"


def test_statistics_count_each_rule_and_each_verdict(cli):
    result = cli("audit", "--statistics", SPRINT)
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["7", "BL301", "missing-evidence"]
    assert lines[-3:] == ["13  on the line  72 points", " 2  weak  8 points", "11  superfluous  73 points  (8 high, 3 low)"]
    counts = [int(line.split()[0]) for line in lines[: lines.index("")]]
    assert counts == sorted(counts, reverse=True)


@pytest.mark.parametrize("order", ["score", "points", "id"])
def test_sort_orders_the_rows(cli, order):
    data = json.loads(cli("audit", "--all", "--sort", order, "-f", "json", SPRINT).stdout)["items"]
    if order == "score":
        assert [i["score"] for i in data] == sorted(i["score"] for i in data)
    elif order == "points":
        assert [i.get("points") or 0 for i in data] == sorted((i.get("points") or 0 for i in data), reverse=True)
    else:
        assert [i["id"] for i in data][:3] == ["GRW-27", "GRW-31", "GRW-35"]


def test_color_always_and_never(cli):
    always = cli("audit", "--color", "always", SPRINT)
    assert "\x1b[" in always.stdout and "\x1b[" in always.stderr
    never = CliRunner().invoke(app, ["audit", "--color", "never", str(SPRINT)], env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.stdout and "\x1b[" not in never.stderr


def test_config_prints_each_setting_and_where_it_came_from(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert "Configuration: none found" in cli("config").stdout
    (tmp_path / "breadline.yaml").write_text("threshold: 50\nignore: [BL901]\n")
    text = cli("config").stdout
    where = str(tmp_path / "breadline.yaml")
    assert text.splitlines()[0] == f"Configuration: {where}"
    lines = {line.split()[0]: line for line in text.splitlines()[1:]}
    assert lines["threshold"].split() == ["threshold", "50", f"({where})"]
    assert lines["on_line"].split() == ["on_line", "75", "(default)"]
    assert lines["ignore"].split() == ["ignore", "BL901", f"({where})"]
    data = json.loads(cli("config", "-f", "json").stdout)
    assert data["settings"]["threshold"] == {"value": 50, "from": where}
    assert data["settings"]["weights"]["from"] == "default"
    bad = tmp_path / "bad.yaml"
    bad.write_text("treshold: 5\n")
    result = cli("config", "--config", bad)
    assert result.exit_code == 2 and "did you mean 'threshold'" in result.stderr


def test_audit_without_a_path_audits_the_backlog_the_configuration_names(cli, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "planning").mkdir()
    (tmp_path / "planning" / "q4.yaml").write_text("items:\n  - id: Q\n    title: q\n")
    (tmp_path / "breadline.yaml").write_text("backlog: planning/q4.yaml\n")
    monkeypatch.chdir(tmp_path)
    result = cli("audit", "-f", "json")
    assert result.exit_code == 1, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["Q"]
    assert "Auditing planning/q4.yaml (no path given; `backlog:` in" in " ".join(result.stderr.split())
    (tmp_path / "breadline.yaml").write_text("backlog: 5\n")
    bad = cli("audit")
    assert bad.exit_code == 2 and "`backlog` must name a backlog file" in bad.stderr
