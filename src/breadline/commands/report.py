"""`breadline report BACKLOG... -o report.html`: the planning view, one self-contained HTML page.

The page is the `html` format (`breadline.formats.html`); this command only audits, writes the
file atomically and says where it went. A report is not a check: it exits 0 whatever the items
are, and 2 only when the run itself is broken (bad input, bad configuration, unwritable output).
"""


from typing import Annotated

import typer

from breadline.options import (ConfigPath, Ignore, Isolated, Paths, Select, Source, Threshold, Verbose, audit_options,
                               refuse_empty, say_config)


def register(app: typer.Typer) -> None:
    """Add this module's command to the app."""
    app.command("report")(report)


def report(
    paths: Paths,
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FILE", help="Where to write the page (atomically); - is stdout."),
    ] = "report.html",
    threshold: Threshold = None,
    config: ConfigPath = None,
    select: Select = None,
    ignore: Ignore = None,
    source: Source = None,
    isolated: Isolated = False,
    verbose: Verbose = False,
) -> None:
    """Write the planning view: one HTML page to put on the screen in planning, or print.

    The headline split, the bread line drawn as a chart, who the effort serves, the superfluous
    items with the question that would save each, and every item link by link. The page is
    self-contained (no network, no script). Exit code 0 whatever the items are; 2 on a usage or
    input error.
    """
    from breadline import ui
    from breadline.audit import audit_files
    from breadline.formats import View
    from breadline.formats.bar import split_bar
    from breadline.formats.html import render
    from breadline.load import read_stdin
    from breadline.output import bulk, write

    import os

    from breadline.errors import UsageError

    bulk()
    with ui.errors():
        refuse_empty(output=output, config=config, select=select, ignore=ignore)
        if output != "-":
            from breadline.files import expand, refuse_inputs

            refuse_inputs(output, [*expand(paths), config], "report")
        suffix = os.path.splitext(output)[1].lower() if output != "-" else ".html"
        if suffix not in (".html", ".htm"):
            what = "a PDF" if suffix == ".pdf" else f"a {suffix or 'suffix-less'} file"
            raise UsageError(f"breadline report writes an HTML page, not {what}: give -o with .html (e.g. -o "
                             "report.html), then open it in a browser and print it to PDF if you want one")
        options = audit_options(threshold, config, select, ignore, source, isolated)
        from breadline.progress import Progress, wanted
        from breadline.roots import find_root, rebase

        with Progress(wanted()) as progress:
            audited = audit_files(paths, options, stdin=read_stdin, note=ui.note, progress=progress)
        # Files named as in every other format: relative to the repository root.
        result = rebase(audited, find_root())
        say_config(result.settings.config, verbose)
        write((render(result, View(show_all=True)),), None if output == "-" else output)
    console = ui.stderr()
    console.print(result.summary.headline + ".", soft_wrap=True)
    bar = split_bar(result.summary, width=30, color=True)
    if bar:
        console.print(bar, soft_wrap=True)
    if output != "-":
        console.print(f"Wrote {output}: open it in a browser, or print it.", soft_wrap=True)
