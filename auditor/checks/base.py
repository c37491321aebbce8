"""What every check type shares: the context it runs in and the outcome it returns."""

from __future__ import annotations

import bisect
import re
from abc import ABC, abstractmethod
from collections.abc import Container, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from pydantic import BaseModel, Field

from ..matching.anchors import matches_at
from ..matching.automaton import PhraseIndex
from ..matching.boundaries import BoundaryChecker
from ..matching.terms import CompiledTerms, Regex_, Term, TermGroup, compile_group, compile_terms
from ..models import Document, MissingItem, Span, Status
from ..rules.schema import RuleSpec
from .clauses import CLAUSE_BREAKS, MENTION_LABELS, BookTitles, Mention, judge_clause

SENTENCE_BREAKS = "。;!?\n"
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")  # runs, not characters: far fewer objects to build
_SENTENCE_END = re.compile("[" + re.escape(SENTENCE_BREAKS) + "]")
__all__ = ["CLAUSE_BREAKS", "CheckContext", "Match", "Mention", "Outcome"]


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    text: str
    group: str = ""


class Draft(BaseModel):
    """A finding as a check reports it; the engine adds code, severity and location."""

    message: str
    span: Span | None = None
    replacement: str | None = None


class EvidenceDraft(BaseModel):
    item: str | None = None
    span: Span


class Outcome(BaseModel):
    status: Status
    credit: float = Field(ge=0, le=1)
    message: str
    evidence: list[EvidenceDraft] = Field(default_factory=list)
    missing: list[MissingItem] = Field(default_factory=list)
    findings: list[Draft] = Field(default_factory=list)
    anchor: Span | None = None  # where a summary finding should point


@dataclass(frozen=True)
class MatchSettings:
    negation_cues: tuple[str, ...]
    plan_cues: tuple[re.Pattern[str], ...]
    not_done_roles: frozenset[str]


