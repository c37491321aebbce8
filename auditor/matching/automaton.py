"""All literal phrases of a rule pack in one Aho-Corasick automaton: one pass per document.

The automaton is ahocorasick-rs's contiguous NFA (Rust). Measured on the two corpus reports
(243 phrases, ~3,200 characters): its scan with the hits gathered took 51-54 µs where
pyahocorasick's took 123-128 µs (whose root searches its children linearly); building it takes
~0.2 ms (its DFA scans no faster and takes ~0.8 ms to build). It cannot be pickled, and a compiled
pack is (``rules/pack_cache.py``): the index pickles its phrases only and builds the automaton on
its first scan.

Rust strings are UTF-8: a lone surrogate (which a Python ``str`` may hold, never a rule pack's YAML)
cannot cross. A text holding some is scanned piece by piece between them (no phrase the automaton
holds can contain one), and a phrase holding one is found by ``str.find``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ahocorasick_rs import AhoCorasick, Implementation

from ..lazy_regex import LazyPattern


class PhraseIndex:
    def __init__(self) -> None:
        self._phrases: set[str] = set()
        self._built = False  # no phrase may be added once documents may have been scanned
        self._automaton: AhoCorasick | None = None
        self._order: list[str] = []  # the phrases by the automaton's pattern numbers
        self._unencodable: list[str] = []  # phrases with a lone surrogate (found by str.find)

    def add(self, phrase: str) -> None:
        if self._built:
            raise RuntimeError("phrase index already built")
        if phrase:
            self._phrases.add(phrase)

    def build(self) -> None:
        """No more phrases: the index is ready to scan (the automaton is made on the first scan)."""
        self._built = True

    def _compile(self) -> AhoCorasick:
        self._built = True
        order = sorted(self._phrases)
        try:  # (the automaton does not refuse such a phrase: it numbers the phrases differently)
            "".join(order).encode("utf-8")
        except UnicodeEncodeError:
            self._unencodable = [p for p in order if _SURROGATE.search(p)]
            order = [p for p in order if p not in self._unencodable]
        automaton = AhoCorasick(order, implementation=_IMPLEMENTATION)
        self._order = order
        self._automaton = automaton
        return automaton

    def __getstate__(self) -> dict[str, Any]:
        return {"_phrases": self._phrases, "_built": self._built}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._phrases = state["_phrases"]
        self._built = state["_built"]
        self._automaton = None
        self._order = []
        self._unencodable = []

    @property
    def phrases(self) -> set[str]:
        """The phrases added, the index's own set (for set operations such as ``issuperset``:
        read it, never change it)."""
        return self._phrases

    def __len__(self) -> int:
        return len(self._phrases)

    def __contains__(self, phrase: object) -> bool:
        return phrase in self._phrases

    def scan(self, text: str) -> dict[str, list[int]]:
        """Start offsets (in characters) of every occurrence of every phrase (overlaps included)."""
        automaton = self._automaton or self._compile()
        order = self._order
        hits: dict[str, list[int]] = defaultdict(list)
        try:
            found = automaton.find_matches_as_indexes(text, overlapping=True)
        except UnicodeEncodeError:
            found = _between_surrogates(automaton, text)
        for number, start, _end in found:
            hits[order[number]].append(start)
        for phrase in self._unencodable:
            at = text.find(phrase)
            while at >= 0:
                hits[phrase].append(at)
                at = text.find(phrase, at + 1)
        return hits


_IMPLEMENTATION = Implementation.ContiguousNFA  # (scan + build: see the module's docstring)
_SURROGATE = LazyPattern("[\ud800-\udfff]")


def _between_surrogates(automaton: AhoCorasick, text: str) -> list[tuple[int, int, int]]:
    """The automaton's matches in a text holding lone surrogates: of each piece between them."""
    found: list[tuple[int, int, int]] = []
    start = 0
    for cut in [*(m.start() for m in _SURROGATE.finditer(text)), len(text)]:
        found += [(n, start + s, start + e)
                  for n, s, e in automaton.find_matches_as_indexes(text[start:cut], overlapping=True)]
        start = cut + 1
    return found
