"""Character folding for matching: widths, punctuation variants, traditional characters, spaces.

The goal is that a phrase written in a rule matches the same words however the report was typed:
full-width or ASCII ``,:;()``, 「」 or “”, traditional or simplified characters, or Han characters
separated by stray spaces (justified text, PDF extraction).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from ..lazy_regex import LazyPattern
from . import traditional
from .mapped import MappedText
from .traditional import TRADITIONAL_IN_GB2312

if TYPE_CHECKING:
    import opencc

_DROP = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"}
_SPACES = {"\t", "\u00a0", "\u3000", "\u2002", "\u2003", "\u2009", "\u202f", "\u205f"}
_SPECIAL = {
    "\u300c": "“",  # 「
    "\u300d": "”",  # 」
    "\u300e": "‘",  # 『
    "\u300f": "’",  # 』
    "\u301d": "“",  # 〝
    "\u301e": "”",  # 〞
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2212": "-",
    "\ufe63": "-",
    "\u2015": "—",  # horizontal bar, often typed for the dash
    "\ufe59": "(",
    "\ufe5a": ")",
    "\u3010": "【",
    "\u3011": "】",
}


def _fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    if ch in _SPACES:
        return " "
    if ch == "\r":
        return "\n"
    special = _SPECIAL.get(ch)
    if special is not None:
        return special
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII forms → ASCII
        return chr(code - 0xFEE0)
    if 0x2474 <= code <= 0x249B or 0x3220 <= code <= 0x3229:  # ⑴ ⒈ ㈠ → (1) 1. (一)
        return unicodedata.normalize("NFKC", ch)
    return ch


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0x3000 <= code <= 0x303F
        or 0xF900 <= code <= 0xFAFF
        or ch in "“”‘’《》【】、。—…·"
    )


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc  # deferred: ``import auditor`` must not load the converter

    return opencc.OpenCC("t2s")


def to_simplified(mt: MappedText) -> MappedText:
    """Traditional → simplified, keeping one character per character so offsets survive."""
    if not has_traditional(mt.text):  # already simplified: OpenCC would change nothing
        return mt
    return _convert(mt)


def _convert(mt: MappedText) -> MappedText:
    """``to_simplified`` of a text known to hold a traditional character."""
    converter = _t2s()
    converted = converter.convert(mt.text)
    if len(converted) == len(mt.text):
        return mt.replace_same_length(converted)
    # A phrase conversion changed the length somewhere: fall back line by line, then char by char.
    lines = mt.text.split("\n")
    out = []
    for line in lines:
        conv = converter.convert(line)
        if len(conv) != len(line):
            conv = "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in line)
        out.append(conv)
    return mt.replace_same_length("\n".join(out))


def has_traditional(text: str) -> bool:
    """Whether ``text`` holds a character OpenCC's t2s would change (``TRADITIONAL``).

    ``TRADITIONAL.isdisjoint(text)`` makes a string object of every character. Most reports are
    written in GB2312's repertoire, which holds only the few traditional characters in
    ``TRADITIONAL_IN_GB2312``: when the text encodes (C speed), looking for those is the answer.
    — and · are left out first: Python's gb2312 codec lacks them, reports use them, and neither
    is traditional."""
    probe = text
    for mark in "—·":  # replaced only where present: a one-character test is the quicker search
        if mark in probe:
            probe = probe.replace(mark, "")
    try:
        probe.encode("gb2312")
    except UnicodeEncodeError:
        return not traditional.TRADITIONAL.isdisjoint(text)
    return any(ch in text for ch in TRADITIONAL_IN_GB2312)


def _table() -> dict[int, str | None]:
    """``_fold_char`` as a ``str.translate`` table (same precedence: later entries win)."""
    table: dict[int, str | None] = {}
    for code in [*range(0x2474, 0x249C), *range(0x3220, 0x322A)]:
        table[code] = unicodedata.normalize("NFKC", chr(code))
    for code in range(0xFF01, 0xFF5F):
        table[code] = chr(code - 0xFEE0)
    table.update({ord(k): v for k, v in _SPECIAL.items()})
    table[ord("\r")] = "\n"
    table.update({ord(c): " " for c in _SPACES})
    table.update({ord(c): None for c in _DROP})
    return table


_TABLE = _table()
# Characters that fold to zero or several characters: only these need the offset-mapping pass.
_RESIZING = frozenset(chr(k) for k, v in _TABLE.items() if v is None or len(v) != 1)
_ONE_FOR_ONE = {chr(k): v for k, v in _TABLE.items() if v is not None and len(v) == 1}


def _char_class(codes: list[int]) -> str:
    """A regex character class of ``codes``, consecutive runs written as ranges (each code
    written out costs ``re`` a parsing step when compiling)."""
    parts: list[str] = []
    codes = sorted(codes)
    i = 0
    while i < len(codes):
        j = i
        while j + 1 < len(codes) and codes[j + 1] == codes[j] + 1:
            j += 1
        first, last = re.escape(chr(codes[i])), re.escape(chr(codes[j]))
        parts.append(first if i == j else f"{first}-{last}")
        i = j + 1
    return "[" + "".join(parts) + "]"


# Every character the table changes (or may change), every traditional character of the BMP and
# every character beyond it: which of them a text holds is one C-speed scan that answers both
# "what is there to fold?" and "is there anything to convert?" (``str.translate`` with a dict looks
# up each character in Python objects; a GB2312 encoding, ``has_traditional``'s test, is a second
# scan as long). Characters beyond the BMP are one range: listed one by one, ``re`` would test them
# in turn at every character. The class is compiled once and kept with the pack's programs.
_FOLD_OR_TRADITIONAL = LazyPattern(_char_class(list(_TABLE))[:-1] + traditional.TRADITIONAL_BMP
                                   + "\U00010000-\U0010ffff]")
_FOLDABLE_CHARS = frozenset(map(chr, _TABLE))


def fold(mt: MappedText) -> MappedText:
    """Fold widths and variants, convert to simplified, and tidy horizontal space."""
    return tidy_spaces(fold_chars(mt))


def fold_chars(mt: MappedText) -> MappedText:
    """Fold widths and variants and convert to simplified; spaces are kept (clutter detection
    needs them as field separators)."""
    # Any CRLF's CR dropped before the per-character pass. A lone CR is looked for first: a
    # one-character search runs at memchr speed (0.2 us a report), a two-character one does not (3 us).
    if "\r" in mt.text and "\r\n" in mt.text:
        crlf = [m.start() for m in _CRLF.finditer(mt.text)]
        mt = mt.delete((i, i + 1) for i in crlf)
    found = set(_FOLD_OR_TRADITIONAL.findall(mt.text))
    present = found & _FOLDABLE_CHARS
    # What folding leaves or writes is never traditional (tests/test_normalize.py), so the folded
    # text holds one exactly when the original does: found here, or among the characters beyond the BMP.
    others = found - present  # (the full set is made only for a text that holds some)
    convert = bool(others) and not traditional.TRADITIONAL.isdisjoint(others)
    if present & _RESIZING:
        mt = mt.map_chars(lambda _i, ch: _fold_char(ch))
    elif present:  # one character for one, so offsets stay; no replacement is another's key
        text = mt.text
        for ch in present:
            text = text.replace(ch, _ONE_FOR_ONE[ch])
        mt = mt.replace_same_length(text)
    return _convert(mt) if convert else mt


def tidy_spaces(mt: MappedText) -> MappedText:
    """Strip spaces at line ends and between two CJK characters; collapse other runs to one."""
    text = mt.text
    n = len(text)
    drop: list[tuple[int, int]] = []
    # From each run of spaces to the next by ``str.find`` (memchr speed; a regex scan steps
    # through every character, ~24k instructions per report, for the few runs a report has).
    find = text.find
    i = find(" ")
    while i >= 0:
        j = i + 1
        while j < n and text[j] == " ":
            j += 1
        prev = text[i - 1] if i > 0 else "\n"
        nxt = text[j] if j < n else "\n"
        if prev == "\n" or nxt == "\n" or (_is_cjk(prev) and _is_cjk(nxt)):
            drop.append((i, j))
        elif j - i > 1:
            drop.append((i + 1, j))
        i = find(" ", j)
    return mt.delete(drop) if drop else mt


_CRLF = re.compile("\r\n")


def fold_phrase(phrase: str) -> str:
    """Fold a rule phrase exactly as document text is folded."""
    # (Section titles come from folded text: most are such, and each report's are folded again.)
    if folds_to_itself(phrase):
        return phrase
    return fold(MappedText.identity(phrase)).text


def folds_to_itself(text: str) -> bool:
    """Nothing to fold, convert, drop (a CR) or tidy (a space): ``fold`` would return ``text`` as it
    is, and so it would any piece of it (one test for many phrases joined)."""
    return " " not in text and "\r" not in text and not _FOLD_OR_TRADITIONAL.search(text)
