"""Read a backlog file into a `Backlog`, remembering the line and column of every item and field.

The YAML is composed into nodes by libyaml's C parser when it is installed (PyYAML's pure parser
otherwise), with safe tags only, and the nodes are walked here rather than constructed by PyYAML:
that is what keeps positions, catches duplicate keys (PyYAML keeps the last one silently) and
bounds how far aliases may expand.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breadline.clip import clip
from breadline.errors import InputError
from breadline.model import Backlog, Customer, Evidence, Item, Position

try:  # libyaml's parser is several times faster; fall back cleanly where it is not built.
    from yaml import CSafeLoader as _Base
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Base  # type: ignore[assignment]


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The safe loader, with the tag of a plain scalar remembered by its text, for the one
    document it reads.

    The parser asks `resolve` for the tag of every scalar (is `2026-10-02` a date, `yes` a
    boolean?); the answer depends only on the text, and backlogs repeat the same keys and short
    values thousands of times. A safe loader has no path resolvers, so `descend_resolver` and
    `ascend_resolver` have nothing to do."""

    def __init__(self, stream):
        super().__init__(stream)
        self._tags: dict[str, str] = {}

    def resolve(self, kind, value, implicit):
        if kind is not ScalarNode:
            return super().resolve(kind, value, implicit)
        if not implicit[0]:  # quoted: a string
            return _STR_TAG
        tag = self._tags.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)
            if len(value) <= 40 and len(self._tags) < 50_000:
                self._tags[value] = tag
        return tag

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass

MAX_BYTES = 256 * 1024 * 1024
"""Files larger than this are refused rather than read."""

ALIAS_ALLOWANCE = 100_000
"""Nodes an alias may add beyond one per byte of text before we call it an alias bomb."""

MAX_NUMBER_TEXT = 100
"""A number written with more characters than this (a 5,000-digit hex, octal or sexagesimal
number) is refused before it is converted: no count in a backlog needs it, and converting or
printing it costs time quadratic in its length."""

MAX_AMOUNT = 10**12
"""The largest `points` or `mrr` counted: beyond it, sums stop being exact (or finite)."""

_DECIMAL = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)[eE][-+]?[0-9]+")
"""`1e3`: a number in YAML 1.2 and JSON, a string to YAML 1.1's resolver (it wants a dot)."""

ITEM_FIELDS = (
    "id", "title", "description", "customer", "problem", "evidence", "next",
    "serves", "points", "labels", "type", "status", "waive", "url",
)
CUSTOMER_FIELDS = ("name", "paying", "plan", "mrr", "contact", "notes")
EVIDENCE_FIELDS = ("source", "date", "url")

_STR_TAG = "tag:yaml.org,2002:str"
_NULL_TAG = "tag:yaml.org,2002:null"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_INT_TAG = "tag:yaml.org,2002:int"
_FLOAT_TAG = "tag:yaml.org,2002:float"
_NUMBER_TAGS = frozenset({_INT_TAG, _FLOAT_TAG})
_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"})


def read_text(path: str) -> str:
    """Read a backlog file as UTF-8 text, turning every way that can fail into an InputError."""
    return decode(read_bytes(path), path)


def read_bytes(path: str) -> bytes:
    """A file's bytes, every way that can fail turned into an InputError naming the file. At
    most `MAX_BYTES` are read, whatever the file is: a device (/dev/zero) or a pipe says its size
    is 0, so the cap is kept while reading, not only by asking the size first."""
    if not path:
        raise InputError("the file name is empty")
    try:
        if os.path.isdir(path):
            raise InputError("is a directory, not a backlog file", path)
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise InputError(f"file is {size / 2**20:.0f} MiB; breadline reads at most {MAX_BYTES // 2**20} MiB",
                                 path)
            data = read_capped(handle, path)
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except PermissionError:
        raise InputError("cannot read the file (permission denied)", path) from None
    except OSError as error:
        raise InputError(f"cannot read the file ({error.strerror or error})", path) from None
    return data


def read_capped(handle, path: str) -> bytes:
    """Everything `handle` (a binary file, a device, a pipe, standard input) holds, refused once
    it passes `MAX_BYTES`."""
    data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"holds more than {MAX_BYTES // 2**20} MiB; breadline reads at most that much", path)
    return data


