"""Refuse a rule pack's regular expression that can backtrack for ever.

Python's ``re`` is a backtracking engine: ``(a+)+$`` on forty a's and a b tries 2^40 ways of
splitting the a's between the two loops, and a report line of such text hangs the audit. A pack
is read before any report, so its patterns are checked once, when it loads, rather than timed on
every match. The check is the usual *star height* test, made a little less strict: a repeat that
can take two or more turns, around a part that can match texts of different lengths (an inner
repeat with a varying count, ``(a+)+``, ``(\\w+\\s?)*``, ``(aa?)+``, ``(a+){10}``; or alternatives of
different lengths, ``(a|aa)+``), is refused, since a line that almost matches can then be split
between the turns in exponentially many ways. It is accepted when each turn must pass a character
the inner parts cannot match, which fixes where turns begin (``(第[一二三]+章)+``, ``(\\d+、)+``).

It is a check on the pattern's shape, so it also refuses some patterns that would run fast; the
message says which parts to change (a possessive ``++`` or an atomic group ``(?>...)`` keeps the
intent and never backtracks).
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser the re module itself uses (3.11+: re._parser; before: sre_parse), as anchors.py
    from re import _parser as _sre  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre

_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT}  # (possessive repeats never backtrack: not listed)
_CATEGORY_TESTS = {
    _sre.CATEGORY_DIGIT: re.compile(r"\d"), _sre.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    _sre.CATEGORY_SPACE: re.compile(r"\s"), _sre.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    _sre.CATEGORY_WORD: re.compile(r"\w"), _sre.CATEGORY_NOT_WORD: re.compile(r"\W"),
}


def backtracking_danger(pattern: str) -> str | None:
    """Why ``pattern`` can take exponential time, in one short English clause; None when safe."""
    try:
        tree = _sre.parse(pattern)
    except (re.error, OverflowError, RecursionError):
        return None  # not ours to judge: compiling reports the error
    return _scan(tree)


def _scan(items: Any) -> str | None:
    for op, av in items:
        if op in _REPEATS:
            _low, high, body = av
            if high > 1:  # (a fixed count such as (a+){10} can still split a line many ways)
                problem = _nested(body)
                if problem:
                    return problem
            found = _scan(body)
        else:
            found = _scan_children(op, av)
        if found:
            return found
    return None


def _scan_children(op: Any, av: Any) -> str | None:
    for child in _children(op, av):
        found = _scan(child)
        if found:
            return found
    return None


def _children(op: Any, av: Any) -> list[Any]:
    """The sub-patterns directly inside one node."""
    if op is _sre.SUBPATTERN:
        return [av[-1]]
    if op is _sre.BRANCH:
        return list(av[1])
    if op in (_sre.ASSERT, _sre.ASSERT_NOT):
        return [av[1]]
    if op is _sre.GROUPREF_EXISTS:
        return [b for b in av[1:] if b is not None]
    if op in _REPEATS or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        return [av[2]]
    if op is getattr(_sre, "ATOMIC_GROUP", None):
        return [av]
    return []


def _nested(body: Any) -> str | None:
    """A varying repeat inside the repeated ``body`` whose turns nothing in ``body`` pins down."""
    for inner in _varying_parts(body):
        if not any(_disjoint(chars, inner) for chars in _required_chars(body)):
            return ("it repeats a part that itself matches texts of different lengths (as in (a+)+ or (a|aa)+), "
                    "so a line that almost matches makes it try exponentially many ways; begin or end each "
                    "turn with a character the inner part cannot match, or make the inner part possessive "
                    "(a++) or atomic ((?>...))")
    return None


def _varying_parts(items: Any) -> list[Any]:
    """Backtracking parts anywhere in ``items`` that can match texts of different lengths: a repeat
    with a varying count (a+, a?, a{2,5}) or alternatives of different lengths (a|aa)."""
    found: list[Any] = []
    for op, av in items:
        if op in _REPEATS and av[1] != av[0]:
            found.append(av[2])
        elif op is _sre.BRANCH and len({_sre.SubPattern(items.state, b).getwidth() for b in av[1]}) > 1:
            found.append(_sre.SubPattern(items.state, [(op, av)]))
        if op is getattr(_sre, "ATOMIC_GROUP", None):
            continue  # an atomic group gives back nothing once matched
        for child in _children(op, av):
            found.extend(_varying_parts(child))
    return found


def _required_chars(items: Any) -> list[set[str]]:
    """Character sets that every match of ``items`` must pass through (small literal sets only)."""
    required: list[set[str]] = []
    for op, av in items:
        if op is _sre.LITERAL:
            required.append({chr(av)})
        elif op is _sre.IN and all(o is _sre.LITERAL for o, _ in av):
            required.append({chr(v) for _, v in av})
        elif op is _sre.SUBPATTERN:
            required.extend(_required_chars(av[-1]))
        elif op in _REPEATS and av[0] >= 1:
            required.extend(_required_chars(av[2]))
    return required


def _disjoint(chars: set[str], repeat_body: Any) -> bool:
    """No character of ``chars`` can be matched by any character test inside ``repeat_body``."""
    return not any(_may_match(test, ch) for test in _char_tests(repeat_body) for ch in chars)


def _char_tests(items: Any) -> list[tuple[Any, Any]]:
    tests: list[tuple[Any, Any]] = []
    for op, av in items:
        if op in (_sre.LITERAL, _sre.NOT_LITERAL, _sre.IN, _sre.ANY):
            tests.append((op, av))
        else:
            for child in _children(op, av):
                tests.extend(_char_tests(child))
    return tests


def _may_match(test: tuple[Any, Any], ch: str) -> bool:
    op, av = test
    code = ord(ch)
    if op is _sre.LITERAL:
        return av == code
    if op is _sre.NOT_LITERAL:
        return av != code
    if op is _sre.ANY:
        return True
    negate = False
    hit = False
    for item_op, item in av:
        if item_op is _sre.NEGATE:
            negate = True
        elif item_op is _sre.LITERAL:
            hit = hit or item == code
        elif item_op is _sre.RANGE:
            hit = hit or item[0] <= code <= item[1]
        elif item_op is _sre.CATEGORY:
            tester = _CATEGORY_TESTS.get(item)
            hit = hit or tester is None or bool(tester.match(ch))
        else:  # anything unusual: assume it may match
            hit = True
    return hit != negate
