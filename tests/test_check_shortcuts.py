"""Shortcuts of the check phase against the plain definitions they stand for (fixtures, the
corpus when present, and random text): a shortcut may only skip work whose answer it has proved."""

from __future__ import annotations

import random
import re

import pytest

from auditor.checks import clauses
from auditor.checks.clauses import _NEGATOR, _negated_before, _negation_starts
from auditor.engine import check_context

_CUES = ("尚未", "没有", "暂未", "未能", "未曾", "未开展", "未建立", "未落实", "缺乏")
# Characters that make up negators, cues, acts and findings, and some that do not.
_ALPHABET = [*"尚仍暂从并还未没有能曾缺乏经来成年知开展建立落实发现出现对的但审核,。;:", "x", " ", "\n"]


def _texts() -> list[str]:
    rng = random.Random(8)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(20000)]


def test_negation_starts_are_sound():
    starts = _negation_starts(_CUES)
    assert starts is not None and _negation_starts((*_CUES, "")) is None
    gate = clauses._negation_gate(_CUES)
    assert {ch for ch in map(chr, range(0x10000)) if gate.search(ch)} == starts
    for text in _texts():
        if starts.isdisjoint(text):
            assert _NEGATOR.search(text) is None and not any(c in text for c in _CUES)


@pytest.mark.parametrize("cues", [_CUES, (), ("无",)])
def test_negated_before_as_plain(cues, monkeypatch):
    texts = _texts()
    pairs = list(zip(texts, reversed(texts), strict=True))
    fast = [_negated_before(before, cues, after) for before, after in pairs]
    # The plain definition: the same function without the test of the characters negators start with.
    monkeypatch.setattr(clauses, "_negation_gate", lambda _cues: None)
    assert fast == [_negated_before(before, cues, after) for before, after in pairs]


# -- lead-class runs kept by the character after them ---------------------------------------

_FOLLOWED = [
    r"\d+\s*(?:次|场|期|件|项|个|人次)",
    r"\d{4}年\d{1,2}月|\d{1,2}月(?:份)?[、,，]|\d+\s*(?:次|场|期|轮|课时|学时)",
    r"\d+(?:\.\d+)?\s*[万亿](?![元人次件份条])",
    r"\d+(?:\.\d+)?\s*(?:%|个|次|件|份|人|项|场|万|亿|元)",
    r"(?<![第])[0-9]{2,3}(?:x|y)",
    r"\s+\d",
    r"(?:\d+次|[a-c]+x)",
]
# ASCII, full-width and Arabic-Indic digits, spaces of several kinds, the followers, others.
_DIGITS = [*"0123456789", "１", "٣", " ", "\u3000", "\t", "\n", *"次场期件项个人年月份、,，.%万亿元xyabc第学时课轮"]


@pytest.mark.parametrize("source", _FOLLOWED)
def test_followed_runs_hold_every_match(source):
    from auditor.matching.anchors import lead_class, matches_in_runs, run_follow, run_led, runs_of

    pattern = re.compile(source)
    follow, lead = run_follow(pattern), lead_class(pattern)
    assert follow is not None and lead is not None
    rng = random.Random(source)
    for _ in range(3000):
        text = "".join(rng.choice(_DIGITS) for _ in range(rng.randint(0, 30)))
        runs = [m.span() for m in re.finditer(runs_of(lead), text)]
        kept = [r for r in runs if text[r[1] : r[1] + 1] in follow]
        expected = [m.span() for m in pattern.finditer(text) if m.end() > m.start()]
        assert matches_in_runs(pattern, text, kept, run_led=run_led(pattern)) == expected, text


@pytest.mark.parametrize("source", [
    r"\d+", r"\d+\d", r"\d+[a\d]", r"(?a)\d+x", r"[一二三]{2,}(?=次)", r"\d*x", r"(?:\d+)?x", r"\d+(?:x)?",
    r"(\d+)x\1", r"[^a]+b", r"\s*-{2,}", r"[0-9a]+a", r"\d+x|y",
])
def test_follow_unproved(source):
    from auditor.matching.anchors import run_follow

    assert run_follow(re.compile(source)) is None


