"""Property-based tests: whatever YAML arrives, breadline answers with exit code 0, 1 or 2 and
never a traceback, in every format."""

from __future__ import annotations

import os

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from breadline.cli import app
from breadline.formats import Format

FORMATS = [member.value for member in Format]
FIELDS = ["id", "title", "description", "customer", "problem", "evidence", "next", "serves", "points", "labels",
          "type", "status", "waive", "url", "custmer", "assignee"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40), st.dates(),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)), max_leaves=12)
items = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)
unicode_items = st.fixed_dictionaries(
    {"id": st.text(min_size=1, max_size=12), "title": st.text(min_size=1, max_size=60)},
    optional={name: st.text(max_size=80) for name in ("description", "customer", "problem", "next", "status")},
)

RUNNER = CliRunner()
SETTINGS = settings(max_examples=int(os.environ.get("BREADLINE_EXAMPLES", "40")),  # more: BREADLINE_EXAMPLES=600
 deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                           HealthCheck.too_slow])


def _audit(tmp_path, text: str, output_format: str) -> None:
    path = tmp_path / "backlog.yaml"
    path.write_text(text, encoding="utf-8")
    result = RUNNER.invoke(app, ["audit", "--all", "-f", output_format, str(path)], env={"NO_COLOR": "1"})
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.exit_code in (0, 1, 2), result.exit_code
    assert "Traceback" not in result.stdout + result.stderr
    if result.exit_code == 2:
        assert result.stderr.startswith("breadline: error:")


def _dump(document) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(document=values, output_format=st.sampled_from(FORMATS))
def test_any_yaml_document(tmp_path, document, output_format):
    _audit(tmp_path, _dump(document), output_format)


@SETTINGS
@given(backlog=st.lists(items, max_size=6), registry=st.dictionaries(st.text(max_size=8), values, max_size=3),
       output_format=st.sampled_from(FORMATS))
def test_any_item_mappings(tmp_path, backlog, registry, output_format):
    _audit(tmp_path, _dump({"customers": registry, "items": backlog}), output_format)


@SETTINGS
@given(backlog=st.lists(unicode_items, min_size=1, max_size=6), output_format=st.sampled_from(FORMATS))
def test_any_unicode_in_every_field(tmp_path, backlog, output_format):
    _audit(tmp_path, _dump(backlog), output_format)


@SETTINGS
@given(text=st.text(max_size=300))
def test_any_text_at_all(tmp_path, text):
    _audit(tmp_path, text, "json")
