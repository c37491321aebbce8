"""What an audit returns: per-rule results, findings, scores and the gate verdict."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from .document import Location, Metadata
from .factories import empty_list
from .lexicon import lexicon
from .scoresheet import RankEntry, ScoreSheet, absent_when_none
from .trusted import trusted

SCHEMA_VERSION = "1.2"  # 1.1: waivers (additive); 1.2: status not_a_report (additive)
# How the problem of a not_a_report result begins (auditor/recognise.py writes it; the table leaves it out).
NOT_A_REPORT_PREFIX = "不是法治政府建设年度报告："


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"

    # Read from module-level tables by the member's own value attribute: ``.value`` is a dynamic
    # class attribute (a Python call), and scoring, the gate and the findings' sort ask for the
    # rank of every finding.
    @property
    def rank(self) -> int:
        return _RANKS[self._value_]

    @property
    def label(self) -> str:
        return lexicon().labels.severity[self._value_]


_RANKS = {"error": 3, "warning": 2, "info": 1}


class Status(str, Enum):
    passed = "pass"
    partial = "partial"
    failed = "fail"
    not_applicable = "not_applicable"
    unevaluated = "unevaluated"

    @property
    def label(self) -> str:
        return lexicon().labels.status[self._value_]




class Basis(BaseModel):
    """The legal or normative basis of a rule."""

    model_config = ConfigDict(defer_build=True)

    title: str
    article: str | None = None
    url: str | None = None
    note: str | None = None

    def cite(self) -> str:
        return self.title + (f" {self.article}" if self.article else "")


class Evidence(BaseModel):
    """Text that satisfied (part of) a rule."""

    model_config = ConfigDict(defer_build=True)

    item: str | None = None
    quote: str
    location: Location


class MissingItem(BaseModel):
    model_config = ConfigDict(defer_build=True)

    id: str
    label: str


def missing_item(id: str, label: str) -> MissingItem:
    """``MissingItem(id=id, label=label)`` for a check's own strings, built without validation
    (models/trusted.py): a report has dozens, and a cold run then builds no schema for them."""
    return trusted(MissingItem, {"id": id, "label": label})


class Finding(BaseModel):
    """One thing a person should look at: where, what, how to fix."""

    model_config = ConfigDict(defer_build=True)

    code: str
    severity: Severity
    message: str
    location: Location | None = None
    quote: str | None = None
    suggestion: str | None = None
    replacement: str | None = None


class RuleResult(BaseModel):
    model_config = ConfigDict(defer_build=True)

    code: str
    title: str
    group: str
    severity: Severity
    weight: float
    status: Status
    credit: float = Field(ge=0, le=1)
    message: str
    evidence: list[Evidence] = Field(default_factory=empty_list)
    missing: list[MissingItem] = Field(default_factory=empty_list)
    findings: list[Finding] = Field(default_factory=empty_list)
    suggestion: str | None = None
    basis: list[Basis] = Field(default_factory=empty_list)
    waived: bool = False  # a configured waiver accepts this gap: reported, not gating
    waiver_reason: str | None = None


class AppliedWaiver(BaseModel):
    model_config = ConfigDict(defer_build=True)

    code: str
    reason: str
    source: str  # the configuration file that grants it


class GroupScore(BaseModel):
    model_config = ConfigDict(defer_build=True)

    group: str
    score: float | None
    weight: float
    earned: float
    rules: int


class MissingEntry(BaseModel):
    """A rule that is not (fully) met, with what is missing and how to fix it."""

    model_config = ConfigDict(defer_build=True)

    code: str
    title: str
    severity: Severity
    status: Status
    items: list[MissingItem]
    suggestion: str | None = None
    basis: list[str] = Field(default_factory=empty_list)


class GateSettings(BaseModel):
    model_config = ConfigDict(defer_build=True)

    fail_on: Severity = Severity.error
    fail_under: float | None = None


Verdict = Literal["pass", "fail", "unevaluated"]


class AuditResult(BaseModel):
    """The audit of one report."""

    model_config = ConfigDict(defer_build=True)

    path: str
    format: str | None = None
    encoding: str | None = None
    evaluated: bool
    problem: str | None = None  # why the report could not be evaluated
    # "not_a_report": the file is not a 法治政府建设年度报告 (a README, a 政府工作报告, a notice);
    # then verdict is "unevaluated", there is no score, and ``problem`` says why in one line.
    status: Literal["report", "not_a_report"] = "report"
    metadata: Metadata = Field(default_factory=Metadata)
    score: float | None = None
    groups: list[GroupScore] = Field(default_factory=empty_list)
    verdict: Verdict
    reasons: list[str] = Field(default_factory=empty_list)  # why the gate failed
    results: list[RuleResult] = Field(default_factory=empty_list)
    findings: list[Finding] = Field(default_factory=empty_list)
    missing: list[MissingEntry] = Field(default_factory=empty_list)
    waivers: list[AppliedWaiver] = Field(default_factory=empty_list)
    config: str | None = None  # the configuration file used for this report
    score_sheet: ScoreSheet | None = absent_when_none()  # audit --scoring only; absent from JSON otherwise


class PackInfo(BaseModel):
    model_config = ConfigDict(defer_build=True)

    name: str
    version: str
    title: str
    rules: int
    sources: list[str]


class RunSummary(BaseModel):
    model_config = ConfigDict(defer_build=True)

    reports: int
    passed: int
    failed: int
    unevaluated: int
    waived: int = 0  # rule results accepted by waivers, over all reports


class RuleInfo(BaseModel):
    """What an output format may say about a rule (SARIF rule metadata, JUnit names…)."""

    model_config = ConfigDict(defer_build=True)

    code: str
    title: str
    description: str
    severity: Severity
    weight: float
    group: str
    basis: list[Basis]
    suggestion: str

    def help_text(self) -> str:
        basis = "；".join(b.cite() for b in self.basis)
        return f"要求：{self.description}\n依据：{basis}\n修改建议：{self.suggestion}"

    def help_markdown(self) -> str:
        basis = "\n".join(f"- {b.cite()}" + (f" <{b.url}>" if b.url else "") for b in self.basis)
        return (f"**{self.code} {self.title}**\n\n{self.description}\n\n**依据**\n\n{basis}\n\n"
                f"**修改建议**：{self.suggestion}")


class AuditRun(BaseModel):
    """The top-level JSON document written by ``audit --format json``."""

    model_config = ConfigDict(defer_build=True)

    # The rules the reports were checked against, by code, for formats that describe them (SARIF's
    # rule metadata, the spreadsheets' columns). A private attribute: not part of the JSON document
    # or its schema, so a run read back from JSON has none.
    _catalog: dict[str, RuleInfo] | None = PrivateAttr(default=None)

    schema_version: str = SCHEMA_VERSION
    tool: dict[str, str]
    pack: PackInfo
    gate: GateSettings
    reports: list[AuditResult]
    summary: RunSummary
    ranking: list[RankEntry] | None = absent_when_none()  # audit --scoring only; absent from JSON otherwise

    @property
    def catalog(self) -> dict[str, RuleInfo]:
        """The rules the reports were checked against (empty when the run came from JSON)."""
        return self._catalog or {}

    @catalog.setter
    def catalog(self, rules: dict[str, RuleInfo]) -> None:
        self._catalog = rules
