"""The command line: parse options, call the library, turn the outcome into an exit code.

Exit codes: 0 no superfluous item, 1 superfluous items found, 2 usage or input error.
Reports go to stdout; the human summary and errors go to stderr, so pipes stay clean.
"""


import copy
import errno
import os
import re
import sys
from dataclasses import replace
from enum import Enum
from typing import Annotated

import typer

from breadline import __version__
from breadline.errors import UsageError
from breadline import formats
from breadline.formats import Choice, Format, View
from breadline.options import (ConfigPath, Confidence, FailOn, Ignore, Isolated, Paths, Select, Source, Threshold, Verbose,
                               audit_options, refuse_empty, say_config)
from breadline import ui
from breadline.ui import EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS


app = typer.Typer(
    name="breadline",
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"breadline {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Audit a backlog: does each item trace to a real paying person's problem?

    Every item is traced along the bread line (who pays, their problem, evidence, what
    changes for them next), scored 0-100, and the superfluous ones are listed.
    Exit codes: 0 nothing fails, 1 items fail (superfluous ones, by default), 2 usage or input error.
    """


# -- helpers -------------------------------------------------------------------------------

def _run_audit(paths: list[str], threshold: int | None = None, config_path: str | None = None,
               select: list[str] | None = None, ignore: list[str] | None = None, source: str | None = None,
               skip_non_backlogs: bool = False, isolated: bool = False, quiet: bool = False):
    from breadline.audit import audit_files
    from breadline.load import read_stdin
    from breadline.output import bulk
    from breadline.progress import Progress, wanted

    bulk()
    options = audit_options(threshold, config_path, select, ignore, source, isolated)
    if skip_non_backlogs:
        options = replace(options, skip_non_backlogs=True)
    with Progress(wanted(quiet)) as progress:
        return audit_files(paths, options, stdin=read_stdin, note=ui.note, progress=progress)


def _refuse_inputs(output: str | None, paths: list[str], *others: str | None, what: str = "report") -> None:
    """Refuse an `--output` that is one of the files the run reads (however it is named)."""
    if not output:
        return
    from breadline.files import expand, refuse_inputs

    refuse_inputs(output, [*expand(paths), *others], what)


# -- commands ------------------------------------------------------------------------------

Backlog = Annotated[str, typer.Argument(help="The backlog YAML file.", show_default=False, metavar="BACKLOG")]


def _format_names() -> list[str]:
    return [member.value for member in Choice]


OptionalPaths = Annotated[
    list[str] | None,
    typer.Argument(help="Backlog YAML files, directories (every *.yaml/*.yml below them), or - for stdin. "
                        "Default: backlog.yaml in this folder.", show_default=False, metavar="[BACKLOG]..."),
]


class Shell(str, Enum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"
    POWERSHELL = "powershell"


class SortOrder(str, Enum):
    SCORE = "score"
    POINTS = "points"
    ID = "id"


class ColorChoice(str, Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


@app.command()
def audit(
    paths: OptionalPaths = None,
    show_all: Annotated[bool, typer.Option("--all", "-a", help="List every item, not just the superfluous ones.")] = False,
    output_format: Annotated[
        str | None,
        typer.Option("--format", "-f", metavar="FORMAT", show_default=False,
                     help="Report format: table, json, sarif, junit, github, gitlab, markdown, csv, html, or auto "
                          "(--output's suffix, else github inside GitHub Actions, else table). "
                          "Default: from --output's suffix, else table."),
    ] = None,
    output: Annotated[
        str | None,
        typer.Option("--output", "-o", metavar="FILE", show_default=False,
                     help="Write the report to FILE (atomically) instead of stdout; - is stdout."),
    ] = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option("--fail-on", metavar="VERDICT", show_default=False,
                     help="Which verdicts make the run fail (exit 1): superfluous, weak (weak and superfluous) or "
                          "never. Default: superfluous; with --max-off-line alone, never (the share decides)."),
    ] = None,
    min_confidence: Annotated[
        Confidence | None,
        typer.Option("--min-confidence", metavar="LEVEL", show_default=False,
                     help="With --fail-on superfluous: fail only on superfluous items at least this sure (CI "
                          "formats report the others as warnings). high: a rule finds the item off the line by "
                          "what it says itself (a chore serving nothing, a motive of ours); medium: also items in "
                          "which nothing draws a link; low: every superfluous item. Default: low."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=0, help="At most this many rows in the table and the Markdown "
                                                              "(0: no limit; --all: no limit in the table).")
    ] = 100,
    max_off_line: Annotated[
        str | None,
        typer.Option("--max-off-line", metavar="PCT", show_default=False,
                     help="Fail when more than PCT% (30 or 30%) of the points (of the items, without points) are "
                          "superfluous. On its own it decides the exit by the share alone; with --fail-on, either fails."),
    ] = None,
    baseline: Annotated[
        str | None,
        typer.Option("--baseline", metavar="FILE", show_default=False,
                     help="Report and fail only on findings this baseline (from `breadline baseline`) does not hold."),
    ] = None,
    changed_since: Annotated[
        str | None,
        typer.Option("--changed-since", metavar="REV", show_default=False,
                     help="Audit only the items new or changed since the git revision REV (pull-request mode; "
                          "-f markdown then reads as the pull-request comment)."),
    ] = None,
    root: Annotated[
        str | None,
        typer.Option("--root", metavar="DIR", show_default=False,
                     help="Name files in reports and baselines relative to DIR (default: the git top level, "
                          "else the current folder)."),
    ] = None,
    skip_non_backlogs: Annotated[
        bool,
        typer.Option("--skip-non-backlogs", help="Pass over YAML files that are not backlogs (no `items:`) with a "
                                                  "note, as files found in a directory are (for the pre-commit hook)."),
    ] = False,
    sort: Annotated[SortOrder | None, typer.Option("--sort", metavar="ORDER", show_default=False,
                                                   help="Order of the rows: score (lowest first), points (most "
                                                        "first) or id. Default: as the audit ranks them.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print the summary only: no table, no counts, no "
                                                             "hints (other formats are written as ever).")] = False,
    statistics: Annotated[bool, typer.Option("--statistics", help="Instead of the table, count the findings of "
                                                                   "each rule and the items of each verdict.")] = False,
    color: Annotated[ColorChoice, typer.Option("--color", metavar="WHEN",
                                               help="Colour: auto (on a terminal, unless NO_COLOR is set), always "
                                                    "or never.")] = ColorChoice.AUTO,
    threshold: Threshold = None,
    config: ConfigPath = None,
    select: Select = None,
    ignore: Ignore = None,
    source: Source = None,
    isolated: Isolated = False,
    verbose: Verbose = False,
) -> None:
    """Trace every item of a backlog and list the superfluous ones.

    Exit code 0 when nothing fails, 1 when items fail (superfluous ones, by default), 2 on a usage
    or input error. Backlogs of 500 items or more are audited on every core; BREADLINE_JOBS=N sets
    the number of processes (1: just this one).
    """
    from breadline import roots

    with ui.errors():
        refuse_empty(output=output, baseline=baseline, config=config, select=select, ignore=ignore, format=output_format)
    if output == "-":
        output = None
    if not paths:
        paths = [_default_backlog(config, isolated)]
    if output_format is not None and output_format not in _format_names():
        ui.fail(UsageError(f"unknown format '{output_format}'; choose from {', '.join(_format_names())}"))
    in_actions = os.environ.get("GITHUB_ACTIONS") == "true"
    with ui.errors():
        share_limit = None if max_off_line is None else _share(max_off_line)
        verdicts = (fail_on or (FailOn.NEVER if share_limit is not None else FailOn.SUPERFLUOUS)).value
        if min_confidence is not None and min_confidence is not Confidence.LOW:
            if verdicts != FailOn.SUPERFLUOUS.value:
                raise UsageError(f"--min-confidence narrows --fail-on superfluous; it cannot narrow "
                                 f"--fail-on {verdicts}{' (the default with --max-off-line alone)' if fail_on is None else ''}")
            verdicts = f"{verdicts}:{min_confidence.value}"
        top = _root(root)
        _refuse_inputs(output, paths, config, baseline)
        chosen = formats.chosen(Choice(output_format) if output_format else None, output, in_github_actions=in_actions)
        result = roots.rebase(_run_audit(paths, threshold, config, select, ignore, source, skip_non_backlogs, isolated,
                                         quiet), top)
        say_config(result.settings.config, verbose)
        if changed_since is not None:
            from breadline.changes import since

            result = since(result, changed_since, top,
                           lambda path, data: _audit_text(path, data, threshold, config, select, ignore, source, top))
        outcome = None
        if baseline:
            from breadline import baseline as baselines

            result, outcome = baselines.apply(result, baselines.read(baseline))
    if result.skipped:
        ui.stderr().print(f"breadline: note: passed over {len(result.skipped)} YAML "
                          f"{'file' if len(result.skipped) == 1 else 'files'} that are not backlogs (no `items:`): "
                          f"{_names(result.skipped)}", style="dim", one_line=True)
    rows = 0 if show_all and chosen is Format.TABLE else limit  # --all lifts the table's limit, not the Markdown's
    view = replace(ui.view(show_all, to_terminal=output is None, fail_on=verdicts, limit=rows,
                           probe=chosen is Format.TABLE), root=top, baseline=baseline is not None)
    if color is not ColorChoice.AUTO and chosen is Format.TABLE:
        view = replace(view, color=color is ColorChoice.ALWAYS)
    if sort is not None:
        result = _sorted(result, sort)
    with ui.errors():
        from breadline.output import write

        if statistics:
            pieces = [_statistics(result, show_all)]
        elif quiet and chosen is Format.TABLE:
            pieces = []
        else:
            pieces = chosen.chunker()(result, view)
        if in_actions and output is None and chosen is not Format.GITHUB:
            from breadline.actions import guarded

            pieces = guarded(pieces)  # the runner reads stdout for commands
        if pieces or output is not None:
            write(pieces, output)
    if quiet:
        ui.stderr(color=_stderr_color(color)).print(result.summary.headline + ".", soft_wrap=True)
    else:
        _summary(result, view, Format.JSON if statistics else chosen, outcome, color=_stderr_color(color))
    failing = bool(result.failing(verdicts))
    if share_limit is not None:
        share = _off_line_share(result)
        if share > share_limit:
            ui.stderr().print(f"{share:.1f}% of the {_share_basis(result)} are off the line, more than the "
                              f"{share_limit:g}% --max-off-line allows.", style="red", soft_wrap=True)
            failing = True
        elif not quiet:
            ui.stderr().print(f"{share:.1f}% of the {_share_basis(result)} are off the line, within the "
                              f"{share_limit:g}% --max-off-line allows.", style="dim", soft_wrap=True)
    if in_actions and os.environ.get("GITHUB_STEP_SUMMARY"):
        _step_summary(result, view, os.environ["GITHUB_STEP_SUMMARY"])
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)

def _share(text: str) -> float:
    """`--max-off-line` as a number: `30`, `30%` or `12.5`, from 0 to 100."""
    value = text.strip().removesuffix("%").strip()
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if not 0 <= share <= 100 or value.lower() in ("nan", "inf", "-inf", "infinity"):
        raise UsageError(f"--max-off-line: '{text}' is not a share from 0 to 100 (e.g. 30 or 30%)")
    return share


def _root(given: str | None) -> str:
    from breadline.roots import find_root

    if given is None:
        return find_root()
    if not os.path.isdir(given):
        raise UsageError(f"--root: '{given}' is not a folder")
    return os.path.realpath(given)


def _names(paths: tuple[str, ...], at_most: int = 5) -> str:
    shown = ", ".join(paths[:at_most])
    return shown + (f" and {len(paths) - at_most} more" if len(paths) > at_most else "")


def _audit_text(path: str, data: bytes, threshold, config, select, ignore, source, top: str):
    """A backlog's text at another revision, audited as the file itself is (its configuration)."""
    from breadline.audit import audit_files
    from breadline.config import discover
    from breadline.roots import rebase

    options = audit_options(threshold, config or discover(path), select, ignore, source)
    return rebase(audit_files(["-"], options, stdin=lambda: data), top)


def _step_summary(result, view: View, path: str) -> None:
    """The Markdown summary (headline, split, the superfluous items) appended to the step summary."""
    from breadline.actions import append_summary
    from breadline.formats import markdown

    problem = append_summary(markdown.render(result, replace(view, show_all=False)), path)
    if problem:
        ui.stderr().print(f"breadline: note: cannot write the step summary ({problem})", style="dim", soft_wrap=True)


DEFAULT_BACKLOG = "backlog.yaml"
"""What `audit` reads without a path (what `breadline init` writes)."""


def _default_backlog(config_path: str | None = None, isolated: bool = False) -> str:
    """What `audit` reads without a path, said on stderr: the `backlog:` the configuration names
    (the configuration found from this folder, or `--config`), else backlog.yaml in the current
    folder; a usage error when there is neither."""
    from breadline.config import config_file, load_config

    with ui.errors():
        found = load_config(config_file(config_path, os.path.join(os.getcwd(), DEFAULT_BACKLOG), isolated))
    if found.backlog is not None:
        named = os.path.relpath(found.backlog)  # as a user would type it from here
        ui.stderr().print(f"Auditing {named} (no path given; `backlog:` in {found.path}).", style="dim")
        return named
    if not os.path.isfile(DEFAULT_BACKLOG):
        ui.fail(UsageError(f"no backlog given, and no {DEFAULT_BACKLOG} in this folder: "
                           f"{_lookup_command('breadline', 'audit', 'FILE')} (or `breadline init` to start one, "
                           "or `backlog:` in breadline.yaml)"))
    ui.stderr().print(f"Auditing {DEFAULT_BACKLOG} (no path given).", style="dim")
    return DEFAULT_BACKLOG


def _off_line_share(result) -> float:
    summary = result.summary
    off = summary.superfluous
    if summary.points:
        return 100 * off.points / summary.points
    return 100 * off.items / summary.items if summary.items else 0.0


def _share_basis(result) -> str:
    return "points" if result.summary.points else "items"


@app.command("baseline")
def baseline_command(
    paths: Paths,
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="Where to write the baseline.")]
    = ".breadline-baseline.json",
    root: Annotated[
        str | None,
        typer.Option("--root", metavar="DIR", show_default=False,
                     help="Record paths relative to DIR (default: the git top level, else the current folder)."),
    ] = None,
    threshold: Threshold = None,
    config: ConfigPath = None,
    select: Select = None,
    ignore: Ignore = None,
    isolated: Isolated = False,
    verbose: Verbose = False,
) -> None:
    """Record today's findings, so that `audit --baseline FILE` fails only on new ones.

    Each finding is held by its file (relative to the repository root), item id and rule: editing
    an item's words keeps its findings known; a finding that goes away leaves a stale entry."""
    from breadline import baseline as baselines
    from breadline.roots import rebase

    with ui.errors():
        refuse_empty(output=output, config=config, select=select, ignore=ignore)
        _refuse_inputs(output, paths, config, what="baseline")
        result = rebase(_run_audit(paths, threshold, config, select, ignore, isolated=isolated), _root(root))
        say_config(result.settings.config, verbose)
        document = baselines.record(result)
        baselines.write(document, output)
    ui.stderr().print(f"Recorded {len(document['entries'])} findings of {result.summary.items} items in {output}.",
                    soft_wrap=True)


