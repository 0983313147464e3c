"""Inside GitHub Actions (`GITHUB_ACTIONS=true`): what breadline says must not become a workflow
command, input errors become annotations, and a summary goes to `$GITHUB_STEP_SUMMARY`.

The runner reads every line of a step's stdout **and** stderr, and a line that starts with `::`
(after leading blanks) is a command — `::stop-commands::TOKEN` even turns the others off. A
backlog's ids, titles, keys and file names reach stderr in error messages and notes, so there,
line breaks inside one message are written as `\\n` and a message that would start with `::` gets
a space-free guard in front (`safe_line`): every line breadline prints starts with its own words.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator

from breadline.errors import BreadlineError

STEP_SUMMARY_LIMIT = 1024 * 1024
"""Bytes GitHub accepts in one step's summary."""


def active() -> bool:
    return os.environ.get("GITHUB_ACTIONS") == "true"


def safe_line(text: str) -> str:
    """`text` as one line that cannot start a workflow command."""
    text = text.replace("\r\n", "\\n").replace("\r", "\\r").replace("\n", "\\n")
    return "\u2060" + text if text.lstrip().startswith("::") else text


_COMMAND_START = re.compile(r"(^|[\r\n])([^\S\r\n]*)::")


def guarded(pieces: Iterable) -> Iterator:
    """A report's pieces for stdout with a word joiner before any `::` that starts a line, so that
    the runner reads no command in it (for every format but `github`, whose commands are meant).
    Pieces that are not text (runs of JSON lines, which cannot hold a raw line break) pass as
    they are."""
    for piece in pieces:
        yield _COMMAND_START.sub("\\1\\2\u2060::", piece) if isinstance(piece, str) else piece


def error_annotations(errors: list[BreadlineError]) -> list[str]:
    """One annotation per input error, within GitHub's 10 error annotations per step: past
    them, the first nine and one that says how many more there are (every one is on stderr)."""
    from breadline.formats.github import PER_STEP, escape_data, escape_property

    if len(errors) <= PER_STEP:
        return [error_annotation(each) for each in errors]
    shown = [error_annotation(each) for each in errors[: PER_STEP - 1]]
    more = len(errors) - len(shown)
    return shown + [f"::error title={escape_property(f'breadline: {more} more input errors')}::"
                    f"{escape_data(f'{more} more input errors are in the log, one line each.')}"]


def error_annotation(error: BreadlineError, root: str | None = None) -> str:
    """`::error file=…,line=…,col=…::message` for an input error, its path relative to the
    repository root (as the annotations of the report name files)."""
    from breadline.formats.github import escape_data, escape_property

    properties = {}
    if error.path:
        from breadline.roots import find_root, relative

        properties["file"] = relative(error.path, root or find_root())
        if error.line is not None:
            properties["line"] = str(error.line)
            if error.column is not None:
                properties["col"] = str(error.column)
    properties["title"] = "breadline: input error"
    props = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::error {props}::{escape_data(error.message)}"


def append_summary(text: str, path: str) -> str | None:
    """Append Markdown to the step summary file (`$GITHUB_STEP_SUMMARY`; appending is how the
    runner asks for it), at most what GitHub accepts. Returns why it could not be written, or None."""
    data = text.encode("utf-8")[:STEP_SUMMARY_LIMIT].decode("utf-8", "ignore")
    try:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write(data if data.endswith("\n") else data + "\n")
    except OSError as error:
        return error.strerror or str(error)
    return None
