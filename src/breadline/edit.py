"""Edit a backlog file in place, one item at a time, keeping every other byte of it.

The file is read once, by breadline's own (fast) loader, which knows the line each item starts
on; the lines of the file are kept as they are, each with its own line end. An edit takes the
lines of the one item it changes, reads them alone with ruamel.yaml's round-trip mode (which holds
the item's comments, key order, quoting and flow style), changes the item's mapping, renders only
that item again with the file's own indentation, and splices the rendering into the file's lines
in place of the item's old ones. The rest of the file is never parsed again nor re-emitted, so
nothing else can change, and the work of an edit grows with the item, not with the file. Where
ruamel would render an untouched line of the item differently from the file (an unusual
indentation, a re-flowed plain scalar), only the lines the edit changed are carried over into the
old text. An item with YAML anchors or aliases is the exception: it is read with the part of the
file before it (where its aliases point), and its edit is checked against the whole file.

Every edit is checked before it counts: the item's new lines are read back with breadline's own
loader and must hold the same item as before, except for the fields set. Saving takes an exclusive
lock on the file (see `locked`), checks that nobody changed the file meanwhile, writes a temporary
file beside the backlog, flushes it to disk and renames it over the old file, so the file on disk
is always either the old one or the new one, whole.

The positions (line, column) of the items after an edited one are those of the file as it was
read (shifting them all would cost as much as the file); `line_of` gives an item's line now.

ruamel.yaml is used here only: the audit path stays on PyYAML's faster loader.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import difflib
import io
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from typing import Any

from breadline.errors import InputError
from breadline.files import write_atomic
from breadline.load import ITEM_FIELDS, decode, load_text, read_bytes
from breadline.model import Backlog, Evidence, Item, Position

FIELD_ORDER = ITEM_FIELDS
"""New fields go in this order, each right after the last field before it that the item has."""

EDITABLE = ("customer", "problem", "evidence", "next", "serves", "status", "waive")
"""The fields an edit may set."""

_ITEM_ATTRIBUTE = {"customer": "customers"}
"""Where a field's value lands on `Item`, when the names differ."""

_RENDER_WIDTH = 4096
"""Wide enough that ruamel never folds a line the file did not fold."""

_ENDINGS = ("\r\n", "\n", "\r", "\x85", "\u2028", "\u2029")
"""The line ends YAML (1.1, as PyYAML reads it) knows, longest first."""

_INDENT_SCAN = 5000
"""How many lines are looked at to learn how far the file indents a nested mapping."""


@dataclass
class _Edit:
    """What one item should read as after its edit, to check the new text against."""

    index: int
    values: dict[str, Any] = field(default_factory=dict)
    waive: dict[str, str] = field(default_factory=dict)


@dataclass
class _Doc:
    """One item read by ruamel: the item's mapping and whether it came with the file before it
    (an item with anchors or aliases)."""

    item: Any
    whole: bool
    comment: Any = None
    """What ruamel holds on the list for this entry: the comment after a flow-style item
    (`- {id: C, title: t}  # comment`)."""


