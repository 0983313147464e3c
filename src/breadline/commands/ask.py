"""`breadline ask`: the interview that draws the line.

Item by item, weakest first, it shows an item that is not on the line, asks the team only for the
links it is missing (in the customer's terms), and writes the answers into the backlog file after
each item, atomically, keeping everything else in the file as it was. Without a terminal it takes
the answers from a file instead (`--answers`).

The questions, their order and what a reply means live in `breadline.interview`; the editing of
the file lives in `breadline.edit`. This module talks to people: prompts and messages go to
stderr (or the terminal), so that stdout carries only the diff of `--dry-run`.
"""

from __future__ import annotations

import gc
import os
import re
import signal
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any

import typer

from breadline.clip import clip
from breadline.options import ConfigPath, Threshold

if TYPE_CHECKING:  # pragma: no cover
    from breadline.edit import BacklogEditor
    from breadline.interview import Question, Scorer
    from breadline.model import AuditResult, ItemResult

EXIT_OK = 0


def register(app: typer.Typer) -> None:
    """Add this module's command to the app."""
    app.command("ask")(ask)


def ask(
    backlog: Annotated[str, typer.Argument(help="The backlog YAML file to ask about and write the answers into.",
                                           show_default=False, metavar="BACKLOG")],
    show_all: Annotated[bool, typer.Option("--all", "-a", help="Ask about every item, weakest first, not only "
                                                               "those off the line.")] = False,
    only: Annotated[list[str] | None, typer.Option(
        "--only", metavar="ID", show_default=False,
        help="Ask about these items only, in this order (repeat it, or separate ids with commas).")] = None,
    answers: Annotated[str | None, typer.Option(
        "--answers", metavar="FILE", show_default=False,
        help="Apply the answers in FILE (YAML or JSON: item id -> answers; - reads standard input) "
             "instead of asking; no terminal needed.")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n", help="Write nothing: print a unified diff of the "
                                                                  "changes to stdout instead.")] = False,
    restart: Annotated[bool, typer.Option("--restart", help="Start the interview from the top, not where the last "
                                                            "one stopped.")] = False,
    threshold: Threshold = None,
    config: ConfigPath = None,
) -> None:
    """Ask the team what would put each item on the line, and write the answers into the backlog.

    Walks the items that are not on the line, weakest first, shows each with its score and its
    missing links, and asks only for what is missing: who pays and is helped, what they are trying
    to get done, how we know, what changes for them next, or which item it serves. At each item:
    answer, skip, waive a rule with a reason, drop it (status: dropped), or quit. The answers go
    into the file after each item, atomically, with comments, key order and quoting kept.

    Without a terminal, give --answers FILE. Example:

    \b
      PAY-101: {customer: acme, problem: "...", next: "...",
                evidence: {source: ZD-4411, date: 2026-10-02}}
      PLAT-7: {serves: [PAY-101]}
      UI-3: {waive: {BL301: "new market, approved by Dana"}}
      GRW-9: {status: dropped}
    """
    from breadline import ui
    from breadline.errors import UsageError

    ids = [part for value in (only or []) for part in re.split(r"[,\s]+", value) if part]
    with ui.errors():
        if only is not None and not ids:
            raise UsageError("--only needs at least one item id")
        if answers is not None and (show_all or ids):
            raise UsageError("--answers applies every item in the answers file; --all and --only are for the "
                             "interview")
        if backlog == "-":
            raise UsageError("`breadline ask` writes the answers into the backlog file, so it needs a file, not -")
        if show_all and ids:
            raise UsageError("--all and --only do not go together: --all asks about every item")
        if answers is None and not sys.stdin.isatty():
            raise UsageError("`breadline ask` asks its questions at a terminal, and standard input is not one; "
                             "to answer without one, give --answers FILE (YAML or JSON: item id -> answers)")
    terminal = Terminal()
    try:
        with ui.errors(), Signals() as signals:
            from breadline.edit import BacklogEditor, locked
            from breadline.interview import Scorer

            if answers is not None:
                # The whole read-modify-write under the file's lock: a second `ask --answers` on
                # the same file waits, then reads the answers this one wrote.
                def waiting() -> None:
                    terminal.say(f"Waiting for another breadline run to finish writing {backlog}…", style="dim")

                from breadline.output import bulk

                bulk()  # a run through once: no cyclic collector, no teardown (each item's round trip is small)
                with locked(backlog, wait=waiting) if not dry_run else _nothing():
                    editor = BacklogEditor.open(backlog, held=not dry_run)
                    scorer = Scorer(backlog, config, threshold)
                    code = apply_answers(editor, scorer, answers, dry_run, terminal, signals)
            else:
                editor = BacklogEditor.open(backlog)
                scorer = Scorer(backlog, config, threshold)
                conversation = Conversation(editor, scorer, terminal, signals, dry_run=dry_run)
                code = conversation.run(every=show_all, only=ids, restart=restart)
    except Stop as stop:
        terminal.say("")
        terminal.say(f"{stop.describe()}: nothing more was written.", style="yellow")
        code = 128 + stop.signum
    raise typer.Exit(code)


