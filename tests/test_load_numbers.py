"""Numbers, tags and keys a backlog may hold that once crashed the loader or were read wrong:
each is a one-line error with file, line and column, or the value a user means."""

from __future__ import annotations

import pytest

from breadline.errors import InputError
from breadline.load import load_text


def _points(value: str):
    return load_text(f"- id: A\n  title: x\n  points: {value}\n", "b.yaml").items[0].points


@pytest.mark.parametrize(("value", "said"), [
    ('!!bool "maybe"', "invalid value 'maybe' for the tag '!!bool'"),
    ('!!timestamp "garbage"', "invalid value 'garbage' for the tag '!!timestamp'"),
    ('!!int "abc"', "invalid value 'abc'"),
    ('!!float "x"', "invalid value 'x'"),
    (".inf", "must be a finite number, not '.inf'"),
    ("-.inf", "must be a finite number"),
    (".nan", "must be a finite number"),
    ("1e400", "must be a finite number"),
    ("1.0e+308", "too large to count"),
    ("0x" + "f" * 5000, "is too long to count"),
    ("0o" + "7" * 5000, "must be a number"),  # YAML 1.1 has no 0o: it is text
    ("0" + "7" * 5000, "is too long to count"),
    ("1:" + "59:" * 2000 + "1", "is too long to count"),
    ("9" * 400, "is too long to count"),
    ("-3", "must be zero or more"),
])
def test_bad_numbers_and_tags_are_one_line_errors(value, said):
    with pytest.raises(InputError) as caught:
        _points(value)
    error = caught.value
    assert said in error.message
    assert (error.path, error.line, error.column) == ("b.yaml", 3, 11)
    assert len(error.location_message()) < 200 and "\n" not in error.location_message()


def test_two_huge_points_do_not_sum_to_infinity():
    text = "- {id: A, title: x, points: 1.0e+308}\n- {id: B, title: y, points: 1.0e+308}\n"
    with pytest.raises(InputError) as caught:
        load_text(text, "b.yaml")
    assert "too large to count" in caught.value.message and len(caught.value.others) == 1


@pytest.mark.parametrize(("value", "expected"), [("1e3", 1000), ("2.5e1", 25), ("1E2", 100), ("3", 3), ("0.5", 0.5)])
def test_exponent_without_a_dot_is_a_number(value, expected):
    assert _points(value) == expected


def test_a_long_number_in_a_text_field_is_its_text():
    digits = "9" * 400
    item = load_text(f"- id: A\n  title: {digits}\n", "b.yaml").items[0]
    assert item.title == digits


def test_tags_in_any_field_are_errors_not_crashes():
    with pytest.raises(InputError) as caught:
        load_text("- id: A\n  title: x\n  customer: !!bool maybe\n  url: !!timestamp nope\n", "b.yaml")
    assert (caught.value.line, caught.value.column) == (3, 13)


def test_customer_keys_one_and_quoted_one_are_duplicates():
    text = 'customers:\n  1: {name: One}\n  "1": {name: Other}\nitems:\n  - {title: x, customer: "1"}\n'
    with pytest.raises(InputError) as caught:
        load_text(text, "b.yaml")
    assert "duplicate customer key '1' (first at line 2, column 3)" in caught.value.message
    assert caught.value.line == 3


def test_waivers_differing_by_case_are_duplicates():
    text = "- id: A\n  title: x\n  waive: {bl301: one, BL301: two}\n"
    with pytest.raises(InputError) as caught:
        load_text(text, "b.yaml")
    assert "waives BL301 twice" in caught.value.message and caught.value.line == 3


def test_an_impossible_date_is_an_error_with_a_position():
    with pytest.raises(InputError) as caught:
        load_text("- id: A\n  title: x\n  evidence: [{source: s, date: 2026-13-45}]\n", "b.yaml")
    assert caught.value.line == 3 and "2026-13-45" in caught.value.message


@pytest.mark.parametrize("text", [
    "- {id: A, title: x, " + "k" * 10_000 + ": 1, " + "k" * 10_000 + ": 2}\n",
    "- {id: " + "i" * 10_000 + ", title: x, points: many}\n",
    "- !" + "t" * 10_000 + " {title: x}\n",
    "- !!" + "t" * 10_000 + " {title: x}\n",
    "- {id: A, title: *" + "a" * 10_000 + "}\n",
    "customers:\n  " + "c" * 10_000 + ": [1]\nitems: [{title: x}]\n",
])
def test_no_message_echoes_more_than_80_characters_of_a_value(text):
    with pytest.raises(InputError) as caught:
        load_text(text, "b.yaml")
    for error in (caught.value, *caught.value.others):
        assert len(error.message) < 250, error.message
        assert max(len(run) for run in error.message.replace("…", " ").split()) <= 80


def test_a_control_character_is_placed_by_line_and_column(write, cli):
    path = write("- id: A\n  title: ééé\n  description: x\x1by\n")
    result = cli("audit", path)
    assert result.exit_code == 2
    assert f"{path}:3:17: invalid YAML: U+001B is a control character" in result.stderr
    assert "position" not in result.stderr


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read(write, cli, codec):
    data = "- id: A\n  title: Überweisung\n".encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    result = cli("audit", "-f", "json", write(data))
    assert result.exit_code == 1, result.stderr
    assert "Überweisung" in result.stdout
