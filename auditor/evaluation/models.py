"""The evaluation's boundaries: the label files as written (strict) and the measured result."""

from __future__ import annotations

from pathlib import PurePosixPath, PureWindowsPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..errors import AuditorError
from ..models.factories import empty_dict

GateLabel = Literal["pass", "fail"]
StatusLabel = Literal["pass", "fail", "partial", "na"]
KindLabel = Literal["government", "department", "town", "joint"]
FIELDS = ("title", "organisation", "report_year", "kind")


class LabelError(AuditorError):
    """A label index or case file is invalid; ``line`` points into the YAML file."""


# -- label files (see fixtures/eval/README.md) -------------------------------------------------

class LabelIndex(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Literal[1]
    cases: list[str] = Field(min_length=1)  # glob patterns relative to the index file

    @field_validator("cases")
    @classmethod
    def _relative(cls, patterns: list[str]) -> list[str]:
        for p in patterns:
            if not p.strip() or PurePosixPath(p).is_absolute() or PureWindowsPath(p).is_absolute():
                raise ValueError(f"case pattern '{p}' must be a non-empty path relative to the index")
        return patterns


class MetadataLabels(BaseModel):
    """Any subset of the fields; a field given as ``null`` means the tool must find nothing."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    organisation: str | list[str] | None = None  # a list: any of these names is accepted
    report_year: int | None = None
    kind: KindLabel | None = None

    @field_validator("organisation")
    @classmethod
    def _non_empty_list(cls, value: str | list[str] | None) -> str | list[str] | None:
        if isinstance(value, list) and not value:
            raise ValueError("an empty list accepts nothing; write null for 'must not be found'")
        return value

    def given(self) -> list[str]:
        """The fields this case labels, in the fixed order."""
        return [f for f in FIELDS if f in self.model_fields_set]


class CaseLabels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    report: str  # relative to the case file
    about: str
    gate: GateLabel
    metadata: MetadataLabels = Field(default_factory=MetadataLabels)
    rules: dict[str, StatusLabel] = Field(default_factory=empty_dict)


class Case(BaseModel):
    """A case file loaded and resolved: where it is, what it labels, which report it names."""

    id: str
    file: str
    report: str
    labels: CaseLabels


# -- the measured result ------------------------------------------------------------------------

class GateMetrics(BaseModel):
    correct: int
    total: int
    accuracy: float | None
    false_pass: int  # labelled fail, tool passed: an incomplete report waved through
    false_fail: int  # labelled pass, tool failed


class FieldMetrics(BaseModel):
    field: str
    correct: int
    total: int
    accuracy: float | None  # None when no case labels the field


class RuleMetrics(BaseModel):
    """Counts on "flagged" (fail or partial) vs not flagged, over the cases that label the rule."""

    code: str
    title: str
    support: int
    tp: int
    fp: int
    fn: int
    tn: int
    precision: float | None  # None: the tool flagged no labelled case
    recall: float | None  # None: no labelled case is flagged
    exact: int  # cases whose exact status agrees
    exact_rate: float | None


class Disagreement(BaseModel):
    case: str
    check: str  # "gate", a metadata field, or a rule code
    expected: str
    actual: str
    message: str | None = None  # the tool's reasons or the rule's message
    location: str | None = None  # where the rule's first finding points


class Thresholds(BaseModel):
    gate: float | None = Field(default=None, ge=0, le=1)
    metadata: float | None = Field(default=None, ge=0, le=1)
    precision: float | None = Field(default=None, ge=0, le=1)
    recall: float | None = Field(default=None, ge=0, le=1)
    rules: list[str] = Field(default_factory=lambda: ["FZ", "XF", "GF"])  # prefixes P/R apply to


class Miss(BaseModel):
    """One threshold that does not hold."""

    measure: str  # "gate", "metadata.title", "FZ002 precision", ...
    value: float
    minimum: float


class Evaluation(BaseModel):
    labels: str
    pack: str
    cases: int
    gate: GateMetrics
    metadata: list[FieldMetrics]
    rules: list[RuleMetrics]
    disagreements: list[Disagreement]
    thresholds: Thresholds
    misses: list[Miss]