def read_stdin() -> bytes:
    """Standard input's bytes, through the same cap as a file's."""
    import sys

    try:
        return read_capped(sys.stdin.buffer, "<stdin>")
    except OSError as error:
        raise InputError(f"cannot read standard input ({error.strerror or error})", "<stdin>") from None


def decode(data: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark), or UTF-16 or UTF-32 with one (as YAML
    allows), refusing binary data."""
    for mark, codec in ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                        (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(mark):
            try:
                return data.decode(codec)
            except UnicodeDecodeError as error:
                raise InputError(f"is not {codec.upper()} text, though it starts with a {codec.upper()} byte-order "
                                 f"mark (at byte {error.start})", path) from None
    if b"\x00" in data[:8192]:
        raise InputError("looks like a binary file, not YAML text", path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = error.start
        line = data.count(b"\n", 0, start) + 1
        column = start - (data.rfind(b"\n", 0, start) + 1) + 1
        raise InputError(f"is not UTF-8 text (byte 0x{data[start]:02x})", path, line, column) from None


def load(path: str) -> Backlog:
    """Load the backlog at `path`."""
    return load_text(read_text(path), path)


def load_text(text: str, path: str = "<stdin>") -> Backlog:
    """Load a backlog from YAML text; `path` is only used to name positions."""
    return _Reader(text, path).backlog()


def load_plain(text: str, path: str) -> Any:
    """A YAML document (a configuration file, say) as plain values, read as safely as a backlog:
    safe tags only, duplicate keys refused, aliases and nesting bounded, numbers too long to count
    refused; every error an InputError with the line and column."""
    return _Reader(text, path).plain()


class _BadNumber(ValueError):
    def __init__(self, text: str, why: str):
        super().__init__(text)
        self.text, self.why = text, why


def load_json(text: str, path: str) -> Any:
    """A JSON document as plain values, bounded as YAML is here: nesting (100,000 brackets deep is
    an error, not a RecursionError), numbers written with more than `MAX_NUMBER_TEXT` characters,
    and numbers that are not finite (NaN, Infinity, 1e999) are refused with a position."""
    import json  # a YAML backlog's run does not need it (~1.5 ms at start-up)

    def integer(digits: str) -> int:
        if len(digits) > MAX_NUMBER_TEXT:
            raise _BadNumber(digits, f"is too long to count (at most {MAX_NUMBER_TEXT} characters)")
        return int(digits)

    def real(digits: str) -> float:
        value = float(digits) if len(digits) <= MAX_NUMBER_TEXT else float("inf")
        if value in (float("inf"), float("-inf")):
            raise _BadNumber(digits, "is not a finite number")
        return value

    def constant(name: str) -> None:
        raise _BadNumber(name, "is not a finite number")

    try:
        return json.loads(text, parse_int=integer, parse_float=real, parse_constant=constant)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", path, error.lineno, error.colno) from None
    except _BadNumber as error:
        at = text.find(error.text)
        line = text.count("\n", 0, at) + 1 if at >= 0 else None
        column = at - (text.rfind("\n", 0, at) + 1) + 1 if at >= 0 else None
        raise InputError(f"'{_clip(error.text)}' {error.why}", path, line, column) from None
    except RecursionError:
        raise InputError("values are nested too deeply", path) from None


class _Reader:
    def __init__(self, text: str, path: str):
        self.path = path
        self.source = text
        self.loader = _Loader(text) if not _may_nest_deeply(text) else yaml.SafeLoader(text)
        self.budget = len(text) + ALIAS_ALLOWANCE
        self.errors: list[InputError] = []
        self.commented = "#" in text
        """Whether some line may hold a ` #` that cuts a value short (see `cut_short`)."""
        self._lines: list[str] | None = None
        self.cuts: list[tuple[str, str]] = []
        """The values of the item being read that a ` #` cut short (see `cut_short`)."""

    # -- positions and errors -------------------------------------------------------------

    def pos(self, node: Node) -> Position:
        mark = node.start_mark
        return Position(self.path, mark.line + 1, mark.column + 1)

    def fail(self, message: str, node: Node | None = None) -> InputError:
        if node is None:
            return InputError(message, self.path)
        mark = node.start_mark
        return InputError(message, self.path, mark.line + 1, mark.column + 1)

    def problem(self, message: str, node: Node) -> None:
        """Record an error and go on, so that one run reports every bad field."""
        self.errors.append(self.fail(message, node))

    def cut_short(self, node: Node, name: str) -> None:
        """Note when a plain value on one line ends where YAML starts a comment that looks like
        part of it (`Zendesk #812`: a `#` followed by a word, not by a space as comments are
        written): the words after ` #` are lost, and the item should say so (BL905)."""
        if not self.commented or not isinstance(node, ScalarNode) or node.style or not node.value.strip():
            return  # nothing written (a no-break space alone is no words for a comment to cut)
        if node.start_mark.line != node.end_mark.line:
            return
        if self._lines is None:
            self._lines = self.source.splitlines()
        line = self._lines[node.end_mark.line] if node.end_mark.line < len(self._lines) else ""
        tail = node.value.rsplit(None, 1)[-1]
        found = _CUT.search(line)
        if found and line[: found.start()].rstrip().endswith(tail):
            self.cuts.append((name, "#" + found.group(1).rstrip()))

    # -- the document ---------------------------------------------------------------------

    def root(self) -> Node | None:
        try:
            try:
                return self.loader.get_single_node()
            finally:
                self.loader.dispose()
        except yaml.MarkedYAMLError as error:
            raise _yaml_error(error, self.path) from None
        except yaml.reader.ReaderError as error:  # a control character: placed by line and column
            raise self._reader_error(error) from None
        except yaml.YAMLError as error:
            raise InputError(f"invalid YAML: {_one_line(str(error))}", self.path) from None
        except RecursionError:
            raise InputError("values are nested too deeply", self.path) from None

    def _reader_error(self, error) -> InputError:
        text, at = self.source, error.position
        if isinstance(error.character, int) and not (0 <= at < len(text) and ord(text[at]) == error.character):
            found = text.find(chr(error.character))  # the C reader counts differently: find the character itself
            at = found if found >= 0 else at
        at = max(0, min(at, len(text)))
        line = text.count("\n", 0, at) + 1
        column = at - (text.rfind("\n", 0, at) + 1) + 1
        what = f"U+{error.character:04X}" if isinstance(error.character, int) else "a character"
        return InputError(f"invalid YAML: {what} is a control character, which YAML does not allow "
                          "(write it as an escape in a double-quoted string)", self.path, line, column)

    def plain(self) -> Any:
        root = self.root()
        if root is None:
            return None
        try:
            return self.value(root)
        except RecursionError:
            raise InputError("values are nested too deeply", self.path) from None

    def backlog(self) -> Backlog:
        root = self.root()
        if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL_TAG):
            raise InputError("file is empty: expected a list of items or a mapping with `items:`", self.path)
        try:
            backlog = self._backlog(root)
        except RecursionError:
            raise InputError("values are nested too deeply", self.path) from None
        if self.errors:
            first, *others = self.errors
            first.others = tuple(others)
            raise first
        return backlog

    def _backlog(self, root: Node) -> Backlog:
        customers: dict[str, Customer] = {}
        extra: dict[str, Any] = {}
        extra_positions: dict[str, Position] = {}
        if isinstance(root, SequenceNode):
            self.check_tag(root)
            items_node: Node = root
        elif isinstance(root, MappingNode):
            items_node = None  # type: ignore[assignment]
            for key_node, value_node in self.pairs(root):
                key = self.value(key_node)
                if key == "items":
                    items_node = value_node
                elif key == "customers":
                    customers = self.registry(value_node)
                else:
                    extra[str(key)] = self.value(value_node)
                    extra_positions[str(key)] = self.pos(key_node)
            if items_node is None:
                raise self.fail("a backlog mapping needs an `items:` list", root)
            if isinstance(items_node, ScalarNode) and items_node.tag == _NULL_TAG:
                items_node = SequenceNode("tag:yaml.org,2002:seq", [], items_node.start_mark, items_node.end_mark)
            if not isinstance(items_node, SequenceNode):
                raise self.fail(f"`items:` must be a list of items, not {_kind(items_node)}", items_node)
            self.check_tag(items_node)
        else:
            raise self.fail(f"expected a list of items or a mapping with `items:`, not {_kind(root)}", root)

        items: list[Item] = []
        first_seen: dict[str, Position] = {}
        for index, node in enumerate(items_node.value):
            item = self.item(index, node)
            if item is None:
                continue
            if item.has_id:
                if item.id in first_seen:
                    first = first_seen[item.id]
                    self.problem(
                        f"duplicate id '{_clip(item.id)}' (first used at line {first.line}, column {first.column})",
                        _id_node(node) or node,
                    )
                else:
                    first_seen[item.id] = item.position_of("id")  # type: ignore[assignment]
            items.append(item)
        return Backlog(self.path, tuple(items), customers, extra, extra_positions)

    # -- generic node walking -------------------------------------------------------------

    def check_tag(self, node: Node) -> None:
        """Refuse tags that would ask for anything but plain lists and mappings."""
        if node.tag not in _PLAIN_TAGS:
            raise self.fail(f"tag '{_clip(node.tag, 80)}' is not allowed: breadline loads plain YAML only", node)

    def pairs(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """The key/value pairs of a mapping, merge keys applied, duplicate keys refused."""
        self.check_tag(node)
        seen: dict[Any, Node] = {}
        has_merge = False
        for key_node, _ in node.value:
            if key_node.tag == _STR_TAG:
                key = key_node.value  # the common case; counted against the budget where it is used
            elif key_node.tag == _MERGE_TAG:
                has_merge = True
                continue
            else:
                key = self.value(key_node)
            try:
                earlier = seen.get(key)
            except TypeError:
                raise self.fail("a mapping key must be a plain value, not a list or mapping", key_node) from None
            if earlier is not None:
                mark = earlier.start_mark
                raise self.fail(
                    f"duplicate key '{_clip(str(key))}' (first at line {mark.line + 1}, column {mark.column + 1}); "
                    "YAML keeps only one of them",
                    key_node,
                )
            seen[key] = key_node
        if has_merge:
            try:
                self.loader.flatten_mapping(node)
            except yaml.MarkedYAMLError as error:
                raise _yaml_error(error, self.path) from None
        return node.value

    def value(self, node: Node) -> Any:
        """Construct a plain Python value from a node, safely and within the alias budget."""
        self.budget -= 1
        if self.budget < 0:
            raise self.fail("aliases expand too far (is this a YAML alias bomb?)", node)
        if isinstance(node, ScalarNode):
            tag = node.tag
            if tag == _STR_TAG:
                return node.value
            if tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_TEXT:
                raise self.fail(f"number '{_clip(node.value)}' is too long to count "
                                f"(at most {MAX_NUMBER_TEXT} characters)", node)
            try:
                if tag == _INT_TAG and node.value.isdecimal() and node.value.isascii() and node.value[0] != "0":
                    return int(node.value)  # plain decimal (a leading 0 is octal in YAML 1.1: left to PyYAML)
                return self.loader.construct_object(node)
            except yaml.MarkedYAMLError as error:
                raise _yaml_error(error, self.path) from None
            except (ValueError, OverflowError) as error:  # an impossible date (2026-02-30), a 5,000-digit number
                raise self.fail(f"invalid value '{_clip(node.value)}' ({_clip(str(error), 80)})", node) from None
            except Exception:  # noqa: BLE001 - PyYAML's constructors fail on explicit tags their way
                # (`!!bool "maybe"` is a KeyError, `!!timestamp "garbage"` an AttributeError)
                raise self.fail(f"invalid value '{_clip(node.value)}' for the tag '{_short_tag(tag)}'", node) from None
        if isinstance(node, SequenceNode):
            self.check_tag(node)
            return [self.value(child) for child in node.value]
        if isinstance(node, MappingNode):
            result = {}
            for key_node, value_node in self.pairs(node):
                key = self.value(key_node)
                result[key] = self.value(value_node)
            return result
        raise self.fail(f"unsupported YAML node {type(node).__name__}", node)  # pragma: no cover

    # -- typed fields ---------------------------------------------------------------------

    def text(self, node: Node, what: str, *, allow_empty: bool = True) -> str | None:
        """A text field: strings, and numbers taken as their text. Null means absent."""
        if isinstance(node, ScalarNode) and node.tag in _NUMBER_TAGS and len(node.value) > MAX_NUMBER_TEXT:
            self.budget -= 1
            value: Any = node.value  # a 400-digit title is text as written, not a number to convert
        else:
            value = self.value(node)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.problem(f"{what} must be text, not {_describe(value)}", node)
            return None
        text = str(value).strip()
        if not text and not allow_empty:
            return None
        return text or None

    def text_list(self, node: Node, what: str) -> tuple[str, ...]:
        """A text field that may also be a list of texts."""
        if isinstance(node, SequenceNode):
            texts = (self.text(child, f"each entry of {what}") for child in node.value)
            return tuple(text for text in texts if text)
        text = self.text(node, f"{what} (or a list of texts)")
        return (text,) if text else ()

    def date(self, node: Node, what: str) -> dt.date | None:
        value = self.value(node)
        if value is None:
            return None
        found = as_date(value)
        if found is None:
            self.problem(f"{what} must be a date like 2026-10-02, not {_describe(value)}", node)
        return found

    def number(self, node: Node, what: str) -> float | None:
        value = self.value(node)
        if value is None:
            return None
        if isinstance(value, str) and len(value) <= MAX_NUMBER_TEXT and _DECIMAL.fullmatch(value.strip()):
            value = float(value)  # `1e3` is 1000, as YAML 1.2 and JSON read it
            value = int(value) if value.is_integer() and abs(value) <= MAX_AMOUNT else value
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.problem(f"{what} must be a number, not {_describe(value)}", node)
            return None
        if value != value or value in (float("inf"), float("-inf")):
            self.problem(f"{what} must be a finite number, not {_describe(node.value if isinstance(node, ScalarNode) else value)}", node)
            return None
        if value < 0:
            self.problem(f"{what} must be zero or more, not {_describe(value)}", node)
            return None
        if value > MAX_AMOUNT:
            self.problem(f"{what} is too large to count (at most {MAX_AMOUNT:,})", node)
            return None
        return value

    def flag(self, node: Node, what: str) -> bool | None:
        value = self.value(node)
        if value is None or isinstance(value, bool):
            return value
        self.problem(f"{what} must be true or false, not {_describe(value)}", node)
        return None

    # -- the registry ---------------------------------------------------------------------

    def registry(self, node: Node) -> dict[str, Customer]:
        if isinstance(node, ScalarNode) and node.tag == _NULL_TAG:
            return {}
        if not isinstance(node, MappingNode):
            self.problem(f"`customers:` must be a mapping of key to customer, not {_kind(node)}", node)
            return {}
        customers: dict[str, Customer] = {}
        for key_node, value_node in self.pairs(node):
            key = self.value(key_node)
            if isinstance(key, bool) or not isinstance(key, (str, int)):
                self.problem(f"a customer key must be text, not {_describe(key)}", key_node)
                continue
            key = str(key)
            if key in customers:
                first = customers[key].position
                self.problem(f"duplicate customer key '{_clip(key)}' (first at line {first.line}, column "
                             f"{first.column}): 1 and \"1\" are the same key to breadline", key_node)
                continue
            fields: dict[str, Any] = {}
            if isinstance(value_node, MappingNode):
                for field_node, field_value in self.pairs(value_node):
                    name = self.value(field_node)
                    what = f"customer '{_clip(key)}': `{_clip(str(name))}`"
                    if name == "paying":
                        fields["paying"] = self.flag(field_value, what)
                    elif name == "mrr":
                        fields["mrr"] = self.number(field_value, what)
                    elif name in CUSTOMER_FIELDS:
                        fields[name] = self.text(field_value, what)
                    else:
                        self.value(field_value)  # unknown registry fields are kept out of the way
            elif isinstance(value_node, ScalarNode) and value_node.tag != _NULL_TAG:
                fields["name"] = self.text(value_node, f"customer '{_clip(key)}'")
            elif not isinstance(value_node, ScalarNode):
                self.problem(f"customer '{_clip(key)}' must be a mapping (name, paying, plan, mrr, contact, notes)", value_node)
                continue
            customers[key] = Customer(key=key, position=self.pos(key_node), **fields)
        return customers

    # -- items ----------------------------------------------------------------------------

    def item(self, index: int, node: Node) -> Item | None:
        if not isinstance(node, MappingNode):
            self.value(node)  # refuses unsafe tags before anything else is said about the item
            self.problem(f"item {index + 1} must be a mapping with at least a `title:`, not {_kind(node)}", node)
            return None
        positions: dict[str, Position] = {}
        fields: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        item_id = f"#{index + 1}"
        has_id = False
        pairs = self.pairs(node)
        for key_node, value_node in pairs:
            if key_node.tag == _STR_TAG and key_node.value == "id":
                value = self.value(value_node)
                if isinstance(value, bool) or not isinstance(value, (str, int)) or not str(value).strip():
                    self.problem(f"item {index + 1}: `id` must be text or a number, not {_describe(value)}", value_node)
                else:
                    item_id, has_id = str(value).strip(), True
        label = f"item '{_clip(item_id)}'"
        for key_node, value_node in pairs:
            name = self.value(key_node)
            if not isinstance(name, str):
                name = str(name)
            positions[name] = self.pos(key_node)
            what = f"{label}: `{name}`"
            if name == "id":
                continue
            if name in ("title", "description", "problem", "next", "type", "status", "url"):
                fields[name] = self.text(value_node, what)
                self.cut_short(value_node, name)
            elif name == "customer":
                fields["customers"] = self.text_list(value_node, what)
                self.cut_short(value_node, name)
            elif name == "labels":
                fields["labels"] = self.text_list(value_node, what)
            elif name == "serves":
                fields["serves"] = self.text_list(value_node, what)
            elif name == "points":
                fields["points"] = self.number(value_node, what)
            elif name == "evidence":
                fields["evidence"] = self.evidence(value_node, what)
            elif name == "waive":
                fields["waive"] = self.waivers(value_node, what)
            else:
                extra[name] = self.value(value_node)
        if not fields.get("title"):
            if "title" in positions:
                self.problem(f"{label} has an empty `title:`", node)
            else:
                self.problem(f"{label} has no `title:`", node)
            fields["title"] = ""
        cut, self.cuts = tuple(self.cuts), []
        return Item(
            index=index,
            id=item_id,
            has_id=has_id,
            cut=cut,
            extra=extra,
            position=self.pos(node),
            field_positions=positions,
            **fields,
        )

    def evidence(self, node: Node, what: str) -> tuple[Evidence, ...]:
        entries = node.value if isinstance(node, SequenceNode) else [node]
        found = []
        for entry in entries:
            if isinstance(entry, MappingNode):
                parts: dict[str, Any] = {}
                for key_node, value_node in self.pairs(entry):
                    key = self.value(key_node)
                    if key == "date":
                        parts["date"] = self.date(value_node, f"{what} date")
                    elif key in ("source", "url"):
                        parts[key] = self.text(value_node, f"{what} {key}")
                        self.cut_short(value_node, "evidence")
                    else:
                        self.value(value_node)
                text = parts.get("source") or parts.get("url")
                if not text:
                    self.problem(f"{what}: each evidence mapping needs a `source:` (or a `url:`)", entry)
                    continue
                found.append(Evidence(text, parts.get("date"), parts.get("url"), self.pos(entry)))
            else:
                text = self.text(entry, f"{what} (a text, a list, or mappings with source/date/url)")
                self.cut_short(entry, "evidence")
                if text:
                    found.append(Evidence(text, None, None, self.pos(entry)))
        return tuple(found)

    def waivers(self, node: Node, what: str) -> dict[str, str | None]:
        if not isinstance(node, MappingNode):
            self.problem(f"{what} must be a mapping of rule code to reason, e.g. {{BL301: \"why\"}}", node)
            return {}
        waivers: dict[str, str | None] = {}
        for key_node, value_node in self.pairs(node):
            code = str(self.value(key_node)).strip().upper()
            if code in waivers:
                self.problem(f"{what} waives {_clip(code)} twice (rule codes are the same in any case)", key_node)
                continue
            waivers[code] = self.text(value_node, f"{what} {code}")
            self.cut_short(value_node, "waive")
        return waivers


MAX_C_DEPTH = 1000
"""Nesting beyond this could overflow the C parser's stack; the pure parser stops at Python's
recursion limit instead, which we turn into a clear error."""

_CUT = re.compile(r"\s#(\S.*)$")
"""A `#` after a space, followed by a word: where YAML cut a plain value short (`#812`)."""

_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
"""Every byte but a bracket's, for `bytes.translate` to delete (UTF-8 holds brackets as themselves only)."""
_AS_PARENS = bytes.maketrans(b"[{]}", b"(())")
_PASSES = 16
"""How many times `_may_nest_deeply` takes out the innermost pairs before it walks what is left
(an over-estimate by at most this many levels)."""
_DEEP_INDENT = "\n" + " " * MAX_C_DEPTH


