"""Shared helpers for the tracker import tests: the sample exports and a one-call reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from breadline.importers import ImportOptions, read_export

TRACKERS = Path(__file__).parent.parent / "data" / "trackers"
TODAY = dt.date(2026, 11, 25)
"""Inside Linear's cycle 47 in linear-export.csv (2026-11-23 to 2026-12-04)."""

EXPORTS = {
    "jira-cloud.csv": "jira-csv",
    "jira-excel-semicolon.csv": "jira-csv",
    "jira-search.json": "jira-json",
    "jira-search-v2.json": "jira-json",
    "github-gh.json": "github",
    "github-rest.json": "github",
    "gitlab-issues.csv": "gitlab",
    "linear-export.csv": "linear",
}
"""Every readable sample export and the format it is in."""


def sample(name: str) -> str:
    return str(TRACKERS / name)


def read(name: str, **options):
    """Read a sample export (or any path) with today pinned."""
    path = name if "/" in name else sample(name)
    options.setdefault("today", TODAY)
    return read_export(path, options=ImportOptions(**options))


def by_id(export):
    return {record.id: record for record in export.records}


@pytest.fixture
def isolated(tmp_path, monkeypatch):
    """A working folder with no configuration above it that could change the import."""
    monkeypatch.chdir(tmp_path)
    return tmp_path
