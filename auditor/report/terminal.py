"""Terminal text: display width, line wrapping for Chinese, colour decisions.

Hand-written on ``unicodedata`` (well under a millisecond to import) instead of tabulate + wcwidth
(about 100 ms measured on this machine) or Rich (about 60 ms): the table is the default output, so
its import cost is part of every ``audit`` start.

Widths are display columns: East Asian Wide and Fullwidth characters count 2, combining marks 0,
everything else 1. Chinese wraps between any two characters, but a number with its unit (2024年,
12.5%, 3月), an ASCII word (GF001, line:col) or a closing mark (，。》) never starts a new line alone.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import unicodedata
from collections.abc import Callable
from typing import TextIO

from ..lazy_regex import LazyPattern
from .visible import visible

DEFAULT_WIDTH = 80
MIN_WIDTH = 40

_ANSI = LazyPattern(r"\033\[[0-9;]*m")
# An ASCII run that is never split: words, numbers with their signs, decimals, ranges and
# separators (GF001, 12.5%, 13:245, v1.2, 2025-2027, a/b), plus one CJK unit after a number.
_NUMBER_UNIT = "[年月日号个件次条项人名万亿元千百余家所期天份篇批倍户起类场届]"
_DOCNO = r"[\u4e00-\u9fff]{1,6}[〔\[［(（]\d{4}[〕\]］)）]\d+号"
_ATOM_TAIL = r"(?:[0-9A-Za-z.,:/%_+\-]*[0-9A-Za-z%])?"
_PIECE_SOURCE = f"[0-9]{_ATOM_TAIL}{_NUMBER_UNIT}?|[A-Za-z]{_ATOM_TAIL}|."
_PIECE = LazyPattern(_PIECE_SOURCE, re.DOTALL)
# Only a text with 号 can hold a document number; the CJK class in front costs a millisecond or
# two to compile, so the fuller pattern is compiled for such texts alone.
_PIECE_DOCNO = LazyPattern(f"{_DOCNO}|{_PIECE_SOURCE}", re.DOTALL)
_CLOSING = set("，。、；：？！）》”’」』】〕…,.;:?!)]%")
_OPENING = set("（《“‘「『【〔([")


def char_width(ch: str) -> int:
    w = _WIDTHS.get(ch)
    if w is None:  # a report uses a few hundred distinct characters: ask unicodedata once each
        if unicodedata.combining(ch) or ch in "\u200b\u200c\u200d\ufeff":
            w = 0
        else:
            w = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        _WIDTHS[ch] = w
    return w


_WIDTHS: dict[str, int] = {}


def width(text: str) -> int:
    """Display columns of ``text`` (colour codes count 0)."""
    if "\033" in text:
        text = _ANSI.sub("", text)
    if text.isascii():
        return len(text)
    return sum(map(char_width, text))


def terminal_width(stream: TextIO | None = None) -> int:
    """``COLUMNS`` when set, else the terminal's width, else 80 (not a terminal)."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return max(int(columns), MIN_WIDTH)
    stream = stream or sys.stdout
    try:
        if stream.isatty():
            return max(shutil.get_terminal_size((DEFAULT_WIDTH, 24)).columns, MIN_WIDTH)
    except (AttributeError, ValueError, OSError):
        pass
    return DEFAULT_WIDTH


def use_color(choice: str, stream: TextIO | None = None) -> bool:
    """``--color always|never|auto``: auto colours only a terminal, and never when ``NO_COLOR``
    is set to anything non-empty (https://no-color.org)."""
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    stream = stream or sys.stdout
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def tokens(text: str) -> list[str]:
    """Pieces a line may break between: one CJK character, or an unbreakable ASCII run (with the
    unit after a number); closing marks stick to what precedes them, opening marks to what follows."""
    # One scan in C: a document number, else an ASCII run (with the unit after a number), else one
    # character. Same pieces as trying each pattern at each position, far fewer Python steps.
    pieces = (_PIECE_DOCNO if "号" in text else _PIECE).findall(text)
    merged: list[str] = []
    pending = ""
    for piece in pieces:
        if piece in _OPENING or (piece == " " and not merged and not pending):
            pending += piece
            continue
        if merged and not pending and (piece in _CLOSING or unicodedata.combining(piece[0])):
            merged[-1] += piece
            continue
        merged.append(pending + piece)
        pending = ""
    if pending:
        merged.append(pending)
    return merged