# -- batch -----------------------------------------------------------------------------------

def apply_answers(editor: BacklogEditor, scorer: Scorer, path: str, dry_run: bool, terminal: Terminal,
                  signals: Signals) -> int:
    """Check every answer in the file, apply them all, then write the backlog once (or print the diff)."""
    from breadline.interview import read_answers
    from breadline.load import decode

    before = scorer.audit(editor.backlog)
    if path == "-":
        entries = read_answers("<stdin>", editor.backlog, decode(sys.stdin.buffer.read(), "<stdin>"))
    else:
        entries = read_answers(path, editor.backlog)
    with signals.deferred():
        for item, given in entries:
            if given:
                editor.update(item.index, given.values(), given.waive)
        backlog = editor.commit()
    after = scorer.audit(backlog, changed=[item.index for item, given in entries if given])
    width = max((len(item.id) for item, _ in entries), default=0)
    for item, given in entries:
        old, new = before.at(item.index), after.at(item.index)
        what = ", ".join(given.given()) if given else "no answers"
        terminal.say(f"{item.id:<{width}}  {_standing(old)} → {_standing(new)}  ({what})")
    changed = sum(1 for _, given in entries if given)
    if dry_run:
        sys.stdout.write(editor.diff())
        sys.stdout.flush()
        terminal.say(f"Dry run: {editor.path} is unchanged ({_count(changed, 'item')} would change).", style="dim")
    elif editor.changed:
        with signals.deferred():
            editor.save()
        terminal.say(f"Wrote the answers for {_count(changed, 'item')} to {editor.path}.")
    else:
        terminal.say(f"Nothing to change in {editor.path}.")
    terminal.say(after.summary.headline + ".", style="bold")
    return EXIT_OK


# -- the interview ---------------------------------------------------------------------------

ACTIONS_HELP = """\
  a  answer the questions about its missing links (Enter)
  s  skip it: leave the item as it is
  w  waive a rule for this item, with a reason written into the file
  d  drop it: the item gets `status: dropped`, and ask does not bring it up again
  b  back to the previous item, its change undone in the file
  q  quit; the answers so far are saved, and the next `breadline ask` starts here
  ?  this help
At a question: a number picks a choice, anything else is the answer, Enter skips the question
(and keeps what the item says), ? explains what a strong answer looks like, Tab completes keys
and ids. Ctrl-C stops at once: the item in progress is not saved, the ones before it are."""


