"""Coverage-guided fuzzing of the loader and the audit (atheris / libFuzzer).

    make fuzz SECONDS=60

Any input must end in a backlog or a BreadlineError; every format must then render the result.
Anything else (an exception, a hang, a crash) is a bug, and libFuzzer saves the input that
caused it as crash-* / timeout-* in the current folder.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from breadline.audit import audit
    from breadline.errors import BreadlineError
    from breadline.formats import Format, View
    from breadline.load import decode, load_text


def test_one(data: bytes) -> None:
    try:
        backlog = load_text(decode(data, "fuzz.yaml"), "fuzz.yaml")
    except BreadlineError:
        return
    result = audit(backlog)
    for member in Format:
        member.renderer()(result, View(show_all=True))


def main() -> None:
    atheris.Setup(sys.argv, test_one)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