class BacklogEditor:
    """A backlog file opened for editing: its lines as they are, its items as breadline reads
    them, and the line each item starts on."""

    def __init__(self, path: str, data: bytes, held: bool = False):
        self.path = path
        self.held = held
        """Whether the caller holds the file's lock (`locked`) from before reading it to after
        saving it: then `save` does not take it again (a lock does not nest)."""
        self._disk = data
        """The bytes the file held when last read or written by us."""
        self.bom = data.startswith(codecs.BOM_UTF8)
        text = decode(data, path)
        self.original = text
        """The text as read (with its own line ends)."""
        self.backlog: Backlog = load_text(text, path)
        """The backlog as breadline reads the current text (checked after every edit)."""
        self._original_lines = text.splitlines(keepends=True)
        self._lines = list(self._original_lines)
        self._pending: list[_Edit] = []
        self._docs: dict[int, _Doc] = {}
        """Items read by ruamel so far (kept, with their comments, for the next edit of the item)."""
        self._renderer = None
        self._comment = None
        """The list's comment on the item being rendered (see `_Doc.comment`)."""
        self._layout()
        self._undo: list[tuple[int, int, int, list[str], _Doc | None]] = []
        """The splices since the last commit, to roll back: (index, start, lines put in, lines
        taken out, the item's document before)."""

    @classmethod
    def open(cls, path: str, held: bool = False) -> BacklogEditor:
        """Read the backlog at `path` for editing (breadline's loader judges it first); `held`:
        the caller holds the file's lock (see `locked`)."""
        return cls(path, read_bytes(path), held)

    # -- the layout of the file -----------------------------------------------------------

    def _layout(self) -> None:
        """Where each item starts (the line of its `-`), where the list ends, and what comes
        before it: from the positions the loader gave and the text itself."""
        items = self.backlog.items
        lines = self._lines
        self._starts = [self._dash_line(item, i) for i, item in enumerate(items)]
        self._key_columns = [(item.position.column - 1) if item.position else 0 for item in items]
        self._wrapped, self._prefix = self._context()
        self._end = len(lines)
        if items:
            dash = _indent(lines[self._starts[-1]])
            for number in range(self._starts[-1] + 1, len(lines)):
                line = lines[number]
                stripped = line.strip()
                if not stripped or stripped.startswith("#"):
                    continue
                if _indent(line) <= dash and (self._wrapped or line.startswith(("---", "..."))):
                    self._end = number
                    break
                if not self._wrapped and line.startswith(("---", "...")):
                    self._end = number
                    break

    def _dash_line(self, item: Item, index: int) -> int:
        """The line holding the `-` that opens item `index`."""
        if item.position is None:  # pragma: no cover - the loader always places an item
            raise InputError(f"cannot find where item {index + 1} begins", self.path)
        line, column = item.position.line - 1, item.position.column - 1
        text = self._lines[line]
        if text[:column].rstrip().endswith("-"):
            return line
        if not text[:column].strip():
            for earlier in range(line - 1, -1, -1):
                stripped = _without_comment(self._lines[earlier]).strip()
                if stripped == "-" or stripped.startswith("- "):
                    return earlier
                if stripped:
                    break
        raise InputError("the item list is written in flow style ([...]); `breadline ask` edits block lists, "
                         "one `- ` per item", self.path)

    def _context(self) -> tuple[bool, list[str]]:
        """Whether the items sit under an `items:` key, and the line of that key (what an item's
        lines are read after, so that they stand where they stand in the file)."""
        backlog = self.backlog
        first = self._starts[0] if self._starts else len(self._lines)
        for number in range(first - 1, -1, -1):
            stripped = _without_comment(self._lines[number]).strip()
            if not stripped or stripped.startswith(("---", "%")):
                continue
            return True, [_normal(self._lines[number])]
        return bool(backlog.customers or backlog.extra), []

    # -- what the caller can read ---------------------------------------------------------

    @property
    def text(self) -> str:
        """The current text (with the file's own line ends)."""
        return "".join(self._lines)

    @property
    def changed(self) -> bool:
        return self._lines != self._original_lines

    def line_of(self, index: int) -> int:
        """The line (1-based) the `-` of item `index` stands on now."""
        return self._starts[index] + 1

    def diff(self) -> str:
        """A unified diff from the file as read to the current text (each line end shown as one
        newline). Only the stretch between the first and the last changed line is compared."""
        old, new = self._original_lines, self._lines
        shorter = min(len(old), len(new))
        head = 0
        while head < shorter and old[head] == new[head]:
            head += 1
        if head == len(old) == len(new):
            return ""
        tail = 0
        while tail < shorter - head and old[-1 - tail] == new[-1 - tail]:
            tail += 1
        lo = max(0, head - 3)
        a = [_normal(line) for line in old[lo:len(old) - max(0, tail - 3)]]
        b = [_normal(line) for line in new[lo:len(new) - max(0, tail - 3)]]
        return _unified(a, b, lo, self.path)

    # -- editing --------------------------------------------------------------------------

    def update(self, index: int, values: Mapping[str, Any] | None = None, waive: Mapping[str, str] | None = None) -> None:
        """Set fields of item `index` (its place in the list).

        `values`: field -> plain value (text, a list of texts, a list of evidence mappings, a date).
        An existing field keeps its place and, where it fits, its quoting and flow style; a new one
        goes in breadline's field order. `waive`: rule code -> reason, added to the item's waivers.
        Call `commit()` to check the new text (and then `save()` to write it).
        """
        values = dict(values or {})
        waive = {code.strip().upper(): str(reason).strip() for code, reason in (waive or {}).items()}
        unknown = {name for name in values if name not in EDITABLE or name == "waive"}
        if unknown:
            raise ValueError(f"cannot set {', '.join(sorted(unknown))} with update()")
        if not values and not waive:
            return
        start, stop = self._span(index)
        raw = self._lines[start:stop]
        original = [_normal(line) for line in raw]
        body, tail = _split_tail(original, self._key_columns[index])

        doc = self._doc(index)
        item = copy.deepcopy(doc.item)
        self._comment = doc.comment
        before = self._render(item)
        kept = _tail_rendered(before, tail)
        if kept:
            if self._detach_tail(item, before, kept):
                before = before[:-kept]
            else:  # ruamel holds those lines as part of a value (a `|+` scalar): they are the item's
                body, tail = body + tail[:kept], tail[kept:]
        for name in FIELD_ORDER:
            if name in values:
                _set_field(item, name, values[name])
        if waive:
            _add_waivers(item, waive)
        after = self._render(item)

        if before == body:
            new_body = after
        else:
            new_body = merge(body, before, after) or after
        if stop == len(self._lines) and original and not original[-1].endswith("\n") and not tail:
            new_body[-1] = new_body[-1].rstrip("\n")
        elif new_body and not new_body[-1].endswith("\n"):
            new_body[-1] += "\n"
        new_lines = _with_endings(new_body + tail, original, raw)
        self._splice(index, start, stop, new_lines)
        self._undo.append((index, start, len(new_lines), raw, self._docs.get(index)))
        self._docs[index] = _Doc(item, doc.whole, doc.comment)
        self._pending.append(_Edit(index, values, waive))

    def commit(self) -> Backlog:
        """Read the edited items back and check that the edits since the last commit changed
        exactly the fields they set; returns the backlog as it now reads. On failure nothing is
        kept."""
        pending, self._pending = self._pending, []
        if not pending:
            return self.backlog
        indexes = sorted({edit.index for edit in pending})
        try:
            if any(self._docs[i].whole for i in indexes):
                backlog = load_text(self.text, self.path)
                problem = _compare(self.backlog, backlog, pending)
            else:
                backlog, problem = self._read_back(indexes, pending)
        except InputError as error:
            problem, backlog = f"the edited file would not load ({error.message})", None
        if problem is not None or backlog is None:
            self._rollback()
            names = ", ".join(sorted({self.backlog.items[e.index].id for e in pending}))
            raise InputError(f"could not write the answers for {names} without changing other parts of the file "
                             f"({problem}); nothing was changed, please edit the file by hand", self.path)
        self.backlog = backlog
        self._undo = []
        return backlog

    def _read_back(self, indexes: list[int], pending: list[_Edit]) -> tuple[Backlog | None, str | None]:
        """The backlog with the edited items read back from their new lines alone, and what
        differs from what the edits meant (None when nothing does)."""
        old = self.backlog
        items = list(old.items)
        for index in indexes:
            items[index] = self._read_item(index)
        new = replace(old, items=tuple(items))
        edits = [edit for edit in pending]
        return new, _compare_items(old, new, edits, indexes)

    def _read_item(self, index: int) -> Item:
        """Item `index` as breadline reads its current lines, alone, where they stand in the file."""
        start, stop = self._span(index)
        lines = self._lines[start:stop]
        snippet = "".join(self._prefix) + "".join(lines)
        backlog = load_text(snippet, self.path)
        if len(backlog.items) != 1:
            raise InputError(f"the lines of item {index + 1} now read as {len(backlog.items)} items", self.path)
        return _placed(backlog.items[0], index, start - len(self._prefix), self.backlog.items[index])

    def _splice(self, index: int, start: int, stop: int, lines: list[str]) -> None:
        """Put `lines` in place of the file's lines `start:stop`, which item `index` spans."""
        self._lines[start:stop] = lines
        delta = len(lines) - (stop - start)
        if delta:
            starts = self._starts
            for later in range(index + 1, len(starts)):
                starts[later] += delta
            self._end += delta

    def _rollback(self) -> None:
        for index, start, count, lines, doc in reversed(self._undo):
            self._splice(index, start, start + count, lines)
            if doc is None:
                self._docs.pop(index, None)
            else:
                self._docs[index] = doc
        self._undo = []
        self._pending = []

    def save(self) -> None:
        """Write the current text over the file, atomically, unless someone changed it meanwhile
        (checked and written under the file's lock)."""
        if self._pending:
            self.commit()
        data = self.text.encode("utf-8")
        if self.bom:
            data = codecs.BOM_UTF8 + data
        if data == self._disk:
            return
        with locked(self.path) if not self.held else _unlocked():
            try:
                current = read_bytes(self.path)
            except InputError:
                current = None
            if current != self._disk:
                raise InputError("the file changed on disk while breadline was editing it; not overwriting those "
                                 "changes (run `breadline ask` again to continue)", self.path)
            replace_file(self.path, data)
        self._disk = data

    # -- going back -----------------------------------------------------------------------

    def checkpoint(self, index: int) -> tuple[list[str], Item, _Doc | None]:
        """What item `index` is now (its lines and how it reads), to `restore` it to later."""
        start, stop = self._span(index)
        return self._lines[start:stop], self.backlog.items[index], self._docs.get(index)

    def restore(self, index: int, checkpoint: tuple[list[str], Item, _Doc | None]) -> Backlog:
        """Put item `index` back as it was at `checkpoint` (its lines exactly as they were), undoing
        the edits made to it since; the edits of the items after it are kept. Returns the backlog."""
        if self._pending:
            self.commit()
        lines, item, doc = checkpoint
        start, stop = self._span(index)
        self._splice(index, start, stop, list(lines))
        if doc is None:
            self._docs.pop(index, None)
        else:
            self._docs[index] = doc
        items = list(self.backlog.items)
        items[index] = item
        self.backlog = replace(self.backlog, items=tuple(items))
        return self.backlog

    # -- reading and rendering one item ---------------------------------------------------

    def _span(self, index: int) -> tuple[int, int]:
        stop = self._starts[index + 1] if index + 1 < len(self._starts) else self._end
        return self._starts[index], stop

    def _doc(self, index: int) -> _Doc:
        """Item `index` in ruamel's round-trip form: read from its own lines, or, when they hold
        anchors or aliases, from the file up to its end (where its aliases point)."""
        doc = self._docs.get(index)
        if doc is not None:
            return doc
        start, stop = self._span(index)
        own = "".join(self._prefix) + "".join(_normal(line) for line in self._lines[start:stop])
        whole = _has_anchors(own)
        if whole:
            text = "".join(_normal(line) for line in self._lines[:stop])
            position = index
        else:
            text, position = own, 0
            item = _read_alone(own, self.path)
            if not self._reads_as(item, index) and index == len(self._starts) - 1 and self._exact_end():
                return self._doc(index)
            if not self._reads_as(item, index):
                raise InputError(f"cannot edit item '{self.backlog.items[index].id}': its lines do not read the "
                                 "same on their own (please edit the file by hand)", self.path,
                                 start + 1)
        seq = self._round_trip(text)
        if len(seq) <= position:  # pragma: no cover - the loader and ruamel disagree on the list
            raise InputError("cannot edit this file: its items are not a plain list", self.path)
        doc = _Doc(seq[position], whole, copy.deepcopy(seq.ca.items.get(position)))
        self._docs[index] = doc
        return doc

    def _reads_as(self, item: Item | None, index: int) -> bool:
        return item is not None and _comparable(_placed(item, index, 0, self.backlog.items[index])) == \
            _comparable(self.backlog.items[index])

    def _exact_end(self) -> bool:
        """Where the last item really ends, from the file's nodes, when the lines after it fooled
        the look at their indentation (a flow collection going on further left): True when that
        moved the end."""
        import yaml
        from yaml.nodes import MappingNode, SequenceNode

        try:
            root = yaml.compose(self.text, Loader=_event_loader())
        except yaml.YAMLError:  # pragma: no cover - the loader read this text
            return False
        if isinstance(root, MappingNode):
            root = next((value for key, value in root.value if getattr(key, "value", None) == "items"), None)
        if not isinstance(root, SequenceNode) or not root.value:
            return False
        mark = root.value[-1].end_mark
        end = mark.line + (1 if mark.column else 0)
        if end <= self._end:
            return False
        self._end = end
        self._docs.pop(len(self._starts) - 1, None)
        return True

    def _round_trip(self, text: str):
        from ruamel.yaml import YAML
        from ruamel.yaml.comments import CommentedMap, CommentedSeq
        from ruamel.yaml.error import MarkedYAMLError, YAMLError

        loader = YAML(typ="rt")
        loader.preserve_quotes = True
        try:
            root = loader.load(text)
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
            raise InputError(f"cannot edit this file: {error.problem or error.context}", self.path, *where) from None
        except (YAMLError, ValueError) as error:
            raise InputError(f"cannot edit this file: {' '.join(str(error).split())}", self.path) from None
        seq = root.get("items") if isinstance(root, CommentedMap) else root
        if not isinstance(seq, CommentedSeq):
            raise InputError("cannot edit this file: its items are not a plain list", self.path)  # pragma: no cover
        return seq

    @property
    def indentation(self) -> tuple[int, int, int]:
        """The file's indentation as ruamel counts it: (mapping, sequence, offset), where a list
        entry's `-` stands `offset` columns in from its parent and its content `sequence` columns."""
        sequence, offset = 2, 0
        if self._starts:
            dash = self._lines[self._starts[0]].index("-")
            offset = dash
            sequence = max(self._key_columns[0], offset + 2)
        return _mapping_indent(self._lines) or 2, sequence, offset

    def _make_renderer(self):
        from ruamel.yaml import YAML

        mapping, sequence, offset = self.indentation
        renderer = YAML(typ="rt")
        renderer.preserve_quotes = True
        renderer.width = _RENDER_WIDTH
        renderer.indent(mapping=mapping, sequence=sequence, offset=offset)
        return renderer

    def _render(self, item) -> list[str]:
        """Item `item` as the file would show it: a one-item list at the item list's place."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        if self._renderer is None:
            self._renderer = self._make_renderer()
        seq = CommentedSeq([item])
        if self._comment is not None:
            seq.ca.items[0] = copy.deepcopy(self._comment)
        root: Any = seq
        if self._wrapped:
            root = CommentedMap()
            root["items"] = seq
        buffer = io.StringIO()
        self._renderer.dump(root, buffer)
        lines = buffer.getvalue().splitlines(keepends=True)
        if lines and lines[-1] == "...\n":  # the document end ruamel adds after a `|+` scalar
            lines.pop()
        return lines[1:] if self._wrapped else lines

    def _detach_tail(self, item, rendered: list[str], count: int) -> bool:
        """Take the comments and blank lines after the item (which ruamel keeps on its last value)
        off the item, so that fields added at its end go before them, not after. False when no
        comment carries them."""
        suffix = "".join(rendered[-count:])
        for holder, slot, token in reversed(list(_comment_tokens(item))):
            value = token.value
            if not value.endswith(suffix):
                continue
            token.value = value[: len(value) - len(suffix)]
            if not token.value:
                holder[slot] = None
            try:
                again = self._render(item)
            except Exception:  # noqa: BLE001 - ruamel refuses the comment as cut: try the next one
                again = None
            if again == rendered[:-count]:
                return True
            token.value = value
            holder[slot] = token
        return False


# -- locking ---------------------------------------------------------------------------------


@contextmanager
def _unlocked() -> Iterator[None]:
    yield


@contextmanager
def locked(path: str, wait: Any = None) -> Iterator[None]:
    """Hold an exclusive lock (`flock`) on the backlog file at `path` (its target, through a
    symlink) while the body runs: two `breadline ask` runs on one file take turns at reading,
    changing and writing it. The file is replaced by a rename, so the lock is taken again when
    the file under the name changed while we waited. `wait`: called once if another run holds the
    lock (to say so) before waiting for it. Where there is no `flock` (Windows), no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    target = os.path.realpath(path)
    told = False
    while True:
        try:
            handle = open(target, "rb")  # noqa: SIM115 - closed below, after the lock is released
        except OSError:
            yield  # no file to lock (yet): the caller reports what is wrong with it
            return
        try:
            try:
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if wait is not None and not told:
                    wait()
                    told = True
                fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            except OSError:  # pragma: no cover - a file system without locks: go on without one
                yield
                return
            try:
                same = os.fstat(handle.fileno()).st_ino == os.stat(target).st_ino
            except OSError:
                same = False
            if same:
                yield
                return
        finally:
            handle.close()  # closing releases the lock


