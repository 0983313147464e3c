"""The report's shape (read/shape.py): a logistic model over an item's words, whose weights are
the word list `report-shape`; its family is run with the others by test_families.py."""

from __future__ import annotations

import json
import math

import pytest
import yaml

from breadline import words
from breadline.match import stems_of
from breadline.read import shape

SHIPPED = words.shipped(shape.LIST)


def test_parse_reads_the_bias_and_each_weight_by_where_its_word_stands():
    weights = shape.parse(("bias -1.5", "title invoic 0.5", "lead i 2", "label bug 2.5"))
    assert weights.bias == -1.5
    assert weights.weight == {("title", "invoic"): 0.5, ("lead", "i"): 2.0, ("label", "bug"): 2.5}


@pytest.mark.parametrize("line", ["body i 2", "lead i", "lead i two", "lead i nan", "lead i inf", "bias", "i 2 3 4"])
def test_a_line_that_is_not_a_weight_is_named_and_left_out(line):
    assert shape.bad_line(line) is not None
    assert shape.parse((line, "bias 1")).weight == {}


@pytest.mark.parametrize("line", ["bias -2.2", "title bug 0.77", "lead can't -0.1", "label enhancement -0.49"])
def test_a_weight_line_is_not_named_bad(line):
    assert shape.bad_line(line) is None


def test_features_are_each_stem_once_by_where_it_stands():
    seen = shape.features("Invoices are blank", ("invoic", "ar", "blank", "i", "i"), ("bug", "customer-reported"))
    assert ("title", "invoic") in seen and ("lead", "invoic") in seen and ("lead", "i") in seen
    assert ("label", "bug") in seen and ("label", "customer-reported") in seen
    assert ("title", "i") not in seen


def test_an_unspaced_script_is_also_seen_as_pairs_of_characters():
    # "I have a problem with my booking section": one word to the splitter; its pairs recur.
    seen = shape.features("我的预约板块有问题", (), ("会员",))
    assert ("title", "问题") in seen and ("title", "预约") in seen and ("title", "我的预约板块有问题") in seen
    assert ("label", "会员") in seen  # a run of two is its own pair
    assert shape.features("Invoices are blank", ("blank",), ()) == frozenset({
        ("title", "invoic"), ("title", "are"), ("title", "blank"), ("lead", "blank")})  # spaced scripts as before
    cyrillic = "Не считывает чеки"  # spaced: its words alone
    assert shape.features(cyrillic, (), ()) == frozenset(("title", word) for word in stems_of(cyrillic))


def test_a_pair_of_characters_is_quoted_as_written():
    assert shape.written("订单支付后一直卡住 the page", ("卡住", "pag")) == ("卡住", "page")
    assert shape.written("订单支付", ("卡住",)) == ()


def test_probability_is_the_logistic_of_the_bias_and_the_weights_of_the_words_seen():
    weights = shape.parse(("bias -2", "lead i 2", "lead aft 1", "title bump -3"))
    assert shape.probability(weights, frozenset()) == pytest.approx(1 / (1 + math.exp(2)))
    both = shape.probability(weights, frozenset({("lead", "i"), ("lead", "aft")}))
    assert both == pytest.approx(1 / (1 + math.exp(-1)))
    assert shape.probability(weights, frozenset({("title", "bump")})) < shape.probability(weights, frozenset())
    huge = shape.parse(("bias 1e300",))
    assert shape.probability(huge, frozenset()) == pytest.approx(1.0)  # bounded, no overflow


def test_the_words_quoted_are_the_strongest_for_a_report_as_written():
    weights = shape.parse(("bias -2", "lead i 2", "lead aft 1.4", "lead the 0.9", "lead 2 0.8", "lead blank 1.6",
                           "lead bump -1"))
    seen = shape.features("Page blank", ("after", "i", "the", "2", "blank", "bump"), ())
    seen = frozenset({("lead", s) for s in ("aft", "i", "the", "2", "blank", "bump")})
    top = shape.strongest(weights, seen)
    assert top == ("i", "blank", "aft")  # not "the" nor "2": they weigh but say nothing
    assert shape.written("After the upgrade I see a Blank page", top) == ("I", "Blank", "After")


def test_the_shipped_weights_are_all_weights_with_a_bias_and_say_where_they_come_from():
    assert SHIPPED and all(shape.bad_line(line) is None for line in SHIPPED)
    assert sum(line.startswith("bias ") for line in SHIPPED) == 1
    header = open(words.FOLDER + f"/{shape.LIST}.txt", encoding="utf-8").read().split("\nbias")[0]
    assert "bench/train_shape.py" in header and "tests/data/real" in header and "AUC" in header
    weights = shape.parse(SHIPPED)
    assert weights.weight[("lead", "i")] > 0 > weights.weight[("lead", "bump")]


