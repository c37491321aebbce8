"""Word ``.docx`` (python-docx for the package, the body XML read directly).

- Body paragraphs and tables in document order; each table cell's paragraphs are lines of their
  own. Headers, footers, comments, footnotes and text boxes are not body text and are skipped.
- Tracked changes are taken as accepted: ``w:ins``/``w:moveTo`` text is in, ``w:del``/
  ``w:moveFrom`` text is out (python-docx's ``paragraph.text`` ignores both, so runs are read
  from the XML). Hidden (``w:vanish``) runs are out.
- Word's automatic list numbering is rebuilt (:mod:`.docx_styles`) and prepended, so a heading
  numbered by a multilevel list reads "一、…" exactly as if it were typed. Headings that carry
  only a heading style (标题 1/2/3, Heading 1/2/3) and no number get the number their level
  implies (一、 / （一） / 1. / （1）), counted in document order.
- One non-empty paragraph = one line of ``SourceText.text`` and one ``SourceBlock`` (a manual line
  break inside a paragraph starts a new line, same block), located as Word shows it:

  - *paragraph*: the number a person gets counting the body's paragraph marks (¶) from the top,
    empty paragraphs included (python-docx's ``document.paragraphs`` index + 1; paragraphs in
    top-level content controls count too; a paragraph whose mark is a tracked deletion merges
    with the next one, as accepted). Paragraphs inside tables are not counted: a table's text is
    located by its cell instead.
  - *cell*: ``T{table}R{row}C{column}``, shown as 表N第R行第C列: the table's number among the
    document's top-level tables, the row, and the grid column where the cell starts (horizontal
    merges, ``w:gridSpan``, and rows starting late, ``w:gridBefore``, counted; a vertically merged
    cell's text is in its first row). A table nested in a cell is located by the outer cell.
  - *page*: only where the file records page starts (:class:`_Pages`), else nothing.
- The zip is checked before anything is expanded: the declared uncompressed sizes of its parts
  (all of them, and the XML ones) and their compression ratios must be sane, so a zip bomb is
  refused having read only the zip directory.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..models import SourceBlock, SourceText
from . import kinds
from .docx_styles import ListCounter, Numbering, NumRef, Styles, W, num_ref, val
from .numerals import chinese_counting
from .sniff import check_size

SUFFIXES = kinds.DOCX
MAX_XML_BYTES = 50 * 1024 * 1024  # expanded XML of all parts; a long report has well under 2 MB
MAX_PART_BYTES = 100 * 1024 * 1024  # expanded size of all parts, images included
MAX_RATIO = 100  # document XML deflates 5–20×; an XML part expanding 100× and more is a bomb
MAX_PARTS = 10000
MAX_PARAGRAPHS = 200000
PROLOG_LIMIT = 1024 * 1024  # bytes read to find an XML part's root element

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Subtrees whose text is not (accepted) body text.
_SKIP = {W + t for t in ("del", "moveFrom", "delText", "instrText", "pPr", "rPr", "sdtPr", "fldData",
                         "txbxContent", "drawing", "pict", "object", "footnoteReference",
                         "endnoteReference", "commentReference", "delInstrText")} | {_MC + "Fallback"}
_BREAKS = {W + "br", W + "cr"}
_PICTURES = {W + "drawing", W + "pict", W + "object"}
_TYPED_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十]{1,3}[)）]"
                           r"|\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|第[一二三四五六七八九十\d]+[章节部分条])")


@dataclass
class _Para:
    text: str
    style: str | None
    heading: int | None  # 1-based heading level from the style / outline level
    title_style: bool
    number: str  # list number text Word shows ("" when none)
    cell: str | None
    index: int | None = None  # Word's paragraph number (body paragraphs; None inside a table)
    # Pages, when the file records them: (non-space characters of the text before, page) where
    # the paragraph starts and wherever a page starts inside it.
    pages: list[tuple[int, int | None]] | None = None


def read(file: kinds.Sniffed) -> SourceText:
    """The reader of the ``docx`` kind (a zip package, or a .docx-named file that is no container)."""
    return read_docx(file.path)


def read_docx(path: Path) -> SourceText:
    size = check_size(path)
    if path.name.startswith("~$") and size < 4096:
        raise InputError("is the lock file Word keeps while a document is open, not a report", path=path)
    _check_zip(path)
    try:
        import docx
    except ImportError:  # pragma: no cover - python-docx is a dependency
        raise InputError("cannot read .docx files: python-docx is not installed", path=path) from None
    try:
        document = docx.Document(str(path))
        body = document.element.body
        styles = Styles(document.part.styles.element if _has_part(document, "styles") else None)
        numbering = Numbering(_numbering_root(document), styles)
    except InputError:
        raise
    except Exception as exc:  # any parse failure of a damaged package is one line, never a traceback
        raise InputError(f"is not a valid .docx file: {_reason(exc)}", path=path) from None
    pages = _Pages(body)
    paragraphs = list(_paragraphs(body, styles, ListCounter(numbering), pages, path))
    _number_styled_headings(paragraphs)
    if not pages.recorded:
        for p in paragraphs:  # the file records no page start: not even 第1页 is stated
            p.pages = None
    return _source(path, paragraphs)


# -- the zip, before anything is expanded --------------------------------------------------


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError(f"is not a valid .docx file: {_reason(exc)}", path=path) from None
    names = {i.filename for i in infos}
    if "word/document.xml" not in names and not any(n.endswith("/document.xml") for n in names):
        raise InputError("is not a valid .docx file: no word/document.xml in the archive "
                         "(another kind of zip?)", path=path)
    if len(infos) > MAX_PARTS:
        raise InputError(f"is not a valid .docx file: {len(infos)} parts (limit {MAX_PARTS})", path=path)
    mb = 1024 * 1024
    xml_parts = [i for i in infos if i.filename.endswith((".xml", ".rels"))]
    xml = sum(i.file_size for i in xml_parts)
    total = sum(i.file_size for i in infos)
    if xml > MAX_XML_BYTES:
        raise InputError(f"is not a valid .docx file: its XML would expand to {xml // mb} MB "
                         f"(limit {MAX_XML_BYTES // mb} MB; a zip bomb?)", path=path)
    if total > MAX_PART_BYTES:
        raise InputError(f"is not a valid .docx file: its parts would expand to {total // mb} MB "
                         f"(limit {MAX_PART_BYTES // mb} MB; a zip bomb?)", path=path)
    # Images are only held in memory (bounded above); XML is parsed into a tree, several times its
    # size, so a part that deflated far better than any real document XML is refused.
    for info in xml_parts:
        if info.file_size > mb and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            raise InputError(f"is not a valid .docx file: part {info.filename} expands {ratio}:1 "
                             f"(limit {MAX_RATIO}:1; a zip bomb?)", path=path)
    try:
        with zipfile.ZipFile(path) as archive:
            for info in infos:
                if info.filename.endswith((".xml", ".rels")) and _declares_dtd(archive, info):
                    raise InputError(f"is not a valid .docx file: part {info.filename} declares a DTD "
                                     "(Word never writes one; entity expansion is refused)", path=path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError) as exc:
        raise InputError(f"is not a valid .docx file: {_reason(exc)}", path=path) from None


_ROOT_START = re.compile(rb"<[A-Za-z_]")


def _declares_dtd(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog (everything before its root element) has a DOCTYPE or ENTITY."""
    seen = b""
    with archive.open(info) as f:
        while len(seen) < PROLOG_LIMIT:
            chunk = f.read(8192)
            if not chunk:
                break
            seen += chunk
            root = _ROOT_START.search(seen)
            if root:
                seen = seen[: root.start()]
                break
    upper = seen.upper()
    return b"<!DOCTYPE" in upper or b"<!ENTITY" in upper