# -- lines ---------------------------------------------------------------------------------

def _ending(line: str) -> str:
    for end in _ENDINGS:
        if line.endswith(end):
            return end
    return ""


def _normal(line: str) -> str:
    """The line with its line end, whichever it is, as `\n`."""
    end = _ending(line)
    return line[: len(line) - len(end)] + "\n" if end else line


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _with_endings(new: list[str], old: list[str], raw: list[str]) -> list[str]:
    """The item's new lines (`new`, ending in `\n`) with the line ends of the file: a line that
    was there before keeps its own end; a new line gets the end of the line before it (or, at
    the top, the item's first line's)."""
    ends = [_ending(line) for line in raw]
    if all(end == "\n" for end in ends):
        return new
    default = next((end for end in ends if end), "\n")
    out = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    last = default
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                out.append(raw[i1 + k])
                last = ends[i1 + k] or last
            continue
        for line in new[j1:j2]:
            out.append(line[:-1] + last if line.endswith("\n") else line)
    return out


def _unified(a: list[str], b: list[str], offset: int, path: str) -> str:
    """A unified diff of `a` and `b`, which start at line `offset` (0-based) of their files."""
    def span(start: int, length: int) -> str:
        first = start + offset + 1
        if length == 1:
            return f"{first}"
        return f"{first - 1 if length == 0 else first},{length}"

    def line(mark: str, text: str) -> str:
        return mark + text if text.endswith("\n") else f"{mark}{text}\n\\ No newline at end of file\n"

    out = [f"--- {path}\n", f"+++ {path}\n"]
    for group in difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(3):
        i1, i2, j1, j2 = group[0][1], group[-1][2], group[0][3], group[-1][4]
        out.append(f"@@ -{span(i1, i2 - i1)} +{span(j1, j2 - j1)} @@\n")
        for tag, a1, a2, b1, b2 in group:
            if tag == "equal":
                out += [line(" ", text) for text in a[a1:a2]]
                continue
            out += [line("-", text) for text in a[a1:a2]]
            out += [line("+", text) for text in b[b1:b2]]
    return "".join(out) if len(out) > 2 else ""


