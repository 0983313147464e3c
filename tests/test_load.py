"""Loading: both file shapes, every field, positions, unknown fields, and every bad input."""

from __future__ import annotations

import datetime as dt
import os

import pytest
import yaml

from breadline.errors import InputError
from breadline.load import load, load_text


def test_top_level_list_and_mapping_with_registry():
    plain = load_text("- id: A\n  title: a\n")
    assert [i.id for i in plain.items] == ["A"] and plain.customers == {}
    mapped = load_text("customers:\n  acme: {name: Acme, paying: true, mrr: 10}\nitems:\n  - title: a\n")
    assert mapped.customers["acme"].name == "Acme"
    assert mapped.customers["acme"].paying is True
    assert mapped.customers["acme"].mrr == 10


def test_every_item_field_is_read():
    backlog = load_text(
        """\
- id: 101
  title: Export
  description: d
  customer: [acme, finance admins at Globex]
  problem: p
  evidence:
    - ZD-1
    - {source: interview, date: 2026-10-02, url: "https://x.example/1"}
  next: n
  serves: [7, B]
  points: 2.5
  labels: billing
  type: story
  status: todo
  waive: {bl301: why}
  assignee: priya
"""
    )
    item = backlog.items[0]
    assert item.id == "101"
    assert item.customers == ("acme", "finance admins at Globex")
    assert [e.text for e in item.evidence] == ["ZD-1", "interview"]
    assert item.evidence[1].date == dt.date(2026, 10, 2)
    assert item.evidence[1].url == "https://x.example/1"
    assert item.serves == ("7", "B")
    assert item.points == 2.5
    assert item.labels == ("billing",)
    assert (item.type, item.status, item.next, item.problem, item.description) == ("story", "todo", "n", "p", "d")
    assert item.waive == {"BL301": "why"}
    assert item.extra == {"assignee": "priya"}


def test_positions_of_items_and_fields():
    backlog = load_text("items:\n  - id: A\n    title: a\n    points: 3\n  - id: B\n    title: b\n", "f.yaml")
    a, b = backlog.items
    assert str(a.position) == "f.yaml:2:5"
    assert str(a.position_of("points")) == "f.yaml:4:5"
    assert str(b.position) == "f.yaml:5:5"
    assert a.position_of("customer") == a.position  # absent fields fall back to the item


def test_items_without_id_get_their_place_in_the_list():
    backlog = load_text("- title: a\n- title: b\n")
    assert [i.id for i in backlog.items] == ["#1", "#2"]
    assert not backlog.items[0].has_id


def test_evidence_date_as_text_and_single_mapping():
    item = load_text("- title: a\n  evidence: {source: s, date: '2026-10-02'}\n").items[0]
    assert item.evidence[0].date == dt.date(2026, 10, 2)


def test_merge_keys_apply():
    backlog = load_text("defaults: &d {customer: acme, points: 2}\nitems:\n  - <<: *d\n    title: a\n    points: 5\n")
    item = backlog.items[0]
    assert item.customers == ("acme",) and item.points == 5


def test_byte_order_mark_and_windows_line_endings():
    backlog = load_text("\ufeff- id: A\r\n  title: a\r\n".encode().decode("utf-8-sig"))
    assert backlog.items[0].title == "a"


def test_null_items_is_an_empty_backlog():
    assert load_text("items:\n").items == ()


# -- bad input: one clear error naming file, line and column ------------------------------


