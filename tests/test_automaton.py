"""The pack's phrase index (auditor/matching/automaton.py) against its plain definition: every start
offset, in characters, of every phrase (overlaps included), as ``str.find`` gives them."""

from __future__ import annotations

import pickle
import random

import pytest

from auditor.matching.automaton import PhraseIndex

from .conftest import CORPUS, FIXTURES

# Phrases that overlap, nest and repeat a character (overlapping hits), one character long, and
# characters beyond the Basic Multilingual Plane (one character each, two UTF-16 units, four bytes).
_PHRASES = ["法治", "治政", "法治政府", "政府", "府", "aa", "a", "主要负责人", "负责", "𠮷", "😀法", "--"]
_ALPHABET = ["法", "治", "政", "府", "a", "-", "主要", "负责人", "😀", "𠮷", "\u3000", "\n", "。", "x"]


def _plain(phrases: set[str], text: str) -> dict[str, list[int]]:
    hits: dict[str, list[int]] = {}
    for phrase in phrases:
        at = text.find(phrase)
        while at >= 0:
            hits.setdefault(phrase, []).append(at)
            at = text.find(phrase, at + 1)
    return hits


def _index(phrases) -> PhraseIndex:
    index = PhraseIndex()
    for phrase in phrases:
        index.add(phrase)
    index.build()
    return index


def _random_texts(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 50))) for _ in range(count)]


def test_scan_matches_str_find_on_random_text():
    index = _index(_PHRASES)
    for text in _random_texts(5, 600):
        assert dict(index.scan(text)) == _plain(set(_PHRASES), text), text


def test_offsets_are_characters_beyond_the_bmp():
    index = _index(_PHRASES)
    text = "😀𠮷法治政府"  # (and 😀法 absent)
    assert dict(index.scan(text)) == {"𠮷": [1], "法治": [2], "法治政府": [2], "治政": [3],
                                      "政府": [4], "府": [5]}


def test_scan_matches_str_find_on_the_fixtures_and_corpus():
    from auditor import Auditor
    from auditor.api import parse

    pack = Auditor().pack
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    assert paths
    for path in paths:
        text = parse(path.read_text(encoding="utf-8", errors="replace")).text
        assert dict(pack.index.scan(text)) == _plain(set(pack.index.phrases), text), path


def test_lone_surrogates_in_the_text_and_in_a_phrase():
    phrases = [*_PHRASES, "\udc80法"]  # (a Python caller's phrase: no YAML file can hold one)
    index = _index(phrases)
    rng = random.Random(9)
    for text in _random_texts(6, 300):
        cut = rng.randrange(0, len(text) + 1)
        text = text[:cut] + rng.choice(["\ud800", "\udc80", "\udfff"]) + text[cut:]
        assert dict(index.scan(text)) == _plain(set(phrases), text), text


def test_pickled_index_scans_alike_and_is_still_closed():
    index = _index(_PHRASES)
    text = "法治政府😀法治aa--"
    before = dict(index.scan(text))
    copy = pickle.loads(pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    assert dict(copy.scan(text)) == before and set(copy.phrases) == set(_PHRASES)
    with pytest.raises(RuntimeError):
        copy.add("新")


def test_empty_index_finds_nothing():
    index = _index([])
    assert dict(index.scan("法治政府")) == {} and len(index) == 0
