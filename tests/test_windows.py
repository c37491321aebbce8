"""Required windows (auditor/matching/anchors.py ``required_window``): trying a pattern only in the
runs of its leading class that end where a required literal occurs finds exactly what ``finditer``
finds, on random text and on the fixtures and corpus; and the check context's use of it."""

from __future__ import annotations

import random
import re

import pytest

from auditor.engine import check_context
from auditor.matching.anchors import Follow, matches_in_runs, required_window, windows_before

from .conftest import CORPUS, FIXTURES

_PATTERNS = [
    r"(?<=[\d年月日])\s*-{2,}\s*(?=\d)",
    r"\d+\s*(?:次|场|期|件|项|个|人次)",
    r"\d+(?:\.\d+)?\s*[万亿](?![元人次])",
    r"\d+\s*(?:件|份|个|次|%)",
    r"[”》]、(?=[“《])",
    r"(?<![副分])(?:书记|局长)、?(?![为是])",
    r"(?:\d|x)*\s?年(?:度)?",  # a prefix that may be empty, a branch of classes
    r"[a-c0-3]+\s*--?x",  # a small range before a run of literals
    r"\d*年\d{1,2}月",
]
_ALPHABET = [*"0123456789３٣ \n\t-.年月日度份、,次场期件项个人万亿元%”》“《书记局长副分为是abcx",
             "人次", "--", "---", "\u3000"]


def _plain(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in rx.finditer(text) if m.end() > m.start()]


def _windowed(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    window = required_window(rx)
    assert window is not None
    at = sorted({m.start() for lit in window.literals for m in re.finditer(f"(?={re.escape(lit)})", text)})
    return matches_in_runs(rx, text, windows_before(text, at, window.before))


@pytest.mark.parametrize("pattern", _PATTERNS)
def test_windows_equal_finditer_on_random_text(pattern):
    rx = re.compile(pattern)
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 40)))
        assert _windowed(rx, text) == _plain(rx, text), text


def test_windows_equal_finditer_on_the_fixtures_and_corpus():
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    assert texts
    for pattern in _PATTERNS:
        rx = re.compile(pattern)
        for text in texts:
            assert _windowed(rx, text) == _plain(rx, text), pattern


@pytest.mark.parametrize(("pattern", "literals", "before"), [
    (r"(?<=[\d年])\s*-{2,}\s*(?=\d)", ("--",), Follow(frozenset(), space=True)),
    (r"\d+\s*(?:次|人次)", ("人次", "次"), Follow(frozenset(), digit=True, space=True)),
    (r"\d+(?:\.\d+)?[万亿]", ("万", "亿"), Follow(frozenset("."), digit=True)),
    (r"原因(?!不)[^。]{0,6}?如下", ("原因",), Follow(frozenset())),
])
def test_windows_found(pattern, literals, before):
    assert required_window(re.compile(pattern)) == (literals, before)


@pytest.mark.parametrize("pattern", [
    r"[^。]*原因",  # a negated class before the literal
    r"\w+原因",  # \w holds most of a report
    r"[\u4e00-\u9fff]+原因",  # a wide range
    r"(?a)\d+次",  # ASCII digits: not str.isdecimal
    r"(?i)\d+x",  # case-insensitive
    r"\d+(?:次|\d)",  # a branch not led by literals
    r"(?:.次)+年",  # any character before the literal (inside a group)
    r".次",  # any character
    r"\d*",  # matches the empty string
])
def test_other_patterns_have_no_window(pattern):
    assert required_window(re.compile(pattern)) is None


def test_windows_before_merges_and_stops_at_the_class():
    text = "ab 12 3--x 4--y--"
    before = Follow(frozenset(), digit=True, space=True)
    at = [m.start() for m in re.finditer("(?=--)", text)]  # 7, 12, 15
    assert windows_before(text, at, before) == [(2, 8), (10, 13), (15, 16)]
    assert windows_before("  --", [2], before) == [(0, 3)]
    assert windows_before("--", [], before) == []


def test_the_context_tries_a_rare_required_literal_window():
    from auditor import Auditor
    from auditor.api import parse
    from auditor.matching.terms import RegexTerm, compile_terms

    pack = Auditor().pack
    terms = compile_terms([RegexTerm(re=r"(?<=[\d年月日])\s*-{2,}\s*(?=\d)")])
    (rx,) = terms.regexes
    assert rx.window is not None and "--" in pack.index  # a required literal the automaton finds
    text = "2023年 -- 2024年，1--2。三--四 \n\n  -- 5"
    ctx = check_context(pack, parse(text))
    ctx._lead_runs = None  # the window is used: the lead class's runs are never scanned for
    assert ctx._regex(rx) == _plain(rx.pattern.compiled, ctx.doc.text)


def test_required_literals_looked_up_among_the_hits_equal_searching_the_text():
    from auditor import Auditor
    from auditor.api import parse
    from auditor.matching.terms import RegexTerm, compile_terms

    pack = Auditor().pack
    patterns = [*_PATTERNS, r"(?:问题|不足)的?(?:产生|出现|存在)[^。;]{0,10}?(?:因素|原因)",
                r"原因(?!不)[^。;]{0,6}?(?:如下|[:,])"]
    regexes = [rx for p in patterns for rx in compile_terms([RegexTerm(re=p)]).regexes]
    assert any(lit in pack.index for rx in regexes for lit in rx.required_long)
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    rng = random.Random(4)
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    texts += ["".join(rng.choice([*_ALPHABET, "问题", "存在", "原因", "如下", ":"]) for _ in range(30))
              for _ in range(300)]
    for text in texts:
        ctx = check_context(pack, parse(text))
        for rx in regexes:
            plain = all(any(lit in ctx.doc.text for lit in need) for need in rx.required)
            assert ctx._holds_required(rx.required) == plain, (rx.pattern.pattern, text[:40])
