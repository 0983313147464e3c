"""Real exports from public repositories (tests/data/trackers/real, sources in SOURCES.md): Jira in
Spanish, Portuguese and French, Azure DevOps, Redmine in Japanese and German, YouTrack, Pivotal Tracker, Trello, and
spreadsheets no tracker wrote. Each is detected, imports with one item per issue or card, and
audits without an input error."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path

import pytest

from breadline.errors import InputError
from breadline.importers import ImportOptions, detect_source, read_export, summary, to_yaml
from breadline.importers.detect import decode
from breadline.load import load_text
from tests.importers.conftest import by_id

REAL = Path(__file__).parent.parent / "data" / "trackers" / "real"

DETECTED = {
    # file: (format, items, skipped)
    "jira-es-carnicore.csv": ("jira-csv", 13, 0),
    "jira-es-ollacercana.csv": ("jira-csv", 4, 0),
    "jira-fr-kanban.csv": ("jira-csv", 4, 0),
    "jira-pt-fpsarena.csv": ("jira-csv", 5, 0),
    "jira-en-jwprogram.csv": ("jira-csv", 5, 0),
    "azure-devops-flat-demo.csv": ("azure-devops", 6, 0),
    "azure-devops-flat-assigned.csv": ("azure-devops", 13, 0),
    "azure-devops-flat-persian.csv": ("azure-devops", 5, 0),
    "redmine-ja-hanbai.csv": ("redmine", 8, 0),
    "redmine-de-neubau.csv": ("redmine", 9, 0),
    "youtrack-qa-todo.csv": ("youtrack", 6, 0),
    "youtrack-qa-shop.csv": ("youtrack", 7, 0),
    "pivotal-wwcode-site.csv": ("pivotal", 7, 0),
    "pivotal-wwcode-backlog.csv": ("pivotal", 6, 0),
    "trello-board-howgoesit.json": ("trello", 9, 1),
    "trello-card-threes.json": ("trello", 1, 0),
}
MAPPED = {
    # files no tracker wrote, read with --from csv and the mapping breadline suggests for them
    "generic-sharepoint-worklist.csv": ('--from csv --map "Title=title" --map "ID=id"', 8),
    "generic-norwegian-backlog.csv": ('--from csv --map "User Story=title" --map "ID=id"', 6),
}


def real(name: str) -> str:
    return str(REAL / name)


def test_every_real_export_names_its_source():
    notes = (REAL / "SOURCES.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^## (\S+)$", notes, re.MULTILINE))
    files = {path.name for path in REAL.iterdir() if path.name != "SOURCES.md"}
    assert files == listed
    assert files == set(DETECTED) | set(MAPPED)
    for name in files:
        entry = notes.split(f"## {name}\n", 1)[1].split("\n## ", 1)[0]
        assert re.search(r"- source: [\w.-]+/[\w.-]+, `[^`]+`, commit [0-9a-f]{40}", entry), name


@pytest.mark.parametrize("name", sorted(DETECTED))
def test_real_exports_are_detected_and_read_one_item_per_issue(name):
    source, items, skipped = DETECTED[name]
    data = (REAL / name).read_bytes()
    assert detect_source(decode(data, name)) == source
    export = read_export(real(name))
    assert (len(export.records), len(export.skipped)) == (items, skipped)
    assert all(record.id and record.title for record in export.records)
    load_text(to_yaml(export), "out.yaml")  # the backlog written reads back


@pytest.mark.parametrize("name", sorted(DETECTED))
def test_real_exports_audit_without_an_input_error(cli, tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    shutil.copy(real(name), tmp_path / name)
    result = cli("audit", "--all", "-f", "json", name)
    assert result.exit_code in (0, 1), result.stderr
    assert len(json.loads(result.stdout)["items"]) == DETECTED[name][1]


def test_spanish_jira_reads_points_parent_sprint_and_dates():
    items = by_id(read_export(real("jira-es-ollacercana.csv")))
    story = items["OC-47"]
    assert story.title == "HU-23: Confirmar Entrega y Cerrar Transaccion"
    assert (story.type, story.status, story.closed, story.points) == ("Historia", "Por hacer", False, 3)
    assert story.serves == ["OC-1"]  # `Clave principal`
    assert story.extra["sprint"] == "Sprint 2 - OllaCercana"
    assert (story.extra["created"], story.extra["updated"]) == ("2026-09-24", "2026-09-25")  # 24/sep/26
    assert story.extra["assignee"] == "SANTIAGO ANDRES GARCIA ALMARIO"
    assert story.extra["reporter"] == "JUAN MANUEL GARZON VIRACACHA"
    assert "Escenario 1 (Camino feliz):" in story.description and "*" not in story.description.split("\n")[3]
    chosen = by_id(read_export(real("jira-es-carnicore.csv")))
    assert chosen["CARNICORE-2"].title == "EPIC-02: Pesaje, Despiece e Inventario en Cámaras"  # the tab is gone
    assert chosen["CARNICORE-30"].extra["created"] == "2026-08-05"  # 05/ago/26


def test_portuguese_and_french_jira_read_status_categories_and_dates():
    items = by_id(read_export(real("jira-pt-fpsarena.csv")))
    assert items["FA-1"].closed is True and items["FA-29"].closed is False  # `Itens concluídos` / `Itens Pendentes`
    assert items["FA-1"].sprints == ["FA Sprint 1", "FA Sprint 2"] and items["FA-1"].extra["sprint"] == "FA Sprint 2"
    french = read_export(real("jira-fr-kanban.csv"))
    issue = by_id(french)["CCS-60"]
    assert (issue.status, issue.extra["created"]) == ("À faire", "2026-02-19")  # 19/févr./26
    assert "- Résultat attendu : Les dates d'événements ne se chevauchent pas" in issue.description
    assert by_id(french)["CCS-45"].description.count("{noformat}") == 0
    assert "2 links to items not in this export (CCS-16, CCS-18)" in "\n".join(summary(french))


def test_real_jira_comments_become_dated_evidence_and_epic_links_serves():
    export = read_export(real("jira-en-jwprogram.csv"), options=ImportOptions(cli_fields=(("Comment", "evidence"),)))
    items = by_id(export)
    slips = items["JWP-49"]
    assert [(e.text, e.date) for e in slips.evidence] == [
        ("The Report has to be added with Object Place and Object Tasktype", dt.date(2016, 8, 17))]
    assert items["JWP-10"].evidence == []  # two comments with no text: nothing to cite, and no raw cells
    assert items["JWP-10"].extra["comments"] == 2
    assert items["JWP-13"].serves == ["JWP-99"] and items["JWP-13"].points == 5


def test_azure_devops_flat_export():
    export = read_export(real("azure-devops-flat-assigned.csv"))
    items = by_id(export)
    task = items["#2017591"]
    assert (task.title, task.type, task.status, task.closed) == ("GXM_27669", "Task", "Active", False)
    assert task.labels == ["Phrase request", "Release 25W09"]
    assert items["#2019112"].closed is True
    assert items["#2019112"].sprints[0] == "DD_PI25B_Sprint2 (w18-w20)"
    assert items["#2019112"].extra["area"] == "DSBS\\DiagData\\CV CUR - Atom Team"
    lines = summary(export)
    assert any('--url "https://dev.azure.com/ORGANIZATION/PROJECT/_workitems/edit/{id}"' in line for line in lines)
    linked = read_export(real("azure-devops-flat-demo.csv"),
                         options=ImportOptions(url="https://dev.azure.com/acme/shop/_workitems/edit/{id}"))
    assert by_id(linked)["#7"].url == "https://dev.azure.com/acme/shop/_workitems/edit/7"
    assert not any("no item has a web address" in line for line in summary(linked))
    persian = by_id(read_export(real("azure-devops-flat-persian.csv")))
    assert (persian["#196868"].extra["comments"], persian["#196868"].closed) == (5, True)
    assert persian["#196868"].description.endswith("تسک نمایش لیست ابلاغ شوندگان و نحوه ابلاغ")  # HTML as text
    assert persian["#196731"].labels == ["#تکراری"] and persian["#202007"].closed is False


def test_trello_board_cards_lists_labels_checklists():
    export = read_export(real("trello-board-howgoesit.json"))
    items = by_id(export)
    assert [(skip.id, skip.reason) for skip in export.skipped] == [("Z23OJlF0", "archived card")]
    card = items["U3eLk64X"]
    assert (card.title, card.status, card.labels) == ("#31 implement design from #19", "Blocked by Dependencies",
                                                       ["Blocked", "Design"])
    assert card.url == "https://trello.com/c/U3eLk64X/31-31-implement-design-from-19"
    assert card.extra["created"] == "2017-12-13"  # from the card's id
    twitter = items["RCXZEFA2"]
    assert twitter.status == "Done" and twitter.closed is True
    assert twitter.description == "Checklist:\n- [x] Set it up\n- [x] Temporary logo\n- [x] Post some tweets\n" \
                                  "- [x] Follow a few folks"
    assert items["9uIexKJY"].description.startswith("Let's imagine a scenario")
    assert items["05YYWkUH"].extra["assignee"] == "Andrej Ciho"
    assert items["JQWjUhEV"].extra["comments"] == 1


def test_one_trello_card_export():
    (card,) = read_export(real("trello-card-threes.json")).records
    assert (card.id, card.title, card.status) == ("UP3lOfOG", "Stínování, barevnost", "Mělo by se pracovat...")
    assert card.description.startswith("Seznam:\n- [ ] To chování vnořených oken")
    assert "- [x] OK - Myslím" in card.description


@pytest.mark.parametrize("name", sorted(MAPPED))
def test_unknown_csv_error_leads_to_a_working_map_line(cli, tmp_path, monkeypatch, name):
    """The error for a CSV breadline does not recognise names the formats it does and shows the
    `--map` line that reads this file, built from its own header; that line works."""
    monkeypatch.chdir(tmp_path)
    shutil.copy(real(name), tmp_path / name)
    line, items = MAPPED[name]
    failed = cli("audit", name)
    assert failed.exit_code == 2 and len(failed.stderr.strip().splitlines()) == 1
    assert f"{name}:1:1: is a CSV file breadline does not recognise" in failed.stderr
    assert "Azure DevOps CSV, Redmine CSV (any language), YouTrack CSV, Pivotal Tracker CSV or Trello JSON" in failed.stderr
    assert f"breadline import {name} {line}" in failed.stderr
    arguments = re.findall(r'"[^"]*"|\S+', line)
    worked = cli("import", name, *(argument.strip('"') for argument in arguments))
    assert worked.exit_code == 0, worked.stderr
    assert f"{items} of {items} rows became items" in worked.stderr
    pairs = re.findall(r'--map "([^"=]+)=(\w+)"', line)
    (tmp_path / "breadline.yaml").write_text(
        "tracker:\n  fields:\n" + "".join(f"    {column}: {field}\n" for column, field in pairs), encoding="utf-8")
    audited = cli("audit", "--all", "-f", "json", "--from", "csv", name)  # the same, from tracker.fields
    assert audited.exit_code in (0, 1), audited.stderr
    assert len(json.loads(audited.stdout)["items"]) == items


def test_generic_csv_keeps_every_column_for_the_mapping():
    options = ImportOptions(cli_fields=(("User Story", "title"), ("ID", "id"), ("Owner", "customer")))
    items = by_id(read_export(real("generic-norwegian-backlog.csv"), source="csv", options=options))
    assert items["BRH-6"].title.startswith("Kunden var en elev fra Stord")
    sharepoint = by_id(read_export(real("generic-sharepoint-worklist.csv"), source="csv",
                                   options=ImportOptions(cli_fields=(("Project", "serves"),))))
    assert sharepoint["14"].title == "First Stable Build" and sharepoint["14"].status == "Completed"
    assert sharepoint["14"].closed is True and sharepoint["14"].type == "Task"
    assert "First stable working version" in sharepoint["14"].description


def test_emoji_and_accents_are_written_as_they_are(write):
    path = write("Summary,Issue key,Description\nReceipts 🧾 for Zoë,PAY-1,\"Line one 🧾\nline two\"\n", "e.csv")
    text = to_yaml(read_export(str(path)))
    assert "title: Receipts 🧾 for Zoë" in text and "\\U0001" not in text
    assert "description: |-\n      Line one 🧾\n      line two" in text
    assert load_text(text, "out.yaml").items[0].title == "Receipts 🧾 for Zoë"


def test_broken_real_export_still_names_its_line(write):
    text = (REAL / "jira-es-carnicore.csv").read_text(encoding="utf-8")
    broken = write(text.replace('"EPIC-01: Ingreso, Proveedores y Guías de Origen"',
                                '"EPIC-01: Ingreso, Proveedores y Guías de Origen'), "broken.csv")
    with pytest.raises(InputError) as caught:
        read_export(str(broken))
    assert caught.value.line == 3 and "quote" in caught.value.message
