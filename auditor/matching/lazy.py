"""Regular expressions compiled on first use.

A compiled pack is pickled between runs, and a pickled ``re.Pattern`` is compiled again when it
is loaded: every rule pattern, historical cue and plan cue cost a cold start ~20 ms whether or
not the report ever reached it (a cue tried only around an outdated name, a pattern whose
anchors never occur). A ``LazyPattern`` is pickled as its source and compiled the first time it
is used, through ``re.compile``, so it matches exactly what the compiled pattern would.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any


class LazyPattern:
    """The source of a regular expression, compiled (once) on first use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0):
        self.pattern = pattern  # the source, as ``re.Pattern.pattern``
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        compiled = self._compiled
        if compiled is None:  # two threads may both compile: the same pattern either way
            compiled = self._compiled = re.compile(self.pattern, self.flags)
        return compiled

    def search(self, string: str, *args: Any) -> re.Match[str] | None:
        return self.compiled.search(string, *args)

    def match(self, string: str, *args: Any) -> re.Match[str] | None:
        return self.compiled.match(string, *args)

    def finditer(self, string: str, *args: Any) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string, *args)

    def findall(self, string: str, *args: Any) -> list[Any]:
        return self.compiled.findall(string, *args)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    # Pickled as its source: never the compiled state.
    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state
        self._compiled = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


def any_of(sources: list[str]) -> tuple[LazyPattern, ...]:
    """Patterns asked only "does any of them occur?": one alternation when they can be joined
    without changing what each matches (no groups a back-reference could renumber, no inline
    flags that would apply to all), so a text is searched once instead of once per pattern;
    else one pattern each. Compiles them (from a pack being built, never from a cached one)."""
    plain = re.compile("").flags
    if len(sources) > 1 and all((c := re.compile(s)).groups == 0 and c.flags == plain for s in sources):
        return (LazyPattern("|".join(f"(?:{s})" for s in sources)),)
    return tuple(LazyPattern(s) for s in sources)
