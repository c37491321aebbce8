"""Answers the check context works out once per report, compared with their plain definitions
on the fixtures, the corpus and random texts (the fast mechanisms must never change an answer)."""

from __future__ import annotations

import random

import pytest

from auditor.matching.codeunits import HAN_RUN, HanCounter

from .conftest import CORPUS, FIXTURES

# Han and non-Han neighbours of the range's edges, punctuation, an astral character, a lone
# surrogate: what the code-unit arithmetic could get wrong.
_ALPHABET = ["\u4e00", "\u9fff", "\u4dff", "\ua000", "法", "治", "。", "，", ";", "\n", "a", "1", "１",
             "\U00020000", "\U0001f600", "\ud800", "\u3000", "\uff0c"]


def _texts() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in paths]
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
