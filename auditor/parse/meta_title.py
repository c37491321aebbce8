"""What a title says: the issuing organisation and the report year, and where each sits.

A year inside a cited document's name (《…纲要（2021—2025年）》) or a year range is never the
report year; the organisation is the run of Chinese before 关于 or before the year, or the name
between the year and 法治政府建设 (2020年静海区法治政府建设情况报告).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..lazy_regex import LazyPattern
from ..models.lexicon import alternation, lexicon
from ..numbering import HAN_DIGITS, chinese_number

_CN_DIGITS = {c: str(i) for i, c in enumerate(HAN_DIGITS)} | {"零": "0", "○": "0"}
# A year not preceded by a digit or a hyphen: ``(?<![\d-])(?P<y>(?:19|20)\d{2}|[〇…九]{4})\s*年``,
# written to open with one class of the characters a year can start with (the rest chosen by a
# look-behind at that character, the digit-or-hyphen test moved past it as ``(?<![\d-].)``): the
# regex engine skips to those characters, where a pattern opening with a look-behind or with
# branches that do not each open with a literal is tried at every position (6x faster on a text).
_CN_YEAR_DIGIT = "[〇零○一二三四五六七八九]"
# (A third CJK class in the look-behind would cost the first compile 0.2 ms more: ``(?<![12])``.)
YEAR = LazyPattern(rf"(?P<y>[12〇零○一二三四五六七八九](?<![\d-].)"
                   rf"(?:(?<=1)9\d{{2}}|(?<=2)0\d{{2}}|(?<![12]){_CN_YEAR_DIGIT}{{3}}))\s*年")
_RANGE_AFTER = LazyPattern(r"\s*年?\s*[-—~至到]{1,2}\s*(?:\d{4}|[〇零○一二三四五六七八九]{4})")
_RANGE_BEFORE = LazyPattern(r"(?:\d{4}|[〇零○一二三四五六七八九]{4})\s*年?\s*[-—~至到]{1,2}\s*$")


def _org_char(ch: str) -> bool:
    """A character an organisation's name is written with (the test is per character: a range
    comparison, where a CJK class costs a regex a millisecond or two to compile)."""
    return "\u4e00" <= ch <= "\u9fff" or ch in "·()、 "


_ORG_TAIL = LazyPattern(alternation(lexicon().organisation_endings.title))  # (rules/lexicon.yaml)
_TOPIC = LazyPattern(r"法治政府|法治建设|依法行政|推进法治|全面依法|依法治")


def cn_to_arabic_date(text: str) -> str:
    """二〇二五年二月十一日 → 2025年2月11日 (other text unchanged)."""

    def conv(m: re.Match[str]) -> str:
        s = m.group(0)
        if len(s) == 4 and all(c in _CN_DIGITS for c in s):
            return "".join(_CN_DIGITS[c] for c in s)
        n = chinese_number(s)
        return str(n) if n is not None else s

    if _CN_NUMERALS.isdisjoint(text):  # Arabic digits only (most dates): nothing to convert
        return text
    return re.sub(r"[〇零○一二三四五六七八九十]+", conv, text)


_CN_NUMERALS = frozenset("〇零○一二三四五六七八九十")


def year_value(raw: str) -> int:
    return int(cn_to_arabic_date(raw))


def cited_spans(text: str) -> list[tuple[int, int]]:
    """Spans of outermost 《…》 names in ``text`` (what a report cites, not what it says of
    itself). A name never spans a line break, so an unmatched 《 cannot swallow the rest."""
    if "《" not in text:  # most titles cite nothing
        return []
    spans, depth, start, prev = [], 0, 0, 0
    # From mark to mark by ``str.find`` (C speed; a regex class of the two is tested at every
    # character), taking whichever of the next 《 and the next 》 comes first.
    opening, closing = text.find("《"), text.find("》")
    while opening >= 0 or closing >= 0:
        is_open = closing < 0 or 0 <= opening < closing
        i = opening if is_open else closing
        # A line break since the last mark closes what is open: looked for only when a name is
        # open (most breaks of a text lie outside names).
        if depth and text.find("\n", prev, i) >= 0:
            depth = 0
        prev = i
        if is_open:
            opening = text.find("《", i + 1)
            if depth == 0:
                start = i
            depth += 1
        else:
            closing = text.find("》", i + 1)
            if depth:
                depth -= 1
                if depth == 0:
                    spans.append((start, i + 1))
    return spans



def own_years(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    """Years in ``text[start:end]`` that are not inside a cited name nor part of a range."""
    return list(_own_years(text, start, end))


def first_own_year(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    """``own_years(…)[0]`` (or None), without looking at the years after it."""
    return next(_own_years(text, start, end), None)


def _own_years(text: str, start: int, end: int | None) -> Iterator[re.Match[str]]:
    end = len(text) if end is None else end
    cited = cited_spans(text[start:end])
    for m in YEAR.finditer(text, start, end):
        rel = m.start() - start
        if cited and any(s <= rel < e for s, e in cited):
            continue
        if _RANGE_AFTER.match(text, m.end("y")) or _RANGE_BEFORE.search(text, max(0, m.start() - 8), m.start()):
            continue
        yield m


def _org_before(text: str, anchor: int) -> tuple[int, int] | None:
    """The run of organisation characters that ends at ``anchor``, up to its last organ
    word: 应急管理部发布2023年… names 应急管理部."""
    i = anchor
    while i > 0 and ("\u4e00" <= (ch := text[i - 1]) <= "\u9fff" or ch in "·()、 "):  # _org_char, inlined
        i -= 1
    while i < anchor and text[i] in " 、·":
        i += 1
    tails = list(_ORG_TAIL.finditer(text, i, anchor))
    end = tails[-1].end() if tails else anchor
    while end > i and text[end - 1] == " ":
        end -= 1
    return (i, end) if end - i >= 2 else None


def _own_about(text: str) -> int:
    """Where the title's own 关于 is (not one inside a cited 《…》); -1 if none."""
    at = text.find("关于")
    cited = cited_spans(text) if at >= 0 else []
    while at >= 0 and any(s <= at < e for s, e in cited):
        at = text.find("关于", at + 2)  # past this one, as a regex scan would go on
    return at


