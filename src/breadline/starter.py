"""`breadline init`: write the commented starter backlog, atomically and never over a file."""

from __future__ import annotations

import os
import tempfile
from importlib import resources

from breadline.errors import UsageError, InputError


def starter_text() -> str:
    return resources.files("breadline").joinpath("data", "starter.yaml").read_text(encoding="utf-8")


def write_starter(path: str) -> None:
    """Write the starter backlog to `path`; refuse if anything is there already.

    The text goes to a temporary file beside `path` first and is linked into place, which fails
    if `path` appeared meanwhile: a crash leaves either nothing or the whole file.
    """
    if os.path.lexists(path):
        raise UsageError(f"{path} already exists; breadline init never overwrites a file")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=".breadline-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(starter_text())
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise UsageError(f"{path} already exists; breadline init never overwrites a file") from None
        except OSError:  # file systems without hard links: a rename is still atomic
            if os.path.lexists(path):
                raise UsageError(f"{path} already exists; breadline init never overwrites a file") from None
            os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
