"""The planning view in a real browser: headless Chromium loads the report of the demo sprint,
and the page it builds holds every item and the headline numbers; its screenshot is a picture,
not a blank page.

Skips, saying why, only where no Chromium executable can be found (`.ci/run` installs Debian's
`chromium`; BREADLINE_CHROMIUM names another executable).
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from breadline.audit import audit_files
from breadline.model import Verdict
from tests.conftest import ROOT

SPRINT = ROOT / "examples" / "sprint.yaml"
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars")
"""As root, with no network: no sandbox, and none of the background connections Chromium tries."""


def chromium() -> str | None:
    named = os.environ.get("BREADLINE_CHROMIUM")
    if named:
        return shutil.which(named)
    return next((found for found in map(shutil.which, NAMES) if found), None)


BROWSER = chromium()
pytestmark = pytest.mark.skipif(
    BROWSER is None,
    reason=f"no Chromium executable found (looked for {', '.join(NAMES)} on PATH, or BREADLINE_CHROMIUM); "
           "`.ci/run` installs Debian's chromium",
)


def browse(tmp_path: Path, page: Path, *action: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once on `page`, with a profile of its own under tmp_path."""
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [BROWSER, *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
    )


def report(cli, tmp_path: Path, backlog: Path) -> Path:
    target = tmp_path / "report.html"
    result = cli("report", backlog, "-o", target)
    assert result.exit_code == 0, result.output
    return target


def test_the_page_chromium_builds_holds_every_item_and_the_headline(cli, tmp_path):
    page = report(cli, tmp_path, SPRINT)
    run = browse(tmp_path, page, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    dom = run.stdout
    assert '<html lang="en">' in dom and dom.rstrip().endswith("</html>")

    result = audit_files([str(SPRINT)])
    summary = result.summary
    assert summary.headline in dom
    for verdict in Verdict:
        totals = summary.by_verdict[verdict.value]
        share = round(100 * totals.points / summary.points)
        assert f"{share}% <small>of points</small>" in dom
        assert f"{totals.points:g} of {summary.points:g} points" in dom
        assert f"{totals.items} of {summary.items} items" in dom
    for row in result.items:
        assert f'<details id="item-{row.item.id}">' in dom
        assert f"<title>{row.item.id}: " in dom, "a mark in the chart"
    assert dom.count("<details") == summary.items
    assert dom.count('<li class="card"') == summary.superfluous.items
    assert "<script" not in dom


def test_a_title_that_is_a_script_stays_text_in_the_browser(cli, tmp_path, write):
    backlog = write("- id: XSS-1\n  title: \"<script>alert(1)</script><img src=x onerror=alert(2)>\"\n  points: 2\n")
    run = browse(tmp_path, report(cli, tmp_path, backlog), "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert "<script" not in run.stdout and "<img" not in run.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in run.stdout


def test_the_screenshot_is_a_picture_in_the_verdict_colours(cli, tmp_path):
    page = report(cli, tmp_path, SPRINT)
    shot = tmp_path / "report.png"
    run = browse(tmp_path, page, f"--screenshot={shot}", "--window-size=1280,2000")
    assert run.returncode == 0, run.stderr[-2000:]
    width, height, pixels = read_png(shot.read_bytes())
    assert (width, height) == (1280, 2000)
    colours = {}
    for pixel in pixels:
        colours[pixel] = colours.get(pixel, 0) + 1
    white = colours.get((255, 255, 255), 0)
    assert len(colours) > 50, "more than a few flat colours"
    assert white < 0.95 * len(pixels), "not a blank page"
    css = page.read_text(encoding="utf-8")
    for name in ("on-line", "weak", "superfluous"):
        hex_colour = re.search(rf"--{name}: #([0-9a-f]{{6}});", css).group(1)
        rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
        near = sum(count for colour, count in colours.items() if max(abs(a - b) for a, b in zip(colour, rgb)) <= 6)
        assert near > 500, f"the {name} colour is drawn (found {near} pixels)"


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "a PNG file"
    position, chunks, header = 8, [], None
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position:position + 8])
        body = data[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            chunks.append(body)
        position += 12 + length
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, header
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks))
    stride = width * channels
    pixels: list[tuple[int, int, int]] = []
    previous = bytes(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:  # Sub
            for x in range(channels, stride):
                line[x] = (line[x] + line[x - channels]) & 0xFF
        elif kind == 2:  # Up
            line = bytearray((a + b) & 0xFF for a, b in zip(line, previous))
        elif kind == 3:  # Average
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                line[x] = (line[x] + (left + previous[x]) // 2) & 0xFF
        elif kind == 4:  # Paeth
            for x in range(stride):
                left = line[x - channels] if x >= channels else 0
                up = previous[x]
                corner = previous[x - channels] if x >= channels else 0
                guess = left + up - corner
                a, b, c = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[x] = (line[x] + (left if a <= b and a <= c else up if b <= c else corner)) & 0xFF
        pixels += zip(line[0::channels], line[1::channels], line[2::channels])
        previous = bytes(line)
    return width, height, pixels


MEASURE = """<script>
(function () {
  var svg = document.querySelector("svg.chart");
  var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  var smallest = 1e9;
  document.querySelectorAll("svg.chart text").forEach(function (t) {
    smallest = Math.min(smallest, parseFloat(getComputedStyle(t).fontSize) * scale);
  });
  var wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    if (e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest(".scroll")) {
      wide.push(e.tagName + "." + e.className);
    }
  });
  parent.document.getElementById("measure").textContent = JSON.stringify({
    width: window.innerWidth, scroll: document.documentElement.scrollWidth, text: smallest,
    wide: wide.slice(0, 10), column: document.querySelector("main").getBoundingClientRect().width});
})();
</script>"""


@pytest.mark.parametrize("width", [390, 1280, 1920])
def test_the_page_fits_every_screen_and_its_chart_text_stays_legible(cli, tmp_path, width):
    """A phone, a laptop, a projector: nothing runs off the side, the chart's text is 12 px or
    more. The page holds no script (its CSP forbids one), so a copy with a measuring script is
    shown in a frame of the width (Chromium's own window is at least 500 px wide)."""
    import html
    import json
    import re

    page = report(cli, tmp_path, SPRINT)
    shot = tmp_path / f"shot-{width}.png"
    run = browse(tmp_path, page, f"--screenshot={shot}", f"--window-size={width},1400")
    assert run.returncode == 0, run.stderr[-2000:]
    assert read_png(shot.read_bytes())[0] == width
    text = page.read_text(encoding="utf-8")
    text = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", text).replace("</body>", MEASURE + "</body>")
    frame = tmp_path / f"frame-{width}.html"
    frame.write_text(f'<!DOCTYPE html><html><body style="margin:0"><pre id="measure"></pre><iframe style="border:0" '
                     f'width="{width}" height="3000" srcdoc="{html.escape(text, quote=True)}"></iframe></body></html>',
                     encoding="utf-8")
    run = browse(tmp_path, frame, "--dump-dom", f"--window-size={max(width, 500) + 20},3100")
    found = re.search(r'<pre id="measure">([^<]*)</pre>', run.stdout)
    assert found, run.stderr[-2000:]
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["width"] == width
    assert measured["scroll"] <= width and measured["wide"] == []
    assert measured["text"] >= 12
    if width == 1920:
        assert measured["column"] > 1500  # a projector's width is used, not a narrow column
