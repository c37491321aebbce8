"""The heading-marker grammar (auditor/numbering.py): each tier's marker on normalised text, the tier
a heading match names, the numbers read, and the parser's patterns built from it."""

from __future__ import annotations

import re

import pytest

from auditor import numbering
from auditor.normalize import normalise
from auditor.readers.numerals import chinese_counting


@pytest.mark.parametrize(
    ("written", "tier", "number"),
    [("一、", 1, 1), ("十二、", 1, 12), ("（三）", 2, 3), ("(二十)", 2, 20), ("1.", 3, 1), ("12、", 3, 12),
     ("１．", 3, 1), ("（4）", 4, 4), ("(10)", 4, 10)],
)
def test_each_tier_reads_its_marker_on_normalised_text(written, tier, number):
    text = normalise(written + "加强组织领导\n").mapped.text
    m = re.compile(numbering.HEADING).match(text)
    assert m is not None and m.lastindex == tier
    assert numbering.chinese_number(m.group(tier)) == number
    assert re.compile(numbering.MARKER).match(text).group(0) == m.group(0)
    assert bool(re.compile(numbering.TOP_MARKER).match(text)) == (tier <= 2)


@pytest.mark.parametrize("text", ["1.5亿元", "2025年", "第一章", "一是", "（一", "123.", "(123)"])
def test_what_is_no_marker(text):
    assert re.compile(numbering.MARKER).match(normalise(text).mapped.text) is None


def test_the_marker_is_any_tier_and_each_example_fits_one_tier_that_an_opener_starts():
    assert "(?:" + "|".join(numbering.TIERS) + ")" == numbering.MARKER
    for tier, example in enumerate(("一、", "(一)", "1.", "(1)")):
        assert [bool(re.compile(t).match(example)) for t in numbering.TIERS] == [i == tier for i in range(4)]
        assert example[0] in numbering.OPENERS or example[0].isdecimal()


def test_numbers_read_are_the_numbers_word_writes():
    """``chinese_number`` reads every 一、/（一） number Word's chineseCounting list format shows."""
    for n in range(1, 100):
        assert numbering.chinese_number(chinese_counting(n)) == n
    assert numbering.chinese_number("第") is None and numbering.chinese_number("") is None
    assert numbering.HAN_DIGITS.index("七") == 7 and numbering.HAN_NUMERALS.index("十") == 9


def test_the_parser_compiles_the_grammar():
    from auditor.parse import headings, lines, meta_year

    assert lines.MARKER == numbering.MARKER and lines.HAN_NUM == numbering.HAN_NUMERALS
    assert headings._HEADING.pattern == numbering.HEADING
    assert headings.chinese_number is numbering.chinese_number
    assert numbering.TOP_MARKER in meta_year._HEADING_MARKER.pattern