_EMPTY_KEY = re.compile(r"^(?P<lead>\s*)(?:-\s+)?(?P<key>[^\s#'\"{\[\-][^:#]*):\s*(?:#.*)?$")


def _mapping_indent(lines: list[str]) -> int | None:
    """How far the file indents a block mapping under its key (the first one in its first lines)."""
    for number, text in enumerate(lines[:_INDENT_SCAN]):
        match = _EMPTY_KEY.match(text.rstrip("\r\n"))
        if match is None:
            continue
        column = text.index(match.group("key"), len(match.group("lead")))
        for following in lines[number + 1: number + 50]:
            stripped = following.strip()
            if not stripped or stripped.startswith("#"):
                continue
            inner = _indent(following) - column
            if inner > 0 and not stripped.startswith("-") and _KEY_LINE.match(following):
                return inner
            break
    return None


def _has_anchors(text: str) -> bool:
    """Whether the YAML text holds an anchor or an alias (a merge key's `*` among them)."""
    if "&" not in text and "*" not in text:
        return False
    import yaml

    try:
        for event in yaml.parse(text, Loader=_event_loader()):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                return True
    except yaml.YAMLError:
        return True  # an alias to an anchor elsewhere, say: read it with the file before it
    return False


def _event_loader():
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_alone(text: str, path: str) -> Item | None:
    try:
        backlog = load_text(text, path)
    except InputError:
        return None
    return backlog.items[0] if len(backlog.items) == 1 else None