def wrap(text: str, columns: int) -> list[str]:
    """``text`` in lines of at most ``columns`` display columns; explicit newlines are kept. A
    piece wider than a whole line (a very long URL) is the only thing ever cut."""
    columns = max(columns, 2)
    out: list[str] = []
    for paragraph in visible(text).split("\n"):
        line, used = "", 0
        for piece in tokens(paragraph):
            w = char_width(piece) if len(piece) == 1 else width(piece)  # most pieces are one character
            if used + w <= columns:
                line, used = line + piece, used + w
                continue
            if w > columns:  # too wide for any line (a long path): fill this line, then cut the rest
                while used + w > columns:
                    head = _head(piece, columns - used)
                    if head:
                        out.append((line + head).rstrip())
                        piece = piece[len(head):]
                        w = width(piece)
                    elif line.strip():
                        out.append(line.rstrip())
                    line, used = "", 0
                line, used = line + piece, used + w
                continue
            if line.strip():
                out.append(line.rstrip())
            line, used = "", 0
            piece = piece.lstrip(" ")
            line, used = piece, width(piece)
        out.append(line.rstrip())
    return out


def _head(piece: str, columns: int) -> str:
    """As much of an unbreakable piece as fits in ``columns``, ending after a "/" when it can (a
    path is cut between its folders)."""
    head = truncate(piece, columns, ellipsis="")
    cut = head.rfind("/")
    return head[: cut + 1] if 0 < cut < len(head) - 1 and len(head) < len(piece) else head


def truncate(text: str, columns: int, ellipsis: str = "…") -> str:
    """``text`` cut to ``columns`` display columns, ending in ``ellipsis`` when cut."""
    if width(text) <= columns:
        return text
    room = columns - width(ellipsis)
    out, used = "", 0
    for ch in text:
        w = char_width(ch)
        if used + w > room:
            break
        out, used = out + ch, used + w
    return out + ellipsis


def pad(text: str, columns: int) -> str:
    return text + " " * max(0, columns - width(text))


def table(headers: list[str], rows: list[list[str]], total: int, *, flexible: tuple[int, ...],
          paint: Callable[[int, int], str | None] | None = None, max_lines: dict[int, int] | None = None,
          gap: int = 2) -> list[str]:
    """A plain table (header, dashes, rows) at most ``total`` columns wide. Fixed columns take
    their widest cell; the ``flexible`` columns share the rest in proportion to their content and
    wrap (``max_lines`` caps a column's lines, ending in …). ``paint(row, column)`` gives an ANSI
    colour code for a cell, or None. Returns ``[]`` when even the narrowest layout does not fit,
    so that the caller can stack the rows instead."""
    ncol = len(headers)
    rows = [[visible(cell) for cell in row] for row in rows]
    natural = [max([width(headers[c])] + [width(line) for r in rows for line in r[c].split("\n")])
               for c in range(ncol)]
    fixed = sum(natural[c] for c in range(ncol) if c not in flexible)
    room = total - fixed - gap * (ncol - 1)
    minimum = 10
    if room < minimum * len(flexible):
        return []
    widths = list(natural)
    wanted = sum(natural[c] for c in flexible)
    if wanted > room:
        # Shares in proportion to the content, none below the minimum, leftovers to the widest.
        share = {c: max(minimum, room * natural[c] // wanted) for c in flexible}
        while sum(share.values()) > room:
            widest = max(share, key=lambda c: share[c])
            share[widest] -= 1
        spare = room - sum(share.values())
        for c in sorted(flexible, key=lambda c: -natural[c]):
            add = min(spare, natural[c] - share[c]) if natural[c] > share[c] else 0
            share[c] += add
            spare -= add
        for c in flexible:
            widths[c] = min(share[c], natural[c])
    sep = " " * gap
    lines = [sep.join(pad(headers[c], widths[c]) for c in range(ncol)).rstrip(),
             sep.join("-" * widths[c] for c in range(ncol))]
    for index, row in enumerate(rows):
        cells = [wrap(row[c], widths[c]) for c in range(ncol)]
        for c, most in (max_lines or {}).items():
            if len(cells[c]) > most:
                cells[c] = [*cells[c][:most - 1], truncate(cells[c][most - 1] + "…", widths[c])]
        height = max(len(cell) for cell in cells)
        for i in range(height):
            parts = []
            for c in range(ncol):
                text = cells[c][i] if i < len(cells[c]) else ""
                padded = pad(text, widths[c])
                code = paint(index, c) if paint and text else None
                if code:
                    padded = f"\033[{code}m{text}\033[0m" + padded[len(text):]
                parts.append(padded)
            lines.append(sep.join(parts).rstrip())
    return lines
