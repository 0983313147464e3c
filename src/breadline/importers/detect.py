"""Which format a file is in, from its first bytes: cheap, and never taking breadline's own YAML
for a tracker export.

A JSON export is recognised by its first character (`[` or `{`, which a block-style YAML backlog
never starts with) *and* by field names only that tracker writes (`"fields"` with `"key"` or
`"issues"` for Jira; `"number"` and `"title"` for GitHub; `"idList"` or `"cards"` with `"idBoard"`
for Trello). A CSV export is recognised by its header row holding the column names its tracker
always writes, in any of the languages `breadline/data/tracker-columns.yaml` lists (Redmine: `#`
beside its `Subject`, in whatever language; YouTrack, checked before Jira because the two share
`Issue Id` and `Summary`: its `State` and `Reporter`), or, for Jira, by its shape: a column of
issue keys (`OC-47`) beside a column of their project keys (`OC`), whatever the header says.
Anything else is YAML, and the YAML loader has the last word on it.
"""

from __future__ import annotations

import codecs
import re

from breadline.errors import InputError
from breadline.importers.tabular import header_cells, normalize
from breadline.sniff import looks_like_yaml

YAML = "yaml"

SOURCES = {
    "jira-csv": "Jira CSV",
    "jira-json": "Jira JSON",
    "github": "GitHub JSON",
    "gitlab": "GitLab CSV",
    "linear": "Linear CSV",
    "azure-devops": "Azure DevOps CSV",
    "redmine": "Redmine CSV",
    "youtrack": "YouTrack CSV",
    "pivotal": "Pivotal Tracker CSV",
    "trello": "Trello JSON",
    "csv": "CSV",
}
"""`--from` names of the tracker exports, and how messages name each. `csv` (any CSV, read with
a field mapping) is never detected: it is what a user asks for."""

DETECTED = tuple(name for name in SOURCES if name != "csv")
"""The formats breadline recognises by their content."""

CHOICES = (YAML, *SOURCES)

ALIASES = {
    "jira": None,  # ambiguous: CSV or JSON, said in the error
    "yml": YAML,
    "jira_csv": "jira-csv",
    "jiracsv": "jira-csv",
    "jira_json": "jira-json",
    "jirajson": "jira-json",
    "gh": "github",
    "github-json": "github",
    "gitlab-csv": "gitlab",
    "linear-csv": "linear",
    "ado": "azure-devops",
    "azure": "azure-devops",
    "azure-devops-csv": "azure-devops",
    "azuredevops": "azure-devops",
    "redmine-csv": "redmine",
    "youtrack-csv": "youtrack",
    "pivotal-tracker": "pivotal",
    "pivotal-csv": "pivotal",
    "pivotaltracker": "pivotal",
    "trello-json": "trello",
    "generic": "csv",
    "spreadsheet": "csv",
}

HEAD = 1024 * 1024
"""How much of a JSON text detection looks at (the fields of the first issue are well inside it)."""

_JIRA_FIELDS = re.compile(r'"fields"\s*:\s*\{')
_JIRA_KEY = re.compile(r'"key"\s*:\s*"[A-Za-z][A-Za-z0-9_]*-\d+"')
_JIRA_MORE = re.compile(r'"(?:issues|key|summary|issuetype)"\s*:')
_TRELLO_CARD = re.compile(r'"idList"\s*:\s*"')
_TRELLO_BOARD = re.compile(r'"(?:idBoard|cards|lists|labelNames)"\s*:')
_TRELLO_LISTS = (re.compile(r'"cards"\s*:\s*\['), re.compile(r'"lists"\s*:\s*\['))
_GITHUB = (re.compile(r'"number"\s*:\s*\d'), re.compile(r'"title"\s*:\s*"'))
_GITHUB_MORE = re.compile(r'"(?:html_url|url|state|labels|body|node_id|repository_url)"\s*:')
_HTML = re.compile(r"^\s*<(?:!doctype html|html|table|head|body)\b", re.IGNORECASE)

_CSV_HEADERS = {
    # YouTrack before Jira: both have `Issue Id` and `Summary`, and YouTrack's `Type` is Jira's too
    "youtrack": ({"issue id", "summary", "state", "reporter"}, {"issue id", "summary", "project", "reporter", "votes"}),
    "jira-csv": ({"summary", "issue key"}, {"summary", "issue id", "issue type"}),
    "gitlab": ({"issue id", "url", "title", "state"},),
    "linear": ({"id", "title", "status", "team"}, {"id", "title", "status", "estimate"},
               {"id", "title", "status", "cycle name"}),
    "azure-devops": ({"id", "work item type", "title"}, {"work item type", "title 1"},
                     {"id", "work item type", "state", "iteration path"}),
    "redmine": ({"#", "subject", "tracker"}, {"#", "subject", "status"}),
    "pivotal": ({"id", "title", "current state"}, {"id", "title", "requested by", "iteration"}),
}
"""Columns each CSV export always has, by their English names (other languages are translated
to these first)."""

_TRANSLATED = ("jira-csv", "azure-devops", "redmine", "youtrack", "pivotal")
"""The exports whose headers come in several languages."""

_ISSUE_KEY = re.compile(r"^([A-Za-z][A-Za-z0-9_]*)-\d+$")


