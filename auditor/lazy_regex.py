"""Regular expressions compiled on first use.

Compiling costs more than matching for most of our patterns: a CJK class such as
``[\\u4e00-\\u9fff]`` takes a millisecond or two (``re`` builds a 64k-entry map in Python), and
many patterns (web furniture, rare title forms, a rule whose anchors never occur) never run on a
given report. A compiled pack is also pickled between runs, and a pickled ``re.Pattern`` is
compiled again when it is loaded. A ``LazyPattern`` is compiled through ``re.compile`` the first
time one of its methods is looked up, so it matches exactly what the compiled pattern would; from
then on those methods are the compiled pattern's own bound methods, stored on the instance, so a
match costs what it did. It is pickled as its source, never as compiled state.

Compiled programs are also kept between runs. ``re`` turns a pattern into a list of integers (its
program) in pure Python, then hands it to the C engine; the compiled pack's cache entry stores
the programs of every pattern known when the pack was compiled (``programs``), and a later run
gives them to the engine directly (``install``): about a fifth of a cold run's instructions were
spent compiling the same patterns again. This uses three internals of CPython's ``re`` (its parser,
its code generator and ``_sre.compile``), so it is guarded: a program is stored only when the
pattern it makes equals (``==``, which compares the engine's code) what ``re.compile`` makes; the
entry it lives in is read only by the same Python build (its version is part of the pack cache's
key, the engine's magic number part of this store); and any error means ``re.compile`` as before.
"""

from __future__ import annotations

import re
import sys
import weakref
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
        _known.add(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if this is its first use). Two threads may both
        compile it: the same pattern either way."""
        state = self.__dict__
        compiled: re.Pattern[str] | None = state.get("_compiled")
        if compiled is None:
            compiled = state["_compiled"] = compile_pattern(self.pattern, self.flags)
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
        _known.add(self)

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


# -- compiled programs kept between runs ---------------------------------------------------------

# (flags, code, groups, groupindex, indexgroup): what ``_sre.compile`` takes after the source.
Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_known: weakref.WeakSet[LazyPattern] = weakref.WeakSet()  # every pattern made so far
_compiled: set[tuple[str, int]] = set()  # and every source given to ``compile_pattern``
_programs: dict[tuple[str, int], Program] = {}  # installed from a pack cache entry


def _engine_tag() -> tuple[str, int] | None:
    """What a stored program is valid for: this Python build's engine; None where it has none."""
    try:
        import _sre
    except ImportError:  # not CPython
        return None
    return sys.version, _sre.MAGIC


def compile_pattern(source: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(source, flags)``, from an installed program when there is one. (Also for a
    pattern made at run time, such as one class's runs: it is stored with the next pack.)"""
    _compiled.add((source, flags))
    program = _programs.get((source, flags))
    if program is not None:
        try:
            import _sre

            return _sre.compile(source, *program)
        except Exception:  # a program this engine does not take: compile as usual
            _programs.pop((source, flags), None)
    return re.compile(source, flags)


def _program(source: str, flags: int) -> Program | None:
    """The program ``re.compile`` would build for ``source``, captured by doing what it does;
    None unless the pattern made from it equals ``re.compile``'s own."""
    try:
        import _sre

        if sys.version_info >= (3, 11):
            from re import _compiler, _parser
        else:  # pragma: no cover - Python 3.10 names the same modules sre_*
            import sre_compile as _compiler
            import sre_parse as _parser
        parsed = _parser.parse(source, flags)
        state = parsed.state
        indexgroup: list[str | None] = [None] * state.groups
        for name, index in state.groupdict.items():
            indexgroup[index] = name
        all_flags = int(flags | state.flags)
        code = _compiler._code(parsed, flags)  # type: ignore[attr-defined]  # internal: not in the stubs
        program: Program = (all_flags, [int(c) for c in code],
                            state.groups - 1, dict(state.groupdict), tuple(indexgroup))
        if _sre.compile(source, *program) == re.compile(source, flags):
            return program
    except Exception:
        pass
    return None


def programs() -> tuple[tuple[str, int] | None, dict[tuple[str, int], Program]]:
    """The programs of every pattern made so far (each compiled now if it was not yet), with the
    engine they are for: stored beside a compiled pack, which is made once per change of code or
    rules."""
    tag = _engine_tag()
    if tag is None:
        return None, {}
    out: dict[tuple[str, int], Program] = {}
    for key in [*((p.pattern, p.flags) for p in list(_known)), *_compiled]:
        if key not in out and (program := _programs.get(key) or _program(*key)) is not None:
            out[key] = program
    _programs.update(out)  # this process's first uses need not compile them again
    return tag, out


def install(stored: tuple[tuple[str, int] | None, dict[tuple[str, int], Program]]) -> None:
    """Use ``stored`` (from ``programs`` in an earlier run) when it is for this engine."""
    tag, found = stored
    if tag is not None and tag == _engine_tag():
        _programs.update(found)
