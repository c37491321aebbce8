"""PDF with a text layer, read with pypdf.

Library choice, measured on PDFs generated from the fixtures (reportlab, CID font STSong-Light,
公文 layout, no page furniture; fixtures/formats/build.py). "Han" is difflib's ratio between the
Han characters of the source text and of the library's plain extraction, "all" the same over every
non-space character; time is the best of three extractions after a warm-up, on this machine:

    library        model (2,869 Han)        000 (2,767 Han)          001 (2,622 Han)
    pypdf 7.1      100.00% / 100.00%  15 ms  100.00% / 100.00%  13 ms  100.00% / 100.00%  13 ms
    pdfminer.six   100.00% /  99.97%  53 ms  100.00% /  99.97%  48 ms  100.00% / 100.00%  45 ms
    pdfplumber     100.00% /  99.97%  76 ms  100.00% /  99.97%  68 ms  100.00% / 100.00%  65 ms
    pymupdf 2.0    100.00% /  99.97%   2 ms  100.00% /  99.97%   2 ms   98.86% /  98.92%   2 ms
    pypdfium2       99.98% /  99.97%   3 ms  100.00% / 100.00%   3 ms  100.00% / 100.00%   3 ms

pdfminer.six and pdfplumber drop the "·" of "6·5"/"12·4"; pymupdf loses a whole line of 001 and
the "·"; pypdfium2 drops a "。" and a "况". pypdf is the only one that returned every character of
all three; it is pure Python (BSD; pymupdf is AGPL and pulls in numpy and onnxruntime), fast
enough (a 433-page file is read and audited in about 2 s), and its ``visitor_text`` gives each
text run's position and size, which is all the layout work below needs.

Layout: runs are grouped into lines by baseline; running headers/footers (the same text at the
top or bottom of most pages) and 公文 page numbers ("- 3 -", "—3—", "第3页", "3/8") are dropped;
lines are joined into paragraphs without inserting spaces (a new paragraph starts at a first-line
indent, after a short line, at a change of font size or a wide gap); consecutive lines in the
larger title font are one paragraph. Each paragraph is one line of text; ``SourceBlock.page`` keeps the page.

A PDF without text, most of whose pages have no text, or whose text is mostly not Chinese (a
scan, or glyphs without a Unicode mapping) is refused: an audit of garbage would pass or fail for
the wrong reasons. Encrypted PDFs open when they need no password to view (owner-restricted).
"""

from __future__ import annotations

import logging
import re
import statistics
import unicodedata
import warnings
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from ..errors import InputError
from ..models import SourceBlock, SourceText
from . import kinds
from .sniff import check_size

SUFFIXES = kinds.PDF
MAX_PAGES = 500
MIN_HAN = 20  # fewer Han characters than this in the whole file: nothing to audit
MIN_HAN_SHARE = 0.3  # a Chinese report is ~85% Han characters; garbage extraction is far below
MAX_BAD_SHARE = 0.05  # replacement / private-use / control characters
MIN_PAGE_CHARS = 10  # fewer characters than this (a page number, a stamp's text): the page is an image

_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－―~～]+\s*\d{1,4}\s*[-—–－―~～]+|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|(?:page\s*)?\d{1,4}(?:\s*of\s*\d{1,4})?)$", re.IGNORECASE)
_MARKER = re.compile(r"^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、](?!\d))")

logging.getLogger("pypdf").addHandler(logging.NullHandler())  # the library never prints


@dataclass
class _Line:
    page: int
    x0: float
    x1: float
    y: float
    size: float
    text: str


def read(file: kinds.Sniffed) -> SourceText:
    """The reader of the ``pdf`` kind: a file whose first bytes hold no PDF header is refused."""
    if file.kind is None:
        raise InputError("is not a valid PDF file: it does not start with %PDF-", path=file.path)
    return read_pdf(file.path)


