"""What CI adoption meets: YAML beside the backlogs, paths typed every way, `--root`, and the
pull-request mode (`--changed-since REV`, read with git)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from tests.conftest import REGISTRY, TRACED

OFF = "  - id: OFF-1\n    title: Dark mode\n    points: 3\n"
COMPOSE = "services:\n  web: {image: nginx}\n"
WORKFLOW = "on: [push]\njobs:\n  test: {runs-on: ubuntu-latest, steps: [{run: make test}]}\n"
MANIFESTS = "apiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: Pod\n"


# -- YAML that is not a backlog ----------------------------------------------------------------


def test_a_directory_passes_over_yaml_that_is_not_a_backlog_with_one_note(cli, tmp_path):
    (tmp_path / "planning").mkdir()
    (tmp_path / "planning" / "backlog.yaml").write_text(REGISTRY + "items:\n" + TRACED + OFF)
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    (tmp_path / "ci.yml").write_text(WORKFLOW)
    (tmp_path / "k8s.yaml").write_text(MANIFESTS)
    (tmp_path / "playbook.yml").write_text("- hosts: all\n  tasks: []\n")
    result = cli("audit", "-f", "json", tmp_path)
    assert result.exit_code == 1, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["PAY-1", "OFF-1"]
    notes = [line for line in result.stderr.splitlines() if "not backlogs" in line]
    assert len(notes) == 1
    assert "passed over 4 YAML files" in notes[0] and "docker-compose.yml" in notes[0]


def test_a_broken_backlog_in_a_directory_is_still_an_error(cli, tmp_path):
    (tmp_path / "backlog.yaml").write_text("itmes:\n  - id: A\n    title: t\n")  # a near miss of items
    (tmp_path / "other.yaml").write_text("customers: {acme: {name: Acme}}\n")  # a registry without items
    result = cli("audit", tmp_path)
    assert result.exit_code == 2 and "items" in result.stderr


def test_a_named_file_that_is_not_a_backlog_is_an_error_unless_asked(cli, tmp_path):
    (tmp_path / "docker-compose.yml").write_text(COMPOSE)
    (tmp_path / "backlog.yaml").write_text("- id: A\n  title: Dark mode\n")
    assert cli("audit", tmp_path / "docker-compose.yml").exit_code == 2
    result = cli("audit", "--skip-non-backlogs", tmp_path / "docker-compose.yml", tmp_path / "backlog.yaml")
    assert result.exit_code == 1 and "passed over 1 YAML file" in result.stderr


def test_only_files_that_are_not_backlogs_is_a_clean_run(cli, tmp_path):
    (tmp_path / "ci.yml").write_text(WORKFLOW)
    result = cli("audit", "--skip-non-backlogs", tmp_path / "ci.yml")
    assert result.exit_code == 0, result.stderr
    assert "0 of 0 items" in result.stderr


# -- root-relative paths -----------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    (root / ".git").mkdir(parents=True)
    (root / "planning").mkdir()
    (root / "planning" / "backlog.yaml").write_text("- id: A\n  title: Dark mode\n")
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize("fmt", ["sarif", "gitlab", "github", "json"])
def test_a_file_has_one_name_however_it_was_typed(cli, repo, monkeypatch, fmt):
    outputs = set()
    for where, named in ((repo, "planning/backlog.yaml"), (repo, "./planning/backlog.yaml"),
                         (repo, str(repo / "planning" / "backlog.yaml")), (repo / "planning", "backlog.yaml"),
                         (repo / "planning", "./backlog.yaml")):
        monkeypatch.chdir(where)
        result = cli("audit", "-f", fmt, named)
        assert result.exit_code == 1, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert "planning/backlog.yaml" in outputs.pop()


def test_sarif_names_the_root_and_gitlab_has_no_runner_path(cli, repo):
    log = json.loads(cli("audit", "-f", "sarif", str(repo / "planning" / "backlog.yaml")).stdout)
    run = log["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.resolve().as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "planning/backlog.yaml", "uriBaseId": "%SRCROOT%"}
    entries = json.loads(cli("audit", "-f", "gitlab", str(repo / "planning" / "backlog.yaml")).stdout)
    assert {entry["location"]["path"] for entry in entries} == {"planning/backlog.yaml"}


def test_root_chooses_another_folder(cli, repo):
    result = cli("audit", "-f", "gitlab", "--root", "planning", "planning/backlog.yaml")
    assert {entry["location"]["path"] for entry in json.loads(result.stdout)} == {"backlog.yaml"}
    assert cli("audit", "--root", "nowhere", "planning/backlog.yaml").exit_code == 2


def test_without_git_the_current_folder_is_the_root(cli, tmp_path, monkeypatch):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "backlog.yaml").write_text("- id: A\n  title: Dark mode\n")
    monkeypatch.chdir(tmp_path / "b")
    from breadline.roots import find_root

    if find_root() != str(tmp_path / "b"):
        pytest.skip("the temporary folder is inside a git repository")
    entries = json.loads(cli("audit", "-f", "gitlab", str(tmp_path / "b" / "backlog.yaml")).stdout)
    assert {entry["location"]["path"] for entry in entries} == {"backlog.yaml"}


# -- pull-request mode -------------------------------------------------------------------------

BEFORE = REGISTRY + "items:\n" + TRACED + "  - id: OLD-1\n    title: Dark mode\n" + "  - id: GONE-1\n    title: Light mode\n"


@pytest.fixture
def git_repo(tmp_path, monkeypatch):
    if shutil.which("git") is None:
        pytest.fail("git is missing")
    root = tmp_path / "pr"
    (root / "planning").mkdir(parents=True)
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.com", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    (root / "planning" / "backlog.yaml").write_text(BEFORE)

    def git(*args):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=60)

    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "base")
    after = BEFORE.replace("  - id: GONE-1\n    title: Light mode\n", "")
    after = after.replace("title: Dark mode\n", "title: Dark mode\n    customer: acme\n    problem: Acme's "
                          "night shift cannot read the white screens\n    evidence: [{source: ZD-1, date: 2026-10-02}]\n"
                          "    next: they read the screens at night\n")
    after += "  - id: NEW-1\n    title: Make it pop\n    points: 5\n"
    (root / "planning" / "backlog.yaml").write_text(after)
    monkeypatch.chdir(root)
    return root


def test_changed_since_audits_what_the_change_adds_or_alters(cli, git_repo):
    result = cli("audit", "-f", "json", "--changed-since", "HEAD", "planning/backlog.yaml")
    assert result.exit_code == 1, result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["OLD-1", "NEW-1"]


def test_changed_since_as_a_pull_request_comment(cli, git_repo):
    from markdown_it import MarkdownIt

    result = cli("audit", "-f", "markdown", "--changed-since", "HEAD", "planning/backlog.yaml")
    html = MarkdownIt("gfm-like").render(result.stdout)
    assert "this change, against HEAD" in html
    assert "puts 1 item (5 points) off the line (superfluous now: NEW-1)" in html
    assert "takes 2 items off the superfluous list (mended or removed: OLD-1, GONE-1)" in html
    assert "<td>added</td>\n<td>NEW-1</td>" in html
    assert "<td>changed</td>\n<td>OLD-1</td>" in html and "<td>removed</td>\n<td>GONE-1</td>" in html
    assert "PAY-1" not in result.stdout  # unchanged


def test_changed_since_a_file_that_did_not_exist_adds_every_item(cli, git_repo):
    (git_repo / "planning" / "new.yaml").write_text("- id: Z\n  title: Dark mode\n")
    result = cli("audit", "-f", "json", "--changed-since", "HEAD", "planning/new.yaml")
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["Z"]


@pytest.mark.parametrize("revision", ["no-such-branch", "--output=x", ""])
def test_changed_since_a_bad_revision_is_a_usage_error(cli, git_repo, revision):
    result = cli("audit", "--changed-since", revision, "planning/backlog.yaml")
    assert result.exit_code == 2 and "--changed-since" in result.stderr
    assert not (git_repo / "x").exists()


def test_changed_since_outside_a_git_repository_says_so(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "b.yaml").write_text("- id: A\n  title: Dark mode\n")
    from breadline.roots import find_root

    if find_root() != str(tmp_path.resolve()):
        pytest.skip("the temporary folder is inside a git repository")
    result = cli("audit", "--changed-since", "HEAD", "b.yaml")
    assert result.exit_code == 2 and "needs a git repository" in result.stderr