def _stderr_color(color: ColorChoice) -> bool | None:
    return None if color is ColorChoice.AUTO else color is ColorChoice.ALWAYS


def _sorted(result, order: SortOrder):
    """The result with its rows in `order` (ties: the audit's own order)."""
    def natural(text: str):
        return [int(part) if part.isdigit() else part.casefold() for part in re.split(r"(\d+)", text)]

    keys = {
        SortOrder.SCORE: lambda row: row.score,
        SortOrder.POINTS: lambda row: -(row.item.points or 0),
        SortOrder.ID: lambda row: natural(row.item.id),
    }
    return replace(result, items=tuple(sorted(result.items, key=keys[order])))


def _statistics(result, show_all: bool) -> str:
    """A count per rule (findings, not waived) and per verdict, the most frequent first (ruff's
    --statistics)."""
    from collections import Counter

    from breadline.model import Verdict
    from breadline.rules import RULES

    rows = result.items
    counts = Counter(f.code for row in rows for f in row.findings if f.waived is None)
    counts.update(f.code for f in result.findings)
    lines = []
    width = max((len(f"{n}") for n in counts.values()), default=1)
    for code, number in sorted(counts.items(), key=lambda pair: (-pair[1], pair[0])):
        rule = RULES.get(code)
        lines.append(f"{number:>{width}}  {code}  {rule.name if rule else ''}".rstrip())
    if lines:
        lines.append("")
    verdicts = result.summary.by_verdict
    width = max(len(f"{verdicts[v.value].items}") for v in Verdict)
    sure = Counter(row.confidence for row in rows if row.verdict is Verdict.SUPERFLUOUS)
    for verdict in Verdict:
        totals = verdicts[verdict.value]
        points = f"  {totals.points:g} points" if result.summary.points else ""
        how = ""
        if verdict is Verdict.SUPERFLUOUS and sure:  # how sure, as --min-confidence counts them
            how = "  (" + ", ".join(f"{sure[level]} {level}" for level in ("high", "medium", "low") if sure[level]) + ")"
        lines.append(f"{totals.items:>{width}}  {verdict.label}{points}{how}")
    return "\n".join(lines) + "\n"


