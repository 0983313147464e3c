"""Escaping for the planning view (formats/html.py): every piece of backlog text becomes HTML
here, once. `esc` and its kin return Markup for the templates; the `plain` forms return strings
for the fragments html.py builds itself (the item cards and breakdown, escaped once in Python
rather than value by value in the template)."""

from __future__ import annotations

import re

from markupsafe import Markup

UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(text: object) -> Markup:
    """Text as HTML: `&`, `<`, `>` and both quotes as entities (safe in attributes too), with the
    control characters and lone surrogates no page should carry as U+FFFD."""
    return Markup(plain(str(text)))


def plain(text: str) -> str:
    """`esc` as a plain string: what the fragments built here are made of, each value escaped once."""
    if UNSAFE.search(text):
        text = UNSAFE.sub("\ufffd", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def plain_lines(text: str) -> str:
    if "\n" not in text and "\r" not in text:
        return plain(text)
    return "<br>".join(plain(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def plain_code(text: str) -> str:
    escaped = plain(text)
    parts = escaped.split("`")
    if len(parts) % 2 == 0 or len(parts) == 1:
        return escaped
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def esc_lines(text: str) -> Markup:
    """Escaped, with line breaks kept as `<br>`."""
    return Markup(plain_lines(text))


def code_spans(text: str) -> Markup:
    """Escaped, with `backticked` words as <code> (the fixes name fields that way)."""
    return Markup(plain_code(text))


def finalize(value: object) -> object:
    """Every value a template prints: text that holds a `"` or a character no page should carry
    goes through `esc`; the rest is left to Jinja2's own escaping (Markup is already HTML)."""
    if value.__class__ is str and ('"' in value or UNSAFE.search(value)):
        return esc(value)
    return value
