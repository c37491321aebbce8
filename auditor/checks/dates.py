"""dates: the 成文日期's format, and dates against deadlines counted from the report year."""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..models import MissingItem, Status
from .base import Check, CheckContext, Outcome

# GB/T 9704-2012: Arabic numerals, year in full, month and day without leading zeros.
_FORMAT = re.compile(r"^\d{4}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日$")
_LABELS = {"signature_date": "成文日期", "publication_date": "发布日期"}


class MonthDay(BaseModel):
    model_config = ConfigDict(extra="forbid")

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


class DatesParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    field: Literal["signature_date", "publication_date"]
    format: bool = False
    not_after: MonthDay | None = None
    not_before: MonthDay | None = None
    when_missing: Literal["fail", "not_applicable", "unevaluated"] = "fail"

    @model_validator(mode="after")
    def _something(self) -> DatesParams:
        if not (self.format or self.not_after or self.not_before):
            raise ValueError("dates needs format, not_after or not_before")
        return self


class Dates(Check):
    name = "dates"
    Params = DatesParams
    description = "日期格式规范，且不晚于（不早于）规定时限"
    params: DatesParams

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        label = _LABELS[p.field]
        value = getattr(ctx.doc.metadata, p.field)
        if value is None:
            status = Status(p.when_missing) if p.when_missing != "fail" else Status.failed
            return Outcome(status=status, credit=0 if status is Status.failed else 1,
                           anchor=ctx.doc.signature or ctx.doc.body,
                           missing=[MissingItem(id=p.field, label=label)] if status is Status.failed else [],
                           message=f"未找到{label}")
        date: dt.date = value.value
        where = ctx.doc.signature if p.field == "signature_date" else None
        problems, fine = [], []
        if p.format:
            raw = (value.raw or "").replace(" ", "")
            if _FORMAT.match(raw):
                fine.append(f"{label}“{value.raw}”格式规范")
            else:
                problems.append(f"{label}“{value.raw}”不规范，应写作“{date.year}年{date.month}月{date.day}日”")
        if p.not_after or p.not_before:
            year = ctx.doc.metadata.report_year
            if year is None:
                if not problems:
                    return Outcome(status=Status.unevaluated, credit=0, message="无法确定报告年度")
            elif p.not_after and date > (limit := p.not_after.resolve(year.value)):
                problems.append(f"{label}{date:%Y-%m-%d}晚于时限{limit:%Y-%m-%d}")
            elif p.not_before and date < (limit := p.not_before.resolve(year.value)):
                problems.append(f"{label}{date:%Y-%m-%d}早于{limit:%Y-%m-%d}")
            else:
                fine.append(f"{label}{date:%Y-%m-%d}在时限内")
        if problems:
            return Outcome(status=Status.failed, credit=0, anchor=where, message="；".join(problems))
        return Outcome(status=Status.passed, credit=1, message="；".join(fine))
