"""The schema of a scoring scheme, and loading one with errors that name the YAML line.

A scheme is data::

    scheme: my-scheme              # name (= file stem)
    title: 某县法治政府建设年度报告评分表
    version: "1"
    total: 100                     # optional; when given it must equal the sum of the points
    sources:                       # what the indicators cite
      dcgd: {title: 《法治政府建设与责任落实督察工作规定》, url: https://…}
    indicators:
      - id: A1
        group: 一、法定内容          # optional first-level heading
        title: 存在的不足和原因
        points: 10
        source: [dcgd]
        earn: {all_of: [FZ002, FZ003]}          # rule codes, all_of, any_of; partial: credit
        deductions:
          - {per: missing, rules: [GF001], points: 0.5, max: 2, reason: 每缺一项要素}
          - {per: finding, rules: [PN, TR], severity: [error], points: 0.5}
          - {per: rule, rules: [FZ007], points: 2}

Structure is checked by pydantic (``LocatedYaml.validate``); the cross-field rules (a declared
total equals the sum, unique ids, cited sources exist, rule codes exist in the audited pack) are
checked here with the line of the offending key. Every problem is one ``RulePackError``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import RulePackError, UsageError
from ..models import Severity
from ..models.factories import empty_dict, empty_list
from ..resources import shipped_rules_dir
from ..yamlpos import Loc, LocatedYaml, load_located

CODE = re.compile(r"^[A-Z]{2,4}\d{3}$")
CODE_OR_PREFIX = re.compile(r"^[A-Z]{2,4}\d{0,3}$")


class _Keys(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SourceSpec(_Keys):
    """A published document an indicator is drawn from."""

    title: str = Field(min_length=2)
    url: str | None = None
    note: str | None = None

    def cite(self) -> str:
        return self.title + (f"（{self.note}）" if self.note else "")


class Condition(_Keys):
    """What earns an indicator's points: one rule's result, or a combination.

    ``rule``: pass earns all, ``partial`` earns ``partial`` of it (default 0.5), fail nothing;
    not applicable (or not assessable) leaves the condition out. ``all_of``: the lowest credit
    of its parts; ``any_of``: the highest. A bare code (``FZ001``) stands for ``{rule: FZ001}``.
    """

    rule: str | None = None
    partial: float | None = Field(default=None, ge=0, le=1)
    all_of: list[Condition] | None = Field(default=None, min_length=1)
    any_of: list[Condition] | None = Field(default=None, min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _bare_code(cls, value):
        return {"rule": value} if isinstance(value, str) else value

    @field_validator("rule")
    @classmethod
    def _code(cls, value: str | None) -> str | None:
        if value is not None and not CODE.match(value):
            raise ValueError(f"'{value}' is not a rule code (2–4 capital letters and 3 digits, e.g. FZ001)")
        return value

    @model_validator(mode="after")
    def _one_kind(self) -> Condition:
        given = [k for k in ("rule", "all_of", "any_of") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError("a condition is exactly one of 'rule', 'all_of' or 'any_of'"
                             + (f" (got {', '.join(given)})" if given else ""))
        if self.partial is not None and self.rule is None:
            raise ValueError("'partial' belongs to a 'rule' condition")
        return self

    def codes(self, loc: Loc) -> list[tuple[str, Loc]]:
        """Every rule code in this condition, with its YAML location."""
        if self.rule is not None:
            return [(self.rule, loc)]
        key = "all_of" if self.all_of is not None else "any_of"
        return [c for i, part in enumerate(self.all_of or self.any_of or []) for c in part.codes((*loc, key, i))]


class DeductionSpec(_Keys):
    """Points off per defect: each missing item (``missing``) or finding (``finding``) of the
    listed rules, or each listed rule that is not met (``rule``)."""

    per: Literal["missing", "finding", "rule"]
    rules: list[str] = Field(min_length=1)  # codes or prefixes (PN, TR0)
    points: float = Field(gt=0)
    max: float | None = Field(default=None, gt=0)  # cap of this deduction; the indicator caps too
    severity: list[Severity] | None = Field(default=None, min_length=1)  # per: finding only
    status: list[Literal["fail", "partial"]] | None = Field(default=None, min_length=1)  # per: rule only
    reason: str | None = None  # what the defect is called on the sheet

    @field_validator("rules")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        for code in value:
            if not CODE_OR_PREFIX.match(code):
                raise ValueError(f"'{code}' is not a rule code or prefix (e.g. FZ001, PN)")
        return value

    @model_validator(mode="after")
    def _fits_per(self) -> DeductionSpec:
        if self.severity is not None and self.per != "finding":
            raise ValueError("'severity' belongs to 'per: finding'")
        if self.status is not None and self.per != "rule":
            raise ValueError("'status' belongs to 'per: rule'")
        return self

    def statuses(self) -> tuple[str, ...]:
        return tuple(self.status or ("fail",))


class IndicatorSpec(_Keys):
    id: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    title: str = Field(min_length=2)
    group: str | None = None
    points: float = Field(gt=0)
    source: list[str | SourceSpec] = Field(min_length=1)  # ids from `sources`, or inline
    note: str | None = None
    earn: Condition | None = None
    deductions: list[DeductionSpec] = Field(default_factory=empty_list)
    not_applicable: Literal["full", "zero"] = "full"  # when no rule it uses applies to the report

    @model_validator(mode="after")
    def _scored(self) -> IndicatorSpec:
        if self.earn is None and not self.deductions:
            raise ValueError(f"indicator '{self.id}' needs 'earn', 'deductions' or both")
        return self


class SchemeSpec(_Keys):
    scheme: str = Field(pattern=r"^[a-z][a-z0-9_-]*$")
    title: str = Field(min_length=2)
    version: str
    description: str | None = None
    total: float | None = Field(default=None, gt=0)
    partial: float = Field(default=0.5, ge=0, le=1)  # default credit of a partial rule in `earn`
    sources: dict[str, SourceSpec] = Field(default_factory=empty_dict)
    indicators: list[IndicatorSpec] = Field(min_length=1)


@dataclass(frozen=True)
class Scheme:
    """A loaded, checked scheme; ``doc`` keeps the YAML lines for later errors."""

    spec: SchemeSpec
    path: Path
    doc: LocatedYaml

    @property
    def name(self) -> str:
        return self.spec.scheme

    @property
    def total(self) -> float:
        return _sum(i.points for i in self.spec.indicators)

    def sources_of(self, indicator: IndicatorSpec) -> list[str]:
        return [(self.spec.sources[s] if isinstance(s, str) else s).cite() for s in indicator.source]

    def references(self) -> list[tuple[str, bool, Loc]]:
        """(code or prefix, whether it is a prefix, YAML location) of every rule the scheme uses."""
        out: list[tuple[str, bool, Loc]] = []
        for i, ind in enumerate(self.spec.indicators):
            if ind.earn is not None:
                out += [(code, False, loc) for code, loc in ind.earn.codes(("indicators", i, "earn"))]
            for j, d in enumerate(ind.deductions):
                out += [(code, not CODE.match(code), ("indicators", i, "deductions", j, "rules", k))
                        for k, code in enumerate(d.rules)]
        return out

    def check_rules(self, codes: set[str], pack: str) -> None:
        """Every code the scheme names is a rule the pack audits; every prefix matches one."""
        for code, prefix, loc in self.references():
            if prefix and any(c.startswith(code) for c in codes):
                continue
            if not prefix and code in codes:
                continue
            guess = difflib.get_close_matches(code, sorted(codes), n=1)
            what = "no rule starts with" if prefix else "no rule"
            raise self.doc.error(loc, f"{what} '{code}' in the rules audited (pack {pack})"
                                 + (f" (did you mean '{guess[0]}'?)" if guess else ""))


def _sum(values) -> float:
    return round(sum(values), 4)


def schemes_dir() -> Path:
    return shipped_rules_dir() / "schemes"


def available_schemes() -> dict[str, Path]:
    return {p.stem: p for p in sorted(schemes_dir().glob("*.yaml"))}


def resolve_scheme(ref: str) -> Path:
    """A shipped scheme's name, or a path to a YAML file."""
    candidate = Path(ref)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        if not candidate.is_file():
            raise UsageError(f"--scoring: scheme file '{ref}' does not exist")
        return candidate
    shipped = available_schemes()
    if ref in shipped:
        return shipped[ref]
    raise UsageError(f"--scoring: unknown scheme '{ref}' (available: {', '.join(shipped) or 'none'}; "
                     "or give a YAML path)")


