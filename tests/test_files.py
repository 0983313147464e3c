"""No write destroys an input or leaves half a file: `-o` that is an input is refused, a
rewritten file keeps its mode, owner, group and hard links, read-only targets and planted
symlinks are refused, and no temporary file outlives its run (signals, kill -9)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap

import pytest

from breadline.errors import InputError, UsageError
from breadline.files import atomic_writer, refuse_inputs, remove_stale, write_atomic
from tests.conftest import DATA, ROOT

SPRINT = ROOT / "examples" / "sprint.yaml"


def _temporaries(folder) -> list[str]:
    return [name for name in os.listdir(folder) if name.startswith(".breadline-")]


@pytest.fixture
def backlog(tmp_path):
    path = tmp_path / "x.yaml"
    shutil.copy(SPRINT, path)
    return path


@pytest.mark.parametrize("command", [["audit"], ["audit", "-f", "json"], ["report"], ["baseline"]])
@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink", "directory"])
def test_output_that_is_an_input_is_refused(cli, backlog, tmp_path, monkeypatch, command, spelling):
    monkeypatch.chdir(tmp_path)
    before = backlog.read_bytes()
    target, given = "x.yaml", "x.yaml"
    if spelling == "dotted":
        target = "./x.yaml"
    elif spelling == "symlink":
        os.symlink("x.yaml", "link.yaml")
        target = "link.yaml"
    elif spelling == "hardlink":
        os.link("x.yaml", "other.yaml")
        target = "other.yaml"
    elif spelling == "directory":
        given = "."
    result = cli(*command, given, "-o", target)
    assert result.exit_code == 2
    assert "is one of the inputs" in result.stderr and result.stderr.count("\n") == 1
    assert backlog.read_bytes() == before


def test_import_output_that_is_the_export_is_refused(cli, tmp_path):
    export = tmp_path / "issues.json"
    shutil.copy(DATA / "trackers" / "github-rest.json", export)
    before = export.read_bytes()
    os.link(export, tmp_path / "same.json")
    result = cli("import", export, "-o", tmp_path / "same.json", "--force")
    assert result.exit_code == 2 and export.read_bytes() == before


def test_baseline_or_config_as_output_is_refused(cli, backlog, tmp_path):
    base = tmp_path / "base.json"
    assert cli("baseline", backlog, "-o", base).exit_code == 0
    before = base.read_bytes()
    result = cli("audit", backlog, "--baseline", base, "-o", base)
    assert result.exit_code == 2 and base.read_bytes() == before
    config = tmp_path / "conf.yaml"
    config.write_text("threshold: 40\n")
    assert cli("audit", backlog, "--config", config, "-o", config).exit_code == 2
    assert config.read_text() == "threshold: 40\n"


def test_a_new_report_is_not_refused(tmp_path):
    refuse_inputs(str(tmp_path / "new.json"), [str(SPRINT)])
    with pytest.raises(UsageError):
        refuse_inputs(str(SPRINT), [str(ROOT / "examples" / ".." / "examples" / "sprint.yaml")])


def test_mode_owner_and_group_are_kept(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("old")
    os.chmod(path, 0o640)
    if os.geteuid() == 0:
        os.chown(path, 12345, 23456)
    write_atomic(str(path), "new")
    info = os.stat(path)
    assert path.read_text() == "new" and stat.S_IMODE(info.st_mode) == 0o640
    if os.geteuid() == 0:
        assert (info.st_uid, info.st_gid) == (12345, 23456)


def test_a_read_only_file_is_refused_with_one_line(cli, tmp_path):
    path = tmp_path / "report.json"
    path.write_text("keep")
    os.chmod(path, 0o444)
    result = cli("audit", SPRINT, "-f", "json", "-o", path)
    assert result.exit_code == 2
    assert result.stderr.strip().endswith("report.json: is read-only; breadline does not replace it (make it writable first)")
    assert path.read_text() == "keep"


def test_a_hard_linked_file_keeps_its_links(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("old")
    os.link(path, tmp_path / "other-name.txt")
    write_atomic(str(path), "new text")
    assert (tmp_path / "other-name.txt").read_text() == "new text"
    assert os.stat(path).st_nlink == 2 and _temporaries(tmp_path) == []


def test_a_failed_write_leaves_the_file_and_no_temporary(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_writer(str(path)) as handle:
            handle.write("half")
            raise RuntimeError
    assert path.read_text() == "old" and _temporaries(tmp_path) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to plant a link as another user")
def test_a_symlink_planted_by_another_user_in_a_sticky_folder_is_refused(tmp_path):
    shared = tmp_path / "tmp"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    secret = tmp_path / "secret"
    secret.write_text("private")
    os.chmod(secret, 0o600)
    os.symlink(secret, shared / "report.json")
    os.lchown(shared / "report.json", 65534, 65534)
    with pytest.raises(UsageError, match="symlink another user made"):
        write_atomic(str(shared / "report.json"), "{}")
    assert secret.read_text() == "private"


def test_an_empty_output_name_is_refused():
    with pytest.raises(UsageError):
        write_atomic("", "x")


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        write_atomic(str(tmp_path), "x")


_KILLED = textwrap.dedent("""\
    import os, signal, sys
    from breadline.files import atomic_writer
    with atomic_writer(sys.argv[1]) as handle:
        handle.write("x" * 100000)
        os.kill(os.getpid(), getattr(signal, sys.argv[2]))
    """)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGINT", "SIGHUP"])
def test_a_signal_removes_the_temporary_file(tmp_path, name):
    target = tmp_path / "report.txt"
    target.write_text("old")
    done = subprocess.run([sys.executable, "-c", _KILLED, str(target), name], capture_output=True, timeout=60)
    assert done.returncode != 0
    assert _temporaries(tmp_path) == [] and target.read_text() == "old"


def test_stale_temporary_files_of_dead_processes_are_removed(cli, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".breadline-{dead.stdout.strip()}-abc123.tmp"
    stale.write_text("18 MB of half a backlog")
    living = tmp_path / f".breadline-{os.getpid()}-def456.tmp"
    living.write_text("being written")
    other = tmp_path / ".breadline-notours.tmp"
    other.write_text("?")
    result = cli("audit", SPRINT, "-f", "json", "-o", tmp_path / "report.json")
    assert result.exit_code == 1
    assert not stale.exists() and living.exists() and other.exists()
    remove_stale(str(tmp_path / "missing"))  # a folder that is gone is no error


def test_kill_9_during_import_leaves_nothing_for_the_next_run(tmp_path):
    """What kill -9 leaves (a temporary file named after a dead process) the next run removes."""
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    (tmp_path / f".breadline-{dead.stdout.strip()}-zz9.tmp").write_text("partial")
    write_atomic(str(tmp_path / "backlog.yaml"), "items: []\n")
    assert _temporaries(tmp_path) == []
