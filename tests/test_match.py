"""Phrase matching: `re:` lines match in any case, quoting the text's own words."""

from __future__ import annotations

from breadline.match import compile_phrases, search


def test_lower_case_pattern_matches_any_case_and_quotes_the_text():
    phrases = (r"re:\bzd-\d+\b",)
    assert compile_phrases(phrases).lowered
    assert search(phrases, "Reported in ZD-4411 by Dana") == "ZD-4411"


def test_pattern_with_capitals_still_ignores_case():
    phrases = (r"re:\b[A-Z]{2}-\d+\b",)
    assert not compile_phrases(phrases).lowered
    assert search(phrases, "see zd-12 for details") == "zd-12"


def test_escapes_do_not_count_as_capitals():
    phrases = (r"re:ticket\s*#\s*\d+\b\S*",)
    assert compile_phrases(phrases).lowered
    assert search(phrases, "From TICKET # 881.") == "TICKET # 881."


def test_text_whose_length_changes_when_lowered_keeps_its_offsets():
    # "İ" lowers to two characters: the match must still quote the right words.
    phrases = (r"re:\bzd-\d+\b",)
    assert search(phrases, "İstanbul office, İzmir too: ZD-77 lists both") == "ZD-77"


def test_first_match_wins_between_phrases_and_patterns():
    phrases = ("support ticket", r"re:\bzd-\d+\b")
    assert search(phrases, "ZD-9 was a support ticket") == "ZD-9"
    assert search(phrases, "a support ticket, ZD-9") == "support ticket"


def test_lines_matching_at_the_same_place_keep_their_order():
    lowered = (r"re:zd-\d+", r"re:zd-\d+ from \w+")
    folding = (r"re:ZD-\d+", r"re:ZD-\d+ from \w+")
    assert compile_phrases(lowered).lowered and not compile_phrases(folding).lowered
    assert search(lowered, "see ZD-4 from Dana") == search(folding, "see ZD-4 from Dana") == "ZD-4"
    assert search(lowered[::-1], "see ZD-4 from Dana") == "ZD-4 from Dana"
    assert search(lowered, "case 7, then zd-9") == "zd-9"


def test_lists_searched_together_find_what_each_list_finds_alone():
    """match.Lists: one pass over a text's words gives each list the match its own search gives,
    on the words of every real tracker item we keep."""
    import glob

    import yaml as _yaml

    from breadline.match import normalize as _normalize, tokens as _tokens
    from breadline.read.base import LEAD_LISTS
    from breadline.words import builtin

    together = builtin.together(LEAD_LISTS)
    checked = 0
    for path in sorted(glob.glob("tests/data/real/*.yaml")):
        for item in _yaml.safe_load(open(path, encoding="utf-8"))["items"]:
            text = _normalize(f"{item['title']}. {item.get('description') or ''}")
            words = _tokens(text)
            assert together.search_all(words) == {name: builtin.matcher(name).search(words) for name in LEAD_LISTS}
            checked += 1
    assert checked > 900