def _audit(cli, tmp_path, items, config=None):
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": items}), encoding="utf-8")
    args = ["audit", "--all", "-f", "json", path]
    if config is not None:
        (tmp_path / "breadline.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
        args = ["audit", "--all", "-f", "json", "--config", tmp_path / "breadline.yaml", path]
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    return {row["id"]: row for row in json.loads(result.stdout)["items"]}


REPORT = {"id": "R-1", "title": "Invoice totals",
          "description": "After I changed my VAT rate the totals on my invoices are different from the ones on screen."}
"""A report no phrase list reads (no failure word, no pain, nobody named): its shape alone."""


def test_an_item_that_reads_like_a_report_is_not_superfluous_and_says_why(cli, tmp_path):
    row = _audit(cli, tmp_path, [REPORT])["R-1"]
    assert row["verdict"] != "superfluous"
    who = {link["name"]: link for link in row["links"]}["who"]
    assert who["signal"] == "report-shape" and who["certainty"] == "likely"
    out = " ".join(cli("explain", "R-1", tmp_path / "backlog.yaml").stdout.split())
    quoted = out.split("likely, report-shape: “", 1)[1].split("”", 1)[0].split(", ")
    assert {"I", "After"} <= set(quoted), out  # the words that weighed most, as written


def test_switched_off_through_the_configuration_the_shape_reads_nothing(cli, tmp_path):
    row = _audit(cli, tmp_path, [REPORT], config={"words": {"report-shape": {"replace": []}}})["R-1"]
    assert all(link.get("signal") != "report-shape" for link in row["links"])


def test_a_weight_of_ones_own_is_read_beside_the_shipped_ones(cli, tmp_path):
    item = {"id": "R-2", "title": "Frobnicator"}
    assert _audit(cli, tmp_path, [item])["R-2"]["verdict"] == "superfluous"
    row = _audit(cli, tmp_path, [item], config={"words": {"report-shape": ["title frobnicator 9"]}})["R-2"]
    assert {link["name"]: link.get("signal") for link in row["links"]}["who"] == "report-shape"
    # Words as one writes them: "ledgers" weighs for "ledger", whose stem is "ledg".
    row = _audit(cli, tmp_path, [{"id": "R-2", "title": "Ledger"}],
                 config={"words": {"report-shape": ["title ledgers 9"]}})["R-2"]
    assert {link["name"]: link.get("signal") for link in row["links"]}["who"] == "report-shape"


def test_a_chore_that_reads_like_a_report_is_still_judged_by_the_rules(cli, tmp_path):
    item = {"id": "C-1", "title": "chore(deps): bump eslint from 8.1 to 8.2",
            "description": "I bumped it after my build did not work."}
    assert _audit(cli, tmp_path, [item])["C-1"]["verdict"] == "superfluous"


@pytest.mark.parametrize("line", ["lead i two", "body i 2", "lead"])
def test_a_configured_line_that_is_not_a_weight_is_a_one_line_error(cli, tmp_path, line):
    (tmp_path / "breadline.yaml").write_text(yaml.safe_dump({"words": {"report-shape": [line]}}), encoding="utf-8")
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [REPORT]}), encoding="utf-8")
    result = cli("audit", "--config", tmp_path / "breadline.yaml", path)
    assert result.exit_code == 2
    assert "breadline.yaml" in result.stderr and "report-shape" in result.stderr and "not a weight" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_the_shipped_weights_were_fitted_on_the_development_part_as_it_stands():
    """Adding a development batch calls for `make train`: the header counts what it was fitted on."""
    import re
    import sys

    from tests.conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    import judge

    header = open(words.FOLDER + f"/{shape.LIST}.txt", encoding="utf-8").read()
    fitted = re.search(r"from the (\d+) labelled items \((\d+) traced\).*?\((\d+) files", header, re.DOTALL)
    assert fitted, header[:400]
    files = judge.part_files("development")
    labels = [item["expected"] for path in files for item in judge.labels(path).values()]
    assert (int(fitted[1]), int(fitted[2]), int(fitted[3])) == (
        sum(label in ("traced", "untraced") for label in labels), labels.count("traced"), len(files)), \
        "the development part changed since the weights were fitted: run `make train`"


# -- the change's shape: a second model over the same words (pull request or issue) ---------------

CHANGE_SHIPPED = words.shipped(shape.CHANGE_LIST)

