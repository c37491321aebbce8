"""Heading detection: 一、 → （一） → 1. → （1）, run-in headings, and inline 一是/二是 items."""

from __future__ import annotations

from typing import NamedTuple

from ..lazy_regex import LazyPattern
from ..numbering import HAN_NUMERALS as HAN_NUM
from ..numbering import HEADING, OPENERS, chinese_number
from .lines import Line

# The four tiers, tried in this order (one alternation: a match is the first tier that fits).
_HEADING = LazyPattern(HEADING)
_OPENERS = OPENERS  # with any decimal digit (``\d``): how a heading can start
_STOPS = "。;!?"  # the full stops that end a title
# 一是/二是 (one or two numerals and 是), kept at a line start or after punctuation. Found from
# each 是 (``str.find``), where a pattern that opens with the numerals' class is tested at every
# character of the text.
_ITEM_AFTER = frozenset("。;:,!?")
TITLE_MAX = 60
RUN_ON_TITLE = 30
# The marker, then the words after it up to the first full stop within TITLE_MAX + 1 characters
# (the stop included), in one match: the first stop was a second regex call (a search of those
# characters). Only the tier's group is a group, so ``lastindex`` is still the tier.
_HEADING_TO_STOP = LazyPattern(rf"(?:{_HEADING.pattern})[^{_STOPS}]{{0,{TITLE_MAX}}}[{_STOPS}]?")


class HeadingLine(NamedTuple):
    line: Line
    level: int
    marker: str
    number: int | None
    title: str
    title_end: int  # absolute end of marker+title (+ its full stop) in the normalised text
    run_in: bool  # body text follows on the same line
    sentence: bool = False  # the title ends at a full stop of its own (not cut from a run-on line)


def detect_heading(line: Line) -> HeadingLine | None:
    text = line.text
    if not text or not ((first := text[0]) in _OPENERS or first.isdecimal()):  # str.isdecimal is \d
        return None
    m = _HEADING_TO_STOP.match(text)
    if not m:
        return None
    # Each tier's alternative holds one group, numbered as the tier (``lastindex`` is the level),
    # and the marker closes with one character after that group's numerals (、 ) .).
    level = m.lastindex or 0
    end = m.end(level) + 1
    # Positions in ``text`` rather than slices of the rest (a run-in heading's line is a
    # paragraph): "is the rest blank?" copies it only when it starts with a space.
    if end == len(text) or (text[end].isspace() and text[end:].isspace()):  # not rest.strip()
        return None
    to = m.end()
    if to > end and text[to - 1] in _STOPS:  # the first full stop, if it ends a title
        title = text[end : to - 1]
        consumed = to
        run_in = consumed < len(text) and not (text[consumed].isspace() and text[consumed:].isspace())
        sentence = True
    elif len(text) - end <= TITLE_MAX:
        title, consumed, run_in, sentence = text[end:], len(text), False, False
    else:  # a long numbered paragraph (or a page without line breaks): its opening words
        title, consumed, run_in, sentence = text[end : end + RUN_ON_TITLE], end, True, False
    item = _first_item(title) if "一是" in title else -1  # the test first: most titles hold none
    if item >= 0:  # "三、存在的不足和原因一是……": the inline items belong to the body
        title, consumed, run_in = title[:item], text.find(title[item:], end), True
    marker, number = text[:end], m.group(level)
    # ``tuple.__new__``: the named tuple's own ``__new__`` is a Python call costing more than the tuple.
    # Tiers 3 and 4 are numbered in digits: ``int`` directly (what ``chinese_number`` gives them).
    return tuple.__new__(HeadingLine, (line, level, marker, int(number) if level > 2 else chinese_number(number),
                                       title.strip(),
                                       line.start + consumed, run_in, sentence))


def _first_item(title: str) -> int:
    """Where the first 一是 right after a Han character starts in ``title``; -1 if none."""
    at = title.find("一是", 1)
    while at > 0:
        if "\u4e00" <= title[at - 1] <= "\u9fff":
            return at
        at = title.find("一是", at + 1)
    return -1


def inline_items(text: str, base: int) -> list[tuple[str, int, int, int]]:
    """(marker, number, start, end) for each 一是/二是… at a line start or after punctuation."""
    out: list[tuple[str, int, int, int]] = []
    at = text.find("是", 1)
    while at > 0:
        # The numerals right before this 是, as many as two (what ``[一…十]{1,2}是`` matches,
        # leftmost first; a 是 is no numeral, so no two such items overlap).
        start = at
        while start > at - 2 and start > 0 and text[start - 1] in HAN_NUM:
            start -= 1
        # An item rejected here hides no other: inside it every character is a numeral or 是.
        if start < at and (start == 0 or text[start - 1] in _ITEM_AFTER):
            number = chinese_number(text[start:at])
            if number is not None:
                out.append((text[start : at + 1], number, base + start, base + at + 1))
        at = text.find("是", at + 1)
    return out


# A numbered line whose words report a count (全年办理行政复议案件12件) states a result: it is content.
_COUNTED = LazyPattern(r"\d+(?:\.\d+)?\s*"
                       r"(?:件|次|份|个|人|场|项|期|条|家|名|万|亿|%|余|篇|起|户|元|部|批|轮|课时|学时)")


def content_items(entries: list[tuple[Line, HeadingLine | None]], text: str) -> list[tuple[Line, HeadingLine | None]]:
    """Demote numbered lines that are content of their section, not headings of their own.

    A heading below the top tier that has neither a body nor sub-headings (1、全年办理复议案件12件，
    均依法审结。 followed by 2、…) is an item of the list it stands in, and so is a numbered line
    whose own words report counts, when it stands on a line of its own (on a page without line
    breaks a heading's title runs on into its body, so its words say nothing). Decided from the
    deepest tier up, so that a （一） whose only content is such items keeps its heading.
    """
    out = list(entries)
    # Each tier's headings, listed in one pass: a tier's own pass then visits only them (a
    # heading changes only in its own tier's pass, so the lists stay true).
    tiers: dict[int, list[tuple[int, Line, HeadingLine]]] = {4: [], 3: [], 2: []}
    for i, (line, h) in enumerate(entries):
        if h is not None and h.level in tiers:
            tiers[h.level].append((i, line, h))
    for level, headings in tiers.items():  # 4, 3, 2: deepest first
        for i, line, h in headings:
            nxt = out[i + 1] if i + 1 < len(out) else None
            has_children = nxt is not None and nxt[1] is not None and nxt[1].level > level
            has_body = h.run_in or (nxt is not None and nxt[1] is None)
            if has_children:
                continue
            # (the count first: most titles report none, and it is one C call where _own_line is a Python loop)
            if not has_body or (h.sentence and _COUNTED.search(h.title) and _own_line(text, line.start)):
                out[i] = (line, None)
    return out


def _own_line(text: str, start: int) -> bool:
    """Whether only spaces stand between the last line break and ``start`` (what
    ``text[:start].rstrip(" \t\u3000").endswith("\n")`` tests, without copying the text)."""
    if start == 0:
        return True
    i = start
    while i > 0 and text[i - 1] in " \t\u3000":
        i -= 1
    return i > 0 and text[i - 1] == "\n"
