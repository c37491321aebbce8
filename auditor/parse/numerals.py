"""The Chinese numerals of heading markers and titles (一、 二十、 第十二): a leaf, so the line
splitter, the heading detector and the title reader share them without importing each other."""

from __future__ import annotations

HAN_NUM = "一二三四五六七八九十"
_DIGITS = {c: i + 1 for i, c in enumerate(HAN_NUM[:9])}


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20; digits pass through."""
    if text.isdigit():
        return int(text)
    values = _DIGITS
    if text == "十":
        return 10
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (values.get(tens, 1) if tens else 1) * 10 + (values.get(ones, 0) if ones else 0)
    if len(text) == 1 and text in values:
        return values[text]
    return None
