"""Phrase matching for the wording rules: whole words, any case, plurals and common inflections.

A phrase list is compiled (once a run: see `breadline.words.WordLists`) into an index from each phrase's first word to the phrases that
start with it; a text is split into words once, and only the phrases whose first word occurs
are tried, so matching costs in proportion to the text, not to the length of the lists.

Words are compared by a light stem (invoice, invoices, invoiced, invoicing all read "invoic";
reply, replies, replied read "repli"). In a phrase, "..." stands for up to three words in
between, and a line starting with "re:" is a regular expression of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from functools import lru_cache
from typing import Any

GAP = None
"""A "..." in a phrase: up to `GAP_WORDS` words of any kind."""
GAP_WORDS = 3

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")  # letters and digits of any script
_SUFFIXES = ("ing", "ers", "er", "ed", "es", "s")
_DANGLING = frozenset({"our", "the", "a", "an", "with", "to", "of", "for", "my", "their", "your", "in", "on"})


def normalize(text: str) -> str:
    """Fold typographic apostrophes and whitespace so that phrases match what people type."""
    return " ".join(text.replace("’", "'").replace("‘", "'").split())


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, consistent stem: good enough to match a phrase's inflections, nothing more.
    Memoized (a pure function of the word: the same few thousand words recur in every item)."""
    word = word.lower().replace("’", "'")
    if word.endswith(("'s", "s'")):
        word = word[:-2] if word.endswith("'s") else word[:-1]
    if len(word) < 4 or not word.isalpha():
        return word
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if word.endswith("e") and len(word) > 3:
        word = word[:-1]
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    return word


_COMMON = _DANGLING | {stem(w) for w in ("by", "as", "at", "from", "this", "that", "is", "are", "be", "we", "us",
                                          "they", "it", "and", "or", "not", "because", "want", "need", "so")}
"""Words too common to anchor a phrase on: a phrase is tried where its rarest-looking word occurs."""


@dataclass(frozen=True)
class Words:
    """A text split into words: their stems in order, and the set of them."""

    text: str
    stems: tuple[str, ...]
    distinct: frozenset[str]

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Stem -> where it stands in `stems`, built the first time a list's anchor is present:
        a list is then tried at its anchors' places only, not along the whole text (long bug
        reports hold common anchors such as "only" or "need"; bench: tracker-like backlogs)."""
        found: dict[str, list[int]] = {}
        for i, word in enumerate(self.stems):
            found.setdefault(word, []).append(i)
        return found

    def head(self, text: str) -> Words:
        """The words of `text`, a beginning of this text that ends between two words."""
        stems = self.stems[: len(_WORD.findall(text))]
        return Words(text, stems, frozenset(stems))

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where words `first`..`last` stand in the text (found again only for a match)."""
        start = end = 0
        for i, match in enumerate(_WORD.finditer(self.text)):
            if i == first:
                start = match.start()
            if i == last:
                end = match.end()
                break
        return start, end


def stems_of(text: str) -> tuple[str, ...]:
    """The stems of the words of `text`, in order."""
    return tuple(map(stem, _WORD.findall(text)))


def tokens(text: str) -> Words:
    """The words of a (normalized) text."""
    stems = stems_of(text)
    return Words(text, stems, frozenset(stems))


def joined(text: str, head: Words, tail: Words) -> Words:
    """The words of `text`, made of the text of `head`, punctuation and whitespace, and the text
    of `tail`: the words of both parts, each split once already."""
    return Words(text, head.stems + tail.stems, head.distinct | tail.distinct)


