"""`clip.visible`: control characters from a file are shown, never emitted; `clip.clip` too."""

from __future__ import annotations

import pytest

from breadline.clip import clip, visible

HOSTILE = [
    "\x1b]52;c;ZWNobyBwd25lZA==\x07",  # OSC 52: write the clipboard
    "\x1b[2J\x1b[3J",  # clear the screen and the scrollback
    "\x1b]0;owned\x07",  # the window title
    "\x9b31m",  # C1 CSI
    "\x85",  # NEL: a line break to YAML 1.1
    "a\rb",  # overprint
    "\u2028\u2029",  # line and paragraph separators
    "\u202e",  # right-to-left override
    "\x00\x7f",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_control_character_survives(text):
    for shown in (visible(text), visible(text, lines=False), clip(text, 200)):
        assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029\u202e" for c in shown), shown


def test_escapes_say_what_was_there():
    assert visible("a\x1b[2Jb") == "a\\x1b[2Jb"
    assert visible("a\rb") == "a\\rb"
    assert visible("\u2028") == "\\u2028"
    assert visible("line one\nline two\tend") == "line one\nline two\tend"
    assert visible("line one\nline two\tend", lines=False) == "line one\\nline two\\tend"


def test_plain_text_is_returned_as_it_is():
    text = "Überweisung café 🧾: 100% \"fast\""
    assert visible(text) is text


def test_linear_on_long_input():
    assert len(visible("\x1b" * 100_000)) == 400_000
