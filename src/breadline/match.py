"""Phrase matching for the wording rules: whole words, any case, plurals and common inflections.

A phrase list is compiled (once a run: see `breadline.words.WordLists`) into an index from each phrase's first word to the phrases that
start with it; a text is split into words once, and only the phrases whose first word occurs
are tried, so matching costs in proportion to the text, not to the length of the lists.

Words are compared by a light stem (invoice, invoices, invoiced, invoicing all read "invoic";
reply, replies, replied read "repli"). In a phrase, "..." stands for up to three words in
between, and a line starting with "re:" is a regular expression of its own.
"""

from __future__ import annotations

import os
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
    if word.endswith(_SUFFIXES):  # one test in C for the words that have none of them
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
"""Words too common to anchor a phrase on: a phrase is tried where its rarest word occurs."""

FREQUENT_WORDS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "frequent-words.txt")


@lru_cache(maxsize=1)
def frequency() -> dict[str, float]:
    """Stem -> the share of real tracker items that hold it (`data/frequent-words.txt`, made by
    bench/word_frequency.py), for the few hundred most frequent; a phrase is anchored on its
    rarest word. Where phrases are looked for, never what is found, depends on it."""
    found: dict[str, float] = {}
    try:
        with open(FREQUENT_WORDS, encoding="utf-8") as handle:
            for line in handle:
                word, _, share = line.partition(" ")
                if word and not word.startswith("#"):
                    try:
                        found[word] = float(share)
                    except ValueError:
                        continue
    except OSError:  # installed without its data: anchors fall back to the longest word
        pass
    return found


@lru_cache(maxsize=None)
def _rarity(word: str) -> tuple[bool, float, int]:
    """How good an anchor a phrase's word makes (the larger the better): not a common word, then
    the fewer real tracker items hold it, then the longer; between words alike, the earlier in
    the phrase (`max` keeps the first of equal keys). Memoized: the same few hundred words recur
    across a run's lists (a 10-item audit compiles some 1,800 phrases)."""
    return word not in _COMMON, -frequency().get(word, 0.0), len(word)


LONG_TEXT = 600
"""Texts of at least this many characters are searched from where their lists' anchors stand
(`Anchors`: one scan in C), not word by word. Splitting a text into words costs about 60 µs per
1,000 characters in Python, and bug reports run to thousands (bench: tracker-like backlogs); a
short text (a title, a field, a lead) is split once and searched by its words."""

SET_LINES = 3
"""A list with at least this many `re:` lines asks its RE2 set (`LineSet`) which of them match a
text at all, whatever the text's length: one pass in C++ (about 1 µs on a title) against one
pass of Python's engine per line (1-3 µs for the failure lists' dozen lines), and the set
compiles in a third of the time. A list with fewer lines searches them directly; every list asks
the set for long texts (`LONG_TEXT`)."""

_ASCII_GAPS = bytes(32 if c < 128 and not chr(c).isalnum() else c for c in range(256))
"""For `Words.haystack`: every ASCII character that is not a letter or a digit becomes a space."""
_WIDE_GAP = re.compile(r"[^\w\x00-\x7f]")
"""Characters beyond ASCII that are not letters or digits ("—", "“", emoji): spaces in the haystack."""
_JOINS = "'’-"
"""The characters that join two runs of letters into one word ("e-mail", "don't": see `_WORD`)."""


class Words:
    """A (normalized) text and its words: their stems in order, the set of them, and where each
    stands, each worked out the first time something asks (a long text searched by its anchors
    is never split into words at all)."""

    def __init__(self, text: str, stems: tuple[str, ...] | None = None):
        self.text = text
        if stems is not None:
            self.__dict__["stems"] = stems

    def __repr__(self) -> str:
        return f"Words({self.text!r})"

    @cached_property
    def stems(self) -> tuple[str, ...]:
        return stems_of(self.text)

    @cached_property
    def distinct(self) -> frozenset[str]:
        return frozenset(self.stems)

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Stem -> where it stands in `stems`, built the first time a list's anchor is present:
        a list is then tried at its anchors' places only, not along the whole text."""
        found: dict[str, list[int]] = {}
        for i, word in enumerate(self.stems):
            found.setdefault(word, []).append(i)
        return found

    @cached_property
    def lowered(self) -> str:
        return self.text.lower()

    @cached_property
    def haystack(self) -> tuple[bytes, bool] | None:
        """The text lowered, as UTF-8 bytes, every character that is not a letter or a digit made
        a space, and a space in front: a word starts one byte after a space, so the anchors' keys
        (`Anchors`) are found at word starts only. With whether the text is ASCII (its byte
        offsets are then its character offsets). None when lowering changes the text's length."""
        low = self.lowered
        if len(low) != len(self.text):
            return None
        plain = low.isascii()
        if not plain:
            low = _WIDE_GAP.sub(" ", low)  # one character for one: the offsets stay
        return b" " + low.encode("utf-8").translate(_ASCII_GAPS), plain

    @property
    def scanned(self) -> bool:
        """True when the text is searched from its anchors (`LONG_TEXT`) rather than word by word."""
        return len(self.text) >= LONG_TEXT and "stems" not in self.__dict__ and self.haystack is not None

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


