"""Fixtures for the `breadline ask` tests (named `ask_...` and `spawn_ask`, so that the tests of other
commands in this folder are not surprised by them): a copy of the interview backlog, and the
installed command run in a pseudo-terminal the way a person runs it."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ASK = Path(__file__).parent.parent / "data" / "ask"
"""The backlog, answers files and expected results of these tests."""


@pytest.fixture
def ask_backlog(tmp_path: Path) -> Path:
    """A fresh copy of tests/data/ask/backlog.yaml in its own folder."""
    folder = tmp_path / "planning"
    folder.mkdir()
    copy = folder / "backlog.yaml"
    shutil.copyfile(ASK / "backlog.yaml", copy)
    return copy


def entry_point() -> str:
    beside = Path(sys.executable).parent / "breadline"
    if not beside.exists():
        pytest.fail("the breadline entry point is not installed (run `make test`)")
    return str(beside)


@pytest.fixture
def spawn_ask(tmp_path: Path):
    """Start `breadline ARGS...` in a pseudo-terminal; the child is closed after the test."""
    pexpect = pytest.importorskip("pexpect")
    children = []

    def _spawn(*args: str, stdout: Path | None = None):
        """`stdout`: send the command's standard output to this file (the shell's `>`)."""
        env = {
            "PATH": os.environ.get("PATH", ""),
            "HOME": str(tmp_path),
            "NO_COLOR": "1",
            "COLUMNS": "100",
            "LINES": "40",
            "TERM": "dumb",
            "PYTHONIOENCODING": "utf-8",
        }
        command, argv = entry_point(), [str(a) for a in args]
        if stdout is not None:
            command, argv = "/bin/sh", ["-c", 'exec "$0" "$@" > "$STDOUT_FILE"', command, *argv]
            env["STDOUT_FILE"] = str(stdout)
        child = pexpect.spawn(command, argv, env=env, cwd=str(tmp_path), encoding="utf-8", timeout=20,
                              dimensions=(40, 100))
        # No sleeping: pexpect pauses before each send and after close by default; these tests
        # wait on the child's output (expect) and on its exit (wait) instead.
        child.delaybeforesend = None
        child.delayafterclose = child.ptyproc.delayafterclose = 0
        child.delayafterterminate = child.ptyproc.delayafterterminate = 0
        children.append(child)
        return child

    yield _spawn
    for child in children:
        if child.isalive():
            child.terminate(force=True)
        child.close()
