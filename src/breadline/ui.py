"""What every command shares at the edge: the stderr console, the one-line error with exit code 2,
and how stdout wants its output (colour, width)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from breadline.clip import visible
from breadline.errors import BreadlineError
from breadline.formats import View

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def stderr():
    """A console for people: stderr, no markup read from the text it prints, and no control
    character of it printed as itself (`clip.visible`: a file name or an item title cannot
    write escape sequences to the terminal). Where stderr shows no colour (a pipe, a CI log),
    plain lines are written without importing rich at all. Inside GitHub Actions every message
    is one line that cannot start a workflow command (`breadline.actions.safe_line`)."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return _Guarded(_Plain() if _colourless(sys.stderr) else _rich())
    if _colourless(sys.stderr):
        return _Plain()
    return _rich()


def _rich():
    from rich.console import Console

    return _Visible(Console(stderr=True, highlight=False, markup=False, emoji=False))


class _Visible:
    """A rich console whose plain strings are printed with their control characters made visible
    (rich `Text` objects are breadline's own: the coloured bar)."""

    def __init__(self, console) -> None:
        self.console = console

    def print(self, *objects, **options) -> None:
        self.console.print(*(visible(o) if isinstance(o, str) else o for o in objects), **options)

    def __getattr__(self, name: str):
        return getattr(self.console, name)  # width, is_terminal, ...: the console's own


class _Guarded:
    """A console whose every message is made safe for the Actions runner first."""

    def __init__(self, console) -> None:
        self.console = console

    def print(self, *objects, style=None, soft_wrap: bool = True) -> None:
        from breadline.actions import safe_line

        self.console.print(safe_line(" ".join(str(thing) for thing in objects)), style=style, soft_wrap=soft_wrap)


def _colourless(stream) -> bool:
    """True when rich would print `stream` without colour or wrapping: not a terminal, and no
    FORCE_COLOR asking otherwise."""
    if os.environ.get("FORCE_COLOR"):
        return False
    try:
        return not stream.isatty()
    except (AttributeError, ValueError):
        return True


class _Plain:
    """What rich's Console.print(..., soft_wrap=True) writes to a stream that is not a terminal."""

    def print(self, *objects, style=None, soft_wrap: bool = True) -> None:  # noqa: ARG002 - rich's signature
        sys.stderr.write(visible(" ".join(str(thing) for thing in objects)) + "\n")


def note(path: str, why: str) -> None:
    """A file that was left out, said on stderr on a line of its own."""
    stderr().print(f"breadline: note: {visible(path, lines=False)}: skipped: {why}", style="yellow", soft_wrap=True)


def fail(error: BreadlineError) -> NoReturn:
    """Print the error (and any others found in the same run) one line each; exit 2."""
    console = stderr()
    for each in (error, *error.others):
        console.print(f"breadline: error: {visible(each.location_message(), lines=False)}", style="red",
                      soft_wrap=True)
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from breadline.actions import error_annotations

        for line in error_annotations([error, *error.others]):  # stderr: the runner reads it as it reads stdout
            sys.stderr.write(line + "\n")
    raise typer.Exit(EXIT_ERROR)


@contextmanager
def errors() -> Iterator[None]:
    """Turn the library's errors into a one-line message each and exit code 2, never a traceback."""
    try:
        yield
    except BreadlineError as error:
        fail(error)


def view(show_all: bool = False, to_terminal: bool = True, fail_on: str = "superfluous", limit: int = 0,
         probe: bool = True) -> View:
    """Colour and width for stdout: colour only on a terminal, never with NO_COLOR. Without
    `probe` (formats for programs, which have no colour or width), the terminal is not asked."""
    if not probe:
        return View(show_all=show_all, fail_on=fail_on, limit=limit)
    from rich.console import Console

    probe = Console()
    color = to_terminal and probe.is_terminal and not probe.no_color and os.environ.get("TERM") != "dumb"
    width = probe.width if probe.is_terminal else int(os.environ.get("COLUMNS", "0") or 0) or 100
    return View(show_all=show_all, color=color, width=max(width, 60), fail_on=fail_on, limit=limit)