def _summary(result, view: View, output_format: Format, outcome=None, color: bool | None = None) -> None:
    """The sentence a planning meeting can quote, and the counts behind it, on stderr."""
    from breadline.model import Verdict

    console = ui.stderr(color=color)
    summary = result.summary
    style = "bold red" if result.superfluous else "bold green"
    console.print(summary.headline + ".", style=style, soft_wrap=True)
    parts = []
    for verdict in Verdict:
        totals = summary.by_verdict[verdict.value]
        points = f", {totals.points:g} points" if summary.points else ""
        noun = "item" if totals.items == 1 else "items"
        parts.append(f"{verdict.label}: {totals.items} {noun}{points}")
    if summary.dropped:
        parts.append(f"{summary.dropped} dropped, not counted")
    console.print(" · ".join(parts), style="dim", soft_wrap=True)
    if output_format is Format.TABLE:
        from breadline.formats.bar import split_bar

        bar = split_bar(summary, width=30, color=True)
        if bar:
            console.print(bar, soft_wrap=True)
    if outcome is not None:
        console.print(f"Baseline: {outcome.new} new findings reported, {outcome.known} known, "
                      f"{outcome.stale} stale baseline entries (fixed, changed or gone).", style="dim", soft_wrap=True)
    if output_format is Format.TABLE and not view.show_all and len(result.superfluous) < summary.items:
        from breadline.lookup import pasteable_path

        first = result.paths[0]
        here = first if first == "-" or os.path.isabs(first) or view.root is None else os.path.relpath(
            os.path.join(view.root, first))
        path = pasteable_path(here)
        again = " (with the same input)" if path == "-" else ""
        console.print(f"Use --all to list every item, or `{_lookup_command('breadline', 'explain', 'ID', path)}`"
                      f"{again} for one.", style="dim", soft_wrap=True)


