"""Regular expressions compiled on first use.

Compiling costs more than matching for most of our patterns: a CJK class such as
``[\\u4e00-\\u9fff]`` takes a millisecond or two (``re`` builds a 64k-entry map in Python), and
many patterns (web furniture, rare title forms, a rule whose anchors never occur) never run on a
given report. A compiled pack is also pickled between runs, and a pickled ``re.Pattern`` is
compiled again when it is loaded. A ``LazyPattern`` is compiled through ``re.compile`` the first
time one of its methods is looked up, so it matches exactly what the compiled pattern would; from
then on those methods are the compiled pattern's own bound methods, stored on the instance, so a
match costs what it did. It is pickled as its source, never as compiled state.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """A ``re.Pattern`` that compiles itself when first used (same methods, same results)."""

    # Filled in on first use; declared for readers and type checkers.
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern  # the source, as ``re.Pattern.pattern``
        self.flags = flags

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use). Two threads may both
        compile it: the same pattern either way."""
        state = self.__dict__
        compiled: re.Pattern[str] | None = state.get("_compiled")
        if compiled is None:
            compiled = state["_compiled"] = re.compile(self.pattern, self.flags)
            for method in _METHODS:  # later look-ups find these and never reach __getattr__
                state[method] = getattr(compiled, method)
        return compiled

    def __getattr__(self, name: str) -> Any:
        # Reached only for a name not yet on the instance: before the first use, or a name no
        # pattern has (and, with no ``pattern`` yet, while copy/pickle probe a bare instance).
        if name not in _METHODS or "pattern" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __getstate__(self) -> tuple[str, int]:
        return self.pattern, self.flags

    def __setstate__(self, state: tuple[str, int]) -> None:
        self.pattern, self.flags = state

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LazyPattern) and (self.pattern, self.flags) == (other.pattern, other.flags)

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self.flags!r})"


def any_of(sources: list[str]) -> tuple[LazyPattern, ...]:
    """Patterns asked only "does any of them occur?": one alternation when they can be joined
    without changing what each matches (no groups a back-reference could renumber, no inline
    flags that would apply to all), so a text is searched once instead of once per pattern;
    else one pattern each. Compiles them (from a pack being built, never from a cached one)."""
    plain = re.compile("").flags
    if len(sources) > 1 and all((c := re.compile(s)).groups == 0 and c.flags == plain for s in sources):
        return (LazyPattern("|".join(f"(?:{s})" for s in sources)),)
    return tuple(LazyPattern(s) for s in sources)