def load_scheme(ref: str | Path) -> Scheme:
    path = resolve_scheme(str(ref))
    doc = load_located(path)
    if not isinstance(doc.data, dict):
        raise RulePackError("a scoring scheme is a YAML mapping", path=path, line=1)
    if "scheme" not in doc.data and "pack" in doc.data:
        raise RulePackError("is a rule pack, not a scoring scheme (use --rules for packs)", path=path, line=1)
    spec: SchemeSpec = doc.validate(SchemeSpec)
    seen: dict[str, int] = {}
    for i, ind in enumerate(spec.indicators):
        if ind.id in seen:
            raise doc.error(("indicators", i, "id"),
                            f"indicators[{i}]: id '{ind.id}' is used twice (first at line {seen[ind.id]})")
        seen[ind.id] = doc.line_of(("indicators", i, "id")) or 0
        for k, s in enumerate(ind.source):
            if isinstance(s, str) and s not in spec.sources:
                known = ", ".join(spec.sources) or "none"
                raise doc.error(("indicators", i, "source", k),
                                f"indicators[{i}].source: unknown source '{s}' (known: {known})")
        for j, d in enumerate(ind.deductions):
            if d.max is not None and d.max > ind.points:
                raise doc.error(("indicators", i, "deductions", j, "max"),
                                f"indicators[{i}].deductions[{j}].max: {d.max:g} is more than the "
                                f"indicator's {ind.points:g} points")
    points = _sum(i.points for i in spec.indicators)
    if spec.total is not None and abs(points - spec.total) > 1e-6:
        parts = " + ".join(f"{i.points:g}" for i in spec.indicators)
        raise doc.error(("total",), f"total: {spec.total:g} is not the sum of the indicators' points "
                                    f"({parts} = {points:g})")
    return Scheme(spec=spec, path=path, doc=doc)
