"""Large backlogs are spread over the cores: the same results, in the same order, whatever fails."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from breadline import parallel
from breadline.cli import app
from breadline.errors import UsageError
from tests.conftest import DATA, ROOT


def _no_children_left() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return True
    return False


@pytest.fixture
def two_jobs(monkeypatch):
    monkeypatch.setenv("BREADLINE_JOBS", "2")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)


def test_map_items_keeps_order_across_workers(two_jobs):
    items = list(range(1001))
    assert parallel.map_items(lambda x: (x, os.getpid()), items)[500][0] == 500
    pids = {pid for _, pid in parallel.map_items(lambda x: (x, os.getpid()), items)}
    assert os.getpid() in pids and len(pids) == 2  # the work really was shared
    assert [x for x, _ in parallel.map_items(lambda x: (x, os.getpid()), items)] == items
    assert _no_children_left()


def test_a_failing_worker_share_is_redone_here(two_jobs):
    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            raise RuntimeError("worker broke")
        return x * 2

    assert parallel.map_items(only_here, list(range(10))) == [x * 2 for x in range(10)]
    assert _no_children_left()


def test_an_error_here_reaps_the_workers(two_jobs):
    parent = os.getpid()

    def fails_here(x):
        if os.getpid() == parent:
            raise ValueError("bug")
        return "x" * 100_000

    with pytest.raises(ValueError):
        parallel.map_items(fails_here, list(range(20)))
    assert _no_children_left()


def test_unpicklable_results_fall_back_to_one_process(two_jobs):
    assert [f() for f in parallel.map_items(lambda x: (lambda: x), [1, 2, 3, 4])] == [1, 2, 3, 4]


@pytest.mark.parametrize("value, expected", [("1", 1), ("3", 3), (" 2 ", 2)])
def test_jobs_from_the_environment(monkeypatch, value, expected):
    monkeypatch.setenv("BREADLINE_JOBS", value)
    assert parallel.jobs() == expected


@pytest.mark.parametrize("value", ["0", "two", "-1", "1.5"])
def test_bad_jobs_value_is_a_usage_error(monkeypatch, value):
    monkeypatch.setenv("BREADLINE_JOBS", value)
    with pytest.raises(UsageError, match="BREADLINE_JOBS"):
        parallel.jobs()


def test_bad_jobs_value_on_the_command_line(cli, monkeypatch):
    monkeypatch.setenv("BREADLINE_JOBS", "lots")
    result = cli("audit", str(ROOT / "examples" / "sprint.yaml"))
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "breadline: error: BREADLINE_JOBS must be a whole number of processes (1 or more), got 'lots'"
    ]


@pytest.mark.parametrize("path", [ROOT / "examples" / "sprint.yaml", DATA / "labelled" / "backlog.yaml", DATA / "heldout" / "backlog.yaml"])
def test_audit_in_two_processes_equals_one(cli, monkeypatch, path):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    outputs = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("BREADLINE_JOBS", jobs)
        result = cli("audit", "-f", "json", str(path))
        assert result.exit_code in (0, 1), result.output
        outputs.append(result.stdout)
    assert outputs[0] == outputs[1]
    assert json.loads(outputs[0])["summary"]["items"] > 10


def test_map_text_keeps_order_and_text(two_jobs):
    items = list(range(3000))
    text = "".join(parallel.map_text(lambda x: f"{x}é\n", items))
    assert text == "".join(f"{x}é\n" for x in items)
    assert _no_children_left()


def test_map_text_shares_the_work(two_jobs):
    pids = "".join(parallel.map_text(lambda x: f"{os.getpid()}\n", list(range(100)))).split()
    assert len(set(pids)) == 2 and str(os.getpid()) in pids


def test_map_text_failing_worker_share_is_redone_here(two_jobs):
    parent = os.getpid()

    def only_here(x):
        if os.getpid() != parent:
            raise RuntimeError("worker broke")
        return f"{x},"

    assert "".join(parallel.map_text(only_here, list(range(50)))) == "".join(f"{x}," for x in range(50))
    assert _no_children_left()


def test_map_text_stopped_early_ends_its_workers(two_jobs):
    lines = parallel.map_text(lambda x: f"{x}\n", list(range(10_000)))
    assert next(lines) == "0\n"
    lines.close()
    assert _no_children_left()


def test_map_text_without_a_temporary_folder_works_here(two_jobs, monkeypatch, tmp_path):
    import tempfile

    monkeypatch.setattr(tempfile, "TemporaryFile", lambda *a, **k: (_ for _ in ()).throw(OSError("read-only")))
    assert "".join(parallel.map_text(str, list(range(10)))) == "0123456789"
    assert _no_children_left()


def test_no_fork_while_other_threads_run(two_jobs):
    import threading

    done = threading.Event()
    helper = threading.Thread(target=done.wait)
    helper.start()
    try:
        pids = {pid for _, pid in parallel.map_items(lambda x: (x, os.getpid()), list(range(100)))}
    finally:
        done.set()
        helper.join()
    assert pids == {os.getpid()}


WORKER_OUTLIVES = """
import os, sys
from breadline import parallel
parallel.MIN_ITEMS = 0
parent = os.getpid()

