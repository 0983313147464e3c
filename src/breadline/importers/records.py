"""What every tracker reader produces: one `Record` per issue, a `Skip` for every row that does not
become an item (and why), and the `serves` links that the trackers' own links imply.

Readers fill records with what their format says; `breadline.importers.build` then applies the
field mapping, the links, the filters and the clipping, and turns records into a `Backlog`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from breadline.importers.text import one_line, raw_cut
from breadline.model import Evidence

CLOSED_STATUSES = frozenset({
    "done", "closed", "resolved", "complete", "completed", "cancelled", "canceled", "won't do", "wont do",
    "won't fix", "wontfix", "duplicate", "released", "shipped", "merged", "rejected", "declined", "archived",
    "obsolete", "invalid", "not planned",
})
"""Status names that mean the work is over, for trackers that do not say so in another field."""

TYPE_LABELS = frozenset({
    "bug", "defect", "feature", "enhancement", "improvement", "chore", "story", "user story", "epic", "task",
    "spike", "tech-debt", "tech debt", "techdebt", "refactor", "refactoring", "maintenance", "documentation",
    "docs", "incident", "question", "support",
})
"""Labels that GitHub, GitLab and Linear teams use to say what kind of issue it is."""

_TYPE_PREFIX = re.compile(r"^(?:type|kind|t)\s*(?:::|:|/)\s*(.+)$", re.IGNORECASE)
_POINTS_LABEL = re.compile(
    r"^(?:(?:story[ -]?)?points?|sp|pts|estimate|size)\s*(?:::|:|=|/|\s)\s*(\d+(?:[.,]\d+)?)$"
    r"|^(\d+(?:[.,]\d+)?)\s*(?:story[ -]?)?(?:points?|pts?|sp)$",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"^[+]?\d+(?:[.,]\d+)?$|^[+]?\d*\.\d+$")
ISSUE_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*-\d+$")
"""Jira and Linear keys: PAY-101, ENG-7."""


@dataclass
class Record:
    """One issue as a tracker export gives it, before it becomes an `Item`."""

    line: int
    """Where the issue starts in the export (CSV: the row's first physical line)."""
    where: str
    """How messages name the row: "line 12" or "issues[3]"."""
    column: int = 1
    id: str | None = None
    title: str | None = None
    description: str | None = None
    type: str | None = None
    status: str | None = None
    closed: bool | None = None
    """True when the tracker says the work is over (done, cancelled...), False when open."""
    points: float | None = None
    labels: list[str] = field(default_factory=list)
    url: str | None = None
    serves: list[str] = field(default_factory=list)
    customers: list[str] = field(default_factory=list)
    problem: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    next: str | None = None
    sprints: list[str] = field(default_factory=list)
    """Sprints, cycles, milestones or iterations the issue belongs to (for `--sprint`)."""
    current_sprints: list[str] | None = None
    """The ones the tracker says are running now; None when the export cannot say."""
    extra: dict[str, Any] = field(default_factory=dict)
    """Fields kept for people (priority, sprint, assignee, dates...), written after the known ones."""
    fields: dict[str, list[str]] = field(default_factory=dict)
    """Every source field or column with its text values, for the field mapping."""
    aliases: dict[str, str] = field(default_factory=dict)
    """Other names a source field goes by (Jira: a field's display name for its id)."""
    sections: dict[str, str] = field(default_factory=dict)
    """Headed sections of the description ("### Customer" in an issue form), heading -> text."""
    raw_length: int | None = None
    """The length of the tracker's description when it was too long to convert whole."""
    notes: list[str] = field(default_factory=list)
    """Values that could not be used, each said once on stderr by `breadline import`."""
    parent_ref: str | None = None
    """A parent given by the tracker's internal number (Jira CSV `Parent` = Issue id)."""
    internal_id: str | None = None
    """The tracker's internal number for this issue (Jira `Issue id`), to resolve `parent_ref`."""
    repo: str | None = None
    """For GitHub and GitLab: the repository the issue lives in (owner/name)."""

    @property
    def label(self) -> str:
        return f"{self.id} ({self.where})" if self.id else self.where


@dataclass(frozen=True)
class Skip:
    """A row that did not become an item, and why."""

    where: str
    reason: str
    """Short, and the same for rows skipped for the same reason ("pull request", "no title")."""
    id: str | None = None


@dataclass(frozen=True)
class Relation:
    """`enabler` serves `served`, as a tracker link says ("blocks", "is child of"...)."""

    enabler: str
    served: str
    why: str


@dataclass
class Parsed:
    """What a reader made of an export."""

    source: str
    records: list[Record]
    skipped: list[Skip] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    """Every field or column name the export has (to check `--map` against)."""
    notes: list[str] = field(default_factory=list)
    """What the reader has to say about the export as a whole (printed by `breadline import`)."""


# -- small readers shared by the sources --------------------------------------------------

def number(value: Any) -> float | int | None:
    """A count of points from a cell or field: 3, "3", "2.5", "2,5" (a `;` CSV's decimal comma)."""
    if isinstance(value, bool) or value is None:
        return None
    try:
        if isinstance(value, (int, float)):
            result: float = float(value)
        else:
            text = str(value).strip()
            if len(text) > 40 or not _NUMBER.match(text):
                return None
            result = float(text.replace(",", "."))
    except (OverflowError, ValueError):
        return None  # a 400-digit number is no count of points
    if result != result or result < 0 or result == float("inf"):
        return None
    return int(result) if result.is_integer() else result


_LOCAL_DATE = re.compile(r"^(\d{1,2})[/. -]([^\W\d_]{3,10}\.?)[/. -](\d{2}|\d{4})(?:\s|$)")
"""Jira's `18/sep/26 8:09 PM` with the month in the exporting user's language (`févr.`, `ago`)."""
_DATE_FORMATS = ("%d/%b/%y %I:%M %p", "%d/%b/%Y %I:%M %p", "%d/%b/%y %H:%M", "%d/%b/%y", "%Y-%m-%d %H:%M",
                 "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d.%m.%Y %H:%M", "%d %b %Y",
                 "%d %b %Y %H:%M", "%b %d, %Y", "%B %d, %Y", "%m/%d/%Y %I:%M %p",
                 "%m/%d/%Y %I:%M:%S %p")


def iso_date(value: str) -> str:
    """A tracker's date as YYYY-MM-DD ("14/Oct/26 9:02 AM" from Jira, ISO timestamps from the
    APIs); a date in a form not known here is kept as written."""
    import datetime as dt

    text = value.strip()
    if re.match(r"^\d{4}([-/])\d{2}\1\d{2}(?:[T ]|$)", text):
        return text[:10].replace("/", "-")  # ISO, or Redmine's 2022/08/22 in Japanese
    local = _LOCAL_DATE.match(text)
    if local:
        from breadline.importers.columns import month

        number = month(local.group(2))
        if number:
            year = int(local.group(3))
            try:
                return dt.date(year + 2000 if year < 100 else year, number, int(local.group(1))).isoformat()
            except ValueError:
                return text
    for layout in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, layout).date().isoformat()
        except ValueError:
            continue
    return text


