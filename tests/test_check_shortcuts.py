"""Shortcuts of the check phase against the plain definitions they stand for (fixtures, the
corpus when present, and random text): a shortcut may only skip work whose answer it has proved."""

from __future__ import annotations

import random

import pytest

from auditor.checks.clauses import (
    _ACTS,
    _FINDINGS,
    _GAP,
    _HANDLING,
    _NEGATOR,
    _RELATIVE,
    _negated_before,
    _negation_starts,
)

_CUES = ("尚未", "没有", "暂未", "未能", "未曾", "未开展", "未建立", "未落实", "缺乏")
# Characters that make up negators, cues, acts and findings, and some that do not.
_ALPHABET = [*"尚仍暂从并还未没有能曾缺乏经来成年知开展建立落实发现出现对的但审核,。;:", "x", " ", "\n"]


def _texts() -> list[str]:
    rng = random.Random(8)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, 16))) for _ in range(20000)]


def _plain_negated_before(before: str, cues: tuple[str, ...], after: str) -> bool:
    """``_negated_before`` as it was, without the test of the characters negators start with."""
    found = [(m.start(), m.end()) for m in _NEGATOR.finditer(before)]
    for cue in cues:
        i = before.find(cue)
        while i != -1:
            found.append((i, i + len(cue)))
            i = before.find(cue, i + 1)
    for s, e in found:
        rest = before[e:]
        if _FINDINGS.match(rest):
            continue
        if _HANDLING.search(before, 0, s) and _RELATIVE.match(after):
            continue
        if len(rest) <= _GAP or _ACTS.search(rest[: _GAP + 2]):
            return True
    return False


def test_negation_starts_are_sound():
    starts = _negation_starts(_CUES)
    assert starts is not None and _negation_starts((*_CUES, "")) is None
    for text in _texts():
        if starts.isdisjoint(text):
            assert _NEGATOR.search(text) is None and not any(c in text for c in _CUES)


@pytest.mark.parametrize("cues", [_CUES, (), ("无",)])
def test_negated_before_as_plain(cues):
    texts = _texts()
    for before, after in zip(texts, reversed(texts), strict=True):
        assert _negated_before(before, cues, after) == _plain_negated_before(before, cues, after)