class Conversation:
    """One `breadline ask` session at a terminal."""

    def __init__(self, editor: BacklogEditor, scorer: Scorer, terminal: Terminal, signals: Signals,
                 dry_run: bool = False):
        self.editor = editor
        self.scorer = scorer
        self.terminal = terminal
        self.signals = signals
        self.dry_run = dry_run
        self.result: AuditResult = scorer.audit(editor.backlog)
        # The backlog and its audit stay for the whole interview: out of the cyclic collector's
        # sight, so that its rounds over what each answer makes do not rescan them (a 10,000-item
        # backlog's heap took it 0.1-0.4 s a round).
        gc.freeze()
        self.counts = {"answered": 0, "waived": 0, "dropped": 0, "skipped": 0}
        self.asked = 0
        self.in_progress: str | None = None
        """The item whose answers are not written yet."""
        self.touched: set[str] = set()
        """What was done to the last item gone through (answered, waived, dropped; none: skipped)."""

    @property
    def backlog(self):
        return self.editor.backlog

    def say(self, text: str = "", style: str | None = None) -> None:
        self.terminal.say(text, style=style)

    # -- the walk -------------------------------------------------------------------------

    def run(self, every: bool = False, only: list[str] | tuple[str, ...] = (), restart: bool = False) -> int:
        from breadline.interview import queue
        from breadline.model import Verdict
        from breadline.resume import Place

        rows = queue(self.result, self.backlog, every=every, only=only)
        path = self.editor.path
        if not rows:
            self.say(f"Every item of {path} is on the line (or dropped): nothing to ask. "
                     "--all asks about every item.")
            return EXIT_OK
        place = None if self.dry_run else Place(path, "only:" + ",".join(only) if only else ("all" if every else "off"))
        if place is not None and restart:
            place.forget()
        done = set(place.load()) if place is not None else set()
        if done:
            ahead = [row for row in rows if row.item.id not in done]
            if ahead:
                self.say(f"Resuming where the last interview of {path} stopped: {_count(len(rows) - len(ahead), 'item')} "
                         f"gone through already. --restart starts from the top.", style="bold")
                rows = ahead
            else:
                place.forget()
        which = "items" if len(rows) != 1 else "item"
        if only:
            self.say(f"Asking about {len(rows)} {which} of {path}.", style="bold")
        elif every:
            self.say(f"Asking about all {len(rows)} {which} of {path}, weakest first.", style="bold")
        else:
            self.say(f"{len(rows)} {which} of {path} {'are' if len(rows) != 1 else 'is'} not on the line; "
                     "weakest first.", style="bold")
        self.say("Dry run: nothing is written; the changes are printed at the end." if self.dry_run
                 else "The answers are saved after each item. Type ? at any prompt for help.", style="dim")
        code = EXIT_OK
        history: list[tuple[int, int, Any, set[str]]] = []
        """The items gone through: (place in `rows`, item index, the item before, what was done)."""
        position = 0
        try:
            while position < len(rows):
                row = self.result.at(rows[position].item.index)
                if not (every or only) and row.verdict is Verdict.ON_LINE:
                    self.say(f"\n{row.item.id} is on the line now; moving on.", style="dim")
                    position += 1
                    continue
                self.asked += 1
                before = self.editor.checkpoint(row.item.index)
                outcome = self.item(row, position + 1, len(rows), back=bool(history))
                if outcome is _BACK:
                    self.asked -= 1
                    position = self.back(history)
                    if place is not None:
                        place.pop()
                    continue
                if outcome is _QUIT:
                    break
                history.append((position, row.item.index, before, self.touched))
                if place is not None:
                    place.add(row.item.id)
                position += 1
            else:
                if place is not None:
                    place.forget()
        except EOFError:
            self.say("")
            self.say(self._lost("End of input: stopping"), style="yellow")
        except Stop as stop:
            self.say("")
            self.say(self._lost(stop.describe()), style="yellow")
            code = 128 + stop.signum
        self.finish()
        return code

    def back(self, history: list[tuple[int, int, Any, set[str]]]) -> int:
        """Go back to the item before: its change undone in the file; returns its place."""
        position, index, before, touched = history.pop()
        item_id = self.backlog.items[index].id
        if touched:
            with self.signals.deferred():
                backlog = self.editor.restore(index, before)
                if not self.dry_run:
                    self.editor.save()
            self.result = self.scorer.audit(backlog, changed=[index])
            for what in touched:
                self.counts[what] -= 1
            self.say(f"   Back to {item_id}: its {' and '.join(sorted(touched))} change is undone"
                     + (" in the file." if not self.dry_run else "."), style="dim")
        else:
            self.counts["skipped"] -= 1
            self.say(f"   Back to {item_id}.", style="dim")
        self.asked -= 1
        return position

    def _lost(self, what: str) -> str:
        if self.in_progress:
            return f"{what}: the answers for {self.in_progress} were not saved."
        return f"{what}."

    def finish(self) -> None:
        counts = ", ".join(f"{n} {what}" for what, n in self.counts.items() if n) or "nothing changed"
        self.say("")
        self.say(f"Asked about {_count(self.asked, 'item')}: {counts}.", style="bold")
        if self.dry_run:
            diff = self.editor.diff()
            sys.stdout.write(diff)
            sys.stdout.flush()
            self.say(f"Dry run: {self.editor.path} is unchanged." + (" The diff above shows what would change."
                                                                    if diff else ""), style="dim")
        elif self.editor.changed:
            self.say(f"Saved in {self.editor.path}.", style="dim")
        self.say(self.result.summary.headline + ".", style="bold")

    # -- one item -------------------------------------------------------------------------

    def item(self, row: ItemResult, number: int, total: int, back: bool = False) -> object:
        """Ask about one item; `_QUIT` when the team quits, `_BACK` when it goes back to the item
        before (`back`: there is one), else `_NEXT`. What was done is left in `touched`."""
        from breadline.interview import Interview, is_dropped

        item_id = row.item.id
        self.show(row, number, total)
        touched: set[str] = set()
        interview = None
        while True:
            if interview is None or interview.row is not row:
                interview = Interview(row, self.result, self.backlog, self.scorer.words)
                if not interview.questions:
                    self.say("   Nothing to ask about its links: " + self._nothing_to_ask(row), style="dim")
            can_answer = bool(interview.questions)
            keys = "A,s,w,d,q,?" if can_answer else "S,w,d,q,?"
            typed = self.terminal.read(f"{item_id} [{keys}]? ").strip()
            action = typed.lower()
            if action in ("", "a", "answer") and can_answer:
                row = self.answer(interview)
                if row is not None:
                    touched.add("answered")
                break
            if action in ("a", "answer"):
                continue
            if action in ("", "s", "skip"):
                break
            if action in ("q", "quit", "exit"):
                if touched:  # an item left untouched by quitting was not skipped, just not reached
                    self._tally(touched)
                return _QUIT
            if action in ("b", "back"):
                if touched:
                    self.say(f"   {item_id} has a change already: s moves on (and b at the next item undoes it).",
                             style="red")
                    continue
                if not back:
                    self.say("   This is the first item: there is nothing to go back to.", style="red")
                    continue
                return _BACK
            if action in ("?", "h", "help"):
                self.say(ACTIONS_HELP, style="dim")
                continue
            if action in ("w", "waive"):
                waived = self.waive(row)
                if waived is not None:
                    row = waived
                    touched.add("waived")
                    from breadline.model import Verdict

                    if row.verdict is Verdict.ON_LINE:
                        break
                continue
            if action in ("d", "drop"):
                if is_dropped(row.item):
                    self.say(f"   {item_id} is dropped already (status: {row.item.status}).", style="dim")
                    continue
                if self.drop(row):
                    touched.add("dropped")
                    break
                continue
            self.say(f"   '{typed}' is not an action here: a answer, s skip, w waive, d drop, q quit, ? help.",
                     style="red")
        self._tally(touched)
        self.touched = touched
        return _NEXT

    def _tally(self, touched: set[str]) -> None:
        for what in ("answered", "waived", "dropped"):
            if what in touched:
                self.counts[what] += 1
        if not touched:
            self.counts["skipped"] += 1

    def _nothing_to_ask(self, row: ItemResult) -> str:
        if row.via:
            origin = row.origin or row.via
            return f"its line runs through {row.via}" + (f" to {origin}" if origin != row.via else "") + \
                   f"; raise {origin}'s line instead."
        blocking = [f for f in row.findings if f.off_line and f.waived is None]
        if blocking:
            return f"{blocking[0].code} {blocking[0].name} takes it off the line; waive it with a reason, or drop the item."
        if row.best_fix:
            return row.best_fix
        return "every link is drawn."

    def show(self, row: ItemResult, number: int, total: int) -> None:
        """The item, its score and its missing links."""
        item = row.item
        width = max(self.terminal.width - 3, 40)
        self.say("")
        self.say(f"[{number}/{total}] {item.id} · {item.title}", style="bold")
        facts = [f"score {row.score}/100", row.verdict.label]
        if item.points is not None:
            facts.append(f"{item.points:g} point" + ("" if item.points == 1 else "s"))
        if item.type:
            facts.append(item.type)
        if item.status:
            facts.append(f"status {item.status}")
        if item.position:
            facts.append(f"line {self.editor.line_of(item.index)}")
        self.say("   " + " · ".join(facts), style=_VERDICT_STYLE.get(row.verdict.value))
        if item.description:
            self.say("   " + clip(item.description, width * 2 - 3), style="dim")
        for link in row.links:
            if link.strength >= 1:
                continue
            codes = f"  [{', '.join(link.codes)}]" if link.codes else ""
            via = f" (via {link.via})" if link.via else ""
            self.say(f"   {link.name:<9}{link.points:>4g}/{link.weight:<3} {link.reason}{via}{codes}",
                     style="red" if link.missing else None)
        for finding in row.others:
            if finding.waived is None and finding.severity != "info":
                self.say(f"   {finding.code} {finding.name}: {finding.message}", style="yellow")

    # -- answering ------------------------------------------------------------------------

    def answer(self, interview) -> ItemResult | None:
        """Put the item's questions; write the answers once all are asked."""
        from breadline.interview import ReplyError, parse_reply

        row = interview.row
        item = row.item
        self.in_progress = item.id
        question = interview.next()
        while question is not None:
            self.show_question(question)
            while True:
                reply = self.terminal.read(f"{question.label}> ", question.completions).strip()
                if reply == "?":
                    self.say("   " + question.help, style="dim")
                    continue
                if not reply:
                    value = None
                    break
                try:
                    value = parse_reply(question, reply, self.backlog, item)
                except ReplyError as error:
                    self.say(f"   {error}", style="red")
                    continue
                if question.field == "customer":
                    value = self._confirm_customer(value)
                    if value is None:
                        continue
                break
            interview.answer(question, value)
            question = interview.next()
        given = interview.answers
        if not given:
            self.in_progress = None
            self.say(f"   No answers: {item.id} is unchanged.", style="dim")
            return None
        return self.apply(row, given.values(), given.waive, ", ".join(given.given()))

    def _confirm_customer(self, value: tuple[str, ...]) -> tuple[str, ...] | None:
        """A typed name that looks like a misspelt registry key gets one chance to be corrected."""
        import difflib

        from breadline.registry import looks_like_key, resolve

        if len(value) != 1 or resolve(value[0], self.backlog) is not None or not looks_like_key(value[0]):
            return value
        close = difflib.get_close_matches(value[0], list(self.backlog.customers), n=1, cutoff=0.75)
        if not close:
            return value
        reply = self.terminal.read(f"   '{value[0]}' is not in the registry; did you mean '{close[0]}'? [Y/n] ")
        if reply.strip().lower() in ("", "y", "yes"):
            return (close[0],)
        if reply.strip().lower() in ("n", "no"):
            return value
        return None

    def show_question(self, question: Question) -> None:
        self.say("")
        self.say(f"   {question.prompt}", style="bold")
        if question.why:
            self.say(f"   The audit says: {question.why}", style="dim")
        if question.current:
            self.say(f"   Now: {question.current}  (Enter keeps it)", style="dim")
        if question.choices:
            width = max(len(choice.value) for choice in question.choices)
            for number, choice in enumerate(question.choices, 1):
                self.say(f"   {number:>3}  {choice.value:<{width}}  {choice.label}")
            if question.more:
                self.say(f"        … and {question.more} more: type one (Tab completes)", style="dim")
            self.say("   A number picks, text answers, Enter skips, ? helps.", style="dim")
        else:
            self.say("   Type the answer; Enter skips, ? helps.", style="dim")

    def apply(self, row: ItemResult, values: dict[str, Any], waive: dict[str, str], what: str) -> ItemResult | None:
        """Write answers for one item and audit again; the item's new standing, or None when the
        edit could not be made cleanly (then nothing changed)."""
        from breadline.errors import InputError

        item = row.item
        with self.signals.deferred():
            try:
                self.editor.update(item.index, values, waive)
                backlog = self.editor.commit()
            except InputError as error:
                self.say(f"   {error.location_message()}", style="red")
                self.in_progress = None
                return None
            if not self.dry_run:
                self.editor.save()
            self.in_progress = None
        self.result = self.scorer.audit(backlog, changed=[item.index])
        new = self.result.at(item.index)
        verb = "Noted (dry run)" if self.dry_run else "Saved"
        via = f", through {new.via}" if new.via else ""
        self.say(f"   {verb} {item.id}: {what}. Score {row.score} → {new.score}, {new.verdict.label}{via}.",
                 style=_VERDICT_STYLE.get(new.verdict.value))
        return new

    def waive(self, row: ItemResult) -> ItemResult | None:
        from breadline.interview import ReplyError, parse_rule, waiver_question

        question = waiver_question(row)
        self.show_question(question)
        while True:
            reply = self.terminal.read("rule> ", question.completions).strip()
            if not reply:
                self.say("   No rule picked: nothing waived.", style="dim")
                return None
            if reply == "?":
                self.say("   " + question.help, style="dim")
                continue
            try:
                code = parse_rule(question, reply)
                break
            except ReplyError as error:
                self.say(f"   {error}", style="red")
        self.say(f"   Why does {code} not apply to {row.item.id}? The reason is written into the file.")
        challenged = False
        while True:
            reason = self.terminal.read("reason> ").strip()
            if not reason:
                self.say("   A waiver needs a reason: nothing waived.", style="dim")
                return None
            if reason == "?":
                self.say("   Say why the rule does not apply here and who decided, e.g. “new market, approved by "
                         "Dana”. Anyone reading the backlog later sees it. Enter cancels the waiver.", style="dim")
                continue
            if len(reason) < 2:
                self.say(f"   '{reason}' is too short to be a reason; Enter cancels the waiver", style="red")
                continue
            from breadline.rules.claims import refused_reason

            if not challenged and refused_reason(reason, self.scorer.words):
                # Held to the rules' standard (BL904), once: a reason of ours waives nothing.
                challenged = True
                self.say(f"   BL904: '{reason}' is a reason of ours, not a customer's: the waiver would waive "
                         f"nothing and {code} would stand. Which paying customer's situation makes {code} not "
                         "apply? Another reason, or Enter to keep this one.", style="red")
                again = self.terminal.read("reason> ").strip()
                if len(again) >= 2:
                    reason = again
            break
        self.in_progress = row.item.id
        return self.apply(row, {}, {code: reason}, f"waived {code}")

    def drop(self, row: ItemResult) -> bool:
        from breadline.interview import DROPPED

        item = row.item
        reply = self.terminal.read(f"   Drop {item.id}? It stays in the file with `status: {DROPPED}`. [y/N] ")
        if reply.strip().lower() not in ("y", "yes"):
            self.say("   Not dropped.", style="dim")
            return False
        self.in_progress = item.id
        return self.apply(row, {"status": DROPPED}, {}, f"status: {DROPPED}") is not None