def _reason(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]


def _has_part(document, name: str) -> bool:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rel = {"styles": RT.STYLES, "numbering": RT.NUMBERING}[name]
    return any(r.reltype == rel for r in document.part.rels.values())


def _numbering_root(document):
    # ``part.numbering_part`` would create an empty part when there is none: ask first.
    return document.part.numbering_part.element if _has_part(document, "numbering") else None


# -- the body, in document order ------------------------------------------------------------


class _Pages:
    """Page starts the file records, replayed in document order.

    Word and WPS write ``w:lastRenderedPageBreak`` where each page began when the file was last
    laid out; when a file has them they are the page starts, and an explicit break (``w:br
    w:type="page"``, ``w:pageBreakBefore``, a section starting on a new page) followed by a
    rendered break with no text between is one page start, not two. A file never laid out (written
    by a program, or by LibreOffice, which does not write rendered breaks) records only its explicit
    breaks: pages are counted from them only while every page so far surely fits on one page
    (at most ``FIT_PARAGRAPHS`` paragraphs and ``FIT_CHARS`` characters, no picture), since
    an overflowing page would shift every later number; past that the page is unknown (``None``).
    A paragraph's page is where its text starts."""

    FIT_PARAGRAPHS = 12  # lines on a page at any usual size: 22 on a 公文 page (GB/T 9704)
    FIT_CHARS = 300  # characters: a 公文 page holds 22 × 28 = 616

    def __init__(self, body) -> None:
        self.rendered = next(body.iter(W + "lastRenderedPageBreak"), None) is not None
        self.page = 1
        self.known = True
        self.hard_pending = False  # an explicit page start with no text yet: a rendered break here is it
        self.occupied = False  # something (text or a paragraph mark) is on the current page
        self.paragraphs = 0  # load of the current page, for the fit test of files never laid out
        self.chars = 0
        # Where the current paragraph's pages change: (non-space characters before, page).
        self.segments: list[tuple[int, int | None]] = []
        self.seen = 0
        self.types = [_section_type(sp) for sp in body.iter(W + "sectPr")
                      if sp.getparent() is not None and sp.getparent().tag in (W + "pPr", W + "body")]
        self.section = 0
        self.recorded = False  # a page start was met

    def current(self) -> int | None:
        return self.page if self.known else None

    def _new_page(self, parity: str | None = None) -> None:
        if not self.rendered and self.paragraphs + self.chars and not self._fits():
            self.known = False
        self.page += 1
        self.recorded = True
        if (parity == "oddPage" and self.page % 2 == 0) or (parity == "evenPage" and self.page % 2 == 1):
            self.page += 1  # Word leaves a blank page to start on the odd (even) side
        self.paragraphs = self.chars = 0
        self.occupied = False

    def _fits(self) -> bool:
        return self.paragraphs <= self.FIT_PARAGRAPHS and self.chars <= self.FIT_CHARS

    def start(self, page_break_before: bool) -> None:
        if page_break_before and self.occupied:
            self._new_page()
            self.hard_pending = True
        self.segments, self.seen = [], 0
        if not self.rendered and not self._fits():
            self.known = False

    def text(self, chars: int) -> None:
        """``chars`` non-space characters of the paragraph's text, on the current page."""
        if chars:
            page = self.current()
            if not self.segments or self.segments[-1][1] != page:
                self.segments.append((self.seen, page))
            self.seen += chars
            self.hard_pending = False
            self.occupied = True
            self.chars += chars

    def hard_break(self) -> None:
        self._new_page()
        self.hard_pending = True

    def rendered_break(self) -> None:
        if self.hard_pending:  # the explicit break's page, laid out: the same page start
            self.hard_pending = False
            return
        self._new_page()

    def picture(self) -> None:
        if not self.rendered:
            self.known = False  # its height is unknown: later pages cannot be counted

    def end(self, section_break: bool) -> list[tuple[int, int | None]]:
        """The paragraph's pages (see ``segments``); a section break after it may start a new page."""
        page = self.segments or [(0, self.current())]
        self.occupied = True
        self.paragraphs += 1
        if section_break:
            self.section += 1
            kind = self.types[self.section] if self.section < len(self.types) else "nextPage"
            if kind in ("nextPage", "oddPage", "evenPage"):
                self._new_page(kind)
                self.hard_pending = True
        return page


