"""The reader on real tracker items (tests/data/real, labelled as docs/labelling.md says): the
development part is guarded here; the held-out part is measured by `make judge` and never tuned
against, so no test pins it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import judge  # noqa: E402  (bench/judge.py: the same measurement `make judge` reports)

REAL = ROOT / "tests" / "data" / "real"


def test_the_corpus_is_there_and_split_by_project():
    dev, held = judge.part_files("development"), judge.part_files("held-out")
    assert dev and held

    def projects(files: list[Path]) -> set[str]:
        found = set()
        for path in files:
            for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
                found.add(item["source"].split("/")[0].lower())
        return found

    assert projects(dev).isdisjoint(projects(held)), "a project is in both parts"
    held_items = sum(len(judge.labels(path)) for path in held)
    assert held_items >= 120
    assert len(projects(dev) | projects(held)) >= 60


def test_every_item_is_labelled_with_a_source_and_a_reason():
    for path in sorted(REAL.glob("*.yaml")):
        items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
        ids = [str(item["id"]) for item in items]
        assert len(ids) == len(set(ids)), path.name
        for item in items:
            assert item["expected"] in {"traced", "untraced", "unclear"}, (path.name, item["id"])
            assert item.get("source") and item.get("why") and item.get("title"), (path.name, item["id"])


def test_every_batch_gathered_blind_says_how_it_read_on_first_contact(tmp_path):
    """The fresh batches were labelled before the reader met them: each header keeps the figure
    of that first measurement, which `make judge` sets beside today's."""
    fresh = sorted(REAL.glob("fresh*.yaml"))
    assert fresh
    for path in fresh:
        found = judge.first_contact(path)
        assert found is not None, path.name
        commit, precision, recall = found
        assert 0 <= float(precision) <= 1 and 0 <= float(recall) <= 1, path.name
    plain = tmp_path / "plain.yaml"
    plain.write_text("# no figure here\nitems: []\n", encoding="utf-8")
    assert judge.first_contact(plain) is None
    told = tmp_path / "told.yaml"
    told.write_text("# Measured once, at commit abc1234, before any tuning on it: precision 0.81,\n"
                    "# recall 0.90 (100 labelled)\nitems: []\n", encoding="utf-8")
    assert judge.first_contact(told) == ("abc1234", "0.81", "0.90")


def test_the_development_part_is_read_well():
    score = judge.measure(judge.part_files("development"))
    misread = [f"{label['id']} ({label['expected']}): {row.verdict.value} {row.score}" for label, row in score.misread]
    assert score.labelled >= 300
    assert score.precision >= 0.85, misread
    assert score.recall >= 0.85, misread
    sure = score.gated("high")  # audit --min-confidence high: what a CI gate on the sure verdicts gets
    assert sure.precision >= 0.90, (sure.tp, sure.fp)
    assert sure.precision >= score.precision
    assert 0.2 <= sure.recall < score.recall


def test_gated_figures_count_only_the_verdicts_that_sure():
    score = judge.Score(tp=5, fp=3, fn=2, tn=10, sure={("high", True): 3, ("medium", True): 2, ("medium", False): 1,
                                                      ("low", False): 2})
    high, medium, low = score.gated("high"), score.gated("medium"), score.gated("low")
    assert (high.tp, high.fp, high.fn, high.tn) == (3, 0, 4, 13)
    assert (medium.tp, medium.fp, medium.fn, medium.tn) == (5, 1, 2, 12)
    assert (low.tp, low.fp, low.fn, low.tn) == (score.tp, score.fp, score.fn, score.tn)


def test_the_development_part_is_read_well_from_title_description_and_labels_alone():
    """As most exports give items (and as the issue's owner measures): no type, no date, no counts."""
    score = judge.measure(judge.part_files("development"), plain=True)
    misread = [f"{label['id']} ({label['expected']}): {row.verdict.value} {row.score}" for label, row in score.misread]
    assert score.labelled >= 300
    assert score.precision >= 0.85, misread
    assert score.recall >= 0.85, misread


@pytest.mark.parametrize(("path", "part"), [(judge.SECOND_READER, "development"), (judge.OWNER_ITEMS, "development"),
                                            (judge.OWNER_STYLE, "held-out")],
                         ids=["second-reader", "owner-items", "held-out-owner-style"])
def test_a_second_reader_labelled_items_of_the_corpus_as_they_stand(path, part):
    """A second reader's items are the corpus's own, word for word; `make judge` compares the
    two readers' labels on them."""
    second = judge.labels(path)
    assert len(second) >= 100
    first = {}
    for labelled in judge.part_files(part):
        first.update(judge.labels(labelled))
    for key, item in second.items():
        assert key in first, key
        assert item["title"] == first[key]["title"], key
        assert item.get("description") == first[key].get("description"), key
        assert item["expected"] in {"traced", "untraced", "unclear"} and item.get("why"), key
    found = judge.agreement(path, part=part)
    assert found.items == len(second)
    assert 0 < found.agreed <= found.both_decided <= found.items
    assert -1 <= found.kappa <= 1
    assert len(found.split) == sum(first[key]["expected"] != item["expected"] for key, item in second.items())


def test_the_blind_batches_pool_their_first_contact():
    """`make judge` adds the blind batches together: their counts today, and at first contact the
    counts each header's precision and recall give (found = recall x untraced, false alarms =
    found / precision - found)."""
    blind = judge.Blind()
    blind.add(judge.Score(tp=8, fp=2, fn=2, tn=8), 0.8, 0.5)  # first contact: 5 found, 1.25 false
    blind.add(judge.Score(tp=4, fp=0, fn=0, tn=4), 1.0, 1.0)
    today = blind.today
    assert (today.tp, today.fp, today.fn, today.tn) == (12, 2, 2, 12)
    assert blind.batches == 2
    assert blind.found == pytest.approx(9.0) and blind.false == pytest.approx(1.25)
