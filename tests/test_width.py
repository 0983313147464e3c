"""Every line breadline prints for people fits the width: the terminal's, else COLUMNS, else 80
columns; words are never cut where a space would do. Driven through the CLI at 60, 80, 120 and
200 columns (CliRunner's output is no terminal, so COLUMNS decides)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from breadline.cli import app
from breadline.ui import wrap

DATA = Path(__file__).parent / "data"
EXAMPLE = Path(__file__).parents[1] / "examples" / "sprint.yaml"
WIDTHS = (60, 80, 120, 200)
COMMANDS = ("audit", "baseline", "explain", "rules", "schema", "init", "ask", "import", "report", "completion",
            "config")


def run(columns: int, *args):
    if "--help" in args:  # click's CliRunner forces help to 80 columns: run the installed command instead
        return installed(columns, *args)
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(columns), "NO_COLOR": "1"})
    assert "Traceback" not in result.output
    return result


def installed(columns: int, *args):
    import os
    import subprocess
    import sys
    from types import SimpleNamespace

    command = Path(sys.executable).parent / "breadline"
    done = subprocess.run([str(command), *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"}, timeout=60)
    assert "Traceback" not in done.stderr
    return SimpleNamespace(exit_code=done.returncode, stdout=done.stdout, stderr=done.stderr)


def too_wide(text: str, columns: int) -> list[str]:
    return [line for line in text.splitlines() if len(line) > columns]


@pytest.mark.parametrize("columns", WIDTHS)
@pytest.mark.parametrize("args", [("audit", EXAMPLE), ("audit", "--all", EXAMPLE), ("explain", "UI-9", EXAMPLE),
                                  ("explain", "BL201"), ("rules",), ("--help",),
                                  *((command, "--help") for command in COMMANDS)])
def test_every_line_fits(columns, args):
    result = run(columns, *args)
    assert result.exit_code in (0, 1), result.stderr
    assert too_wide(result.stdout, columns) == []
    assert too_wide(result.stderr, columns) == []
    assert result.stdout.strip() or result.stderr.strip()


@pytest.mark.parametrize("columns", WIDTHS)
def test_ask_answers_fit(columns, tmp_path):
    backlog = tmp_path / "backlog.yaml"
    shutil.copyfile(DATA / "ask" / "backlog.yaml", backlog)
    result = run(columns, "ask", backlog, "--answers", DATA / "ask" / "answers.yaml")
    assert result.exit_code == 0, result.stderr
    assert too_wide(result.stderr, columns) == []


def test_without_columns_output_is_80_wide(monkeypatch):
    result = CliRunner().invoke(app, ["audit", "--all", str(EXAMPLE)], env={"NO_COLOR": "1", "COLUMNS": ""})
    widths = [len(line) for line in result.stdout.splitlines()]
    assert max(widths) == 80  # the table's rule spans the whole width, never more
    assert too_wide(result.stderr, 80) == []


def test_help_shows_no_type_placeholders_nor_cut_descriptions():
    for args in (("--help",), *((command, "--help") for command in COMMANDS)):
        whole = run(200, *args).stdout
        usage = whole.splitlines()[0]
        assert usage.startswith("Usage:") and re.search(r"[{}]", usage) is None, args  # typer's `{ARGUMENT}`
        text = "\n".join(line for line in whole.splitlines() if not line.startswith("Usage:"))
        for placeholder in ("<int", "range>", "[default: (", "x>=", "<=x", "...\n", "…", "[required]", "[default:"):
            assert placeholder not in text, (args, placeholder)
    listing = run(200, "--help").stdout
    assert "Trace every item of a backlog and list the superfluous ones." in listing


def test_wrap_breaks_at_spaces_and_keeps_the_indentation():
    text = "   who        0/30 nobody who pays is named for this item at all [BL101]"
    assert wrap(text, 40) == "   who        0/30 nobody who pays is\n   named for this item at all [BL101]"
    assert wrap("x" * 50, 20) == "x" * 20 + "\n" + "x" * 20 + "\n" + "x" * 10  # no space: cut, never wider
    assert wrap("short\n\nlines", 10) == "short\n\nlines"


@pytest.mark.parametrize("columns", WIDTHS)
def test_the_interview_fits(columns, tmp_path, monkeypatch, capsys):
    from breadline.commands.ask import Conversation, Signals, Terminal
    from breadline.edit import BacklogEditor
    from breadline.interview import Scorer

    class Scripted(Terminal):
        replies = ["?", "a", "?", "1", "they retype the invoice totals into their ERP every month", "", "", "s", "w",
                   "1", "a new market, approved by Dana in the planning meeting", "q"]

        def read(self, prompt, completions=()):
            self.say(prompt)
            if not self.replies:
                raise EOFError
            return self.replies.pop(0)

    monkeypatch.setenv("COLUMNS", str(columns))
    backlog = tmp_path / "backlog.yaml"
    shutil.copyfile(DATA / "ask" / "backlog.yaml", backlog)
    editor = BacklogEditor.open(str(backlog))
    with Signals() as signals:
        Conversation(editor, Scorer(str(backlog)), Scripted(), signals).run()
    said = capsys.readouterr().err
    assert "Asked about" in said and "a  answer the questions" in said
    assert too_wide(said, columns) == []
    assert "in|terview" not in said
