"""Trackers' column names in every interface language, from `breadline/data/tracker-columns.yaml`.

Jira writes its CSV header in the exporting user's language (`Resumen`, `Clave de incidencia`),
so a reader looks columns up by the English name and this module says which other names mean the
same column. The names are data: the file lists them per language, and the configuration's
`tracker.fields` adds more without touching it.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import Any


FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "data", "tracker-columns.yaml")


def normalize(name: str) -> str:
    """A column name as breadline compares it: any case, single spaces, no stray quotes or BOM."""
    return " ".join(name.replace("\ufeff", "").strip().strip('"').split()).casefold()


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    import yaml

    with open(FILE, encoding="utf-8") as handle:
        loaded = yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return loaded if isinstance(loaded, dict) else {}


def _names(tracker: str, part: str) -> dict[str, tuple[str, ...]]:
    """Canonical name -> every name it goes by, in every language."""
    section = (_data().get(tracker) or {}).get(part) or {}
    found: dict[str, tuple[str, ...]] = {}
    for canonical, languages in section.items():
        names: list[str] = [str(canonical)]
        for words in (languages or {}).values():
            names += [str(word) for word in words or ()]
        found[str(canonical)] = tuple(dict.fromkeys(names))
    return found


def names(tracker: str) -> dict[str, tuple[str, ...]]:
    """The columns of `tracker`'s export: canonical name -> its names in every language."""
    return _names(tracker, "columns")


@lru_cache(maxsize=16)
def translations(tracker: str) -> dict[str, str]:
    """A column name as breadline compares it (`normalize`) -> the canonical (English) name."""
    found: dict[str, str] = {}
    for canonical, words in names(tracker).items():
        for word in words:
            found.setdefault(normalize(word), canonical)
    return found


@lru_cache(maxsize=16)
def _prefix_pattern(tracker: str) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    prefixes = {normalize(word): canonical for canonical, words in _names(tracker, "prefixes").items()
                for word in words}
    if not prefixes:
        return None, {}
    alternatives = "|".join(re.escape(word) for word in sorted(prefixes, key=len, reverse=True))
    return re.compile(rf"^({alternatives}) \((.+)\)$"), prefixes


def canonical(tracker: str, column: str) -> str | None:
    """The English name of a column of `tracker`'s export (`Campo personalizado (Story point
    estimate)` -> `Custom field (Story point estimate)`), or None when it is not one it knows."""
    name = normalize(column)
    known = translations(tracker).get(name)
    if known:
        return known
    pattern, prefixes = _prefix_pattern(tracker)
    if pattern is not None:
        match = pattern.match(name)
        if match:
            inner = column.strip()[len(column.strip()) - len(match.group(2)) - 1:-1]
            return f"{prefixes[match.group(1)]} ({inner})"
    return None


def translate(table: Any, tracker: str) -> None:
    """Let the English names of `tracker`'s columns find them in `table` (a `tabular.Table`)
    whatever language its header is in (`Resumen` answers to `Summary`). Not cached: a cache keyed
    by the table would keep every parsed export alive."""
    for name in [name for name in table.header if name]:
        english = canonical(tracker, name)
        if english and normalize(english) != normalize(name):
            table.alias(english, name)


@lru_cache(maxsize=32)
def values(tracker: str, name: str) -> frozenset[str]:
    """Cell values of one meaning in every language (`done category`), as `normalize` gives them."""
    section = ((_data().get(tracker) or {}).get("values") or {}).get(name) or {}
    return frozenset(normalize(str(word)) for words in section.values() for word in words or ())


@lru_cache(maxsize=1)
def _months() -> dict[str, int]:
    found: dict[str, int] = {}
    for number, words in (_data().get("months") or {}).items():
        for word in words or ():
            found[normalize(str(word)).rstrip(".")] = int(number)
    return found


def month(word: str) -> int | None:
    """The month a name or abbreviation in any language stands for (`ago`, `févr.`, `Mär`)."""
    return _months().get(normalize(word).rstrip("."))
