"""forbid: wrong or outdated terms, each with its replacement; exceptions never fire.

An outdated name is judged against the report year (a term's ``years``), and a mention that is
clearly historical is not an error: the rule's ``historical`` cues say when a clause marks the
name as former (原县法制办, 机构改革前的…, …更名为…), and ``earlier_year`` accepts a sentence
dated only before the term became outdated (2017年，县依法治县领导小组…).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..lazy_regex import LazyPattern
from ..matching.boundaries import sentence_window
from ..matching.terms import LiteralTerm, RegexTerm, Term, TermGroup, check_regex
from ..models import Span, Status
from ..models.factories import empty_list
from .base import CLAUSE_BREAKS, Check, CheckContext, Draft, Match, Outcome

# A year the sentence is about: 2018年, not 2018年以来 (which reaches the present) and not a year
# inside a cited document's name (《…（2016—2020年）》), removed before this is applied.
# Compiled on first use: only an outdated name with an earlier-year cue needs them.
_DATED = LazyPattern(r"(\d{4})\s*年(?!以来|来|至今|起|后|之后)")
_CITED = LazyPattern(r"《[^《》\n]{0,80}》")
_LOOKBACK = 40  # how far before a name its clause is searched for a cue


class ForbiddenTerm(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    find: Term
    replace: str | None = None
    message: str | None = None


class HistoricalCues(BaseModel):
    """When an outdated name is a mention of the past, not a mistake."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    # Regular expressions tried on the clause text just before the name (anchor them with $):
    # 原县法制办, 机构改革前的县依法治县领导小组.
    before: list[str] = Field(default_factory=empty_list)
    # Regular expressions tried anywhere in the name's clause: …领导小组更名为…, 前身为….
    clause: list[str] = Field(default_factory=empty_list)
    # A sentence whose own years all precede the year the name became outdated is about the past.
    earlier_year: bool = False

    @field_validator("before", "clause")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        return [check_regex(v) for v in value]


class ForbidParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    terms: list[ForbiddenTerm] = Field(min_length=1)
    exceptions: list[Term] = Field(default_factory=empty_list, alias="except")
    historical: HistoricalCues | None = None

    @field_validator("terms", mode="before")
    @classmethod
    def _mapping(cls, value):
        # Shorthand: {法制政府: 法治政府, ...}
        if isinstance(value, dict):
            return [{"find": k, "replace": v} for k, v in value.items()]
        return value


class Forbid(Check):
    name = "forbid"
    Params = ForbidParams
    description = "不得出现错误或过时的用语，给出规范写法"
    params: ForbidParams

    def __init__(self, *args):
        super().__init__(*args)
        self.finds = [(self.group(TermGroup(any=[t.find])), t) for t in self.params.terms]
        # A report holds none of most rules' names: when every name is a phrase (no regex), one set
        # test against the report's phrases stands for a find per name (each would find nothing).
        self._phrases = (frozenset(lit.text for compiled, _t in self.finds for lit in compiled.literals)
                         if not any(compiled.regexes for compiled, _t in self.finds) else None)
        self.exceptions = self.terms(self.params.exceptions, id="except") if self.params.exceptions else None
        hist = self.params.historical
        # Validated already; compiled when a name is found (most reports never need them).
        self._before = [LazyPattern(p) for p in hist.before] if hist else []
        self._clause = [LazyPattern(p) for p in hist.clause] if hist else []

    def run(self, ctx: CheckContext) -> Outcome:
        spans = ctx.scope_spans(self.rule.scope)
        if spans is None:
            return Outcome(status=Status.not_applicable, credit=1, message="范围不存在")
        if self._phrases is not None and self._phrases.isdisjoint(ctx.hits):
            return Outcome(status=Status.passed, credit=1, message="未发现")
        allowed = ctx.find(self.exceptions) if self.exceptions else []
        candidates = [(m, term) for compiled, term in self.finds for m in ctx.find(compiled, spans)
                      if not any(a.start <= m.start and m.end <= a.end for a in allowed)]
        # Overlapping hits (法制宣传 inside 法制宣传教育): keep the longest, report it once.
        candidates.sort(key=lambda c: (c[0].start, -(c[0].end - c[0].start)))
        drafts: list[Draft] = []
        past = 0
        last_end = -1
        for m, term in candidates:
            if m.start < last_end:
                continue
            last_end = m.end
            if self._historical(ctx.doc.text, m, term):
                past += 1
                continue
            msg = term.message or (f"“{m.text}”应为“{term.replace}”" if term.replace else f"不宜使用“{m.text}”")
            drafts.append(Draft(message=msg, span=Span(start=m.start, end=m.end), replacement=term.replace))
        if not drafts:
            note = f"（{past}处为对过去情况的叙述，不计）" if past else ""
            return Outcome(status=Status.passed, credit=1, message="未发现" + note)
        return Outcome(status=Status.failed, credit=0, findings=drafts, message=f"发现{len(drafts)}处")

    def _historical(self, text: str, m: Match, term: ForbiddenTerm) -> bool:
        """True when the clause marks the name as former or the sentence is about earlier years."""
        hist = self.params.historical
        if hist is None:
            return False
        lo = max(0, m.start - _LOOKBACK)
        start = max(lo - 1, *(text.rfind(c, lo, m.start) for c in CLAUSE_BREAKS)) + 1
        hi = min(len(text), m.end + _LOOKBACK)
        ends = [i for c in CLAUSE_BREAKS if (i := text.find(c, m.end, hi)) != -1]
        end = min(ends) if ends else hi
        before = text[start:m.start]
        if any(p.search(before) for p in self._before):
            return True
        clause = text[start:end]
        if any(p.search(clause) for p in self._clause):
            return True
        if hist.earlier_year:
            since = self._outdated_from(term)
            if since is not None:
                years = _sentence_years(text, m)
                return bool(years) and max(years) < since
        return False

    def _outdated_from(self, term: ForbiddenTerm) -> int | None:
        """The first report year in which the name is wrong: the term's own years, else the rule's."""
        find = term.find
        if isinstance(find, LiteralTerm | RegexTerm) and find.years and find.years.min is not None:
            return find.years.min
        years = self.rule.applies_to.years
        return years.min if years else None


def _sentence_years(text: str, m: Match) -> list[int]:
    start, end = sentence_window(text, m.start, m.end, reach=200)
    sentence = _CITED.sub("", text[start:end])
    return [int(y) for y in _DATED.findall(sentence)]
