"""Shortcuts in building a report's results (engine.to_result, scoring, the audit's tail), compared
with their plain definitions on the fixtures, the corpus and random values: they must never change
a value, a type or the order of anything."""

from __future__ import annotations

import math
import random
from pathlib import Path

import pytest

from auditor.api import Auditor
from auditor.checks.base import Outcome
from auditor.engine import check_context, check_document, not_applicable_reason, to_result
from auditor.errors import InputError
from auditor.models import GateSettings, MissingEntry, RuleResult, Severity, Status
from auditor.scoring import gate, missing_entries, rounded, score

from .conftest import CORPUS, FIXTURES


def _inputs() -> list[Path]:
    return sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def _same_float(a: object, b: object) -> bool:
    return type(a) is type(b) and (repr(a) == repr(b))  # (-0.0 and NaN compared as printed)


def test_rounded_is_round():
    rng = random.Random(19)
    values: list[float] = [0.0, -0.0, 1.0, -1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125, 1 / 3, 2 / 3, 0.6667, 0.7326,
                           35.5, 6.3334, 1e300, -1e300, 1.7976931348623157e308, 5e-324, 2.0**60 + 1, 2.0**53,
                           math.inf, -math.inf, math.nan, 0.05, 0.15, 2.675, 1.0005, 80.68181818181819]
    values += [k / 16 for k in range(-64, 65)] + [k / 2**rng.randrange(0, 12) for k in range(-200, 200)]
    values += [rng.random() for _ in range(2000)] + [rng.uniform(-1e6, 1e6) for _ in range(500)]
    values += [100 * rng.randrange(0, 50) / rng.randrange(1, 50) for _ in range(500)]
    for x in values:
        for places in (-2, -1, 0, 1, 2, 3, 4, 5, 8, 400):
            assert _same_float(rounded(x, places), round(x, places)), (x, places)
    for x in (0, 1, 3, -7, True):  # not a float: round's own answer, type included
        for places in (0, 1, 4):
            got, want = rounded(x, places), round(x, places)
            assert type(got) is type(want) and got == want


# The definitions before the shortcuts (attribute reads, round()).
def _plain_score(results):
    total_w = total_e = 0.0
    groups: dict = {}
    for r in results:
        if r.status not in (Status.passed, Status.partial, Status.failed):
            continue
        earned = r.weight * r.credit
        total_w += r.weight
        total_e += earned
        g = groups.setdefault(r.group, [0.0, 0.0, 0])
        g[0] += r.weight
        g[1] += earned
        g[2] += 1
    subtotals = [{"group": name, "score": round(100 * e / w, 1) if w else None, "weight": w, "earned": round(e, 4),
                  "rules": int(n)} for name, (w, e, n) in groups.items()]
    return (round(100 * total_e / total_w, 1) if total_w else None), subtotals


def _plain_gate(results, value, settings):
    found: dict = {}
    for r in results:
        if not r.waived:
            for f in r.findings:
                found[f.severity] = found.get(f.severity, 0) + 1
    reasons = [f"存在{found[s]}个{s.label}级问题" for s in (Severity.error, Severity.warning, Severity.info)
               if found.get(s) and s.rank >= settings.fail_on.rank]
    fail_under = settings.fail_under
    if fail_under is not None and (value is None or value < fail_under):
        need = f"{fail_under:g}"
        reasons.append(f"未能计算得分，要求至少{need}分" if value is None else f"得分{value:g}，低于要求的{need}分")
    return reasons


def _plain_missing(results):
    return [MissingEntry(code=r.code, title=r.title, severity=r.findings[0].severity if r.findings else r.severity,
                         status=r.status, items=list(r.missing), suggestion=r.suggestion,
                         basis=[b.cite() for b in r.basis])
            for r in results if r.status in (Status.failed, Status.partial) and r.missing]


def _check_scoring(results: list[RuleResult]) -> None:
    value, groups = score(results)
    plain_value, plain_groups = _plain_score(results)
    assert _same_float(value, plain_value)
    assert len(groups) == len(plain_groups)
    for g, p in zip(groups, plain_groups, strict=True):
        assert list(vars(g)) == list(p)
        for k in p:
            assert _same_float(getattr(g, k), p[k]) if isinstance(p[k], float) else getattr(g, k) == p[k], k
    for settings in (GateSettings(), GateSettings(fail_on="warning", fail_under=60),
                     GateSettings(fail_on="info", fail_under=99.5)):
        assert gate(results, value, settings) == _plain_gate(results, value, settings)
    assert [m.model_dump() for m in missing_entries(results)] == [m.model_dump() for m in _plain_missing(results)]


def test_scoring_matches_the_plain_definition(auditor):
    rng = random.Random(8)
    for path in _inputs():
        report = auditor.audit_path(path)
        if not report.results:
            continue
        _check_scoring(report.results)
        # The same results with other credits, weights, waivers: fractions, whole numbers, halves.
        for _ in range(5):
            varied = [r.model_copy(update={
                "credit": rng.choice([0.0, 1.0, 0.5, 0.75, round(rng.random(), 4), rng.random()]),
                "weight": rng.choice([1.0, 2.0, 0.5, 3.0, rng.uniform(0.1, 5)]),
                "waived": rng.random() < 0.2}) for r in report.results]
            _check_scoring(varied)


class _NoPlaces(dict):
    """A ``places`` that keeps nothing: every span located again (the plain definition)."""

    def get(self, key, default=None):
        return default

    def __setitem__(self, key, value):
        pass


def test_shared_locations_equal_their_own(auditor):
    for path in _inputs():
        try:
            doc = auditor.parse(auditor.read(path))
        except InputError:  # (the fixtures of unreadable files)
            continue
        if not doc.text.strip():
            continue
        results = check_document(auditor.pack, doc)
        ctx = check_context(auditor.pack, doc)
        outcomes = []
        for rule in auditor.pack.rules:
            reason = not_applicable_reason(rule, doc)
            outcomes.append(Outcome(status=Status.not_applicable, credit=1, message=reason) if reason
                            else rule.check.run(ctx))
        plain = [to_result(rule, o, doc, _NoPlaces()) for rule, o in zip(auditor.pack.rules, outcomes, strict=True)]
        alone = [to_result(rule, o, doc) for rule, o in zip(auditor.pack.rules, outcomes, strict=True)]
        for r, p, a in zip(results, plain, alone, strict=True):
            assert r.model_dump() == p.model_dump() == a.model_dump(), (path, r.code)
