"""CI integrations: the pre-commit hooks, the GitHub Action's script, rule-pack validation."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from auditor import load_rules

from .conftest import FIXTURES, ROOT, run_audit

BIN = Path(sys.executable).parent


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "INPUT_"))}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


# -- pre-commit ---------------------------------------------------------------------------

def _pre_commit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("pre-commit try-repo needs git and a git checkout of the project")
    pytest.importorskip("pre_commit")
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), *args], cwd=cwd,
                          capture_output=True, text=True, encoding="utf-8", env=_env(), timeout=900)


def _git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


def test_pre_commit_audit_report_hook(tmp_path: Path):
    repo = _git_repo(tmp_path / "drafts-repo")
    shutil.copy(FIXTURES / "model" / "model-report.txt", repo / "good.txt")
    shutil.copy(FIXTURES / "missing" / "no-plan.txt", repo / "bad.txt")
    ok = _pre_commit("audit-report", "--files", "good.txt", cwd=repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = _pre_commit("audit-report", "--files", "good.txt", "bad.txt", cwd=repo)
    assert bad.returncode == 1 and "FZ006" in bad.stdout


def test_pre_commit_hook_honours_excludes_for_named_files(tmp_path: Path):
    repo = _git_repo(tmp_path / "drafts-repo")
    (repo / "auditor.yaml").write_text("exclude: ['old/**']\n", encoding="utf-8")
    (repo / "old").mkdir()
    shutil.copy(FIXTURES / "missing" / "no-plan.txt", repo / "old" / "bad.txt")
    shutil.copy(FIXTURES / "model" / "model-report.txt", repo / "good.txt")
    out = _pre_commit("audit-report", "--files", "old/bad.txt", "good.txt", cwd=repo)
    assert out.returncode == 0, out.stdout + out.stderr


def test_pre_commit_audit_rules_hook(tmp_path: Path):
    repo = _git_repo(tmp_path / "packs-repo")
    (repo / "rules").mkdir()
    shutil.copy(ROOT / "rules" / "packs" / "writing.yaml", repo / "rules" / "writing.yaml")
    ok = _pre_commit("audit-rules", "--files", "rules/writing.yaml", cwd=repo)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    (repo / "rules" / "broken.yaml").write_text("pack: broken\ntitle: t\nversion: '1'\nrules:\n  - code: X\n",
                                               encoding="utf-8")
    bad = _pre_commit("audit-rules", "--files", "rules/broken.yaml", cwd=repo)
    assert bad.returncode != 0 and "broken.yaml:5:" in bad.stdout + bad.stderr


# -- audit check-rules --------------------------------------------------------------------

def test_check_rules_validates_packs_and_vocabularies(tmp_path: Path):
    out = run_audit("check-rules", "rules/packs/baseline.yaml", "rules/roles.yaml")
    assert out.returncode == 0
    rules = len(load_rules("baseline").rules)
    assert f"baseline.yaml: ok ({rules} rules, examples passed)" in out.stdout and "roles.yaml: ok" in out.stdout
    other = tmp_path / "notes.yaml"
    other.write_text("a: 1\n", encoding="utf-8")
    bad = run_audit("check-rules", str(other))
    assert bad.returncode == 2 and "neither a rule pack" in bad.stderr


# -- the GitHub Action --------------------------------------------------------------------

def _action(tmp_path: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str], Path]:
    output, summary = tmp_path / "github_output", tmp_path / "summary.md"
    output.touch()
    summary.touch()
    env = _env(GITHUB_OUTPUT=str(output), GITHUB_STEP_SUMMARY=str(summary), ACTION_PATH=str(ROOT),
               **{f"INPUT_{k.upper()}": v for k, v in inputs.items()})
    proc = subprocess.run(["bash", str(ROOT / ".github" / "action" / "run.sh")], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines() if "=" in line)
    return proc, outputs, summary


def test_action_passes_on_the_model_report(tmp_path: Path):
    sarif = tmp_path / "audit.sarif"
    proc, outputs, summary = _action(tmp_path, paths="fixtures/model/model-report.txt", sarif_file=str(sarif),
                                     summary="true")
    assert proc.returncode == 0, proc.stderr
    assert outputs == {"score": "100", "verdict": "pass"}
    assert json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"] == []
    assert "# 法治政府建设年度报告审查结果" in summary.read_text(encoding="utf-8")


def test_action_fails_with_annotations_and_outputs(tmp_path: Path):
    proc, outputs, summary = _action(tmp_path, paths="fixtures/missing/no-plan.txt fixtures/model/model-report.txt",
                                     fail_on="warning", summary="false")
    assert proc.returncode == 1
    assert outputs["verdict"] == "fail" and float(outputs["score"]) < 100
    assert "::error file=fixtures/missing/no-plan.txt" in proc.stdout
    assert summary.read_text(encoding="utf-8") == ""  # summary: false


def test_action_inputs_are_data_not_code(tmp_path: Path):
    marker = tmp_path / "pwned"
    proc, outputs, _ = _action(tmp_path, paths="fixtures/model/model-report.txt", fail_under=f"$(touch {marker})")
    assert proc.returncode == 2 and not marker.exists()
    assert outputs["verdict"] == "unevaluated"
