"""Importers keep what trackers say beside the text (author and their relation to the project,
reactions, votes, comments, created date), and the reader uses it as signals."""

from __future__ import annotations

import json

import yaml


def _export(tmp_path, name: str, data) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


REST_ISSUE = {
    "number": 812, "title": "Export is empty", "state": "open",
    "html_url": "https://github.com/acme/app/issues/812",
    "body": "The CSV export of the invoice list has no rows.",
    "user": {"login": "dana"}, "author_association": "NONE",
    "reactions": {"total_count": 7, "+1": 7}, "comments": 4,
    "created_at": "2026-11-20T10:00:00Z", "labels": [],
}


def test_github_rest_fields_are_kept(cli, tmp_path):
    source = _export(tmp_path, "issues.json", [REST_ISSUE])
    out = tmp_path / "backlog.yaml"
    result = cli("import", source, "-o", out)
    assert result.exit_code == 0, result.stderr
    item = yaml.safe_load(out.read_text(encoding="utf-8"))["items"][0]
    assert item["author"] == "dana"
    assert item["author_association"] == "NONE"
    assert item["reactions"] == 7
    assert item["comments"] == 4
    assert item["created"] == "2026-11-20"


def test_gh_cli_fields_are_kept(cli, tmp_path):
    issue = {"number": 9, "title": "Sync times out", "body": "Syncing 5,000 contacts times out.",
             "url": "https://github.com/acme/app/issues/9", "author": {"login": "lee"},
             "authorAssociation": "CONTRIBUTOR", "comments": [{"body": "same here"}, {"body": "+1"}],
             "reactionGroups": [{"content": "THUMBS_UP", "users": {"totalCount": 5}},
                                {"content": "HEART", "users": {"totalCount": 1}}], "labels": []}
    out = tmp_path / "backlog.yaml"
    result = cli("import", _export(tmp_path, "gh.json", [issue]), "-o", out)
    assert result.exit_code == 0, result.stderr
    item = yaml.safe_load(out.read_text(encoding="utf-8"))["items"][0]
    assert (item["author_association"], item["reactions"], item["comments"]) == ("CONTRIBUTOR", 6, 2)


def test_jira_json_votes_watchers_and_comments_are_kept(cli, tmp_path):
    data = {"issues": [{"key": "PAY-7", "fields": {
        "summary": "Invoice totals are wrong", "issuetype": {"name": "Bug"}, "status": {"name": "Open"},
        "votes": {"votes": 4}, "watches": {"watchCount": 9}, "comment": {"total": 3, "comments": []},
        "reporter": {"displayName": "Ana"}, "created": "2026-10-01T09:00:00.000+0000"}}]}
    out = tmp_path / "backlog.yaml"
    result = cli("import", _export(tmp_path, "jira.json", data), "-o", out)
    assert result.exit_code == 0, result.stderr
    item = yaml.safe_load(out.read_text(encoding="utf-8"))["items"][0]
    assert (item["votes"], item["watchers"], item["comments"]) == (4, 9, 3)


def _row(cli, tmp_path, data):
    result = cli("audit", "--all", "-f", "json", _export(tmp_path, "issues.json", data))
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout)["items"][0]


def test_an_outside_author_with_a_failure_is_a_report_and_reactions_are_evidence(cli, tmp_path):
    row = _row(cli, tmp_path, [REST_ISSUE])
    assert row["verdict"] != "superfluous", row
    evidence = next(link for link in row["links"] if link["name"] == "evidence")
    assert evidence["points"] > 0


def test_signs_alone_do_not_trace_an_item(cli, tmp_path):
    bare = {**REST_ISSUE, "title": "Tidy the settings page", "body": "Move the toggles around.",
            "reactions": {"total_count": 0}}
    row = _row(cli, tmp_path, [bare])
    assert row["verdict"] == "superfluous", row


def test_a_team_members_note_is_not_an_outside_report(cli, tmp_path):
    member = {**REST_ISSUE, "title": "Tidy the settings page", "body": "Move the toggles around.",
              "author_association": "MEMBER", "reactions": {"total_count": 0}}
    row = _row(cli, tmp_path, [member])
    assert row["verdict"] == "superfluous"


def test_a_report_is_dated_by_the_tickets_own_date(cli, tmp_path):
    old = {**REST_ISSUE, "created_at": "2019-03-01T10:00:00Z"}
    row = _row(cli, tmp_path, [old])
    stale = [f for f in row["findings"] if f["code"] == "BL302"]
    assert stale and "2019-03-01" in stale[0]["message"], row["findings"]
    evidence = next(link for link in row["links"] if link["name"] == "evidence")
    assert evidence["strength"] == 0.4


def test_a_recent_report_is_not_stale(cli, tmp_path):
    import datetime as dt

    today = dt.date.today().isoformat()  # the audit measures age from today
    row = _row(cli, tmp_path, [{**REST_ISSUE, "created_at": f"{today}T10:00:00Z"}])
    assert "BL302" not in {f["code"] for f in row["findings"]}