def _may_nest_deeply(text: str) -> bool:
    """A cheap over-estimate of whether `text` nests deeper than the C parser can safely go.

    Only a text with more than `MAX_C_DEPTH` opening brackets is looked at closely (bug reports
    paste JSON and stack traces: a 3,000-item export of them holds 200,000 brackets). Its brackets
    are picked out in C, openers as "(" and closers as ")", and the adjacent pairs "()" taken out,
    up to `_PASSES` times: each pass lowers the deepest nesting by one and leaves the rest as it
    was. What is left (in a real text, its few unmatched brackets) is walked bracket by bracket.
    Walking all of them in Python took 90 ms on such an export (bench: tracker-like backlogs)."""
    if text.count("[") + text.count("{") > MAX_C_DEPTH:
        brackets = text.encode("utf-8", "surrogatepass").translate(_AS_PARENS, _NOT_BRACKETS)
        passes = 0
        while passes < _PASSES:
            shorter = brackets.replace(b"()", b"")
            if len(shorter) == len(brackets):
                break
            brackets, passes = shorter, passes + 1
        depth = 0
        for byte in brackets:
            if byte == 40:  # "("
                depth += 1
                if passes + depth > MAX_C_DEPTH:
                    return True
            elif depth:
                depth -= 1
    return _DEEP_INDENT in text  # a substring search: ~20x faster than the pattern it replaced


