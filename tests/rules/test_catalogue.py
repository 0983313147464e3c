"""Every rule carries its documentation, and its examples do what they say."""

from __future__ import annotations

import re

import pytest

from breadline.rules import FAMILIES, RULES
from tests.conftest import run_audit


def test_codes_are_stable_shaped_and_unique():
    assert RULES, "the catalogue is empty"
    for code, rule in RULES.items():
        assert code == rule.code
        assert re.fullmatch(r"BL\d{3}", code)
        assert code[2] in FAMILIES


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_rule_is_documented(rule):
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.name), "names are kebab-case problem names"
    assert rule.summary.endswith(".") and "\n" not in rule.summary
    assert len(rule.why) > 40
    assert rule.fix
    assert rule.severity in {"error", "warning", "info"}
    assert rule.bad.strip() and rule.good.strip() and rule.bad != rule.good


def test_names_are_unique():
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_link_rules_sit_in_their_links_family(rule):
    family_links = {"1": "who", "2": "problem", "3": "evidence", "4": "next"}
    if rule.code[2] in family_links:
        assert rule.link == family_links[rule.code[2]]


def _codes(text: str) -> set[str]:
    result = run_audit(text)
    found = {f.code for f in result.findings}
    for row in result.items:
        found |= {f.code for f in row.findings}
    return found


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_bad_example_fires_the_rule(rule):
    assert rule.code in _codes(rule.bad)


@pytest.mark.parametrize("rule", RULES.values(), ids=list(RULES))
def test_good_example_keeps_it_quiet(rule):
    assert rule.code not in _codes(rule.good)
