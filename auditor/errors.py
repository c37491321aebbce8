"""Errors that stop an audit. Each carries one line meant for a person.

The CLI prints ``str(error)`` and exits 2; the library raises them and never prints.
"""

from __future__ import annotations

from pathlib import Path


class AuditorError(Exception):
    """Base class: something prevented an audit. ``str()`` is a single line."""

    def __init__(self, message: str, *, path: str | Path | None = None, line: int | None = None):
        self.message = message.replace("\n", " ").strip()
        self.path = str(path) if path is not None else None
        self.line = line
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path if self.line is None else f"{self.path}:{self.line}"
            where += ": "
        return f"{where}{self.message}"


class UsageError(AuditorError):
    """The command or API call was given something it cannot use."""


class BadName(UsageError):
    """A rule code, prefix or pack name that cannot be used as given (it names nothing, or a preview
    rule without --preview); ``given`` is the name as written, so that a caller that read it from a
    configuration file can name that file and line."""

    def __init__(self, message: str, given: str, **where: object):
        super().__init__(message, **where)  # type: ignore[arg-type]
        self.given = given


class InputError(AuditorError):
    """A report file could not be read as a report (missing, empty, binary, undecodable)."""


class RulePackError(AuditorError):
    """A rule pack or vocabulary is invalid; ``line`` points into the YAML file."""

