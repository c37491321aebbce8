"""Every hook a plugin may implement. A plugin is any module or object with ``@hookimpl``
functions of these names, published under the entry-point group ``auditor``.

Each hook hands out named things: check types (by ``name``), readers (by ``name``, and the
suffixes they read), output formats, rule packs (by file stem) and role vocabularies (by file
stem). A name given by two plugins is an error naming both, unless one of them lists it in
``auditor_overrides`` (``auditor/plugins/manager.py``). The hooks changed in 0.1 (readers are
declared, no longer asked file by file): auditor is 0.x and its plugin API may change."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .markers import hookspec

if TYPE_CHECKING:
    from ..checks import Check
    from ..readers.kinds import Reader
    from ..report.base import Formatter


@hookspec
def auditor_check_types() -> list[type[Check]]:
    """Return check-type classes (``Check`` subclasses). Their ``name`` is what a rule's
    ``check:`` key refers to."""


@hookspec
def auditor_readers() -> list[Reader]:
    """Readers (``auditor.readers.kinds.Reader``): a kind's name, the suffixes it answers for and
    its read function. A file named for a built-in kind whose bytes are another kind (a PDF saved
    as ``.docx``) goes to the reader of that kind; a plugin's own kind gets its files as they are.
    The read function raises ``auditor.errors.InputError`` for a file it cannot read."""


@hookspec
def auditor_rule_pack_paths() -> list[Path]:
    """Rule-pack YAML files this plugin ships; each becomes loadable by its file's stem."""


@hookspec
def auditor_role_vocabularies() -> list[Path]:
    """Section-role vocabulary YAML files; their synonyms are added to the built-in ones."""


@hookspec
def auditor_output_formats() -> dict[str, type[Formatter]]:
    """Output formats by name (``--format NAME``)."""


@hookspec
def auditor_overrides() -> list[str]:
    """Names this plugin takes over from another (a built-in included), each ``KIND:NAME`` with
    KIND one of ``check``, ``reader``, ``format``, ``pack``, ``vocabulary``: ``format:html``,
    ``reader:pdf``. Without it, a name another plugin also gives is an error."""
