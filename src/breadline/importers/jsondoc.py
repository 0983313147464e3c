"""JSON exports with the line each issue starts on.

The standard library's parser gives values but no positions, so the top of the document is
walked here with `JSONDecoder.raw_decode`, which parses one value at a given offset and says where
it ends: the offset where each issue's `{` stands becomes its line and column. Several documents
one after another (`gh api --paginate` prints one array per page) are read as one list.
"""

from __future__ import annotations

import bisect
import json
import re
from dataclasses import dataclass
from typing import Any

from breadline.errors import InputError

MAX_DIGITS = 40
"""Digits a JSON integer may have and still be read as a number (no id, count or estimate has
more); a longer one is kept as its text, so a 5000-digit `number` is an error, not a crash."""


class Digits(str):
    """A JSON integer too long to be a number, kept as its digits."""


def _integer(text: str) -> int | Digits:
    return int(text) if len(text.lstrip("-")) <= MAX_DIGITS else Digits(text)


_DECODER = json.JSONDecoder(parse_int=_integer)
_SPACE = " \t\n\r"


@dataclass(frozen=True)
class Element:
    """One issue of a JSON export, where it stands, and how a message names it."""

    value: Any
    line: int
    column: int
    path: str
    """Its JSON path: `issues[3]`, `[3]`, or `[2][3]` for the fourth issue of the third page."""
    offset: int = 0

    def error(self, message: str, file: str) -> InputError:
        """An error about this issue, naming its JSON path, line and column in `file`."""
        return InputError(f"{self.path}: {message}", file, self.line, self.column)

    def issue(self, file: str) -> dict[str, Any]:
        """The issue object itself; anything else is an error naming where it stands."""
        if not isinstance(self.value, dict):
            raise self.error(f"expected an issue object, not {kind(self.value)}", file)
        return self.value


class Document:
    """A JSON text parsed into its top-level values, with offsets turned into lines on demand."""

    def __init__(self, text: str, path: str):
        self.text = text
        self.path = path
        self.values: list[tuple[Any, int]] = []
        self._starts: list[int] | None = None
        index = _skip(text, 0)
        if index >= len(text):
            raise InputError("is empty: expected JSON", path)
        while index < len(text):
            value, end = self.decode(index)
            self.values.append((value, index))
            index = _skip(text, end)

    def decode(self, index: int) -> tuple[Any, int]:
        try:
            return _DECODER.raw_decode(self.text, index)
        except json.JSONDecodeError as error:
            raise InputError(f"invalid JSON: {error.msg}", self.path, error.lineno, error.colno) from None
        except RecursionError:
            line, column = self.position(index)
            raise InputError("JSON values are nested too deeply", self.path, line, column) from None
        except ValueError as error:  # a number Python will not convert, and the like
            line, column = self.position(index)
            raise InputError(f"invalid JSON: {str(error)[:80]}", self.path, line, column) from None

    def position(self, offset: int) -> tuple[int, int]:
        if self._starts is None:
            self._starts = [0] + [match.end() for match in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def element(self, value: Any, offset: int, path: str) -> Element:
        line, column = self.position(offset)
        return Element(value, line, column, path, offset)

    def array(self, offset: int, path: str) -> list[Element]:
        """The elements of the array starting at `offset`."""
        found: list[Element] = []
        index = _skip(self.text, offset + 1)
        number = 0
        while index < len(self.text) and self.text[index] != "]":
            value, end = self.decode(index)
            found.append(self.element(value, index, f"{path}[{number}]"))
            number += 1
            index = _skip(self.text, end)
            if index < len(self.text) and self.text[index] == ",":
                index = _skip(self.text, index + 1)
        return found

    def member(self, offset: int, key: str) -> int | None:
        """The offset of the value of `key` in the object starting at `offset`."""
        index = _skip(self.text, offset + 1)
        while index < len(self.text) and self.text[index] == '"':
            name, end = self.decode(index)
            index = _skip(self.text, end)
            if index >= len(self.text) or self.text[index] != ":":
                return None
            index = _skip(self.text, index + 1)
            if name == key:
                return index
            _, end = self.decode(index)
            index = _skip(self.text, end)
            if index < len(self.text) and self.text[index] == ",":
                index = _skip(self.text, index + 1)
        return None

    def elements(self, key: str | None = None) -> list[Element]:
        """The issues of the document: the elements of its top-level array (of every page, when
        there are several), or of the array under `key` in a top-level object."""
        found: list[Element] = []
        many = len(self.values) > 1
        for page, (value, offset) in enumerate(self.values):
            prefix = f"[{page}]" if many else ""
            if isinstance(value, list):
                if value and all(isinstance(inner, list) for inner in value):  # `--slurp`: a list of pages
                    for outer in self.array(offset, prefix):
                        found += self.array(outer.offset, outer.path)
                else:
                    found += self.array(offset, prefix)
            elif isinstance(value, dict) and key is not None and isinstance(value.get(key), list):
                at = self.member(offset, key)
                if at is None:  # pragma: no cover - the parse above found the key
                    raise InputError(f"cannot find `{key}`", self.path)
                found += self.array(at, f"{prefix}{key}" if prefix else key)
            elif isinstance(value, dict):
                found.append(self.element(value, offset, prefix or "$"))
            else:
                line, column = self.position(offset)
                raise InputError(f"expected a JSON list or object, not {_kind(value)}", self.path, line, column)
        return found


def _skip(text: str, index: int) -> int:
    while index < len(text) and text[index] in _SPACE:
        index += 1
    return index


def _kind(value: Any) -> str:
    if isinstance(value, Digits):
        return f"a number of {len(value)} digits"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"


def kind(value: Any) -> str:
    """How an error names a JSON value's type."""
    return _kind(value)
