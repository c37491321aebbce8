"""The interface every output format implements, and the rule catalogue formats may cite."""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from ..models import AuditRun, Basis, Severity


class RuleInfo(BaseModel):
    """What an output format may say about a rule (SARIF rule metadata, JUnit names…)."""

    model_config = ConfigDict(defer_build=True)

    code: str
    title: str
    description: str
    severity: Severity
    weight: float
    group: str
    basis: list[Basis]
    suggestion: str

    def help_text(self) -> str:
        basis = "；".join(b.cite() for b in self.basis)
        return f"要求：{self.description}\n依据：{basis}\n修改建议：{self.suggestion}"

    def help_markdown(self) -> str:
        basis = "\n".join(f"- {b.cite()}" + (f" <{b.url}>" if b.url else "") for b in self.basis)
        return (f"**{self.code} {self.title}**\n\n{self.description}\n\n**依据**\n\n{basis}\n\n"
                f"**修改建议**：{self.suggestion}")


class Formatter(ABC):
    name: ClassVar[str]
    description: ClassVar[str] = ""
    #: File suffix for ``--output FORMAT=PATH`` documentation and defaults.
    suffix: ClassVar[str] = ".txt"
    #: Whether ``--output FORMAT=DIR/`` writes several files (``render_folder``) into a folder.
    folder: ClassVar[bool] = False

    def __init__(self, *, color: bool = False, catalog: dict[str, RuleInfo] | None = None,
                 base_dir: Path | None = None):
        self.color = color
        self.catalog = catalog or {}
        self.base_dir = base_dir or Path.cwd()

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
            rel = Path(os.path.relpath(p.resolve(), self.base_dir.resolve()))
        except ValueError:  # another drive on Windows
            return p.as_posix()
        return p.as_posix() if rel.as_posix().startswith("../") else rel.as_posix()
