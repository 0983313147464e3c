"""Coverage-guided fuzzing of the other readers (atheris / libFuzzer): tracker exports (every
importer, detected from the content), the configuration (YAML and pyproject.toml) and the
answers file of `ask`.

    make fuzz SECONDS=60                              # runs every target in turn
    python fuzz/fuzz_readers.py import -max_total_time=60 CORPUS

Any input must end in a result or a BreadlineError. Anything else (an exception, a hang, a
crash) is a bug, and libFuzzer saves the input as crash-* / timeout-* in the current folder.
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    from breadline import importers
    from breadline.config import load_config
    from breadline.errors import BreadlineError
    from breadline.interview import read_answers
    from breadline.load import load_text

BACKLOG = load_text("- {id: PAY-101, title: Export invoices}\n- {id: INT-214, title: Retry webhooks}\n", "b.yaml")
FOLDER = tempfile.mkdtemp(prefix="breadline-fuzz-")


def fuzz_import(data: bytes) -> None:
    try:
        export = importers.read_export("export", data, None, importers.ImportOptions())
    except BreadlineError:
        return
    load_text(importers.to_yaml(export), "imported.yaml")  # what import writes must load back


def fuzz_config(data: bytes) -> None:
    name = "pyproject.toml" if data[:1] == b"[" else "breadline.yaml"
    path = os.path.join(FOLDER, name)
    with open(path, "wb") as handle:
        handle.write(data)
    try:
        load_config(path).word_lists().matcher("chores").search("a" * 1000)
    except BreadlineError:
        return


def fuzz_answers(data: bytes) -> None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return
    try:
        read_answers("answers.yaml", BACKLOG, text)
    except BreadlineError:
        return


TARGETS = {"import": fuzz_import, "config": fuzz_config, "answers": fuzz_answers}


def main() -> None:
    target = TARGETS[sys.argv.pop(1)] if len(sys.argv) > 1 and sys.argv[1] in TARGETS else None
    if target is None:
        raise SystemExit(f"usage: fuzz_readers.py {{{','.join(TARGETS)}}} [libFuzzer options] [CORPUS]")
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
