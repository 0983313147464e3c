"""`breadline report` (and `--format html`): the planning view, one self-contained HTML page.

Made to be put on a projector in a planning meeting and printed: the headline split, the bread
line drawn as a chart, who the effort serves, the superfluous items with the one question that
would save each, and every item's line link by link (expandable, `<details>`, no script).

The page loads nothing: CSS and SVG are inline, fonts are the reader's own, and a
Content-Security-Policy forbids scripts and every fetch. Colour is never the only signal: each
verdict has a shape (circle, triangle, square) and its name beside it. Every piece of backlog
text is escaped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from breadline import __version__
from breadline.clip import clip
from breadline.formats import View
from breadline.formats.shared import link_notes, score_text
from breadline.model import LINKS, AuditResult, ItemResult, Link, Summary, Verdict

VERDICTS = (Verdict.ON_LINE, Verdict.WEAK, Verdict.SUPERFLUOUS)
SHAPES = {Verdict.ON_LINE: "circle", Verdict.WEAK: "triangle", Verdict.SUPERFLUOUS: "square"}
"""Each verdict's mark, in the chart and beside every verdict name."""

NOBODY = "nobody: traces to no paying person"


def render(result: AuditResult, view: View) -> str:
    """The whole page. `view` is not consulted: the report always shows every item."""
    page = Page(result)
    return "".join([
        page.head(),
        "<body>\n",
        SYMBOLS,
        '<main>\n',
        page.headline(),
        page.chart(),
        page.customers(),
        page.superfluous(),
        page.breakdown(),
        page.file_notes(),
        "</main>\n",
        page.footer(),
        "</body>\n</html>\n",
    ])


# -- text ----------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def esc(text: object) -> str:
    """Text as HTML: `&`, `<`, `>` and both quotes as entities (safe in attributes too); control
    characters and lone surrogates, which no page should carry, as U+FFFD."""
    text = _UNSAFE.sub("\ufffd", str(text))
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def esc_lines(text: str) -> str:
    """Escaped, with line breaks kept as `<br>`."""
    return "<br>".join(esc(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))


def code_spans(text: str) -> str:
    """Escaped, with `backticked` words as <code> (the fixes name fields that way)."""
    parts = esc(text).split("`")
    if len(parts) % 2 == 0:
        return esc(text)
    return "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))


def pct(part: float, whole: float) -> int:
    """Rounded as the headline rounds its share."""
    return round(100 * part / whole) if whole else 0


def num(value: float) -> str:
    return f"{value:g}"


def plural(count: float, noun: str) -> str:
    return f"{num(count)} {noun}" if count == 1 else f"{num(count)} {noun}s"


# -- who the line runs to ------------------------------------------------------------------

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


# -- the page ------------------------------------------------------------------------------

