"""Configuration: discovery order, every key, and precise errors for wrong ones."""

from __future__ import annotations

import json

import pytest

from breadline.config import discover, load_config
from breadline.errors import ConfigError

ITEM = "- id: A\n  title: a\n  customer: acme corp finance\n  problem: p\n"  # 28 + 25 = 53: weak


@pytest.fixture
def tree(tmp_path):
    (tmp_path / "team" / "sprint").mkdir(parents=True)
    backlog = tmp_path / "team" / "sprint" / "backlog.yaml"
    backlog.write_text(ITEM)
    return tmp_path, backlog


def test_no_config_means_defaults(tree):
    root, backlog = tree
    assert discover(str(backlog)) is None or not str(discover(str(backlog))).startswith(str(root))


@pytest.mark.parametrize("name", ["breadline.yaml", ".breadline.yaml"])
def test_yaml_config_found_walking_up(tree, name):
    root, backlog = tree
    (root / "team" / name).write_text("threshold: 60\n")
    assert discover(str(backlog)) == str(root / "team" / name)


def test_pyproject_table_found_and_plain_pyproject_skipped(tree):
    root, backlog = tree
    (root / "team" / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    (root / "pyproject.toml").write_text("[tool.breadline]\nthreshold = 60\n")
    assert discover(str(backlog)) == str(root / "pyproject.toml")
    assert load_config(str(root / "pyproject.toml")).settings.threshold == 60


def test_nearest_folder_wins_and_yaml_before_pyproject(tree):
    root, backlog = tree
    (root / "breadline.yaml").write_text("threshold: 10\n")
    (root / "team" / "pyproject.toml").write_text("[tool.breadline]\nthreshold = 20\n")
    (root / "team" / "breadline.yaml").write_text("threshold: 30\n")
    assert discover(str(backlog)) == str(root / "team" / "breadline.yaml")


def test_config_changes_the_audit_and_cli_overrides_it(cli, tree):
    root, backlog = tree
    assert cli("audit", backlog).exit_code == 0
    (root / "breadline.yaml").write_text("threshold: 60\n")
    assert cli("audit", backlog).exit_code == 1
    assert cli("audit", "--threshold", "50", backlog).exit_code == 0
    other = root / "other.yaml"
    other.write_text("threshold: 55\n")
    assert cli("audit", "--config", other, backlog).exit_code == 1


def test_every_key(tmp_path):
    path = tmp_path / "breadline.yaml"
    path.write_text(
        "threshold: 30\non-line: 80\nweights: {who: 50, problem: 20, evidence: 20, next: 10}\n"
        "evidence_max_age_days: 90\nselect: [BL1, BL301]\nignore: [bl104]\n"
        "words:\n  vague-customers: [the guild]\n  procedure-motives: {replace: [for the roadmap]}\n"
    )
    config = load_config(str(path))
    assert config.settings.threshold == 30 and config.settings.on_line == 80
    assert config.settings.weights == {"who": 50, "problem": 20, "evidence": 20, "next": 10}
    assert config.settings.evidence_max_age_days == 90
    assert config.selected(["BL101", "BL104", "BL201", "BL301", "BL302"]) == {"BL101", "BL301"}
    words = config.word_lists()
    assert "the guild" in words("vague-customers") and "users" not in words("vague-customers")[-1:]
    assert words("procedure-motives") == ("for the roadmap",)


def test_word_extensions_reach_the_rules(cli, tmp_path):
    (tmp_path / "backlog.yaml").write_text("- id: A\n  title: a\n  customer: the guild\n")
    first = json.loads(cli("audit", "-f", "json", tmp_path / "backlog.yaml").stdout)
    assert "BL106" not in [f["code"] for f in first["items"][0]["findings"]]
    (tmp_path / "breadline.yaml").write_text("words:\n  vague-customers: [the guild]\n")
    second = json.loads(cli("audit", "-f", "json", tmp_path / "backlog.yaml").stdout)
    assert "BL106" in [f["code"] for f in second["items"][0]["findings"]]


def test_ignore_and_select_from_the_command_line(cli, tmp_path):
    path = tmp_path / "b.yaml"
    path.write_text("- id: A\n  title: a\n  customer: someone specific\n")
    codes = lambda *a: {f["code"] for f in json.loads(cli("audit", "-f", "json", *a, path).stdout)["items"][0]["findings"]}
    assert "BL104" in codes() and "BL201" in codes()
    assert "BL104" not in codes("--ignore", "BL104")
    assert codes("--select", "BL2") == {"BL201"}


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("treshold: 50\n", "unknown key 'treshold' (did you mean 'threshold'?)"),
        ("threshold: high\n", "`threshold` must be a whole number from 0 to 100, not 'high'"),
        ("threshold: 150\n", "`threshold` must be a whole number from 0 to 100"),
        ("weights: {who: 50}\n", "`weights` must add up to 100"),
        ("weights: {whom: 40}\n", "unknown link 'whom'"),
        ("weights: 40\n", "`weights` must be a mapping"),
        ("evidence_max_age_days: -1\n", "`evidence_max_age_days` must be a whole number"),
        ("select: [XX1]\n", "'XX1', which is neither a rule code nor a prefix"),
        ("ignore: 3\n", "`ignore` must be a list of rule codes"),
        ("words: {vague-customer: [x]}\n", "unknown list 'vague-customer' (did you mean 'vague-customers'?)"),
        ("words: {vague-customers: {append: [x]}}\n", "must be a list, or {extend: [...]} or {replace: [...]}"),
        ("words: {vague-customers: [3]}\n", "must be a list of phrases"),
        ("- threshold\n", "must be a mapping"),
        ("threshold: [\n", "invalid YAML"),
    ],
)
def test_bad_config_is_a_precise_error(cli, tmp_path, content, message):
    config = tmp_path / "breadline.yaml"
    config.write_text(content)
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    assert message in caught.value.message
    backlog = tmp_path / "b.yaml"
    backlog.write_text(ITEM)
    result = cli("audit", backlog)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"breadline: error: {config}")


def test_bad_toml(tmp_path):
    path = tmp_path / "pyproject.toml"
    path.write_text("[tool.breadline\n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(str(path))


def test_missing_config_file(cli, tmp_path):
    backlog = tmp_path / "b.yaml"
    backlog.write_text(ITEM)
    result = cli("audit", "--config", tmp_path / "nope.yaml", backlog)
    assert result.exit_code == 2 and "no such configuration file" in result.stderr
