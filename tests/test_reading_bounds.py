"""Bounded reading: directory scans read regular files only, devices, pipes and standard input
go through the same size cap as files, and the baseline reader is bounded and crash-free."""

from __future__ import annotations

import io
import json
import os
import shutil

import pytest

from breadline import load
from breadline.errors import InputError
from tests.conftest import DATA, ROOT

SPRINT = ROOT / "examples" / "sprint.yaml"


def test_a_directory_scan_skips_links_out_and_special_files_with_a_note(cli, tmp_path):
    scan = tmp_path / "scan"
    scan.mkdir()
    shutil.copy(SPRINT, scan / "a.yaml")
    (tmp_path / "credentials").write_text("password: hunter2\n")
    os.symlink(tmp_path / "credentials", scan / "creds.yaml")
    os.symlink("/dev/zero", scan / "zero.yaml")
    os.mkfifo(scan / "fifo.yaml")
    os.symlink("a.yaml", scan / "inside.yaml")
    result = cli("audit", scan, "-f", "json")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["paths"] == [str(scan / "a.yaml")]  # inside.yaml is the same file
    notes = [line for line in result.stderr.splitlines() if line.startswith("breadline: note:")]
    assert notes == [
        f"breadline: note: {scan / 'creds.yaml'}: skipped: a symlink that leads out of the folder",
        f"breadline: note: {scan / 'fifo.yaml'}: skipped: a FIFO, not a regular file",
        f"breadline: note: {scan / 'zero.yaml'}: skipped: a symlink that leads out of the folder",
    ]
    assert "hunter2" not in result.stderr + result.stdout


@pytest.fixture
def small_cap(monkeypatch):
    monkeypatch.setattr(load, "MAX_BYTES", 1000)


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_device_is_read_through_the_cap(small_cap):
    with pytest.raises(InputError, match="holds more than"):
        load.read_bytes("/dev/zero")


def test_standard_input_is_read_through_the_cap(small_cap, monkeypatch):
    class Stdin:
        buffer = io.BytesIO(b"x" * 5000)

    monkeypatch.setattr("sys.stdin", Stdin)
    with pytest.raises(InputError, match="holds more than"):
        load.read_stdin()


def test_a_file_over_the_cap_is_refused_by_its_size(small_cap, tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 5000)
    with pytest.raises(InputError, match="breadline reads at most"):
        load.read_bytes(str(path))


@pytest.mark.parametrize(("text", "said"), [
    ("[" * 100_000, "nested too deeply"),
    ('{"breadline_baseline": 1, "entries": [{"path": ' + "9" * 5000 + "}]}", "too long to count"),
    ('{"breadline_baseline": 1, "entries": [{"path": 5, "item": "A", "code": "BL1", "fingerprint": "x"}]}',
     "not a mapping of path, item, code and fingerprint to texts"),
    ('{"breadline_baseline": 1, "entries": [[[[]]]]}', "not a mapping"),
    ('{"breadline_baseline": NaN}', "not a finite number"),
    ("\x00\x01", "binary"),
    ("{", "invalid JSON"),
])
def test_a_hostile_baseline_is_one_line(cli, tmp_path, text, said):
    path = tmp_path / "base.json"
    path.write_text(text)
    result = cli("audit", SPRINT, "--baseline", path)
    assert result.exit_code == 2
    assert said in result.stderr and result.stderr.count("\n") == 1 and "base.json" in result.stderr
    assert len(result.stderr) < 300 + len(str(path))


def test_the_import_header_escapes_the_export_name(cli, tmp_path):
    name = tmp_path / "gh\ncustomers: {evil: {paying: true}}\n#.json"
    shutil.copy(DATA / "trackers" / "github-rest.json", name)
    result = cli("import", name)
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert header.startswith("# Imported by breadline") and "gh\\ncustomers: {evil" in header
    assert not any(line.startswith("customers:") for line in result.stdout.splitlines())
    assert "evil" not in load.load_text(result.stdout).customers
