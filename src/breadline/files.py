"""Reading paths the way users give them, and writing files without ever leaving half of one."""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

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
def atomic_writer(path: str, *, overwrite: bool = True, binary: bool = False) -> Iterator[IO]:
    """A file to write into; on success it takes the place of `path` whole, on any failure
    `path` is left as it was.

    The data goes to a temporary file beside `path` (beside its target, through a symlink), is
    flushed to disk, gets the permissions of the file it replaces (or those of any new file: 0666
    less the umask, not mkstemp's 0600), and is renamed into place; the folder is synced so the
    rename itself survives a crash. With `overwrite=False` the last step is a hard link, which
    fails if `path` appeared in the meantime.
    """
    if not overwrite and os.path.lexists(path):
        raise UsageError(f"{path} already exists; it is not overwritten")
    target = os.path.realpath(path)
    if os.path.isdir(target):
        raise InputError("is a directory", path)
    if os.path.exists(target) and not os.path.isfile(target):
        # A device or a pipe (`-o /dev/stdout`, `-o >(gzip)`): write into it; renaming over it
        # would replace /dev/null with a regular file.
        try:
            with open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
                yield handle
        except OSError as error:
            raise InputError(f"cannot write the file ({error.strerror or error})", path) from None
        return
    folder = os.path.dirname(target)
    try:
        fd, temporary = tempfile.mkstemp(prefix=".breadline-", suffix=".tmp", dir=folder)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None
    try:
        os.fchmod(fd, _mode_for(target))
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8", "newline": ""})) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _move_into_place(temporary, target, path, overwrite)
        _sync_folder(folder)
    except OSError as error:
        raise InputError(f"cannot write the file ({error.strerror or error})", path) from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_atomic(path: str, data: str | bytes, *, overwrite: bool = True) -> None:
    """Write `data` to `path` through `atomic_writer`."""
    with atomic_writer(path, overwrite=overwrite, binary=isinstance(data, bytes)) as handle:
        handle.write(data)


def _move_into_place(temporary: str, target: str, path: str, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise UsageError(f"{path} already exists; it is not overwritten") from None
    except OSError:  # file systems without hard links: a rename is still atomic
        if os.path.lexists(target):
            raise UsageError(f"{path} already exists; it is not overwritten") from None
        os.replace(temporary, target)


def _mode_for(target: str) -> int:
    try:
        return stat.S_IMODE(os.stat(target).st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync_folder(folder: str) -> None:
    """Make the rename itself durable (where the platform lets a folder be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - e.g. Windows
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover
        pass
    finally:
        os.close(fd)
