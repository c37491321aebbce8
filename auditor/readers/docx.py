"""Word ``.docx`` (python-docx for the package, the body XML read directly).

- Body paragraphs and tables in document order; each table cell's paragraphs are lines of their
  own, located by ``cell`` ("T1R2C3"). Headers, footers, comments, footnotes and text boxes are
  not body text and are skipped.
- Tracked changes are taken as accepted: ``w:ins``/``w:moveTo`` text is in, ``w:del``/
  ``w:moveFrom`` text is out (python-docx's ``paragraph.text`` ignores both, so runs are read
  from the XML). Hidden (``w:vanish``) runs are out.
- Word's automatic list numbering is rebuilt (:mod:`.docx_styles`) and prepended, so a heading
  numbered by a multilevel list reads "一、…" exactly as if it were typed. Headings that carry
  only a heading style (标题 1/2/3, Heading 1/2/3) and no number get the number their level
  implies (一、 / （一） / 1. / （1）), counted in document order.
- One non-empty paragraph = one line of ``SourceText.text`` and one ``SourceBlock`` with its
  1-based paragraph number (a manual line break inside a paragraph starts a new line, same block).
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
from . import route
from .docx_styles import ListCounter, Numbering, NumRef, Styles, W, num_ref, val
from .numerals import chinese_counting
from .sniff import check_size, sniff

SUFFIXES = (".docx",)  # python-docx refuses macro-enabled .docm packages
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


def read_docx_file(path: Path) -> SourceText | None:
    """The ``auditor_read_file`` answer for .docx names: ``None`` for any other suffix."""
    if path.suffix.lower() not in SUFFIXES:
        return None
    kind = sniff(path)
    if kind not in ("zip", None):
        return route.read_as(path, kind)
    return read_docx(path)


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
    paragraphs = list(_paragraphs(body, styles, ListCounter(numbering), path))
    _number_styled_headings(paragraphs)
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


def _paragraphs(body, styles: Styles, counter: ListCounter, path: Path) -> Iterator[_Para]:
    state = {"tables": 0, "paragraphs": 0}

    def visit(container, cell: str | None) -> Iterator[_Para]:
        for el in container:
            tag = el.tag
            if tag == W + "p":
                state["paragraphs"] += 1
                if state["paragraphs"] > MAX_PARAGRAPHS:
                    raise InputError(f"has more than {MAX_PARAGRAPHS} paragraphs; not a report", path=path)
                yield _paragraph(el, styles, counter, cell)
            elif tag == W + "tbl":
                state["tables"] += 1
                yield from table(el, state["tables"])
            elif tag in (W + "sdt", W + "customXml", W + "sdtContent", W + "ins", W + "moveTo"):
                yield from visit(el, cell)

    def table(tbl, number: int) -> Iterator[_Para]:
        rows = [el for el in _unwrap(tbl) if el.tag == W + "tr"]
        for r, row in enumerate(rows, 1):
            column = 1
            for tc in (el for el in _unwrap(row) if el.tag == W + "tc"):
                span = _int_attr(tc.find(f"{W}tcPr/{W}gridSpan"), 1)
                yield from visit(tc, f"T{number}R{r}C{column}")
                column += max(span, 1)

    yield from visit(body, None)


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


def _paragraph(p, styles: Styles, counter: ListCounter, cell: str | None) -> _Para:
    ppr = p.find(W + "pPr")
    style = val(ppr, "pStyle")
    text = _text(p)
    number = ""
    deleted = ppr is not None and ppr.find(f"{W}rPr/{W}del") is not None and not text.strip()
    ref = _effective_numbering(ppr, style, styles, counter)
    if ref is not None and ref.num_id != 0 and not deleted:  # accepted, a deleted paragraph is gone
        number = counter.label(ref.num_id, ref.ilvl or 0)
    if styles.is_toc(style):  # a table of contents repeats the headings: not body text
        text, number = "", ""
    return _Para(text=text, style=style, heading=styles.heading_level(style, ppr),
                 title_style=styles.is_title(style), number=number, cell=cell)


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


def _text(p) -> str:
    out: list[str] = []

    def walk(el) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r" and _hidden(child):
                continue
            if tag == W + "t":
                out.append(child.text or "")
            elif tag == W + "tab":
                out.append(" ")
            elif tag in _BREAKS:
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            else:
                walk(child)

    walk(p)
    return "".join(out)


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


def _source(path: Path, paragraphs: list[_Para]) -> SourceText:
    lines: list[str] = []
    blocks: list[SourceBlock] = []
    pos = 0
    n = 0
    for p in paragraphs:
        text = "\n".join(" ".join(part.split()) if part.strip() else "" for part in p.text.split("\n"))
        text = "\n".join(part for part in text.split("\n") if part)
        if not text:
            continue
        if p.number:
            sep = "" if re.search(r"[、.．)）:：\s]$", p.number) else " "
            text = p.number + sep + text
        n += 1
        blocks.append(SourceBlock(start=pos, end=pos + len(text), paragraph=n, cell=p.cell))
        lines.append(text)
        pos += len(text) + 1
    if not lines:
        raise InputError("contains no text (an empty .docx, or a scan pasted as images?)", path=path)
    return SourceText(path=str(path), format="docx", text="\n".join(lines) + "\n", encoding=None, blocks=blocks)
