"""`breadline ask --answers FILE`: the interview's answers applied in batch, without a terminal.

Every bad answers file is one line on stderr naming the answers file (and its line) and the item,
with exit code 2, and leaves the backlog untouched."""

from __future__ import annotations

import json
import os
import stat

import pytest

from breadline.audit import audit
from breadline.load import load
from tests.commands.conftest import ASK

ORIGINAL = (ASK / "backlog.yaml").read_text(encoding="utf-8")
AFTER = (ASK / "after-answers.yaml").read_text(encoding="utf-8")


def write_answers(folder, text: str, name: str = "answers.yaml"):
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("answers", ["answers.yaml", "answers.json"])
def test_answers_are_written_into_the_file_and_nothing_else_changes(cli, ask_backlog, answers):
    result = cli("ask", ask_backlog, "--answers", ASK / answers)
    assert result.exit_code == 0, result.stderr
    assert ask_backlog.read_text(encoding="utf-8") == AFTER
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].split() == ["OPS-12", "0", "superfluous", "→", "96", "on", "the", "line", "(serves)"]
    assert lines[1].startswith("UI-3") and "(customer, problem, evidence, next, waive)" in lines[1]
    assert lines[2].split()[-1] == "(status)"
    assert lines[3].split() == ["REM-9", "81", "weak", "→", "96", "on", "the", "line", "(next)"]
    assert f"Wrote the answers for 4 items to {ask_backlog}." in result.stderr


def test_the_answered_file_loads_and_audits_cleanly(cli, ask_backlog):
    cli("ask", ask_backlog, "--answers", ASK / "answers.yaml")
    result = audit(load(str(ask_backlog)))
    rows = {row.item.id: row for row in (*result.items, *result.dropped)}
    assert rows["OPS-12"].via == "PAY-101"
    assert rows["UI-3"].item.customers == ("acme", "harbor")
    assert rows["UI-3"].item.waive == {"BL501": "the demo is Acme's renewal meeting"}
    assert rows["GRW-31"].item.status == "dropped"
    assert rows["REM-9"].item.next == "Dana's team stops apologising for reminders: yes, really"
    assert not result.findings


def test_every_comment_and_unknown_field_survives(cli, ask_backlog):
    cli("ask", ask_backlog, "--answers", ASK / "answers.yaml")
    text = ask_backlog.read_text(encoding="utf-8")
    for line in ORIGINAL.splitlines():
        assert line in text.splitlines()  # nothing removed or rewritten, only lines added


