"""The planning view (HTML): self-contained, accessible, escaped, and saying what the result says."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest

from breadline.formats import View
from breadline.formats import chart as geometry
from breadline.formats import chart_view, html, html_text
from breadline.model import Verdict
from tests.conftest import REGISTRY, TRACED, run_audit
from tests.formats.fixture import fixture_result

VIEW = View()


class Tree(HTMLParser):
    """The page as the browser's parser sees it: elements with their attributes, and the text."""

    INLINE = {"a", "b", "code", "em", "i", "small", "strong", "span", "u"}

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.stack: list[str] = []
        self.text_in: dict[str, list[str]] = {}
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag not in self.INLINE:
            self.text.append(" ")
        if tag not in ("meta", "br", "use", "rect", "circle", "path", "line", "input"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag not in self.INLINE:
            self.text.append(" ")
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        if "style" in self.stack or "title" in self.stack or "desc" in self.stack:
            self.text_in.setdefault(self.stack[-1], []).append(data)
            return
        self.text.append(data)
        for tag in set(self.stack):
            self.text_in.setdefault(tag, []).append(data)

    def tags(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for tag, attrs in self.elements if tag == name]

    def all_text(self) -> str:
        """What a reader sees: the text outside <style>, <title> and <desc>, whitespace collapsed."""
        return " ".join("".join(self.text).split())


@pytest.fixture(scope="module")
def page() -> str:
    return html.render(fixture_result(), VIEW)


@pytest.fixture(scope="module")
def tree(page) -> Tree:
    return Tree(page)


# -- a page that stands alone -----------------------------------------------------------


def test_a_whole_document_in_english_with_a_title(page, tree):
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert page.endswith("</html>\n")
    assert tree.tags("meta")[0] == {"charset": "utf-8"}
    assert tree.text_in["title"][0].startswith("The bread line: tests/data/formats/backlog.yaml")
    assert len(tree.tags("h1")) == 1
    headings = [tag for tag, _ in tree.elements if tag in ("h1", "h2")]
    assert headings[0] == "h1" and headings.count("h2") >= 4


def test_loads_nothing_and_runs_nothing(page, tree):
    assert not tree.tags("script") and not tree.tags("link") and not tree.tags("img") and not tree.tags("iframe")
    assert not [attrs for _, attrs in tree.elements if "src" in attrs or any(k.startswith("on") for k in attrs)]
    assert "@import" not in page and "url(http" not in page and "@font-face" not in page
    hrefs = [attrs.get("href") for _, attrs in tree.elements if "href" in attrs]
    assert hrefs and all(href.startswith("#") for href in hrefs), "only links within the page"
    (csp,) = [m for m in tree.tags("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert "default-src 'none'" in csp["content"] and "script" not in csp["content"]


def test_a_print_stylesheet(page):
    assert "@media print" in page
    print_css = page.split("@media print", 1)[1]
    assert "print-color-adjust: exact" in print_css and "@page" in print_css


def test_the_same_result_renders_the_same_page():
    assert html.render(fixture_result(), VIEW) == html.render(fixture_result(), View(show_all=True, color=True))


# -- the headline -----------------------------------------------------------------------


def test_the_headline_and_each_verdicts_share_of_items_and_points(page, tree):
    result = fixture_result()
    text = tree.all_text()
    assert f"{result.summary.headline}." in text
    # 13, 3 and 11 of 27 points; 3, 2 and 3 of 8 items
    assert "48% of points 13 of 27 points 3 of 8 items (38%)" in text
    assert "11% of points 3 of 27 points 2 of 8 items (25%)" in text
    assert "41% of points 11 of 27 points 3 of 8 items (38%)" in text
    assert "1 item carries no points" in text
    (split,) = [attrs for attrs in tree.tags("div") if attrs.get("class") == "split"]
    assert split["role"] == "img"
    assert split["aria-label"] == "The points by verdict: on the line 48%, weak 11%, superfluous 41%"


def test_without_points_the_shares_are_of_items():
    page = html.render(run_audit("- id: A\n  title: Dark mode\n- id: B\n  title: Light mode\n"), VIEW)
    text = Tree(page).all_text()
    assert "100% of items 2 of 2 items" in text
    assert "of points" not in text and "hollow" not in text
    assert "all the same size: no item carries points" in text


# -- the chart ------------------------------------------------------------------------------


def chart_of(page: str) -> str:
    return re.search(r'<svg class="chart".*?</svg>', page, re.S).group(0)


def test_the_chart_is_an_image_with_a_title_and_a_description(page):
    chart = chart_of(page)
    assert 'role="img" aria-labelledby="chart-title chart-desc"' in chart
    desc = re.search(r'<desc id="chart-desc">(.*?)</desc>', chart, re.S).group(1)
    assert "Superfluous (3): GRO-7 13, REF-3 0, ESC-1 48." in desc
    assert "Weak (2): PAY-102 69, STO-9 ~52." in desc
    assert '<title id="chart-title">The bread line: 8 items by score and verdict</title>' in chart


def test_every_item_is_a_labelled_mark_shaped_by_its_verdict(page):
    chart = chart_of(page)
    result = fixture_result()
    lanes = {v: re.search(rf'<g class="v-{v.value}">\n(.*?)\n</g>\n', chart, re.S).group(1) for v in Verdict}
    shapes = {Verdict.ON_LINE: "<circle", Verdict.WEAK: "<path", Verdict.SUPERFLUOUS: "<rect"}
    for verdict, lane in lanes.items():
        rows = [row for row in result.items if row.verdict is verdict]
        assert lane.count(shapes[verdict]) == len(rows)
        for row in rows:
            assert f"<title>{row.item.id}: " in lane
            assert f">{row.item.id}</text>" in lane, "labelled by id"


def test_marks_are_placed_by_score_and_sized_by_points():
    result = fixture_result()
    chart = chart_view.Chart(result, html.anchors(result.items))
    marks = {mark.label: mark for lane in chart.lanes for mark in lane.marks}
    assert marks["REF-3"].x == geometry.x_of(0) == geometry.PLOT_LEFT
    assert marks["PAY-101"].x == geometry.x_of(100) == geometry.PLOT_RIGHT
    assert marks["GRO-7"].r == geometry.R_MAX, "the most points"
    assert marks["ESC-1"].r < marks["REF-3"].r < marks["PAY-101"].r < marks["GRO-7"].r
    assert marks["STO-9"].hollow and not marks["ESC-1"].hollow, "no points: hollow"


def many(count: int, score_fields: str = "", points: int = 1) -> str:
    """`count` items that all score the same: the worst case for labels."""
    return "items:\n" + "".join(
        f"  - id: ITEM-{n:04d}\n    title: Dark mode {n}\n    points: {points}\n{score_fields}" for n in range(count))


def overlaps(chart: chart_view.Chart) -> list[tuple[str, str]]:
    """Pairs of marks (with their labels) that overlap in the same row of the same lane."""
    found = []
    for lane in chart.lanes:
        spans = []
        shape = geometry.SHAPES[lane.verdict]
        for mark in lane.marks:
            half = geometry.HALF_WIDTH[shape] * mark.r
            width = len(mark.label) * geometry.CHAR_WIDTH
            low, high = mark.x - half, mark.x + half
            if mark.side == "right":
                high += geometry.GAP + width
            elif mark.side == "left":
                low -= geometry.GAP + width
            spans.append((mark.row, low, high, mark.label))
        for i, (row, low, high, label) in enumerate(spans):
            for other_row, other_low, other_high, other in spans[i + 1:]:
                if row == other_row and low < other_high and other_low < high:
                    found.append((label, other))
    return found


EVIDENCE = ("", "    evidence: [call notes from a customer]\n", "    evidence: [{source: ZD-1, date: 2026-10-02}]\n",
            "    evidence: [{source: ZD-1, date: 2020-01-01}]\n")


def spread(copies: int) -> str:
    """Every combination of links, `copies` times: items at some 40 distinct scores, a few points apart."""
    text, n = REGISTRY + "items:\n", 0
    for _ in range(copies):
        for who, problem, step, evidence in itertools.product(
                ("", "    customer: users\n", "    customer: acme\n", "    customer: globex\n"),
                ("", "    problem: they retype totals\n"), ("", "    next: they close sooner\n"), EVIDENCE):
            text += f"  - id: ITEM-{n:04d}\n    title: Item {n}\n{who}{problem}{step}{evidence}"
            text += f"    points: {1 + n % 5}\n"
            n += 1
    return text


def test_colliding_items_keep_their_labels_apart_and_the_rest_are_listed():
    result = run_audit(spread(2))
    chart = chart_view.Chart(result, html.anchors(result.items))
    assert not [lane for lane in chart.lanes if lane.banded]
    lane = chart.lanes[2]
    assert len(lane.marks) == lane.items > 40 and not [m for m in lane.marks if m.group]
    assert overlaps(chart) == []
    labelled = [mark for mark in lane.marks if mark.side]
    quiet = [mark for mark in lane.marks if not mark.side]
    assert labelled and quiet
    notes = html.chart_notes(chart)
    assert "Not labelled for lack of room" in notes
    for mark in quiet:
        assert mark.ids[0] in notes
    for mark in labelled:
        assert mark.label not in notes


def test_items_spread_over_scores_are_all_labelled():
    text = REGISTRY + "items:\n" + "".join(
        TRACED.replace("PAY-1", f"PAY-{n}").replace("    points: 5\n", f"    points: {n}\n") for n in range(1, 4))
    result = run_audit(text + "  - id: OFF-1\n    title: Dark mode\n  - id: OFF-2\n    title: Light mode\n"
                       "    customer: acme\n")
    chart = chart_view.Chart(result, html.anchors(result.items))
    assert all(mark.side for lane in chart.lanes for mark in lane.marks)
    assert overlaps(chart) == []


def test_many_items_at_one_score_share_one_mark_and_are_listed():
    result = run_audit(many(30) + "  - id: LONE\n    title: Dark mode\n    customer: users\n    points: 1\n")
    chart = chart_view.Chart(result, html.anchors(result.items))
    lane = chart.lanes[2]
    assert not lane.banded
    pile, lone = sorted(lane.marks, key=lambda m: m.x)
    assert (pile.group, pile.label, pile.side) == ("pile", "×30", "right")
    assert pile.tooltip == "30 items superfluous at score 0, 30 points"
    assert (lone.group, lone.label, lone.side) == ("", "LONE", "right")
    notes = Tree(html.chart_notes(chart)).all_text()
    assert "One mark (×30) for the 30 items superfluous at score 0: ITEM-0000, ITEM-0001," in notes
    assert "ITEM-0029." in notes


def test_a_lane_too_full_to_mark_groups_its_items_in_bands():
    result = run_audit(spread(6))
    chart = chart_view.Chart(result, html.anchors(result.items))
    assert [lane.banded for lane in chart.lanes] == [False, False, True]
    assert all(mark.group == "band" and mark.side for mark in chart.lanes[2].marks)
    assert sum(int(mark.label[1:]) for mark in chart.lanes[2].marks) == chart.lanes[2].items
    assert "The row of" in html.chart_notes(chart) and "groups its items in bands" in html.chart_notes(chart)


def test_thousands_of_items_are_grouped_in_every_lane():
    lines = [REGISTRY, "items:\n"]
    for n in range(1500):
        if n % 3 == 0:
            lines.append(TRACED.replace("PAY-1", f"PAY-{n}"))
        elif n % 3 == 1:
            lines.append(f"  - id: W-{n}\n    title: w\n    customer: acme\n    points: 2\n")
        else:
            lines.append(f"  - id: OFF-{n}\n    title: Dark mode\n    points: {n % 7}\n")
    result = run_audit("".join(lines))
    page = html.render(result, VIEW)
    chart = chart_of(page)
    assert chart.count("<title>") <= 1 + 3 * 12, "a mark per band, not per item"
    assert "×500" in chart
    assert "Every row groups its items in bands" in page
    assert page.count("<details") == 1500, "the breakdown still holds every item"


# -- who the effort serves --------------------------------------------------------------------


def serves_rows(tree: Tree) -> list[str]:
    page_text = tree.all_text()
    table = page_text.split("Customer Points Share Items share of the points", 1)[1]
    return table.split("Off the line", 1)[0]


def test_points_per_customer_by_registry_name_and_what_serves_nobody(tree):
    table = serves_rows(tree)
    # PAY-101, MIG-7 (through PAY-101) and EU-4 serve Acme: 5 + 5 + 3 points
    assert "Acme Logistics 13 48% 3" in table
    assert "“hooli” 3 11% 1" in table, "in the registry, but nothing says they pay"
    assert "“finance admin at Acme” 0 0% 1" in table, "read from the title"
    assert table.strip().endswith("nobody: traces to no paying person 11 41% 3")


def test_customer_of():
    result = fixture_result()
    assert html.customer_of(result.find("MIG-7")) == ("Acme Logistics", True)
    assert html.customer_of(result.find("GRO-7")) is None
    assert html.customer_of(result.find("STO-9")) == ("finance admin at Acme", False)


def test_many_customers_share_a_row_beyond_the_first_fifteen():
    registry = "customers:\n" + "".join(f"  c{n}: {{name: Customer {n}, plan: business}}\n" for n in range(20))
    items = "items:\n" + "".join(
        TRACED.replace("PAY-1", f"PAY-{n}").replace("customer: acme", f"customer: c{n}") for n in range(20))
    table = serves_rows(Tree(html.render(run_audit(registry + items), VIEW)))
    assert "5 other customers 25 25% 5" in table
    assert table.count("Customer ") == 15


# -- off the line --------------------------------------------------------------------------------


def test_each_superfluous_item_with_its_links_and_the_question_that_would_save_it(page):
    cards = re.findall(r'<li class="card".*?</li>\n(?=<li class="card"|</ol>)', page, re.S)
    ids = [re.search(r'<span class="id">(.*?)</span>', card).group(1) for card in cards]
    assert ids == ["GRO-7", "REF-3", "ESC-1"], "the most points first"
    gro, ref, esc = (Tree(card).all_text() for card in cards)
    assert "who 8/40 thin problem 5/25 thin evidence 0/20 missing next 0/15 missing" in gro
    assert "Leaving us out of the picture: what is the customer trying to get done" in gro
    assert "who 0/40 missing problem 0/25 missing evidence 0/20 missing next 0/15 missing" in ref
    assert "No item has the id ‘PAY-999’: which item for a paying customer does this make possible?" in ref
    assert "Globex does not pay us: which paying customer has this problem too?" in esc


@pytest.mark.parametrize(("item", "question"), [
    ("  - id: A\n    title: Dark mode\n", "Which paying customer is this for?"),
    ("  - id: A\n    title: Dark mode\n    customer: users\n",
     "Which paying customer, by name, does ‘users’ stand for?"),
    ("  - id: A\n    title: Bump lodash\n    type: chore\n", "Which customer-facing item does this make possible?"),
    ("  - id: A\n    title: Dark mode for the sprint demo\n",
     "Setting ‘for the sprint’ aside: which paying customer needs this, and for what?"),
    ("  - id: A\n    title: Dark mode\n    customer: acme\n    points: 3\n",
     "What is Acme Logistics trying to get done, and what gets in the way?"),
])
def test_the_question_is_asked_in_the_customers_terms(item, question):
    (row,) = run_audit(REGISTRY + "items:\n" + item, threshold=70).items
    assert row.verdict is Verdict.SUPERFLUOUS
    assert html.saving_question(row) == question


def test_nothing_superfluous_says_so():
    text = Tree(html.render(run_audit(REGISTRY + "items:\n" + TRACED), VIEW)).all_text()
    assert "No superfluous item: every item traces to a paying person's problem." in text


# -- every item, link by link ---------------------------------------------------------------------


def test_every_item_opens_to_its_links(page, tree):
    result = fixture_result()
    details = tree.tags("details")
    assert len(details) == len(result.items)
    assert len(tree.tags("summary")) == len(result.items)
    assert [attrs["id"] for attrs in details] == [f"item-{row.item.id}" for row in result.items]
    eu = page.split('<details id="item-EU-4">', 1)[1].split("</details>", 1)[0]
    eu_text = Tree(eu).all_text()
    assert "who 40/40 Acme Logistics pays us, business plan (from customer:)" in eu_text
    assert "evidence 20/20 BL301 waived: new market, approved by Dana" in eu_text
    assert "(waived: new market, approved by Dana)" in eu_text
    mig = Tree(page.split('<details id="item-MIG-7">', 1)[1].split("</details>", 1)[0]).all_text()
    assert "No line of its own: it traces through PAY-101" in mig
    ref = page.split('<details id="item-REF-3">', 1)[1].split("</details>", 1)[0]
    assert "Worth most:</span> Add <code>customer:</code> naming who pays" in ref


def test_findings_about_the_file_are_noted(tree):
    assert "unknown top-level key &#39;custmers&#39;" not in tree.all_text()
    assert "BL901 unknown top-level key 'custmers' is ignored; did you mean 'customers'?" in tree.all_text()


def test_anchors_are_valid_and_unique_when_ids_are_not():
    result = run_audit("- id: a b\n  title: x\n- id: a-b\n  title: y\n- id: '<>'\n  title: z\n")
    assert list(html.anchors(result.items).values()) == ["item-a-b", "item-a-b-2", "item-3"]


# -- escaping -----------------------------------------------------------------------------------------

HOSTILE = """\
customers:
  evil: {name: "<b>Evil</b> & Co", plan: business}
items:
  - id: "X\\"><svg onload=alert(1)>"
    title: "<script>alert(1)</script>"
    customer: evil
    problem: "</details><img src=x onerror=alert(2)>"
    next: "they 'quote' \\"things\\""
    points: 3
    url: "javascript:alert(3)"
  - id: Y-1
    title: "Tab\\tand bell\\a and NUL\\0"
    customer: "<i>users</i>"
    labels: ["<u>x</u>"]
"""


def test_backlog_text_is_escaped_everywhere():
    page = html.render(run_audit(HOSTILE), VIEW)
    tree = Tree(page)
    assert not tree.tags("script") and not tree.tags("img") and not tree.tags("b") and not tree.tags("i")
    assert not tree.tags("u")
    assert not [attrs for _, attrs in tree.elements if any(k.startswith("on") for k in attrs)]
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = tree.all_text()
    assert "<script>alert(1)</script>" in text, "the title reads as text"
    assert "<b>Evil</b> & Co" in text
    assert "javascript:" not in [attrs.get("href") for attrs in tree.tags("a")]
    assert all(attrs["href"].startswith("#") for attrs in tree.tags("a"))
    assert "\x07" not in page and "\x00" not in page and "\ufffd" in page


def test_esc():
    assert html_text.esc("<a href=\"x\" title='y'>&</a>") == "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
    assert html_text.esc("bell\a surrogate\ud800") == "bell\ufffd surrogate\ufffd"
    assert html_text.code_spans("Add `customer:` <now>") == "Add <code>customer:</code> &lt;now&gt;"
    assert html_text.code_spans("odd ` tick") == "odd ` tick"


def test_an_empty_backlog_renders():
    page = html.render(run_audit("items: []\n"), VIEW)
    assert "The backlog has no items." in page and page.endswith("</html>\n")


# -- contrast ------------------------------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_text_colours_meet_wcag_aa_on_the_page_and_the_chart_bands():
    colours = dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", html.CSS))
    for name in ("ink", "muted", "on-line", "weak", "superfluous", "nobody"):
        for background in ("paper", "band"):
            ratio = contrast(colours[name], colours[background])
            assert ratio >= 4.5, f"{name} on {background}: {ratio:.2f}"
        assert contrast(colours[name], "#ffffff") >= 4.5
    for name in ("on-line", "weak", "superfluous"):
        assert contrast("#ffffff", colours[name]) >= 4.5, f"white on {name} in the split bar"
    assert contrast("#0b57d0", "#ffffff") >= 4.5, "links"
