"""``--write-baseline`` / ``--baseline``: a team adopts the gate on an old draft; only findings that
are new since the baseline fail it. Through the real command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_audit

DRAFT = FIXTURES / "missing" / "unbalanced-book-mark.txt"  # fails the gate: one unbalanced 》 (PN001)


def _draft(tmp_path: Path) -> Path:
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT.read_text(encoding="utf-8"), encoding="utf-8")
    return draft


def _findings(out) -> list[dict]:
    return [f for r in json.loads(out.stdout)["reports"] for f in r["findings"]]


def test_known_findings_do_not_fail_the_gate(tmp_path: Path) -> None:
    draft, base = _draft(tmp_path), tmp_path / "baseline.json"
    first = run_audit("--format", "json", "--write-baseline", str(base), str(draft), cwd=tmp_path)
    assert first.returncode == 1 and _findings(first)  # writing a baseline leaves the gate as it was
    recorded = json.loads(base.read_text(encoding="utf-8"))
    assert {e["rule"] for e in recorded["findings"]} == {f["code"] for f in _findings(first)}
    assert all(e["path"] == "draft.txt" for e in recorded["findings"])
    again = run_audit("--format", "json", "--baseline", str(base), str(draft), cwd=tmp_path)
    assert again.returncode == 0, again.stdout
    assert _findings(again) == [] and "known findings not shown" in again.stderr


def test_an_edited_draft_fails_only_on_its_new_findings(tmp_path: Path) -> None:
    draft, base = _draft(tmp_path), tmp_path / "baseline.json"
    assert run_audit("--write-baseline", str(base), str(draft), cwd=tmp_path).returncode == 1
    old = {(f["code"], f["quote"]) for f in _findings(run_audit("--format", "json", str(draft), cwd=tmp_path))}
    lines = draft.read_text(encoding="utf-8").splitlines(keepends=True)
    # The edit moves every old finding down two lines and adds one new problem (another lone 》).
    new_text = "全年组织旁听庭审2次，参加干部职工60人次。\n全年开展宪法宣传周活动，发放民法典》宣传册800份。\n"
    lines.insert(5, new_text)
    draft.write_text("".join(lines), encoding="utf-8")
    out = run_audit("--format", "json", "--baseline", str(base), str(draft), cwd=tmp_path)
    assert out.returncode == 1
    shown = _findings(out)
    assert len(shown) == 1 and shown[0]["code"] == "PN001" and "民法典》" in shown[0]["quote"]
    assert (shown[0]["code"], shown[0]["quote"]) not in old
    full = _findings(run_audit("--format", "json", str(draft), cwd=tmp_path))
    assert len(full) == len(old) + 1  # without the baseline, the old ones are still there (moved)
    assert f"{len(old)} known findings not shown" in out.stderr


@pytest.mark.parametrize("content, why", [
    ("{not json", "not readable JSON"),
    ('{"findings": []}', "expected baseline_version 1"),
    ('{"baseline_version": 1, "findings": [{"rule": "PN001"}]}', "findings.0.path"),
])
def test_a_corrupt_baseline_is_one_line_naming_it(tmp_path: Path, content: str, why: str) -> None:
    base = tmp_path / "坏基线.json"
    base.write_text(content, encoding="utf-8")
    out = run_audit("--baseline", str(base), str(DRAFT))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "坏基线.json" in out.stderr and why in out.stderr


def test_a_missing_baseline_is_exit_2(tmp_path: Path) -> None:
    out = run_audit("--baseline", str(tmp_path / "none.json"), str(DRAFT))
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "none.json" in out.stderr
