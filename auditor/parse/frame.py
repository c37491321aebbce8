"""The frame of a report around its body: title block, addressee (主送) and signature block.

Web pages put furniture around the report that clutter removal cannot always recognise as such
(a site name, a column name such as 年度报告, a banner glued to the title). The frame therefore
looks for the title among the first short lines instead of taking the first line, and looks for
the signature among the last lines, skipping page footers that follow it.
"""

from __future__ import annotations

import re

from ..lazy_regex import LazyPattern
from ..models.lexicon import alternation, lexicon
from .headings import detect_heading
from .lines import DATE, TERMINATORS, Line
from .meta_title import TitleScores, title_lead, title_parts

_TITLE_ENDS = ("报告", "总结", "情况")
_DATE_LINE = LazyPattern(rf"^(?:成文日期\s*:?\s*)?\(?(?P<date>{DATE})\)?$")
# 公文 版记 and page notes below a signature: 抄送…, 附件…, (此件公开发布), …印发.
_TRAILER_START = LazyPattern(r"^(?:抄送|抄报|主送|附件|联系人|联系电话|\(此件|此件|\(联系人)|印发$")
HEAD_LINES = 24  # how far down a page the title may sit below its furniture
TAIL_LINES = 30  # how many footer lines may follow a signature


class Frame:
    """A plain class, not a dataclass: making a dataclass runs generated code at every start
    (~0.5 ms), and a frame needs none of it."""

    __slots__ = ("addressee", "body", "duplicate_titles", "furniture", "scores", "signature_date", "signature_orgs",
                 "title", "title_date", "trailer")

    def __init__(self) -> None:
        self.title: list[Line] = []
        self.duplicate_titles: list[Line] = []
        self.furniture: list[Line] = []  # page lines above the title
        self.addressee: Line | None = None
        self.signature_orgs: list[Line] = []
        self.signature_date: Line | None = None
        self.title_date: Line | None = None  # (2026年2月10日) printed under the title
        self.trailer: list[Line] = []  # page lines below the signature
        self.body: list[Line] = []
        self.scores: TitleScores | None = None  # the title scores (and their memo) the frame was found with


def _ends_open(line: Line) -> bool:
    return not line.text or line.text[-1] not in TERMINATORS + ":,"


def _short_open(line: Line, limit: int = 50) -> bool:
    return len(line.text) <= limit and _ends_open(line) and detect_heading(line) is None


def _body_like(line: Line) -> bool:
    """A sentence (or a heading, or the addressee): where the report itself begins."""
    text = line.text
    # The words after a banner (``title_lead``) read as a sentence only if the whole line does:
    # the banner is looked for only on a line that does.
    if _sentence_like(text):
        text = text[title_lead(text) :]
        if _sentence_like(text):
            return True
    return detect_heading(line) is not None or _is_addressee(line)


def _sentence_like(text: str) -> bool:
    return "。" in text or "," in text or ";" in text or "!" in text or "?" in text or text.endswith(":") \
        or len(text) > 90


def find_frame(lines: list[Line], scores: TitleScores | None = None) -> Frame:
    """``scores``: title scores shared with the line splitter (a new table if none)."""
    frame = Frame()
    i = 0
    if lines:
        scores = frame.scores = TitleScores() if scores is None else scores
        i = _take_title(lines, frame, scores)
        if i < len(lines) and _is_addressee(lines[i]):
            frame.addressee = lines[i]
            i += 1
    j = _take_signature(lines, i, frame)
    frame.body = lines[i:j]
    return frame


def _candidates(lines: list[Line], scores: TitleScores) -> list[tuple[int, list[Line]]]:
    """(score, lines) for each title candidate among the first lines, top to bottom."""
    found: list[tuple[int, list[Line]]] = []
    k = 0
    while k < min(len(lines), HEAD_LINES):
        line = lines[k]
        if _body_like(line):
            break
        nxt = lines[k + 1] if k + 1 < len(lines) else None
        if k + 2 < len(lines) and _joint_names(line, lines[k + 1], lines[k + 2], scores):
            group = lines[k : k + 3]
            found.append((scores["".join(g.text for g in group)], group))
            k += 3
            continue
        if nxt is not None and _joins(line, nxt, scores):
            found.append((scores[line.text + nxt.text], [line, nxt]))
            k += 2
            continue
        found.append((scores[line.text], [line]))
        k += 1
    return [c for c in found if c[0] >= 1]


def _joins(first: Line, second: Line, scores: TitleScores) -> bool:
    """A title split over two lines: the second line does not stand as a title of its own
    (情况的报告), it starts with 关于 below the organisation's name, or the first ends mid-phrase
    (…关于 / …年度)."""
    if not (_short_open(first) and _short_open(second)) or first.text.endswith(_TITLE_ENDS):
        return False
    if scores[first.text + second.text] < 1:
        return False
    if scores[second.text] < 2 or second.text.startswith("关于") or first.text.endswith(("关于", "年度", "年")):
        return True
    # 赵县人民政府 / 2022年度法治政府建设情况报告: a name above a title that names none.
    return _org_like(first.text) and not re.search(r"\d{4}|[〇零○]", first.text) \
        and title_parts(second.text, scores.organisation_and_year)[0] is None


