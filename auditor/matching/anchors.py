r"""Literal anchors of a regular expression: strings one of which every match starts with.

A rule's pattern such as ``(?<![副分])(?:书记|局长|县长…)、?(?!主持…)`` begins with a look-behind,
so Python's engine cannot skip ahead to candidates and tries the whole pattern at every position
of the report (a tenth of a report's checking time went to a few such patterns). When the first
thing a pattern consumes is a literal, an alternation of literals or a class of a few characters
(possibly repeated: ``[一二三…十]{2,}``), those strings are its anchors: the pack's phrase
automaton finds them in the same single pass as every other phrase, and the pattern is tried only
where one occurs (``match`` at that offset, which sees the text before it, so look-behinds behave
as in a search). Anything else (a category such as ``\d``, a repetition that may be empty,
case-insensitive flags, a pattern that can match the empty string) has no anchors.

A pattern led by a category (``\d+\s*次``, ``\s*-{2,}``) may have a *lead class* instead: a class
every match's first character belongs to. Positions of that class are found by one C-speed scan
(shared by every pattern with the same class) and the pattern is tried only there. Only narrow
classes qualify (literals, small ranges, ``\d``, ``\s``): trying a pattern at most of a report's
characters would cost more than searching.

A pattern whose first required literal comes after nothing but runs of a narrow class
(``\s*-{2,}``) may have a *window* instead (``required_window``): where that literal occurs
rarely (the automaton has its offsets), the pattern is tried only in the run of the class before
each occurrence, and the text is not scanned for its lead class at all.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, Protocol

try:  # the parser the re module itself uses (3.11+: re._parser; before: sre_parse)
    from re import _constants as _c  # type: ignore[attr-defined]
    from re import _parser as _p  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_constants as _c
    import sre_parse as _p

_ZERO_WIDTH = {_c.ASSERT, _c.ASSERT_NOT}
_MAX_ANCHORS = 64
_REPEATS = {_c.MAX_REPEAT, _c.MIN_REPEAT}
_NARROW = {_c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"}  # \w, \S, \D hold most of a report
_MAX_RANGE = 256  # a wider range (all Han characters) is not narrow


class PatternSource(Protocol):
    """What ``anchors`` reads of a pattern: a ``re.Pattern`` or a ``LazyPattern`` not yet compiled."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...


def anchors(pattern: PatternSource) -> tuple[str, ...]:
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
    if op is _c.LITERAL or (op is _c.IN and all(o is _c.LITERAL for o, _a in av)):
        rest = ""
        for nxt_op, nxt_av in items[i + 1:]:  # extend with the literals that follow
            if nxt_op is not _c.LITERAL:
                break
            rest += chr(nxt_av)
        # A class of a few characters ([”》]) is one anchor per character.
        return [chr(av) + rest] if op is _c.LITERAL else [chr(a) + rest for _o, a in av]
    if op in _REPEATS and av[0] >= 1:  # its first repetition starts every match
        return _sequence(list(av[2]))
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


