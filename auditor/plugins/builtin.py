"""The built-in plugin: registered through the same hooks a third-party plugin uses."""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import Any

from ..readers import kinds
from ..readers.kinds import Reader
from ..resources import shipped_rules_dir
from .markers import hookimpl

# Checks, readers and formatters are imported inside the hooks that hand them out, so that
# ``audit --help`` and ``import auditor`` pay for none of them (nor for pydantic models).


@hookimpl
def auditor_check_types():
    from ..checks.balanced_pairs import BalancedPairs
    from ..checks.canon import Canon
    from ..checks.consistency import Consistency
    from ..checks.count import Count
    from ..checks.dates import Dates
    from ..checks.either import Either
    from ..checks.forbid import Forbid
    from ..checks.metadata import MetadataCheck
    from ..checks.near import Near
    from ..checks.require import Require
    from ..checks.section import SectionCheck

    return [Require, Forbid, Count, Near, SectionCheck, MetadataCheck, Consistency, Dates, BalancedPairs, Either,
            Canon]


# One reader per kind, each in its own module, imported on the first file of that kind (a .txt
# run imports no .docx, .pdf or web-page reader, nor their libraries).


@hookimpl
def auditor_readers() -> list[Reader]:
    return [
        Reader("text", kinds.TEXT, "auditor.readers.text:read"),
        Reader("docx", kinds.DOCX, "auditor.readers.docx:read"),
        Reader("pdf", kinds.PDF, "auditor.readers.pdf:read"),
        Reader("html", kinds.HTML, "auditor.readers.html:read"),
        # Legacy .doc/.wps are read when named, but not picked out of folders: they cannot be audited.
        Reader("legacy", kinds.LEGACY, "auditor.readers.legacy:read", listed=False),
    ]


@hookimpl
def auditor_rule_pack_paths() -> list[Path]:
    return sorted((shipped_rules_dir() / "packs").glob("*.yaml"))


@hookimpl
def auditor_role_vocabularies() -> list[Path]:
    return [shipped_rules_dir() / "roles.yaml"]


_FORMATTERS = {
    "table": "table:TableFormatter", "concise": "concise:ConciseFormatter", "json": "json_format:JsonFormatter",
    "jsonl": "jsonl:JsonLinesFormatter", "sarif": "sarif:SarifFormatter", "junit": "junit:JunitFormatter",
    "github": "github:GithubFormatter", "markdown": "markdown:MarkdownFormatter", "csv": "csv_format:CsvFormatter",
    "html": "html_format:HtmlFormatter", "xlsx": "xlsx_format:XlsxFormatter",
}


class DeferredFormatter:
    """Stands for a formatter class and imports it on first use (calling it or reading an attribute),
    so listing the formats for ``--help`` or argument checking imports no formatter."""

    def __init__(self, name: str, target: str):
        self.name = name
        self._target = target
        self._cls: Any = None

    def load(self) -> Any:
        if self._cls is None:
            module, _, attr = self._target.partition(":")
            self._cls = getattr(import_module(f"..report.{module}", __package__), attr)
        return self._cls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self.load()(*args, **kwargs)

    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        return getattr(self.load(), attr)


@hookimpl
def auditor_output_formats():
    return {name: DeferredFormatter(name, target) for name, target in _FORMATTERS.items()}
