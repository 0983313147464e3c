"""The configuration's `tracker:` key: the field mapping and the issue address template."""

from __future__ import annotations

import pytest

from breadline.config import load_config
from breadline.errors import ConfigError


def _config(tmp_path, text: str, name: str = "breadline.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_config(str(path))


def test_tracker_fields_and_url(tmp_path):
    config = _config(tmp_path, "threshold: 50\ntracker:\n  fields:\n    Customer: customer\n    Zendesk ticket: Evidence\n"
                               "    Why: who\n  url: https://acme.atlassian.net/browse/{id}\n")
    assert config.tracker_fields == (("Customer", "customer"), ("Zendesk ticket", "evidence"), ("Why", "customer"))
    assert config.tracker_url == "https://acme.atlassian.net/browse/{id}"
    assert config.settings.threshold == 50


def test_pyproject_table(tmp_path):
    config = _config(tmp_path, '[tool.breadline.tracker]\nurl = "https://linear.app/acme/issue/{id}"\n'
                               '[tool.breadline.tracker.fields]\n"Custom field (Customer)" = "customer"\n', "pyproject.toml")
    assert config.tracker_fields == (("Custom field (Customer)", "customer"),)


def test_no_tracker_key_means_no_mapping_beyond_the_defaults(tmp_path):
    config = _config(tmp_path, "threshold: 40\n")
    assert config.tracker_fields == () and config.tracker_url is None
    assert _config(tmp_path, "tracker:\n").tracker_fields == ()


@pytest.mark.parametrize("text, message", [
    ("tracker: [a]\n", "`tracker` must be a mapping with `fields` and/or `url`"),
    ("tracker: {feilds: {a: customer}}\n", "`tracker` has unknown key 'feilds' (did you mean 'fields'?)"),
    ("tracker: {colour: red}\n", "`tracker` has unknown key 'colour'; its keys are fields, url"),
    ("tracker: {fields: [Customer]}\n", "`tracker.fields` must map a tracker column or field to a breadline field"),
    ("tracker: {fields: {Customer: custmer}}\n", "'Customer' maps to 'custmer', which is not a field breadline reads "
                                                 "(did you mean 'customer'?)"),
    ("tracker: {fields: {Customer: [customer]}}\n", "`tracker.fields.Customer` must name a breadline field"),
    ("tracker:\n  url: acme.atlassian.net/browse/{id}\n", "`tracker.url` must be a web address with {id} in it"),
    ("tracker: {url: 'https://acme.atlassian.net/browse/'}\n", "`tracker.url` must be a web address with {id} in it"),
    ("trackers: {}\n", "unknown key 'trackers' (did you mean 'tracker'?)"),
])
def test_mistakes_are_precise_errors(tmp_path, text, message):
    with pytest.raises(ConfigError) as caught:
        _config(tmp_path, text)
    assert message in caught.value.message
