"""What every check type shares: the context it runs in and the outcome it returns."""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import operator
import re
from abc import ABC, abstractmethod
from collections.abc import Container, Iterable
from dataclasses import dataclass, field
from itertools import chain, repeat
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from pydantic import BaseModel

from ..lazy_regex import LazyPattern
from ..matching.anchors import Follow, matches_at, matches_in_runs, runs_of, windows_before
from ..matching.automaton import PhraseIndex
from ..matching.boundaries import SENTENCE_BREAKS, BoundaryChecker
from ..matching.chars import offsets_of
from ..matching.codeunits import HanCounter, digit_runs
from ..matching.terms import CompiledTerms, Regex_, Term, TermGroup, compile_group, compile_terms
from ..models import Document, MissingItem, Span, Status
from ..models.pack import RuleSpec
from .clauses import CLAUSE_BREAKS, MENTION_LABELS, BookTitles, ClauseBreaks, Mention, judge_clause

_START = operator.attrgetter("start")
_FIRST = operator.itemgetter(0)
_SECOND = operator.itemgetter(1)
# Named tuples built without their Python-level __new__ (what ``_make`` does, less its length
# check): a report builds hundreds of matches and spans, and the keyword call cost twice as much.
_new = tuple.__new__
_DIGIT, _ASCII_DIGIT = "[\\d]", "(?a)[\\d]"  # lead classes (``lead_class``) of runs of digits
_FEW_STARTS = 16  # anchor offsets a regex is tried at without first testing its required literals
_FEW_WINDOWS = 16  # occurrences of a required item's literals a regex is tried before (else: lead runs)
__all__ = ["CLAUSE_BREAKS", "CheckContext", "Match", "Mention", "Outcome"]


class Match(NamedTuple):
    """A mention of a group's term: [start, end) of the text (a named tuple: a report makes
    hundreds, and a frozen dataclass cost several times as much to build)."""

    start: int
    end: int
    text: str
    group: str = ""


# What a check returns is internal (the engine turns it into result models): plain slotted
# dataclasses, checked like the models they replace, cost a tenth of a validated model each.
@dataclass(slots=True, kw_only=True)
class Draft:
    """A finding as a check reports it; the engine adds code, severity and location."""

    message: str
    span: Span | None = None
    replacement: str | None = None

    def __post_init__(self) -> None:
        span = self.span  # (a Span or None as it is: no conversion, no call)
        if span is not None and type(span) is not Span:
            self.span = Span(*span)


@dataclass(slots=True, kw_only=True)
class EvidenceDraft:
    item: str | None = None
    span: Span

    def __post_init__(self) -> None:
        if type(self.span) is not Span:
            self.span = Span(*self.span)


# Findings a rule's result lists (the first, in the report's order; its message says so). A check
# whose findings grow with the text (one per stray quotation mark) may stop looking past this:
# a million stray marks made a million findings, 2.6 GB and half a minute of locating them.
MAX_FINDINGS = 100


@dataclass(slots=True, kw_only=True)
class Outcome:
    status: Status
    credit: float  # 0..1
    message: str
    evidence: list[EvidenceDraft] = field(default_factory=list)
    missing: list[MissingItem] = field(default_factory=list)
    findings: list[Draft] = field(default_factory=list)
    anchor: Span | None = None  # where a summary finding should point

    def __post_init__(self) -> None:
        # (a report makes ~40 outcomes: values already of their type are not converted or set again)
        if type(self.status) is not Status:
            self.status = Status(self.status)  # a plugin may give the value ("pass")
        credit = self.credit
        if type(credit) is not float:
            credit = float(credit)
        if not 0 <= credit <= 1:
            raise ValueError(f"credit must be between 0 and 1, got {self.credit!r}")
        self.credit = credit
        anchor = self.anchor
        if anchor is not None and type(anchor) is not Span:
            self.anchor = Span(*anchor)

    def model_copy(self, *, update: dict[str, Any] | None = None) -> Outcome:
        """A copy with some fields replaced (the name the pydantic model had)."""
        return dataclasses.replace(self, **(update or {}))


@dataclass(frozen=True)
class MatchSettings:
    negation_cues: tuple[str, ...]
    plan_cues: tuple[LazyPattern | re.Pattern[str], ...]
    not_done_roles: frozenset[str]


