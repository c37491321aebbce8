"""Regex anchors (auditor/matching/anchors.py): which patterns have them, and that trying a pattern
only where an anchor occurs finds exactly what ``finditer`` finds."""

from __future__ import annotations

import random
import re

import pytest

from auditor.matching.anchors import anchors, matches_at


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<![副分])(?:书记|局长|主任)、?(?![为是])", ("主任", "书记", "局长")),
    (r"原因(?!分析不)[^。]{0,6}?(?:如下|[:,])", ("原因",)),
    (r"(?:主要|根本)原因", ("主要", "根本")),
    (r"(?<!党政)(?<!部门)(?:主要负责人|一把手)(?!履行)", ("一把手", "主要负责人")),
    (r"(书记|局长)", ("书记", "局长")),
])
def test_patterns_led_by_literals_have_anchors(pattern, expected):
    assert anchors(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+次",  # a character class leads
    r"a?b",  # the first item may be skipped
    r"(?i)abc",  # case-insensitive
    r"(?:x|)y",  # an empty alternative
    r"(ab)+c",  # a repetition leads
    r"(?=a)",  # matches the empty string
    r"[”》]、(?=[“《])",
])
def test_other_patterns_have_none(pattern):
    assert anchors(re.compile(pattern)) == ()


def _starts(text: str, literals: tuple[str, ...]) -> list[int]:
    return sorted({m.start() for lit in literals for m in re.finditer(f"(?={re.escape(lit)})", text)})


@pytest.mark.parametrize("pattern", [
    r"(?<![副分])(?:书记|局长|书记处)、?(?![为是])",
    r"(?:问题|不足|问)的?(?:产生|出现)[^。;]{0,4}?(?:原因|由于)",
    r"原因(?!分析不|不)[^。;]{0,6}?(?:如下|[:,])",
    r"(?<=[年])书记|局长局",
])
def test_matching_at_anchors_equals_finditer(pattern):
    rx = re.compile(pattern)
    found = anchors(rx)
    assert found
    alphabet = [*"书记局长处副分、为是问题不足的产生出现原因由于分析如下:,。;年", "书记", "局长", "原因"]
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        expected = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        assert matches_at(rx, text, _starts(text, found)) == expected, text
