"""`breadline ask` for real: the installed command in a pseudo-terminal, driven keystroke by
keystroke the way a team lead drives it in a planning meeting.

Every test waits on output (pexpect's expect, with a timeout), never on the clock. Afterwards the
backlog must equal the original except for the intended changes, comments and all, and load."""

from __future__ import annotations

import datetime as dt
import io
import signal
import subprocess
from pathlib import Path

import pytest

from breadline.audit import audit
from breadline.load import load
from tests.commands.conftest import ASK, entry_point

pexpect = pytest.importorskip("pexpect")

ORIGINAL = (ASK / "backlog.yaml").read_text(encoding="utf-8")


def reply(child, prompt: str, text: str) -> None:
    """Wait for `prompt`, then type `text` and Enter."""
    child.expect_exact(prompt)
    child.sendline(text)


def transcript(child) -> io.StringIO:
    child.logfile_read = io.StringIO()
    return child.logfile_read


def finished(child) -> int:
    """Wait for the end of the output, then for the process itself; its exit code."""
    child.expect(pexpect.EOF)
    child.wait()
    child.close()
    return child.exitstatus if child.exitstatus is not None else 128 + child.signalstatus


def assert_loads_cleanly(path: Path) -> None:
    result = audit(load(str(path)))
    assert len(result.items) == 6


def leftovers(folder: Path) -> list[str]:
    """Temporary files an interrupted write could have left beside the backlog."""
    return sorted(p.name for p in folder.iterdir() if p.name != "backlog.yaml")


def test_full_interview_with_skips_and_a_waiver(ask_backlog, spawn_ask):
    day = (dt.date.today() - dt.timedelta(days=10)).isoformat()
    child = spawn_ask("ask", ask_backlog)
    log = transcript(child)
    child.expect(r"4 items of \S+\s+are\s+not\s+on\s+the\s+line;\s+weakest\s+first")  # wrapped at 100 columns

    # 1. A chore: the first question is which item it serves; a number picks it.
    child.expect_exact("[1/4] OPS-12 · Bump the PDF library to 4.x")
    reply(child, "OPS-12 [A,s,w,d,q,?]? ", "")
    child.expect_exact("Which item does this work serve?")
    child.expect(r"1  PAY-101\s+Export invoices to NetSuite")
    reply(child, "serves> ", "1")
    child.expect_exact("Saved OPS-12: serves. Score 0 → 96, on the line, through PAY-101.")

    # 2. Waive a rule with a reason, then answer two questions and skip two.
    child.expect_exact("[2/4] UI-3 · Redesign the settings page")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "w")
    child.expect_exact("Which rule does not apply to this item?")
    reply(child, "rule> ", "bl501")
    reply(child, "reason> ", "the demo is Acme's renewal meeting")
    child.expect(r"Saved UI-3: waived BL501\. Score \d+ → \d+, superfluous\.")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "a")
    child.expect_exact("Who pays us and is helped by this?")
    child.expect(r"1  acme\s+Acme Logistics · business plan")
    reply(child, "who> ", "1")
    child.expect_exact("What is Acme Logistics trying to get done, and what gets in the way?")
    reply(child, "problem> ", "")
    child.expect_exact("How do we know Acme Logistics has this problem?")
    reply(child, "evidence> ", "ZD-5301 from Dana Ruiz")
    reply(child, "date> ", day)
    reply(child, "next> ", "")
    child.expect(r"Saved UI-3: customer, evidence\. Score \d+ → \d+")

    # 3. Skip an item.
    child.expect_exact("[3/4] GRW-31 · Weekly engagement digest")
    reply(child, "GRW-31 [A,s,w,d,q,?]? ", "s")

    # 4. A weak item: only what changes next is asked.
    child.expect_exact("[4/4] REM-9 · Pause reminders on disputed invoices")
    reply(child, "REM-9 [A,s,w,d,q,?]? ", "")
    child.expect_exact("What changes for Acme Logistics next, once this ships?")
    reply(child, "next> ", "Dana's team stops apologising for reminders")
    child.expect_exact("Saved REM-9: next. Score 81 → 96, on the line.")

    child.expect_exact("Asked about 4 items: 3 answered, 1 waived, 1 skipped.")
    assert finished(child) == 0
    assert "Traceback" not in log.getvalue()
    expected = (ASK / "after-interview.yaml").read_text(encoding="utf-8").replace("{date}", day)
    assert ask_backlog.read_text(encoding="utf-8") == expected
    assert_loads_cleanly(ask_backlog)
    assert leftovers(ask_backlog.parent) == []


def test_ctrl_c_in_the_middle_loses_only_the_item_in_progress(ask_backlog, spawn_ask):
    child = spawn_ask("ask", ask_backlog)
    reply(child, "OPS-12 [A,s,w,d,q,?]? ", "")
    reply(child, "serves> ", "PAY-101")
    child.expect_exact("Saved OPS-12")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "")
    reply(child, "who> ", "acme")
    reply(child, "problem> ", "Acme's admins cannot find the numbering settings")
    child.expect_exact("evidence> ")
    child.sendintr()
    child.expect_exact("Interrupted: the answers for UI-3 were not saved.")
    assert finished(child) == 130

    expected = ORIGINAL.replace("    title: Bump the PDF library to 4.x\n",
                                "    title: Bump the PDF library to 4.x\n    serves: [PAY-101]\n")
    assert ask_backlog.read_text(encoding="utf-8") == expected
    assert "# 4. Off the line: nobody named, done for the demo." in expected
    assert_loads_cleanly(ask_backlog)
    assert leftovers(ask_backlog.parent) == []


