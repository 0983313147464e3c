"""The README's CI examples, run as written (with the breadline installed here instead of the
pinned archive): the GitHub workflow's steps, the GitLab job's script and the Jenkins stage's
shell step, in a git repository with a backlog in planning/ and a docker-compose.yml beside it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REGISTRY, ROOT, TRACED

BIN = Path(sys.executable).parent
OFF = "  - id: OFF-1\n    title: Dark mode\n    points: 3\n"


def ci_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme[readme.index("## In CI\n"):].split("\n## ", 1)[0]


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", ci_section(), re.S)


def env_for(repo: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("GITHUB_", "GIT_"))}
    env.update({"PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", "NO_COLOR": "1", "GIT_CONFIG_GLOBAL": os.devnull,
                "GIT_CONFIG_NOSYSTEM": "1", "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com", **extra})
    return env


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    (root / "planning").mkdir(parents=True)
    (root / "planning" / "backlog.yaml").write_text(REGISTRY + "items:\n" + TRACED)
    (root / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n")
    (root / "planning" / "ci.yml").write_text("on: [push]\njobs: {}\n")
    env = env_for(root)
    for args in (["init", "-q", "-b", "main"], ["add", "."], ["commit", "-qm", "base"],
                 ["update-ref", "refs/remotes/origin/main", "HEAD"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=60)
    (root / "planning" / "backlog.yaml").write_text(REGISTRY + "items:\n" + TRACED + OFF)
    return root


def sh(line: str, repo: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-ec", line], cwd=repo, env=env_for(repo, **env), capture_output=True, text=True,
                          timeout=120)


def installed(line: str) -> bool:
    """The install lines fetch the pinned archive: here breadline is installed already."""
    return "pip install" in line or "python3 -m venv" in line


def test_the_gitlab_job_works_as_written(repo):
    (job,) = [yaml.safe_load(block)["breadline"] for block in blocks("yaml") if block.startswith("breadline:")]
    statuses = [sh(line, repo).returncode for line in job["script"] if not installed(line)]
    assert statuses == [0, 1]  # the JUnit line goes on; the Code Quality line fails the job on OFF-1
    quality = json.loads((repo / job["artifacts"]["reports"]["codequality"]).read_text())
    assert {e["location"]["path"] for e in quality} == {"planning/backlog.yaml"}
    assert "<testcase name=\"OFF-1\"" in (repo / job["artifacts"]["reports"]["junit"]).read_text()


def test_the_jenkins_step_works_as_written(repo):
    (groovy,) = blocks("groovy")
    (script,) = re.findall(r"sh '''\n(.*?)'''", groovy, re.S)
    lines = [line.strip().replace(".breadline/bin/", "") for line in script.splitlines() if line.strip()]
    assert [sh(line, repo).returncode for line in lines if not installed(line)] == [0]
    report = re.search(r"junit '([^']+)'", groovy).group(1)
    xml = (repo / report).read_text()
    assert 'classname="planning.backlog_yaml"' in xml and "<failure" in xml
    if shutil.which("xmllint"):
        for schema in ("junit-10.xsd", "JUnit.xsd"):
            done = subprocess.run(["xmllint", "--noout", "--schema", str(ROOT / "tests" / "data" / "junit" / schema),
                                   str(repo / report)], capture_output=True, text=True, timeout=60)
            assert done.returncode == 0, done.stderr


def test_the_github_workflow_steps_work_as_written(repo):
    (workflow,) = [yaml.safe_load(block) for block in blocks("yaml") if block.startswith("name: backlog")]
    steps = workflow["jobs"]["breadline"]["steps"]
    action = next(step for step in steps if step.get("uses", "").startswith("breadline/breadline@"))
    assert action["with"]["paths"].splitlines() == ["planning/backlog.yaml", "planning/q4 ideas.yaml"]
    (repo / "planning" / "q4 ideas.yaml").write_text("- id: Q-1\n  title: Make it pop\n")
    summary = repo / "summary.md"
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary), "BASE": "main", "PR": "7"}
    ran = 0
    for step in steps:
        if "run" not in step:
            continue
        for line in step["run"].splitlines():
            if line.strip() and not line.lstrip().startswith("gh "):
                assert sh(line, repo, **github).returncode == 0, line
                ran += 1
    assert ran == 2
    log = json.loads((repo / "breadline.sarif").read_text())
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]} == {
        "planning/backlog.yaml", "planning/q4%20ideas.yaml"}
    comment = (repo / "comment.md").read_text()
    assert "against origin/main" in comment and "OFF-1" in comment and "Q-1" in comment
    assert "PAY-1" not in comment  # unchanged since main