CSS = """\
:root {
  --ink: #1f2328; --muted: #505a64; --rule: #c9d1d9; --band: #f3f5f7; --paper: #ffffff;
  --on-line: #16703a; --weak: #8a5300; --superfluous: #b4232a; --nobody: #6e3b3f;
  color-scheme: light;
}
* { box-sizing: border-box; }
html { background: var(--paper); color: var(--ink); font-size: 18px; }
body {
  margin: 0; font: 1rem/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue",
  Arial, sans-serif; -webkit-text-size-adjust: 100%;
}
main, footer { max-width: 74rem; margin: 0 auto; padding: 0 1.5rem; }
main { padding-top: 1.5rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .6rem; }
h1 .path { font-weight: 600; overflow-wrap: anywhere; }
h2 { font-size: 1.45rem; margin: 2.4rem 0 .6rem; padding-top: .6rem; border-top: 3px solid var(--ink); }
h3 { font-size: 1.1rem; margin: 0; }
p { margin: .5rem 0; }
code, .id { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .92em; }
.id { font-weight: 700; white-space: nowrap; }
.eyebrow { color: var(--muted); font-size: 1rem; margin: 0 0 .2rem; letter-spacing: .02em; }
.lead { font-size: 1.35rem; font-weight: 600; max-width: 60rem; }
.note, .muted { color: var(--muted); }
.note { font-size: .95rem; }
.glyph { width: .9em; height: .9em; vertical-align: -.08em; margin-right: .25em; flex: none; }
.v-on-line { --c: var(--on-line); }
.v-weak { --c: var(--weak); }
.v-superfluous { --c: var(--superfluous); }
.glyph, .mark { fill: var(--c); }
.verdict { color: var(--c); font-weight: 700; white-space: nowrap; }
.tiles { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 1rem; margin: 1rem 0; }
.tile { border: 2px solid var(--c); border-top-width: 8px; border-radius: 6px; padding: .7rem 1rem; }
.tile .verdict { font-size: 1.15rem; }
.tile .big { font-size: 2.6rem; font-weight: 800; line-height: 1.1; margin: .3rem 0 0; color: var(--ink); }
.tile .big small { font-size: 1rem; font-weight: 600; color: var(--muted); }
.tile p { margin: .15rem 0; }
.split { display: flex; width: 100%; height: 2.6rem; margin: .6rem 0 .2rem; border: 2px solid var(--ink); }
.seg { background: var(--c); color: #fff; font-weight: 800; display: flex; align-items: center;
  justify-content: center; overflow: hidden; white-space: nowrap; min-width: 3px; }
.seg + .seg { border-left: 2px solid #fff; }
.seg .glyph { fill: #fff; }
.chart { width: 100%; height: auto; display: block; margin: .5rem 0; }
.chart text { font-family: system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
.chart .lbl { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 14px;
  paint-order: stroke; stroke: var(--paper); stroke-width: 3px; stroke-linejoin: round; }
.chart .lane-name { font-size: 16px; font-weight: 700; fill: var(--c); }
.chart .lane-count, .chart .tick, .chart .cut { font-size: 13px; fill: var(--muted); }
.chart .axis-title { font-size: 14px; fill: var(--muted); }
.chart .band { fill: var(--band); }
.chart .gridline { stroke: var(--rule); stroke-width: 1; }
.chart .cutline { stroke: var(--ink); stroke-width: 1.5; stroke-dasharray: 6 4; }
.chart .mark { stroke: var(--paper); stroke-width: 1.5; }
.chart .mark.hollow { fill: var(--paper); stroke: var(--c); stroke-width: 2.5; }
.legend { display: flex; flex-wrap: wrap; gap: .4rem 1.6rem; padding: 0; margin: .4rem 0; list-style: none; }
.legend li { display: flex; align-items: center; }
table { border-collapse: collapse; width: 100%; font-size: 1rem; }
th, td { text-align: left; padding: .35rem .6rem .35rem 0; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { font-weight: 700; }
thead th { border-bottom: 2px solid var(--ink); }
td.n, th.n { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.serves td.bar { width: 40%; }
.hbar { width: 100%; height: 1.1em; display: block; }
.hbar rect { fill: var(--on-line); }
.serves tr.nobody td { font-weight: 700; color: var(--nobody); }
.serves tr.nobody .hbar rect { fill: url(#hatch-nobody); }
.cards { list-style: none; padding: 0; margin: 0; }
.card { border-left: 6px solid var(--superfluous); padding: .6rem 0 .7rem 1rem; margin: 0 0 1rem; break-inside: avoid; }
.card .meta { color: var(--muted); font-size: 1rem; }
.links { display: flex; flex-wrap: wrap; gap: .35rem; padding: 0; margin: .45rem 0; list-style: none; }
.links li { font-size: .95rem; border-radius: 4px; padding: .05rem .5rem; border: 2px solid var(--ink); }
.links .drawn { background: var(--paper); }
.links .thin { border: 3px double var(--weak); color: var(--weak); font-weight: 700; }
.links .missing { border-style: dashed; border-color: var(--superfluous); color: var(--superfluous); font-weight: 700; }
.ask { font-size: 1.15rem; font-weight: 600; margin: .4rem 0 0; }
.ask::before { content: "Ask: "; color: var(--muted); font-weight: 700; }
details { border-bottom: 1px solid var(--rule); padding: .3rem 0; }
details[open] { padding-bottom: 1rem; }
summary { cursor: pointer; padding: .25rem 0; list-style: none; display: grid; align-items: baseline;
  grid-template-columns: 1.2rem 7.5rem minmax(0, 1fr) 3.2rem 9.5rem 6rem; column-gap: .6rem; }
summary::-webkit-details-marker { display: none; }
summary::before { content: "▸"; color: var(--muted); }
details[open] > summary::before { content: "▾"; }
summary .id { overflow-wrap: anywhere; white-space: normal; }
summary .score { text-align: right; }
summary .pts { color: var(--muted); text-align: right; white-space: nowrap; }
summary .gaps { display: block; color: var(--muted); font-size: .9rem; }
summary:focus-visible { outline: 3px solid var(--ink); outline-offset: 2px; }
details > :not(summary) { margin-left: 1.8rem; }
.score { font-weight: 700; font-variant-numeric: tabular-nums; white-space: nowrap; }
details table { margin-top: .5rem; margin-bottom: .5rem; width: calc(100% - 1.8rem); }
details .why { width: 100%; }
details ul { margin: .3rem 0; }
.fix { font-weight: 600; }
footer { margin-top: 3rem; padding-bottom: 2rem; font-size: .95rem; color: var(--muted); }
footer::before { content: ""; display: block; border-top: 1px solid var(--rule); margin-bottom: .6rem; }
a { color: #0b57d0; }
@media (max-width: 700px) {
  html { font-size: 16px; }
  .tiles { grid-template-columns: 1fr; }
  summary { grid-template-columns: 1.2rem minmax(0, 1fr) auto; }
  summary .title { grid-column: 2 / -1; }
  summary .score, summary .verdict, summary .pts { grid-column: auto; text-align: left; }
}
@media print {
  @page { margin: 14mm 12mm; }
  html { font-size: 10.5pt; }
  main, footer { max-width: none; padding: 0; }
  main { padding-top: 0; }
  h1 { font-size: 18pt; }
  h2 { font-size: 14pt; margin-top: 1.2rem; break-after: avoid; }
  .lead { font-size: 12.5pt; }
  .tile .big { font-size: 22pt; }
  .tiles { gap: .5rem; }
  .chart, .split, .tiles, table, .card { break-inside: avoid; }
  details { break-inside: avoid; }
  summary { grid-template-columns: 6em minmax(0, 1fr) 2.6em 8em 4.6em; column-gap: .5em; }
  summary::before { display: none; }
  details > :not(summary) { margin-left: 0; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""

SYMBOLS = """\
<svg class="symbols" aria-hidden="true" focusable="false" width="0" height="0" style="position:absolute">
<defs>
<symbol id="shape-circle" viewBox="-10 -10 20 20"><circle r="8.5"/></symbol>
<symbol id="shape-triangle" viewBox="-10 -10 20 20"><path d="M0,-9.5L9.8,7.5H-9.8Z"/></symbol>
<symbol id="shape-square" viewBox="-10 -10 20 20"><rect x="-7.8" y="-7.8" width="15.6" height="15.6"/></symbol>
<pattern id="hatch-nobody" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#6e3b3f"/><rect width="2.5" height="6" fill="#fff"/></pattern>
</defs>
</svg>
"""


def glyph(verdict: Verdict) -> str:
    return (f'<svg class="glyph v-{verdict.value}" viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">'
            f'<use href="#shape-{SHAPES[verdict]}" x="-10" y="-10" width="20" height="20"/></svg>')


def verdict_tag(verdict: Verdict) -> str:
    """The verdict's shape and its name: never colour alone."""
    return f'<span class="verdict v-{verdict.value}">{glyph(verdict)}{esc(verdict.label)}</span>'