def words_in(text: str) -> list[str]:
    """The words of `text`, as written, in order (what `stems_of` stems)."""
    return _WORD.findall(text)


def stems_of(text: str) -> tuple[str, ...]:
    """The stems of the words of `text`, in order."""
    return tuple(map(stem, _WORD.findall(text)))


def tokens(text: str) -> Words:
    """The words of a (normalized) text (split the first time they are needed)."""
    return Words(text)


def _key(anchor: str) -> bytes:
    """What a word whose stem is `anchor` begins with, as the haystack holds it: the stem itself,
    but for a final "i" that stands for "y" ("repli" for "reply")."""
    if len(anchor) >= 4 and anchor.endswith("i"):
        anchor = anchor[:-1]
    return b" " + anchor.encode("utf-8").translate(_ASCII_GAPS)


class Anchors:
    """Where the phrases of some lists stand in a long text, found from their anchors: one scan
    of the text in C (an Aho–Corasick automaton, `ahocorasick_rs`, over the anchors' beginnings
    at word starts) finds the few words that may be anchors; only those words are stemmed, and
    each phrase anchored there is tried on the words around it. Built once per list or group of
    lists, the first time a long text is searched."""

    def __init__(self, entries: dict[str, tuple[tuple[object, tuple[str | None, ...], int], ...]]):
        """`entries`: anchor stem -> (tag, phrase, the anchor's place in the phrase)."""
        from ahocorasick_rs import BytesAhoCorasick  # imported with the first long text only

        keys = sorted({_key(anchor) for anchor in entries if anchor})
        self._automaton = BytesAhoCorasick(keys) if keys else None
        self._entries = {anchor: (tuple((tag, phrase, offset, _probe(phrase, offset)) for tag, phrase, offset in group),
                                  max(offset for _, _, offset in group),
                                  max(len(phrase) - offset + GAP_WORDS * phrase.count(GAP) for _, phrase, offset in group))
                         for anchor, group in entries.items() if group}
        """Anchor stem -> (its entries with their probes, the most words a phrase needs before
        the anchor, and from it on)."""

    def matches(self, words: Words) -> list[tuple[object, tuple[int, int]]]:
        """(tag, span in the text) of every phrase found, in no particular order."""
        automaton, found = self._automaton, words.haystack
        if automaton is None or found is None:
            return []
        haystack, plain = found
        starts = sorted({start for _, start, _ in automaton.find_matches_as_indexes(haystack, overlapping=True)})
        if not starts:
            return []
        if not plain:  # byte offsets -> character offsets (each start follows a space, a one-byte character)
            encoded, at, chars, moved = haystack[1:], 0, 0, []
            for start in starts:
                chars += len(encoded[at:start].decode("utf-8"))
                at = start
                moved.append(chars)
            starts = moved
        text, entries, out = words.text, self._entries, []
        for start in starts:
            if start >= 2 and text[start - 1] in _JOINS and text[start - 2].isalnum():
                continue  # inside a word ("mail" in "e-mail")
            word = _WORD.match(text, start)
            if word is not None:
                found_here = entries.get(stem(word.group()))
                if found_here is not None:
                    out.extend(_around(text, start, *found_here))
        return out


