"""The interview behind `breadline ask`: which items to ask about and in which order, the questions
to put to the team about each (only for the links it is missing, in the customer's terms), what a
reply means, and how answers (typed, or from an answers file) become fields of the item.

Nothing here prints or reads the terminal; `breadline.commands.ask` does, and `breadline.edit`
writes the answers into the file.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from breadline import lookup
from breadline.audit import Auditor
from breadline.clip import clip
from breadline.config import discover, load_config
from breadline.errors import InputError, UsageError
from breadline.load import read_text
from breadline.model import AuditResult, Backlog, Finding, Item, ItemResult, Link, Verdict
from breadline.registry import pays, resolve
from breadline.rules import RULES
from breadline.score import is_dropped
from breadline.words import builtin

DROPPED = "dropped"
"""The `status:` an item gets when the team drops it; `ask` does not bring such items up again."""

ANSWER_KEYS = ("customer", "problem", "evidence", "next", "serves", "waive", "status")
"""What an answer may set, in the answers file and in the interview."""

EVIDENCE_KEYS = ("source", "date", "url")

MAX_CHOICES = 9
"""Numbered picks shown for one question; the rest are a Tab (or a typed name) away."""

SERVING_TYPES = frozenset({*builtin("chore-types"), "task", "spike"})
"""Item types that usually serve another item rather than a customer directly (the chore types,
and tasks and spikes): for these, the interview asks which item they serve before it asks who pays."""

_VERDICT_RANK = {Verdict.SUPERFLUOUS: 0, Verdict.WEAK: 1, Verdict.ON_LINE: 2}

_LINK_RULES = {"who": ("BL1", "BL501"), "problem": ("BL2",), "evidence": ("BL3",), "next": ("BL4",)}
"""The rules whose findings on a link are worth a question (the others are fixed elsewhere, e.g.
BL502 by naming a problem of theirs)."""


class ReplyError(ValueError):
    """A reply that cannot stand; the message says why and what would."""


# -- which items, in which order -------------------------------------------------------------

def find_item(backlog: Backlog, name: str) -> Item | None:
    """The item called `name` (see `lookup.find`: its id in any case, `13` for `#13`)."""
    return lookup.find(backlog.items, name)


def unknown_item(backlog: Backlog, name: str) -> str:
    """"no item with id 'X' in FILE (did you mean 'Y'?)"."""
    return lookup.unknown(backlog.items, name, backlog.path)


def weakest_first(rows: Iterable[ItemResult]) -> list[ItemResult]:
    """Superfluous items before weak ones before those on the line; lowest score first; then
    in file order."""
    return sorted(rows, key=lambda row: (_VERDICT_RANK[row.verdict], row.score, row.item.index))


def queue(result: AuditResult, backlog: Backlog, *, every: bool = False, only: Iterable[str] = ()) -> list[ItemResult]:
    """The items to ask about: by default those not on the line (and not dropped), weakest first;
    `every`: all items, weakest first; `only`: these ids, in the order given."""
    only = [name for name in only if name]
    if only:
        rows = []
        for name in only:
            item = find_item(backlog, name)
            if item is None:
                raise UsageError(unknown_item(backlog, name))
            row = result.at(item.index)
            if row not in rows:
                rows.append(row)
        return rows
    if every:
        return weakest_first((*result.items, *result.dropped))
    return weakest_first(r for r in result.items if r.verdict is not Verdict.ON_LINE and not is_dropped(r.item))


# -- questions -------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    """What picking it answers (a registry key, an item id, a rule code)."""
    label: str
    """What it is, in a few words."""


@dataclass(frozen=True, slots=True)
class Question:
    field: str
    """The item field the answer goes into (`customer`, `serves`, `problem`, `evidence`, `next`),
    or `date` for the date of the evidence just given."""
    link: str
    """The link of the line it draws."""
    prompt: str
    """The question, in the customer's terms."""
    help: str
    """What a strong answer looks like, for `?`."""
    why: str | None = None
    """Why it is asked: what the audit said about the link."""
    current: str | None = None
    """What the item says now, if anything (Enter keeps it)."""
    choices: tuple[Choice, ...] = ()
    more: int = 0
    """Further possible answers not shown as numbered choices."""
    completions: tuple[str, ...] = ()
    """Every value Tab may complete."""
    named_prompt: str | None = None
    """The prompt with `{who}` for the customer's name, once the interview knows it."""

    @property
    def label(self) -> str:
        """The short name the prompt line shows (`who> `)."""
        return {"customer": "who"}.get(self.field, self.field)


