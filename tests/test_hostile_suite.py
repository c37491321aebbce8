"""The bad-input suite (issue #12), as every test run sees it: its generator writes over 300 cases
in ten families, and a fast subset of them runs here through the same runner as the whole suite
(``python -m tests.hostile.run``; ``benchmarks/run.py --rows hostile`` runs all of them). For each
case: the allowed exit code, no traceback, one stderr line naming the culprit, at most 10 s of CPU
and 500 MB, the inputs unchanged, and output that parses."""

from __future__ import annotations

from .hostile.cases import FAMILIES, FAST, all_cases, fast_cases
from .hostile.run import run, summary


def test_the_generator_writes_every_family_and_over_300_cases():
    cases = all_cases()
    assert len(cases) >= 300
    assert {case.family for case in cases} == set(FAMILIES)
    assert {case_id.split("/")[0] for case_id in FAST} == set(FAMILIES)  # the subset covers each family


def test_the_fast_subset_holds_every_bound():
    outcomes = run(fast_cases(), jobs=2, verbose=False)
    failures = [f"{o.case.id}: {'; '.join(o.problems)} (stderr: {o.stderr.strip()[-200:]!r})"
                for o in outcomes if o.problems]
    assert not failures, summary(outcomes) + "\n" + "\n".join(failures)
    assert len(outcomes) == len(FAST)
