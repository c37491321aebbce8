"""Regular expressions compiled on first use.

Compiling costs more than matching for most of the parser's patterns: a CJK class such as
``[\\u4e00-\\u9fff]`` takes a millisecond or two (``re`` builds a 64k-entry map in Python), and
many patterns (web furniture, rare title forms) never run on a given report. A ``Lazy`` pattern
is compiled the first time one of its methods is looked up; from then on those methods are the
compiled pattern's own bound methods, stored on the instance, so a match costs what it did.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class Lazy:
    """A ``re.Pattern`` that compiles itself when first used (same methods, same results)."""

    # Filled in by ``__getattr__`` on first use; declared for readers and type checkers.
    search: Callable[..., re.Match[str] | None]
    match: Callable[..., re.Match[str] | None]
    fullmatch: Callable[..., re.Match[str] | None]
    finditer: Callable[..., Iterator[re.Match[str]]]
    findall: Callable[..., list[Any]]
    sub: Callable[..., str]
    subn: Callable[..., tuple[str, int]]
    split: Callable[..., list[Any]]
    _compiled: re.Pattern[str]

    def __init__(self, source: str, flags: int = 0) -> None:
        self.source = source
        self.flags = flags

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use)."""
        pattern: re.Pattern[str] | None = self.__dict__.get("_compiled")
        if pattern is None:
            pattern = self._compiled = re.compile(self.source, self.flags)
            for method in _METHODS:  # later look-ups find these and never reach __getattr__
                setattr(self, method, getattr(pattern, method))
        return pattern

    def __getattr__(self, name: str) -> Any:
        # Reached only for a name not yet on the instance: before the first use, or a name no
        # pattern has (and, with no ``source`` yet, while copy/pickle probe a bare instance).
        if name not in _METHODS or "source" not in self.__dict__:
            raise AttributeError(name)
        return getattr(self.compiled(), name)

    def __repr__(self) -> str:
        return f"Lazy({self.source!r}, {self.flags!r})"
