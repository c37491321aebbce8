"""The report year from what the body says of itself, when the title does not give it.

Only statements about the reporting period count: 现将2024年…报告如下, 2024年以来, a paragraph
that opens with 2024年, or a heading such as 一、2024年法治政府建设主要举措. A year inside a
cited name (《…（2021—2025年）》), a range, a site clock or a page stamp never counts (the
last two are clutter and are gone before this step).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from ..lazy_regex import LazyPattern
from ..numbering import TOP_MARKER
from .meta_title import YEAR, own_years, year_value

OPENING_CHARS = 3000  # the statements that date a report are in its first paragraphs
_REPORTING = LazyPattern(r"现将[^。]{0,40}$")
_HEADING_MARKER = LazyPattern(rf"(?:^|\n)\s*{TOP_MARKER}$")  # 一、 or （一） right before the year


def _after_break(before: str) -> bool:
    r"""``(?:^|[\n。;:,])\s*$`` searched in ``before``: it is blank, or a clause break ends it
    (spaces after it aside). Tested from the end: a search for a pattern that ends in ``$``
    tries every position of the text before it."""
    body = before.rstrip()  # strips what \s matches (both are str.isspace)
    return not body or body[-1] in "\n。;:," or "\n" in before[len(body) :]


def _after_marker(before: str) -> bool:
    """``_HEADING_MARKER`` searched in ``before``, only when ``before`` ends with a marker's
    last character (or with it and a line break, which ``$`` also allows)."""
    return before.endswith(("、", ")", "、\n", ")\n")) and _HEADING_MARKER.search(before) is not None


_BEFORE: dict[str, tuple[Callable[[str], bool], LazyPattern, float]] = {
    # (what precedes the year, what follows it) → confidence
    "report": (lambda before: _REPORTING.search(before) is not None,
               LazyPattern(r"^[^。]{0,60}(?:报告|总结|汇报)"), 0.9),
    "since": (_after_break, LazyPattern(r"^度?以来"), 0.8),
    "opening": (_after_break,
                LazyPattern(r"^度?(?:,|是|我|全|在|以来|[\u4e00-\u9fff]{2,12}?(?:坚持|深入|认真|围绕|在))"), 0.8),
    "heading": (_after_marker, LazyPattern(r"^度?[^。\n]{0,16}(?:法治|依法行政|主要举措|工作)"), 0.7),
}


_FUTURE = LazyPattern(r"^度?,?[\u4e00-\u9fff]{0,4}?(?:将|计划|打算|拟|安排|思路|展望|要点)")


class YearStatement(NamedTuple):  # not a dataclass: making one runs generated code at every start
    value: int
    start: int
    end: int
    kind: str
    confidence: float


def year_statements(text: str, start: int, end: int) -> list[YearStatement]:
    """Each statement of the report year in ``text[start:end]``, 现将… first, then in order."""
    end = min(end, start + OPENING_CHARS)
    found: list[YearStatement] = []
    for m in own_years(text, start, end):
        before = text[max(start, m.start() - 40) : m.start()]
        after = text[m.end() : m.end() + 60]
        if _FUTURE.match(after):  # 2026年工作打算, 2026年,我局将…: the plan's year
            continue
        for kind, (pre, post, conf) in _BEFORE.items():
            if pre(before) and post.search(after):
                found.append(YearStatement(year_value(m.group("y")), m.start(), m.end(), kind, conf))
                break
    # 现将…报告如下 names the period outright; otherwise the first statement, which opens the text.
    found.sort(key=lambda s: (s.kind != "report", s.start))
    return found


__all__ = ["YEAR", "YearStatement", "year_statements"]
