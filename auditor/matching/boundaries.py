"""Word-boundary verification with jieba, loaded only when a rule asks for it.

Only the sentence around a candidate hit is segmented, never the whole document; the domain
user dictionary keeps terms such as 规范性文件 and 公平竞争审查 whole.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

_SENTENCE_END = "。;!?\n"
_WINDOW = 200  # segment at most this far either side of a hit


class BoundaryChecker:
    def __init__(self, user_dictionaries: list[Path]):
        self._user_dictionaries = user_dictionaries
        self._tokenizer = None
        self._cache: dict[tuple[int, int], set[int]] = {}
        self._text: str | None = None  # held, not just its id(): a freed id can be reused

    @property
    def loaded(self) -> bool:
        return self._tokenizer is not None

    def _load(self):
        if self._tokenizer is None:
            # Deferred: importing and initialising jieba costs about half a second. jieba 0.42 imports
            # pkg_resources and has non-raw regex strings, which warn on newer setuptools/Pythons;
            # those warnings would break the "one line on stderr" promise of the CLI.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                import jieba

            logging.getLogger("jieba").setLevel(logging.ERROR)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for path in self._user_dictionaries:
                tokenizer.load_userdict(str(path))
            self._tokenizer = tokenizer
        return self._tokenizer

    def on_boundaries(self, text: str, start: int, end: int) -> bool:
        if text is not self._text:
            self._cache.clear()
            self._text = text
        lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
        s = max(lo - 1, *(text.rfind(c, lo, start) for c in _SENTENCE_END)) + 1
        ends = [i for c in _SENTENCE_END if (i := text.find(c, end, hi)) != -1]
        e = min(ends) if ends else hi
        bounds = self._cache.get((s, e))
        if bounds is None:
            bounds = {s}
            for _word, _ws, we in self._load().tokenize(text[s:e]):
                bounds.add(s + we)
            self._cache[(s, e)] = bounds
        return start in bounds and end in bounds
