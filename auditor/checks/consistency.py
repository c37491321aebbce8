"""consistency: fields that must agree with each other.

- ``plan_year``: the year named by the next-year plan is report year + 1 (a range such as
  2026—2028年 starts there; a plan with no year is fine; a year in a cited plan's name is not
  the plan's year);
- ``signature_matches_title``: the signature names the organisation in the title, in full
  (a name that lost its final 局/委/办…, like “洪江区科技和工业信息化”, fails).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..lazy_regex import LazyPattern
from ..models import Span, Status, missing_item
from ..models.lexicon import alternation, lexicon
from .base import Check, CheckContext, EvidenceDraft, Outcome

# 2026年, 2026年度, and ranges 2026—2028年 / 2026-2028年 / 2026年至2028年; not 2025年以来.
_YEARS = LazyPattern(r"(?P<a>(?:19|20)\d{2})(?:\s*年)?"
                    r"(?:\s*(?:—{1,2}|-{1,2}|~|至|到)\s*(?P<b>(?:19|20)\d{2}))?\s*年(?!以来|来)")
# A cited document's name (《…（2021—2025年）》) or a bracketed range after a name is not the
# plan's year: such text is blanked out before years are read.
_CITED = LazyPattern(r"《[^《》\n]*》|\([^()\n]*\)")
_HAN_YEAR = LazyPattern(r"[〇○零一二三四五六七八九]{4}(?=\s*(?:年|—|-|~|至|到))")
_HAN_DIGITS = str.maketrans("〇○零一二三四五六七八九", "000123456789")
_OPENING = 60  # how much of the plan's first paragraph may state its year
ORGAN_SUFFIXES = lexicon().organisation_endings.organ_types  # (rules/lexicon.yaml)
# Where a joint signature splits into its organs (中共某某市委某某市人民政府).
_ORGAN_PART = LazyPattern(rf".+?(?:{alternation(lexicon().organisation_endings.joint_parts)})")


class ConsistencyParams(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid")

    relation: Literal["plan_year", "signature_matches_title"]


class Consistency(Check):
    name = "consistency"
    Params = ConsistencyParams
    description = "相关字段须相互一致（计划年度、落款与标题机关）"
    params: ConsistencyParams

    def run(self, ctx: CheckContext) -> Outcome:
        if self.params.relation == "plan_year":
            return self._plan_year(ctx)
        return self._signature(ctx)

    def _plan_year(self, ctx: CheckContext) -> Outcome:
        doc = ctx.doc
        year = doc.metadata.report_year
        plans = doc.sections_with_role("plan")
        if year is None:
            return Outcome(status=Status.unevaluated, credit=0, message="无法确定报告年度")
        parts = [x for x in doc.parts if x.role == "plan"]  # unheaded plans (下一步，我局将…)
        if not plans and not parts:
            return Outcome(status=Status.not_applicable, credit=1, message="未找到下一年度安排部分")
        if year.source == "body" and year.location and any(
                f"{sec.marker}{sec.title}" in year.location.heading_path for sec in plans):
            # The report year was read from the plan part itself: judging the plan by it is circular.
            return Outcome(status=Status.unevaluated, credit=0,
                           message="报告年度取自下一年度安排部分本身，无法据此核对计划年度")
        want = year.value + 1
        # The year the plan names: in its heading (any year there is the plan's), else in its
        # opening sentence, where only the report year or the next one states the plan's year
        # (a later year there is a target: 力争到2028年…).
        for sec in plans:
            found = _plan_years(doc.text, sec.heading.start, sec.heading.end)
            if not found:
                # The opening: the text after the heading (on its own line, or run in after it).
                first = next((p.span for p in doc.paragraphs
                              if p.span.end > sec.heading.end and p.span.start < sec.span.end), None)
                if first:
                    opening = Span(start=max(first.start, sec.heading.end), end=first.end)
                    found = [f for f in _plan_years(doc.text, opening.start, _sentence_end(doc.text, opening))
                             if f.start_year in (year.value, want)]
            if found:
                return _judge_plan_year(found[0], year.value)
        for part in parts:  # the year its opening sentence states
            found = [f for f in _plan_years(doc.text, part.span.start, _sentence_end(doc.text, part.span))
                     if f.start_year in (year.value, want)]
            if found:
                return _judge_plan_year(found[0], year.value)
        return Outcome(status=Status.passed, credit=1, message="下一年度安排未写明年份")

    def _signature(self, ctx: CheckContext) -> Outcome:
        meta = ctx.doc.metadata
        sig = meta.signature_organisation
        if sig is None:
            return Outcome(status=Status.failed, credit=0, anchor=ctx.doc.signature or ctx.doc.body,
                           missing=[missing_item("signature", "落款署名")],
                           message="未找到落款署名")
        span = ctx.doc.signature
        signed = sig.value.replace(" ", "")
        title_org = meta.title_organisation
        if title_org is None:
            if not signed.endswith(ORGAN_SUFFIXES):
                return Outcome(status=Status.failed, credit=0, anchor=span,
                               message=f"落款“{sig.value}”不是完整的机关名称")
            return Outcome(status=Status.not_applicable, credit=1, message="标题未写明发文机关，无从比对")
        expected = title_org.value.replace(" ", "")
        names = _split_orgs(expected)
        if signed == expected or _same_organs(signed, names):
            return Outcome(status=Status.passed, credit=1, message=f"落款“{sig.value}”与标题机关一致")
        if len(names) == 1 and _is_short_form(signed, expected):
            return Outcome(status=Status.passed, credit=1,
                           message=f"落款“{sig.value}”为标题机关“{expected}”的规范化简称")
        if expected.startswith(signed) and expected[len(signed):] in ORGAN_SUFFIXES:
            return Outcome(status=Status.failed, credit=0, anchor=span,
                           missing=[missing_item("signature", expected)],
                           message=f"落款“{sig.value}”缺少“{expected[len(signed):]}”字，与标题中的“{expected}”不一致")
        return Outcome(status=Status.failed, credit=0, anchor=span,
                       missing=[missing_item("signature", expected)],
                       message=f"落款“{sig.value}”与标题中的发文机关“{expected}”不一致")


@dataclass(frozen=True)
class _PlanYear:
    start: int
    end: int
    start_year: int
    end_year: int | None  # for a range

    def label(self) -> str:
        return f"{self.start_year}—{self.end_year}年" if self.end_year else f"{self.start_year}年"


def _plan_years(text: str, start: int, end: int) -> list[_PlanYear]:
    window = _CITED.sub(lambda m: " " * len(m.group(0)), text[start:end])
    # 二〇二六年 reads as 2026年; one character for one keeps the offsets.
    window = _HAN_YEAR.sub(lambda m: m.group(0).translate(_HAN_DIGITS), window)
    return [_PlanYear(start + m.start(), start + m.end(), int(m.group("a")),
                      int(m.group("b")) if m.group("b") else None) for m in _YEARS.finditer(window)]


def _sentence_end(text: str, para: Span) -> int:
    limit = min(para.end, para.start + _OPENING)
    stop = text.find("。", para.start, limit)
    return stop + 1 if stop != -1 else limit


def _judge_plan_year(found: _PlanYear, report_year: int) -> Outcome:
    want = report_year + 1
    where = Span(start=found.start, end=found.end)
    ev = [EvidenceDraft(item="计划年度", span=where)]
    if found.start_year == want:
        if found.end_year:
            return Outcome(status=Status.passed, credit=1, evidence=ev,
                           message=f"计划年度{found.label()}，自报告年度{report_year}年的下一年开始")
        return Outcome(status=Status.passed, credit=1, evidence=ev,
                       message=f"计划年度{want}年 = 报告年度{report_year}年 + 1")
    if found.end_year:
        message = (f"下一年度安排写的是{found.label()}，报告年度为{report_year}年，"
                   f"安排应从{want}年开始")
    else:
        message = f"下一年度安排写的是{found.start_year}年，报告年度为{report_year}年，应为{want}年"
    return Outcome(status=Status.failed, credit=0, evidence=ev, anchor=where,
                   missing=[missing_item("plan_year", f"{want}年的工作安排")], message=message)


# Compiled on first use: only a signature that differs from the title needs it.
_PLACE_END = LazyPattern(r"(省|自治区|市|自治州|州|盟|县|自治县|旗|区|镇|乡)$")


def _is_short_form(short: str, full: str) -> bool:
    """A 规范化简称 drops the leading place name: 青禾市生态环境局 → 生态环境局 or 市生态环境局."""
    if short == full or not full.endswith(short) or not _names_an_organ(short):
        return False
    dropped = full[: -len(short)]
    return bool(_PLACE_END.search(dropped)) or short[0] in "省市县区州旗镇乡"


def _names_an_organ(short: str) -> bool:
    """A short name is more than an organ type: 生态环境局 is, 人民政府 or 局 is not."""
    suffix = next((s for s in sorted(ORGAN_SUFFIXES, key=len, reverse=True) if short.endswith(s)), None)
    return suffix is not None and len(short) - len(suffix) >= 2


def _same_organs(signed: str, names: list[str]) -> bool:
    """The signature names exactly the title's organs (a joint report signs with each), in any order."""
    rest = signed
    for n in sorted(names, key=len, reverse=True):
        if n not in rest:
            return False
        rest = rest.replace(n, "", 1)
    return not rest.strip()


def _split_orgs(name: str) -> list[str]:
    """中共某某市委某某市人民政府 → [中共某某市委, 某某市人民政府]."""
    parts = _ORGAN_PART.findall(name)
    return parts if parts and "".join(parts) == name else [name]
