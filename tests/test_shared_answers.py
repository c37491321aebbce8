"""Answers the check context works out once per report, compared with their plain definitions
on the fixtures, the corpus and random texts (the fast mechanisms must never change an answer)."""

from __future__ import annotations

import random
import re

import pytest

from auditor.engine import check_context
from auditor.matching.codeunits import HAN_RUN, HanCounter

from .conftest import CORPUS, FIXTURES

# Han and non-Han neighbours of the range's edges, punctuation, an astral character, a lone
# surrogate: what the code-unit arithmetic could get wrong.
_ALPHABET = ["\u4e00", "\u9fff", "\u4dff", "\ua000", "法", "治", "。", "，", ";", "\n", "a", "1", "１",
             "\U00020000", "\U0001f600", "\ud800", "\u3000", "\uff0c"]


def _files(errors: str = "surrogateescape") -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    return [p.read_text(encoding="utf-8", errors=errors) for p in paths]


def _texts() -> list[str]:
    texts = _files()
    rng = random.Random(8)
    for _ in range(400):
        size = rng.randrange(0, 60)
        texts.append("".join(rng.choice(_ALPHABET) for _ in range(size)))
    return texts


def _plain_han(text: str, start: int, end: int) -> int:
    return sum(map(len, HAN_RUN.findall(text, start, end)))


@pytest.mark.parametrize("seed", range(4))
def test_han_counts_match_the_plain_definition(seed):
    rng = random.Random(seed)
    texts = _texts()
    assert len(texts) > 400
    for text in texts:
        counter = HanCounter(text)
        n = len(text)
        assert counter.count(0, n) == _plain_han(text, 0, n)
        for _ in range(20):
            a, b = rng.randrange(-3, n + 4), rng.randrange(-3, n + 4)
            assert counter.count(a, b) == _plain_han(text, a, b), (text, a, b)


# -- a group's candidate hits, sentence ends -------------------------------------------------

def _compiled_groups(pack) -> list:
    """Every compiled term group of a pack's checks (routes of ``either`` included)."""
    from auditor.checks.base import Check
    from auditor.matching.terms import CompiledTerms

    found: dict[int, CompiledTerms] = {}

    def walk(value, depth=0):
        if isinstance(value, CompiledTerms):
            found[id(value)] = value
        elif isinstance(value, Check) and depth < 4:
            for v in vars(value).values():
                walk(v, depth + 1)
        elif isinstance(value, (list, tuple)) and depth < 6:
            for v in value:
                walk(v, depth + 1)

    for rule in pack.rules:
        walk(rule.check)
    return list(found.values())


def _plain_candidates(ctx, terms) -> list[tuple[int, int, bool]]:
    """The definition: each alternative's hits; by start, the longest first; the same span from
    several alternatives once, needing the boundary test only if all of them do."""
    each = []
    for lit in terms.literals:
        if lit.counts_for(ctx._year):
            each += [(s, s + len(lit.text), lit.boundary) for s in ctx.hits.get(lit.text, ())]
    for rx in terms.regexes:
        if rx.counts_for(ctx._year):
            each += [(s, e, rx.boundary) for s, e in ctx._regex(rx)]
    out: list[tuple[int, int, bool]] = []
    for s, e, b in sorted((s, -e, b) for s, e, b in each):
        if not out or out[-1][:2] != (s, -e):
            out.append((s, -e, b))
    return out


def _pack_texts() -> list[str]:
    texts = _files(errors="replace")
    rng = random.Random(3)
    words = ["规范性文件", "合法性审核", "备案", "法治", "依法", "主要负责人", "局长", "主持召开", "第一责任人",
             "2024年", "3次", "。", "，", "\n", "学习", "习近平法治思想", "《", "》", "尚未", "计划"]
    texts += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 40))) for _ in range(60)]
    return texts


def test_candidates_match_the_plain_definition():
    from auditor import Auditor
    from auditor.api import parse

    auditor = Auditor(["evaluator"])
    pack = auditor.pack
    groups = _compiled_groups(pack)
    assert len(groups) > 50
    for text in _pack_texts():
        ctx = check_context(pack, parse(text))
        for terms in groups:
            assert ctx._candidates_of(terms) == _plain_candidates(ctx, terms), (terms.id, text[:40])


