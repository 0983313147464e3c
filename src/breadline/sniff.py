"""The one YAML sniffer: does a file's start read as a breadline backlog, before anything is
parsed? Used by `sources` (to skip the tracker code for YAML) and `importers.detect`."""

from __future__ import annotations

import re

_YAML_START = re.compile(rb"^(?:\xef\xbb\xbf)?(?:[ \t]*(?:#[^\n]*)?\r?\n|---[^\n]*\n|%[^\n]*\n)*"
                         rb"(?P<first>-(?:[ \t]|\r?$)|[A-Za-z_][\w -]*:(?:[ \t]|\r?$))", re.MULTILINE)


def looks_like_yaml(raw: bytes) -> bool:
    """A breadline backlog as people write it: after blank lines, comments, `---` and directives,
    its first line is a list item or a `key:` (with no CSV separator on it). Exports start with a
    CSV header or with JSON, so they never pass."""
    match = _YAML_START.match(raw[:4096])
    if not match:
        return False
    start = match.start("first")
    end = raw.find(b"\n", start)
    line = raw[start: end if end >= 0 else len(raw)]
    return line.startswith(b"-") or not any(sep in line for sep in (b",", b";", b"\t"))