def _placed(item: Item, index: int, offset: int, before: Item) -> Item:
    """An item read from its own lines, as the item at `index` of the file, its lines `offset`
    further down."""
    def moved(position: Position | None) -> Position | None:
        return None if position is None else replace(position, line=position.line + offset)

    evidence = tuple(replace(e, position=moved(e.position)) for e in item.evidence)
    item_id = item.id if item.has_id else before.id
    return replace(item, index=index, id=item_id, position=moved(item.position), evidence=evidence,
                   field_positions={name: moved(p) for name, p in item.field_positions.items()})


# -- the pieces of an edit ------------------------------------------------------------------

def _without_comment(line: str) -> str:
    return line.split(" #", 1)[0] if not line.lstrip().startswith("#") else ""


def _split_tail(lines: list[str], key_column: int) -> tuple[list[str], list[str]]:
    """An item's lines, split before the blank and comment lines that trail it (those belong to
    the space between items, not to the item)."""
    end = len(lines)
    while end > 1:
        line = lines[end - 1]
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if stripped and not (stripped.startswith("#") and indent <= key_column):
            break
        end -= 1
    return lines[:end], lines[end:]


def _tail_rendered(rendered: list[str], tail: list[str]) -> int:
    """How many of the trailing lines ruamel rendered with the item (0 when it keeps them elsewhere)."""
    for count in range(min(len(tail), len(rendered) - 1), 0, -1):
        if rendered[-count:] == tail[:count]:
            return count
    return 0


