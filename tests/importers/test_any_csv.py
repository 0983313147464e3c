"""Headers breadline has no names for: the mapping (`--map`, `tracker.fields`) counts before any
column is required and can name the id; a Jira export is known by its shape in any language; an
Azure DevOps tree export without IDs still links children to parents. The inputs here are made
up to show one behaviour each (the real exports are in test_real_exports.py)."""

from __future__ import annotations

import json

import pytest

from breadline.errors import InputError
from breadline.importers import ImportOptions, detect_source, read_export, summary
from breadline.importers.columns import canonical, month, names
from tests.importers.conftest import by_id

FINNISH = "Yhteenveto,Avain,Tunnus,Tila,Projektin avain\nVie laskut,LAS-7,10007,Avoin,LAS\nTumma tila,LAS-8,10008,Valmis,LAS\n"
"""A Jira export in a language the data file does not list (the words are a guess at Finnish)."""


def test_a_jira_export_is_known_by_its_shape_in_any_language(write):
    path = write(FINNISH, "jira.csv")
    assert detect_source(FINNISH) == "jira-csv"
    with pytest.raises(InputError) as caught:
        read_export(str(path))
    message = caught.value.message
    assert "has no 'Summary' column (its columns: Yhteenveto, Avain, Tunnus, Tila, Projektin avain)" in message
    assert '--map "COLUMN=title" (or tracker.fields)' in message and caught.value.line == 1
    mapped = read_export(str(path), options=ImportOptions(cli_fields=(("Yhteenveto", "title"), ("Avain", "id"))))
    assert [(r.id, r.title) for r in mapped.records] == [("LAS-7", "Vie laskut"), ("LAS-8", "Tumma tila")]


def test_the_mapping_counts_before_the_column_check_and_names_the_id(write):
    path = write("Titel,Nummer,Zustand\nRechnungen exportieren,RE-1,Offen\n", "other.csv")
    options = ImportOptions(fields=(("Titel", "title"),), cli_fields=(("Nummer", "id"),))
    (record,) = read_export(str(path), source="jira-csv", options=options).records
    assert (record.id, record.title) == ("RE-1", "Rechnungen exportieren")


def test_tracker_fields_read_a_header_from_the_configuration(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "jira.csv").write_text(FINNISH, encoding="utf-8")
    refused = cli("audit", "jira.csv")
    assert refused.exit_code == 2 and "--map \"COLUMN=title\"" in refused.stderr
    (tmp_path / "breadline.yaml").write_text("tracker:\n  fields:\n    Yhteenveto: title\n    Avain: id\n", encoding="utf-8")
    result = cli("audit", "--all", "-f", "json", "jira.csv")
    assert result.exit_code in (0, 1), result.stderr
    assert [item["id"] for item in json.loads(result.stdout)["items"]] == ["LAS-7", "LAS-8"]


def test_id_is_a_mapping_target_in_the_configuration(tmp_path):
    from breadline.config import load_config

    path = tmp_path / "breadline.yaml"
    path.write_text("tracker:\n  fields:\n    Clave: id\n    Resumen: title\n", encoding="utf-8")
    assert load_config(str(path)).tracker_fields == (("Clave", "id"), ("Resumen", "title"))


def test_column_names_are_data_per_language():
    summary_names = names("jira-csv")["Summary"]
    for word in ("Summary", "Resumen", "Resumo", "Résumé", "Zusammenfassung", "Riepilogo", "Samenvatting"):
        assert word in summary_names
    assert canonical("jira-csv", "Vorgangsschlüssel") == "Issue key"
    assert canonical("jira-csv", "Sleutel van issue") == canonical("jira-csv", "Issuesleutel") == "Issue key"
    assert canonical("jira-csv", "Champs personnalisés (Story Points)") == "Custom field (Story Points)"
    assert canonical("jira-csv", "Lien de ticket sortant (Blocks)") == "Outward issue link (Blocks)"
    assert canonical("jira-csv", "Campo personalizzato (Cliente)") == "Custom field (Cliente)"
    assert canonical("jira-csv", "Something else") is None
    assert (month("févr."), month("Mär"), month("ago"), month("mrt"), month("dez")) == (2, 3, 8, 3, 12)


