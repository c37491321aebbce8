"""All literal phrases of a rule pack in one Aho-Corasick automaton: one pass per document."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Set as AbstractSet

import ahocorasick


class PhraseIndex:
    def __init__(self) -> None:
        self._phrases: set[str] = set()
        self._automaton: ahocorasick.Automaton | None = None

    def add(self, phrase: str) -> None:
        if self._automaton is not None:
            raise RuntimeError("phrase index already built")
        if phrase:
            self._phrases.add(phrase)

    def build(self) -> None:
        automaton = ahocorasick.Automaton()
        for phrase in sorted(self._phrases):
            automaton.add_word(phrase, (phrase, len(phrase) - 1))  # the start is that far before the end
        if self._phrases:
            automaton.make_automaton()
        self._automaton = automaton

    @property
    def phrases(self) -> AbstractSet[str]:
        """The phrases added (read-only: a view for set operations)."""
        return self._phrases

    def __len__(self) -> int:
        return len(self._phrases)

    def __contains__(self, phrase: object) -> bool:
        return phrase in self._phrases

    def scan(self, text: str) -> dict[str, list[int]]:
        """Start offsets of every occurrence of every phrase (overlaps included)."""
        if self._automaton is None:
            self.build()
        hits: dict[str, list[int]] = defaultdict(list)
        if not self._phrases:
            return hits
        assert self._automaton is not None
        for end, (phrase, back) in self._automaton.iter(text):
            hits[phrase].append(end - back)
        return hits
