"""The interface every output format implements. ``RuleInfo`` (what a format may say about a rule)
is a model now, carried by the run; it stays importable from here."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from ..models import AuditRun, RuleInfo
from ..paths import resolved

__all__ = ["Formatter", "RuleInfo"]


class Formatter(ABC):
    name: ClassVar[str]
    description: ClassVar[str] = ""
    #: File suffix for ``--output FORMAT=PATH`` documentation and defaults.
    suffix: ClassVar[str] = ".txt"
    #: Whether ``--output FORMAT=DIR/`` writes several files (``render_folder``) into a folder.
    folder: ClassVar[bool] = False

    def __init__(self, *, color: bool = False, catalog: dict[str, RuleInfo] | None = None,
                 base_dir: Path | None = None):
        """``catalog``: the rules to describe for a run that carries none (one read back from JSON);
        a run from an ``Auditor`` or a ``Batch`` carries its own (``AuditRun.catalog``)."""
        self.color = color
        self.catalog = catalog or {}
        self.base_dir = base_dir or Path.cwd()

    def catalog_of(self, run: AuditRun) -> dict[str, RuleInfo]:
        """The rules the run's reports were checked against, as the run carries them."""
        return run.catalog or self.catalog

    @abstractmethod
    def render(self, run: AuditRun) -> str:
        """The whole output as text (written as UTF-8)."""

    def render_folder(self, run: AuditRun) -> dict[str, str]:
        """For ``folder`` formats: file name -> text, written into the ``--output`` folder."""
        raise NotImplementedError(f"{self.name} does not write folders")

    def relative(self, path: str) -> str:
        """A report path relative to the base directory (the repository), with forward slashes."""
        p = Path(path)
        try:
            rel = Path(os.path.relpath(resolved(p), self.base_dir.resolve()))
        except ValueError:  # another drive on Windows
            return p.as_posix()
        return p.as_posix() if rel.as_posix().startswith("../") else rel.as_posix()