class CheckContext:
    """One document being checked by one pack: hits from the single automaton pass, scopes,
    units, and the done/negated/planned judgement.

    Rules of a pack ask the same questions again and again (the same groups, scopes, units and
    mentions): everything derived from the document alone is worked out once per context."""

    def __init__(self, doc: Document, hits: dict[str, list[int]], settings: MatchSettings,
                 boundaries: BoundaryChecker, role_labels: dict[str, str], indexed: Container[str] = ()):
        self.doc = doc
        self.hits = hits
        self.indexed = indexed  # the phrases ``hits`` was scanned for (regex anchors among them)
        self.settings = settings
        self.boundaries = boundaries
        self.role_labels = role_labels
        year = doc.metadata.report_year
        self._year = year.value if year else None
        self._regex_cache: dict[str, list[tuple[int, int]]] = {}
        self._lead_cache: dict[str, list[tuple[int, int]]] = {}
        # by lead class: its runs by the character after them, and which of those are spaces, digits
        self._runs_by_next: dict[str, tuple[dict[str, list[tuple[int, int]]], set[str], set[str]]] = {}
        self._follow_cache: dict[tuple[str, Follow], list[tuple[int, int]]] = {}
        self._literal_cache: tuple[dict[str, list[tuple[int, int, bool]]], ...] = ({}, {})  # by boundary
        self._titles: BookTitles | None = None
        self._units_cache: dict[tuple, list[Span]] = {}
        self._tilings: dict[tuple[str, int], Tiling | None] = {}
        self._scopes: dict[str, list[Span] | None] = {}
        self._mentions: dict[tuple[int, int, bool], Mention] = {}
        # Keyed by id(); each entry holds its key object so that id cannot be reused meanwhile.
        self._span_sets: dict[int, tuple[object, SpanSet]] = {}
        self._breaks: ClauseBreaks | None = None
        self._ends: list[int] | None = None  # offsets just after each sentence end
        self._not_done: SpanSet | None = None
        self._span_sets_by_value: dict[tuple[tuple[int, int], ...], SpanSet] = {}
        self._span_lists: dict[tuple[tuple[int, int], ...], list[Span]] = {}
        self._on_boundaries: dict[tuple[int, int], bool] = {}
        self._han: HanCounter | None = None

    # -- scopes and units ---------------------------------------------------------------

    def scope_spans(self, scope: str) -> list[Span] | None:
        """Spans for a rule scope; ``None`` when the scope does not exist in this document.
        Memoised like ``units``: the list is shared by every rule with that scope, read-only."""
        if scope in self._scopes:
            return self._scopes[scope]
        spans = self._scopes[scope] = self._scope_spans(scope)
        if spans is not None:
            self._span_sets[id(spans)] = (spans, SpanSet(spans))
        return spans

    def _scope_spans(self, scope: str) -> list[Span] | None:
        doc = self.doc
        if scope == "document":
            return [doc.body] if doc.body else [Span(start=0, end=len(doc.text))]
        if scope == "title":
            return [doc.title] if doc.title else None
        if scope == "signature":
            return [doc.signature] if doc.signature else None
        if scope == "preamble":
            if not doc.body:
                return None
            first = doc.sections[0].span.start if doc.sections else doc.body.end
            return [Span(start=doc.body.start, end=first)] if first > doc.body.start else None
        if scope.startswith("section:"):
            return doc.role_spans(scope.split(":", 1)[1]) or None
        return None

    def units(self, kind: str, spans: Iterable[Span]) -> list[Span]:
        """Paragraphs, sentences or innermost sections that overlap ``spans`` (memoised: every
        rule of a pack asks for the same few)."""
        spans = list(spans)
        if kind == "scope":
            return spans
        key = (kind, tuple((s.start, s.end) for s in spans))
        cached = self._units_cache.get(key)
        if cached is None:
            cached = self._units_cache[key] = self._units(kind, spans)
            # Rules ask ``find`` about the same memoised units again and again: one SpanSet for them.
            self._span_sets[id(cached)] = (cached, SpanSet(cached))
        return cached

    def _units(self, kind: str, spans: list[Span]) -> list[Span]:
        if kind == "section":
            out = []
            for sec in self.doc.all_sections():
                if not sec.children and any(_overlap(sec.span, s) for s in spans):
                    out.append(sec.span)
            return out or spans
        if kind != "paragraph":  # sentences: of the paragraphs, worked out (or memoised) first
            return self._sentences(self.units("paragraph", spans))
        # Headings are units too: a heading's own words count for its section.
        found = [p.span for p in self.doc.paragraphs] + [sec.heading for sec in self.doc.all_sections()]
        if len(spans) == 1:  # (one scope span, as most scopes: SpanSet.overlaps without a call each)
            lo, hi = spans[0]
            return sorted([u for u in found if u[0] < hi and lo < u[1]], key=_START)
        overlaps = SpanSet(spans).overlaps
        return sorted([u for u in found if overlaps(u)], key=_START)

    def tiling(self, kind: str, spans: list[Span]) -> Tiling | None:
        """``units(kind, spans)`` as a ``Tiling`` when they are paragraphs or sentences that do not
        overlap (the parser's paragraphs and headings never do); ``None`` otherwise. Memoised.

        A check that only asks which unit each mention lies in need not build a span per sentence,
        nor bisect every unit for every group: one bisection per mention answers."""
        if kind != "paragraph" and kind != "sentence":
            return None
        paragraphs = self.units("paragraph", spans)  # (memoised: its id stands for ``spans``)
        key = (kind, id(paragraphs))
        if key in self._tilings:
            return self._tilings[key]
        starts = list(map(_FIRST, paragraphs))
        ends = list(map(_SECOND, paragraphs))
        tiling = None
        # each non-empty, each ending where or before the next starts
        if all(map(operator.lt, starts, ends)) and all(map(operator.le, ends, starts[1:])):
            if kind == "paragraph":
                tiling = Tiling(paragraphs, starts)
            else:  # a sentence starts at its paragraph's start or after a sentence end inside it
                breaks = self._sentence_ends()
                # (a sort of two ascending runs: a merge; a sentence end at a paragraph start is
                # there twice, and a key skips one number: it is still the unit's, and in order)
                tiling = Tiling(paragraphs, sorted(starts + breaks), starts, breaks)
        self._tilings[key] = tiling
        return tiling

    def _sentence_ends(self) -> list[int]:
        """Every offset just after a sentence end of the text, ascending (found once)."""
        if self._ends is None:
            self._ends = offsets_of(self.doc.text, SENTENCE_BREAKS, plus=1)
        return self._ends

    def _sentences(self, paragraphs: list[Span]) -> list[Span]:
        ends = self._sentence_ends()
        sentences: list[Span] = []
        add, after = sentences.append, bisect.bisect_right
        for start, end in paragraphs:
            for k in range(after(ends, start), after(ends, end)):  # the ends in (start, end]
                cut = ends[k]
                add(_new(Span, (start, cut)))
                start = cut
            if end > start:  # the paragraph's last words without a sentence end
                add(_new(Span, (start, end)))
        return sentences

    # -- matching ------------------------------------------------------------------------

    def find(self, terms: CompiledTerms, spans: Iterable[Span] | None = None,
             done_only: bool = False, limit: int | None = None) -> list[Match]:
        """Mentions of ``terms`` inside ``spans`` (all of the text when ``None``), in order, one per
        distinct span of text; only those on word boundaries where a term asks for them; only
        those done this year with ``done_only``; the first ``limit`` of them when given (judging
        a mention costs far more than finding it)."""
        text = self.doc.text
        group = terms.id
        on_boundary = self._on_boundary
        found: Iterable[tuple[int, int, bool]]
        if limit is None:
            found = self._inside(self._candidates_of(terms), spans)
            if not done_only:
                return [_new(Match, (start, end, text[start:end], group))
                        for start, end, needs_boundary in found if not needs_boundary or on_boundary(start, end)]
        else:  # the first few are wanted: candidates tested for ``spans`` only until they are found
            found = self._candidates_of(terms)
            if spans is not None and found:
                inside = self._span_set(spans)
                starts, ends = inside.starts, inside.ends
                first = bisect.bisect_left(found, (starts[0],)) if starts else len(found)  # (none before the spans)
                after = bisect.bisect_right
                found = (c for c in itertools.islice(found, first, None)
                         if (i := after(starts, c[0]) - 1) >= 0 and c[1] <= ends[i])
        out: list[Match] = []
        for start, end, needs_boundary in found:
            if needs_boundary and not on_boundary(start, end):
                continue
            if done_only and self.mention_at(start, end, terms) is not Mention.done:
                continue
            out.append(_new(Match, (start, end, text[start:end], group)))
            if limit is not None and len(out) >= limit:
                break
        return out

    def places(self, terms: CompiledTerms, spans: Iterable[Span] | None = None) -> list[tuple[int, int, bool]]:
        """Where ``find(terms, spans)``'s mentions are: their (start, end, …) tuples, no Match made
        (a check that places mentions and judges only some of them need not build one each)."""
        found = self._inside(self._candidates_of(terms), spans)
        on_boundary = self._on_boundary
        return [c for c in found if not c[2] or on_boundary(c[0], c[1])]

    def _inside(self, found: list[tuple[int, int, bool]], spans: Iterable[Span] | None) -> list[tuple[int, int, bool]]:
        """The candidates inside ``spans`` (all when ``None``)."""
        if spans is None or not found:
            return found
        inside = self._span_set(spans)
        starts, ends = inside.starts, inside.ends
        # SpanSet.contains, inlined: this runs for every hit of every term a rule asks about
        if len(starts) == 1:
            lo, hi = starts[0], ends[0]
            return [c for c in found if lo <= c[0] and c[1] <= hi]
        after = bisect.bisect_right
        return [c for c in found if (i := after(starts, c[0]) - 1) >= 0 and c[1] <= ends[i]]

    def _candidates_of(self, terms: CompiledTerms) -> list[tuple[int, int, bool]]:
        """Every hit of ``terms`` in the text, sorted by start (longest first), with whether it
        needs the word-boundary test. The same text matched by several alternatives is one hit,
        needing the test only if all of them do (a hit is kept when any alternative accepts it)."""
        hits = self.hits
        plain = terms.plain
        year = self._year
        each: list[list[tuple[int, int, bool]]] = []  # per alternative that occurs: its hits, in order
        # (A set operation in C: most alternatives never occur. Longest first: see the sort below.)
        for text in sorted(plain.keys() & hits.keys(), key=len, reverse=True):
            each.append(self._literal_hits(text, plain[text]))
        alike = False  # whether two alternatives may give the same span
        for lit in terms.dated:
            if lit.counts_for(year) and hits.get(lit.text):  # a term limited to other report years
                each.append(self._literal_hits(lit.text, lit.boundary))
                alike = True
        for rx in terms.regexes:
            if rx.years is not None and not rx.counts_for(year):
                continue
            found = self._regex(rx)
            if found:
                boundary, alike = rx.boundary, True
                each.append([(start, end, boundary) for start, end in found])
        if len(each) <= 1:  # one alternative: its hits are in order and distinct already
            return each[0] if each else []
        if not alike:
            # Distinct phrases never give the same span twice, and two that start together differ
            # in length: a stable sort by start of the longest phrase's hits first is in order.
            return sorted(chain.from_iterable(each), key=_FIRST)
        # By start, the longest first: as (start, -end, boundary) tuples in plain order, where
        # the same span from two alternatives comes first with boundary False if either has it.
        ordered = sorted([(s, -e, b) for hits_of in each for s, e, b in hits_of])
        out: list[tuple[int, int, bool]] = []
        for s, e, b in ordered:
            if not out or out[-1][0] != s or out[-1][1] != -e:
                out.append((s, -e, b))
        return out

    def _literal_hits(self, text: str, boundary: bool) -> list[tuple[int, int, bool]]:
        """A phrase's hits as (start, end, needs boundary) (shared by every group holding it:
        read-only)."""
        cache = self._literal_cache[boundary]
        found = cache.get(text)
        if found is None:
            size = len(text)
            found = cache[text] = [(start, start + size, boundary) for start in self.hits[text]]
        return found

    def _on_boundary(self, start: int, end: int) -> bool:
        key = (start, end)
        ok = self._on_boundaries.get(key)
        if ok is None:
            ok = self._on_boundaries[key] = self.boundaries.on_boundaries(self.doc.text, start, end)
        return ok

    def _span_set(self, spans: Iterable[Span]) -> SpanSet:
        entry = self._span_sets.get(id(spans))
        if entry is not None and entry[0] is spans:
            return entry[1]
        spans = list(spans)  # a list built anew by a check (a part's bodies, an anchor's units)
        key = tuple((s.start, s.end) for s in spans)
        inside = self._span_sets_by_value.get(key)
        if inside is None:
            inside = self._span_sets_by_value[key] = SpanSet(spans)
        return inside

    def span_list(self, spans: Iterable[Span]) -> list[Span]:
        """A list equal to ``spans`` that the context keeps (one per distinct value, read-only, as
        ``units`` gives them): ``find`` asked about it again and again (a rule's items in the
        units it built) knows it by identity, not by a tuple of its values made each time."""
        spans = list(spans)
        key = tuple((s.start, s.end) for s in spans)
        kept = self._span_lists.get(key)
        if kept is None:
            kept = self._span_lists[key] = spans
            inside = self._span_sets_by_value.get(key)
            if inside is None:
                inside = self._span_sets_by_value[key] = SpanSet(spans)
            self._span_sets[id(kept)] = (kept, inside)
        return kept

    def _regex(self, rx: Regex_) -> list[tuple[int, int]]:
        pattern = rx.pattern
        cached = self._regex_cache.get(pattern.pattern)
        if cached is None:
            text = self.doc.text
            starts: list[int] | None = None  # where a match may start; None: anywhere
            if rx.anchors and self._indexed(rx.anchors):
                # Tried only where an anchor occurs (the automaton's one pass found them all).
                hits = self.hits
                starts = sorted(set().union(*map(hits.get, rx.anchors, repeat(()))))  # (no Python loop)
            # A literal every match needs, missing: never compiled, never tried. (A test that is not
            # a look-up among the hits scans the text: where a few anchor offsets are known, trying
            # them costs less.)
            gate = rx.required and (starts is None or len(starts) > _FEW_STARTS)
            if starts == [] or (gate and not self._holds_required(rx.required)):
                cached = []
            elif starts is not None:
                cached = matches_at(pattern.compiled, text, starts)
            elif (window := rx.window) is not None and self._indexed(window.literals) and len(
                    at := sorted({p for lit in window.literals for p in self.hits.get(lit, ())})) <= _FEW_WINDOWS:
                # Tried only in the runs of the class that may come before a required literal: fewer
                # offsets than the runs of the lead class hold, and no scan of the text for them.
                cached = matches_in_runs(pattern.compiled, text, windows_before(text, at, window.before))
            elif rx.lead is not None:  # tried only in the runs of its lead class: one scan per class, shared
                runs = self._lead_runs(rx.lead) if rx.follow is None else self._followed_runs(rx.lead, rx.follow)
                cached = matches_in_runs(pattern.compiled, text, runs, run_led=rx.runs,
                                         rest=rx.rest.compiled if rx.rest is not None else None)
            else:
                cached = [(m.start(), m.end()) for m in pattern.compiled.finditer(text) if m.end() > m.start()]
            self._regex_cache[pattern.pattern] = cached
        return cached

    def _holds_required(self, required: tuple[tuple[str, ...], ...]) -> bool:
        """Whether the text holds a literal of each set: a look-up among the hits for the literals
        the automaton's pass looked for, a search of the text for the others."""
        hits, text = self.hits, self.doc.text
        indexed = self.indexed
        if isinstance(indexed, PhraseIndex):
            indexed = indexed.phrases  # (a set's test, not a method call each)
        return all(any(hits.get(lit) if lit in indexed else lit in text for lit in need) for need in required)

    def _indexed(self, phrases: tuple[str, ...]) -> bool:
        """Whether the automaton's pass found every occurrence of ``phrases``."""
        indexed = self.indexed
        if isinstance(indexed, PhraseIndex):
            return indexed.phrases.issuperset(phrases)  # a set operation, not a method call each
        return all(p in indexed for p in phrases)

    def _lead_runs(self, lead: str) -> list[tuple[int, int]]:
        """The maximal runs of a lead class (one class, perhaps after ``(?a)``) in the text: a
        report's digits come in a few dozen runs."""
        cached = self._lead_cache.get(lead)
        if cached is None:
            text = self.doc.text
            # Digits (most such classes) without testing every character: ``digit_runs``.
            if lead == _ASCII_DIGIT or (lead == _DIGIT and self._han_counter().ascii_digits_only()):
                cached = digit_runs(text)
            else:
                cached = [m.span() for m in re.finditer(runs_of(lead), text)]
            self._lead_cache[lead] = cached
        return cached

    def _followed_runs(self, lead: str, follow: Follow) -> list[tuple[int, int]]:
        """The runs of a lead class followed by one of ``follow``'s characters (``run_follow``: no
        other run holds where a match starts), in order. The runs are sorted out by the character
        after them once per class: most patterns keep a few of a report's dozens."""
        key = (lead, follow)
        cached = self._follow_cache.get(key)
        if cached is None:
            by_next, spaces, digits = self._runs_by_next.get(lead) or self._sort_runs(lead)
            after = by_next.keys() & follow.chars  # (one set operation, not a test per character)
            if follow.space:
                after |= spaces
            if follow.digit:
                after |= digits
            keep = [by_next[ch] for ch in after]
            cached = self._follow_cache[key] = keep[0] if len(keep) == 1 else sorted(chain.from_iterable(keep))
        return cached

    def _sort_runs(self, lead: str) -> tuple[dict[str, list[tuple[int, int]]], set[str], set[str]]:
        """A lead class's runs by the character after them, and which of those are spaces, digits."""
        text = self.doc.text
        by_next: dict[str, list[tuple[int, int]]] = {}
        for run in self._lead_runs(lead):
            end = run[1]
            by_next.setdefault(text[end : end + 1], []).append(run)
        sorted_out = self._runs_by_next[lead] = (by_next, {ch for ch in by_next if ch.isspace()},
                                                 {ch for ch in by_next if ch.isdecimal()})
        return sorted_out

    def is_done(self, m: Match, terms: CompiledTerms | None = None) -> bool:
        return self.mention(m, terms) is Mention.done

    def mention(self, m: Match, terms: CompiledTerms | None = None) -> Mention:
        """What a mention says about the act (see ``clauses``): done this year, or only cited,
        negated, deferred, or inside the plan or shortcomings part."""
        return self.mention_at(m.start, m.end, terms)

    def mention_at(self, start: int, end: int, terms: CompiledTerms | None = None) -> Mention:
        """``mention`` of the mention of ``terms`` at [start, end) (no Match needed: a check that
        places mentions judges some of them by where they are)."""
        titles_count = bool(terms and terms.in_titles)
        key = (start, end, titles_count)
        cached = self._mentions.get(key)
        if cached is not None:  # rules of a pack share phrases: judge each mention once
            return cached
        # Judged already the other way round for cited names: that is the answer unless the mention
        # lies inside one (the only place ``titles_count`` makes a difference; a part's role none).
        other = self._mentions.get((start, end, not titles_count))
        if other is not None and (other is Mention.in_plan or other is Mention.in_shortcomings
                                  or (self._titles is not None and self._titles.enclosing(start, end) is None)):
            self._mentions[key] = other
            return other
        # (``_may_be_not_done``, inlined: this runs for every judged mention)
        not_done = self._not_done or self._not_done_parts()
        i = bisect.bisect_right(not_done.starts, start) - 1
        may_be_not_done = i >= 0 and start < not_done.ends[i]
        roles = self.doc.roles_at(start) & self.settings.not_done_roles if may_be_not_done else None
        if roles:
            kind = Mention.in_plan if "plan" in roles else Mention.in_shortcomings
        else:
            if self._titles is None:
                self._titles = BookTitles(self.doc.text)
            settings = self.settings
            kind = judge_clause(self.doc.text, start, end, titles=self._titles,
                                negation_cues=settings.negation_cues, plan_cues=settings.plan_cues,
                                titles_count=titles_count, breaks=self._breaks or self.clause_breaks)
        self._mentions[key] = kind
        return kind

    def _may_be_not_done(self, pos: int) -> bool:
        """Whether ``pos`` lies in a part with a not-done role (plan, shortcomings): only there can
        ``roles_at`` name one, since the part carrying it, or an enclosing one, is among
        ``role_spans``. Most mentions are elsewhere and need no section lookup."""
        return (self._not_done or self._not_done_parts()).contains(pos, pos + 1)

    def _not_done_parts(self) -> SpanSet:
        """Where the parts with a not-done role are (worked out once)."""
        doc = self.doc
        self._not_done = SpanSet([sp for role in sorted(self.settings.not_done_roles) for sp in doc.role_spans(role)])
        return self._not_done

    @property
    def clause_breaks(self) -> ClauseBreaks:
        if self._breaks is None:
            self._breaks = ClauseBreaks(self.doc.text)
        return self._breaks

    def not_done_reason(self, matches: list[Match], terms: CompiledTerms | None = None) -> str:
        """Why none of ``matches`` counts as done, for a finding's message (the first reason)."""
        for m in matches:
            kind = self.mention(m, terms)
            if kind is not Mention.done:
                return MENTION_LABELS[kind]
        return "不能说明当年已经做到"

    def han_count(self, spans: Iterable[Span]) -> int:
        """Han characters in ``spans`` (each counted by itself: overlaps count twice)."""
        count = self._han_counter().count
        return sum(count(s.start, s.end) for s in spans)

    def _han_counter(self) -> HanCounter:
        """The text's code units (Han counts, digits beyond ASCII), worked out once."""
        if self._han is None:
            self._han = HanCounter(self.doc.text)
        return self._han

    def role_label(self, role: str) -> str:
        return self.role_labels.get(role, role)


