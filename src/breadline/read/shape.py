"""A report's shape, learnt from real tracker items: how much an item's words, taken together,
read like the items a careful reader traced (a person's failure or need) rather than the work of
ours they left off the line.

The phrase lists name what a careful reader looks for, one phrase at a time; real reports are
also told in words no list holds ("Dashboard load time is huge", "Excel export has missing
values"). This signal weighs every word of the title, the lead (`base.ItemWords.lead`) and the
labels at once, by a logistic model trained on the development part of `tests/data/real` by
`bench/train_shape.py` (`make train`), whose weights are the word list `report-shape`
(words/report-shape.txt: one `where stem weight` a line, `where` being title, lead or label, and
one `bias` line). Configuration can extend the list (a weight of one's own for a word of one's
trade) or switch it off (`words: {report-shape: {replace: []}}`).

It only ever adds a link where the item reads like a report with near certainty (`LIKELY_AT`),
and then as `likely`, never `stated`: it names nobody, so a who-link it draws is "the people who
reported it". The rules still judge the item: a chore, a motive of ours or a non-paying customer
caps it as before.

The change's shape (`CHANGE_LIST`, words/change-shape.txt) is a second model over the same
features, fitted by the same script on the type the development part's items have: how much an
item reads like a pull request rather than an issue. It is asked only of an item whose export
gives no type (`families.is_change`), from `CHANGE_AT`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from breadline.match import stem, stems_of, words_in

LIST = "report-shape"
"""The word list that holds the weights."""

CHANGE_LIST = "change-shape"
"""The word list of a second model over the same words: how much an item reads like a pull request
(a change describing itself) rather than an issue, for an export that gives no type. Trained by
`bench/train_shape.py` on the type the development part's items do have."""

WEIGHT_LISTS = (LIST, CHANGE_LIST)
"""The lists that hold weights rather than phrases (`config` reads their lines as weights)."""

PLACES = ("title", "lead", "label")
"""Where a word stands, as the list's lines say it."""

LIKELY_AT = 0.8
"""The model's probability from which an item reads as someone's report (`likely`). Chosen with
the penalty (bench/train_shape.py, `C`) on the development part, each owner's items judged with a
model fitted without them, by the lower of precision and recall (highest wins): P 0.912 / R 0.914
at 0.8, 0.908 / 0.915 at 0.85 (C=0.15, 33 files, 3 December 2026, `SETTING_AT` kept at 0.9);
before, 0.9 with C=0.5: 0.909 / 0.913. Checked again with 39 files (4,755 items): 0.909 / 0.910
at 0.8, 0.904 / 0.915 at 0.85, 0.912 / 0.905 at 0.75. With 49 files (5,350 items, a third more in
other languages), 0.75 is the best: 0.905 / 0.905, against 0.902 / 0.910 at 0.8, 0.897 / 0.915 at
0.85 and 0.910 / 0.899 at 0.7. With 52 files (5,786 items) and the penalty chosen again with it
(C=0.25), 0.8: 0.905 / 0.908, against 0.908 / 0.899 at 0.75 and 0.901 / 0.913 at 0.85."""

SETTING_AT = 0.9
"""The model's probability from which a chore's word in the title of what reads as someone's report
is the setting of their failure, not the work ("Upgrading to version 407 killed my October"):
stricter than `LIKELY_AT`, since it overrules what the title says. On the development part, read
out of fold, such items were traced 9 times of 9 at 0.9; at 0.8, "chore(deps): bump eslint || I
bumped it after my build did not work" would read as a report."""

CHANGE_AT = 0.8
"""The change model's probability from which an item with no type reads as a change
(`families.is_change`). Chosen on the development part, each owner's items read by a model fitted
without them, from their title, description and labels alone, by the rule kept for `LIKELY_AT`
(the lower of precision and recall highest): 0.897 at 0.8, 0.896 at 0.7, 0.894 at 0.6, 0.889
without the model (precision 0.897 / recall 0.899 at 0.8, against 0.898 / 0.889)."""

DOUBT_AT = 0.6
"""The model's probability from which a superfluous verdict is only a close call (`confidence`
low, `facts.confidence`): it reads like someone's report, though nothing in it draws a link
strongly enough. On the development part, each fold read by a model fitted without it,
superfluous verdicts were right 0.61-0.71 of the time from here, 0.81-0.85 from 0.3, and
0.86-0.99 below 0.3, whatever else decided their confidence."""

SHOWN = 4
"""How many of the words that weigh most for a report the reading quotes."""

UNQUOTED = frozenset({"the", "a", "an", "is", "ar", "be", "it", "to", "of", "and", "or", "in", "on", "for", "with",
                      "this", "that", "com", "hav", "has", "are", "was", "but", "so", "as", "at", "when"})