def test_a_german_header_reads_through_the_data_file(write):
    header = "Zusammenfassung,Vorgangsschlüssel,Vorgangs-ID,Vorgangstyp,Status,Erstellt,Benutzerdefiniertes Feld (Story Points)"
    path = write(header + "\nRechnungen exportieren,RE-1,10001,Story,Fertig,05/Mär/26 9:10 AM,3\n", "de.csv")
    assert detect_source(path.read_text(encoding="utf-8")) == "jira-csv"
    (record,) = read_export(str(path)).records
    assert (record.id, record.type, record.points, record.extra["created"]) == ("RE-1", "Story", 3, "2026-03-05")


GERMAN_CLOUD_HEADER = (
    "Zusammenfassung,Vorgangsschlüssel,Vorgangs-ID,Vorgangstyp,Status,Projektschlüssel,Projektname,Projekttyp,"
    "Projektleiter,ID des Projektleiters,Projektbeschreibung,Priorität,Lösung,Zugewiesene Person,"
    "ID der zugewiesenen Person,Autor,ID des Autors,Ersteller,Ersteller-ID,Erstellt,Aktualisiert,Zuletzt angezeigt,"
    "Erledigt,Fälligkeitsdatum,Stimmen,Beschreibung,Umgebung,Beobachter,ID des Beobachters,Arbeit protokollieren,"
    "Ursprüngliche Schätzung,Restschätzung,Benötigte Zeit,Verhältnis tatsächlicher zu geschätzter Arbeit,"
    "Σ Ursprüngliche Schätzung,Σ Restschätzung,Σ Benötigte Zeit,Sicherheitsstufe,Anhang,Anhang,Anhang,Anhang,Anhang,"
    "Benutzerdefinierte Felder (Flagged),Benutzerdefinierte Felder (Issue color),Benutzerdefinierte Felder (Rank),"
    "Sprint,Benutzerdefinierte Felder (Start date),Benutzerdefinierte Felder (development),Statuskategorie,"
    "Übergeordnet,Parent summary")
"""The header of a real German Jira Cloud "all fields" export, as a public project keeps it for a
sample download (only the header is real; no German Jira export with rows was found to copy)."""


def test_the_header_of_a_real_german_jira_cloud_export(write):
    width = GERMAN_CLOUD_HEADER.count(",") + 1
    cells = [""] * width
    names = GERMAN_CLOUD_HEADER.split(",")
    for name, value in (("Zusammenfassung", "Mahnwesen per E-Mail"), ("Vorgangsschlüssel", "FIN-12"),
                        ("Vorgangs-ID", "10012"), ("Vorgangstyp", "Story"), ("Status", "Erledigt"),
                        ("Projektschlüssel", "FIN"), ("Zugewiesene Person", "Lena Vogt"), ("Stimmen", "4"),
                        ("Erstellt", "05/Mär/26 9:10 AM"), ("Statuskategorie", "Fertig"), ("Übergeordnet", "10001")):
        cells[names.index(name)] = value
    text = GERMAN_CLOUD_HEADER + "\n" + ",".join(cells) + "\n"
    assert detect_source(text) == "jira-csv"
    (record,) = read_export(str(write(text, "de.csv"))).records
    assert (record.id, record.title, record.type, record.closed) == ("FIN-12", "Mahnwesen per E-Mail", "Story", True)
    assert (record.extra["assignee"], record.extra["votes"], record.extra["created"]) == ("Lena Vogt", 4, "2026-03-05")
    assert record.parent_ref == "10001"
    assert canonical("jira-csv", "Benutzerdefinierte Felder (Rank)") == "Custom field (Rank)"


TREE = ("Work Item Type;Title 1;Title 2;Title 3;State;Tags\n"
        "Epic;Invoicing;;;Active;\n"
        "Feature;;Export to NetSuite;;New;\"finance; erp\"\n"
        "User Story;;;Map tax codes;New;\n"
        "Feature;;Dunning e-mails;;Closed;\n")
