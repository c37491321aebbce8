"""Score: weights × credit over applicable rules, per-group subtotals, and the gate."""

from __future__ import annotations

from collections import defaultdict

from .models import GateSettings, GroupScore, MissingEntry, RuleResult, Severity, Status
from .models.trusted import trusted

SCORED = (Status.passed, Status.partial, Status.failed)


def score(results: list[RuleResult]) -> tuple[float | None, list[GroupScore]]:
    """Σ weight × credit ÷ Σ weight of the rules that were evaluated and apply (0–100)."""
    total_w = total_e = 0.0
    groups: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for r in results:
        if r.status not in SCORED:
            continue
        total_w += r.weight
        total_e += r.weight * r.credit
        g = groups[r.group]
        g[0] += r.weight
        g[1] += r.weight * r.credit
        g[2] += 1
    # Sums of validated floats and counts: built without validating them again (models/trusted.py).
    subtotals = [trusted(GroupScore, {"group": name, "score": round(100 * e / w, 1) if w else None,
                                      "weight": w, "earned": round(e, 4), "rules": int(n)})
                 for name, (w, e, n) in groups.items()]
    return (round(100 * total_e / total_w, 1) if total_w else None), subtotals


def gate(results: list[RuleResult], value: float | None, settings: GateSettings) -> list[str]:
    """Reasons the gate fails (empty list: it passes), as a reviewer says them: which problems and
    the score, never the command-line flags that set the thresholds."""
    reasons = []
    worst: dict[Severity, int] = defaultdict(int)
    for r in results:
        if r.waived:
            continue
        for f in r.findings:
            if f.severity.rank >= settings.fail_on.rank:
                worst[f.severity] += 1
    for sev in (Severity.error, Severity.warning, Severity.info):
        if worst[sev]:
            reasons.append(f"存在{worst[sev]}个{sev.label}级问题")
    if settings.fail_under is not None and (value is None or value < settings.fail_under):
        need = f"{settings.fail_under:g}"
        reasons.append(f"未能计算得分，要求至少{need}分" if value is None else f"得分{value:g}，低于要求的{need}分")
    return reasons


def missing_entries(results: list[RuleResult]) -> list[MissingEntry]:
    out = []
    for r in results:
        if r.status in (Status.failed, Status.partial) and r.missing:
            severity = r.findings[0].severity if r.findings else r.severity
            out.append(trusted(MissingEntry, {
                "code": r.code, "title": r.title, "severity": severity, "status": r.status, "items": list(r.missing),
                "suggestion": r.suggestion, "basis": [b.cite() for b in r.basis]}))
    return out
