"""Reading paths the way users give them, and writing files without ever leaving half of one."""

from __future__ import annotations

import os
import re
import shutil
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from breadline.errors import InputError, UsageError

BACKLOG_SUFFIXES = (".yaml", ".yml")
NOT_BACKLOGS = {"breadline.yaml", ".breadline.yaml", ".pre-commit-config.yaml", ".pre-commit-hooks.yaml"}


def expand(paths: list[str], note: Callable[[str, str], None] | None = None) -> list[str]:
    """Files as given; for a directory, every *.yaml/*.yml below it (sorted, hidden folders and
    breadline's own configuration skipped). `-` (standard input) passes through.

    From a directory only regular files are read: a symlink that leads out of the directory
    (to a credentials file, to /dev/zero) and a special file (a FIFO, a device, a socket) named
    *.yaml are skipped, and `note(path, why)` is told. Folders are not followed through
    symlinks. A file named on the command line is read as it is: that is the user's choice."""
    found: list[str] = []
    for path in paths:
        if path != "-" and os.path.isdir(path):
            below = []
            root = os.path.realpath(path)
            for folder, subfolders, names in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in names:
                    if name.endswith(BACKLOG_SUFFIXES) and name not in NOT_BACKLOGS:
                        where = os.path.join(folder, name)
                        why = _not_readable_below(where, root)
                        if why is None:
                            below.append(where)
                        elif note is not None:
                            note(where, why)
            if not below:
                raise InputError("is a directory with no *.yaml or *.yml backlog in it", path)
            found += sorted(below)
        else:
            found.append(path)
    return _once(found)


