"""Term specifications as written in rule packs, and their compiled form.

A term is a literal phrase (matched through the pack's Aho-Corasick automaton) or a regular
expression (``{re: ...}``). ``boundary: true`` accepts a hit only where both its edges fall on
jieba token boundaries, for short terms such as 普法 or 备案 that also occur inside other words.
``years`` limits a term to the report years it counts for: a formulation of its time (全面依法治国
新理念新思想新战略 up to 2019) or a name that only became outdated later (法制办 from 2019).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..lazy_regex import LazyPattern
from ..models.pack import YearRange
from ..normalize import fold_phrase
from .anchors import (
    Follow,
    Window,
    after_failure,
    anchors,
    lead_class,
    required_literals,
    required_window,
    run_follow,
    run_led,
)


def check_regex(value: str) -> str:
    """Validate a rule's regular expression; a ValueError becomes a file:line pack error."""
    if not value:
        raise ValueError("empty regular expression")
    if "\\b" in value and any("\u4e00" <= ch <= "\u9fff" for ch in value):
        raise ValueError(r"do not put \b around Chinese text; use 'boundary: true' instead")
    try:
        re.compile(value)
    except (re.error, OverflowError, RecursionError) as exc:  # (a{99999999999} overflows re's counter)
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    from .regex_safety import backtracking_danger  # (only a pack being compiled needs it)

    danger = backtracking_danger(value)
    if danger:
        raise ValueError(f"unsafe regular expression {value!r}: {danger}")
    return value


class RegexTerm(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    re: str
    boundary: bool = False
    years: YearRange | None = None  # report years this alternative counts for; None = every year

    @field_validator("re")
    @classmethod
    def _valid(cls, value: str) -> str:
        return check_regex(value)


class LiteralTerm(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    text: str = Field(min_length=1)
    boundary: bool = False
    years: YearRange | None = None  # report years this alternative counts for; None = every year


Term = str | LiteralTerm | RegexTerm


class TermGroup(BaseModel):
    """A named set of alternatives: satisfied by any one of ``any``."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    id: str | None = None
    label: str | None = None
    any: list[Term] = Field(min_length=1)
    boundary: bool = False  # applies to every literal in ``any``
    # A mention inside a cited document's name (《…》) counts only where the clause acts on the
    # document (印发《…办法》); ``in_titles: true`` counts it always (学习《习近平法治思想学习纲要》).
    in_titles: bool = False

    @model_validator(mode="after")
    def _defaults(self) -> TermGroup:
        first = self.any[0]
        name = first if isinstance(first, str) else getattr(first, "text", None) or first.re  # type: ignore[union-attr]
        if self.label is None:
            self.label = name
        if self.id is None:
            self.id = self.label
        return self


def year_in(years: YearRange | None, year: int | None) -> bool:
    """Whether a report year falls in ``years``; an unknown year or no range accepts."""
    if years is None or year is None:
        return True
    return (years.min is None or year >= years.min) and (years.max is None or year <= years.max)


@dataclass(frozen=True)
class Literal_:
    text: str  # folded
    boundary: bool
    years: YearRange | None = None

    def counts_for(self, year: int | None) -> bool:
        return year_in(self.years, year)


@dataclass(frozen=True)
class Regex_:
    pattern: LazyPattern  # compiled on first use: most never are in a cold run (matching/lazy.py)
    boundary: bool
    years: YearRange | None = None
    anchors: tuple[str, ...] = ()  # literals every match starts with (matching/anchors.py)
    lead: str | None = None  # else a class every match's first character is in (the same)
    runs: bool = False  # only the first of a run of lead-class characters needs trying (the same)
    required: tuple[tuple[str, ...], ...] = ()  # every match holds one literal of each (the same)
    follow: Follow | None = None  # what follows a lead-class run holding a match start (the same)
    window: Window | None = None  # a required item's literals and the class before them (the same)
    rest: LazyPattern | None = None  # the alternatives to go on with in a run where it failed (the same)
    # The required literals longer than one character, which the pack's automaton also looks for:
    # an absent one costs ``in`` a whole scan of the text. (A single character is found by ``in``
    # at C speed, and many, such as ，or 、, occur hundreds of times: hits to gather for nothing.)
    required_long: tuple[str, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        long = tuple(dict.fromkeys(lit for need in self.required for lit in need if len(lit) > 1))
        object.__setattr__(self, "required_long", long)

    def counts_for(self, year: int | None) -> bool:
        return year_in(self.years, year)


@dataclass(frozen=True)
class CompiledTerms:
    """A group's alternatives ready for matching."""

    id: str
    label: str
    literals: tuple[Literal_, ...] = ()
    regexes: tuple[Regex_, ...] = ()
    in_titles: bool = False
    distinct: bool = False  # no two literals alike (then no two give the same hit)
    # Derived: the literals counted in every year, by text, each with whether its hits need the
    # word-boundary test (several alike: only if all of them do: a hit is kept when any accepts
    # it); and the year-limited ones. A report holds few of a group's phrases: the check context
    # intersects ``plain`` with the phrases found instead of looking up every alternative.
    plain: dict[str, bool] = field(init=False, repr=False, compare=False)
    dated: tuple[Literal_, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        plain: dict[str, bool] = {}
        for lit in self.literals:
            if lit.years is None:
                plain[lit.text] = plain.get(lit.text, True) and lit.boundary
        object.__setattr__(self, "plain", plain)
        object.__setattr__(self, "dated", tuple(lit for lit in self.literals if lit.years is not None))


def compile_terms(terms: list[Term], *, boundary: bool = False, id: str = "", label: str = "") -> CompiledTerms:
    literals: list[Literal_] = []
    regexes: list[Regex_] = []
    for term in terms:
        if isinstance(term, str):
            literals.append(Literal_(fold_phrase(term), boundary))
        elif isinstance(term, LiteralTerm):
            literals.append(Literal_(fold_phrase(term.text), boundary or term.boundary, term.years))
        else:
            pattern = re.compile(term.re)  # validated already: from re's cache
            rest = after_failure(pattern)
            regexes.append(Regex_(LazyPattern(term.re), boundary or term.boundary, term.years, anchors(pattern),
                                  lead_class(pattern), run_led(pattern), required_literals(pattern),
                                  run_follow(pattern), required_window(pattern), LazyPattern(rest) if rest else None))
    return CompiledTerms(id=id, label=label, literals=tuple(literals), regexes=tuple(regexes),
                         distinct=len({lit.text for lit in literals}) == len(literals))


def compile_group(group: TermGroup) -> CompiledTerms:
    compiled = compile_terms(group.any, boundary=group.boundary, id=group.id or "", label=group.label or "")
    return dataclasses.replace(compiled, in_titles=group.in_titles) if group.in_titles else compiled