@dataclass(frozen=True)
class Matcher:
    """A compiled phrase list."""

    index: dict[str, tuple[tuple[str | None, ...], ...]]
    """First stem -> the phrases (as stem sequences) that start with it, longest first."""
    patterns: tuple[Any, ...]
    """The list's `re:` lines, for the lowered text when `lowered` (else ignoring case): Python's
    compiled patterns for the shipped lines, an RE2 one for the user's."""
    folding: tuple[Any, ...] = ()
    """The same lines, ignoring case, for any text."""
    lowered: bool = False
    anchors: dict[str, tuple[tuple[tuple[str | None, ...], int], ...]] = field(default_factory=dict)
    """Anchor stem -> (phrase, the anchor's place in it). A phrase's anchor is its longest word
    before any gap that is not a common word: the rarest-looking, so that "for the sprint" is
    tried only where "sprint" occurs."""
    anchor_set: frozenset[str] = frozenset()

    def search(self, text: str | Words | None) -> str | None:
        """The first phrase found in `text` (a string, or a normalized text split into words
        already), in the text's own words."""
        if isinstance(text, Words):
            if not text.text:
                return None
            flat, words = text.text, text
        elif not text:
            return None
        else:
            flat = normalize(text)
            words = tokens(flat)
        return self.finish(flat, words, self._search_tokens(flat, words))

    def finish(self, flat: str, words: Words, found: tuple[int, int] | None) -> str | None:
        """The phrase found, from where its words matched (`found`, or None) and the list's
        `re:` lines, in the text's own words."""
        if found and words.stems and flat[found[0]:found[1]].rsplit(" ", 1)[-1].lower() in _DANGLING:
            after = _WORD.search(flat, found[1])
            if after:  # "engagement with our" reads better as "engagement with our app"
                found = (found[0], after.end())
        best = found
        if self.patterns:
            match = self._search_patterns(flat)
            if match and (best is None or match[0] < best[0]):
                best = match
        return flat[best[0]: best[1]] if best else None

    def _search_patterns(self, flat: str) -> tuple[int, int] | None:
        """Where the first `re:` line matches. Lines written in lower case run case-sensitively
        over the lowered text: the same matches as ignoring case, at twice the speed."""
        low = flat.lower() if self.lowered else flat
        if len(low) != len(flat):  # lowering changed the length ("İ"): offsets would not fit
            low, patterns = flat, self.folding
        else:
            patterns = self.patterns
        first = None
        for pattern in patterns:
            match = pattern.search(low)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), match.end())
        return first

    def _search_tokens(self, flat: str, words: Words) -> tuple[int, int] | None:
        if self.anchor_set.isdisjoint(words.distinct):
            return None  # the common case, decided without building a set
        present = self.anchor_set & words.distinct
        anchors = self.anchors
        stems = words.stems
        positions = words.positions
        places = positions[next(iter(present))] if len(present) == 1 else sorted(
            i for word in present for i in positions[word])
        best: tuple[int, int] | None = None
        for i in places:
            word = stems[i]
            for phrase, offset in anchors[word]:
                start = i - offset
                if start < 0 or (best is not None and start > best[0]):
                    continue
                end = _rest(phrase, 0, stems, start)
                if end is not None and (best is None or (start, -end) < (best[0], -best[1])):
                    best = (start, end)
        return words.span(*best) if best else None

    def covers(self, text: str, *ignorable: frozenset[str]) -> bool:
        """True when `text` is nothing but phrases of this list (and words of the `ignorable`
        sets), with at least one phrase: "all our users and stakeholders" is covered by [user,
        stakeholder]."""
        stems = tokens(normalize(text)).stems
        i, matched = 0, False
        while i < len(stems):
            longest = None
            for phrase in self.index.get(stems[i], ()):
                if GAP in phrase:
                    continue
                end = _rest(phrase, 1, stems, i + 1)
                if end is not None and (longest is None or end > longest):
                    longest = end
            if longest is None:
                if any(stems[i] in words for words in ignorable):
                    i += 1
                    continue
                return False
            matched = True
            i = longest + 1
        return matched


@dataclass(frozen=True)
class Lists:
    """Several compiled lists searched in one pass over a text's words: each place where an
    anchor of any list stands is visited once, and each list keeps its own first match, exactly
    as its `Matcher.search` would find it (tests/test_match.py checks they agree). The reader
    asks a dozen lists of every item's lead; one pass instead of a dozen is what keeps long
    tracker descriptions affordable (bench: tracker-like backlogs)."""

    names: tuple[str, ...]
    matchers: tuple[Matcher, ...]
    anchors: dict[str, tuple[tuple[int, tuple[str | None, ...], int], ...]]
    """Anchor stem -> (which list, phrase, the anchor's place in it)."""
    anchor_set: frozenset[str]

    @classmethod
    def of(cls, named: dict[str, Matcher]) -> Lists:
        anchors: dict[str, list[tuple[int, tuple[str | None, ...], int]]] = {}
        for k, matcher in enumerate(named.values()):
            for anchor, entries in matcher.anchors.items():
                anchors.setdefault(anchor, []).extend((k, phrase, offset) for phrase, offset in entries)
        return cls(tuple(named), tuple(named.values()), {a: tuple(e) for a, e in anchors.items()}, frozenset(anchors))

    def search_all(self, words: Words) -> dict[str, str | None]:
        """Each list's first phrase in `words`, by list name."""
        best: list[tuple[int, int] | None] = [None] * len(self.names)
        present = self.anchor_set & words.distinct
        if present:
            stems, positions, anchors = words.stems, words.positions, self.anchors
            for i in sorted(i for word in present for i in positions[word]):
                for k, phrase, offset in anchors[stems[i]]:
                    start = i - offset
                    if start < 0:
                        continue
                    mine = best[k]
                    if mine is not None and start > mine[0]:
                        continue
                    end = _rest(phrase, 0, stems, start)
                    if end is not None and (mine is None or (start, -end) < (mine[0], -mine[1])):
                        best[k] = (start, end)
        flat = words.text
        return {name: matcher.finish(flat, words, words.span(*best[k]) if best[k] else None) if flat else None
                for k, (name, matcher) in enumerate(zip(self.names, self.matchers))}


def _rest(phrase: tuple[str | None, ...], p: int, stems: tuple[str, ...], w: int) -> int | None:
    """Match `phrase[p:]` from word `w` on; the index of the last word matched, or None."""
    if p == len(phrase):
        return w - 1
    part = phrase[p]
    if part is GAP:
        for skip in range(GAP_WORDS + 1):
            end = _rest(phrase, p + 1, stems, w + skip)
            if end is not None:
                return end
        return None
    if w < len(stems) and stems[w] == part:
        return _rest(phrase, p + 1, stems, w + 1)
    return None


