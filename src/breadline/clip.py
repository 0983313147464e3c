"""The one way breadline shows a text from a file on a line: control characters made visible
(`visible`), whitespace run together and cut with an ellipsis (`clip`).

Text in a backlog or an export is the user's, or an attacker's: an item title can hold an escape
sequence that writes to the clipboard (OSC 52), clears the screen and its scrollback, sets the
window title, or a carriage return that prints over the line before it. Nothing breadline prints
to a terminal, a text report, a CSV cell or a YAML comment holds such a character as itself: it is
written out as an escape (`\\x1b`, `\\r`, `\\u2028`) that shows what was there and does nothing.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]")
"""C0 controls but tab and line feed, DEL, C1 controls (NEL among them), the Unicode line and
paragraph separators (line breaks to YAML 1.1), and the bidirectional controls that make a text
read differently from what it is ("Trojan Source")."""

_ANY_CONTROL = re.compile(_CONTROLS.pattern[:-1] + "\t\n]")

_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = True) -> str:
    """`text` with every control character written out as a visible escape: `\\x1b` for ESC,
    `\\r` for a carriage return. Tab and line feed stay as they are when `lines` (a text that may
    run over several lines), and are escaped too when not (a text that must stay one line: an
    error message, a YAML comment)."""
    pattern = _CONTROLS if lines else _ANY_CONTROL
    if pattern.search(text) is None:  # the common case: nothing to do, no copy
        return text
    return pattern.sub(_escape, text)


def clip(text: str, width: int) -> str:
    """`text` on one line (runs of whitespace as one space, control characters made visible), at
    most `width` characters, the last of them "…" when it was cut."""
    text = visible(" ".join(text.split()), lines=False)
    return text if len(text) <= width else text[: width - 1] + "…"