_VERDICT_STYLE = {"on-line": "green", "weak": "yellow", "superfluous": "red"}

_NEXT, _BACK, _QUIT = object(), object(), object()
"""What the team did at an item: went on, went back to the item before, quit."""


# -- the terminal ----------------------------------------------------------------------------

class Terminal:
    """Messages on stderr (colour only on a terminal, never with NO_COLOR) and questions read a
    line at a time, with line editing and Tab completion where the platform has readline."""

    def __init__(self):
        from rich.console import Console

        from breadline import ui

        probe = Console(stderr=True)
        styled = probe.is_terminal and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"
        self.console = Console(stderr=True, highlight=False, markup=False, emoji=False, width=ui.width(sys.stderr),
                               color_system="standard" if styled else None, no_color=not styled)
        self._readline = None
        self._completions: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return self.console.width

    def say(self, text: str = "", style: str | None = None) -> None:
        """A message, wrapped at word boundaries to the terminal's width; the lines a message goes
        on over are indented as far as its first line, and a little further."""
        from rich.text import Text

        from breadline.ui import wrap

        lead = len(text) - len(text.lstrip(" "))
        self.console.print(Text(wrap(text, self.width, indent=" " * (lead + 2) if lead else None), style=style or ""),
                           soft_wrap=True)

    def read(self, prompt: str, completions: tuple[str, ...] = ()) -> str:
        """One line from the person at the terminal (EOFError at the end of input)."""
        self._completions = completions
        if sys.stdout.isatty():
            self._setup_readline()
            return input(prompt)
        sys.stderr.write(prompt)
        sys.stderr.flush()
        line = sys.stdin.readline()
        if not line:
            raise EOFError
        return line.rstrip("\r\n")

    def _setup_readline(self) -> None:
        if self._readline is not None:
            return
        try:
            import readline
        except ImportError:  # pragma: no cover - platforms without readline: plain input
            self._readline = False
            return
        self._readline = readline
        readline.set_completer_delims(" ,;\t\n")
        if "libedit" in (readline.__doc__ or ""):  # pragma: no cover - macOS
            readline.parse_and_bind("bind ^I rl_complete")
        else:
            readline.parse_and_bind("tab: complete")
        readline.set_completer(self._complete)

    def _complete(self, text: str, state: int) -> str | None:
        matches = [c for c in self._completions if c.casefold().startswith(text.casefold())]
        return matches[state] if state < len(matches) else None