"""The tree form Microsoft documents for Azure Boards CSV (`Title 1`, `Title 2`...), as Excel
saves it again in a `;` locale: no ID column."""


def test_an_azure_devops_tree_export_links_children_to_parents(write):
    path = write(TREE, "tree.csv")
    assert detect_source(TREE) == "azure-devops"
    export = read_export(str(path))
    items = by_id(export)
    assert list(items) == ["row-1", "row-2", "row-3", "row-4"]
    assert items["row-2"].serves == ["row-1"] and items["row-3"].serves == ["row-2"] and items["row-4"].serves == ["row-1"]
    assert (items["row-3"].title, items["row-3"].type) == ("Map tax codes", "User Story")
    assert items["row-4"].closed is True and items["row-2"].labels == ["finance", "erp"]
    assert any("no ID column" in line for line in summary(export))


def test_an_azure_devops_flat_export_with_parents_and_points(write):
    path = write("ID,Work Item Type,Title,State,Story Points,Parent,Created Date,Comment Count\n"
                 "12,Feature,Invoicing,Active,,,5/15/2026 3:48 AM,0\n13,User Story,Export,New,5,12,5/16/2026 9:00 AM,3\n",
                 "flat.csv")
    items = by_id(read_export(str(path)))
    assert items["#13"].serves == ["#12"] and items["#13"].points == 5
    assert items["#13"].extra["created"] == "2026-05-16" and items["#13"].extra["comments"] == 3


def test_jira_rest_epic_and_empty_summaries(write):
    path = write(json.dumps({"issues": [
        {"key": "PAY-2", "fields": {"summary": "Export", "epic": {"key": "PAY-1", "name": "Invoicing"}}},
        {"key": "PAY-3", "fields": {"summary": ""}},
        {"key": "PAY-4", "fields": {}},
    ]}), "search.json")
    export = read_export(str(path))
    (record,) = export.records
    assert record.serves == ["PAY-1"] and record.extra["epic"] == "Invoicing"
    assert [(skip.id, skip.reason) for skip in export.skipped] == [("PAY-3", "empty fields.summary"),
                                                                   ("PAY-4", "no fields.summary")]


def test_a_url_hint_when_no_item_has_an_address(write):
    path = write("Summary,Issue key,Status\nExport,PAY-1,Open\n", "jira.csv")
    lines = summary(read_export(str(path)))
    assert any('add --url "https://YOUR-SITE.atlassian.net/browse/{id}"' in line for line in lines)
    given = summary(read_export(str(path), options=ImportOptions(url="https://acme.atlassian.net/browse/{id}")))
    assert not any("--url" in line for line in given)


def test_different_records_with_one_id_name_both_places(write):
    path = write(json.dumps([{"number": 50954, "title": "One", "state": "open"},
                             {"number": 50954, "title": "Two", "state": "open"}]), "gh.json")
    with pytest.raises(InputError) as caught:
        read_export(str(path), source="github")
    assert caught.value.message == "duplicate id '#50954': [1] and [0] are different issues with the same id"
    pages = write(json.dumps([{"number": 50954, "title": "One", "state": "open"}] * 5), "pages.json")
    export = read_export(str(pages), source="github")
    assert len(export.records) == 1 and len(export.skipped) == 4


@pytest.mark.parametrize("source, header, missing", [
    ("gitlab", "Name,Number,State", "'Title'"),
    ("linear", "Name,Key,Status", "'Title'"),
])
def test_every_csv_reader_takes_the_mapping_before_its_column_check(write, source, header, missing):
    path = write(f"{header}\nExport invoices,7,Open\n", f"{source}.csv")
    with pytest.raises(InputError, match=f"has no {missing} column"):
        read_export(str(path), source=source)
    first, second = header.split(",")[:2]
    options = ImportOptions(cli_fields=((first, "title"), (second, "id")), today=None)
    (record,) = read_export(str(path), source=source, options=options).records
    assert record.title == "Export invoices" and record.id in ("#7", "7")