def work(x):
    if os.getpid() != parent and x == 99:
        print("worker", os.getpid(), flush=True)
        os.read(os.pipe()[0], 1)  # blocks for ever: only a signal ends this worker
    return x

parallel.map_items(work, list(range(100)))
"""


@pytest.mark.skipif(not os.path.exists("/proc"), reason="the kernel's parent-death signal is Linux only")
def test_a_worker_ends_when_breadline_is_killed(tmp_path):
    import select
    import signal
    import subprocess
    import sys

    script = tmp_path / "outlive.py"
    script.write_text(WORKER_OUTLIVES)
    process = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE,
                               env={**os.environ, "BREADLINE_JOBS": "2"})
    worker = None
    try:
        said, worker = process.stdout.readline().split()
        assert said == b"worker"
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        # The worker holds the other end of stdout: end of file means it has ended too.
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready and process.stdout.read() == b""
    finally:
        process.kill()
        process.stdout.close()
        if worker is not None:  # should this fail, leave nothing running
            try:
                os.kill(int(worker), signal.SIGKILL)
            except ProcessLookupError:
                pass


@given(items=st.lists(st.text(max_size=20), max_size=60), jobs=st.integers(min_value=1, max_value=4))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_split_gives_what_one_process_gives(monkeypatch, items, jobs):
    monkeypatch.setattr(parallel, "MIN_ITEMS", 0)
    monkeypatch.setenv("BREADLINE_JOBS", str(jobs))
    assert parallel.map_items(lambda s: (s, len(s)), items) == [(s, len(s)) for s in items]
    assert "".join(parallel.map_text(lambda s: s + "\n", items)) == "".join(s + "\n" for s in items)
    assert _no_children_left()


@pytest.mark.parametrize(
    "files, expected",
    [
        ({"cpu.max": "200000 100000\n"}, 2),
        ({"cpu.max": "150000 100000\n"}, 2),
        ({"cpu.max": "50000 100000\n"}, 1),
        ({"cpu.max": "max 100000\n"}, None),
        ({"cpu/cpu.cfs_quota_us": "300000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 3),
        ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
        ({"cpu.max": "garbage"}, None),
        ({}, None),
    ],
)
def test_container_cpu_quota(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    assert parallel._cgroup_quota(str(tmp_path)) == expected


def test_workers_reaped_elsewhere_are_redone_here(two_jobs, monkeypatch):
    import signal

    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps every child at once
    try:
        assert parallel.map_items(lambda x: x + 1, list(range(50))) == list(range(1, 51))
        assert "".join(parallel.map_text(str, list(range(50)))) == "".join(map(str, range(50)))
    finally:
        signal.signal(signal.SIGCHLD, previous)
