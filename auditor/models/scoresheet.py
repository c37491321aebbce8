"""What a scoring scheme produces (``audit --scoring``): a score sheet per report and a ranking.

These are output models only (JSON carries them); the schemes themselves and the arithmetic live
in ``auditor.scoresheet``, which is imported only when a scheme is used. The score sheet is
separate from ``AuditResult.score`` (the rule-weight score): it follows an evaluator's indicators,
points and deductions.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

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
# exactly as they were (the fields are additive and optional in the published schema). pydantic's
# serializer tests a field's ``exclude_if`` itself (2.12 and later; a wrap serializer on the model
# made every dump build Python dicts first: ~40% of a report's ``--format jsonl`` rendering).
def absent_when_none() -> Any:
    """The default of such a field: None, and left out of dumps when None."""
    return Field(default=None, exclude_if=is_none)
