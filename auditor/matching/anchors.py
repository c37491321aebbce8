"""Literal anchors of a regular expression: strings one of which every match starts with.

A rule's pattern such as ``(?<![副分])(?:书记|局长|县长…)、?(?!主持…)`` begins with a look-behind,
so Python's engine cannot skip ahead to candidates and tries the whole pattern at every position
of the report (a tenth of a report's checking time went to a few such patterns). When the first
thing a pattern consumes is a literal or an alternation of literals, those strings are its
anchors: the pack's phrase automaton finds them in the same single pass as every other phrase,
and the pattern is tried only where one occurs (``match`` at that offset, which sees the text
before it, so look-behinds behave as in a search). Anything else (a character class, a
repetition that may be empty, case-insensitive flags, a pattern that can match the empty string)
has no anchors and is searched as before.
"""

from __future__ import annotations

import re

try:  # the parser the re module itself uses (3.11+: re._parser; before: sre_parse)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c  # type: ignore[no-redef]
    import sre_parse as _p  # type: ignore[no-redef]

_ZERO_WIDTH = {_c.ASSERT, _c.ASSERT_NOT}
_MAX_ANCHORS = 64


def anchors(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """The literal prefixes every match of ``pattern`` starts with, or ``()`` when there are none
    that can be proved from the pattern's structure."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return ()
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:  # could match nothing: finditer would report empty matches
            return ()
        found = _sequence(list(tree))
    except Exception:  # an unexpected parse shape only means: no anchors
        return ()
    if not found or "" in found or len(found) > _MAX_ANCHORS:
        return ()
    return tuple(sorted(set(found)))


def _sequence(items: list) -> list[str] | None:
    """Anchors of a sequence: skip leading look-arounds, then the first consuming item decides."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:
        i += 1
    if i == len(items):
        return None
    op, av = items[i]
    if op is _c.LITERAL:
        text = chr(av)
        for nxt_op, nxt_av in items[i + 1:]:  # extend with the literals that follow
            if nxt_op is not _c.LITERAL:
                break
            text += chr(nxt_av)
        return [text]
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            return None
        return _sequence(list(sub))
    if op is _c.BRANCH:
        out: list[str] = []
        for branch in av[1]:
            got = _sequence(list(branch))
            if not got:
                return None
            out.extend(got)
        return out
    return None


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int]) -> list[tuple[int, int]]:
    """The non-empty matches ``pattern.finditer(text)`` gives, found by trying the pattern only at
    ``starts`` (ascending; every offset where an anchor occurs), left to right without overlaps."""
    out: list[tuple[int, int]] = []
    end = 0
    for pos in starts:
        if pos < end:
            continue
        m = pattern.match(text, pos)
        if m is not None and m.end() > pos:
            out.append((pos, m.end()))
            end = m.end()
    return out
