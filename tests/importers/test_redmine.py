"""Redmine's issue list CSV export: the real Japanese and German exports in
tests/data/trackers/real, and a small English export written here (marked as such) for what those
two do not show: parents, `Related issues`, the `Closed` column, Textile and month-first dates."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from breadline.importers import ImportOptions, detect_source, read_export, summary
from tests.importers.conftest import by_id

REAL = Path(__file__).parent.parent / "data" / "trackers" / "real"

ENGLISH = (
    "#,Project,Tracker,Parent task,Status,Priority,Subject,Author,Assignee,Updated,Target version,"
    "Estimated time,% Done,Created,Closed,Related issues,Description\n"
    '12,Shop,Feature,,New,Normal,Checkout in one step,Ana Lopez,Ben Ode,06/13/2026 09:15,2.1,8.00,0,'
    '06/01/2026 10:00,,"Blocks #14, Related to #9","h2. Why\n\n*Acme* asked for it in the June call."\n'
    "13,Shop,Task,#12,In Progress,High,Card form,Ben Ode,,06/14/2026 11:00,2.1,3.00,50,06/02/2026 10:00,,"
    '"Precedes (3 days) #15, Blocked by #16",\n'
    "14,Shop,Feature,,Closed,Normal,Order history,Ana Lopez,,06/20/2026 16:40,2.0,,100,05/20/2026 08:00,"
    "06/20/2026 16:40,,\n"
    "15,Shop,Bug,,Rejected,Low,Coupon field,Ana Lopez,,06/21/2026 09:00,,,0,06/03/2026 09:00,,,\n"
)
"""Written for this test in the shape of Redmine's English export; not a real export."""


def read_text(write, text, name="issues.csv", **options):
    return read_export(str(write(text, name)), options=ImportOptions(**options))


def test_japanese_export_reads_subjects_types_versions_and_dates():
    items = by_id(read_export(str(REAL / "redmine-ja-hanbai.csv")))
    first = items["#95"]
    assert (first.title, first.type, first.status, first.closed) == ("（リリースモジュール）", "機能", "新規", False)
    assert first.sprints == ["11.運用保守"] and first.extra["project"] == "販売WEB"
    assert (first.extra["reporter"], first.extra["assignee"]) == ("Admin Redmine", "福尾 利行")
    assert (first.extra["created"], first.extra["updated"]) == ("2022-08-22", "2022-08-22")  # 2022/08/22 21:14
    assert items["#18"].extra["due"] == "2022-08-22" and items["#18"].extra["done_ratio"] == 0


def test_german_semicolon_export_reads_day_first_dates_and_empty_assignees():
    export = read_export(str(REAL / "redmine-de-neubau.csv"))
    items = by_id(export)
    assert items["#330923"].title == "101556891" and items["#330923"].type == "Neubau"
    assert items["#330923"].extra["updated"] == "2023-06-13"  # 13/06/2023 17:12
    assert items["#330725"].extra["updated"] == "2023-12-14" and items["#330725"].extra["done_ratio"] == 100
    assert "assignee" not in items["#290162"].extra
    assert any('--url "https://YOUR-REDMINE/issues/{id}"' in line for line in summary(export))


def test_parents_and_blocking_relations_become_serves(write):
    items = by_id(read_text(write, ENGLISH))
    assert items["#12"].serves == ["#14"]           # Blocks #14; "Related to #9" says nothing about who serves
    assert items["#13"].serves == ["#12", "#15"]    # its parent, and Precedes (3 days) #15; not "Blocked by #16"
    assert items["#14"].serves == [] and items["#15"].serves == []


def test_closed_column_and_closing_statuses(write):
    items = by_id(read_text(write, ENGLISH))
    assert [items[key].closed for key in ("#12", "#13", "#14", "#15")] == [False, False, True, True]
    assert read_text(write, ENGLISH, statuses=("open",)).records[0].id == "#12"
    assert len(read_text(write, ENGLISH, statuses=("open",)).records) == 2


def test_textile_description_month_first_dates_and_hours(write):
    item = by_id(read_text(write, ENGLISH))["#12"]
    assert item.description == "Why\n\nAcme asked for it in the June call."
    assert (item.extra["updated"], item.extra["created"]) == ("2026-06-13", "2026-06-01")  # 06/13/2026: month first
    assert item.extra["estimated_hours"] == 8 and item.points is None  # hours are not points
    assert item.sprints == ["2.1"]


def test_url_template_and_map_reach_redmine_columns(write):
    export = read_text(write, ENGLISH, url="https://redmine.acme.test/issues/{id}",
                       cli_fields=(("Author", "customer"),))
    item = by_id(export)["#12"]
    assert item.url == "https://redmine.acme.test/issues/12"
    assert item.customers == ["Ana Lopez"]


def test_a_header_mapped_into_place_reads_a_language_without_names(write):
    text = "#;Sagarismo;Tila\n7;Kirjautuminen;Uusi\n"  # no names for these: --map names the subject
    export = read_export(str(write(text, "fi.csv")), source="redmine",
                         options=ImportOptions(cli_fields=(("Sagarismo", "title"),)))
    assert [(r.id, r.title) for r in export.records] == [("#7", "Kirjautuminen")]


@pytest.mark.parametrize("header", [
    "#,プロジェクト,トラッカー,親チケット,ステータス,優先度,題名",
    "#;Tracker;Status;Priorität;Thema;Zugewiesen an",
    "#,Project,Tracker,Status,Priority,Subject,Assignee",
    "#;Projet;Tracker;Statut;Priorité;Sujet",
    "#;Проект;Трекер;Статус;Приоритет;Тема",
    "#;Projeto;Tipo;Situação;Prioridade;Título",
])
def test_redmine_headers_in_any_language_are_detected(header):
    assert detect_source(header + "\n1,a,b,c,d,e,f\n") == "redmine"


@pytest.mark.parametrize("header", [
    "#,Subject,Owner",            # a numbered list, no tracker or status beside the subject
    "ID,Subject,Status,Tracker",  # no # column
])
def test_lists_that_only_look_alike_are_not_taken_for_redmine(header):
    assert detect_source(header + "\n1,a,b,c\n") != "redmine"


def test_import_and_audit_name_redmine(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL / "redmine-de-neubau.csv", tmp_path / "issues.csv")
    imported = cli("import", "--from", "redmine", "issues.csv")
    assert imported.exit_code == 0, imported.stderr
    assert "issues.csv (Redmine CSV): 9 of 9 rows became items" in imported.stderr
    audited = cli("audit", "--all", "-f", "json", "issues.csv")
    assert audited.exit_code in (0, 1), audited.stderr
    assert len(json.loads(audited.stdout)["items"]) == 9
    assert "redmine" in cli("import", "--help").stdout


def test_a_latin_1_export_is_refused_with_redmines_own_fix(tmp_path):
    """Redmine's German default encoding is ISO-8859-1: one line naming the byte and the option."""
    from breadline.errors import InputError

    path = tmp_path / "issues.csv"
    path.write_bytes("#;Tracker;Status;Priorität;Thema\n1;Bug;Neu;Normal;Löschen geht nicht\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        read_export(str(path))
    assert "byte 0xe4" in caught.value.message
    assert "UTF-8 as the Encoding in Redmine's CSV options" in caught.value.message
    assert (caught.value.line, caught.value.column) == (1, 25)
