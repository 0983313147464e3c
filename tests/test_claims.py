"""Items whose breadline fields are all filled in, honestly or with claims that fill a field
without drawing its link (tests/data/claims/, issue 15): every verdict must be the one a careful
product manager gives, and the claim must be named by its rule.

The labels (expected.yaml) were written before the rules that judge claims, from
docs/concept.md; the rules are general word lists and structural checks, not tuned to an item.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from breadline.audit import audit
from breadline.load import load
from breadline.model import Settings
from tests.conftest import DATA, TODAY

FOLDER = DATA / "claims"
EXPECTED: dict[str, dict] = yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))
BACKLOGS = sorted(FOLDER.glob("*.yaml"))
BACKLOGS.remove(FOLDER / "expected.yaml")


def _rows():
    rows = {}
    for path in BACKLOGS:
        for row in audit(load(str(path)), Settings(today=TODAY)).items:
            assert row.item.id not in rows, f"{row.item.id} is in two backlogs"
            rows[row.item.id] = row
    return rows


ROWS = _rows()


def test_the_set_is_large_mixed_and_fully_labelled():
    assert len(BACKLOGS) >= 3, "items from at least three products"
    assert set(ROWS) == set(EXPECTED), "every item is labelled, once"
    assert len(EXPECTED) >= 60
    kinds = Counter(label["kind"] for label in EXPECTED.values())
    assert set(kinds) == {"honest", "claim"}
    assert abs(kinds["honest"] - kinds["claim"]) <= 2, kinds
    for path in BACKLOGS:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            filled = {"customer", "custmer", "serves", "waive"} & set(item) and {"problem", "evidence", "next", "serves"} & set(item)
            assert filled, f"{item['id']}: the claims set is about filled-in fields"


@pytest.mark.parametrize("item_id", list(EXPECTED))
def test_verdict_and_the_claim_named(item_id):
    label, row = EXPECTED[item_id], ROWS[item_id]
    codes = {f.code for f in row.findings if f.waived is None}
    said = f"{item_id}: {row.verdict.value} at {row.score}, findings {sorted(codes)} ({label['why']})"
    assert row.verdict.value == label["verdict"], said
    assert set(label.get("finds", ())) <= codes, said
    assert not set(label.get("quiet", ())) & codes, said
