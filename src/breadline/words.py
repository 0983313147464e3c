"""Phrase lists are data: plain text files in `breadline/words/`, one phrase a line, with their
source noted on top in `#` comments. Configuration can extend or replace any list.

A run reads its lists through one `WordLists`: each list is read, and compiled into a
`Matcher`, the first time it is asked for, and handed out from then on (`builtin` for the
shipped lists, `Config.word_lists()` with a configuration applied).
"""

from __future__ import annotations

import os
from collections.abc import Callable

from breadline.match import Lists, Matcher, compile_phrases, stem

FOLDER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "words")


class WordLists:
    """The phrase lists of one run. Called with a list's name it gives the phrases (as a
    function of a name would: the rules' `ctx.words("chores")`); `matcher` gives the list
    compiled, and `stems` the set of its words' stems, each built once."""

    def __init__(self, lookup: Callable[[str], tuple[str, ...]],
                 users: Callable[[str], tuple[str, ...]] = lambda name: ()):
        self._lookup = lookup
        self._users = users
        """A list's phrases that came from the user: its `re:` lines run with bounded time."""
        self._phrases: dict[str, tuple[str, ...]] = {}
        self._matchers: dict[str, Matcher] = {}
        self._stems: dict[str, frozenset[str]] = {}
        self._together: dict[tuple[str, ...], Lists] = {}

    @classmethod
    def of(cls, lists: Callable[[str], tuple[str, ...]]) -> WordLists:
        """`lists` itself when it is a `WordLists`, else one reading through it."""
        return lists if isinstance(lists, WordLists) else cls(lists)

    def __call__(self, name: str) -> tuple[str, ...]:
        phrases = self._phrases.get(name)
        if phrases is None:
            phrases = self._phrases[name] = self._lookup(name)
        return phrases

    def matcher(self, name: str) -> Matcher:
        """The list `name`, compiled."""
        compiled = self._matchers.get(name)
        if compiled is None:
            bounded = frozenset(phrase for phrase in self._users(name) if phrase.startswith("re:"))
            compiled = self._matchers[name] = compile_phrases(self(name), bounded)
        return compiled

    def together(self, names: tuple[str, ...]) -> Lists:
        """The lists `names`, compiled to be searched in one pass (`match.Lists`)."""
        found = self._together.get(names)
        if found is None:
            found = self._together[names] = Lists.of({name: self.matcher(name) for name in names})
        return found

    def stems(self, name: str) -> frozenset[str]:
        """The stems of every word of every phrase of the list `name`."""
        found = self._stems.get(name)
        if found is None:
            found = self._stems[name] = frozenset(stem(word) for phrase in self(name) for word in phrase.split())
        return found


def shipped(name: str) -> tuple[str, ...]:
    """The phrases of the shipped list `name` (the file `words/<name>.txt`), lower-cased."""
    try:
        with open(os.path.join(FOLDER, f"{name}.txt"), encoding="utf-8") as handle:
            return parse(handle.read())
    except FileNotFoundError:  # installed in a zip: ask the import system (costs ~2 ms of imports)
        from importlib import resources

        return parse(resources.files("breadline").joinpath("words", f"{name}.txt").read_text(encoding="utf-8"))


builtin = WordLists(shipped)
"""The shipped lists, as they are without a configuration."""


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
