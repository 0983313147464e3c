"""Where backlogs come from: breadline's YAML, or a tracker export read directly.

`load_backlog` is the one entry point the audit uses; tracker formats plug in here.
"""

from __future__ import annotations

from breadline.load import decode, load, load_text
from breadline.model import Backlog

YAML = "yaml"


def load_backlog(path: str, source: str | None = None, data: bytes | None = None) -> Backlog:
    """Load the backlog at `path` (or the bytes `data`, named `path`), as `source` says or as
    its content shows."""
    if data is not None:
        return load_text(decode(data, path), path)
    return load(path)
