"""The reader kinds and what a reader declares to the dispatcher (``auditor/readers/dispatch.py``).

A reader is named by its kind (``text``, ``docx``, ``pdf``, ``html``, ``legacy``, or a plugin's
own). It answers for file names (suffixes); the dispatcher sniffs the bytes once and, when they
are a container of another kind (a PDF saved as ``.docx``), hands the file to the reader of that
kind instead. A plugin replaces a built-in reader by declaring a reader of the same name and listing
``reader:NAME`` in its ``auditor_overrides``. Nothing here imports a reader module.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from ..errors import InputError

if TYPE_CHECKING:
    from ..models import SourceText
    from .sniff import Kind

TEXT = (".txt", ".text", ".md", ".markdown")
DOCX = (".docx",)  # python-docx refuses macro-enabled .docm packages
PDF = (".pdf",)
HTML = (".html", ".htm", ".shtml", ".xhtml")
LEGACY = (".doc", ".wps", ".dot", ".wpt")

# The reader kind for each container the first bytes reveal (``sniff.detect``).
CONTENT_READERS: dict[str, str] = {"pdf": "pdf", "zip": "docx", "html": "html", "ole": "legacy", "rtf": "legacy"}
TEXT_READER = "text"
# Kinds whose files are sniffed: a file named for one of them is read by the reader of what it is.
SNIFFED = frozenset((TEXT_READER, *CONTENT_READERS.values()))


class Sniffed(NamedTuple):
    """What the dispatcher learnt of a file before handing it to a reader."""

    path: Path
    kind: Kind | None  # the container its first bytes show; None: none (text, or not sniffed)
    data: bytes | None = None  # the whole file, when the dispatcher has already read it


ReadFunction = Callable[[Sniffed], "SourceText"]


@dataclass(frozen=True)
class Reader:
    """A reader, as the ``auditor_readers`` hook declares it.

    ``read`` is a function of a :class:`Sniffed` file returning ``SourceText`` (raising
    ``auditor.errors.InputError`` for a file it cannot read), or ``"package.module:function"``,
    imported on the first file of this kind. ``listed``: its suffixes are picked out of folders."""

    name: str
    suffixes: tuple[str, ...]
    read: str | ReadFunction
    listed: bool = True

    def __post_init__(self) -> None:
        names = (self.suffixes,) if isinstance(self.suffixes, str) else self.suffixes  # ".rpt" is one name
        object.__setattr__(self, "suffixes", tuple(s.lower() for s in names))

    def load(self) -> ReadFunction:
        if not isinstance(self.read, str):
            return self.read
        module, _, attr = self.read.partition(":")
        return getattr(import_module(module), attr)


class MisnamedFile(InputError):
    """An error whose line already says what the file is named and what it really is: the
    dispatcher adds nothing to it."""
