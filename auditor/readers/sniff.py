"""What a file really is, and whether it is small enough to read.

Every format reader starts here: the size limit is checked from ``stat`` before a byte is read,
and the first bytes say what the content is whatever the file is called (a PDF saved as
``.docx``, a web page saved as ``.txt``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from ..errors import InputError

MAX_BYTES = 50 * 1024 * 1024  # no report comes near this; anything larger is refused unread
HEAD_BYTES = 4096

Kind = Literal["pdf", "zip", "ole", "html", "rtf"]

KIND_LABELS: dict[str, str] = {
    "pdf": "a PDF file",
    "zip": "a zip archive (.docx)",
    "ole": "a legacy Office/WPS file (.doc/.wps)",
    "html": "a web page (HTML)",
    "rtf": "an RTF document",
}

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|meta|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def check_size(path: Path, limit: int = MAX_BYTES) -> int:
    """The file's size in bytes, or ``InputError`` if it cannot be read or exceeds ``limit``."""
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("cannot be read: it is a folder or a device, not a file", path=path)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if size > limit:
        mb = 1024 * 1024
        raise InputError(f"is too large for a report ({size // mb} MB; limit {limit // mb} MB)", path=path)
    if size == 0:
        raise InputError("file is empty", path=path)
    return size


def read_head(path: Path, n: int = HEAD_BYTES) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """The whole file, after the size check (never more than ``limit`` bytes)."""
    check_size(path, limit)
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if len(data) > limit:  # grew since stat
        raise InputError(f"is too large for a report (limit {limit // (1024 * 1024)} MB)", path=path)
    return data


def detect(head: bytes) -> Kind | None:
    """The container type from the first bytes, or ``None`` for anything else (text, unknown)."""
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"%PDF-" in head[:1024] and not _HTML_START.match(head):  # junk may precede the header
        return "pdf"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "ole"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(_UTF16_BOMS):
        try:
            text = head.decode("utf-16")
        except UnicodeDecodeError:
            return None
        return "html" if _HTML_START.match(text.encode("utf-8", "replace")) else None
    if _HTML_START.match(head):
        return "html"
    return None


def sniff(path: Path) -> Kind | None:
    """Size check, then :func:`detect` on the file's first bytes."""
    check_size(path)
    return detect(read_head(path))
