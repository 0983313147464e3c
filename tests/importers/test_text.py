"""Tracker bodies to readable text: HTML, Markdown, Jira wiki markup and ADF."""

from __future__ import annotations

from breadline.importers.text import (
    MAX_DESCRIPTION, adf_to_text, clip, html_to_text, markdown_to_text, one_line, tidy, wiki_to_text,
)


def test_html_keeps_paragraphs_lists_links_and_alt_text():
    text = html_to_text(
        '<p>Since <b>4.12</b> the preview shows <code>{{total}}</code>.</p>'
        '<ul><li>Reported by Owen</li><li>See <a href="https://z.example/4650">ZD-4650</a></li></ul>'
        '<ol><li>one</li><li>two</li></ol><img alt="screenshot of settings" src="x.png">'
        '<script>alert(1)</script><style>p {}</style><p>A&nbsp;&amp;&nbsp;B<br>next line</p>'
    )
    assert text == (
        "Since 4.12 the preview shows {{total}}.\n\n- Reported by Owen\n- See ZD-4650 (https://z.example/4650)\n\n"
        "1. one\n2. two\n\nscreenshot of settings\n\nA & B\nnext line"
    )


def test_html_tables_and_checkboxes():
    text = html_to_text('<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>'
                        '<ul><li><input type="checkbox" checked> done</li></ul>')
    assert "a | b" in text and "1 | 2" in text and "[x] done" in text


def test_markdown_drops_syntax_but_keeps_words():
    text = markdown_to_text(
        "<!-- Please describe the problem -->\r\n## Problem\r\n\r\n**Acme** cannot [export](https://x.example/e) "
        "invoices ![screenshot](https://i.example/x.png)\r\n\r\n- [ ] first\r\n* second\r\n\r\n```python\r\nprint(1)\r\n```\r\n"
        "<details><summary>Logs</summary>trace</details>\r\n\r\n\r\n\r\nSetext\r\n---\r\n"
    )
    assert text == (
        "Problem\n\nAcme cannot export (https://x.example/e) invoices screenshot\n\n- [ ] first\n- second\n\n"
        "print(1)\n\nLogs\ntrace\n\nSetext"
    )


def test_markdown_that_is_really_html_is_read_as_html():
    assert markdown_to_text("<p>Hello <em>there</em></p><p>Two</p>") == "Hello there\n\nTwo"


def test_markdown_leaves_prose_with_angle_brackets_alone():
    assert markdown_to_text("Press <Enter> when a < b and x > y") == "Press <Enter> when a < b and x > y"


def test_wiki_markup():
    text = wiki_to_text(
        "h2. Why\r\n*Acme* re-keys totals. See [ZD-4411|https://z.example/4411] and [PAY-7].\r\n"
        "{code:python}\r\nx = 1\r\n{code}\r\n* one\r\n** nested\r\n# first\r\n# second\r\n||a||b||\r\n"
        "!screen.png|thumbnail! [~accountid:5b10ac8d82e05b22cc7d4ef5] [~dana]"
    )
    assert text == (
        "Why\nAcme re-keys totals. See ZD-4411 (https://z.example/4411) and PAY-7.\n\nx = 1\n\n"
        "- one\n  - nested\n1. first\n2. second\n|a|b|\n @someone @dana"
    )


def _doc(*content):
    return {"type": "doc", "version": 1, "content": list(content)}


def _p(*inline):
    return {"type": "paragraph", "content": list(inline)}


def _t(text, **attrs):
    node = {"type": "text", "text": text}
    if "href" in attrs:
        node["marks"] = [{"type": "link", "attrs": {"href": attrs["href"]}}]
    return node


def test_adf_paragraphs_lists_links_mentions_and_code():
    document = _doc(
        {"type": "heading", "attrs": {"level": 2}, "content": [_t("Problem")]},
        _p(_t("Raised by "), {"type": "mention", "attrs": {"text": "@Owen"}}, _t(" in "),
           _t("ZD-4620", href="https://z.example/4620"), {"type": "hardBreak"}, _t("Stripe only "),
           {"type": "emoji", "attrs": {"shortName": ":tada:", "text": "🎉"}}),
        {"type": "bulletList", "content": [
            {"type": "listItem", "content": [_p(_t("one")), {"type": "bulletList", "content": [
                {"type": "listItem", "content": [_p(_t("nested"))]}]}]},
            {"type": "listItem", "content": [_p(_t("two"))]},
        ]},
        {"type": "orderedList", "attrs": {"order": 3}, "content": [{"type": "listItem", "content": [_p(_t("third"))]}]},
        {"type": "codeBlock", "content": [_t("a\nb")]},
        {"type": "rule"},
        _p({"type": "inlineCard", "attrs": {"url": "https://x.example/card"}},
           {"type": "date", "attrs": {"timestamp": "1700000000000"}}, {"type": "status", "attrs": {"text": "DONE"}}),
        {"type": "table", "content": [{"type": "tableRow", "content": [
            {"type": "tableHeader", "content": [_p(_t("a"))]}, {"type": "tableCell", "content": [_p(_t("b"))]}]}]},
        {"type": "taskList", "content": [{"type": "taskItem", "attrs": {"state": "DONE"}, "content": [_t("shipped")]}]},
    )
    assert adf_to_text(document) == (
        "Problem\n\nRaised by @Owen in ZD-4620 (https://z.example/4620)\nStripe only 🎉\n\n"
        "- one\n  - nested\n- two\n\n3. third\n\na\nb\n\n---\n\nhttps://x.example/card2023-11-14DONE\n\n"
        "a | b\n\n- [x] shipped"
    )


def test_adf_that_is_broken_or_absurdly_deep_does_not_raise():
    assert adf_to_text({"type": "doc", "content": [None, 3, "text", {"type": "paragraph", "content": "x"}]}) == "text"
    deep: dict = {"type": "doc", "content": []}
    node = deep
    for _ in range(5000):
        child = {"type": "blockquote", "content": []}
        node["content"].append(child)
        node = child
    node["content"].append(_p(_t("bottom")))
    assert isinstance(adf_to_text(deep), str)


def test_tidy_makes_text_a_block_scalar_can_hold():
    text = tidy("a  \r\nb\t\x07c\r\r\r\rd\u2028e\ud800\ufeff ")
    assert text == "a\nb    c\n\nd\ne"


def test_one_line():
    assert one_line("  Fix\n the\tVAT \x00 total ") == "Fix the VAT total"


def test_clip_cuts_long_text_at_a_boundary_and_says_so():
    text = ("word " * 5000).strip()
    clipped, cut = clip(text)
    assert cut and len(clipped) < MAX_DESCRIPTION + 200
    assert clipped.endswith("characters long]") and "24,999 characters" in clipped
    assert not clipped.split("\n\n")[0].endswith("wor")
    assert clip("short") == ("short", False)


def test_wiki_markup_effects_and_icons_become_plain_text():
    text = wiki_to_text("Run {{npm test}} then _read_ the +docs+, not the -old- ones. ??Jira docs?? (/) done\n"
                        "bq. a quote\nfirst\\\\second [^invoice.png] snake_case C++ a - b")
    assert text == ("Run npm test then read the docs, not the old ones. Jira docs  done\n> a quote\nfirst\nsecond "
                    "invoice.png snake_case C++ a - b")
