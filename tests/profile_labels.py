"""The expected results of fixtures/profiles/ (labels written before the tool was run), shared by
tests/test_profiles.py, tests/test_topics.py and tests/test_canon.py."""

from __future__ import annotations

from functools import cache

import yaml

from auditor import Auditor
from auditor.models import AuditResult

from .conftest import FIXTURES

PROFILES = FIXTURES / "profiles"


def runs(*, packs: set[str] | None) -> list[tuple[str, str, dict]]:
    """(file, kind, run) for every labelled run whose extra packs intersect ``packs`` (``None``:
    the runs without extra packs)."""
    data = yaml.safe_load((PROFILES / "expected.yaml").read_text(encoding="utf-8"))
    out = []
    for file, spec in data.items():
        for run in spec["runs"]:
            extra = set(run.get("packs") or [])
            if (packs is None and not extra) or (packs is not None and extra & packs):
                out.append((file, spec["kind"], run))
    return out


@cache
def _auditor(packs: tuple[str, ...], profile: str) -> Auditor:
    return Auditor(["default", *packs] if packs else None, profile=profile)


def audit(file: str, run: dict) -> AuditResult:
    return _auditor(tuple(run.get("packs") or ()), run["profile"]).audit_path(PROFILES / file)


def check_run(file: str, kind: str, run: dict) -> None:
    result = audit(file, run)
    statuses = {r.code: r.status.value for r in result.results}
    assert result.metadata.kind is not None and result.metadata.kind.value == kind
    wrong = {code: (want, statuses.get(code)) for code, want in (run.get("rules") or {}).items()
             if statuses.get(code) != want}
    assert not wrong, f"{file} {run}: expected vs got {wrong}"
    assert result.verdict == run["verdict"], result.reasons
