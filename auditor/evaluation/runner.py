"""Audit every labelled case with one ``Auditor`` (no configuration files) and measure."""

from __future__ import annotations

from pathlib import Path

from ..api import Auditor
from ..errors import InputError
from .labels import load_cases
from .metrics import measure
from .models import Evaluation, Thresholds


def evaluate(labels: str | Path, auditor: Auditor | None = None,
             thresholds: Thresholds | None = None) -> Evaluation:
    """Load the label index, audit each case's report and compare. Label problems raise
    ``LabelError``; a report the tool cannot audit raises ``InputError`` (nothing to compare)."""
    auditor = auditor or Auditor()
    titles = {r.code: r.spec.title for r in auditor.pack.rules}
    cases = load_cases(labels, titles)
    results = []
    for case in cases:
        result = auditor.audit_path(case.report)
        if not result.evaluated:
            raise InputError(f"case '{case.id}': the report cannot be audited: {result.problem}", path=case.report)
        results.append(result)
    pack = auditor.pack
    return measure(cases, results, titles, labels=str(labels), pack=f"{pack.name} {pack.version}",
                   thresholds=thresholds)
