"""Paths as CI reads them: relative to the repository root, the same however a file was named.

`./planning/backlog.yaml`, `planning/backlog.yaml`, the same path made absolute and
`backlog.yaml` typed inside `planning/` are one file; every machine format names it
`planning/backlog.yaml`, so that code scanning, GitLab's Code Quality widget, baselines and
fingerprints see the same file on every runner. The root is the git top level (the nearest folder
above the current one holding `.git`, as `git rev-parse --show-toplevel` finds it, without
running git), else the current folder; `--root` chooses another.

`rebase` rewrites every position of a result once, before any format sees it; nothing here reads
a file or prints.
"""

from __future__ import annotations

import os
from dataclasses import replace

from breadline.model import AuditResult, Evidence, Finding, Item, ItemResult, Position

STDIN = "<stdin>"


def find_root(start: str | None = None) -> str:
    """The git top level above `start` (default: the current folder), else `start` itself."""
    here = os.path.realpath(start or os.getcwd())
    folder = here
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def relative(path: str, root: str) -> str:
    """`path` relative to `root`, with forward slashes; a path outside the root stays absolute;
    standard input stays `<stdin>`."""
    if path in ("-", STDIN):
        return STDIN
    absolute = os.path.realpath(path)
    try:
        inside = os.path.commonpath([absolute, root]) == root
    except ValueError:  # another drive (Windows)
        inside = False
    if not inside:
        return absolute.replace(os.sep, "/")
    return os.path.relpath(absolute, root).replace(os.sep, "/")


def rebase(result: AuditResult, root: str) -> AuditResult:
    """The same result with every position's path relative to `root`."""
    names = {path: relative(path, root) for path in result.paths}
    if all(old == new for old, new in names.items()):
        return result
    positions: dict[tuple[str, int, int], Position] = {}  # keyed by plain tuples: hashed and compared in C

    def moved(position: Position | None) -> Position | None:
        if position is None:
            return None
        key = (position.path, position.line, position.column)
        new = positions.get(key)
        if new is None:
            name = names.get(position.path)
            if name is None:
                name = names[position.path] = relative(position.path, root)
            new = positions[key] = Position(name, position.line, position.column)
        return new

    def finding(f: Finding, done: dict[int, Finding]) -> Finding:
        new = done.get(id(f))
        if new is None:
            new = done[id(f)] = replace(f, position=moved(f.position)) if f.position is not None else f
        return new

    def item(it: Item) -> Item:
        return replace(
            it, position=moved(it.position),
            field_positions={key: moved(value) for key, value in it.field_positions.items()},
            evidence=tuple(_evidence(e, moved) for e in it.evidence),
        )

    def row(r: ItemResult) -> ItemResult:
        done: dict[int, Finding] = {}
        return replace(
            r, item=item(r.item),
            findings=tuple(finding(f, done) for f in r.findings),
            others=tuple(finding(f, done) for f in r.others),
            deciding=None if r.deciding is None else finding(r.deciding, done),
        )

    return replace(
        result,
        paths=tuple(names[path] for path in result.paths),
        items=tuple(map(row, result.items)),
        dropped=tuple(map(row, result.dropped)),
        findings=tuple(finding(f, {}) for f in result.findings),
    )


def _evidence(evidence: Evidence, moved) -> Evidence:
    return evidence if evidence.position is None else replace(evidence, position=moved(evidence.position))