class LineSet:
    """A list's `re:` lines as one RE2 set (google-re2's `Set`), which tells in one pass over a
    text which of them match anywhere in it: Python's engine cannot skip ahead to where a line
    that begins with a class or an alternation ("\\d+ seconds to load", "(zd|ticket|case)-\\d+")
    could match, and tries it at every place (30-80 µs a line on 4,000 characters, bench:
    tracker-like backlogs); the set takes ~10 µs for all the lines of every list. Only the lines
    the set finds are then searched by Python's engine, for where they match.

    Used for long texts, and for lists of many lines, where the text is normalized (no vertical
    tab, no final line break). On ASCII texts RE2 and Python agree on every shipped line (`\\b`,
    `\\w`, `\\d`, `\\s`, case and `$` mean the same); beyond ASCII the lines are widened first
    (`widened`, for the lowered text, case-sensitive). tests/test_match.py checks both against
    Python's engine on real texts. A line RE2 cannot run (a lookaround) is always searched."""

    def __init__(self, patterns: tuple[Any, ...], bounded: tuple[bool, ...], wide: bool = False):
        """`wide`: the set for lowered texts beyond ASCII, where RE2's `\\b`, `\\w`, `\\d` and
        `\\s` (ASCII only) and Python's (Unicode) disagree: each line is widened first
        (`widened`), so that the set finds it wherever Python's engine, case-sensitive over the
        lowered text, would, and perhaps in a few places more."""
        import re2  # google-re2: imported with the first text a set is asked about

        options = re2.Options()
        options.case_sensitive = wide  # the same letters as Python's engine over the lowered text
        options.log_errors = False
        options.max_mem = 64 << 20  # the set's automaton never runs short on a long text
        self._set = re2.Set.SearchSet(options)
        self._index: list[int] = []
        """The set's lines -> the list's line each one is."""
        self._always: list[int] = []
        """The list's lines the set does not hold (RE2 cannot run them, or they are RE2 already)."""
        for k, pattern in enumerate(patterns):
            line = None
            if isinstance(pattern, str):
                line = widened(pattern) if wide else ("\\b" if bounded and bounded[k] else "") + pattern
            if line is None:
                self._always.append(k)
                continue
            try:
                self._set.Add(line)
            except re2.error:
                self._always.append(k)
            else:
                self._index.append(k)
        if self._index:
            self._set.Compile()

    def candidates(self, text: str) -> list[int] | range:
        """The lines that may match `text`, in order: those the set finds in it, and those it
        does not hold. A text RE2 cannot take (a lone surrogate is no UTF-8) gets every line."""
        try:
            found = self._set.Match(text) if self._index else None
        except UnicodeEncodeError:
            return range(len(self._index) + len(self._always))
        return sorted(self._always + [self._index[k] for k in found or ()])


_SPACES = "[\\t\\n\\x0b\\f\\r\\x1c-\\x1f \\x85\\pZ]"
"""Every character Python's `\\s` matches (`str.isspace`: these, and the Unicode separators)."""
_NOT_BLANK = "[^\\t\\n\\f\\r ]"
"""Every character but RE2's spaces: all that Python's `\\w`, `\\d` and `\\S` match, and more."""
_WIDER = {"b": "", "B": "", "w": _NOT_BLANK, "d": _NOT_BLANK, "S": _NOT_BLANK, "s": _SPACES,
          "W": "(?s:.)", "D": "(?s:.)", "n": "\\n", "t": "\\t"}
"""An escape outside brackets -> what the widened line has for it: a boundary (`\\b`, `\\B`)
is dropped (a line without it matches wherever the line with it did), each class becomes one
that holds all of Python's class, whatever the letters."""
_PIECE = re.compile(r"\\(.)|(\[\^?\]?(?:\\.|[^\]\\])*\])|(\(\?)(?!:)|.", re.DOTALL)
"""For `widened`: an escape (group 1), a bracketed class (group 2), a "(?" that opens no plain
group (a lookaround, a flag, a named group: group 3), or one character."""


def widened(line: str) -> str | None:
    """A `re:` line for RE2, run case-sensitively, that matches wherever Python's engine finds
    the line in a text, Unicode classes and boundaries included: `\\bnão funciona\\b` -> `não
    funciona`, `\\d+ seconds` -> `[^\\t\\n\\f\\r ]+ seconds`. None where that cannot be
    made sure: a class in brackets that holds an escape of letters or a nested bracket, a
    lookaround or a flag, an escape of a letter other than those in `_WIDER`
    (tests/test_match.py checks the classes on every character)."""
    out = []
    for piece in _PIECE.finditer(line):
        escaped, bracket, opener = piece.groups()
        if escaped is not None:
            if escaped in _WIDER:
                out.append(_WIDER[escaped])
            elif escaped.isascii() and not escaped.isalnum():
                out.append(piece.group())  # "\." and the like: the same character in both engines
            else:
                return None
        elif bracket is not None:
            inner = bracket[1:-1]
            if "[" in inner or any(c.isalnum() or not c.isascii() for c in re.findall(r"\\(.)", inner, re.DOTALL)):
                return None
            out.append(bracket)
        elif opener is not None:
            return None
        else:
            out.append(piece.group())
    return "".join(out)


