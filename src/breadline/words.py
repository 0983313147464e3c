"""Phrase lists are data: plain text files in `breadline/words/`, one phrase a line, with their
source noted on top in `#` comments. Configuration can extend or replace any list."""

from __future__ import annotations

import os
from functools import lru_cache

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "words")


@lru_cache(maxsize=None)
def builtin(name: str) -> tuple[str, ...]:
    """The phrases of the shipped list `name` (the file `words/<name>.txt`), lower-cased."""
    try:
        with open(os.path.join(FOLDER, f"{name}.txt"), encoding="utf-8") as handle:
            return parse(handle.read())
    except FileNotFoundError:  # installed in a zip: ask the import system (costs ~2 ms of imports)
        from importlib import resources

        return parse(resources.files("breadline").joinpath("words", f"{name}.txt").read_text(encoding="utf-8"))


def parse(text: str) -> tuple[str, ...]:
    phrases = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            phrases.append(" ".join(line.lower().split()))
    return tuple(phrases)


def available() -> tuple[str, ...]:
    """The names of every shipped list."""
    from importlib import resources

    folder = resources.files("breadline").joinpath("words")
    return tuple(sorted(entry.name[:-4] for entry in folder.iterdir() if entry.name.endswith(".txt")))
