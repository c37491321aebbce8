"""The rule-pack format. One shared header for every rule; check-specific keys beside it."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..lazy_regex import LazyPattern
from .document import ReportKind
from .factories import empty_dict, empty_list
from .results import Basis, Severity

CODE = LazyPattern(r"^[A-Z]{2,4}\d{3}$")
SCOPE = LazyPattern(r"^(document|title|signature|metadata|preamble|section:[a-z_]+)$")


class BasisSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    title: str
    article: str | None = None
    url: str | None = None
    note: str | None = None

    def to_basis(self) -> Basis:
        return Basis(**self.model_dump())


class YearRange(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    min: int | None = None
    max: int | None = None


class Applicability(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    kinds: list[ReportKind] | None = None
    years: YearRange | None = None


#: The largest weight a rule may have: weights are summed into the score, and one of 1e308 (or inf,
#: nan) would overflow the sum and leave a report without a score.
MAX_WEIGHT = 1000.0


def not_a_bool(value: Any) -> Any:
    """A ``mode="before"`` validator for a number read from YAML or TOML: pydantic would read
    true/false as 1 and 0."""
    if isinstance(value, bool):
        raise ValueError("must be a number, not true or false")
    return value


class Examples(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    # pass: texts the rule must fully accept; fail: texts it must not accept (never empty texts).
    pass_: list[str] = Field(default_factory=empty_list, alias="pass")
    fail: list[str] = Field(default_factory=empty_list)

    @field_validator("pass_", "fail")
    @classmethod
    def _texts(cls, value: list[str]) -> list[str]:
        if any(not text.strip() for text in value):
            raise ValueError("an example is a text to audit: it may not be empty")
        return value


class RuleSpec(BaseModel):
    """The shared header. Keys not listed here belong to the check type and are validated by it."""

    model_config = ConfigDict(defer_build=True, extra="allow", populate_by_name=True)

    code: str
    title: str = Field(min_length=2)
    description: str | None = None
    basis: list[str | BasisSpec] = Field(min_length=1)
    severity: Severity
    partial_severity: Severity | None = None
    weight: float = Field(ge=0, le=MAX_WEIGHT, allow_inf_nan=False)
    scope: str = "document"
    applies_to: Applicability = Field(default_factory=Applicability)
    suggestion: str = Field(min_length=2)
    check: str
    examples: Examples = Field(default_factory=Examples)
    enabled: bool = True
    # A new rule on trial: it runs only when preview is asked for (--preview, as in Ruff).
    preview: bool = False

    @field_validator("code")
    @classmethod
    def _code(cls, value: str) -> str:
        if not CODE.match(value):
            raise ValueError("a rule code is 2–4 capital letters and 3 digits, e.g. FZ001")
        return value

    @field_validator("scope")
    @classmethod
    def _scope(cls, value: str) -> str:
        if not SCOPE.match(value):
            raise ValueError(
                "scope is document, title, signature, metadata, preamble or section:<role>")
        return value

    _weight = field_validator("weight", mode="before")(not_a_bool)

    @model_validator(mode="after")
    def _examples_given(self) -> RuleSpec:
        if "examples" in self.model_fields_set and not (self.examples.pass_ or self.examples.fail):
            raise ValueError("examples: give at least one text under pass or fail (or leave examples out)")
        return self

    @property
    def group(self) -> str:
        return re.match(r"[A-Z]+", self.code).group(0)  # type: ignore[union-attr]

    def check_params(self) -> dict[str, Any]:
        return dict(self.model_extra or {})


class RuleOverride(BaseModel):
    """What a pack that extends another may change about an inherited rule."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    severity: Severity | None = None
    partial_severity: Severity | None = None
    weight: float | None = Field(default=None, ge=0, le=MAX_WEIGHT, allow_inf_nan=False)
    applies_to: Applicability | None = None
    suggestion: str | None = None
    enabled: bool | None = None

    _weight = field_validator("weight", mode="before")(not_a_bool)


class Settings(BaseModel):
    """Matching settings shared by a pack's rules (inherited through ``extends``)."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    negation_cues: list[str] | None = None
    plan_cues: list[str] | None = None  # regular expressions
    not_done_roles: list[str] | None = None
    user_dictionary: list[str] | None = None  # jieba dictionaries, relative to the pack file
    vocabulary: list[str] | None = None  # role vocabularies, relative to the pack file


# Rules one pack file may hold: the shipped ones hold tens, a county's own a few hundred at most;
# ten thousand took half a minute to compile and check.
MAX_RULES = 1000


class PackSpec(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    pack: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str
    version: str
    description: str | None = None
    extends: list[str] = Field(default_factory=empty_list)
    bases: dict[str, BasisSpec] = Field(default_factory=empty_dict)
    settings: Settings = Field(default_factory=Settings)
    overrides: dict[str, RuleOverride] = Field(default_factory=empty_dict)
    rules: list[dict[str, Any]] = Field(default_factory=empty_list)

    @field_validator("rules")
    @classmethod
    def _not_too_many(cls, value: list[dict[str, Any]]) -> list[dict[str, Any]]:
        if len(value) > MAX_RULES:
            raise ValueError(f"a pack holds at most {MAX_RULES:,} rules, this one {len(value):,} "
                             "(split it into packs that extend one another)")
        return value