_HELP = {
    "customer": (
        "Name the person or account who pays us and is helped by this item: a key of the customer "
        "registry (pick its number), or who they are in words, e.g. “finance admins at Acme (Business "
        "plan)”. Several? Separate the numbers or keys with commas. Weak answers: “users”, "
        "“everyone”, “stakeholders”, “the business”."
    ),
    "serves": (
        "Work that does not touch a customer directly (a migration, a refactor, a CI fix) traces "
        "through the item it makes possible: give that item's id (or its number). It is then as "
        "strong as that item. Several? Separate them with commas."
    ),
    "problem": (
        "What is the customer trying to get done, and what gets in the way? Their job, in their "
        "words, even where we are not part of the solution, e.g. “they re-type invoice totals into "
        "their ERP every month”. Weak answers are about us: “increase engagement with our app”, "
        "“improve conversion”, or our solution in other words (“need a PDF button”)."
    ),
    "evidence": (
        "How do we know the problem is real? A support ticket, an interview, a churn reason, a count "
        "of requests, e.g. “ZD-4411 from Dana Ruiz” or “14 requests in Intercom since August”. "
        "Weak answers: “we think”, “probably”, or nothing. You will be asked for its date next."
    ),
    "date": (
        "When did the customer say or do this? A date like 2026-10-02, or `today`. Recent evidence "
        "counts in full, undated evidence a little less, evidence older than a year much less. "
        "Enter if you do not know."
    ),
    "next": (
        "How does this item change their situation once it ships? A change in *their* world, e.g. "
        "“they close the month a day sooner”. Weak answers are about us: “ship the feature”, "
        "“done for the sprint”."
    ),
}


def needs_question(link: Link) -> bool:
    """A link is worth asking about when it is missing, only read from the text, or held back by
    a rule of its own family (details such as an undated piece of evidence are not)."""
    if link.missing or link.inferred:
        return True
    prefixes = _LINK_RULES[link.name]
    return any(code.startswith(prefixes) and RULES[code].severity != "info" for code in link.codes)


def plan(row: ItemResult, result: AuditResult, backlog: Backlog,
         words: Callable[[str], tuple[str, ...]] | None = None) -> tuple[Question, ...]:
    """The questions to ask about an item: only for the links it is missing or has thin, in the
    order a colleague would ask them. An item that traces through another item gets none (that
    item is the one to ask about)."""
    if row.via:
        return ()
    links = {link.name: link for link in row.links}
    item = row.item
    questions: list[Question] = []
    who = links["who"]
    if needs_question(who):
        customer = _customer_question(item, who, backlog, words)
        if who.strength < result.settings.trace_strength:  # too thin to trace: it may serve another item
            serves = _serves_question(item, result)
            if serves is None:
                questions.append(customer)
            elif _chore_like(row):
                questions += [replace(serves, prompt="Which item does this work serve?"),
                              replace(customer, prompt="Or, if it helps a customer directly: who pays us and is helped?")]
            else:
                questions += [customer, serves]
        else:
            questions.append(customer)
    wallet = any(f.code == "BL502" and f.waived is None for f in row.findings)
    for name in ("problem", "evidence", "next"):
        link = links[name]
        if needs_question(link) or (name == "problem" and wallet):
            questions.append(_text_question(name, item, link))
    return tuple(questions)


def _chore_like(row: ItemResult) -> bool:
    item = row.item
    return (
        bool(item.serves)
        or (item.type or "").strip().casefold() in SERVING_TYPES
        or any(f.code in ("BL601", "BL603", "BL604") and f.waived is None for f in row.findings)
    )


