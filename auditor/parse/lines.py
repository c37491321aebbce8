"""Logical lines: the normalised text cut into lines, also where the source had no line breaks.

A web page pasted as one long line still has its headings, title and signature on lines of
their own after this step, because headings are split off wherever a sentence ends right
before a numbering marker.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from ..lazy_regex import LazyPattern
from ..numbering import HAN_NUMERALS, MARKER, OPENERS, TIERS
from .meta_title import TitleScores, title_lead

HAN_NUM = HAN_NUMERALS  # (the heading-marker grammar is auditor/numbering.py; these names stay for callers)
TERMINATORS = "。;!?"
DATE = (
    r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*"
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
# Where a line splits before a list marker: after sentence punctuation, or where a marker is
# glued to the Han character before it. A full stop (dozens in a report) is found by a pattern that
# opens with it (the regex engine skips from one to the next); the rarer marks, parentheses and
# full stops by ``str.find`` from one to the next and tested where they stand: a scan by ``re``
# steps through every character (~24k instructions per scan of a report), ``str.find`` runs at
# memchr speed but costs more per call (~1.6k), which pays below some thirty occurrences.
_AFTER_FULL_STOP = LazyPattern(rf"。(?={MARKER})")
_RARER_MARKS = TERMINATORS.replace("。", "") + ":"
_MARKER_AT = LazyPattern(MARKER)
_MARKER_OPENERS = OPENERS  # with any decimal digit (``\d``): how a marker can start
# A （一） glued to the heading before it (pages without line breaks); not 第（一）项.
_PAREN_MARKER = LazyPattern(TIERS[1])
_TITLE_AT_START = LazyPattern(r"^(.{4,120}?报告)(?=[^。,:;!?])")
HEAD = 12  # lines at the top of a page that may hold furniture above the title
TAIL = 30  # lines at the bottom of a page that may hold footers below the signature
_DATE_AT_END = LazyPattern(rf"(?P<date>{DATE})$")


# Named tuples made by ``tuple.__new__`` (as their own ``_make`` does) for each line of a report:
# the class call goes through a generated Python ``__new__``, which costs more than the tuple.
_new = tuple.__new__


class Line(NamedTuple):
    start: int
    end: int
    text: str


def logical_lines(text: str, scores: TitleScores | None = None) -> list[Line]:
    """``scores``: title scores the caller shares with later steps (a new table if none)."""
    lines = split_lines(text)
    if lines:
        # The title may be glued to the first paragraph; on a web page, below a few short
        # lines of page furniture.
        first = next((k for k, ln in enumerate(lines[:HEAD]) if "。" in ln.text or len(ln.text) > 120), None)
        if first is not None:
            if scores is None:
                scores = TitleScores()
            if not any(scores[ln.text] for ln in lines[:first]):  # no line above reads as a title
                lines[first : first + 1] = _split_title(lines[first], scores)
        # The signature may sit above page footers: split any of the last lines that ends
        # with a date (青禾县司法局 2026年2月10日).
        for k in range(len(lines) - 1, max(-1, len(lines) - 1 - TAIL), -1):
            if _DATE_AT_END.search(lines[k].text):
                lines[k : k + 1] = _split_signature(lines[k])
                break
    return lines


def split_lines(text: str) -> list[Line]:
    """Each non-blank line, stripped, and cut at its ``split_points``."""
    lines: list[Line] = []
    # The split points of the whole text at once (one scan, not one per line): no marker or
    # split point spans a line break, so they are the lines' own, in the text's offsets.
    cuts = split_points(text)
    k = 0
    next_cut = cuts[0] if cuts else len(text) + 1
    pos = 0
    for raw in text.split("\n"):
        start, end = pos, pos + len(raw)
        pos = end + 1
        if next_cut < end:
            first = k
            k = bisect.bisect_left(cuts, end, k)
            next_cut = cuts[k] if k < len(cuts) else len(text) + 1
            if raw.strip():
                lines.extend(_cut(Line(start, end, raw), [c - start for c in cuts[first:k]]))
        elif raw:
            stripped = raw.strip()
            if len(stripped) == len(raw):  # the common line: nothing to strip or cut
                lines.append(_new(Line, (start, end, raw)))
            elif stripped:
                lines.extend(_cut(Line(start, end, raw), []))
    return lines


def split_points(text: str) -> list[int]:
    """Offsets where a list marker starts a new logical line: after sentence punctuation, or glued
    to the Han character before it (but not after 第)."""
    cuts: set[int] = set()
    if "。" in text:
        cuts.update([m.end() for m in _AFTER_FULL_STOP.finditer(text)])
    find = text.find
    n = len(text)
    for mark in _RARER_MARKS:  # a cut right after the mark, where a marker starts
        at = find(mark)
        while at >= 0:
            at += 1
            # The marker's first character tested before the pattern (most marks end a sentence).
            if at < n and ((c := text[at]) in _MARKER_OPENERS or c.isdecimal()) and _MARKER_AT.match(text, at):
                cuts.add(at)
            at = find(mark, at)
    at = find("(")
    while at >= 0:  # a （一）: the glue tested first, it is cheaper than the pattern
        if at and "\u4e00" <= text[at - 1] <= "\u9fff" and text[at - 1] != "第" and _PAREN_MARKER.match(text, at):
            cuts.add(at)
        at = find("(", at + 1)
    at = find(".")
    while at >= 0:  # a 1. (not 1.5): the one or two digits before a full stop no digit follows
        # (with three, the character before the marker is a digit, no Han character)
        if at and text[at - 1].isdecimal() and not (at + 1 < n and text[at + 1].isdecimal()):
            _glued(text, at - 2 if at > 1 and text[at - 2].isdecimal() else at - 1, cuts)
        at = find(".", at + 1)
    return sorted(cuts)


def _glued(text: str, at: int, cuts: set[int]) -> None:
    """Cut before a marker at ``at`` glued to the Han character before it (not to 第)."""
    if at > 0 and "\u4e00" <= text[at - 1] <= "\u9fff" and text[at - 1] != "第":
        cuts.add(at)


def _cut(line: Line, cuts: list[int]) -> list[Line]:
    out, prev = [], 0
    for c in [*cuts, len(line.text)]:
        piece = line.text[prev:c]
        lead = len(piece) - len(piece.lstrip())
        piece = piece.strip()
        if piece:
            out.append(Line(line.start + prev + lead, line.start + prev + lead + len(piece), piece))
        prev = c
    return out


def _split_title(line: Line, scores: TitleScores) -> list[Line]:
    """A title glued to the first paragraph (no line breaks in the source)."""
    m = _TITLE_AT_START.match(line.text)
    if m and scores[m.group(1)[title_lead(m.group(1)) :]] >= 1:
        return _cut(line, [m.end()])
    return [line]


def _split_signature(line: Line) -> list[Line]:
    """A signature and date glued to the last paragraph, or to each other."""
    m = _DATE_AT_END.search(line.text)
    if not m or m.start() == 0:
        return [line]
    before = line.text[: m.start()]
    last_stop = max(before.rfind(t) for t in TERMINATORS)
    org = before[last_stop + 1 :].strip()
    if not (2 <= len(org) <= 40) or "," in org:
        return [line]
    cuts = [m.start()] if last_stop < 0 else [last_stop + 1, m.start()]
    return _cut(line, cuts)