class PatternError(ValueError):
    """A user's `re:` line that is not a pattern breadline can run in bounded time."""


def check_pattern(pattern: str):
    """A user's `re:` pattern compiled by RE2 (google-re2), which matches in time linear in the
    text whatever the pattern: `(a+)+$` cannot hang an audit. The pattern is first read by
    Python's `re`, so that its errors read as Python's; RE2 then refuses what it cannot bound
    (backreferences, lookarounds). Raises PatternError with a one-line reason."""
    try:
        re.compile(pattern)
    except (re.error, OverflowError, RecursionError, ValueError) as error:
        raise PatternError(" ".join(str(error).split())) from None
    import re2  # google-re2: only a configuration with `re:` lines of its own pays for the import

    options = re2.Options()
    options.case_sensitive = False
    options.log_errors = False
    try:
        return re2.compile(pattern, options)
    except re2.error as error:
        reason = error.args[0] if error.args else error
        reason = reason.decode("utf-8", "replace") if isinstance(reason, bytes) else str(reason)
        raise PatternError(f"RE2, which bounds the time a pattern takes, cannot run it: {' '.join(reason.split())}"
                           " (backreferences and lookarounds are not supported)") from None


def compile_phrases(phrases: tuple[str, ...], bounded: frozenset[str] = frozenset()) -> Matcher:
    """Compile a phrase list. `bounded`: the `re:` lines that came from the user (configuration),
    run by RE2 in linear time (`check_pattern`); the shipped lines run on Python's `re`, each
    tested to be linear (tests/test_match_linear.py)."""
    index: dict[str, list[tuple[str | None, ...]]] = {}
    patterns = []
    users = []
    for phrase in dict.fromkeys(phrases):
        if phrase.startswith("re:"):
            if phrase in bounded:
                users.append(phrase[3:].strip())
            else:
                patterns.append(re.compile(phrase[3:].strip(), re.IGNORECASE))
            continue
        parts = tuple(GAP if word == "..." else stem(word) for word in _phrase_words(phrase))
        parts = tuple(p for p in parts if p != "")
        if not parts or parts[0] is GAP:
            continue
        index.setdefault(parts[0], []).append(parts)
    ordered = {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}
    if len(patterns) > 1:  # one scan of the text instead of one per pattern
        patterns = [re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)]
    lowered = bool(patterns) and all(_lower_case(p.pattern) for p in patterns)
    fast = [re.compile(p.pattern) for p in patterns] if lowered else patterns
    if users:  # case-insensitive already: the same searched in the lowered text or the text
        combined = check_pattern("|".join(f"(?:{p})" for p in users))
        fast, patterns = [*fast, combined], [*patterns, combined]
    anchors: dict[str, list[tuple[tuple[str | None, ...], int]]] = {}
    for group in ordered.values():
        for phrase in group:
            head = phrase[: phrase.index(GAP)] if GAP in phrase else phrase
            offset = max(range(len(head)), key=lambda k: (head[k] not in _COMMON, len(head[k]), -k))
            anchors.setdefault(head[offset], []).append((phrase, offset))
    return Matcher(ordered, tuple(fast), anchors={k: tuple(v) for k, v in anchors.items()},
                   anchor_set=frozenset(anchors), folding=tuple(patterns), lowered=lowered)


_ESCAPE = re.compile(r"\\N\{[^}\\]*\}|\\.")  # [^}\\]: "\N{\N{\N{..." stays linear


def _lower_case(pattern: str) -> bool:
    """True when the pattern names no upper-case letter (escapes such as \\D or \\N{...} aside)."""
    bare = _ESCAPE.sub("", pattern)
    return bare == bare.lower()


def _phrase_words(phrase: str) -> list[str]:
    words = []
    for chunk in phrase.replace("’", "'").split():
        if chunk == "...":
            words.append("...")
        else:
            words += _WORD.findall(chunk)
    return words


def search(phrases: tuple[str, ...], text: str | None) -> str | None:
    """The first phrase of the list found in `text`, as the text itself words it (compiles the
    list on every call: a run compiles each list once, through `breadline.words.WordLists`)."""
    return compile_phrases(phrases).search(text)


def sentence_around(text: str, fragment: str, limit: int = 160) -> str:
    """The sentence of `text` that holds `fragment`, for quoting; clipped to `limit` characters."""
    flat = normalize(text)
    at = flat.lower().find(fragment.lower())
    if at < 0:
        return fragment
    start = max(flat.rfind(". ", 0, at), flat.rfind("? ", 0, at), flat.rfind("! ", 0, at))
    start = 0 if start < 0 else start + 2
    ends = [e for e in (flat.find(". ", at), flat.find("? ", at), flat.find("! ", at)) if e >= 0]
    end = min(ends) + 1 if ends else len(flat)
    sentence = flat[start:end].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