def _current(link: Link, own: str | None) -> str | None:
    if own:
        return own
    if link.inferred and link.quote:
        return f"read from the text: “{link.quote}”"
    return None


def _customer_question(item: Item, link: Link, backlog: Backlog, words) -> Question:
    non_paying = words("non-paying-plans") if words else ()
    ranked = sorted(
        backlog.customers.values(),
        key=lambda c: {True: 0, None: 1, False: 2}[pays(c, non_paying) if words else None],
    )
    choices = tuple(Choice(c.key, _customer_label(c, pays(c, non_paying) if words else None)) for c in ranked)
    return Question(
        field="customer",
        link="who",
        prompt="Who pays us and is helped by this?",
        help=_HELP["customer"],
        why=None if link.missing else link.reason,
        current=_current(link, ", ".join(item.customers)),
        choices=choices[:MAX_CHOICES + 3],
        more=max(0, len(choices) - (MAX_CHOICES + 3)),
        completions=tuple(c.key for c in ranked),
    )


def _customer_label(customer, paying: bool | None) -> str:
    parts = [customer.name] if customer.name and customer.name != customer.key else []
    if customer.plan:
        parts.append(f"{customer.plan} plan")
    if paying is False:
        parts.append("does not pay")
    return " · ".join(parts) or "in the registry"


def _serves_question(item: Item, result: AuditResult) -> Question | None:
    others = [r for r in result.items if r.item.index != item.index and r.item.has_id]
    if not others:
        return None
    # Customer-facing items on the line first; never one that serves this item (that is a loop).
    traced = sorted((r for r in others if r.verdict is not Verdict.SUPERFLUOUS and item.id not in r.item.serves),
                    key=lambda r: (r.via is not None, -_VERDICT_RANK[r.verdict], -r.score, r.item.index))
    choices = tuple(Choice(r.item.id, clip(r.item.title, 60)) for r in traced[:MAX_CHOICES])
    return Question(
        field="serves",
        link="who",
        prompt="Or does it serve another item? Which one?",
        help=_HELP["serves"],
        current=", ".join(item.serves) or None,
        choices=choices,
        more=len(others) - len(choices),
        completions=tuple(r.item.id for r in others),
    )


_TEXT_PROMPTS = {
    "problem": ("What are they trying to get done, and what gets in the way?",
                "What is {who} trying to get done, and what gets in the way?"),
    "evidence": ("How do we know the problem is real?", "How do we know {who} has this problem?"),
    "next": ("What changes for them next, once this ships?", "What changes for {who} next, once this ships?"),
}


def _text_question(name: str, item: Item, link: Link) -> Question:
    own = {
        "problem": item.problem,
        "evidence": "; ".join(e.text + (f" ({e.date.isoformat()})" if e.date else "") for e in item.evidence),
        "next": item.next,
    }[name]
    prompt, named = _TEXT_PROMPTS[name]
    return Question(
        field=name,
        link=name,
        prompt=prompt,
        named_prompt=named,
        help=_HELP[name],
        why=None if link.missing else link.reason,
        current=_current(link, own or None),
    )


DATE_QUESTION = Question(field="date", link="evidence", prompt="When was that? (a date like 2026-10-02, or today)",
                         help=_HELP["date"])


# -- answers ---------------------------------------------------------------------------------

@dataclass
class Answers:
    """What the team said about one item. None: not answered."""

    customer: tuple[str, ...] | None = None
    problem: str | None = None
    evidence: tuple[str | dict[str, Any], ...] | None = None
    """Plain texts, or mappings with source/date/url, as the file will hold them."""
    next: str | None = None
    serves: tuple[str, ...] | None = None
    waive: dict[str, str] = field(default_factory=dict)
    """Rule code -> reason."""
    status: str | None = None

    def given(self) -> tuple[str, ...]:
        """The answer keys that were answered, in ANSWER_KEYS order."""
        return tuple(key for key in ANSWER_KEYS if getattr(self, key))

    def __bool__(self) -> bool:
        return bool(self.given())

    def values(self) -> dict[str, Any]:
        """The fields to write (all but `waive`), as plain values."""
        out: dict[str, Any] = {}
        if self.customer:
            out["customer"] = self.customer[0] if len(self.customer) == 1 else list(self.customer)
        for name in ("problem", "next", "status"):
            if getattr(self, name):
                out[name] = getattr(self, name)
        if self.evidence:
            out["evidence"] = self.evidence[0] if len(self.evidence) == 1 and isinstance(self.evidence[0], str) \
                else [dict(e) if isinstance(e, dict) else e for e in self.evidence]
        if self.serves:
            out["serves"] = list(self.serves)
        return out