"""Stems too plain to show as what the reading rests on (they weigh, but say nothing to a reader)."""


@dataclass(frozen=True, slots=True)
class Weights:
    """A learnt model's weights, as its list gives them."""

    bias: float
    weight: dict[tuple[str, str], float]
    """(place, stem) -> weight."""


def parse(lines: tuple[str, ...]) -> Weights:
    """The weights of the list's lines ("title invoic 0.53", "bias -0.2"); a line that is not
    one of these (`bad_line`) is left out (`config` refuses such a line in a user's configuration)."""
    bias, weight = 0.0, {}
    for line in lines:
        if bad_line(line) is not None:
            continue
        fields = line.split()
        if fields[0] == "bias":
            bias = float(fields[1])
        else:
            weight[(fields[0], fields[1])] = float(fields[2])
    return Weights(bias=bias, weight=weight)


@lru_cache(maxsize=8)
def parsed(lines: tuple[str, ...]) -> Weights:
    """`parse`, once for each list a run reads (a run's lists hand out the same lines each time)."""
    return parse(lines)


def stemmed(line: str) -> str:
    """A weight line with its word as the model sees it ("title ledgers 0.8" -> "title ledg 0.8"):
    a configuration writes words, the shipped list (made by bench/train_shape.py) their stems."""
    fields = line.split()
    return f"{fields[0]} {stem(fields[1])} {fields[2]}" if len(fields) == 3 else line


def bad_line(line: str) -> str | None:
    """Why a line of the list is not a weight, or None when it is one."""
    fields = line.split()
    if len(fields) == 2 and fields[0] == "bias" or len(fields) == 3 and fields[0] in PLACES:
        try:
            if math.isfinite(float(fields[-1])):
                return None
        except ValueError:
            pass
        return f"'{fields[-1]}' is not a number"
    return "a weight is 'title|lead|label STEM WEIGHT' or 'bias WEIGHT'"


@lru_cache(maxsize=1)
def _unspaced() -> re.Pattern[str]:
    """A run of Chinese characters or Japanese kana: scripts written without spaces, in which a
    whole clause is one "word" to `stems_of`. Compiled with the first word beyond ASCII (its
    ranges cost Python's compiler about 1 ms, a twentieth of a 10-item audit beyond start-up)."""
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]{2,}")


def _with_pairs(stems: Iterable[str]) -> set[str]:
    """The stems, and the pairs of neighbouring characters of every run of an unspaced script in
    them: "我的预约板块有问题" is one word that no other item repeats; its pairs ("问题", "有问")
    recur in every report that tells of a problem, the way an English word does."""
    found = set(stems)
    for word in tuple(found):
        if len(word) > 2 and word.isalpha() and not word.isascii():
            for run in _unspaced().findall(word):
                found.update(run[i:i + 2] for i in range(len(run) - 1))
    return found


def features(title: str, lead_stems: tuple[str, ...], labels: tuple[str, ...]) -> frozenset[tuple[str, str]]:
    """The words of an item as the model sees them: each stem once, by where it stands, with the
    character pairs of Chinese and Japanese (`_with_pairs`)."""
    found = {("title", word) for word in _with_pairs(stems_of(title))}
    found.update(("lead", word) for word in _with_pairs(lead_stems))
    for label in labels:
        found.update(("label", word) for word in _with_pairs(stems_of(label)))
    return frozenset(found)


def probability(weights: Weights, seen: frozenset[tuple[str, str]]) -> float:
    """How likely the model holds it that a careful reader would trace the item."""
    get = weights.weight.get
    z = weights.bias + sum(get(feature, 0.0) for feature in seen)
    z = max(-60.0, min(60.0, z))
    return 1.0 / (1.0 + math.exp(-z))


def strongest(weights: Weights, seen: frozenset[tuple[str, str]], count: int = SHOWN) -> tuple[str, ...]:
    """The stems that weigh most for a report, strongest first (what `explain` quotes)."""
    get = weights.weight.get
    ranked = sorted(((get(feature, 0.0), feature[1]) for feature in seen), reverse=True)
    words: list[str] = []
    for value, word in ranked:
        if value <= 0 or len(words) == count:
            break
        if word not in words and word not in UNQUOTED and not word.isdigit():
            words.append(word)
    return tuple(words)


def written(text: str, stems: tuple[str, ...]) -> tuple[str, ...]:
    """The words of `text`, as written, whose stems are `stems` (in the order of `stems`)."""
    first: dict[str, str] = {}
    wanted = set(stems)
    for word in words_in(text):
        key = stem(word)
        if key in wanted and key not in first:
            first[key] = word
    for key in stems:
        if key not in first and not key.isascii() and _unspaced().fullmatch(key) and key in text:
            first[key] = key  # a pair of characters of a run (`_with_pairs`): as written
    return tuple(first[key] for key in stems if key in first)
