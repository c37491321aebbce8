"""Where the reader's characters are in the Word XML, and comment ranges placed on them.

The .docx reader (:mod:`auditor.readers.docx`) turns each non-empty paragraph into a block of
``SourceText.text`` (several when a page starts inside it: ``SourceBlock.continues``): the list
number Word shows, then the paragraph's accepted text with its spaces collapsed. This module
walks the same paragraphs with the reader's own rules (the same skipped subtrees, hidden runs,
tabs and breaks), keeps for every character the *run unit* it came
from, and lines the paragraphs up with the reader's blocks by their text. A range of reader
offsets then becomes a first and a last run unit; runs are split there (their ``w:rPr`` copied
to every piece, so the formatting is kept) and ``w:commentRangeStart``/``w:commentRangeEnd`` and
the reference run are placed around the pieces.

python-docx (1.2) places a comment on whole runs only and has no way to split a run; it also puts
the reference run right after the last run, which inside a tracked insertion (``w:ins``) would make
the comment mark part of someone's tracked change. Both are done here on the XML.
"""

from __future__ import annotations

import bisect
import copy
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import SourceBlock
from ..readers.docx import _BREAKS, _SKIP, _hidden
from ..readers.docx_styles import Styles, W

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
LOOKAHEAD = 200  # paragraphs searched for a block's text before the block is given up as unplaced
# What the reader may put before a paragraph's own text: the list number Word shows (一、 （二） 3. 第四章 …).
_NUMBER_PREFIX = re.compile(r"^[\s\dA-Za-z一二三四五六七八九十百千零〇（）()、.．:：\-第章节条部分编]{1,24}$")


@dataclass(frozen=True)
class Unit:
    """One place in a run's content: a character of a ``w:t`` or a whole other child (tab, break)."""

    run: Any  # the w:r element
    index: int


@dataclass
class Placed:
    """A block of the reader's text tied to its paragraph: ``units[i]`` is where block character
    ``prefix + i`` came from (``None`` for a character no run holds)."""

    paragraph: Any  # the w:p element
    prefix: int  # leading characters the reader generated (the list number)
    units: list[Unit | None]


@dataclass
class RunSplitter:
    """Cut points requested per run, then every run cut once, so units stay valid throughout."""

    cuts: dict[Any, set[int]] = field(default_factory=dict)
    pieces: dict[Any, tuple[list[int], list[Any]]] = field(default_factory=dict)

    def request(self, start: Unit, end: Unit) -> None:
        """A boundary before ``start`` and after ``end``."""
        self.cuts.setdefault(start.run, set()).add(start.index)
        self.cuts.setdefault(end.run, set()).add(end.index + 1)

    def split(self) -> None:
        for run, wanted in self.cuts.items():
            total = _unit_count(run)
            cuts = sorted(c for c in wanted if 0 < c < total)
            if cuts:
                self.pieces[run] = (cuts, _split_run(run, cuts))

    def piece(self, unit: Unit) -> Any:
        """The run (or piece of a run) that now holds ``unit``."""
        entry = self.pieces.get(unit.run)
        if entry is None:
            return unit.run
        cuts, pieces = entry
        return pieces[bisect.bisect_right(cuts, unit.index)]


# -- the paragraphs, as the reader reads them ----------------------------------------------


def body_paragraphs(body: Any, styles: Styles) -> list[Any]:
    """Body paragraphs in document order (table cells and content controls included; text boxes,
    which sit inside other paragraphs, and table-of-contents entries left out, as the reader does)."""
    out = []
    for p in body.iter(W + "p"):
        if any(a.tag == W + "p" for a in p.iterancestors()):
            continue
        ppr = p.find(W + "pPr")
        style = ppr.find(W + "pStyle") if ppr is not None else None
        if style is not None and styles.is_toc(style.get(W + "val")):
            continue
        out.append(p)
    return out


def paragraph_chars(p: Any) -> list[tuple[str, Unit | None]]:
    """The characters the reader takes from ``p`` (before spaces are collapsed), each with its unit."""
    out: list[tuple[str, Unit | None]] = []
    bases: dict[Any, dict[Any, int]] = {}

    def unit(run: Any, node: Any, offset: int = 0) -> Unit | None:
        if run is None:
            return None
        if run not in bases:
            bases[run] = _bases(run)
        top = node
        while top.getparent() is not None and top.getparent() is not run:
            top = top.getparent()
        base = bases[run].get(top)
        return None if base is None else Unit(run, base + offset)

    def walk(el: Any, run: Any) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "r":
                if not _hidden(child):
                    walk(child, child)
            elif tag == W + "t":
                out.extend((ch, unit(run, child, i)) for i, ch in enumerate(child.text or ""))
            elif tag == W + "tab":
                out.append((" ", unit(run, child)))
            elif tag in _BREAKS:
                out.append(("\n", unit(run, child)))
            elif tag == W + "noBreakHyphen":
                out.append(("-", unit(run, child)))
            else:
                walk(child, run)

    walk(p, None)
    return out


