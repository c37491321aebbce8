"""Legacy binary Word/WPS files (``.doc``, ``.wps``): a one-line message saying how to convert.

There is no maintained pure-Python reader for the OLE Word format, and a half-read report would
be audited wrongly, so these files are refused with the way out (Save As .docx, or LibreOffice
on the command line). A file that only carries the old name — a .docx, PDF or web page saved as
``.doc``, as some sites still publish — is read for what it really is.
"""

from __future__ import annotations

from pathlib import Path

from ..models import SourceText
from . import route, suffixes
from .sniff import sniff

SUFFIXES = suffixes.LEGACY


def read_legacy_file(path: Path) -> SourceText | None:
    """The ``auditor_read_file`` answer for legacy names: ``None`` for any other suffix."""
    if path.suffix.lower() not in SUFFIXES:
        return None
    kind = sniff(path)
    if kind in ("pdf", "zip", "html"):
        return route.read_as(path, kind)
    raise route.legacy_error(path, kind)
