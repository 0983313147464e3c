"""`report` is linear in the items whatever their anchors: ids that all read the same as an HTML
id are numbered in one pass (counted, not timed)."""

from __future__ import annotations

from types import SimpleNamespace

from breadline.formats import html


class CountingSet(set):
    lookups = 0

    def __contains__(self, value):
        CountingSet.lookups += 1
        return super().__contains__(value)


def test_colliding_anchors_are_numbered_in_linear_time(monkeypatch):
    rows = [SimpleNamespace(item=SimpleNamespace(id="a" + chr(0x4E00 + i))) for i in range(5000)]
    rows.append(SimpleNamespace(item=SimpleNamespace(id="a-3")))  # a real id that a number would take
    monkeypatch.setattr(html, "set", CountingSet, raising=False)
    found = html.anchors(rows)
    assert len(set(found.values())) == len(rows)
    assert found[id(rows[0])] == "item-a" and found[id(rows[1])] == "item-a-2"
    assert found[id(rows[-1])] == "item-a-3-2"  # item-a-3 was taken by the third row
    assert len(rows) <= CountingSet.lookups < 3 * len(rows), CountingSet.lookups
