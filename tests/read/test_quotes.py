"""Every link the reader infers, on every real and hand-written backlog we keep, names its
signal and how sure it is, and quotes words that stand in the item: `explain` never shows a
reading it cannot point to."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from breadline.infer import SIGNALS
from breadline.read import CERTAINTY, FAMILIES
from tests.conftest import DATA, ROOT, run_audit

BACKLOGS = sorted((DATA / "real").glob("*-dev.yaml")) + sorted((ROOT / "examples").glob("*.yaml")) + [
    DATA / "labelled" / "backlog.yaml", DATA / "heldout" / "backlog.yaml", DATA / "formats" / "backlog.yaml"]
NAMES = {family.name for family in FAMILIES} | set(SIGNALS)
_WORDS = re.compile(r"[^\W_]+")
"""Words as the reader splits them (`match._WORD`): letters and digits, so "external_id" is two words
the report's shape weighs ("external", "id"), and the quote "id" stands in the item."""


def _words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


@pytest.mark.parametrize("path", BACKLOGS, ids=lambda path: path.name)
def test_every_inferred_link_names_its_signal_certainty_and_words(path: Path):
    result = run_audit(path.read_text(encoding="utf-8"))
    texts = {row.item.id: " ".join(_words(" ".join(str(v) for v in (row.item.title, row.item.description, *row.item.labels) if v)))
             for row in result.items}
    inferred = 0
    for row in result.items:
        for link in row.links:
            if not link.inferred:
                continue
            inferred += 1
            source = texts[link.via or row.item.id]  # a link taken on through `serves` quotes the item served
            assert link.signal in NAMES, (row.item.id, link.name, link.signal)
            assert link.certainty in CERTAINTY, (row.item.id, link.name, link.certainty)
            if link.signal == "report-shape":  # the words it weighed most, each as written
                # a word as written, or two characters of a Chinese or Japanese run (read.shape._with_pairs)
                assert link.quote and all(word in source.split() or len(word) == 2 and not word.isascii() and word in source
                                          for word in _words(link.quote)), (row.item.id, link.quote)
            else:
                assert link.quote and " ".join(_words(link.quote)) in source, (row.item.id, link.name, link.quote)
    assert inferred or "examples" in str(path)


def test_every_signal_is_in_the_reading_guide():
    guide = (ROOT / "docs" / "reading.md").read_text(encoding="utf-8")
    assert [name for name in sorted(NAMES) if f"`{name}`" not in guide] == []