def test_dry_run_prints_a_unified_diff_and_writes_nothing(cli, ask_backlog):
    before = ask_backlog.read_bytes()
    result = cli("ask", ask_backlog, "--answers", ASK / "answers.yaml", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert ask_backlog.read_bytes() == before
    assert result.stdout.startswith(f"--- {ask_backlog}\n+++ {ask_backlog}\n@@ ")
    added = [line[1:] for line in result.stdout.splitlines() if line.startswith("+") and not line.startswith("+++")]
    removed = [line for line in result.stdout.splitlines() if line.startswith("-") and not line.startswith("---")]
    assert removed == []
    assert "    serves: [PAY-101]" in added and "    status: dropped" in added
    assert f"Dry run: {ask_backlog} is unchanged (4 items would change)." in " ".join(result.stderr.split())


def test_answers_can_come_from_standard_input(cli, ask_backlog):
    runner_input = (ASK / "answers.json").read_text(encoding="utf-8")
    from typer.testing import CliRunner

    from breadline.cli import app

    result = CliRunner().invoke(app, ["ask", str(ask_backlog), "--answers", "-"], input=runner_input,
                                env={"NO_COLOR": "1", "COLUMNS": "120"})
    assert result.exit_code == 0, result.stderr
    assert ask_backlog.read_text(encoding="utf-8") == AFTER


def test_null_answers_change_nothing(cli, ask_backlog):
    answers = write_answers(ask_backlog.parent, "UI-3:\nREM-9: {}\n")
    result = cli("ask", ask_backlog, "--answers", answers)
    assert result.exit_code == 0, result.stderr
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL
    assert "Nothing to change" in result.stderr


def test_answering_again_replaces_a_value_in_place(cli, ask_backlog):
    answers = write_answers(ask_backlog.parent, "GRW-31: {problem: Harbor's nurses re-book patients by phone}\n")
    assert cli("ask", ask_backlog, "--answers", answers).exit_code == 0
    text = ask_backlog.read_text(encoding="utf-8")
    assert text == ORIGINAL.replace("    problem: increase engagement with our app\n",
                                    "    problem: Harbor's nurses re-book patients by phone\n")


def test_the_file_keeps_its_permissions(cli, ask_backlog):
    os.chmod(ask_backlog, 0o640)
    assert cli("ask", ask_backlog, "--answers", ASK / "answers.yaml").exit_code == 0
    assert stat.S_IMODE(os.stat(ask_backlog).st_mode) == 0o640
    assert sorted(p.name for p in ask_backlog.parent.iterdir()) == ["backlog.yaml"]


def test_a_symlinked_backlog_is_written_through_the_link(cli, ask_backlog):
    link = ask_backlog.parent / "link.yaml"
    link.symlink_to(ask_backlog.name)
    assert cli("ask", link, "--answers", ASK / "answers.yaml").exit_code == 0
    assert link.is_symlink()
    assert ask_backlog.read_text(encoding="utf-8") == AFTER


@pytest.mark.parametrize(("answers", "message"), [
    ("UI-33: {next: x}\n", "{a}:1: no item with id 'UI-33' in {b} (did you mean 'UI-3'?)"),
    ("UI-3: {custmer: acme}\n",
     "{a}:1: UI-3: unknown answer key 'custmer' (did you mean 'customer'?); "
     "answers take customer, problem, evidence, next, serves, waive, status"),
    ("# two items\nOPS-12: {serves: PAY-11}\n",
     "{a}:2: OPS-12: serves 'PAY-11', but no item in {b} has that id (did you mean 'PAY-101'?)"),
    ("OPS-12: {serves: OPS-12}\n", "{a}:1: OPS-12: an item cannot serve itself"),
    ("UI-3: {waive: {BL999: because}}\n", "{a}:1: UI-3: `waive`: there is no rule 'BL999'; `breadline rules` lists them"),
    ("UI-3: {waive: {BL301: }}\n", "{a}:1: UI-3: `waive` BL301 needs a reason: a waiver without one waives nothing"),
    ("UI-3: {waive: [BL301]}\n", "{a}:1: UI-3: `waive` must be a mapping of rule code to reason"),
    ("UI-3: {evidence: {source: ZD-1, date: soon}}\n",
     "{a}:1: UI-3: `evidence` date must be a date like 2026-10-02, not 'soon'"),
    ("UI-3: {evidence: {src: ZD-1}}\n", "{a}:1: UI-3: `evidence`: unknown key 'src'; evidence mappings take source, date, url"),
    ("UI-3: {problem: [a, b]}\n", "{a}:1: UI-3: `problem` must be text, not a list"),
    ("UI-3: {next: '  '}\n", "{a}:1: UI-3: `next` is empty"),
    ("UI-3: {customer: []}\n", "{a}:1: UI-3: `customer` is an empty list"),
    ("UI-3: yes please\n", "{a}:1: UI-3: the answers must be a mapping like {{customer: acme, problem: \"...\"}}, not 'yes please'"),
    ("UI-3: {next: a}\nui-3: {next: b}\n", "{a}:2: UI-3: answered twice (first at line 1)"),
    ("- UI-3\n", "{a}:1: expected a mapping of item id to answers"),
    ("UI-3: {next: [\n", "{a}:2:1: invalid YAML"),
    ("", "{a}: is empty"),
])
def test_bad_answers_name_the_file_and_the_item(cli, ask_backlog, answers, message):
    path = write_answers(ask_backlog.parent, answers)
    result = cli("ask", ask_backlog, "--answers", path)
    assert result.exit_code == 2
    expected = "breadline: error: " + message.format(a=path, b=ask_backlog)
    assert result.stderr.startswith(expected), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL


def test_bad_json_answers_give_line_and_column(cli, ask_backlog):
    text = '{"UI-3": {"next": "x",}}'
    path = write_answers(ask_backlog.parent, text, "answers.json")
    result = cli("ask", ask_backlog, "--answers", path)
    assert result.exit_code == 2
    # The column is the JSON parser's own, which moved by one between CPython 3.11 and 3.13:
    # compare with what this interpreter's parser says, not with one version's number.
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    where = f"{parsed.value.lineno}:{parsed.value.colno}"
    assert result.stderr.startswith(f"breadline: error: {path}:{where}: invalid JSON:")
    assert result.stderr.count("\n") == 1


def test_a_json_list_is_not_an_answers_file(cli, ask_backlog):
    path = write_answers(ask_backlog.parent, json.dumps([{"UI-3": {}}]), "answers.json")
    result = cli("ask", ask_backlog, "--answers", path)
    assert result.exit_code == 2
    assert "expected a mapping of item id to answers" in result.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--answers", "missing.yaml"], "missing.yaml: no such file"),
    (["--answers", "{answers}", "--only", "UI-3"], "--answers applies every item in the answers file"),
    (["--answers", "{answers}", "--all"], "--answers applies every item in the answers file"),
    (["--all", "--only", "UI-3"], "--all and --only do not go together"),
    (["--only", ","], "--only needs at least one item id"),
    ([], "`breadline ask` asks its questions at a terminal, and standard input is not one"),
])
def test_usage_errors_exit_2_with_one_line(cli, ask_backlog, args, message, monkeypatch):
    args = [a.replace("{answers}", str(ASK / "answers.yaml")) for a in args]
    monkeypatch.chdir(ask_backlog.parent)
    result = cli("ask", ask_backlog, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("breadline: error: ") and message in result.stderr, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL


@pytest.mark.parametrize(("content", "message"), [
    ("- id: A\n  title: a\n  points: three\n", "3:11: item 'A': `points` must be a number, not 'three'"),
    ("[{id: A, title: a}]\n", "the item list is written in flow style"),
    (b"\x00\x01binary", "looks like a binary file"),
])
def test_a_backlog_that_cannot_be_edited_is_refused(cli, write, content, message):
    path = write(content)
    answers = write("A: {next: x}\n", "answers.yaml")
    result = cli("ask", path, "--answers", answers)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_stdin_is_not_a_backlog_file(cli):
    result = cli("ask", "-", "--answers", ASK / "answers.yaml")
    assert result.exit_code == 2
    assert "needs a file, not -" in result.stderr


def test_the_registered_command_shows_in_help(cli):
    result = cli("ask", "--help")
    assert result.exit_code == 0
    for option in ("--all", "--only", "--answers", "--dry-run", "--threshold", "--config"):
        assert option in result.stdout
    assert "PLAT-7: {serves: [PAY-101]}" in result.stdout


def test_answers_given_at_the_same_time_are_all_written(tmp_path):
    """Three `ask --answers` runs started together on one file, again and again: each waits for the
    file's lock, reads what the others wrote, and adds its own answer; none is lost or refused."""
    import subprocess

    from tests.commands.conftest import entry_point

    ids = ("A", "B", "C")
    backlog = tmp_path / "backlog.yaml"
    answers = []
    for item_id in ids:
        answers.append(write_answers(tmp_path, f"{item_id}: {{next: they close the month sooner}}\n",
                                     name=f"answers-{item_id}.yaml"))
    env = {**os.environ, "NO_COLOR": "1", "BREADLINE_JOBS": "1"}
    for round_ in range(4):
        backlog.write_text("items:\n" + "".join(f"  - id: {i}\n    title: item {i}\n" for i in ids), encoding="utf-8")
        runs = [subprocess.Popen([entry_point(), "ask", str(backlog), "--answers", str(path)], cwd=tmp_path, env=env,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for path in answers]
        for run in runs:
            out, err = run.communicate(timeout=60)
            assert run.returncode == 0, (round_, err)
        result = load(str(backlog))
        assert [item.next for item in result.items] == ["they close the month sooner"] * 3, round_
