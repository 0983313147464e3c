"""`breadline report`: writes the planning view, exits 0 whatever the items, 2 when the run is broken."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from tests.conftest import REGISTRY, ROOT, TRACED

OFF = "  - id: OFF-1\n    title: Dark mode\n    points: 3\n"
SPRINT = ROOT / "examples" / "sprint.yaml"


def test_writes_report_html_and_exits_0_though_items_are_superfluous(cli, write, tmp_path, monkeypatch):
    # Dated today, so that the evidence never goes stale and the split stays as written below.
    backlog = write(REGISTRY + "items:\n" + TRACED.replace("2026-10-02", dt.date.today().isoformat()) + OFF)
    monkeypatch.chdir(tmp_path)
    result = cli("report", backlog)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "OFF-1" in page and "PAY-1" in page
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".breadline-")] == [], "written atomically"
    lines = result.stderr.splitlines()
    assert lines[0] == "38% of the points (3 of 8, in 1 item) are superfluous: they trace to no paying person's problem."
    assert lines[1].endswith("█ on the line 62% · ▓ weak 0% · ░ superfluous 38% of 8 points")
    assert lines[2] == "Wrote report.html: open it in a browser, or print it."


def test_output_file_and_stdout(cli, tmp_path):
    target = tmp_path / "planning" / "sprint 47.html"
    target.parent.mkdir()
    assert cli("report", SPRINT, "-o", target).exit_code == 0
    assert "INT-214" in target.read_text(encoding="utf-8")
    result = cli("report", SPRINT, "--output", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and result.stdout.endswith("</html>\n")
    assert "Wrote" not in result.stderr


def test_an_existing_report_is_replaced(cli, write, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("old")
    assert cli("report", write(OFF.replace("  - ", "- ").replace("\n    ", "\n  ")), "-o", target).exit_code == 0
    assert "OFF-1" in target.read_text(encoding="utf-8")


def test_several_files_and_stdin(cli, write, tmp_path):
    from typer.testing import CliRunner

    from breadline.cli import app

    one = write("- id: A\n  title: a\n", "one.yaml")
    two = write("- id: B\n  title: b\n", "two.yaml")
    target = tmp_path / "out.html"
    assert cli("report", one, two, "-o", target).exit_code == 0
    page = target.read_text(encoding="utf-8")
    assert "one.yaml" in page and "two.yaml" in page and 'id="item-A"' in page and 'id="item-B"' in page
    result = CliRunner().invoke(app, ["report", "-", "-o", "-"], input="- id: C\n  title: c\n")
    assert result.exit_code == 0 and 'id="item-C"' in result.stdout and "standard input" in result.stdout
    assert "&lt;stdin&gt;" not in result.stdout


def test_threshold_select_and_ignore_as_in_audit(cli, write):
    backlog = write(REGISTRY + "items:\n" + TRACED.replace("    next: they close the month a day sooner\n", "") + OFF)
    base = cli("report", backlog, "-o", "-")
    assert "38% of the points (3 of 8, in 1 item)" in base.stderr
    strict = cli("report", backlog, "-o", "-", "--threshold", "90")
    assert "100% of the points (8 of 8, in 2 items)" in strict.stderr
    ignored = cli("report", backlog, "-o", "-", "--ignore", "BL401")
    assert "BL401" in base.stdout and "BL401" not in ignored.stdout
    selected = cli("report", backlog, "-o", "-", "--select", "BL1")
    assert "BL401" not in selected.stdout and "BL101" in selected.stdout


def test_config_is_discovered_and_can_be_given(cli, write, tmp_path):
    backlog = write(REGISTRY + "items:\n" + TRACED.replace("    next: they close the month a day sooner\n", "") + OFF)
    (tmp_path / "breadline.yaml").write_text("threshold: 90\n")
    assert "(8 of 8, in 2 items)" in cli("report", backlog, "-o", "-").stderr
    other = tmp_path / "other.yaml"
    other.write_text("threshold: 40\n")
    assert "(3 of 8, in 1 item)" in cli("report", backlog, "-o", "-", "--config", other).stderr


def test_input_errors_exit_2_with_one_line_and_write_nothing(cli, write, tmp_path):
    target = tmp_path / "report.html"
    missing = cli("report", tmp_path / "none.yaml", "-o", target)
    assert missing.exit_code == 2
    assert missing.stderr.startswith("breadline: error:") and len(missing.stderr.splitlines()) == 1
    bad = cli("report", write("- id: A\n  points: x\n"), "-o", target)
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert not target.exists()


def test_unwritable_output_exits_2(cli, write, tmp_path):
    backlog = write(OFF.replace("  - ", "- ").replace("\n    ", "\n  "))
    nowhere = cli("report", backlog, "-o", tmp_path / "no" / "such" / "dir.html")
    assert nowhere.exit_code == 2 and "cannot write here" in nowhere.stderr
    folder = tmp_path / "folder.html"
    folder.mkdir()
    assert cli("report", backlog, "-o", folder).exit_code == 2


def test_bad_usage_exits_2(cli):
    assert cli("report").exit_code == 2
    assert cli("report", SPRINT, "--threshold", "101").exit_code == 2


def test_audit_writes_the_same_page_from_the_html_suffix(cli, tmp_path):
    target = tmp_path / "report.html"
    result = cli("audit", SPRINT, "-o", target)
    assert result.exit_code == 1, "audit still fails on superfluous items"
    audited = target.read_text(encoding="utf-8")
    cli("report", SPRINT, "-o", tmp_path / "via-report.html")
    assert audited == (tmp_path / "via-report.html").read_text(encoding="utf-8")
    assert os.path.getsize(target) > 10_000


def test_report_is_listed_in_the_help(cli):
    result = cli("--help")
    assert "report" in result.stdout and "planning view" in result.stdout


def test_the_page_names_the_file_relative_to_where_it_ran(cli, write, tmp_path, monkeypatch):
    backlog = write("- id: A\n  title: a\n", "backlog.yaml")
    monkeypatch.chdir(tmp_path)
    page = cli("report", str(backlog.resolve()), "-o", "-").stdout
    assert "<title>The bread line: backlog.yaml (" in page
    assert str(tmp_path) not in page
    assert "backlog.yaml:1:3" in page


def test_dropped_items_have_a_section_of_their_own(cli, write):
    backlog = write("- id: A\n  title: a\n- id: GONE-1\n  title: Old idea\n  status: dropped\n  points: 3\n")
    page = cli("report", backlog, "-o", "-").stdout
    section = page.split('<h2 id="dropped">', 1)[1].split("</section>", 1)[0]
    assert "1 item whose status says the team decided not to do it" in section
    assert '<span class="id">GONE-1</span> Old idea <span class="muted">(status: dropped, 3 points)</span>' in section
    kept = cli("report", write("- id: A\n  title: a\n", "other.yaml"), "-o", "-").stdout
    assert 'id="dropped"' not in kept


@pytest.mark.parametrize("name", ["report.pdf", "report.png", "report"])
def test_a_page_that_is_not_html_is_refused(cli, write, tmp_path, name):
    backlog = write("- id: A\n  title: a\n")
    result = cli("report", backlog, "-o", tmp_path / name)
    assert result.exit_code == 2
    assert "breadline report writes an HTML page" in result.stderr
    assert not (tmp_path / name).exists()
