"""Jira's REST search results: `GET /rest/api/3/search/jql` (or the older `/search`, API v2 or v3),
saved as JSON. One page, several pages one after another, or a bare list of issues all work.

Descriptions come as Atlassian Document Format (API v3), wiki markup (v2) or, with
`expand=renderedFields`, HTML. Custom fields are `customfield_NNNNN`; with `expand=names` the
response also says what each is called, which is how story points, sprints and epic links are
found with certainty and how `--map "Customer=customer"` can use a field's display name.
Without names, story points are looked for in the fields Jira Cloud gives them by default.
"""

from __future__ import annotations

import re
from typing import Any

from breadline.errors import InputError
from breadline.importers import records as rec
from breadline.importers.jsondoc import Document, Element, kind
from breadline.importers.records import Parsed, Record, Relation, Skip
from breadline.importers.text import adf_to_text, html_to_text, is_adf, one_line, raw_cut, wiki_to_text

SOURCE = "jira-json"

DEFAULT_POINTS_FIELDS = ("customfield_10016", "customfield_10026", "customfield_10028")
"""Where Jira Cloud keeps story points unless told otherwise ("Story point estimate" and "Story
Points"); used only when the response has no `names` to say so."""

_POINTS_NAME = re.compile(r"^(?:story ?points?|story point estimate|points)$", re.IGNORECASE)
_SPRINT_NAME = re.compile(r"^sprints?$", re.IGNORECASE)
_PARENT_NAME = re.compile(r"^(?:epic link|parent link)$", re.IGNORECASE)
SPRINT_LIMIT = 2000
"""The longest Jira Server sprint string read (`com.atlassian…Sprint@…[id=1,…,name=…]`, a few
hundred characters): `_SERVER_SPRINT` takes time quadratic in a long run of `[`."""
_SERVER_SPRINT = re.compile(r"\[(?:[^\]]*,)?state=(?P<state>[A-Z]+),(?:[^\]]*,)?name=(?P<name>[^,\]]+)")

SERVES_PHRASES = frozenset({"blocks", "implements", "is required for", "is a prerequisite for", "is a prerequisite of",
                            "enables", "is child of", "is a child of", "is subtask of", "is a sub-task of"})
"""Link phrases that make the issue on their side serve the other ("A blocks B")."""
SERVED_PHRASES = frozenset({"is blocked by", "depends on", "requires", "is implemented by", "is parent of",
                            "is a parent of", "has subtask", "is enabled by"})
"""Link phrases that make the other issue serve this one ("A is blocked by B")."""


def read(text: str, path: str) -> Parsed:
    document = Document(text, path)
    names: dict[str, str] = {}
    for value, _ in document.values:
        if isinstance(value, dict) and isinstance(value.get("names"), dict):
            names.update({str(k): str(v) for k, v in value["names"].items() if isinstance(v, str)})
    elements = document.elements("issues")
    if not elements:
        first = document.values[0][0]
        if isinstance(first, dict) and "issues" not in first:
            raise InputError("is not a Jira search result: it has no `issues` list", path, 1, 1)
    parsed = Parsed(SOURCE, [], names=set(names) | set(names.values()))
    points_fields = [k for k, v in names.items() if _POINTS_NAME.match(v.strip())] or list(DEFAULT_POINTS_FIELDS)
    sprint_fields = [k for k, v in names.items() if _SPRINT_NAME.match(v.strip())]
    parent_fields = [k for k, v in names.items() if _PARENT_NAME.match(v.strip())]
    titled = 0
    for element in elements:
        record = _record(element, path, names, parsed, points_fields, sprint_fields, parent_fields)
        if record is None:
            continue
        titled += 1
        parsed.records.append(record)
    if elements and not titled:
        raise InputError("no issue has a `fields.summary` with text: ask the API for it "
                         "(fields=summary,description,issuetype,status,labels,parent,issuelinks,...)",
                         path, elements[0].line, elements[0].column)
    return parsed