class Tiling:
    """Disjoint, non-empty units in order (paragraphs, or the sentences of paragraphs), told apart
    by where each starts: a mention placed in ``cover`` (whose union is the units' union) that
    starts at ``s`` lies in unit ``bisect_right(marks, s)`` (a key: the units' order, from 1), and
    ``unit(key)`` is that unit's span (as ``CheckContext.units`` gives it).

    For sentences, ``marks`` holds the paragraphs' starts and every sentence end: the last of them
    at or before an offset inside a paragraph is the start of the sentence holding it (sentence
    ends outside a paragraph, or at its end, start no sentence, but no placed mention lies after
    one of them and before the next mark)."""

    __slots__ = ("_ends", "_starts", "cover", "marks")

    def __init__(self, cover: list[Span], marks: list[int], starts: list[int] | None = None,
                 ends: list[int] | None = None):
        self.cover = cover
        self.marks = marks
        self._starts = starts  # sentences: the paragraphs' starts and the sentence ends
        self._ends = ends

    def unit(self, key: int) -> Span:
        if self._ends is None or self._starts is None:  # paragraphs: the units themselves
            return self.cover[key - 1]
        start = self.marks[key - 1]
        paragraph_end = self.cover[bisect.bisect_right(self._starts, start) - 1][1]
        ends = self._ends
        i = bisect.bisect_right(ends, start)  # the first sentence end after its start, if in the paragraph
        return _new(Span, (start, ends[i] if i < len(ends) and ends[i] < paragraph_end else paragraph_end))