class Interview:
    """The questions about one item, put one at a time, and the answers given so far.

    Who pays and which item it serves are two ways to draw the same link: once one is answered,
    the other is not asked. Once the item serves another, nothing more is asked: its line runs
    through that item."""

    def __init__(self, row: ItemResult, result: AuditResult, backlog: Backlog,
                 words: Callable[[str], tuple[str, ...]] | None = None):
        self.row = row
        self.backlog = backlog
        self.questions = list(plan(row, result, backlog, words))
        self.answers = Answers()
        self._next = 0
        self._evidence: str | None = None
        self.words = words
        self._challenge: Question | None = None
        """The question put again because a rule rejects the answer just given (`challenged`)."""
        self._pending: tuple[str, Any] | None = None
        """The rejected answer, (field, value): kept if the team presses Enter at the challenge."""

    def next(self) -> Question | None:
        """The next question to put, or None when the item is done."""
        if self._challenge is not None:
            question, self._challenge = self._challenge, None
            return question
        if self._evidence is not None:
            return DATE_QUESTION
        while self._next < len(self.questions):
            question = self.questions[self._next]
            self._next += 1
            if self.answers.serves:
                continue
            if question.field == "serves" and self.answers.customer:
                continue
            who = self.who()
            if question.named_prompt and who:
                question = replace(question, prompt=question.named_prompt.format(who=who))
            return question
        return None

    def answer(self, question: Question, value: Any) -> None:
        """Record the (parsed) reply to `question`; None skips it. An answer a rule rejects is
        challenged once (`challenged`): the question comes again, and Enter keeps the answer."""
        pending, self._pending = self._pending, None
        if pending is not None and pending[0] == question.field:
            value = pending[1] if value is None else value  # answered again, or kept: no second challenge
        elif value is not None:
            again = self.challenged(question, value)
            if again is not None:
                self._pending, self._challenge = (question.field, value), again
                return
        if question.field == "evidence":
            self._evidence = value
            return
        if question.field == "date":
            text, self._evidence = self._evidence, None
            if text:
                self.answers.evidence = ({"source": text, "date": value},) if value else (text,)
            return
        if value is not None:
            setattr(self.answers, question.field, value)

    def challenged(self, question: Question, value: Any) -> Question | None:
        """`question` put again with the rule's message, when a rule rejects `value` as its
        answer (`breadline.challenge`); None when the answer stands."""
        from breadline.challenge import objection

        given = {"customer": self.answers.customer, "problem": self.answers.problem,
                 "evidence": self.answers.evidence, "next": self.answers.next}
        finding = objection(self.row.item, self.backlog, question.field, value, given, self.words)
        if finding is None:
            return None
        said = ", ".join(value) if isinstance(value, (tuple, list)) else str(value)
        return replace(question, prompt=f"Answer again? {question.prompt}", named_prompt=None,
                       why=f"{finding.code} {finding.name}: {finding.message}",
                       current=f"{clip(said, 80)} ({finding.code} stays if you keep it)")

    def who(self) -> str | None:
        """The registry name of the customer answered, or else the item's own, for the prompts."""
        names = self.answers.customer or self.row.item.customers
        for name in names or ():
            customer = resolve(name, self.backlog)
            if customer is not None:
                return customer.display_name
        return None


def parse_reply(question: Question, text: str, backlog: Backlog, item: Item,
                today: dt.date | None = None) -> Any:
    """What a typed reply means for `question`; raises ReplyError with what would do instead."""
    text = text.strip()
    if question.field == "customer":
        return _parse_customers(question, text, backlog)
    if question.field == "serves":
        return _parse_serves(question, text, backlog, item)
    if question.field == "date":
        return parse_date(text, today)
    _long_enough(text)
    return text


