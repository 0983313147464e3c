"""Signal families: what a careful colleague notices in a tracker item's own words.

Each family is a documented unit (`Family`) with examples that must fire and examples that must
stay quiet, run by tests/read/test_families.py. A family reads the item's title and lead (the
title and the first sentences of the description, where a report says what happened), and its
labels, and returns a `Clue`: which links the words draw, how sure the reading is, and the exact
words. Families read words only through their phrase lists in `words/`, so configuration can
extend, replace or switch them off (`words: {first-person: {replace: []}}`).

How sure a reading is (`Clue.certainty`):

- `stated`: the item says it outright (a `customer-acme` label, "Acme asked for …");
- `likely`: a careful reader would take it so (a first-person report of a failure);
- `hinted`: a sign, not enough alone (a `bug` label on an item that says nothing else).
"""

from __future__ import annotations

from breadline.read.base import CERTAINTY, Clue, Family, ItemWords
from breadline.read.families import FAMILIES, clues

__all__ = ["CERTAINTY", "Clue", "FAMILIES", "Family", "ItemWords", "clues"]
