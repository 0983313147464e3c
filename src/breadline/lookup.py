"""Finding an item by the name a person types for it: its id, in any case, `13` for `#13` (the
id a tracker export or an item without one gives), and the nearest id when none matches; and
commands to paste into a shell, quoted where needed."""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Iterable, Sequence
from typing import TypeVar

from breadline.model import Item

T = TypeVar("T")


def find(items: Sequence[Item], name: str) -> Item | None:
    """The item called `name`: its id exactly; else the one id equal to it ignoring case; else,
    for a number, the id `#` and that number (and `#13` finds `13`)."""
    name = str(name).strip()
    if not name:
        return None
    for candidate in _spellings(name):
        for item in items:
            if item.id == candidate:
                return item
        folded = [item for item in items if item.id.casefold() == candidate.casefold()]
        if len(folded) == 1:
            return folded[0]
    return None


def _spellings(name: str) -> Iterable[str]:
    yield name
    if name.isdigit():
        yield f"#{name}"
    elif name.startswith("#") and name[1:].isdigit():
        yield name[1:]


def nearest(items: Sequence[Item], name: str) -> str | None:
    """The id closest to `name`, when one is close enough to be a typo of it."""
    ids = [item.id for item in items]
    folded = {item_id.casefold(): item_id for item_id in ids}
    close = difflib.get_close_matches(str(name).strip().casefold(), list(folded), n=1, cutoff=0.6)
    return folded[close[0]] if close else None


def unknown(items: Sequence[Item], name: str, path: str) -> str:
    """"no item with id 'X' in FILE (did you mean 'Y'?)"."""
    close = nearest(items, name)
    hint = f" (did you mean '{close}'?)" if close else ""
    return f"no item with id '{name}' in {path}{hint}"


def command(*words: str) -> str:
    """A command line that does what it says when pasted into a shell: each word quoted where
    it needs to be (`#13` is not a comment, a path with spaces stays one word)."""
    return " ".join(word if word in ("ID", "BACKLOG", "FILE") else shlex.quote(word) for word in words)


def pasteable_path(path: str) -> str:
    """`path` as a command should name it: standard input (`<stdin>`) is `-`."""
    return "-" if path in ("<stdin>", "-") else path
