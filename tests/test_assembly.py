"""What follows the checks (scores, the gate, missing entries, the findings' order) against the plain
definitions the faster loops replaced, on every fixture text and corpus report, with waivers and
every gate setting."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

from auditor.api import Auditor
from auditor.models import GateSettings, MissingEntry, RuleResult, Severity, Status
from auditor.scoring import gate, missing_entries, score, score_reason

from .conftest import CORPUS, FIXTURES


def _plain_score(results: list[RuleResult]) -> tuple[float | None, list[tuple]]:
    total_w = total_e = 0.0
    groups: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0])
    for r in results:
        if r.status not in (Status.passed, Status.partial, Status.failed):
            continue
        total_w += r.weight
        total_e += r.weight * r.credit
        g = groups[r.group]
        g[0] += r.weight
        g[1] += r.weight * r.credit
        g[2] += 1
    subtotals = [(name, round(100 * e / w, 1) if w else None, w, round(e, 4), int(n))
                 for name, (w, e, n) in groups.items()]
    return (round(100 * total_e / total_w, 1) if total_w else None), subtotals


def _plain_gate(results: list[RuleResult], value: float | None, settings: GateSettings) -> list[str]:
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
    short = score_reason(value, settings.fail_under)  # (the wording, shared; the counting is compared)
    return reasons + ([short] if short else [])


def _plain_missing(results: list[RuleResult]) -> list[MissingEntry]:
    return [MissingEntry(code=r.code, title=r.title, severity=r.findings[0].severity if r.findings else r.severity,
                         status=r.status, items=list(r.missing), suggestion=r.suggestion,
                         basis=[b.cite() for b in r.basis])
            for r in results if r.status in (Status.failed, Status.partial) and r.missing]


def _inputs() -> list[Path]:
    return sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def audited() -> list:
    auditors = [Auditor(), Auditor(profile="government"), Auditor(["evaluator"])]
    return [a.audit_path(p) for a in auditors for p in _inputs() if p.stat().st_size]


def test_scores_gate_and_missing_entries_are_the_plain_definitions(audited):
    rng = random.Random(17)
    checked = 0
    for report in audited:
        if not report.evaluated:
            continue
        results = report.results
        value, groups = score(results)
        plain_value, plain_groups = _plain_score(results)
        assert value == plain_value, report.path
        assert [(g.group, g.score, g.weight, g.earned, g.rules) for g in groups] == plain_groups, report.path
        assert [type(x) for g in groups for x in (g.weight, g.earned, g.rules)] == \
               [type(x) for g in plain_groups for x in g[2:]]
        assert missing_entries(results) == _plain_missing(results), report.path
        for r in results:  # some gaps waived at random: they do not gate
            r.waived = r.status in (Status.failed, Status.partial) and rng.random() < 0.3
        for fail_on in Severity:
            for fail_under in (None, 0.0, 60.0, 99.5, 100.0):
                settings = GateSettings(fail_on=fail_on, fail_under=fail_under)
                for v in (value, None):
                    assert gate(results, v, settings) == _plain_gate(results, v, settings), report.path
        checked += 1
    assert checked > 20


def test_findings_in_the_plain_order(audited):
    for report in audited:
        plain = sorted((f for r in report.results for f in r.findings),
                       key=lambda f: (-f.severity.rank, f.location.line if f.location else 0, f.code))
        assert [id(f) for f in report.findings] == [id(f) for f in plain], report.path


def test_results_of_one_rule_share_no_list():
    """A rule's constant values are prepared once; every result still owns its lists and its dict."""
    auditor = Auditor()
    path = sorted(FIXTURES.rglob("*.txt"))[0]
    first, second = auditor.audit_path(path), auditor.audit_path(path)
    for a, b in zip(first.results, second.results, strict=True):
        assert a == b and vars(a) is not vars(b)
        for name in ("evidence", "missing", "findings", "basis"):
            assert getattr(a, name) is not getattr(b, name)
    first.results[0].basis.clear()
    first.results[0].title = "changed"
    third = auditor.audit_path(path)
    assert third.results[0] == second.results[0] and third.results[0].basis
