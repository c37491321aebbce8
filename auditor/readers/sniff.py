"""What a file really is, and whether it is small enough to read.

Every format reader starts here: the size limit is checked from ``stat`` before a byte is read,
and the first bytes say what the content is whatever the file is called (a PDF saved as
``.docx``, a web page saved as ``.txt``); text bytes are decoded by :func:`decode`, whose
encoding detection the text and web-page readers share.

``MAX_BYTES`` is the one file-size limit: every reader refuses a larger file unread, and
``audit serve`` takes uploads up to the same size by default (README, "Reading").
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Literal

from ..errors import InputError
from ..lazy_regex import LazyPattern

MB = 1024 * 1024
MAX_BYTES = 50 * MB  # no report comes near this (tens of kilobytes to a few megabytes); larger is refused
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


def check_size(path: Path, limit: int | None = None) -> int:
    """The file's size in bytes, or ``InputError`` if it cannot be read or exceeds ``limit``
    (default ``MAX_BYTES``)."""
    limit = MAX_BYTES if limit is None else limit
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise InputError("cannot be read: it is a folder or a device, not a file", path=path)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if size > limit:
        raise too_large(path, size, limit)
    if size == 0:
        raise InputError("file is empty", path=path)
    return size


def read_head(path: Path, n: int = HEAD_BYTES) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(n)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None


def too_large(path: Path, size: int, limit: int) -> InputError:
    return InputError(f"is too large for a report ({size // MB} MB; limit {limit // MB} MB)", path=path)


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The whole file, after the size check (never more than ``limit`` bytes, default ``MAX_BYTES``)."""
    limit = MAX_BYTES if limit is None else limit
    check_size(path, limit)
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise InputError(f"cannot be read: {exc.strerror or exc}", path=path) from None
    if len(data) > limit:  # grew since stat
        raise InputError(f"is too large for a report (limit {limit // MB} MB)", path=path)
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


# -- text encodings: BOM → strict UTF-8 → charset-normalizer restricted to the encodings Chinese
# offices actually produce (unrestricted detection mistakes short GB18030 text for UTF-16).

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
    # Kana or hangul in the bytes of UTF-8 text (E3 81-83: U+3040-30FF; EB and EC: U+B000-CFFF, most
    # hangul syllables), looked for at C speed: only then is the text counted character by character.
    foreign = encoding != "utf-8" or any(lead in data for lead in _FOREIGN_UTF8)
    detected = None if encoding.startswith("utf") else encoding
    problem = foreign and implausible_chinese(text, detected)
    if problem:
        raise InputError(f"{'cannot decode as' if detected else 'is not'} Chinese text: {problem}", path=path)
    return text, encoding


_FOREIGN_UTF8 = (b"\xe3\x81", b"\xe3\x82", b"\xe3\x83", b"\xeb", b"\xec")
_KANA_HANGUL = LazyPattern(r"[\u3040-\u30ff\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_HAN = LazyPattern(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_CHINESE_PUNCTUATION = LazyPattern(r"[，。、；：？！“”《》（）]|(?<=[\u4e00-\u9fff])[,.;:?!]")
_SPACED_HAN = LazyPattern(r"(?<=[\u4e00-\u9fff]) (?=[\u4e00-\u9fff])")
# Below this many Chinese characters a text is too short to judge by its punctuation and spacing.
_JUDGED = 200


def _count(pattern: LazyPattern, text: str) -> int:
    """Matches of ``pattern`` in ``text``, counted at C speed without a list of them (five million
    one-character matches would be five million string objects, some 400 MB)."""
    return pattern.subn("", text)[1]


def implausible_chinese(text: str, detected: str | None) -> str | None:
    """Why ``text`` is not plausibly Chinese, or None. Japanese and Korean text holds kana or hangul
    (a tenth of its CJK letters or more). Read in a wrong encoding (``detected``: the encoding
    guessed for bytes that were not UTF-8, or UTF-16 with a BOM), Shift-JIS or EUC-KR turns into
    Chinese characters, but rare ones, without Chinese punctuation (Shift-JIS 、。 become other
    characters) or with a space between every few of them (Korean separates its words). A Chinese
    report keeps to common characters, has ，。、 in every sentence and no spaces inside them."""
    han = _count(_HAN, text)
    foreign = _count(_KANA_HANGUL, text)
    if foreign and foreign >= 0.1 * (han + foreign):
        return f"{foreign:,} of its {han + foreign:,} CJK letters are Japanese kana or Korean hangul"
    if not detected or han < _JUDGED:
        return None
    if detected.replace("-", "").lower() in ("gb18030", "gbk", "gb2312", "cp936"):
        # Chinese written in GBK keeps to GB2312's 6,763 characters but for a rare name; Shift-JIS
        # bytes read as GBK fall in GBK's extension rows (their lead bytes 0x81-0x9F lie below
        # GB2312's). Counted at C speed: each character GB2312 lacks becomes one '?'.
        outside = text.encode("gb2312", "replace").count(b"?") - text.count("?")
        if outside > 0.5 * han:
            return (f"{outside:,} of the {han:,} Chinese characters of its best reading ({detected}) are rare ones "
                    "outside GB2312 (Japanese Shift-JIS read as GBK?)")
    punctuation = _count(_CHINESE_PUNCTUATION, text)
    if punctuation < 0.01 * han:
        return (f"its best reading ({detected}) has {han:,} Chinese characters and almost no Chinese "
                "punctuation (Japanese Shift-JIS or Korean EUC-KR read as GBK or Big5?)")
    spaced = _count(_SPACED_HAN, text)
    if spaced > 0.1 * han:
        return (f"its best reading has a space between Chinese characters {spaced:,} times in {han:,} "
                "(Korean EUC-KR read as GBK or Big5?)")
    return None


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
