"""Regex anchors (auditor/matching/anchors.py): which patterns have them, and that trying a pattern
only where an anchor occurs finds exactly what ``finditer`` finds."""

from __future__ import annotations

import pickle
import random
import re

import pytest

from auditor.lazy_regex import LazyPattern, any_of
from auditor.matching.anchors import (
    after_failure,
    anchors,
    lead_class,
    matches_at,
    matches_in_runs,
    required_literals,
    run_led,
    runs_of,
)


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<![副分])(?:书记|局长|主任)、?(?![为是])", ("主任", "书记", "局长")),
    (r"原因(?!分析不)[^。]{0,6}?(?:如下|[:,])", ("原因",)),
    (r"(?:主要|根本)原因", ("主要", "根本")),
    (r"(?<!党政)(?<!部门)(?:主要负责人|一把手)(?!履行)", ("一把手", "主要负责人")),
    (r"(书记|局长)", ("书记", "局长")),
    (r"[”》]、(?=[“《])", ("”、", "》、")),
    (r"(?<![第])[一二]{2,}(?=次)", ("一", "二")),
    (r"(ab)+c", ("ab",)),
])
def test_patterns_led_by_literals_have_anchors(pattern, expected):
    assert anchors(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"\d+次",  # a character class leads
    r"a?b",  # the first item may be skipped
    r"(?i)abc",  # case-insensitive
    r"(?:x|)y",  # an empty alternative
    r"(ab)*c",  # a repetition that may be empty leads
    r"(?=a)",  # matches the empty string
    r"[^”》]、",  # a negated class
])
def test_other_patterns_have_none(pattern):
    assert anchors(re.compile(pattern)) == ()


def random_texts(alphabet: list[str], *, seed: int, count: int, longest: int) -> list[str]:
    """``count`` strings of up to ``longest`` pieces drawn from ``alphabet`` (reproducible)."""
    rng = random.Random(seed)
    return ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, longest))) for _ in range(count)]


def _starts(text: str, literals: tuple[str, ...]) -> list[int]:
    return sorted({m.start() for lit in literals for m in re.finditer(f"(?={re.escape(lit)})", text)})


@pytest.mark.parametrize("pattern", [
    r"(?<![副分])(?:书记|局长|书记处)、?(?![为是])",
    r"(?:问题|不足|问)的?(?:产生|出现)[^。;]{0,4}?(?:原因|由于)",
    r"原因(?!分析不|不)[^。;]{0,6}?(?:如下|[:,])",
    r"(?<=[年])书记|局长局",
    r"[书局]记、?",
    r"(?<![副])[书记局]{2,}(?=长)",
])
def test_matching_at_anchors_equals_finditer(pattern):
    rx = re.compile(pattern)
    found = anchors(rx)
    assert found
    alphabet = [*"书记局长处副分、为是问题不足的产生出现原因由于分析如下:,。;年", "书记", "局长", "原因"]
    for text in random_texts(alphabet, seed=11, count=3000, longest=40):
        expected = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        assert matches_at(rx, text, _starts(text, found)) == expected, text


# -- lead classes: patterns led by a character class ------------------------------------------

@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\d+\s*(?:次|场)", r"[\d]"),
    (r"(?<=[\d年])\s*-{2,}\s*(?=\d)", r"[\s\U0000002d]"),
    (r"[”》]、(?=[“《])", r"[\U0000201d\U0000300b]"),
    (r"(?<![第])[一二]{2,}(?=次)", r"[\U00004e00\U00004e8c]"),
    (r"(?a)\d+x", r"(?a)[\d]"),
])
def test_patterns_led_by_a_narrow_class_have_a_lead_class(pattern, expected):
    assert lead_class(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"[^x]y",  # a negated class holds nearly everything
    r"\w+x",  # so does \w in Chinese text
    r"[\u4e00-\u9fff]+x",  # and every Han character
    r"(?i)[ab]c",  # case-insensitive
    r"x*",  # matches the empty string
    r"^\d",  # an anchor at the start is left to the search
])
def test_broad_or_unusual_leads_have_none(pattern):
    assert lead_class(re.compile(pattern)) is None


