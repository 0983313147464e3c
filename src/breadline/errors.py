"""The one family of exceptions the library raises; only the CLI turns them into exit codes."""

from __future__ import annotations


class BreadlineError(Exception):
    """Something the user must fix before breadline can answer. Exit code 2."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None, column: int | None = None):
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.others: tuple[BreadlineError, ...] = ()
        """Further errors found in the same run, each a line of its own."""
        super().__init__(self.location_message())

    def location_message(self) -> str:
        where = self.path or ""
        if self.path and self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message}" if where else self.message


class InputError(BreadlineError):
    """The backlog file cannot be read, parsed or understood."""


class ConfigError(BreadlineError):
    """A configuration value is unknown or has the wrong type."""


class UsageError(BreadlineError):
    """The command line asks for something that does not exist (an unknown item id, rule code...)."""
