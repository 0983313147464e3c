"""The progress bar of long work: on a terminal's stderr, with the file and the items judged; never
in a pipe, under CI, or with --quiet. The bar's one-second delay is set to 0 here, so that no test
waits on the clock."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def backlog(folder: Path, count: int = 60) -> Path:
    path = folder / "backlog.yaml"
    path.write_text("items:\n" + "".join(f"  - id: IT-{n}\n    title: Item {n}\n" for n in range(count)),
                    encoding="utf-8")
    return path


def in_a_terminal(folder: Path, *args: str, **env: str) -> str:
    pexpect = pytest.importorskip("pexpect")
    command = str(Path(sys.executable).parent / "breadline")
    child = pexpect.spawn(command, list(args), cwd=str(folder), encoding="utf-8", timeout=60, dimensions=(24, 100),
                          env={"PATH": os.environ.get("PATH", ""), "HOME": str(folder), "TERM": "xterm",
                               "BREADLINE_PROGRESS_DELAY": "0", "BREADLINE_JOBS": "1", **env})
    output = child.read()
    child.close()
    return output


def test_a_terminal_sees_the_file_and_the_items_judged(tmp_path):
    path = backlog(tmp_path)
    output = in_a_terminal(tmp_path, "audit", str(path))
    assert f"judging {path}" in output
    assert "60/60" in output


@pytest.mark.parametrize("how", ["ci", "quiet"])
def test_no_bar_under_ci_or_quiet(tmp_path, how):
    path = backlog(tmp_path)
    output = in_a_terminal(tmp_path, "audit", str(path), *(["--quiet"] if how == "quiet" else []),
                           **({"CI": "true"} if how == "ci" else {}))
    assert "judging" not in output and "/60" not in output
    assert "are superfluous" in output


def test_no_bar_in_a_pipe(tmp_path):
    path = backlog(tmp_path)
    done = subprocess.run([str(Path(sys.executable).parent / "breadline"), "report", str(path), "-o", "-"],
                          capture_output=True, text=True, timeout=60,
                          env={**os.environ, "BREADLINE_PROGRESS_DELAY": "0"})
    assert done.returncode == 0
    assert "judging" not in done.stderr


def test_an_import_on_a_terminal_shows_what_it_reads(tmp_path):
    export = tmp_path / "issues.csv"
    export.write_text("Summary,Issue key,Issue Type,Status\n" + "".join(
        f"Item {n},PAY-{n},Task,Open\n" for n in range(2000)), encoding="utf-8")
    output = in_a_terminal(tmp_path, "import", str(export), "-o", str(tmp_path / "backlog.yaml"))
    assert f"importing {export}" in output
    assert "2000 of 2000 rows became items" in " ".join(output.split())


def test_no_import_spinner_under_ci(tmp_path):
    export = tmp_path / "issues.csv"
    export.write_text("Summary,Issue key,Issue Type,Status\nItem,PAY-1,Task,Open\n", encoding="utf-8")
    output = in_a_terminal(tmp_path, "import", str(export), "-o", str(tmp_path / "backlog.yaml"), CI="true")
    assert "importing" not in output and "1 of 1 row" in " ".join(output.split())
