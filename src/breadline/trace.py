"""The `serves` graph of a backlog: which item serves which (its edges), which items serve each
other in a loop (its components), and the item whose standing each item takes on (inheritance:
an enabler traces through the best-standing item it serves, directly or further down the chain).

It knows items only by index, their ids and the rank of their own standing; scoring and the
graph rules (BL6xx) both read the `Trace` it draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from breadline.model import Item

Rank = tuple[bool, int]
"""How well an item stands on its own: (traced, score); the higher the better."""


# eq=False, repr=False: never compared or printed; each method dataclasses generates costs start-up
# on Python 3.11 (docs/performance.md)
@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Trace:
    """The `serves` graph of one backlog, by item index."""

    items: tuple[Item, ...]
    edges: tuple[tuple[int, ...], ...]
    """Each item's served items that the backlog has."""
    unknown: tuple[tuple[str, ...], ...]
    """Each item's served ids that no item has."""
    loops: tuple[tuple[int, ...], ...]
    """The groups of items that serve each other in a loop (one item serving itself is one too)."""
    traced: tuple[bool, ...]
    """Whether each item traces on its own."""
    origin: tuple[int, ...]
    """The item whose standing each item takes on (itself, unless an item it serves stands better)."""
    via: tuple[int | None, ...]
    """The item each inheriting item serves directly on its way to its origin (None: it inherits nothing)."""


def trace(items: Sequence[Item], serves: Sequence[tuple[str, ...]], ranks: Sequence[Rank]) -> Trace:
    """Draw the graph of `items`, where item i serves the ids `serves[i]` and stands at `ranks[i]`."""
    edges, unknown = _edges(items, serves)
    components = _components(edges)
    origin = _inheritance(components, edges, ranks)
    via = tuple(None if origin[i] == i else _first_step(i, origin[i], edges, origin) for i in range(len(items)))
    loops = tuple(tuple(c) for c in components if len(c) > 1 or c[0] in edges[c[0]])
    return Trace(items=tuple(items), edges=edges, unknown=unknown, loops=loops,
                 traced=tuple(rank[0] for rank in ranks), origin=origin, via=via)


def _edges(items: Sequence[Item], serves: Sequence[tuple[str, ...]]
           ) -> tuple[tuple[tuple[int, ...], ...], tuple[tuple[str, ...], ...]]:
    """Each item's served items, by index, and the served ids that no item has."""
    index = {item.id: i for i, item in enumerate(items) if item.has_id}
    edges = []
    unknown = []
    for targets in serves:
        edges.append(tuple(index[target] for target in targets if target in index))
        unknown.append(tuple(target for target in targets if target not in index))
    return tuple(edges), tuple(unknown)


def _inheritance(components: list[list[int]], edges: Sequence[tuple[int, ...]], ranks: Sequence[Rank]) -> tuple[int, ...]:
    """The item whose standing each item takes on: the best-ranked of its own component and of
    what the items it serves take on; an item that serves nothing keeps its own."""
    best = list(range(len(edges)))
    for component in components:  # successors first, so what they take on is settled already
        members = set(component)
        candidates = [*component, *(best[j] for i in component for j in edges[i] if j not in members)]
        group_best = max(candidates, key=lambda k: ranks[k])
        for i in component:
            if edges[i] and ranks[group_best] > ranks[i]:
                best[i] = group_best
    return tuple(best)


def _first_step(i: int, target: int, edges: Sequence[tuple[int, ...]], best: Sequence[int]) -> int:
    """The item `i` serves directly on its way to `target`."""
    for j in edges[i]:
        if j == target or best[j] == target:
            return j
    return edges[i][0] if edges[i] else target


def _components(edges: Sequence[tuple[int, ...]]) -> list[list[int]]:
    """Strongly connected components, successors before predecessors (Tarjan, without recursion,
    so that chains thousands of items deep do not hit Python's recursion limit)."""
    n = len(edges)
    order = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    stack: list[int] = []
    components: list[list[int]] = []
    counter = 0
    for root in range(n):
        if order[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, child = work[-1]
            if child == 0:
                order[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            if child < len(edges[node]):
                work[-1] = (node, child + 1)
                nxt = edges[node][child]
                if order[nxt] == -1:
                    work.append((nxt, 0))
                elif on_stack[nxt]:
                    low[node] = min(low[node], order[nxt])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == order[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack[member] = False
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
    return components
