"""near: several term groups must co-occur within one sentence or paragraph."""

from __future__ import annotations

import bisect
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..matching.terms import TermGroup
from ..models import MissingItem, Span, Status
from .base import Check, CheckContext, EvidenceDraft, Outcome


class NearParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    groups: list[TermGroup] = Field(min_length=2)
    within: Literal["sentence", "paragraph"] = "paragraph"
    min: int | None = Field(default=None, ge=1)  # groups needed in one unit for partial credit
    done_only: bool = True
    # A strength rule: when the first group never occurs, the element itself is missing and
    # another rule reports it, so this one is not applicable rather than a second failure.
    anchor_first: bool = False


class Near(Check):
    name = "near"
    Params = NearParams
    description = "若干要素须在同一句或同一段中同时出现"
    params: NearParams

    def __init__(self, *args):
        super().__init__(*args)
        self.groups = [self.group(g) for g in self.params.groups]

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        spans = ctx.scope_spans(self.rule.scope)
        labels = [MissingItem(id=g.id, label=g.label) for g in self.groups]
        if spans is None:
            return Outcome(status=Status.failed, credit=0, missing=labels, message="未找到适用范围")
        units = ctx.units(p.within, spans)
        hits = [ctx.find(g, units, done_only=p.done_only) for g in self.groups]
        if p.anchor_first:
            if not hits[0]:
                return Outcome(status=Status.not_applicable, credit=1,
                               message=f"未提及“{labels[0].label}”（由相关要素规则报告）")
        starts = [[m.start for m in gh] for gh in hits]  # sorted: find() returns matches in order
        if p.anchor_first:  # by bisection: units × hits would be quadratic on a long input
            units = [u for u in units if _any_in(starts[0], u.start, u.end)]
        best_unit, best = None, []
        for unit in units:
            present = [i for i, st in enumerate(starts) if _any_in(st, unit.start, unit.end)]
            if len(present) > len(best):
                best_unit, best = unit, present
        n = len(self.groups)
        missing = [labels[i] for i in range(n) if i not in best]
        evidence = []
        if best_unit is not None:
            for i in best:
                m = next(m for m in hits[i] if best_unit.start <= m.start < best_unit.end)
                evidence.append(EvidenceDraft(item=labels[i].label, span=Span(start=m.start, end=m.end)))
        unit_name = "同一句" if p.within == "sentence" else "同一段"
        need = p.min or n
        if len(best) == n:
            return Outcome(status=Status.passed, credit=1, evidence=evidence,
                           message=f"{unit_name}中包含：" + "、".join(m.label for m in labels), anchor=best_unit)
        found = "、".join(labels[i].label for i in best) or "无"
        message = f"{unit_name}中最多包含：{found}；缺少：" + "、".join(m.label for m in missing)
        status = Status.partial if best and len(best) >= need else Status.failed
        credit = len(best) / n if status is Status.partial else 0.0
        return Outcome(status=status, credit=credit, message=message, evidence=evidence, missing=missing,
                       anchor=best_unit or spans[0])


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    i = bisect.bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi
