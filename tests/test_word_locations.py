"""Word locations as a person finds them in Word (issue #9, "Word locations").

Every file is a real .docx written here with python-docx (and, where LibreOffice is installed, saved
again by LibreOffice), audited by the real pipeline. A body paragraph's number must be the one a
person gets counting Word's paragraphs from the top (python-docx ``document.paragraphs`` index + 1,
empty paragraphs included, table cells not); text in a table is located as 表N第R行第C列; pages
follow the page starts the file records, and are left out where the file does not record them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement

from auditor import Auditor
from auditor.annotate import DEFAULT_AUTHOR, annotate_path
from auditor.models import Finding
from auditor.readers.docx import read_docx

from .conftest import FIXTURES, load_builders, run_audit

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LINES = load_builders().report_lines((FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8"))
# Text put in table cells, and the cell a person names for it.
CELLS = {"表内推进法制政府建设": "表1第2行第2列", "合并单元格法制政府": "表2第1行第1列",
         "合并后一列法制政府": "表2第1行第3列", "纵向合并法制政府": "表2第2行第1列"}
AFTER_TABLE = "全年办理《行政复议法案件12件。"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def flat(text: str) -> str:
    return " ".join(text.split())


def line_of(path: Path, finding: Finding) -> str:
    """The reader's line the finding starts on."""
    assert finding.location is not None
    return read_docx(path).text.splitlines()[finding.location.line - 1]


def word_paragraph(path: Path, text: str) -> int:
    """What a person counts in Word: the 1-based index of the one body paragraph holding ``text``."""
    paragraphs = [flat(p.text) for p in docx.Document(str(path)).paragraphs]
    hits = [i + 1 for i, p in enumerate(paragraphs) if text == p] or [
        i + 1 for i, p in enumerate(paragraphs) if text in p]
    assert len(hits) == 1, (text, hits)
    return hits[0]


def findings(auditor: Auditor, path: Path, code: str) -> list[Finding]:
    return [f for f in auditor.audit_path(path).findings if f.code == code and f.location is not None]


# -- paragraphs and tables ------------------------------------------------------------------


def build_paragraphs_and_tables(path: Path) -> Path:
    """The model report with empty paragraphs, a table with a finding in row 2 column 2, a
    paragraph with a finding right after the table, and a table with merged cells."""
    document = docx.Document()
    for i, line in enumerate(LINES):
        document.add_paragraph(line)
        if i in (0, 2, 6):  # empty paragraphs, one and two in a row
            document.add_paragraph("")
        if i == 0:
            document.add_paragraph("")
        if i == 8:
            table = document.add_table(rows=3, cols=3)
            table.cell(1, 1).text = "表内推进法制政府建设"
            table.cell(0, 0).text = "指标"
            document.add_paragraph(AFTER_TABLE)
        if i == 19:
            table = document.add_table(rows=3, cols=3)
            table.cell(0, 0).merge(table.cell(0, 1)).text = "合并单元格法制政府"
            table.cell(0, 2).text = "合并后一列法制政府"
            table.cell(1, 0).merge(table.cell(2, 0)).text = "纵向合并法制政府"
            table.cell(2, 2).text = "末行"
    document.save(str(path))
    return path


def test_body_paragraphs_are_counted_as_word_counts_them_and_cells_by_table_row_column(auditor, tmp_path):
    path = build_paragraphs_and_tables(tmp_path / "tables.docx")
    tr = findings(auditor, path, "TR001")
    in_cells = {line_of(path, f): f.location for f in tr}
    assert set(in_cells) == set(CELLS)
    for text, label in CELLS.items():
        loc = in_cells[text]
        assert loc.paragraph is None and loc.page is None
        assert loc.short() == label, text
    # The paragraph right after the first table: Word's count, cells not counted as paragraphs.
    (pn,) = findings(auditor, path, "PN001")
    assert line_of(path, pn) == AFTER_TABLE
    assert pn.location.paragraph == word_paragraph(path, AFTER_TABLE)
    assert pn.location.cell is None and pn.location.short() == f"第{pn.location.paragraph}段"
    # Empty paragraphs count: 13 body paragraphs (the title, three empty ones, eight lines and
    # another empty one) come before the paragraph after the table.
    assert pn.location.paragraph == 14
    assert pn.location.heading_path[-1].startswith("(二)")
    # Every body block of the file carries Word's count.
    source = read_docx(path)
    for block in source.blocks:
        if block.cell is None:
            assert block.paragraph == word_paragraph(path, source.text[block.start:block.end])


