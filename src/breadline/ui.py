"""What every command shares at the edge: the stderr console, the one-line error with exit code 2,
and how stdout wants its output (colour, width)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from breadline.errors import BreadlineError
from breadline.formats import View

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def stderr():
    """A console for people: stderr, no markup read from the text it prints."""
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False)


def fail(error: BreadlineError) -> NoReturn:
    """Print the error (and any others found in the same run) one line each; exit 2."""
    console = stderr()
    for each in (error, *error.others):
        console.print(f"breadline: error: {each.location_message()}", style="red", soft_wrap=True)
    raise typer.Exit(EXIT_ERROR)


@contextmanager
def errors() -> Iterator[None]:
    """Turn the library's errors into a one-line message each and exit code 2, never a traceback."""
    try:
        yield
    except BreadlineError as error:
        fail(error)


def view(show_all: bool = False, to_terminal: bool = True, fail_on: str = "superfluous", limit: int = 0) -> View:
    """Colour and width for stdout: colour only on a terminal, never with NO_COLOR."""
    from rich.console import Console

    probe = Console()
    color = to_terminal and probe.is_terminal and not probe.no_color and os.environ.get("TERM") != "dumb"
    width = probe.width if probe.is_terminal else int(os.environ.get("COLUMNS", "0") or 0) or 100
    return View(show_all=show_all, color=color, width=max(width, 60), fail_on=fail_on, limit=limit)