def source_name(requested: str) -> str:
    """The `--from` value as breadline names it, or a UsageError naming the choices."""
    from breadline.errors import UsageError

    name = requested.strip().lower()
    if name in CHOICES:
        return name
    if name in ALIASES:
        alias = ALIASES[name]
        if alias is None:
            raise UsageError(f"--from {requested}: say which Jira export it is, jira-csv or jira-json")
        return alias
    import difflib

    close = difflib.get_close_matches(name, CHOICES, n=1, cutoff=0.6)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    raise UsageError(f"unknown --from '{requested}'{hint}; choose from {', '.join(CHOICES)}")


def decode(data: bytes, path: str) -> str:
    """An export's text: UTF-8 with or without a byte-order mark, or UTF-16 with one (Excel's
    "Unicode Text"). Workbooks and other binary files are refused with a hint."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("is not valid UTF-16 text, though it starts like it", path) from None
    if data.startswith(b"PK\x03\x04"):
        raise InputError("is a zip archive (an Excel .xlsx workbook?), not text: export CSV or JSON instead", path)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError("is an old Excel .xls workbook, not text: export CSV or JSON instead", path)
    stray = stray_nul(data)
    if stray is not None:
        line, column = stray
        raise InputError("holds a NUL character (byte 0), which no text export does: remove it, or export the "
                         "file again", path, line, column)
    from breadline.load import decode as decode_utf8

    try:
        return decode_utf8(data, path)
    except InputError as error:
        found = detect(data[:65536].decode("utf-8", "replace")) if "UTF-8" in error.message else YAML
        if found != YAML:
            how = ("export it again with UTF-8 as the Encoding in Redmine's CSV options" if found == "redmine"
                   else "save the export as UTF-8 (in Excel: CSV UTF-8)")
            raise InputError(f"{error.message}; {how}", path, error.line, error.column) from None
        raise


_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1f\x7f]")


def stray_nul(data: bytes) -> tuple[int, int] | None:
    """Where the first NUL byte of an otherwise textual file stands (line, column), or None when
    there is none or the file is binary through and through (then it is refused as binary)."""
    at = data.find(b"\x00", 0, 1 << 20)
    if at < 0:
        return None
    sample = data[: 1 << 16]
    if sample.count(b"\x00") > 16 and sample.count(b"\x00") * 100 > len(sample):
        return None  # many NULs: a binary file, or UTF-16 without its byte-order mark
    if _CONTROL_BYTES.search(sample):
        return None  # other control bytes too: binary data, not text with one stray NUL
    try:
        sample.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(sample) - 4:
            return None
    line = data.count(b"\n", 0, at) + 1
    start = max(data.rfind(b"\n", 0, at), -1) + 1
    return line, len(data[start:at].decode("utf-8", "replace")) + 1


def detect(text: str) -> str:
    """The `--from` name of the format `text` is in: a tracker export, or "yaml"."""
    head = text[:HEAD].lstrip("\ufeff \t\r\n")
    if head[:1] in ("[", "{"):
        return _json_source(head)
    if _HTML.match(head[:200]):
        return "html"
    if looks_like_yaml(head.encode("utf-8", "surrogatepass")):
        return YAML
    header = header_cells(head)
    cells = {normalize(cell) for cell in header}
    if len(cells) >= 3:
        cells |= {normalize(english) for cell in header for english in _english(cell)}
        for source, signatures in _CSV_HEADERS.items():
            if any(signature <= cells for signature in signatures):
                return source
        if _jira_shape(head):
            return "jira-csv"
    return YAML


def _english(cell: str) -> list[str]:
    from breadline.importers.columns import canonical

    return [name for name in (canonical(tracker, cell) for tracker in _TRANSLATED) if name]


def _jira_shape(head: str) -> bool:
    """A Jira export in a language breadline has no names for: a column whose cells are issue
    keys (`OC-47`) and another holding each key's project (`OC`), as Jira always writes."""
    import csv
    import io

    from breadline.importers.tabular import first_line, sniff_delimiter

    line, _ = first_line(head[:65536])
    reader = csv.reader(io.StringIO(head[:262144], newline=""), delimiter=sniff_delimiter(line))
    try:
        rows = [row for _, row in zip(range(31), reader)][1:]
    except csv.Error:
        return False
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        return False
    width = min(min(len(row) for row in rows), 500)
    for index in range(width):
        keys = [_ISSUE_KEY.match(row[index].strip()) for row in rows]
        if not all(keys):
            continue
        projects = [key.group(1) for key in keys if key]
        if any(all(row[other].strip() == project for row, project in zip(rows, projects))
               for other in range(width) if other != index):
            return True
    return False


def _json_source(head: str) -> str:
    if _JIRA_FIELDS.search(head) and (_JIRA_KEY.search(head) or _JIRA_MORE.search(head)):
        return "jira-json"
    if (_TRELLO_CARD.search(head) and _TRELLO_BOARD.search(head)) or all(p.search(head) for p in _TRELLO_LISTS):
        return "trello"
    if all(pattern.search(head) for pattern in _GITHUB) and _GITHUB_MORE.search(head):
        return "github"
    return YAML


detect_source = detect
"""`detect` under a name that does not shadow this module in `breadline.importers`."""


def looks_tabular(text: str) -> bool:
    """True when the text reads like a CSV file (a header of three or more cells on its first
    line): said when a file is neither a known export nor YAML."""
    from breadline.importers.tabular import first_line

    first, _ = first_line(text.lstrip("\ufeff"))
    if first.lstrip().startswith(("#", "-", "[", "{")) or ": " in first:
        return False
    return len([cell for cell in header_cells(text) if cell.strip()]) >= 3
