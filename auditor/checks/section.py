"""section: the report has a part with a given role, and the part says something.

A part is a headed section (by the heading vocabulary) or an unheaded part opened by a lead
phrase (下一步，我局将…). A part that is empty, or says only 无/暂无, does not satisfy a role that
needs substance; ``nil_ok`` roles (其他需要报告的情况) accept an explicit 无. ``content`` names the
statements the part must make (problem statements for the shortcomings part). A keyword in the
body (补短板, 年度工作计划) is never the part: ``fallback`` words found there are only named in
the message.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from ..lazy_regex import LazyPattern
from ..matching.terms import TermGroup
from ..models import MissingItem, Span, Status, missing_item
from ..models.factories import empty_list
from .base import Check, CheckContext, EvidenceDraft, Outcome, SpanSet
from .clauses import statement_denied

# A body that says there is nothing: 无。/ 暂无。/ 无其他需要报告的情况。/ 本年度无。
_NIL = LazyPattern(r"^[\s。.:;]*(?:本年度|今年|全年|报告期内)?(?:暂|均|确)?(?:无|没有)(?:其他)?(?:需要|需)?"
                   r"(?:报告)?(?:的)?(?:其他)?(?:情况|事项|问题)?[\s。.;]*$")


def _may_be_nil(body: str) -> bool:
    """``_NIL`` cannot match without one of its words for "none": most parts are never tried, and
    the pattern (costly to compile for its class of punctuation) is compiled only when one is."""
    return "无" in body or "没有" in body


class SectionParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    role: str
    min_han: int = Field(default=30, ge=0)  # Han characters the part needs to count as substantive
    content: TermGroup | None = None  # statements the part must make (any one of them)
    not_content: TermGroup | None = None  # phrases whose words are not such statements (补短板, 问题导向)
    nil_ok: bool = False  # an explicit 无 satisfies the role
    fallback: TermGroup | None = None  # body wording named in the message when the part is missing
    # Ignore sections that also carry one of these roles (the causes of a “不足和原因” heading are
    # judged inside it; a section headed only “不足的原因” is the causes part).
    without: list[str] = Field(default_factory=empty_list)


class SectionCheck(Check):
    name = "section"
    Params = SectionParams
    description = "报告须有承担某一角色的部分（按标题词表或引导语识别），且内容实在"
    params: SectionParams

    def __init__(self, *args):
        super().__init__(*args)
        self.fallback = self.group(self.params.fallback) if self.params.fallback else None
        self.content = self.group(self.params.content) if self.params.content else None
        self.not_content = self.group(self.params.not_content) if self.params.not_content else None

    def run(self, ctx: CheckContext) -> Outcome:
        p = self.params
        doc = ctx.doc
        label = ctx.role_label(p.role)
        # A part inside the plan or the shortcomings (“（二）严格落实第一责任人职责” under next year's
        # plan) is an intention or a problem, not the part itself.
        elsewhere = ctx.settings.not_done_roles - {p.role}
        sections = [s for s in doc.sections_with_role(p.role)
                    if not (elsewhere & (set(s.roles) - set(s.own_roles))) and not set(p.without) & set(s.roles)]
        parts = [x for x in doc.parts if x.role == p.role]
        # (where the part is named, the body it holds)
        found = [(s.heading, Span(start=s.heading.end, end=s.span.end), f"“{s.marker}{s.title}”") for s in sections]
        found += [(x.lead, x.span, f"以“{doc.quote(x.lead.start, x.lead.end, limit=12)}”开头的段落") for x in parts]
        if not found:
            return self._missing(ctx, label, p.role)
        names = "、".join(name for _h, _b, name in found[:3])
        evidence = [EvidenceDraft(item=label, span=h) for h, _b, _n in found[:3]]
        bodies = [b for _h, b, _n in found]
        anchor = found[0][0]
        body_text = "".join(doc.text[b.start : b.end] for b in bodies)
        if _may_be_nil(body_text) and _NIL.match(body_text):
            if p.nil_ok:
                return Outcome(status=Status.passed, credit=1, evidence=evidence, message=f"{names}写明无相关情况")
            return Outcome(status=Status.failed, credit=0, missing=_lacking(p.role, label), anchor=anchor,
                           message=f"{names}只写了“无”，没有报告具体内容")
        han = ctx.han_count(bodies)
        if han == 0 and not p.nil_ok:
            return Outcome(status=Status.failed, credit=0, missing=_lacking(p.role, label), anchor=anchor,
                           message=f"{names}下没有内容")
        if self.content is not None and not self._has_statement(ctx, bodies):
            return Outcome(status=Status.failed, credit=0, missing=_lacking(p.role, label), anchor=anchor,
                           message=f"{names}没有写明具体的{self.content.label}")
        if han >= p.min_han or (p.nil_ok and han > 0):
            return Outcome(status=Status.passed, credit=1, evidence=evidence, message=f"见{names}（{han}字）")
        return Outcome(status=Status.partial, credit=0.5, evidence=evidence, missing=_lacking(p.role, label),
                       anchor=anchor, message=f"{names}内容过少（{han}字）")

    def _has_statement(self, ctx: CheckContext, bodies: list[Span]) -> bool:
        """A content statement in the part: not denied (暂未发现问题), not inside a slogan (问题导向)."""
        if self.content is None:
            return False
        # (placed only: no Match is needed to test a mention)
        slogans = SpanSet(Span(start=c[0], end=c[1]) for c in ctx.places(self.not_content, bodies)) \
            if self.not_content else None
        text, breaks = ctx.doc.text, ctx.clause_breaks
        return any(not statement_denied(text, c[0], c[1], breaks)
                   and not (slogans and slogans.contains(c[0], c[1])) for c in ctx.places(self.content, bodies))

    def _missing(self, ctx: CheckContext, label: str, role: str) -> Outcome:
        message = f"未找到“{label}”部分"
        if self.fallback:
            body = ctx.scope_spans("document")
            hits = ctx.find(self.fallback, body)
            if hits:
                message += f"（正文中的“{hits[0].text}”只是一处提法，不构成该部分）"
        return Outcome(status=Status.failed, credit=0, missing=_lacking(role, label), message=message)


def _lacking(role: str, label: str) -> list[MissingItem]:
    """The part, missing (made only on the paths that report it)."""
    return [missing_item(role, label)]