def _comment_tokens(node, seen=None) -> Iterator[tuple[Any, Any, Any]]:
    """Every comment token in `node`, in the order ruamel writes them, as (holder, slot, token)."""
    from ruamel.yaml.comments import CommentedBase
    from ruamel.yaml.tokens import CommentToken

    seen = seen if seen is not None else set()
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, CommentedBase):
        ca = node.ca
        if ca.comment:
            yield from _tokens_in(ca.comment, CommentToken)
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        for key in keys:
            if key in ca.items:
                yield from _tokens_in(ca.items[key], CommentToken)
            yield from _comment_tokens(node[key], seen)
        if ca.end:
            yield from _tokens_in(ca.end, CommentToken)


def _tokens_in(holder: list, token_type) -> Iterator[tuple[Any, Any, Any]]:
    for slot, entry in enumerate(holder):
        if isinstance(entry, token_type):
            yield holder, slot, entry
        elif isinstance(entry, list):
            yield from _tokens_in(entry, token_type)


def _position(item, name: str) -> int:
    """Where a new field goes: right after the last field, in the item's own order, that comes
    before it in breadline's field order."""
    rank = FIELD_ORDER.index(name)
    position = 0
    for place, key in enumerate(item.keys()):
        if isinstance(key, str) and key in FIELD_ORDER and FIELD_ORDER.index(key) < rank:
            position = place + 1
    return position


