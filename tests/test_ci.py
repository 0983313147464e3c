"""CI controls: several inputs, --output, --fail-on, --max-off-line, baselines."""

from __future__ import annotations

import json

import pytest

from tests.conftest import REGISTRY, TRACED

WEAK = "  - id: W-1\n    title: w\n    customer: acme\n    points: 2\n"
OFF = "  - id: OFF-1\n    title: Dark mode\n    points: 3\n"


@pytest.fixture
def backlog(write):
    import datetime as dt

    text = (REGISTRY + "items:\n" + TRACED + WEAK + OFF).replace("2026-10-02", dt.date.today().isoformat())
    return write(text)


def codes(data: dict) -> list[tuple[str, str]]:
    return [(item["id"], f["code"]) for item in data["items"] for f in item["findings"] if not f["waived"]]


@pytest.mark.parametrize(("fail_on", "code"), [("superfluous", 1), ("weak", 1), ("never", 0)])
def test_fail_on(cli, backlog, fail_on, code):
    assert cli("audit", "--fail-on", fail_on, backlog).exit_code == code


def test_fail_on_weak_fails_on_weak_items_alone(cli, write):
    path = write(REGISTRY + "items:\n" + WEAK)
    assert cli("audit", path).exit_code == 0
    assert cli("audit", "--fail-on", "weak", path).exit_code == 1


@pytest.mark.parametrize(("pct", "code"), [("20", 1), ("30", 0), ("20%", 1), ("30%", 0), (" 29.5 % ", 1)])
def test_max_off_line_alone_decides_by_the_share(cli, backlog, pct, code):
    # 3 of 10 points are superfluous: 30%. OFF-1 is superfluous, yet 30% passes: the share decides.
    result = cli("audit", "--max-off-line", pct, backlog)
    assert result.exit_code == code, result.stderr
    assert "30.0% of the points are off the line" in result.stderr
    assert ("more than the" in result.stderr) is bool(code)


def test_max_off_line_with_fail_on_fails_on_either(cli, backlog):
    assert cli("audit", "--max-off-line", "30", "--fail-on", "superfluous", backlog).exit_code == 1
    assert cli("audit", "--max-off-line", "30", "--fail-on", "never", backlog).exit_code == 0


@pytest.mark.parametrize("pct", ["abc", "101", "-1", "nan", "30%%", ""])
def test_max_off_line_refuses_what_is_not_a_share(cli, backlog, pct):
    result = cli("audit", "--max-off-line", pct, backlog)
    assert result.exit_code == 2 and "--max-off-line" in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(("name", "check"), [
    ("report.json", lambda text: json.loads(text)["schema_version"] == 1),
    ("report.txt", lambda text: "OFF-1" in text and "{" not in text),
])
def test_output_file_and_format_from_its_suffix(cli, backlog, tmp_path, name, check):
    target = tmp_path / name
    result = cli("audit", "-o", target, backlog)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert check(target.read_text())
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".breadline-")] == []


def test_explicit_format_beats_the_suffix(cli, backlog, tmp_path):
    target = tmp_path / "report.json"
    cli("audit", "-f", "table", "-o", target, backlog)
    assert "OFF-1" in target.read_text() and not target.read_text().startswith("{")


def test_output_dash_is_stdout(cli, backlog):
    assert json.loads(cli("audit", "-f", "json", "-o", "-", backlog).stdout)


def test_unknown_format_names_the_choices(cli, backlog):
    result = cli("audit", "-f", "yaml", backlog)
    assert result.exit_code == 2 and "choose from" in result.stderr and "sarif" in result.stderr


def test_auto_format_outside_github_is_the_table(cli, backlog):
    result = cli("audit", "-f", "auto", backlog, env={"GITHUB_ACTIONS": ""})
    assert "OFF-1" in result.stdout and "::error" not in result.stdout


def test_several_files_and_directories(cli, write, tmp_path):
    (tmp_path / "team").mkdir()
    (tmp_path / "team" / "a.yaml").write_text("- id: A\n  title: a\n")
    (tmp_path / "team" / "b.yml").write_text("- id: A\n  title: b\n")  # ids are per file
    (tmp_path / "team" / "notes.txt").write_text("not yaml")
    (tmp_path / "team" / "breadline.yaml").write_text("threshold: 40\n")
    single = write("- id: C\n  title: c\n", "c.yaml")
    data = json.loads(cli("audit", "-f", "json", tmp_path / "team", single).stdout)
    assert [i["title"] for i in data["items"]] == ["a", "b", "c"]
    assert len(data["paths"]) == 3
    assert data["summary"]["items"] == 3


def test_empty_directory_is_an_error(cli, tmp_path):
    result = cli("audit", tmp_path)
    assert result.exit_code == 2 and "no *.yaml" in result.stderr


def test_stdin(cli):
    from typer.testing import CliRunner

    from breadline.cli import app

    result = CliRunner().invoke(app, ["audit", "-f", "json", "-"], input="- id: A\n  title: a\n")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["paths"] == ["<stdin>"] and data["items"][0]["position"]["path"] == "<stdin>"


def test_bad_stdin_names_stdin(cli):
    from typer.testing import CliRunner

    from breadline.cli import app

    result = CliRunner().invoke(app, ["audit", "-"], input="- id: A\n  points: x\n")
    assert result.exit_code == 2 and result.stderr.startswith("breadline: error: <stdin>:")


# -- baselines ----------------------------------------------------------------------------


