"""Heading detection: 一、 → （一） → 1. → （1）, run-in headings, and inline 一是/二是 items."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import HAN_NUM, Line

_PATTERNS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^(?P<num>[{HAN_NUM}]{{1,3}})、")),
    (2, re.compile(rf"^\((?P<num>[{HAN_NUM}]{{1,3}})\)")),
    (3, re.compile(r"^(?P<num>\d{1,2})[.、](?!\d)")),
    (4, re.compile(r"^\((?P<num>\d{1,2})\)")),
)
_ITEM = re.compile(rf"(?:^|(?<=[。;:,!?]))(?P<num>[{HAN_NUM}]{{1,2}})是")
TITLE_MAX = 60
RUN_ON_TITLE = 30
_FIRST_ITEM = re.compile(r"(?<=[\u4e00-\u9fff])一是")


@dataclass(frozen=True)
class HeadingLine:
    line: Line
    level: int
    marker: str
    number: int | None
    title: str
    title_end: int  # absolute end of marker+title (+ its full stop) in the normalised text
    run_in: bool  # body text follows on the same line
    sentence: bool = False  # the title ends at a full stop of its own (not cut from a run-on line)


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; digits pass through."""
    if text.isdigit():
        return int(text)
    values = {c: i + 1 for i, c in enumerate(HAN_NUM[:9])}
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (values.get(tens, 1) if tens else 1) * 10 + (values.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in values:
        return values[text]
    return None


def detect_heading(line: Line) -> HeadingLine | None:
    for level, pattern in _PATTERNS:
        m = pattern.match(line.text)
        if not m:
            continue
        rest = line.text[m.end() :]
        if not rest.strip():
            return None
        stops = [i for i, ch in enumerate(rest) if ch in "。;!?"]
        if stops and stops[0] <= TITLE_MAX:
            title = rest[: stops[0]]
            consumed = m.end() + stops[0] + 1
            run_in = bool(rest[stops[0] + 1 :].strip())
            sentence = True
        elif len(rest) <= TITLE_MAX:
            title, consumed, run_in, sentence = rest, len(line.text), False, False
        else:  # a long numbered paragraph (or a page without line breaks): its opening words
            title, consumed, run_in, sentence = rest[:RUN_ON_TITLE], m.end(), True, False
        item = _FIRST_ITEM.search(title)
        if item:  # "三、存在的不足和原因一是……": the inline items belong to the body
            title, consumed, run_in = title[: item.start()], line.text.find(title[item.start():], m.end()), True
        return HeadingLine(
            line=line,
            level=level,
            marker=m.group(0),
            number=chinese_number(m.group("num")),
            title=title.strip(),
            title_end=line.start + consumed,
            run_in=run_in,
            sentence=sentence,
        )
    return None


def inline_items(text: str, base: int) -> list[tuple[str, int, int, int]]:
    """(marker, number, start, end) for each 一是/二是… at a line start or after punctuation."""
    out = []
    for m in _ITEM.finditer(text):
        number = chinese_number(m.group("num"))
        if number is not None:
            out.append((m.group(0), number, base + m.start(), base + m.end()))
    return out


# A numbered line whose words report a count (全年办理行政复议案件12件) states a result: it is content.
_COUNTED = re.compile(r"\d+(?:\.\d+)?\s*(?:件|次|份|个|人|场|项|期|条|家|名|万|亿|%|余|篇|起|户|元|部|批|轮|课时|学时)")


def content_items(entries: list[tuple[Line, HeadingLine | None]], text: str) -> list[tuple[Line, HeadingLine | None]]:
    """Demote numbered lines that are content of their section, not headings of their own.

    A heading below the top tier that has neither a body nor sub-headings (1、全年办理复议案件12件，
    均依法审结。 followed by 2、…) is an item of the list it stands in, and so is a numbered line
    whose own words report counts, when it stands on a line of its own (on a page without line
    breaks a heading's title runs on into its body, so its words say nothing). Decided from the
    deepest tier up, so that a （一） whose only content is such items keeps its heading.
    """
    out = list(entries)
    for level in (4, 3, 2):
        for i, (line, h) in enumerate(out):
            if h is None or h.level != level:
                continue
            nxt = out[i + 1] if i + 1 < len(out) else None
            has_children = nxt is not None and nxt[1] is not None and nxt[1].level > level
            has_body = h.run_in or (nxt is not None and nxt[1] is None)
            if has_children:
                continue
            own_line = line.start == 0 or text[: line.start].rstrip(" \t\u3000").endswith("\n")
            if not has_body or (h.sentence and own_line and _COUNTED.search(h.title)):
                out[i] = (line, None)
    return out
