"""The shapes shared by every signal family: what it reads, what it returns, how sure it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from breadline.match import Words
from breadline.words import WordLists

CERTAINTY = {"stated": 0.8, "likely": 0.65, "hinted": 0.45}
"""What a link read from the text is worth before rules weigh in, by how sure the reading is
(a link from its own field is worth 1.0). `likely` is the strength every inferred link had
before certainties: 0.65 × (40 + 25) ≥ 40, so a paying customer and their problem read from the
text weigh at least as much as a customer named in a field with nothing else. `hinted` stays
below the 0.5 a `who` link needs to trace: a hint alone never puts an item on the line.
Calibrated on the development part of tests/data/real (bench/judge.md): `likely` below 0.65
drops precision from 0.92 to 0.81 (0.6 × 65 < 40: read who and problem miss the threshold);
from 0.65 to 0.8, and `hinted` anywhere below 0.5, no verdict changes."""


REPORT_SENTENCES = 4
"""How many sentences of the description the families read after the title: a report's symptom
often comes third or fourth, after its setting ("I created an event to test. I sold 14 tickets.
Scanned attendees still show *not checked in*"). The wording rules and the chore test keep their
own, shorter lead (`text.DEFECT_LEAD_SENTENCES`). Chosen on the development part of
tests/data/real, each owner's items read with a report's shape fitted without them: with its 52
files (5,786 items, 4 December 2026), four sentences P 0.906 / R 0.903, three 0.903 / 0.903, five
0.906 / 0.902; with 20 files, two sentences had missed 10 reports that three saw."""

REPORT_LIMIT = 500
"""At most this many characters of the description are read as the lead (a template or a pasted
log has no sentence ends: its first words only)."""


LEAD_LISTS = ("first-person", "first-person-steps", "self-descriptions", "asks", "failures", "regressions", "data-gone", "never-arrives", "slowness", "needs", "pain",
              "roles", "assumed-evidence", "self-centric", "procedure-motives", "wallet")
"""The lists the families read in an item's lead: searched together, in one pass over its words."""


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ItemWords:
    """What a family may read of one item."""

    title: str
    lead: str
    """The title and the first sentences of the description (`REPORT_SENTENCES`)."""
    text: str
    """The title and the whole description."""
    labels: tuple[str, ...] = ()
    kind: str = ""
    """The item's type, lower-cased ("bug", "pull request", …)."""
    association: str = ""
    """The author's relation to the project, as GitHub says it (OWNER, MEMBER, NONE, …), if kept."""
    reactions: int = 0
    """Reactions and votes the item drew in its tracker."""
    comments: int = 0
    reporter: str = ""
    """Who reported it, where the export says so (Jira's `reporter`) and that person is assigned
    none of the backlog's items: someone outside the team that does the work (see `infer`)."""
    lead_words: Words | None = None
    """`lead`, split into words once (so every family's phrase lists read the same split)."""
    text_words: Words | None = None
    """`text`, split into words once."""
    _found: dict[str, str | None] = field(default_factory=dict, repr=False, compare=False)
    """What `in_lead` found, by list name: this item's lead only."""
    _shape: dict = field(default_factory=dict, repr=False, compare=False)
    """This item as the learnt models weigh it, each once: by the model's list name, one
    (weights, features, probability) (`families.report_probability`, asked by the family, the
    chore test and the close-call test; `families.change_probability`, by `is_change`)."""
    _change: list = field(default_factory=list, repr=False, compare=False)
    """The lists `families.change_reason` was last asked with and its answer for this item: the
    families, the reader and the audit each ask whether the item reads as a change."""

    def in_lead(self, lists: WordLists, name: str) -> str | None:
        """The first phrase of list `name` in the lead; each list is searched once per item,
        however many families ask (they share `_found`)."""
        found = self._found
        if name not in found:
            if name in LEAD_LISTS and isinstance(self.lead_split, Words):
                found.update(lists.together(LEAD_LISTS).search_all(self.lead_split))  # one pass for all
            else:
                found[name] = lists.matcher(name).search(self.lead_split)
        return found[name]

    @property
    def lead_split(self) -> Words | str:
        return self.lead_words if self.lead_words is not None else self.lead

    @property
    def text_split(self) -> Words | str:
        return self.text_words if self.text_words is not None else self.text


def count(value: object) -> int:
    """A tracker count from an item's kept fields (`reactions: 12`); anything else is 0."""
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        return 0
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 10 else 0


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Clue:
    """What one family read in one item."""

    family: str
    certainty: str
    """stated, likely or hinted (see `CERTAINTY`)."""
    quote: str
    """The exact words the reading rests on."""
    who: str | None = None
    problem: str | None = None
    evidence: str | None = None

    @property
    def strength(self) -> float:
        return CERTAINTY[self.certainty]


Lists = WordLists
"""The phrase lists of the run, with the user's configuration applied (each compiled once)."""


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Family:
    """One kind of signal, documented and tested like a rule."""

    name: str
    summary: str
    lists: tuple[str, ...]
    """The phrase lists (words/NAME.txt) it reads."""
    find: Callable[[ItemWords, Lists], Clue | None]
    fires: tuple[str, ...]
    """Items (title, then optionally ' || ' and the description) on which the family must fire."""
    quiet: tuple[str, ...]
    """Items on which it must stay quiet."""
