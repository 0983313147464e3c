"""Write `src/breadline/data/frequent-words.txt`: the word stems that occur in the most real
tracker items, with the share of items each occurs in.

The phrase matcher (`breadline.match`) tries a phrase only where one chosen word of it, its
anchor, stands; a phrase anchored on a word most tracker texts hold ("user", "request") is
tried all along a long description for nothing. This list lets the matcher anchor each phrase
on its rarest word. It changes where phrases are looked for, never what is found (every word of
a phrase must be there for it to match, whichever is the anchor).

Counted over the titles and descriptions of the development part of tests/data/real (the
held-out part is left out, as it is of all tuning):

    python bench/word_frequency.py > src/breadline/data/frequent-words.txt
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

import yaml

from breadline.match import stems_of

ROOT = Path(__file__).resolve().parent.parent
TOP = 400
"""How many stems to keep: below this rank a word occurs in fewer than ~2% of items."""


def main() -> None:
    counts: collections.Counter[str] = collections.Counter()
    total = 0
    files = sorted((ROOT / "tests" / "data" / "real").glob("*-dev.yaml"))
    for path in files:
        for item in yaml.safe_load(path.read_text(encoding="utf-8"))["items"]:
            text = f"{item.get('title') or ''} {item.get('description') or ''}"
            counts.update(set(stems_of(text)))
            total += 1
    out = sys.stdout
    out.write("# The word stems (breadline.match.stem) found in the most real tracker items, one a line\n"
              "# with the share of items that hold it, most frequent first. The matcher anchors a phrase\n"
              "# on its rarest word (see breadline/match.py); this list changes only where phrases are\n"
              "# looked for, never what is found.\n"
              f"# Made by bench/word_frequency.py from {total} real items of tests/data/real "
              f"({', '.join(p.name for p in files)}).\n")
    for word, count in counts.most_common(TOP):
        out.write(f"{word} {count / total:.4f}\n")


if __name__ == "__main__":
    main()
