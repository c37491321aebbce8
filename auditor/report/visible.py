"""Text from a report made safe to show: what a title or a quote holds must not act on the
reader's terminal, page or spreadsheet.

A control character becomes its visible symbol (ESC as ␛, BEL as ␇): an escape sequence in a
report's title would otherwise clear the terminal or rename its window when the table is printed.
C1 controls and the characters XML cannot hold become U+FFFD. Bidirectional overrides and
isolates (U+202A-202E, U+2066-2069) become U+FFFD too: they reorder the text after them, so a
quote could read differently from what the report says. Newlines and tabs are kept. Formats that
escape on their own terms (JSON, SARIF, JUnit, CSV) keep the report's exact characters.
"""

from __future__ import annotations

_MAP = {c: 0x2400 + c for c in range(0x20) if c not in (0x09, 0x0A)}
_MAP[0x7F] = 0x2421  # ␡
_MAP.update({c: 0xFFFD for c in range(0x80, 0xA0)})
_MAP.update({c: 0xFFFD for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF)})


def visible(text: str) -> str:
    """``text`` with control and direction-changing characters shown as harmless symbols."""
    # Most texts are one printable line: kept as they are after a C-speed test (``translate`` with
    # a mapping raises and catches a KeyError inside for every character it leaves alone).
    return text if text.isprintable() else text.translate(_MAP)
