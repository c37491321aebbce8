"""Score a report against a scheme, and rank a batch.

For each indicator: the earning condition's credit (1 pass, ``partial`` for a partial result,
0 fail; rules that do not apply are left out) takes ``points × (1 − credit)`` off as one
deduction; then every deduction rule takes its points per defect, each capped by its own ``max``
and all together by the indicator's points, so an indicator never goes below zero. Every
deduction carries its reason and evidence; ``awarded = points − Σ deductions``.
"""

from __future__ import annotations

from ..models import AuditResult, AuditRun, Finding, Location, RuleResult, Status
from ..models.scoresheet import IndicatorScore, IndicatorStatus, RankEntry, ScoreSheet, SheetDeduction
from .models import Condition, DeductionSpec, IndicatorSpec, Scheme

_EPS = 1e-9


def _r(x: float) -> float:
    return round(x + 0.0, 4)


def score_run(scheme: Scheme, run: AuditRun) -> AuditRun:
    """Add a score sheet to every evaluated report and the ranking to the run (in place)."""
    for report in run.reports:
        report.score_sheet = score_report(scheme, report)
    ranked = _ranked_reports(run.reports)
    run.ranking = [entry for entry, _ in ranked]
    for entry, report in ranked:
        assert report.score_sheet is not None
        report.score_sheet.rank = entry.rank
    return run


def score_report(scheme: Scheme, report: AuditResult) -> ScoreSheet | None:
    """The sheet of one report; ``None`` when the report could not be evaluated."""
    if not report.evaluated:
        return None
    by_code = {r.code: r for r in report.results}
    indicators = [_indicator(scheme, ind, by_code) for ind in scheme.spec.indicators]
    return ScoreSheet(scheme=scheme.name, title=scheme.spec.title, version=scheme.spec.version,
                      total=scheme.total, awarded=_r(sum(i.awarded for i in indicators)), indicators=indicators)


def rank(reports: list[AuditResult]) -> list[RankEntry]:
    """By total, highest first. Equal totals share a rank (1, 2, 2, 4) and keep the order the
    reports were audited in (the batch's sorted path order): the sort is stable."""
    return [entry for entry, _ in _ranked_reports(reports)]


def _ranked_reports(reports: list[AuditResult]) -> list[tuple[RankEntry, AuditResult]]:
    scored = [r for r in reports if r.score_sheet is not None]
    ordered = sorted(scored, key=lambda r: -r.score_sheet.awarded)  # type: ignore[union-attr]
    out: list[tuple[RankEntry, AuditResult]] = []
    place, previous = 0, None
    for i, report in enumerate(ordered, start=1):
        sheet = report.score_sheet
        assert sheet is not None
        if previous is None or abs(sheet.awarded - previous) > _EPS:
            place, previous = i, sheet.awarded
        org = report.metadata.organisation
        out.append((RankEntry(rank=place, path=report.path, organisation=org.value if org else None,
                              awarded=sheet.awarded, total=sheet.total), report))
    return out


# -- one indicator --------------------------------------------------------------------------------

def _indicator(scheme: Scheme, ind: IndicatorSpec, by_code: dict[str, RuleResult]) -> IndicatorScore:
    candidates: list[SheetDeduction] = []
    applicable = False
    if ind.earn is not None:
        credit, short = _credit(ind.earn, by_code, scheme.spec.partial)
        if credit is not None:
            applicable = True
            if credit < 1 - _EPS:
                candidates.append(_earn_deduction(ind, credit, short))
    for spec in ind.deductions:
        matched = [r for code, r in by_code.items() if any(code.startswith(p) for p in spec.rules)]
        if any(r.status in (Status.passed, Status.partial, Status.failed) for r in matched):
            applicable = True
        defects = [d for r in matched for d in _defects(spec, r)]
        candidates += defects if spec.max is None else _cap(defects, spec.max)
    sources = scheme.sources_of(ind)
    if not applicable:
        if ind.not_applicable == "full":
            return IndicatorScore(id=ind.id, title=ind.title, group=ind.group, points=ind.points,
                                  awarded=ind.points, status="not_applicable", sources=sources)
        zero = SheetDeduction(kind="not_applicable", points=ind.points, nominal=ind.points,
                              reason="本项所依规则均不适用于本报告，按方案规定不得分")
        return IndicatorScore(id=ind.id, title=ind.title, group=ind.group, points=ind.points, awarded=0.0,
                              status="zero", deductions=[zero], sources=sources)
    applied = _cap(candidates, ind.points)  # the indicator's points cap the sum: later defects are listed at 0
    awarded = _r(ind.points - sum(d.points for d in applied))
    status: IndicatorStatus = "full" if awarded >= ind.points - _EPS else "zero" if awarded <= _EPS else "partial"
    return IndicatorScore(id=ind.id, title=ind.title, group=ind.group, points=ind.points, awarded=awarded,
                          status=status, deductions=applied, sources=sources)


