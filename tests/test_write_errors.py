"""Standard output that cannot be written (`> /dev/full`): one line and exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.conftest import ROOT, DATA
from tests.test_entry_point import _entry_point

SPRINT = ROOT / "examples" / "sprint.yaml"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("args", [
    ["audit", str(SPRINT), "-f", "json"],
    ["audit", str(SPRINT)],
    ["report", str(SPRINT), "-o", "-"],
    ["import", str(DATA / "trackers" / "github-rest.json")],
])
def test_a_full_disk_on_stdout_is_one_line(args):
    with open("/dev/full", "w") as full:
        done = subprocess.run([_entry_point(), *args], stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == "breadline: error: cannot write the output (No space left on device)\n"