def test_json_sarif_table_and_comments_name_the_same_places(auditor, tmp_path):
    path = build_paragraphs_and_tables(tmp_path / "tables.docx")
    report = json.loads(run_audit("--format", "json", str(path)).stdout)["reports"][0]
    sarif = json.loads(run_audit("--format", "sarif", str(path)).stdout)
    table = run_audit(str(path)).stdout
    results = sarif["runs"][0]["results"]
    by_code: dict[str, list[dict]] = {}
    for f in report["findings"]:
        by_code.setdefault(f["code"], []).append(f)
    cells = {f["location"]["cell"] for f in by_code["TR001"]}
    assert cells == {"T1R2C2", "T2R1C1", "T2R1C3", "T2R2C1"}
    for f in by_code["TR001"] + by_code["PN001"]:
        loc = f["location"]
        region = next(r["locations"][0]["physicalLocation"]["region"] for r in results
                      if r["ruleId"] == f["code"]
                      and r["locations"][0]["physicalLocation"]["region"]["startLine"] == loc["line"])
        assert region["startColumn"] == loc["column"]
    assert "表1第2行第2列" in table and "表2第2行第1列" in table
    (pn,) = by_code["PN001"]
    assert f"第{pn['location']['paragraph']}段" in table
    # The annotated copy comments on the cell's own text, and on the paragraph after the table.
    out = tmp_path / "annotated.docx"
    annotate_path(auditor, path, auditor.audit_path(path), out)
    word = docx.Document(str(out))
    cell = word.tables[0].cell(1, 1)._tc
    assert cell.find(f".//{W}commentRangeStart") is not None
    after = word.paragraphs[pn["location"]["paragraph"] - 1]
    assert flat(after.text) == AFTER_TABLE and after._p.find(f"{W}commentRangeStart") is not None


# -- pages ----------------------------------------------------------------------------------


def _page_break_before(paragraph) -> None:
    paragraph.paragraph_format.page_break_before = True


def build_explicit_breaks(path: Path, tokens: bool = False) -> tuple[Path, dict[str, int | None]]:
    """Short pages separated by every kind of explicit break, then a long page (the rest of the
    model report) and a break after it. Returns the file and, per marked text, the page it is on
    (``None`` after the long page: the file does not record where that page overflowed).
    ``tokens`` starts every paragraph with an ASCII tag (Q101, Q102…) to find it in a PDF."""
    document = docx.Document()
    count = iter(range(101, 1000))

    def add(text: str = ""):
        return document.add_paragraph((f"Q{next(count)} " if tokens else "") + text)

    add(LINES[0])
    add(LINES[1])
    document.add_page_break()  # a paragraph holding only a page break (python-docx's way)
    add("第二页推进法制政府建设。")
    _page_break_before(add("第三页推进法制政府建设。"))  # w:pageBreakBefore
    mid = add("第三页末尾的文字。")
    mid.runs[0].add_break(WD_BREAK.PAGE)  # a break inside a paragraph: the rest is on page 4
    mid.add_run("第四页继续推进法制政府建设。")
    document.add_section(WD_SECTION.NEW_PAGE)  # a section starting on a new page: page 5
    add("第五页深化法制政府建设。")
    for line in LINES[2:]:
        add(line)
    document.add_page_break()
    add("长页之后推进法制政府建设。")
    document.save(str(path))
    expected = {"第二页推进法制政府建设。": 2, "第三页推进法制政府建设。": 3, "第四页继续推进法制政府建设。": 4,
                "第五页深化法制政府建设。": 5, "长页之后推进法制政府建设。": None}
    return path, expected


def test_pages_follow_explicit_breaks_and_stop_where_a_page_may_overflow(auditor, tmp_path):
    path, expected = build_explicit_breaks(tmp_path / "breaks.docx")
    assert "lastRenderedPageBreak" not in _document_xml(path)
    found = {}
    for f in findings(auditor, path, "TR001"):
        line = line_of(path, f)
        text = next(t for t in expected if t in line)
        found[text] = f.location
    assert {t: loc.page for t, loc in found.items()} == expected
    assert found["第二页推进法制政府建设。"].short() == f"第2页 第{word_paragraph(path, '第二页推进法制')}段"
    # The paragraph cut by a page break keeps one paragraph number on both of its pages.
    assert found["第四页继续推进法制政府建设。"].paragraph == word_paragraph(path, "第三页末尾的文字。")
    assert found["第四页继续推进法制政府建设。"].short().startswith("第4页 第")
    # No page at all in a file without a single page break.
    plain = build_paragraphs_and_tables(tmp_path / "plain.docx")
    assert all(b.page is None for b in read_docx(plain).blocks)


def _document_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read("word/document.xml").decode("utf-8")


def _rendered_break():
    return OxmlElement("w:lastRenderedPageBreak")


