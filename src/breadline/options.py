"""The command-line options several commands share, defined once (typer `Annotated` types)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import typer

Paths = Annotated[
    list[str],
    typer.Argument(help="Backlog YAML files, directories (every *.yaml/*.yml below them), or - for stdin.",
                   show_default=False, metavar="BACKLOG..."),
]


def _config_path(above: str):
    return Annotated[
        str | None,
        typer.Option("--config", "-c", metavar="FILE", show_default=False,
                     help="Configuration file (default: the nearest breadline.yaml, .breadline.yaml or "
                          f"pyproject.toml [tool.breadline] above the {above})."),
    ]


ConfigPath = _config_path("backlog")
ExportConfigPath = _config_path("export")
"""`import`'s --config: looked for above the export."""
Select = Annotated[
    list[str] | None,
    typer.Option("--select", metavar="CODES", show_default=False,
                 help="Apply only these rule codes or prefixes (comma-separated; replaces the config's)."),
]
Ignore = Annotated[
    list[str] | None,
    typer.Option("--ignore", metavar="CODES", show_default=False,
                 help="Leave out these rule codes or prefixes (comma-separated; adds to the config's)."),
]


def _source(help: str):
    return Annotated[str | None, typer.Option("--from", metavar="SOURCE", show_default=False, help=help)]


Source = _source("Input format: yaml, or a tracker export (jira-csv, jira-json, github, gitlab, linear, "
                 "azure-devops, redmine, youtrack, pivotal, trello), or csv: any CSV, read with the "
                 "configuration's tracker.fields. Default: detected from the content.")
ExportSource = _source("The export's format: jira-csv, jira-json, github, gitlab, linear, azure-devops, redmine, "
                       "youtrack, pivotal or trello; csv for any other CSV, read with --map. Default: detected "
                       "from the content.")
"""`import`'s --from: the tracker formats only."""
Threshold = Annotated[
    int | None,
    typer.Option("--threshold", "-t", metavar="SCORE", min=0, max=100, show_default=False,
                 help="Items scoring below this (0-100) are superfluous. Default: the configuration's, else 40."),
]


Isolated = Annotated[
    bool,
    typer.Option("--isolated", help="Ignore every configuration file: the defaults and the command line only."),
]
Verbose = Annotated[
    bool,
    typer.Option("--verbose", "-v", help="Say on stderr which configuration file is in use."),
]


class FailOn(str, Enum):
    SUPERFLUOUS = "superfluous"
    WEAK = "weak"
    NEVER = "never"


class Confidence(str, Enum):
    """`audit --min-confidence`: how sure a superfluous verdict must be to fail the run
    (`ItemResult.confidence`)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def audit_options(threshold: int | None = None, config: str | None = None, select: list[str] | None = None,
                  ignore: list[str] | None = None, source: str | None = None, isolated: bool = False):
    """The library's audit options from the shared command-line options."""
    from breadline.audit import Options

    return Options(config_path=config, threshold=threshold, select=tuple(select or ()), ignore=tuple(ignore or ()),
                   source=source, isolated=isolated)


def refuse_empty(**given) -> None:
    """An option given an empty value (`-o ''`, `--config ''`, `--select ''`) is a usage error,
    never silently the default (or, for --select, no rule at all). Keyword: the option's name
    with `_` for `-`; value: what it was given (a list for repeatable options)."""
    from breadline.errors import UsageError

    for name, value in given.items():
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(v is not None and not str(v).strip() for v in values):
            raise UsageError(f"--{name.replace('_', '-')} was given an empty value")


def say_config(path: str | None, verbose: bool) -> None:
    """With --verbose: which configuration file the run used, on stderr."""
    if verbose:
        from breadline import ui

        ui.stderr().print(f"breadline: configuration: {path or 'none (the defaults)'}", soft_wrap=True)
