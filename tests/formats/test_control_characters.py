"""Nothing a backlog holds is executed by what shows breadline's output: control characters in
item text are made visible in the table, `explain`, the summary and errors; CSV quotes CR and
LF and guards formulas after them and after ";"."""

from __future__ import annotations

import csv
import io

import pytest

ESCAPES = "\x1b]52;c;ZWNobw==\x07\x1b[2J\x1b[3J\x1b]0;owned\x07\x9b31m\u202e"


def _backlog(write, title=f"Fix login {ESCAPES}"):
    import json

    return write(f"- id: {json.dumps('A' + ESCAPES)}\n  title: {json.dumps(title)}\n"
                 f"  description: {json.dumps('desc ' + ESCAPES)}\n  labels: [{json.dumps('x' + ESCAPES)}]\n")


def _clean(text: str) -> None:
    bad = [c for c in text if (ord(c) < 0x20 and c not in "\n") or 0x7F <= ord(c) <= 0x9F or c == "\u202e"]
    assert not bad, bad


@pytest.mark.parametrize("args", [["audit", "--all"], ["audit", "--all", "-f", "csv"]])
def test_audit_output_and_summary_hold_no_control_character(cli, write, args):
    path = _backlog(write)
    result = cli(*args, path)
    assert result.exit_code == 1
    _clean(result.stdout)
    _clean(result.stderr)
    assert "\\x1b]52" in result.stdout


def test_explain_holds_no_control_character(cli, write):
    path = _backlog(write)
    result = cli("explain", "A" + ESCAPES, path)
    assert result.exit_code == 0, result.stderr
    _clean(result.stdout)
    assert "\\x1b[2J" in result.stdout


def test_errors_hold_no_control_character(cli, write):
    path = write("- id: A\n  title: x\n  points: \"\\e]0;owned\\a\"\n")
    result = cli("audit", path)
    assert result.exit_code == 2
    _clean(result.stderr)
    assert result.stderr.count("\n") == 1 and "\\x1b]0;owned\\x07" in result.stderr


def test_a_file_name_with_escapes_is_shown_escaped(cli, tmp_path):
    path = tmp_path / "evil\x1b[2J.yaml"
    path.write_text("- {id: A, title: Rewrite the logging layer}\n", encoding="utf-8")
    result = cli("audit", path)
    assert result.exit_code == 1
    _clean(result.stderr)
    _clean(result.stdout)


def test_csv_quotes_a_lone_carriage_return_and_guards_the_formula_after_it(cli, write):
    path = write('- id: A\n  title: "Fix login\\r=cmd|\' /C calc\'!A0"\n  labels: ["ok;=1+1", "=2"]\n')
    result = cli("audit", "-f", "csv", path)
    assert result.exit_code == 1
    assert '"Fix login\r\'=cmd' in result.stdout  # quoted, and the line after the CR guarded
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert len(rows) == 2
    header, row = rows
    assert row[header.index("title")] == "Fix login\r'=cmd|' /C calc'!A0"
    assert row[header.index("labels")] == "ok;'=1+1;'=2"
    for line in io.StringIO(result.stdout).read().splitlines():  # universal newlines, as a careless reader
        for cell in line.split(","):
            assert not cell.startswith(("=", "+", "@")), line


def test_the_coloured_stderr_console_shows_escapes(monkeypatch, capsys):
    from breadline import ui

    monkeypatch.setenv("FORCE_COLOR", "1")
    console = ui.stderr()
    console.print("title \x1b]0;owned\x07 end", soft_wrap=True)
    assert console.width > 0  # the console's own attributes pass through
    err = capsys.readouterr().err
    assert "\\x1b]0;owned\\x07" in err and "\x1b]0;" not in err
