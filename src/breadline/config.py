"""Configuration: where it is found, what it may say, and the precise error when it is wrong.

Discovery, nearest first: `--config FILE` wins outright, and `--isolated` reads no file at all.
Otherwise breadline walks up from the backlog's folder and, in each folder, takes the first of
`breadline.yaml`, `.breadline.yaml`, and `pyproject.toml` with a `[tool.breadline]` table,
stopping at the repository root (the folder holding `.git`) or the home folder, never above.
Without any, the defaults apply.

Keys (YAML spelling; kebab-case works too, as in TOML):

    backlog: planning/backlog.yaml   # what `breadline audit` reads without a path (relative to this file)
    threshold: 40                 # items scoring below this are superfluous
    on_line: 75                   # traced items scoring at least this are on the line
    weights: {who: 40, problem: 25, evidence: 20, next: 15}   # must add up to 100
    evidence_max_age_days: 365    # older evidence is stale (BL302)
    select: [BL1, BL301]          # codes or prefixes to apply (default: all)
    ignore: [BL104]               # codes or prefixes to leave out
    words:                        # extend or replace the shipped phrase lists
      vague-customers: [the org]             # a list extends
      procedure-motives: {replace: [for the sprint]}
    tracker:                      # how tracker exports are read (`import`, and `audit` of an export)
      fields:                     # a column, field or section heading -> the breadline field it feeds
        Customer: customer
        Zendesk ticket: evidence
      url: https://acme.atlassian.net/browse/{id}   # for exports without issue addresses
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field, replace
from typing import Any

from breadline import words as shipped
from breadline.read import shape
from breadline.match import PatternError, check_pattern
from breadline.clip import clip
from breadline.errors import ConfigError, InputError, UsageError
from breadline.model import LINKS, Settings

CONFIG_FILES = ("breadline.yaml", ".breadline.yaml")
KEYS = ("backlog", "threshold", "on_line", "weights", "evidence_max_age_days", "select", "ignore", "words", "tracker")
TRACKER_KEYS = ("fields", "url")


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, eq=False, repr=False)
class Config:
    """A run's configuration: its settings, the rules selected and ignored, and its word lists."""

    settings: Settings = field(default_factory=Settings)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    words: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    """List name -> ("extend" or "replace", phrases)."""
    path: str | None = None
    """Where the configuration was read from (None: defaults)."""
    tracker_fields: tuple[tuple[str, str], ...] = ()
    """`tracker.fields`: tracker column, field or section heading -> the breadline field it feeds."""
    tracker_url: str | None = None
    """`tracker.url`: the address of an issue, with `{id}` for its key, for exports that give none."""
    backlog: str | None = None
    """`backlog`: the file `breadline audit` reads when given no path, as the configuration names
    it (relative to the configuration's folder)."""

    def word_lists(self) -> shipped.WordLists:
        """The phrase lists with this configuration applied (each read and compiled once)."""
        overrides = self.words

        def lookup(name: str) -> tuple[str, ...]:
            base = shipped.builtin(name)
            if name not in overrides:
                return base
            mode, phrases = overrides[name]
            return phrases if mode == "replace" else base + phrases

        def users(name: str) -> tuple[str, ...]:
            return overrides[name][1] if name in overrides else ()

        return shipped.WordLists(lookup, users)

    def selected(self, codes: Any) -> frozenset[str]:
        """The rule codes to apply: `select` (default all) minus `ignore`."""
        chosen = {c for c in codes if self.select is None or any(c.startswith(p) for p in self.select)}
        return frozenset(c for c in chosen if not any(c.startswith(p) for p in self.ignore))


def discover(backlog_path: str, *, home: str | None = None) -> str | None:
    """The configuration file that applies to a backlog, nearest folder first. The walk up stops
    at the repository's root (the folder holding `.git`) or the user's home, whichever comes
    first, and never looks above it: a breadline.yaml in a parent folder of the repository, or
    in a shared folder such as /tmp, does not change the audit of a backlog in it."""
    folder = os.path.dirname(os.path.abspath(backlog_path))
    home = os.path.abspath(os.path.expanduser("~") if home is None else home)
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _has_tool_table(pyproject):
            return pyproject
        if os.path.exists(os.path.join(folder, ".git")) or folder == home:
            return None
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def config_file(given: str | None, first: str, isolated: bool = False) -> str | None:
    """The configuration file a run reads: `--config` when given, none with `--isolated`, else
    the one discovered above `first` (the first backlog, or the working folder for stdin)."""
    if isolated:
        if given is not None:
            raise UsageError("--isolated reads no configuration file; leave out --config, or --isolated")
        return None
    return given if given is not None else discover(first)


