"""The parsed document's lookups: section chains, locations and quotes, checked against the plain
definitions they speed up (a walk of the tree; the offset map read character by character)."""

from __future__ import annotations

import random
import re

import pytest

from auditor.api import Auditor
from auditor.models import Document, Section, Span
from auditor.normalize import normalise
from auditor.normalize.mapped import MappedText

from .conftest import CORPUS, FIXTURES


def _walk(doc: Document, pos: int) -> list[Section]:
    """The definition: outermost first, the first section of each level whose span holds pos."""
    chain, level = [], doc.sections
    while True:
        hit = next((s for s in level if s.span.start <= pos < s.span.end), None)
        if hit is None:
            return chain
        chain.append(hit)
        level = hit.children


def _quote(doc: Document, start: int, end: int, context: int = 0, limit: int = 60) -> str:
    """The definition, one character at a time: the span, then up to ``context`` characters each
    way, stopping where normalisation removed anything but white space between two characters."""

    def removed(i: int) -> bool:  # between text[i - 1] and text[i]
        a, b = doc.offsets[i - 1], doc.offsets[i]
        return b > a + 1 and doc.original[a + 1:b].strip() != ""

    for _ in range(context):
        if start == 0 or removed(start):
            break
        start -= 1
    for _ in range(context):
        if end >= len(doc.text) or (end > 0 and removed(end)):
            break
        end += 1
    chars, last = [], -1
    for i in range(start, end):
        if doc.offsets[i] != last:
            chars.append(doc.original[doc.offsets[i]])
            last = doc.offsets[i]
    text = " ".join("".join(chars).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _random_tree(rng: random.Random, start: int, end: int, depth: int, counter: list[int]) -> list[Section]:
    """Sibling sections in order, each holding children; sometimes empty or touching."""
    out, pos = [], start
    while pos < end and len(out) < 12:
        a = pos + rng.randint(0, 3)
        b = min(end, a + rng.randint(0, 40))
        if a > end:
            break
        counter[0] += 1
        sec = Section(id=f"s{counter[0]}", level=depth, marker=f"{counter[0]}.", number=counter[0],
                      title=f"t{counter[0]}", heading=Span(a, min(b, a + 2)), span=Span(a, b))
        if depth < 4 and b - a > 4:
            sec.children = _random_tree(rng, a + 2, b, depth + 1, counter)
        out.append(sec)
        pos = b if rng.random() < 0.7 else b + rng.randint(1, 5)
    return out


@pytest.mark.parametrize("seed", range(40))
def test_section_path_is_the_walk_of_the_tree(seed):
    rng = random.Random(seed)
    text = "x" * 400
    doc = Document(path="t", format="txt", original=text, text=text, offsets=list(range(len(text))))
    doc.sections = _random_tree(rng, 0, 400, 1, [0])
    if seed % 5 == 0 and len(doc.sections) > 2:  # out of order: the plain scan's answer still holds
        doc.sections.reverse()
    if seed % 7 == 3:  # a child reaching past its parent, siblings overlapping: not as parsed
        nested = [s for s in doc.all_sections() if s.children]
        if nested:
            child = nested[0].children[-1]
            child.span = Span(child.span.start, child.span.end + 30)
    for pos in range(-2, 404):
        assert doc.section_path(pos) == _walk(doc, pos), pos
        assert doc.locate(pos, pos + 1).heading_path == [f"{s.marker}{s.title}" for s in _walk(doc, pos)]


@pytest.mark.parametrize("path", [*sorted(CORPUS.glob("*.txt")), FIXTURES / "edge" / "web-clutter.txt",
                                  FIXTURES / "edge" / "traditional.txt"], ids=lambda p: p.name)
def test_quotes_equal_the_offset_map_read_character_by_character(path):
    if not path.exists():
        pytest.skip("shared corpus not available")
    auditor = Auditor()
    doc = auditor.parse(auditor.read(path))
    assert normalise(doc.original).mapped.text == doc.text
    rng = random.Random(7)
    n = len(doc.text)
    for _ in range(3000):
        a = rng.randrange(0, n)
        b = min(n, a + rng.randint(0, 80))
        context = rng.choice([0, 8, 12])
        assert doc.quote(a, b, context=context) == _quote(doc, a, b, context=context)


def _line_col(text: str, offset: int) -> tuple[int, int]:
    """The definition: CRLF, lone CR and LF each end one line (a CR just before ``offset`` has
    ended its line even when an LF follows); 1-based line and column."""
    lines = re.split(r"\r\n|\r|\n", text[:offset])
    return len(lines), len(lines[-1]) + 1


def _located_texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in [*sorted(CORPUS.glob("*.txt")), *sorted(FIXTURES.glob("*.txt"))]]
    rng = random.Random(11)
    for _ in range(300):
        size = rng.randrange(0, 40)
        texts.append("".join(rng.choice(["a", "法", "\n", "\r", "\r\n", " ", "。"]) for _ in range(size)))
    return texts


