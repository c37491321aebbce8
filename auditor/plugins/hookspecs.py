"""Every hook a plugin may implement. A plugin is any module or object with ``@hookimpl``
functions of these names, published under the entry-point group ``auditor``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .markers import hookspec

if TYPE_CHECKING:
    from ..checks import Check
    from ..models import SourceText
    from ..report.base import Formatter


@hookspec
def auditor_check_types() -> list[type[Check]]:
    """Return check-type classes (``Check`` subclasses). Their ``name`` is what a rule's
    ``check:`` key refers to; a name given twice is an error."""


@hookspec(firstresult=True)
def auditor_read_file(path: Path) -> SourceText | None:
    """Read ``path`` if this plugin handles its type, else return ``None``.

    The first non-``None`` answer wins; plugins registered later are asked first, so a plugin
    can take over a format. Raise ``auditor.errors.InputError`` for a file of the right type
    that cannot be read."""


@hookspec
def auditor_reader_suffixes() -> list[str]:
    """File suffixes (``.txt``) this plugin reads; used to pick reports out of folders."""


@hookspec
def auditor_rule_pack_paths() -> list[Path]:
    """Rule-pack YAML files this plugin ships; each becomes loadable by its ``pack:`` name."""


@hookspec
def auditor_role_vocabularies() -> list[Path]:
    """Section-role vocabulary YAML files; their synonyms are added to the built-in ones."""


@hookspec
def auditor_output_formats() -> dict[str, type[Formatter]]:
    """Output formats by name (``--format NAME``)."""
