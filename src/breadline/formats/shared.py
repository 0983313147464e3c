"""What several output formats need to say the same way: which items fail under `--fail-on`,
how an item is named in a one-line message, how a score is shown, and stable fingerprints."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from breadline.model import Finding, ItemResult, Link, fails  # noqa: F401  (fails: the formats' one test of failing)

def is_inferred(row: ItemResult) -> bool:
    """True when some link was read from the title or description rather than its own field."""
    return any(link.inferred for link in row.links)


def score_text(row: ItemResult) -> str:
    """The score, marked "~" when some link was inferred (as the table shows it)."""
    return f"~{row.score}" if is_inferred(row) else str(row.score)


def link_notes(link: Link) -> list[str]:
    """What a link's explanation adds in brackets: the rules that cost it points, the words it
    was inferred from, the item it was inherited from."""
    notes = []
    if link.codes:
        notes.append(", ".join(link.codes))
    if link.inferred:
        how = f"{link.certainty or 'likely'}, {link.signal or 'wording'}"
        notes.append(f"{how}: “{link.quote}”" if link.quote else f"inferred, {how}")
    if link.via:
        notes.append(f"via {link.via}")
    return notes


def item_label(row: ItemResult) -> str:
    """How a message names an item: `PAY-101 (Export invoices)`."""
    return f"{row.item.id} ({row.item.title})"


def finding_text(finding: Finding, row: ItemResult | None) -> str:
    """A finding's message, prefixed with the item it is about (file findings stand alone)."""
    return f"{item_label(row)}: {finding.message}" if row is not None else finding.message


def fingerprint(*parts: str | None) -> str:
    """sha256 hex of the parts; a NUL between them keeps ("ab", "c") apart from ("a", "bc")."""
    import hashlib  # only the formats that fingerprint pay for it (5 ms of OpenSSL at start-up)

    return hashlib.sha256("\0".join(part or "" for part in parts).encode("utf-8")).hexdigest()


def unwaived(row: ItemResult) -> tuple[Finding, ...]:
    return tuple(f for f in row.findings if f.waived is None)


def __getattr__(name: str) -> Any:
    """`encode_line`: one value as one line of JSON, by the C encoder (json.dumps with options
    would build an encoder per call; an indent would switch to the pure-Python one). Report
    values are fresh dicts and lists, never circular. Made the first time a format imports it,
    so that the table, whose run imports this module too, does not import json (~1.5 ms)."""
    if name == "encode_line":
        import json

        global encode_line
        encode_line = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
        return encode_line
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Lines:
    """A run of a report's text, described rather than made: `encode(x)` for each of `items`, in
    order. A format's `chunks` yields these beside plain strings; how they are computed is the
    business of the one place that writes output (`breadline.output`, on every core for a large
    report). `encode` must be a pure function of its item."""

    encode: Callable[[Any], str]
    items: Sequence[Any]

    def __iter__(self) -> Iterator[str]:
        return map(self.encode, self.items)


def joined(pieces: Iterable[str | Lines]) -> str:
    """A format's pieces as one string, every `Lines` made here, in this process."""
    return "".join(text for piece in pieces for text in ((piece,) if isinstance(piece, str) else piece))


SURENESS = {"high": "sure", "medium": "unsure", "low": "close call"}
"""A superfluous verdict's confidence in a word for a table cell (`ItemResult.confidence`): sure
(a rule finds it off the line, or a pull request names nobody), unsure (nothing drawn in what may
be someone's report), a close call (a link drawn, too weak)."""


def verdict_text(row: ItemResult) -> str:
    """The verdict's label, and for a superfluous one how sure it is: `superfluous (sure)`."""
    sure = SURENESS.get(row.confidence or "")
    return f"{row.verdict.label} ({sure})" if sure else row.verdict.label
