"""Inside GitHub Actions, read as the runner reads a step: every line of stdout **and** stderr,
a line that starts with `::` (after leading blanks) being a workflow command, and
`::stop-commands::TOKEN` turning commands off until `::TOKEN::`. Nothing in a backlog, a file
name or a configuration may issue one; breadline's own are the annotations it means to write."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REGISTRY, TRACED

COMMAND = re.compile(r"^::([A-Za-z-]+)(?: ([^:]*?))?::(.*)$")


def workflow_commands(*streams: str) -> list[tuple[str, dict[str, str], str]]:
    """The commands the Actions runner would act on, stream by stream, line by line."""
    found = []
    for stream in streams:
        stop = None
        for line in re.split(r"\r\n|\r|\n", stream):
            text = line.lstrip()
            if stop is not None:
                if text == f"::{stop}::":
                    stop = None
                continue
            if not text.startswith("::"):
                continue
            match = COMMAND.match(text)
            if match is None:
                found.append(("?", {}, text))
                continue
            name, props, data = match.groups()
            if name == "stop-commands":
                stop = data
            properties = dict(part.split("=", 1) for part in (props or "").split(",") if "=" in part)
            found.append((name, properties, data))
    return found


def test_the_parser_reads_what_the_runner_reads():
    """Guards the guard: the parser sees commands where the runner would."""
    text = "x\n  ::error file=a.yaml,line=2::boom\r::stop-commands::tok\n::error::hidden\n::tok::\n::warning::w"
    assert workflow_commands(text) == [("error", {"file": "a.yaml", "line": "2"}, "boom"),
                                       ("stop-commands", {}, "tok"), ("warning", {}, "w")]


@pytest.fixture(scope="module")
def breadline() -> str:
    beside = Path(sys.executable).parent / "breadline"
    found = str(beside) if beside.exists() else shutil.which("breadline")
    if found is None:
        pytest.fail("the breadline entry point is not installed (run `make test`)")
    return found


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    return tmp_path


def run(breadline: str, repo: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("GITHUB_")}
    environment.update({"GITHUB_ACTIONS": "true", "NO_COLOR": "1", **env})
    return subprocess.run([breadline, *args], cwd=repo, capture_output=True, text=True, env=environment, timeout=120)


HOSTILE = '''\
customers:
  acme: {name: "Acme\\n::stop-commands::pwned", plan: business}
custmers: {}
"::error::top-level key\\n::warning::again": 1
items:
  - id: "X-1\\n::error file=evil.yaml::from an id"
    title: "Dark mode\\r\\n::error::from a title\\n  ::notice::indented"
    customer: "acme\\n::debug::who"
  - id: "::warning::Y"
    title: "%0A::error::encoded"
'''
HOSTILE_NAME = "plan ::error::x, y%.yaml"


@pytest.mark.parametrize("fmt", ["github", "table", "json", "sarif", "junit", "gitlab", "markdown", "csv", "html"])
def test_a_hostile_backlog_issues_no_command(breadline, repo, fmt):
    (repo / HOSTILE_NAME).write_text(HOSTILE, encoding="utf-8")
    done = run(breadline, repo, "audit", "-f", fmt, "--all", "--fail-on", "weak", HOSTILE_NAME)
    assert done.returncode == 1, done.stderr
    commands = workflow_commands(done.stdout, done.stderr)
    if fmt != "github":
        assert commands == []
        return
    assert commands and all(name in ("error", "warning") for name, _, _ in commands)
    for _, properties, data in commands:
        assert properties["file"] == "plan %3A%3Aerror%3A%3Ax%2C y%25.yaml"  # the whole name, escaped
        assert properties["title"].startswith("breadline%3A ")
        assert "\n" not in data and "\r" not in data


def test_input_errors_are_annotations_and_their_text_issues_nothing(breadline, repo):
    (repo / "planning").mkdir()
    bad = repo / "planning" / "a\n::stop-commands::t.yaml"
    bad.write_text('- id: A\n  title: t\n  "x\\n::error::dup": 1\n  "x\\n::error::dup": 2\n', encoding="utf-8")
    done = run(breadline, repo, "audit", "-f", "github", str(bad))
    assert done.returncode == 2
    commands = workflow_commands(done.stdout, done.stderr)
    assert [name for name, _, _ in commands] == ["error"]
    (_, properties, data) = commands[0]
    assert properties["file"] == "planning/a%0A%3A%3Astop-commands%3A%3At.yaml"
    assert properties["line"] == "4" and "col" in properties
    assert "duplicate" in data
    assert all(line.startswith(("breadline: ", "::error ")) for line in done.stderr.splitlines())


def test_a_missing_file_is_an_annotation_too(breadline, repo):
    done = run(breadline, repo, "audit", "nowhere.yaml")
    assert done.returncode == 2
    assert workflow_commands(done.stderr) == [("error", {"file": "nowhere.yaml", "title": "breadline%3A input error"},
                                               "no such file")]


def test_the_step_summary_is_appended(breadline, repo):
    (repo / "backlog.yaml").write_text(REGISTRY + "items:\n" + TRACED + "  - id: OFF-1\n    title: Dark mode\n")
    summary = repo / "summary.md"
    summary.write_text("# an earlier step\n")
    done = run(breadline, repo, "audit", "-f", "github", "backlog.yaml", GITHUB_STEP_SUMMARY=str(summary))
    assert done.returncode == 1
    text = summary.read_text()
    assert text.startswith("# an earlier step\n## breadline: backlog.yaml")
    assert "1 item carries no points" in text and "### Superfluous items" in text and "| OFF-1 | Dark mode |" in text


def test_auto_with_an_output_file_writes_the_files_format(breadline, repo):
    (repo / "backlog.yaml").write_text("- id: A\n  title: Dark mode\n")
    done = run(breadline, repo, "audit", "-f", "auto", "-o", "r.json", "backlog.yaml")
    assert done.returncode == 1
    assert json.loads((repo / "r.json").read_text())["schema_version"] == 1
    assert workflow_commands(done.stdout, done.stderr) == []


def test_many_input_errors_keep_within_the_per_step_limit(breadline, repo):
    items = "".join(f"- id: A\n  title: t{n}\n" for n in range(15))  # 14 duplicate ids
    (repo / "b.yaml").write_text(items)
    done = run(breadline, repo, "audit", "b.yaml")
    assert done.returncode == 2
    commands = workflow_commands(done.stdout, done.stderr)
    assert len(commands) == 10 and all(name == "error" for name, _, _ in commands)
    assert commands[-1][1] == {"title": "breadline%3A 5 more input errors"}
    assert len([line for line in done.stderr.splitlines() if line.startswith("breadline: error:")]) == 14


def test_explain_issues_no_command(breadline, repo):
    (repo / "b.yaml").write_text('- id: A\n  title: "Dark mode\\n::stop-commands::tok\\n::error::x"\n')
    done = run(breadline, repo, "explain", "A", "b.yaml")
    assert done.returncode == 0 and "Dark mode" in done.stdout
    assert workflow_commands(done.stdout, done.stderr) == []
