"""Phrase lists are data: plain text files in `breadline/words/`, one phrase a line, with their
source noted on top in `#` comments. Configuration can extend or replace any list."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def builtin(name: str) -> tuple[str, ...]:
    """The phrases of the shipped list `name` (the file `words/<name>.txt`), lower-cased."""
    text = resources.files("breadline").joinpath("words", f"{name}.txt").read_text(encoding="utf-8")
    return parse(text)


def parse(text: str) -> tuple[str, ...]:
    phrases = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            phrases.append(" ".join(line.lower().split()))
    return tuple(phrases)


def available() -> tuple[str, ...]:
    """The names of every shipped list."""
    folder = resources.files("breadline").joinpath("words")
    return tuple(sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".txt")))
