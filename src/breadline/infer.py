"""Read the line from an item's title and description when its fields are missing, the way a
careful colleague would: user stories, reported defects, named customers, support tickets and
requests, and mentions of the items a chore serves.

Every inferred link keeps the exact words it was read from, and starts weaker than a link drawn
from its own field (`INFERRED_STRENGTH`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from breadline.match import joined, normalize, search, sentence_around, stem, stems_of, tokens
from breadline.model import Backlog, Item
from breadline.read import CERTAINTY, ItemWords, clues
from breadline.read.base import count
from breadline.read.families import describes_failure, is_change, without_headings

INFERRED_STRENGTH = CERTAINTY["likely"]
"""What a link read from free text is worth before rules weigh in, when the reading is likely
(a field is worth 1.0; see `read.CERTAINTY` for stated and hinted readings)."""

DEFECT_LEAD_SENTENCES = 2
"""A defect report leads with its symptom: failure words count in the title and the first
sentences of the description, not in a passing mention further down."""

DEFECT_WHO = "the people hitting this failure"

_ROLE = r"(?P<role>[^,.;:!?\n]{2,80}?)"
_WANT = r"(?:want|wants|need|needs|would like|'d like|wish|can|could|should be able to|must be able to|expect)"
_STORY = re.compile(
    r"\bas (?:an? |the )?" + _ROLE + r"\s*,?\s+I\s+" + _WANT + r"\s+(?:to\s+)?(?P<goal>[^\n]+?)"
    r"(?:\s*,?\s+(?:so that|so|in order to|because)\s+(?P<benefit>[^\n]+?))?\s*(?:[.!]\s|[.!]?$|\n)",
    re.IGNORECASE,
)
_STORY_BENEFIT_FIRST = re.compile(
    r"\bin order to (?P<benefit>[^,\n]+),\s*as (?:an? |the )?" + _ROLE + r"\s*,?\s+I\s+" + _WANT
    + r"\s+(?:to\s+)?(?P<goal>[^.\n]+)",
    re.IGNORECASE,
)
_SO_THAT = re.compile(r"\b(?:so that|so they can|so she can|so he can|which means they can|which lets them)\s+(?P<benefit>[^.\n]{4,})",
                      re.IGNORECASE)
_REQUESTED_BY = re.compile(
    r"\b(?:requested|reported|raised|asked for|flagged|escalated) by (?:the |our )?(?P<who>[^.,;:()\n]{2,60}?)(?=[.,;:()\n]|$| via | on | in | through | last | this | yesterday)",
    re.IGNORECASE,
)
_SUBJECT_ASKS = re.compile(
    r"(?:^|[.!?:\n]\s*|\b(?:because|since|as) )(?P<who>(?:[A-Z][\w&'-]*|the|our|all|some|most|many)(?: [\w&'-]+){0,3}?)"
    r" (?:asked for|asked us|asked|have asked|has asked|requested|requests|want|wants|need|needs|would like|are asking|is asking|keep asking|complain|complained)\b",
)
_NOUN_BEFORE_ASK = re.compile(r"\b(?:feature|support|pull|merge|change|customer|access|service|data|api)\s+(?:requests?|needs?)$",
                              re.IGNORECASE)
"""'Feature requests go to …': the asking word is a noun there, nobody asks."""
_ROLE_AFTER = re.compile(r"\s*[(,–—-]\s*(?:our |the )?([^()\n,.;]{2,40})\)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_WAITS_ON = re.compile(r"\b(?:blocked by|depends on|dependent on|requires|waiting (?:on|for)|needs|after)\s*:?\s*"
                       r"(?:[\w#-]+(?:,|\s+and)\s+)*$", re.IGNORECASE)
_ASKING = re.compile(r" (?:ask|request|want|need|would like|complain)")
_ITEM_ID = re.compile(r"(?<![\w-])(?:[A-Za-z][A-Za-z0-9]*-\d+|#\d+)(?![\w-])")


@dataclass(frozen=True, slots=True)
class Reading:
    """What the text says for one link: the statement and the exact words it came from."""

    values: tuple[str, ...]
    quote: str
    certainty: str = "likely"
    """stated, likely or hinted (`read.CERTAINTY`)."""
    signal: str = "wording"
    """The signal family the reading came from."""


def _lead(item: Item, text: str) -> str:
    """The title and the first sentences of the description: where a defect report says what broke."""
    if not item.description:
        return text
    description = normalize(item.description)
    return text[: len(text) - len(description)] + first_sentences(description, DEFECT_LEAD_SENTENCES)


def first_sentences(text: str, count: int) -> str:
    return " ".join(_SENTENCE_END.split(text, maxsplit=count)[:count])


_LAST_TEXT: list = [None, ""]
"""The last item text_of read and its text: inference and every rule ask for the same item's
text in turn (items are examined one at a time), so one entry, found by identity, is enough."""


def text_of(item: Item) -> str:
    """The item's title and description as one normalized text, the same string for every rule
    and for inference (so that it is split into words once)."""
    if _LAST_TEXT[0] is item:
        return _LAST_TEXT[1]
    title = normalize(item.title)
    if not item.description:
        text = title
    else:
        description = normalize(item.description)
        text = f"{title if title.endswith(('.', '!', '?', ':')) else title + '.'} {description}"
        joined(text, title, description)  # the title's words are read on their own too (chores)
    _LAST_TEXT[0], _LAST_TEXT[1] = item, text
    return text


class Reader:
    """Infers links for the items of one backlog (the registry's names are compiled once)."""

    def __init__(self, backlog: Backlog, words: Callable[[str], tuple[str, ...]]):
        self.backlog = backlog
        self.words = words
        self.ids = {item.id for item in backlog.items if item.has_id}
        self.id_words = frozenset(word for name in self.ids for word in stems_of(name))
        """The words ids read as ("PAY-101" -> "pay-101", "#12" -> "12"): a text none of whose
        words is one of these mentions no id."""
        self.served_by = {item.id: frozenset(item.serves) for item in backlog.items if item.serves}
        """Id -> the ids its `serves:` field names."""
        names: dict[str, str] = {}
        for customer in backlog.customers.values():
            names[customer.key.casefold()] = customer.key
            if customer.name:
                names[customer.name.casefold()] = customer.key
        self.registry_pattern = None
        if names:
            alternatives = sorted(names, key=len, reverse=True)
            body = "|".join(re.escape(n).replace(r"\-", r"[\s\-_]").replace(r"\ ", r"[\s\-_]") for n in alternatives)
            self.registry_pattern = re.compile(rf"(?<![\w-])(?:{body})(?:'s|s')?(?![\w-])", re.IGNORECASE)
        self.registry_lookup = {re.sub(r"[\s\-_]+", " ", name): key for name, key in names.items()}
        # Stems of every word of every name: a text sharing none of them names no customer,
        # which one set intersection tells before any regular expression runs.
        self.registry_stems = frozenset(stem(word) for name in names for word in re.split(r"[\s\-_]+", name) if word)

    # -- the links --------------------------------------------------------------------

    def read(self, item: Item) -> dict[str, Reading]:
        """The links the title and description draw, for the links the fields leave empty."""
        text = text_of(item)
        lead = _lead(item, text)
        found: dict[str, Reading] = {}
        chore = self.is_chore(item)

        low = text.lower()
        story = None
        if "as " in low and " i " in f" {low} ":  # cheap test before the expensive patterns
            story = _STORY_BENEFIT_FIRST.search(text) or _STORY.search(text)
        if story:
            role = story.group("role").strip()
            found["who"] = Reading((role,), story.group(0).strip())
            found["problem"] = Reading((f"wants to {story.group('goal').strip()}",), story.group("goal").strip())
            if story.group("benefit"):
                found["next"] = Reading((story.group("benefit").strip(),), story.group("benefit").strip())

        mentioned = self.customer_mentioned(text)
        if mentioned:
            key, words = mentioned
            if "who" not in found or not self._looks_specific(found["who"].values[0]):
                found["who"] = Reading((key,), words)
            found.setdefault("problem", Reading((sentence_around(text, words),), sentence_around(text, words)))

        if "who" not in found:
            asked = self.requester(text)
            if asked:
                found["who"] = Reading((asked[0],), asked[1])

        failure = None if chore else search(self.words("failures"), without_headings(lead, self.words))
        if failure:
            sentence = sentence_around(text, failure)
            # A change (a pull request, "fix: …", "Closes #12") describes its fix, not a person's
            # report of a failure: only a hint of one.
            sure = "hinted" if is_change(self._words_of(item, text, lead)) else "likely"
            found.setdefault("who", Reading((DEFECT_WHO,), failure, sure, "failures"))
            found.setdefault("problem", Reading((sentence,), sentence, sure, "failures"))
            found.setdefault("evidence", Reading(("the defect report itself",), sentence, sure, "failures"))

        reference = search(self.words("support-references"), text)
        if reference:
            found.setdefault("evidence", Reading((sentence_around(text, reference),), reference))
            if "problem" not in found and "who" in found:
                sentence = sentence_around(text, reference)
                found["problem"] = Reading((sentence,), sentence)

        if "next" not in found:
            benefit = _SO_THAT.search(text) if ("so " in low or "which " in low) else None
            if benefit:
                found["next"] = Reading((benefit.group("benefit").strip(),), benefit.group(0).strip())

        if not chore:
            for clue in clues(self._words_of(item, text, lead), self.words):
                for name in ("who", "problem", "evidence"):
                    value = getattr(clue, name)
                    # The surer reading wins: a first-person report outweighs a hinted failure.
                    if value and (name not in found or clue.strength > CERTAINTY[found[name].certainty]):
                        found[name] = Reading((value,), clue.quote, clue.certainty, clue.family)
        return found

    def serves(self, item: Item) -> tuple[str, ...]:
        """Ids of other items the text mentions ("needed for PAY-101"), except those the item waits
        on ("blocked by PAY-2", "depends on PAY-2") and those that already serve it: the line runs
        from enabler to enabled, never both ways."""
        if not self.ids:
            return ()
        text = text_of(item)
        if self.id_words.isdisjoint(tokens(text).distinct):
            return ()  # no word of the text is an id: decided without the pattern
        mentioned = []
        for match in _ITEM_ID.finditer(text):
            token = match.group(0)
            if token == item.id or token not in self.ids or token in mentioned:
                continue
            if _WAITS_ON.search(text[max(0, match.start() - 40): match.start()]):
                continue
            if item.id in self.served_by.get(token, ()):
                continue
            mentioned.append(token)
        return tuple(mentioned)

    # -- helpers ----------------------------------------------------------------------

    def _words_of(self, item: Item, text: str, lead: str) -> ItemWords:
        extra = item.extra
        return ItemWords(title=normalize(item.title), lead=without_headings(lead, self.words), text=text,
                         labels=item.labels, kind=(item.type or "").strip().lower(),
                         association=str(extra.get("author_association") or "") if extra else "",
                         reactions=count(extra.get("reactions")) + count(extra.get("votes")) if extra else 0,
                         comments=count(extra.get("comments")) if extra else 0)

    def is_chore(self, item: Item) -> str | None:
        """The words that make the item read as a chore, if it does."""
        if item.type and item.type.strip().lower() in {"chore", "tech-debt", "tech debt", "maintenance", "refactor"}:
            return f"type: {item.type}"
        chore = search(self.words("chores"), item.title)
        if chore and describes_failure(item.title, self.words):
            return None  # "Signed out after upgrading to 6.0": the upgrade is where a user's failure happened
        if chore and item.description:
            lead = without_headings(_lead(item, text_of(item)), self.words)
            if search(self.words("first-person"), lead) and describes_failure(lead, self.words, worded=True):
                return None  # "zammad upgrade to 6.0: when opening a ticket I get …": a person's failure
        return chore

    def customer_mentioned(self, text: str) -> tuple[str, str] | None:
        """The registry key of the first customer the text names, and the words naming it.

        Customers are proper nouns: a key or name counts only where the text capitalises it, so
        the "demo" tenant is not found in "Friday's demo"."""
        if self.registry_pattern is None or self.registry_stems.isdisjoint(tokens(normalize(text)).distinct):
            return None
        found = next((m for m in self.registry_pattern.finditer(text) if m.group(0)[0].isupper()), None)
        if not found:
            return None
        words = found.group(0)
        bare = re.sub(r"(?:'s|s')$", "", words).casefold()
        key = self.registry_lookup.get(re.sub(r"[\s\-_]+", " ", bare))
        return (key, words) if key else None

    def requester(self, text: str) -> tuple[str, str] | None:
        low = text.lower()
        by = _REQUESTED_BY.search(text) if " by " in low else None
        if by:
            who = by.group("who").strip()
            role = _ROLE_AFTER.match(text, by.end())
            if role and not self._looks_specific(role.group(1)):
                who = role.group(1).strip()  # "requested by Mark (CEO)": the role is what counts
            return who, by.group(0).strip()
        subject = _SUBJECT_ASKS.search(text) if _ASKING.search(low) else None
        if subject and not _NOUN_BEFORE_ASK.search(subject.group(0)):
            who = subject.group("who").strip()
            if who.lower() not in {"it", "this", "that", "we", "i", "they", "he", "she", "the"}:
                return who, subject.group(0).strip(" .!?:\n")
        return None

    def _looks_specific(self, role: str) -> bool:
        from breadline.rules.who import is_vague

        return not is_vague(role, self.words)