def sieve_of(pattern: str) -> str | None:
    """An expression of Python's engine made into one for RE2 that matches, in the same case
    setting, every text the expression does (and perhaps a few more): its lookarounds dropped
    (each only narrows where it matches), named groups made plain, `$` loosened to before any
    line break, and each class widened as `widened` does. None where that cannot be made sure
    (a flag set inside it, an escape of a letter other than those `widened` knows, a class in
    brackets that holds one other than a line break, a tab and the like). `\\b(?:asked for|flagged) by (?P<who>[^.,\\n]{2,60}?)(?=[.,]|$)` ->
    `(?:asked for|flagged) by (?:[^.,\\n]{2,60}?)`."""
    out = []
    dropped: list[bool] = []
    """For each group open at this point: whether it is a lookaround, whose text is left out."""
    position = 0
    while position < len(pattern):
        piece = _PIECE.match(pattern, position)
        position = piece.end()
        escaped, bracket, opener = piece.groups()
        keep = not any(dropped)
        if opener is not None:
            rest = pattern[position:position + 3]
            if rest.startswith(("=", "!", "<=", "<!")):
                dropped.append(True)
                position += 2 if rest.startswith("<") else 1
            elif rest.startswith("P<"):
                close = pattern.find(">", position)
                if close < 0:
                    return None
                dropped.append(False)
                position = close + 1
                if keep:
                    out.append("(?:")
            else:
                return None  # a flag ("(?i)", "(?s:"), a reference to a group
        elif escaped is not None:
            if escaped in _WIDER:
                line = _WIDER[escaped]
            elif escaped.isascii() and not escaped.isalnum():
                line = piece.group()
            else:
                return None
            if keep:
                out.append(line)
        elif bracket is not None:
            inner = bracket[1:-1]
            escapes = re.findall(r"\\(.)", inner, re.DOTALL)
            if "[" in inner or any(not c.isascii() for c in escapes):
                return None
            if any(c.isalnum() and c not in "ntrfv" for c in escapes):
                if bracket.startswith("[^") or any(c.isalnum() and c not in "ntrfvwdsWDS" for c in escapes):
                    return None
                # "[\\w&'-]": a class of Python's in brackets, widened to every character but RE2's
                # spaces, or to any character where the brackets may hold a space
                plain = re.sub(r"\\.", "", inner, flags=re.DOTALL)
                blank = any(c in "sWD" or c in "ntrf" for c in escapes) or any(c in "\t\n\f\r " for c in plain)
                bracket = "(?s:.)" if blank else _NOT_BLANK
            if keep:
                out.append(bracket)
        else:
            char = piece.group()
            if char == "(":
                dropped.append(False)
            elif char == ")":
                if not dropped:
                    return None
                if dropped.pop():
                    continue  # the end of a lookaround: nothing of it is kept
            if keep:
                out.append("(?m:$)" if char == "$" else char)
    return "".join(out) if not dropped else None


SIEVE_FROM = 400
"""Texts shorter than this (characters) are searched by Python's engine alone: on a title or a
short lead it takes a few microseconds, about what asking RE2 first would cost."""
SIEVE_AFTER = 8
"""Long texts an expression searches by Python's engine alone before its sieve is compiled: RE2
takes about 0.25 ms to compile one, what Python's engine spends on five to ten long texts, so a
backlog of a few items (bench: a 10-item audit) pays for no sieve."""


