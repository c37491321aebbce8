"""The section-role vocabulary (YAML) and organisation-kind rules, validated by pydantic."""

from __future__ import annotations

import bisect
import re
from collections.abc import Set as AbstractSet
from itertools import accumulate
from pathlib import Path

from ahocorasick_rs import AhoCorasick, Implementation
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator

from ..lazy_regex import LazyPattern
from ..matching.terms import check_regex
from ..models import ReportKind
from ..models.factories import empty_list
from ..normalize import fold_phrase, folds_to_itself
from ..yamlpos import load_located


class RoleSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", populate_by_name=True)

    label: str
    headings: list[str] = Field(default_factory=empty_list)
    patterns: list[str] = Field(default_factory=empty_list)
    default_before: list[str] = Field(default_factory=empty_list)
    default_skip: list[str] = Field(default_factory=empty_list)
    # Phrases that contain a heading word without naming the part (补短板 is not a 短板 part).
    except_: list[str] = Field(default_factory=empty_list, alias="except")
    # A statutory part is a top-tier heading (or the tier below): a 3. inside the measures is not one.
    max_level: int | None = Field(default=None, ge=1)
    # …nor is a （三） under a section with one of these roles.
    not_under: list[str] = Field(default_factory=empty_list)
    # Regular expressions matched at a paragraph's start that open an unheaded part (下一步，我局将…).
    leads: list[str] = Field(default_factory=empty_list)
    _folded: list[str] = PrivateAttr(default_factory=list)
    _except: list[str] = PrivateAttr(default_factory=list)
    _leads: list[re.Pattern[str]] = PrivateAttr(default_factory=list)

    @field_validator("patterns", "leads")
    @classmethod
    def _compile(cls, value: list[str]) -> list[str]:
        for p in value:
            check_regex(p)
        return value

    def matches(self, folded_title: str) -> bool:
        for phrase in self._except:
            folded_title = folded_title.replace(phrase, "\0")
        return any(h in folded_title for h in self._folded) or any(
            re.search(p, folded_title) for p in self.patterns
        )

    def lead(self, text: str, start: int, end: int) -> re.Match[str] | None:
        """A lead phrase at ``start`` (a paragraph's start) that opens this part."""
        return next((m for p in self._leads if (m := p.match(text, start, end))), None)

    def model_post_init(self, _context: object) -> None:
        self._folded = [fold_phrase(h) for h in self.headings]
        self._except = [fold_phrase(h) for h in self.except_]
        self._leads = [re.compile(p) for p in self.leads]


