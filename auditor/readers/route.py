"""Files whose content is not what their name says.

A PDF saved as ``.docx``, a .docx renamed ``.doc``, a web page saved as ``.txt``: each is read by
the reader for what it really is. Content no reader handles gives one line naming both the
file's suffix and the detected type.
"""

from __future__ import annotations

from pathlib import Path
from stat import S_ISREG

from ..errors import InputError
from ..models import SourceText
from . import text
from .sniff import HEAD_BYTES, KIND_LABELS, Kind, check_size, detect

CONVERT_HINT = ("save it as .docx (文件 → 另存为 → .docx) or convert it: "
                "libreoffice --headless --convert-to docx \"{name}\"")


def legacy_error(path: Path, detected: Kind | None = None) -> InputError:
    """The one-line message for a legacy Word/WPS (OLE) or RTF file."""
    suffix = path.suffix.lower() or path.name
    hint = CONVERT_HINT.format(name=path.name)
    if detected is None or suffix in (".doc", ".wps", ".dot", ".wpt"):
        what = "an RTF document" if detected == "rtf" else "a legacy Word/WPS file"
        return InputError(f"unsupported file type '{suffix}': {what}; {hint}", path=path)
    # Converting in place would overwrite the file with itself: save it again instead.
    return InputError(f"is named '{suffix}' but is {KIND_LABELS[detected]}; open it in Word or WPS and save "
                      "it as .docx (文件 → 另存为 → .docx)", path=path)


def read_as(path: Path, kind: Kind) -> SourceText:
    """Read ``path`` with the reader for ``kind``; failures name the suffix and the real type."""
    if kind in ("ole", "rtf"):
        raise legacy_error(path, kind)
    # Imported here: each reader imports this module, and its library only when it is needed.
    from . import docx, html, pdf

    readers = {"pdf": pdf.read_pdf, "zip": docx.read_docx, "html": html.read_html}
    try:
        return readers[kind](path)
    except InputError as exc:
        suffix = path.suffix.lower() or path.name
        raise InputError(f"{exc.message} (the file is named '{suffix}' but is {KIND_LABELS[kind]})",
                         path=path) from None


def read_misnamed_text(path: Path, suffixes: tuple[str, ...]) -> SourceText | None:
    """A text-suffixed file whose bytes are a PDF, a .docx, a legacy Office file or a web page,
    read by the reader for what it is; or real text, read from the bytes already in hand (what
    the text reader would make of them: opening the file twice cost more than decoding it).

    ``None`` for a file that cannot be opened or is too large for the text reader: that reader
    then answers (with its error)."""
    if path.suffix.lower() not in suffixes:
        return None
    try:
        st = path.stat()
        if not S_ISREG(st.st_mode):  # what ``path.is_file()`` tests
            return None
    except OSError:
        return None
    data: bytes | None = None
    try:
        with path.open("rb") as f:
            head = f.read(HEAD_BYTES)
            kind = detect(head)
            if kind is None:
                # Text: the rest of it, unless its size is one the text reader refuses.
                if st.st_size > text.MAX_BYTES:
                    return None
                data = head + f.read()
    except OSError:
        return None
    if data is not None:
        return text.text_source(path, data)
    check_size(path)
    return read_as(path, kind)
