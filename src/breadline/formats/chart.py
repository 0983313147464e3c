"""The bread-line chart's geometry, for the report: where each mark stands, how big it is, which
row of its lane it takes and on which side its label goes. Numbers only: the words and the
markup are the report's (`formats.html` and its templates).

Three lanes (on the line, weak, superfluous), each item a mark at its score. Marks are stacked
in rows so that none overlaps another, and labelled where the label fits. More than PILE items
at one score share one mark (a pile). A lane that still needs more than MAX_ROWS rows, and
every lane of a backlog of more than MAX_MARKED items, groups its items in bands of BAND score
points instead: one mark per band, sized by the band's points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from breadline.clip import clip
from breadline.model import AuditResult, ItemResult, Verdict

VERDICTS = (Verdict.ON_LINE, Verdict.WEAK, Verdict.SUPERFLUOUS)
SHAPES = {Verdict.ON_LINE: "circle", Verdict.WEAK: "triangle", Verdict.SUPERFLUOUS: "square"}
"""Each verdict's mark, in the chart and beside every verdict name."""

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
    chars: int
    """How many characters its label takes (what packing needs): the view labels one item's mark
    with `clip_label` of its id, a pile's or a band's with ×N."""
    rows: tuple[ItemResult, ...] = ()
    """The items the mark stands for."""
    hollow: bool = False
    group: str = ""
    """"pile" (many items at one score), "band" (a band of scores), or "" for one item."""
    score: int = 0
    """The score a pile's items share."""
    low: int = 0
    high: int = 0
    """The scores a band spans."""
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
    y: int = 0
    """The lane's top, once the chart is laid out."""
    height: int = 0

    @property
    def shape(self) -> str:
        return SHAPES[self.verdict]

    def centre(self, mark: Mark) -> float:
        """The y of a mark's centre."""
        return self.y + LANE_PAD + ROW * (mark.row + 0.5)


@dataclass
class Chart:
    lanes: list[Lane]
    by_points: bool
    height: int = 0
    bottom: int = 0
    """Where the lanes end and the axis begins."""
    ticks: tuple[tuple[int, float], ...] = field(default=())
    """(score, x) every ten points."""


def x_of(score: float) -> float:
    return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * max(0.0, min(100.0, score)) / 100


def lay_out(result: AuditResult) -> Chart:
    """The whole chart of a result: its lanes, every mark placed, sized and packed."""
    by_points = bool(result.summary.points)
    rows = result.items
    biggest = max((row.item.points or 0 for row in rows), default=0)
    lanes: list[Lane] = []
    for verdict in VERDICTS:
        members = [row for row in rows if row.verdict is verdict]
        totals = result.summary.by_verdict[verdict.value]
        lane = None
        if len(rows) <= MAX_MARKED:
            lane = _pack_lane(verdict, _marks(members, biggest, by_points), totals)
        if lane is None:
            lane = _pack_lane(verdict, _bands(members, by_points), totals, banded=True)
        lanes.append(lane)
    _scale_bands(lanes)
    y = TOP
    for lane in lanes:
        lane.y, lane.height = y, max(LANE_MIN, 2 * LANE_PAD + ROW * max(lane.rows, 1))
        y += lane.height
    return Chart(lanes=lanes, by_points=by_points, height=y + AXIS, bottom=y,
                 ticks=tuple((tick, x_of(tick)) for tick in range(0, 101, 10)))


def _radius(points: float | None, biggest: float, by_points: bool) -> float:
    if not by_points or not biggest or points is None:
        return R_PLAIN
    return R_MIN + (R_MAX - R_MIN) * math.sqrt(max(points, 0) / biggest)


def _marks(rows: list[ItemResult], biggest: float, by_points: bool) -> list[Mark]:
    by_score: dict[int, list[ItemResult]] = {}
    for row in rows:
        by_score.setdefault(row.score, []).append(row)
    marks = []
    for score, same in by_score.items():
        if len(same) > PILE:
            marks.append(Mark(x=x_of(score), r=R_MAX, chars=_count_chars(len(same)), rows=tuple(same), group="pile",
                              score=score))
            continue
        marks += [Mark(x=x_of(row.score), r=_radius(row.item.points, biggest, by_points),
                       chars=len(clip_label(row.item.id)), rows=(row,),
                       hollow=by_points and row.item.points is None) for row in same]
    return marks


def clip_label(text: str) -> str:
    """One item's label: its id, clipped to LABEL_CHARS."""
    return clip(text, LABEL_CHARS)


def _count_chars(count: int) -> int:
    """The characters of ×N."""
    return 1 + len(str(count))


def _bands(rows: list[ItemResult], by_points: bool) -> list[Mark]:
    grouped: dict[int, list[ItemResult]] = {}
    for row in rows:
        # Bands of BAND points, and 100 on its own: a fully drawn line is worth telling apart.
        low = 100 if row.score >= 100 else row.score // BAND * BAND
        grouped.setdefault(low, []).append(row)
    marks = []
    for low in sorted(grouped):
        members = grouped[low]
        mean = sum(row.score for row in members) / len(members)
        points = sum(row.item.points or 0 for row in members)
        marks.append(Mark(x=x_of(mean), r=R_MAX, chars=_count_chars(len(members)), rows=tuple(members), group="band",
                          low=low, high=100 if low == 100 else low + BAND - 1,
                          weight=points if by_points else len(members)))
    return marks


def _scale_bands(lanes: list[Lane]) -> None:
    """Bands are laid out at the largest size; scale them by their points, all lanes together."""
    bands = [mark for lane in lanes for mark in lane.marks if mark.group == "band"]
    biggest = max((mark.weight for mark in bands), default=0)
    for mark in bands:
        mark.r = R_MIN + (R_MAX - R_MIN) * math.sqrt(mark.weight / biggest) if biggest else R_PLAIN


def _pack_lane(verdict: Verdict, marks: list[Mark], totals, banded: bool = False) -> Lane | None:
    shape = SHAPES[verdict]
    rows = pack(marks, shape, with_labels=True)
    if rows is None:
        rows = pack(marks, shape, with_labels=False)
    if rows is None:
        return None
    return Lane(verdict=verdict, marks=marks, rows=rows, banded=banded, items=totals.items, points=totals.points)


def label_x(mark: Mark, shape: str) -> float:
    """Where a labelled mark's label starts (right) or ends (left)."""
    half = HALF_WIDTH[shape] * mark.r
    return mark.x + half + GAP if mark.side == "right" else mark.x - half - GAP


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
        width = mark.chars * CHAR_WIDTH
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