def closed_status(status: str | None) -> bool | None:
    if not status:
        return None
    return status.strip().casefold() in CLOSED_STATUSES


def type_from_labels(labels: list[str]) -> str | None:
    """The kind of issue its labels say: `bug`, `type::feature`, `kind/chore`..."""
    for label in labels:
        prefixed = _TYPE_PREFIX.match(label.strip())
        if prefixed:
            return prefixed.group(1).strip()
    for label in labels:
        if label.strip().casefold() in TYPE_LABELS:
            return label.strip()
    return None


def points_from_labels(labels: list[str]) -> float | int | None:
    """Points GitHub and GitLab teams put in labels: `points: 3`, `3 points`, `sp/5`, `estimate::2`."""
    for label in labels:
        found = _POINTS_LABEL.match(label.strip())
        if found:
            return number(found.group(1) or found.group(2))
    return None


def split_list(value: str) -> list[str]:
    """A cell that holds several values separated by commas (GitLab and Linear labels)."""
    return [part.strip() for part in value.split(",") if part.strip()]


_REPO = re.compile(r"^https?://[^/]+/(?P<repo>.+?)/(?:-/)?(?:issues|pull|merge_requests)/\d+")


def repo_of(url: str | None) -> str | None:
    """owner/name (GitLab: group/subgroup/name) from an issue's web address."""
    if not url:
        return None
    found = _REPO.match(url)
    return found.group("repo") if found else None


