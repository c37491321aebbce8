"""The frame of a report around its body: title block, addressee (主送) and signature block."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .headings import detect_heading
from .lines import DATE, TERMINATORS, Line

TITLE_WORDS = ("报告", "法治政府建设", "法治建设", "依法行政", "工作总结")
_DATE_LINE = re.compile(rf"^(?:成文日期\s*:?\s*)?(?P<date>{DATE})$")


@dataclass
class Frame:
    title: list[Line] = field(default_factory=list)
    duplicate_titles: list[Line] = field(default_factory=list)
    addressee: Line | None = None
    signature_orgs: list[Line] = field(default_factory=list)
    signature_date: Line | None = None
    body: list[Line] = field(default_factory=list)


def _ends_open(line: Line) -> bool:
    return not line.text or line.text[-1] not in TERMINATORS + ":,"


def _title_like(text: str) -> bool:
    return any(w in text for w in TITLE_WORDS)


def find_frame(lines: list[Line]) -> Frame:
    frame = Frame()
    i = 0
    if lines:
        i = _take_title(lines, frame)
        if i < len(lines) and _is_addressee(lines[i]):
            frame.addressee = lines[i]
            i += 1
    j = _take_signature(lines, i, frame)
    frame.body = lines[i:j]
    return frame


def _take_title(lines: list[Line], frame: Frame) -> int:
    first = lines[0]
    if len(first.text) > 80 or not _ends_open(first) or detect_heading(first):
        return 0
    second = lines[1] if len(lines) > 1 else None
    joinable = (
        second is not None
        and len(second.text) <= 40
        and _ends_open(second)
        and not detect_heading(second)
        and not first.text.endswith("报告")
        and (first.text + second.text).endswith(("报告", "总结"))
    )
    if joinable and second is not None:
        frame.title = [first, second]
    elif _title_like(first.text):
        frame.title = [first]
    else:
        return 0
    i = len(frame.title)
    title_text = "".join(line.text for line in frame.title)
    # Web pages often print the title twice (page heading and article heading).
    while i < len(lines) and lines[i].text == title_text:
        frame.duplicate_titles.append(lines[i])
        i += 1
    return i


def _is_addressee(line: Line) -> bool:
    return (
        len(line.text) <= 40
        and line.text.endswith(":")
        and "。" not in line.text
        and detect_heading(line) is None
    )


def _take_signature(lines: list[Line], start: int, frame: Frame) -> int:
    j = len(lines)
    if j - start < 2:
        return j
    m = _DATE_LINE.match(lines[j - 1].text)
    if m:
        frame.signature_date = lines[j - 1]
        j -= 1
    orgs: list[Line] = []
    while j - 1 > start and len(orgs) < 2:
        cand = lines[j - 1]
        if len(cand.text) > 40 or not _ends_open(cand) or detect_heading(cand) or "," in cand.text:
            break
        if frame.signature_date is None and not orgs and not _org_like(cand.text):
            break
        orgs.insert(0, cand)
        j -= 1
        if frame.signature_date is None:
            break
    frame.signature_orgs = orgs
    return j


_ORG_END = re.compile(r"(人民政府|政府|委员会|委|局|办公室|办|厅|中心|署|院|所|站|队|处)$")


def _org_like(text: str) -> bool:
    return bool(_ORG_END.search(text))
