"""CSV as trackers and spreadsheets write it, with the line each row starts on."""

from __future__ import annotations

import pytest

from breadline.errors import InputError
from breadline.importers.tabular import clean_cell, read_table, sniff_delimiter


def test_rows_remember_the_physical_line_they_start_on():
    text = 'Key,Title,Description\r\nA-1,One,"first\r\nsecond\r\nthird"\r\n\r\nA-2,Two,plain\r\nA-3,Three,"x"\r\n'
    table = read_table(text, "t.csv")
    assert [(row.line, row.cells[0]) for row in table.rows] == [(2, "A-1"), (6, "A-2"), (7, "A-3")]
    assert table.value(table.rows[0], "description") == "first\r\nsecond\r\nthird"


def test_excel_sep_hint_semicolons_and_cells_excel_wrapped():
    text = 'sep=;\r\nKey;Title;Points\r\n="007";"Semi; colon";2,5\r\n'
    table = read_table(text, "t.csv")
    assert table.delimiter == ";"
    row = table.rows[0]
    assert row.line == 3
    assert table.value(row, "Key") == "007" and table.value(row, "Title") == "Semi; colon"
    assert table.value(row, "Points") == "2,5"


@pytest.mark.parametrize("line, expected", [
    ("a,b,c", ","), ("a;b;c", ";"), ("a\tb\tc", "\t"), ('"a;b",c,d', ","), ("single", ","), ("a;b,c;d", ";"),
])
def test_delimiter_is_the_most_frequent_outside_quotes(line, expected):
    assert sniff_delimiter(line) == expected


def test_repeated_columns_and_columns_found_in_any_case():
    table = read_table("Labels,Labels,labels,Sprint\nx,,y,S1\n", "t.csv")
    assert table.values(table.rows[0], "LABELS") == ["x", "y"]
    assert table.find("sprint") == "Sprint"


def test_excel_shortened_rows_are_padded_and_empty_rows_and_repeated_headers_noted():
    text = "Key,Title,Status\nA-1,One\n,,\nKey,Title,Status\nA-2,Two,Open\n"
    table = read_table(text, "t.csv")
    assert [row.cells[0] for row in table.rows] == ["A-1", "A-2"]
    assert table.value(table.rows[0], "Status") is None
    assert table.empty_rows == [3] and table.repeated_headers == [4]
    assert [(skip.where, skip.reason.split(" (")[0]) for skip in table.skips()] == [
        ("line 3", "empty row"), ("line 4", "repeated header row")]


def test_extra_empty_cells_are_tolerated_but_extra_data_is_an_error():
    assert read_table("Key,Title\nA-1,One,,\n", "t.csv").rows[0].cells == ("A-1", "One")
    with pytest.raises(InputError) as caught:
        read_table("Key,Title\nA-1,One\nA-2,Two, three,four\n", "t.csv")
    assert caught.value.line == 3
    assert "row 2 has 4 cells but the header has 2" in caught.value.message


def test_an_unclosed_quote_names_the_row_where_it_opens():
    with pytest.raises(InputError) as caught:
        read_table('Key,Title,Description\nA-1,One,"ok"\nA-2,Two,"never closed\nA-3,Three,x\n', "t.csv")
    assert (caught.value.line, caught.value.column) == (3, 1)
    assert "never closed" in caught.value.message


def test_a_stray_quote_after_a_quoted_cell():
    with pytest.raises(InputError, match="quote inside a quoted cell must be doubled") as caught:
        read_table('Key,Title\nA-1,"One" two\n', "t.csv")
    assert caught.value.line == 2


def test_empty_file_and_cells_longer_than_csvs_default_limit():
    with pytest.raises(InputError, match="is empty"):
        read_table("", "t.csv")
    long = "x" * 300_000
    table = read_table(f'Key,Description\nA-1,"{long}"\n', "t.csv")
    assert len(table.value(table.rows[0], "Description")) == 300_000


def test_clean_cell():
    assert clean_cell('  ="0042" ') == "0042"
    assert clean_cell("\ufeffKey ") == "Key"