class Page:
    def __init__(self, result: AuditResult):
        self.result = result
        self.summary: Summary = result.summary
        self.by_points = bool(result.summary.points)
        self.anchors = anchors(result.items)

    # -- head ---------------------------------------------------------------------------

    def source(self) -> str:
        paths = self.result.paths
        shown = ", ".join(paths[:3])
        return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")

    def head(self) -> str:
        off = self.summary.superfluous
        share = (f"{pct(off.points, self.summary.points)}% of points superfluous" if self.by_points
                 else f"{pct(off.items, self.summary.items)}% of items superfluous")
        return (
            "<!DOCTYPE html>\n"
            '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'; '
            'img-src data:; base-uri \'none\'; form-action \'none\'">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f'<meta name="generator" content="breadline {esc(__version__)}">\n'
            f"<title>The bread line: {esc(self.source())} ({share})</title>\n"
            f"<style>\n{CSS}</style>\n</head>\n"
        )

    # -- headline -----------------------------------------------------------------------

    def headline(self) -> str:
        s = self.summary
        out = [
            "<header>\n",
            '<p class="eyebrow">breadline · the planning view</p>\n',
            f'<h1>The bread line of <span class="path">{esc(self.source())}</span></h1>\n',
            f'<p class="lead">{esc(s.headline)}.</p>\n',
            "</header>\n",
            '<section aria-labelledby="split">\n<h2 id="split">Where the effort stands</h2>\n',
        ]
        if not s.items:
            out.append("<p>The backlog has no items.</p>\n</section>\n")
            return "".join(out)
        out.append(self.split_bar())
        out.append('<div class="tiles">\n')
        for verdict in VERDICTS:
            totals = s.by_verdict[verdict.value]
            out.append(f'<div class="tile v-{verdict.value}">\n<p>{verdict_tag(verdict)}</p>\n')
            if self.by_points:
                out.append(f'<p class="big">{pct(totals.points, s.points)}% <small>of points</small></p>\n'
                           f"<p>{num(totals.points)} of {num(s.points)} points</p>\n")
                out.append(f"<p>{totals.items} of {plural(s.items, 'item')} ({pct(totals.items, s.items)}%)</p>\n")
            else:
                out.append(f'<p class="big">{pct(totals.items, s.items)}% <small>of items</small></p>\n'
                           f"<p>{totals.items} of {plural(s.items, 'item')}</p>\n")
            out.append("</div>\n")
        out.append("</div>\n")
        if s.unestimated and self.by_points:
            verb = "carries no points: it counts" if s.unestimated == 1 else "carry no points: they count"
            out.append(f'<p class="note">{plural(s.unestimated, "item")} {verb} in the items, not in the '
                       "points.</p>\n")
        out.append("</section>\n")
        return "".join(out)

    def split_bar(self) -> str:
        """The split as one bar, each part with its verdict's shape and share; the tiles below say
        the same in words."""
        s = self.summary
        total = s.points if self.by_points else s.items
        unit = "points" if self.by_points else "items"
        parts = []
        words = []
        for verdict in VERDICTS:
            totals = s.by_verdict[verdict.value]
            amount = totals.points if self.by_points else totals.items
            words.append(f"{verdict.label} {pct(amount, total)}%")
            if amount <= 0:
                continue
            width = 100 * amount / total
            inside = glyph(verdict) if width >= 3 else ""
            if width >= 9:
                inside += f"{pct(amount, total)}%"
            parts.append(f'<div class="seg v-{verdict.value}" style="width:{width:.2f}%">{inside}</div>')
        label = f"The {unit} by verdict: " + ", ".join(words)
        return f'<div class="split" role="img" aria-label="{esc(label)}">{"".join(parts)}</div>\n'

    # -- the chart ----------------------------------------------------------------------

    def chart(self) -> str:
        rows = self.result.items
        out = ['<section aria-labelledby="line">\n<h2 id="line">The bread line, item by item</h2>\n']
        if not rows:
            out.append("<p>Nothing to draw: the backlog has no items.</p>\n</section>\n")
            return "".join(out)
        chart = Chart(self.result, self.anchors)
        out.append(chart.svg())
        out.append('<ul class="legend">\n')
        for verdict in VERDICTS:
            out.append(f"<li>{verdict_tag(verdict)}</li>\n")
        size = "size: points" if self.by_points else "all the same size: no item carries points"
        out.append(f"<li>{size}</li>\n")
        if chart.hollow:
            out.append("<li>hollow: no points</li>\n")
        out.append(f"<li>dashed lines: the threshold ({self.result.settings.threshold}) and the start of the "
                   f"line ({self.result.settings.on_line})</li>\n</ul>\n")
        out.append(chart.notes())
        out.append('<p class="note">An item can score well and still be superfluous: when it traces to no '
                   "paying person.</p>\n")
        out.append("</section>\n")
        return "".join(out)

    # -- who the effort serves ------------------------------------------------------------

    def customers(self) -> str:
        unit = "points" if self.by_points else "items"
        effort: dict[tuple[str, bool], list[float]] = {}
        nobody = [0.0, 0]
        for row in self.result.items:
            weight = (row.item.points or 0.0) if self.by_points else 1.0
            who = customer_of(row)
            if who is None:
                nobody[0] += weight
                nobody[1] += 1
                continue
            entry = effort.setdefault(who, [0.0, 0])
            entry[0] += weight
            entry[1] += 1
        total = sum(e[0] for e in effort.values()) + nobody[0]
        out = ['<section aria-labelledby="serves">\n<h2 id="serves">Who our effort serves</h2>\n']
        if not self.result.items:
            out.append("<p>The backlog has no items.</p>\n</section>\n")
            return "".join(out)
        out.append(f"<p>The {unit} of the items whose line runs to each paying customer; an enabler counts for the "
                   f"customer of the item it serves. Names in quotes are the items' own words: the registry does "
                   f"not confirm that they pay.</p>\n")
        ranked = sorted(effort.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0][0].casefold()))
        shown, rest = ranked[:MAX_CUSTOMERS], ranked[MAX_CUSTOMERS:]
        out.append(f'<table class="serves">\n<thead><tr><th scope="col">Customer</th>'
                   f'<th scope="col" class="n">{unit.capitalize()}</th><th scope="col" class="n">Share</th>'
                   f'<th scope="col" class="n">Items</th><th scope="col" class="bar"><span class="muted">'
                   f"share of the {unit}</span></th></tr></thead>\n<tbody>\n")
        for (name, registered), (amount, count) in shown:
            label = esc(name) if registered else f"“{esc(name)}”"
            out.append(self.customer_row(label, amount, count, total))
        if rest:
            amount = sum(e[0] for _, e in rest)
            count = sum(e[1] for _, e in rest)
            out.append(self.customer_row(f"{len(rest)} other customers", amount, count, total))
        out.append(self.customer_row(esc(NOBODY), nobody[0], nobody[1], total, "nobody"))
        out.append("</tbody>\n</table>\n")
        if not effort:
            out.append("<p>No item traces to a paying person yet.</p>\n")
        out.append("</section>\n")
        return "".join(out)

    def customer_row(self, label: str, amount: float, count: int, total: float, kind: str = "") -> str:
        share = 100 * amount / total if total else 0.0
        css = f' class="{kind}"' if kind else ""
        return (f"<tr{css}><th scope=\"row\">{label}</th><td class=\"n\">{num(amount)}</td>"
                f'<td class="n">{pct(amount, total)}%</td><td class="n">{count}</td>'
                f'<td class="bar"><svg class="hbar" viewBox="0 0 100 10" preserveAspectRatio="none" '
                f'aria-hidden="true" focusable="false"><rect width="{share:.1f}" height="10"/></svg></td></tr>\n')

    # -- off the line -----------------------------------------------------------------------

    def superfluous(self) -> str:
        rows = sorted(self.result.superfluous, key=lambda r: -(r.item.points or 0))
        off = self.summary.superfluous
        out = ['<section aria-labelledby="off">\n<h2 id="off">Off the line: the superfluous items</h2>\n']
        if not rows:
            out.append("<p>No superfluous item: every item traces to a paying person's problem.</p>\n</section>\n")
            return "".join(out)
        points = f", {plural(off.points, 'point')}" if self.by_points else ""
        order = "the largest first" if self.by_points else "in backlog order"
        out.append(f"<p>{plural(off.items, 'item')}{points}, {order}. None of this says the work is worthless: "
                   "each can be saved by drawing its line (the question under it is where to start), or waived "
                   "with a stated reason.</p>\n")
        out.append('<ol class="cards">\n')
        for row in rows:
            out.append(self.card(row))
        out.append("</ol>\n</section>\n")
        return "".join(out)

    def card(self, row: ItemResult) -> str:
        item = row.item
        points = f" · {plural(item.points, 'point')}" if item.points is not None else ""
        return (
            f'<li class="card" id="off-{self.anchors[id(row)]}">\n'
            f'<h3><span class="id">{esc(item.id)}</span> {esc_lines(item.title)}</h3>\n'
            f'<p class="meta">score <span class="score">{esc(score_text(row))}</span>/100{points} · '
            f'<a href="#{self.anchors[id(row)]}">link by link</a></p>\n'
            f"{link_chips(row)}"
            f'<p class="ask">{esc(row.question)}</p>\n'
            "</li>\n"
        )

    # -- every item ---------------------------------------------------------------------------

    def breakdown(self) -> str:
        out = ['<section aria-labelledby="items">\n<h2 id="items">Every item, link by link</h2>\n']
        if not self.result.items:
            out.append("<p>The backlog has no items.</p>\n</section>\n")
            return "".join(out)
        weights = self.result.settings.weights
        out.append("<p>Open an item to see what each link earned and why. The links are worth "
                   + ", ".join(f"{esc(name)} {weights.get(name, 0)}" for name in LINKS)
                   + " points; ~ marks a score partly read from the title or description.</p>\n")
        for row in self.result.items:
            out.append(self.details(row))
        out.append("</section>\n")
        return "".join(out)

    def details(self, row: ItemResult) -> str:
        item = row.item
        gaps = ", ".join(row.missing)
        missing = f' <span class="gaps">missing: {esc(gaps)}</span>' if gaps else ""
        points = plural(item.points, "point") if item.points is not None else "no points"
        out = [
            f'<details id="{self.anchors[id(row)]}">\n<summary><span class="id">{esc(item.id)}</span> '
            f'<span class="title">{esc_lines(item.title)}{missing}</span> '
            f'<span class="score">{esc(score_text(row))}</span> {verdict_tag(row.verdict)} '
            f'<span class="pts">{points}</span></summary>\n',
        ]
        facts = [esc(str(item.position)) if item.position else esc(self.result.paths[0])]
        facts += [esc(value) for value in (item.type, item.status) if value]
        if item.labels:
            facts.append("labels: " + esc(", ".join(item.labels)))
        if item.url and re.match(r"^https?://", item.url, re.I):
            facts.append(f'<a href="{esc(item.url)}" rel="noreferrer">open in the tracker</a>')
        out.append(f'<p class="muted">{" · ".join(facts)}</p>\n')
        if row.via:
            origin = row.origin
            if origin and origin != row.via:
                out.append(f"<p>No line of its own: it serves <span class=\"id\">{esc(row.via)}</span>, which traces "
                           f"to <span class=\"id\">{esc(origin)}</span>, whose links it takes on.</p>\n")
            else:
                out.append(f"<p>No line of its own: it traces through <span class=\"id\">{esc(row.via)}</span>, "
                           "whose links it takes on.</p>\n")
        out.append('<table>\n<thead><tr><th scope="col">Link</th><th scope="col" class="n">Points</th>'
                   '<th scope="col" class="why">Why</th></tr></thead>\n<tbody>\n')
        for link in row.links:
            notes = link_notes(link)
            note = f' <span class="muted">[{esc("; ".join(notes))}]</span>' if notes else ""
            out.append(f'<tr><th scope="row">{esc(link.name)}</th><td class="n">{num(link.points)}/{link.weight}'
                       f"</td><td>{code_spans(link.reason)}{note}</td></tr>\n")
        out.append("</tbody>\n</table>\n")
        if row.others:
            out.append("<p>Also noticed:</p>\n<ul>\n")
            for finding in row.others:
                waived = f' <span class="muted">(waived: {esc(finding.waived)})</span>' if finding.waived else ""
                out.append(f"<li><code>{esc(finding.code)}</code> {esc(finding.name)}: {esc(finding.message)}"
                           f"{waived}</li>\n")
            out.append("</ul>\n")
        if row.best_fix:
            out.append(f'<p><span class="fix">Worth most:</span> {code_spans(row.best_fix)}</p>\n')
        else:
            out.append("<p>Nothing to raise: every link is drawn in full.</p>\n")
        out.append("</details>\n")
        return "".join(out)

    # -- the rest -------------------------------------------------------------------------------

    def file_notes(self) -> str:
        if not self.result.findings:
            return ""
        out = ['<section aria-labelledby="file">\n<h2 id="file">About the file itself</h2>\n<ul>\n']
        for finding in self.result.findings:
            where = f"{esc(str(finding.position))}: " if finding.position else ""
            out.append(f"<li>{where}<code>{esc(finding.code)}</code> {esc(finding.message)}</li>\n")
        out.append("</ul>\n</section>\n")
        return "".join(out)

    def footer(self) -> str:
        settings = self.result.settings
        weights = ", ".join(f"{esc(name)} {settings.weights.get(name, 0)}" for name in LINKS)
        return (
            "<footer>\n"
            f"<p>How the score works: each link earns its weight ({weights}) times how strongly it is drawn. "
            f"An item is <strong>on the line</strong> when it traces to a paying person, scores at least "
            f"{settings.on_line} and draws every link at least halfway; <strong>weak</strong> when it traces but "
            f"a link is thin or missing; <strong>superfluous</strong> when it traces to no paying person or scores "
            f"below {settings.threshold}. <code>breadline explain ID FILE</code> tells the same story in the "
            "terminal.</p>\n"
            f"<p>Made by breadline {esc(__version__)}.</p>\n"
            "</footer>\n"
        )


