"""dates: the 成文日期's format, dates against deadlines counted from the report year, and
dates that must agree with each other.

A deadline is either one date (``not_after``) or a list of levels (``deadlines``): the first
level that binds the report, by its kind or its organisation's name, gives the date. A rule that
says ``why`` its dates matter gets findings in full sentences naming the deadline and the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..lazy_regex import LazyPattern
from ..matching.terms import check_regex
from ..models import ReportKind, Status, missing_item
from ..models.factories import empty_list
from .base import Check, CheckContext, Draft, Outcome

# GB/T 9704-2012: Arabic numerals, year in full, month and day without leading zeros.
_FORMAT = LazyPattern(r"^\d{4}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")
_LABELS = {"signature_date": "成文日期", "publication_date": "发布日期"}


class MonthDay(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)
    year_offset: int = 1  # relative to the report year

    @model_validator(mode="after")
    def _real_day(self) -> MonthDay:
        try:
            dt.date(2000, self.month, self.day)  # a leap year, so 2月29日 is allowed
        except ValueError:
            raise ValueError(f"{self.month}月{self.day}日 is not a date") from None
        return self

    def resolve(self, report_year: int) -> dt.date:
        if (self.month, self.day) == (2, 29) and not _leap(report_year + self.year_offset):
            return dt.date(report_year + self.year_offset, 2, 28)
        return dt.date(report_year + self.year_offset, self.month, self.day)


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


class Deadline(BaseModel):
    """One level of a by-level deadline: who it binds, the date, and the rule behind it."""

    model_config = ConfigDict(defer_build=True, extra="forbid")

    label: str = Field(min_length=2)  # 省级党委和政府报告的报送时限
    kinds: list[ReportKind] | None = None  # report kinds it binds (with a known kind)
    # Regular expressions on the organisation's name (spaces removed); one must match. A level
    # with names binds a body recognised by its name even when the report kind is unknown.
    names: list[str] = Field(default_factory=empty_list)
    not_after: MonthDay
    why: str = Field(min_length=2)  # the requirement, in a sentence

    @field_validator("names")
    @classmethod
    def _valid(cls, value: list[str]) -> list[str]:
        return [check_regex(v) for v in value]

    def binds(self, kind: str, names: list[str], patterns: Sequence[LazyPattern] | None = None) -> bool:
        """``patterns``: this level's ``names`` compiled by the caller (else by ``re``'s cache)."""
        if self.names:
            searched = patterns if patterns is not None else [re.compile(p) for p in self.names]
            if not any(q.search(n) for q in searched for n in names):
                return False
        if self.kinds is not None:
            return kind in self.kinds or (kind == "unknown" and bool(self.names))
        return True


class DatesParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    field: Literal["signature_date", "publication_date"]
    format: bool = False
    not_after: MonthDay | None = None
    not_before: MonthDay | None = None
    # The date must not come after another of the document's dates (成文日期 ≤ 发布日期).
    not_after_field: Literal["publication_date"] | None = None
    # Deadlines by level, the first that binds the report wins (省级 4月1日, others 3月1日).
    deadlines: list[Deadline] = Field(default_factory=empty_list)
    # Naming the plain ``not_after`` (县级以上政府部门报告的报送时限) and the requirement behind the
    # rule's dates, for findings in full sentences.
    deadline_label: str | None = None
    why: str | None = None
    when_missing: Literal["fail", "not_applicable", "unevaluated"] = "fail"

    @model_validator(mode="after")
    def _something(self) -> DatesParams:
        if not (self.format or self.not_after or self.not_before or self.not_after_field or self.deadlines):
            raise ValueError("dates needs format, not_after or not_before (or not_after_field, deadlines)")
        if self.not_after and self.deadlines:
            raise ValueError("give either not_after or deadlines, not both")
        return self


class Dates(Check):
    name = "dates"
    Params = DatesParams
    description = "日期格式规范，不晚于（不早于）规定时限，并与其他日期相符"
    params: DatesParams

    def __init__(self, *args):
        super().__init__(*args)
        # Each level's name patterns made once per pack (compiled on first use), instead of
        # looked up in re's cache for every name of every report (``Deadline.binds``).
        self._levels = [(level, [LazyPattern(n) for n in level.names]) for level in self.params.deadlines]

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        meta = ctx.doc.metadata
        label = _LABELS[p.field]
        value = getattr(meta, p.field)
        if value is None:
            status = Status(p.when_missing) if p.when_missing != "fail" else Status.failed
            return Outcome(status=status, credit=0 if status is Status.failed else 1,
                           anchor=ctx.doc.signature or ctx.doc.body,
                           missing=[missing_item(p.field, label)] if status is Status.failed else [],
                           message=f"未找到{label}")
        date: dt.date = value.value
        where = ctx.doc.signature if p.field == "signature_date" else None
        problems: list[str] = []  # short statements, joined into the result's message
        told: list[str] = []  # the same problems in full sentences, for the findings
        fine: list[str] = []
        if p.format:
            raw = (value.raw or "").replace(" ", "")
            if _FORMAT.match(raw):
                fine.append(f"{label}“{value.raw}”格式规范")
            else:
                problems.append(f"{label}“{value.raw}”不规范，应写作“{date.year}年{date.month}月{date.day}日”")
                told.append(problems[-1])
        deadline = self._deadline(ctx)
        if isinstance(deadline, Outcome):
            return deadline
        if deadline or p.not_before:
            year = meta.report_year
            if year is None:
                if not problems:
                    return Outcome(status=Status.unevaluated, credit=0, message="无法确定报告年度")
            elif deadline and date > (limit := deadline.not_after.resolve(year.value)):
                problems.append(f"{label}{date:%Y-%m-%d}晚于时限{limit:%Y-%m-%d}")
                told.append(f"{label}为{_cn(date)}，晚于{deadline.label}{_cn(limit)}。{deadline.why}"
                            if deadline.why else problems[-1])
            elif p.not_before and date < (limit := p.not_before.resolve(year.value)):
                problems.append(f"{label}{date:%Y-%m-%d}早于{limit:%Y-%m-%d}")
                told.append(f"{label}为{_cn(date)}，早于{_cn(limit)}。{p.why}" if p.why else problems[-1])
            elif deadline and deadline.why:
                limit = deadline.not_after.resolve(year.value)
                fine.append(f"{label}{_cn(date)}，未晚于{deadline.label}{_cn(limit)}")
            elif p.not_before and p.why:
                fine.append(f"{label}{_cn(date)}，不早于{_cn(p.not_before.resolve(year.value))}")
            else:
                fine.append(f"{label}{date:%Y-%m-%d}在时限内")
        if p.not_after_field:
            other = getattr(meta, p.not_after_field)
            other_label = _LABELS[p.not_after_field]
            if other is not None and date > other.value:
                problems.append(f"{label}{date:%Y-%m-%d}晚于{other_label}{other.value:%Y-%m-%d}")
                told.append(f"{label}为{_cn(date)}，却晚于{other_label}{_cn(other.value)}：报告不会在成文之前发布，"
                            f"{label}或{other_label}有误")
            elif other is not None:
                fine.append(f"{label}不晚于{other_label}")
        if problems:
            drafts = ([Draft(message=t, span=where or ctx.doc.title or ctx.doc.body) for t in told]
                      if self._explains() else [])
            return Outcome(status=Status.failed, credit=0, anchor=where, findings=drafts, message="；".join(problems))
        return Outcome(status=Status.passed, credit=1, message="；".join(fine) or f"{label}{_cn(date)}")

    def _deadline(self, ctx: CheckContext) -> _Limit | Outcome | None:
        """The deadline that binds this report: the plain ``not_after``, else the first level that
        binds its kind or its organisation's name; an Outcome when no level binds it."""
        p = self.params
        if p.not_after:
            return _Limit(p.not_after, p.deadline_label or "规定时限", p.why)
        if not p.deadlines:
            return None
        meta = ctx.doc.metadata
        kind = meta.kind.value if meta.kind else "unknown"
        # (one name given twice, as the signature often repeats the title's, is searched once)
        names = list(dict.fromkeys([s.value.replace(" ", "") for s in (
            meta.organisation, meta.title_organisation, meta.signature_organisation) if s is not None]))
        for level, patterns in self._levels:
            if level.binds(kind, names, patterns):
                return _Limit(level.not_after, level.label, level.why)
        return Outcome(status=Status.not_applicable, credit=1,
                       message="未能确定报告主体的层级，无法确定适用的报送时限")

    def _explains(self) -> bool:
        """Findings in full sentences when the rule says why its dates matter."""
        p = self.params
        return bool(p.why or p.deadlines or p.not_after_field)


@dataclass(frozen=True)
class _Limit:
    not_after: MonthDay
    label: str
    why: str | None


def _cn(date: dt.date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"
