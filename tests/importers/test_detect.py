"""Detection: every sample export is recognised from its content, and no YAML backlog ever is."""

from __future__ import annotations

from pathlib import Path

import pytest

from breadline.errors import InputError, UsageError
from breadline.importers import decode, detect_source, source_name
from breadline.importers.detect import looks_tabular
from tests.importers.conftest import EXPORTS, TRACKERS

ROOT = Path(__file__).parent.parent.parent


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_sample_export_is_recognised(name):
    text = decode((TRACKERS / name).read_bytes(), name)
    assert detect_source(text) == EXPORTS[name]


def _yaml_files():
    found = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "tests" / "data").rglob("*.yaml"))
    return [path for path in found if "trackers" not in path.parts]


@pytest.mark.parametrize("path", _yaml_files(), ids=lambda p: p.name)
def test_no_yaml_file_of_the_project_is_taken_for_an_export(path):
    assert detect_source(path.read_text(encoding="utf-8-sig")) == "yaml"


@pytest.mark.parametrize("text", [
    "# Summary, Issue key, Issue Type, Status\n- title: a\n",      # a comment that reads like a header
    "- title: Summary, Issue key, Issue id, Issue Type\n",
    "title: Issue ID, URL, Title, State\n",
    "---\nID,Title,Status,Team\n",
    '[{"id": "A-1", "title": "x", "number": 3}]',                  # JSON-style YAML without GitHub's fields
    '{"items": [{"title": "x", "key": "PAY-1"}]}',                 # no "fields" object: not Jira
    "items:\n  - {title: a, number: 1, url: x}\n",
    "",
    "\ufeff",
])
def test_yaml_and_lookalikes_stay_yaml(text):
    assert detect_source(text) == "yaml"


@pytest.mark.parametrize("text, source", [
    ("Summary,Issue key,Issue id\r\nA,PAY-1,1\r\n", "jira-csv"),
    ("sep=;\nIssue key;Summary;Status\nPAY-1;A;To Do\n", "jira-csv"),
    ("Summary\tIssue key\tStatus\nA\tPAY-1\tTo Do\n", "jira-csv"),
    ('"Issue ID","URL","Title","State"\n1,u,t,Open\n', "gitlab"),
    ("ID,Team,Title,Status,Estimate\nENG-1,Core,t,Todo,1\n", "linear"),
    ('  \n[{"number": 1, "title": "t", "url": "https://github.com/o/r/issues/1"}]', "github"),
    ('{"total_count": 1, "items": [{"number": 1, "title": "t", "html_url": "h"}]}', "github"),
    ('{"issues": [{"key": "PAY-1", "fields": {"summary": "s"}}]}', "jira-json"),
    ('[{"key": "PAY-1", "fields": {"summary": "s"}}]', "jira-json"),
])
def test_minimal_exports_are_recognised(text, source):
    assert detect_source(text) == source


def test_a_jira_html_export_is_named():
    assert detect_source("<html><body><table><tr><td>PAY-1</td></tr></table></body></html>") == "html"


@pytest.mark.parametrize("given, expected", [
    ("jira-csv", "jira-csv"), ("JIRA-JSON", "jira-json"), (" github ", "github"), ("gh", "github"),
    ("yml", "yaml"), ("gitlab-csv", "gitlab"), ("linear", "linear"),
])
def test_from_names_and_aliases(given, expected):
    assert source_name(given) == expected


@pytest.mark.parametrize("given, message", [
    ("jra-csv", "did you mean 'jira-csv'"),
    ("jira", "jira-csv or jira-json"),
    ("bugzilla", "choose from yaml, jira-csv, jira-json, github, gitlab, linear, azure-devops, redmine, youtrack, pivotal, trello, csv"),
])
def test_unknown_from_names_are_usage_errors(given, message):
    with pytest.raises(UsageError, match=message):
        source_name(given)


def test_utf16_and_bom_are_decoded():
    text = "Summary\tIssue key\nA\tPAY-1\n"
    assert decode(b"\xff\xfe" + text.encode("utf-16-le"), "x.csv") == text
    assert decode(b"\xef\xbb\xbf" + text.encode(), "x.csv") == text


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04rest-of-a-zip", "Excel .xlsx workbook"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1", "old Excel .xls"),
    (b"Summary,Issue key,Status\nCaf\xe9,PAY-1,Open\n", "save the export as UTF-8"),
    (b"\x00\x01\x02binary", "binary"),
])
def test_workbooks_and_other_encodings_are_refused_with_a_hint(data, message):
    with pytest.raises(InputError, match=message):
        decode(data, "export.csv")


def test_looks_tabular_only_for_csv_like_text():
    assert looks_tabular("Key,Title,Owner,Points\n1,a,b,2\n")
    assert not looks_tabular("# a, b, c, d\n- title: x\n")
    assert not looks_tabular("items:\n  - title: a, b, c\n")


@pytest.mark.parametrize("text, source", [
    ("Resumen,Clave de incidencia,ID de la incidencia,Estado\nA,OC-1,1,Por hacer\n", "jira-csv"),
    ("Résumé;Clé de ticket;Type de ticket;État\nA;CCS-1;Bug;À faire\n", "jira-csv"),
    ("Zusammenfassung,Vorgangsschlüssel,Vorgangstyp\nA,RE-1,Story\n", "jira-csv"),
    ("Otsikko,Avain,Projekti,Tila\nA,LAS-7,LAS,Avoin\n", "jira-csv"),          # known by its shape alone
    ("ID,Work Item Type,Title,State\n1,Bug,A,New\n", "azure-devops"),
    ("Work Item Type;Title 1;Title 2;State\nEpic;A;;New\n", "azure-devops"),
    ('{"id": "5a2", "name": "Board", "cards": [{"idList": "l1", "name": "A"}], "lists": []}', "trello"),
    ('{"id": "69b", "idBoard": "684", "idList": "684f", "name": "One card"}', "trello"),
    ('{"issues": [{"key": "", "fields": {"summary": "A"}}]}', "jira-json"),
    ("Subject,Owner,Stage\nA,B,C\n", "yaml"),                                   # nobody's export: not guessed
    ("Key,Title,Owner\nA-1,a,b\n", "yaml"),                                     # issue keys but no project column
])
def test_exports_in_other_languages_and_the_new_formats_are_recognised(text, source):
    assert detect_source(text) == source
