"""One list of chore types (`words/chore-types.txt`): the reading, BL604 and the interview agree."""

import pytest

from breadline import words
from breadline.interview import SERVING_TYPES
from tests.conftest import run_audit


@pytest.mark.parametrize("kind", words.builtin("chore-types"))
def test_every_chore_type_makes_an_orphan_chore(kind):
    row = run_audit(f"- id: A\n  title: Rework the export queue\n  type: {kind.title()}\n").find("A")
    assert "BL604" in {f.code for f in row.findings}


def test_a_story_is_no_chore():
    row = run_audit("- id: A\n  title: Rework the export queue\n  type: story\n").find("A")
    assert "BL604" not in {f.code for f in row.findings}


def test_the_interview_asks_chores_what_they_serve_first():
    assert set(words.builtin("chore-types")) <= SERVING_TYPES
