"""Output formats. Each is a small module with one pure function, `render(result, view) -> str`,
over the one `AuditResult`; none recomputes anything, none decides the exit code."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
import os
from enum import Enum
from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # `breadline --version` and `--help` need not build the model's classes (~10 ms)
    from breadline.formats.shared import Lines
    from breadline.model import AuditResult


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class View:
    """How the person (or program) reading the output wants it."""

    show_all: bool = False
    """Every item, not just the superfluous ones (formats that list items)."""
    color: bool = False
    width: int = 100
    limit: int = 0
    """At most this many rows in listing formats for people (0: no limit)."""
    fail_on: str = "superfluous"
    """The verdicts CI formats report as failures: "superfluous", "weak" (weak and superfluous) or "never"."""
    root: str | None = None
    """The folder the report's paths are relative to (`breadline.roots`), when known."""
    baseline: bool = False
    """A baseline was applied: what the report holds is new."""


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"
    GITHUB = "github"
    GITLAB = "gitlab"
    MARKDOWN = "markdown"
    CSV = "csv"
    HTML = "html"

    def renderer(self) -> Callable[[AuditResult, View], str]:
        """The render function of this format; imported only when asked for."""
        return import_module(f"breadline.formats.{self.value}").render

    def chunker(self) -> Callable[[AuditResult, View], Iterable[str | Lines]]:
        """The report in pieces, for writing large ones without holding them whole: the format's
        own `chunks` where it has one (strings, and runs of item lines as `shared.Lines` for the
        writer to encode, see `breadline.output`), else its whole rendering as one piece."""
        module = import_module(f"breadline.formats.{self.value}")
        return getattr(module, "chunks", None) or (lambda result, view: (module.render(result, view),))


Choice = Enum("Choice", {**{member.name: member.value for member in Format}, "AUTO": "auto"}, type=str,
              module=__name__)
Choice.__doc__ = """What `--format` accepts: a format by name, or AUTO (the GitHub annotations inside GitHub
Actions, else the table)."""

SUFFIXES = {".json": Format.JSON, ".sarif": Format.SARIF, ".xml": Format.JUNIT, ".csv": Format.CSV,
            ".md": Format.MARKDOWN, ".markdown": Format.MARKDOWN, ".html": Format.HTML, ".htm": Format.HTML}
"""The format an `--output` file's suffix (lower-cased) asks for when `--format` is not given."""


def chosen(requested: Choice | None, output: str | None, in_github_actions: bool) -> Format:
    """The format to write: `--format` by name wins; else the `--output` file's suffix says (with
    `--format auto` too: `-f auto -o r.json` writes JSON, not workflow commands into r.json);
    else, for `auto`, the annotations inside GitHub Actions; else the table."""
    by_suffix = SUFFIXES.get(os.path.splitext(output or "")[1].lower())
    if requested is None:
        return by_suffix or Format.TABLE
    if requested is Choice.AUTO:
        if by_suffix is not None:
            return by_suffix
        return Format.GITHUB if in_github_actions and output is None else Format.TABLE
    return Format(requested.value)
