"""The optional score-sheet fields are left out of every dump when absent (``exclude_if`` in
pydantic's serializer, not a wrap serializer on the model): compared with the plain definition,
the full dump less the absent key, for each report of the fixtures and the corpus, with and
without a score sheet."""

from __future__ import annotations

import json

import pytest

from auditor.api import Auditor
from auditor.models import AuditResult, AuditRun
from auditor.scoresheet import load_scheme, resolve_scheme, score_run

from .conftest import CORPUS, FIXTURES


def _plain(model: AuditResult | AuditRun, key: str, mode: str) -> dict:
    """The definition: every field dumped, then ``key`` dropped when it is None."""
    return {name: model.model_dump(mode=mode, include={name})[name] for name in type(model).model_fields
            if not (name == key and getattr(model, name) is None)}


@pytest.fixture(scope="module")
def runs() -> tuple[AuditRun, AuditRun]:
    auditor = Auditor()
    paths = sorted(FIXTURES.rglob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    plain = auditor.summarise([auditor.audit_path(p) for p in paths])
    scored = score_run(load_scheme(resolve_scheme("example-scheme")),
                       auditor.summarise([auditor.audit_path(p) for p in paths]))
    return plain, scored


@pytest.mark.parametrize("mode", ["python", "json"])
def test_absent_sheet_fields_are_left_out(runs, mode):
    plain, scored = runs
    for run in (plain, scored):
        dump = run.model_dump(mode=mode) if mode == "python" else json.loads(run.model_dump_json())
        assert dump == _plain(run, "ranking", mode)
        assert ("ranking" in dump) == (run.ranking is not None)
        for report, dumped in zip(run.reports, dump["reports"], strict=True):
            assert dumped == _plain(report, "score_sheet", mode)
            assert ("score_sheet" in dumped) == (report.score_sheet is not None)
            if mode == "json":
                assert json.loads(report.model_dump_json()) == dumped  # --format jsonl's line
    assert scored.ranking and any(r.score_sheet is not None for r in scored.reports)
    assert plain.ranking is None and all(r.score_sheet is None for r in plain.reports)
