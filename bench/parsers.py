"""Is there a faster YAML parser breadline could use? Measures the candidates against PyYAML's C
loader on the benchmark's backlogs, in-process, and checks whether they give the same values.

    .venv/bin/pip install rapidyaml ryaml     # candidates; not breadline dependencies
    .venv/bin/python bench/parsers.py --sizes 10000,100000

A candidate could only be adopted as an optional accelerator if it gave identical items and
values (YAML 1.1 booleans and dates included) and the line and column of every item and field.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import generate  # noqa: E402


def best(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return min(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    gc.disable()  # as breadline runs; the cyclic collector would dominate the larger files

    import yaml

    print("| backlog | parser | time | vs PyYAML C load | same values | positions |")
    print("|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        text = generate(size)
        data = text.encode()
        base, reference = best(lambda: yaml.load(text, Loader=yaml.CSafeLoader), args.repeat)
        rows = [("PyYAML C loader (`yaml.load`)", base, True, "via compose")]
        compose, _ = best(lambda: yaml.compose(text, Loader=yaml.CSafeLoader), args.repeat)
        rows.append(("PyYAML C composer (nodes, what breadline walks)", compose, True, "yes"))
        try:
            import ryml

            seconds, _ = best(lambda: ryml.parse_in_arena(data), args.repeat)
            rows.append(("rapidyaml (`ryml.parse_in_arena`, a tree of strings only)", seconds,
                         "no: untyped strings, YAML 1.1 types left to resolve in Python", "tree offsets only"))
        except ImportError:
            rows.append(("rapidyaml", None, "not installed", "—"))
        try:
            import ryaml

            seconds, value = best(lambda: ryaml.loads(text), args.repeat)
            same = value == reference
            rows.append(("ryaml (`ryaml.loads`)", seconds, "yes" if same else "no: YAML 1.2 core schema (dates stay strings)",
                         "no"))
        except ImportError:
            rows.append(("ryaml", None, "not installed", "—"))
        for name, seconds, same, positions in rows:
            shown = f"{seconds:.3f} s" if seconds is not None else "—"
            ratio = f"{seconds / base:.2f}" if seconds is not None else "—"
            print(f"| {size:,} items | {name} | {shown} | {ratio} | {same if same is not True else 'yes'} | {positions} |")


if __name__ == "__main__":
    main()
