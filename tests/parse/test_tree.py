"""Parsing, the heading tree: the model report's sections, their spans, paragraphs and inline items;
headings of every tier, run-in headings, numbers that are no headings (parse/headings.py, parse/__init__.py)."""

from __future__ import annotations

from itertools import pairwise

import pytest

from .texts import (
    MODEL,
    MODEL_TREE,
    parse_file,
    parse_text,
    tree,
    walk,
)


def test_model_heading_tree(vocab):
    doc = parse_file(MODEL, vocab)
    assert tree(doc) == MODEL_TREE
    assert [len(s.children) for s in doc.sections] == [5, 0, 0, 3, 0]
    assert [len(c.children) for c in doc.sections[0].children] == [0, 0, 0, 3, 0]
    assert not any(s.run_in for _d, s in walk(doc))


def test_model_section_spans_nest_and_cover_the_body(vocab):
    doc = parse_file(MODEL, vocab)
    tops = doc.sections
    for a, b in pairwise(tops):
        assert a.span.end == b.span.start
    assert tops[-1].span.end == doc.body.end
    for _depth, s in walk(doc):
        assert doc.text[s.heading.start : s.heading.end] == s.marker + s.title
        for child in s.children:
            assert s.span.start < child.span.start and child.span.end <= s.span.end
    # the signature is not inside any section
    assert doc.signature is not None
    assert doc.text[doc.signature.start : doc.signature.end] == "青禾市生态环境局\n2026年2月10日"
    assert doc.section_path(doc.signature.start) == []


def test_model_paragraphs_belong_to_their_sections(vocab):
    doc = parse_file(MODEL, vocab)
    by_id = {s.id: s for _d, s in walk(doc)}
    first = doc.paragraphs[0]
    assert first.text.startswith("2025年,青禾市生态环境局在市委、市政府的坚强领导下")
    assert first.section_id is None  # the opening comes before 一、
    cause = next(p for p in doc.paragraphs if p.text.startswith("究其原因"))
    assert by_id[cause.section_id].title == "存在的不足和原因"
    law = next(p for p in doc.paragraphs if p.text.startswith("严格执行行政执法公示制度"))
    assert by_id[law.section_id].title == "全面落实行政执法“三项制度”"
    assert [p.index for p in doc.paragraphs] == list(range(1, len(doc.paragraphs) + 1))
    # headings, title, addressee and signature are not paragraphs
    texts = [p.text for p in doc.paragraphs]
    assert not any(t.startswith(("一、", "(一)", "1.")) for t in texts)
    assert "市委、市政府:" not in texts
    assert "青禾市生态环境局" not in texts


def test_model_inline_items(vocab):
    doc = parse_file(MODEL, vocab)
    shortcomings = doc.sections_with_role("shortcomings")[0]
    assert [(i.marker, i.number) for i in doc.items] == [("一是", 1), ("二是", 2), ("三是", 3)]
    for item in doc.items:
        assert item.section_id == shortcomings.id
        assert doc.text[item.span.start : item.span.end] == item.marker
        assert doc.paragraph_at(item.span.start).span.start == item.span.start  # each starts its paragraph


def test_run_in_heading(vocab):
    text = "一、加强组织领导,压实法治责任\n（一）坚持党的全面领导。局党组书记、局长梁某主持召开党组会议3次。\n"
    doc = parse_text(text, vocab)
    child = doc.sections[0].children[0]
    assert (child.level, child.marker, child.number) == (2, "(一)", 1)
    assert child.title == "坚持党的全面领导"
    assert child.run_in is True
    assert doc.text[child.heading.start : child.heading.end] == "(一)坚持党的全面领导。"
    para = doc.paragraphs[-1]
    assert para.text == "局党组书记、局长梁某主持召开党组会议3次。"
    assert para.span.start == child.heading.end  # the paragraph starts right after 。
    assert para.section_id == child.id


def test_heading_without_full_stop_is_not_run_in(vocab):
    doc = parse_text("一、主要举措和成效\n（一）坚持党的全面领导\n局党组书记主持召开会议。\n", vocab)
    child = doc.sections[0].children[0]
    assert child.run_in is False
    assert child.title == "坚持党的全面领导"
    assert [p.text for p in doc.paragraphs] == ["局党组书记主持召开会议。"]


