"""Parsing, the frame and its metadata: title, addressee, signature and dates of the model report,
the fixtures (no title, one line, traditional, web clutter) and the corpus (parse/frame.py, parse/metadata.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.normalize import fold_phrase

from ..conftest import FIXTURES, corpus_file
from .texts import (
    MODEL,
    MODEL_ROLES,
    MODEL_TREE,
    REPORT_000,
    REPORT_001,
    original_slice,
    parse_file,
    parse_text,
    report,
    roles,
    tree,
    walk,
)

CORPUS_METADATA = {
    REPORT_000: {
        "report_year": 2024,
        "organisation": "株洲市工业和信息化局",
        "title_organisation": None,
        "kind": "department",
        "signature_organisation": "株洲市工业和信息化局",
        "signature_date": dt.date(2025, 2, 11),
        "publication_date": dt.date(2025, 2, 18),
        "title": "2024年度法治政府建设工作情况报告",
    },
    REPORT_001: {
        "report_year": 2025,
        "organisation": "洪江区科技和工业信息化局",
        "title_organisation": "洪江区科技和工业信息化局",
        "kind": "department",
        "signature_organisation": "洪江区科技和工业信息化",
        "signature_date": dt.date(2025, 12, 31),
        "publication_date": None,
        "title": "洪江区科技和工业信息化局关于2025年度法治政府建设情况的报告",
    },
}


@pytest.mark.parametrize("name", [REPORT_000, REPORT_001])
def test_corpus_metadata(vocab, name):
    doc = parse_file(corpus_file(name), vocab)
    meta = doc.metadata
    actual = {field: (getattr(meta, field).value if getattr(meta, field) else None) for field in CORPUS_METADATA[name]}
    assert actual == CORPUS_METADATA[name]


def test_corpus_000_dates_come_from_signature_and_page_stamp(vocab):
    doc = parse_file(corpus_file(REPORT_000), vocab)
    meta = doc.metadata
    assert meta.signature_date.source == "signature"
    assert meta.signature_date.raw == "2025年2月11日"
    assert meta.publication_date.source == "clutter"
    assert meta.publication_date.location.line == 3
    assert original_slice(doc, meta.publication_date.location) == "发布时间:2025-02-18 11:20"
    assert meta.organisation.source == "signature"  # the title names no organisation
    assert meta.signature_date.location.line == 57


def test_corpus_001_clutter_is_located(vocab):
    doc = parse_file(corpus_file(REPORT_001), vocab)
    assert [(c.kind, c.location.line, c.location.column) for c in doc.clutter] == [("police", 30, 1)]
    assert original_slice(doc, doc.clutter[0].location) == "湘公网安备 43120202000051号"


def test_model_metadata(vocab):
    meta = parse_file(MODEL, vocab).metadata
    assert meta.title.value == "青禾市生态环境局关于2025年度法治政府建设情况的报告"
    assert meta.title_organisation.value == "青禾市生态环境局"
    assert meta.organisation.source == "title"
    assert (meta.report_year.value, meta.report_year.source) == (2025, "title")
    assert meta.kind.value == "department"
    assert meta.addressee.value == "市委、市政府"
    assert meta.signature_organisation.value == "青禾市生态环境局"
    assert meta.signature_date.value == dt.date(2026, 2, 10)
    assert meta.publication_date is None
    assert meta.title.location.line == 1 and meta.title.location.column == 1


def test_title_split_over_two_lines(vocab):
    text = report("青禾市生态环境局关于2025年度法治政府建设\n情况的报告", "青禾市生态环境局\n2026年2月10日")
    doc = parse_text(text, vocab)
    meta = doc.metadata
    assert doc.text[doc.title.start : doc.title.end] == "青禾市生态环境局关于2025年度法治政府建设\n情况的报告"
    assert meta.title_organisation.value == "青禾市生态环境局"
    assert meta.report_year.value == 2025
    assert (meta.title.location.line, meta.title.location.end_line) == (1, 2)
    assert doc.paragraphs[0].text == "全年办理行政处罚案件12件。"
    assert not any("情况的报告" in p.text for p in doc.paragraphs)
    assert [s.number for s in doc.sections] == [1, 2, 3]


def test_title_split_over_two_lines_reads_as_one_title(vocab):
    text = report("青禾市生态环境局关于2025年度法治政府建设\n情况的报告", "青禾市生态环境局\n2026年2月10日")
    meta = parse_text(text, vocab).metadata
    assert meta.title.value == "青禾市生态环境局关于2025年度法治政府建设情况的报告"


def test_title_printed_twice_is_not_a_paragraph(vocab):
    title = "青禾市生态环境局关于2025年度法治政府建设情况的报告"
    doc = parse_text(report(f"{title}\n\n{title}", "青禾市生态环境局\n2026年2月10日"), vocab)
    assert doc.metadata.title.value == title
    assert doc.text[doc.title.start : doc.title.end] == title
    assert doc.metadata.title.location.line == 1
    assert all(p.text != title for p in doc.paragraphs)
    assert doc.paragraphs[0].text == "全年办理行政处罚案件12件。"
    assert doc.body.start > doc.text.index(title, 1)  # the body starts after the second copy


def test_no_title_fixture(vocab):
    doc = parse_file(FIXTURES / "edge" / "no-title.txt", vocab)
    meta = doc.metadata
    assert doc.title is None
    assert meta.title is None and meta.title_organisation is None
    assert (meta.report_year.value, meta.report_year.source) == (2025, "body")
    assert meta.report_year.location.line == 1
    assert (meta.organisation.value, meta.organisation.source) == ("青禾市生态环境局", "signature")
    assert meta.kind.value == "department"
    assert doc.paragraphs[0].text.startswith("2025年,青禾市生态环境局")
    assert tree(doc) == MODEL_TREE


def test_ascii_punct_fixture_parses_like_the_model(vocab):
    model = parse_file(MODEL, vocab)
    variant = parse_file(FIXTURES / "edge" / "ascii-punct.txt", vocab)
    assert tree(variant) == tree(model)
    assert roles(variant) == roles(model)


def test_one_line_fixture_top_level_sections_match_the_model(vocab):
    model = parse_file(MODEL, vocab)
    doc = parse_file(FIXTURES / "edge" / "one-line.txt", vocab)
    assert "\n" not in doc.original
    assert [(s.number, s.roles) for s in doc.sections] == [(s.number, s.roles) for s in model.sections]
    assert doc.metadata.title.value == model.metadata.title.value
    assert doc.metadata.signature_organisation.value == "青禾市生态环境局"
    assert doc.metadata.signature_date.value == dt.date(2026, 2, 10)


@pytest.mark.xfail(strict=True, reason="known limitation: without line breaks nothing marks where a heading "
                                       "ends, so titles run on into their paragraph (numbers, levels and roles "
                                       "still match: see the tests around this one)")
def test_one_line_fixture_section_titles_match_the_model(vocab):
    doc = parse_file(FIXTURES / "edge" / "one-line.txt", vocab)
    assert [(d, lvl, n, title) for d, lvl, _m, n, title in tree(doc)] == [
        (d, lvl, n, title) for d, lvl, _m, n, title in MODEL_TREE]


def test_one_line_fixture_roles_match_the_model(vocab):
    doc = parse_file(FIXTURES / "edge" / "one-line.txt", vocab)
    assert [(s.level, s.number, s.roles) for _d, s in walk(doc)] == [
        (s.level, s.number, s.roles) for _d, s in walk(parse_file(MODEL, vocab))]


def test_one_line_fixture_inline_items_match_the_model(vocab):
    doc = parse_file(FIXTURES / "edge" / "one-line.txt", vocab)
    assert [(i.marker, i.number) for i in doc.items] == [("一是", 1), ("二是", 2), ("三是", 3)]


def test_traditional_fixture_gives_the_model_metadata(vocab):
    model = parse_file(MODEL, vocab).metadata
    trad_doc = parse_file(FIXTURES / "edge" / "traditional.txt", vocab)
    trad = trad_doc.metadata
    for field in ("organisation", "title_organisation", "report_year", "kind", "addressee",
                  "signature_organisation", "signature_date", "publication_date"):
        mine, theirs = getattr(trad, field), getattr(model, field)
        assert (mine.value if mine else None) == (theirs.value if theirs else None), field
    # the title is quoted from the original (traditional) text and folds to the model's title
    assert trad.title.value == "青禾市生態環境局關於2025年度法治政府建設情況的報告"
    assert fold_phrase(trad.title.value) == model.title.value
    assert tree(trad_doc) == MODEL_TREE
    assert roles(trad_doc) == MODEL_ROLES


def test_web_clutter_fixture_metadata(vocab):
    doc = parse_file(FIXTURES / "edge" / "web-clutter.txt", vocab)
    meta = doc.metadata
    assert meta.title.value == "青禾市生态环境局关于2025年度法治政府建设情况的报告"
    assert meta.title.location.line == 3
    assert meta.signature_date.value == dt.date(2026, 2, 10)  # not the page clock 2026-11-22
    assert meta.publication_date.value == dt.date(2026, 2, 18)
    assert meta.publication_date.source == "clutter"
    assert tree(doc) == MODEL_TREE
    kinds = [c.kind for c in doc.clutter]
    assert kinds[:2] == ["breadcrumb", "clock"]
    clock = doc.clutter[1]
    assert clock.location.line == 2
    assert original_slice(doc, clock.location) == "今天是2026年11月22日 星期日"
    assert not any("浏览次数" in p.text or "打印" in p.text for p in doc.paragraphs)


def test_web_clutter_fixture_source_site(vocab):
    meta = parse_file(FIXTURES / "edge" / "web-clutter.txt", vocab).metadata
    assert meta.source_site is not None
    assert meta.source_site.value == "青禾市生态环境局"


@pytest.mark.parametrize(
    ("signature", "expected"),
    [
        ("青禾县人民政府\n二〇二六年二月十日", dt.date(2026, 2, 10)),
        ("青禾县人民政府\n二〇二五年十二月三十一日", dt.date(2025, 12, 31)),
        ("青禾县人民政府\n二零二六年一月五日", dt.date(2026, 1, 5)),
        ("青禾县人民政府\n2026年2月10日", dt.date(2026, 2, 10)),
    ],
)
def test_signature_date_forms(vocab, signature, expected):
    doc = parse_text(report("青禾县人民政府关于2025年度法治政府建设情况的报告", signature), vocab)
    meta = doc.metadata
    assert meta.signature_date.value == expected
    assert meta.signature_date.raw == signature.split("\n")[1]
    assert original_slice(doc, meta.signature_date.location) == signature.split("\n")[1]
    assert meta.signature_organisation.value == "青禾县人民政府"
    assert not any(p.text == signature.split("\n")[1] for p in doc.paragraphs)


def test_chinese_numeral_year_in_title(vocab):
    meta = parse_text(report("青禾县人民政府关于二〇二五年度法治政府建设情况的报告",
                             "青禾县人民政府\n二〇二六年二月十日"), vocab).metadata
    assert meta.report_year.value == 2025
    assert meta.title_organisation.value == "青禾县人民政府"


@pytest.mark.parametrize(
    ("title", "signature", "organisation", "kind"),
    [
        ("中共青禾市委 青禾市人民政府关于2025年度法治政府建设情况的报告", "中共青禾市委\n青禾市人民政府\n2026年2月10日",
         "中共青禾市委青禾市人民政府", "joint"),
        ("青禾县人民政府关于2025年度法治政府建设情况的报告", "青禾县人民政府\n2026年2月10日",
         "青禾县人民政府", "government"),
        ("青禾镇人民政府关于2025年度法治政府建设情况的报告", "青禾镇人民政府\n2026年2月10日",
         "青禾镇人民政府", "town"),
        ("青禾市司法局关于2025年度法治政府建设情况的报告", "青禾市司法局\n2026年2月10日",
         "青禾市司法局", "department"),
    ],
)
def test_report_kind_from_title_organisation(vocab, title, signature, organisation, kind):
    meta = parse_text(report(title, signature), vocab).metadata
    assert meta.title_organisation.value == organisation
    assert meta.kind.value == kind
    assert meta.kind.source == "title"


def test_joint_report_signature_has_both_organs(vocab):
    meta = parse_text(report("中共青禾市委 青禾市人民政府关于2025年度法治政府建设情况的报告",
                             "中共青禾市委\n青禾市人民政府\n2026年2月10日"), vocab).metadata
    assert meta.signature_organisation.value == "中共青禾市委 青禾市人民政府"
    assert meta.signature_date.value == dt.date(2026, 2, 10)


@pytest.mark.parametrize("organisation", ["九江市司法局", "三明市人民政府", "十堰市生态环境局"])
def test_numerals_in_organisation_names_are_kept(vocab, organisation):
    meta = parse_text(report(f"{organisation}关于二〇二五年度法治政府建设情况的报告",
                             f"{organisation}\n二〇二六年二月十日"), vocab).metadata
    assert meta.report_year.value == 2025
    assert meta.title_organisation.value == organisation
    assert meta.organisation.value == meta.signature_organisation.value


def test_chengwen_date_line_is_the_signature_date(vocab):
    meta = parse_text(report("青禾市生态环境局关于2025年度法治政府建设情况的报告",
                             "青禾市生态环境局\n成文日期：2026年2月10日"), vocab).metadata
    assert meta.signature_date is not None
    assert meta.signature_date.value == dt.date(2026, 2, 10)
    assert meta.publication_date is None