_RULE_CODE = r"(?i)^BL\d{3}$"
"""A rule's code, as `explain` tells one from an item's id (patterns here are compiled by `re` when a
command that needs them runs, not at every start-up)."""


class ExplainFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@app.command()
def explain(
    names: Annotated[list[str], typer.Argument(
        help="Item ids, then the backlog (a YAML file, a tracker export, or - for stdin); or rule codes such as "
             "BL201. Ids are found in any case, and 13 finds #13.", show_default=False, metavar="ID... [BACKLOG]")],
    output_format: Annotated[ExplainFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                         help="text, or json: the items as `audit --format json` "
                                                              "gives them.")] = ExplainFormat.TEXT,
    threshold: Threshold = None,
    config: ConfigPath = None,
    isolated: Isolated = False,
    verbose: Verbose = False,
) -> None:
    """Explain items' scores link by link, or print a rule's documentation."""
    from breadline import lookup

    view = ui.view()
    ids, path = _explain_names(names)
    with ui.errors():
        refuse_empty(config=config)
        if path is None:
            for name in ids:
                if not re.match(_RULE_CODE, name):
                    raise UsageError(f"'{name}' is not a rule code; to explain an item, give the backlog too: "
                                     + lookup.command("breadline", "explain", *ids, "BACKLOG"))
            sys.stdout.write("\n".join(_rule_page(name.upper(), view) for name in ids))
            return
        result = _run_audit([path], threshold, config, isolated=isolated)
        say_config(result.settings.config, verbose)
        items = [row.item for row in (*result.items, *result.dropped)]
        pages: list[str] = []
        rows = []
        for name in ids:
            item = lookup.find(items, name)
            if item is None:
                if re.match(_RULE_CODE, name):
                    pages.append(_rule_page(name.upper(), view))
                    continue
                raise UsageError(lookup.unknown(items, name, lookup.pasteable_path(path)))
            row = result.at(item.index)
            rows.append(row)
            if output_format is ExplainFormat.TEXT:
                from breadline.formats import explain as explain_format

                pages.append(explain_format.render(result, row, view))
    if output_format is ExplainFormat.JSON:
        import json

        from breadline.formats.json import item_dict

        sys.stdout.write(json.dumps({"items": [item_dict(row) for row in rows]}, indent=2, ensure_ascii=False) + "\n")
        return
    _print("\n".join(pages))


