"""`breadline report BACKLOG... -o report.html`: the planning view, one self-contained HTML page.

The page is the `html` format (`breadline.formats.html`); this command only audits, writes the
file atomically and says where it went. A report is not a check: it exits 0 whatever the items
are, and 2 only when the run itself is broken (bad input, bad configuration, unwritable output).
"""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add this module's command to the app."""
    app.command("report")(report)


def report(
    paths: Annotated[
        list[str],
        typer.Argument(help="Backlog YAML files, directories (every *.yaml/*.yml below them), or - for stdin.",
                       show_default=False, metavar="BACKLOG..."),
    ],
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="Where to write the page (atomically); - is stdout."),
    ] = "report.html",
    threshold: Annotated[
        int | None,
        typer.Option("--threshold", "-t", min=0, max=100, show_default="40",
                     help="Items scoring below this are superfluous."),
    ] = None,
    config: Annotated[
        str | None,
        typer.Option("--config", "-c", metavar="FILE", show_default=False,
                     help="Configuration file (default: the nearest breadline.yaml, .breadline.yaml or "
                          "pyproject.toml [tool.breadline] above the backlog)."),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option("--select", metavar="CODES", show_default=False,
                     help="Apply only these rule codes or prefixes (comma-separated; replaces the config's)."),
    ] = None,
    ignore: Annotated[
        list[str] | None,
        typer.Option("--ignore", metavar="CODES", show_default=False,
                     help="Leave out these rule codes or prefixes (comma-separated; adds to the config's)."),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option("--from", metavar="SOURCE", show_default=False,
                     help="Input format: yaml, or a tracker export (jira-csv, jira-json, github, gitlab, linear). "
                          "Default: detected from the content."),
    ] = None,
) -> None:
    """Write the planning view: one HTML page to put on the screen in planning, or print.

    The headline split, the bread line drawn as a chart, who the effort serves, the superfluous
    items with the question that would save each, and every item link by link. The page is
    self-contained (no network, no script). Exit code 0 whatever the items are; 2 on a usage or
    input error.
    """
    import sys

    from breadline import ui
    from breadline.audit import Options, audit_files
    from breadline.files import write_atomic
    from breadline.formats import View
    from breadline.formats.bar import split_bar
    from breadline.formats.html import render

    with ui.errors():
        options = Options(config_path=config, threshold=threshold, select=tuple(select or ()),
                          ignore=tuple(ignore or ()), source=source)
        result = audit_files(paths, options, stdin=lambda: sys.stdin.buffer.read())
        page = render(result, View(show_all=True))
        if output == "-":
            sys.stdout.write(page)
            sys.stdout.flush()
        else:
            write_atomic(output, page)
    console = ui.stderr()
    console.print(result.summary.headline + ".", soft_wrap=True)
    bar = split_bar(result.summary, width=30, color=True)
    if bar:
        console.print(bar, soft_wrap=True)
    if output != "-":
        console.print(f"Wrote {output}: open it in a browser, or print it.", soft_wrap=True)