def _long_enough(text: str) -> None:
    """One character is a slip of the finger (an `s` meant to skip), not an answer."""
    if len(text) < 2:
        raise ReplyError(f"'{text}' is too short to be an answer; Enter skips the question")


def _pick(question: Question, text: str) -> str | None:
    """The choice a number picks, or None when `text` is not a number."""
    if not text.isdigit():
        return None
    number = int(text)
    if not question.choices:
        return None
    if not 1 <= number <= len(question.choices):
        raise ReplyError(f"there is no choice {number}: pick 1–{len(question.choices)}, or type an answer")
    return question.choices[number - 1].value


def _parse_customers(question: Question, text: str, backlog: Backlog) -> tuple[str, ...]:
    parts = [part.strip() for part in re.split(r"[,;]", text) if part.strip()]
    picked = []
    for part in parts:
        choice = _pick(question, part) if part.isdigit() else None
        if choice is not None:
            picked.append(choice)
        elif resolve(part, backlog) is not None:
            picked.append(resolve(part, backlog).key)
        else:
            break
    else:
        if picked:
            return tuple(dict.fromkeys(picked))
    if text.isdigit():
        _pick(question, text)  # raises for a number out of range
    _long_enough(text)
    return (text,)


def _parse_serves(question: Question, text: str, backlog: Backlog, item: Item) -> tuple[str, ...]:
    ids = []
    for part in (p for p in re.split(r"[,;\s]+", text) if p):
        choice = _pick(question, part)
        if choice is None:
            target = find_item(backlog, part)
            if target is None:
                raise ReplyError(unknown_item(backlog, part))
            choice = target.id
        if choice == item.id:
            raise ReplyError(f"{item.id} cannot serve itself: name the item it makes possible")
        ids.append(choice)
    return tuple(dict.fromkeys(ids))


def parse_date(text: str, today: dt.date | None = None) -> dt.date | None:
    today = today or dt.date.today()
    text = text.strip()
    if not text:
        return None
    if text.casefold() in ("today", "t"):
        return today
    if text.casefold() == "yesterday":
        return today - dt.timedelta(days=1)
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise ReplyError(f"'{text}' is not a date: write it like {today.isoformat()}, or `today`") from None
    if date > today:
        raise ReplyError(f"{date.isoformat()} is in the future: when did the customer say or do this?")
    return date


# -- waivers ---------------------------------------------------------------------------------

def waivable(row: ItemResult) -> tuple[Finding, ...]:
    """The item's findings a waiver could set aside, one per rule, by code."""
    seen: dict[str, Finding] = {}
    for finding in sorted(row.findings, key=lambda f: f.code):
        if finding.waived is None and finding.code not in seen:
            seen[finding.code] = finding
    return tuple(seen.values())


def waiver_question(row: ItemResult) -> Question:
    findings = waivable(row)
    return Question(
        field="rule",
        link="",
        prompt="Which rule does not apply to this item?",
        help=("A waiver sets a rule aside for this item, with the reason written into the file "
              "(`waive: {BL301: reason}`): the finding costs nothing and stays visible in the audit. "
              "Pick a number, or type any rule code (`breadline rules` lists them)."),
        choices=tuple(Choice(f.code, f"{f.name}: {clip(f.message, 70)}") for f in findings),
        completions=tuple(RULES),
    )


def parse_rule(question: Question, text: str) -> str:
    text = text.strip()
    choice = _pick(question, text)
    if choice is not None:
        return choice
    code = text.upper()
    if code not in RULES:
        close = difflib.get_close_matches(code, list(RULES), n=1, cutoff=0.6)
        hint = f" (did you mean {close[0]}?)" if close else ""
        raise ReplyError(f"there is no rule '{text}'{hint}; `breadline rules` lists them")
    return code


# -- the answers file ------------------------------------------------------------------------

