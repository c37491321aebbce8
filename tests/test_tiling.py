"""Units told apart by where they start (``CheckContext.tiling``) against the unit lists they
stand for, and ``near`` on a tiling against ``near`` on the unit lists (fixtures, the corpus and
random texts; every pack with a ``near`` rule)."""

from __future__ import annotations

import bisect
import itertools
import random

import pytest

from auditor import Auditor
from auditor.api import parse
from auditor.checks.base import CheckContext, Tiling
from auditor.checks.near import Near
from auditor.engine import check_context

from .test_shared_answers import _pack_texts

_SCOPES = ("document", "section:measures", "section:plan", "section:shortcomings", "title", "preamble")


_parsed: list = []


def _docs() -> list:
    """The texts, parsed once for every test of this module."""
    if not _parsed:
        _parsed.extend(parse(text) for text in _texts())
    return _parsed


def _texts() -> list[str]:
    texts = _pack_texts()
    rng = random.Random(11)
    # Paragraphs of one sentence, sentence ends at paragraph edges, empty lines, headings.
    words = ["一、主要举措和成效\n", "二、存在的不足\n", "三、下一步工作打算\n", "（一）", "局长", "主持召开", "法治",
             "规范性文件", "3件", "。", ";", "!", "?", "\n", "\n\n", "，", "中心组", "2025年3月、", "习近平法治思想"]
    texts += ["".join(rng.choice(words) for _ in range(rng.randrange(1, 50))) for _ in range(200)]
    return texts


def test_tilings_are_the_units():
    pack = Auditor().pack
    tiled = 0
    for doc in _docs():
        ctx = check_context(pack, doc)
        text = doc.text
        for scope in _SCOPES:
            spans = ctx.scope_spans(scope)
            if spans is None:
                continue
            for kind in ("paragraph", "sentence"):
                units = ctx.units(kind, spans)
                tiling = ctx.tiling(kind, spans)
                if tiling is None:  # only where the units overlap or one is empty
                    assert any(u.start >= u.end for u in units) or any(
                        a.end > b.start for a, b in itertools.pairwise(units)), text
                    continue
                tiled += 1
                assert isinstance(tiling, Tiling)
                # the cover's union is the units' union
                covered = {i for u in tiling.cover for i in range(u.start, u.end)}
                assert covered == {i for u in units for i in range(u.start, u.end)}, text
                # each offset inside a unit: its key names that unit, and keys keep the units' order
                keys = []
                for u in units:
                    for pos in range(u.start, u.end):
                        key = bisect.bisect_right(tiling.marks, pos)
                        assert tiling.unit(key) == u and type(tiling.unit(key)) is type(u), (text, kind, pos)
                    keys.append(bisect.bisect_right(tiling.marks, u.start))
                assert keys == sorted(set(keys)), text
    assert tiled > 300


def _near_checks(pack) -> list[Near]:
    found = []
    for rule in pack.rules:
        checks = [c for _route, c in getattr(rule.check, "routes", [])] or [rule.check]
        found += [c for c in checks if isinstance(c, Near)]
    return found


@pytest.mark.parametrize("packs", [None, ["evaluator"], ["government"], ["department"], ["topics"], ["joint"]])
def test_near_on_a_tiling_is_near_on_the_units(packs, monkeypatch):
    pack = Auditor(packs).pack if packs else Auditor().pack
    checks = _near_checks(pack)
    assert checks
    docs = _docs()
    tiled = [[c.run(check_context(pack, doc)) for c in checks] for doc in docs]
    monkeypatch.setattr(CheckContext, "tiling", lambda self, kind, spans: None)  # the unit lists
    plain = [[c.run(check_context(pack, doc)) for c in checks] for doc in docs]
    assert tiled == plain


def _plain_union(spans) -> tuple[list[int], list[int]]:
    """SpanSet's definition: spans by start (then end), each merged into the last when it starts
    where or before that one ends."""
    starts: list[int] = []
    ends: list[int] = []
    for start, end in sorted(spans):
        if ends and start <= ends[-1]:
            ends[-1] = max(ends[-1], end)
        else:
            starts.append(start)
            ends.append(end)
    return starts, ends


def test_span_sets_are_the_plain_union():
    from auditor.checks.base import SpanSet
    from auditor.models import Span

    rng = random.Random(13)
    for _ in range(20000):
        spans = [Span(a, a + rng.randrange(-1, 6)) for a in (rng.randrange(0, 30) for _ in range(rng.randrange(0, 6)))]
        got = SpanSet(spans)
        assert (got.starts, got.ends) == _plain_union(spans), spans


def test_paragraph_units_are_the_overlapping_paragraphs_and_headings():
    from auditor.checks.base import SpanSet

    pack = Auditor().pack
    for doc in _docs():
        ctx = check_context(pack, doc)
        candidates = [p.span for p in doc.paragraphs] + [s.heading for s in doc.all_sections()]
        for scope in _SCOPES:
            spans = ctx.scope_spans(scope)
            if spans is None:
                continue
            for given in (spans, [*spans, *spans[:1]]):  # (one span, and several)
                overlaps = SpanSet(given).overlaps
                expected = sorted([u for u in candidates if overlaps(u)], key=lambda u: u.start)
                assert ctx._units("paragraph", list(given)) == expected, doc.text[:40]