def _credit(cond: Condition, by_code: dict[str, RuleResult],
            default_partial: float) -> tuple[float | None, list[RuleResult]]:
    """(credit 0–1, or None when nothing in it applies; the rules that fell short)."""
    if cond.rule is not None:
        r = by_code.get(cond.rule)
        if r is None or r.status not in (Status.passed, Status.partial, Status.failed):
            return None, []
        if r.status == Status.passed:
            return 1.0, []
        return (cond.partial if cond.partial is not None else default_partial) if r.status == Status.partial \
            else 0.0, [r]
    parts = [_credit(p, by_code, default_partial) for p in (cond.all_of or cond.any_of or [])]
    known = [(c, s) for c, s in parts if c is not None]
    if not known:
        return None, []
    if cond.all_of is not None:
        credit = min(c for c, _ in known)
        return credit, [r for _, s in known for r in s]
    credit = max(c for c, _ in known)
    if credit >= 1 - _EPS:
        return credit, []
    return credit, [r for c, s in known if abs(c - credit) <= _EPS for r in s]  # the best branch's shortfall


def _earn_deduction(ind: IndicatorSpec, credit: float, short: list[RuleResult]) -> SheetDeduction:
    lost = _r(ind.points * (1 - credit))
    named = "；".join(f"{r.code} {r.title}（{r.status.label}）" for r in short)
    how = "部分达到" if credit > _EPS else "未达到"
    reason = f"{how}得分条件：{named}" if named else f"{how}得分条件"
    evidence = "；".join(r.message for r in short if r.message) or None
    return SheetDeduction(kind="earn", code=short[0].code if short else None, points=lost, nominal=lost,
                          reason=_waived(reason, short), evidence=evidence, location=_where(short))


def _defects(spec: DeductionSpec, r: RuleResult) -> list[SheetDeduction]:
    """One candidate deduction per defect of ``r`` that ``spec`` counts, at its nominal points."""
    out = []
    what = spec.reason
    if spec.per == "missing" and r.status in (Status.failed, Status.partial):
        for item in r.missing:
            reason = f"{r.code} 缺少“{item.label}”" + (f"（{what}）" if what else "")
            out.append(SheetDeduction(kind="missing", code=r.code, points=spec.points, nominal=spec.points,
                                      reason=_waived(reason, [r]), evidence=r.message or None,
                                      location=_where([r])))
    elif spec.per == "finding":
        for f in r.findings:
            if spec.severity is not None and f.severity not in spec.severity:
                continue
            reason = f"{r.code} {f.message}（{f.severity.label}）" + (f"（{what}）" if what else "")
            out.append(SheetDeduction(kind="finding", code=r.code, points=spec.points, nominal=spec.points,
                                      reason=_waived(reason, [r]), evidence=_quote(f), location=f.location))
    elif spec.per == "rule" and r.status.value in spec.statuses():
        reason = f"{r.code} {r.title}：{r.status.label}" + (f"（{what}）" if what else "")
        out.append(SheetDeduction(kind="rule", code=r.code, points=spec.points, nominal=spec.points,
                                  reason=_waived(reason, [r]), evidence=r.message or None, location=_where([r])))
    return out


def _cap(items: list[SheetDeduction], limit: float) -> list[SheetDeduction]:
    """``items`` with their points capped by ``limit`` in all (a deduction's own ``max``, or the
    indicator's points): once reached, further defects are listed at 0 points."""
    left = limit
    out = []
    for d in items:
        take = _r(min(d.points, left))
        left = _r(left - take)
        out.append(d.model_copy(update={"points": take}))
    return out


def _waived(reason: str, rules: list[RuleResult]) -> str:
    """A configured waiver keeps the defect on the sheet (the evaluator's scheme decides), but says so."""
    notes = [f"已豁免：{r.waiver_reason}" for r in rules if r.waived and r.waiver_reason]
    return reason + (f"（{'；'.join(notes)}）" if notes else "")


def _quote(f: Finding) -> str | None:
    return f"“{f.quote}”" if f.quote else None


def _where(rules: list[RuleResult]) -> Location | None:
    for r in rules:
        for f in r.findings:
            if f.location is not None:
                return f.location
    return None
