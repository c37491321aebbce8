"""Compare audit results with labels: gate, metadata fields, per-rule confusion, thresholds.

Pure functions over already-computed results, so the figures can be tested without auditing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ..models import AuditResult, RuleResult, Severity, Status
from ..normalize import fold_phrase
from .models import (
    FIELDS,
    Case,
    Disagreement,
    Evaluation,
    FieldMetrics,
    GateMetrics,
    MetadataLabels,
    Miss,
    RuleMetrics,
    Thresholds,
)

_STATUS_LABEL = {Status.passed: "pass", Status.failed: "fail", Status.partial: "partial",
                 Status.not_applicable: "na", Status.unevaluated: "unevaluated"}
FLAGGED = frozenset({"fail", "partial"})


def measure(cases: Sequence[Case], results: Sequence[AuditResult], rule_titles: Mapping[str, str], *,
            labels: str, pack: str, thresholds: Thresholds | None = None) -> Evaluation:
    """``results[i]`` is the audit of ``cases[i]``; ``rule_titles`` lists the pack's rules in order."""
    if len(cases) != len(results):
        raise ValueError("one result per case is needed")
    thresholds = thresholds or Thresholds()
    disagreements: list[Disagreement] = []
    gate = _gate(cases, results, disagreements)
    fields = [_field(name, cases, results, disagreements) for name in FIELDS]
    rules = [m for code, title in rule_titles.items()
             if (m := _rule(code, title, cases, results, disagreements)).support]
    evaluation = Evaluation(labels=labels, pack=pack, cases=len(cases), gate=gate, metadata=fields, rules=rules,
                            disagreements=disagreements, thresholds=thresholds, misses=[])
    evaluation.misses = misses(evaluation, thresholds)
    return evaluation


def ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _gate(cases: Sequence[Case], results: Sequence[AuditResult], out: list[Disagreement]) -> GateMetrics:
    correct = false_pass = false_fail = 0
    for case, result in zip(cases, results, strict=True):
        expected, actual = case.labels.gate, result.verdict
        if expected == actual:
            correct += 1
            continue
        false_pass += expected == "fail" and actual == "pass"
        false_fail += expected == "pass" and actual == "fail"
        out.append(Disagreement(case=case.id, check="gate", expected=expected, actual=actual,
                                message=_gate_message(result)))
    return GateMetrics(correct=correct, total=len(cases), accuracy=ratio(correct, len(cases)),
                       false_pass=false_pass, false_fail=false_fail)


def _gate_message(result: AuditResult) -> str | None:
    """The tool's reasons, with the rules whose error-level findings made them (where to look)."""
    codes = sorted({f.code for f in result.findings if f.severity is Severity.error})
    reasons = "；".join(result.reasons)
    if codes:
        return f"{reasons}：{'、'.join(codes)}" if reasons else "、".join(codes)
    return reasons or None


def _field(name: str, cases: Sequence[Case], results: Sequence[AuditResult],
           out: list[Disagreement]) -> FieldMetrics:
    correct = total = 0
    for case, result in zip(cases, results, strict=True):
        meta: MetadataLabels = case.labels.metadata
        if name not in meta.given():
            continue
        total += 1
        expected, actual = getattr(meta, name), found_value(result, name)
        if metadata_matches(name, expected, actual):
            correct += 1
        else:
            out.append(Disagreement(case=case.id, check=name, expected=_show(expected), actual=_show(actual)))
    return FieldMetrics(field=name, correct=correct, total=total, accuracy=ratio(correct, total))


def found_value(result: AuditResult, name: str) -> str | int | None:
    """What the tool found for a field; an undetermined kind counts as nothing found."""
    sourced = getattr(result.metadata, name)
    value = sourced.value if sourced is not None else None
    return None if (name == "kind" and value == "unknown") else value


def metadata_matches(name: str, expected: object, actual: str | int | None) -> bool:
    """Titles and organisations compare folded (widths, variants) and without spaces; the
    year and the kind compare exactly; ``null`` expects nothing to be found."""
    if expected is None or actual is None:
        return expected is None and actual is None
    if name in ("title", "organisation"):
        accepted = expected if isinstance(expected, list) else [expected]
        return any(_folded(str(a)) == _folded(str(actual)) for a in accepted)
    return expected == actual


def _folded(text: str) -> str:
    return "".join(fold_phrase(text).split())


def _show(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return str(value)


def _rule(code: str, title: str, cases: Sequence[Case], results: Sequence[AuditResult],
          out: list[Disagreement]) -> RuleMetrics:
    tp = fp = fn = tn = exact = 0
    for case, result in zip(cases, results, strict=True):
        expected = case.labels.rules.get(code)
        if expected is None:
            continue
        rule = next((r for r in result.results if r.code == code), None)
        actual = _STATUS_LABEL[rule.status] if rule is not None else "unevaluated"
        want, got = expected in FLAGGED, actual in FLAGGED
        tp += want and got
        fp += got and not want
        fn += want and not got
        tn += not want and not got
        if expected == actual:
            exact += 1
        else:
            out.append(_rule_disagreement(case.id, code, expected, actual, rule))
    support = tp + fp + fn + tn
    return RuleMetrics(code=code, title=title, support=support, tp=tp, fp=fp, fn=fn, tn=tn,
                       precision=ratio(tp, tp + fp), recall=ratio(tp, tp + fn), exact=exact,
                       exact_rate=ratio(exact, support))


def _rule_disagreement(case: str, code: str, expected: str, actual: str, rule: RuleResult | None) -> Disagreement:
    location = None
    if rule is not None and rule.findings and rule.findings[0].location is not None:
        loc = rule.findings[0].location
        location = " ".join(p for p in (loc.short(), loc.section()) if p)
    return Disagreement(case=case, check=code, expected=expected, actual=actual,
                        message=rule.message if rule is not None else None, location=location)


def flag_mismatch(d: Disagreement) -> bool:
    """A rule disagreement that changes precision or recall (not only the exact status)."""
    return (d.expected in FLAGGED) != (d.actual in FLAGGED)


def misses(evaluation: Evaluation, thresholds: Thresholds) -> list[Miss]:
    """Every threshold that does not hold; undefined figures (—) never fail one."""
    out: list[Miss] = []

    def check(measure: str, value: float | None, minimum: float | None) -> None:
        if minimum is not None and value is not None and value < minimum:
            out.append(Miss(measure=measure, value=value, minimum=minimum))

    check("gate", evaluation.gate.accuracy, thresholds.gate)
    for f in evaluation.metadata:
        check(f"metadata.{f.field}", f.accuracy, thresholds.metadata)
    prefixes = tuple(p.upper() for p in thresholds.rules)
    for r in evaluation.rules:
        if r.code.upper().startswith(prefixes):
            check(f"{r.code} precision", r.precision, thresholds.precision)
            check(f"{r.code} recall", r.recall, thresholds.recall)
    return out
