"""Each tracker's export mapped onto items: ids, titles, text, type, status, points, labels,
addresses, links as `serves`, and what is skipped (and said) along the way."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from breadline.errors import InputError
from breadline.importers import summary, to_backlog
from breadline.model import Evidence, Position
from tests.importers.conftest import by_id, read, sample


# -- Jira CSV -------------------------------------------------------------------------------

def test_jira_cloud_csv():
    export = read("jira-cloud.csv")
    items = by_id(export)
    assert list(items) == ["PAY-100", "PAY-101", "PAY-102", "PAY-103", "PAY-110", "PAY-111", "UI-9", "GRW-31", "PLAT-318"]
    story = items["PAY-101"]
    assert story.title == "Export posted invoices to NetSuite as journal entries"
    assert (story.type, story.status, story.points, story.closed) == ("Story", "In Progress", 5, False)
    assert story.labels == ["finance", "netsuite"]               # repeated Labels columns, empty ones dropped
    assert story.sprints == ["PAY Sprint 46", "PAY Sprint 47"] and story.extra["sprint"] == "PAY Sprint 47"
    assert story.customers == ["Northwind Freight"]              # Custom field (Customer), mapped by default
    assert story.evidence == [Evidence("Zendesk ticket 4411")]   # Custom field (Zendesk ticket)
    assert story.description.startswith("As an accounts receivable controller at Northwind, I want")
    assert "1. Each posted invoice creates one journal entry\n2. Failed pushes" in story.description
    assert "ZD-4411 (https://ledgerly.zendesk.com/agent/tickets/4411)" in story.description
    assert story.extra["created"] == "2026-10-15" and story.extra["priority"] == "High"
    assert story.url is None                                     # Jira's CSV has no addresses (see --url)


def test_jira_csv_links_become_serves_in_the_direction_of_the_work():
    items = by_id(read("jira-cloud.csv"))
    assert items["PAY-101"].serves == ["PAY-100"]                # Parent is the epic's numeric Issue id
    assert items["PAY-103"].serves == ["PAY-101"]                # a sub-task serves its parent
    assert items["PAY-102"].serves == ["PAY-101"]                # Outward issue link (Blocks)
    assert items["PAY-111"].serves == ["PAY-110"]                # both sides of one Blocks link, said once
    assert items["PAY-110"].serves == []                         # Relates is not a line
    assert items["PAY-100"].serves == []


def test_jira_csv_done_items_and_positions():
    export = read("jira-cloud.csv")
    items = by_id(export)
    assert items["PLAT-318"].closed is True and items["PLAT-318"].status == "Done"
    backlog = to_backlog(export)
    positions = {item.id: item.position for item in backlog.items}
    assert positions["PAY-100"] == Position(sample("jira-cloud.csv"), 2, 1)
    assert positions["PAY-101"] == Position(sample("jira-cloud.csv"), 10, 1)   # the epic's description spans 8 lines


def test_jira_excel_csv_with_semicolons():
    export = read("jira-excel-semicolon.csv")
    items = by_id(export)
    assert list(items) == ["PAY-130", "PAY-131", "PAY-133", "PAY-125"]
    assert items["PAY-131"].points == 2.5                        # decimal comma
    assert items["PAY-131"].serves == ["PAY-130"]                # Parent given as a key
    assert items["PAY-130"].problem.startswith("Harbor Street Clinics bill patients")   # "h3. Problem" section
    assert items["PAY-130"].evidence[0] == Evidence("ZD-4633, Owen Achebe, 2026-10-28", dt.date(2026, 10, 28))
    assert items["PAY-133"].points is None
    assert items["PAY-131"].extra["created"] == "2026-10-03"
    assert [(s.where, s.reason) for s in export.skipped] == [("line 10", "empty row"), ("line 11", "empty Summary")]
    lines = summary(export)
    assert lines[0].endswith("4 of 6 rows became items, 2 skipped.")
    assert "  skipped 1: empty Summary (PAY-132)" in lines
    assert any("PAY-133 (line 12): Custom field (Story point estimate) 'three' is not a number" in line for line in lines)


# -- Jira JSON ------------------------------------------------------------------------------

def test_jira_search_json_v3():
    export = read("jira-search.json")
    items = by_id(export)
    assert list(items) == ["PAY-200", "PAY-201", "PAY-202", "PAY-203", "PAY-180"]
    story = items["PAY-201"]
    assert story.url == "https://ledgerly.atlassian.net/browse/PAY-201"
    assert (story.type, story.status, story.points) == ("Story", "In Progress", 3)
    assert story.sprints == ["PAY Sprint 46", "PAY Sprint 47"] and story.current_sprints == ["PAY Sprint 47"]
    assert story.customers == ["Harbor Street Clinics"]           # a select option, by its `names` entry
    assert story.evidence == [Evidence("Zendesk ticket ZD-4620")]
    assert story.description.startswith("As a practice finance manager, I want the second reminder")
    assert "Raised by @Owen Achebe in ZD-4620 (https://ledgerly.zendesk.com/agent/tickets/4620).\nStripe" in story.description
    assert story.serves == ["PAY-200"]                            # parent
    assert items["PAY-202"].serves == ["PAY-201"]                 # blocks (said on both issues)
    epic = items["PAY-200"]
    assert epic.problem.startswith("Practice finance managers at Harbor Street Clinics")   # ADF "Problem" heading
    assert [e.text for e in epic.evidence] == ["ZD-4620, Owen Achebe, 2026-11-04",
                                               "Churn interview with a former clinic customer, October"]
    html = items["PAY-203"]                                       # description null, renderedFields HTML
    assert html.description.startswith("Since 4.12 the preview in Settings → Reminders shows {{invoice.total}}")
    assert "- See ZD-4650 (https://ledgerly.zendesk.com/agent/tickets/4650)" in html.description
    assert items["PAY-180"].closed is True
    positions = {item.id: item.position.line for item in to_backlog(export).items}
    text = open(sample("jira-search.json"), encoding="utf-8").read().split("\n")
    for key, line in positions.items():
        assert text[line].strip().startswith('"expand"') and f'"key": "{key}"' in "\n".join(text[line:line + 4])


def test_jira_search_json_v2_wiki_markup_without_names():
    items = by_id(read("jira-search-v2.json"))
    assert items["OPS-7"].points == 2.5                           # customfield_10016, Jira Cloud's default
    assert items["OPS-7"].description.startswith("What happens\nSince the November upgrade the job exits")
    assert items["OPS-8"].serves == ["OPS-7"]
    assert items["OPS-7"].closed is False and items["OPS-8"].status == "Backlog"


def test_jira_json_errors_name_the_json_path(write):
    path = write(json.dumps({"issues": [{"key": "A-1", "fields": {"summary": "ok"}},
                                        {"key": "A-2", "fields": {"summary": ["not", "text"]}}]}), "j.json")
    with pytest.raises(InputError) as caught:
        read(str(path))
    assert caught.value.message == "issues[1]: `fields.summary` must be text, not a list"
    assert caught.value.line == 1


def test_jira_json_without_summaries_asks_for_the_fields(write):
    path = write('{"issues": [\n {"key": "A-1", "fields": {"status": {"name": "Open"}}}\n]}', "j.json")
    with pytest.raises(InputError, match="no issue has a `fields.summary`") as caught:
        read(str(path))
    assert caught.value.line == 2


def test_truncated_json_is_an_error_with_its_line():
    with pytest.raises(InputError) as caught:
        read("jira-truncated.json")
    assert caught.value.message.startswith("invalid JSON: ")
    assert caught.value.line == len(open(sample("jira-truncated.json"), encoding="utf-8").read().split("\n"))


def test_jira_server_sprint_strings_and_custom_link_types(write):
    sprint = "com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=9,rapidViewId=2,state=ACTIVE,name=Ops 9,startDate=x]"
    issues = [
        {"key": "OPS-1", "fields": {"summary": "a", "customfield_10101": [sprint], "issuelinks": [
            {"type": {"name": "Dependency", "inward": "is depended on by", "outward": "depends on"},
             "outwardIssue": {"key": "OPS-2"}}]}},
        {"key": "OPS-2", "fields": {"summary": "b"}},
    ]
    items = by_id(read(str(write(json.dumps({"issues": issues}), "j.json"))))
    assert items["OPS-1"].sprints == ["Ops 9"] and items["OPS-1"].current_sprints == ["Ops 9"]
    assert items["OPS-2"].serves == ["OPS-1"] and items["OPS-1"].serves == []


# -- GitHub ---------------------------------------------------------------------------------

def test_github_gh_issue_list():
    export = read("github-gh.json")
    items = by_id(export)
    assert list(items) == ["#231", "#232", "#240", "#228"]
    bug = items["#231"]
    assert bug.url == "https://github.com/ledgerly/ledgerly/issues/231"
    assert (bug.type, bug.status, bug.points) == ("bug", "open", 2)          # points and type from labels
    assert bug.labels == ["bug", "points: 2"]
    assert bug.customers == ["Quarry & Vale Brewing"]                         # the issue form's "### Customer"
    assert bug.evidence == [Evidence("Zendesk ticket 4502", None, "https://ledgerly.zendesk.com/agent/tickets/4502")]
    assert "_No response_" not in bug.description and "Anything else" not in bug.description
    assert bug.extra == {"milestone": "Sprint 47", "author": "samdelaney"} and bug.sprints == ["Sprint 47"]
    assert items["#232"].serves == ["#231"] and items["#232"].points == 3 and items["#232"].type == "tech-debt"
    form = items["#240"]
    assert form.description.startswith("Reminder settings with an empty schedule\n\nAs a practice finance manager")
    assert "<details>" not in form.description and "Please fill in" not in form.description
    assert items["#228"].closed is True and items["#228"].description is None
    text = open(sample("github-gh.json"), encoding="utf-8").read()           # one line, as gh writes it
    starts = [index + 1 for index in range(len(text)) if text.startswith('{"author"', index)]
    assert [(item.position.line, item.position.column) for item in to_backlog(export).items] == [(1, s) for s in starts]


def test_github_rest_list_skips_pull_requests_and_clips_long_bodies():
    export = read("github-rest.json")
    items = by_id(export)
    assert list(items) == ["#245", "#246", "#244"]
    assert [(s.id, s.reason) for s in export.skipped] == [("#247", "pull request"), ("#243", "pull request")]
    assert items["#245"].type == "Bug" and items["#245"].points == 3                 # issue type, "sp: 3"
    assert items["#245"].description.startswith("Northwind Freight reported (ZD-4690) that payments stopped")
    assert items["#245"].description.endswith("characters long]") and export.clipped == 1
    assert len(items["#245"].description) < 10_200
    assert items["#246"].serves == ["#245"]                                          # "Part of #245."
    assert items["#244"].closed is True and items["#244"].extra["state_reason"] == "completed"
    assert items["#244"].extra["author"] == "tferreira" and items["#244"].extra["created"] == "2026-11-02"
    lines = summary(export)
    assert "  skipped 2: pull request (#247, #243)" in lines
    assert any("1 description clipped" in line for line in lines)


def test_github_issues_of_several_repositories_get_qualified_ids(write):
    def issue(repo, number, body=""):
        return {"number": number, "title": f"{repo} {number}", "body": body, "state": "open",
                "url": f"https://github.com/acme/{repo}/issues/{number}"}
    path = write(json.dumps([issue("web", 1, "Part of #2"), issue("web", 2), issue("api", 1, "Blocks acme/web#2")]),
                 "gh.json")
    items = by_id(read(str(path)))
    assert list(items) == ["web#1", "web#2", "api#1"]
    assert items["web#1"].serves == ["web#2"] and items["api#1"].serves == ["web#2"]


def test_github_errors(write):
    with pytest.raises(InputError, match=r"\[1\]: has no issue `number`"):
        read(str(write('[{"number": 1, "title": "a", "url": "u"}, {"title": "b", "url": "u"}]', "gh.json")))
    with pytest.raises(InputError, match=r"\[0\]: `labels` must be a list, not a string"):
        read(str(write('[{"number": 1, "title": "a", "labels": "bug"}]', "gh.json")))


def test_github_pages_one_after_another_are_one_list(write):
    path = write('[{"number": 1, "title": "a", "url": "https://github.com/o/r/issues/1"}]\n'
                 '[{"number": 2, "title": "b", "url": "https://github.com/o/r/issues/2"}]\n', "pages.json")
    export = read(str(path))
    assert [(r.id, r.line, r.where) for r in export.records] == [("#1", 1, "[0][0]"), ("#2", 2, "[1][0]")]


# -- GitLab ---------------------------------------------------------------------------------

def test_gitlab_issues_csv():
    export = read("gitlab-issues.csv")
    items = by_id(export)
    assert list(items) == ["#87", "#88", "#90", "#79"]
    feature = items["#87"]
    assert feature.url == "https://gitlab.example.com/ledgerly/billing/-/issues/87"
    assert (feature.type, feature.status, feature.points) == ("feature", "open", 5)   # type::feature, Weight
    assert feature.customers == ["Fernhill Architects"]                              # customer:: scoped label
    assert feature.problem.startswith("Fernhill Architects refund part of a retainer")
    assert [e.text for e in feature.evidence] == ["Support ticket #4711 from Lucia Brandt",
                                                   "Came up in 3 of 5 customer interviews in October"]
    assert feature.extra["epic"] == "Refunds and credits" and feature.extra["due"] == "2026-12-11"
    assert "Add screenshots" not in feature.description and "| partial refund |" in feature.description
    assert items["#88"].serves == ["#87"]                                            # "Blocks #87"
    assert items["#79"].closed is True and items["#79"].type == "chore"
    assert items["#90"].description is None


# -- Linear ---------------------------------------------------------------------------------

def test_linear_csv():
    export = read("linear-export.csv")
    items = by_id(export)
    assert list(items) == ["REC-41", "REC-42", "REC-38", "REC-35"]
    bug = items["REC-41"]
    assert (bug.type, bug.status, bug.points, bug.closed) == ("Bug", "In Progress", 5, False)
    assert bug.labels == ["Bug", "Customer request"]
    assert bug.extra["cycle"] == "Cycle 47" and bug.current_sprints == ["Cycle 47"]
    assert bug.description.startswith("Reported by Northwind Freight (Marta Kowalski, ZD-4581).")
    assert items["REC-42"].serves == ["REC-41"]                                       # Parent issue
    assert items["REC-35"].closed is True and items["REC-35"].current_sprints == []
    assert items["REC-38"].sprints == [] and items["REC-38"].points is None


def test_linear_urls_from_a_template():
    items = by_id(read("linear-export.csv", url="https://linear.app/ledgerly/issue/{id}"))
    assert items["REC-41"].url == "https://linear.app/ledgerly/issue/REC-41"


# -- shared behaviour -----------------------------------------------------------------------

def test_duplicate_ids_are_an_error_naming_both_rows(write):
    path = write("Summary,Issue key,Status\nOne,PAY-1,Open\nTwo,PAY-2,Open\nThree,PAY-1,Open\n", "dupes.csv")
    with pytest.raises(InputError) as caught:
        read(str(path))
    assert caught.value.message == "duplicate id 'PAY-1': line 4 and line 2 are different issues with the same id"
    assert caught.value.line == 4


def test_identical_duplicate_records_are_merged_with_a_note(write):
    """A paging script that fetched page 1 twice repeats every issue exactly: one item each, and
    the copies counted, not an error."""
    row = "One,PAY-1,Open\nTwo,PAY-2,Open\n"
    path = write("Summary,Issue key,Status\n" + row + row, "twice.csv")
    export = read(str(path))
    assert [record.id for record in export.records] == ["PAY-1", "PAY-2"]
    assert [(skip.where, skip.reason) for skip in export.skipped] == [
        ("line 4", "identical copy of an earlier issue, merged"), ("line 5", "identical copy of an earlier issue, merged")]
    assert "  skipped 2: identical copy of an earlier issue, merged (PAY-1, PAY-2)" in summary(export)


@pytest.mark.parametrize("columns, message", [
    ("Summary,Status,Priority", "is not a Jira CSV export: it has no 'Issue key' or 'Key' or 'Issue id' column"),
])
def test_missing_columns_are_named(write, columns, message):
    path = write(f"{columns}\na,b,c\n", "x.csv")
    from breadline.importers import read_export

    with pytest.raises(InputError, match=message):
        read_export(str(path), source="jira-csv")


def test_links_to_items_outside_the_export_are_kept_and_reported():
    export = read("jira-cloud.csv", statuses=("open",), sprints=("PAY Sprint 47",))
    assert "PAY-100" not in by_id(export) and by_id(export)["PAY-101"].serves == ["PAY-100"]
    assert export.dangling == {"PAY-100": ["PAY-101"]}
    assert any("1 link to items not in this export (PAY-100)" in line for line in summary(export))


def test_jira_csv_epic_links_and_parents_outside_the_export(write):
    path = write("Summary,Issue key,Issue id,Custom field (Epic Link),Parent,Inward issue link (Depends)\n"
                 "Story,PAY-1,101,PAY-9,,\nSub-task,PAY-2,102,,555,\nRefactor,PAY-3,103,,,PAY-1\n", "j.csv")
    export = read(str(path))
    items = by_id(export)
    assert items["PAY-1"].serves == ["PAY-9"]
    assert items["PAY-2"].serves == [] and items["PAY-2"].notes == [
        "its parent (Jira issue id 555) is not in this export, so it cannot be named"]
    assert items["PAY-3"].serves == ["PAY-1"]      # PAY-1 depends on PAY-3: PAY-3 makes it possible
    assert export.dangling == {"PAY-9": ["PAY-1"]}


def test_jira_csv_depends_links_serve_the_dependent(write):
    path = write("Summary,Issue key,Outward issue link (Depends)\nExport,PAY-1,PAY-2\nClient,PAY-2,\n", "j.csv")
    assert by_id(read(str(path)))["PAY-2"].serves == ["PAY-1"]
