"""Legacy binary Word/WPS files (``.doc``, ``.wps``) and RTF: a one-line message saying how to convert.

There is no maintained pure-Python reader for the OLE Word format, and a half-read report would
be audited wrongly, so these files are refused with the way out (Save As .docx, or LibreOffice
on the command line). A file that only carries the old name — a .docx, PDF or web page saved as
``.doc``, as some sites still publish — never reaches this reader: the dispatcher hands it to the
reader of what it really is. A plugin that can read these files replaces this reader
(``reader:legacy`` in its ``auditor_overrides``).
"""

from __future__ import annotations

from pathlib import Path
from typing import NoReturn

from ..errors import InputError
from . import kinds
from .sniff import KIND_LABELS, Kind

SUFFIXES = kinds.LEGACY
CONVERT_HINT = ("save it as .docx (文件 → 另存为 → .docx) or convert it: "
                "libreoffice --headless --convert-to docx \"{name}\"")


def read(file: kinds.Sniffed) -> NoReturn:
    """The reader of the ``legacy`` kind: always the one-line refusal."""
    raise legacy_error(file.path, file.kind)


def legacy_error(path: Path, detected: Kind | None = None) -> InputError:
    """The one-line message for a legacy Word/WPS (OLE) or RTF file."""
    suffix = path.suffix.lower() or path.name
    hint = CONVERT_HINT.format(name=path.name)
    if detected is None or suffix in SUFFIXES:
        what = "an RTF document" if detected == "rtf" else "a legacy Word/WPS file"
        return InputError(f"unsupported file type '{suffix}': {what}; {hint}", path=path)
    # Converting in place would overwrite the file with itself: save it again instead.
    return kinds.MisnamedFile(f"is named '{suffix}' but is {KIND_LABELS[detected]}; open it in Word or WPS and save "
                              "it as .docx (文件 → 另存为 → .docx)", path=path)
