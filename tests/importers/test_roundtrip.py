"""The backlog file `breadline import` writes: breadline's own loader reads it back to the same
items, the audit of the file equals the audit of the export, and the text stays readable."""

from __future__ import annotations

import random

import pytest

from breadline.audit import audit
from breadline.importers import Export, to_backlog, to_yaml
from breadline.importers.records import Record
from breadline.importers.text import one_line, tidy
from breadline.load import load_text
from breadline.model import Evidence, Settings
from tests.conftest import TODAY
from tests.importers.conftest import EXPORTS, read

FIELDS = ("id", "has_id", "title", "description", "customers", "problem", "next", "serves", "points", "labels",
          "type", "status", "url", "extra")


def _same_items(direct, reloaded):
    assert len(direct.items) == len(reloaded.items)
    for ours, theirs in zip(direct.items, reloaded.items):
        for name in FIELDS:
            assert getattr(ours, name) == getattr(theirs, name), (ours.id, name)
        assert [(e.text, e.date, e.url) for e in ours.evidence] == [(e.text, e.date, e.url) for e in theirs.evidence]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_the_written_file_loads_back_to_the_same_items(name):
    export = read(name)
    _same_items(to_backlog(export), load_text(to_yaml(export), "backlog.yaml"))


def _verdicts(backlog):
    result = audit(backlog, Settings(today=TODAY))
    return [(r.item.id, r.score, r.verdict, r.traced, r.via, sorted(f.code for f in r.findings)) for r in result.items]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_auditing_the_export_equals_auditing_the_imported_file(name):
    export = read(name)
    assert _verdicts(to_backlog(export)) == _verdicts(load_text(to_yaml(export), "backlog.yaml"))


def test_multi_line_text_is_a_block_scalar_and_nothing_is_wrapped():
    text = to_yaml(read("jira-cloud.csv"))
    assert "    description: |-\n      As an accounts receivable controller at Northwind, I want posted invoices" in text
    assert "  - id: PAY-101\n    title: Export posted invoices to NetSuite as journal entries\n" in text
    assert "    labels: [finance, netsuite]\n" in text
    long_line = "so that the month closes without re-keying."
    assert any(line.endswith(long_line) and len(line) > 120 for line in text.split("\n"))


def test_the_file_is_the_same_every_time():
    assert to_yaml(read("linear-export.csv")) == to_yaml(read("linear-export.csv"))


_ALPHABET = (
    "abcxyz ABC 0123 \n\n\r\n\t  #:-?|>*&!%@`'\"{}[],.\\/ é ü ß 中文 🎉 \u00a0 \u200b \x00 \x07 \x85 \u2028 \ud800 "
    "---\n... yes no null ~ 1e3 0x1F 2026-10-02 "
)


def _random_text(rng: random.Random, size: int) -> str:
    return "".join(rng.choice(_ALPHABET.split(" ") + list(_ALPHABET)) for _ in range(size))


def test_any_text_survives_the_round_trip():
    rng = random.Random(20261123)
    records = []
    for index in range(300):
        record = Record(index + 1, f"line {index + 1}")
        record.id = one_line(_random_text(rng, 6)) or f"X-{index}"
        record.id = f"{record.id}-{index}"
        record.title = one_line(_random_text(rng, 30)) or "t"
        record.description = tidy(_random_text(rng, 200)) or None
        record.problem = one_line(_random_text(rng, 20)) or None
        record.customers = [one_line(_random_text(rng, 8)) or "c"]
        record.evidence = [Evidence(one_line(_random_text(rng, 10)) or "e", None, "https://x.example/?q=a b")]
        record.labels = [one_line(_random_text(rng, 5)) or "l", "x"]
        record.extra = {"sprint": one_line(_random_text(rng, 6)) or "s"}
        records.append(record)
    export = Export("fuzz.json", "github", records, rows=len(records))
    _same_items(to_backlog(export), load_text(to_yaml(export), "backlog.yaml"))
    _same_items(to_backlog(export), load_text(to_yaml(export, fast=False), "backlog.yaml"))


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_libyaml_and_pure_python_write_the_same_file(name):
    export = read(name)
    assert to_yaml(export) == to_yaml(export, fast=False)
