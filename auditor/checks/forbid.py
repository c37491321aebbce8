"""forbid: wrong or outdated terms, each with its replacement; exceptions never fire."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ..matching.terms import Term, TermGroup
from ..models import Span, Status
from .base import Check, CheckContext, Draft, Outcome


class ForbiddenTerm(BaseModel):
    model_config = ConfigDict(extra="forbid")

    find: Term
    replace: str | None = None
    message: str | None = None


class ForbidParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    terms: list[ForbiddenTerm] = Field(min_length=1)
    exceptions: list[Term] = Field(default_factory=list, alias="except")

    @field_validator("terms", mode="before")
    @classmethod
    def _mapping(cls, value):
        # Shorthand: {法制政府: 法治政府, ...}
        if isinstance(value, dict):
            return [{"find": k, "replace": v} for k, v in value.items()]
        return value


class Forbid(Check):
    name = "forbid"
    Params = ForbidParams
    description = "不得出现错误或过时的用语，给出规范写法"
    params: ForbidParams

    def __init__(self, *args):
        super().__init__(*args)
        self.finds = [(self.group(TermGroup(any=[t.find])), t) for t in self.params.terms]
        self.exceptions = self.terms(self.params.exceptions, id="except") if self.params.exceptions else None

    def run(self, ctx: CheckContext) -> Outcome:
        spans = ctx.scope_spans(self.rule.scope)
        if spans is None:
            return Outcome(status=Status.not_applicable, credit=1, message="范围不存在")
        allowed = ctx.find(self.exceptions) if self.exceptions else []
        candidates = [(m, term) for compiled, term in self.finds for m in ctx.find(compiled, spans)
                      if not any(a.start <= m.start and m.end <= a.end for a in allowed)]
        # Overlapping hits (法制宣传 inside 法制宣传教育): keep the longest, report it once.
        candidates.sort(key=lambda c: (c[0].start, -(c[0].end - c[0].start)))
        drafts: list[Draft] = []
        last_end = -1
        for m, term in candidates:
            if m.start < last_end:
                continue
            last_end = m.end
            msg = term.message or (f"“{m.text}”应为“{term.replace}”" if term.replace else f"不宜使用“{m.text}”")
            drafts.append(Draft(message=msg, span=Span(start=m.start, end=m.end), replacement=term.replace))
        if not drafts:
            return Outcome(status=Status.passed, credit=1, message="未发现")
        return Outcome(status=Status.failed, credit=0, findings=drafts, message=f"发现{len(drafts)}处")
