"""Reading paths the way users give them, and writing files without ever leaving half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from breadline.errors import InputError, UsageError

BACKLOG_SUFFIXES = (".yaml", ".yml")
NOT_BACKLOGS = {"breadline.yaml", ".breadline.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"}


def expand(paths: list[str]) -> list[str]:
    """Files as given; for a directory, every *.yaml/*.yml below it (sorted, hidden folders and
    breadline's own configuration skipped). `-` (standard input) passes through."""
    found: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            below = []
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                below += [
                    os.path.join(folder, name) for name in names
                    if name.endswith(BACKLOG_SUFFIXES) and name not in NOT_BACKLOGS
                ]
            if not below:
                raise InputError("is a directory with no *.yaml or *.yml backlog in it", path)
            found += sorted(below)
        else:
            found.append(path)
    return list(dict.fromkeys(found))


@contextmanager
def atomic_writer(path: str) -> Iterator[TextIO]:
    """A text file to write into; on success it replaces `path` whole (temporary file beside it,
    flushed to disk, renamed into place); on any failure `path` is left as it was."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InputError("is a directory", path)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".breadline-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _set_mode(fd: int, path: str) -> None:
    """mkstemp makes files only their owner can read; give the file the mode the one it replaces
    had, or that of any new file (0666 less the umask)."""
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.fchmod(fd, mode)


def write_atomic(path: str, text: str, *, overwrite: bool = True) -> None:
    """Write `text` to a temporary file beside `path`, flush it to disk, then move it into place.

    A crash leaves either the old file or the whole new one. With `overwrite=False` the final step
    is a hard link, which fails if `path` appeared in the meantime.
    """
    if not overwrite and os.path.lexists(path):
        raise UsageError(f"{path} already exists; it is not overwritten")
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, temporary = tempfile.mkstemp(prefix=".breadline-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None
    try:
        _set_mode(fd, path)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(temporary, path)
            return
        try:
            os.link(temporary, path)
        except FileExistsError:
            raise UsageError(f"{path} already exists; it is not overwritten") from None
        except OSError:  # file systems without hard links: a rename is still atomic
            if os.path.lexists(path):
                raise UsageError(f"{path} already exists; it is not overwritten") from None
            os.replace(temporary, path)
    except IsADirectoryError:
        raise InputError("is a directory", path) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
