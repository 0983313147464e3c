"""Where backlogs come from: breadline's YAML, or a tracker export read directly.

`load_backlog` is the one entry point the audit uses; tracker formats plug in here. Without a
`source`, the content decides (see `breadline.importers.detect`): a Jira, GitHub, GitLab or Linear
export is read as one, anything else as breadline's YAML. The tracker field mapping comes from
the configuration that applies to the file (`tracker:` in breadline.yaml), unless given.
"""

from __future__ import annotations

from breadline.errors import InputError
from breadline.load import decode, load, load_text, read_bytes
from breadline.model import Backlog
from breadline.sniff import looks_like_yaml

YAML = "yaml"


def load_backlog(path: str, source: str | None = None, data: bytes | None = None, *,
                 options=None, config=None) -> Backlog:
    """Load the backlog at `path` (or the bytes `data`, named `path`), as `source` says or as
    its content shows. `options` (an `ImportOptions`) says how to read a tracker export; without
    it, the tracker settings of `config` apply, or of the configuration found beside the file."""

    if source:
        from breadline import importers

        chosen = importers.source_name(source)
        if chosen == YAML:
            return load_text(decode(data, path), path) if data is not None else load(path)
        raw = data if data is not None else read_bytes(path)
        return importers.to_backlog(importers.read_export(path, raw, chosen, _options_for(path, options, config)))
    raw = data if data is not None else read_bytes(path)
    chosen = _detect(raw, path)
    if chosen == YAML:
        return _load_yaml(raw, path)
    from breadline import importers  # only for exports: the YAML path stays light

    try:
        export = importers.read_export(path, raw, None, _options_for(path, options, config), detected=chosen)
    except InputError:
        backlog = _yaml_after_all(raw, path) if chosen not in importers.JSON_SOURCES else None
        if backlog is None:
            raise
        return backlog
    return importers.to_backlog(export)


def _yaml_after_all(raw: bytes, path: str) -> Backlog | None:
    """A file the detection took for a CSV export but could not read as one: if it is in fact a
    valid breadline backlog, it is read as that (detection must never cost a YAML file its audit).
    Not for JSON: JSON is YAML too, and a broken GitHub export must not pass as a backlog."""
    try:
        return load_text(decode(raw, path), path)
    except InputError:
        return None


def _detect(raw: bytes, path: str) -> str:
    """The format of `raw`, looking only at its start; "yaml" for anything not an export."""
    if looks_like_yaml(raw):
        return YAML  # decided without loading the tracker code
    from breadline.importers.detect import HEAD, detect

    head = raw[:HEAD]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return detect(raw.decode("utf-16"))
        except UnicodeDecodeError:
            return YAML
    return detect(head.decode("utf-8", "ignore"))


def _load_yaml(raw: bytes, path: str) -> Backlog:
    """breadline's YAML, with a better word than a YAML error for a CSV nobody recognised."""
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")) or b"\x00" in raw[:8192]:
        from breadline.importers import decode as decode_export

        decode_export(raw, path)  # says it is a workbook, or where a stray NUL stands
    text = decode(raw, path)
    try:
        return load_text(text, path)
    except InputError:
        from breadline.importers.detect import looks_tabular

        if looks_tabular(text) or _foreign_json(text):
            from breadline.importers import unrecognised

            raise unrecognised(text, path) from None
        raise


def _foreign_json(text: str) -> bool:
    """JSON that is not meant as a backlog (no `items:` mapping, no list of items with titles): an
    export of something breadline does not read, to be named as such rather than as a YAML shape."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:1] not in ("[", "{"):
        return False
    import json

    try:
        value = json.loads(head)
    except (ValueError, RecursionError):
        return False  # not JSON after all: the YAML error says where it breaks
    if isinstance(value, dict):
        return "items" not in value
    if isinstance(value, list):
        return not any(isinstance(entry, dict) and ("title" in entry or "id" in entry) for entry in value[:100])
    return True


def _options_for(path: str, options=None, config=None):
    """How to read an export: `options` when given, else the tracker settings of `config`, else
    those of the configuration that applies to `path` (the nearest one)."""
    if options is not None:
        return options
    import os

    from breadline.config import discover, load_config
    from breadline.importers import ImportOptions

    if config is None:
        where = path if path not in ("-", "<stdin>") else os.path.join(os.getcwd(), "-")
        config = load_config(discover(where))
    return ImportOptions(fields=config.tracker_fields, url=config.tracker_url)
