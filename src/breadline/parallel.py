"""Spread per-item work over the machine's cores, for large backlogs.

Reading an item and judging it against the rules is independent of every other item, and it is
pure Python: one core does about 8,000 items a second. Above `MIN_ITEMS`, `map_items` forks one
worker per further core (POSIX only); each worker computes its share of the items and sends the
results back pickled through a pipe, while this process computes the first share. Forking shares
the loaded backlog, the compiled word lists and the configuration with the workers for free:
nothing but results crosses a pipe.

Anything unusual falls back to doing the work here, serially: no `os.fork` (Windows), one core,
a small backlog, `BREADLINE_JOBS=1`, or a worker that fails (its share is then computed here, so
a bug raises here, where it is reported like any other).
"""

from __future__ import annotations

import io
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, TypeVar

from breadline.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 2000
"""Below this many items a fork costs more than it saves (start-up matters more there)."""

MAX_JOBS = 8
"""Beyond a few workers the pickling in this process outweighs what another core adds."""

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


def _cgroup_quota() -> int | None:
    """The CPU limit of a container (cgroup v2 `cpu.max`, "200000 100000" = 2 cores), if any."""
    try:
        with open("/sys/fs/cgroup/cpu.max", encoding="ascii") as handle:
            quota, period = handle.read().split()[:2]
    except (OSError, ValueError):
        return None
    if quota == "max":
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
    # This process takes a larger share: the workers also send what they computed.
    weights = [HOME_SHARE] + [1.0] * (count - 1)
    bounds = [round(len(items) * sum(weights[:k]) / sum(weights)) for k in range(count + 1)]
    return [items[bounds[k]: bounds[k + 1]] for k in range(count)]


def map_items(func: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None) -> list[R]:
    """`[func(x) for x in items]`, in order, spread over `jobs()` processes when there are at
    least `min_items` (default `MIN_ITEMS`) items. `func`'s results must pickle; `func` itself
    need not (the workers are forked)."""
    split = shares(items, min_items)
    if split is None:
        return [func(x) for x in items]
    import pickle

    def send(share: Sequence[T], write_end: int) -> None:
        data = pickle.dumps([func(x) for x in share], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)

    workers = []
    for share in split[1:]:
        read_end, write_end = os.pipe()
        pid = _fork(lambda share=share, write_end=write_end: send(share, write_end),
                    close=[read_end, *(end for _, end in workers)])
        os.close(write_end)
        if pid is None:  # fork refused (no memory, process limit): do it here
            os.close(read_end)
            break
        workers.append((pid, read_end))
    try:
        results = [func(x) for x in split[0]]
    except BaseException:
        for pid, read_end in workers:  # a closed pipe ends each worker (EPIPE); then reap it
            os.close(read_end)
            os.waitpid(pid, 0)
        raise
    for k, share in enumerate(split[1:]):
        if k < len(workers):
            pid, read_end = workers[k]
            with os.fdopen(read_end, "rb") as pipe:
                data = pipe.read()
            part = _loads(pickle, data) if _succeeded(pid) else None
            if part is not None and len(part) == len(share):
                results += part
                continue
        results += [func(x) for x in share]
    return results


def map_text(func: Callable[[T], str], items: Sequence[T], *, min_items: int | None = None) -> Iterator[str]:
    """`func(x)` for each item, in order, spread over the cores like `map_items`: for text that is
    written out in order (a report's lines). Each worker writes its share's text into a temporary
    file while this process yields the first share's; the files are then read back in order.
    Nothing is pickled and nothing is held whole."""
    split = shares(items, min_items)
    if split is None:
        yield from map(func, items)
        return
    import tempfile

    def spool(share: Sequence[T], file: BinaryIO) -> None:
        with io.TextIOWrapper(file, encoding="utf-8", newline="", write_through=False) as text:
            text.writelines(map(func, share))

    workers: list[tuple[int, BinaryIO]] = []
    try:
        for share in split[1:]:
            try:
                file = tempfile.TemporaryFile()
            except OSError:  # no writable temporary folder: do the rest here
                break
            pid = _fork(lambda share=share, file=file: spool(share, file))
            if pid is None:
                file.close()
                break
            workers.append((pid, file))
        yield from map(func, split[0])
        for k, share in enumerate(split[1:]):
            if k < len(workers):
                pid, file = workers[k]
                workers[k] = (0, file)
                if _succeeded(pid):
                    file.seek(0)
                    with io.TextIOWrapper(file, encoding="utf-8", newline="") as text:
                        while chunk := text.read(1 << 20):
                            yield chunk
                    continue
            yield from map(func, share)
    finally:
        for pid, file in workers:  # stopped early, or failed: end the workers still running
            if pid:
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                os.waitpid(pid, 0)
            file.close()


def _fork(work: Callable[[], None], close: Sequence[int] = ()) -> int | None:
    """Run `work` in a forked worker, which first closes the descriptors `close` (pipe ends that
    are not its own) and leaves without running this process's exit handlers (exit status 0 when
    the work is done, 1 when it failed); its pid, or None when there is no fork."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # nothing buffered may be written twice
        except (OSError, ValueError):
            pass
    try:
        pid = os.fork()
    except OSError:
        return None
    if pid:
        return pid
    status = 1
    try:
        for fd in close:
            os.close(fd)
        work()
        status = 0
    except BaseException:  # noqa: BLE001 - this process redoes the share and reports any error
        pass
    finally:
        os._exit(status)


def _succeeded(pid: int) -> bool:
    _, status = os.waitpid(pid, 0)
    return status == 0


def _loads(pickle, data: bytes) -> list | None:
    try:
        return pickle.loads(data)
    except Exception:  # noqa: BLE001 - a truncated stream: redo the share here
        return None
