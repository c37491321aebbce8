"""Session 20's shortcuts in building a report's results, compared with their plain definitions."""

from __future__ import annotations

import bisect
import random

from auditor.models import Document
from auditor.normalize.mapped import MappedText


def _quote(doc: Document, start: int, end: int, context: int = 0, limit: int = 60) -> str:
    """The plain definition: the offset map read character by character."""
    start, end = max(0, start - context), min(len(doc.text), end + context)
    chars, last = [], -1
    for i in range(start, end):
        if doc.offsets[i] != last:
            chars.append(doc.original[doc.offsets[i]])
            last = doc.offsets[i]
    text = " ".join("".join(chars).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def test_quotes_across_runs_are_the_map_read_character_by_character():
    """Spans with run starts inside (one slice per piece between them): expansions (a repeated
    offset), deletions (a gap), steps back onto the offset before and past it, spaces and line
    breaks to collapse, runs of one character."""
    rng = random.Random(2020)
    across = 0
    for _ in range(600):
        original = "".join(rng.choice("法治 政府\n建设a1。\t") for _ in range(rng.randrange(1, 300)))
        offsets, o = [], 0
        for _ in range(rng.randrange(1, 200)):
            step = rng.choice([1, 1, 1, 1, 0, 0, 2, 5, -1, -3])
            o = min(max(0, o + step), len(original) - 1)
            offsets.append(o)
        text = "x" * len(offsets)
        runs = MappedText(text[:-1], offsets).run_starts()
        doc = Document(path="t", format="txt", original=original, text=text, offsets=offsets, run_starts=runs)
        for _ in range(40):
            a = rng.randrange(0, len(text))
            b = min(len(text), a + rng.randint(0, 60))
            context = rng.choice([0, 8, 10, 12])
            limit = rng.choice([60, 40, 5])
            s, e = max(0, a - context), min(len(text), b + context)
            across += s < e and bisect.bisect_right(runs, s) != bisect.bisect_left(runs, e)
            assert doc.quote(a, b, context=context, limit=limit) == _quote(doc, a, b, context=context, limit=limit)
    assert across > 5000  # (the pieces' path was taken)