def load_config(path: str | None) -> Config:
    """Read and validate the configuration at `path` (None: the defaults)."""
    if path is None:
        return Config()
    if not path:
        raise ConfigError("the configuration file name is empty")
    raw = _read(path)
    return _validate(raw, path)


def _has_tool_table(path: str) -> bool:
    try:
        return "breadline" in _toml(path).get("tool", {})
    except ConfigError:
        return True  # a broken pyproject.toml that may hold our table: let loading report it


def _as_config_error(error: InputError) -> ConfigError:
    found = ConfigError(error.message, error.path, error.line, error.column)
    found.others = error.others
    return found


def _text(path: str) -> str:
    from breadline.load import read_text

    try:
        return read_text(path)
    except InputError as error:
        if error.message == "no such file":
            raise ConfigError("no such configuration file", path) from None
        raise _as_config_error(error) from None


def _toml(path: str) -> dict[str, Any]:
    import tomllib

    text = _text(path)
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {clip(str(error), 120)}", path) from None
    except RecursionError:
        raise ConfigError("values are nested too deeply", path) from None
    except ValueError as error:  # an integer of more digits than Python converts
        raise ConfigError(f"invalid TOML: {clip(str(error), 80)}", path) from None
    tool = table.get("tool", {})
    return {"tool": tool} if isinstance(tool, dict) else {}


def _read(path: str) -> dict[str, Any]:
    if path.endswith(".toml"):
        table = _toml(path).get("tool", {}).get("breadline")
        if table is None:
            raise ConfigError("has no [tool.breadline] table", path)
        if not isinstance(table, dict):
            raise ConfigError("[tool.breadline] must be a table", path)
        return table
    from breadline.load import load_plain

    try:
        data = load_plain(_text(path), path)
    except InputError as error:
        raise _as_config_error(error) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError("the configuration must be a mapping of keys to values", path)
    return data