def _joint_names(first: Line, second: Line, third: Line, scores: TitleScores) -> bool:
    """中共××县委 / ××县人民政府 / 关于…的报告: a party organ's and a government's names above the
    title proper."""
    return all(_short_open(x, 30) and _org_like(x.text) and not re.search(r"\d{4}", x.text) for x in (first, second)) \
        and bool(_PARTY.search(first.text)) and not _PARTY.search(second.text) \
        and _short_open(third) and third.text.startswith("关于") \
        and scores[first.text + second.text + third.text] >= 1


def _take_title(lines: list[Line], frame: Frame, scores: TitleScores) -> int:
    candidates = _candidates(lines, scores)
    if not candidates:
        # No title: short lines above the first sentence are page furniture (a site name, a
        # stray label), not the report's opening.
        first = next((k for k, line in enumerate(lines[:HEAD_LINES]) if _body_like(line)), 0)
        frame.furniture = lines[:first]
        return first
    best = max(c[0] for c in candidates)
    group = next(g for s, g in candidates if s == best)
    first = lines.index(group[0])
    frame.furniture = lines[:first]
    lead = title_lead(group[0].text)
    if lead:  # a banner glued before the title (site name, URL)
        g0 = group[0]
        group = [Line(g0.start + lead, g0.end, g0.text[lead:]), *group[1:]]
    frame.title = group
    i = first + len(group)
    title_text = "".join(line.text for line in group).replace(" ", "")
    # Web pages often print the title twice (page heading and article heading), split or not.
    while i < len(lines):
        if lines[i].text.replace(" ", "") == title_text:
            frame.duplicate_titles.append(lines[i])
            i += 1
        elif i + 1 < len(lines) and (lines[i].text + lines[i + 1].text).replace(" ", "") == title_text:
            frame.duplicate_titles.extend(lines[i : i + 2])
            i += 2
        else:
            break
    # 公文 printed for a meeting carry their date under the title: (2026年2月10日).
    if i < len(lines) and _DATE_LINE.match(lines[i].text) and lines[i].text.startswith("("):
        frame.title_date = lines[i]
        i += 1
    return i


def _is_addressee(line: Line) -> bool:
    """市委、市政府: — organs to report to, not the sentence that ends 现将…报告如下:"""
    return (
        len(line.text) <= 40
        and line.text.endswith(":")
        and "。" not in line.text
        and not any(w in line.text for w in ("如下", "现将", "报告", "总结"))
        and not re.match(r"\d{4}|[〇零○一二三四五六七八九]{4}", line.text)
        and detect_heading(line) is None
    )


def _trailer_like(line: Line) -> bool:
    """A short line that is no sentence (what pages print below an article), or a 版记 line."""
    if _TRAILER_START.search(line.text):
        return True
    return len(line.text) <= 60 and not any(t in line.text for t in TERMINATORS) and detect_heading(line) is None


def _take_signature(lines: list[Line], start: int, frame: Frame) -> int:
    j = len(lines)
    if j - start < 2:
        return j
    # The 成文日期 may be followed by page footers that clutter removal did not recognise.
    for k in range(j - 1, max(start, j - 1 - TAIL_LINES), -1):
        if _DATE_LINE.match(lines[k].text):
            frame.signature_date = lines[k]
            frame.trailer = lines[k + 1 : j]
            j = k
            break
        if not _trailer_like(lines[k]):
            break
    orgs: list[Line] = []
    while j - 1 > start and len(orgs) < 2:
        cand = lines[j - 1]
        if len(cand.text) > 40 or not _ends_open(cand) or detect_heading(cand) or "," in cand.text:
            break
        name = cand.text.strip()
        if name.startswith(("我", "本")) and _SELF_NAME.fullmatch(name):  # 我局/本委: how a body refers to itself
            break
        if frame.signature_date is None and not orgs and not _org_like(cand.text):
            break
        if orgs and not _org_like(cand.text):  # a second line is a second organ (joint), not 特此报告
            break
        orgs.insert(0, cand)
        j -= 1
        if frame.signature_date is None:
            break
    frame.signature_orgs = orgs
    return j


_SELF_NAME = LazyPattern(r"(?:我|本)(?:局|委|办|厅|部|署|中心|院|所|站|队|处|县|市|区|省|旗|州|镇|乡|街道|街"
                        r"|单位|机关|部门)")
_ORG_END = LazyPattern(rf"({alternation(lexicon().organisation_endings.signature)})$")  # (rules/lexicon.yaml)
_SITE = LazyPattern(r"(?:网站|门户|网|平台|频道|客户端|公众号)$")
_PARTY = LazyPattern(r"中共|党委|党工委|党组|[省市州县区旗盟镇乡]委(?:员会)?$")


def _org_like(text: str) -> bool:
    return bool(_ORG_END.search(text)) and not _SITE.search(text)
