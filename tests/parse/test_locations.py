"""Parsing, locations: every place a finding names points at the original file's characters,
through clutter removal, CRLF and CR line endings, GB18030, spaces and expanded characters."""

from __future__ import annotations

from auditor.normalize import fold_phrase
from auditor.parse import parse
from auditor.readers.text import read_text_file

from ..conftest import FIXTURES, corpus_file
from .texts import (
    MODEL,
    MODEL_TREE,
    REPORT_000,
    locate_word,
    original_slice,
    parse_file,
    parse_text,
    tree,
    walk,
)


def test_locate_in_the_model(vocab):
    doc = parse_file(MODEL, vocab)
    loc = locate_word(doc, "（二）严格规范性文件管理")
    assert (loc.line, loc.column) == (8, 1)
    assert original_slice(doc, loc) == "（二）严格规范性文件管理"
    assert loc.heading_path == [
        "一、2025年推进法治政府建设的主要举措和成效",
        "(二)严格规范性文件管理,筑牢依法行政制度基础",
    ]
    loc = locate_word(doc, "王明远")
    assert loc.line == 26
    assert original_slice(doc, loc) == "王明远"
    assert doc.quote(doc.text.index("王明远"), doc.text.index("王明远") + 3) == "王明远"
    sig = doc.metadata.signature_date.location
    assert (sig.line, sig.column, sig.end_line, sig.end_column) == (45, 1, 45, 11)


def test_locate_every_section_heading_in_the_model(vocab):
    doc = parse_file(MODEL, vocab)
    lines = doc.original.split("\n")
    for _depth, s in walk(doc):
        loc = doc.locate(s.heading.start, s.heading.end)
        assert loc.column == 1
        assert lines[loc.line - 1] == original_slice(doc, loc)  # a whole heading line
        assert fold_phrase(original_slice(doc, loc)) == s.marker + s.title


def test_locate_after_clutter_removal(vocab):
    doc = parse_file(FIXTURES / "edge" / "web-clutter.txt", vocab)
    original_lines = doc.original.split("\n")
    for word in ("（二）严格规范性文件管理", "王明远", "究其原因", "2026年2月10日"):
        loc = locate_word(doc, word)
        assert original_slice(doc, loc) == word
        assert word in original_lines[loc.line - 1]
    loc = locate_word(doc, "市委、市政府：")
    assert (loc.line, loc.column) == (5, 1)  # breadcrumb, clock, title and page stamp come first
    title = doc.metadata.title.location
    assert original_slice(doc, title) == "青禾市生态环境局关于2025年度法治政府建设情况的报告"


def test_locate_in_the_gb18030_fixture(vocab):
    source = read_text_file(FIXTURES / "edge" / "gb18030.txt")
    assert source.encoding == "gb18030"
    doc = parse(source, vocab)
    assert tree(doc) == MODEL_TREE
    loc = locate_word(doc, "（二）严格规范性文件管理")
    assert (loc.line, loc.column) == (8, 1)
    assert original_slice(doc, loc) == "（二）严格规范性文件管理"
    loc = locate_word(doc, "习近平法治思想", occurrence=1)
    assert original_slice(doc, loc) == "习近平法治思想"
    assert loc.line == 5
    assert doc.metadata.signature_date.location.line == 45


def test_locate_with_crlf_line_endings(vocab):
    text = MODEL.read_bytes().decode("utf-8").replace("\n", "\r\n")
    doc = parse_text(text, vocab)
    assert tree(doc) == MODEL_TREE
    loc = locate_word(doc, "王明远")
    assert loc.line == 26
    assert original_slice(doc, loc) == "王明远"
    sig = doc.metadata.signature_date.location
    assert (sig.line, sig.column, sig.end_column) == (45, 1, 11)


def test_locate_across_spaces_and_expanded_characters(vocab):
    text = "一、主要举措和成效\n㈠坚持党的领导\n法 治 政 府\u3000建设取得新成效。\n"
    doc = parse_text(text, vocab)
    child = doc.sections[0].children[0]
    assert (child.marker, child.title) == ("(一)", "坚持党的领导")
    loc = doc.locate(child.heading.start, child.heading.end)
    assert original_slice(doc, loc) == "㈠坚持党的领导"
    pos = doc.text.index("(一)")
    assert original_slice(doc, doc.locate(pos + 1, pos + 2)) == "㈠"  # 一 inside the expansion
    loc = locate_word(doc, "法治政府建设")
    assert (loc.line, loc.column) == (3, 1)
    assert original_slice(doc, loc) == "法 治 政 府\u3000建设"


def test_locate_in_corpus_000(vocab):
    doc = parse_file(corpus_file(REPORT_000), vocab)
    first_sub = doc.sections[0].children[0]
    loc = doc.locate(first_sub.heading.start, first_sub.heading.end)
    assert (loc.line, loc.column) == (9, 5)  # after four no-break spaces
    assert original_slice(doc, loc) == "(一)砥砺深耕,法治建设稳步推进。"
    loc = locate_word(doc, "1.5万本")
    assert original_slice(doc, loc) == "1.5万本"
    assert loc.line == 33


def test_locate_with_cr_only_line_endings(vocab):
    text = MODEL.read_bytes().decode("utf-8").replace("\n", "\r")
    doc = parse_text(text, vocab)
    assert tree(doc) == MODEL_TREE
    loc = locate_word(doc, "王明远")
    assert loc.line == 26
