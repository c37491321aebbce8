"""rate_target: a rate the report must state (出庭应诉率 100%) is stated as a figure and meets a target.

The built-in checks find words and count them; none reads the number a report gives for an
indicator and compares it with the figure the province sets. A county reviewer checks exactly
that: “行政机关负责人出庭应诉率达到100%” meets the target, “出庭应诉率为85%” does not, and
“负责人积极出庭应诉” states no rate at all.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field

from auditor.checks import Check, CheckContext, Outcome
from auditor.checks.base import EvidenceDraft
from auditor.matching.terms import TermGroup
from auditor.models import MissingItem, Span, Status

# A rate: digits with a per-cent sign (full or half width), or 百分之百.
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]|百分之百")
# A figure reached from another (由85%提升至100%): the one after 至/到 is the year's rate.
REACHED = re.compile(r"(?:至|到)\s*$")
# The figure must follow the indicator's name inside the same clause.
CLAUSE_END = re.compile(r"[。；;！!？?，,\n]")


class RateTargetParams(BaseModel):
    """Parameters of ``rate_target`` (besides the shared rule keys)."""

    model_config = ConfigDict(extra="forbid")

    indicator: TermGroup = Field(description="Names of the rate in reports (负责人出庭应诉率, 出庭率).")
    min: float = Field(ge=0, le=100, description="The target, in per cent: a stated rate below it fails.")
    max_gap: int = Field(default=12, ge=0, le=40,
                         description="Characters allowed between the name and its figure (达到, 为, 均).")
    none_means_not_applicable: TermGroup | None = Field(
        default=None,
        description="Phrases saying there was nothing to measure (未发生行政诉讼案件): then, with no "
                    "rate stated, the rule does not apply.")


class RateTarget(Check):
    """A rate named by ``indicator`` is stated as a figure in the scope, and the figure is at least
    ``min`` per cent.

    Only statements of this year's work count: a rate in the plan (力争…达到100%), in the
    shortcomings part or in a negated clause is not the year's figure. The first stated figure
    decides; in “由85%提升至100%” the figure reached (100%) is the year's.

    - passed: a figure at or above the target;
    - failed: a figure below the target (the finding points at it), or no mention of the rate;
    - partial: the rate is named but no figure follows it (负责人积极出庭应诉);
    - not applicable: no rate stated, and the report says there was nothing to measure.
    """

    name = "rate_target"
    Params = RateTargetParams
    description = "须写明某项比率的具体数值，且达到目标值"
    params: RateTargetParams

    def __init__(self, *args):
        super().__init__(*args)
        p = self.params
        self.indicator = self.group(p.indicator)  # registered with the pack's one-pass phrase index
        self.none_cues = self.group(p.none_means_not_applicable) if p.none_means_not_applicable else None

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        label = self.indicator.label
        spans = ctx.scope_spans(self.rule.scope)
        if spans is None:
            return Outcome(status=Status.failed, credit=0, message="未找到适用范围",
                           missing=[MissingItem(id=self.indicator.id, label=label)])
        counted = ctx.find(self.indicator, spans, done_only=True)
        text = ctx.doc.text
        for mention in counted:
            figure = _figure_after(text, mention.end, p.max_gap)
            if figure is None:
                continue
            value, start, end = figure
            evidence = [EvidenceDraft(item=label, span=Span(start, end))]
            shown = f"{label}为{value:g}%"
            if value >= p.min:
                return Outcome(status=Status.passed, credit=1, evidence=evidence, message=f"{shown}，达到{p.min:g}%")
            return Outcome(status=Status.failed, credit=0, evidence=evidence,
                           missing=[MissingItem(id=self.indicator.id, label=f"{label}达到{p.min:g}%")],
                           message=f"{shown}，低于{p.min:g}%的目标")
        if counted:
            first = counted[0]
            return Outcome(status=Status.partial, credit=0.5, anchor=Span(first.start, first.end),
                           evidence=[EvidenceDraft(item=label, span=Span(first.start, first.end))],
                           missing=[MissingItem(id=self.indicator.id, label=f"{label}的具体数值")],
                           message=f"提及“{label}”，但未写明具体比例")
        if self.none_cues is not None and ctx.find(self.none_cues, spans):
            return Outcome(status=Status.not_applicable, credit=1,
                           message=f"报告写明“{self.none_cues.label}”，无需报告{label}")
        mentioned = ctx.find(self.indicator, spans)
        why = f"“{label}”{ctx.not_done_reason(mentioned, self.indicator)}" if mentioned else f"未写明“{label}”"
        return Outcome(status=Status.failed, credit=0, message=why,
                       missing=[MissingItem(id=self.indicator.id, label=label)],
                       anchor=Span(mentioned[0].start, mentioned[0].end) if mentioned else None)


def _figure_after(text: str, at: int, max_gap: int) -> tuple[float, int, int] | None:
    """The rate stated right after ``at`` in the same clause: (value, start, end), or None."""
    clause = text[at:]
    stop = CLAUSE_END.search(clause)
    if stop is not None:
        clause = clause[: stop.start()]
    chosen: tuple[float, int, int] | None = None
    for m in FIGURE.finditer(clause):
        if chosen is None and m.start() > max_gap:
            return None
        value = float(m.group(1)) if m.group(1) else 100.0
        if chosen is None or REACHED.search(clause[: m.start()]):
            chosen = (value, at + m.start(), at + m.end())
    return chosen
