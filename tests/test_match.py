"""Phrase matching: `re:` lines match in any case, quoting the text's own words."""

from __future__ import annotations

import re

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


# -- long texts: searched from their anchors (match.Anchors), finding what word-by-word finds --

_TRICKY = (
    "Our users can't send e-mail; the users' invoices (customers’ too) are gone — “our customers” "
    "wait. --users, _users and self-hosted users: the enterprise customers' SSO. "
    "Zendesk ticket #4411 and ZD-77, xzd-9 (not a ticket). Ørsted’s café owners 🧾 lost their data. "
    "I have to re-export by hand; it's time-consuming. For the sprint demo the CEO wants it. "
)


def _long_texts() -> list[str]:
    """Long texts made of the words of every real tracker item we keep, and of awkward words
    (joined words, apostrophes, dashes, non-ASCII letters and punctuation, emoji)."""
    import glob

    import yaml as _yaml

    from breadline.match import normalize as _normalize

    pieces = []
    for path in sorted(glob.glob("tests/data/real/*.yaml")):
        with open(path, encoding="utf-8") as handle:
            loaded = _yaml.safe_load(handle)
        for item in loaded["items"] if isinstance(loaded, dict) else loaded:
            pieces.append(f"{item.get('title') or ''}. {item.get('description') or ''}")
    texts = []
    for k in range(0, len(pieces), 6):
        texts.append(_normalize(" ".join(pieces[k:k + 6])))
        texts.append(_normalize(_TRICKY + " ".join(pieces[k:k + 3]) + " " + _TRICKY))
    texts.append(_normalize(_TRICKY * 8))
    return [text for text in texts if len(text) >= 600]


def test_long_texts_find_what_word_by_word_finds():
    """Every list, alone and in the groups the reader and the rules search together, finds the
    same phrase in a long text from its anchors as it finds word by word."""
    from breadline.match import Words, stems_of
    from breadline.read.base import LEAD_LISTS
    from breadline.text import TEXT_LISTS
    from breadline.words import available, builtin

    texts = _long_texts()
    assert len(texts) > 300
    checked = found = 0
    for text in texts:
        scanned, split = Words(text), Words(text, stems_of(text))
        # Searched from its anchors, unless lowering changes its length (a Turkish "İ" lowers to
        # two characters): such a text is read word by word (`Words.haystack`), and finds the same.
        assert scanned.scanned is (len(text.lower()) == len(text)) and not split.scanned
        for names in (TEXT_LISTS, LEAD_LISTS):
            group = builtin.together(names)
            assert group.search_all(Words(text)) == group.search_all(split)
        for name in available():
            matcher = builtin.matcher(name)
            expected = matcher.search(split)
            assert matcher.search(scanned) == expected, (name, text[:80])
            checked += 1
            found += expected is not None
    assert found > 1000 and checked > found  # the lists do find phrases, and not everywhere


def _short_texts() -> list[str]:
    """Every real item's title, and its title and description cut to a lead's length."""
    import glob

    import yaml as _yaml

    from breadline.match import normalize as _normalize

    texts = []
    for path in sorted(glob.glob("tests/data/real/*.yaml")):
        with open(path, encoding="utf-8") as handle:
            for item in _yaml.safe_load(handle)["items"]:
                title = _normalize(str(item.get("title") or ""))
                texts += [title, _normalize(f"{title}. {item.get('description') or ''}")[:400]]
    return texts


def test_texts_find_by_the_line_set_what_every_line_finds(monkeypatch):
    """A list's `re:` lines over a long text, or a list of many lines over any text, are searched
    only where its RE2 set (`LineSet`) finds them: every shipped list finds the same as when every
    line is searched, in real titles, leads and long texts, in their lower case, and in texts made
    to tempt the lines ("10 seconds to load", "ZD-12")."""
    import breadline.match as match
    from breadline.words import available, builtin

    tempting = [" ".join(["1", "-", "2", "seconds", "to", "load", "zd-12", "ticket #4", "Zendesk ticket",
                          "since v4.2", "after upgrading to 2.0.1", "stopped syncing", "freezes", "README.md",
                          "chore(ci): x", "hosts", "takes 10-15 s"] * 12)]
    texts = _long_texts() + [text.lower() for text in _long_texts()[:50]] + tempting + _short_texts()
    lists = [(name, builtin.matcher(name)) for name in available()]
    lists = [(name, matcher) for name, matcher in lists if matcher.patterns]
    assert len(lists) >= 5
    found = {}
    for name, matcher in lists:
        found[name] = [matcher._search_patterns(text) for text in texts]
    assert any(len(text) >= match.LONG_TEXT and text.isascii() for text in texts)
    assert any(len(text) < match.LONG_TEXT and text.isascii() for text in texts)
    beyond = [text for text in texts if not text.isascii() and len(text.lower()) == len(text)]
    assert sum(len(text) >= match.LONG_TEXT for text in beyond) > 50  # the widened set's texts
    assert sum(len(text) < match.LONG_TEXT for text in beyond) > 1000
    monkeypatch.setattr(match, "LONG_TEXT", 10**9)  # every line searched, without the set
    monkeypatch.setattr(match, "SET_LINES", 10**9)
    hits = 0
    for name, matcher in lists:
        every = [matcher._search_patterns(text) for text in texts]
        assert found[name] == every, name
        hits += sum(span is not None for span in every)
    assert hits > 1000  # the lines do match, in many texts


