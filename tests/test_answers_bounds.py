"""The answers reader (`ask --answers`) bounded and crash-free. The reader lives in interview.py and
reads each file with the bounded readers first (`load.load_plain`, `load.load_json`), as a backlog
is read."""

from __future__ import annotations

import shutil

import pytest

from breadline.errors import InputError
from breadline.load import load_json, load_plain
from tests.conftest import DATA

CASES = [
    ("answers.yaml", "PAY-101: {evidence: {source: x, date: 2026-13-45}}\n", "2026-13-45"),
    ("answers.yaml", "PAY-101: " + "[" * 100_000 + "\n", "nested too deeply"),
    ("answers.json", '{"PAY-101": ' + "[" * 100_000 + "}", "nested too deeply"),
    ("answers.yaml", "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8))
     + "PAY-101: {problem: *i}\n", "alias bomb"),
]


@pytest.mark.parametrize(("name", "text", "said"), CASES)
def test_the_bounded_readers_refuse_them_with_one_line(name, text, said):
    reader = load_json if name.endswith(".json") else load_plain
    with pytest.raises(InputError) as caught:
        reader(text, name)
    assert said in caught.value.message and "\n" not in caught.value.location_message()


@pytest.mark.parametrize(("name", "text", "said"), CASES)
def test_ask_answers_refuses_them_with_one_line(cli, tmp_path, name, text, said):
    backlog = tmp_path / "backlog.yaml"
    shutil.copy(DATA / "ask" / "backlog.yaml", backlog)
    answers = tmp_path / name
    answers.write_text(text)
    result = cli("ask", backlog, "--answers", answers, "--dry-run")
    assert result.exit_code == 2 and result.exception is None or isinstance(result.exception, SystemExit)
    assert said in result.stderr and result.stderr.count("\n") == 1