def _print(text: str) -> None:
    """Text from a backlog to stdout; inside GitHub Actions no line of it can start a workflow command."""
    if os.environ.get("GITHUB_ACTIONS") == "true":
        from breadline.actions import guarded

        text = "".join(guarded([text]))
    sys.stdout.write(text)


def _explain_names(names: list[str]) -> tuple[list[str], str | None]:
    """The ids and the backlog of `explain ID... [BACKLOG]`: the last word is the backlog when it
    is `-` or names a file (or looks like one), and there is an id before it."""
    if len(names) >= 2:
        last = names[-1]
        if last == "-" or os.path.exists(last) or os.path.splitext(last)[1].lower() in _BACKLOG_SUFFIXES:
            return names[:-1], last
    if len(names) == 1 and (os.path.isfile(names[0]) or os.path.splitext(names[0])[1].lower() in _BACKLOG_SUFFIXES):
        ui.fail(UsageError(f"which item of {names[0]}? " + _lookup_command("breadline", "explain", "ID", names[0])))
    return names, None


_BACKLOG_SUFFIXES = (".yaml", ".yml", ".json", ".csv")


def _lookup_command(*words: str) -> str:
    from breadline.lookup import command

    return command(*words)


def _rule_page(code: str, view: View) -> str:
    from breadline.formats.catalogue import render_rule
    from breadline.rules import RULES

    rule = RULES.get(code)
    if rule is None:
        raise UsageError(f"no rule {code}; `breadline rules` lists them all")
    return render_rule(rule, view)