def _validate(raw: dict[str, Any], path: str) -> Config:
    def fail(message: str) -> ConfigError:
        return ConfigError(message, path)

    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = str(key).replace("-", "_")
        if name not in KEYS:
            close = difflib.get_close_matches(name, KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; known keys: {', '.join(KEYS)}"
            raise fail(f"unknown key '{clip(str(key), 40)}'{hint}")
        values[name] = value

    settings = Settings()
    changes: dict[str, Any] = {}
    for name in ("threshold", "on_line"):
        if name in values:
            changes[name] = _integer(values[name], name, 0, 100, fail)
    if "evidence_max_age_days" in values:
        changes["evidence_max_age_days"] = _integer(values["evidence_max_age_days"], "evidence_max_age_days",
                                                    1, 100_000, fail)
    if "weights" in values:
        weights = values["weights"]
        if not isinstance(weights, dict):
            raise fail("`weights` must be a mapping of link to points, e.g. {who: 40, problem: 25, evidence: 20, next: 15}")
        merged = dict(settings.weights)
        for link, points in weights.items():
            if link not in LINKS:
                raise fail(f"`weights` has unknown link '{clip(str(link), 40)}'; the links are {', '.join(LINKS)}")
            merged[link] = _integer(points, f"weights.{link}", 0, 100, fail)
        if sum(merged.values()) != 100:
            raise fail(f"`weights` must add up to 100 (they add up to {sum(merged.values())}: {merged})")
        changes["weights"] = merged
    settings = replace(settings, **changes, config=path)

    select = codes(values["select"], "select", fail) if "select" in values else None
    ignore = codes(values.get("ignore", []), "ignore", fail)
    word_overrides = _words(values.get("words", {}), fail)
    tracker_fields, tracker_url = _tracker(values.get("tracker", {}), fail)
    backlog = values.get("backlog")
    if backlog is not None and (not isinstance(backlog, str) or not backlog.strip() or "\0" in backlog):
        raise fail(f"`backlog` must name a backlog file, like planning/backlog.yaml, not {_show(backlog)}")
    if backlog is not None:
        backlog = os.path.join(os.path.dirname(path), backlog.strip()) if path else backlog.strip()
    return Config(settings=settings, select=select, ignore=ignore, words=word_overrides, path=path,
                  tracker_fields=tracker_fields, tracker_url=tracker_url, backlog=backlog)


def _integer(value: Any, name: str, low: int, high: int, fail) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise fail(f"`{name}` must be a whole number from {low} to {high}, not {_show(value)}")
    return value


def codes(value: Any, name: str, fail) -> tuple[str, ...]:
    """Rule codes or prefixes from a list or a comma-separated text; `fail(message)` makes the error."""
    from breadline.rules import RULES

    if isinstance(value, str):
        value = [part for part in value.replace(",", " ").split() if part]
    elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        value = [part for v in value for part in v.replace(",", " ").split() if part]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise fail(f"`{name}` must be a list of rule codes or prefixes, e.g. [BL1, BL301]")
    codes = tuple(v.strip().upper() for v in value)
    for code in codes:
        if not any(known.startswith(code) for known in RULES) or not code.startswith("BL"):
            raise fail(f"`{name}` has '{clip(code, 40)}', which is neither a rule code nor a prefix of one")
    return codes


def _words(value: Any, fail) -> dict[str, tuple[str, tuple[str, ...]]]:
    if not isinstance(value, dict):
        raise fail("`words` must map a list name to phrases, e.g. {vague-customers: [the org]}")
    available = shipped.available()
    result: dict[str, tuple[str, tuple[str, ...]]] = {}
    for name, spec in value.items():
        if name not in available:
            close = difflib.get_close_matches(str(name), available, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; the lists are {', '.join(available)}"
            raise fail(f"`words` has unknown list '{clip(str(name), 40)}'{hint}")
        mode, phrases = "extend", spec
        if isinstance(spec, dict):
            if len(spec) != 1 or next(iter(spec)) not in ("extend", "replace"):
                raise fail(f"`words.{name}` must be a list, or {{extend: [...]}} or {{replace: [...]}}")
            mode, phrases = next(iter(spec.items()))
        if not isinstance(phrases, list) or not all(isinstance(p, str) and p.strip() for p in phrases):
            raise fail(f"`words.{name}` must be a list of phrases")
        parsed = shipped.parse("\n".join(phrases))
        if name in shape.WEIGHT_LISTS:  # weights, not phrases (read/shape.py), of words as the user writes them
            for line in parsed:
                why = shape.bad_line(line)
                if why:
                    raise fail(f"`words.{name}` has the line '{clip(line, 40)}', which is not a weight: {why}")
            parsed = tuple(shape.stemmed(line) for line in parsed)
        for phrase in parsed:
            if phrase.startswith("re:"):
                try:
                    check_pattern(phrase[3:].strip())
                except PatternError as error:
                    raise fail(f"`words.{name}` has the pattern '{clip(phrase, 40)}', which breadline cannot use: "
                               f"{clip(str(error), 160)}") from None
        result[name] = (mode, parsed)
    return result


def _tracker(value: Any, fail) -> tuple[tuple[tuple[str, str], ...], str | None]:
    """`tracker: {fields: {SOURCE: FIELD}, url: "https://.../{id}"}`, validated."""
    from breadline.importers.mapping import check_target

    if value is None:
        return (), None
    if not isinstance(value, dict):
        raise fail("`tracker` must be a mapping with `fields` and/or `url`, e.g. {fields: {Customer: customer}}")
    for name in value:
        if str(name) not in TRACKER_KEYS:
            close = difflib.get_close_matches(str(name), TRACKER_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else f"; its keys are {', '.join(TRACKER_KEYS)}"
            raise fail(f"`tracker` has unknown key '{clip(str(name), 40)}'{hint}")
    fields = value.get("fields") or {}
    if not isinstance(fields, dict):
        raise fail("`tracker.fields` must map a tracker column or field to a breadline field, "
                   "e.g. {Customer: customer, Zendesk ticket: evidence}")
    pairs = []
    for source, target in fields.items():
        if not isinstance(source, (str, int)) or not str(source).strip():
            raise fail(f"`tracker.fields` has a key that is not a column name: {_show(source)}")
        if not isinstance(target, str):
            raise fail(f"`tracker.fields.{clip(str(source), 40)}` must name a breadline field (customer, evidence, ...), "
                       f"not {_show(target)}")
        pairs.append((str(source).strip(), check_target(target, fail, f"`tracker.fields` '{source}'")))
    url = value.get("url")
    if url is not None and (not isinstance(url, str) or not url.startswith(("http://", "https://")) or "{id}" not in url):
        raise fail(f"`tracker.url` must be a web address with {{id}} in it, e.g. "
                   f"https://acme.atlassian.net/browse/{{id}}, not {_show(url)}")
    return tuple(pairs), url


def _show(value: Any) -> str:
    """A value in an error message: its kind for lists and mappings, else at most 40 characters
    of it (an alias bomb's value is 1.5 GB of text)."""
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, str):
        return f"'{clip(value, 40)}'"
    return clip(repr(value) if not isinstance(value, int) else str(value), 40)