def _error(text: str) -> InputError:
    with pytest.raises(InputError) as caught:
        load_text(text, "b.yaml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("", "file is empty", None),
        ("# only a comment\n", "file is empty", None),
        ("- title: [unclosed\n", "invalid YAML", (2, 1)),
        ("- title: a\n  bad: : x\n  - b\n", "invalid YAML", (2, 8)),
        ("just a sentence\n", "expected a list of items", (1, 1)),
        ("42\n", "expected a list of items", (1, 1)),
        ("customers: {}\n", "needs an `items:` list", (1, 1)),
        ("items: 3\n", "`items:` must be a list", (1, 8)),
        ("- just text\n- title: b\n", "item 1 must be a mapping", (1, 3)),
        ("- id: A\n  description: no title\n", "item 'A' has no `title:`", (1, 3)),
        ("- id: A\n  title: ''\n", "item 'A' has an empty `title:`", (1, 3)),
        ("- id: A\n  title: a\n- id: A\n  title: b\n", "duplicate id 'A' (first used at line 1, column 3)", (3, 7)),
        ("- id: A\n  title: a\n  points: three\n", "`points` must be a number, not 'three'", (3, 11)),
        ("- id: A\n  title: a\n  points: -2\n", "`points` must be zero or more", (3, 11)),
        ("- id: A\n  title: a\n  points: true\n", "`points` must be a number", (3, 11)),
        ("- id: A\n  title: [a, b]\n", "`title` must be text, not a list", (2, 10)),
        ("- id: [1]\n  title: a\n", "`id` must be text or a number", (1, 7)),
        ("- id: A\n  title: a\n  evidence: [{date: 2026-01-01}]\n", "needs a `source:`", (3, 14)),
        ("- id: A\n  title: a\n  evidence: [{source: s, date: soon}]\n", "must be a date", (3, 32)),
        ("- id: A\n  title: a\n  evidence: [{source: s, date: 2026-02-30}]\n", "invalid value", (3, 32)),
        ("- id: A\n  title: a\n  points: " + "9" * 5000 + "\n", "number '99999", (3, 11)),
        ("- id: A\n  title: a\n  waive: BL301\n", "must be a mapping of rule code to reason", (3, 10)),
        ("customers:\n  acme: {paying: maybe}\nitems: []\n", "`paying` must be true or false", (2, 18)),
        ("customers:\n  acme: {mrr: lots}\nitems: []\n", "`mrr` must be a number", (2, 15)),
        ("customers: [acme]\nitems: []\n", "`customers:` must be a mapping", (1, 12)),
        ("- id: A\n  title: a\n  title: b\n", "duplicate key 'title' (first at line 2, column 3)", (3, 3)),
        ("- !!python/object/apply:os.system ['echo hi']\n", "tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed", (1, 3)),
        ("- title: !!python/name:os.system ''\n", "is not allowed", (1, 10)),
        ("- title: a\n---\n- title: b\n", "invalid YAML", (2, 1)),
        ("- {? [a]: b, title: c}\n", "mapping key must be a plain value", (1, 6)),
    ],
)
def test_bad_input_is_one_clear_error(text, message, where):
    error = _error(text)
    assert message in error.message
    assert "\n" not in error.location_message()
    if where is None:
        assert error.line is None
    else:
        assert (error.line, error.column) == where


def test_plain_numbers_load_as_pyyaml_reads_them():
    values = ["7", "0", "010", "1_000", "0x1F", "+3", "-4", "3.5", "1:30", "12345678901234567890", "１２"]
    backlog = load_text("".join(f"- title: t{k}\n  x: {v}\n" for k, v in enumerate(values)))
    expected = yaml.safe_load("".join(f"- {v}\n" for v in values))
    got = [item.extra["x"] for item in backlog.items]
    assert got == expected and [type(v) for v in got] == [type(v) for v in expected]


def test_every_wrong_field_is_reported_in_one_run():
    error = _error("- id: A\n  title: a\n  points: x\n- id: B\n  title: b\n  points: y\n")
    assert [e.line for e in (error, *error.others)] == [3, 6]


def test_alias_bomb_is_refused_quickly():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        refs = ",".join([f"*a{i - 1}"] * 9)
        lines.append(f"a{i}: &a{i} [{refs}]")
    lines.append("items:\n  - title: boom\n    bomb: *a9")
    error = _error("\n".join(lines) + "\n")
    assert "alias" in error.message


@pytest.mark.parametrize("depth", [5_000, 200_000])
def test_deep_nesting_is_an_error_not_a_crash(depth):
    error = _error("- title: a\n  x: " + "[" * depth + "]" * depth + "\n")
    assert "nested too deeply" in error.message


