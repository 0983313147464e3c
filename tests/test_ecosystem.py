"""The pre-commit hook and the GitHub Action, run for real (no network: the hook runs as a
local system hook with the definition from .pre-commit-hooks.yaml, the Action's audit step runs
in bash against the installed breadline)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

BIN = Path(sys.executable).parent
UNTRACED = "- id: UX-1\n  title: Redesign the settings page for the demo\n"


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
        "HOME": str(tmp_path), "NO_COLOR": "1",
    })
    return env


def test_hook_definition_is_well_formed():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    hook = next(h for h in hooks if h["id"] == "breadline")
    assert hook["entry"].split()[:2] == ["breadline", "audit"]
    assert hook["language"] == "python"
    files = re.compile(hook["files"])
    for name in ("backlog.yaml", "planning/sprint-47.yml", "team/q3-backlog.yaml"):
        assert files.search(name), name
    for name in (".github/workflows/ci.yml", "docker-compose.yaml", "backlog.json"):
        assert not files.search(name), name


def test_pre_commit_runs_the_hook_on_a_temporary_repo(tmp_path):
    pre_commit = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.fail("pre-commit is not installed (it is in the test extras: run `make test`)")
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "breadline")
    # The published hook, as a local one: language `system` uses the breadline under test
    # instead of building a fresh environment from the network.
    local = {**hook, "language": "system"}
    local.pop("minimum_pre_commit_version", None)
    repo = tmp_path / "repo"
    repo.mkdir()
    env = _env(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    (repo / "backlog.yaml").write_text(UNTRACED)
    (repo / "compose.yaml").write_text("services: {}\n")  # not a backlog: the hook must not see it
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)

    failing = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                             timeout=120)
    assert failing.returncode == 1, failing.stdout + failing.stderr
    assert "UX-1" in failing.stdout
    assert "compose.yaml" not in failing.stdout

    reason = "\"internal tooling, agreed in planning\""
    waivers = ", ".join(f"{code}: {reason}" for code in ("BL101", "BL201", "BL301", "BL401", "BL501"))
    (repo / "backlog.yaml").write_text(UNTRACED + f"  waive: {{{waivers}}}\n")
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
    passing = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                             timeout=120)
    assert passing.returncode == 0, passing.stdout + passing.stderr


def _action_script() -> tuple[str, dict]:
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    step = next(s for s in action["runs"]["steps"] if "breadline audit" in s["run"])
    return step["run"], action


def test_action_inputs():
    _, action = _action_script()
    assert action["runs"]["using"] == "composite"
    assert set(action["inputs"]) >= {"paths", "fail-on", "min-confidence", "baseline"}
    install = action["runs"]["steps"][0]["run"]
    assert "GITHUB_ACTION_PATH" in install


@pytest.mark.parametrize(("fail_on", "code"), [("superfluous", 1), ("never", 0)])
def test_action_audit_step_annotates(tmp_path, fail_on, code):
    script, _ = _action_script()
    (tmp_path / "backlog.yaml").write_text(UNTRACED)
    env = _env(tmp_path)
    env.update({"BREADLINE_PATHS": "backlog.yaml", "BREADLINE_FAIL_ON": fail_on, "BREADLINE_BASELINE": "",
                "BREADLINE_ARGS": "", "GITHUB_ACTIONS": "true"})
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    kind = "error" if fail_on == "superfluous" else "warning"
    assert result.stdout.startswith(f"::{kind} file=backlog.yaml,line=1,col=3,")


@pytest.mark.parametrize(("level", "code", "kind"), [("", 1, "error"), ("high", 0, "warning")])
def test_action_with_min_confidence(tmp_path, level, code, kind):
    """An item nothing traces is an unsure verdict: it fails the job by default, and under
    `min-confidence: high` is a warning annotation."""
    script, _ = _action_script()
    (tmp_path / "backlog.yaml").write_text("items:\n  - id: B-1\n    title: Dashboard\n")
    env = _env(tmp_path)
    env.update({"BREADLINE_PATHS": "backlog.yaml", "BREADLINE_FAIL_ON": "superfluous", "BREADLINE_MIN_CONFIDENCE": level,
                "BREADLINE_BASELINE": "", "BREADLINE_ARGS": "", "GITHUB_ACTIONS": "true"})
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == code, result.stderr
    assert result.stdout.startswith(f"::{kind} file=backlog.yaml,line=2,col=5,")


def test_action_with_a_baseline(tmp_path):
    script, _ = _action_script()
    (tmp_path / "backlog.yaml").write_text(UNTRACED)
    env = _env(tmp_path)
    subprocess.run([str(BIN / "breadline"), "baseline", "backlog.yaml", "-o", "base.json"], cwd=tmp_path, env=env,
                   check=True, capture_output=True)
    env.update({"BREADLINE_PATHS": "backlog.yaml", "BREADLINE_FAIL_ON": "superfluous",
                "BREADLINE_BASELINE": "base.json", "BREADLINE_ARGS": ""})
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""


def test_action_takes_several_paths_one_a_line_with_spaces_and_no_globbing(tmp_path):
    script, _ = _action_script()
    (tmp_path / "q4 plans").mkdir()
    (tmp_path / "q4 plans" / "the backlog.yaml").write_text(UNTRACED)
    (tmp_path / "b.yaml").write_text(UNTRACED.replace("UX-1", "UX-2"))
    (tmp_path / "*.yaml").write_text(UNTRACED.replace("UX-1", "UX-3"))  # a name a glob would expand
    env = _env(tmp_path)
    env.update({"BREADLINE_PATHS": "q4 plans/the backlog.yaml\r\n\n  \nb.yaml\n*.yaml\n", "BREADLINE_FAIL_ON": "superfluous",
                "BREADLINE_BASELINE": "", "BREADLINE_ARGS": "--max-off-line 100\n--select BL1", "GITHUB_ACTIONS": "true"})
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1, result.stderr
    files = [line.split("file=")[1].split(",")[0] for line in result.stdout.splitlines()]
    assert files == ["q4 plans/the backlog.yaml", "b.yaml", "*.yaml"]
    assert "BL2" not in result.stdout  # --select BL1 reached breadline as two words


def test_action_without_paths_says_so(tmp_path):
    script, _ = _action_script()
    env = _env(tmp_path)
    env.update({"BREADLINE_PATHS": "\n \n", "BREADLINE_FAIL_ON": "superfluous", "BREADLINE_BASELINE": "",
                "BREADLINE_ARGS": ""})
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "names no backlog" in result.stderr


def test_the_hook_over_a_planning_folder_passes_over_yaml_that_is_not_a_backlog(tmp_path):
    pre_commit = shutil.which("pre-commit", path=str(BIN)) or shutil.which("pre-commit")
    if pre_commit is None:
        pytest.fail("pre-commit is not installed (it is in the test extras: run `make test`)")
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text()) if h["id"] == "breadline")
    local = {**hook, "language": "system", "files": r"^planning/.*\.ya?ml$"}  # the README's override
    local.pop("minimum_pre_commit_version", None)
    repo = tmp_path / "repo"
    (repo / "planning").mkdir(parents=True)
    env = _env(tmp_path)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [local]}]}))
    (repo / "planning" / "q4.yaml").write_text(UNTRACED)
    (repo / "planning" / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n")
    subprocess.run(["git", "init", "-q"], cwd=repo, env=env, check=True)
    subprocess.run(["git", "add", "."], cwd=repo, env=env, check=True)
    done = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "UX-1" in done.stdout, "the backlog is audited"
    assert "passed over 1 YAML file" in done.stdout and "docker-compose.yml" in done.stdout
    assert "breadline: error" not in done.stdout
