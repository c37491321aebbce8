""".docx, .pdf and .html versions of the model fixture and both corpus reports audit like the .txt.

Every file is built here, at test time, by fixtures/formats/build.py: Word documents with typed
numbering, with Word's automatic list numbering and with heading styles; 公文-style PDFs with
page-number footers; government web pages in UTF-8, GB2312 (declared or not) and traditional
characters. Each must give exactly the rule statuses and metadata of the text it was built from.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.api import parse as parse_source
from auditor.models import SourceText, Status
from auditor.readers.docx_styles import ListCounter, Numbering, Styles
from auditor.readers.numerals import chinese_counting, format_number

from .conftest import FIXTURES, corpus_file, load_builders

build = load_builders()

MODEL = FIXTURES / "model" / "model-report.txt"
CORPUS = {"000": "000_4d970ed531fb2e8a.txt", "001": "001_6bcddc314182265b.txt"}
SOURCES = ["model", "000", "001"]
META = ("title", "organisation", "report_year", "kind", "signature_organisation", "signature_date")
PUB_DATES = {"model": "2026-02-18 09:30", "000": "2025-02-18 11:20", "001": "2026-01-20 16:05"}
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def source_path(name: str) -> Path:
    return MODEL if name == "model" else corpus_file(CORPUS[name])


def lines_of(path: Path) -> list[str]:
    return build.report_lines(path.read_text(encoding="utf-8"))


def statuses(result) -> dict[str, Status]:
    return {r.code: r.status for r in result.results}


def metadata(result) -> dict[str, object]:
    return {f: (v.value if (v := getattr(result.metadata, f)) is not None else None) for f in META}


def assert_same_audit(auditor: Auditor, built: Path, txt: Path) -> None:
    got, want = auditor.audit_path(built), auditor.audit_path(txt)
    assert got.evaluated, got.problem
    assert statuses(got) == statuses(want)
    assert metadata(got) == metadata(want)
    assert got.score == want.score


# -- .docx ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SOURCES)
def test_docx_typed_numbering(auditor, tmp_path, name):
    txt = source_path(name)
    docx = build.build_docx(lines_of(txt), tmp_path / f"{name}.docx", numbering="typed")
    source = auditor.read(docx)
    assert source.format == "docx"
    assert source.text.splitlines() == lines_of(txt)
    assert_same_audit(auditor, docx, txt)


@pytest.mark.parametrize("name", SOURCES)
def test_docx_word_auto_numbering(auditor, tmp_path, name):
    txt = source_path(name)
    lines = lines_of(txt)
    docx = build.build_docx(lines, tmp_path / f"{name}.docx", numbering="auto")
    # The saved file really numbers its headings with Word lists: numbering.xml with Chinese
    # formats, w:numPr on the heading paragraphs, and no typed 一、/（一）/1. in their text.
    with zipfile.ZipFile(docx) as archive:
        assert "word/numbering.xml" in archive.namelist()
        numbering = archive.read("word/numbering.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert 'w:numFmt w:val="chineseCounting"' in numbering
    assert "%1、" in numbering
    numbered = document.count("<w:numPr>")
    headings = [line for line in lines[1:] if build.find_marker(line)]
    assert numbered >= len(headings) - 2 > 0  # all but numbers Word could not reproduce
    paragraph_texts = re.findall(r"<w:t[^>]*>([^<]*)</w:t>", document)
    assert not any(t.startswith("一、") for t in paragraph_texts)
    # Read back, the numbers are where the typed version has them.
    source = auditor.read(docx)
    assert source.text.splitlines() == lines
    assert_same_audit(auditor, docx, txt)


@pytest.mark.parametrize("name", SOURCES)
def test_docx_numbering_carried_by_heading_styles(auditor, tmp_path, name):
    """Outline templates put the list on the Heading styles; the paragraphs carry only the style."""
    txt = source_path(name)
    docx = build.build_docx(lines_of(txt), tmp_path / f"{name}.docx", numbering="style-list")
    with zipfile.ZipFile(docx) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
        document = archive.read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" in styles and "<w:numPr>" not in document
    assert auditor.read(docx).text.splitlines() == lines_of(txt)
    assert_same_audit(auditor, docx, txt)


@pytest.mark.parametrize("style_names", ["en", "zh"])
@pytest.mark.parametrize("name", SOURCES)
def test_docx_heading_styles(auditor, tmp_path, name, style_names):
    txt = source_path(name)
    docx = build.build_docx(lines_of(txt), tmp_path / f"{name}.docx", numbering="styles", style_names=style_names)
    with zipfile.ZipFile(docx) as archive:
        document = archive.read("word/document.xml").decode("utf-8")
    assert "<w:numPr>" not in document and "<w:pStyle" in document
    assert_same_audit(auditor, docx, txt)
    # The heading tree is the same: levels, numbers and section roles.
    tree = [(s.level, s.number, s.roles) for s in parse_source(auditor.read(docx)).all_sections()]
    assert tree == [(s.level, s.number, s.roles) for s in parse_source(auditor.read(txt)).all_sections()]
    assert tree


TABLE = [["指标", "2024年", "2025年"], ["行政处罚案件（件）", "298", "312"], ["行政复议案件（件）", "3", "2"]]


def test_docx_tables_tracked_changes_and_page_furniture(auditor, tmp_path):
    lines = lines_of(MODEL)
    after = next(i for i, line in enumerate(lines) if line.startswith("严格执行行政执法公示制度"))
    docx = build.build_docx(lines, tmp_path / "full.docx", numbering="auto", table=TABLE, table_after=after,
                            tracked=5, header="页眉文字不是正文", footer="页脚文字不是正文", comment="批注文字不是正文")
    with zipfile.ZipFile(docx) as archive:
        names = archive.namelist()
        document = archive.read("word/document.xml").decode("utf-8")
    assert {"word/header1.xml", "word/footer1.xml", "word/comments.xml"} <= set(names)
    assert "<w:del " in document and "<w:ins " in document and "删除的旧文字" in document
    source = auditor.read(docx)
    text = source.text
    for absent in ("页眉", "页脚", "批注", "删除的旧文字"):
        assert absent not in text
    cells = [cell for row in TABLE for cell in row]
    expected = lines[: after + 1] + cells + lines[after + 1 :]
    assert text.splitlines() == expected  # the tracked line reads as accepted: lines[5] unchanged
    # The same lines as text audit the same.
    txt = tmp_path / "full.txt"
    txt.write_text("\n".join(expected) + "\n", encoding="utf-8")
    assert_same_audit(auditor, docx, txt)
    # A table cell is located by its cell (not as a paragraph) and heading path; the paragraph
    # after the table keeps Word's count of body paragraphs.
    doc = parse_source(source)
    pos = doc.text.index("行政复议案件")
    loc = doc.locate(pos, pos + 6)
    assert (loc.cell, loc.paragraph, loc.short()) == ("T1R3C1", None, "表1第3行第1列")
    pos = doc.text.index(lines[after + 1])
    assert doc.locate(pos, pos + 2).paragraph == after + 2
    assert loc.heading_path[0].startswith("一、") and loc.heading_path[-1].startswith("1.")
    blocks = {b.cell for b in source.blocks if b.cell}
    assert blocks == {f"T1R{r}C{c}" for r in (1, 2, 3) for c in (1, 2, 3)}


def test_docx_finding_locations_name_paragraph_and_heading_path(auditor, tmp_path):
    txt = FIXTURES / "missing" / "unbalanced-book-mark.txt"
    docx = build.build_docx(lines_of(txt), tmp_path / "pn.docx", numbering="auto")
    assert_same_audit(auditor, docx, txt)
    finding = next(f for f in auditor.audit_path(docx).findings if f.code == "PN001")
    expected = next(f for f in auditor.audit_path(txt).findings if f.code == "PN001")
    assert finding.location.paragraph == 7
    assert (finding.location.line, finding.location.column) == (expected.location.line, expected.location.column)
    assert finding.location.heading_path == [
        "一、2025年推进法治政府建设的主要举措和成效", "(一)坚持学思践悟,深入学习贯彻习近平法治思想"]
    assert "第7段" in finding.location.short()


def test_docx_in_a_folder_is_collected(auditor, tmp_path):
    build.build_docx(lines_of(MODEL), tmp_path / "a.docx")
    build.build_pdf(lines_of(MODEL), tmp_path / "b.pdf")
    (tmp_path / "c.txt").write_text(MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    build.build_html(lines_of(MODEL), tmp_path / "d.htm", build.PageMeta("x", "2026-02-18", "y"))
    assert {".docx", ".pdf", ".html", ".htm", ".txt"} <= set(auditor.suffixes())
    assert [p.name for p in auditor.collect([tmp_path])] == ["a.docx", "b.pdf", "c.txt", "d.htm"]
    results = list(auditor.audit_paths([tmp_path]))
    assert [r.format for r in results] == ["docx", "pdf", "txt", "html"]
    assert all(r.verdict == "pass" for r in results)


# -- Word list numbering, unit by unit -----------------------------------------------------


def test_chinese_numbers():
    assert [chinese_counting(n) for n in (1, 9, 10, 11, 20, 21, 99, 100, 101, 110)] == [
        "一", "九", "十", "十一", "二十", "二十一", "九十九", "一百", "一百零一", "一百一十"]
    assert format_number(3, "ideographTraditional") == "丙"
    assert format_number(3, "chineseCountingThousand") == "三"
    assert format_number(12, "ideographDigital") == "一二"
    assert format_number(2, "decimalEnclosedCircle") == "②"
    assert format_number(4, "upperRoman") == "IV"
    assert format_number(28, "lowerLetter") == "bb"
    assert format_number(7, "decimalZero") == "07"
    assert format_number(5, "bullet") == ""


def _numbering(xml: str) -> ListCounter:
    from lxml import etree

    root = etree.fromstring(f'<w:numbering xmlns:w="{W[1:-1]}">{xml}</w:numbering>')
    return ListCounter(Numbering(root, Styles(None)))


def test_list_counter_levels_restart_and_overrides():
    counter = _numbering(
        '<w:abstractNum w:abstractNumId="1">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
        '<w:lvlText w:val="%1、"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%4"/><w:isLgl/></w:lvl>'
        '<w:lvl w:ilvl="4"><w:start w:val="1"/><w:numFmt w:val="ideographTraditional"/>'
        '<w:lvlText w:val="%5）"/><w:lvlRestart w:val="0"/></w:lvl>'
        "</w:abstractNum>"
        '<w:num w:numId="7"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="8"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    labels = [counter.label(7, lvl) for lvl in (0, 1, 1, 2, 2, 1, 2, 0, 1, 3, 4, 0, 4)]
    assert labels == ["一、", "（一）", "（二）", "1.", "2.", "（三）", "1.", "二、", "（一）", "2.1", "甲）",
                      "三、", "乙）"]  # level 5 never restarts; isLgl shows 二 as 2
    assert counter.label(8, 0) == "五、"  # a restarted list instance of the same definition
    assert counter.label(8, 0) == "六、"
    assert counter.label(99, 0) == ""  # an undefined list shows no number


# -- .pdf ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SOURCES)
def test_pdf(auditor, tmp_path, name):
    txt = source_path(name)
    pdf = build.build_pdf(lines_of(txt), tmp_path / f"{name}.pdf", header="青禾市生态环境局 内部资料")
    source = auditor.read(pdf)
    assert source.format == "pdf"
    # Wrapped lines are joined without spaces; running header and "- N -" page numbers are gone.
    assert source.text.splitlines() == lines_of(txt)
    assert "内部资料" not in source.text and not re.search(r"- \d+ -", source.text)
    pages = sorted({b.page for b in source.blocks})
    assert pages[0] == 1 and len(pages) >= 3
    assert_same_audit(auditor, pdf, txt)


@pytest.mark.parametrize("style", ["emdash", "di", "none"])
def test_pdf_page_number_styles(auditor, tmp_path, style):
    pdf = build.build_pdf(lines_of(MODEL), tmp_path / "model.pdf", page_numbers=style)
    assert auditor.read(pdf).text.splitlines() == lines_of(MODEL)
    assert_same_audit(auditor, pdf, MODEL)


def test_pdf_finding_locations_name_the_page(auditor, tmp_path):
    txt = FIXTURES / "missing" / "unbalanced-book-mark.txt"
    pdf = build.build_pdf(lines_of(txt), tmp_path / "pn.pdf")
    assert_same_audit(auditor, pdf, txt)
    finding = next(f for f in auditor.audit_path(pdf).findings if f.code == "PN001")
    assert finding.location.page == 1
    assert finding.location.heading_path[0].startswith("一、")
    assert finding.location.short().startswith("第1页")
    # A paragraph that runs over a page break is located on the page each part is on.
    source = auditor.read(pdf)
    split = [(a, b) for a, b in zip(source.blocks, source.blocks[1:], strict=False) if a.end == b.start]
    assert split, "no paragraph runs over a page break in this layout"
    first, second = split[0]
    assert second.page == first.page + 1
    assert "\n" not in source.text[first.start:second.end]
    doc = parse_source(source)
    at = next(i for i, o in enumerate(doc.offsets) if o >= second.start)
    assert doc.locate(at, at + 1).page == second.page
    assert doc.locate(at - 1, at).page == first.page


def test_owner_password_pdf_opens_without_a_password(auditor, tmp_path):
    pypdf = pytest.importorskip("pypdf")
    plain = build.build_pdf(lines_of(MODEL), tmp_path / "plain.pdf")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt(user_password="", owner_password="owner-only", algorithm="AES-128")
    restricted = tmp_path / "restricted.pdf"
    with restricted.open("wb") as f:
        writer.write(f)
    assert_same_audit(auditor, restricted, MODEL)


# -- .html ---------------------------------------------------------------------------------

VARIANTS = {
    "utf-8": {},
    "gb2312": {"encoding": "gb2312"},
    "gb2312-http-equiv": {"encoding": "gb2312", "declare": "http-equiv"},
    "gbk-undeclared": {"encoding": "gbk", "declare": "none"},
}


def page_meta(name: str, lines: list[str], source: str = "青禾市生态环境局") -> object:
    return build.PageMeta(title=lines[0], pub_date=PUB_DATES[name], source=source)


@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("name", SOURCES)
def test_html(auditor, tmp_path, name, variant):
    txt = source_path(name)
    lines = lines_of(txt)
    page = build.build_html(lines, tmp_path / f"{name}.html", page_meta(name, lines), **VARIANTS[variant])
    source = auditor.read(page)
    assert source.format == "html"
    assert source.text.splitlines() == lines  # the article and its h1 title, nothing of the page
    got, want = auditor.audit_path(page), auditor.audit_path(txt)
    assert metadata(got) == metadata(want)
    # The publication date comes from the PubDate meta tag …
    assert got.metadata.publication_date.value == dt.date.fromisoformat(PUB_DATES[name][:10])
    assert got.metadata.publication_date.source == "reader"
    # … so the deadline rule can be checked; every other rule is as for the text.
    tm = "TM002"
    assert {k: v for k, v in statuses(got).items() if k != tm} == {k: v for k, v in statuses(want).items() if k != tm}
    with_date = auditor.audit_source(SourceText(path=str(txt), format="txt", text=txt.read_text(encoding="utf-8"),
                                                hints={"publication_date": PUB_DATES[name]}))
    assert statuses(got)[tm] == statuses(with_date)[tm]
    if name == "000":  # the real page's date, also in the copied text: identical throughout
        assert statuses(got) == statuses(want)


def test_html_meta_tags_become_hints(auditor, tmp_path):
    lines = lines_of(MODEL)
    page = build.build_html(lines, tmp_path / "m.html", page_meta("model", lines))
    hints = auditor.read(page).hints
    assert hints == {"title": lines[0], "publication_date": "2026-02-18 09:30", "organisation": "青禾市生态环境局",
                     "source_site": "青禾市人民政府门户网站", "column": "法治政府建设"}


@pytest.mark.parametrize("layout", [
    {"markup": "br"},
    {"markup": "table", "container": 'class="bt_content"'},
    {"markup": "table", "container": 'class="wz"'},
    {"container": 'id="zoom"'},
    {"container": 'class="article_cont"'},
    {"markup": "br", "container": 'class="wzy"'},
    {"container": 'id="zoom"><div class="info">发布时间：2026-02-18</div><div class="TRS_Editor"'},
])
def test_html_layouts(auditor, tmp_path, layout):
    lines = lines_of(MODEL)
    page = build.build_html(lines, tmp_path / "m.html", page_meta("model", lines), **layout)
    assert auditor.read(page).text.splitlines() == lines


def test_html_title_only_in_meta_tags(auditor, tmp_path):
    lines = lines_of(MODEL)
    page = build.build_html(lines, tmp_path / "m.html", page_meta("model", lines), title_in_body=False)
    result = auditor.audit_path(page)
    assert result.metadata.title.value == lines[0] and result.metadata.title.source == "reader"
    assert result.metadata.organisation.value == "青禾市生态环境局"


@pytest.mark.parametrize("encoding", ["utf-8", "big5"])
def test_html_traditional_characters(auditor, tmp_path, encoding):
    opencc = pytest.importorskip("opencc")
    lines = lines_of(MODEL)
    page = build.build_html(lines, tmp_path / "t.html", page_meta("model", lines), encoding=encoding,
                            declare="http-equiv", traditional=True)
    traditional = opencc.OpenCC("s2tw").convert(MODEL.read_text(encoding="utf-8"))
    txt = tmp_path / "t.txt"
    txt.write_text(traditional, encoding="utf-8")
    source = auditor.read(page)
    assert "青禾市生態環境局關於2025年度法治政府建設情況的報告" in source.text
    assert source.text.splitlines() == build.report_lines(traditional)
    got, want = auditor.audit_path(page), auditor.audit_path(txt)
    assert metadata(got) == metadata(want)
    assert {k: v for k, v in statuses(got).items() if k != "TM002"} == {
        k: v for k, v in statuses(want).items() if k != "TM002"}
    # … and the organisation is recognised, as for the simplified text.
    assert got.metadata.organisation.value == "青禾市生态环境局"
    assert got.verdict == "pass"


def test_html_utf8_page_still_declaring_gb2312(auditor, tmp_path):
    """A page re-saved as UTF-8 that kept its old declaration reads as UTF-8, not as mojibake."""
    lines = lines_of(MODEL)
    page = build.build_html(lines, tmp_path / "m.html", page_meta("model", lines))
    page.write_bytes(page.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="gb2312">'))
    source = auditor.read(page)
    assert source.encoding == "utf-8" and source.text.splitlines() == lines


def test_html_hidden_elements_and_title_tag(auditor, tmp_path):
    lines = lines_of(MODEL)
    body = "".join(f"<p>{line}</p>" for line in lines[1:])
    page = tmp_path / "plain.html"
    page.write_text(
        f"<html><head><meta charset='utf-8'><title>{lines[0]}_青禾市人民政府</title></head><body>"
        f"<div class='main'><div style='display: none'>隐藏的关键词：法制政府、新理念新思想新战略</div>{body}</div>"
        "</body></html>", encoding="utf-8")
    source = auditor.read(page)
    assert source.text.splitlines() == lines[1:]  # no h1: the title is only in <title>
    assert source.hints == {"title": lines[0]}
    result = auditor.audit_path(page)
    assert result.metadata.title.value == lines[0] and result.metadata.title.source == "reader"
    assert "法制政府" not in source.text


def test_docx_table_of_contents_is_not_body_text(auditor, tmp_path):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    lines = lines_of(MODEL)
    path = build.build_docx(lines, tmp_path / "toc.docx")
    document = docx.Document(str(path))
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    title = document.paragraphs[0]
    for heading in reversed([line for line in lines if re.match(r"[一二三四五]、", line)]):
        entry = title.insert_paragraph_before(f"{heading}\t3", style=toc)
        title._p.addnext(entry._p)
    document.save(str(path))
    assert auditor.read(path).text.splitlines() == lines
    assert_same_audit(auditor, path, MODEL)
