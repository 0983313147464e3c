"""The repository root and paths relative to it (breadline.roots)."""

from __future__ import annotations

import os

from breadline.audit import audit
from breadline.load import load_text
from breadline.roots import STDIN, find_root, rebase, relative


def test_the_root_is_the_nearest_folder_holding_git(tmp_path):
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    (tmp_path / "repo" / ".git").mkdir()
    assert find_root(str(tmp_path / "repo" / "a" / "b")) == os.path.realpath(tmp_path / "repo")


def test_a_worktree_or_submodule_git_file_counts(tmp_path):
    (tmp_path / "wt" / "x").mkdir(parents=True)
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n")
    assert find_root(str(tmp_path / "wt" / "x")) == os.path.realpath(tmp_path / "wt")


def test_relative_forms(tmp_path):
    root = os.path.realpath(tmp_path)
    (tmp_path / "p").mkdir()
    (tmp_path / "p" / "b.yaml").write_text("[]\n")
    assert relative(str(tmp_path / "p" / "b.yaml"), root) == "p/b.yaml"
    assert relative(str(tmp_path / "p" / ".." / "p" / "b.yaml"), root) == "p/b.yaml"
    assert relative("-", root) == relative(STDIN, root) == STDIN
    outside = relative("/", root + "/p")
    assert outside == "/"


def test_rebase_moves_every_position_and_keeps_the_rest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "p").mkdir()
    text = "custmers: {}\nitems:\n  - id: A\n    title: Dark mode\n    evidence: [{source: s}]\n"
    result = audit(load_text(text, "./p/b.yaml"))
    moved = rebase(result, os.path.realpath(tmp_path))
    assert moved.paths == ("p/b.yaml",)
    (row,) = moved.items
    assert row.item.position.path == "p/b.yaml"
    assert {p.path for p in row.item.field_positions.values()} == {"p/b.yaml"}
    assert {e.position.path for e in row.item.evidence} == {"p/b.yaml"}
    assert {f.position.path for f in (*row.findings, *moved.findings)} == {"p/b.yaml"}
    assert all(any(o is f for f in row.findings) for o in row.others), "others stay the same findings"
    assert row.item.title == result.items[0].item.title and row.score == result.items[0].score
    assert rebase(moved, os.path.realpath(tmp_path)) is moved  # nothing to move: the same result
