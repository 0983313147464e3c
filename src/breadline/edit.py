"""Edit a backlog file in place, one item at a time, keeping every other byte of it.

ruamel.yaml's round-trip mode holds the items with their comments, key order, quoting and flow
style. An edit changes one item's mapping, renders only that item again with the file's own
indentation, and splices the rendering into the text in place of the item's old lines: the rest
of the file is never re-emitted, so nothing else can change and the work of an edit grows with
the item, not with the file. Where ruamel would render an untouched line of the item differently
from the file (an unusual indentation, a re-flowed plain scalar), only the lines the edit changed
are carried over into the old text.

Every edit is checked before it counts: the new text is read back with breadline's own loader
and must hold the same items, registry and fields as before, except for the fields set. Saving
writes a temporary file beside the backlog, flushes it to disk and renames it over the old file,
so the file on disk is always either the old one or the new one, whole.

ruamel.yaml is used here only: the audit path stays on PyYAML's faster loader.
"""

from __future__ import annotations

import codecs
import copy
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from typing import Any

from breadline.errors import InputError
from breadline.files import write_atomic
from breadline.load import ITEM_FIELDS, decode, load_text, read_bytes
from breadline.model import Backlog, Item

FIELD_ORDER = ITEM_FIELDS
"""New fields go in this order, each right after the last field before it that the item has."""

EDITABLE = ("customer", "problem", "evidence", "next", "serves", "status", "waive")
"""The fields an edit may set."""

_ITEM_ATTRIBUTE = {"customer": "customers"}
"""Where a field's value lands on `Item`, when the names differ."""

_RENDER_WIDTH = 4096
"""Wide enough that ruamel never folds a line the file did not fold."""


@dataclass
class _Edit:
    """What one item should read as after its edit, to check the new text against."""

    index: int
    values: dict[str, Any] = field(default_factory=dict)
    waive: dict[str, str] = field(default_factory=dict)


