"""Han characters of a text counted at C speed, through its UTF-16 code units.

Counting by ``[\\u4e00-\\u9fff]+`` tests each character on the regular-expression engine's slow
path and builds a string per run: the count and section rules asked for ~10 such scans per
report. In UTF-16 a character of the Basic Multilingual Plane is one code unit, and U+4E00..U+9FFF
are exactly the units whose high byte is 0x4E..0x9F: the high bytes, mapped once by
``bytes.translate`` to 1 (Han) or 0, answer any span's count with ``bytes.count``. A text with
characters beyond the BMP (two code units each) is counted by the plain expression instead.

The same high bytes tell whether the text may hold a decimal digit beyond ASCII (``digit_runs``).
"""

from __future__ import annotations

import unicodedata

from ..lazy_regex import LazyPattern

# The definition (runs, not characters: fewer objects), compiled only for a text beyond the BMP.
HAN_RUN = LazyPattern(r"[\u4e00-\u9fff]+")
# The high bytes of the characters beyond Latin-1 that are decimal digits (what ``\d`` matches)
# in the Basic Multilingual Plane: the same set in Unicode 13.0 to 15.1 (Pythons 3.10 to 3.13;
# tests/test_shared_answers.py works it out again). Latin-1's only decimal digits are 0-9.
_DIGIT_HIGH = bytes.fromhex("0607090a0b0c0d0e0f101718191a1b1ca6a8a9aaabff")
_DIGIT_HIGH_VERSIONS = frozenset({"13.0.0", "14.0.0", "15.0.0", "15.1.0"})
# A high byte as 1 (Han), 2 (a block holding decimal digits beyond Latin-1) or 0. (Disjoint.)
_HAN_HIGH = bytes(1 if 0x4E <= b <= 0x9F else 2 if b in _DIGIT_HIGH else 0 for b in range(256))


class HanCounter:
    """Counts of Han characters (U+4E00..U+9FFF) in spans of one text."""

    def __init__(self, text: str):
        self.text = text
        units = text.encode("utf-16-le", "surrogatepass")
        # One code unit per character: the mask's offsets are the text's.
        self._mask = units[1::2].translate(_HAN_HIGH) if len(units) == 2 * len(text) else None

    def ascii_digits_only(self) -> bool:
        """Whether every decimal digit of the text (if any) is ASCII 0-9 (False: not proved)."""
        return (self._mask is not None and unicodedata.unidata_version in _DIGIT_HIGH_VERSIONS
                and 2 not in self._mask)

    def count(self, start: int, end: int) -> int:
        """Han characters between ``start`` and ``end`` (clamped to the text, as ``findall`` does)."""
        n = len(self.text)
        start, end = min(max(start, 0), n), min(max(end, 0), n)
        if self._mask is None:
            return sum(map(len, HAN_RUN.findall(self.text, start, end)))
        return self._mask.count(1, start, end) if end > start else 0


# -- runs of decimal digits ------------------------------------------------------------------

_DIGITS_ONLY = bytes(b if 0x30 <= b <= 0x39 else 0x20 for b in range(256))  # the rest: a space


def digit_runs(text: str) -> list[tuple[int, int]]:
    r"""The maximal runs of ASCII digits of ``text`` as [start, end) spans: what
    ``re.finditer(r"(?a)\d+", text)`` spans, and ``\d+`` where ``HanCounter.ascii_digits_only``,
    without a regular expression's test of every character (~120 instructions each here).

    Encoded as Latin-1 (any other character becomes one "?"), the text has one byte per
    character; with its digits kept and the rest made spaces, ``bytes.split`` gives the runs, and
    each is found (at C speed) after the one before it."""
    mask = text.encode("latin-1", "replace").translate(_DIGITS_ONLY)
    out: list[tuple[int, int]] = []
    add, find = out.append, mask.find
    end = 0
    for run in mask.split():
        start = find(run, end)  # (the next digit after the last run starts this one)
        end = start + len(run)
        add((start, end))
    return out
