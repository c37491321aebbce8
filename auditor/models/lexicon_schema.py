"""The lexicon file's schema (``rules/lexicon.yaml``): pydantic models that validate it, read only
when the file itself is read (``lexicon.load_lexicon``); the rest of the program reads the plain
objects ``to_lexicon`` makes."""

from __future__ import annotations

from typing import get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator

from .document import ReportKind


class _Strict(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", frozen=True)


class KindNamesSpec(_Strict):
    """How a report kind is named: in a column, in a report's 类型, in a sentence."""

    short: str = Field(min_length=1)  # 政府: a spreadsheet column, the web desk's 政府报告
    shown: str = Field(min_length=1)  # 乡镇（街道）: the table, Markdown and HTML reports
    report: str = Field(min_length=1)  # 乡镇（街道）报告: 不适用于此类报告（…）, a Word comment


class SelfReferenceSpec(_Strict):
    """What 我局/我镇… says of the body that writes it."""

    kind: ReportKind
    endings: list[str] = Field(min_length=1)  # the endings of the names it may stand for
    place: bool = False  # a place whose short name the text repeats (我镇 → 下太镇)


Words = list[str]


class OrganisationEndingsSpec(_Strict):
    """The words an organisation's name ends with, one list per reading, each in its order."""

    subject: Words = Field(min_length=1)
    title: Words = Field(min_length=1)
    signature: Words = Field(min_length=1)
    organ_types: Words = Field(min_length=1)
    joint_parts: Words = Field(min_length=1)
    levels: Words = Field(min_length=1)

    @field_validator("*")
    @classmethod
    def _words(cls, words: Words) -> Words:
        if not all(w and w.strip() == w and "\n" not in w for w in words):
            raise ValueError("every ending must be a word (no empty entry, no spaces around it)")
        if len(set(words)) != len(words):
            raise ValueError(f"an ending is listed twice: {sorted({w for w in words if words.count(w) > 1})}")
        return words


class LabelsSpec(_Strict):
    severity: dict[str, str]
    status: dict[str, str]
    verdict: dict[str, str]
    verdict_said: dict[str, str]
    repetition: dict[str, str]
    not_a_report: str = Field(min_length=1)
    groups: dict[str, str]
    # (That the labels name every severity, status, verdict and repetition exactly is a test of the
    # shipped file, tests/test_lexicon.py: checking it here would make the results, whose enums
    # read their labels from the lexicon, and this schema import each other.)


class LexiconSpec(_Strict):
    version: int = 1
    kinds: dict[ReportKind, KindNamesSpec]
    self_references: dict[str, SelfReferenceSpec]
    organisation_endings: OrganisationEndingsSpec
    labels: LabelsSpec

    @field_validator("kinds")
    @classmethod
    def _every_kind(cls, kinds: dict[str, KindNamesSpec]) -> dict[str, KindNamesSpec]:
        missing = [k for k in get_args(ReportKind) if k not in kinds]
        if missing:
            raise ValueError(f"kinds must name every report kind; missing: {', '.join(missing)}")
        return kinds