class BacklogEditor:
    """A backlog file opened for editing: its current text, its items in round-trip form, and
    the lines each item spans."""

    def __init__(self, path: str, data: bytes):
        self.path = path
        self._disk = data
        """The bytes the file held when last read or written by us."""
        self.bom = data.startswith(codecs.BOM_UTF8)
        text = decode(data, path)
        self.newline = "\r\n" if "\r\n" in text else "\n"
        text = text.replace("\r\n", "\n")
        self.original = text
        self.backlog: Backlog = load_text(text, path)
        """The backlog as breadline reads the current text (checked after every edit)."""
        self._lines = text.splitlines(keepends=True)
        self._pending: list[_Edit] = []
        self._committed = text
        """The text as of the last successful commit, to roll back to."""
        self._parse(text)

    @classmethod
    def open(cls, path: str) -> BacklogEditor:
        """Read the backlog at `path` for editing (breadline's loader judges it first)."""
        return cls(path, read_bytes(path))

    # -- reading the structure ------------------------------------------------------------

    def _parse(self, text: str) -> None:
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

        self._wrapped = isinstance(root, CommentedMap)
        seq = root.get("items") if self._wrapped else root
        if seq is None:
            seq = CommentedSeq()
        if not isinstance(seq, CommentedSeq) or len(seq) != len(self.backlog.items):
            raise InputError("cannot edit this file: its items are not a plain list", self.path)  # pragma: no cover
        if len(seq) and seq.fa.flow_style():
            raise InputError("the item list is written in flow style ([...]); `breadline ask` edits block lists, "
                             "one `- ` per item", self.path)
        self._root = root
        self._seq = seq

        self._starts = [self._dash_line(*seq.lc.item(i), i) for i in range(len(seq))]
        self._key_columns = [seq.lc.item(i)[1] for i in range(len(seq))]
        self._end = len(self._lines)
        if self._wrapped:
            keys = list(root.keys())
            after = keys[keys.index("items") + 1:]
            if after:
                self._end = root.lc.key(after[0])[0]
        self._renderer = self._make_renderer()

    def _dash_line(self, line: int, column: int, index: int) -> int:
        """The line holding the `-` that opens item `index`."""
        text = self._lines[line]
        if text[:column].rstrip().endswith("-"):
            return line
        for earlier in range(line - 1, -1, -1):
            stripped = _without_comment(self._lines[earlier]).strip()
            if stripped == "-" or stripped.startswith("- "):
                return earlier
            if stripped:
                break
        raise InputError(f"cannot find where item {index + 1} begins", self.path, line + 1)  # pragma: no cover

    def _make_renderer(self):
        from ruamel.yaml import YAML

        self.indentation = self._indentation()
        mapping, sequence, offset = self.indentation
        renderer = YAML(typ="rt")
        renderer.preserve_quotes = True
        renderer.width = _RENDER_WIDTH
        renderer.indent(mapping=mapping, sequence=sequence, offset=offset)
        return renderer

    def _indentation(self) -> tuple[int, int, int]:
        """The file's indentation as ruamel counts it: (mapping, sequence, offset), where a list
        entry's `-` stands `offset` columns in from its parent and its content `sequence` columns."""
        from ruamel.yaml.comments import CommentedMap

        sequence, offset = 2, 0
        if self._starts:
            dash = self._lines[self._starts[0]].index("-")
            parent = 0
            offset = dash - parent
            sequence = max(self._key_columns[0] - parent, offset + 2)
        mapping = None
        candidates: list[tuple[CommentedMap, Any]] = []
        if self._wrapped:
            candidates.append((self._root, self._root.get("customers")))
        candidates += [(item, value) for item in self._seq if isinstance(item, CommentedMap) for value in item.values()]
        for parent_map, value in candidates:
            if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
                key = next(k for k, v in parent_map.items() if v is value)
                try:
                    inner = value.lc.key(next(iter(value)))[1] - parent_map.lc.key(key)[1]
                except (TypeError, KeyError, IndexError):  # pragma: no cover - a mapping we built
                    continue
                if inner > 0:
                    mapping = inner
                    break
        return mapping or 2, sequence, offset

    # -- what the caller can read ---------------------------------------------------------

    @property
    def text(self) -> str:
        """The current text (with `\\n` line ends)."""
        return "".join(self._lines)

    @property
    def changed(self) -> bool:
        return self.text != self.original

    def diff(self) -> str:
        """A unified diff from the file as read to the current text."""
        return "".join(difflib.unified_diff(
            self.original.splitlines(keepends=True), self.text.splitlines(keepends=True),
            fromfile=self.path, tofile=self.path,
        ))

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
        original = self._lines[start:stop]
        body, tail = _split_tail(original, self._key_columns[index])

        item = copy.deepcopy(self._seq[index])
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
        new_lines = new_body + tail
        self._lines[start:stop] = new_lines
        delta = len(new_lines) - len(original)
        for later in range(index + 1, len(self._starts)):
            self._starts[later] += delta
        self._end += delta
        self._seq[index] = item
        self._pending.append(_Edit(index, values, waive))

    def commit(self) -> Backlog:
        """Read the text back and check that the edits since the last commit changed exactly the
        fields they set; returns the backlog as it now reads. On failure nothing is kept."""
        pending, self._pending = self._pending, []
        if not pending:
            return self.backlog
        text = self.text
        try:
            backlog = load_text(text, self.path)
            problem = _compare(self.backlog, backlog, pending)
        except InputError as error:
            problem = f"the edited file would not load ({error.message})"
        if problem is not None:
            self._rollback()
            names = ", ".join(sorted({self.backlog.items[e.index].id for e in pending}))
            raise InputError(f"could not write the answers for {names} without changing other parts of the file "
                             f"({problem}); nothing was changed, please edit the file by hand", self.path)
        self.backlog = backlog
        self._committed = text
        return backlog

    def _rollback(self) -> None:
        text = self._committed
        self._lines = text.splitlines(keepends=True)
        self._pending = []
        self._parse(text)

    def save(self) -> None:
        """Write the current text over the file, atomically, unless someone changed it meanwhile."""
        if self._pending:
            self.commit()
        data = self.text.replace("\n", self.newline).encode("utf-8")
        if self.bom:
            data = codecs.BOM_UTF8 + data
        if data == self._disk:
            return
        try:
            current = read_bytes(self.path)
        except InputError:
            current = None
        if current != self._disk:
            raise InputError("the file changed on disk while breadline was editing it; not overwriting those "
                             "changes (run `breadline ask` again to continue)", self.path)
        replace_file(self.path, data)
        self._disk = data

    # -- rendering ------------------------------------------------------------------------

    def _span(self, index: int) -> tuple[int, int]:
        stop = self._starts[index + 1] if index + 1 < len(self._starts) else self._end
        return self._starts[index], stop

    def _render(self, item) -> list[str]:
        """Item `item` as the file would show it: a one-item list at the item list's place."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        seq = CommentedSeq([item])
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


_KEY_LINE = re.compile(r"""^(?P<lead>\s*(?:-\s+)?)(?P<key>"[^"]*"|'[^']*'|[^\s#'"{\[][^:#]*?)\s*:(?:\s|$)""")


def _key_lines(lines: list[str]) -> list[tuple[str, int]]:
    """The item's own keys and the lines they start on: on the first line (after the `-`) and on
    every line indented exactly as far as that first key."""
    if not lines:
        return []
    first = _KEY_LINE.match(lines[0])
    if first is None or "-" not in first.group("lead"):
        return []
    column = len(first.group("lead"))
    found = [(first.group("key").strip("'\""), 0)]
    for number, line in enumerate(lines[1:], 1):
        if len(line) - len(line.lstrip(" ")) != column:
            continue
        match = _KEY_LINE.match(line)
        if match:
            found.append((match.group("key").strip("'\""), number))
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
    by_index: dict[int, dict[str, Any]] = {}
    for edit in edits:
        by_index.setdefault(edit.index, {}).update(_expected(edit, old.items[edit.index]))
    for index, (before, after) in enumerate(zip(old.items, new.items)):
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
