"""Bad input, one test each: one clear line naming the file, an *unevaluated* result, bounded work.

Every bad file is built here: a corrupt zip posing as .docx, a zip bomb, a file past the size
limit (sparse: no disk), encrypted and image-only PDFs, a page with no article, misleading
extensions, legacy Word files, a symlink loop inside a folder.
"""

from __future__ import annotations

import os
import tracemalloc
import zipfile
from pathlib import Path

import pytest

import auditor.readers.docx as docx_reader
import auditor.readers.pdf as pdf_reader
from auditor import Auditor
from auditor.errors import InputError
from auditor.models import Status

from .conftest import FIXTURES, load_builders

MODEL = FIXTURES / "model" / "model-report.txt"
MB = 1024 * 1024


build = load_builders()
LINES = build.report_lines(MODEL.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def unreadable(auditor: Auditor, path: Path, *needles: str) -> str:
    """The file is refused: ``read`` raises one line naming it, ``audit_path`` is unevaluated."""
    with pytest.raises(InputError) as info:
        auditor.read(path)
    line = str(info.value)
    assert line.startswith(f"{path}: "), line
    assert "\n" not in line and "Traceback" not in line
    for needle in needles:
        assert needle in line, line
    result = auditor.audit_path(path)
    assert result.verdict == "unevaluated" and not result.evaluated
    assert result.problem == info.value.message
    assert result.score is None or result.score == 0
    assert all(r.status is not Status.passed for r in result.results)
    return line


def model_docx(tmp_path: Path, name: str = "model.docx") -> Path:
    return build.build_docx(LINES, tmp_path / name, numbering="auto")


def model_pdf(tmp_path: Path, name: str = "model.pdf") -> Path:
    return build.build_pdf(LINES, tmp_path / name)


# -- .docx ---------------------------------------------------------------------------------


def test_corrupt_zip_posing_as_docx(auditor, tmp_path):
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    unreadable(auditor, bad, "is not a valid .docx file")


def test_truncated_docx(auditor, tmp_path):
    data = model_docx(tmp_path).read_bytes()
    bad = tmp_path / "truncated.docx"
    bad.write_bytes(data[: len(data) // 2])
    unreadable(auditor, bad, "is not a valid .docx file")


def test_zip_without_a_word_document(auditor, tmp_path):
    bad = tmp_path / "archive.docx"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("readme.txt", "法治政府建设年度报告")
    unreadable(auditor, bad, "is not a valid .docx file", "word/document.xml")


def test_docx_zip_bomb_is_refused_without_expanding_it(auditor, tmp_path):
    """word/document.xml of ~200 MB of zeros, ~200 KB compressed: refused from the zip directory."""
    bomb = tmp_path / "bomb.docx"
    with zipfile.ZipFile(model_docx(tmp_path)) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info.filename, src.read(info.filename))
        with out.open("word/document.xml", "w") as part:
            zeros = b"\0" * MB
            for _ in range(200):
                part.write(zeros)
    assert bomb.stat().st_size < 2 * MB
    tracemalloc.start()
    try:
        line = unreadable(auditor, bomb, "is not a valid .docx file", "zip bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 20 * MB, f"{peak / MB:.1f} MB allocated: the bomb was expanded"
    assert "MB" in line


def test_docx_xml_part_with_a_high_compression_ratio(auditor, tmp_path):
    """Under the size limit, an XML part expanding a thousand times is refused all the same."""
    bomb = tmp_path / "ratio.docx"
    with zipfile.ZipFile(model_docx(tmp_path)) as src, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        out.writestr("customXml/item9.xml", b"<a>" + b"<b/>" * (2 * MB) + b"</a>")
    unreadable(auditor, bomb, "part customXml/item9.xml expands", "a zip bomb?")


def test_docx_with_a_large_compressible_image_is_read(auditor, tmp_path):
    """A blank bitmap deflates very well too: media parts are bounded by size, not by ratio."""
    docx = tmp_path / "image.docx"
    with zipfile.ZipFile(model_docx(tmp_path)) as src, zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, src.read(info.filename))
        out.writestr("word/media/image1.bmp", b"BM" + b"\xff" * (8 * MB))
    assert auditor.audit_path(docx).verdict == "pass"


def test_word_lock_file(auditor, tmp_path):
    lock = tmp_path / "~$report.docx"
    lock.write_bytes(b"\x08zhangsan" + bytes(154))
    unreadable(auditor, lock, "lock file Word keeps")


def test_docx_with_an_entity_expansion_dtd(auditor, tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">' for i in range(1, 9))
    xml = (f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY e0 "法治法治法治法治">{entities}]>'
           '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           "<w:body><w:p><w:r><w:t>&e8;</w:t></w:r></w:p></w:body></w:document>")
    bad = tmp_path / "entities.docx"
    with zipfile.ZipFile(model_docx(tmp_path)) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = xml.encode() if info.filename == "word/document.xml" else src.read(info.filename)
            out.writestr(info.filename, data)
    unreadable(auditor, bad, "declares a DTD")


def test_docx_with_no_text(auditor, tmp_path):
    import docx

    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    unreadable(auditor, empty, "contains no text")


def test_docx_paragraph_limit(auditor, tmp_path, monkeypatch):
    monkeypatch.setattr(docx_reader, "MAX_PARAGRAPHS", 10)
    unreadable(auditor, model_docx(tmp_path), "more than 10 paragraphs")


# -- size ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html", ".txt", ".doc"])
def test_file_over_50_mb_is_refused_unread(auditor, tmp_path, suffix):
    big = tmp_path / f"huge{suffix}"
    with big.open("wb") as f:
        f.truncate(51 * MB)  # sparse: costs no disk, and is never read
    tracemalloc.start()
    try:
        unreadable(auditor, big, "is too large for a report (51 MB; limit")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 10 * MB


# -- .pdf ----------------------------------------------------------------------------------


def test_encrypted_pdf(auditor, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(model_pdf(tmp_path)))
    writer.encrypt(user_password="secret", owner_password="owner")
    locked = tmp_path / "locked.pdf"
    with locked.open("wb") as f:
        writer.write(f)
    unreadable(auditor, locked, "is encrypted")


def test_pdf_of_scanned_images(auditor, tmp_path):
    scan = build.build_image_pdf(tmp_path / "scan.pdf", pages=3)
    unreadable(auditor, scan, "has no usable text layer (a scanned PDF?)", "3 pages")


def test_pdf_mostly_scanned_behind_a_typed_first_page(auditor, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter()
    writer.append(str(model_pdf(tmp_path)), pages=[0])
    writer.append(str(build.build_image_pdf(tmp_path / "scan.pdf", pages=3)))
    mixed = tmp_path / "mixed.pdf"
    with mixed.open("wb") as f:
        writer.write(f)
    unreadable(auditor, mixed, "has no usable text layer (a scanned PDF?)", "3 of its 4 pages have no text")


def test_pdf_with_a_scanned_signature_page_is_read(auditor, tmp_path):
    """One image page (the stamped last page, typically) does not make the report a scan."""
    import pypdf

    writer = pypdf.PdfWriter()
    writer.append(str(model_pdf(tmp_path)))
    writer.append(str(build.build_image_pdf(tmp_path / "stamp.pdf", pages=1)))
    signed = tmp_path / "signed.pdf"
    with signed.open("wb") as f:
        writer.write(f)
    assert auditor.audit_path(signed).verdict == "pass"


def test_pdf_whose_text_is_garbage(auditor, tmp_path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    if build.FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(build.FONT))
    garbage = tmp_path / "garbage.pdf"
    pdf = canvas.Canvas(str(garbage), invariant=1)
    pdf.setFont(build.FONT, 12)
    pdf.drawString(60, 810, "青禾市生态环境局关于2025年度法治政府建设情况的报告")  # a real title …
    pdf.setFont("Helvetica", 10)
    for i in range(45):  # … over what a CJK font without a Unicode map extracts as: Latin soup
        pdf.drawString(60, 790 - 16 * i, "ÆÕÍ¨ºÍ¸Ä¸ï·¢Õ¹ÊÇÎÒ¹úµÄ»ù±¾¹ú²ß" + "µÚ" * (i % 5) + "·¨ÖÎÕþ¸®")
    pdf.save()
    unreadable(auditor, garbage, "has no usable text layer", "mostly unreadable")


def test_damaged_pdf(auditor, tmp_path):
    data = model_pdf(tmp_path).read_bytes()
    bad = tmp_path / "damaged.pdf"
    bad.write_bytes(data[:200] + b"\0" * 300)
    line = unreadable(auditor, bad)
    assert "PDF" in line or "text layer" in line


def test_pdf_page_limit(auditor, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    unreadable(auditor, model_pdf(tmp_path), "pages (limit 2)")


def test_not_a_pdf_at_all(auditor, tmp_path):
    bad = tmp_path / "report.pdf"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    unreadable(auditor, bad, "is not a valid PDF file")


# -- .html ---------------------------------------------------------------------------------


def test_html_page_with_no_article_text(auditor, tmp_path):
    page = build.build_html(LINES, tmp_path / "empty.html", build.PageMeta(LINES[0], "2026-02-18", "青禾市生态环境局"),
                            article=False)
    unreadable(auditor, page, "has no article text")


def test_html_of_scripts_only(auditor, tmp_path):
    page = tmp_path / "app.html"
    page.write_text("<!DOCTYPE html><html><head><script>var t='法治政府建设年度报告';</script></head>"
                    "<body><div id='app'></div><script>render('法治政府建设情况的报告')</script></body></html>",
                    encoding="utf-8")
    unreadable(auditor, page, "has no article text")


# -- misleading extensions and legacy formats ----------------------------------------------


def test_pdf_named_docx_is_read_as_pdf(auditor, tmp_path):
    misnamed = tmp_path / "report.docx"
    misnamed.write_bytes(model_pdf(tmp_path).read_bytes())
    result = auditor.audit_path(misnamed)
    assert result.evaluated and result.format == "pdf"
    assert {r.code: r.status for r in result.results} == {
        r.code: r.status for r in auditor.audit_path(MODEL).results}


def test_docx_named_pdf_is_read_as_docx(auditor, tmp_path):
    misnamed = tmp_path / "report.pdf"
    misnamed.write_bytes(model_docx(tmp_path).read_bytes())
    result = auditor.audit_path(misnamed)
    assert result.evaluated and result.format == "docx" and result.verdict == "pass"


def test_html_named_txt_is_read_as_a_web_page(auditor, tmp_path):
    """A page saved as .txt would otherwise be audited with its menus and markup as text."""
    misnamed = tmp_path / "report.txt"
    build.build_html(LINES, misnamed, build.PageMeta(LINES[0], "2026-02-18 09:30", "青禾市生态环境局"))
    source = auditor.read(misnamed)
    assert source.format == "html" and source.text.splitlines() == LINES
    assert auditor.audit_path(misnamed).verdict == "pass"


def test_plain_text_with_markup_words_stays_text(auditor, tmp_path):
    txt = tmp_path / "report.txt"
    txt.write_text("<p>不是网页</p>\n" + MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    assert auditor.read(txt).format == "txt"


def test_pdf_named_txt_is_read_as_pdf(auditor, tmp_path):
    misnamed = tmp_path / "report.txt"
    misnamed.write_bytes(model_pdf(tmp_path).read_bytes())
    assert auditor.audit_path(misnamed).format == "pdf"


def test_legacy_word_file_named_docx(auditor, tmp_path):
    misnamed = tmp_path / "report.docx"
    misnamed.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    unreadable(auditor, misnamed, "is named '.docx' but is a legacy Office/WPS file", "save it as .docx")


def test_encrypted_pdf_named_docx_names_both(auditor, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=str(model_pdf(tmp_path)))
    writer.encrypt(user_password="secret")
    misnamed = tmp_path / "report.docx"
    with misnamed.open("wb") as f:
        writer.write(f)
    unreadable(auditor, misnamed, "is encrypted", "named '.docx' but is a PDF file")


@pytest.mark.parametrize("suffix", [".doc", ".wps", ".DOC"])
def test_legacy_word_and_wps_files_say_how_to_convert(auditor, tmp_path, suffix):
    legacy = tmp_path / f"报告{suffix}"
    legacy.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    unreadable(auditor, legacy, f"unsupported file type '{suffix.lower()}'", "legacy Word/WPS file",
               "文件 → 另存为 → .docx", f'libreoffice --headless --convert-to docx "报告{suffix}"')


def test_rtf_named_doc(auditor, tmp_path):
    rtf = tmp_path / "report.doc"
    rtf.write_bytes(rb"{\rtf1\ansi\ansicpg936 \'b7\'a8\'d6\'ce}")
    unreadable(auditor, rtf, "unsupported file type '.doc': an RTF document", "--convert-to docx")


def test_docx_named_doc_is_read(auditor, tmp_path):
    misnamed = tmp_path / "report.doc"
    misnamed.write_bytes(model_docx(tmp_path).read_bytes())
    assert auditor.audit_path(misnamed).format == "docx"


def test_legacy_files_are_not_picked_out_of_folders(auditor, tmp_path):
    (tmp_path / "old.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    (tmp_path / "new.txt").write_text(MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    assert [p.name for p in auditor.collect([tmp_path])] == ["new.txt"]


# -- folders -------------------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_loop_in_a_folder(auditor, tmp_path):
    reports = tmp_path / "reports"
    (reports / "sub").mkdir(parents=True)
    (reports / "a.txt").write_text(MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    model_docx(reports / "sub", "b.docx")
    (reports / "sub" / "c.docx").write_bytes(b"PK\x03\x04 not really a zip")
    try:
        os.symlink(reports, reports / "sub" / "loop", target_is_directory=True)
        os.symlink(reports / "sub", reports / "sub" / "self", target_is_directory=True)
    except OSError as exc:  # pragma: no cover - e.g. Windows without the privilege
        pytest.skip(f"cannot create symlinks here: {exc}")
    results = list(auditor.audit_paths([reports]))
    by_name = {Path(r.path).name: r for r in results}
    assert sorted(by_name) == ["a.txt", "b.docx", "c.docx"]  # each real file once, the loop not followed
    assert len(results) == 3
    assert by_name["a.txt"].verdict == "pass" and by_name["b.docx"].verdict == "pass"
    assert by_name["c.docx"].verdict == "unevaluated"  # the bad file does not stop the batch
    assert "is not a valid .docx file" in by_name["c.docx"].problem


# -- hostile web pages (issue #12) ----------------------------------------------------------

def _page(body: str) -> bytes:
    from .hostile.cases import MODEL, MODEL_TITLE

    article = "".join(f"<p>{line}</p>" for line in MODEL.splitlines() if line.strip())
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{MODEL_TITLE}</title></head><body>"
            + body.replace("ARTICLE", article) + "</body></html>").encode("utf-8")


def test_html_entity_bomb_is_not_expanded(auditor, tmp_path):
    from .hostile.cases import _laughs

    path = tmp_path / "bomb.html"
    path.write_bytes(_laughs().replace("<!DOCTYPE d", "<!DOCTYPE html").encode() + _page("<p>&lol9;</p>ARTICLE"))
    result = auditor.audit_path(path)
    assert result.evaluated  # the article is read; the entity stays a literal '&lol9;', never a billion 'lol'
    assert "lollol" not in read_text(path)


def test_html_nested_200k_deep_is_bounded(auditor, tmp_path):
    # The HTML parser keeps a bounded depth: an article 200,000 elements deep is beyond it, and the
    # page is refused in one line (the bad-input suite bounds its time and memory), never a crash.
    path = tmp_path / "deep.html"
    path.write_bytes(_page("<div>" * 200_000 + "ARTICLE" + "</div>" * 200_000))
    result = auditor.audit_path(path)
    assert result.evaluated or (result.problem is not None and "\n" not in result.problem)
    shallow = tmp_path / "shallow.html"
    shallow.write_bytes(_page("<div>" * 50 + "ARTICLE" + "</div>" * 50))
    assert auditor.audit_path(shallow).evaluated


def read_text(path: Path) -> str:
    from auditor.readers.html import read_html

    return read_html(path).text
