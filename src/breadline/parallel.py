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

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from typing import TypeVar

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


def map_items(func: Callable[[T], R], items: Sequence[T], *, min_items: int | None = None) -> list[R]:
    """`[func(x) for x in items]`, in order, spread over `jobs()` processes when there are at
    least `min_items` (default `MIN_ITEMS`) items. `func`'s results must pickle; `func` itself
    need not (the workers are forked)."""
    count = min(jobs(), len(items))
    if count < 2 or len(items) < (MIN_ITEMS if min_items is None else min_items) or not hasattr(os, "fork"):
        return [func(x) for x in items]
    # This process takes a larger share: the workers also pickle what they send.
    weights = [HOME_SHARE] + [1.0] * (count - 1)
    bounds = [round(len(items) * sum(weights[:k]) / sum(weights)) for k in range(count + 1)]
    shares = [items[bounds[k]: bounds[k + 1]] for k in range(count)]
    workers = []
    for share in shares[1:]:
        worker = _fork(func, share)
        if worker is None:  # fork refused (no memory, process limit): do it here
            break
        workers.append(worker)
    try:
        results = [func(x) for x in shares[0]]
    except BaseException:
        for pid, read_end in workers:  # a closed pipe ends each worker (EPIPE); then reap it
            os.close(read_end)
            os.waitpid(pid, 0)
        raise
    for k, share in enumerate(shares[1:]):
        if k < len(workers):
            part = _collect(*workers[k])
            if part is not None and len(part) == len(share):
                results += part
                continue
        results += [func(x) for x in share]
    return results


def _fork(func: Callable[[T], R], share: Sequence[T]) -> tuple[int, int] | None:
    """Start a worker computing `share`; its pid and the pipe its pickled results arrive on."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()  # nothing buffered may be written twice
        except (OSError, ValueError):
            pass
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid:
        os.close(write_end)
        return pid, read_end
    # The worker: compute, send, and leave without running this process's exit handlers.
    status = 1
    try:
        os.close(read_end)
        data = pickle.dumps([func(x) for x in share], protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(write_end, "wb") as pipe:
            pipe.write(data)
        status = 0
    except BaseException:  # noqa: BLE001 - the parent redoes the share and reports any error
        pass
    finally:
        os._exit(status)


def _collect(pid: int, read_end: int) -> list | None:
    """The worker's results, or None when it failed."""
    chunks = []
    try:
        with os.fdopen(read_end, "rb") as pipe:
            while True:
                chunk = pipe.read(1 << 20)
                if not chunk:
                    break
                chunks.append(chunk)
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0 or not chunks:
        return None
    try:
        return pickle.loads(b"".join(chunks))
    except Exception:  # noqa: BLE001 - a truncated stream: redo the share here
        return None
