"""The field mapping: tracker columns, fields, description headings and scoped labels feeding
breadline's fields, from the defaults, the configuration and `--map`."""

from __future__ import annotations

import datetime as dt

import pytest

from breadline.errors import UsageError
from breadline.importers.mapping import DEFAULTS, FieldMap, apply, check_target, key, parse_option
from breadline.importers.records import Record
from breadline.model import Evidence
from tests.importers.conftest import by_id, read

CSV = (
    "Summary,Issue key,Status,Custom field (Account),Custom field (Zendesk ticket),Custom field (Why),"
    "Custom field (Effort),Custom field (Outcome)\n"
    'Bulk export,PAY-1,Open,Acme Logistics,"ZD-1, ZD-2",They retype totals,three,They close the month sooner\n'
    "Dark mode,UI-9,Open,,https://acme.zendesk.com/agent/tickets/4411,,2,\n"
)


def _record(**fields) -> Record:
    record = Record(1, "line 1")
    for name, value in fields.items():
        setattr(record, name, value)
    return record


def test_names_compare_ignoring_case_spacing_and_jiras_custom_field_wrapper():
    assert key("Custom field (Zendesk  Ticket)") == key("zendesk ticket") == "zendesk ticket"


def test_defaults_apply_without_being_asked(write):
    items = by_id(read(str(write(CSV, "j.csv"))))
    assert items["PAY-1"].evidence == [Evidence("Zendesk ticket ZD-1"), Evidence("Zendesk ticket ZD-2")]
    assert items["UI-9"].evidence == [Evidence("Zendesk ticket 4411", None, "https://acme.zendesk.com/agent/tickets/4411")]
    assert items["PAY-1"].customers == [] and items["PAY-1"].problem is None


def test_configured_and_command_line_mappings(write):
    path = str(write(CSV, "j.csv"))
    items = by_id(read(path, fields=(("Account", "customer"), ("Why", "problem")),
                       cli_fields=(("Effort", "points"), ("Outcome", "next"), ("Zendesk ticket", "ignore"))))
    one = items["PAY-1"]
    assert one.customers == ["Acme Logistics"] and one.problem == "They retype totals"
    assert one.next == "They close the month sooner"
    assert one.evidence == []                                   # the default, turned off
    assert one.points is None and "Effort 'three' is not a number of points; left out" in one.notes
    assert items["UI-9"].points == 2


def test_an_unknown_command_line_source_is_a_usage_error_with_a_suggestion(write):
    with pytest.raises(UsageError, match=r"--map: 'Acount' is not a column.*did you mean 'Custom field \(Account\)'"):
        read(str(write(CSV, "j.csv")), cli_fields=(("Acount", "customer"),))


def test_configured_sources_the_export_lacks_are_fine(write):
    items = by_id(read(str(write(CSV, "j.csv")), fields=(("Customer name", "customer"),)))
    assert items["PAY-1"].customers == []


def test_scoped_labels_and_sections():
    record = _record(labels=["customer::Acme", "customer: Globex", "area/billing"],
                     sections={"Evidence": "- ZD-9 from Dana, 2026-10-02\n- a call\n\n| table | row |",
                               "Next step": "They **close** sooner"})
    apply(record, FieldMap.of([("label:area", "labels"), ("Next step", "next")]))
    assert record.customers == ["Acme", "Globex"]
    assert record.evidence == [Evidence("ZD-9 from Dana, 2026-10-02", dt.date(2026, 10, 2)), Evidence("a call")]
    assert record.next == "They close sooner"
    assert record.labels[-1] == "billing"


def test_every_target():
    record = _record(fields={"T": ["New title"], "D": ["**Long** text"], "S": ["Done"], "Ty": ["Chore"],
                             "U": ["not an address", "https://x.example/1"], "L": ["a, b"], "Sv": ["PAY-1, #4 and x"],
                             "P": ["1,5"]})
    apply(record, FieldMap.of([("T", "title"), ("D", "description"), ("S", "status"), ("Ty", "type"), ("U", "url"),
                               ("L", "labels"), ("Sv", "serves"), ("P", "points")]))
    assert (record.title, record.description, record.status, record.closed, record.type) == (
        "New title", "Long text", "Done", True, "Chore")
    assert record.url == "https://x.example/1" and record.labels == ["a", "b"]
    assert record.serves == ["PAY-1", "#4"] and record.points == 1.5


def test_unanswered_values_are_left_out():
    record = _record(fields={"Customer": ["_No response_"]}, sections={"Customer": "N/A"})
    apply(record, FieldMap.of())
    assert record.customers == []


@pytest.mark.parametrize("given, expected", [("Customer", "customer"), ("who", "customer"), ("Estimate", "points"),
                                             ("IGNORE", "ignore")])
def test_targets_and_their_aliases(given, expected):
    assert check_target(given, UsageError, "--map") == expected


def test_a_misspelled_target_says_what_it_probably_meant():
    with pytest.raises(UsageError, match="maps to 'evidense', which is not a field breadline reads \\(did you mean 'evidence'"):
        check_target("evidense", UsageError, "--map 'Z=evidense'")


@pytest.mark.parametrize("values, expected", [
    (["Customer=customer"], (("Customer", "customer"),)),
    (["Customer=customer,Zendesk ticket=evidence"], (("Customer", "customer"), ("Zendesk ticket", "evidence"))),
    (["a=b=customer"], (("a=b", "customer"),)),
    (["Customer, Inc.=customer"], (("Customer, Inc.", "customer"),)),
])
def test_map_option_parsing(values, expected):
    assert parse_option(values, UsageError) == expected


@pytest.mark.parametrize("value", ["Customer", "=customer", "Customer="])
def test_map_option_errors(value):
    with pytest.raises(UsageError):
        parse_option([value], UsageError)


def test_later_layers_win_and_ignore_removes():
    pairs = dict(FieldMap.of([("customer", "problem")], [("Zendesk ticket", "ignore")]).pairs)
    assert pairs["customer"] == "problem" and "Customer" not in pairs
    assert "Zendesk ticket" not in pairs and len(DEFAULTS) == len(pairs) + 1