class KindRule(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kind: ReportKind
    ends_with: list[str] = Field(default_factory=empty_list)
    contains_all: list[list[str]] = Field(default_factory=empty_list)

    def matches(self, name: str) -> bool:
        if self.contains_all and all(any(w in name for w in group) for group in self.contains_all):
            return True
        return any(name.endswith(s) for s in self.ends_with)


class RoleTable:
    """What the parser reads of the vocabulary for every report, as plain tuples and dicts made
    once per vocabulary: a pydantic model's private attributes are read through
    ``BaseModel.__getattr__``, a Python call on each read (some thirty per report)."""

    __slots__ = ("_any_heading", "_asked", "_automaton", "_headings", "_kinds", "_patterned", "_specs", "_words",
                 "defaults", "leads", "may_head", "measures_before")
    _automaton: AhoCorasick | None  # made on the first scan, never pickled

    def __getstate__(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__ if name != "_automaton"}

    def __setstate__(self, state: dict[str, object]) -> None:
        for name, value in state.items():
            setattr(self, name, value)
        self._automaton = None

    def __init__(self, roles: dict[str, RoleSpec], kinds: list[KindRule] | None = None) -> None:
        self._specs = tuple(roles.items())
        # (kind, endings as one tuple for str.endswith, groups of words that must all appear)
        self._kinds = tuple((k.kind, tuple(k.ends_with), tuple(tuple(g) for g in k.contains_all))
                            for k in kinds or ())
        # role → (deepest heading tier, roles it may not sit under)
        self.may_head = {r: (s.max_level, frozenset(s.not_under)) for r, s in roles.items()}
        # roles given by position: (role, the roles that end it, the roles it skips)
        self.defaults = tuple((r, frozenset(s.default_before), frozenset(s.default_skip))
                              for r, s in roles.items() if s.default_before)
        self.leads = tuple((r, tuple(s._leads)) for r, s in roles.items() if s.leads)
        measures = roles.get("measures")
        self.measures_before = None if measures is None else frozenset(measures.default_before)
        # What ``RoleSpec.matches`` reads, as plain tuples (its private attributes are read through
        # pydantic's ``__getattr__``, ~3.7 us each): role, its exceptions, its heading words (all
        # folded), its patterns (compiled on first use). No memo of titles across reports: a
        # benchmark repeating one report would count its hits, and a batch's would only grow.
        self._headings = tuple(_RoleMatcher(role, spec) for role, spec in self._specs)
        # Most headings hold no role's heading word: one search for any of them, and then only the
        # roles with patterns are asked. (Replacing exceptions by "\0" never makes a word appear
        # that the title lacks.)
        words = {w for spec in roles.values() for w in spec._folded}
        self._any_heading = _alternatives(words) if "" not in words else None  # ("" is in every title)
        self._patterned = tuple(m for m in self._headings if m.patterns)
        # For ``scan_titles``: every word of every role (heading words and exceptions), found in the
        # titles by one automaton (made on the first scan: it cannot be pickled with the pack). None
        # where a word is empty (in every title), holds a line break (the titles are scanned joined
        # by breaks) or cannot be encoded (Rust strings are UTF-8).
        every_word = sorted(words | {w for spec in roles.values() for w in spec._except})
        self._words: tuple[str, ...] | None = tuple(every_word) if _scannable(every_word) else None
        self._automaton = None
        self._asked: dict[tuple[int, tuple[str, ...]], _Asked] = {}

    def kind_of(self, organisation: str) -> ReportKind | None:
        """``KindRule.matches`` of each rule in turn, on tuples: one ``endswith`` per rule."""
        for kind, endings, groups in self._kinds:
            if groups and all(any(w in organisation for w in group) for group in groups):
                return kind
            if organisation.endswith(endings):
                return kind
        return None

    def _may_head(self, level: int, above: tuple[str, ...]) -> _Asked:
        """The roles that may head a section at ``level`` under the own roles ``above``, those of
        them with patterns, and all their words and exceptions (a few tiers and role paths: kept,
        they depend on the vocabulary alone)."""
        key = (level, above)
        asked = self._asked.get(key)
        if asked is None:
            every = tuple(m for m in self._headings if may_head_under(self.may_head[m.role], level, above))
            asked = self._asked[key] = (every, tuple(m for m in every if m.patterns),
                                        frozenset(w for m in every for w in (*m.words, *m.excepts)))
        return asked

    def own_roles(self, title: str, level: int, above: tuple[str, ...]) -> list[str]:
        """``heading_roles(title)`` less the roles that may not head a section at ``level`` under
        sections with the roles ``above`` (``may_head_under``), those never asked: most sections sit
        under the measures, where the statutory parts cannot be headed."""
        every, patterned, _words = self._may_head(level, above)
        if not every:
            return []
        folded = fold_phrase(title)
        if self._any_heading is not None and not self._any_heading.search(folded):
            every = patterned
        return [m.role for m in every if m.matches(folded)]

    def scan_titles(self, titles: list[str]) -> list[tuple[str, AbstractSet[str]]] | None:
        """For each title, its folded form and the words of the vocabulary (any role's heading words
        and exceptions) it holds, for ``own_roles_in``: the titles of a report are searched joined,
        in one pass, where ``own_roles`` makes a search per title and role. None when this
        vocabulary's words cannot be found so (``own_roles`` then)."""
        words = self._words
        if words is None:
            return None
        if not titles:
            return []
        joined = "\n".join(titles)
        if folds_to_itself(joined):  # (most reports: their titles come from folded text)
            folded = titles
        else:
            folded = [fold_phrase(title) for title in titles]
            joined = "\n".join(folded)
        if joined.count("\n") != len(folded) - 1:  # a title with a line break (none from the parser)
            return None
        automaton = self._automaton
        if automaton is None:  # a DFA: ~5M instructions to make once per process, then ~25k a report's
            # titles (the contiguous NFA: ~1M, then ~50k)
            automaton = self._automaton = AhoCorasick(list(words), implementation=Implementation.DFA)
        try:  # every occurrence of every word, overlaps included
            found = automaton.find_matches_as_indexes(joined, overlapping=True)
        except UnicodeEncodeError:  # a lone surrogate (a Rust string cannot hold one)
            return None
        starts = list(accumulate([len(f) + 1 for f in folded[:-1]], initial=0))
        present: list[AbstractSet[str]] = [_NONE] * len(folded)
        for index, at, _end in found:
            k = bisect.bisect_right(starts, at) - 1
            here = present[k]
            if not isinstance(here, set):  # still the shared _NONE
                here = present[k] = set()
            here.add(words[index])
        return list(zip(folded, present, strict=True))

    def own_roles_in(self, folded: str, present: AbstractSet[str], level: int, above: tuple[str, ...]) -> list[str]:
        """``own_roles`` of a title from ``scan_titles`` (its folded form and the words it holds)."""
        every, patterned, words = self._may_head(level, above)
        if words.isdisjoint(present):  # no word of these roles: only a pattern can match (the title as it is)
            return [m.role for m in patterned if any(p.search(folded) for p in m.patterns)] if patterned else []
        out = []
        for m in every:
            if m.excepts and not present.isdisjoint(m.excepts):  # an exception to take out first
                if m.matches(folded):
                    out.append(m.role)
            elif not present.isdisjoint(m.words) or (m.patterns and any(p.search(folded) for p in m.patterns)):
                out.append(m.role)
        return out

    def heading_roles(self, title: str) -> tuple[str, ...]:
        """The roles whose ``RoleSpec.matches`` accepts the folded title, in the vocabulary's order."""
        folded = fold_phrase(title)
        if self._any_heading is not None and not self._any_heading.search(folded):
            return tuple(m.role for m in self._patterned if m.matches(folded))
        return tuple(m.role for m in self._headings if m.matches(folded))


class _RoleMatcher:
    """``RoleSpec.matches`` of one role, on plain attributes (a spec's private attributes are read
    through pydantic's ``__getattr__``, ~3.7 us each), with its word lists as one search each."""

    __slots__ = ("always", "excepts", "has_except", "has_heading", "patterns", "role", "words")

    def __init__(self, role: str, spec: RoleSpec) -> None:
        self.role = role
        self.excepts = tuple(spec._except)
        self.has_except = _alternatives(set(self.excepts)) if "" not in self.excepts else None
        self.always = "" in spec._folded  # (an empty word is in every title)
        self.has_heading = _alternatives(set(spec._folded))  # (no words: None)
        self.words = frozenset(spec._folded)
        self.patterns = tuple(LazyPattern(p) for p in spec.patterns)

    def matches(self, folded_title: str) -> bool:
        text = folded_title
        if self.excepts and (self.has_except is None or self.has_except.search(text)):
            for phrase in self.excepts:  # (in turn, as the spec does: one may hold another)
                text = text.replace(phrase, "\0")
        if self.always or (self.has_heading is not None and self.has_heading.search(text)):
            return True
        return any(p.search(text) for p in self.patterns)


def may_head_under(rule: tuple[int | None, frozenset[str]], level: int, parent_roles: tuple[str, ...]) -> bool:
    """A statutory part is headed at the top tiers, not inside a section of another kind
    (“3.补齐执法短板” under the measures is a measure, not the shortcomings part)."""
    max_level, not_under = rule
    if max_level is not None and level > max_level:
        return False
    return not_under.isdisjoint(parent_roles)


# (the roles that may head, those of them with patterns, all their words and exceptions)
_Asked = tuple[tuple[_RoleMatcher, ...], tuple[_RoleMatcher, ...], frozenset[str]]
_NONE: frozenset[str] = frozenset()  # a title holding no word (shared: never added to)


def _scannable(words: list[str]) -> bool:
    """Whether the automaton can find ``words`` in titles joined by line breaks."""
    if not words or not all(w and "\n" not in w for w in words):
        return False
    try:
        "".join(words).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _alternatives(words: set[str]) -> LazyPattern | None:
    """A search for any of ``words`` (none: None). Longest first, so the same source every run."""
    if not words:
        return None
    return LazyPattern("|".join(map(re.escape, sorted(words, key=lambda w: (-len(w), w)))))


class Vocabulary(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    version: int = 1
    roles: dict[str, RoleSpec]
    kinds: list[KindRule] = Field(default_factory=empty_list)
    _table: RoleTable | None = PrivateAttr(default=None)

    def table(self) -> RoleTable:
        """The roles as the parser reads them (made on first use; a vocabulary is not changed
        once it is used: ``merged`` builds a new one)."""
        # Read from ``__pydantic_private__`` (pydantic's documented store of private attribute
        # values): ``self._table`` reaches it through ``BaseModel.__getattr__``, a Python call of
        # ~3.7 us, once per report.
        private = self.__pydantic_private__
        table = private.get("_table") if private is not None else self._table
        if table is None:
            table = self._table = RoleTable(self.roles, self.kinds)
        return table

    def heading_roles(self, title: str) -> list[str]:
        return list(self.table().heading_roles(title))

    def kind_of(self, organisation: str) -> ReportKind | None:
        return self.table().kind_of(organisation)

    def merged(self, other: Vocabulary) -> Vocabulary:
        """Add ``other``'s synonyms and roles to this vocabulary (plugins extend, never replace)."""
        roles = {k: v.model_copy(deep=True) for k, v in self.roles.items()}
        for name, spec in other.roles.items():
            if name in roles:
                mine = roles[name]
                mine.headings += [h for h in spec.headings if h not in mine.headings]
                mine.patterns += [p for p in spec.patterns if p not in mine.patterns]
                mine.default_before += [d for d in spec.default_before if d not in mine.default_before]
                mine.default_skip += [d for d in spec.default_skip if d not in mine.default_skip]
                mine.except_ += [d for d in spec.except_ if d not in mine.except_]
                mine.not_under += [d for d in spec.not_under if d not in mine.not_under]
                mine.leads += [d for d in spec.leads if d not in mine.leads]
                mine.model_post_init(None)
            else:
                roles[name] = spec
        return Vocabulary(version=self.version, roles=roles, kinds=other.kinds + self.kinds)


def load_vocabulary(paths: list[Path]) -> Vocabulary:
    merged: Vocabulary | None = None
    for path in paths:
        doc = load_located(path)
        vocab = doc.validate(Vocabulary)
        merged = vocab if merged is None else merged.merged(vocab)
    if merged is None:
        raise ValueError("no vocabulary files given")
    return merged


def role_table(vocab: Vocabulary | RoleTable) -> RoleTable:
    """A vocabulary's role table, or the table itself: the parser reads it once per report and
    hands it on (``Vocabulary.table`` reads a pydantic private attribute, a Python call of
    some 2 us, which three steps of a parse each made)."""
    return vocab if isinstance(vocab, RoleTable) else vocab.table()
