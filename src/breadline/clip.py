"""The one way breadline shortens a text for a line: whitespace run together, cut with an ellipsis."""

from __future__ import annotations


def clip(text: str, width: int) -> str:
    """`text` on one line (runs of whitespace as one space), at most `width` characters, the last
    of them "…" when it was cut."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