def test_widened_classes_hold_every_character_pythons_classes_match():
    """Beyond ASCII the set runs each line widened (`match.widened`): its stand-ins for `\\w`,
    `\\d`, `\\s`, `\\S`, `\\W` and `\\D` must match every character Python's Unicode classes do,
    or the set would skip a line that matches."""
    import re2

    from breadline.match import _WIDER

    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    options = re2.Options()
    options.log_errors = False
    for escape in "wdsSWD":
        held = "".join(re.findall(f"\\{escape}", every))
        assert len(held) > 25, escape
        whole = re2.compile(f"(?:{_WIDER[escape]})*", options)
        assert whole.fullmatch(held), escape
    assert _WIDER["w"] != "(?s:.)" and re2.compile(f"(?:{_WIDER['w']})*", options).fullmatch(" ") is None


def test_a_line_is_widened_for_texts_beyond_ascii():
    """Boundaries are dropped, classes widened; what cannot be made sure is left to Python's
    engine (None): a lookaround, a flag, a class in brackets holding an escape of letters."""
    from breadline.match import _NOT_BLANK, compile_phrases, widened

    assert widened("\\bnão funciona\\b") == "não funciona"
    assert widened("\\d+ seconds to load") == f"{_NOT_BLANK}+ seconds to load"
    assert widened("(?:zd|ticket)-[0-9]+\\.") == "(?:zd|ticket)-[0-9]+\\."
    assert widened("[一-鿿]不了") == "[一-鿿]不了"
    assert widened("(?<!not )slow") is None
    assert widened("(?i)slow") is None
    assert widened("zero(?:$|[^\\w-])") is None
    assert widened("\\N{EM DASH}") is None
    matcher = compile_phrases(("re:\\bnão funciona\\b", "re:\\bne marche pas\\b", "re:\\d+ secondes"))
    assert matcher.search("O botão não funciona — ça ne marche pas") == "não funciona"
    assert matcher.search("Ça prend 12 secondes, ça ne marche pas — é") == "12 secondes"
    assert matcher.search("Ele não funcionava — é") is None  # the boundary is still Python's
    assert matcher.search("\ud800 não funciona") == "não funciona"  # no UTF-8 for RE2: every line


def test_a_line_re2_cannot_run_is_always_searched():
    from breadline.match import Words, compile_phrases

    matcher = compile_phrases(("re:(?<!not )slow",))  # a lookbehind: RE2 refuses it
    text = "fine " * 200 + "it is slow"
    assert matcher.search(Words(text)) == "slow"
    assert matcher.search(Words("fine " * 200 + "it is not slow")) is None


def test_a_phrase_is_anchored_on_its_rarest_word():
    """"update pdf" is tried where "pdf" stands, not where "update" (in one real item in seven)
    does; where it is tried changes nothing of what is found."""
    from breadline.match import Words, compile_phrases, frequency

    assert frequency()["updat"] > 0.1 > frequency().get("pdf", 0.0)
    matcher = compile_phrases(("update pdf",))
    assert set(matcher.anchors) == {"pdf"}
    assert matcher.search("Please update PDF exports") == "update PDF"
    assert matcher.search(Words("update the docs " * 60 + "then update pdfs")) == "update pdfs"


def test_long_text_matches_quote_the_texts_own_words():
    from breadline.match import Words, compile_phrases

    matcher = compile_phrases(("our customers", "self-hosted users", "by hand", "the ... wants"))
    text = "x " * 400 + "Then “Our Customers” asked."
    assert Words(text).scanned
    assert matcher.search(Words(text)) == "Our Customers"
    assert matcher.search(Words("a e-mail " * 100 + "The CEO wants it")) == "The CEO wants"
    assert matcher.search(Words("by-hand " * 100)) is None  # "by-hand" is one word, not "by hand"
    turkish = Words("İstanbul " * 100 + "our customers")  # "İ" lowers to two characters: read word by word
    assert not turkish.scanned and matcher.search(turkish) == "our customers"


def test_a_line_that_opens_inside_a_word_quotes_the_whole_word():
    from breadline.match import compile_phrases

    matcher = compile_phrases(("re:[a-z] are lost\\b",))
    assert matcher.search("Some Kanban panels are lost during drag-and-drop") == "panels are lost"
    assert matcher.search("x are lost") == "x are lost"
    assert compile_phrases(("re:\\blost\\b",)).search("all was lost") == "lost"