MAX_CUSTOMERS = 15
"""Customers listed one by one in "Who our effort serves"; the rest share a row."""


def anchors(rows: Iterable[ItemResult]) -> dict[int, str]:
    """A unique, valid HTML id per item (ids are per file, so two files may share one)."""
    taken: set[str] = set()
    out = {}
    for number, row in enumerate(rows, start=1):
        base = "item-" + (re.sub(r"[^A-Za-z0-9_.-]+", "-", row.item.id).strip("-") or str(number))
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        taken.add(anchor)
        out[id(row)] = anchor
    return out


def link_chips(row: ItemResult) -> str:
    """The four links, each with its points and a word for its state (drawn, thin, missing)."""
    out = ['<ul class="links" aria-label="The four links">']
    for link in row.links:
        state = "missing" if link.missing else "drawn" if link.strength >= 1 else "thin"
        out.append(f'<li class="{state}">{esc(link.name)} {num(link.points)}/{link.weight} {state}</li>')
    out.append("</ul>\n")
    return "".join(out)


# -- the chart layout -----------------------------------------------------------------------

WIDTH = 1000
PLOT_LEFT, PLOT_RIGHT = 200, 890
"""Score 0 and score 100; labels of marks at 100 fit in the margin to the right."""
TOP, AXIS = 44, 58
ROW = 25
LANE_PAD = 8
LANE_MIN = 74
MAX_ROWS = 14
"""Rows of marks a lane may stack before it groups its items in score bands."""
PILE = 12
"""More items than this at one score become one mark (×N), listed under the chart."""
MAX_MARKED = 400
"""Above this many items every lane groups its items in bands: a mark each would be a smudge."""
BAND = 10
LABEL_CHARS = 14
CHAR_WIDTH = 14 * 0.6
"""The labels' monospace font: 14px, 0.6em a character."""
GAP = 3.0
R_MIN, R_MAX, R_PLAIN = 3.5, 10.0, 6.0
HALF_WIDTH = {"circle": 1.0, "triangle": 1.347, "square": 0.886}
"""Half the width of each shape, relative to the radius of the circle of the same area."""