# -- signals ---------------------------------------------------------------------------------

class Stop(BaseException):
    """Ctrl-C, or a polite kill: stop at once, losing only the item in progress."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum
        self.name = signal.Signals(signum).name

    def describe(self) -> str:
        return "Interrupted" if self.signum == signal.SIGINT else f"Stopped ({self.name})"


class Signals:
    """Turns Ctrl-C, SIGTERM and SIGHUP into `Stop`, except while the file is being written: then
    the signal waits until the write is done, so the file and what we report about it agree."""

    def __init__(self):
        self._previous: dict[int, Any] = {}
        self._critical = 0
        self._pending: int | None = None

    def __enter__(self) -> Signals:
        for name in ("SIGINT", "SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)
            if number is None:
                continue
            try:
                self._previous[number] = signal.signal(number, self._handle)
            except (ValueError, OSError):  # pragma: no cover - not the main thread
                pass
        return self

    def __exit__(self, *exc) -> None:
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._previous.clear()

    def _handle(self, signum: int, frame) -> None:
        if self._critical:
            self._pending = self._pending or signum
            return
        raise Stop(signum)

    @contextmanager
    def deferred(self):
        self._critical += 1
        try:
            yield
        finally:
            self._critical -= 1
            if not self._critical and self._pending is not None:
                signum, self._pending = self._pending, None
                raise Stop(signum)


# -- helpers ---------------------------------------------------------------------------------

@contextmanager
def _nothing():
    yield


def _standing(row: ItemResult) -> str:
    return f"{row.score:>3} {row.verdict.label:<11}"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
