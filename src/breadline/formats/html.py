"""`breadline report` (and `--format html`): the planning view, one self-contained HTML page.

Made to be put on a projector in a planning meeting and printed: the headline split, the bread
line drawn as a chart, who the effort serves, the superfluous items with the one question that
would save each, and every item's line link by link (expandable, `<details>`, no script).

The page loads nothing: CSS and SVG are inline, fonts are the reader's own, and a
Content-Security-Policy forbids scripts and every fetch. Colour is never the only signal: each
verdict has a shape (circle, triangle, square) and its name beside it. Every piece of backlog
text is escaped: the page is rendered from Jinja2 templates (formats/templates/) with
autoescaping on; this module builds the small view model they read.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import jinja2
from markupsafe import Markup, escape

from breadline import __version__
from breadline.clip import clip
from breadline.facts import decided_by, describe
from breadline.formats import View, chart
from breadline.formats.chart import SHAPES, VERDICTS
from breadline.formats.chart_view import Chart, num, plural
from breadline.formats.html_text import (code_spans, esc_lines, finalize, plain, plain_code,
                                          plain_lines)
from breadline.formats.shared import SURENESS, link_notes, score_text
from breadline.model import LINKS, AuditResult, ItemResult

NOBODY = "nobody: traces to no paying person"
MAX_CUSTOMERS = 15
"""Customers listed one by one in "Who our effort serves"; the rest share a row."""
TEMPLATES = resources.files("breadline.formats").joinpath("templates")
CSS = TEMPLATES.joinpath("report.css").read_text(encoding="utf-8")


def render(result: AuditResult, view: View) -> str:
    """The whole page. `view` is not consulted: the report always shows every item."""
    return _environment().get_template("report.html.j2").render(page=Page(result))


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FunctionLoader(_template), autoescape=True, finalize=finalize,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                             undefined=jinja2.StrictUndefined)
    env.filters.update(f1=lambda value: f"{value:.1f}", num=num, lines=esc_lines, code=code_spans)
    env.globals.update(plural=plural, pct=pct, shapes=SHAPES, verdicts=VERDICTS, version=__version__,
                       chart=chart, links=LINKS, shown_position=shown_position)
    return env


def _template(name: str) -> str:
    return TEMPLATES.joinpath(name).read_text(encoding="utf-8")


def pct(part: float, whole: float) -> int:
    """Rounded as the headline rounds its share."""
    return round(100 * part / whole) if whole else 0


# -- the facts the page shows --------------------------------------------------------------

def customer_of(row: ItemResult) -> tuple[str, bool] | None:
    """Who an item's effort serves: (name, True) for a paying registry customer, by its display name;
    (the item's own words, False) for a customer the registry does not confirm; None when the item
    traces to no paying person."""
    if not row.traced:
        return None
    if row.customer:
        return clip(row.customer, 60), row.customer_pays
    return "not named (the who link is waived)", False


def saving_question(row: ItemResult) -> str:
    """The one question whose answer would do most to put the item on the line (see `facts`)."""
    return row.question


def anchors(rows: Iterable[ItemResult]) -> dict[int, str]:
    """A unique, valid HTML id per item (ids are per file, so two files may share one)."""
    taken: set[str] = set()
    following: dict[str, int] = {}
    """Base -> the next number to try after it: 20,000 ids that all read "item-a" are numbered in
    one pass, not each by counting past all the others again (which took time quadratic in them)."""
    out = {}
    for number, row in enumerate(rows, start=1):
        base = "item-" + (_NOT_IN_ID.sub("-", row.item.id).strip("-") or str(number))
        anchor, n = base, following.get(base, 2)
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        following[base] = n
        taken.add(anchor)
        out[id(row)] = anchor
    return out


_NOT_IN_ID = re.compile(r"[^A-Za-z0-9_.-]+")


def is_web_address(url: str | None) -> bool:
    return bool(url and re.match(r"^https?://", url, re.I))


# -- the view model --------------------------------------------------------------------------

def shown_path(path: str) -> str:
    """A backlog's path as the page shows it: relative to the folder breadline ran in (a page is
    put on a shared screen, and an absolute path says whose machine made it)."""
    if path in ("<stdin>", "-"):
        return "standard input"
    if not os.path.isabs(path):
        return path
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - another drive (Windows)
        return path


def shown_position(position) -> str:
    return f"{shown_path(position.path)}:{position.line}:{position.column}"


@dataclass(frozen=True)
class Served:
    """A row of "Who our effort serves"."""

    label: str
    amount: float
    count: int
    total: float
    quoted: bool = False
    """The name is the items' own words (shown in quotes)."""
    kind: str = ""

    @property
    def share(self) -> float:
        return 100 * self.amount / self.total if self.total else 0.0