def test_a_kill_stops_cleanly_with_the_earlier_items_saved(ask_backlog, spawn_ask):
    child = spawn_ask("ask", ask_backlog)
    reply(child, "OPS-12 [A,s,w,d,q,?]? ", "")
    reply(child, "serves> ", "1")
    child.expect_exact("Saved OPS-12")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "")
    child.expect_exact("who> ")
    child.kill(signal.SIGTERM)
    child.expect_exact("Stopped (SIGTERM): the answers for UI-3 were not saved.")
    assert finished(child) == 128 + signal.SIGTERM
    assert "serves: [PAY-101]" in ask_backlog.read_text(encoding="utf-8")
    assert_loads_cleanly(ask_backlog)
    assert leftovers(ask_backlog.parent) == []


def test_drop_then_quit(ask_backlog, spawn_ask):
    child = spawn_ask("ask", ask_backlog, "--only", "UI-3,GRW-31")
    child.expect_exact("Asking about 2 items of")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "d")
    reply(child, "It stays in the file with `status: dropped`. [y/N] ", "y")
    child.expect_exact("Saved UI-3: status: dropped.")
    reply(child, "GRW-31 [A,s,w,d,q,?]? ", "q")
    child.expect_exact("Asked about 2 items: 1 dropped.")
    assert finished(child) == 0
    ui3 = ORIGINAL.index("  - id: UI-3")
    expected = ORIGINAL[:ui3] + ORIGINAL[ui3:].replace("    status: todo\n", "    status: dropped\n", 1)
    assert ask_backlog.read_text(encoding="utf-8") == expected


def test_help_and_bad_replies_get_a_line_each_and_the_question_again(ask_backlog, spawn_ask):
    child = spawn_ask("ask", ask_backlog, "--only", "UI-3")
    log = transcript(child)
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "?")
    child.expect_exact("drop it: the item gets `status: dropped`")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "x")
    child.expect_exact("'x' is not an action here: a answer, s skip, w waive, d drop, q quit, ? help.")
    reply(child, "UI-3 [A,s,w,d,q,?]? ", "a")
    reply(child, "who> ", "?")
    child.expect_exact("Name the person or account who pays us")
    reply(child, "who> ", "7")
    child.expect_exact("there is no choice 7: pick 1–3, or type an answer")
    reply(child, "who> ", "acmee")
    reply(child, "'acmee' is not in the registry; did you mean 'acme'? [Y/n] ", "")
    reply(child, "problem> ", "s")
    child.expect_exact("'s' is too short to be an answer; Enter skips the question")
    reply(child, "problem> ", "")
    reply(child, "evidence> ", "ZD-5301")
    reply(child, "date> ", "last week")
    child.expect_exact("'last week' is not a date: write it like")
    reply(child, "date> ", "2999-01-01")
    child.expect_exact("2999-01-01 is in the future")
    reply(child, "date> ", "")
    reply(child, "next> ", "")
    child.expect_exact("Saved UI-3: customer, evidence.")
    assert finished(child) == 0
    assert "Traceback" not in log.getvalue()
    text = ask_backlog.read_text(encoding="utf-8")
    assert "    customer: acme\n    evidence: ZD-5301\n    points: 8\n" in text


def test_dry_run_at_a_terminal_sends_only_the_diff_to_stdout(ask_backlog, spawn_ask, tmp_path):
    diff = tmp_path / "changes.diff"
    child = spawn_ask("ask", "--dry-run", "--only", "REM-9", ask_backlog, stdout=diff)
    child.expect_exact("Dry run: nothing is written; the changes are printed at the end.")
    reply(child, "REM-9 [A,s,w,d,q,?]? ", "")
    reply(child, "next> ", "Dana's team stops apologising")
    child.expect_exact("Noted (dry run) REM-9: next. Score 81 → 96, on the line.")
    assert finished(child) == 0
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL
    assert diff.read_text(encoding="utf-8") == (
        f"--- {ask_backlog}\n+++ {ask_backlog}\n@@ -66,5 +66,6 @@\n"
        "     problem: Dana's team apologises to customers who were chased for invoices they dispute\n"
        "     evidence:\n       - ZD-5120 from Dana Ruiz\n+    next: Dana's team stops apologising\n"
        "     points: 3\n     status: \"in-progress\"\n"
    )


def test_an_unknown_only_id_is_a_one_line_error(ask_backlog, spawn_ask):
    child = spawn_ask("ask", ask_backlog, "--only", "UI-33")
    log = transcript(child)
    assert finished(child) == 2
    assert f"breadline: error: no item with id 'UI-33' in {ask_backlog} (did you mean 'UI-3'?)" in log.getvalue()
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL


def test_without_a_terminal_it_refuses_with_exit_2(ask_backlog):
    result = subprocess.run([entry_point(), "ask", str(ask_backlog)], stdin=subprocess.DEVNULL,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("breadline: error: `breadline ask` asks its questions at a terminal")
    assert "--answers FILE" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert ask_backlog.read_text(encoding="utf-8") == ORIGINAL
