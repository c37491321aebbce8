"""Term specifications as written in rule packs, and their compiled form.

A term is a literal phrase (matched through the pack's Aho-Corasick automaton) or a regular
expression (``{re: ...}``). ``boundary: true`` accepts a hit only where both its edges fall on
jieba token boundaries, for short terms such as 普法 or 备案 that also occur inside other words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..normalize import fold_phrase

_HAN = re.compile(r"[\u4e00-\u9fff]")


def check_regex(value: str) -> str:
    """Validate a rule's regular expression; a ValueError becomes a file:line pack error."""
    if not value:
        raise ValueError("empty regular expression")
    if "\\b" in value and _HAN.search(value):
        raise ValueError(r"do not put \b around Chinese text; use 'boundary: true' instead")
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"invalid regular expression {value!r}: {exc}") from None
    return value


class RegexTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    re: str
    boundary: bool = False

    @field_validator("re")
    @classmethod
    def _valid(cls, value: str) -> str:
        return check_regex(value)


class LiteralTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1)
    boundary: bool = False


Term = str | LiteralTerm | RegexTerm


class TermGroup(BaseModel):
    """A named set of alternatives: satisfied by any one of ``any``."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = None
    label: str | None = None
    any: list[Term] = Field(min_length=1)
    boundary: bool = False  # applies to every literal in ``any``

    @model_validator(mode="after")
    def _defaults(self) -> TermGroup:
        first = self.any[0]
        name = first if isinstance(first, str) else getattr(first, "text", None) or first.re  # type: ignore[union-attr]
        if self.label is None:
            self.label = name
        if self.id is None:
            self.id = self.label
        return self


@dataclass(frozen=True)
class Literal_:
    text: str  # folded
    boundary: bool


@dataclass(frozen=True)
class CompiledTerms:
    """A group's alternatives ready for matching."""

    id: str
    label: str
    literals: tuple[Literal_, ...] = ()
    regexes: tuple[tuple[re.Pattern[str], bool], ...] = ()


def compile_terms(terms: list[Term], *, boundary: bool = False, id: str = "", label: str = "") -> CompiledTerms:
    literals, regexes = [], []
    for term in terms:
        if isinstance(term, str):
            literals.append(Literal_(fold_phrase(term), boundary))
        elif isinstance(term, LiteralTerm):
            literals.append(Literal_(fold_phrase(term.text), boundary or term.boundary))
        else:
            regexes.append((re.compile(term.re), boundary or term.boundary))
    return CompiledTerms(id=id, label=label, literals=tuple(literals), regexes=tuple(regexes))


def compile_group(group: TermGroup) -> CompiledTerms:
    return compile_terms(group.any, boundary=group.boundary, id=group.id or "", label=group.label or "")