def _not_readable_below(path: str, root: str) -> str | None:
    """Why a file found in the directory `root` is not read (None: it is read)."""
    try:
        info = os.lstat(path)
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if os.path.commonpath([root, target]) != root:
                return "a symlink that leads out of the folder"
            info = os.stat(path)
    except (OSError, ValueError):
        return "cannot be read (a broken symlink?)"
    if not stat.S_ISREG(info.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(info.st_mode) else "a device" if stat.S_ISCHR(info.st_mode) or \
            stat.S_ISBLK(info.st_mode) else "a socket" if stat.S_ISSOCK(info.st_mode) else "not a regular file"
        return f"{kind}, not a regular file"
    return None


def _once(paths: list[str]) -> list[str]:
    """Each file once, in the order first given: `a.yaml ./a.yaml` (or a symlink to it, or a
    hard link) is one backlog, audited once."""
    seen: set[object] = set()
    kept = []
    for path in paths:
        try:
            info = os.stat(path) if path != "-" else None
            key: object = (info.st_dev, info.st_ino) if info is not None else path
        except OSError:
            key = os.path.normpath(path)
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


TEMP_PREFIX = ".breadline-"
TEMP_SUFFIX = ".tmp"
_TEMP_NAME = re.compile(r"\.breadline-([0-9]+)-[a-z0-9_]+\.tmp\Z")
"""A temporary file of ours: `.breadline-PID-RANDOM.tmp`, PID the process writing it."""


def refuse_inputs(output: str | None, inputs: Iterable[str | None], what: str = "report") -> None:
    """Refuse to write `output` when it is one of `inputs` (the same file however it is named:
    another spelling, a symlink, a hard link): writing the report over the backlog loses it."""
    if not output or output == "-":
        return
    try:
        written = os.stat(output)
    except OSError:
        return  # a new file cannot be an input
    if not stat.S_ISREG(written.st_mode):
        return  # /dev/null, /dev/stdout, a pipe: written through, nothing is replaced
    for path in inputs:
        if not path or path == "-":
            continue
        try:
            read = os.stat(path)
        except OSError:
            continue
        if (read.st_dev, read.st_ino) == (written.st_dev, written.st_ino):
            same = "" if os.path.abspath(path) == os.path.abspath(output) else f" ({path})"
            raise UsageError(f"{output} is one of the inputs{same}; write the {what} somewhere else")


@contextmanager
def atomic_writer(path: str, *, overwrite: bool = True, binary: bool = False) -> Iterator[IO]:
    """A file to write into; on success it takes the place of `path` whole, on any failure
    `path` is left as it was.

    The data goes to a temporary file beside `path` (beside its target, through a symlink), is
    flushed to disk, gets the permissions, owner and group of the file it replaces (where this
    process may set them; a new file gets 0666 less the umask, not mkstemp's 0600), and is renamed
    into place; the folder is synced so the rename itself survives a crash. With
    `overwrite=False` the last step is a hard link, which fails if `path` appeared in the
    meantime. A file with other hard links is rewritten in place once the copy is complete (a
    rename would split it from its other names). A read-only file is refused, and so is a
    symlink another user planted in a sticky folder (/tmp). SIGTERM, SIGINT and SIGHUP remove
    the temporary file; temporary files left by processes that died (kill -9) are removed.
    """
    if not path:
        raise UsageError("the output file name is empty")
    if not overwrite and os.path.lexists(path):
        raise UsageError(f"{path} already exists; it is not overwritten")
    _refuse_planted_link(path)
    target = os.path.realpath(path)
    try:
        current: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        current = None
    except OSError as error:
        raise InputError(f"cannot write the file ({error.strerror or error})", path) from None
    if current is not None and stat.S_ISDIR(current.st_mode):
        raise InputError("is a directory", path)
    if current is not None and not stat.S_ISREG(current.st_mode):
        # A device or a pipe (`-o /dev/stdout`, `-o >(gzip)`): write into it; renaming over it
        # would replace /dev/null with a regular file.
        try:
            with open(target, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as handle:
                yield handle
        except OSError as error:
            raise InputError(f"cannot write the file ({error.strerror or error})", path) from None
        return
    if current is not None and _read_only(current, target):
        raise InputError("is read-only; breadline does not replace it (make it writable first)", path)
    folder = os.path.dirname(target)
    remove_stale(folder)
    import tempfile  # only a run that writes a file pays for it (2 ms at start-up)

    try:
        fd, temporary = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None
    with _removed_on_signal(temporary):
        try:
            os.fchmod(fd, stat.S_IMODE(current.st_mode) if current is not None else _new_mode())
            if current is not None:
                _keep_owner(fd, current)
            with os.fdopen(fd, "wb" if binary else "w",
                           **({} if binary else {"encoding": "utf-8", "newline": ""})) as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            if current is not None and current.st_nlink > 1 and overwrite:
                _copy_into(temporary, target)
            else:
                _move_into_place(temporary, target, path, overwrite)
            _sync_folder(folder)
        except OSError as error:
            raise InputError(f"cannot write the file ({error.strerror or error})", path) from None
        finally:
            if os.path.lexists(temporary):
                os.unlink(temporary)


def remove_stale(folder: str) -> None:
    """Remove the temporary files of ours in `folder` that no living process holds (left by a
    run killed with SIGKILL, or by a crash of the machine). Only files this user owns."""
    try:
        names = [name for name in os.listdir(folder) if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for name in names:
        found = _TEMP_NAME.match(name)
        if found is None or int(found.group(1)) == os.getpid() or _alive(int(found.group(1))):
            continue
        where = os.path.join(folder, name)
        try:
            if os.lstat(where).st_uid == os.geteuid():
                os.unlink(where)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # another user's process (or a number we cannot ask about): leave it be
    return True


@contextmanager
def _removed_on_signal(temporary: str) -> Iterator[None]:
    """While the temporary file exists, SIGTERM, SIGINT and SIGHUP remove it first, then act as
    they would have (SIGINT: KeyboardInterrupt; the others end the process by that signal)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    previous = {}

    def handler(signum, frame):  # noqa: ARG001 - the signal module's signature
        if os.getpid() == owner:  # not in a worker process forked meanwhile
            try:
                os.unlink(temporary)
            except OSError:
                pass
        if signum == signal.SIGINT and os.getpid() == owner:
            raise KeyboardInterrupt
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    for name in ("SIGTERM", "SIGINT", "SIGHUP"):
        number = getattr(signal, name, None)
        if number is not None:
            try:
                previous[number] = signal.signal(number, handler)
            except (ValueError, OSError):  # pragma: no cover - not settable here
                pass
    try:
        yield
    finally:
        for number, before in previous.items():
            signal.signal(number, before)


def _refuse_planted_link(path: str) -> None:
    """Refuse a symlink in a sticky, world-writable folder (/tmp) owned by neither this user nor
    the folder's owner: another user planted it there to make this process replace a file of
    theirs choosing (as Linux's fs.protected_symlinks refuses to follow it)."""
    try:
        link = os.lstat(path)
    except OSError:
        return
    if not stat.S_ISLNK(link.st_mode):
        return
    try:
        folder = os.stat(os.path.dirname(os.path.abspath(path)))
    except OSError:
        return
    sticky = folder.st_mode & stat.S_ISVTX and folder.st_mode & stat.S_IWOTH
    if sticky and link.st_uid not in (os.geteuid(), folder.st_uid):
        raise UsageError(f"{path} is a symlink another user made in a shared folder; it is not followed")


def _read_only(current: os.stat_result, target: str) -> bool:
    if not stat.S_IMODE(current.st_mode) & 0o222:
        return True  # no one may write it (root may, but a 0444 file says "do not")
    return not os.access(target, os.W_OK)


def _keep_owner(fd: int, current: os.stat_result) -> None:
    """The owner and group of the file replaced, where this process may set them (root may set
    both; a user may set the group to one of theirs)."""
    if not hasattr(os, "fchown"):  # pragma: no cover - Windows
        return
    try:
        os.fchown(fd, current.st_uid, current.st_gid)
    except OSError:
        try:
            os.fchown(fd, -1, current.st_gid)
        except OSError:
            pass


def _copy_into(temporary: str, target: str) -> None:
    """Write the complete copy into `target` itself, keeping its inode and so its other names."""
    with open(temporary, "rb") as source, open(target, "r+b") as destination:
        shutil.copyfileobj(source, destination, 1 << 20)
        destination.truncate()
        destination.flush()
        os.fsync(destination.fileno())


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


def _new_mode() -> int:
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