# -- links written in text: "Blocked by #12", "Part of PAY-7" -----------------------------

_REF = r"(?:[\w.-]+/[\w.-]+)?#\d+|[A-Z][A-Z0-9]+-\d+"
_REFS = rf"((?:{_REF})(?:\s*(?:,|and|&)\s*(?:{_REF}))*)"
_SERVES_OTHER = re.compile(
    rf"\b(?:blocks|blocking|is blocking|required for|needed for|prerequisite (?:for|of)|enables|part of|"
    rf"parent(?: issue)?\s*:|sub-?(?:issue|task) of|child of|implements)\s*:?\s*{_REFS}",
    re.IGNORECASE,
)
_ONE_REF = re.compile(_REF)

TOKEN_LIMIT = 200
"""The longest word (a run without whitespace) that ids are looked for in (`ids_in`)."""


def ids_in(pattern: re.Pattern[str], text: str) -> list[str]:
    """What `pattern.findall(text)` finds, for a pattern of ids that never span whitespace
    (`ABC-12`, `#12`, `owner/repo#12`), word by word, leaving out words longer than `TOKEN_LIMIT`:
    such patterns try every place of a long run of letters and take time quadratic in its length
    (a 100,000-character cell), and no id is that long."""
    return [found for word in text.split() if len(word) <= TOKEN_LIMIT for found in pattern.findall(word)]


def text_links(text: str) -> list[str]:
    """The items a body says this one serves: "blocks #14", "part of #10", "parent: ENG-3".

    Only this direction is read. "Blocked by #12" would make #12 serve this item, but the audit's
    own reading of the text (`breadline.infer`) takes any id an item mentions as one it serves, so
    the item would then serve #12 as well: a loop that traces nowhere (BL602)."""
    return [ref for match in _SERVES_OTHER.finditer(text) for ref in ids_in(_ONE_REF, match.group(1))]


# -- headed sections of a description (issue forms) ---------------------------------------

_MD_HEADING = re.compile(r"^ {0,3}(?:#{1,6}[ \t]+(?P<hash>[^\n]+?)[ \t#]*|\*\*(?P<bold>[^*\n]+?):?\*\*:?[ \t]*)$",
                         re.MULTILINE)
_WIKI_HEADING = re.compile(r"^[ \t]*h[1-6]\.[ \t]*(?P<hash>[^\n]+?)[ \t]*$|^[ \t]*\*(?P<bold>[^*\n]+?):?\*:?[ \t]*$",
                           re.MULTILINE)
NO_RESPONSE = frozenset({"_no response_", "no response", "n/a", "na", "none", "-", "—", "tbd", "?"})


def titled(record: Record, title: str | None, parsed: Parsed, missing: str) -> bool:
    """Give a tracker row's record its title, on one line; a row without one is skipped, `missing`
    saying why ("no Title", "empty Summary"), and False is returned."""
    if not title:
        parsed.skipped.append(Skip(record.where, missing, record.id))
        return False
    record.title = one_line(title)
    return True


def described(record: Record, raw: str | None, to_text: Callable[[str], str], *, wiki: bool = False) -> str | None:
    """Give the record its description from a cell's raw text: cut to its bound (`raw_cut`, the
    length before kept), read as plain text by `to_text`, and its headed sections. Returns the
    raw text as cut, for what else a reader finds in it (links), or None for an empty cell."""
    if not raw:
        return None
    raw, record.raw_length = raw_cut(raw)
    record.description = to_text(raw) or None
    record.sections = sections(raw, wiki=wiki)
    return raw


def sections(text: str | None, wiki: bool = False) -> dict[str, str]:
    """A body's headed sections: "### Customer\\n\\nAcme" (GitHub issue forms, templates) or Jira's
    "h3. Customer". Section text is raw; an empty answer ("_No response_") is left out."""
    if not text:
        return {}
    pattern = _WIKI_HEADING if wiki else _MD_HEADING
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found: dict[str, str] = {}
    matches = list(pattern.finditer(text))
    for index, match in enumerate(matches):
        heading = (match.group("hash") or match.group("bold") or "").strip().rstrip(":").strip()
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        body = text[match.end():end].strip()
        if heading and body and body.casefold() not in NO_RESPONSE:
            found.setdefault(heading, body)
    return found