@pytest.mark.parametrize("pattern", [
    r"\d+\s*(?:次|场|人次)",
    r"\d{4}年\d{1,2}月|\d{1,2}月(?:份)?[、,]|\d+\s*(?:次|场)",
    r"(?<=[\d年月日])\s*-{2,}\s*(?=\d)",
    r"\d+(?:\.\d+)?\s*[万亿](?![元人])",
    r"(?<![第初])[一二三十]{2,}(?=次|场|人次)",
    r"[”》]、(?=[“《])",
    r"(?:x|)y",
])
def test_matching_at_lead_class_positions_equals_finditer(pattern):
    rx = re.compile(pattern)
    lead = lead_class(rx)
    assert lead
    alphabet = [*"0123456789３٣ \n-.年月日份、,次场人万亿元第初一二三十”》“《xy"]
    for text in random_texts(alphabet, seed=7, count=3000, longest=40):
        expected = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        starts = [m.start() for m in re.finditer(lead, text)]
        assert matches_at(rx, text, starts) == expected, text
        runs = [m.span() for m in re.finditer(runs_of(lead), text)]  # what the check context passes
        assert runs == [m.span() for m in re.finditer(lead + "+", text)]
        assert matches_in_runs(rx, text, runs) == expected, text


def test_a_lazy_pattern_is_pickled_as_its_source_and_compiled_on_use():
    lazy = LazyPattern(r"\d+次")
    copy = pickle.loads(pickle.dumps(lazy))
    assert copy == lazy and "_compiled" not in vars(copy)
    assert copy.search("共3次").group() == "3次" and copy.compiled.pattern == r"\d+次"
    assert "_compiled" in vars(copy) and "_compiled" not in vars(pickle.loads(pickle.dumps(copy)))
    assert copy.search == copy.compiled.search  # after the first use, the pattern's own method


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\d+\s*(?:次|场|人次)", True),
    (r"\d+(?:\.\d+)?\s*[万亿](?![元人])", True),
    (r"[一二三十]{2,}(?=次)", True),
    (r"\d{1,2}月", False),  # bounded: a run's later digits may start a match its first cannot
    (r"(?<![第])[一二]{2,}次", False),  # what is before the start matters
    (r"\d{4}年|\d+次", False),
    (r"[”》]、", False),
])
def test_run_led_patterns(pattern, expected):
    assert run_led(re.compile(pattern)) is expected


@pytest.mark.parametrize("pattern", [
    r"\d+\s*(?:次|场|人次)",
    r"\d+0",
    r"\d+?1次",
    r"\d+(?:\.\d+)?\s*[万亿](?![元人])",
    r"[一二三十]{2,}(?=次|场|人次)",
    r"\d{2,}(?<=1\d)年",
])
def test_trying_only_the_first_of_a_run_equals_finditer(pattern):
    rx = re.compile(pattern)
    assert run_led(rx)
    lead = lead_class(rx)
    alphabet = [*"0011223９٣ .年万亿元人次场一二三十第", "人次"]
    for text in random_texts(alphabet, seed=5, count=4000, longest=30):
        expected = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        starts = [m.start() for m in re.finditer(lead, text)]
        assert matches_at(rx, text, starts, runs=True) == expected, text
        runs = [m.span() for m in re.finditer(runs_of(lead), text)]
        assert matches_in_runs(rx, text, runs, run_led=True) == expected, text


@pytest.mark.parametrize(("pattern", "rest"), [
    (r"\d{4}年\d{1,2}月|\d{1,2}月(?:份)?[、,，]|\d+\s*(?:次|场|期)", r"\d{4}年\d{1,2}月|\d{1,2}月(?:份)?[、,，]"),
    (r"(?a)\d+次|\d{2}年", r"(?a)\d{2}年"),
    (r"\d+[次场]|\d{2}年|\d+万", r"\d{2}年"),
    (r"[]|]+x|\d", None),  # (one alternative: a | inside a class does not split)
    (r"\d+次|\d+场", None),  # every alternative run-led: run_led says it for the whole
    (r"\d{4}年|\d{2}月", None),  # none run-led
    (r"(\d)\1+次|\d+场", None),  # a back-reference would change its group in the split
    (r"[一二]+次|\d+场", None),  # lead classes differ: a run of one is not a run of the other
])
def test_the_alternatives_to_go_on_with_after_a_failure(pattern, rest):
    assert after_failure(re.compile(pattern)) == rest