class Page:
    """What the page template reads: the result, and what it works out once."""

    def __init__(self, result: AuditResult):
        self.result = result
        self.summary = result.summary
        self.settings = result.settings
        self.by_points = bool(result.summary.points)
        self.unit = "points" if self.by_points else "items"
        self.anchors = anchors(result.items)

    def anchor(self, row: ItemResult) -> str:
        return self.anchors[id(row)]

    @property
    def source(self) -> str:
        paths = [shown_path(path) for path in self.result.paths]
        return ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

    @property
    def dropped(self) -> list[ItemResult]:
        """The items the team decided not to do (their status says so): left out of every count."""
        return list(self.result.dropped)

    @property
    def share(self) -> str:
        off, s = self.summary.superfluous, self.summary
        return (f"{pct(off.points, s.points)}% of points superfluous" if self.by_points
                else f"{pct(off.items, s.items)}% of items superfluous")

    def amount(self, totals) -> float:
        return totals.points if self.by_points else totals.items

    @property
    def chart(self) -> Chart:
        return Chart(self.result, self.anchors)

    def served(self) -> tuple[list[Served], bool]:
        """The rows of "Who our effort serves", and whether any item traces to a paying person."""
        effort: dict[tuple[str, bool], list[float]] = {}
        nobody = [0.0, 0]
        for row in self.result.items:
            weight = (row.item.points or 0.0) if self.by_points else 1.0
            who = customer_of(row)
            entry = nobody if who is None else effort.setdefault(who, [0.0, 0])
            entry[0] += weight
            entry[1] += 1
        total = sum(e[0] for e in effort.values()) + nobody[0]
        ranked = sorted(effort.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0][0].casefold()))
        shown, rest = ranked[:MAX_CUSTOMERS], ranked[MAX_CUSTOMERS:]
        rows = [Served(label=name, amount=amount, count=count, total=total, quoted=not registered)
                for (name, registered), (amount, count) in shown]
        if rest:
            rows.append(Served(label=f"{len(rest)} other customers", amount=sum(e[0] for _, e in rest),
                               count=sum(e[1] for _, e in rest), total=total))
        rows.append(Served(label=NOBODY, amount=nobody[0], count=nobody[1], total=total, kind="nobody"))
        return rows, bool(effort)

    @property
    def superfluous(self) -> list[ItemResult]:
        return sorted(self.result.superfluous, key=lambda r: -(r.item.points or 0))

    # The two lists of one entry per item are made here, each value escaped once: through the
    # template, 10,000 items cost a quarter more time than the page itself.

    def cards(self) -> Iterator[Markup]:
        """The superfluous items' cards, each with its four links and its saving question, one
        piece per item (the page is joined once, from these pieces, with no copy in between)."""
        for row in self.superfluous:
            item, anchor = row.item, self.anchor(row)
            points = f" · {plural(item.points, 'point')}" if item.points is not None else ""
            sure = SURENESS.get(row.confidence or "")
            points += f' · <span class="sure">{sure}</span>' if sure else ""  # how sure the verdict is
            chips = "".join(f'<li class="{state}">{plain(link.name)} {num(link.points)}/{link.weight} {state}</li>'
                            for link in row.links for state in (_state(link),))
            yield Markup(f'<li class="card" id="off-{anchor}">\n<h3><span class="id">{plain(item.id)}</span> '
                         f'{plain_lines(item.title)}</h3>\n<p class="meta">score <span class="score">'
                         f'{plain(score_text(row))}</span>/100{points} · <a href="#{anchor}">link by link</a></p>\n'
                         f'<ul class="links" aria-label="The four links">{chips}</ul>\n'
                         f'<p class="ask">{plain(row.question)}</p>\n</li>\n')

    def details(self) -> Iterator[Markup]:
        """Every item, link by link: what each link earned and why, what else was noticed, the fix;
        one piece per item."""
        tags = {verdict: str(_parts().verdict_tag(verdict)) for verdict in VERDICTS}
        where = plain(shown_path(self.result.paths[0])) if self.result.paths else ""
        for row in self.result.items:
            out = []
            item = row.item
            missing = row.missing
            decisive = decided_by(row)
            gaps = "; ".join(([f"decided by {plain(describe(decisive))}"] if decisive else [])
                             + ([f"missing: {plain(', '.join(missing))}"] if missing else []))
            gaps = f' <span class="gaps">{gaps}</span>' if gaps else ""
            points = plural(item.points, "point") if item.points is not None else "no points"
            facts = [escape(shown_position(item.position)) if item.position else where]
            facts += [plain(value) for value in (item.type, item.status) if value]
            if item.labels:
                facts.append(f"labels: {plain(', '.join(item.labels))}")
            if is_web_address(item.url):
                facts.append(f'<a href="{plain(item.url)}" rel="noreferrer">open in the tracker</a>')
            out.append(f'<details id="{self.anchor(row)}">\n<summary><span class="id">{plain(item.id)}</span> '
                       f'<span class="title">{plain_lines(item.title)}{gaps}</span> <span class="score">'
                       f'{plain(score_text(row))}</span> {tags[row.verdict]} <span class="pts">{points}</span>'
                       f'</summary>\n<p class="muted">{" · ".join(facts)}</p>\n')
            if row.via and row.origin and row.origin != row.via:
                out.append(f'<p>No line of its own: it serves <span class="id">{plain(row.via)}</span>, which traces '
                           f'to <span class="id">{plain(row.origin)}</span>, whose links it takes on.</p>\n')
            elif row.via:
                out.append(f'<p>No line of its own: it traces through <span class="id">{plain(row.via)}</span>, '
                           'whose links it takes on.</p>\n')
            out.append(_TABLE_HEAD)
            for link in row.links:
                notes = "; ".join(link_notes(link))
                note = f' <span class="muted">[{plain(notes)}]</span>' if notes else ""
                out.append(f'<tr><th scope="row">{plain(link.name)}</th><td class="n">{num(link.points)}/'
                           f'{link.weight}</td><td>{plain_code(link.reason)}{note}</td></tr>\n')
            out.append("</tbody>\n</table>\n")
            if row.others:
                out.append("<p>Also noticed:</p>\n<ul>\n")
                for finding in row.others:
                    waived = f' <span class="muted">(waived: {plain(finding.waived)})</span>' if finding.waived else ""
                    out.append(f"<li><code>{plain(finding.code)}</code> {plain(finding.name)}: "
                               f"{plain(finding.message)}{waived}</li>\n")
                out.append("</ul>\n")
            out.append(f'<p><span class="fix">Worth most:</span> {plain_code(row.best_fix)}</p>\n' if row.best_fix
                       else "<p>Nothing to raise: every link is drawn in full.</p>\n")
            out.append("</details>\n")
            yield Markup("".join(out))


_TABLE_HEAD = ('<table>\n<thead><tr><th scope="col">Link</th><th scope="col" class="n">Points</th>'
               '<th scope="col" class="why">Why</th></tr></thead>\n<tbody>\n')


def _state(link) -> str:
    return "missing" if link.missing else "drawn" if link.strength >= 1 else "thin"


def chart_notes(shown: Chart) -> str:
    """What the chart could not say in it: the lanes in bands, the piles, the labels that did not fit."""
    return str(_parts().chart_notes(shown))


def _parts():
    """The macros of parts.html.j2 (the verdict tag, the chart's notes) as Python calls."""
    return _environment().get_template("parts.html.j2").module
