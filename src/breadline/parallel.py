"""Spread per-item work over the machine's cores, for large backlogs.

Reading an item and judging it against the rules is independent of every other item, and it is
pure Python: one core does about 9,000 items a second. From `MIN_ITEMS` on, this process forks one
worker per further core (POSIX only); each worker computes its share of the items and spools
the results into an unnamed temporary file (pickled by `map_items`, as text by `map_text`),
while this process computes the first share; the files are then read back in order. Forking
shares the loaded backlog, the compiled word lists and the configuration with the workers for
free: nothing but results crosses over.

Anything unusual falls back to doing the work here, serially: no `os.fork` (Windows), one core,
a small backlog, `BREADLINE_JOBS=1`, other threads running (a program embedding breadline), no
writable temporary folder, or a worker that fails (its share is then computed here, so a bug
raises here, where it is reported like any other).
"""
from __future__ import annotations

import io
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, TypeVar

from breadline.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 500
"""Below this many items a worker saves nothing (measured on 2 cores: no faster at 300 items,
5% faster at 600, 15% at 1,000)."""

MAX_JOBS = 8
"""A cap: this process reads every worker's results back, one after another, so beyond a few
workers that outweighs what another core adds (only 2 cores have been measured)."""

HOME_SHARE = 1.2
"""This process's share of the items, relative to a worker's (measured best on 10k items)."""

_ENV = "BREADLINE_JOBS"


def jobs() -> int:
    """How many processes to use: `BREADLINE_JOBS` when set, else the cores this process may run
    on (its CPU affinity, and a cgroup CPU quota when there is one), at most `MAX_JOBS`."""
    wanted = os.environ.get(_ENV, "").strip()
    if wanted:
        if not wanted.isdigit() or int(wanted) < 1:
            raise UsageError(f"{_ENV} must be a whole number of processes (1 or more), got '{wanted}'")
        return int(wanted)
    if not hasattr(os, "fork"):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cores = os.cpu_count() or 1
    quota = _cgroup_quota()
    if quota is not None:
        cores = min(cores, quota)
    return max(1, min(cores, MAX_JOBS))


