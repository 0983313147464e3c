"""The split of the effort as one line of text: a bar of blocks, then each verdict's share in words.

    █████████████▓▓░░░░░░░░░░░░░░░  █ on the line 47% · ▓ weak 5% · ░ superfluous 48% of 153 points

Each verdict has a block of its own shape (full █, dark shade ▓, light shade ░), so the bar reads
the same without colour, on paper and to people who cannot tell green from red; the percentages
are written out as well. The split is by points when items carry them, else by items, as the
headline's share is.
"""

from __future__ import annotations

from rich.text import Text

from breadline.model import Summary, Verdict

BLOCKS = {Verdict.ON_LINE: "█", Verdict.WEAK: "▓", Verdict.SUPERFLUOUS: "░"}
"""The character each verdict's part of the bar is drawn with: fuller is nearer the line."""
STYLES = {Verdict.ON_LINE: "green", Verdict.WEAK: "yellow", Verdict.SUPERFLUOUS: "red"}


def split_bar(summary: Summary, width: int = 30, color: bool = False) -> Text:
    """The bar (`width` cells) and the shares of the three verdicts, on one line.

    Every verdict with a share gets at least one cell, so a small superfluous share never
    disappears; the percentages are rounded the way the headline rounds them. Styles are added
    only with `color` (a console without colour drops them anyway). An empty Text when there
    are no items.
    """
    parts = _parts(summary)
    total = sum(parts.values())
    if not total:
        return Text()
    cells = _cells(parts, total, max(width, len(BLOCKS)))
    line = Text()
    for verdict in Verdict:
        line.append(BLOCKS[verdict] * cells[verdict], style=STYLES[verdict] if color else "")
    line.append("  ")
    legend = []
    for verdict in Verdict:
        entry = Text()
        entry.append(BLOCKS[verdict], style=STYLES[verdict] if color else "")
        entry.append(f" {verdict.label} {round(100 * parts[verdict] / total)}%")
        legend.append(entry)
    line.append_text(Text(" · ").join(legend))
    line.append(f" of {total:g} points" if summary.points else f" of {summary.items} {_items(summary.items)}")
    return line


def _parts(summary: Summary) -> dict[Verdict, float]:
    by_points = bool(summary.points)
    return {
        verdict: (summary.by_verdict[verdict.value].points if by_points else summary.by_verdict[verdict.value].items)
        for verdict in Verdict
    }


def _cells(parts: dict[Verdict, float], total: float, width: int) -> dict[Verdict, int]:
    """Largest remainder, then one cell for every non-zero part, taken from the widest."""
    exact = {verdict: width * part / total for verdict, part in parts.items()}
    cells = {verdict: int(value) for verdict, value in exact.items()}
    by_remainder = sorted(Verdict, key=lambda v: (-(exact[v] - cells[v]), list(Verdict).index(v)))
    for verdict in by_remainder[: width - sum(cells.values())]:
        cells[verdict] += 1
    for verdict in Verdict:
        if parts[verdict] and not cells[verdict]:
            widest = max(Verdict, key=lambda v: cells[v])
            cells[widest] -= 1
            cells[verdict] += 1
    return cells


def _items(count: int) -> str:
    return "item" if count == 1 else "items"