def test_deep_block_nesting_is_an_error_not_a_crash():
    text = "- title: a\n  x:\n" + "".join(" " * (4 + i) + f"k{i}:\n" for i in range(1200)) + " " * 1300 + "v: 1\n"
    error = _error(text)
    assert "nested too deeply" in error.message or "invalid YAML" in error.message


# -- reading files ------------------------------------------------------------------------


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load(str(tmp_path / "nope.yaml"))


def test_directory(tmp_path):
    with pytest.raises(InputError, match="is a directory"):
        load(str(tmp_path))


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.yaml"
    path.write_text("- title: a\n")
    if os.geteuid() == 0:  # root reads anything: make the open itself fail as it would for a user
        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied")

        monkeypatch.setattr("breadline.load.open", refuse, raising=False)
    else:
        path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        load(str(path))


def test_non_utf8_bytes_name_line_and_column(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes(b"- id: A\n  title: caf\xe9\n")
    with pytest.raises(InputError) as caught:
        load(str(path))
    assert "not UTF-8" in caught.value.message
    assert (caught.value.line, caught.value.column) == (2, 13)


def test_binary_file(tmp_path):
    path = tmp_path / "image.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        load(str(path))


def test_huge_file_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "huge.yaml"
    path.write_text("- title: a\n")
    monkeypatch.setattr("breadline.load.MAX_BYTES", 4)
    with pytest.raises(InputError, match="reads at most"):
        load(str(path))


def test_a_plain_value_cut_short_by_a_hash_is_noted_with_the_lost_words():
    backlog = load_text(
        "- id: A\n"
        "  title: Export  # a comment, as comments are written\n"
        "  description: Ana reported it in Zendesk #812\n"
        "  problem: \"quoted #1 keeps it\"\n"
        "  evidence:\n    - Ticket #4471 from Acme\n    - {source: ZD-1, date: 2026-01-01}\n"
        "  waive:\n    BL301: see #12\n"
    )
    (item,) = backlog.items
    assert item.description == "Ana reported it in Zendesk"
    assert item.cut == (("description", "#812"), ("evidence", "#4471 from Acme"), ("waive", "#12"))
    assert load_text("- id: A\n  title: T\n").items[0].cut == ()


def test_deep_nesting_is_told_from_many_brackets():
    """The over-estimate that sends a deeply nested file to the pure parser: many brackets
    (pasted JSON, stack traces) are not depth; depth past the C parser's limit always is, however
    the brackets are mixed, interleaved or left unmatched."""
    from breadline.load import MAX_C_DEPTH, _may_nest_deeply

    deep = MAX_C_DEPTH + 1
    assert not _may_nest_deeply("[" * MAX_C_DEPTH + "]" * MAX_C_DEPTH)
    assert not _may_nest_deeply('{"a": [1, 2]} ' * 5000)  # 10,000 brackets, two deep
    assert not _may_nest_deeply("]" * 3000 + "[" * (MAX_C_DEPTH - 20))
    assert _may_nest_deeply("[" * deep + "]" * deep)
    assert _may_nest_deeply("[" * deep)
    assert _may_nest_deeply("{[" * (deep // 2 + 1) + "]}" * (deep // 2 + 1))
    assert _may_nest_deeply("[x, " * (deep - 30) + "[]" * 3000 + "[" * 40)
    assert _may_nest_deeply("[[]" * deep)  # every pair taken out leaves the depth


def test_a_title_of_only_a_no_break_space_beside_a_hash_is_an_empty_title(tmp_path):
    """Found by the property tests: a title that is only a no-break space, in a file where some
    line holds `#`, crashed the check for values a ` #` cuts short. It is an empty title."""
    path = tmp_path / "b.yaml"
    path.write_text("items:\n- id: A\n  title: x #y\n- id: B\n  title: \u00a0\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        load(str(path))
    assert "item 'B' has an empty `title:`" in str(raised.value)
    assert (raised.value.line, raised.value.column) == (4, 3)
