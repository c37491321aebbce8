"""require: an element made of sub-items, each satisfied by any of a phrase set.

With an ``anchor`` (e.g. 规范性文件), sub-items only count inside the paragraphs or sections
where the anchor is mentioned. Negated or planned mentions never count as done.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..matching.terms import TermGroup
from ..models import MissingItem, Span, Status, missing_item
from ..models.factories import empty_list
from .base import Check, CheckContext, EvidenceDraft, Match, Outcome


class RequireParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    anchor: TermGroup | None = None
    items: list[TermGroup] = Field(default_factory=empty_list)  # none: the anchor alone, done, satisfies
    within: Literal["scope", "paragraph", "section"] = "scope"
    min: int | None = Field(default=None, ge=1)  # items needed for partial credit (default 1)
    done_only: bool = True

    @model_validator(mode="after")
    def _something_to_find(self) -> RequireParams:
        if not self.items and self.anchor is None:
            raise ValueError("require needs 'items' or an 'anchor'")
        return self


class Require(Check):
    name = "require"
    Params = RequireParams
    description = "要素及其子项须在范围内出现（否定、计划性表述不计）"
    params: RequireParams

    def __init__(self, *args):
        super().__init__(*args)
        p = self.params
        self.anchor = self.group(p.anchor) if p.anchor else None
        self.items = [self.group(item) for item in p.items]

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        spans = ctx.scope_spans(self.rule.scope)
        if spans is None:
            role = self.rule.scope.split(":", 1)[-1]
            return Outcome(status=Status.failed, credit=0, missing=self._all_missing(),
                           message=f"未找到“{ctx.role_label(role)}”部分，无法确认相关内容")
        evidence: list[EvidenceDraft] = []
        if self.anchor:
            anchors = ctx.find(self.anchor, spans, done_only=p.done_only)
            if not anchors:
                mentioned = ctx.find(self.anchor, spans)
                message = (f"“{self.anchor.label}”{ctx.not_done_reason(mentioned, self.anchor)}，不算当年已经做到"
                           if mentioned else f"未提及“{self.anchor.label}”")
                return Outcome(status=Status.failed, credit=0, missing=self._all_missing(), message=message,
                               anchor=Span(start=mentioned[0].start, end=mentioned[0].end) if mentioned else None)
            evidence.append(EvidenceDraft(item=self.anchor.label, span=_span(anchors[0])))
            units = _anchor_units(ctx, anchors, p.within, spans)
            if units is not spans and len(self.items) > 1:  # (each item's find knows them by identity)
                units = ctx.span_list(units)
        else:
            units = ctx.units(p.within, spans)
        found, missing = [], []
        for item in self.items:
            hits = ctx.find(item, units, done_only=p.done_only, limit=1)  # the first is evidence enough
            if hits:
                found.append(item.label)
                evidence.append(EvidenceDraft(item=item.label, span=_span(hits[0])))
            else:
                missing.append(missing_item(item.id, item.label))
        need = p.min or 1
        credit = len(found) / len(self.items) if self.items else 1.0
        if not missing:
            status, message = Status.passed, "已包含：" + "、".join(found or [ev.item or "" for ev in evidence])
        elif len(found) >= need:
            status = Status.partial
            message = "已包含：" + "、".join(found) + "；缺少：" + "、".join(m.label for m in missing)
        else:
            status, credit = Status.failed, credit if found else 0.0
            message = "缺少：" + "、".join(m.label for m in missing)
        return Outcome(status=status, credit=credit, message=message, evidence=evidence, missing=missing,
                       anchor=spans[0])

    def _all_missing(self) -> list[MissingItem]:
        """The anchor and every item, missing (made only on the paths that report them)."""
        return ([missing_item(self.anchor.id, self.anchor.label)] if self.anchor else []) + [
            missing_item(i.id, i.label) for i in self.items]


def _anchor_units(ctx: CheckContext, anchors: list[Match], within: str, spans: list[Span]) -> list[Span]:
    """The units (paragraph, innermost section, or the scope) that hold an anchor mention."""
    if within == "scope":
        return spans
    units: dict[tuple[int, int], Span] = {}
    for a in anchors:
        unit: Span | None = None
        if within == "section":
            chain = ctx.doc.section_path(a.start)
            unit = chain[-1].span if chain else None
        if unit is None:
            para = ctx.doc.paragraph_at(a.start)
            if para is not None:
                unit = para.span
            elif chain := ctx.doc.section_path(a.start):  # in a heading: its words count for its section
                unit = chain[-1].span
        if unit is not None:
            units[(unit.start, unit.end)] = unit
    return list(units.values())


def _span(m: Match) -> Span:
    return Span(start=m.start, end=m.end)
