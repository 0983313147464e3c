"""GitHub Actions workflow commands: one annotation per item off the line, escaped as @actions/core does."""

from __future__ import annotations

import pytest

from breadline.audit import audit
from breadline.formats import View
from breadline.formats import github
from breadline.load import load_text
from breadline.model import Settings
from tests.conftest import REGISTRY, TODAY, TRACED
from tests.formats.fixture import fixture_result

AT = "file=tests/data/formats/backlog.yaml"
PAY_102 = (f"{AT},line=20,col=5,title=breadline%3A PAY-102 weak (score 69)::"
           "Remind finance admins before a payment run%0AMissing: next.%0AThin: who, evidence.%0A"
           "Best fix: Add `next:` with what changes for the customer once this ships. (+15 points, BL401)")
GRO_7 = (f"{AT},line=27,col=5,title=breadline%3A GRO-7 superfluous (score 13)::"
         "Boost engagement with our app for the sprint demo%0ADecided by BL202 self-centric-problem ‘increase engagement’.%0A"
         "Missing: evidence, next.%0AThin: who, problem.%0A"
         "Best fix: Rewrite `problem:` as the customer's job and what gets in its way, in their words. "
         "(BL202: it takes the item off the line)")
REF_3 = (f"{AT},line=38,col=5,title=breadline%3A REF-3 superfluous (score 0)::"
         "Refactor the billing module%0ADecided by BL601 unknown-served-item ‘PAY-999’.%0AMissing: who, problem, evidence, next.%0A"
         "Best fix: Add `customer:` naming who pays and is helped, or `serves: ID` naming the item it enables. "
         "(+40 points, BL101)")
STO_9 = (f"{AT},line=50,col=5,title=breadline%3A STO-9 weak (score ~52)::"
         "As a finance admin at Acme I want invoices exported to NetSuite so that I stop retyping totals%0A"
         "Missing: evidence.%0AThin: who, problem, next.%0A"
         "Best fix: Add `evidence:` with a ticket, interview or request count, and its date. (+20 points, BL301)")
ESC_1 = (f"{AT},line=52,col=5,title=breadline%3A ESC-1 superfluous (score 48)::"
         "Überweisung café 🧾: 100%25 \"fast\", a|b, 'quoted'%0Asecond line%0A"
         "Decided by BL103 non-paying-customer ‘globex’.%0AMissing: evidence.%0AThin: who.%0A"
         "Best fix: Name the paying customer this helps too, or waive BL103 with the reason "
         "(e.g. a trial about to convert). (+32 points, BL103)")


@pytest.mark.parametrize(("fail_on", "weak", "superfluous"), [
    ("superfluous", "warning", "error"),
    ("weak", "error", "error"),
    ("never", "warning", "warning"),
])
def test_fixture_lines_for_each_fail_on(fail_on, weak, superfluous):
    out = github.render(fixture_result(), View(fail_on=fail_on))
    assert out.splitlines() == [
        f"::warning {AT},line=8,col=1,title=breadline%3A BL901 misspelled-field::"
        "unknown top-level key 'custmers' is ignored; did you mean 'customers'?",
        f"::{weak} {PAY_102}",
        f"::{superfluous} {GRO_7}",
        f"::{superfluous} {REF_3}",
        f"::{weak} {STO_9}",
        f"::{superfluous} {ESC_1}",
    ]
    assert out.endswith(")\n"), "one line per item (and per file finding), no summary line"


def test_items_on_the_line_say_nothing():
    result = audit(load_text(REGISTRY + "items:\n" + TRACED, "b.yaml"), Settings(today=TODAY))
    assert github.render(result, View()) == ""


def test_properties_and_message_are_escaped_like_the_toolkit():
    text = '- id: "Q4: 1,5% done"\n  title: "Rate: 5%, then 10%\\r\\nnext: 20%"\n'
    result = audit(load_text(text, "plans/q4, final: v2%.yaml"), Settings(today=TODAY))
    assert github.render(result, View()) == (
        "::error file=plans/q4%2C final%3A v2%25.yaml,line=1,col=3,"
        "title=breadline%3A Q4%3A 1%2C5%25 done superfluous (score 0)::"
        "Rate: 5%25, then 10%25%0D%0Anext: 20%25%0AMissing: who, problem, evidence, next.%0A"
        "Best fix: Add `customer:` naming who pays and is helped, or `serves: ID` naming the item it enables. "
        "(+40 points, BL101)\n"
    )


def test_escape_functions_match_actions_core():
    # escapeData: % first (so nothing is escaped twice), then \r and \n; nothing else.
    assert github.escape_data("100%\r\n: , %0A") == "100%25%0D%0A: , %250A"
    # escapeProperty: escapeData plus : and ,
    assert github.escape_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d%0Ae"


def test_within_the_per_step_limits_the_most_important_then_how_many_more():
    items = "".join(f"  - id: S-{n}\n    title: Dark mode {n}\n    points: {n}\n" for n in range(15))
    items += "".join(f"  - id: W-{n}\n    title: w\n    customer: acme\n" for n in range(12))
    result = audit(load_text(REGISTRY + "items:\n" + items, "b.yaml"), Settings(today=TODAY))
    lines = github.render(result, View()).splitlines()
    errors = [line for line in lines if line.startswith("::error")]
    warnings = [line for line in lines if line.startswith("::warning")]
    assert len(errors) == len(warnings) == github.PER_STEP
    kept = [line.split("%3A ")[1].split(" ")[0] for line in errors[:-1]]
    assert kept == [f"S-{n}" for n in range(6, 15)]  # the largest items, in file order
    assert errors[-1].startswith("::error title=breadline%3A 6 more failing items::")
    assert "S-5, S-4, S-3, S-2, S-1, S-0" in errors[-1]
    assert warnings[-1].startswith("::warning title=breadline%3A 3 more weakened items::")