class SpanSet:
    """A union of spans answering "is [start, end) inside one of them?" by bisection."""

    def __init__(self, spans: Iterable[Span]):
        ordered = sorted(spans)  # (in plain tuple order: by start, then end; any order by start merges alike)
        starts = list(map(_FIRST, ordered))
        ends = list(map(_SECOND, ordered))
        if all(map(operator.lt, ends, starts[1:])):  # each ends before the next starts: nothing to merge
            self.starts, self.ends = starts, ends
            return
        starts, ends = [], []
        for start, end in ordered:
            if ends and start <= ends[-1]:
                if end > ends[-1]:
                    ends[-1] = end
            else:
                starts.append(start)
                ends.append(end)
        self.starts = starts
        self.ends = ends

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]

    def overlaps(self, span: Span) -> bool:
        i = bisect.bisect_left(self.ends, span.start + 1)  # the first union member ending after start
        return i < len(self.starts) and self.starts[i] < span.end


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


class Check(ABC):
    """A check type. Subclasses set ``name`` and ``Params`` and implement ``run``.

    The constructor compiles the rule's terms and registers their literals with the pack's
    phrase index, so that a document is scanned once for every rule of the pack.
    """

    name: ClassVar[str]
    Params: ClassVar[type[BaseModel]]
    description: ClassVar[str] = ""
    # Files a check reads when it is compiled (besides the pack): the compiled pack is rebuilt,
    # in this process and in the user's cache, when one of them changes.
    data_files: tuple[Path, ...] = ()

    def __init__(self, rule: RuleSpec, params: BaseModel, index: PhraseIndex):
        self.rule = rule
        self.params = params
        self._index = index

    def group(self, group: TermGroup) -> CompiledTerms:
        return self._register(compile_group(group))

    def terms(self, terms: list[Term], *, id: str = "", label: str = "") -> CompiledTerms:
        return self._register(compile_terms(terms, id=id, label=label))

    def _register(self, compiled: CompiledTerms) -> CompiledTerms:
        for lit in compiled.literals:
            self._index.add(lit.text)
        for rx in compiled.regexes:
            for anchor in rx.anchors:
                self._index.add(anchor)
            for phrase in rx.required_long:  # (and so, often, a window's literals: see ``_regex``)
                self._index.add(phrase)
        return compiled

    @abstractmethod
    def run(self, ctx: CheckContext) -> Outcome: ...
