"""The field mapping: which tracker column or field feeds which breadline field.

Trackers have no `customer:` or `evidence:` field, but teams add their own: a Jira "Customer"
custom field, a "Zendesk ticket" column, a "### Customer" question in a GitHub issue form, a
`customer::acme` label. The mapping names them, as `SOURCE=FIELD` pairs:

- SOURCE is a column (CSV), a field id or display name (Jira JSON: `customfield_10050` or
  `Customer`; Jira CSV's `Custom field (Customer)` also answers to `Customer`), the heading of a
  section in the description (`### Customer` in an issue form, `h3. Customer` in Jira), or
  `label:SCOPE` for scoped labels (`label:customer` reads `customer::Acme`, `customer: Acme`,
  `customer/Acme`). Names are compared ignoring case and spacing.
- FIELD is one of `TARGETS`; `ignore` turns off a default.

Defaults (`DEFAULTS`) map the obvious names; the configuration's `tracker.fields` and then the
command line's `--map` are applied on top, the later winning for the same SOURCE.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from breadline.importers import records as rec
from breadline.importers.records import Record
from breadline.importers.text import markdown_to_text, one_line, tidy, wiki_to_text
from breadline.model import Evidence

TARGETS = ("id", "customer", "problem", "evidence", "next", "points", "labels", "serves", "type", "status",
           "url", "title", "description", "ignore")
"""The breadline fields a tracker field can feed (`ignore`: none)."""

ALIASES = {"key": "id", "identifier": "id", "customers": "customer", "who": "customer", "estimate": "points", "story points": "points",
           "label": "labels", "tags": "labels", "summary": "title", "body": "description", "link": "url",
           "address": "url", "skip": "ignore", "none": "ignore"}
"""Other words people use for a target field."""

DEFAULTS: tuple[tuple[str, str], ...] = (
    ("Customer", "customer"),
    ("Customers", "customer"),
    ("Customer name", "customer"),
    ("Problem", "problem"),
    ("Customer problem", "problem"),
    ("Evidence", "evidence"),
    ("Zendesk ticket", "evidence"),
    ("Zendesk tickets", "evidence"),
    ("Zendesk ticket IDs", "evidence"),
    ("Support ticket", "evidence"),
    ("Support tickets", "evidence"),
    ("label:customer", "customer"),
)
"""What breadline maps without being told: columns, fields and headed sections with these names."""

_CUSTOM_FIELD = re.compile(r"^custom field \((.+)\)$")
_ID = re.compile(r"[\w.-]+/[\w.-]+#\d+|#\d+|[A-Za-z][A-Za-z0-9_]*-\d+")
_URL = re.compile(r"^https?://\S+$")
_DATE = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")
_TRAILING_ID = re.compile(r"/(?:tickets?/|conversations?/|cases?/)?#?(\d+)/?$")


@lru_cache(maxsize=4096)
def key(name: str) -> str:
    """How mapping names are compared: any case, single spaces, Jira's `Custom field (...)` unwrapped."""
    folded = " ".join(str(name).split()).casefold()
    custom = _CUSTOM_FIELD.match(folded)
    return custom.group(1).strip() if custom else folded


