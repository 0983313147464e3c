"""When the words themselves say something happened: an ISO date written in a text
("Zendesk #8812 from Riverside, 2026-11-02"), or a year after a word that makes it a date
("asked on a call in 2019", "back in March 2021": `year-markers`).

A year alone is read as its last day, the most recent date it can mean: "in 2025" is not stale
on 2026-11-23, "in 2019" is. A year with no marker before it is most often a version or a product
("Windows Server 2019", "Office 2019") and is not read.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from breadline.load import as_date
from breadline.words import WordLists

_ISO_DATE = re.compile(r"(?<![\d-])(\d{4}-\d{2}-\d{2})(?![\d-])")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")


@functools.lru_cache(maxsize=8)
def _year_pattern(markers: tuple[str, ...]) -> re.Pattern[str] | None:
    words = sorted((m for m in markers if not m.startswith("re:")), key=len, reverse=True)
    if not words:
        return None
    body = "|".join(r"\s+".join(re.escape(part) for part in word.split()) for word in words)
    return re.compile(rf"(?<![\w-])(?:{body})\.?[\s-]+(?:\d{{1,2}}(?:st|nd|rd|th)?,?\s+)?((?:19|20)\d\d)(?![\w-]|[.,]\d)",
                      re.IGNORECASE)


def written_date(text: str | None, words: WordLists) -> dt.date | None:
    """The latest date `text` writes: an ISO date, else a year after a `year-markers` word (as its
    last day); None when it writes none."""
    if not text:
        return None
    dates = [found for found in (as_date(written) for written in _ISO_DATE.findall(text)) if found is not None]
    if any(char.isdigit() for char in text):  # no year without a digit: the pattern is compiled (~0.5 ms) only then
        pattern = _year_pattern(words("year-markers"))
        if pattern is not None:
            dates += [dt.date(int(year), 12, 31) for year in pattern.findall(text)]
    return max(dates) if dates else None


def sentences_naming(text: str, name: str) -> list[str]:
    """The sentences of `text` that hold `name` (as written, any case)."""
    low = name.lower()
    return [sentence for sentence in _SENTENCE_END.split(text) if low in sentence.lower()]
