"""The built-in plugin: registered through the same hooks a third-party plugin uses."""

from __future__ import annotations

from pathlib import Path

from ..checks.balanced_pairs import BalancedPairs
from ..checks.consistency import Consistency
from ..checks.count import Count
from ..checks.dates import Dates
from ..checks.forbid import Forbid
from ..checks.metadata import MetadataCheck
from ..checks.near import Near
from ..checks.require import Require
from ..checks.section import SectionCheck
from ..models import SourceText
from ..readers import docx, html, legacy, pdf, route, text
from ..report.concise import ConciseFormatter
from ..report.csv_format import CsvFormatter
from ..report.github import GithubFormatter
from ..report.json_format import JsonFormatter
from ..report.jsonl import JsonLinesFormatter
from ..report.junit import JunitFormatter
from ..report.markdown import MarkdownFormatter
from ..report.sarif import SarifFormatter
from ..report.table import TableFormatter
from ..resources import shipped_rules_dir
from .markers import hookimpl


@hookimpl
def auditor_check_types():
    return [Require, Forbid, Count, Near, SectionCheck, MetadataCheck, Consistency, Dates, BalancedPairs]


# One reader per format; each answers None for a file that is not its type. The text reader
# comes last, after the check that a .txt is not really a PDF, a .docx or a saved web page.


@hookimpl(specname="auditor_read_file")
def read_docx_file(path: Path) -> SourceText | None:
    return docx.read_docx_file(path)


@hookimpl(specname="auditor_read_file")
def read_pdf_file(path: Path) -> SourceText | None:
    return pdf.read_pdf_file(path)


@hookimpl(specname="auditor_read_file")
def read_html_file(path: Path) -> SourceText | None:
    return html.read_html_file(path)


@hookimpl(specname="auditor_read_file")
def read_legacy_file(path: Path) -> SourceText | None:
    return legacy.read_legacy_file(path)


@hookimpl(specname="auditor_read_file")
def read_misnamed_text_file(path: Path) -> SourceText | None:
    return route.read_misnamed_text(path, text.SUFFIXES)


@hookimpl(trylast=True)
def auditor_read_file(path: Path) -> SourceText | None:
    return text.read_text_file(path)


@hookimpl
def auditor_reader_suffixes() -> list[str]:
    # Legacy .doc/.wps are read when named, but not picked out of folders: they cannot be audited.
    return [*text.SUFFIXES, *docx.SUFFIXES, *pdf.SUFFIXES, *html.SUFFIXES]


@hookimpl
def auditor_rule_pack_paths() -> list[Path]:
    return sorted((shipped_rules_dir() / "packs").glob("*.yaml"))


@hookimpl
def auditor_role_vocabularies() -> list[Path]:
    return [shipped_rules_dir() / "roles.yaml"]


@hookimpl
def auditor_output_formats():
    formats = [TableFormatter, ConciseFormatter, JsonFormatter, JsonLinesFormatter, SarifFormatter,
               JunitFormatter, GithubFormatter, MarkdownFormatter, CsvFormatter]
    return {f.name: f for f in formats}
