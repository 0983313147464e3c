"""The one-line split bar: blocks per verdict, readable without colour, percentages written out."""

from __future__ import annotations

import pytest

from breadline.formats.bar import BLOCKS, split_bar
from breadline.model import Summary, Verdict, VerdictTotals
from tests.conftest import REGISTRY, TRACED, run_audit
from tests.formats.fixture import fixture_result


def summary(on: tuple[int, float], weak: tuple[int, float], off: tuple[int, float]) -> Summary:
    by = {
        Verdict.ON_LINE.value: VerdictTotals(*on),
        Verdict.WEAK.value: VerdictTotals(*weak),
        Verdict.SUPERFLUOUS.value: VerdictTotals(*off),
    }
    return Summary(items=on[0] + weak[0] + off[0], points=on[1] + weak[1] + off[1], unestimated=0, by_verdict=by,
                   headline="")


def bar_of(text: str) -> str:
    return text.split("  ", 1)[0]


def test_the_fixture_split_by_points():
    line = split_bar(fixture_result().summary, width=27).plain
    # 13, 3 and 11 of 27 points
    assert line == "█████████████▓▓▓░░░░░░░░░░░  █ on the line 48% · ▓ weak 11% · ░ superfluous 41% of 27 points"


@pytest.mark.parametrize("width", [3, 10, 30, 57, 100])
def test_the_bar_is_exactly_width_cells(width):
    line = split_bar(fixture_result().summary, width=width).plain
    assert len(bar_of(line)) == width
    assert set(bar_of(line)) <= set(BLOCKS.values())


def test_a_small_share_still_gets_a_cell():
    line = split_bar(summary((1, 990.0), (0, 0.0), (1, 10.0)), width=20).plain
    assert bar_of(line) == "█" * 19 + "░"
    assert "weak 0%" in line and "superfluous 1%" in line


def test_every_verdict_has_its_own_character_and_its_name():
    assert len(set(BLOCKS.values())) == 3
    line = split_bar(summary((1, 1.0), (1, 1.0), (1, 1.0)), width=9).plain
    assert bar_of(line) == "███▓▓▓░░░"
    for verdict in Verdict:
        assert f"{BLOCKS[verdict]} {verdict.label} 33%" in line


def test_the_superfluous_share_is_the_headlines():
    result = fixture_result()
    share = result.summary.headline.split("%")[0]
    assert f"superfluous {share}%" in split_bar(result.summary).plain


def test_without_points_the_split_is_by_items():
    result = run_audit("- id: A\n  title: Dark mode\n- id: B\n  title: Light mode\n")
    line = split_bar(result.summary, width=10).plain
    assert line.endswith("superfluous 100% of 2 items")
    assert bar_of(line) == "░" * 10


def test_one_item_is_singular():
    result = run_audit(REGISTRY + "items:\n" + TRACED.replace("    points: 5\n", ""))
    assert split_bar(result.summary, width=4).plain.endswith(" of 1 item")


def test_no_items_no_bar():
    empty = summary((0, 0.0), (0, 0.0), (0, 0.0))
    line = split_bar(empty)
    assert line.plain == "" and not line


def test_colour_only_when_asked():
    plain = split_bar(fixture_result().summary, width=10)
    coloured = split_bar(fixture_result().summary, width=10, color=True)
    assert plain.plain == coloured.plain
    assert not [span for span in plain.spans if span.style]
    assert {str(span.style) for span in coloured.spans if span.style} == {"green", "yellow", "red"}