@pytest.mark.parametrize(
    "line",
    ["2.5亿元专项资金用于执法装备更新。", "1.5万本普法读物发放到户。", "12.5%的案件适用简易程序。"],
)
def test_decimal_numbers_are_not_headings(vocab, line):
    doc = parse_text(f"一、主要举措和成效\n{line}\n", vocab)
    assert [s.title for _d, s in walk(doc)] == ["主要举措和成效"]
    assert [p.text for p in doc.paragraphs] == [line]


def test_decimal_numbers_after_a_full_stop_do_not_split_a_line(vocab):
    line = "全年投入资金共计3000万元。2.5亿元专项资金用于执法装备更新。1.5万本普法读物发放到户。"
    doc = parse_text(f"一、主要举措和成效\n{line}\n", vocab)
    assert len(walk(doc)) == 1
    assert [p.text for p in doc.paragraphs] == [line]


def test_numbered_headings_of_every_tier(vocab):
    text = "十一、其他需要报告的情况\n（十二）督察整改\n3、整改落实\n（4）逐项销号\n问题全部整改到位。\n"
    doc = parse_text(text, vocab)
    assert tree(doc) == [
        (0, 1, "十一、", 11, "其他需要报告的情况"),
        (1, 2, "(十二)", 12, "督察整改"),
        (2, 3, "3、", 3, "整改落实"),
        (3, 4, "(4)", 4, "逐项销号"),
    ]
    assert all(s.roles == ["other"] for _d, s in walk(doc))


def test_inline_items_after_punctuation_only(vocab):
    text = "一、存在的不足\n一是法治意识有待深化;二是队伍建设有待加强,三是普法力度有待提升。坚持统一是关键。\n"
    doc = parse_text(text, vocab)
    assert [(i.marker, i.number) for i in doc.items] == [("一是", 1), ("二是", 2), ("三是", 3)]
    section = doc.sections[0]
    for item in doc.items:
        assert doc.text[item.span.start : item.span.end] == item.marker
        assert item.section_id == section.id


def test_inline_items_equal_the_regex_definition():
    """``inline_items`` finds 一是/二是 from each 是; it must find what the plain pattern finds
    (kept at a line start or after punctuation), on random numeral soup."""
    import random
    import re

    from auditor.parse.headings import chinese_number, inline_items
    from auditor.parse.lines import HAN_NUM

    pattern = re.compile(rf"(?P<num>[{HAN_NUM}]{{1,2}})是")

    def definition(text: str, base: int) -> list[tuple[str, int, int, int]]:
        return [(m.group(0), chinese_number(m.group("num")), base + m.start(), base + m.end())
                for m in pattern.finditer(text)
                if (not m.start() or text[m.start() - 1] in "。;:,!?") and chinese_number(m.group("num"))]

    rng = random.Random(5)
    alphabet = "一二三十九是是。;:,!?法第"
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 16)))
        assert inline_items(text, 7) == definition(text, 7), text


def test_own_line_and_body_like_match_their_plain_forms():
    """``_own_line`` walks back over spaces instead of copying the text before a line, and
    ``_body_like`` looks for a title's banner only on lines that read as sentences: both must
    answer what their plain forms answer, on random text."""
    import random

    from auditor.parse.frame import _body_like, _is_addressee
    from auditor.parse.headings import _own_line, detect_heading
    from auditor.parse.lines import Line
    from auditor.parse.meta_title import title_lead

    def body_like(line: Line) -> bool:
        text = line.text[title_lead(line.text) :]
        return any(p in text for p in "。,;!?") or text.endswith(":") or len(text) > 90 \
            or detect_heading(line) is not None or _is_addressee(line)

    rng = random.Random(4)
    pieces = ["\n", " ", "\t", "\u3000", "法", "。", ",", ":", "关于", "2025年", "局", "www.a.com", "一、", "(一)",
              "报告", "?", "!", ";", "青禾县人民政府", "a" * 40]
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        start = rng.randint(0, len(text))
        assert _own_line(text, start) == (start == 0 or text[:start].rstrip(" \t\u3000").endswith("\n")), (text, start)
        line = Line(0, len(text), text.replace("\n", ""))
        assert _body_like(line) == body_like(line), line.text