def _record(element: Element, path: str, names: dict[str, str], parsed: Parsed,
            points_fields: list[str], sprint_fields: list[str], parent_fields: list[str]) -> Record | None:
    issue = element.issue(path)
    where = element.path

    def fail(message: str) -> InputError:
        return element.error(message, path)

    fields = issue.get("fields")
    if not isinstance(fields, dict):
        raise fail("has no `fields` object: is this a Jira search result?" if fields is None
                   else f"`fields` must be an object, not {kind(fields)}")
    record = Record(element.line, where, element.column)
    key = issue.get("key")
    if key is not None and (not isinstance(key, (str, int)) or isinstance(key, bool) or len(str(key)) > 100):
        raise fail(f"`key` must be an issue key such as PAY-12, not {kind(key)}")
    number = issue.get("id")
    internal = str(number).strip() if isinstance(number, (str, int)) and not isinstance(number, bool) else ""
    record.internal_id = internal if internal and len(internal) <= 40 else None
    record.id = str(key).strip() if key is not None and str(key).strip() else record.internal_id
    if key is not None and not record.id:
        raise fail("`key` is empty, and the issue has no `id` to name it by")
    summary = fields.get("summary")
    if isinstance(summary, (dict, list, bool)):
        raise fail(f"`fields.summary` must be text, not {kind(summary)}")
    if summary is None:
        parsed.skipped.append(Skip(where, "no fields.summary", record.id))
        return None
    if not str(summary).strip():
        parsed.skipped.append(Skip(where, "empty fields.summary", record.id))
        return None
    record.title = one_line(str(summary))
    record.description, sections, record.raw_length = _description(fields.get("description"),
                                                                   issue.get("renderedFields"), fail)
    record.sections = sections or {}
    record.type = _name(fields.get("issuetype"))
    status = fields.get("status")
    record.status = _name(status)
    category = status.get("statusCategory") if isinstance(status, dict) else None
    if isinstance(category, dict) and category.get("key"):
        record.closed = category.get("key") == "done"
    elif fields.get("resolution"):
        record.closed = True
    else:
        record.closed = rec.closed_status(record.status)
    labels = fields.get("labels")
    if labels is not None:
        if not isinstance(labels, list):
            raise fail(f"`fields.labels` must be a list, not {kind(labels)}")
        record.labels = [one_line(str(label)) for label in labels if str(label).strip()]
    for field_id in points_fields:
        value = fields.get(field_id)
        if value is None:
            continue
        points = rec.number(value)
        if points is None:
            record.notes.append(f"{names.get(field_id, field_id)} {value!r} is not a number of points; left out")
        else:
            record.points = points
        break
    record.sprints, record.current_sprints = _sprints(fields, sprint_fields)
    if record.sprints:
        record.extra["sprint"] = (record.current_sprints or record.sprints)[-1]
    self_url = issue.get("self")
    if isinstance(self_url, str) and "/rest/" in self_url and record.id:
        record.url = f"{self_url.split('/rest/', 1)[0]}/browse/{record.id}"
    _extras(record, fields)
    _links(record, fields, parent_fields, parsed, fail)
    record.fields, record.aliases = _mapped_fields(fields, names)
    parsed.names.update(fields)
    return record


def _description(value: Any, rendered: Any, fail) -> tuple[str | None, dict[str, str] | None, int | None]:
    """The description as text, its headed sections, and its raw length when cut before converting."""
    if value is None and isinstance(rendered, dict) and isinstance(rendered.get("description"), str):
        raw, length = raw_cut(rendered["description"])
        return html_to_text(raw) or None, None, length
    if value is None:
        return None, None, None
    if is_adf(value):
        return adf_to_text(value) or None, _adf_sections(value), None
    if isinstance(value, str):
        raw, length = raw_cut(value)
        return wiki_to_text(raw) or None, rec.sections(raw, wiki=True), length
    raise fail(f"`fields.description` must be text or an Atlassian document, not {kind(value)}")


def _adf_sections(document: dict[str, Any]) -> dict[str, str]:
    """Headed sections of an ADF description, heading text -> the text under it."""
    found: dict[str, str] = {}
    heading: str | None = None
    body: list[Any] = []
    content = document.get("content") if isinstance(document.get("content"), list) else []
    for node in content + [{"type": "heading", "content": []}]:
        if isinstance(node, dict) and node.get("type") == "heading":
            if heading:
                text = adf_to_text({"type": "doc", "content": body})
                if text and text.casefold() not in rec.NO_RESPONSE:
                    found.setdefault(heading, text)
            heading = adf_to_text({"type": "doc", "content": [node]}).rstrip(":").strip() or None
            body = []
        else:
            body.append(node)
    return found


def _name(value: Any) -> str | None:
    if isinstance(value, dict):
        for key in ("name", "value", "displayName"):
            if isinstance(value.get(key), str) and value[key].strip():
                return one_line(value[key])
        return None
    if isinstance(value, str) and value.strip():
        return one_line(value)
    return None


def _sprints(fields: dict[str, Any], sprint_fields: list[str]) -> tuple[list[str], list[str] | None]:
    candidates = [fields.get(f) for f in sprint_fields] or [
        value for key, value in fields.items() if key.startswith("customfield_") and _looks_like_sprints(value)
    ]
    names: list[str] = []
    current: list[str] = []
    known_state = False
    for value in candidates:
        for sprint in value if isinstance(value, list) else [value] if value else []:
            if isinstance(sprint, dict) and isinstance(sprint.get("name"), str):
                names.append(sprint["name"])
                if isinstance(sprint.get("state"), str):
                    known_state = True
                    if sprint["state"].lower() == "active":
                        current.append(sprint["name"])
            elif isinstance(sprint, str):
                server = _SERVER_SPRINT.search(sprint) if len(sprint) <= SPRINT_LIMIT else None
                if server:
                    names.append(server.group("name"))
                    known_state = True
                    if server.group("state").upper() == "ACTIVE":
                        current.append(server.group("name"))
                elif sprint.strip():
                    names.append(sprint.strip())
    return names, (current if known_state else None)