@pytest.mark.parametrize("pattern", [
    r"\d{4}年\d{1,2}月|\d{1,2}月(?:份)?[、,，]|\d+\s*(?:次|场|期)",
    r"\d+[次场]|\d{2}年|\d+万",
    r"\d{2}(?=年)|\d+\s*次|\d月",
])
def test_going_on_with_the_rest_equals_finditer_and_tries_the_whole_once_per_run(pattern):
    rx = re.compile(pattern)
    rest = re.compile(after_failure(rx) or "")
    lead = lead_class(rx)
    assert lead and after_failure(rx)
    alphabet = [*"0011223９ .年月份、次场期万", "12月", "2023年"]
    for text in random_texts(alphabet, seed=7, count=4000, longest=40):
        expected = [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]
        runs = [m.span() for m in re.finditer(runs_of(lead), text)]
        assert matches_in_runs(rx, text, runs, rest=rest) == expected, text

    class Counting:  # the whole pattern, counting its tries: the unbounded alternative reads a run to its end
        tries = 0

        def match(self, text, pos):
            Counting.tries += 1
            return rx.match(text, pos)

    digits = "1" * 5000 + "年" + "2" * 5000
    runs = [m.span() for m in re.finditer(runs_of(lead), digits)]
    got = matches_in_runs(Counting(), digits, runs, rest=rest)  # type: ignore[arg-type]
    assert got == [(m.start(), m.end()) for m in rx.finditer(digits) if m.end() > m.start()]
    assert Counting.tries <= len(runs) + len(got)


# -- required literals: a text without them has no match --------------------------------------

@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?<=[\d年月日])\s*-{2,}\s*(?=\d)", (("--",),)),
    (r"\d+(?:\.\d+)?\s*[万亿](?![元人])", (("万", "亿"),)),
    (r"(?:问题|不足)的?(?:产生|存在)[^。]{0,10}?(?:原因|在于)", (("不足", "问题"), ("产生", "存在"), ("原因", "在于"))),
    (r"[”》]、(?=[“《])", (("”", "》"), ("、",))),
    (r"ab?c", (("a",), ("c",))),
    (r"a(b|)c", (("a",), ("c",))),  # an alternative that may be empty requires nothing
    (r"\d{4}年|\d+次", ()),  # branches not led by literals
    (r"(?i)abc", ()),
])
def test_required_literals(pattern, expected):
    assert required_literals(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"(?<=[\d年])\s*-{2,}\s*(?=\d)",
    r"\d+(?:\.\d+)?\s*[万亿](?![元人])",
    r"(?:问题|不足)的?(?:产生|存在)[^。]{0,4}?(?:原因|在于)",
    r"x(?:y|zz)+w",
])
def test_a_text_without_a_required_literal_has_no_match(pattern):
    rx = re.compile(pattern)
    required = required_literals(rx)
    assert required
    alphabet = [*"12年- 万亿元人问题不足的产生存在原因在于。xyzw", "--", "问题", "原因"]
    for text in random_texts(alphabet, seed=13, count=4000, longest=30):
        if rx.search(text):
            assert all(any(lit in text for lit in need) for need in required), text


# -- plan cues joined into one pattern ---------------------------------------------------------

def test_joined_cues_match_exactly_where_one_of_them_does():
    cues = [r"(?<![按照依])计划(?=于|在|明年|\d|开展)", r"(?<![草起])拟(?!定|订)", "力争", r"准备(?!工作)",
            r"将(?:进一步|继续|于|在)"]
    (joined,) = any_of(cues)
    alphabet = [*"按照依计划于在明年1开展草起拟定订力争准备工作将进一步继续", "计划", "准备", "将于"]
    for text in random_texts(alphabet, seed=17, count=4000, longest=12):
        assert bool(joined.search(text)) == any(re.search(c, text) for c in cues), text


@pytest.mark.parametrize("cues", [[r"(a)\1", "b"], [r"(?i)a", "b"], ["a"], []])
def test_cues_that_cannot_be_joined_safely_stay_apart(cues):
    assert [p.pattern for p in any_of(cues)] == cues
