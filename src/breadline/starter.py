"""`breadline init`: write the commented starter backlog, atomically and never over a file."""

from __future__ import annotations

from importlib import resources

from breadline.errors import UsageError
from breadline.files import write_atomic


def starter_text() -> str:
    return resources.files("breadline").joinpath("data", "starter.yaml").read_text(encoding="utf-8")


def write_starter(path: str) -> None:
    """Write the starter backlog to `path`; refuse if anything is there already."""
    try:
        write_atomic(path, starter_text(), overwrite=False)
    except UsageError:
        raise UsageError(f"{path} already exists; breadline init never overwrites a file") from None
