"""Patterns that cannot hang: a user's `re:` lines run on RE2 (linear in the text whatever the
pattern) and bad ones are one-line errors; every built-in expression is run over 100,000-character
adversarial strings (a hang detector, in a subprocess with a generous timeout: not a speed test)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from breadline.config import load_config
from breadline.errors import ConfigError
from breadline.match import PatternError, check_pattern, compile_phrases

N = 100_000
EVIL = ["a" * N + "!", "a " * (N // 2) + "!"]


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"^(\w+\s?)*$", r"(a|aa)+$", r"(.*a){20}$"])
def test_a_catastrophic_user_pattern_runs_in_linear_time(pattern):
    matcher = compile_phrases(("re:" + pattern,), bounded=frozenset({"re:" + pattern}))
    for text in EVIL:
        matcher.search(text)  # returns at once on RE2; on Python's re this would never return


def test_a_user_pattern_still_matches_ignoring_case():
    phrase = "re:ticket\\s*#\\d+"
    matcher = compile_phrases((phrase,), bounded=frozenset({phrase}))
    assert matcher.search("See TICKET #42 for the story") == "TICKET #42"


@pytest.mark.parametrize(("pattern", "said"), [
    ("(unclosed", "missing )"), ("*", "nothing to repeat"), ("a{4294967295}", "repetition number is too large"),
    ("(?=x)y", "lookarounds are not supported"), (r"(a)\1", "not supported"),
])
def test_bad_user_patterns_are_one_line_errors(tmp_path, pattern, said):
    with pytest.raises(PatternError, match=said.replace("(", r"\(").replace(")", r"\)")):
        check_pattern(pattern)
    config = tmp_path / "breadline.yaml"
    config.write_text("words:\n  chores: ['re:" + pattern.replace("'", "''") + "']\n")
    with pytest.raises(ConfigError) as caught:
        load_config(str(config))
    assert said.split()[0] in caught.value.message and "\n" not in caught.value.location_message()


def test_the_audit_with_a_catastrophic_configured_pattern_finishes(cli, tmp_path):
    (tmp_path / "breadline.yaml").write_text("words:\n  chores: ['re:^(\\w+\\s?)*$', 're:(a+)+$']\n")
    (tmp_path / "b.yaml").write_text(f"- id: A\n  title: \"{'a' * N}!\"\n- id: B\n  title: \"{'word ' * 20_000}!\"\n")
    result = cli("audit", tmp_path / "b.yaml", "-f", "json")
    assert result.exit_code in (0, 1), result.stderr


NOT_SEARCHED = {
    # searched on bounded text only: ids word by word, no word over 200 characters (records.ids_in)
    "breadline.importers.linear._KEY": "ids_in: words of at most 200 characters",
    "breadline.importers.mapping._ID": "ids_in: words of at most 200 characters",
    "breadline.importers.records._ONE_REF": "ids_in: words of at most 200 characters",
    "breadline.importers.jira_json._SERVER_SPRINT": "sprint strings of at most 2,000 characters",
    "breadline.importers.youtrack._KEY": "ids_in: words of at most 200 characters",
    "breadline.importers.mapping._PIVOTAL_SIGNATURE": "searched in the last 300 characters of a comment cell only",
    "breadline.cli._EXTRAS": "searched in the help texts of breadline's own options, never in input",
    # used anchored, at one place (`match`/`fullmatch`), or on a bounded text, never searched along a long one
    "breadline.load._DECIMAL": "fullmatch of a value of at most 100 characters",
    "breadline.importers.text._WIKI_BULLET": "match at the start of one line",
    "breadline.infer._ROLE_AFTER": "match at one place, at most 40 characters",
    "breadline.read.families._HYPOTHETICAL": "match at one place, after a customer named in the text",
    "breadline.infer._SUBJECT_ASKS": "searched in the first 1,500 characters of an item only",
}

_SCAN = textwrap.dedent('''\
    import importlib, pkgutil, re, sys
    import breadline
    from breadline import words
    N = 100_000
    TEXTS = ["a" * N, " " * N, "a " * (N // 2), "1" * N, "1 " * (N // 2), "-" * N, "a-" * (N // 2), "\\t" * N,
             "<" * N, "<a" * (N // 2), "\\\\" * N, "1.1" * (N // 3), "ticket " * (N // 7), "ticket #" * (N // 8),
             "a'" * (N // 2), "x" * N + "!", "\\n" * N, "a\\n" * (N // 2), "#" * N, "::" * (N // 2), "1-" * (N // 2),
             "[" * N, "{" * N, '"number": ' * (N // 10), "zd-" * (N // 3), "since v1." * (N // 9), "a.b/" * (N // 4),
             "\\\\N{" * (N // 3)]
    skip = set(sys.argv[1].split(","))
    patterns = {}
    for info in pkgutil.walk_packages(breadline.__path__, "breadline."):
        if info.name in ("breadline.edit", "breadline.__main__"):
            continue  # edit.py's key-line expression is issue 18's
        for name, value in vars(importlib.import_module(info.name)).items():
            for pattern in value if isinstance(value, (tuple, list)) else (value,):
                if isinstance(pattern, re.Pattern) and isinstance(pattern.pattern, str):
                    patterns[f"{info.name}.{name}"] = pattern
    for name in words.available():
        for phrase in words.builtin(name):
            if phrase.startswith("re:"):
                patterns[f"words/{name}: {phrase}"] = re.compile(phrase[3:].strip(), re.I)
    for key, pattern in patterns.items():
        if key not in skip:
            for text in TEXTS:
                for _ in pattern.finditer(text):
                    pass
    print(len(patterns))
    ''')


def test_built_in_expressions_are_linear_on_adversarial_strings():
    """Every compiled pattern at module level, and every shipped `re:` line, searched along
    adversarial strings: a superlinear one takes minutes, not the seconds this takes."""
    done = subprocess.run([sys.executable, "-c", _SCAN, ",".join(NOT_SEARCHED)], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) >= 80  # the scan found the patterns it is meant to try


def test_ids_are_found_word_by_word_in_linear_time():
    """The importers' id patterns are quadratic along a long run of letters; `ids_in` reads them
    word by word and leaves out words no id could be, with the same ids found as findall."""
    from breadline.importers.linear import _KEY
    from breadline.importers.mapping import _ID
    from breadline.importers.records import ids_in

    assert ids_in(_KEY, "Blocks ABC-12, DEF-3 and x_GH-4") == _KEY.findall("Blocks ABC-12, DEF-3 and x_GH-4")
    assert ids_in(_ID, "see acme/app#12 and #7") == ["acme/app#12", "#7"]
    # A word longer than any id is left out, not searched along (which took minutes).
    assert ids_in(_KEY, "a1" * 50_000 + "-7 b-2") == ["b-2"]
    assert ids_in(_ID, "a" * 100_000 + "/x#1 #9") == ["#9"]
