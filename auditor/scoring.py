"""Score: weights × credit over applicable rules, per-group subtotals, and the gate."""

from __future__ import annotations

from typing import Any

from .models import GateSettings, GroupScore, MissingEntry, RuleResult, Severity, Status
from .models.trusted import trusted

SCORED = (Status.passed, Status.partial, Status.failed)


def rounded(x: float, places: int) -> float:
    """``round(x, places)``. A float that is a whole multiple of 2**-places (0, 1, 0.5, 0.75…) has
    at most ``places`` decimals, so ``round`` returns it unchanged: it is returned without the
    decimal conversion ``round`` makes (~4k instructions; a report rounds ~55 numbers, most of
    them credits of 0 and 1). Multiplying by a power of two is exact; an overflow gives inf, whose
    remainder is NaN, so it is rounded as before (and so are NaN and inf themselves)."""
    if type(x) is float and places >= 0 and (x * 2.0**places) % 1.0 == 0.0:
        return x
    return round(x, places)


def values_of(results: list[RuleResult]) -> list[dict[str, Any]]:
    """Each result's values (its ``__dict__``), which the ``*_of`` functions below read: a model's
    attribute is looked up past its class's __getattr__ hook, which the interpreter cannot
    shortcut (~400 instructions each), so an audit reads each result's dict once for all of them."""
    return [r.__dict__ for r in results]


def score(results: list[RuleResult]) -> tuple[float | None, list[GroupScore]]:
    """Σ weight × credit ÷ Σ weight of the rules that were evaluated and apply (0–100)."""
    return score_of(values_of(results))


def score_of(values: list[dict[str, Any]]) -> tuple[float | None, list[GroupScore]]:
    """``score`` of the results with these values (``values_of``)."""
    total_w = total_e = 0.0
    groups: dict[str, list[float]] = {}
    for v in values:
        if v["status"] not in SCORED:
            continue
        weight = v["weight"]
        earned = weight * v["credit"]
        total_w += weight
        total_e += earned
        group = v["group"]
        g = groups.get(group)
        if g is None:
            g = groups[group] = [0.0, 0.0, 0]
        g[0] += weight
        g[1] += earned
        g[2] += 1
    # Sums of validated floats and counts: built without validating them again (models/trusted.py).
    subtotals = []
    for name, (w, e, n) in groups.items():  # (a loop, not a comprehension: no function call in 3.11)
        subtotals.append(trusted(GroupScore, {"group": name, "score": rounded(100 * e / w, 1) if w else None,
                                              "weight": w, "earned": rounded(e, 4), "rules": int(n)}))
    return (rounded(100 * total_e / total_w, 1) if total_w else None), subtotals


def gate(results: list[RuleResult], value: float | None, settings: GateSettings) -> list[str]:
    """Reasons the gate fails (empty list: it passes), as a reviewer says them: which problems and
    the score, never the command-line flags that set the thresholds."""
    return gate_of(values_of(results), value, settings)


def gate_of(values: list[dict[str, Any]], value: float | None, settings: GateSettings) -> list[str]:
    """``gate`` of the results with these values (``values_of``)."""
    reasons = []
    found: dict[Severity, int] = {}  # findings by severity (the threshold is a function of it: applied below)
    for v in values:
        if v["waived"]:
            continue
        for f in v["findings"]:
            sev = f.__dict__["severity"]
            found[sev] = found.get(sev, 0) + 1
    floor = settings.fail_on.rank
    for sev in _SEVERITIES:
        n = found.get(sev)
        if n and sev.rank >= floor:
            reasons.append(f"存在{n}个{sev.label}级问题")
    short = score_reason(value, settings.fail_under)
    if short:
        reasons.append(short)
    return reasons


def score_reason(value: float | None, fail_under: float | None) -> str | None:
    """Why the score fails the gate's minimum, if it does."""
    if fail_under is None or not (value is None or value < fail_under):
        return None
    need = f"{fail_under:g}"
    return f"未能计算得分，要求至少{need}分" if value is None else f"得分{value:g}，低于要求的{need}分"


def missing_entries(results: list[RuleResult]) -> list[MissingEntry]:
    return missing_entries_of(values_of(results))


def missing_entries_of(values: list[dict[str, Any]]) -> list[MissingEntry]:
    """``missing_entries`` of the results with these values (``values_of``)."""
    out = []
    for v in values:
        if v["missing"] and v["status"] in _GAPS:  # (most results miss nothing: that is tested first)
            findings = v["findings"]
            out.append(trusted(MissingEntry, {
                "code": v["code"], "title": v["title"],
                "severity": findings[0].__dict__["severity"] if findings else v["severity"], "status": v["status"],
                "items": list(v["missing"]), "suggestion": v["suggestion"],
                "basis": [b.cite() for b in v["basis"]]}, _MISSING_SET))
    return out


_MISSING_SET = frozenset(MissingEntry.model_fields)
_GAPS = (Status.failed, Status.partial)
_SEVERITIES = (Severity.error, Severity.warning, Severity.info)  # (worst first; members read once, see engine)
