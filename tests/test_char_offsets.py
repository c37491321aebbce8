"""``offsets_of`` (str.find per occurrence) against its definition, the regex class scan, on the
fixtures, the corpus when present, and random texts."""

from __future__ import annotations

import random
import re

import pytest

from auditor.matching.boundaries import SENTENCE_BREAKS
from auditor.matching.chars import offsets_of

from .conftest import CORPUS, FIXTURES

_ALPHABET = [*"。;!?\n《》“”（）【】‘’()法治a1 ", "\u3000", "\U00020000", "\ud800"]
_SETS = [SENTENCE_BREAKS, "《》“”（）【】‘’", "()《》", "。", "", "。。;", "\ud800", "\U00020000a"]


def _texts() -> list[str]:
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="surrogateescape") for p in paths]
    rng = random.Random(11)
    texts += ["".join(rng.choice(_ALPHABET) for _ in range(rng.randrange(0, 50))) for _ in range(3000)]
    return texts


@pytest.mark.parametrize("chars", _SETS)
def test_offsets_match_the_class_scan(chars):
    texts = _texts()
    assert len(texts) > 3000
    pattern = re.compile("[" + re.escape(chars) + "]") if chars else None
    for text in texts:
        expected = [m.start() for m in pattern.finditer(text)] if pattern else []
        assert offsets_of(text, chars) == expected, (chars, text[:40])


def test_balanced_pairs_marks_as_the_class_scan():
    """The check's marks (the pack's pairs, folded) in the order the class scan visits them."""
    from auditor import Auditor

    check = next(r.check for r in Auditor().pack.rules if r.check.name == "balanced_pairs")
    pattern = re.compile("[" + re.escape(check._marks) + "]")
    for text in _texts():
        assert offsets_of(text, check._marks) == [m.start() for m in pattern.finditer(text)]
