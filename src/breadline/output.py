"""The one place that writes a report: to stdout, or atomically to a file.

Formats are pure (a result in, text out); a large report's runs of item lines come as
`formats.shared.Lines`, and it is here that they are encoded on every core (see
`parallel.map_text`: 10,000 items' JSON lines in ~0.3 s on one core, spread over the others).

Also here: what a run that audits whole backlogs switches off for speed (`bulk`).
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator

from breadline.formats.shared import Lines


def texts(pieces: Iterable[str | Lines]) -> Iterator[str]:
    """The report's text in order, each run of `Lines` encoded on every core when it is large."""
    from breadline.parallel import map_text

    for piece in pieces:
        if isinstance(piece, str):
            yield piece
        else:
            yield from map_text(piece.encode, piece.items)


def write(pieces: Iterable[str | Lines], output: str | None) -> None:
    """Write the report's pieces to stdout (`output` None), or atomically to `output`."""
    if output is None:
        sys.stdout.writelines(texts(pieces))
        sys.stdout.flush()
    else:
        from breadline.files import atomic_writer

        with atomic_writer(output) as handle:
            handle.writelines(texts(pieces))


def bulk() -> None:
    """Set up a run that audits whole backlogs (audit, baseline, explain, report): no cyclic
    collector, and (in `cli.main`) no teardown at exit.

    A run builds many small objects and frees them all at exit; the cyclic collector would rescan
    them again and again (it made loading a 10,000-item backlog 2.4x slower), and the audit's data
    holds no reference cycles for it to find. Not for `ask`, whose YAML round trips do make cycles.
    """
    gc.disable()


def bulky() -> bool:
    """True when this run was set up by `bulk`: its heap is not worth freeing object by object."""
    return not gc.isenabled()
