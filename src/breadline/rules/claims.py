"""What a filled-in field claims, read structurally (issue 15): shared by the rules that judge a
field's words (BL203, BL305, BL402, BL501, BL904) and by nothing else.

A field can be filled without drawing its link: with a person of ours and their say-so
("CEO", "agreed with the CTO"), with the item's own solution said as an absence ("There is no
Google Calendar sync"), with a change for us ("ship by Friday"). The phrase lists are data
(`our-people`, `say-so`, `absence`, `next-about-us`); the structure is here.
"""

from __future__ import annotations

from functools import lru_cache

import re

from breadline.words import WordLists

_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def stems_of(text: str) -> tuple[str, ...]:
    """The words of `text`, lower-cased, possessives and plurals folded ("CEOs", "managers'"):
    lighter than matching's stems, so that "marketing" does not read as "market"."""
    out = []
    for word in _WORD.findall(text.lower().replace("’", "'")):
        if word.endswith(("'s", "s'")):
            word = word[:-2] if word.endswith("'s") else word[:-1]
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        out.append(word)
    return tuple(out)


SHORT = 40
"""Words, at most, of a text these readings take apart phrase by phrase: a text that is "only
us", or only the item's absence, or a reason of ours, is short, and a longer one is read by its
first words only (reading is bounded, whatever a file holds)."""

_FILLER = frozenset(stems_of(
    "a an the to of for in on at and or is are be been was it its this that so our my their just also "
    "very really all some any more most need needs want wants should must can could would add have has"
))
"""Words that say nothing of their own, whatever list is being read."""


@lru_cache(maxsize=64)
def _phrases(phrases: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The phrases of a list as stem sequences, longest first."""
    return tuple(sorted((tuple(stems_of(p)) for p in phrases if p and not p.startswith("re:")), key=len, reverse=True))


def _strip(stems: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], str | None]:
    """`stems` without every occurrence of the phrases, and the first phrase found (as stems)."""
    out: list[str] = []
    first = None
    i = 0
    while i < len(stems):
        for phrase in phrases:
            if phrase and stems[i:i + len(phrase)] == phrase:
                first = first or " ".join(phrase)
                i += len(phrase)
                break
        else:
            out.append(stems[i])
            i += 1
    return tuple(out), first


def only_us(text: str | None, words: WordLists) -> bool:
    """True when `text` is nothing but people of ours and their say-so ("CEO", "the PM",
    "requested by leadership", "agreed with the CTO"), or opens with one of ours saying,
    thinking or wanting something ("Account managers say Summit would use it")."""
    if not text:
        return False
    stems = stems_of(text[: SHORT * 20])
    whole = len(stems) <= SHORT
    stems = stems[:SHORT]
    ours = _phrases(words("our-people"))
    say = _phrases(words("say-so"))
    rest, found = _strip(stems, ours)
    if found is None:
        return False
    rest, _ = _strip(rest, say)
    if whole and not [s for s in rest if s not in _FILLER]:
        return True
    start = 0
    while start < len(stems) and stems[start] in _FILLER:
        start += 1
    lead = next((p for p in ours if stems[start:start + len(p)] == p), None)
    if lead is None:
        return False
    after = stems[start + len(lead):]
    return any(after[: len(p)] == p for p in say if p[0] not in _FILLER and p[0] not in _LINKING)


_LINKING = frozenset(stems_of("by from with per"))
"""Say-so words that join a person to a text rather than say something themselves."""


def says_absence(problem: str | None, title: str, words: WordLists) -> str | None:
    """The absence phrase when `problem` says only that the item does not exist yet ("There is
    no Google Calendar sync." for "Google Calendar sync"): once the absence and the title's own
    words are set aside, at most one word of its own is left."""
    if not problem:
        return None
    found = words.matcher("absence").search(problem)
    if not found:
        return None
    stems = stems_of(problem)
    if len(stems) > SHORT:
        return None
    rest, _ = _strip(stems, _phrases(words("absence")))
    title_words = set(stems_of(title)) | {s[:-1] for s in stems_of(title) if s.endswith("s")}
    own = [s for s in rest if s not in _FILLER and s not in title_words and s.rstrip("s") not in title_words]
    return found if len(own) <= 1 else None


def names_them(text: str, customer_words: frozenset[str], words: WordLists, mentioned: bool) -> bool:
    """True when a `next:` speaks of the customer's side: them, their people (a role), or the
    customer by name (`mentioned`: the registry reads a name in it)."""
    stems = set(stems_of(text.lower()))
    if stems & {"they", "their", "them", "theirs", "he", "she", "her", "his"} or stems & customer_words or mentioned:
        return True
    return bool(words.matcher("roles").search(text))


def refused_reason(reason: str | None, words: WordLists) -> str | None:
    """The reason itself when a waiver's reason is a procedure or a wish of ours rather than a
    customer's reason ("agreed with the CTO", "leadership wants it", "for the demo"): once the
    procedure, our people and their say-so are set aside, at most two words are left. A reason
    that also gives a customer's reason ("the CTO asked: Northgate's desk double-books every
    Monday") stands."""
    if not reason:
        return None
    stems = stems_of(reason)
    if len(stems) > SHORT:
        return None
    rest, motive = _strip(stems, _phrases(words("procedure-motives")))
    rest, ours = _strip(rest, _phrases(words("our-people")))
    if motive is None and ours is None:
        return None
    rest, _ = _strip(rest, _phrases(words("say-so")))
    if len([s for s in rest if s not in _FILLER]) > 2:
        return None
    return reason.strip()


_POSSESSORS = frozenset({"their", "its", "his", "her", "your"})


def belongs_to_them(text: str, found: str) -> bool:
    """True when the phrase `found` stands in `text` as the customer's own ("a client's quarterly
    VAT deadline", "their quarterly target"): a possessive other than ours among the few words
    before it. A deadline or a target of theirs is their problem, not our procedure."""
    at = text.lower().replace("’", "'").find(found.lower().replace("’", "'"))
    if at < 0:
        return False
    before = _WORD.findall(text[:at].lower().replace("’", "'"))[-4:]
    return any(word in _POSSESSORS or (word.endswith(("'s", "s'")) and word not in ("it's", "let's")) for word in before)