def lead_class(pattern: re.Pattern[str]) -> str | None:
    """A character class (as pattern source) that the first character of every match of
    ``pattern`` belongs to, or ``None`` when none narrow enough can be proved."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None
        items, nullable = _first(list(tree))
    except Exception:  # an unexpected parse shape only means: no lead class
        return None
    if not items or nullable or len(items) > _MAX_ANCHORS:
        return None
    parts: list[str] = []
    for op, av in items:
        if op is _c.LITERAL:
            parts.append(_char(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_RANGE:
            parts.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _c.CATEGORY and av in _NARROW:
            parts.append(_NARROW[av])
        else:
            return None
    ascii_only = "(?a)" if pattern.flags & re.ASCII else ""  # \d and \s mean what they mean there
    return ascii_only + "[" + "".join(dict.fromkeys(parts)) + "]"


def _char(code: int) -> str:
    return f"\\U{code:08x}"  # unambiguous inside a class, whatever the character


def _first(items: list) -> tuple[list | None, bool]:
    """The class items (LITERAL, RANGE, CATEGORY) a match of a sequence can start with, and
    whether the sequence can match without consuming anything (then what follows it counts too).
    ``None`` for anything not understood."""
    out: list = []
    for op, av in items:
        if op in _ZERO_WIDTH:  # consumes nothing: the next item still starts the match
            continue
        if op is _c.LITERAL:
            return [*out, (op, av)], False
        if op is _c.IN:
            if any(o is not _c.LITERAL and o is not _c.RANGE and o is not _c.CATEGORY for o, _a in av):
                return None, False  # a negated class, or something unusual
            return [*out, *av], False
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                return None, False
            got, nullable = _first(list(sub))
        elif op is _c.BRANCH:
            got, nullable = [], False
            for branch in av[1]:
                g, n = _first(list(branch))
                if g is None:
                    return None, False
                got += g
                nullable = nullable or n
        elif op in _REPEATS:
            low, _high, sub = av
            got, nullable = _first(list(sub))
            nullable = nullable or low == 0
        else:
            return None, False
        if got is None:
            return None, False
        out += got
        if not nullable:
            return out, False
    return out, True


_MAX_REQUIRED = 8  # literals in one required set; a larger set is nearly always present


def required_literals(pattern: re.Pattern[str]) -> tuple[tuple[str, ...], ...]:
    """Sets of literals such that every match of ``pattern`` contains one literal of each set
    (``\\s*-{2,}`` needs ``--``; ``\\d+[万亿]`` needs 万 or 亿). A text lacking every literal of a
    set has no match, so the pattern need not be compiled, let alone tried."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return ()
    try:
        found = _required(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an unexpected parse shape only means: nothing required
        return ()
    return tuple(dict.fromkeys(tuple(sorted(set(f))) for f in found if f and "" not in f and len(f) <= _MAX_REQUIRED))


def required_starts(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Characters such that every match of ``pattern`` holds one of them: the first characters of
    the literals of one of ``required_literals``'s sets (the one with the fewest, however large).
    A text holding none of them has no match; ``None`` when nothing can be proved."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE) or not isinstance(pattern.pattern, str):
        return None
    try:
        found = _required(list(_p.parse(pattern.pattern, pattern.flags)))
    except Exception:  # an unexpected parse shape only means: nothing required
        return None
    firsts = [frozenset(lit[0] for lit in f) for f in found if f and "" not in f]
    return min(firsts, key=len) if firsts else None


def _required(items: list) -> list[list[str]]:
    """The literal sets a sequence needs (of its items that every match goes through)."""
    out: list[list[str]] = []
    run = ""  # consecutive literals: one string
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            continue
        if run:
            out.append([run])
            run = ""
        if op is _c.IN and all(o is _c.LITERAL for o, _a in av):
            out.append([chr(a) for _o, a in av])
        elif op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
            (body_op, body_av), low = av[2][0], av[0]
            if body_op is _c.LITERAL:
                out.append([chr(body_av) * low])
            elif body_op is _c.IN and all(o is _c.LITERAL for o, _a in body_av):
                out.append([chr(a) for _o, a in body_av])
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:
            out.extend(_required(list(av[3])))
        elif op is _c.BRANCH:
            starts = [_sequence(list(branch)) for branch in av[1]]  # each branch begins with one of these
            if all(starts):
                out.append([a for got in starts for a in got or ()])
    if run:
        out.append([run])
    return out


def run_led(pattern: re.Pattern[str]) -> bool:
    """True when a match begins with an unbounded repetition of one character class and nothing
    before it (``\\d+…``, ``[一二]{2,}…``). Then where a try fails at a character of that class,
    it fails at the next one too (a match from there would extend to one from here), so within a
    run of the class only its first position needs trying."""
    if lead_class(pattern) is None:
        return False
    try:
        first = _p.parse(pattern.pattern, pattern.flags)[0]
    except Exception:  # pragma: no cover - parsed fine just above
        return False
    op, av = first
    if op not in _REPEATS:
        return False
    low, high, sub = av
    return low >= 1 and high is _c.MAXREPEAT and len(sub) == 1 and sub[0][0] in (_c.LITERAL, _c.IN)


def after_failure(pattern: re.Pattern[str]) -> str | None:
    """The pattern without its run-led alternatives, as source, for the rest of a lead-class run
    where the whole pattern has failed (``matches_in_runs``). In ``\\d{4}年|\\d+\\s*次`` the second
    alternative, tried at every digit of a run, reads to the run's end each time: quadratic in the
    run (100,000 digits took two minutes). Once it fails at one character of the run it fails at
    every later one (``run_led``), so trying the others alone from there gives the same matches.
    ``None`` when no alternative (or every one) is run-led, or the split cannot be proved sound."""
    lead = lead_class(pattern)
    branches = _top_level_branches(pattern.pattern)
    if lead is None or branches is None or "(?P=" in pattern.pattern or re.search(r"\\[1-9]", pattern.pattern):
        return None  # (a back-reference's group number would change in the split)
    prefix, alternatives = branches
    kept: list[str] = []
    for branch in alternatives:
        try:
            compiled = re.compile(prefix + branch, pattern.flags)
        except re.error:
            return None
        if not (run_led(compiled) and lead_class(compiled) == lead):
            kept.append(branch)
    if not kept or len(kept) == len(alternatives):
        return None
    return prefix + "|".join(kept)


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


def _top_level_branches(source: str) -> tuple[str, list[str]] | None:
    """A pattern's leading global flags (``(?a)``) and its alternatives at the top level, as
    sources; None when it has a single one."""
    flags = _GLOBAL_FLAGS.match(source)
    prefix = flags.group() if flags else ""
    parts: list[str] = []
    depth, start, i, in_class = 0, len(prefix), len(prefix), False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if source.startswith("^]", i + 1) or source.startswith("]", i + 1):  # a ] first is a member
                i = source.index("]", i + 1) + 1
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return (prefix, parts) if len(parts) > 1 else None


class Follow(NamedTuple):
    """Characters of a class (``run_follow``): these, plus every decimal digit (``str.isdecimal``,
    what ``\\d`` matches) or white space (``str.isspace``, what ``\\s`` matches) when set."""

    chars: frozenset[str]
    digit: bool = False
    space: bool = False

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and (ch in self.chars or (self.digit and ch.isdecimal())
                                        or (self.space and ch.isspace()))


_CATEGORY_TEST = {_c.CATEGORY_DIGIT: str.isdecimal, _c.CATEGORY_SPACE: str.isspace}


def run_follow(pattern: re.Pattern[str]) -> Follow | None:
    """The characters that follow the run of the lead class where a match starts, when that can be
    proved: every match (of each branch) begins with a repetition of one class inside the lead class
    and goes on with a character outside it. Then the repetition ends exactly where the run ends,
    and a run followed by anything else holds no match. ``None`` otherwise."""
    if lead_class(pattern) is None or pattern.flags & re.ASCII:  # (ASCII: \d, \s would not be str's tests)
        return None
    try:
        tree = list(_p.parse(pattern.pattern, pattern.flags))
        lead, _nullable = _first(tree)
        follow = _follow(tree)
    except Exception:  # an unexpected parse shape only means: nothing proved
        return None
    if not lead or not follow or len(follow) > _MAX_ANCHORS:
        return None
    chars: set[str] = set()
    categories: set[int] = set()
    if not _narrow_members(follow, chars, categories):
        return None
    if not _disjoint(lead, chars, categories):
        return None
    return Follow(frozenset(chars), _c.CATEGORY_DIGIT in categories, _c.CATEGORY_SPACE in categories)


def _follow(items: list) -> list | None:
    """The class items that may follow the leading repetition of every branch (see ``run_follow``)."""
    i = 0
    while i < len(items) and items[i][0] in _ZERO_WIDTH:  # look-arounds consume nothing
        i += 1
    if i == len(items):
        return None
    (op, av), rest = items[i], items[i + 1:]
    if op is _c.BRANCH or op is _c.SUBPATTERN:
        if rest:  # (what follows a group would count too: not handled)
            return None
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            return None if add_flags or del_flags else _follow(list(sub))
        out: list = []
        for branch in av[1]:
            got = _follow(list(branch))
            if got is None:
                return None
            out += got
        return out
    if op in _REPEATS:
        low, _high, sub = av
        if low < 1 or len(sub) != 1:
            return None
        op, av = sub[0]
    if op is not _c.LITERAL and not (op is _c.IN and all(o in _CLASS_ITEMS for o, _a in av)):
        return None
    got, nullable = _first(rest)
    return None if got is None or nullable else got


_CLASS_ITEMS = {_c.LITERAL, _c.RANGE, _c.CATEGORY}


def _disjoint(lead: list, chars: set[str], categories: set[int]) -> bool:
    """Whether no character is both in the lead class (its items) and among ``chars`` or in one of
    ``categories`` (digits, white space: two categories no character shares)."""
    for op, av in lead:
        if op is _c.LITERAL:
            members: list[str] = [chr(av)]
        elif op is _c.RANGE and av[1] - av[0] < _MAX_RANGE:
            members = [chr(c) for c in range(av[0], av[1] + 1)]
        elif op is _c.CATEGORY and av in _CATEGORY_TEST:
            if av in categories or any(_CATEGORY_TEST[av](ch) for ch in chars):
                return False
            continue
        else:
            return False
        if any(ch in chars or any(_CATEGORY_TEST[c](ch) for c in categories) for ch in members):
            return False
    return True


def matches_at(pattern: re.Pattern[str], text: str, starts: list[int], runs: bool = False) -> list[tuple[int, int]]:
    """The non-empty matches ``pattern.finditer(text)`` gives, found by trying the pattern only at
    ``starts`` (ascending; every offset where an anchor occurs, or every character of the lead
    class), left to right without overlaps. ``runs`` (``run_led``): a start right after one that
    failed fails too, and is not tried."""
    out: list[tuple[int, int]] = []
    match = pattern.match
    end = 0
    failed = -2
    for pos in starts:
        if pos < end:
            continue
        if runs and pos == failed + 1:
            failed = pos
            continue
        m = match(text, pos)
        if m is not None and (stop := m.end()) > pos:
            out.append((pos, stop))
            end = stop
        else:
            failed = pos
    return out


def runs_of(lead: str) -> str:
    """A pattern for the maximal runs of a lead class (``lead_class``'s answer): the class, then its
    repetition. Led by the class (not by a repeat), it lets re skip to the class's characters at C
    speed instead of trying a match at every offset."""
    flags, cls = ("(?a)", lead[4:]) if lead.startswith("(?a)") else ("", lead)
    return f"{flags}{cls}{cls}*"


def matches_in_runs(pattern: re.Pattern[str], text: str, runs: list[tuple[int, int]],
                    run_led: bool = False, rest: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """``matches_at`` with ``starts`` every offset of the maximal ``runs`` [start, end) of the lead
    class (one object per run, not per character, found by the caller's scan). A ``run_led``
    pattern that fails in a run fails at the run's remaining offsets, consecutive all: the run is
    left. Otherwise, after a failure in a run, ``rest`` (``after_failure``) is tried instead of
    ``pattern`` for the rest of that run."""
    out: list[tuple[int, int]] = []
    first = pattern.match
    end = 0
    for run_start, run_end in runs:
        pos = run_start if run_start > end else end
        match = first
        while pos < run_end:
            m = match(text, pos)
            if m is not None and (stop := m.end()) > pos:
                out.append((pos, stop))
                pos = end = stop
            elif run_led:
                break
            else:
                if rest is not None:
                    match = rest.match
                pos += 1
    return out


class Window(NamedTuple):
    """What ``required_window`` proves of a pattern: every match has one of ``literals`` starting
    at some offset r, and everything the match consumes before r is characters of ``before``."""

    literals: tuple[str, ...]
    before: Follow


def required_window(pattern: re.Pattern[str]) -> Window | None:
    """For a pattern whose first required item (a literal, a class of literals, a repetition of one,
    or a choice of literal-led branches: ``-{2,}``, ``(?:次|人次)``) comes after nothing but runs of
    a narrow class (``\\d+\\s*``): that item's literals and the class. A match then starts inside the
    run of the class that ends where one of the literals occurs, so where the literals are rare,
    trying the pattern there costs less than finding every run of its lead class. ``None`` when
    that cannot be proved from the pattern's structure."""
    if pattern.flags & (re.IGNORECASE | re.VERBOSE | re.ASCII) or not isinstance(pattern.pattern, str):
        return None  # (ASCII: \d, \s would not be str's tests)
    try:
        tree = _p.parse(pattern.pattern, pattern.flags)
        if tree.getwidth()[0] == 0:
            return None
        items = list(tree)
        chars: set[str] = set()
        categories: set[int] = set()
        for i, (op, av) in enumerate(items):
            found = _item_literals(op, av, items[i + 1:])
            if found is not None:
                if not found or "" in found or len(found) > _MAX_ANCHORS:
                    return None
                return Window(tuple(sorted(set(found))), Follow(frozenset(chars), _c.CATEGORY_DIGIT in categories,
                                                                _c.CATEGORY_SPACE in categories))
            if not _consumes_only(op, av, chars, categories):
                return None
    except Exception:  # an unexpected parse shape only means: nothing proved
        return None
    return None


def _item_literals(op: Any, av: Any, rest: list) -> list[str] | None:
    """The literals one of which starts where the item starts, when it is a required item."""
    if op is _c.LITERAL:
        run = chr(av)
        for nxt_op, nxt_av in rest:  # (the literals that follow: one longer, rarer string)
            if nxt_op is not _c.LITERAL:
                break
            run += chr(nxt_av)
        return [run]
    if op is _c.IN and all(o is _c.LITERAL for o, _a in av):
        return [chr(a) for _o, a in av]
    if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
        (body_op, body_av), low = av[2][0], av[0]
        if body_op is _c.LITERAL:
            return [chr(body_av) * low]
        if body_op is _c.IN and all(o is _c.LITERAL for o, _a in body_av):
            return [chr(a) for _o, a in body_av]
    if op is _c.BRANCH:
        starts = [_sequence(list(branch)) for branch in av[1]]
        if all(starts):
            return [a for got in starts for a in got or ()]
    return None


def _narrow_members(items: Any, chars: set[str], categories: set[int]) -> bool:
    """Whether every member of a class (or a list of follow items) is narrow: a literal, a small
    range, digits or white space; they are added to ``chars`` and ``categories``. Anything else (a
    negated class, a wide range, \\w...) makes it False."""
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _MAX_RANGE:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        elif op is _c.CATEGORY and av in _CATEGORY_TEST:
            categories.add(av)
        else:
            return False
    return True


def _consumes_only(op: Any, av: Any, chars: set[str], categories: set[int]) -> bool:
    """Whether an item consumes only characters of a narrow class; the class is added to ``chars``
    and ``categories`` (digits, white space)."""
    if op in _ZERO_WIDTH or op is _c.AT:
        return True
    if op is _c.LITERAL:
        chars.add(chr(av))
        return True
    if op is _c.IN:
        return _narrow_members(av, chars, categories)
    if op in _REPEATS:
        return all(_consumes_only(o, a, chars, categories) for o, a in av[2])
    if op is _c.SUBPATTERN:
        return not av[1] and not av[2] and all(_consumes_only(o, a, chars, categories) for o, a in av[3])
    if op is _c.BRANCH:
        return all(_consumes_only(o, a, chars, categories) for branch in av[1] for o, a in branch)
    return False


def windows_before(text: str, starts: list[int], before: Follow) -> list[tuple[int, int]]:
    """Where matches may start, given ``required_window``'s answer: for each offset r (ascending) of
    one of its literals, [the start of the run of ``before`` ending at r, r], as [start, end)
    spans in order, adjacent or overlapping ones merged (for ``matches_in_runs``)."""
    out: list[tuple[int, int]] = []
    floor = 0  # what lies before is in a window already
    for r in starts:
        s = r
        while s > floor and text[s - 1] in before:
            s -= 1
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], r + 1)
        else:
            out.append((s, r + 1))
        floor = r + 1
    return out
