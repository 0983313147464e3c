"""GitHub issues as JSON: `gh issue list --json number,title,body,labels,state,url,milestone,author`
(add `--limit 1000` and `--state all` as needed), or the REST API's issue list
(`gh api repos/OWNER/REPO/issues --paginate`, one array per page), or a search result
(`{"total_count": ..., "items": [...]}`).

The REST list holds pull requests too (GitHub treats them as issues); they are not backlog items
and are skipped, and counted. GitHub has no points or type fields of its own: points come from
labels such as `points: 3` or `3 points`, the type from the issue type (REST) or a label such as
`bug` or `type: feature`. Bodies are Markdown with HTML allowed; issue forms' `### Heading`
sections can feed the field mapping (`--map "Customer=customer"`).
"""

from __future__ import annotations

import re
from typing import Any

from breadline.errors import InputError
from breadline.importers import records as rec
from breadline.importers.jsondoc import Document, kind
from breadline.importers.records import Parsed, Record, Skip
from breadline.importers.text import markdown_to_text, one_line, raw_cut

SOURCE = "github"

_UNANSWERED = re.compile(r"^#{1,6}[ \t]+[^\n]+\s+_No response_[ \t]*(?:\n|\Z)", re.MULTILINE)
"""An issue-form question nobody answered: GitHub writes `_No response_` under its heading."""


def read(text: str, path: str) -> Parsed:
    document = Document(text, path)
    parsed = Parsed(SOURCE, [])
    for element in document.elements("items"):
        issue = element.issue(path)
        where = element.path

        def fail(message: str) -> InputError:
            return element.error(message, path)

        number = issue.get("number")
        digits = str(number).strip() if isinstance(number, (int, str)) and not isinstance(number, bool) else ""
        if not digits.isdigit() or len(digits) > 18:
            raise fail("has no issue `number`: is this `gh issue list --json number,title,...` output?"
                       if number is None else f"`number` must be an issue number, not {kind(number)}")
        record = Record(element.line, where, element.column)
        record.id = f"#{int(digits)}"
        url = issue.get("html_url") or issue.get("url")
        record.url = url if isinstance(url, str) and url.startswith("http") and "api.github" not in url else None
        record.repo = rec.repo_of(record.url) or _repo_from_api(issue)
        if issue.get("pull_request") is not None or (record.url or "").split("/")[-2:-1] == ["pull"]:
            parsed.skipped.append(Skip(where, "pull request", record.id))
            continue
        title = issue.get("title")
        if isinstance(title, (dict, list, bool)):
            raise fail(f"`title` must be text, not {kind(title)}")
        if title is None or not str(title).strip():
            parsed.skipped.append(Skip(where, "no title", record.id))
            continue
        record.title = one_line(str(title))
        body = issue.get("body")
        if body is not None and not isinstance(body, str):
            raise fail(f"`body` must be text, not {kind(body)}")
        if body:
            body, record.raw_length = raw_cut(body)
            record.description = markdown_to_text(_UNANSWERED.sub("", body)) or None
            record.sections = rec.sections(body)
            record.serves = list(dict.fromkeys(rec.text_links(body)))
        labels = issue.get("labels")
        if labels is not None and not isinstance(labels, list):
            raise fail(f"`labels` must be a list, not {kind(labels)}")
        record.labels = list(dict.fromkeys(name for name in (_label(label) for label in labels or []) if name))
        record.type = _name(issue.get("type")) or rec.type_from_labels(record.labels)
        record.points = rec.points_from_labels(record.labels)
        state = issue.get("state")
        if isinstance(state, str) and state.strip():
            record.status = state.strip().lower()
            record.closed = record.status == "closed"
            reason = issue.get("state_reason") or issue.get("stateReason")
            if record.closed and isinstance(reason, str) and reason.strip():
                record.extra["state_reason"] = reason.strip().lower()
        milestone = _name(issue.get("milestone"), "title")
        if milestone:
            record.sprints = [milestone]
            record.extra["milestone"] = milestone
        author = issue.get("author") or issue.get("user")
        login = _name(author, "login")
        if login:
            record.extra["author"] = login
        assignees = [name for name in (_name(a, "login") for a in issue.get("assignees") or [] if isinstance(a, dict)) if name]
        if assignees:
            record.extra["assignee"] = assignees[0] if len(assignees) == 1 else assignees
        association = issue.get("author_association") or issue.get("authorAssociation")
        if isinstance(association, str) and association.strip():
            record.extra["author_association"] = association.strip().upper()
        reactions = _reactions(issue)
        if reactions:
            record.extra["reactions"] = reactions
        comments = _count(issue.get("comments"))
        if comments:
            record.extra["comments"] = comments
        for name in ("created_at", "createdAt", "updated_at", "updatedAt"):
            if isinstance(issue.get(name), str) and issue[name]:
                record.extra["created" if name.startswith("created") else "updated"] = issue[name][:10]
        record.fields = {key: [_text(value)] for key, value in issue.items() if _text(value)}
        parsed.names.update(issue)
        parsed.records.append(record)
    return parsed


def _count(value: Any) -> int:
    """A count as GitHub gives it: a number (REST), a list of the things (gh), or
    `{"totalCount": n}` (GraphQL)."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, list):
        return len(value)
    if isinstance(value, dict):
        return _count(value.get("totalCount", value.get("total_count")))
    return 0


def _reactions(issue: dict[str, Any]) -> int:
    """How many reactions the issue has: REST `reactions.total_count`, or gh's `reactionGroups`."""
    rest = issue.get("reactions")
    if isinstance(rest, dict):
        return _count(rest.get("total_count"))
    groups = issue.get("reactionGroups")
    if isinstance(groups, list):
        return sum(_count(group.get("users")) for group in groups if isinstance(group, dict))
    return 0


def _label(label: Any) -> str | None:
    if isinstance(label, str):
        return one_line(label) or None
    return _name(label)


def _name(value: Any, key: str = "name") -> str | None:
    if isinstance(value, dict) and isinstance(value.get(key), str) and value[key].strip():
        return one_line(value[key])
    if isinstance(value, str) and value.strip():
        return one_line(value)
    return None


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _repo_from_api(issue: dict[str, Any]) -> str | None:
    url = issue.get("repository_url")
    if isinstance(url, str) and "/repos/" in url:
        return url.split("/repos/", 1)[1].strip("/")
    return None