class Sieved:
    """An expression of Python's engine asked of RE2 first (`sieve_of`, google-re2), for the
    expressions the reader searches in every long text. Python's engine tries an expression
    that begins with a boundary, an alternation or, ignoring case, a letter at every place of
    the text (30-340 µs on 4,000 characters, bench: tracker-like backlogs); RE2 runs the sieve
    in one pass (5-12 µs) and Python's engine searches, for the match itself, only a text the
    sieve holds, so what is found is what Python's engine alone finds. Ignoring case, Python's
    engine also takes "İ" and "ı" for "i", which RE2 does not: a text holding either is searched
    without the sieve, like a short text (`SIEVE_FROM`), the first long texts (`SIEVE_AFTER`)
    and an expression `sieve_of` cannot make a sieve of. tests/test_match.py compares the two on every long text of tests/data/real."""

    __slots__ = ("exact", "pattern", "_sieve", "_unsieved")

    def __init__(self, pattern: str, flags: int = 0):
        self.exact = re.compile(pattern, flags)
        self.pattern = pattern
        self._sieve: Any = None
        """RE2's sieve, compiled once `SIEVE_AFTER` long texts were searched; False for none."""
        self._unsieved = 0
        """Long texts searched so far without the sieve."""

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match | None:
        end = len(text) if endpos is None else min(endpos, len(text))
        sieve = self._sieve
        if sieve is None and end - pos >= SIEVE_FROM:
            self._unsieved += 1
            if self._unsieved > SIEVE_AFTER:
                sieve = self._compile()
        if end - pos >= SIEVE_FROM and sieve is not None and sieve is not False and not (
                self.exact.flags & re.IGNORECASE and ("\u0130" in text or "\u0131" in text)):
            try:
                held = sieve.search(text[pos:end] if pos or end < len(text) else text)
            except UnicodeEncodeError:
                return self.exact.search(text, pos, end)  # a lone surrogate, which RE2 cannot take
            if held is None:
                return None
            pos += held.start()  # the first match of the expression cannot begin before the sieve's
        return self.exact.search(text, pos, end)

    def _compile(self) -> Any:
        import re2  # google-re2: imported with the first long text searched

        line = sieve_of(self.pattern) if not self.exact.flags & ~(re.IGNORECASE | re.UNICODE) else None
        options = re2.Options()
        options.case_sensitive = not self.exact.flags & re.IGNORECASE
        options.log_errors = False
        try:
            self._sieve = re2.compile(line, options) if line is not None else False
        except re2.error:
            self._sieve = False
        return self._sieve


def _window(text: str, start: int, behind: int, ahead: int) -> tuple[int, int, list[str]] | None:
    """The words around the word that begins at `start`: `behind` of them before it (None when
    the text has fewer), it, and up to `ahead` - 1 after it; with where the window begins and
    how many words of it come before the first of those. The window is cut at spaces, which no
    word holds, so the words found are the text's own."""
    begin, skipped = start, 0
    before: list[str] = []
    if behind:
        low = start
        while True:
            low = max(0, low - 40 * behind)
            begin = 0 if low == 0 else text.find(" ", low, start) + 1
            if begin == 0 and low > 0:
                continue  # no space in the window: widen it
            before = _WORD.findall(text, begin, start)
            if len(before) >= behind:
                skipped = len(before) - behind
                before = before[skipped:]
                break
            if low == 0:
                return None
    cut = text.find(" ", start + 24 * ahead)
    after = _WORD.findall(text, start, len(text) if cut < 0 else cut)
    if len(after) < ahead and cut >= 0:
        after = _WORD.findall(text, start)
    return begin, skipped, before + after[:ahead]


def _probe(phrase: tuple[str | None, ...], offset: int) -> tuple[int, str] | None:
    """A word of the phrase other than its anchor, at a fixed place from it, to compare before
    the whole phrase is tried: (its place counted from the anchor's, its stem). The anchors of
    long texts are common words ("users", "time"); most places where one stands hold none of
    its phrases, and one comparison tells."""
    head = phrase[: phrase.index(GAP)] if GAP in phrase else phrase
    others = [k for k in range(len(head)) if k != offset]
    if not others:
        return None
    k = max(others, key=lambda k: _rarity(head[k]))  # the first of the rarest
    return k - offset, head[k]