CHANGES = (
    "Add latest tool requests from Webflow: List Collection Items || Create Collection Items, Update Collection "
    "Items, Publish Collection Items",
    "Format goctl generate tools code and add error handlers funcs.",
)
"""Untyped items the shipped change model reads as pull requests (both were pull requests)."""

REPORTS = (
    "Login page hangs || After I updated to 2.3 I cannot log in, the button does nothing.",
    "Excel export has missing values || Since the update, when I export my orders the file is missing the totals.",
    "Add dark mode || It would be nice to have a dark mode.",
)
"""Untyped items it must not read as changes: reports and a wish."""


def _words(example: str, kind: str = ""):
    from dataclasses import replace

    from tests.read.test_families import item_words

    return replace(item_words(example), kind=kind)


@pytest.mark.parametrize("example", CHANGES)
def test_the_shipped_change_shape_reads_an_untyped_pull_request_as_a_change(example):
    from breadline.read import families

    words_of = _words(example)
    assert families.change_probability(words_of, words.builtin) >= shape.CHANGE_AT
    assert families.is_change(words_of, words.builtin)


@pytest.mark.parametrize("example", REPORTS)
def test_the_shipped_change_shape_leaves_a_report_a_report(example):
    from breadline.read import families

    words_of = _words(example)
    assert families.change_probability(words_of, words.builtin) < shape.CHANGE_AT
    assert not families.is_change(words_of, words.builtin)


@pytest.mark.parametrize("kind", ["issue", "task", "story"])
def test_a_type_the_export_gives_decides_before_the_change_shape(kind):
    from breadline.read import families

    assert not families.is_change(_words(CHANGES[0], kind), words.builtin)


def test_the_shipped_change_weights_are_weights_and_say_what_they_were_fitted_on():
    import re
    import sys

    from tests.conftest import ROOT

    assert CHANGE_SHIPPED and all(shape.bad_line(line) is None for line in CHANGE_SHIPPED)
    assert sum(line.startswith("bias ") for line in CHANGE_SHIPPED) == 1
    sys.path.insert(0, str(ROOT / "bench"))
    import judge

    header = open(words.FOLDER + f"/{shape.CHANGE_LIST}.txt", encoding="utf-8").read()
    fitted = re.search(r"from the (\d+) items with a type \((\d+)\s*#?\s*pull requests\).*?\((\d+) files", header,
                       re.DOTALL)
    assert fitted, header[:400]
    typed = [item for path in judge.part_files("development") for item in judge.labels(path).values()
             if "type" in item and item["expected"] in ("traced", "untraced")]
    files = {path for path in judge.part_files("development")
             if any("type" in item for item in judge.labels(path).values())}
    assert (int(fitted[1]), int(fitted[2]), int(fitted[3])) == (
        len(typed), sum(str(item["type"]) in ("pull request", "pull_request") for item in typed), len(files)), \
        "the development part changed since the weights were fitted: run `make train`"


UNTYPED = {"id": "P-1", "title": "Frobnicate the widget cache"}
"""An item nothing reads a link in: superfluous, medium sure as an issue, high as a change."""


def test_an_untyped_item_the_change_shape_holds_a_change_is_sure_superfluous(cli, tmp_path):
    own = {"words": {"change-shape": {"replace": ["bias -3", "title frobnicate 9"]}}}
    row = _audit(cli, tmp_path, [UNTYPED], config=own)["P-1"]
    assert row["verdict"] == "superfluous" and row["confidence"] == "high"
    out = " ".join(cli("explain", "P-1", tmp_path / "backlog.yaml", "--config", tmp_path / "breadline.yaml").stdout.split())
    assert "a change, a pull request" in out
    off = {"words": {"change-shape": {"replace": []}}}
    assert _audit(cli, tmp_path, [UNTYPED], config=off)["P-1"]["confidence"] == "medium"
    typed = {**UNTYPED, "type": "issue"}
    assert _audit(cli, tmp_path, [typed], config=own)["P-1"]["confidence"] == "medium"


def test_a_configured_change_line_that_is_not_a_weight_is_a_one_line_error(cli, tmp_path):
    (tmp_path / "breadline.yaml").write_text(yaml.safe_dump({"words": {"change-shape": ["title frob two"]}}),
                                              encoding="utf-8")
    path = tmp_path / "backlog.yaml"
    path.write_text(yaml.safe_dump({"items": [UNTYPED]}), encoding="utf-8")
    result = cli("audit", "--config", tmp_path / "breadline.yaml", path)
    assert result.exit_code == 2
    assert "change-shape" in result.stderr and "not a weight" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