def test_clause_bounds_match_the_plain_definition():
    from auditor.checks.clauses import ClauseBreaks, clause_bounds

    rng = random.Random(5)
    # Long texts with few breaks: clauses cut by the window on either side.
    sparse = ["".join(rng.choice("法治政府建设。,\n" if rng.random() < 0.02 else "法治政府建设")
                      for _ in range(rng.randrange(100, 400))) for _ in range(50)]
    for text in _texts() + sparse:
        breaks = ClauseBreaks(text)
        n = len(text)
        for _ in range(30):
            start = rng.randrange(0, n + 1)
            end = min(n, start + rng.randrange(0, 8))
            assert breaks.bounds(start, end) == clause_bounds(text, start, end), (text, start, end)


def test_sentence_units_match_the_plain_definition():
    from auditor import Auditor
    from auditor.api import parse
    from auditor.checks.base import SENTENCE_BREAKS

    pattern = re.compile("[" + re.escape(SENTENCE_BREAKS) + "]")
    pack = Auditor().pack
    for text in _pack_texts():
        ctx = check_context(pack, parse(text))
        for scope in ("document", "section:measures", "section:plan", "section:shortcomings"):
            spans = ctx.scope_spans(scope)
            if spans is None:
                continue
            expected = []
            for p in ctx.units("paragraph", spans):  # each paragraph, cut after each sentence end
                cuts = [m.end() for m in pattern.finditer(ctx.doc.text, p.start, p.end)]
                if p.end > p.start and (not cuts or cuts[-1] < p.end):
                    cuts.append(p.end)
                expected += [(s, e) for s, e in zip([p.start, *cuts], cuts, strict=False)]
            assert [tuple(s) for s in ctx.units("sentence", spans)] == expected, text[:40]


def test_enclosing_titles_match_the_whole_text_definition():
    from auditor.checks.clauses import BookTitles
    from auditor.parse.meta_title import cited_spans

    rng = random.Random(9)
    words = ["《", "》", "\n", "法治", "办法", "。", "学习", "《规定》"]
    texts = _files(errors="replace") + ["".join(rng.choice(words) for _ in range(rng.randrange(1, 50)))
                                        for _ in range(300)]
    for text in texts:
        spans = cited_spans(text)
        titles = BookTitles(text)
        n = len(text)
        for _ in range(40):
            start = rng.randrange(0, n + 1)
            end = min(n, start + rng.randrange(0, 6))
            # the last name starting at or before the mention, when it encloses the mention
            expected = next(((s, e) for s, e in reversed(spans) if s <= start), None)
            if expected is not None and not (start > expected[0] and end < expected[1]):
                expected = None
            assert titles.enclosing(start, end) == expected, (text, start, end)


# -- runs of digits ------------------------------------------------------------------------------

def test_digit_blocks_are_where_the_digits_beyond_latin1_are():
    import unicodedata

    from auditor.matching import codeunits

    assert [chr(c) for c in range(256) if chr(c).isdecimal()] == list("0123456789")
    if unicodedata.unidata_version in codeunits._DIGIT_HIGH_VERSIONS:
        blocks = {c >> 8 for c in range(0x100, 0x10000) if chr(c).isdecimal()}
        assert bytes(sorted(blocks)) == codeunits._DIGIT_HIGH


@pytest.mark.parametrize("seed", range(3))
def test_digit_runs_match_the_plain_definition(seed):
    from auditor.matching.codeunits import digit_runs

    rng = random.Random(seed)
    alphabet = [*_ALPHABET, *"0123456789", "٣", "²", "ÿ", "\u0966", "\uff19"]
    texts = _texts() + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40))) for _ in range(3000)]
    texts += ["".join(rng.choice("0123456789法治 \n") for _ in range(rng.randrange(0, 40))) for _ in range(1000)]
    proved = 0
    for text in texts:
        assert digit_runs(text) == [m.span() for m in re.finditer(r"(?a)\d+", text)], text
        if HanCounter(text).ascii_digits_only():
            proved += 1
            assert digit_runs(text) == [m.span() for m in re.finditer(r"\d+", text)], text
        else:  # only a text beyond the BMP, or with a character of a block holding other digits
            assert any(ord(ch) > 0xFFFF or ord(ch) >> 8 in b"\x06\x09\xff" or "\ud800" <= ch <= "\udfff"
                       for ch in text), text
    assert proved > 1000


def test_lead_runs_of_digits_are_the_class_scan():
    from auditor import Auditor
    from auditor.api import parse
    from auditor.matching.anchors import runs_of

    pack = Auditor().pack
    for text in [*_pack_texts(), "１２法٣4", "x\U00020000 12", "3\u0966"]:
        ctx = check_context(pack, parse(text))
        for lead in ("[\\d]", "(?a)[\\d]"):
            expected = [m.span() for m in re.finditer(runs_of(lead), ctx.doc.text)]
            assert ctx._lead_runs(lead) == expected, (lead, text[:40])