def test_pack_regexes_find_what_finditer_finds():
    from auditor import Auditor
    from auditor.api import parse

    from .conftest import CORPUS, FIXTURES
    from .test_shared_answers import _compiled_groups

    rng = random.Random(4)
    texts = [p.read_text(encoding="utf-8", errors="replace")
             for p in sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))]
    texts += ["".join(rng.choice([*_DIGITS, "局长", "规范性文件", "。", "--", "-"]) for _ in range(rng.randint(0, 80)))
              for _ in range(300)]
    for pack in (Auditor().pack, Auditor(["evaluator"]).pack):
        regexes = {id(rx): rx for terms in _compiled_groups(pack) for rx in terms.regexes}.values()
        assert any(rx.follow for rx in regexes)
        for text in texts:
            ctx = check_context(pack, parse(text))
            for rx in regexes:
                found = rx.pattern.compiled.finditer(ctx.doc.text)
                expected = [m.span() for m in found if m.end() > m.start()]
                assert ctx._regex(rx) == expected, (rx.pattern.pattern, text[:60])


def test_mentions_judged_once_for_both_readings_of_titles():
    """A mention judged with one reading of cited names answers for the other outside them."""
    from types import SimpleNamespace

    from auditor import Auditor
    from auditor.api import parse
    from auditor.checks.base import Match

    pack = Auditor().pack
    rng = random.Random(6)
    words = ["学习", "《", "》", "习近平法治思想", "印发", "尚未", "计划", "。", ",", "\n", "规范性文件",
             "二、存在的不足\n", "三、下一步工作打算\n", "2025年", "的"]
    texts = ["".join(rng.choice(words) for _ in range(rng.randrange(1, 60))) for _ in range(300)]
    readings = [SimpleNamespace(in_titles=False), SimpleNamespace(in_titles=True)]
    differ = 0
    for text in texts:
        doc = parse(text)
        first, second = check_context(pack, doc), check_context(pack, doc)  # ask in one order, then in the other
        plain = [check_context(pack, doc), check_context(pack, doc)]  # each asked with one reading only
        for phrase in ("学习", "习近平法治思想", "规范性文件", "印发"):
            for start in [m.start() for m in re.finditer(re.escape(phrase), doc.text)]:
                m = Match(start, start + len(phrase), phrase)
                expected = [plain[0].mention(m, readings[0]), plain[1].mention(m, readings[1])]
                differ += expected[0] is not expected[1]
                assert [first.mention(m, readings[0]), first.mention(m, readings[1])] == expected, text
                assert [second.mention(m, readings[1]), second.mention(m, readings[0])] == expected[::-1], text
    assert differ  # some mentions inside cited names, where the reading decides


def _groups_in_scopes():
    """(context, group, spans) for every group of the evaluator pack on the pack texts, in the
    whole text, the body, its paragraphs and sentences, and scattered, unordered and no units."""
    from auditor import Auditor
    from auditor.api import parse

    from .test_shared_answers import _compiled_groups, _pack_texts

    pack = Auditor(["evaluator"]).pack
    groups = _compiled_groups(pack)
    for text in _pack_texts():
        ctx = check_context(pack, parse(text))
        scopes = [None, ctx.scope_spans("document")]
        scopes += [ctx.units(kind, scopes[1]) for kind in ("paragraph", "sentence")]
        scopes += [scopes[2][1::3], list(reversed(scopes[3][::2])), []]
        for spans in scopes:
            for terms in groups:
                yield ctx, terms, spans


def test_places_are_where_find_finds():
    for ctx, terms, spans in _groups_in_scopes():
        expected = [(m.start, m.end) for m in ctx.find(terms, spans)]
        assert [c[:2] for c in ctx.places(terms, spans)] == expected, terms.id


def test_find_with_a_limit_is_the_first_of_find():
    """With ``limit``, candidates are tested for the spans only until enough are found: the
    same mentions as the first ``limit`` of the full answer, done or not, in every scope."""
    for ctx, terms, spans in _groups_in_scopes():
        for done_only in (False, True):
            every = ctx.find(terms, spans, done_only=done_only)
            for limit in (1, 2):
                assert ctx.find(terms, spans, done_only=done_only, limit=limit) == every[:limit], terms.id


# -- clauses searched only where a character a match needs occurs ---------------------------------

def test_clause_pattern_starts_are_what_the_patterns_need():
    from auditor.matching.anchors import required_starts

    assert required_starts(clauses._SHORTFALL_AFTER.compiled) == clauses._SHORTFALL_STARTS
    assert required_starts(clauses._DEFER_AFTER.compiled) == clauses._DEFER_AFTER_STARTS
    for gate, starts in ((clauses._MAY_FALL_SHORT, clauses._SHORTFALL_STARTS),
                         (clauses._MAY_DEFER_AFTER, clauses._DEFER_AFTER_STARTS)):
        assert {ch for ch in map(chr, range(0x10000)) if gate.search(ch)} == starts