def check_target(target: str, fail: Callable[[str], Exception], where: str) -> str:
    """The FIELD of a mapping, validated: a known one, or an error saying which it probably meant."""
    name = str(target).strip().lower()
    if name in TARGETS:
        return name
    if name in ALIASES:
        return ALIASES[name]
    close = difflib.get_close_matches(name, TARGETS, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise fail(f"{where} maps to '{target}', which is not a field breadline reads{hint}; "
               f"the fields are {', '.join(TARGETS)}")


def parse_option(values: Iterable[str], fail: Callable[[str], Exception]) -> tuple[tuple[str, str], ...]:
    """`--map` values: `SOURCE=FIELD`, repeated or comma-separated (`A=customer,B=evidence`)."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        pieces = [value]
        if "," in value and all("=" in piece for piece in value.split(",")):
            pieces = value.split(",")
        for piece in pieces:
            source, equals, target = piece.rpartition("=")
            if not equals or not source.strip():
                raise fail(f"--map '{piece}' must be SOURCE=FIELD, e.g. --map \"Customer=customer\"")
            pairs.append((source.strip(), check_target(target, fail, f"--map '{piece}'")))
    return tuple(pairs)


@dataclass(frozen=True)
class FieldMap:
    """The mapping in force: SOURCE -> FIELD pairs, the later winning for the same SOURCE."""

    pairs: tuple[tuple[str, str], ...] = DEFAULTS

    @classmethod
    def of(cls, *layers: Iterable[tuple[str, str]]) -> FieldMap:
        merged: dict[str, tuple[str, str]] = {}
        for layer in (DEFAULTS, *layers):
            for source, target in layer:
                merged[key(source)] = (source, target)
        return cls(tuple(pair for pair in merged.values() if pair[1] != "ignore"))


def values_for(record: Record, source: str) -> tuple[str, list[str]] | None:
    """What `record` holds under the mapping's SOURCE name, and how to name that source in text
    (the column as the export spells it). None when the record has nothing under that name."""
    wanted = key(source)
    if wanted.startswith("label:"):
        scope = wanted[len("label:"):].strip()
        found = []
        for label in record.labels:
            match = re.match(rf"^{re.escape(scope)}\s*(?:::|:|/|=)\s*(.+)$", label, re.IGNORECASE)
            if match:
                found.append(match.group(1).strip())
        return (scope.capitalize(), found) if found else None
    for name, values in record.fields.items():
        if key(name) == wanted or key(record.aliases.get(name, "")) == wanted:
            texts = [value for value in values if value.strip() and value.strip().casefold() not in rec.NO_RESPONSE]
            if texts:
                shown = record.aliases.get(name) or name
                custom = _CUSTOM_FIELD.match(shown.casefold())
                return (shown[len("Custom field ("):-1] if custom else shown), texts
    for heading, text in record.sections.items():
        if key(heading) == wanted:
            return heading, [text]
    return None


def known(records: list[Record], names: set[str], source: str) -> bool:
    """Whether SOURCE names anything in the export: a column or field, a section heading or a label scope."""
    wanted = key(source)
    if wanted.startswith("label:"):
        return True  # labels come and go; a scope no issue uses yet is not a mistake
    if any(key(name) == wanted for name in names):
        return True
    return any(key(name) == wanted for record in records for name in (*record.aliases.values(), *record.sections))


def suggestion(records: list[Record], names: set[str], source: str) -> str | None:
    candidates = set(names) | {name for record in records for name in (*record.aliases.values(), *record.sections)}
    by_key = {key(name): name for name in candidates}
    close = difflib.get_close_matches(key(source), list(by_key), n=1, cutoff=0.6)
    return by_key[close[0]] if close else None


def apply(record: Record, fields: FieldMap) -> None:
    """Fill the record's breadline fields from the sources the mapping names."""
    for source, target in fields.pairs:
        found = values_for(record, source)
        if found is None:
            continue
        shown, values = found
        _assign(record, target, shown, values)


def _assign(record: Record, target: str, shown: str, values: list[str]) -> None:
    if target == "id":
        text = one_line(values[0])
        if text:
            record.id = text
    elif target == "customer":
        for value in values:
            for line in _lines(value):
                if line not in record.customers:
                    record.customers.append(line)
    elif target == "evidence":
        for value in values:
            matched, comment = _comment(value)
            if comment is not None:
                record.evidence.append(comment)
            if matched:
                continue
            for piece in _pieces(value):
                record.evidence.append(_evidence(shown, piece))
    elif target in ("problem", "next", "description"):
        text = tidy("\n\n".join(markdown_to_text(value) for value in values))
        if text:
            setattr(record, target, text)
    elif target in ("title", "type", "status"):
        text = one_line(markdown_to_text(values[0]))
        if text:
            setattr(record, target, text)
            if target == "status":
                record.closed = rec.closed_status(text)
    elif target == "points":
        points = rec.number(values[0])
        if points is None:
            record.notes.append(f"{shown} '{one_line(values[0])[:40]}' is not a number of points; left out")
        else:
            record.points = points
    elif target == "labels":
        for value in values:
            for label in rec.split_list(one_line(value)):
                if label not in record.labels:
                    record.labels.append(label)
    elif target == "serves":
        for value in values:
            for ref in rec.ids_in(_ID, value):
                if ref not in record.serves:
                    record.serves.append(ref)
    elif target == "url":
        address = next((one_line(v) for v in values if _URL.match(one_line(v))), None)
        if address:
            record.url = address
        else:
            record.notes.append(f"{shown} '{one_line(values[0])[:60]}' is not a web address; left out")


_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(?:\[[ xX]\]\s+)?")


def _lines(value: str) -> list[str]:
    """The answers in a value: its list items when it has a list (a table or a remark beside the
    list is not an answer), else its lines."""
    raw = markdown_to_text(value).split("\n")
    listed = [line for line in raw if _LIST_ITEM.match(line)]
    lines = [one_line(_LIST_ITEM.sub("", line)) for line in (listed or raw)]
    return [line for line in lines if line and line.casefold() not in rec.NO_RESPONSE]


def _pieces(value: str) -> list[str]:
    """Several tickets in one cell ("ZD-1, ZD-2" or one per line) are several pieces of evidence;
    a sentence with commas in it is one."""
    pieces: list[str] = []
    for line in _lines(value):
        parts = [part.strip() for part in re.split(r"[,;]", line)]
        if len(parts) > 1 and all(part and " " not in part for part in parts):
            pieces += parts
        else:
            pieces.append(line)
    return pieces


_JIRA_COMMENT = re.compile(r"^(\d{1,2}/[^\W\d_]{3,10}\.?/\d{2,4} \d{1,2}:\d{2}(?: ?[AaPp]\.? ?[Mm]\.?)?);([^;\n]{0,200});(.*)$",
                           re.DOTALL)
"""A Jira CSV comment cell: `05/Sep/25 7:24 AM;accountId;text` (date, author, text)."""


_PIVOTAL_SIGNATURE = re.compile(r"\s*\(([^()\n]{1,200}) - ([A-Z][a-z]{2} \d{1,2}, \d{4})\)$")
"""How a Pivotal Tracker comment cell ends: `text (Author - Jul 28, 2012)`; looked for in the
cell's last characters only, so a long cell costs no more than a short one."""


def _comment(value: str) -> tuple[bool, Evidence | None]:
    """A Jira or Pivotal Tracker comment cell as evidence: whether the value is one, and its text
    dated by the comment (None when the comment says nothing)."""
    match = _JIRA_COMMENT.match(value.strip())
    date_text, body = (match.group(1), match.group(3)) if match else (None, None)
    if not match:
        cell = value.strip()
        pivotal = _PIVOTAL_SIGNATURE.search(cell, max(0, len(cell) - 300))
        if not pivotal:
            return False, None
        date_text, body = pivotal.group(2), markdown_to_text(cell[:pivotal.start()])
    try:
        date = dt.date.fromisoformat(rec.iso_date(date_text))
    except ValueError:
        return False, None
    text = one_line(wiki_to_text(body))
    if not text:
        return True, None
    return True, Evidence(text if len(text) <= 300 else text[:299] + "…", date)


def _evidence(shown: str, value: str) -> Evidence:
    """One piece of evidence, named so that it reads on its own: a bare ticket number from a
    "Zendesk ticket" column becomes "Zendesk ticket 4411"; an address keeps its column's name."""
    if _URL.match(value):
        number = _TRAILING_ID.search(value.rstrip("/"))
        return Evidence(f"{shown} {number.group(1)}" if number else shown, None, value)
    dated = _DATE.search(value)
    date = None
    if dated:
        try:
            date = dt.date.fromisoformat(dated.group(0))
        except ValueError:
            date = None
    if " " in value or len(value) > 40 or shown.casefold() in value.casefold() or key(shown) == "evidence":
        return Evidence(value, date)
    return Evidence(f"{shown} {value}", date)
