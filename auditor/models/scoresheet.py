"""What a scoring scheme produces (``audit --scoring``): a score sheet per report and a ranking.

These are output models only (JSON carries them); the schemes themselves and the arithmetic live
in ``auditor.scoresheet``, which is imported only when a scheme is used. The score sheet is
separate from ``AuditResult.score`` (the rule-weight score): it follows an evaluator's indicators,
points and deductions.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.fields import FieldInfo

from .document import Location
from .factories import empty_list

DeductionKind = Literal["earn", "missing", "finding", "rule", "not_applicable"]
IndicatorStatus = Literal["full", "partial", "zero", "not_applicable"]


class SheetDeduction(BaseModel):
    """Points taken off one indicator, with the reason and the evidence for it."""

    model_config = ConfigDict(defer_build=True)

    kind: DeductionKind  # earn: the earning condition not (fully) met; missing/finding/rule: per defect
    code: str | None = None  # the rule whose result caused it
    points: float = Field(ge=0)  # deducted, after the caps
    nominal: float = Field(ge=0)  # what the scheme deducts for this defect before the caps
    reason: str
    evidence: str | None = None  # the quote, the missing item or the rule's message
    location: Location | None = None


class IndicatorScore(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    title: str
    group: str | None = None
    points: float  # full points of the indicator
    awarded: float  # points − Σ deductions, never below zero
    status: IndicatorStatus
    deductions: list[SheetDeduction] = Field(default_factory=empty_list)
    sources: list[str] = Field(default_factory=empty_list)  # citations of the scheme's sources


class ScoreSheet(BaseModel):
    """One report scored by one scheme: Σ indicators' ``awarded`` = ``awarded``."""

    model_config = ConfigDict(defer_build=True)

    scheme: str
    title: str
    version: str
    total: float  # full marks = Σ indicators' points
    awarded: float
    rank: int | None = None  # in the batch's ranking
    indicators: list[IndicatorScore]


class RankEntry(BaseModel):
    """A place in the batch's ranking: by ``awarded``, highest first; equal totals share a rank
    (1, 2, 2, 4) and keep the order in which the reports were audited."""

    model_config = ConfigDict(defer_build=True)

    rank: int
    path: str
    organisation: str | None = None
    awarded: float
    total: float


def is_none(value: object) -> bool:
    return value is None


# ``score_sheet`` and ``ranking`` are written only when set, so outputs without ``--scoring`` stay
# exactly as they were (the fields are additive and optional in the published schema). pydantic
# 2.11 and later test a field's ``exclude_if`` inside their serializer; a wrap serializer on the
# model (what older versions need) makes every dump build Python dicts first: ~40% of a report's
# ``--format jsonl`` rendering.
EXCLUDE_IF = "exclude_if" in getattr(FieldInfo, "__slots__", ())


def absent_when_none() -> Any:
    """The default of such a field: None, and left out of dumps when None (on a pydantic without
    ``exclude_if`` the model's wrap serializer leaves it out, with ``omit_absent``)."""
    return Field(default=None, exclude_if=is_none) if EXCLUDE_IF else None


def omit_absent(data, key: str):
    """Drop ``key`` from a serialised model when it is ``None`` (pydantic before 2.11)."""
    if isinstance(data, dict) and data.get(key, 0) is None:
        del data[key]
    return data