def _looks_like_sprints(value: Any) -> bool:
    if isinstance(value, list) and value:
        first = value[0]
        if isinstance(first, dict):
            return "name" in first and "state" in first and ("boardId" in first or "startDate" in first or "goal" in first)
        if isinstance(first, str):
            return "greenhopper" in first and "Sprint@" in first
    return False


def _extras(record: Record, fields: dict[str, Any]) -> None:
    priority = _name(fields.get("priority"))
    if priority:
        record.extra["priority"] = priority
    listed = fields.get("components") if isinstance(fields.get("components"), list) else []
    components = [name for name in (_name(c) for c in listed if isinstance(c, dict)) if name]
    if components:
        record.extra["components"] = components if len(components) > 1 else components[0]
    for name in ("assignee", "reporter", "creator"):
        person = _name(fields.get(name))
        if person:
            record.extra[name] = person
    for name in ("created", "updated"):
        if isinstance(fields.get(name), str) and fields[name].strip():
            record.extra[name] = fields[name].strip()[:10]
    for name, value in (("votes", _dig(fields, "votes", "votes")), ("watchers", _dig(fields, "watches", "watchCount")),
                        ("comments", _dig(fields, "comment", "total"))):
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            record.extra[name] = value


def _dig(fields: dict[str, Any], name: str, key: str) -> Any:
    value = fields.get(name)
    return value.get(key) if isinstance(value, dict) else None


def _links(record: Record, fields: dict[str, Any], parent_fields: list[str], parsed: Parsed, fail) -> None:
    if not record.id:
        return
    parent = fields.get("parent")
    if isinstance(parent, dict) and isinstance(parent.get("key"), str):
        parsed.relations.append(Relation(record.id, parent["key"], "child of"))
    for field_id in parent_fields:
        value = fields.get(field_id)
        if isinstance(value, str) and rec.ISSUE_KEY.match(value.strip()):
            parsed.relations.append(Relation(record.id, value.strip(), "epic link"))
    epic = fields.get("epic")  # the Agile API's `fields.epic`: {"key": "PAY-1", "name": ...}
    if isinstance(epic, dict) and isinstance(epic.get("key"), str) and rec.ISSUE_KEY.match(epic["key"].strip()):
        parsed.relations.append(Relation(record.id, epic["key"].strip(), "epic"))
        name = _name(epic) or (one_line(epic["summary"]) if isinstance(epic.get("summary"), str) else None)
        record.extra.setdefault("epic", name or epic["key"].strip())
    for subtask in fields.get("subtasks") if isinstance(fields.get("subtasks"), list) else []:
        if isinstance(subtask, dict) and isinstance(subtask.get("key"), str):
            parsed.relations.append(Relation(subtask["key"], record.id, "sub-task"))
    links = fields.get("issuelinks")
    if links is None:
        return
    if not isinstance(links, list):
        raise fail(f"`fields.issuelinks` must be a list, not {kind(links)}")
    for link in links:
        if not isinstance(link, dict):
            continue
        link_type = link.get("type") if isinstance(link.get("type"), dict) else {}
        for side in ("outwardIssue", "inwardIssue"):
            other = link.get(side)
            if not isinstance(other, dict) or not isinstance(other.get("key"), str):
                continue
            phrase = str(link_type.get("outward" if side == "outwardIssue" else "inward") or "").strip().casefold()
            if phrase in SERVES_PHRASES:
                parsed.relations.append(Relation(record.id, other["key"], phrase))
            elif phrase in SERVED_PHRASES:
                parsed.relations.append(Relation(other["key"], record.id, phrase))


def field_text(value: Any, depth: int = 0) -> list[str]:
    """A Jira field's value as texts: options, users and statuses by their names, rich text as
    plain text, lists value by value."""
    if value is None or depth > 5:
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    if isinstance(value, (int, float)):
        return [str(int(value)) if float(value).is_integer() else str(value)]
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [text for entry in value for text in field_text(entry, depth + 1)]
    if isinstance(value, dict):
        if is_adf(value):
            text = adf_to_text(value)
            return [text] if text else []
        name = _name(value)
        child = value.get("child")
        if name and isinstance(child, dict) and _name(child):
            return [f"{name} / {_name(child)}"]
        if name:
            return [name]
        if isinstance(value.get("key"), str):
            return [value["key"]]
    return []


def _mapped_fields(fields: dict[str, Any], names: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Every field's text under its id, and each id's display name (from `names`)."""
    texts: dict[str, list[str]] = {}
    aliases: dict[str, str] = {}
    for field_id, value in fields.items():
        found = field_text(value)
        if found:
            texts[field_id] = found
            if field_id in names:
                aliases[field_id] = names[field_id]
    return texts, aliases
