"""A progress bar on stderr for long work (an audit, a report of a large backlog): the file and
the items judged so far, drawn by rich; and a spinner for an import (`Spinner`).

It shows only where someone watches: stderr is a terminal, `CI` is not set, and the command was
not asked to be quiet; and only once the work has run for about a second (a small backlog never
sees it). It draws from the calls that report progress, never from a thread of its own: a thread
would keep `breadline.parallel` from forking its workers. The workers (forked processes) do not
report; their items are counted when their share comes back.
"""

from __future__ import annotations

import os
import sys
import time

DELAY = 1.0
"""Seconds of work before the bar appears (`BREADLINE_PROGRESS_DELAY` sets another, e.g. 0 in tests)."""

REFRESH = 0.1
"""Seconds between two redraws."""


def wanted(quiet: bool = False) -> bool:
    """Whether a bar would be seen: stderr is a terminal, not under CI, not quiet."""
    if quiet or os.environ.get("CI") or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """The progress of one command: `file(path)` as each file begins, `items(total)` as its items
    are judged, `advance()` per item, `close()` at the end (the bar is then cleared)."""

    def __init__(self, enabled: bool = True):
        self.enabled = enabled
        self.started = time.monotonic()
        try:
            self.delay = float(os.environ.get("BREADLINE_PROGRESS_DELAY", DELAY))
        except ValueError:
            self.delay = DELAY
        self.pid = os.getpid()
        self._bar = None
        self._task = None
        self._path = ""
        self._total = 0
        self._done = 0
        self._drawn = 0.0

    def file(self, path: str) -> None:
        self._path, self._total, self._done = path, 0, 0
        self._draw(force=True)

    def items(self, total: int) -> None:
        self._total, self._done = total, 0
        self._draw(force=True)

    def advance(self, count: int = 1) -> None:
        if os.getpid() != self.pid:  # a forked worker: its share is counted when it comes back
            return
        self._done += count
        self._draw()

    def complete(self) -> None:
        self._done = self._total
        self._draw(force=True)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.started < self.delay or (not force and now - self._drawn < REFRESH):
            return
        self._drawn = now
        if self._bar is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress as Bar, TextColumn, TimeElapsedColumn

            self._bar = Bar(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                            console=Console(stderr=True), transient=True, auto_refresh=False)
            self._bar.start()
            self._task = self._bar.add_task("", total=None)
        what = f"judging {self._path}" if self._total else f"reading {self._path}"
        self._bar.update(self._task, description=what, total=self._total or None, completed=self._done)
        self._bar.refresh()


class Spinner:
    """A spinner with the file and the time elapsed, for work that reports no steps of its own
    (`import` reading an export). It draws from a thread: an import forks no workers. Like
    `Progress`, it appears only where someone watches, and only after `DELAY` seconds."""

    def __init__(self, enabled: bool, what: str):
        self.enabled, self.what = enabled, what
        try:
            self.delay = float(os.environ.get("BREADLINE_PROGRESS_DELAY", DELAY))
        except ValueError:
            self.delay = DELAY
        self._timer = None
        self._bar = None

    def _start(self) -> None:
        from rich.console import Console
        from rich.progress import Progress as Bar, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                        console=Console(stderr=True), transient=True)
        self._bar.add_task(self.what, total=None)
        self._bar.start()
        self._bar.refresh()

    def __enter__(self) -> Spinner:
        if self.enabled and self.delay <= 0:
            self._start()  # at once (the tests' BREADLINE_PROGRESS_DELAY=0): no timer to race
        elif self.enabled:
            import threading

            self._timer = threading.Timer(self.delay, self._start)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer.join()
        if self._bar is not None:
            self._bar.stop()
            self._bar = None
