"""`breadline import`: turn a tracker export into a backlog file.

Reads Jira (CSV in any interface language, or REST JSON), GitHub (JSON), GitLab (CSV), Linear (CSV),
Azure DevOps (CSV), Redmine (CSV), YouTrack (CSV), Pivotal Tracker (CSV) and Trello (JSON) exports,
detected from their content or named with `--from`, and any other CSV with `--from csv` and `--map`;
writes the backlog YAML to stdout or, with `-o`, to a file
(atomically, never over an existing one without `--force`); says on stderr how many rows became
items and why any did not.
"""


from typing import Annotated

import typer

from breadline.options import ExportConfigPath, ExportSource, Isolated, Verbose, refuse_empty, say_config


def register(app: typer.Typer) -> None:
    """Add this module's command to the app."""
    app.command("import")(import_command)


def import_command(
    export: Annotated[
        str,
        typer.Argument(metavar="EXPORT", show_default=False,
                       help="The tracker export: Jira CSV or JSON, GitHub JSON, GitLab, Linear, Azure DevOps, "
                            "Redmine, YouTrack or Pivotal Tracker CSV, "
                            "Trello JSON, or any CSV with --from csv; - for stdin."),
    ],
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", show_default=False,
                     help="Write the backlog to FILE (atomically) instead of stdout; - is stdout."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
    source: ExportSource = None,
    field_map: Annotated[
        list[str] | None,
        typer.Option("--map", metavar="SOURCE=FIELD", show_default=False,
                     help="Feed a breadline field from a tracker column, field, description heading or "
                          "label:SCOPE, e.g. --map \"Customer=customer\" --map \"Zendesk ticket=evidence\". "
                          "Fields: id, customer, problem, evidence, next, points, labels, serves, type, status, "
                          "url, title, description, ignore. Adds to the configuration's tracker.fields, and "
                          "counts before any column is required (--map \"Resumen=title\")."),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option("--status", metavar="STATUS", show_default=False,
                     help="Keep only items with this status (comma-separated or repeated); open and closed "
                          "match the tracker's own category, anything else its status name."),
    ] = None,
    sprint: Annotated[
        list[str] | None,
        typer.Option("--sprint", metavar="NAME", show_default=False,
                     help="Keep only items in this sprint, cycle, milestone or iteration; current: the running "
                          "one (where the export says which that is)."),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option("--url", metavar="TEMPLATE", show_default=False,
                     help="Issue address for exports that give none, with {id} for the key, e.g. "
                          "https://acme.atlassian.net/browse/{id}."),
    ] = None,
    config: ExportConfigPath = None,
    isolated: Isolated = False,
    verbose: Verbose = False,
) -> None:
    """Turn a tracker export into a backlog YAML file.

    Every issue becomes an item with its key as id, its title, description, type, status, points,
    labels and address; blocking and parent links become `serves`. Pull requests, rows without a
    title and rows left out by --status or --sprint are skipped, and counted on stderr.
    Exit code 0 when the backlog was written, 2 on a usage or input error.
    """
    import os
    import sys

    from breadline import importers, ui
    from breadline.config import config_file, load_config
    from breadline.errors import UsageError
    from breadline.importers import mapping
    from dataclasses import replace

    from breadline.clip import visible
    from breadline.load import read_stdin

    with ui.errors():
        refuse_empty(output=output, config=config, source=source, url=url)
    if output == "-":
        output = None
    with ui.errors():
        pairs = mapping.parse_option(field_map or (), UsageError)
        chosen = importers.source_name(source) if source else None
        if url is not None and (not url.startswith(("http://", "https://")) or "{id}" not in url):
            raise UsageError(f"--url '{url}' must be a web address with {{id}} in it, "
                             "e.g. https://acme.atlassian.net/browse/{id}")
        stdin = export == "-"
        path = "<stdin>" if stdin else export
        if output is not None and not stdin and _same_file(output, export):
            raise UsageError(f"{output} is the export itself; write the backlog somewhere else")
        special = output is not None and _is_special(output)
        if output is not None and not force and not special and os.path.lexists(output):
            raise UsageError(f"{output} already exists; use --force to replace it")
        settings = load_config(config_file(config, os.path.join(os.getcwd(), "-") if stdin else export, isolated))
        say_config(settings.path, verbose)
        options = importers.ImportOptions(
            fields=settings.tracker_fields,
            cli_fields=pairs,
            url=url or settings.tracker_url,
            statuses=_split(status),
            sprints=_split(sprint),
        )
        data = read_stdin() if stdin else None
        from breadline.progress import Spinner, wanted

        with Spinner(wanted(), f"importing {path}"):
            result = importers.read_export(path, data, chosen, options)
        # The header comment names the export: a name with a line break in it must not start a
        # line of YAML of its own (a `customers:` registry of the attacker's choosing).
        result = replace(result, path=visible(result.path, lines=False))
        text = importers.to_yaml(result)
        if output is None:
            sys.stdout.write(text)
            sys.stdout.flush()
        elif special:
            _write_through(output, text)
        else:
            from breadline.files import write_atomic

            write_atomic(output, text, overwrite=force)
    console = ui.stderr()
    for line in importers.summary(result):
        # A note on one row stays one line, whole, for grep; the sentences around it fit the width.
        console.print(line, soft_wrap=True, one_line=line.lstrip().startswith("note:"))
    if not result.records:
        console.print("No items: nothing in the export passed the filters.", style="yellow", soft_wrap=True)
    if output is not None:
        from breadline.lookup import command

        console.print(f"Wrote {output}." + ("" if special else f" Next: {command('breadline', 'audit', output)}"),
                      soft_wrap=True)


def _split(values: list[str] | None) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _is_special(path: str) -> bool:
    """A device or pipe (/dev/null, /dev/stdout, a FIFO): written to, never replaced by a file."""
    import os
    import stat

    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_through(path: str, text: str) -> None:
    from breadline.errors import InputError

    try:
        with open(path, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as error:
        raise InputError(f"cannot write here ({error.strerror or error})", path) from None


def _same_file(first: str, second: str) -> bool:
    import os

    try:
        return os.path.exists(first) and os.path.samefile(first, second)
    except OSError:
        return False