def read_answers(path: str, backlog: Backlog, text: str | None = None) -> list[tuple[Item, Answers]]:
    """Read an answers file (YAML or JSON: item id -> answers) and check every answer against the
    backlog. Errors name the answers file, the line where known, and the item. `text`: the
    file's content when it does not come from `path` (standard input)."""
    if text is None:
        text = read_text(path)
    entries = _json_entries(text, path) if _looks_like_json(path, text) else _yaml_entries(text, path)
    found: list[tuple[Item, Answers]] = []
    seen: dict[str, int | None] = {}
    for name, line, value in entries:
        item = find_item(backlog, name)
        if item is None:
            raise InputError(unknown_item(backlog, name), path, line)
        if item.id in seen:
            first = seen[item.id]
            where = f" (first at line {first})" if first else ""
            raise InputError(f"{item.id}: answered twice{where}", path, line)
        seen[item.id] = line
        found.append((item, _answers(value, item, backlog, path, line)))
    return found


def _looks_like_json(path: str, text: str) -> bool:
    return path.lower().endswith(".json") or text.lstrip().startswith("{")


def _json_entries(text: str, path: str) -> list[tuple[str, int | None, Any]]:
    pairs_seen: list[list[tuple[str, Any]]] = []

    def keep_pairs(pairs):
        pairs_seen.append(pairs)
        return dict(pairs)

    from breadline.load import load_json

    load_json(text, path)  # bounded first: nesting, numbers (an InputError with its position)
    try:
        data = json.loads(text, object_pairs_hook=keep_pairs)
    except json.JSONDecodeError as error:
        raise InputError(f"invalid JSON: {error.msg}", path, error.lineno, error.colno) from None
    if not isinstance(data, dict):
        raise InputError(_NOT_A_MAPPING, path)
    top = pairs_seen[-1]  # the outermost object is completed last
    return [(str(key), None, value) for key, value in top]


def _yaml_entries(text: str, path: str) -> list[tuple[str, int | None, Any]]:
    from breadline.load import load_plain

    load_plain(text, path)  # bounded first, as a backlog is read: aliases, nesting, dates, numbers
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(error.problem or error.context or "").split())
        where = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
        raise InputError(f"invalid YAML: {problem}", path, *where) from None
    except yaml.YAMLError as error:
        raise InputError(f"invalid YAML: {' '.join(str(error).split())}", path) from None
    if root is None:
        raise InputError(f"is empty: {_NOT_A_MAPPING[0].lower()}{_NOT_A_MAPPING[1:]}", path)
    if not isinstance(root, yaml.MappingNode):
        raise InputError(_NOT_A_MAPPING, path, root.start_mark.line + 1)
    loader = yaml.SafeLoader("")
    entries = []
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        try:
            key = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
        except yaml.YAMLError as error:
            raise InputError(f"invalid value ({' '.join(str(error).split())})", path, line) from None
        if isinstance(key, (dict, list)) or key is None:
            raise InputError("each key must be an item id", path, line)
        entries.append((str(key), line, value))
    return entries


_NOT_A_MAPPING = "expected a mapping of item id to answers, like `PAY-101: {customer: acme, problem: \"...\"}`"