def _around(text: str, start: int, entries, behind: int, ahead: int) -> list[tuple[object, tuple[int, int]]]:
    """Each (tag, phrase, offset, probe) of `entries` that matches with its anchor at the word that
    begins at `start`, as (tag, the phrase's span in the text), from the `behind` words before
    it and the `ahead` words from it on, split once for all."""
    window = _window(text, start, behind, ahead)
    if window is None:  # fewer words before it than the longest reach back: all of them
        before = _WORD.findall(text, 0, start)
        window = (0, 0, before + _window(text, start, 0, ahead)[2])
        behind = len(before)
    begin, skipped, words = window
    stems = tuple(map(stem, words))
    matched = []
    count = len(stems)
    for tag, phrase, offset, probe in entries:
        first = behind - offset
        if first < 0:
            continue
        if probe is not None:
            at = behind + probe[0]
            if at >= count or stems[at] != probe[1]:
                continue
        end = _rest(phrase, 0, stems, first)
        if end is not None:
            spans = [m.span() for _, m in zip(range(skipped + end + 1), _WORD.finditer(text, begin))][skipped:]
            matched.append((tag, (spans[first][0], spans[end][1])))
    return matched


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, eq=False, repr=False)
class Matcher:
    """A compiled phrase list."""

    index: dict[str, tuple[tuple[str | None, ...], ...]]
    """First stem -> the phrases (as stem sequences) that start with it, longest first."""
    patterns: tuple[Any, ...]
    """The list's `re:` lines, for the lowered text when `lowered` (else ignoring case): the
    shipped lines as text, a leading `\\b` left out where `bounded` says so (`_expression`),
    each compiled by Python's engine the first time it is searched (`_line`), and one RE2
    pattern for the user's."""
    bounded: tuple[bool, ...] = ()
    """For each line, whether its leading `\\b` was left out, to be checked where it matches."""
    lowered: bool = False
    anchors: dict[str, tuple[tuple[tuple[str | None, ...], int], ...]] = field(default_factory=dict)
    """Anchor stem -> (phrase, the anchor's place in it). A phrase's anchor is its word before
    any gap that is not a common word and is the rarest in real tracker text (`frequency`), else
    the longest: "for the sprint" is tried only where "sprint" occurs."""
    anchor_set: frozenset[str] = frozenset()
    scan: dict[str, Anchors] = field(default_factory=dict, compare=False, repr=False)
    """The list's anchors compiled for long texts (`Anchors`), the first time one is searched."""
    compiled: dict[tuple[int, bool], Any] = field(default_factory=dict, compare=False, repr=False)
    """(line, ignoring case) -> the line compiled by Python's engine, once it is searched."""

    def search(self, text: str | Words | None) -> str | None:
        """The first phrase found in `text` (a string, or a normalized text split into words
        already), in the text's own words."""
        if isinstance(text, Words):
            if not text.text:
                return None
            flat, words = text.text, text
            if words.scanned:
                return self.finish(flat, words, self._search_anchors(words))
        elif not text:
            return None
        else:
            flat = normalize(text)
            words = tokens(flat)
        return self.finish(flat, words, self._search_tokens(flat, words))

    def finish(self, flat: str, words: Words, found: tuple[int, int] | None) -> str | None:
        """The phrase found, from where its words matched (`found`, or None) and the list's
        `re:` lines, in the text's own words."""
        if found and flat[found[0]:found[1]].rsplit(" ", 1)[-1].lower() in _DANGLING:
            after = _WORD.search(flat, found[1])
            if after:  # "engagement with our" reads better as "engagement with our app"
                found = (found[0], after.end())
        best = found
        if self.patterns:
            match = self._search_patterns(flat, words.lowered if "lowered" in words.__dict__ else None)
            if match and (best is None or match[0] < best[0]):
                start = match[0]
                while start > 0 and flat[start - 1].isalnum():
                    start -= 1  # a line that opens inside a word ("[a-z] are lost") quotes the whole word
                best = (start, match[1])
        return flat[best[0]: best[1]] if best else None

    def _search_patterns(self, flat: str, lowered: str | None = None) -> tuple[int, int] | None:
        """Where the first `re:` line matches. Lines written in lower case run case-sensitively
        over the lowered text (`lowered`, when the caller has it): the same matches as ignoring
        case, at twice the speed."""
        low = (lowered if lowered is not None else flat.lower()) if self.lowered else flat
        folding = len(low) != len(flat)  # lowering changed the length ("İ"): offsets would not fit
        if folding:
            low = flat
        lines = range(len(self.patterns))
        if ((len(low) >= LONG_TEXT or len(self.patterns) >= SET_LINES)
                and "\x0b" not in low and not low.endswith("\n")):
            if low.isascii():
                lines = self._prefilter().candidates(low)
            elif self.lowered and not folding:  # case-sensitive over the lowered text
                lines = self._prefilter(wide=True).candidates(low)
        bounds = self.bounded or (False,) * len(self.patterns)
        first = None
        for k in lines:
            pattern, bounded = self._line(k, folding), bounds[k]
            match = pattern.search(low)
            while match and bounded and not _BOUNDARY.match(low, match.start()):
                match = pattern.search(low, match.start() + 1)
            if match and (first is None or match.start() < first[0]):
                first = (match.start(), match.end())
        return first

    def _line(self, k: int, folding: bool = False):
        """Line `k` as Python's engine runs it (compiled the first time), or the user's RE2
        pattern. `folding`: ignoring case, for a text that lowering lengthens."""
        line = self.patterns[k]
        if not isinstance(line, str):
            return line
        key = (k, folding or not self.lowered)
        found = self.compiled.get(key)
        if found is None:
            found = self.compiled[key] = re.compile(line, re.IGNORECASE) if key[1] else re.compile(line)
        return found

    def _prefilter(self, wide: bool = False) -> LineSet:
        key = "wide lines" if wide else "lines"
        found = self.scan.get(key)
        if found is None:
            found = self.scan[key] = LineSet(self.patterns, self.bounded, wide=wide)
        return found

    def _search_anchors(self, words: Words) -> tuple[int, int] | None:
        """`_search_tokens` for a long text: the phrases are tried where `Anchors` finds them."""
        anchors = self.scan.get("anchors")
        if anchors is None:
            anchors = self.scan["anchors"] = Anchors(
                {anchor: tuple((None, phrase, offset) for phrase, offset in group) for anchor, group in self.anchors.items()})
        best: tuple[int, int] | None = None
        for _, span in anchors.matches(words):
            if best is None or (span[0], -span[1]) < (best[0], -best[1]):
                best = span
        return best

    def _search_tokens(self, flat: str, words: Words) -> tuple[int, int] | None:
        stems = words.stems
        if self.anchor_set.isdisjoint(stems):
            return None  # the common case, decided by lookups, without building a set of the words
        present = self.anchor_set.intersection(stems)
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


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, eq=False, repr=False)
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
    scan: dict[str, Anchors] = field(default_factory=dict, compare=False, repr=False)
    """Every list's anchors compiled together for long texts (`Anchors`)."""

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
        if words.scanned:
            return self._search_anchors(words)
        present = self.anchor_set.intersection(words.stems)
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
        # A list with no phrase found and no `re:` line has found nothing: no call to say so (a
        # dozen lists an item, most of them plain phrases).
        return {name: matcher.finish(flat, words, words.span(*best[k]) if best[k] else None)
                if flat and (best[k] or matcher.patterns) else None
                for k, (name, matcher) in enumerate(zip(self.names, self.matchers))}

    def _search_anchors(self, words: Words) -> dict[str, str | None]:
        """`search_all` for a long text: the phrases are tried where `Anchors` finds them."""
        anchors = self.scan.get("anchors")
        if anchors is None:
            anchors = self.scan["anchors"] = Anchors(self.anchors)
        best: list[tuple[int, int] | None] = [None] * len(self.names)
        for k, span in anchors.matches(words):
            mine = best[k]
            if mine is None or (span[0], -span[1]) < (mine[0], -mine[1]):
                best[k] = span
        text = words.text
        return {name: matcher.finish(text, words, best[k]) if best[k] or matcher.patterns else None
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
    lines = []
    users = []
    for phrase in dict.fromkeys(phrases):
        if phrase.startswith("re:"):
            (users if phrase in bounded else lines).append(phrase[3:].strip())
            continue
        if "..." in phrase:
            parts = tuple(part for part in (GAP if word == "..." else stem(word) for word in _phrase_words(phrase))
                          if part != "")
            if not parts or parts[0] is GAP:
                continue
        else:  # most phrases: no gap to place, every word stemmed in one call
            parts = tuple(filter(None, map(stem, _phrase_words(phrase))))
            if not parts:
                continue
        index.setdefault(parts[0], []).append(parts)
    ordered = {first: tuple(sorted(group, key=len, reverse=True)) for first, group in index.items()}
    shapes = [_expression(line) for line in lines]
    lowered = bool(shapes) and all(_lower_case(body) for _, body in shapes)
    # Each line stays text until it is searched (`Matcher._line`): a run compiles some forty, and
    # the RE2 set that says which lines match a text at all (`LineSet`) compiles them in a third
    # of the time, so a line that never matches is never compiled by Python's engine (start-up
    # counts, bench: a 10-item audit). Lines in lower case run case-sensitively over the lowered
    # text; their case-folding twins are needed only for a text that lowering lengthens ("İ").
    fast: list[Any] = [body for _, body in shapes]
    lost = [lost for lost, _ in shapes]
    if users:  # case-insensitive already: the same searched in the lowered text or the text
        combined = check_pattern("|".join(f"(?:{p})" for p in users))
        fast, lost = [*fast, combined], [*lost, False]
    anchors: dict[str, list[tuple[tuple[str | None, ...], int]]] = {}
    for group in ordered.values():
        for phrase in group:
            head = phrase[: phrase.index(GAP)] if GAP in phrase else phrase
            if len(head) == 1:
                offset = 0
            else:
                ranks = list(map(_rarity, head))
                offset = ranks.index(max(ranks))  # the first of the rarest
            anchors.setdefault(head[offset], []).append((phrase, offset))
    return Matcher(ordered, tuple(fast), anchors={k: tuple(v) for k, v in anchors.items()},
                   anchor_set=frozenset(anchors), lowered=lowered,
                   bounded=tuple(lost))


_BOUNDARY = re.compile(r"\b")


def _expression(line: str) -> tuple[bool, str]:
    """A `re:` line as it is searched: each line is a scan of its own, and one that begins with
    `\\b` is searched without it (`Matcher._search_patterns` checks the boundary where it
    matches, which finds what the line finds). Python's engine skips in C to where a line's
    first letters stand, but tries an expression that begins with `\\b`, or an alternation of
    several lines, at every place of the text: the support references over a 4,000-character
    text took 200 µs as one expression, 100 µs as three without their `\\b` (bench: tracker-
    like backlogs)."""
    if line.startswith("\\b") and _single(line[2:]):
        return True, line[2:]
    return False, line


_STRUCTURE = re.compile(r"\\.?|\[\^?\]?(?:\\.?|[^\]\\])*\]?|([()|])", re.DOTALL)
"""For `_single`: an escape, a bracketed class (a "]" first in it, or after its "^", is one of its
characters), or one of "(", ")" and "|" outside them (group 1)."""


def _single(pattern: str) -> bool:
    """True when `pattern` has no `|` outside parentheses and brackets: a `\\b` in front of it
    applies to every match. Only the parentheses and bars are looked at one by one (`_STRUCTURE`
    steps over the rest in C: a run reads some fifty shipped lines, each of them long)."""
    if "|" not in pattern:
        return True
    depth = 0
    for char in _STRUCTURE.findall(pattern):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            return False
    return True


_ESCAPE = re.compile(r"\\N\{[^}\\]*\}|\\.")  # [^}\\]: "\N{\N{\N{..." stays linear


def _lower_case(pattern: str) -> bool:
    """True when the pattern names no upper-case letter (escapes such as \\D or \\N{...} aside)."""
    bare = _ESCAPE.sub("", pattern)
    return bare == bare.lower()


def _phrase_words(phrase: str) -> list[str]:
    if "..." not in phrase:  # no gap: the words of the whole phrase at once (no word spans a space)
        words = phrase.split()
        if "".join(words).isalpha():  # letters and spaces only (most phrases): its words are its chunks
            return words
        return _WORD.findall(phrase.replace("’", "'"))
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


def _normal(text: str) -> bool:
    """True when `normalize` would leave `text` as it is (a reader's texts are normalized once:
    finding out costs a few scans in C, normalizing a 4,000-character text again ~30 µs). Every
    space but " " is unprintable; a text that is not printable is normalized to be sure."""
    return (text.isprintable() and "  " not in text and "’" not in text and "‘" not in text
            and not text.startswith(" ") and not text.endswith(" "))


def sentence_around(text: str, fragment: str, limit: int = 160) -> str:
    """The sentence of `text` that holds `fragment`, for quoting; clipped to `limit` characters."""
    flat = text if _normal(text) else normalize(text)
    at = flat.lower().find(fragment.lower())
    if at < 0:
        return fragment
    start = max(flat.rfind(". ", 0, at), flat.rfind("? ", 0, at), flat.rfind("! ", 0, at))
    start = 0 if start < 0 else start + 2
    ends = [e for e in (flat.find(". ", at), flat.find("? ", at), flat.find("! ", at)) if e >= 0]
    end = min(ends) + 1 if ends else len(flat)
    sentence = flat[start:end].strip()
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"