class CatalogueFormat(str, Enum):
    TABLE = "table"
    JSON = "json"


@app.command()
def rules(
    output_format: Annotated[CatalogueFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                           help="Listing format: table or json.")] = CatalogueFormat.TABLE,
) -> None:
    """List every rule: code, name, link and what it finds."""
    from breadline.formats.catalogue import render_json, render_list
    from breadline.rules import RULES

    catalogue = list(RULES.values())
    if output_format is CatalogueFormat.JSON:
        sys.stdout.write(render_json(catalogue))
    else:
        sys.stdout.write(render_list(catalogue, ui.view()))


@app.command()
def schema() -> None:
    """Print the JSON Schema of `audit --format json` output."""
    from importlib import resources

    sys.stdout.write(resources.files("breadline").joinpath("data", "result.schema.json").read_text(encoding="utf-8"))


@app.command()
def init(
    path: Annotated[str, typer.Argument(help="Where to write the starter backlog.")] = "backlog.yaml",
) -> None:
    """Write a commented starter backlog (a customer registry and three items); never overwrites."""
    from breadline.starter import write_starter

    with ui.errors():
        write_starter(path)
    ui.stderr().print(f"Wrote {path}. Next: {_lookup_command('breadline', 'audit', path)}", soft_wrap=True)


def _register_commands() -> None:
    """Commands that live in modules of their own (breadline/commands/); then every command gets
    the help of `HelpCommand` and its whole first sentence in the list of commands."""
    from breadline.commands import ask, importing, report

    for module in (ask, importing, report):
        module.register(app)
    for info in app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):
            info.cls = HelpCommand
        if info.short_help is None and info.callback is not None and info.callback.__doc__:
            info.short_help = info.callback.__doc__.strip().split("\n\n")[0].replace("\n", " ")
            info.short_help = " ".join(info.short_help.split())


