"""section: the report has a part with a given role (from the heading vocabulary)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..matching.terms import TermGroup
from ..models import MissingItem, Span, Status
from .base import Check, CheckContext, EvidenceDraft, Outcome


class SectionParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str
    min_han: int = Field(default=30, ge=0)  # Han characters the part needs to count as substantive
    fallback: TermGroup | None = None  # body wording that partly satisfies a missing heading


class SectionCheck(Check):
    name = "section"
    Params = SectionParams
    description = "报告须有承担某一角色的部分（按标题词表识别）"
    params: SectionParams

    def __init__(self, *args):
        super().__init__(*args)
        self.fallback = self.group(self.params.fallback) if self.params.fallback else None

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        label = ctx.role_label(p.role)
        sections = ctx.doc.sections_with_role(p.role)
        missing = [MissingItem(id=p.role, label=label)]
        if sections:
            han = ctx.han_count(Span(start=s.heading.end, end=s.span.end) for s in sections)  # body only
            evidence = [EvidenceDraft(item=label, span=s.heading) for s in sections[:3]]
            titles = "、".join(f"“{s.marker}{s.title}”" for s in sections[:3])
            if han >= p.min_han:
                return Outcome(status=Status.passed, credit=1, evidence=evidence,
                               message=f"见{titles}（{han}字）")
            return Outcome(status=Status.partial, credit=0.5, evidence=evidence, missing=missing,
                           anchor=sections[0].heading, message=f"{titles}内容过少（{han}字）")
        if self.fallback:
            body = ctx.scope_spans("document")
            hits = ctx.find(self.fallback, body)
            if hits:
                m = hits[0]
                return Outcome(status=Status.partial, credit=0.5, missing=missing,
                               evidence=[EvidenceDraft(item=label, span=Span(start=m.start, end=m.end))],
                               anchor=Span(start=m.start, end=m.end),
                               message=f"未设“{label}”部分，仅在正文中提及“{m.text}”")
        return Outcome(status=Status.failed, credit=0, missing=missing, message=f"未找到“{label}”部分")
