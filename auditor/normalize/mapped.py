"""Text with an offset map back to the original.

Every normalisation step produces a new ``MappedText`` whose ``offsets[i]`` is the original
index of character ``i``; ``offsets[len(text)]`` is the original end. Locations shown to users
are always computed through this map, never from normalised positions.

The map is kept as runs of consecutive offsets, ``(first, length)``: folding and clutter removal
cut a few pieces out of a text, so a map is a handful of runs, and each step works on those
instead of copying an offset per character (three copies of a report's offsets cost more than
the rest of a deletion). The offsets themselves are written out once, when asked for.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate

# Consecutive offsets are sliced from one shared list of them: slicing copies references, where
# ``list(range(a, b))`` makes a new int object for every offset above 256 (the larger part of
# writing out a clean report's map). Kept for offsets up to ``_SHARED_UP_TO``. A list, not a tuple:
# the slice a ``Document`` keeps is then the list itself (a tuple's slice was copied again).
_SHARED_UP_TO = 1 << 16
_shared: list[int] = []

Run = tuple[int, int]  # (first original offset, how many consecutive offsets)


def _consecutive(first: int, n: int) -> list[int]:
    """``list(range(first, first + n))``, sliced from the shared list when it holds them. (The
    shared list is grown by rebinding a longer one: a thread slicing the old one reads the same values.)"""
    global _shared
    end = first + n
    if end > len(_shared):
        if end > _SHARED_UP_TO:
            return list(range(first, end))
        _shared = list(range(min(max(end, 2 * len(_shared), 4096), _SHARED_UP_TO)))
    return _shared[first:end]


# The same for the offsets a ``Document`` keeps, as machine integers: an array is one block (a
# slice is a copy of memory, no int object is referenced) and is not tracked by the garbage
# collector, which would otherwise walk a list of every offset of the report at each collection.
_shared_array = array("q")


def _consecutive_array(first: int, n: int) -> array[int]:
    """``array("q", range(first, first + n))``, sliced from the shared array when it holds them."""
    global _shared_array
    end = first + n
    if end > len(_shared_array):
        if end > _SHARED_UP_TO:
            return array("q", range(first, end))
        _shared_array = array("q", range(min(max(end, 2 * len(_shared_array), 4096), _SHARED_UP_TO)))
    return _shared_array[first:end]


def _runs_of(offsets: Sequence[int]) -> tuple[Run, ...]:
    runs: list[list[int]] = []
    for o in offsets:
        if runs and runs[-1][0] + runs[-1][1] == o:
            runs[-1][1] += 1
        else:
            runs.append([o, 1])
    return tuple((first, n) for first, n in runs)


class MappedText:
    __slots__ = ("_offsets", "_runs", "_starts", "text")

    def __init__(self, text: str, offsets: Sequence[int] | None = None, *,
                 runs: tuple[Run, ...] | None = None) -> None:
        self.text = text
        self._offsets: tuple[int, ...] | None = tuple(offsets) if offsets is not None else None
        if runs is None:
            if offsets is None:
                raise TypeError("MappedText needs offsets or runs")
            runs = _runs_of(offsets)
        self._runs = runs
        self._starts: list[int] | None = None  # each run's first index in ``text``, when asked

    @classmethod
    def identity(cls, text: str) -> MappedText:
        return cls(text, runs=((0, len(text) + 1),))

    @property
    def offsets(self) -> tuple[int, ...]:
        if self._offsets is None:
            runs = self._runs
            self._offsets = tuple(_consecutive(*runs[0]) if len(runs) == 1 else self.offset_list())
        return self._offsets

    def offset_list(self) -> list[int]:
        """The offsets as a new list (what a ``Document`` keeps), written out from the runs."""
        runs = self._runs
        out = _consecutive(*runs[0])  # a new list: the first run (most of a text) copied once
        for first, n in runs[1:]:
            out += _consecutive(first, n)
        return out

    def offset_array(self) -> array[int]:
        """The offsets as a new array of machine integers (what a ``Document`` keeps)."""
        runs = self._runs
        out = _consecutive_array(*runs[0])
        for first, n in runs[1:]:
            out += _consecutive_array(first, n)
        return out

    def offset(self, i: int) -> int:
        """``offsets[i]`` without writing the offsets out."""
        runs = self._runs
        if len(runs) == 1:
            first, n = runs[0]
            if not 0 <= i < n:
                raise IndexError(i)
            return first + i
        starts = self.run_starts()
        if not 0 <= i < len(self.text) + 1:
            raise IndexError(i)
        k = bisect.bisect_right(starts, i) - 1
        return runs[k][0] + i - starts[k]

    def run_starts(self) -> list[int]:
        """The index in ``text`` where each run of consecutive offsets begins (0 first): no offset
        between two of them is more than one past the one before (shared: read-only)."""
        starts = self._starts
        if starts is None:
            starts = self._starts = list(accumulate([n for _first, n in self._runs[:-1]], initial=0))
        return starts

    def __eq__(self, other: object) -> bool:
        return isinstance(other, MappedText) and self.text == other.text and self.offsets == other.offsets

    def __hash__(self) -> int:
        return hash((self.text, self.offsets))

    def __repr__(self) -> str:
        return f"MappedText(text={self.text!r}, runs={self._runs!r})"

    def map_chars(self, fn: Callable[[int, str], str]) -> MappedText:
        """Replace each character by ``fn(index, char)`` (zero or more characters)."""
        offsets = self.offsets
        out: list[str] = []
        offs: list[int] = []
        for i, ch in enumerate(self.text):
            rep = fn(i, ch)
            if rep == ch:
                out.append(ch)
                offs.append(offsets[i])
            else:
                for r in rep:
                    out.append(r)
                    offs.append(offsets[i])
        offs.append(offsets[len(self.text)])
        return MappedText("".join(out), offs)

    def replace_same_length(self, new_text: str) -> MappedText:
        if len(new_text) != len(self.text):
            raise ValueError("replacement must keep the length")
        return MappedText(new_text, runs=self._runs)

    def delete(self, spans: Iterable[tuple[int, int]]) -> MappedText:
        """Remove the given [start, end) ranges (in this text's coordinates; they may overlap,
        come in any order or reach past either end)."""
        n = len(self.text)
        # Clamped by comparisons, not max()/min() calls (four builtin calls a span were a third
        # of a deletion's cost); empty spans dropped.
        cut: list[tuple[int, int]] = []
        for s, e in spans:
            if s < 0:
                s = 0
            if e > n:
                e = n
            if e > s:
                cut.append((s, e))
        cut.sort()
        kept: list[tuple[int, int]] = []  # what stays, as [start, end) of this text
        pos = 0
        for start, end in cut:
            if start > pos:
                kept.append((pos, start))
            if end > pos:
                pos = end
        kept.append((pos, n + 1))  # … and the end offset
        text = "".join([self.text[s:e] for s, e in kept])
        return MappedText(text, runs=self._select(kept))

    def _select(self, kept: list[tuple[int, int]]) -> tuple[Run, ...]:
        """The runs of the offsets at the (sorted, disjoint) index ranges ``kept``."""
        runs = self._runs
        if len(runs) == 1:
            # One run: index i has offset first + i. Ranges of ``kept`` are apart (a deletion
            # leaves at least one index between two), so their offsets never join.
            first = runs[0][0]
            return tuple([(first + start, end - start) for start, end in kept])
        out: list[Run] = []
        o_first, o_n = -1, 0  # the run being gathered (none yet: no offset is -1)
        k = 0  # the run holding index ``start``
        first, length = runs[0]
        run_start = 0  # its first index
        run_end = length  # and the index past it
        for start, end in kept:
            while True:
                while start >= run_end:
                    run_start = run_end
                    k += 1
                    first, length = runs[k]
                    run_end = run_start + length
                stop = end if end < run_end else run_end
                o = first + start - run_start
                if o_first + o_n == o:  # continues the run being gathered
                    o_n += stop - start
                else:
                    if o_n:
                        out.append((o_first, o_n))
                    o_first, o_n = o, stop - start
                if stop == end:
                    break
                start = stop
        out.append((o_first, o_n))
        return tuple(out)
