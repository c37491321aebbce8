"""Plain text and Markdown, with encoding detection.

Order: BOM → strict UTF-8 → charset-normalizer restricted to the encodings Chinese offices
actually produce (unrestricted detection mistakes short GB18030 text for UTF-16).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..errors import InputError
from ..lazy_regex import LazyPattern
from ..models import SourceText
from ..models.trusted import trusted
from . import suffixes

SUFFIXES = suffixes.TEXT
MAX_BYTES = 20 * 1024 * 1024  # a report is tens of kilobytes; anything this big is not one

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CANDIDATES = ["gb18030", "big5"]
# Compiled on first use (as the Markdown pattern below): most runs read UTF-8 .txt files only.
_CONTROL = LazyPattern(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
# The same characters as bytes: in UTF-8 a byte below 0x80 is always a character of its own (the
# bytes of longer sequences are all 0x80 or above), so the control characters of text decoded
# from UTF-8 are counted in its bytes, at C speed (the class above is tested at every character).
_NOT_CONTROL = bytes(b for b in range(256) if not (b <= 0x08 or b == 0x0B or 0x0E <= b <= 0x1F or b == 0x7F))


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode report bytes; return (text, encoding) or raise ``InputError``."""
    if not data:
        raise InputError("file is empty", path=path)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {encoding} BOM but is not valid {encoding}: {exc.reason}",
                                 path=path) from None
    if b"\x00" in data:
        raise InputError("is a binary file, not text (it contains NUL bytes)", path=path)
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
        controls = len(data.translate(None, _NOT_CONTROL))  # what ``len(_CONTROL.findall(text))`` counts
    except UnicodeDecodeError:
        import charset_normalizer  # deferred: only files that are not UTF-8 need detection

        best = charset_normalizer.from_bytes(data, cp_isolation=_CANDIDATES).best()
        if best is not None:
            text, encoding = str(best), best.encoding
        else:  # too short for statistics: accept strict GB18030 that reads as Chinese
            text, encoding = _strict_gb18030(data, path), "gb18030"
        controls = len(_CONTROL.findall(text))
    if controls > max(8, len(text) // 100):
        raise InputError("is a binary file, not text (too many control characters)", path=path)
    return text, encoding


def _strict_gb18030(data: bytes, path: str) -> str:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        text = ""
    wide = [c for c in text if ord(c) > 0x7F]
    han = [c for c in wide if "\u4e00" <= c <= "\u9fff" or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef"]
    if not text or len(han) < 0.9 * len(wide):
        raise InputError("cannot decode: not UTF-8, UTF-16 with BOM, GB18030/GBK or Big5", path=path)
    return text


_MD_MARKUP = LazyPattern(r"^[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)|\*\*|__|`", re.MULTILINE)


def blank_markdown(text: str) -> str:
    """Replace Markdown markup with spaces of the same length, so offsets stay exact."""
    return _MD_MARKUP.sub(lambda m: " " * len(m.group(0)), text)


def read_text_file(path: Path) -> SourceText | None:
    if path.suffix.lower() not in SUFFIXES:
        return None
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            mb = 1024 * 1024
            raise InputError(f"is too large for a report ({size // mb} MB; limit {MAX_BYTES // mb} MB)", path=path)
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
