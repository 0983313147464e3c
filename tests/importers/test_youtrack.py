"""YouTrack's "Export to CSV": the two real exports in tests/data/trackers/real, and a small export
written here (marked as such) for what they do not show: resolved issues, links, points, several
sprints and tags."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from breadline.importers import ImportOptions, detect_source, read_export, summary
from tests.importers.conftest import by_id

REAL = Path(__file__).parent.parent / "data" / "trackers" / "real"

WRITTEN = (
    '"Issue Id","Project","Tags","Summary","Reporter","Created","Updated","Resolved","Priority","Type","State",'
    '"Assignee","Sprints","Story points","Subtask of","Depends on","Is required for","Description","Votes"\n'
    '"SHOP-10","Shop","billing, q3","Invoices as PDF","dana","02 Jun 2026","20 Jun 2026",,"Major","Feature",'
    '"In Progress","Ben Ode","Sprint 4, Sprint 5","5",,"SHOP-12","SHOP-30","### Customer\n\nAcme","3"\n'
    '"SHOP-11","Shop",,"PDF template","ben","03 Jun 2026","04 Jun 2026","04 Jun 2026","Normal","Task","Fixed",'
    '"Unassigned","Unscheduled","2","SHOP-10",,,,"0"\n'
    '"SHOP-12","Shop",,"Tax table","ben","03 Jun 2026","05 Jun 2026",,"Normal","Task","Won\'t fix","Unassigned",'
    '"Unscheduled","two",,,,"No description","0"\n'
)
"""Written for this test in the shape of YouTrack's export; not a real export."""


def test_real_exports_read_states_types_reporters_and_dates():
    items = by_id(read_export(str(REAL / "youtrack-qa-todo.csv")))
    bug = items["G12-195"]
    assert (bug.title, bug.type, bug.status, bug.closed) == ("TO-DO: Crashed after refresh", "Bug", "Open", False)
    assert (bug.extra["priority"], bug.extra["reporter"], bug.extra["created"]) == ("Critical", "alex.kalita1991",
                                                                                 "2022-11-11")
    assert "assignee" not in bug.extra and bug.sprints == []   # `Unassigned`, `Нет версии исправления`: empty
    assert "Environment" in bug.fields and "QASE TC # (only for bug)" not in bug.fields  # `No qase tc # ...`
    assert bug.description.startswith("STR:\n\n1)Tap kebab menu")
    other = by_id(read_export(str(REAL / "youtrack-qa-shop.csv")))
    assert other["G31-123"].description.startswith("STR:\n\n1. Tap the Kebab menu.")  # Markdown read as text
    assert other["G31-1"].type == "Epic" and other["G31-1"].labels == []


def test_resolved_links_points_sprints_and_votes(write):
    export = read_export(str(write(WRITTEN, "Issues.csv")))
    items = by_id(export)
    assert [items[key].closed for key in ("SHOP-10", "SHOP-11", "SHOP-12")] == [False, True, True]
    assert items["SHOP-10"].serves == ["SHOP-30"]          # required for SHOP-30
    assert items["SHOP-11"].serves == ["SHOP-10"]          # a subtask serves its parent
    assert items["SHOP-12"].serves == ["SHOP-10"]          # SHOP-10 depends on it
    first = items["SHOP-10"]
    assert (first.points, first.sprints, first.extra["sprint"]) == (5, ["Sprint 4", "Sprint 5"], "Sprint 5")
    assert first.labels == ["billing", "q3"] and first.extra["votes"] == 3
    assert first.sections == {"Customer": "Acme"} and first.extra["assignee"] == "Ben Ode"
    assert items["SHOP-11"].extra["resolved"] == "2026-06-04"
    assert items["SHOP-12"].points is None and items["SHOP-12"].description is None  # `No description`
    assert any("Story points 'two' is not a number" in line for line in summary(export))


def test_the_mapping_reaches_youtrack_columns(write):
    export = read_export(str(write(WRITTEN, "Issues.csv")),
                         options=ImportOptions(cli_fields=(("Customer", "customer"),),
                                               url="https://shop.youtrack.cloud/issue/{id}"))
    item = by_id(export)["SHOP-10"]
    assert item.customers == ["Acme"] and item.url == "https://shop.youtrack.cloud/issue/SHOP-10"


@pytest.mark.parametrize("header, source", [
    ('"Issue Id","Project","Tags","Summary","Reporter","Created","Updated","Resolved","Priority","Type","State"',
     "youtrack"),
    ('"Issue Id","Summary","Project","Reporter","Votes","Status"', "youtrack"),
    ("Summary,Issue key,Issue id,Issue Type,Status,Reporter,Votes", "jira-csv"),   # Jira stays Jira
    ("Issue id,Summary,Issue Type,Status,Reporter", "jira-csv"),
])
def test_youtrack_and_jira_are_told_apart(header, source):
    assert detect_source(header + "\n" + ",".join(["x"] * (header.count(",") + 1)) + "\n") == source


def test_import_and_audit_name_youtrack(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL / "youtrack-qa-shop.csv", tmp_path / "Issues.csv")
    imported = cli("import", "--from", "youtrack", "Issues.csv")
    assert imported.exit_code == 0, imported.stderr
    assert "Issues.csv (YouTrack CSV): 7 of 7 rows became items" in imported.stderr
    assert '--url "https://YOUR-SITE.youtrack.cloud/issue/{id}"' in " ".join(imported.stderr.split())
    audited = cli("audit", "--all", "-f", "json", "Issues.csv")
    assert audited.exit_code in (0, 1), audited.stderr
    assert len(json.loads(audited.stdout)["items"]) == 7
    assert "youtrack" in cli("import", "--help").stdout