@pytest.mark.parametrize("source", [
    r"(?<![按照依])计划(?=于|在)|(?<![草起])拟(?!定)|力争|将(?:进一步|继续)",
    r"^[^。]{0,12}?(?:还|仍)?(?:不到位|未健全)", r"原定|待[^,。]{1,20}?(?:后|时)|暂缓", r"a+b|c", r"(?:x|y)z*w", r"q?r",
])
def test_required_starts_are_sound(source):
    from auditor.matching.anchors import required_starts

    pattern = re.compile(source)
    starts = required_starts(pattern)
    rng = random.Random(source)
    alphabet = [*"计划于在拟定力争将进一步继续还仍不到位未健全原待后时暂缓abcxyzwqr。", "草", "按"]
    tested = 0
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 12)))
        if starts is not None and starts.isdisjoint(text):
            tested += 1
            assert pattern.search(text) is None, text
    assert starts is None or tested


class _Everything:
    """A gate every text passes: the plain definition searches every clause."""

    def search(self, _text) -> bool:
        return True


def test_judge_clause_as_plain(monkeypatch):
    from auditor import Auditor
    from auditor.checks.clauses import BookTitles, ClauseBreaks, judge_clause

    settings = Auditor().pack.settings
    rng = random.Random(12)
    words = ["计划", "于", "明年", "拟", "拟定", "力争", "将", "进一步", "下一步", "准备", "工作", "原定", "待", "后",
             "暂缓", "列入", "明年计划", "推迟", "不到位", "未健全", "尚未", "没有", "开展", "发现", "规范性文件",
             "。", ",", "《", "》", "印发", "学习", "法治", "x"]
    cases = []
    for _ in range(4000):
        text = "".join(rng.choice(words) for _ in range(rng.randrange(1, 14)))
        start = text.find("规范性文件")
        if start == -1:
            text += "规范性文件" + "".join(rng.choice(words) for _ in range(rng.randrange(0, 6)))
            start = text.find("规范性文件")
        cases.append((text, start, start + 5))

    def judged() -> list:
        return [judge_clause(text, s, e, titles=BookTitles(text), negation_cues=settings.negation_cues,
                             plan_cues=settings.plan_cues, titles_count=bool(s % 2), breaks=ClauseBreaks(text))
                for text, s, e in cases]

    fast = judged()
    assert clauses._plan_gate(settings.plan_cues) is not None
    for name in ("_MAY_FALL_SHORT", "_MAY_DEFER_AFTER"):
        monkeypatch.setattr(clauses, name, _Everything())
    monkeypatch.setattr(clauses, "_plan_gate", lambda _cues: None)
    monkeypatch.setattr(clauses, "_negation_gate", lambda _cues: None)
    monkeypatch.setattr(clauses, "_clause_gates", lambda _negation, _plan: None)
    assert fast == judged()
    assert len(set(fast)) >= 4  # done, negated, deferred, cited all occur


def test_clause_gates_are_sound():
    """A clause side holding no character of its gate holds nothing any test of that side finds:
    no negator or cue before (nor a plan cue, nor a deferral), no shortfall, negator or deferral
    after. Random sides over the cues' own words and characters, and the corpus's judged ones."""
    from auditor import Auditor

    settings = Auditor().pack.settings
    gates = clauses._clause_gates(settings.negation_cues, settings.plan_cues)
    assert gates is not None
    before_gate, after_gate = gates
    assert clauses._clause_gates(settings.negation_cues, settings.plan_cues) is gates  # made once
    chars = sorted(set(before_gate.pattern + after_gate.pattern) - set("[]\\"))
    words = [*settings.negation_cues, "尚未", "未经", "没有", "计划于", "拟于", "待", "后", "列入", "明年", "计划",
             "不到位", "开展", "发现", "但", "将", "下一步", "工作", "的", "对", "。", "法治", "x", *chars]
    rng = random.Random(20)
    tested = [0, 0]
    for _ in range(6000):
        side = "".join(rng.choice(words) for _ in range(rng.randrange(0, 8)))
        other = "".join(rng.choice(words) for _ in range(rng.randrange(0, 4)))
        if not before_gate.search(side):
            tested[0] += 1
            assert not clauses._negated_before(side, settings.negation_cues, other), side
            assert not any(cue.search(side) for cue in settings.plan_cues), side
            assert not clauses._DEFER_BEFORE.search(side), side
        if not after_gate.search(side):
            tested[1] += 1
            assert not clauses._negated_after(side), side
            assert not clauses._DEFER_AFTER.search(side), side
    assert min(tested) > 100
