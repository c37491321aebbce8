"""Is a parsed document a 法治政府建设年度报告 at all?

A README, a 政府工作报告 or a notice handed to ``audit`` is not a failed draft: it gets the status
``not_a_report`` with one line of why and no score. The decision uses the parsed model, the way a
reviewer glances at a document:

- the text is Chinese prose (Han characters are at least half of its letters);
- its title (``metadata.title``) names the subject (法治政府建设, 法治建设, 依法行政 …), or the
  opening paragraph says the report is about it (…法治政府建设工作…现将…报告如下), or the heading
  tree has at least three of the statutory parts a measures section alone does not give
  (不足, 原因, 第一责任人, 下一年度安排, 其他情况, 习近平法治思想, 规范性文件) and the body
  speaks of 法治.

Any one of the last three is enough, so a report with a lost title, or a draft whose parts are
still missing, is still audited (and its gaps reported); only a document with none of them is not.
"""

from __future__ import annotations

from .lazy_regex import LazyPattern
from .models import Document
from .models.results import NOT_A_REPORT_PREFIX

SUBJECT = LazyPattern(r"法治政府|法治建设|依法行政|依法治[市县区镇乡省州旗]|法治[^，。；]{0,6}年度报告")
# Roles the parser gives only to a report's statutory parts; "measures" is any report's first
# part, so it proves nothing on its own.
STATUTORY = ("shortcomings", "causes", "first_responsible", "plan", "other", "xi_thought",
             "normative_documents")
PART_NAMES = {"shortcomings": "不足", "causes": "原因", "first_responsible": "第一责任人履职",
              "plan": "下一年度安排", "other": "其他需要报告的情况"}
NAMED = "不足、第一责任人履职、下一年度安排"
PREFIX = NOT_A_REPORT_PREFIX
OPENING = 300  # characters of the body that count as its opening
_HAN = LazyPattern(r"[\u3400-\u9fff]+")  # runs: counting them makes far fewer objects
_LATIN = LazyPattern(r"[A-Za-z]+")
# Counting through the UTF-8 bytes runs at C speed, where a regex tests a class at each character:
# a byte A–Z/a–z is a Latin letter (multi-byte sequences use only bytes ≥ 0x80), and each lead
# byte E4–E9 starts one character of U+4000–U+9FFF, all of it Han (a lower bound for the count).
_NOT_LETTERS = bytes(b for b in range(256) if not (65 <= b <= 90 or 97 <= b <= 122))
_NOT_HAN_LEADS = bytes(b for b in range(256) if not 0xE4 <= b <= 0xE9)


def _mostly_latin(text: str) -> tuple[int, int] | None:
    """(Han, Latin) counts when Latin letters outnumber Han characters; otherwise None."""
    # The letters are among the text's ASCII characters, a few of a report's: counted in those
    # alone, and most reports have none (then the Han characters need no counting).
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_LETTERS))
    if latin == 0 or latin <= len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_HAN_LEADS)):
        return None  # at most as many letters as a part of the Han characters
    han = sum(map(len, _HAN.findall(text)))
    latin = sum(map(len, _LATIN.findall(text)))
    return (han, latin) if latin > han else None


def not_a_report(doc: Document) -> str | None:
    """None for a report; otherwise one line, in Chinese, saying why it is not one."""
    text = doc.text
    counts = _mostly_latin(text)
    if counts:  # more Latin letters than Han characters: not a Chinese document
        han, latin = counts
        return f"{PREFIX}正文主要不是中文（汉字{han}个，拉丁字母{latin}个）"
    title = doc.metadata.title.value if doc.metadata.title else None
    if title and SUBJECT.search(title):
        return None
    start = doc.body.start if doc.body else 0
    if SUBJECT.search(text[start:start + OPENING]):
        return None
    roles = {role for s in doc.all_sections() for role in s.roles} | {p.role for p in doc.parts}
    found = [r for r in STATUTORY if r in roles]
    if len(found) >= 3 and "法治" in text:
        return None
    if title:
        where = f"标题“{title}”"
    else:
        first = text.strip().split("\n", 1)[0].strip()
        where = f"首行“{first[:16]}{'…' if len(first) > 16 else ''}”"
    parts = "、".join(PART_NAMES[r] for r in found if r in PART_NAMES)
    return (f"{PREFIX}{where}和开头都没有说明是法治政府建设情况，"
            + (f"法定内容只找到{parts}" if parts else f"也没有年度报告的法定内容（{NAMED}等）"))
