"""The one backlog every output format is rendered from, audited with today pinned."""

from __future__ import annotations

from breadline.audit import audit
from breadline.load import load_text
from breadline.model import AuditResult, Settings
from tests.conftest import ROOT, TODAY

FIXTURE = "tests/data/formats/backlog.yaml"
"""Relative to the repository root, as a user would type it: the goldens hold this path."""


def fixture_result() -> AuditResult:
    text = (ROOT / FIXTURE).read_text(encoding="utf-8")
    return audit(load_text(text, FIXTURE), Settings(today=TODAY))