def _id_node(item_node: Node) -> Node | None:
    if isinstance(item_node, MappingNode):
        for key_node, value_node in item_node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == "id":
                return value_node
    return None


def _yaml_error(error: yaml.MarkedYAMLError, path: str) -> InputError:
    mark = error.problem_mark or error.context_mark
    problem = error.problem or error.context or "invalid YAML"
    if "could not determine a constructor" in problem:
        tag = problem.split("tag", 1)[-1].strip(" '!")
        problem = f"tag '!{_clip(tag, 80)}' is not allowed: breadline loads plain YAML only" if tag else problem
    elif error.context and error.problem:
        problem = f"{error.problem} ({error.context})"
    problem = _clip(problem, 160)  # PyYAML quotes what it read: a 1 MB tag or anchor would be printed whole
    if mark is None:
        return InputError(f"invalid YAML: {_one_line(problem)}", path)
    return InputError(f"invalid YAML: {_one_line(problem)}", path, mark.line + 1, mark.column + 1)


def _short_tag(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else _clip(tag)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _kind(node: Node) -> str:
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, MappingNode):
        return "a mapping"
    if node.tag == _NULL_TAG:
        return "an empty value"
    return f"a single value ('{_clip(node.value)}')"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{_clip(str(value))}'"


def _clip(text: str, width: int = 40) -> str:
    return clip(text, width)


def as_date(value: object) -> dt.date | None:
    """A date as YAML or a tracker export gives it: a date, a timestamp, or ISO text
    ("2026-10-02", "2026-10-02T09:00:00Z"); None for anything else."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None