def _set_field(item, name: str, value: Any) -> None:
    old = item.get(name)
    new = _styled(value, old)
    if name in item:
        item[name] = new
    else:
        item.insert(_position(item, name), name, new)


def _add_waivers(item, waive: dict[str, str]) -> None:
    from ruamel.yaml.comments import CommentedMap

    existing = item.get("waive")
    if not isinstance(existing, CommentedMap):
        existing = CommentedMap()
        if "waive" in item:
            item["waive"] = existing
        else:
            item.insert(_position(item, "waive"), "waive", existing)
    for code, reason in waive.items():
        same = next((k for k in existing if str(k).strip().upper() == code), None)
        if same is not None:
            existing[same] = _styled(reason, existing[same])
        else:
            existing[code] = _styled(reason, None)


def _styled(value: Any, old: Any) -> Any:
    """`value` in ruamel's round-trip types, styled like the value it replaces where that fits, and
    quoted wherever PyYAML (which the audit reads with) would take a plain scalar for something
    other than text."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import LiteralScalarString, ScalarString

    if isinstance(value, str):
        value = value.strip("\n") if "\n" in value else value
        if "\n" in value:
            return LiteralScalarString(value)
        if isinstance(old, ScalarString) and not isinstance(old, LiteralScalarString) and type(old) is not ScalarString:
            return type(old)(value)
        return _plain_or_quoted(value)
    if isinstance(value, (list, tuple)):
        seq = CommentedSeq(_styled(entry, None) for entry in value)
        block = any(isinstance(entry, Mapping) for entry in value)
        if isinstance(old, CommentedSeq):
            block = not old.fa.flow_style()
        if not block:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, Mapping):
        mapping = CommentedMap()
        for key, entry in value.items():
            if entry is not None:
                mapping[key] = _styled(entry, None)
        return mapping
    return value


def _plain_or_quoted(text: str):
    from ruamel.yaml.scalarstring import SingleQuotedScalarString
    from yaml.nodes import ScalarNode
    from yaml.resolver import Resolver

    if Resolver().resolve(ScalarNode, text, (True, False)) != "tag:yaml.org,2002:str":
        return SingleQuotedScalarString(text)
    return text


def merge(original: list[str], base: list[str], changed: list[str]) -> list[str] | None:
    """Carry the change from `base` to `changed` over onto `original`, where `base` is `original`
    as ruamel renders it (the same item, some lines written differently). Lines are matched by
    the item's keys first, then by equal text; each changed stretch of `base` replaces what lies
    between the matched lines around it in `original`. None when a change has no such anchor."""
    aligned = _align(original, base)

    def start_of(i: int) -> int | None:
        if i in aligned:
            return aligned[i]
        return len(original) if i == len(base) else None

    def after(i: int) -> int | None:
        return aligned[i - 1] + 1 if i - 1 in aligned else (0 if i == 0 else None)

    out: list[str] = []
    done = 0
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, base, changed, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i1 == i2:
            o1 = start_of(i1) if start_of(i1) is not None else after(i1)
            o2 = o1
        else:
            o1 = start_of(i1) if start_of(i1) is not None else after(i1)
            o2 = start_of(i2) if start_of(i2) is not None else after(i2)
        if o1 is None or o2 is None or o1 < done or o2 < o1:
            return None
        out += original[done:o1] + changed[j1:j2]
        done = o2
    return out + original[done:]


_KEY_LINE = re.compile(r"""^(?P<lead>\s*(?:-\s+)?)(?P<key>"[^"]*"\s*|'[^']*'\s*|[^\s#'"{\[][^:#]*):(?:\s|$)""")
"""A line that starts a key: the key runs to the first `:` (or `#`) with no pattern after it that
could try each of its spaces in turn, so a long line costs its length, not its square."""


def _key_lines(lines: list[str]) -> list[tuple[str, int]]:
    """The item's own keys and the lines they start on: on the first line (after the `-`) and on
    every line indented exactly as far as that first key."""
    if not lines:
        return []
    first = _KEY_LINE.match(lines[0])
    if first is None or "-" not in first.group("lead"):
        return []
    column = len(first.group("lead"))
    found = [(first.group("key").strip().strip("'\""), 0)]
    for number, line in enumerate(lines[1:], 1):
        if len(line) - len(line.lstrip(" ")) != column:
            continue
        match = _KEY_LINE.match(line)
        if match:
            found.append((match.group("key").strip().strip("'\""), number))
    return found


def _align(original: list[str], base: list[str]) -> dict[int, int]:
    """base line -> original line, for the lines that stand for each other: the lines each key
    starts on, and between those, lines of equal text."""
    where = {}
    for key, line in _key_lines(original):
        where.setdefault(key, line)
    anchors = [(-1, -1)]
    for key, line in _key_lines(base):
        if key in where and where[key] > anchors[-1][1] and line > anchors[-1][0]:
            anchors.append((line, where[key]))
    anchors.append((len(base), len(original)))
    aligned: dict[int, int] = {}
    for (a0, o0), (a1, o1) in zip(anchors, anchors[1:]):
        if a0 >= 0:
            aligned[a0] = o0
        matcher = difflib.SequenceMatcher(None, base[a0 + 1:a1], original[o0 + 1:o1], autojunk=False)
        for a, b, size in matcher.get_matching_blocks():
            for k in range(size):
                aligned[a0 + 1 + a + k] = o0 + 1 + b + k
    return aligned


# -- checking an edit -----------------------------------------------------------------------

def _comparable(item: Item, skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    data = {}
    for f in fields(Item):
        if f.name in ("index", "position", "field_positions") or f.name in skip:
            continue
        value = getattr(item, f.name)
        if f.name == "evidence":
            value = tuple((e.text, e.date, e.url) for e in value)
        data[f.name] = value
    return data


def _expected(edit: _Edit, before: Item) -> dict[str, Any]:
    """What the loader should read for the fields an edit set."""
    want: dict[str, Any] = {}
    for name, value in edit.values.items():
        attribute = _ITEM_ATTRIBUTE.get(name, name)
        if name in ("customer", "serves"):
            entries = value if isinstance(value, (list, tuple)) else [value]
            want[attribute] = tuple(str(v).strip() for v in entries if str(v).strip())
        elif name == "evidence":
            entries = value if isinstance(value, (list, tuple)) else [value]
            want[attribute] = tuple(
                (str(e.get("source") or e.get("url")).strip(), _as_date(e.get("date")), e.get("url"))
                if isinstance(e, Mapping) else (str(e).strip(), None, None)
                for e in entries
            )
        else:
            want[attribute] = " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()
    if edit.waive:
        want["waive"] = {**before.waive, **edit.waive}
    return want


def _as_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _compare(old: Backlog, new: Backlog, edits: list[_Edit]) -> str | None:
    """None when `new` is `old` with exactly the edits applied; else what differs."""
    if len(old.items) != len(new.items):
        return "the number of items changed"
    strip = lambda customers: {k: (c.name, c.paying, c.plan, c.mrr, c.contact, c.notes) for k, c in customers.items()}
    if strip(old.customers) != strip(new.customers) or old.extra != new.extra:
        return "the customer registry or top-level keys changed"
    return _compare_items(old, new, edits, range(len(old.items)))


def _compare_items(old: Backlog, new: Backlog, edits: list[_Edit], indexes) -> str | None:
    """None when the items at `indexes` of `new` are those of `old` with exactly the edits
    applied; else what differs."""
    by_index: dict[int, dict[str, Any]] = {}
    for edit in edits:
        by_index.setdefault(edit.index, {}).update(_expected(edit, old.items[edit.index]))
    for index in indexes:
        before, after = old.items[index], new.items[index]
        want = by_index.get(index, {})
        skip = frozenset(want)
        if _comparable(before, skip) != _comparable(after, skip):
            return f"item '{before.id}' changed beyond the answers"
        got = _comparable(after)
        for name, value in want.items():
            if name == "waive":
                if {k: v for k, v in got["waive"].items()} != value:
                    return f"item '{before.id}': the waivers did not read back as written"
            elif got[name] != value:
                return f"item '{before.id}': `{name}` did not read back as written"
    return None


# -- files ----------------------------------------------------------------------------------

def replace_file(path: str, data: bytes) -> None:
    """Replace the file at `path` with `data` atomically (see `breadline.files.atomic_writer`:
    through a symlink onto its target, with the old file's permissions)."""
    write_atomic(path, data)
