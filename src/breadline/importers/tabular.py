"""CSV exports as trackers and spreadsheets write them: a header row, then one row per issue.

Handles what real files do: a byte-order mark, Windows line endings, cells quoted across several
lines, Excel's `sep=;` hint line and `;`-separated files from European locales, tab-separated
text, repeated columns (Jira writes one `Labels` column per label), rows Excel shortened by
dropping empty trailing cells, and a header repeated where two exports were concatenated.
Every row remembers the physical line it starts on, so findings and errors can point at it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from breadline.errors import InputError
from breadline.importers.columns import normalize

if TYPE_CHECKING:
    from breadline.importers.records import Parsed, Record

DELIMITERS = (",", ";", "\t")
FIELD_LIMIT = 64 * 1024 * 1024
"""The longest cell read (csv's own default, 128 KiB, is shorter than some pasted logs)."""

_SEP_HINT = re.compile(r"^sep=(.)\s*$", re.IGNORECASE)
_EXCEL_TEXT = re.compile(r'^="(.*)"$', re.DOTALL)




@dataclass(frozen=True)
class Row:
    line: int
    """The physical line the row starts on (1-based, counting the header)."""
    number: int
    """The row's place among the data rows (1-based)."""
    cells: tuple[str, ...]


class Table:
    """A parsed CSV export: its header and its data rows, with cells found by column name."""

    def __init__(self, header: list[str], rows: list[Row], path: str, delimiter: str, header_line: int):
        self.header = [cell.replace("\ufeff", "").strip() for cell in header]
        self.rows = rows
        self.path = path
        self.delimiter = delimiter
        self.header_line = header_line
        self.empty_rows: list[int] = []
        """Lines of rows whose cells are all empty (spreadsheets leave them behind)."""
        self.repeated_headers: list[int] = []
        """Lines where the header row appears again (two exports pasted together)."""
        self.columns: dict[str, list[int]] = {}
        for index, name in enumerate(self.header):
            if name:
                self.columns.setdefault(normalize(name), []).append(index)

    def alias(self, name: str, column: str, first: bool = False) -> bool:
        """Let `name` find the column the header calls `column` too (a column named in another
        language, or by `--map`; `first`: before any column of that name). False when the header
        has no such column."""
        indexes = self.columns.get(normalize(column))
        if not indexes:
            return False
        known = self.columns.setdefault(normalize(name), [])
        added = [index for index in indexes if index not in known]
        if first:
            known[:0] = added
        else:
            known.extend(added)
        return True

    def mapped(self, aliases: dict[str, str] | None) -> None:
        """Let each field a `--map` names (`aliases`: field -> column) find that column first."""
        for name, column in (aliases or {}).items():
            self.alias(name, column, first=True)

    def parsed(self, source: str) -> Parsed:
        """What a reader of `source` makes of this export before its first row: every column's
        name (to check `--map` against) and the rows that are not issues (`skips`)."""
        from breadline.importers.records import Parsed

        parsed = Parsed(source, [], names=set(self.header))
        parsed.skipped += self.skips()
        return parsed

    def records(self) -> Iterator[tuple[Row, Record]]:
        """Each data row, with a new record that points at the line the row starts on."""
        from breadline.importers.records import Record

        for row in self.rows:
            yield row, Record(row.line, f"line {row.line}")

    def skips(self) -> list:
        """Rows that are not issues: empty ones, and the header again where exports were pasted together."""
        from breadline.importers.records import Skip

        found = [Skip(f"line {line}", "empty row") for line in self.empty_rows]
        found += [Skip(f"line {line}", "repeated header row (two exports pasted together?)") for line in self.repeated_headers]
        return sorted(found, key=lambda skip: int(skip.where.split()[1]))

    def has(self, *names: str) -> bool:
        return any(normalize(name) in self.columns for name in names)

    def find(self, *names: str) -> str | None:
        """The first of `names` that is a column, as the header spells it."""
        for name in names:
            indexes = self.columns.get(normalize(name))
            if indexes:
                return self.header[indexes[0]]
        return None

    def matching(self, pattern: re.Pattern[str]) -> list[str]:
        """Column names (as normalized) that match `pattern`, in header order."""
        return [name for name in self.columns if pattern.search(name)]

    def values(self, row: Row, *names: str) -> list[str]:
        """The non-empty cells of every column called one of `names` (repeated columns too)."""
        found: list[str] = []
        for name in names:
            for index in self.columns.get(normalize(name), ()):
                if index < len(row.cells):
                    value = clean_cell(row.cells[index])
                    if value:
                        found.append(value)
        return found

    def value(self, row: Row, *names: str) -> str | None:
        found = self.values(row, *names)
        return found[0] if found else None

    def record(self, row: Row) -> dict[str, list[str]]:
        """Every non-empty cell of the row under its column's name (as the header spells it)."""
        fields: dict[str, list[str]] = {}
        for index, cell in enumerate(row.cells):
            if index < len(self.header) and self.header[index]:
                value = clean_cell(cell)
                if value:
                    fields.setdefault(self.header[index], []).append(value)
        return fields

    def require(self, source: str, *alternatives: tuple[str, ...], targets: dict[str, str] | None = None) -> None:
        """Refuse a file that lacks a column the source cannot do without; `targets` (column ->
        the breadline field it feeds) says which `--map` would name it."""
        for names in alternatives:
            if not self.has(*names):
                wanted = " or ".join(f"'{name}'" for name in names)
                shown = ", ".join(name for name in self.header if name)
                shown = shown if len(shown) <= 200 else shown[:199] + "…"
                target = (targets or {}).get(names[0])
                hint = (f"; if another column holds it, name it: --map \"COLUMN={target}\" (or tracker.fields)"
                        if target else "")
                raise InputError(f"is not a {source} export: it has no {wanted} column (its columns: {shown}){hint}",
                                 self.path, self.header_line, 1)


def clean_cell(value: str) -> str:
    """A cell's text without Excel's `="..."` wrapper, surrounding space or a stray BOM."""
    value = value.replace("\ufeff", "").strip()
    excel = _EXCEL_TEXT.match(value)
    if excel:
        value = excel.group(1).replace('""', '"').strip()
    return value


def sniff_delimiter(line: str) -> str:
    """The delimiter a header line uses: the most frequent of `,` `;` and tab outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


_LINE_END = re.compile(r"\r\n|\r|\n")


def first_line(text: str) -> tuple[str, int]:
    """The header line of a CSV text (after any `sep=` hint) and its 1-based line number. Lines
    end in LF, CRLF or a lone CR (old Mac exports)."""
    lines = _LINE_END.split(text, 2)
    if lines and _SEP_HINT.match(lines[0]):
        return (lines[1] if len(lines) > 1 else ""), 2
    return (lines[0] if lines else ""), 1


def header_cells(text: str) -> list[str]:
    """The cells of the header row, read cheaply (only the first line is parsed)."""
    line, _ = first_line(text[:65536])
    try:
        return next(csv.reader([line], delimiter=sniff_delimiter(line)), [])
    except csv.Error:
        return []


def read_table(text: str, path: str) -> Table:
    """Parse a CSV text into a Table, or raise an InputError naming the line that breaks it."""
    line, header_line = first_line(text)
    hint = _SEP_HINT.match(_LINE_END.split(text, 1)[0]) if text else None
    delimiter = hint.group(1) if hint else sniff_delimiter(line)
    body = _LINE_END.split(text, 1)[1] if hint and _LINE_END.search(text) else ("" if hint else text)
    offset = header_line - 1
    previous = csv.field_size_limit()
    csv.field_size_limit(max(previous, FIELD_LIMIT))
    try:
        rows = list(_rows(body, delimiter, path, offset))
    finally:
        csv.field_size_limit(previous)
    if not rows:
        raise InputError("is empty: expected a header row and one row per issue", path)
    header_row, *data = rows
    table = Table(list(header_row.cells), [], path, delimiter, header_row.line)
    width = len(table.header)
    numbered: list[Row] = []
    plain_header = [normalize(cell) for cell in header_row.cells]
    for row in data:
        cells = row.cells
        if not any(cell.strip() for cell in cells):
            table.empty_rows.append(row.line)
            continue
        if [normalize(cell) for cell in cells] == plain_header:
            table.repeated_headers.append(row.line)
            continue
        if len(cells) > width:
            spill = [cell for cell in cells[width:] if cell.strip()]
            if spill:
                raise InputError(
                    f"row {len(numbered) + 1} has {len(cells)} cells but the header has {width} "
                    f"(is a quote missing, or a '{_shown(delimiter)}' inside an unquoted cell?)",
                    path, row.line, 1)
            cells = cells[:width]
        numbered.append(Row(row.line, len(numbered) + 1, tuple(cells)))
    table.rows = numbered
    return table


def _rows(body: str, delimiter: str, path: str, offset: int) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(body, newline=""), delimiter=delimiter, strict=True)
    ended = 0
    while True:
        start = ended + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise _csv_error(error, path, start + offset, reader.line_num + offset) from None
        ended = reader.line_num
        if not cells:
            continue  # a blank line
        yield Row(start + offset, 0, tuple(cells))


def _csv_error(error: csv.Error, path: str, start: int, stop: int) -> InputError:
    message = str(error)
    if "unexpected end of data" in message or "EOF" in message:
        return InputError(f"a quoted cell in the row starting on line {start} is never closed "
                          f"(the file ends inside it)", path, start, 1)
    if "expected after" in message:
        return InputError("a quote inside a quoted cell must be doubled (\"\"), or the cell is not closed "
                          f"before the next '{message.split(chr(39))[1] if chr(39) in message else ','}'",
                          path, stop, 1)
    if "field larger than field limit" in message:
        return InputError(f"a cell is longer than {FIELD_LIMIT // 2**20} MiB", path, start, 1)
    if "new-line character" in message or "NUL" in message:
        return InputError(f"the row starting on line {start} cannot be read as CSV ({message})", path, start, 1)
    return InputError(f"invalid CSV: {message}", path, start, 1)


def _shown(delimiter: str) -> str:
    return "tab" if delimiter == "\t" else delimiter