def test_a_line_is_compiled_only_once_a_text_may_hold_it():
    """A list of many lines asks its RE2 set first: Python's engine compiles only the lines the set
    finds (start-up: a 10-item audit compiles few of the shipped lines)."""
    from breadline.match import compile_phrases

    matcher = compile_phrases(("re:\\bwon't (?:load|open)\\b", "re:\\bno longer (?:loads|opens)\\b", "re:\\bblank (?:page|screen)\\b"))
    assert matcher.search("The export finished") is None
    assert matcher.compiled == {}
    assert matcher.search("The page no longer loads") == "no longer loads"
    assert list(matcher.compiled) == [(1, False)]
    assert matcher.search("İstanbul: the page won't load") == "won't load"  # lowering lengthens it: folding twins


def _sieved_expressions() -> list:
    """Every expression the reader searches behind a sieve (`match.Sieved`), the foreign user
    story made from the shipped lists included."""
    from breadline import infer
    from breadline.match import Sieved
    from breadline.read import families
    from breadline.words import builtin

    found = [value for module in (infer, families) for value in vars(module).values() if isinstance(value, Sieved)]
    found.append(infer._foreign_story(builtin("story-openers"), builtin("story-wants"), builtin("story-benefits")))
    return found


def test_a_sieve_is_made_of_each_expression():
    """`sieve_of`: lookarounds dropped, named groups plain, `$` loosened, classes widened; None
    for what cannot be made sure. Every expression shipped behind a sieve has one, or it would
    be searched by Python's engine alone, as slowly as before."""
    from breadline.match import _NOT_BLANK, _SPACES, sieve_of

    assert sieve_of("\\b(?:asked for|flagged) by (?P<who>[^.,\\n]{2,60}?)(?=[.,]|$)") == \
        "(?:asked for|flagged) by (?:[^.,\\n]{2,60}?)"
    assert sieve_of("(?<!not )slow(?! down)") == "slow"
    assert sieve_of("a(b(?=c)d)e$") == "a(bd)e(?m:$)"
    assert sieve_of("so\\s+[\\w&'-]+") == f"so{_SPACES}+{_NOT_BLANK}+"
    assert sieve_of("[\\w ]x") == "(?s:.)x"  # brackets that may hold a space: any character
    assert sieve_of("[\\D]") == "(?s:.)"
    assert sieve_of("[^\\w]") is None
    assert sieve_of("[\\p{L}]") is None
    assert sieve_of("(?i)x") is None
    assert sieve_of("(a)\\1") is None
    assert sieve_of("a)") is None
    expressions = _sieved_expressions()
    assert len(expressions) >= 10
    for expression in expressions:
        assert sieve_of(expression.pattern) is not None, expression.pattern
        assert expression._compile() is not False, expression.pattern


def test_a_sieved_expression_finds_what_pythons_engine_finds():
    """Behind its sieve an expression finds the same match, groups and all, as Python's engine
    alone: on the heads and leads of real tracker items' texts (the shipped expressions match in
    many of them), in their upper case, with "İ" and "ı" (which Python's engine, ignoring case,
    takes for "i"), from a later place, and in a text RE2 cannot take (a lone surrogate)."""
    from breadline.match import SIEVE_FROM

    texts = []
    for text in _long_texts():
        texts += [text[:1500], text[:600], text[:1500].upper()]
    texts += [text.replace("i", "\u0131") for text in texts[:60]] + [text.replace("i", "\u0130") for text in texts[:60]]
    texts.append("\ud800 " + texts[0])
    assert sum(len(text) >= SIEVE_FROM for text in texts) > 1000
    hits = 0
    for expression in _sieved_expressions():
        assert expression._compile() is not False
        for text in texts:
            alone = expression.exact.search(text)
            sieved = expression.search(text)
            assert (alone and (alone.span(), alone.groups())) == (sieved and (sieved.span(), sieved.groups())), \
                (expression.pattern[:40], text[:80])
            hits += alone is not None
        for text in texts[:300:7]:
            for at in (1, 100, 350):
                alone, sieved = expression.exact.search(text, at), expression.search(text, at)
                assert (alone and alone.span()) == (sieved and sieved.span()), (expression.pattern[:40], at)
    assert hits > 500  # the expressions do match, in many texts


def test_a_text_the_sieve_does_not_hold_is_not_searched_by_pythons_engine(monkeypatch):
    from breadline.match import SIEVE_AFTER, Sieved

    expression = Sieved("\\bproposed changes\\b", re.IGNORECASE)
    calls = []

    class Counting:
        flags = expression.exact.flags

        def search(self, *args):
            calls.append(args)
            return re.compile("\\bproposed changes\\b", re.IGNORECASE).search(*args)

    monkeypatch.setattr(expression, "exact", Counting())
    for _ in range(SIEVE_AFTER):  # the first long texts: Python's engine alone, no sieve compiled
        assert expression.search("nothing to see here. " * 40) is None
    assert len(calls) == SIEVE_AFTER and expression._sieve is None
    calls.clear()
    assert expression.search("nothing to see here. " * 40) is None
    assert calls == [] and expression._sieve is not None
    found = expression.search("nothing to see here. " * 40 + "## Proposed Changes")
    assert found.group(0) == "Proposed Changes" and len(calls) == 1
    assert calls[0][1] == len("nothing to see here. ") * 40 + 3  # from where the sieve found it, not from the start
    assert expression.search("short: proposed changes").group(0) == "proposed changes"  # short: Python alone
