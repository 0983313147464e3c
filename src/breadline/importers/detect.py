"""Which format a file is in, from its first bytes: cheap, and never taking breadline's own YAML
for a tracker export.

A JSON export is recognised by its first character (`[` or `{`, which a block-style YAML backlog
never starts with) *and* by field names only that tracker writes (`"fields"` and `"key"` for Jira;
`"number"` and `"title"` for GitHub). A CSV export is recognised by its header row holding the
column names its tracker always writes. Anything else is YAML, and the YAML loader has the last
word on it.
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
}
"""`--from` names of the tracker exports, and how messages name each."""

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
}

HEAD = 1024 * 1024
"""How much of a JSON text detection looks at (the fields of the first issue are well inside it)."""

_JIRA_FIELDS = re.compile(r'"fields"\s*:\s*\{')
_JIRA_KEY = re.compile(r'"key"\s*:\s*"[A-Za-z][A-Za-z0-9_]*-\d+"')
_GITHUB = (re.compile(r'"number"\s*:\s*\d'), re.compile(r'"title"\s*:\s*"'))
_GITHUB_MORE = re.compile(r'"(?:html_url|url|state|labels|body|node_id|repository_url)"\s*:')
_HTML = re.compile(r"^\s*<(?:!doctype html|html|table|head|body)\b", re.IGNORECASE)

_CSV_HEADERS = {
    "jira-csv": ({"summary", "issue key"}, {"summary", "issue id", "issue type"}),
    "gitlab": ({"issue id", "url", "title", "state"},),
    "linear": ({"id", "title", "status", "team"}, {"id", "title", "status", "estimate"},
               {"id", "title", "status", "cycle name"}),
}


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
    from breadline.load import decode as decode_utf8

    try:
        return decode_utf8(data, path)
    except InputError as error:
        if "UTF-8" in error.message and detect(data[:65536].decode("utf-8", "replace")) != YAML:
            raise InputError(f"{error.message}; save the export as UTF-8 (in Excel: CSV UTF-8)",
                             path, error.line, error.column) from None
        raise


def detect(text: str) -> str:
    """The `--from` name of the format `text` is in: a tracker export, or "yaml"."""
    head = text[:HEAD].lstrip("\ufeff \t\r\n")
    if head[:1] in ("[", "{"):
        return _json_source(head)
    if _HTML.match(head[:200]):
        return "html"
    if looks_like_yaml(head.encode("utf-8", "surrogatepass")):
        return YAML
    cells = {normalize(cell) for cell in header_cells(head)}
    if len(cells) >= 3:
        for source, signatures in _CSV_HEADERS.items():
            if any(signature <= cells for signature in signatures):
                return source
    return YAML


def _json_source(head: str) -> str:
    if _JIRA_FIELDS.search(head) and _JIRA_KEY.search(head):
        return "jira-json"
    if all(pattern.search(head) for pattern in _GITHUB) and _GITHUB_MORE.search(head):
        return "github"
    return YAML


detect_source = detect
"""`detect` under a name that does not shadow this module in `breadline.importers`."""


def looks_tabular(text: str) -> bool:
    """True when the text reads like a CSV file (a header of three or more cells on its first
    line): said when a file is neither a known export nor YAML."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    if first.lstrip().startswith(("#", "-", "[", "{")) or ": " in first:
        return False
    return len([cell for cell in header_cells(text) if cell.strip()]) >= 3
