"""Shared fixtures: backlogs written to temporary files, and the CLI driven the way users run it."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from breadline.audit import audit
from breadline.cli import app
from breadline.load import load_text
from breadline.model import AuditResult, Settings

TODAY = dt.date(2026, 11, 23)
"""Evidence age is measured against this date in library tests, so results never drift."""

DATA = Path(__file__).parent / "data"
ROOT = Path(__file__).parent.parent

REGISTRY = """\
customers:
  acme: {name: Acme Logistics, plan: business, mrr: 1200, contact: Dana Ruiz}
  globex: {name: Globex, plan: trial}
  initech: {name: Initech, plan: internal}
  hooli: {name: Hooli}
"""

TRACED = """\
  - id: PAY-1
    title: Export invoices to NetSuite
    customer: acme
    problem: Acme's finance team retypes invoice totals into NetSuite every month
    evidence: [{source: ZD-4411 from Dana, date: 2026-10-02}]
    next: they close the month a day sooner
    points: 5
"""


def run_audit(text: str, **settings) -> AuditResult:
    """Audit YAML text with today pinned to TODAY."""
    return audit(load_text(textwrap.dedent(text), "backlog.yaml"), Settings(today=TODAY, **settings))


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a backlog (text or bytes) to a temporary file and return its path."""

    def _write(content: str | bytes, name: str = "backlog.yaml") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def cli():
    """Run breadline in-process as a user would, with stdout and stderr kept apart."""
    runner = CliRunner()

    def _cli(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, [str(a) for a in args], env={"NO_COLOR": "1", "COLUMNS": "120", **(env or {})})

    return _cli


@pytest.fixture(autouse=True)
def _own_cache_folder(tmp_path_factory, monkeypatch):
    """Every test gets a cache folder of its own (where `breadline ask` keeps its place), never
    the user's."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