def test_pages_from_rendered_page_breaks(auditor, tmp_path):
    """Where Word laid the pages out, as it records them (w:lastRenderedPageBreak in the first run of
    each page, right after the w:t that ends a page inside a paragraph, and after a hard break)."""
    document = docx.Document()
    for line in LINES[:6]:
        document.add_paragraph(line)
    start = document.add_paragraph("第二页推进法制政府建设。")
    start.runs[0]._r.insert(0, _rendered_break())  # page 2 starts with this paragraph
    for line in LINES[6:10]:
        document.add_paragraph(line)
    split = document.add_paragraph("本段开头在第二页，")
    split.runs[0]._r.append(_rendered_break())  # page 3 starts inside this paragraph
    split.add_run("后半段在第三页推进法制政府建设。")
    for line in LINES[10:13]:
        document.add_paragraph(line)
    document.add_page_break()
    after_break = document.add_paragraph("第四页推进法制政府建设。")
    after_break.runs[0]._r.insert(0, _rendered_break())  # the hard break's page, laid out: still page 4
    for line in LINES[13:]:
        document.add_paragraph(line)
    path = tmp_path / "rendered.docx"
    document.save(str(path))

    pages = {}
    for f in findings(auditor, path, "TR001"):
        pages[line_of(path, f)] = (f.location.page, f.location.paragraph)
    assert pages == {
        "第二页推进法制政府建设。": (2, word_paragraph(path, "第二页推进法制")),
        "本段开头在第二页，后半段在第三页推进法制政府建设。": (3, word_paragraph(path, "后半段在第三页")),
        "第四页推进法制政府建设。": (4, word_paragraph(path, "第四页推进法制")),
    }
    # Every paragraph of a laid-out file has its page, in order; the title is on page 1.
    blocks = read_docx(path).blocks
    assert blocks[0].page == 1 and all(b.page is not None for b in blocks)
    assert [b.page for b in blocks] == sorted(b.page for b in blocks)
    assert [b.continues for b in blocks].count(True) == 1
    # The annotated copy still comments on the right characters of the paragraph on two pages.
    out = tmp_path / "annotated.docx"
    annotate_path(auditor, path, auditor.audit_path(path), out)
    anchored = _anchored(out, "TR001")
    assert ("法制政府", "本段开头在第二页，后半段在第三页推进法制政府建设。") in anchored, anchored


def _anchored(path: Path, code: str) -> list[tuple[str, str]]:
    """(characters commented on, their paragraph's text) for our comments naming ``code``."""
    word = docx.Document(str(path))
    ids = {str(c.comment_id) for c in word.comments if c.author == DEFAULT_AUTHOR and code in c.text}
    out = []
    for p in word.element.body.iter(W + "p"):
        open_ids: set[str] = set()
        texts: dict[str, str] = {}
        for el in p.iter():
            if el.tag == W + "commentRangeStart" and el.get(W + "id") in ids:
                open_ids.add(el.get(W + "id"))
                texts[el.get(W + "id")] = ""
            elif el.tag == W + "commentRangeEnd":
                open_ids.discard(el.get(W + "id"))
            elif el.tag == W + "t":
                for i in open_ids:
                    texts[i] += el.text or ""
        para = "".join(t.text or "" for t in p.iter(W + "t"))
        out += [(t, para) for t in texts.values()]
    return out


# -- a file saved by LibreOffice ------------------------------------------------------------


def _soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("soffice is required in CI (Debian: libreoffice-writer-nogui)")
        pytest.skip("soffice not installed (Debian: apt-get install libreoffice-writer-nogui)")
    return found


def _convert(soffice: str, source: Path, target: str, folder: Path) -> Path:
    done = subprocess.run([soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                           "--convert-to", target, "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=180)
    out = folder / (source.stem + "." + target.split(":")[0])
    assert done.returncode == 0 and out.is_file(), done.stdout + done.stderr
    return out


def test_a_file_saved_by_libreoffice(auditor, tmp_path):
    """LibreOffice's own .docx: paragraphs and cells as Word counts them, and every page the
    reader gives is the page LibreOffice itself prints the paragraph on."""
    soffice = _soffice()
    tables = _convert(soffice, build_paragraphs_and_tables(tmp_path / "tables.docx"), "docx", tmp_path / "lo1")
    cells = {line_of(tables, f): f.location.short() for f in findings(auditor, tables, "TR001")}
    assert cells == CELLS
    (pn,) = findings(auditor, tables, "PN001")
    assert pn.location.paragraph == word_paragraph(tables, AFTER_TABLE)

    source, expected = build_explicit_breaks(tmp_path / "breaks.docx", tokens=True)
    saved = _convert(soffice, source, "docx", tmp_path / "lo2")
    rendered = "lastRenderedPageBreak" in _document_xml(saved)
    pdf = _convert(soffice, saved, "pdf", tmp_path / "lo3")
    from pypdf import PdfReader

    printed = [page.extract_text() or "" for page in PdfReader(str(pdf)).pages]
    read = read_docx(saved)
    given = 0
    for block in read.blocks:
        text = read.text[block.start:block.end]
        token = text.split()[0] if text.startswith("Q") and not block.continues else None
        if token is None or block.page is None:
            continue
        given += 1
        on = [n for n, page in enumerate(printed, 1) if token in page.split()]
        assert on == [block.page], (token, block.page, on)
    # The short pages are all numbered; past the long page only a laid-out file can say.
    pages = {next(t for t in expected if t in line_of(saved, f)): f.location.page
             for f in findings(auditor, saved, "TR001")}
    if rendered:
        assert all(p is not None for p in pages.values())
    else:
        assert pages == expected
    assert given >= 6