def read_pdf(path: Path) -> SourceText:
    check_size(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        lines, pages = _extract(path)
    lines = _drop_furniture(lines, pages)
    paragraphs = _paragraphs(lines)
    text, blocks = _assemble(paragraphs)
    _check_usable(text, pages, _pages_without_text(lines, pages), path)
    return SourceText(path=str(path), format="pdf", text=text, encoding=None, blocks=blocks)


# -- extraction ------------------------------------------------------------------------------


def _extract(path: Path) -> tuple[list[_Line], int]:
    try:
        import pypdf
        from pypdf.errors import DependencyError, FileNotDecryptedError
    except ImportError:  # pragma: no cover - pypdf is a dependency
        raise InputError("cannot read PDF files: pypdf is not installed", path=path) from None
    try:
        reader = pypdf.PdfReader(str(path), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")
            except (DependencyError, NotImplementedError) as exc:
                raise InputError(f"is encrypted with a scheme that cannot be opened here ({_reason(exc)})",
                                 path=path) from None
            if not opened:
                raise InputError("is encrypted (it needs a password to open); save an unprotected copy",
                                 path=path)
        count = len(reader.pages)
    except InputError:
        raise
    except FileNotDecryptedError:
        raise InputError("is encrypted (it needs a password to open); save an unprotected copy", path=path) from None
    except Exception as exc:  # a damaged file is one line, never a traceback
        raise InputError(f"is not a valid PDF file: {_reason(exc)}", path=path) from None
    if count > MAX_PAGES:
        raise InputError(f"has {count} pages (limit {MAX_PAGES}); not a report", path=path)
    if count == 0:
        raise InputError("has no pages", path=path)
    lines: list[_Line] = []
    for number, page in enumerate(reader.pages, 1):
        try:
            lines.extend(_page_lines(page, number))
        except Exception as exc:
            raise InputError(f"page {number} cannot be read: {_reason(exc)}", path=path) from None
    return lines, count


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _page_lines(page, number: int) -> list[_Line]:
    runs: list[tuple[float, float, float, str]] = []  # x, y, size, text

    def visit(text: str, cm, tm, _font, font_size) -> None:
        if not text or not text.strip():
            return
        m = _multiply(tm, cm)
        scale = abs(m[0] * m[3] - m[1] * m[2]) ** 0.5 or 1.0
        size = float(font_size or 0) * scale or 10.0
        for k, part in enumerate(text.split("\n")):
            if part.strip():
                runs.append((m[4], m[5] - k * size * 1.2, size, part))

    page.extract_text(visitor_text=visit)
    lines: list[_Line] = []
    for x, y, size, text in sorted(runs, key=lambda r: (-r[1], r[0])):
        current = lines[-1] if lines else None
        if current is not None and abs(current.y - y) < 0.4 * max(size, current.size):
            gap = x - current.x1
            current.text += (" " if gap > 1.5 * size else "") + text
            current.x0 = min(current.x0, x)
            current.x1 = max(current.x1, x + _width(text, size))
            current.size = max(current.size, size)
        else:
            lines.append(_Line(number, x, x + _width(text, size), y, size, text))
    for line in lines:
        line.text = " ".join(line.text.split())
    return [line for line in lines if line.text]


def _multiply(a, b) -> tuple[float, ...]:
    a = [float(v) for v in a]
    b = [float(v) for v in b]
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def _width(text: str, size: float) -> float:
    """Estimated advance: wide and ambiguous characters (“”·— in a CJK font) are 1 em, others half."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WFA" else 0.5 for ch in text) * size


# -- page furniture --------------------------------------------------------------------------


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_furniture(lines: list[_Line], pages: int) -> list[_Line]:
    by_page: dict[int, list[_Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    edges: Counter[tuple[str, str]] = Counter()
    for page_lines in by_page.values():
        for where, line in (("top", page_lines[0]), ("bottom", page_lines[-1])):
            edges[(where, _key(line.text))] += 1
    repeated = {k for k, n in edges.items() if n >= 2 and n >= 0.5 * pages}
    drop: set[int] = set()
    for page_lines in by_page.values():
        for where, candidates in (("top", page_lines[:2]), ("bottom", page_lines[-2:][::-1])):
            for line in candidates:
                compact = re.sub(r"\s+", "", line.text)
                if _PAGE_NUMBER.match(compact) or (where, _key(line.text)) in repeated:
                    drop.add(id(line))
                else:
                    break
    return [line for line in lines if id(line) not in drop]


# -- paragraphs ------------------------------------------------------------------------------


def _paragraphs(lines: list[_Line]) -> list[list[_Line]]:
    if not lines:
        return []
    sizes = Counter(round(line.size, 1) for line in lines for _ in line.text)
    body_size = sizes.most_common(1)[0][0]
    body = [line for line in lines if abs(line.size - body_size) < 0.15 * body_size] or lines
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    rights = sorted(line.x1 for line in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    gaps = [a.y - b.y for a, b in pairwise(lines) if a.page == b.page and a.y - b.y > 0]
    leading = statistics.median(gaps) if gaps else body_size * 1.5

    out: list[list[_Line]] = []
    for line in lines:
        prev = out[-1][-1] if out else None
        if prev is None:
            out.append([line])
            continue
        size_change = abs(line.size - prev.size) > 0.15 * max(line.size, prev.size)
        # Consecutive lines in a larger font (the title, wrapped) are one paragraph.
        title_run = (not size_change and line.size > 1.15 * body_size and line.page == prev.page
                     and prev.text[-1:] not in "。：:")
        new = not title_run and (
            size_change
            or line.x0 > left + 0.8 * line.size  # first-line indent, centred or right-aligned
            or prev.x1 < right - 1.5 * prev.size  # the previous line stopped short
            or (line.page == prev.page and prev.y - line.y > 1.6 * leading)
            or (bool(_MARKER.match(line.text)) and prev.text[-1:] in "。：；！？:;")
        )
        if new:
            out.append([line])
        else:
            out[-1].append(line)
    return out


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _assemble(paragraphs: list[list[_Line]]) -> tuple[str, list[SourceBlock]]:
    parts: list[str] = []
    blocks: list[SourceBlock] = []
    pos = 0
    for para in paragraphs:
        text = ""
        for line in para:
            if _latin(text[-1:]) and _latin(line.text[:1]):
                text += " "  # an English word wrapped at the line end
            start = pos + len(text)
            text += line.text
            if blocks and blocks[-1].page == line.page and blocks[-1].end == start:
                blocks[-1] = SourceBlock(start=blocks[-1].start, end=pos + len(text), page=line.page)
            else:
                blocks.append(SourceBlock(start=start, end=pos + len(text), page=line.page))
        parts.append(text)
        pos += len(text) + 1
    return "\n".join(parts) + ("\n" if parts else ""), blocks


# -- is it text at all? ----------------------------------------------------------------------


def _pages_without_text(lines: list[_Line], pages: int) -> int:
    chars: Counter[int] = Counter()
    for line in lines:
        chars[line.page] += sum(1 for ch in line.text if not ch.isspace())
    return sum(1 for page in range(1, pages + 1) if chars[page] < MIN_PAGE_CHARS)


def _check_usable(text: str, pages: int, blank: int, path: Path) -> None:
    chars = [ch for ch in text if not ch.isspace()]
    han = sum(1 for ch in chars if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf")
    bad = sum(1 for ch in chars if ch == "\ufffd" or "\ue000" <= ch <= "\uf8ff" or unicodedata.category(ch) == "Cc")
    prefix = "has no usable text layer (a scanned PDF?)"
    if not chars:
        raise InputError(f"{prefix}: no text on any of its {pages} page{'s' if pages > 1 else ''}", path=path)
    if han < MIN_HAN:
        raise InputError(f"{prefix}: only {han} Chinese characters in {pages} page{'s' if pages > 1 else ''}",
                         path=path)
    if pages > 1 and 2 * blank > pages:  # a typed cover over scanned pages is still a scan
        raise InputError(f"{prefix}: {blank} of its {pages} pages have no text", path=path)
    if han < MIN_HAN_SHARE * len(chars) or bad > MAX_BAD_SHARE * len(chars):
        raise InputError(f"{prefix}: its text is mostly unreadable ({han} of {len(chars)} characters are "
                         f"Chinese, {bad} are unmapped glyphs)", path=path)