class CheckContext:
    """One document being checked by one pack: hits from the single automaton pass, scopes,
    units, and the done/negated/planned judgement."""

    def __init__(self, doc: Document, hits: dict[str, list[int]], settings: MatchSettings,
                 boundaries: BoundaryChecker, role_labels: dict[str, str], indexed: Container[str] = ()):
        self.doc = doc
        self.hits = hits
        self.indexed = indexed  # the phrases ``hits`` was scanned for (regex anchors among them)
        self.settings = settings
        self.boundaries = boundaries
        self.role_labels = role_labels
        self._regex_cache: dict[str, list[tuple[int, int]]] = {}
        self._titles: BookTitles | None = None
        self._units_cache: dict[tuple, list[Span]] = {}
        self._mentions: dict[tuple[int, int, bool], Mention] = {}
        self._span_sets: dict[int, SpanSet] = {}

    # -- scopes and units ---------------------------------------------------------------

    def scope_spans(self, scope: str) -> list[Span] | None:
        """Spans for a rule scope; ``None`` when the scope does not exist in this document."""
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
            # Rules ask ``find`` about the same memoised units again and again: one SpanSet for
            # them, keyed by the list, which the units cache keeps alive (its id is never reused).
            self._span_sets[id(cached)] = SpanSet(cached)
        return cached

    def _units(self, kind: str, spans: list[Span]) -> list[Span]:
        if kind == "section":
            out = []
            for sec in self.doc.all_sections():
                if not sec.children and any(_overlap(sec.span, s) for s in spans):
                    out.append(sec.span)
            return out or spans
        # Headings are units too: a heading's own words count for its section.
        inside = SpanSet(spans)
        paragraphs = sorted([p.span for p in self.doc.paragraphs if inside.overlaps(p.span)]
                            + [sec.heading for sec in self.doc.all_sections() if inside.overlaps(sec.heading)],
                            key=lambda x: x.start)
        if kind == "paragraph":
            return paragraphs
        sentences = []
        text = self.doc.text
        for p in paragraphs:
            start = p.start
            for m in _SENTENCE_END.finditer(text, p.start, p.end):
                sentences.append(Span(start=start, end=m.end()))
                start = m.end()
            if start < p.end:
                sentences.append(Span(start=start, end=p.end))
        return sentences

    # -- matching ------------------------------------------------------------------------

    def find(self, terms: CompiledTerms, spans: Iterable[Span] | None = None,
             done_only: bool = False) -> list[Match]:
        text = self.doc.text
        found: list[tuple[Match, bool]] = []  # (match, needs word-boundary verification)
        year = self.doc.metadata.report_year.value if self.doc.metadata.report_year else None
        for lit in terms.literals:
            if not lit.counts_for(year):  # a term limited to other report years
                continue
            for start in self.hits.get(lit.text, ()):
                found.append((Match(start, start + len(lit.text), lit.text, terms.id), lit.boundary))
        for rx in terms.regexes:
            if not rx.counts_for(year):
                continue
            for start, end in self._regex(rx):
                found.append((Match(start, end, text[start:end], terms.id), rx.boundary))
        inside = self._span_set(spans) if spans is not None else None
        out = []
        for m, needs_boundary in sorted(found, key=lambda f: (f[0].start, -f[0].end)):
            if inside is not None and not inside.contains(m.start, m.end):
                continue
            if needs_boundary and not self.boundaries.on_boundaries(text, m.start, m.end):
                continue
            if done_only and not self.is_done(m, terms):
                continue
            if out and out[-1].start == m.start and out[-1].end == m.end:
                continue  # the same text matched by two alternatives
            out.append(m)
        return out

    def _span_set(self, spans: Iterable[Span]) -> SpanSet:
        return self._span_sets.get(id(spans)) or SpanSet(spans)

    def _regex(self, rx: Regex_) -> list[tuple[int, int]]:
        pattern = rx.pattern
        cached = self._regex_cache.get(pattern.pattern)
        if cached is None:
            text = self.doc.text
            if rx.anchors and all(a in self.indexed for a in rx.anchors):
                # Tried only where an anchor occurs (the automaton's one pass found them all).
                starts = sorted({p for a in rx.anchors for p in self.hits.get(a, ())})
                cached = matches_at(pattern, text, starts)
            else:
                cached = [(m.start(), m.end()) for m in pattern.finditer(text) if m.end() > m.start()]
            self._regex_cache[pattern.pattern] = cached
        return cached

    def is_done(self, m: Match, terms: CompiledTerms | None = None) -> bool:
        return self.mention(m, terms) is Mention.done

    def mention(self, m: Match, terms: CompiledTerms | None = None) -> Mention:
        """What a mention says about the act (see ``clauses``): done this year, or only cited,
        negated, deferred, or inside the plan or shortcomings part."""
        key = (m.start, m.end, bool(terms and terms.in_titles))
        cached = self._mentions.get(key)
        if cached is not None:  # rules of a pack share phrases: judge each mention once
            return cached
        roles = self.doc.roles_at(m.start) & self.settings.not_done_roles
        if roles:
            kind = Mention.in_plan if "plan" in roles else Mention.in_shortcomings
        else:
            if self._titles is None:
                self._titles = BookTitles(self.doc.text)
            kind = judge_clause(self.doc.text, m.start, m.end, titles=self._titles,
                                negation_cues=self.settings.negation_cues, plan_cues=self.settings.plan_cues,
                                titles_count=key[2])
        self._mentions[key] = kind
        return kind

    def not_done_reason(self, matches: list[Match], terms: CompiledTerms | None = None) -> str:
        """Why none of ``matches`` counts as done, for a finding's message (the first reason)."""
        for m in matches:
            kind = self.mention(m, terms)
            if kind is not Mention.done:
                return MENTION_LABELS[kind]
        return "不能说明当年已经做到"

    def han_count(self, spans: Iterable[Span]) -> int:
        text = self.doc.text
        return sum(len(run) for s in spans for run in _HAN_RUN.findall(text, s.start, s.end))

    def role_label(self, role: str) -> str:
        return self.role_labels.get(role, role)


class SpanSet:
    """A union of spans answering "is [start, end) inside one of them?" by bisection."""

    def __init__(self, spans: Iterable[Span]):
        merged: list[list[int]] = []
        for sp in sorted(spans, key=lambda x: x.start):
            if merged and sp.start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], sp.end)
            else:
                merged.append([sp.start, sp.end])
        self._starts = [m[0] for m in merged]
        self._ends = [m[1] for m in merged]

    def contains(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        return i >= 0 and end <= self._ends[i]

    def overlaps(self, span: Span) -> bool:
        i = bisect.bisect_left(self._ends, span.start + 1)  # the first union member ending after start
        return i < len(self._starts) and self._starts[i] < span.end


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
        return compiled

    @abstractmethod
    def run(self, ctx: CheckContext) -> Outcome: ...
