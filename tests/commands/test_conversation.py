"""The interview loop of `breadline ask`, driven in-process by a scripted terminal: the flows that
are slow or awkward to reach through a pseudo-terminal."""

from __future__ import annotations

import io
import signal
import sys
import textwrap

import pytest

from breadline.commands.ask import Conversation, Signals, Stop, Terminal
from breadline.edit import BacklogEditor
from breadline.interview import Scorer

ENABLER_AFTER = """\
customers:
  acme: {name: Acme Logistics, plan: business, mrr: 1200}
items:
  - id: PAY-7
    title: Export invoices to NetSuite
    points: 5
  - id: PLAT-9
    title: Move exports onto the job queue
    serves: [PAY-7]
    type: chore
"""


class Script:
    """A terminal that replies from a list and records what was said."""

    width = 100

    def __init__(self, *replies):
        self.replies = list(replies)
        self.said: list[str] = []
        self.prompts: list[str] = []

    def say(self, text: str = "", style: str | None = None) -> None:
        self.said.append(text)

    def read(self, prompt: str, completions=()) -> str:
        self.prompts.append(prompt)
        if not self.replies:
            raise EOFError
        reply = self.replies.pop(0)
        if isinstance(reply, int):
            raise Stop(reply)
        return reply

    @property
    def output(self) -> str:
        return "\n".join(self.said)


def converse(path, *replies, dry_run=False, every=False, only=()):
    script = Script(*replies)
    editor = BacklogEditor.open(str(path))
    with Signals() as signals:
        code = Conversation(editor, Scorer(str(path)), script, signals, dry_run=dry_run).run(every=every, only=only)
    return code, script


def test_an_item_that_reaches_the_line_meanwhile_is_passed_over(write_backlog):
    path = write_backlog(ENABLER_AFTER)
    code, script = converse(path, "", "1", "they re-key invoices", "ZD-1", "today", "they close sooner")
    assert code == 0
    assert "Saved PAY-7: customer, problem, evidence, next. Score 0 → 100, on the line." in script.output
    assert "PLAT-9 is on the line now; moving on." in script.output
    assert "Asked about 1 item: 1 answered." in script.output


def test_an_item_that_traces_through_another_has_nothing_to_ask(ask_backlog):
    code, script = converse(ask_backlog, "a", "", only=["PLAT-7"])
    assert code == 0
    assert "Nothing to ask about its links: its line runs through PAY-101; raise PAY-101's line instead." in script.output
    assert script.prompts == ["PLAT-7 [S,w,d,q,?]? ", "PLAT-7 [S,w,d,q,?]? "]
    assert "Asked about 1 item: 1 skipped." in script.output


def test_a_dry_run_prints_the_diff_at_the_end_and_writes_nothing(ask_backlog, capsys):
    before = ask_backlog.read_bytes()
    code, script = converse(ask_backlog, "", "1", "q", dry_run=True)
    assert code == 0
    assert ask_backlog.read_bytes() == before
    out = capsys.readouterr().out
    assert out.startswith(f"--- {ask_backlog}\n+++ {ask_backlog}\n")
    assert "+    serves: [PAY-101]\n" in out
    assert "Noted (dry run) OPS-12: serves." in script.output


def test_end_of_input_stops_without_saving_the_item_in_progress(ask_backlog):
    before = ask_backlog.read_bytes()
    code, script = converse(ask_backlog, "", "")  # then the input ends at the who question of OPS-12
    assert code == 0
    assert "End of input: stopping: the answers for OPS-12 were not saved." in script.output
    assert ask_backlog.read_bytes() == before


def test_a_stop_signal_ends_with_128_plus_its_number(ask_backlog):
    code, script = converse(ask_backlog, "", "1", "", signal.SIGINT)
    assert code == 130
    assert "Interrupted: the answers for UI-3 were not saved." in script.output
    assert "serves: [PAY-101]" in ask_backlog.read_text()


def test_a_waiver_that_puts_the_item_on_the_line_moves_on(write_backlog):
    path = write_backlog("""\
        customers: {acme: {plan: business, mrr: 5}}
        items:
          - id: A
            title: Export to NetSuite
            customer: acme
            problem: they re-key totals
            evidence: [{source: ZD-1, date: 2026-11-01}]
          - id: B
            title: Something else
    """)
    code, script = converse(path, "w", "?", "BL401", "?", "x", "nothing changes for them: a legal duty", "q",
                            only=["A", "B"])
    assert code == 0
    assert "A waiver sets a rule aside for this item" in script.output
    assert "Say why the rule does not apply here and who decided" in script.output
    assert "'x' is too short to be a reason; Enter cancels the waiver" in script.output
    assert "Saved A: waived BL401." in script.output and "on the line." in script.output
    assert script.prompts[-1] == "B [A,s,w,d,q,?]? "
    assert "      BL401: 'nothing changes for them: a legal duty'\n" in path.read_text()


def test_a_cancelled_waiver_or_drop_changes_nothing(ask_backlog):
    before = ask_backlog.read_bytes()
    code, script = converse(ask_backlog, "w", "", "w", "1", "", "d", "n", "s", "q", only=["UI-3", "GRW-31"])
    assert code == 0
    assert "No rule picked: nothing waived." in script.output
    assert "A waiver needs a reason: nothing waived." in script.output
    assert "Not dropped." in script.output
    assert ask_backlog.read_bytes() == before