class HelpCommand(typer.core.TyperCommand):
    """A command whose help reads as plain words: no braces around required arguments in the
    usage line, and the bracketed extras of an option (`[default: 100; x>=0]`) as a sentence
    (`Default: 100.`), with ranges left to the option's own help."""

    def collect_usage_pieces(self, ctx):
        return [piece[1:-1] if piece.startswith("{") and piece.endswith("}") else piece
                for piece in super().collect_usage_pieces(ctx)]

    def format_options(self, ctx, formatter) -> None:
        records = []
        for param in self.get_params(ctx):
            if isinstance(param, typer.core.TyperArgument):
                continue
            record = param.get_help_record(ctx)
            if record is not None:
                records.append((record[0], _plain_extras(record[1])))
        if records:
            with formatter.section("Options"):
                formatter.write_dl(records)

    def format_help(self, ctx, formatter) -> None:
        self.format_usage(ctx, formatter)
        self.format_help_text(ctx, formatter)
        arguments = [(p.make_metavar(ctx), _plain_extras(getattr(p, "help", None) or ""))
                     for p in self.get_params(ctx) if isinstance(p, typer.core.TyperArgument) and getattr(p, "help", None)]
        if arguments:
            with formatter.section("Arguments"):
                formatter.write_dl(arguments)
        self.format_options(ctx, formatter)
        self.format_epilog(ctx, formatter)


_EXTRAS = r"\s*\[([^\[\]]*)\]$"
_RANGE = r"^(?:x[<>]=?-?[\d.]+|-?[\d.]+<=?x(?:<=?-?[\d.]+)?)$"


def _plain_extras(help_text: str) -> str:
    """`[default: 100; x>=0]` at the end of an option's help as `Default: 100.`; `[required]` as
    `Required.`; a range is dropped (the help says what the number means)."""
    match = re.search(_EXTRAS, help_text)
    if match is None:
        return help_text
    parts = []
    for part in match.group(1).split("; "):
        part = part.strip()
        if not part or re.match(_RANGE, part):
            continue
        if part.startswith("default: "):
            parts.append(f"Default: {part[len('default: '):]}.")
        else:
            parts.append(part[0].upper() + part[1:] + ".")
    rest = help_text[: match.start()]
    return f"{rest} {' '.join(parts)}".strip() if parts else rest


class ConfigFormat(str, Enum):
    TEXT = "text"
    JSON = "json"


@app.command("config")
def config_command(
    path: Annotated[str | None, typer.Argument(help="The backlog whose configuration to show (default: this "
                                                    "folder's).", show_default=False, metavar="[BACKLOG]")] = None,
    config: ConfigPath = None,
    output_format: Annotated[ConfigFormat, typer.Option("--format", "-f", metavar="FORMAT",
                                                        help="text or json.")] = ConfigFormat.TEXT,
) -> None:
    """Print the effective settings and the file each came from (or `default`)."""
    import json

    from breadline.config import discover, load_config

    where = path or os.path.join(os.getcwd(), DEFAULT_BACKLOG)
    with ui.errors():
        found = config or discover(where)
        loaded = load_config(found)
        given = _config_keys(found) if found else set()
    settings = loaded.settings
    rows = [
        ("threshold", settings.threshold), ("on_line", settings.on_line),
        ("evidence_max_age_days", settings.evidence_max_age_days), ("weights", settings.weights),
        ("select", list(loaded.select) if loaded.select is not None else "every rule"),
        ("ignore", list(loaded.ignore)),
        ("words", {name: f"{mode} {len(phrases)}" for name, (mode, phrases) in sorted(loaded.words.items())}),
        ("tracker.fields", dict(loaded.tracker_fields)), ("tracker.url", loaded.tracker_url),
    ]
    source = {name: (found if name.split(".")[0] in given else "default") for name, _ in rows}
    if output_format is ConfigFormat.JSON:
        sys.stdout.write(json.dumps({"file": found, "settings": {name: {"value": value, "from": source[name]}
                                                                 for name, value in rows}}, indent=2) + "\n")
        return

    def shown(value) -> str:
        if isinstance(value, dict):
            return ", ".join(f"{k} {v}" for k, v in value.items()) or "—"
        if isinstance(value, list):
            return ", ".join(value) or "—"
        return "—" if value is None else str(value)

    lines = [f"Configuration: {found}" if found else "Configuration: none found (every setting is the default)"]
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        lines.append(ui.wrap(f"  {name:<{width}}  {shown(value)}  ({source[name]})", ui.width(),
                             indent=" " * (width + 4)))
    sys.stdout.write("\n".join(lines) + "\n")