def _cgroup_quota(root: str = "/sys/fs/cgroup") -> int | None:
    """The CPU limit of a container, if any: cgroup v2 `cpu.max` ("200000 100000" = 2 cores), or
    cgroup v1 `cpu.cfs_quota_us` over `cpu.cfs_period_us` (a quota of -1: no limit)."""
    try:
        with open(os.path.join(root, "cpu.max"), encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
    except (OSError, ValueError):
        try:
            with open(os.path.join(root, "cpu", "cpu.cfs_quota_us"), encoding="ascii") as handle:
                quota = handle.read().strip()
            with open(os.path.join(root, "cpu", "cpu.cfs_period_us"), encoding="ascii") as handle:
                period = handle.read().strip()
        except OSError:
            return None
    if quota in ("max", "-1"):
        return None
    try:
        return max(1, -(-int(quota) // int(period)))  # 1.5 cores: two processes still help
    except (ValueError, ZeroDivisionError):
        return None


def shares(items: Sequence[T], min_items: int | None = None) -> list[Sequence[T]] | None:
    """How to split `items` between this process (the first share) and its workers, or None
    when the work is better done here alone."""
    count = min(jobs(), len(items))
    if count < 2 or len(items) < (MIN_ITEMS if min_items is None else min_items) or not hasattr(os, "fork"):
        return None
    if threading.active_count() > 1:
        return None  # a program embedding breadline runs threads: forking it would not be safe
    # This process takes a larger share: the workers also send what they computed.
    weights = [HOME_SHARE] + [1.0] * (count - 1)
    bounds = [round(len(items) * sum(weights[:k]) / sum(weights)) for k in range(count + 1)]
    return [items[bounds[k]: bounds[k + 1]] for k in range(count)]


def map_items(func: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None) -> list[R]:
    """`[func(x) for x in items]`, in order, spread over `jobs()` processes when there are at
    least `min_items` (default `MIN_ITEMS`) items. `func`'s results must pickle; `func` itself
    need not (the workers are forked).

    Each worker pickles its results a batch at a time into an unnamed temporary file while this
    process computes the first share; the files are then read back in order. A worker holds no
    more than a batch of results at a time, and nothing waits on a full pipe."""
    split = shares(items, min_items)
    if split is None:
        return [func(x) for x in items]
    import pickle

    def spool(share: Sequence[T], file: BinaryIO) -> None:
        for start in range(0, len(share), BATCH):
            pickle.dump([func(x) for x in share[start: start + BATCH]], file, protocol=pickle.HIGHEST_PROTOCOL)
        file.flush()

    def read_back(file: BinaryIO, expected: int) -> list[R] | None:
        file.seek(0)
        part: list[R] = []
        try:
            while len(part) < expected:
                part += pickle.load(file)
        except Exception:  # noqa: BLE001 - a truncated file: redo the share here
            return None
        return part if len(part) == expected else None

    with _Workers(split, spool) as workers:
        results = [func(x) for x in split[0]]
        for share, file in workers.finished():
            part = read_back(file, len(share)) if file is not None else None
            results += part if part is not None else [func(x) for x in share]
    return results


BATCH = 500
"""Results a worker pickles at a time."""


def map_text(func: Callable[[T], str], items: Sequence[T], *, min_items: int | None = None) -> Iterator[str]:
    """`func(x)` for each item, in order, spread over the cores like `map_items`: for text that is
    written out in order (a report's lines). Each worker writes its share's text into a temporary
    file while this process yields the first share's; the files are then read back in order.
    Nothing is pickled and nothing is held whole."""
    split = shares(items, min_items)
    if split is None:
        yield from map(func, items)
        return

    def spool(share: Sequence[T], file: BinaryIO) -> None:
        with io.TextIOWrapper(file, encoding="utf-8", newline="") as text:
            text.writelines(map(func, share))

    with _Workers(split, spool) as workers:
        yield from map(func, split[0])
        for share, file in workers.finished():
            if file is None:
                yield from map(func, share)
                continue
            file.seek(0)
            text = io.TextIOWrapper(file, encoding="utf-8", newline="")
            while chunk := text.read(1 << 16):
                yield chunk
            text.detach()


class _Workers:
    """One forked worker per share after the first, each spooling its share into an unnamed
    temporary file. Leaving the block ends and reaps any worker still running (this process
    failed, or its reader stopped early) and closes the files."""

    def __init__(self, split: list[Sequence[T]], spool: Callable[[Sequence[T], BinaryIO], None]):
        self.split = split
        self.spool = spool
        self.running: list[tuple[int, BinaryIO]] = []

    def __enter__(self) -> "_Workers":
        import tempfile

        for share in self.split[1:]:
            try:
                file = tempfile.TemporaryFile()
            except OSError:  # no writable temporary folder: the rest is done here
                break
            pid = _fork(lambda share=share, file=file: self.spool(share, file))
            if pid is None:  # fork refused (no memory, process limit): the rest is done here
                file.close()
                break
            self.running.append((pid, file))
        return self

    def finished(self) -> Iterator[tuple[Sequence[T], BinaryIO | None]]:
        """Each further share with its worker's file once the worker succeeded, else None."""
        for k, share in enumerate(self.split[1:]):
            if k >= len(self.running):
                yield share, None
                continue
            pid, file = self.running[k]
            self.running[k] = (0, file)
            yield share, (file if _succeeded(pid) else None)

    def __exit__(self, *exc) -> None:
        for pid, file in self.running:
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
            file.close()


def _fork(work: Callable[[], None]) -> int | None:
    """Run `work` in a forked worker, which leaves without running this process's exit handlers
    (exit status 0 when the work is done, 1 when it failed); its pid, or None when there is no fork."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # nothing buffered may be written twice
        except (OSError, ValueError):
            pass
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return pid
    status = 1
    try:
        _die_with(parent)
        work()
        status = 0
    except BaseException:  # noqa: BLE001 - this process redoes the share and reports any error
        pass
    finally:
        os._exit(status)


def _die_with(parent: int) -> None:
    """Have the kernel end this worker when `parent` ends (Linux; elsewhere a worker left behind
    finishes its share and exits): a CI job's timeout kills breadline, not its workers too."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it ended before the request was made
        os._exit(1)


def _succeeded(pid: int) -> bool:
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:  # reaped by someone else (SIGCHLD ignored): its status is unknown
        return False
    return status == 0
