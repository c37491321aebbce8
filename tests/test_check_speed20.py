"""Session 20's shortcuts of the check phase against the plain definitions they stand for."""

from __future__ import annotations

import random

from auditor.checks.base import Match
from auditor.engine import check_context


def test_span_list_is_kept_and_finds_as_a_fresh_list():
    """``span_list`` gives one kept list per value (equal to what it was given); ``find`` about it,
    asked again, answers as about a fresh list of the same spans (and as about their SpanSet)."""
    from .test_check_shortcuts import _groups_in_scopes

    seen = 0
    for ctx, terms, spans in _groups_in_scopes():
        if spans is None:
            continue
        fresh = list(spans)
        kept = ctx.span_list(fresh)
        assert kept == fresh and ctx.span_list(list(spans)) is kept
        assert ctx._span_set(kept).starts == ctx._span_set(list(spans)).starts
        assert ctx._span_set(kept).ends == ctx._span_set(list(spans)).ends
        for done_only in (False, True):
            expected = ctx.find(terms, list(spans), done_only=done_only)
            for _ in range(2):  # the second time by identity
                assert ctx.find(terms, kept, done_only=done_only) == expected, terms.id
                assert ctx.find(terms, kept, done_only=done_only, limit=1) == expected[:1], terms.id
        seen += 1
    assert seen


def test_mention_at_is_mention():
    """Judging a mention by where it is gives what judging its Match gives (either order)."""
    from types import SimpleNamespace

    from auditor import Auditor
    from auditor.api import parse

    pack = Auditor().pack
    rng = random.Random(20)
    words = ["学习", "《", "》", "规范性文件", "印发", "尚未", "计划于明年", "。", ",", "\n", "二、存在的不足\n",
             "三、下一步工作打算\n", "开展", "的"]
    readings = [None, SimpleNamespace(in_titles=False), SimpleNamespace(in_titles=True)]
    for _ in range(200):
        doc = parse("".join(rng.choice(words) for _ in range(rng.randrange(1, 50))))
        text = doc.text
        at = [i for i in range(len(text)) if text.startswith("规范性文件", i)]
        plain, fast = check_context(pack, doc), check_context(pack, doc)
        for start in at:
            for terms in readings:
                m = Match(start, start + 5, "规范性文件")
                assert fast.mention_at(start, start + 5, terms) is plain.mention(m, terms), text


def test_deadline_binds_as_the_level():
    """Dates' compiled name patterns bind the report the level's own ``binds`` does (repeated
    names searched once)."""
    from auditor import Auditor
    from auditor.checks.dates import Dates

    checks = [r.check for r in Auditor(["government"]).pack.rules if isinstance(r.check, Dates)]
    levels = [lv for check in checks for lv in check._levels]
    assert any(patterns for _level, patterns in levels)
    rng = random.Random(20)
    parts = ["湖南省", "株洲市", "北京市", "自治区", "广西壮族", "人民政府", "中共", "委员会", "党委", "委",
             "工业和信息化局", "县", "镇", "司法局", "x", ""]
    kinds = ["government", "department", "town", "joint", "unknown"]
    for _ in range(3000):
        names = ["".join(rng.choice(parts) for _ in range(rng.randrange(1, 4))) for _ in range(rng.randrange(0, 4))]
        if names and rng.random() < 0.3:
            names.append(names[0])
        kind = rng.choice(kinds)
        for level, patterns in levels:
            assert level.binds(kind, list(dict.fromkeys(names)), patterns) == level.binds(kind, names)


def test_offsets_of_plus_is_each_offset_plus():
    """``offsets_of(..., plus=k)`` is every offset of the plain scan plus k (random texts with
    the marks, astral characters and lone surrogates)."""
    import re

    from auditor.matching.boundaries import SENTENCE_BREAKS
    from auditor.matching.chars import offsets_of

    rng = random.Random(21)
    alphabet = [*SENTENCE_BREAKS, *"法治政府ab ", "\U00020000", "\ud800"]
    pattern = re.compile("[" + re.escape(SENTENCE_BREAKS) + "]")
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        plain = [m.start() for m in pattern.finditer(text)]
        for plus in (0, 1, 3):
            assert offsets_of(text, SENTENCE_BREAKS, plus=plus) == [at + plus for at in plain], text


def test_tiled_bounds_count_each_group_once_per_unit():
    """_Tiled's unit counts (a dict) equal the Counter of each group's distinct units."""
    from collections import Counter
    from itertools import chain

    from auditor.checks.base import Tiling
    from auditor.checks.near import _Tiled

    rng = random.Random(22)
    for _ in range(500):
        marks = sorted(rng.sample(range(200), rng.randrange(1, 30)))
        tiling = Tiling([], marks)
        starts = [sorted(rng.choices(range(220), k=rng.randrange(0, 12))) for _ in range(rng.randrange(1, 4))]
        tiled = _Tiled(tiling, starts)
        assert tiled.bounds == Counter(chain.from_iterable(map(dict.fromkeys, tiled.keys)))
        assert tiled.held == sorted(tiled.bounds)