def test_nothing_to_ask_when_everything_is_on_the_line(write_backlog):
    path = write_backlog("""\
        customers: {acme: {plan: business, mrr: 5}}
        items:
          - id: A
            title: Export to NetSuite
            customer: acme
            problem: they re-key totals
            evidence: ZD-1
            next: they close sooner
    """)
    code, script = converse(path)
    assert code == 0
    assert "Every item of" in script.output and "nothing to ask" in script.output


def test_the_terminal_reads_plain_lines_when_stdout_is_not_one(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO("acme\n"))
    terminal = Terminal()
    assert terminal.read("who> ") == "acme"
    with pytest.raises(EOFError):
        terminal.read("who> ")
    assert capsys.readouterr().err == "who> who> "


def test_completion_offers_what_starts_with_the_typed_text():
    terminal = Terminal()
    terminal._completions = ("PAY-101", "PAY-102", "PLAT-7")
    assert [terminal._complete("pay", n) for n in range(3)] == ["PAY-101", "PAY-102", None]


def test_signals_wait_until_a_write_is_done():
    with Signals() as signals:
        with pytest.raises(Stop) as stopped:
            with signals.deferred():
                signal.raise_signal(signal.SIGTERM)
                finished = True  # the write goes on to the end before the stop is raised
        assert finished and stopped.value.name == "SIGTERM"
    assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL


@pytest.fixture
def write_backlog(tmp_path):
    def _write(text: str):
        path = tmp_path / "backlog.yaml"
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return _write


def test_back_undoes_the_previous_items_change_in_the_file_and_asks_it_again(ask_backlog):
    original = ask_backlog.read_bytes()
    code, script = converse(ask_backlog, "d", "y", "b", "b", "q")
    assert code == 0
    assert script.prompts == ["OPS-12 [A,s,w,d,q,?]? ", "   Drop OPS-12? It stays in the file with `status: dropped`. [y/N] ",
                              "UI-3 [A,s,w,d,q,?]? ", "OPS-12 [A,s,w,d,q,?]? ", "OPS-12 [A,s,w,d,q,?]? "]
    assert "Back to OPS-12: its dropped change is undone in the file." in script.output
    assert "This is the first item: there is nothing to go back to." in script.output
    assert ask_backlog.read_bytes() == original
    assert "nothing changed" in script.output  # the tally forgets what was undone


def test_back_after_a_skip_changes_nothing(ask_backlog):
    original = ask_backlog.read_bytes()
    code, script = converse(ask_backlog, "s", "b", "q")
    assert script.prompts == ["OPS-12 [A,s,w,d,q,?]? ", "UI-3 [A,s,w,d,q,?]? ", "OPS-12 [A,s,w,d,q,?]? "]
    assert "Back to OPS-12." in script.output
    assert ask_backlog.read_bytes() == original


def test_an_interview_stopped_half_way_starts_where_it_stopped(ask_backlog):
    _, first = converse(ask_backlog, "s", "s", "q")
    assert first.prompts == ["OPS-12 [A,s,w,d,q,?]? ", "UI-3 [A,s,w,d,q,?]? ", "GRW-31 [A,s,w,d,q,?]? "]
    _, second = converse(ask_backlog, signal.SIGINT)  # stopped at once: the place stays
    assert second.prompts == ["GRW-31 [A,s,w,d,q,?]? "]
    assert "Resuming where the last interview of" in second.output and "2 items gone through already" in second.output
    _, third = converse(ask_backlog, *["s"] * 10)  # to the end: the place is forgotten
    assert third.prompts[0] == "GRW-31 [A,s,w,d,q,?]? "
    _, fourth = converse(ask_backlog, "q")
    assert fourth.prompts == ["OPS-12 [A,s,w,d,q,?]? "]
    assert "Resuming" not in fourth.output


def test_restart_and_other_ways_of_asking_start_from_the_top(ask_backlog):
    converse(ask_backlog, "s", "q")
    _, only = converse(ask_backlog, "q", only=["OPS-12", "UI-3"])
    assert only.prompts == ["OPS-12 [A,s,w,d,q,?]? "]  # another list of items, another place
    script = Script("q")
    editor = BacklogEditor.open(str(ask_backlog))
    with Signals() as signals:
        Conversation(editor, Scorer(str(ask_backlog)), script, signals).run(restart=True)
    assert script.prompts == ["OPS-12 [A,s,w,d,q,?]? "]


def test_only_finds_ids_in_any_case(ask_backlog):
    _, script = converse(ask_backlog, "q", only=["ops-12"])
    assert script.prompts == ["OPS-12 [A,s,w,d,q,?]? "]


@pytest.mark.parametrize(("second", "written"), [
    ("their auditors require it by law", "their auditors require it by law"),  # answered again
    ("", "agreed with the CTO"),  # kept: the waiver is written and BL904 stands in the audit
])
def test_a_waiver_reason_of_ours_is_challenged_once(tmp_path, second, written):
    """Issue 15: a reason that is a procedure of ours ("agreed with the CTO") is challenged where it
    is given, with BL904's words, and one chance to give a customer's reason or keep it."""
    path = tmp_path / "backlog.yaml"
    path.write_text(textwrap.dedent("""\
        customers:
          acme: {name: Acme Logistics, plan: business, mrr: 1200}
        items:
          - id: A
            title: Export invoices to NetSuite
            customer: acme
            problem: they re-key totals
            evidence: [{source: ZD-1, date: 2026-11-01}]
    """))
    code, script = converse(path, "w", "BL401", "agreed with the CTO", second, "q", only=["A"])
    assert code in (0, 1)
    assert "BL904: 'agreed with the CTO' is a reason of ours, not a customer's" in " ".join(script.output.split())
    assert f"BL401: '{written}'" in path.read_text() or f"BL401: {written}" in path.read_text()
