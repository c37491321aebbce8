"""Session 20's shortcuts in building a report's results, compared with their plain definitions."""

from __future__ import annotations

import bisect
import random

from auditor.api import Auditor
from auditor.models import Basis, Document, MissingEntry, MissingItem, Status
from auditor.normalize.mapped import MappedText
from auditor.scoring import missing_entries

from .conftest import CORPUS, FIXTURES
from .test_document import _quote  # the plain definition: the offset map read character by character


def test_quotes_across_runs_are_the_map_read_character_by_character():
    """Spans with run starts inside (one slice per piece between them): expansions (a repeated
    offset), deletions (a gap), steps back onto the offset before and past it, spaces and line
    breaks to collapse, runs of one character."""
    rng = random.Random(2020)
    across = 0
    for _ in range(600):
        original = "".join(rng.choice("法治 政府\n建设a1。\t") for _ in range(rng.randrange(1, 300)))
        offsets, o = [], 0
        for _ in range(rng.randrange(1, 200)):
            step = rng.choice([1, 1, 1, 1, 0, 0, 2, 5, -1, -3])
            o = min(max(0, o + step), len(original) - 1)
            offsets.append(o)
        text = "x" * len(offsets)
        runs = MappedText(text[:-1], offsets).run_starts()
        doc = Document(path="t", format="txt", original=original, text=text, offsets=offsets, run_starts=runs)
        for _ in range(40):
            a = rng.randrange(0, len(text))
            b = min(len(text), a + rng.randint(0, 60))
            context = rng.choice([0, 8, 10, 12])
            limit = rng.choice([60, 40, 5])
            s, e = max(0, a - context), min(len(text), b + context)
            across += s < e and bisect.bisect_right(runs, s) != bisect.bisect_left(runs, e)
            assert doc.quote(a, b, context=context, limit=limit) == _quote(doc, a, b, context=context, limit=limit)
    assert across > 5000  # (the pieces' path was taken)


class _OwnCite(Basis):
    def cite(self) -> str:
        return f"《{self.title}》"


def test_missing_entries_cite_each_basis_as_its_own_cite():
    """Basis.cite is read from the model's values for the class itself, a subclass's cite is called."""
    auditor = Auditor()
    report = auditor.audit_path(sorted(CORPUS.glob("*.txt"))[0] if CORPUS.is_dir() and any(CORPUS.glob("*.txt"))
                                else FIXTURES / "model" / "model-report.txt")
    bases = [Basis(title="法"), Basis(title="条例", article="第三条"), Basis(title="规定", article=""),
             _OwnCite(title="办法", article="第一条")]
    rng = random.Random(3)
    for _ in range(20):
        varied = [r.model_copy(update={
            "status": rng.choice([Status.failed, Status.partial, Status.passed]),
            "missing": [MissingItem(id="a", label="甲")] if rng.random() < 0.7 else [],
            "basis": rng.sample(bases, rng.randrange(0, 4))}) for r in report.results]
        want = [MissingEntry(code=r.code, title=r.title, severity=r.findings[0].severity if r.findings else r.severity,
                             status=r.status, items=list(r.missing), suggestion=r.suggestion,
                             basis=[b.cite() for b in r.basis])
                for r in varied if r.status in (Status.failed, Status.partial) and r.missing]
        got = missing_entries(varied)
        assert [m.model_dump() for m in got] == [m.model_dump() for m in want]
        assert [m.model_fields_set for m in got] == [m.model_fields_set for m in want]


def test_a_rules_own_values_are_its_specs():
    """What to_result and run_checks take from a rule (engine._OwnValues) is what its spec says,
    for every rule of every profile's pack; a rule given another spec is read again."""
    from dataclasses import replace

    from auditor.checks.base import Outcome
    from auditor.engine import _own_values, severity_for, to_result

    for profile in ("auto", "government", "department", "town"):
        for rule in Auditor(profile=profile).pack.rules:
            own = _own_values(rule)
            spec = rule.spec
            assert (own.code, own.title, own.suggestion) == (spec.code, spec.title, spec.suggestion)
            assert own.failed_severity is severity_for(rule, Status.failed)
            assert own.partial_severity is severity_for(rule, Status.partial)
            assert own.limited == bool(spec.applies_to.kinds or spec.applies_to.years)
    rule = Auditor().pack.rules[0]
    doc = Auditor().parse(Auditor().read(FIXTURES / "model" / "model-report.txt"))
    outcome = Outcome(status=Status.failed, credit=0, message="x")
    assert to_result(rule, outcome, doc).title == rule.spec.title
    other = replace(rule, spec=rule.spec.model_copy(update={"title": "另一个标题"}))
    other.derived.update(rule.derived)  # (the old spec's values, as a rule changed in place would hold)
    result = to_result(other, outcome, doc)
    assert result.title == "另一个标题" and result.findings[0].message.startswith("另一个标题：")