def collapse(chars: Sequence[tuple[str, Unit | None]]) -> tuple[str, list[Unit | None]]:
    """The reader's normalisation of a paragraph (each line's spaces collapsed to one and trimmed,
    empty lines dropped), keeping each remaining character's unit."""
    lines: list[list[tuple[str, Unit | None]]] = []
    breaks: list[Unit | None] = []
    current: list[tuple[str, Unit | None]] = []
    brk: Unit | None = None
    for ch, u in chars:
        if ch == "\n":
            lines.append(current)
            breaks.append(brk)
            current, brk = [], u
        else:
            current.append((ch, u))
    lines.append(current)
    breaks.append(brk)
    text: list[str] = []
    units: list[Unit | None] = []
    for line, before in zip(lines, breaks, strict=True):
        kept: list[tuple[str, Unit | None]] = []
        space: tuple[str, Unit | None] | None = None
        for ch, u in line:
            if ch.isspace():
                space = space or (" ", u)
            else:
                if space and kept:
                    kept.append(space)
                kept.append((ch, u))
                space = None
        if not kept:
            continue
        if text:
            text.append("\n")
            units.append(before)
        text.extend(ch for ch, _ in kept)
        units.extend(u for _, u in kept)
    return "".join(text), units


def place_blocks(paragraphs: Sequence[Any], source: str, blocks: Sequence[SourceBlock]) -> list[Placed | None]:
    """Each block's paragraph, found in order by its text (``None`` where it cannot be found)."""
    cache: dict[int, tuple[str, list[Unit | None]]] = {}
    placed: list[Placed | None] = []
    i = 0
    # A paragraph on two pages is several blocks (the later ones ``continues``): placed as one,
    # each piece with its units from where it starts in the paragraph (a negative prefix).
    groups: list[list[SourceBlock]] = []
    for block in blocks:
        if block.continues and groups:
            groups[-1].append(block)
        else:
            groups.append([block])
    for group in groups:
        text = source[group[0].start:group[-1].end]
        hit = None
        for j in range(i, min(len(paragraphs), i + LOOKAHEAD)):
            if j not in cache:
                cache[j] = collapse(paragraph_chars(paragraphs[j]))
            own, units = cache[j]
            if not own or not text.endswith(own):
                continue
            head = text[: len(text) - len(own)]
            if head and not _NUMBER_PREFIX.match(head):
                continue
            hit = Placed(paragraph=paragraphs[j], prefix=len(head), units=units)
            i = j + 1
            break
        for block in group:
            shift = block.start - group[0].start
            placed.append(hit if hit is None or not shift
                          else Placed(paragraph=hit.paragraph, prefix=hit.prefix - shift, units=hit.units))
    return placed


# -- runs cut and comment ranges placed ----------------------------------------------------


def _content(run: Any) -> list[Any]:
    return [c for c in run if isinstance(c.tag, str) and c.tag != W + "rPr"]


def _size(child: Any) -> int:
    return len(child.text or "") if child.tag == W + "t" else 1


def _bases(run: Any) -> dict[Any, int]:
    out, pos = {}, 0
    for child in _content(run):
        out[child] = pos
        pos += _size(child)
    return out


def _unit_count(run: Any) -> int:
    return sum(_size(c) for c in _content(run))


def _split_run(run: Any, cuts: list[int]) -> list[Any]:
    """Replace ``run`` by ``len(cuts) + 1`` runs with the same properties, cut before each unit
    index in ``cuts``; returns the pieces in order."""
    rpr = run.find(W + "rPr")
    pieces = []
    for _ in range(len(cuts) + 1):
        piece = run.makeelement(run.tag, run.attrib)
        if rpr is not None:
            piece.append(copy.deepcopy(rpr))
        pieces.append(piece)
    pos = 0
    for child in _content(run):
        if child.tag == W + "t":
            text = child.text or ""
            edges = [0, *(c - pos for c in cuts if pos < c < pos + len(text)), len(text)]
            for a, b in itertools.pairwise(edges):
                if a == b and len(text):
                    continue
                t = child.makeelement(child.tag, child.attrib)
                t.text = text[a:b]
                t.set(XML_SPACE, "preserve")
                pieces[bisect.bisect_right(cuts, pos + a)].append(t)
        else:
            pieces[bisect.bisect_right(cuts, pos)].append(child)  # moved, not copied
        pos += _size(child)
    for piece in pieces:
        run.addprevious(piece)
    run.getparent().remove(run)
    return pieces


def mark_range(first: Any, last: Any, comment_id: int) -> None:
    """``w:commentRangeStart`` before run ``first``, ``w:commentRangeEnd`` after run ``last``, and
    the reference run after the end, outside any container inside the paragraph (a tracked
    insertion, a hyperlink, a field) so that the comment mark never becomes part of one."""
    start = first.makeelement(W + "commentRangeStart", {W + "id": str(comment_id)})
    first.addprevious(start)
    end = last.makeelement(W + "commentRangeEnd", {W + "id": str(comment_id)})
    last.addnext(end)
    top = last
    while top.getparent() is not None and top.getparent().tag != W + "p":
        top = top.getparent()
    after = end if top is last else top
    after.addnext(_reference_run(last, comment_id))


def _reference_run(like: Any, comment_id: int) -> Any:
    run = like.makeelement(W + "r", {})
    rpr = run.makeelement(W + "rPr", {})
    rpr.append(rpr.makeelement(W + "rStyle", {W + "val": "CommentReference"}))
    run.append(rpr)
    run.append(run.makeelement(W + "commentReference", {W + "id": str(comment_id)}))
    return run
