"""Phrase matching for the wording rules: word boundaries, any case, plurals and common inflections.

A phrase list is compiled once into a single regular expression. In a phrase, each word of four
letters or more also matches its common inflections (invoice/invoices/invoiced/invoicing,
reply/replies/replied), "..." stands for up to three words in between, and a line starting with
"re:" is a regular expression of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SEPARATOR = r"[\s\-/]+"
_GAP = r"(?:[\s\-/,]+[\w'’]+){0,3}?" + _SEPARATOR


def normalize(text: str) -> str:
    """Fold typographic apostrophes and whitespace so that phrases match what people type."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


def _word(word: str) -> str:
    if len(word) < 4 or not word.isalpha():
        return re.escape(word)
    if word.endswith("y") and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + r"(?:y|ies|ied|ying)"
    if word.endswith("e"):
        return re.escape(word[:-1]) + r"(?:e|es|ed|ing|er|ers)"
    return re.escape(word) + r"(?:s|es|ed|ing|er|ers)?"


def _phrase(phrase: str) -> str:
    if phrase.startswith("re:"):
        return f"(?:{phrase[3:].strip()})"
    words = phrase.split()
    parts = []
    for i, word in enumerate(words):
        if word == "...":
            continue
        if parts:
            parts.append(_GAP if words[i - 1] == "..." else _SEPARATOR)
        parts.append(_word(word))
    body = "".join(parts)
    return rf"(?<![\w-]){body}(?:'s|s')?(?![\w])"


@lru_cache(maxsize=256)
def compile_phrases(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for a whole list; longest phrases first so the fullest match is reported."""
    if not phrases:
        return None
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile("|".join(_phrase(p) for p in ordered), re.IGNORECASE)


def search(phrases: tuple[str, ...], text: str | None) -> str | None:
    """The first phrase of the list found in `text`, as the text itself words it."""
    if not text:
        return None
    pattern = compile_phrases(phrases)
    if pattern is None:
        return None
    found = pattern.search(normalize(text))
    return found.group(0) if found else None


def sentence_around(text: str, fragment: str, limit: int = 160) -> str:
    """The sentence of `text` that holds `fragment`, for quoting; clipped to `limit` characters."""
    flat = normalize(text)
    at = flat.lower().find(fragment.lower())
    if at < 0:
        return fragment
    start = max(flat.rfind(". ", 0, at), flat.rfind("\n", 0, at), flat.rfind("? ", 0, at), flat.rfind("! ", 0, at))
    start = 0 if start < 0 else start + 2
    ends = [e for e in (flat.find(". ", at), flat.find("? ", at), flat.find("! ", at)) if e >= 0]
    end = min(ends) + 1 if ends else len(flat)
    sentence = flat[start:end].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
