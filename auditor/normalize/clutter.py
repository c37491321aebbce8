"""Web-page furniture: found, recorded, removed before analysis.

"Strong" tokens (publication stamps, view counters, font switches, 公网安备/ICP numbers, site
clocks, [打印][关闭]) are unambiguous and are removed wherever they stand, even inside a line
(pages pasted without line breaks). "Weak" tokens (来源:…, breadcrumbs, 打印/关闭 words) could be
ordinary words, so they only remove a line made of nothing else.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable
from itertools import accumulate
from operator import add
from typing import NamedTuple

from ..lazy_regex import LazyPattern
from .mapped import MappedText

_DOCINFO = (r"索\s*引\s*号|备注\s*/\s*文号|发文字号|文\s*号|发布机构|发文机关|制发机构|主题分类|组配分类|体裁分类"
            r"|公文生成日期|生成日期|有\s*效\s*性|内容概述|标\s*题")
_DATE = r"\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
_ISO_DATE = r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
_TIME = r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?"

# Each pattern comes with the words one of which any match contains (its gate): a pattern runs
# on a line only when one is there, and is compiled the first time one is (most pages show a few
# kinds of furniture, a clean report none). No gate: the pattern runs on every line offered.
Furniture = tuple[str, tuple[str, ...], LazyPattern]

STRONG: tuple[Furniture, ...] = (
    # Not 成文日期: that is the date of signing, part of the report's own signature block.
    ("publication", ("时间", "日期"),
     LazyPattern(rf"(?:发布|发表|更新|公开)(?:时间|日期)\s*:?\s*(?P<date>{_DATE}){_TIME}")),
    ("publication", ("时间", "日期"),
     LazyPattern(rf"(?<![\u4e00-\u9fff])(?:时间|日期)\s*:\s*(?P<date>{_ISO_DATE}){_TIME}")),
    # With a colon only: "阅读量达12万次" in a sentence is content, "浏览次数:" is furniture.
    ("views", ("浏览", "阅读", "访问", "点击"),
     LazyPattern(r"(?:浏览|阅读|访问|点击)(?:次数|量|数|率)\s*:\s*(?:\d+\s*次?)?")),
    ("views", ("您是",), LazyPattern(r"您是(?:本站|本网站)?第\s*\d+\s*位访(?:客|问者)")),
    ("font", ("字体", "字号"),
     LazyPattern(r"(?:字体|字号)\s*(?::\s*[\[【(]?|[\[【(])\s*(?:(?:[大中小]|默认|超大|特大|较大)\s*){0,4}[\]】)]?")),
    ("police", ("公网安备",), LazyPattern(r"[\u4e00-\u9fff]{0,4}公网安备\s*\d+\s*号?")),
    # ICP in any case, spelt out: re.IGNORECASE would fold the 20,000-character Han class too
    # (the same characters: Han has no case), at many times the compile cost. [Iiİı] is what
    # IGNORECASE matches for I.
    ("icp", ("CP", "cp", "Cp", "cP"), LazyPattern(r"[\u4e00-\u9fff]{0,2}[Iiİı][Cc][Pp]\s*备\s*\d+\s*号?(?:-\d+)?")),
    # A site clock: "今天是…", or any date followed by its weekday (reports never write those).
    # Gated by the weekday itself: a bare 周 is in 周期, 周密, 周年 of most reports.
    ("clock", ("星期", "周一", "周二", "周三", "周四", "周五", "周六", "周日", "周天"),
     LazyPattern(r"(?:今天是\s*:?\s*)?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
          r"\s*\(?(?:星期|周)[一二三四五六日天]\)?"
          r"(?:\s*农历\s*(?:[\u4e00-\u9fff]{2}年)?[\u4e00-\u9fff]{1,2}月[初十廿三][\u4e00-\u9fff]?)?")),
    ("buttons", ("打印", "关闭", "收藏", "返回顶部", "分享", "纠错"),
     LazyPattern(r"[【\[](?:打印|关闭|打印本页|关闭窗口|打印正文|打印文本|收藏|返回顶部|分享|纠错)[】\]]")),
    ("font", ("字体大小",), LazyPattern(r"字体大小\s*:?\s*[【\[(]?(?:\s*[大中小]){0,3}\s*[】\])]?")),
)
WEAK: tuple[Furniture, ...] = (
    ("source", ("来源",),
     LazyPattern(r"(?:^|(?<=[\s【\[]))(?:信息|文章)?来源\s*:\s*(?P<source>[^\s:,。;【】\[\]]{2,30})")),
    # A bare date and time opening a line of page fields (2023-03-10 10:05 来源:… 浏览次数:…).
    ("publication", (":",), LazyPattern(rf"^\s*(?P<date>{_ISO_DATE})\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?")),
    ("breadcrumb", ("位置",),
     LazyPattern(r"(?:当前位置|您现在的位置|您现在所在的位置|您所在的位置|您的位置|所在位置)\s*:?.*")),
    ("breadcrumb", ("首页",), LazyPattern(r"首页\s*(?:>|》|»|/).*")),
    # Gated by a word every alternative holds (one scan finds the gates; the pattern runs less).
    ("buttons", ("打印", "关闭", "分享", "扫一扫", "返回顶部", "收藏本页", "无障碍", "简体", "繁体", "长者模式",
                 "大", "中", "小", "字号", "微信", "微博", "朋友圈", "QQ"),
     LazyPattern(r"打印本页|关闭窗口|打印正文|打印|关闭|分享到\s*:?|分享"
                         r"|扫一扫(?:在手机(?:上)?打开(?:当前页|本页)?)?|返回顶部|收藏本页|无障碍|简体|繁体|长者模式"
                         r"|[大中小]|字号\s*:?|微信|微博|朋友圈|QQ空间|QQ")),
    ("footer", (":",), LazyPattern(r"(?:责任编辑|编辑|审核|校对|初审|复审|终审|审校|供稿|作者|撰稿|摄影)\s*:\s*"
                            r"[^\s:]{0,12}")),
    # Page footers: neighbour links, site identity, contact blocks. Each field runs to the next.
    ("footer", ("上一", "下一"), LazyPattern(r"(?:上一篇|下一篇|上一条|下一条)\s*:?.*")),
    ("footer", ("相关",), LazyPattern(r"(?:相关链接|相关文章|相关阅读|相关新闻|相关信息)\s*:?")),
    ("footer", ("网站", "联系我们", "主办", "承办", "协办", "版权所有", "技术支持", "运维单位", "隐私声明", "免责声明"),
     LazyPattern(r"(?:网站地图|联系我们|主办单位|承办单位|协办单位|主办|承办|网站标识码|版权所有|技术支持"
          r"|运维单位|网站维护|隐私声明|免责声明)\s*:?\s*\S*")),
    ("footer", ("opyright", "OPYRIGHT", "©", "(c)"), LazyPattern(r"(?:Copyright|copyright|COPYRIGHT|©|\(c\)).*")),
    ("footer", ("版权所有",), LazyPattern(r"\S{0,20}\s*版权所有.*")),
    ("footer", (":",), LazyPattern(r"(?:联系地址|通讯地址|办公地址|地址|联系电话|咨询电话|电话|邮编|邮政编码|传真"
                                   r"|电子邮箱|邮箱|E-?mail)\s*:\s*[^\s:]*?"
                                   r"(?=\s|$|联系|电话|邮编|邮政|传真|电子邮箱|邮箱|E-?mail)")),
    # Any other dated page label on a line of its own (打印日期, 录入时间…); never 成文日期.
    ("stamp", ("日期", "时间"), LazyPattern(rf"[\u4e00-\u9fff]{{0,4}}(?<!成文)(?:日期|时间)\s*:\s*{_DATE}{_TIME}")),
    # Document-information tables above a page's article (政府信息公开 pages).
    ("docinfo", (":", "|"), LazyPattern(rf"(?:{_DOCINFO})\s*[:|]\s*[^|]*")),
    ("docinfo", ("[", "【"), LazyPattern(rf"[\[【]\s*(?:{_DOCINFO}|索\s*号|有\s*性|成文日期|发布日期)\s*"
                                 r"[\]】].*")),
    ("url", ("://", "www."), LazyPattern(r"(?:https?://|www\.)[A-Za-z0-9./_%?=&#:-]+")),
)


class Gates:
    """Which of a list of furniture patterns may match a text, from one scan for their gate words.

    The words are tried longest first and the scan goes on one character past the start of each
    word it finds (周日期 holds 周日 and 日期), so it stops at every position where a word starts
    and reports the longest one there; every gate inside a reported word is present too (字体大小
    holds 字体). A pattern may match exactly when one of its gates is inside a reported word: what
    testing each gate with ``in`` finds, in one scan instead of some thirty tests."""

    def __init__(self, patterns: tuple[Furniture, ...]) -> None:
        self._patterns = patterns
        self._finder: LazyPattern | None = None  # worked out on the first text (not at import)
        self._ungated: frozenset[int] = frozenset()
        self._opens: dict[str, frozenset[int]] = {}

    def _build(self) -> LazyPattern:
        patterns = self._patterns
        # Longest first, else in the order given (the same source, so the same compiled pattern, every run).
        words = sorted(dict.fromkeys(g for _kind, gates, _p in patterns for g in gates), key=len, reverse=True)
        self._ungated = frozenset(i for i, (_kind, gates, _p) in enumerate(patterns) if not gates)
        # word → the patterns it opens: those with a gate inside the word
        self._opens = {w: frozenset(i for i, (_kind, gates, _p) in enumerate(patterns) if any(g in w for g in gates))
                       for w in words}
        self._finder = LazyPattern("|".join(map(re.escape, words)))
        return self._finder

    def find(self, text: str) -> list[tuple[int, str]]:
        """(position, word) for each position of ``text`` where a gate word starts."""
        found = []
        search = (self._finder or self._build()).search
        m = search(text)
        while m:
            at = m.start()
            found.append((at, m.group()))
            m = search(text, at + 1)
        return found

    def selected(self, words: Iterable[str]) -> list[int]:
        """The patterns (indexes, in order) that may match a text holding the gate ``words``."""
        chosen = set(self._ungated)
        for word in words:
            chosen |= self._opens[word]
        return sorted(chosen) if chosen else []


_STRONG_GATES = Gates(STRONG)
_WEAK_GATES = Gates(WEAK)
_YMD = LazyPattern(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_RESIDUE = LazyPattern(r"[\s:|/>\-—·•,.。、()\[\]【】]+")


def _has_han(text: str) -> bool:
    """Whether ``text`` holds a character of ``[\u4e00-\u9fff]`` (compared by range: a class
    that wide costs ``re`` a millisecond to compile, for a test of a few characters)."""
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


# A named tuple and a plain class, not dataclasses: making a dataclass runs generated code at
# every start (~0.5 ms each), and nothing here needs what it generates.
class Removed(NamedTuple):
    kind: str
    start: int  # in the folded text
    end: int
    text: str


class CleanResult:
    __slots__ = ("folded", "mapped", "publication", "removed", "source")

    def __init__(self, folded: MappedText, mapped: MappedText) -> None:
        self.folded = folded  # before clutter removal; ``Removed`` spans index into it
        self.mapped = mapped  # after clutter removal: the text the parser sees
        self.removed: list[Removed] = []
        self.publication: tuple[dt.date, str, int, int] | None = None  # value, raw, folded start, end
        self.source: tuple[str, int, int] | None = None


def parse_date(raw: str) -> dt.date | None:
    m = _YMD.search(raw)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def strip_clutter(mt: MappedText) -> CleanResult:
    text = mt.text
    result = CleanResult(folded=mt, mapped=mt)
    spans: list[tuple[int, int]] = []
    lines = text.split("\n")
    # Line i starts at starts[i]: the lengths of the lines before it, plus one break each.
    starts = list(map(add, accumulate(map(len, lines), initial=0), range(len(lines) + 1)))
    # Cheap guards: strong tokens all carry one of a few words; weak tokens only matter on a line
    # that could go as a whole (no sentence punctuation) or next to strong ones. So only lines
    # with a strong word (found in one scan of the text; none spans a line) or without sentence
    # marks are looked at: most lines of a report are sentences with neither.
    strong_words: dict[int, list[str]] = {}
    for at, word in _STRONG_GATES.find(text):
        strong_words.setdefault(bisect.bisect_right(starts, at) - 1, []).append(word)
    bare = [i for i, line in enumerate(lines) if line and "。" not in line and "," not in line and ";" not in line]
    for i in sorted(strong_words.keys() | bare) if strong_words else bare:
        line = lines[i]
        start, end = starts[i], starts[i] + len(line)
        if not line.strip():
            continue
        words = strong_words.get(i)
        sentence_marks = "。" in line or "," in line or ";" in line
        hits = _hits(line, STRONG, _STRONG_GATES.selected(words)) if words else []
        weak = _hits(line, WEAK, _WEAK_GATES.selected([w for _at, w in _WEAK_GATES.find(line)])) \
            if hits or not sentence_marks else []
        if hits or weak:
            residue = _residue(line, hits + weak)
            # Weak tokens alone never remove a line that reads like a sentence (a stray
            # "7" before 首页 is not a sentence; "依法" before 关闭 is).
            sentence = not hits and (_has_han(residue) or sentence_marks)
            if len(residue) <= 2 and not sentence:
                chosen = hits + [w for w in weak if not _overlaps(w, hits)]
                spans.append((start, min(end + 1, len(text))))  # the whole line and its break
                for kind, s, e, m in chosen:
                    _record(result, kind, start + s, start + e, m)
                continue
        for kind, s, e, m in hits:
            s, e = _bracketed(line, s, e)
            spans.append((start + s, start + e))
            _record(result, kind, start + s, start + e, m)
    result.mapped = mt.delete(spans) if spans else mt
    return result


def _hits(line: str, patterns: tuple[Furniture, ...], selected: list[int]) -> list[tuple[str, int, int, re.Match[str]]]:
    """Furniture tokens in ``line``, trying the ``selected`` patterns (those whose gates it holds)."""
    if not selected:  # most lines offered hold no gate word
        return []
    found = []
    for i in selected:
        kind, _gates, pattern = patterns[i]
        for m in pattern.finditer(line):
            if m.end() > m.start():
                found.append((kind, m.start(), m.end(), m))
    found.sort(key=lambda h: (h[1], -h[2]))
    kept: list[tuple[str, int, int, re.Match[str]]] = []
    for hit in found:
        if not kept or hit[1] >= kept[-1][2]:
            kept.append(hit)
    return kept


def _bracketed(line: str, s: int, e: int) -> tuple[int, int]:
    """Widen a removed field to the 【…】 or […] that holds it, so no empty or half pair is left
    behind (【字体:大 中 小】 goes whole, and so does 【发布时间:…】)."""
    opener = line[s - 1] if s > 0 else ""
    if opener in "【[":
        closer = "】" if opener == "【" else "]"
        if line[e - 1] == closer:
            return s - 1, e
        if line.startswith(closer, e):
            return s - 1, e + 1
    return s, e


def _overlaps(hit, others) -> bool:
    return any(hit[1] < o[2] and o[1] < hit[2] for o in others)


def _residue(line: str, hits) -> str:
    chars = list(line)
    for _kind, s, e, _m in hits:
        chars[s:e] = " " * (e - s)  # one slice assignment, not a Python step per character
    return _RESIDUE.sub("", "".join(chars))


def _record(result: CleanResult, kind: str, start: int, end: int, m: re.Match[str]) -> None:
    result.removed.append(Removed(kind, start, end, m.group(0)))
    groups = m.groupdict()
    if kind == "publication" and result.publication is None and groups.get("date"):
        date = parse_date(groups["date"])
        if date is not None:
            result.publication = (date, m.group(0).strip(), start, end)
    if kind == "source" and result.source is None and groups.get("source"):
        result.source = (groups["source"], start, end)