def _config_keys(path: str) -> set[str]:
    """The keys the configuration file sets itself."""
    from breadline.config import _read

    return {str(key).replace("-", "_") for key in _read(path)}


COMPLETE_VAR = "_BREADLINE_COMPLETE"
"""Set by the completion script (`breadline completion SHELL`) when the shell asks for completions."""


@app.command()
def completion(
    shell: Annotated[Shell, typer.Argument(help="bash, zsh, fish or powershell.", metavar="SHELL",
                                           show_default=False)],
) -> None:
    """Print the shell completion script: e.g. `breadline completion bash >> ~/.bashrc`.

    Commands, options and their choices complete with Tab; for zsh, put the script in a file on
    your $fpath, or `eval "$(breadline completion zsh)"` in ~/.zshrc.
    """
    from typer.completion import completion_init, get_completion_script

    completion_init()
    sys.stdout.write(get_completion_script(prog_name="breadline", complete_var=COMPLETE_VAR, shell=shell.value) + "\n")


_register_commands()


def _app_for(args: list[str]) -> typer.Typer:
    """The app to run for `args`: when they begin with a command's name, the app with that command
    alone. Typer builds the click command of every registered command on each run (inspecting
    each function's options), ~4 ms of a 10-item audit's ~150; one is all a run needs. Anything
    else (no command, an option first, a misspelled command, shell completion) gets the whole app."""
    if not args or os.environ.get(COMPLETE_VAR):
        return app
    named = [info for info in app.registered_commands
             if (info.name or typer.main.get_command_name(info.callback.__name__)) == args[0]]
    if len(named) != 1:
        return app
    alone = copy.copy(app)  # the same callback, settings and help, with one command
    alone.registered_commands = named
    return alone


def main() -> None:
    """Entry point: run the app, and keep any unexpected failure to one line (exit 2)."""
    if os.environ.get(COMPLETE_VAR):  # the shell asks for completions: teach typer its shells first
        from typer.completion import completion_init

        completion_init()
    try:
        _app_for(sys.argv[1:])()
        code: int | str | None = EXIT_CLEAN
    except SystemExit as done:
        code = done.code
    except KeyboardInterrupt:
        sys.stderr.write("breadline: interrupted\n")
        code = 130
    except OSError as error:
        code = _write_failed(error)
    except Exception as error:  # noqa: BLE001 - the last line of defence against a traceback
        from breadline.clip import clip

        line = f"breadline: internal error: {type(error).__name__}: {clip(str(error), 200)} (please report this)"
        if os.environ.get("GITHUB_ACTIONS") == "true":
            from breadline.actions import safe_line

            line = safe_line(line)
        sys.stderr.write(line + "\n")
        code = EXIT_ERROR
    output = sys.modules.get("breadline.output")  # not imported: nothing was written in bulk
    if output is not None and output.bulky():
        _leave(code)
    sys.exit(_flushed(code))


_WRITE_ERRORS = frozenset({errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT, errno.EPIPE, errno.EROFS})


def _write_failed(error: OSError) -> int:
    """A write to standard output that failed (`> /dev/full`, a full disk, a closed pipe): one
    line and exit 2 (a closed pipe is quiet: the reader stopped listening on purpose)."""
    if error.errno == errno.EPIPE:
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 1
    if error.errno not in _WRITE_ERRORS:
        sys.stderr.write(f"breadline: internal error: {type(error).__name__}: {error} (please report this)\n")
        return EXIT_ERROR
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # what is buffered cannot be written either
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"breadline: error: cannot write the output ({error.strerror or error})\n")
    return EXIT_ERROR


def _leave(code: int | str | None) -> None:
    """Exit the way `sys.exit(code)` would, without freeing the heap object by object first: for
    a run that audited whole backlogs (see `output.bulk`). Every file was written and closed by
    the command, and tearing down 10,000 items' objects would cost ~0.1 s (1 s for 100,000) for
    nothing."""
    os._exit(_flushed(code))


def _flushed(code: int | str | None) -> int:
    """The exit status `sys.exit(code)` would give, once what is said is flushed: a closed pipe
    (`| head`) makes it 1 when it was 0, and is quieted so the interpreter's exit says nothing."""
    if isinstance(code, str):
        sys.stderr.write(f"{code}\n")
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # what was written stands
            code = code or 1
            try:
                os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
            except (OSError, ValueError):
                pass
    return code or 0
