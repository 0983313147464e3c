"""Configuration is found, and shown, where a user expects; a hostile configuration is a
one-line error, bounded in time, memory and words."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from breadline.config import discover, load_config
from breadline.errors import ConfigError
from tests.conftest import ROOT

SPRINT = ROOT / "examples" / "sprint.yaml"


@pytest.fixture
def repo(tmp_path):
    """outer/breadline.yaml (threshold 100) above outer/repo/.git, with a backlog in repo/sub."""
    outer = tmp_path / "outer"
    (outer / "repo" / ".git").mkdir(parents=True)
    (outer / "repo" / "sub").mkdir()
    (outer / "breadline.yaml").write_text("threshold: 100\n")
    shutil.copy(SPRINT, outer / "repo" / "sub" / "backlog.yaml")
    return outer


def test_discovery_stops_at_the_repository_root(repo, cli):
    backlog = repo / "repo" / "sub" / "backlog.yaml"
    assert discover(str(backlog)) is None
    result = cli("audit", backlog, "-f", "json")
    assert json.loads(result.stdout)["settings"]["threshold"] == 40
    (repo / "repo" / "breadline.yaml").write_text("threshold: 50\n")
    assert discover(str(backlog)) == str(repo / "repo" / "breadline.yaml")


def test_a_git_file_marks_a_root_too(tmp_path):
    (tmp_path / "breadline.yaml").write_text("threshold: 100\n")
    (tmp_path / "worktree").mkdir()
    (tmp_path / "worktree" / ".git").write_text("gitdir: /elsewhere\n")
    assert discover(str(tmp_path / "worktree" / "backlog.yaml")) is None


def test_discovery_stops_at_home(tmp_path):
    (tmp_path / "breadline.yaml").write_text("threshold: 100\n")
    home = tmp_path / "home"
    (home / "plans").mkdir(parents=True)
    assert discover(str(home / "plans" / "backlog.yaml"), home=str(home)) is None
    (home / ".breadline.yaml").write_text("threshold: 60\n")
    assert discover(str(home / "plans" / "backlog.yaml"), home=str(home)) == str(home / ".breadline.yaml")


def test_isolated_ignores_every_configuration_file(tmp_path, cli):
    shutil.copy(SPRINT, tmp_path / "backlog.yaml")
    (tmp_path / "breadline.yaml").write_text("threshold: 100\n")
    plain = json.loads(cli("audit", tmp_path / "backlog.yaml", "-f", "json").stdout)["settings"]
    assert plain["threshold"] == 100 and plain["config"] == str(tmp_path / "breadline.yaml")
    isolated = json.loads(cli("audit", tmp_path / "backlog.yaml", "-f", "json", "--isolated").stdout)["settings"]
    assert isolated["threshold"] == 40 and isolated["config"] is None
    both = cli("audit", tmp_path / "backlog.yaml", "--isolated", "--config", tmp_path / "breadline.yaml")
    assert both.exit_code == 2 and "--isolated" in both.stderr


@pytest.mark.parametrize("command", [["audit"], ["report", "-o", "-"], ["baseline", "-o", "{tmp}/b.json"],
                                     ["explain", "INT-214"]])
def test_verbose_names_the_configuration_file(tmp_path, cli, command):
    shutil.copy(SPRINT, tmp_path / "backlog.yaml")
    (tmp_path / "breadline.yaml").write_text("threshold: 40\n")
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    if args[0] == "explain":
        args = [*args, str(tmp_path / "backlog.yaml")]
    else:
        args = [args[0], str(tmp_path / "backlog.yaml"), *args[1:]]
    result = cli(*args, "--verbose")
    assert f"breadline: configuration: {tmp_path / 'breadline.yaml'}" in result.stderr.splitlines()
    isolated = cli(*args, "--verbose", "--isolated")
    assert "breadline: configuration: none (the defaults)" in isolated.stderr.splitlines()


def test_import_is_isolated_and_verbose_too(tmp_path, cli):
    shutil.copy(ROOT / "tests" / "data" / "trackers" / "github-rest.json", tmp_path / "issues.json")
    (tmp_path / "breadline.yaml").write_text("tracker: {fields: {nope: [1]}}\n")
    assert cli("import", tmp_path / "issues.json").exit_code == 2
    result = cli("import", tmp_path / "issues.json", "--isolated", "-v")
    assert result.exit_code == 0 and "breadline: configuration: none (the defaults)" in result.stderr


def _error(tmp_path, text: str | bytes, name: str = "breadline.yaml") -> ConfigError:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    with pytest.raises(ConfigError) as caught:
        load_config(str(path))
    message = caught.value.location_message()
    assert "\n" not in message and len(message) < 300 + len(str(path)), message
    return caught.value


BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
    f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8)) + "threshold: *i\n"


@pytest.mark.parametrize(("text", "said", "line"), [
    ("threshold: 40\nthreshold: 50\n", "duplicate key 'threshold'", 2),
    ("threshold: !!bool maybe\n", "invalid value 'maybe'", 1),
    ("threshold: !!timestamp garbage\n", "invalid value 'garbage'", 1),
    ("threshold: " + "9" * 5000 + "\n", "too long to count", 1),
    ("threshold: 0x" + "f" * 5000 + "\n", "too long to count", 1),
    (BOMB, "alias bomb", None),
    ("threshold: '" + "x" * 100_000 + "'\n", "must be a whole number", None),
    ("[" * 100_000, "nested too deeply", None),
    ("threshold: !!python/object:os.system ls\n", "not allowed", 1),
])
def test_hostile_yaml_configuration_is_one_short_line(tmp_path, text, said, line):
    error = _error(tmp_path, text)
    assert said in error.message
    if line is not None:
        assert error.line == line


@pytest.mark.parametrize(("data", "said"), [
    (b"\x00\x01\x02[tool.breadline]\xff\xfe", "binary"),
    (b"[tool.breadline]\nthreshold = 40\n\xff\xfe", "not UTF-8"),
    (b"[tool.breadline]\nthreshold = " + b"9" * 5000 + b"\n", "invalid TOML"),
    (b"[tool.breadline]\nthreshold = " + b"[" * 100_000, "nested too deeply"),
    (b"[tool]\nbreadline = 5\n", "must be a table"),
])
def test_hostile_pyproject_is_one_short_line(tmp_path, data, said):
    assert said in _error(tmp_path, data, "pyproject.toml").message


def test_a_binary_pyproject_found_by_discovery_is_an_error_naming_it(tmp_path, cli):
    shutil.copy(SPRINT, tmp_path / "backlog.yaml")
    (tmp_path / "pyproject.toml").write_bytes(b"\x00\xff" * 100)
    result = cli("audit", tmp_path / "backlog.yaml")
    assert result.exit_code == 2 and "pyproject.toml" in result.stderr and result.stderr.count("\n") == 1


def test_a_five_thousand_digit_threshold_in_toml_is_short(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.breadline]\nthreshold = " + "9" * 4000 + "\n")
    with pytest.raises(ConfigError) as caught:
        load_config(str(path))
    assert len(caught.value.message) < 120


@pytest.mark.parametrize("args", [
    ["audit", str(SPRINT), "-o", ""], ["audit", str(SPRINT), "--baseline", ""], ["audit", str(SPRINT), "--config", ""],
    ["audit", str(SPRINT), "--select", ""], ["audit", str(SPRINT), "--ignore", " "], ["report", str(SPRINT), "-o", ""],
    ["baseline", str(SPRINT), "-o", ""], ["import", str(SPRINT), "-o", ""], ["explain", "X", str(SPRINT), "--config", ""],
    ["audit", str(SPRINT), "--max-off-line", "nan"],
])
def test_empty_option_values_are_usage_errors(cli, args):
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith("breadline: error: --") and result.stderr.count("\n") == 1


def test_the_same_file_given_twice_is_audited_once(cli, tmp_path, monkeypatch):
    shutil.copy(SPRINT, tmp_path / "a.yaml")
    os.symlink("a.yaml", tmp_path / "b.yaml")
    monkeypatch.chdir(tmp_path)
    once = json.loads(cli("audit", "a.yaml", "-f", "json").stdout)["summary"]["items"]
    twice = json.loads(cli("audit", "a.yaml", "./a.yaml", "b.yaml", ".", "-f", "json").stdout)
    assert twice["summary"]["items"] == once and twice["paths"] == ["a.yaml"]
