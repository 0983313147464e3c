"""An item's text as reading and the rules see it: the title and description normalized into
one text, split into words once, and the lead sentences where a defect report says what broke;
and whether the item reads as a chore.

`examine` builds one `ItemText` per item and hands it to inference and, in the rule context,
to every rule.
"""

from __future__ import annotations

import re
from functools import cached_property

from breadline.match import Words, normalize, tokens
from breadline.model import Item
from breadline.read.families import describes_failure, tells_experience, without_headings
from breadline.words import WordLists

TEXT_LISTS = ("procedure-motives", "wallet", "self-centric", "assumed-evidence", "support-references")
"""The lists read in an item's whole text by the wording rules and the reader."""

DEFECT_LEAD_SENTENCES = 2
"""A defect report leads with its symptom: failure words count in the title and the first
sentences of the description, not in a passing mention further down."""

LEAD_LIMIT = 400
"""At most this many characters of the description lead: a report says what broke near its top.
Bug reports in templates and pasted logs have no sentence ends, so without a limit the "first
sentences" would be the whole text, and every phrase list read in the lead would read it all
(bench: tracker-like backlogs with 4,000-character descriptions)."""

_SENTENCE_END = re.compile(r"(?<=[.!?])(?<![0-9]\.)\s+")
"""Where a sentence ends; not after a numbered step's number ("1. Open the page 2. Click Save": one
sentence, not three taken up by the numbers)."""


def sentences(text: str, count: int) -> list[str]:
    """The first `count` sentences of `text`."""
    return _SENTENCE_END.split(text, maxsplit=count)[:count]


def first_sentences(text: str, count: int) -> str:
    return " ".join(sentences(text, count))


class ItemText:
    """One item's title and description, normalized once and split into words once."""

    def __init__(self, item: Item):
        self.item = item
        self.title: Words = tokens(normalize(item.title))
        """The title on its own (chores are read from the title alone)."""
        if not item.description:
            self._description = None
            self.words: Words = self.title
        else:
            description = self._description = tokens(normalize(item.description))
            title = self.title.text
            self.words = tokens(f"{title if title.endswith(('.', '!', '?', ':')) else title + '.'} {description.text}")
        """The title and description as one normalized text, and its words."""
        self._others: dict[str, Words] = {}
        self._found: dict[str, str | None] = {}
        self._chore: tuple[WordLists, str | None] | None = None
        """What `reads_as_chore` found, and with which lists."""
        self.read_as: object | None = None
        """What the reader's signal families read of the item (`infer.Reader`'s `ItemWords`), kept
        by the reader so that the links, the change test and the close-call test build it once."""

    def find(self, words: WordLists, name: str) -> str | None:
        """The first phrase of list `name` in the whole text; the lists the rules and the reader
        read in whole texts (`TEXT_LISTS`) are searched together, in one pass, the first time."""
        found = self._found
        if name not in found:
            if name in TEXT_LISTS:
                found.update(words.together(TEXT_LISTS).search_all(self.words))
            else:
                found[name] = words.matcher(name).search(self.words)
        return found[name]

    @property
    def text(self) -> str:
        """The title and description as one normalized text."""
        return self.words.text

    @cached_property
    def lead(self) -> Words:
        """The title and the first sentences of the description: where a defect report says what broke."""
        if self._description is None:
            return self.words
        description = self._description
        lead = first_sentences(description.text, DEFECT_LEAD_SENTENCES)
        if len(lead) > LEAD_LIMIT:  # a template or a log with no sentence ends: its first words
            cut = lead.rfind(" ", 0, LEAD_LIMIT)
            lead = lead[: cut if cut > 0 else LEAD_LIMIT]
        if len(lead) == len(description.text):
            return self.words
        text = self.text
        return tokens(text[: len(text) - len(description.text)] + lead)

    def words_of(self, text: str | None) -> Words | None:
        """Another text of the item (its `problem:`, its `next:`), normalized and split into
        words the first time a rule asks."""
        if not text:
            return None
        found = self._others.get(text)
        if found is None:
            found = self._others[text] = tokens(normalize(text))
        return found


def reads_as_chore(item: Item, item_text: ItemText, words: WordLists) -> str | None:
    """What makes the item read as a chore, if it does: its type (the `chore-types` list), or
    a chore's words in its title (the `chores` list). Read once per item (the reader and the
    orphan-chore rule both ask)."""
    known = item_text._chore
    if known is not None and known[0] is words:
        return known[1]
    found = _reads_as_chore(item, item_text, words)
    item_text._chore = (words, found)
    return found


def typed_chore(item: Item, words: WordLists) -> bool:
    """True when the tracker gives the item a chore's type (the `chore-types` list)."""
    return bool(item.type) and item.type.strip().lower() in words("chore-types")


def _reads_as_chore(item: Item, item_text: ItemText, words: WordLists) -> str | None:
    if typed_chore(item, words):
        return f"type: {item.type}"
    chore = words.matcher("chores").search(item_text.title)
    if chore and describes_failure(item_text.title.text, words):
        return None  # "Signed out after upgrading to 6.0": the upgrade is where a user's failure happened
    if chore and item.description:
        lead = without_headings(item_text.lead.text, words)
        said = words.matcher("first-person").search(lead)
        if (said and describes_failure(lead, words, worded=True)) or (
                tells_experience(lead, words) and describes_failure(lead, words)):
            return None  # "zammad upgrade to 6.0: when opening a ticket I get …": a person's failure
    return chore
