"""Text with an offset map back to the original.

Every normalisation step produces a new ``MappedText`` whose ``offsets[i]`` is the original
index of character ``i``; ``offsets[len(text)]`` is the original end. Locations shown to users
are always computed through this map, never from normalised positions.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class MappedText:
    text: str
    offsets: tuple[int, ...]

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, tuple(range(len(text) + 1)))

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
        """Remove the given [start, end) ranges (in this text's coordinates)."""
        keep = [True] * len(self.text)
        for start, end in spans:
            for i in range(max(0, start), min(end, len(self.text))):
                keep[i] = False
        text = "".join(ch for ch, k in zip(self.text, keep, strict=True) if k)
        offs = [o for o, k in zip(self.offsets[:-1], keep, strict=True) if k]
        offs.append(self.offsets[len(self.text)])
        return MappedText(text, tuple(offs))
