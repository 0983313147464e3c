"""What every command shares at the edge: the stderr console, the one-line error with exit code 2,
and how stdout wants its output (colour, width).

Every line for people is wrapped at word boundaries to the width of where it goes: the terminal's,
else `COLUMNS`, else 80 columns (`width`). Errors are the exception: each stays one line, whole,
for the tools that read them."""

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


DEFAULT_WIDTH = 80
"""The width of output that goes to no terminal, when `COLUMNS` does not say."""

MIN_WIDTH = 20
"""Narrower than this, lines are wrapped at this width anyway."""


def width(stream=None) -> int:
    """The width to wrap lines for `stream` (stdout by default) at: the terminal's, else
    `COLUMNS`, else `DEFAULT_WIDTH`."""
    stream = stream if stream is not None else sys.stdout
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    try:
        if stream.isatty():
            return max(os.get_terminal_size(stream.fileno()).columns, MIN_WIDTH)
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def wrap(text: str, columns: int, indent: str | None = None) -> str:
    """`text` with every line longer than `columns` wrapped at word boundaries (a word longer
    than a line is cut); the lines it continues on are indented as far as the line itself, or by
    `indent`."""
    import textwrap

    out = []
    for line in text.split("\n"):
        if len(line) <= columns:
            out.append(line)
            continue
        lead = indent if indent is not None else " " * (len(line) - len(line.lstrip(" ")))
        if len(lead) > columns // 2:
            lead = ""
        out += textwrap.wrap(line, width=columns, subsequent_indent=lead, break_long_words=True,
                             break_on_hyphens=False, expand_tabs=False, replace_whitespace=False) or [""]
    return "\n".join(out)


def stderr(color: bool | None = None):
    """A console for people: stderr, no markup read from the text it prints, no control
    character of it printed as itself (`clip.visible`: a file name or an item title cannot write
    escape sequences to the terminal), lines wrapped to `width(sys.stderr)`. Where stderr shows
    no colour (a pipe, a CI log), plain lines are written without importing rich at all.
    `color`: True or False to decide (`--color`), None for rich's judgement (a terminal,
    NO_COLOR, FORCE_COLOR). Inside GitHub Actions every message is one line that cannot start a
    workflow command (`breadline.actions.safe_line`)."""
    plain = color is False or (color is None and _colourless(sys.stderr))
    if os.environ.get("GITHUB_ACTIONS") == "true":
        return _Guarded(_Plain() if plain else _rich(color))
    if plain:
        return _Plain()
    return _rich(color)


def _rich(color: bool | None = None):
    from rich.console import Console

    forced = {"force_terminal": True, "color_system": "standard"} if color else {}
    return _Wrapping(Console(stderr=True, highlight=False, markup=False, emoji=False, width=width(sys.stderr),
                             **forced))


class _Wrapping:
    """A rich console on a terminal whose lines are wrapped at word boundaries (rich's own
    wrapping), plain strings printed with their control characters made visible (rich `Text`
    objects are breadline's own: the coloured bar); `one_line`: not wrapped (an error)."""

    def __init__(self, console) -> None:
        self.console = console

    def print(self, *objects, style=None, soft_wrap: bool = True, one_line: bool = False) -> None:  # noqa: ARG002
        self.console.print(*(visible(o) if isinstance(o, str) else o for o in objects), style=style,
                           soft_wrap=one_line)

    def __getattr__(self, name: str):
        return getattr(self.console, name)  # width, is_terminal, ...: the console's own


class _Guarded:
    """A console whose every message is one line made safe for the Actions runner first."""

    def __init__(self, console) -> None:
        self.console = console

    def print(self, *objects, style=None, soft_wrap: bool = True, one_line: bool = True) -> None:  # noqa: ARG002
        from breadline.actions import safe_line

        text = " ".join(getattr(thing, "plain", None) or str(thing) for thing in objects)
        self.console.print(safe_line(text), style=style, one_line=True)


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
    """What rich's Console.print writes to a stream that is not a terminal, wrapped to `width`,
    control characters made visible; `one_line`: not wrapped (an error)."""

    def print(self, *objects, style=None, soft_wrap: bool = True, one_line: bool = False) -> None:  # noqa: ARG002
        text = visible(" ".join(getattr(thing, "plain", None) or str(thing) for thing in objects))
        sys.stderr.write((text if one_line else wrap(text, width(sys.stderr))) + "\n")


def note(path: str, why: str) -> None:
    """A file that was left out, said on stderr on a line of its own."""
    stderr().print(f"breadline: note: {visible(path, lines=False)}: skipped: {why}", style="yellow", one_line=True)


def fail(error: BreadlineError) -> NoReturn:
    """Print the error (and any others found in the same run) one line each; exit 2."""
    console = stderr()
    for each in (error, *error.others):
        console.print(f"breadline: error: {visible(each.location_message(), lines=False)}", style="red",
                      one_line=True)
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
    return View(show_all=show_all, color=color, width=max(width(), 60), fail_on=fail_on, limit=limit)