def organisation_span(title: str) -> tuple[int, int] | None:
    """Where the issuing organisation sits in a title, if it names one (我局 names none)."""
    return organisation_and_year(title)[0]


def organisation_and_year(title: str) -> tuple[tuple[int, int] | None, re.Match[str] | None]:
    """``organisation_span(title)`` and the title's first own year (``own_years(title)[0]``),
    which the span is found from: callers that need both look the year up once."""
    year = first_own_year(title)
    span = _organisation_span(title, year)
    if span and title[span[0]] in "我本":
        return None, year
    return span, year


def _organisation_span(title: str, y: re.Match[str] | None) -> tuple[int, int] | None:
    about = _own_about(title)
    if about >= 0:
        span = _org_before(title, about)
        if span or not y:
            return span
    if not y:
        return None
    span = _org_before(title, y.start())
    if span and not title[span[0] : span[1]].startswith("关于"):
        return span
    if span:  # 关于青禾县2025年度…: the name after 关于
        return (span[0] + 2, span[1]) if span[1] - span[0] >= 4 else None
    # 2020年静海区法治政府建设情况报告: the name between the year and the topic.
    after = y.end()
    if title.startswith("度", after):
        after += 1
    topic = _TOPIC.search(title, after)
    if topic and topic.start() - after >= 2 and all(map(_org_char, title[after : topic.start()])):
        return after, topic.start()
    return None


OrganisationAndYear = tuple[tuple[int, int] | None, re.Match[str] | None]


def title_parts(title: str, parts: Callable[[str], OrganisationAndYear] | None = None) -> tuple[str | None, int | None]:
    """(organisation, year) from a title such as 某某局关于2025年度法治政府建设情况的报告.
    ``parts``: ``organisation_and_year`` or a memo of it."""
    span, y = (parts or organisation_and_year)(title)
    org = title[span[0] : span[1]].strip(" ,:、") if span else ""
    year = year_value(y.group("y")) if y else None
    return (org or None), year


def title_lead(text: str) -> int:
    """How many characters of page banner (site name with a URL, a stray number) are glued
    before the title proper; 0 when the line starts with the title."""
    anchor = _own_about(text)
    if anchor < 0:
        year = first_own_year(text)
        anchor = year.start() if year else -1
    if anchor <= 0:
        return 0
    span = _org_before(text, anchor)
    start = span[0] if span else anchor
    # Only a banner that ends in Latin letters or digits (a URL, a page number) or a column tag
    # in 【】 is cut off: Chinese before the name belongs to a sentence, and the line is no title.
    before = text[start - 1] if start > 0 else ""
    banner = (before.isascii() and before.isalnum()) or before in "】]"  # …com, 7, 【政务公开】
    return start if banner else 0


_NOTE_AT_END = LazyPattern(r"\((?:全文|摘要|[^()]{0,12}年[^()]{0,8})\)$")
_TITLE_ENDS = ("报告", "总结", "情况")


def _balanced(text: str) -> bool:
    return text.count("《") == text.count("》") and text.count("“") == text.count("”") \
        and text.count("(") == text.count(")")


def title_score(text: str, parts: Callable[[str], OrganisationAndYear] | None = None) -> int:
    """0 if ``text`` cannot be a report title, else 1–4: a title names its year (2) and its
    organisation (1), and its topic (1). A phrase with neither year nor organisation
    (法治政府建设年度报告) is a column name, never a title; a badly formed title such as
    ××局2025年工作总结 is still a title (so that its form can be judged)."""
    text = text.replace(" ", "")
    if ")" in text:  # …报告(全文)
        text = _NOTE_AT_END.sub("", text)
    # The tests that turn most lines away first (each a plain ``in``, no generator).
    if not (4 <= len(text) <= 90) or not text.endswith(_TITLE_ENDS) or "。" in text or "," in text or ";" in text \
            or not _balanced(text):
        return 0
    topic = "法治" in text or "依法行政" in text or "依法治" in text
    if not (topic or text.endswith(("报告", "总结"))):
        return 0
    org, year = title_parts(text, parts)
    base = (2 if year else 0) + (1 if org else 0)
    return base + (1 if topic else 0) if base else 0


class TitleScores(dict[str, int]):
    """``title_score`` of each text asked, worked out once per parse: the line splitter scores
    the lines above the first sentence, and the frame scores the same lines again. Also
    ``organisation_and_year`` of each title asked, which scoring works out and the metadata
    reader asks again of the title it chose (the answers, a span tuple and a match object, are
    only read)."""

    def __init__(self) -> None:
        super().__init__()
        self._parts: dict[str, OrganisationAndYear] = {}

    def __missing__(self, text: str) -> int:
        score = self[text] = title_score(text, self.organisation_and_year)
        return score

    def organisation_and_year(self, title: str) -> OrganisationAndYear:
        found = self._parts.get(title)
        if found is None:
            found = self._parts[title] = organisation_and_year(title)
        return found
