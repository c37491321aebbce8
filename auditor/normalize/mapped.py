"""Text with an offset map back to the original.

Every normalisation step produces a new ``MappedText`` whose ``offsets[i]`` is the original
index of character ``i``; ``offsets[len(text)]`` is the original end. Locations shown to users
are always computed through this map, never from normalised positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

# The identity map of a text is a slice of one shared tuple of offsets: slicing copies
# references, where ``tuple(range(n))`` makes a new int object for every offset above 256 (the
# larger part of normalising a clean report). Kept for texts up to ``_SHARED_UP_TO`` characters.
_SHARED_UP_TO = 1 << 16
_shared: tuple[int, ...] = ()


def _identity_offsets(n: int) -> tuple[int, ...]:
    global _shared
    if n > _SHARED_UP_TO:
        return tuple(range(n))
    if n > len(_shared):
        _shared = tuple(range(min(max(n, 2 * len(_shared), 4096), _SHARED_UP_TO)))
    return _shared[:n]


@dataclass(frozen=True)
class MappedText:
    text: str
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, _identity_offsets(len(text) + 1))

    def map_chars(self, fn: Callable[[int, str], str]) -> MappedText:
        """Replace each character by ``fn(index, char)`` (zero or more characters)."""
        out: list[str] = []
        offs: list[int] = []
        for i, ch in enumerate(self.text):
            rep = fn(i, ch)
            if rep == ch:
                out.append(ch)
                offs.append(self.offsets[i])
            else:
                for r in rep:
                    out.append(r)
                    offs.append(self.offsets[i])
        offs.append(self.offsets[len(self.text)])
        return MappedText("".join(out), tuple(offs))

    def replace_same_length(self, new_text: str) -> MappedText:
        if len(new_text) != len(self.text):
            raise ValueError("replacement must keep the length")
        return MappedText(new_text, self.offsets)

    def delete(self, spans: Iterable[tuple[int, int]]) -> MappedText:
        """Remove the given [start, end) ranges (in this text's coordinates; they may overlap,
        come in any order or reach past either end)."""
        n = len(self.text)
        cut = sorted((max(0, s), min(e, n)) for s, e in spans if min(e, n) > max(0, s))
        # Copy the runs between the cuts by slicing: linear, and at C speed.
        pieces: list[str] = []
        offs: list[int] = []
        pos = 0
        for start, end in cut:
            if start > pos:
                pieces.append(self.text[pos:start])
                offs.extend(self.offsets[pos:start])
            pos = max(pos, end)
        pieces.append(self.text[pos:])
        offs.extend(self.offsets[pos:n])
        offs.append(self.offsets[n])
        return MappedText("".join(pieces), tuple(offs))
