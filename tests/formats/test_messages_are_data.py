"""No format reads a sentence to find a fact: every format, rendered after every finding's
message and every link's reason is replaced by a random string, changes only where those
strings stand.

Run A gives equal texts one string (as the words would be), run B gives every message and
reason a string of its own: a format that told findings apart by comparing their messages with
the links' reasons would list different things in the two runs."""

from __future__ import annotations

import random
import re
import string
from dataclasses import fields, is_dataclass, replace
from types import SimpleNamespace

import pytest

from breadline.commands.ask import Conversation
from breadline.formats import Format, View, explain
from breadline.model import AuditResult, Finding, Link
from tests.formats.fixture import fixture_result


def rewritten(result: AuditResult, token) -> AuditResult:
    """`result` with every message and reason replaced by `token(text, n)`, n counting the texts
    met (depth first); an object met twice (a finding in `findings` and in `others`) is rewritten
    once."""
    memo: dict[int, object] = {}
    keep = []  # the originals stay alive, so that no id is reused while the memo stands

    def walk(value):
        if id(value) in memo:
            return memo[id(value)]
        if isinstance(value, Finding):
            new = replace(value, message=token(value.message, len(keep)))
        elif isinstance(value, Link):
            new = replace(value, reason=token(value.reason, len(keep)))
        elif is_dataclass(value) and not isinstance(value, type):
            new = replace(value, **{f.name: walk(getattr(value, f.name)) for f in fields(value) if f.init})
        elif isinstance(value, tuple):
            new = tuple(walk(v) for v in value)
        elif isinstance(value, list):
            new = [walk(v) for v in value]
        elif isinstance(value, dict):
            new = {k: walk(v) for k, v in value.items()}
        else:
            return value
        keep.append(value)
        memo[id(value)] = new
        return new

    return walk(result)


TOKEN = re.compile(r"q[ab][a-z]{8}[0-9]{4}")


def per_text(rng: random.Random):
    """The same string for the same text."""
    made: dict[str, str] = {}
    return lambda text, n: made.setdefault(text, "qa" + "".join(rng.choices(string.ascii_lowercase, k=8))
                                           + f"{len(made):04d}")


def per_object(rng: random.Random):
    """A string of its own for every message and reason."""
    return lambda text, n: "qb" + "".join(rng.choices(string.ascii_lowercase, k=8)) + f"{n:04d}"


def ask_display(result: AuditResult) -> str:
    """What `breadline ask` shows of each item (its `show` and its "nothing to ask")."""
    lines: list[str] = []
    stub = SimpleNamespace(say=lambda text="", style=None: lines.append(text), terminal=SimpleNamespace(width=100),
                           editor=SimpleNamespace(line_of=lambda index: result.at(index).item.position.line))
    for number, row in enumerate(result.items, start=1):
        Conversation.show(stub, row, number, len(result.items))
        lines.append(Conversation._nothing_to_ask(stub, row))
    return "\n".join(lines)


def explain_all(result: AuditResult) -> str:
    return "".join(explain.render(result, row, View(width=100)) for row in result.items)


RENDERERS = {
    **{fmt.value: (lambda result, fmt=fmt: fmt.renderer()(result, View(show_all=True, width=100)))
       for fmt in Format},
    "explain": explain_all,
    "ask": ask_display,
}


QUIET = {"csv"}
"""The formats that name the rules an item falls foul of, but quote no message (the others quote
at least the message of a finding about the file itself)."""


@pytest.mark.parametrize("name", sorted(RENDERERS))
def test_only_the_messages_change(name):
    render = RENDERERS[name]
    rng = random.Random(name)
    result = fixture_result()
    with_a, with_b = render(rewritten(result, per_text(rng))), render(rewritten(result, per_object(rng)))
    assert bool(TOKEN.search(with_a)) is (name not in QUIET), "the format shows some message or reason"
    assert TOKEN.sub("‹text›", with_a) == TOKEN.sub("‹text›", with_b)