@dataclass
class Mark:
    x: float
    r: float
    label: str
    tooltip: str
    ids: tuple[str, ...] = ()
    """The items the mark stands for, as the notes under the chart name them."""
    hollow: bool = False
    group: str = ""
    """"pile" (many items at one score), "band" (a band of scores), or "" for one item."""
    score: int = 0
    """The score a pile's items share."""
    weight: float = 0.0
    """A band's points (or items), from which its size is scaled once every lane is known."""
    row: int = -1
    side: str = ""
    """"right" or "left" when labelled, "" when there was no room for the label."""


@dataclass
class Lane:
    verdict: Verdict
    marks: list[Mark]
    rows: int
    banded: bool
    items: int
    points: float


def x_of(score: float) -> float:
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * max(0.0, min(100.0, score)) / 100


class Chart:
    """Three lanes (on the line, weak, superfluous), each item a mark at its score.

    Marks are stacked in rows so that none overlaps another, and labelled where the label fits;
    the others are listed under the chart. More than PILE items at one score share one mark
    (×N). A lane that still needs more than MAX_ROWS rows, and every lane of a backlog of more
    than MAX_MARKED items, groups its items in bands of BAND score points instead: one mark per
    band, sized by the band's points, labelled with how many items it holds.
    """

    def __init__(self, result: AuditResult, anchors: dict[int, str]):
        self.result = result
        self.by_points = bool(result.summary.points)
        rows = result.items
        biggest = max((row.item.points or 0 for row in rows), default=0)
        self.lanes: list[Lane] = []
        for verdict in VERDICTS:
            members = [row for row in rows if row.verdict is verdict]
            totals = result.summary.by_verdict[verdict.value]
            lane = None
            if len(rows) <= MAX_MARKED:
                lane = self.lay_out(verdict, self.marks(verdict, members, biggest), totals)
            if lane is None:
                lane = self.lay_out(verdict, self.bands(verdict, members), totals, banded=True)
            self.lanes.append(lane)
        self.scale_bands()

    # -- marks ---------------------------------------------------------------------------------

    def radius(self, points: float | None, biggest: float) -> float:
        if not self.by_points or not biggest or points is None:
            return R_PLAIN
        return R_MIN + (R_MAX - R_MIN) * math.sqrt(max(points, 0) / biggest)

    def marks(self, verdict: Verdict, rows: list[ItemResult], biggest: float) -> list[Mark]:
        by_score: dict[int, list[ItemResult]] = {}
        for row in rows:
            by_score.setdefault(row.score, []).append(row)
        marks = []
        for score, same in by_score.items():
            if len(same) > PILE:
                points = sum(row.item.points or 0 for row in same)
                extra = f", {plural(points, 'point')}" if self.by_points else ""
                marks.append(Mark(
                    x=x_of(score), r=R_MAX, label=f"×{len(same)}", group="pile", score=score,
                    tooltip=f"{plural(len(same), 'item')} {verdict.label} at score {score}{extra}",
                    ids=tuple(row.item.id for row in same),
                ))
                continue
            marks += [self.mark(row, biggest) for row in same]
        return marks

    def mark(self, row: ItemResult, biggest: float) -> Mark:
        item = row.item
        points = f", {plural(item.points, 'point')}" if item.points is not None else ""
        tooltip = f"{item.id}: {clip(item.title, 80)}. Score {score_text(row)}, {row.verdict.label}{points}"
        return Mark(
            x=x_of(row.score), r=self.radius(item.points, biggest), label=clip(item.id, LABEL_CHARS),
            tooltip=tooltip, ids=(f"{item.id} ({score_text(row)})",), hollow=self.by_points and item.points is None,
        )

    def bands(self, verdict: Verdict, rows: list[ItemResult]) -> list[Mark]:
        grouped: dict[int, list[ItemResult]] = {}
        for row in rows:
            # Bands of BAND points, and 100 on its own: a fully drawn line is worth telling apart.
            low = 100 if row.score >= 100 else row.score // BAND * BAND
            grouped.setdefault(low, []).append(row)
        marks = []
        for low in sorted(grouped):
            members = grouped[low]
            high = 100 if low == 100 else low + BAND - 1
            mean = sum(row.score for row in members) / len(members)
            points = sum(row.item.points or 0 for row in members)
            span = f"{low}" if low == high else f"{low}–{high}"
            extra = f", {plural(points, 'point')}" if self.by_points else ""
            marks.append(Mark(
                x=x_of(mean), r=R_MAX, label=f"×{len(members)}", group="band",
                tooltip=f"{plural(len(members), 'item')} {verdict.label}, scoring {span}{extra}",
                weight=points if self.by_points else len(members),
            ))
        return marks

    def scale_bands(self) -> None:
        """Bands are laid out at the largest size; scale them by their points, all lanes together."""
        bands = [mark for lane in self.lanes for mark in lane.marks if mark.group == "band"]
        biggest = max((mark.weight for mark in bands), default=0)
        for mark in bands:
            mark.r = R_MIN + (R_MAX - R_MIN) * math.sqrt(mark.weight / biggest) if biggest else R_PLAIN

    def lay_out(self, verdict: Verdict, marks: list[Mark], totals, banded: bool = False) -> Lane | None:
        shape = SHAPES[verdict]
        rows = pack(marks, shape, with_labels=True)
        if rows is None:
            rows = pack(marks, shape, with_labels=False)
        if rows is None:
            return None
        return Lane(verdict=verdict, marks=marks, rows=rows, banded=banded, items=totals.items, points=totals.points)

    @property
    def hollow(self) -> bool:
        return any(mark.hollow for lane in self.lanes for mark in lane.marks)

    # -- drawing -----------------------------------------------------------------------------

    def svg(self) -> str:
        heights = [max(LANE_MIN, 2 * LANE_PAD + ROW * max(lane.rows, 1)) for lane in self.lanes]
        height = TOP + sum(heights) + AXIS
        settings = self.result.settings
        total = len(self.result.items)
        out = [
            f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-labelledby="chart-title chart-desc">\n'
            f'<title id="chart-title">The bread line: {plural(total, "item")} by score and verdict</title>\n'
            f'<desc id="chart-desc">{esc(self.description())}</desc>\n'
        ]
        y = TOP
        for index, (lane, lane_height) in enumerate(zip(self.lanes, heights)):
            if index % 2 == 0:
                out.append(f'<rect class="band" x="0" y="{y}" width="{WIDTH}" height="{lane_height}"/>\n')
            out.append(self.lane_heading(lane, y))
            y += lane_height
        bottom = y
        for tick in range(0, 101, 10):
            x = x_of(tick)
            out.append(f'<line class="gridline" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{bottom + 6}"/>'
                       f'<text class="tick" x="{x:.1f}" y="{bottom + 22}" text-anchor="middle">{tick}</text>\n')
        out.append(f'<text class="axis-title" x="{x_of(50):.1f}" y="{bottom + 46}" text-anchor="middle">'
                   "score: how fully the item draws its line (0–100)</text>\n")
        for cut, text, anchor, dx in ((settings.threshold, f"threshold {settings.threshold}", "end", -6),
                                      (settings.on_line, f"on the line from {settings.on_line}", "start", 6)):
            x = x_of(cut)
            out.append(f'<line class="cutline" x1="{x:.1f}" y1="{TOP - 14}" x2="{x:.1f}" y2="{bottom}"/>'
                       f'<text class="cut" x="{x + dx:.1f}" y="{TOP - 18}" text-anchor="{anchor}">{esc(text)}</text>\n')
        y = TOP
        for lane, lane_height in zip(self.lanes, heights):
            out.append(self.lane_marks(lane, y))
            y += lane_height
        out.append("</svg>\n")
        return "".join(out)

    def lane_heading(self, lane: Lane, y: float) -> str:
        verdict = lane.verdict
        points = (f'<text class="lane-count" x="34" y="{y + 61:.1f}">{esc(plural(lane.points, "point"))}</text>'
                  if self.by_points else "")
        return (f'<g class="v-{verdict.value}">'
                f'<use href="#shape-{SHAPES[verdict]}" class="mark" x="12" y="{y + 12:.1f}" width="16" height="16"/>'
                f'<text class="lane-name" x="34" y="{y + 25:.1f}">{esc(verdict.label)}</text>'
                f'<text class="lane-count" x="34" y="{y + 43:.1f}">{esc(plural(lane.items, "item"))}</text>'
                f"{points}</g>\n")

    def lane_marks(self, lane: Lane, top: float) -> str:
        shape = SHAPES[lane.verdict]
        out = [f'<g class="v-{lane.verdict.value}">\n']
        for mark in sorted(lane.marks, key=lambda m: (m.row, m.x)):
            cy = top + LANE_PAD + ROW * (mark.row + 0.5)
            css = "mark hollow" if mark.hollow else "mark"
            out.append(f"<g><title>{esc(mark.tooltip)}</title>{shape_svg(shape, mark.x, cy, mark.r, css)}")
            if mark.side:
                half = HALF_WIDTH[shape] * mark.r
                x, anchor = ((mark.x + half + GAP, "") if mark.side == "right"
                             else (mark.x - half - GAP, ' text-anchor="end"'))
                out.append(f'<text class="lbl" x="{x:.1f}" y="{cy + 5:.1f}"{anchor}>{esc(mark.label)}</text>')
            out.append("</g>\n")
        out.append("</g>\n")
        return "".join(out)

    def description(self) -> str:
        parts = [f"Each item is a mark at its score from 0 to 100, in the row of its verdict; the threshold is "
                 f"{self.result.settings.threshold} and the line starts at {self.result.settings.on_line}."]
        for verdict in VERDICTS:
            members = [row for row in self.result.items if row.verdict is verdict]
            if not members:
                parts.append(f"{verdict.label.capitalize()}: none.")
                continue
            listed = ", ".join(f"{row.item.id} {score_text(row)}" for row in members[:40])
            more = f" and {len(members) - 40} more" if len(members) > 40 else ""
            parts.append(f"{verdict.label.capitalize()} ({len(members)}): {listed}{more}.")
        return " ".join(parts)

    def notes(self) -> str:
        """What the chart could not say in it: the lanes in bands, the piles, the labels that did not fit."""
        out = []
        banded = [lane for lane in self.lanes if lane.banded and lane.marks]
        if banded:
            which = ("Every row" if len(banded) == len([lane for lane in self.lanes if lane.marks])
                     else "The row of " + " and ".join(verdict_tag(lane.verdict) for lane in banded))
            size = "points" if self.by_points else "number"
            out.append(f'<p class="note">Too many items to mark one by one. {which} groups its items in bands of '
                       f"{BAND} score points: one mark per band, at the band's average score, sized by the items' "
                       f"{size} and labelled with how many there are (×N).</p>\n")
        else:
            out.append('<p class="note">Each item is a mark at its score, in the row of its verdict.</p>\n')
        for lane in self.lanes:
            if lane.banded:
                continue
            for pile in sorted((m for m in lane.marks if m.group == "pile"), key=lambda m: m.x):
                out.append(f'<p class="note">One mark (×{len(pile.ids)}) for the {len(pile.ids)} items '
                           f"{verdict_tag(lane.verdict)} at score {pile.score}: {esc(', '.join(pile.ids))}.</p>\n")
            quiet = [mark for mark in lane.marks if not mark.side and not mark.group]
            if quiet:
                names = ", ".join(mark.ids[0] for mark in sorted(quiet, key=lambda m: m.x))
                out.append(f"<p class=\"note\">Not labelled for lack of room, {verdict_tag(lane.verdict)}: "
                           f"{esc(names)}.</p>\n")
        return "".join(out)