def _section_type(sect_pr) -> str:
    return val(sect_pr, "type") or "nextPage"


def _paragraphs(body, styles: Styles, counter: ListCounter, pages: _Pages, path: Path) -> Iterator[_Para]:
    return _BodyWalk(styles, counter, pages, path).visit(body, None)


class _BodyWalk:
    """The body's paragraphs in order, table cells included. (Methods, not nested functions
    calling each other: those would be reference cycles left for the collector per file.)"""

    def __init__(self, styles: Styles, counter: ListCounter, pages: _Pages, path: Path) -> None:
        self.styles, self.counter, self.pages, self.path = styles, counter, pages, path
        self.tables = self.paragraphs = self.index = 0
        self.merge = False

    def visit(self, container, cell: str | None) -> Iterator[_Para]:
        for el in container:
            tag = el.tag
            if tag == W + "p":
                self.paragraphs += 1
                if self.paragraphs > MAX_PARAGRAPHS:
                    raise InputError(f"has more than {MAX_PARAGRAPHS} paragraphs; not a report", path=self.path)
                para = _paragraph(el, self.styles, self.counter, cell, self.pages)
                if cell is None:
                    if not self.merge:
                        self.index += 1
                    para.index = self.index
                    # A tracked deletion of the paragraph mark joins this paragraph to the next.
                    self.merge = el.find(f"{W}pPr/{W}rPr/{W}del") is not None
                yield para
            elif tag == W + "tbl":
                if cell is None:
                    self.tables += 1
                    yield from self.table(el, self.tables)
                else:  # a table nested in a cell: located by the outer cell
                    yield from self.table(el, None, cell)
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                yield from self.visit(el, cell)

    def table(self, tbl, number: int | None, outer: str | None = None) -> Iterator[_Para]:
        rows = [el for el in _unwrap(tbl) if el.tag == W + "tr"]
        for r, row in enumerate(rows, 1):
            column = 1 + max(_int_attr(row.find(f"{W}trPr/{W}gridBefore"), 0), 0)
            for tc in (el for el in _unwrap(row) if el.tag == W + "tc"):
                span = _int_attr(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
                yield from self.visit(tc, outer or f"T{number}R{r}C{column}")
                column += max(span, 1)


def _unwrap(el) -> Iterator:
    """Children, looking through content controls and custom XML wrappers."""
    for child in el:
        if child.tag in (W + "sdt", W + "customXml"):
            content = child.find(W + "sdtContent") if child.tag == W + "sdt" else child
            if content is not None:
                yield from _unwrap(content)
        else:
            yield child


def _int_attr(el, default: int) -> int:
    if el is None:
        return default
    try:
        return int(el.get(W + "val"))
    except (TypeError, ValueError):
        return default


def _paragraph(p, styles: Styles, counter: ListCounter, cell: str | None, pages: _Pages) -> _Para:
    ppr = p.find(W + "pPr")
    style = val(ppr, "pStyle")
    pages.start(styles.page_break_before(style, ppr))
    text = _text(p, pages)
    page = pages.end(ppr is not None and ppr.find(W + "sectPr") is not None)
    number = ""
    deleted = ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None and not text.strip()
    ref = _effective_numbering(ppr, style, styles, counter)
    if ref is not None and ref.num_id != 0 and not deleted:  # accepted, a deleted paragraph is gone
        number = counter.label(ref.num_id, ref.ilvl or 0)
    if styles.is_toc(style):  # a table of contents repeats the headings: not body text
        text, number = "", ""
    return _Para(text=text, style=style, heading=styles.heading_level(style, ppr),
                 title_style=styles.is_title(style), number=number, cell=cell, pages=page)


def _effective_numbering(ppr, style: str | None, styles: Styles, counter: ListCounter) -> NumRef | None:
    """The paragraph's own ``w:numPr``, else its style's; a missing level comes from the style
    (or the list level bound to the style), else 0."""
    own = num_ref(ppr)
    inherited = styles.numbering(style)
    if own is None and inherited is None:
        return None
    if own is None and inherited is not None:
        ref, carrier = inherited
        if ref.ilvl is None:
            return NumRef(ref.num_id, counter.level_for_style(ref.num_id, carrier))
        return ref
    assert own is not None
    if own.ilvl is None:
        level = inherited[0].ilvl if inherited is not None and inherited[0].ilvl is not None else 0
        return NumRef(own.num_id, level)
    return own


def _text(p, pages: _Pages) -> str:
    """The paragraph's accepted text; page starts met on the way are told to ``pages``."""
    out: list[str] = []
    _walk_text(p, out, pages)
    return "".join(out)


def _walk_text(el, out: list[str], pages: _Pages) -> None:
    """Append the accepted text under ``el`` to ``out`` (a module function: a nested one calling
    itself would be a reference cycle per paragraph)."""
    for child in el:
        tag = child.tag
        if not isinstance(tag, str):
            continue
        if tag in _SKIP:
            if tag in _PICTURES:
                pages.picture()
            continue
        if tag == W + "r" and _hidden(child):
            continue
        if tag == W + "t":
            out.append(child.text or "")
            pages.text(sum(not c.isspace() for c in child.text or ""))
        elif tag == W + "tab":
            out.append(" ")
        elif tag in _BREAKS:
            out.append("\n")
            if tag == W + "br" and child.get(W + "type") == "page":
                pages.hard_break()
        elif tag == W + "lastRenderedPageBreak":
            pages.rendered_break()
        elif tag == W + "noBreakHyphen":
            out.append("-")
            pages.text(1)
        else:
            _walk_text(child, out, pages)


def _hidden(run) -> bool:
    vanish = run.find(f"{W}rPr/{W}vanish")
    return vanish is not None and vanish.get(W + "val") not in ("0", "false", "off")


# -- heading numbers from heading styles ---------------------------------------------------


def _styled_marker(rank: int, n: int) -> str:
    return (f"{chinese_counting(n)}、", f"（{chinese_counting(n)}）", f"{n}.", f"（{n}）")[rank]


def _number_styled_headings(paragraphs: list[_Para]) -> None:
    """Give heading-styled paragraphs without a number the marker their level implies.

    The title (the leading Title-styled paragraphs, or heading-styled ones naming a 报告 before
    any body text) is left alone. Levels are ranked as used (Heading 2/3 under a Heading 1 title
    become 一、/（一）), and counters restart under each higher heading, as Word's outline does."""
    body = [p for p in paragraphs if p.text.strip()]
    leading = 0
    for p in body:
        if p.title_style or (p.heading is not None and "报告" in p.text and leading < 3):
            leading += 1
            continue
        break
    headings = [p for p in body[leading:] if p.heading is not None and p.cell is None]
    levels = sorted({p.heading for p in headings if p.heading is not None})[:4]
    if not levels:
        return
    counters = [0] * len(levels)
    for p in headings:
        if p.heading not in levels:
            continue
        rank = levels.index(p.heading)
        counters[rank] += 1
        counters[rank + 1:] = [0] * (len(levels) - rank - 1)
        if not p.number and not _TYPED_MARKER.match(p.text):
            p.number = _styled_marker(rank, counters[rank])


# -- SourceText ----------------------------------------------------------------------------


def _page_pieces(text: str, pages: list[tuple[int, int | None]] | None,
                 head: int) -> list[tuple[int, int, int | None]]:
    """[start, end) pieces of a paragraph's text, one per page it is on: ``pages`` counts
    non-space characters of the paragraph's own text, after ``head`` of the list number."""
    if not pages:
        return [(0, len(text), None)]
    cuts = [(0, pages[0][1])]
    spots = [i for i, c in enumerate(text) if not c.isspace()]
    for before, page in pages[1:]:
        if head + before < len(spots):
            cuts.append((spots[head + before], page))
    out = []
    for (start, page), (end, _) in zip(cuts, [*cuts[1:], (len(text), None)], strict=True):
        out.append((start, len(text[:end].rstrip()), page))
    return out


def _source(path: Path, paragraphs: list[_Para]) -> SourceText:
    lines: list[str] = []
    blocks: list[SourceBlock] = []
    pos = 0
    for p in paragraphs:
        text = "\n".join(" ".join(part.split()) if part.strip() else "" for part in p.text.split("\n"))
        text = "\n".join(part for part in text.split("\n") if part)
        if not text:
            continue
        head = 0
        if p.number:
            sep = "" if re.search(r"[、.．)）:：\s]$", p.number) else " "
            text = p.number + sep + text
            head = sum(not c.isspace() for c in p.number)
        for start, end, page in _page_pieces(text, p.pages, head):
            blocks.append(SourceBlock(start=pos + start, end=pos + end, page=page, paragraph=p.index,
                                      cell=p.cell, continues=start > 0))
        lines.append(text)
        pos += len(text) + 1
    if not lines:
        raise InputError("contains no text (an empty .docx, or a scan pasted as images?)", path=path)
    return SourceText(path=str(path), format="docx", text="\n".join(lines) + "\n", encoding=None, blocks=blocks)
