"""The heading-marker grammar of Chinese official documents: one definition for every reader of it.

A report numbers its parts in four tiers (GB/T 9704 and common practice): 一、 → （一） → 1. → （1）.
The parser cuts lines before these markers (parse/lines.py), reads headings by them
(parse/headings.py) and dates a report by a year right after one (parse/meta_year.py); the
numbers are read by ``chinese_number``. The patterns here are the sources of regular expressions
over *normalised* text (full-width brackets and stops already folded to ASCII by ``normalise``);
callers compile them (``LazyPattern``). A leaf module: importable from every layer.
"""

from __future__ import annotations

#: The numerals of the first two tiers (一、 and （一）), up to 十 (十一、 is 十 and 一).
HAN_NUMERALS = "一二三四五六七八九十"
#: The ten digits a date or a year may be written with (二〇二五年), 〇 first: the digit's index is its value.
HAN_DIGITS = "〇一二三四五六七八九"

#: Each tier's marker, shallowest first: 一、 / （一） / 1. or 1、 (not the 1 of 1.5) / （1）.
TIERS = (
    rf"[{HAN_NUMERALS}]{{1,3}}、",
    rf"\([{HAN_NUMERALS}]{{1,3}}\)",
    r"\d{1,2}[.、](?!\d)",
    r"\(\d{1,2}\)",
)
#: Any tier's marker.
MARKER = "(?:" + "|".join(TIERS) + ")"
#: The two top tiers' markers (一、 and （一）): where a statutory part or its first item is headed.
TOP_MARKER = "(?:" + "|".join(TIERS[:2]) + ")"
#: Any tier's marker, with the tier's number as its only group, numbered as the tier (``lastindex``
#: of a match is the tier; the marker closes with one character after that group).
HEADING = (rf"(?P<l1>[{HAN_NUMERALS}]{{1,3}})、|\((?P<l2>[{HAN_NUMERALS}]{{1,3}})\)"
           rf"|(?P<l3>\d{{1,2}})[.、](?!\d)|\((?P<l4>\d{{1,2}})\)")
#: A marker at the start of a heading as heading paths show it (any count of numerals or digits):
#: what a finding's place strips to name its part, and the baseline's fingerprint leaves out.
PATH_MARKER = rf"^(?:[{HAN_NUMERALS}]+、|\([{HAN_NUMERALS}]+\)|\d+[.、]|\(\d+\))"
#: The characters a marker may start with, besides a decimal digit (``str.isdecimal``, as ``\d``).
OPENERS = frozenset("(" + HAN_NUMERALS)

_VALUES = {c: i + 1 for i, c in enumerate(HAN_NUMERALS[:9])}


def chinese_number(text: str) -> int | None:
    """A marker's number: 一 → 1, 十二 → 12, 二十 → 20; digits pass through; None if not a number."""
    if text.isdigit():
        return int(text)
    values = _VALUES
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (values.get(tens, 1) if tens else 1) * 10 + (values.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in values:
        return values[text]
    return None
