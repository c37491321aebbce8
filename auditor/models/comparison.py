"""What a comparison returns (``audit compare --format json``). Additive: new fields only."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from .document import Location
from .factories import empty_list

COMPARE_SCHEMA_VERSION = "1.0"

Side = Literal["last", "this"]  # which of the two reports
PlanStatus = Literal["reported", "not_found"]
RepetitionKind = Literal["shortcoming", "plan", "paragraph"]


class Place(BaseModel):
    """A passage of one of the two reports: which report, where, and the text."""

    report: Side
    location: Location | None = None
    quote: str


class ReportRef(BaseModel):
    path: str
    title: str | None = None
    organisation: str | None = None
    year: int | None = None


class PlanItem(BaseModel):
    """One item of last year's next-year plan and what this year's measures say about it."""

    item: str  # the item's key text (its heading, or its first sentence)
    plan: Place  # where last year's plan states it
    terms: list[str]  # the key terms looked for
    status: PlanStatus
    coverage: float = Field(ge=0, le=1)  # weighted share of the key terms in the best passage
    evidence: Place | None = None  # this year's passage reporting it as done
    mention: Place | None = None  # not found: a passage that mentions it, but not as done
    note: str | None = None  # why a mention does not count (Chinese)


class Repetition(BaseModel):
    """Text of this year's report that repeats last year's."""

    kind: RepetitionKind
    similarity: float = Field(ge=0, le=100)
    last: Place
    this: Place


class Figure(BaseModel):
    """One indicator reported with a number in both years."""

    indicator: str
    unit: str
    last_value: float
    this_value: float
    change: float
    last: Place
    this: Place


class SimilarityMeasure(BaseModel):
    name: str = "rapidfuzz.fuzz.ratio"
    description: str = ("normalised Indel similarity (100 × (1 − Indel distance ÷ total length)) of the two "
                        "texts after normalisation: only Han characters, letters and digits, item markers removed")
    repeated_threshold: float = 85
    paragraph_threshold: float = 90


class CompareSummary(BaseModel):
    plan_items: int
    reported: int
    not_found: int
    repeated: int
    figures: int


class Comparison(BaseModel):
    """The top-level JSON document written by ``audit compare --format json``."""

    schema_version: str = COMPARE_SCHEMA_VERSION
    last: ReportRef
    this: ReportRef
    similarity: SimilarityMeasure = Field(default_factory=SimilarityMeasure)
    plan: list[PlanItem] = Field(default_factory=empty_list)
    repeated: list[Repetition] = Field(default_factory=empty_list)
    figures: list[Figure] = Field(default_factory=empty_list)
    summary: CompareSummary


class NotCompared(BaseModel):
    """A report of a ``--compare-years`` run that was compared with no other, and why (Chinese)."""

    path: str
    organisation: str | None = None
    year: int | None = None
    reason: str


class YearComparisons(BaseModel):
    """``--compare-years``: each report paired with the same organisation's report of the year before."""

    comparisons: list[Comparison] = Field(default_factory=empty_list)
    not_compared: list[NotCompared] = Field(default_factory=empty_list)
