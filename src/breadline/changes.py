"""Pull-request mode: `audit --changed-since REV` audits the items a change adds or alters.

Each backlog is read as it stands and as it stood at the git revision REV (`git show REV:path`,
run in the file's own folder, so any `--root` works); an item is *added* when its id is new,
*changed* when anything it says differs (its place in the file does not count), *removed* when
its id is gone. The result keeps the added and changed items only, with the summary of those, and
carries the `Changes` a pull-request comment tells (`-f markdown`): what the change adds to the
off-line part of the backlog and what it takes off. git runs with arguments only, never a shell;
a revision that is not one is a usage error (exit 2).
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from dataclasses import replace

from breadline.errors import UsageError
from breadline.model import AuditResult, Change, Changes, Item
from breadline.roots import STDIN
from breadline.score import summarize

GIT_TIMEOUT = 60


def since(result: AuditResult, revision: str, root: str,
          audit_old: Callable[[str, bytes], AuditResult]) -> AuditResult:
    """`result` narrowed to what changed since `revision`. `audit_old(path, data)` audits a
    backlog's old text as the current one was audited (same configuration and options)."""
    if not revision or revision.startswith("-"):
        raise UsageError(f"--changed-since: '{revision}' is not a git revision")
    if STDIN in result.paths:
        raise UsageError("--changed-since needs backlog files, not standard input")
    checked: set[str] = set()
    old_rows = {}
    for path in result.paths:
        absolute = path if os.path.isabs(path) else os.path.join(root, path)
        folder, name = os.path.split(absolute)
        if folder not in checked:
            _verify(revision, folder)
            checked.add(folder)
        data = _show(revision, folder, name)
        if data is not None:
            for row in audit_old(absolute, data).items:
                old_rows[(path, row.item.id)] = row
    changes = []
    kept = []
    now = set()
    for row in result.items:
        path = row.item.position.path if row.item.position else result.paths[0]
        now.add((path, row.item.id))
        old = old_rows.get((path, row.item.id))
        if old is None:
            kind = "added"
        elif content(old.item) != content(row.item):
            kind = "changed"
        else:
            continue
        kept.append(row)
        changes.append(Change(kind=kind, item_id=row.item.id, title=row.item.title,
                              before=None if old is None else old.verdict, after=row.verdict, points=row.item.points))
    for (path, item_id), old in old_rows.items():
        if (path, item_id) not in now and not any(r.item.id == item_id for r in result.dropped):
            changes.append(Change(kind="removed", item_id=item_id, title=old.item.title, before=old.verdict,
                                  after=None, points=old.item.points))
    items = tuple(kept)
    return replace(result, items=items, summary=summarize(items, 0), dropped=(),
                   changes=Changes(revision=revision, changes=tuple(changes)))


def content(item: Item) -> str:
    """What an item says, without where it stands in the file."""
    data = {
        "title": item.title, "description": item.description, "customer": list(item.customers),
        "problem": item.problem,
        "evidence": [[e.text, e.date.isoformat() if e.date else None, e.url] for e in item.evidence],
        "next": item.next, "serves": list(item.serves), "points": item.points, "labels": list(item.labels),
        "type": item.type, "status": item.status, "waive": item.waive, "extra": item.extra,
    }
    return json.dumps(data, sort_keys=True, ensure_ascii=False, default=str)


def _git(args: list[str], folder: str) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=folder, capture_output=True, timeout=GIT_TIMEOUT,
                              env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"})
    except FileNotFoundError:
        raise UsageError("--changed-since needs git, and git is not installed") from None
    except subprocess.TimeoutExpired:
        raise UsageError(f"--changed-since: git took longer than {GIT_TIMEOUT} s") from None
    except OSError as error:
        raise UsageError(f"--changed-since: cannot run git ({error.strerror or error})") from None


def _verify(revision: str, folder: str) -> None:
    if _git(["rev-parse", "--git-dir"], folder).returncode != 0:
        raise UsageError(f"--changed-since needs a git repository, and {folder or '.'} is in none")
    done = _git(["rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}"], folder)
    if done.returncode != 0:
        raise UsageError(f"--changed-since: '{revision}' is not a git revision in {folder or '.'} "
                         f"(for a pull request, fetch the base branch first: actions/checkout with fetch-depth: 0)")


def _show(revision: str, folder: str, name: str) -> bytes | None:
    """The file's bytes at `revision`, or None when it did not exist then."""
    spec = f"{revision}:./{name}"
    if _git(["cat-file", "-e", spec], folder).returncode != 0:
        return None
    done = _git(["cat-file", "blob", spec], folder)  # what `git show REV:path` prints, raw
    if done.returncode != 0:
        raise UsageError(f"--changed-since: git cannot show {name} at '{revision}'")
    return done.stdout