def test_baseline_then_one_new_item_fails_with_exactly_its_finding(cli, backlog, tmp_path):
    base = tmp_path / "base.json"
    recorded = cli("baseline", backlog, "-o", base)
    assert recorded.exit_code == 0 and base.exists()
    clean = cli("audit", "--baseline", base, "-f", "json", backlog)
    assert clean.exit_code == 0
    assert json.loads(clean.stdout)["items"] == []
    assert "0 new findings" in clean.stderr

    backlog.write_text(backlog.read_text() + (
        "  - id: NEW-1\n    title: Rewrite login\n    customer: everyone\n    problem: p\n"
        "    evidence: [{source: s, date: 2026-11-01}]\n    next: n\n"
    ))
    dirty = cli("audit", "--baseline", base, "-f", "json", backlog)
    assert dirty.exit_code == 1
    assert codes(json.loads(dirty.stdout)) == [("NEW-1", "BL106")]


def stale(stderr: str) -> int:
    return int(stderr.split(" stale")[0].rsplit(" ", 1)[-1])


def test_rewording_an_item_keeps_its_findings_known_and_fixed_ones_are_stale(cli, backlog, tmp_path):
    base = tmp_path / "base.json"
    cli("baseline", backlog, "-o", base)
    recorded = json.loads(base.read_text())["entries"]
    off_entries = sum(entry["item"] == "OFF-1" for entry in recorded)
    text = backlog.read_text().replace("title: w\n", "title: w, reworded for the calendar\n").replace(OFF, "")
    backlog.write_text(text)
    result = cli("audit", "--baseline", base, "-f", "json", backlog)
    assert result.exit_code == 0, "improving an item's words does not turn CI red"
    assert codes(json.loads(result.stdout)) == []
    assert stale(result.stderr) == off_entries > 0  # OFF-1 went away: its entries are stale


def test_a_new_finding_on_an_old_item_is_new(cli, write, tmp_path):
    path = write(REGISTRY + "items:\n" + TRACED)
    base = tmp_path / "base.json"
    cli("baseline", path, "-o", base)
    path.write_text(path.read_text().replace("    evidence: [{source: ZD-4411 from Dana, date: 2026-10-02}]\n", ""))
    result = cli("audit", "--baseline", base, "-f", "json", path)
    assert [code for _, code in codes(json.loads(result.stdout))] == ["BL301"]


def test_a_baseline_recorded_in_a_folder_holds_from_the_repository_root(cli, tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "planning").mkdir()
    (repo / "planning" / "backlog.yaml").write_text(REGISTRY + "items:\n" + WEAK + OFF)
    monkeypatch.chdir(repo / "planning")
    assert cli("baseline", "backlog.yaml", "-o", ".breadline-baseline.json").exit_code == 0
    entries = json.loads((repo / "planning" / ".breadline-baseline.json").read_text())["entries"]
    assert {entry["path"] for entry in entries} == {"planning/backlog.yaml"}
    monkeypatch.chdir(repo)
    for named in ("planning/backlog.yaml", "./planning/backlog.yaml", str(repo / "planning" / "backlog.yaml")):
        result = cli("audit", "--baseline", "planning/.breadline-baseline.json", named)
        assert result.exit_code == 0, (named, result.stderr)
        assert "0 new findings" in result.stderr and " 0 stale" in result.stderr


def test_a_version_1_baseline_still_reads(cli, backlog, tmp_path):
    base = tmp_path / "base.json"
    cli("baseline", backlog, "-o", base)
    document = json.loads(base.read_text())
    document["breadline_baseline"] = 1
    for entry in document["entries"]:
        entry["fingerprint"] = "0123456789abcdef"
    base.write_text(json.dumps(document))
    assert cli("audit", "--baseline", base, backlog).exit_code == 0


@pytest.mark.parametrize(("content", "message"), [
    ("{", "invalid JSON"),
    ("[]", "is not a breadline baseline"),
    ('{"breadline_baseline": 2, "entries": [{"path": "x"}]}', "an entry without"),
    ('{"breadline_baseline": 9, "entries": []}', "is not a breadline baseline"),
])
def test_bad_baseline_is_an_input_error(cli, backlog, tmp_path, content, message):
    base = tmp_path / "base.json"
    base.write_text(content)
    result = cli("audit", "--baseline", base, backlog)
    assert result.exit_code == 2 and message in result.stderr


def test_missing_baseline(cli, backlog, tmp_path):
    result = cli("audit", "--baseline", tmp_path / "none.json", backlog)
    assert result.exit_code == 2 and "breadline baseline" in result.stderr


def test_auto_format_inside_github_actions_annotates(cli, backlog):
    result = cli("audit", "-f", "auto", backlog, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(line.startswith(("::error file=", "::warning file=")) for line in lines)
    assert any(line.startswith("::error") and "OFF-1" in line for line in lines)


@pytest.mark.parametrize(("suffix", "start"), [(".sarif", '{\n  "$schema"'), (".xml", "<?xml"), (".csv", "path,line"),
                                               (".md", "#")])
def test_format_inferred_from_more_suffixes(cli, backlog, tmp_path, suffix, start):
    target = tmp_path / f"report{suffix}"
    cli("audit", "-o", target, backlog)
    assert target.read_text().startswith(start)


def test_output_into_a_pipe_writes_into_it_instead_of_replacing_it(cli, backlog, tmp_path):
    import os
    import subprocess

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE, text=True)
    result = cli("audit", "-f", "json", "-o", fifo, backlog)
    received, _ = reader.communicate(timeout=30)
    assert result.exit_code == 1
    assert json.loads(received)["schema_version"] == 1
    assert fifo.is_fifo()
