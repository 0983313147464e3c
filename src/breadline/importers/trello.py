"""Trello's JSON export: a board (Menu > Print, export and share > Export as JSON) or one card
(the card's Share > Export JSON).

A board holds `cards`, `lists`, `labels`, `checklists` and `members`; each card becomes an item
named by its short link (`U3eLk64X`, the part of its address after `/c/`), with its list as
status, its labels, its description and checklists as description, its address as `url` and its
attachments kept beside it. Archived cards, and cards in archived lists, are skipped and counted.
Trello has no points or types of its own: labels such as `3 points` or `bug` give them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from breadline.errors import InputError
from breadline.importers import records as rec
from breadline.importers.jsondoc import Document, Element, kind
from breadline.importers.records import Parsed, Record, Skip
from breadline.importers.text import markdown_to_text, one_line, raw_cut, tidy

SOURCE = "trello"


def read(text: str, path: str) -> Parsed:
    document = Document(text, path)
    value, offset = document.values[0]
    if len(document.values) > 1 or not isinstance(value, dict):
        raise InputError("is not a Trello export: expected one board or card object", path, 1, 1)
    if isinstance(value.get("cards"), list):
        board = value
        elements = document.elements("cards")
        checklists = _by_card(board.get("checklists"))
    elif isinstance(value.get("idList"), str) and "name" in value:
        board = {}
        elements = [document.element(value, offset, "$")]
        checklists = {str(value.get("id")): [c for c in _list(value.get("checklists")) if isinstance(c, dict)]}
    else:
        raise InputError("is not a Trello board export: it has no `cards` list", path, 1, 1)
    lists = {str(item["id"]): item for item in _list(board.get("lists")) if isinstance(item, dict) and "id" in item}
    if not board:
        for action in _list(value.get("actions")):
            data = action.get("data") if isinstance(action, dict) else None
            found = data.get("list") if isinstance(data, dict) else None
            if isinstance(found, dict) and isinstance(found.get("id"), str) and isinstance(found.get("name"), str):
                lists.setdefault(found["id"], found)
    members = {str(m["id"]): m for m in _list(board.get("members")) if isinstance(m, dict) and "id" in m}
    parsed = Parsed(SOURCE, [])
    for element in elements:
        record = _card(element, path, lists, members, checklists, parsed)
        if record is not None:
            parsed.records.append(record)
    return parsed


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _by_card(checklists: Any) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for checklist in _list(checklists):
        if isinstance(checklist, dict) and isinstance(checklist.get("idCard"), str):
            found.setdefault(checklist["idCard"], []).append(checklist)
    return found


def _card(element: Element, path: str, lists: dict[str, Any], members: dict[str, Any],
          checklists: dict[str, list[dict[str, Any]]], parsed: Parsed) -> Record | None:
    card = element.issue(path)

    def fail(message: str) -> InputError:
        return element.error(message, path)

    record = Record(element.line, element.path, element.column)
    ident = card.get("shortLink") or card.get("id")
    if ident is not None and not isinstance(ident, str):
        raise fail(f"`shortLink` must be text, not {kind(ident)}")
    record.id = one_line(ident) if ident else None
    name = card.get("name")
    if name is not None and not isinstance(name, str):
        raise fail(f"`name` must be text, not {kind(name)}")
    if card.get("closed") is True:
        parsed.skipped.append(Skip(element.path, "archived card", record.id))
        return None
    column = lists.get(str(card.get("idList")))
    if isinstance(column, dict) and column.get("closed") is True:
        parsed.skipped.append(Skip(element.path, "card in an archived list", record.id))
        return None
    if name is None:
        parsed.skipped.append(Skip(element.path, "no name", record.id))
        return None
    if not name.strip():
        parsed.skipped.append(Skip(element.path, "empty name", record.id))
        return None
    record.title = one_line(name)
    address = card.get("url") or card.get("shortUrl")
    record.url = address if isinstance(address, str) and address.startswith("https://") else None
    desc = card.get("desc")
    if desc is not None and not isinstance(desc, str):
        raise fail(f"`desc` must be text, not {kind(desc)}")
    parts = []
    if desc and desc.strip():
        raw, record.raw_length = raw_cut(desc)
        parts.append(markdown_to_text(raw))
        record.sections = rec.sections(raw)
    parts += [_checklist(checklist) for checklist in checklists.get(str(card.get("id")), [])]
    record.description = tidy("\n\n".join(part for part in parts if part)) or None
    if isinstance(column, dict) and isinstance(column.get("name"), str) and column["name"].strip():
        record.status = one_line(column["name"])
        record.closed = rec.closed_status(record.status)
    labels = card.get("labels")
    if labels is not None and not isinstance(labels, list):
        raise fail(f"`labels` must be a list, not {kind(labels)}")
    record.labels = list(dict.fromkeys(label for label in (_label(item) for item in labels or []) if label))
    record.type = rec.type_from_labels(record.labels)
    record.points = rec.points_from_labels(record.labels)
    _extras(record, card, members)
    record.fields = {key: [one_line(value)] for key, value in card.items()
                     if isinstance(value, str) and value.strip() and key not in ("desc", "email")}
    if record.description:
        record.fields["desc"] = [desc or ""]
    return record


def _label(label: Any) -> str | None:
    if isinstance(label, dict):
        name = label.get("name") if isinstance(label.get("name"), str) and label["name"].strip() else label.get("color")
        return one_line(name) if isinstance(name, str) and name.strip() else None
    return one_line(label) if isinstance(label, str) and label.strip() else None


def _checklist(checklist: dict[str, Any]) -> str:
    title = one_line(str(checklist.get("name") or "Checklist"))
    items = [item for item in _list(checklist.get("checkItems")) if isinstance(item, dict)]
    items.sort(key=lambda item: item.get("pos") if isinstance(item.get("pos"), (int, float)) else 0)
    lines = [f"{title}:"]
    for item in items:
        text = one_line(str(item.get("name") or ""))
        if text:
            lines.append(f"- [{'x' if item.get('state') == 'complete' else ' '}] {text}")
    return "\n".join(lines) if len(lines) > 1 else ""


def _person(member: Any) -> str | None:
    if isinstance(member, dict):
        for key in ("fullName", "username"):
            if isinstance(member.get(key), str) and member[key].strip():
                return one_line(member[key])
    return None


def _extras(record: Record, card: dict[str, Any], members: dict[str, Any]) -> None:
    people = [name for name in (_person(members.get(str(m))) for m in _list(card.get("idMembers"))) if name]
    if people:
        record.extra["assignee"] = people[0] if len(people) == 1 else people
    author = _person(members.get(str(card.get("idMemberCreator"))))
    if author:
        record.extra["author"] = author
    if isinstance(card.get("due"), str) and card["due"]:
        record.extra["due"] = card["due"][:10]
    created = _created(card.get("id"))
    if created:
        record.extra["created"] = created
    if isinstance(card.get("dateLastActivity"), str) and card["dateLastActivity"]:
        record.extra["updated"] = card["dateLastActivity"][:10]
    badges = card.get("badges") if isinstance(card.get("badges"), dict) else {}
    votes = badges.get("votes")
    if not isinstance(votes, int) or isinstance(votes, bool):
        votes = len(_list(card.get("idMembersVoted")))
    if votes > 0:
        record.extra["votes"] = votes
    comments = badges.get("comments")
    if isinstance(comments, int) and not isinstance(comments, bool) and comments > 0:
        record.extra["comments"] = comments
    attachments = [item.get("url") for item in _list(card.get("attachments"))
                   if isinstance(item, dict) and isinstance(item.get("url"), str) and item["url"].startswith("http")]
    if attachments:
        record.extra["attachments"] = attachments


def _created(ident: Any) -> str | None:
    """When a card was made: Trello ids begin with the creation time (seconds, in hex)."""
    if not isinstance(ident, str) or len(ident) != 24:
        return None
    try:
        return dt.datetime.fromtimestamp(int(ident[:8], 16), tz=dt.timezone.utc).date().isoformat()
    except (ValueError, OverflowError, OSError):
        return None
