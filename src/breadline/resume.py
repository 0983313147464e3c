"""Where an interview of `breadline ask` stopped, so that the next run starts there.

A small JSON file per backlog file and way of asking (the default queue, `--all`, or one `--only`
list), in the user's cache folder (`$XDG_CACHE_HOME/breadline/ask`, else `~/.cache/breadline/ask`),
never beside the backlog. It holds the ids of the items the interview went through (answered,
skipped, waived or dropped), in order; the next run passes over them. An interview that reaches
the end of its items forgets its place; `ask --restart` forgets it too. A folder that cannot be
written only means no resuming: nothing fails for it.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from breadline.errors import BreadlineError
from breadline.files import write_atomic


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "breadline" / "ask"


class Place:
    """The place of one interview: the ids gone through so far."""

    def __init__(self, backlog: str, mode: str):
        self.backlog = os.path.realpath(backlog)
        self.mode = mode
        key = hashlib.sha256(f"{self.backlog}\0{mode}".encode()).hexdigest()[:24]
        self.file = cache_folder() / f"{key}.json"
        self.done: list[str] = []

    def load(self) -> list[str]:
        """The ids gone through by the last run, when it stopped half-way (else none)."""
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return []
        if not isinstance(data, dict) or data.get("backlog") != self.backlog or data.get("mode") != self.mode:
            return []
        done = data.get("done")
        self.done = [str(d) for d in done] if isinstance(done, list) else []
        return list(self.done)

    def add(self, item_id: str) -> None:
        self.done.append(item_id)
        self._write()

    def pop(self) -> None:
        if self.done:
            self.done.pop()
            self._write()

    def forget(self) -> None:
        self.done = []
        try:
            self.file.unlink()
        except OSError:
            pass

    def _write(self) -> None:
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(str(self.file), json.dumps({"backlog": self.backlog, "mode": self.mode, "done": self.done}))
        except (OSError, BreadlineError):
            pass