def shape_svg(shape: str, x: float, y: float, r: float, css: str) -> str:
    """A shape with the area of a circle of radius r, centred on (x, y)."""
    if shape == "circle":
        return f'<circle class="{css}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
    if shape == "square":
        half = 0.886 * r
        return (f'<rect class="{css}" x="{x - half:.1f}" y="{y - half:.1f}" width="{2 * half:.1f}" '
                f'height="{2 * half:.1f}"/>')
    half, rise = 1.347 * r, 1.166 * r
    return (f'<path class="{css}" d="M{x:.1f},{y - rise:.1f}L{x + half:.1f},{y + rise:.1f}'
            f'H{x - half:.1f}Z"/>')


def pack(marks: list[Mark], shape: str, with_labels: bool) -> int | None:
    """Give each mark a row so that no two marks, and no mark and label, overlap.

    The biggest marks choose first. With labels, a mark takes the lowest row where it fits with
    its label (right of it, else left), else the lowest where the mark alone fits; without, the
    marks alone are packed. Either way, labels then go wherever they still fit. Returns the rows
    used, or None when some mark finds no room within MAX_ROWS rows.
    """
    taken: list[list[tuple[float, float]]] = [[] for _ in range(MAX_ROWS)]
    order = sorted(range(len(marks)), key=lambda i: (-marks[i].r, marks[i].x, i))

    def free(row: int, span: tuple[float, float], ignore: tuple[float, float] | None = None) -> bool:
        low, high = span
        return all(high + GAP <= a or low >= b + GAP for a, b in taken[row] if (a, b) != ignore)

    def spans(mark: Mark) -> tuple[tuple[float, float], list[tuple[str, tuple[float, float]]]]:
        half = HALF_WIDTH[shape] * mark.r
        width = len(mark.label) * CHAR_WIDTH
        body = (mark.x - half, mark.x + half)
        sides = [("right", (mark.x - half, mark.x + half + GAP + width)),
                 ("left", (mark.x - half - GAP - width, mark.x + half))]
        # A label stays inside the picture, and a left label clear of the lane names.
        return body, [(side, span) for side, span in sides if span[1] <= WIDTH - 4 and span[0] >= PLOT_LEFT - 12]

    for mark in marks:
        mark.row, mark.side = -1, ""
    for i in order:
        mark = marks[i]
        body, labelled = spans(mark)
        if with_labels:
            for row in range(MAX_ROWS):
                side_span = next(((side, span) for side, span in labelled if free(row, span)), None)
                if side_span:
                    taken[row].append(side_span[1])
                    mark.row, mark.side = row, side_span[0]
                    break
            if mark.row >= 0:
                continue
        for row in range(MAX_ROWS):
            if free(row, body):
                taken[row].append(body)
                mark.row = row
                break
        else:
            return None
    for i in order:
        mark = marks[i]
        if mark.side:
            continue
        body, labelled = spans(mark)
        for side, span in labelled:
            if free(mark.row, span, ignore=body):
                taken[mark.row].remove(body)
                taken[mark.row].append(span)
                mark.side = side
                break
    return max((mark.row for mark in marks), default=-1) + 1