def test_locations_are_the_plain_line_and_column():
    """locate() (line lookups inlined) and locate_original() against the character count."""
    rng = random.Random(3)
    for text in _located_texts():
        n = len(text)
        doc = Document(path="t", format="txt", original=text, text=text, offsets=list(range(n)) or [0])
        for _ in range(60 if n else 1):
            a = rng.randrange(0, n + 1)
            b = min(n, a + rng.randint(0, 30))
            loc = doc.locate(a, b)
            o_start = min(a, max(n - 1, 0))  # the offset map's last entry for a span at the end
            o_end = b if b > a else o_start
            assert (loc.line, loc.column) == _line_col(text, o_start), (text, a, b)
            assert (loc.end_line, loc.end_column) == _line_col(text, o_end), (text, a, b)
            orig = doc.locate_original(a, b)
            got = (orig.line, orig.column, orig.end_line, orig.end_column)
            assert got == (*_line_col(text, a), *_line_col(text, b))


def test_locations_on_random_offset_maps():
    """Steps back and gaps in the map, line breaks of three kinds: a span's end found on its
    start's line without a second search must be where the search finds it."""
    rng = random.Random(13)
    for _ in range(300):
        kinds = ["法", "a", "\n", " "] + (["\r", "\r\n"] if rng.random() < 0.3 else [])  # LF only: the inlined path
        original = "".join(rng.choice(kinds) for _ in range(rng.randrange(1, 120)))
        offsets, o = [], 0
        while len(offsets) < rng.randrange(1, 100):
            o = min(max(0, o + rng.choice([1, 1, 1, 0, 3, -4])), len(original) - 1)
            offsets.append(o)
        doc = Document(path="t", format="txt", original=original, text="x" * len(offsets), offsets=offsets)
        last = len(offsets) - 1
        for _ in range(30):
            a = rng.randrange(-2, len(offsets) + 2)
            b = a + rng.randint(-1, 40)
            loc = doc.locate(a, b)
            o_start = offsets[max(0, min(a, last))]
            o_end = offsets[max(0, min(b - 1, last))] + 1 if b > a else o_start
            assert (loc.line, loc.column) == _line_col(original, o_start), (original, offsets, a, b)
            assert (loc.end_line, loc.end_column) == _line_col(original, o_end), (original, offsets, a, b)


def test_quotes_on_random_offset_maps():
    """Runs, repeats (expansions), gaps (deletions), steps back: each quote is the map read
    character by character, whether or not it takes the one-slice path."""
    rng = random.Random(5)
    for _ in range(400):
        original = "".join(rng.choice("法治 政府\n建设a1。") for _ in range(rng.randrange(1, 300)))
        offsets, o = [], 0
        while len(offsets) < rng.randrange(1, 200):
            step = rng.choice([1, 1, 1, 1, 0, 2, 5, -3])
            o = min(max(0, o + step), len(original) - 1)
            offsets.append(o)
        text = "x" * len(offsets)
        doc = Document(path="t", format="txt", original=original, text=text, offsets=offsets)
        # As the parser makes it: with where the map's runs of consecutive offsets begin.
        runs = MappedText(text[:-1], offsets).run_starts()
        with_runs = Document(path="t", format="txt", original=original, text=text, offsets=offsets, run_starts=runs)
        for _ in range(30):
            a = rng.randrange(0, len(text))
            b = min(len(text), a + rng.randint(0, 60))
            context = rng.choice([0, 8, 12])
            assert doc.quote(a, b, context=context) == _quote(doc, a, b, context=context)
            assert with_runs.quote(a, b, context=context) == _quote(doc, a, b, context=context)


def test_run_starts_begin_each_run_of_consecutive_offsets():
    """Between two run starts the offsets rise by one; each run start after the first breaks that."""
    rng = random.Random(17)
    for _ in range(300):
        offsets, o = [], 0
        while len(offsets) < rng.randrange(1, 120):
            o = max(0, o + rng.choice([1, 1, 1, 0, 2, -3]))
            offsets.append(o)
        starts = MappedText("x" * (len(offsets) - 1), offsets).run_starts()
        assert starts[0] == 0 and starts == sorted(set(starts))
        breaks = [i for i in range(1, len(offsets)) if offsets[i] != offsets[i - 1] + 1]
        assert starts[1:] == breaks


def test_consecutive_is_list_of_range():
    from auditor.models import document

    for a, b in [(0, 1), (5, 9), (0, 4096), (4000, 9000), (70000, 70010), ((1 << 16) - 3, 1 << 16), (-2, 3)]:
        assert document._consecutive(a, b) == list(range(a, b))
