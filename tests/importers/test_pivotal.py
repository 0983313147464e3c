"""Pivotal Tracker's CSV export: two real exports of one project (tests/data/trackers/real, the
later and the older header), and a small export written here (marked as such) for what they do
not show: tasks, the running iteration, several owners."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from breadline.importers import ImportOptions, detect_source, read_export
from tests.importers.conftest import by_id

REAL = Path(__file__).parent.parent / "data" / "trackers" / "real"

WRITTEN = (
    "Id,Title,Labels,Iteration,Iteration Start,Iteration End,Type,Estimate,Current State,Created at,"
    "Accepted at,Deadline,Requested By,Description,URL,Owned By,Owned By,Comment,Task,Task Status,Task,Task Status\n"
    '101,Export invoices,"billing, acme",47,"Nov 23, 2026","Dec 6, 2026",feature,3,started,"Nov 2, 2026",,'
    '"Dec 10, 2026",Dana Ruiz,"### Customer\n\nAcme",https://www.pivotaltracker.com/story/show/101,Ben Ode,Ana Lopez,'
    '"Acme asked for it on the call (Dana Ruiz - Nov 20, 2026)",Write the exporter,completed,'
    "Test with Acme,not completed\n"
    '102,Old report,,46,"Nov 9, 2026","Nov 22, 2026",chore,-1,accepted,"Nov 1, 2026","Nov 21, 2026",,Ben Ode,,,\n'
)
"""Written for this test in the shape of Pivotal Tracker's export; not a real export."""

TODAY = dt.date(2026, 11, 25)


def test_real_exports_read_states_points_labels_iterations_and_people():
    items = by_id(read_export(str(REAL / "pivotal-wwcode-site.csv")))
    first = items["#33328305"]
    assert (first.title, first.type, first.status, first.closed, first.points) == (
        "create basic framework", "feature", "accepted", True, 2)
    assert first.sprints == ["Iteration 1"] and first.url == "https://www.pivotaltracker.com/story/show/33328305"
    assert (first.extra["reporter"], first.extra["assignee"], first.extra["comments"]) == ("Colleen",
                                                                                        "Daniela Grossmann", 6)
    assert (first.extra["created"], first.extra["accepted"]) == ("2012-07-24", "2012-08-03")  # Jul 24, 2012
    assert items["#34050479"].labels == ["doc", "setup"]
    assert items["#39919071"].points is None and items["#39919071"].type == "bug"  # bugs carry no estimate
    assert items["#42012929"].closed is False and items["#42012929"].sprints == []  # unscheduled
    assert items["#39762685"].title == 'create "link" datamodel & basic add & display pages'
    older = by_id(read_export(str(REAL / "pivotal-wwcode-backlog.csv")))  # `Story`, `Story Type`
    assert older["#33327943"].title == '"ToolBox"' and older["#58051124"].type == "bug"
    assert older["#38710707"].description.startswith("maybe using the paperclip gem?")


def test_real_comments_become_dated_evidence():
    export = read_export(str(REAL / "pivotal-wwcode-site.csv"),
                         options=ImportOptions(cli_fields=(("Comment", "evidence"),)))
    evidence = by_id(export)["#33328305"].evidence
    assert len(evidence) == 6
    assert (evidence[-1].text, evidence[-1].date) == ("Found it!", dt.date(2012, 7, 31))
    assert evidence[1].text == "Seems that the Xcode version needs an update too."


def test_tasks_current_iteration_and_unestimated_points(write):
    export = read_export(str(write(WRITTEN, "tracker.csv")), options=ImportOptions(today=TODAY))
    items = by_id(export)
    story = items["#101"]
    assert story.description == "Customer\n\nAcme\n\nTasks:\n- [x] Write the exporter\n- [ ] Test with Acme"
    assert story.current_sprints == ["Iteration 47"] and items["#102"].current_sprints == []
    assert story.extra["due"] == "2026-12-10" and story.extra["assignee"] == "Ben Ode"
    assert items["#102"].points is None and items["#102"].closed is True
    current = read_export(str(write(WRITTEN, "tracker.csv")), options=ImportOptions(today=TODAY, sprints=("current",)))
    assert [record.id for record in current.records] == ["#101"]
    mapped = read_export(str(write(WRITTEN, "tracker.csv")),
                         options=ImportOptions(cli_fields=(("Customer", "customer"),)))
    assert by_id(mapped)["#101"].customers == ["Acme"]


@pytest.mark.parametrize("header, source", [
    ("Id,Title,Labels,Iteration,Iteration Start,Iteration End,Type,Estimate,Current State", "pivotal"),
    ("Id,Story,Labels,Iteration,Story Type,Estimate,Current State,Requested By", "pivotal"),
    ("ID,Team,Title,Status,Estimate,Cycle Name", "linear"),   # Linear stays Linear
])
def test_pivotal_is_detected_by_its_header(header, source):
    assert detect_source(header + "\n" + ",".join(["1"] * (header.count(",") + 1)) + "\n") == source


def test_import_and_audit_name_pivotal(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(REAL / "pivotal-wwcode-backlog.csv", tmp_path / "tracker.csv")
    imported = cli("import", "--from", "pivotal", "tracker.csv")
    assert imported.exit_code == 0, imported.stderr
    assert "tracker.csv (Pivotal Tracker CSV): 6 of 6 rows became items" in imported.stderr
    assert "no item has a web address" not in imported.stderr   # the export has its URLs
    audited = cli("audit", "--all", "-f", "json", "tracker.csv")
    assert audited.exit_code in (0, 1), audited.stderr
    assert len(json.loads(audited.stdout)["items"]) == 6
    assert "pivotal" in cli("import", "--help").stdout