def _answers(value: Any, item: Item, backlog: Backlog, path: str, line: int | None) -> Answers:
    def fail(message: str) -> InputError:
        return InputError(f"{item.id}: {message}", path, line)

    if value is None:
        return Answers()
    if not isinstance(value, dict):
        raise fail(f"the answers must be a mapping like {{customer: acme, problem: \"...\"}}, not {_kind(value)}")
    answers = Answers()
    for key, given in value.items():
        key = str(key)
        if key not in ANSWER_KEYS:
            close = difflib.get_close_matches(key, ANSWER_KEYS, n=1, cutoff=0.6)
            hint = f" (did you mean '{close[0]}'?)" if close else ""
            raise fail(f"unknown answer key '{key}'{hint}; answers take {', '.join(ANSWER_KEYS)}")
        if key in ("problem", "next", "status"):
            setattr(answers, key, _text(given, f"`{key}`", fail))
        elif key == "customer":
            answers.customer = _texts(given, "`customer`", fail)
        elif key == "serves":
            ids = []
            for name in _texts(given, "`serves`", fail):
                target = find_item(backlog, name)
                if target is None:
                    close = difflib.get_close_matches(name, [i.id for i in backlog.items], n=1, cutoff=0.6)
                    hint = f" (did you mean '{close[0]}'?)" if close else ""
                    raise fail(f"serves '{name}', but no item in {backlog.path} has that id{hint}")
                if target.id == item.id:
                    raise fail("an item cannot serve itself")
                ids.append(target.id)
            answers.serves = tuple(dict.fromkeys(ids))
        elif key == "evidence":
            answers.evidence = _evidence(given, fail)
        elif key == "waive":
            if not isinstance(given, dict) or not given:
                raise fail("`waive` must be a mapping of rule code to reason, like {BL301: \"new market, approved by Dana\"}")
            for code, reason in given.items():
                code = str(code).strip().upper()
                if code not in RULES:
                    raise fail(f"`waive`: there is no rule '{code}'; `breadline rules` lists them")
                if reason is None or (isinstance(reason, str) and not reason.strip()):
                    raise fail(f"`waive` {code} needs a reason: a waiver without one waives nothing")
                answers.waive[code] = _text(reason, f"the reason for waiving {code}", fail)
    return answers


def _text(value: Any, what: str, fail) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
        raise fail(f"{what} must be text, not {_kind(value)}")
    text = str(value).strip()
    if not text:
        raise fail(f"{what} is empty")
    return text


def _texts(value: Any, what: str, fail) -> tuple[str, ...]:
    if isinstance(value, list):
        if not value:
            raise fail(f"{what} is an empty list")
        return tuple(dict.fromkeys(_text(entry, f"each entry of {what}", fail) for entry in value))
    return (_text(value, f"{what} (or a list of texts)", fail),)


def _evidence(value: Any, fail) -> tuple[str | dict[str, Any], ...]:
    entries = value if isinstance(value, list) else [value]
    if not entries:
        raise fail("`evidence` is an empty list")
    found: list[str | dict[str, Any]] = []
    for entry in entries:
        if isinstance(entry, dict):
            unknown = [str(k) for k in entry if str(k) not in EVIDENCE_KEYS]
            if unknown:
                raise fail(f"`evidence`: unknown key '{unknown[0]}'; evidence mappings take source, date, url")
            piece: dict[str, Any] = {}
            for key in EVIDENCE_KEYS:
                if entry.get(key) is None:
                    continue
                if key == "date":
                    piece["date"] = _date(entry["date"], fail)
                else:
                    piece[key] = _text(entry[key], f"`evidence` {key}", fail)
            if not piece.get("source") and not piece.get("url"):
                raise fail("`evidence`: each mapping needs a `source:` (or a `url:`)")
            found.append(piece)
        else:
            found.append(_text(entry, "`evidence` (a text, a mapping with source/date/url, or a list)", fail))
    return tuple(found)


def _date(value: Any, fail) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        raise fail(f"`evidence` date must be a date like 2026-10-02, not '{value}'") from None


def _kind(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    return f"'{clip(str(value), 40)}'"


# -- scoring the text as it stands -----------------------------------------------------------

class Scorer:
    """The audit as `breadline audit` would run it on this backlog (its configuration, threshold
    and rule selection), applied to the backlog as the interview changes it, in memory."""

    def __init__(self, path: str, config_path: str | None = None, threshold: int | None = None):
        config = load_config(config_path or discover(path))
        self.settings = config.settings if threshold is None else replace(config.settings, threshold=threshold)
        self.selected = config.selected(RULES)
        self.words = config.word_lists()
        self._auditor: Auditor | None = None

    def audit(self, backlog: Backlog, changed: Iterable[int] | None = None) -> AuditResult:
        """The audit of `backlog`; `changed`: the indexes of the only items that changed since
        the last call (then only those are judged again, see `Auditor.again`)."""
        if changed is None or self._auditor is None:
            self._auditor = Auditor(backlog, self.settings, select=self.selected, word_lists=self.words)
            return self._auditor.run()
        return self._auditor.again(backlog, list(changed))
