"""The bread-line chart as the report shows it: `chart.lay_out`'s geometry (numbers), with the
words each mark carries (its label and tooltip, the lists under the chart). The markup is the
templates' (report.html.j2 draws it, parts.html.j2 the notes under it)."""

from __future__ import annotations

from dataclasses import dataclass

from breadline.clip import clip
from breadline.formats import chart
from breadline.formats.chart import VERDICTS
from breadline.formats.shared import score_text
from breadline.model import AuditResult, Verdict


def num(value: float) -> str:
    return f"{value:g}"


def plural(count: float, noun: str) -> str:
    return f"{num(count)} {noun}" if count == 1 else f"{num(count)} {noun}s"


@dataclass
class Shown:
    """A chart mark as the page shows it: its geometry and the words it carries."""

    x: float
    r: float
    cy: float
    label: str
    label_x: float
    side: str
    row: int
    group: str
    hollow: bool
    score: int
    tooltip: str
    ids: tuple[str, ...]


@dataclass
class ShownLane:
    verdict: Verdict
    marks: list[Shown]
    banded: bool
    items: int
    points: float
    y: int
    height: int

    @property
    def drawn(self) -> list[Shown]:
        """The marks in drawing order: row by row, left to right."""
        return sorted(self.marks, key=lambda m: (m.row, m.x))

    @property
    def piles(self) -> list[Shown]:
        return sorted((m for m in self.marks if m.group == "pile"), key=lambda m: m.x)

    @property
    def unlabelled(self) -> str:
        """The items whose marks had no room for a label, as the note under the chart lists them."""
        return ", ".join(m.ids[0] for m in sorted((m for m in self.marks if not m.side and not m.group),
                                                   key=lambda m: m.x))


class Chart:
    """The chart as the page shows it: `chart.lay_out`'s geometry, with each mark's words."""

    def __init__(self, result: AuditResult, anchors: dict[int, str] | None = None):
        self.result = result
        layout = chart.lay_out(result)
        self.by_points, self.height, self.bottom, self.ticks = layout.by_points, layout.height, layout.bottom, layout.ticks
        self.lanes = [ShownLane(verdict=lane.verdict, marks=[self.shown(mark, lane) for mark in lane.marks],
                                banded=lane.banded, items=lane.items, points=lane.points, y=lane.y,
                                height=lane.height) for lane in layout.lanes]

    def shown(self, mark: chart.Mark, lane: chart.Lane) -> Shown:
        verdict = lane.verdict
        label = f"×{len(mark.rows)}" if mark.group else chart.clip_label(mark.rows[0].item.id)
        extra = f", {plural(sum(row.item.points or 0 for row in mark.rows), 'point')}" if self.by_points else ""
        if mark.group == "pile":
            tooltip = f"{plural(len(mark.rows), 'item')} {verdict.label} at score {mark.score}{extra}"
            ids = tuple(row.item.id for row in mark.rows)
        elif mark.group == "band":
            span = f"{mark.low}" if mark.low == mark.high else f"{mark.low}–{mark.high}"
            tooltip = f"{plural(len(mark.rows), 'item')} {verdict.label}, scoring {span}{extra}"
            ids = ()
        else:
            (row,) = mark.rows
            item = row.item
            points = f", {plural(item.points, 'point')}" if item.points is not None else ""
            tooltip = f"{item.id}: {clip(item.title, 80)}. Score {score_text(row)}, {row.verdict.label}{points}"
            ids = (f"{item.id} ({score_text(row)})",)
        return Shown(x=mark.x, r=mark.r, cy=lane.centre(mark), label=label, label_x=chart.label_x(mark, lane.shape),
                     side=mark.side, row=mark.row, group=mark.group, hollow=mark.hollow, score=mark.score,
                     tooltip=tooltip, ids=ids)

    @property
    def hollow(self) -> bool:
        return any(mark.hollow for lane in self.lanes for mark in lane.marks)

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

    @property
    def banded(self) -> list[ShownLane]:
        return [lane for lane in self.lanes if lane.banded and lane.marks]

    @property
    def every_row_banded(self) -> bool:
        return len(self.banded) == len([lane for lane in self.lanes if lane.marks])
