"""Metadata, the report year: from the title, the body's own statements about its period, then the
成文日期; never from a clock, a URL, a stamp or the plan's year (parse/meta_year.py). Every text here
is fictional."""

from __future__ import annotations

import pytest

from .metadata_texts import BODY_DEPT, read, shown


@pytest.mark.parametrize(
    ("opening", "year"),
    [
        ("2024年以来，我局坚持依法行政，法治政府建设取得新成效。", 2024),
        ("按照上级部署，现将我局2023年度法治政府建设工作情况报告如下：", 2023),
        ("2022年，我局在区委、区政府的领导下扎实推进法治建设。", 2022),
        ("二〇二四年以来，我局坚持依法行政。", 2024),
        # the cited plan's range and the year of a superior document never count
        ("按照《法治政府建设实施纲要（2021—2025年）》要求，现将2024年法治政府建设情况报告如下：", 2024),
        ("对照《2019年法治政府建设工作要点》，2020年，我局认真履行职责。", 2020),
    ],
)
def test_report_year_from_the_bodys_own_statements(vocab, opening, year):
    doc = read(f"{opening}\n{BODY_DEPT}", vocab)
    meta = doc.metadata
    assert meta.report_year.value == year
    assert meta.report_year.source == "body"
    assert str(year) in meta.report_year.raw or meta.report_year.raw.startswith("二〇")
    assert shown(doc, meta.report_year.location) == meta.report_year.raw


def test_report_year_never_from_a_site_clock_a_url_or_the_publication_stamp(vocab):
    page = ("今天是2026年3月9日 星期一\nhttps://www.example.gov.cn/art/2026/3/9/art_2025_1.html\n"
            "发布时间：2026-03-09 10:00\n我局坚持依法行政，推进法治政府建设。\n" + BODY_DEPT)
    doc = read(page, vocab)
    assert doc.metadata.report_year is None  # nothing in the report itself says which year


@pytest.mark.parametrize(
    ("signed", "year"),
    [
        ("2026年2月3日", 2025),  # signed early in the following year
        ("二〇二五年十二月二十六日", 2025),  # some provinces ask for a report signed in December
    ],
)
def test_report_year_from_the_signing_date_when_nothing_else_says_it(vocab, signed, year):
    doc = read("我局坚持依法行政，全面推进法治政府建设。\n" + BODY_DEPT + f"溪口县市场监督管理局\n{signed}\n", vocab)
    meta = doc.metadata
    assert (meta.report_year.value, meta.report_year.source) == (year, "derived")
    assert meta.report_year.location == meta.signature_date.location


@pytest.mark.parametrize(
    ("text", "year", "source"),
    [
        ("按照要求，现将2024年工作总结及2025年工作安排报告如下：\n一、主要成效\n审查合同31件。\n", 2024, "body"),
        # the plan's year is never the report year: the signing date decides
        ("今年来，我局坚持依法行政。\n一、主要成效\n审查合同31件。\n二、2025年工作打算\n2025年，我局将继续完善制度。\n"
         "梅岭县司法局\n2025年1月8日\n", 2024, "derived"),
    ],
)
def test_the_plans_year_is_not_the_report_year(vocab, text, year, source):
    meta = read(text, vocab).metadata
    assert (meta.report_year.value, meta.report_year.source) == (year, source)


def test_year_statement_context_tests_match_their_patterns():
    """``_after_break`` and ``_after_marker`` test from the end what two ``$``-anchored patterns
    find by search: on random text they must agree with the patterns."""
    import random
    import re

    from auditor.parse.meta_year import _after_break, _after_marker

    breaks = re.compile(r"(?:^|[\n。;:,])\s*$")
    marker = re.compile(r"(?:^|\n)\s*(?:[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))$")
    rng = random.Random(7)
    alphabet = ["\n", " ", "\u3000", "\t", "。", ";", ":", ",", "、", "(", ")", "一", "十", "法", "a", "2"]
    for _ in range(30000):
        before = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert _after_break(before) == bool(breaks.search(before)), repr(before)
        assert _after_marker(before) == bool(marker.search(before)), repr(before)
