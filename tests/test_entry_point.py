"""The installed `breadline` command, run as a separate process the way users and CI run it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from breadline import __version__
from tests.conftest import ROOT

SPRINT = ROOT / "examples" / "sprint.yaml"


def _entry_point() -> str:
    beside = Path(sys.executable).parent / "breadline"
    found = str(beside) if beside.exists() else shutil.which("breadline")
    if not found:
        pytest.fail("the breadline entry point is not installed (run `make test`)")
    return found


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "CLICOLOR_FORCE")}
    return subprocess.run(
        [*args], capture_output=True, text=True, input=stdin, env=env, timeout=60, cwd=ROOT,
    )


def test_version_from_the_installed_command():
    result = run(_entry_point(), "--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"breadline {__version__}"


def test_demo_sprint_shows_superfluous_items_and_exits_1():
    result = run(_entry_point(), "audit", str(SPRINT))
    assert result.returncode == 1, result.stderr
    assert "superfluous" in result.stdout
    assert "\x1b[" not in result.stdout  # piped: plain text
    assert "are superfluous: they trace to no paying person's problem" in " ".join(result.stderr.split())  # wrapped at 80


def test_python_dash_m_gives_the_same_json():
    via_module = run(sys.executable, "-m", "breadline", "audit", "--format", "json", str(SPRINT))
    via_script = run(_entry_point(), "audit", "--format", "json", str(SPRINT))
    assert via_module.returncode == via_script.returncode == 1
    assert json.loads(via_module.stdout) == json.loads(via_script.stdout)


def test_bad_input_exits_2_without_a_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("- id: A\n  title: a\n  points: three\n")
    result = run(_entry_point(), "audit", str(bad))
    assert result.returncode == 2
    assert result.stderr.strip() == f"breadline: error: {bad}:3:11: item 'A': `points` must be a number, not 'three'"
    assert "Traceback" not in result.stderr


def test_alias_bomb_exits_2_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        lines.append(f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]")
    lines.append("items:\n  - title: boom\n    bomb: *a9\n")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines))
    result = run(_entry_point(), "audit", str(bomb))
    assert result.returncode == 2
    assert "alias" in result.stderr and "Traceback" not in result.stderr


def test_a_yaml_audit_loads_no_tracker_or_editing_code():
    code = (
        "import sys\n"
        "from breadline.audit import audit_files\n"
        f"audit_files([{str(SPRINT)!r}])\n"
        "heavy = [m for m in ('breadline.importers.detect', 'breadline.importers.build', 'breadline.edit', 'ruamel.yaml') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    result = run(sys.executable, "-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_json_audit_in_ci_imports_no_rich():
    # Piped stdout and stderr, a format for programs: nothing to colour, so rich stays unloaded.
    code = (
        "import sys, breadline.cli as cli\n"
        "cli._leave = lambda code: print(sorted(m for m in sys.modules if m.split('.')[0] == 'rich'), file=sys.stderr)\n"
        f"sys.argv = ['breadline', 'audit', '-f', 'json', {str(SPRINT)!r}]\n"
        "cli.main()\n"
    )
    result = run(sys.executable, "-c", code)
    assert json.loads(result.stdout)["summary"]["items"] == 26
    assert "are superfluous: they trace to no paying person's problem." in " ".join(result.stderr.split())  # wrapped at 80
    assert result.stderr.strip().splitlines()[-1] == "[]"


def _large_backlog(path: Path, count: int = 2500) -> Path:
    lines = ["customers:", "  acme: {name: Acme Logistics, plan: business}", "items:"]
    for i in range(count):
        lines.append(f"  - id: T-{i}")
        if i % 3 == 0:
            lines += [f"    title: Export invoice batch {i} to NetSuite", "    customer: acme",
                      "    problem: Acme's finance team retypes invoice totals every month"]
        elif i % 3 == 1:
            lines += [f"    title: Refactor the billing module, part {i}", f"    serves: [T-{i - 1}]"]
        else:
            lines += [f"    title: Animated charts for the investor demo, take {i}",
                      "    description: As a user I want charts so that the demo looks good."]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_large_backlog_gives_the_same_report_on_one_core_or_two(tmp_path):
    big = _large_backlog(tmp_path / "big.yaml")
    outputs = {}
    for jobs in ("1", "2"):
        env = {**os.environ, "BREADLINE_JOBS": jobs}
        piped = subprocess.run([_entry_point(), "audit", "-f", "json", str(big)], capture_output=True, text=True,
                               env=env, timeout=120)
        assert piped.returncode == 1, piped.stderr
        written = tmp_path / f"report-{jobs}.json"
        to_file = subprocess.run([_entry_point(), "audit", "-o", str(written), str(big)], capture_output=True,
                                 text=True, env=env, timeout=120)
        assert to_file.returncode == 1, to_file.stderr
        assert written.read_text(encoding="utf-8") == piped.stdout  # the whole report, flushed before exit
        outputs[jobs] = piped.stdout
    assert outputs["1"] == outputs["2"]
    report = json.loads(outputs["2"])
    assert report["summary"]["items"] == 2500
    assert [item["id"] for item in report["items"]] == [f"T-{i}" for i in range(2500)]


def test_only_the_report_imports_jinja2():
    # The template engine is the html format's: an audit to a pipe never loads it.
    code = (
        "import sys, breadline.cli as cli\n"
        "cli._leave = lambda code: print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markupsafe')),"
        " file=sys.stderr)\n"
        f"sys.argv = ['breadline', 'audit', '-f', 'json', {str(SPRINT)!r}]\n"
        "cli.main()\n"
    )
    result = run(sys.executable, "-c", code)
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_shell_completion_completes_commands_and_choices():
    script = run(_entry_point(), "completion", "bash")
    assert script.returncode == 0 and "complete -o default -F _breadline_completion breadline" in script.stdout
    env = {**os.environ, "_BREADLINE_COMPLETE": "complete_bash", "COMP_WORDS": "breadline au", "COMP_CWORD": "1"}
    done = subprocess.run([_entry_point()], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["audit"]
    env.update(COMP_WORDS="breadline audit --sort ", COMP_CWORD="3")
    done = subprocess.run([_entry_point()], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.split() == ["score", "points", "id"]


def test_min_confidence_from_the_installed_command(tmp_path):
    """A CI gate on the sure verdicts: an item nothing traces (medium) fails by default, not under
    `--min-confidence high`, which still reports it as a warning annotation."""
    backlog = tmp_path / "backlog.yaml"
    backlog.write_text("items:\n  - id: B-1\n    title: Dashboard\n    points: 2\n", encoding="utf-8")
    assert run(_entry_point(), "audit", str(backlog)).returncode == 1
    gated = run(_entry_point(), "audit", "-f", "github", "--min-confidence", "high", str(backlog))
    assert gated.returncode == 0, gated.stderr
    assert gated.stdout.startswith("::warning ")
    wrong = run(_entry_point(), "audit", "--min-confidence", "high", "--fail-on", "weak", str(backlog))
    assert wrong.returncode == 2
    assert wrong.stderr.count("\n") == 1


def test_a_run_that_names_a_command_behaves_as_with_the_whole_app():
    """`main` builds only the named command's click object (`cli._app_for`): its help, its
    errors and the whole app's help and suggestions must read as they do with every command."""
    whole = run(_entry_point(), "--help")
    assert whole.returncode == 0
    for command in ("audit", "explain", "import", "ask", "report"):
        assert command in whole.stdout
    alone = run(_entry_point(), "audit", "--help")
    assert alone.returncode == 0 and "--format" in alone.stdout
    typo = run(_entry_point(), "audti", str(SPRINT))
    assert typo.returncode == 2 and "audit" in typo.stderr  # the whole app suggests the command meant
    rule = run(_entry_point(), "explain", "BL101")
    assert rule.returncode == 0 and "BL101" in rule.stdout
    assert run(_entry_point(), "audit", str(SPRINT)).returncode == 1
