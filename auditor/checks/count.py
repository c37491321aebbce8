"""count: how often a pattern occurs in a scope, absolutely or per 1,000 Han characters."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..matching.terms import TermGroup
from ..models import Span, Status
from .base import Check, CheckContext, EvidenceDraft, Outcome


class CountParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    pattern: TermGroup | None = None  # omitted: count Han characters
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    per_thousand_han: bool = False  # compare a density instead of a count
    done_only: bool = False

    @model_validator(mode="after")
    def _bounds(self) -> CountParams:
        if self.min is None and self.max is None:
            raise ValueError("count needs min or max")
        return self


class Count(Check):
    name = "count"
    Params = CountParams
    description = "范围内某类表述的出现次数或密度须在限度内"
    params: CountParams

    def __init__(self, *args):
        super().__init__(*args)
        self.pattern = self.group(self.params.pattern) if self.params.pattern else None

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        spans = ctx.scope_spans(self.rule.scope)
        if spans is None:
            return Outcome(status=Status.not_applicable, credit=1, message="范围不存在")
        han = ctx.han_count(spans)
        if self.pattern is None:
            value, what, matches = float(han), "汉字数", []
        else:
            matches = ctx.find(self.pattern, spans, done_only=p.done_only)
            value, what = float(len(matches)), f"“{self.pattern.label}”出现次数"
        if p.per_thousand_han and self.pattern is not None:
            value = value * 1000 / han if han else 0.0
            what = f"“{self.pattern.label}”每千字出现次数"
        shown = f"{value:.1f}" if p.per_thousand_han else f"{value:.0f}"
        evidence = [EvidenceDraft(item=self.pattern.label if self.pattern else None,
                                  span=Span(start=m.start, end=m.end)) for m in matches[:3]]
        if p.min is not None and value < p.min:
            credit = value / p.min if p.min else 0.0
            status = Status.partial if value > 0 else Status.failed
            return Outcome(status=status, credit=min(credit, 1.0), evidence=evidence, anchor=spans[0],
                           message=f"{what}为{shown}，低于{p.min:g}")
        if p.max is not None and value > p.max:
            return Outcome(status=Status.failed, credit=0, evidence=evidence, anchor=spans[0],
                           message=f"{what}为{shown}，高于{p.max:g}")
        return Outcome(status=Status.passed, credit=1, evidence=evidence, message=f"{what}为{shown}")
