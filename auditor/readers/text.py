"""Plain text and Markdown, with encoding detection (``sniff.decode``).

Order: BOM → strict UTF-8 → charset-normalizer restricted to the encodings Chinese offices
actually produce (unrestricted detection mistakes short GB18030 text for UTF-16).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import InputError
from ..lazy_regex import LazyPattern
from ..models import SourceText
from ..models.trusted import trusted
from . import kinds, sniff
from .sniff import _CONTROL, decode  # noqa: F401 - their home before the web-page reader shared them

SUFFIXES = kinds.TEXT

_MD_MARKUP = LazyPattern(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)|\*\*|__|`", re.MULTILINE)


def blank_markdown(text: str) -> str:
    """Replace Markdown markup with spaces of the same length, so offsets stay exact."""
    return _MD_MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def read(file: kinds.Sniffed) -> SourceText:
    """The reader of the ``text`` kind: from the bytes the dispatcher already read, else from the file."""
    if file.data is not None:
        return text_source(file.path, file.data)
    return _read_path(file.path)


def read_text_file(path: Path) -> SourceText | None:
    """A text-suffixed file read on its own (``None`` for any other name), without the dispatcher."""
    if path.suffix.lower() not in SUFFIXES:
        return None
    return _read_path(path)


def _read_path(path: Path) -> SourceText:
    try:
        size = path.stat().st_size
        if size > sniff.MAX_BYTES:
            raise sniff.too_large(path, size, sniff.MAX_BYTES)
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    return text_source(path, data)


def text_source(path: Path, data: bytes) -> SourceText:
    """A text-suffixed file's ``SourceText`` from its bytes (``InputError`` if they are no text)."""
    text, encoding = decode(data, str(path))
    fmt = "md" if path.suffix.lower() in (".md", ".markdown") else "txt"
    if fmt == "md":
        text = blank_markdown(text)
    # Built without validation (models/trusted.py): the values are this reader's own strings.
    return trusted(SourceText, {"path": str(path), "format": fmt, "text": text, "encoding": encoding,
                                "blocks": [], "hints": {}}, frozenset(("path", "format", "text", "encoding")))
