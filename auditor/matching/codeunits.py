"""Han characters of a text counted at C speed, through its UTF-16 code units.

Counting by ``[\\u4e00-\\u9fff]+`` tests each character on the regular-expression engine's slow
path and builds a string per run: the count and section rules asked for ~10 such scans per
report. In UTF-16 a character of the Basic Multilingual Plane is one code unit, and U+4E00..U+9FFF
are exactly the units whose high byte is 0x4E..0x9F: the high bytes, mapped once by
``bytes.translate`` to 1 (Han) or 0, answer any span's count with ``bytes.count``. A text with
characters beyond the BMP (two code units each) is counted by the plain expression instead.
"""

from __future__ import annotations

from ..lazy_regex import LazyPattern

# The definition (runs, not characters: fewer objects), compiled only for a text beyond the BMP.
HAN_RUN = LazyPattern(r"[\u4e00-\u9fff]+")
_HAN_HIGH = bytes(1 if 0x4E <= b <= 0x9F else 0 for b in range(256))


class HanCounter:
    """Counts of Han characters (U+4E00..U+9FFF) in spans of one text."""

    def __init__(self, text: str):
        self.text = text
        units = text.encode("utf-16-le", "surrogatepass")
        # One code unit per character: the mask's offsets are the text's.
        self._mask = units[1::2].translate(_HAN_HIGH) if len(units) == 2 * len(text) else None

    def count(self, start: int, end: int) -> int:
        """Han characters between ``start`` and ``end`` (clamped to the text, as ``findall`` does)."""
        n = len(self.text)
        start, end = min(max(start, 0), n), min(max(end, 0), n)
        if self._mask is None:
            return sum(map(len, HAN_RUN.findall(self.text, start, end)))
        return self._mask.count(1, start, end) if end > start else 0
