"""Rule lifecycle: a rule marked ``preview: true`` runs only with preview asked for (``--preview``,
``preview: true`` in the configuration, ``Auditor(preview=True)``), as in Ruff; ``audit rules``
and ``audit rule`` say which rules are in preview. The shipped packs have none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.api import load_rules
from auditor.authoring.scaffold import skeleton
from auditor.plugins import builtin

from .conftest import ROOT, run_audit

CHECK_TYPES = {c.name: c for c in builtin.auditor_check_types()}
REPORT = ROOT / "tests" / "annotated" / "a01.txt"


@pytest.fixture
def county(tmp_path: Path) -> Path:
    """A pack on top of the default one: CX001 in use, CX002 in preview."""
    preview = skeleton("CX002", "forbid", CHECK_TYPES).replace("    check: forbid\n",
                                                               "    preview: true\n    check: forbid\n")
    pack = tmp_path / "county.yaml"
    pack.write_text('pack: county\ntitle: 县级补充要求\nversion: "1"\nextends: [default]\nrules:\n'
                    + skeleton("CX001", "near", CHECK_TYPES) + preview, encoding="utf-8")
    shutil.copy(REPORT, tmp_path / "a01.txt")
    return pack


def _codes(result) -> list[str]:
    return [r.code for r in result.results if r.code.startswith("CX")]


def test_preview_rules_run_only_when_asked(county: Path):
    assert load_rules(str(county)).preview == frozenset({"CX002"})
    assert [r.code for r in load_rules(str(county)).rules if r.code.startswith("CX")] == ["CX001"]
    assert [r.code for r in load_rules(str(county), preview=True).rules if r.code.startswith("CX")] == \
        ["CX001", "CX002"]
    assert _codes(Auditor([str(county)]).audit_path(county.parent / "a01.txt")) == ["CX001"]
    assert _codes(Auditor([str(county)], preview=True).audit_path(county.parent / "a01.txt")) == ["CX001", "CX002"]
    pack = load_rules(str(county), preview=True)  # a pack object given: the auditor still decides
    assert _codes(Auditor(pack).audit_path(county.parent / "a01.txt")) == ["CX001"]
    assert [r.code for r in load_rules(str(county), select=["CX"]).rules] == ["CX001"]


def test_preview_on_the_command_line_and_in_the_configuration(county: Path):
    folder = county.parent
    plain = run_audit("--isolated", "-r", str(county), "-f", "csv", "a01.txt", cwd=folder)
    asked = run_audit("--isolated", "-r", str(county), "--preview", "-f", "csv", "a01.txt", cwd=folder)
    assert plain.returncode == asked.returncode == 0
    assert "CX001" in plain.stdout and "CX002" not in plain.stdout
    assert "CX002" in asked.stdout
    (folder / "auditor.yaml").write_text(f"rules: [{county}]\npreview: true\n", encoding="utf-8")
    configured = run_audit("-f", "csv", "a01.txt", cwd=folder)
    assert configured.returncode == 0 and "CX002" in configured.stdout
    (folder / "auditor.yaml").write_text(f"rules: [{county}]\nper-path:\n  - paths: ['*.txt']\n"
                                         "    preview: true\n", encoding="utf-8")
    assert "CX002" in run_audit("-f", "csv", "a01.txt", cwd=folder).stdout
    (folder / "auditor.yaml").write_text(f"rules: [{county}]\npreview: yes please\n", encoding="utf-8")
    bad = run_audit("a01.txt", cwd=folder)
    assert bad.returncode == 2 and f"{folder / 'auditor.yaml'}:2: preview: " in bad.stderr


def test_a_preview_rule_named_without_preview_is_an_error(county: Path):
    out = run_audit("--isolated", "-r", str(county), "--select", "CX002", "a01.txt", cwd=county.parent)
    assert out.returncode == 2
    assert out.stderr.strip() == ("audit: error: rule CX002 is a preview rule: it runs only with --preview "
                                  "(or preview: true in the configuration)")
    out = run_audit("--isolated", "-r", str(county), "--select", "CX002", "--preview", "-f", "csv", "a01.txt",
                    cwd=county.parent)
    assert out.returncode == 0 and "CX002" in out.stdout and "CX001" not in out.stdout


def test_rules_and_rule_show_preview(county: Path):
    listed = run_audit("rules", "-r", str(county), "--select", "CX")
    assert listed.returncode == 0
    lines = listed.stdout.splitlines()
    assert lines[0] == "县级补充要求（county 1，2条规则，其中预览1条，仅在 --preview 时运行）"
    assert lines[1].split()[:3] == ["代码", "阶段", "级别"]
    assert lines[3].split()[:2] == ["CX001", "警告"] and lines[4].split()[:3] == ["CX002", "预览", "警告"]
    markdown = run_audit("rules", "-r", str(county), "--select", "CX", "-f", "markdown").stdout
    assert "| CX002 (preview) | county |" in markdown and "| CX001 | county |" in markdown
    shown = run_audit("rule", "CX002", "-r", str(county))
    assert shown.returncode == 0 and "预览规则：试行中，仅在 --preview（或配置 preview: true）时运行" in shown.stdout
    assert "预览" not in run_audit("rule", "CX001", "-r", str(county)).stdout


def test_rules_test_runs_preview_rules_with_preview(county: Path):
    folder = county.parent
    # (the report states 行政复议申请63件 in one sentence: CX001's two groups; no 法制宣传: CX002)
    (folder / "a01.txt.expect.yaml").write_text("rules: [county.yaml]\nexpect: {CX001: pass, CX002: pass}\n",
                                                encoding="utf-8")
    out = run_audit("rules", "test", str(folder))
    assert out.returncode == 2 and "expect: rule CX002 is a preview rule: test it with --preview" in out.stderr
    out = run_audit("rules", "test", str(folder), "--preview")
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.splitlines()[-1] == "1 reports, 2 expectations, 0 failed"


def test_check_rules_runs_the_examples_of_preview_rules(county: Path):
    text = county.read_text(encoding="utf-8")
    # the failing example made one that passes
    broken = text.replace("        - 深入开展法制宣传教育。\n", "        - 深入开展法治宣传教育。\n")
    assert broken != text
    county.write_text(broken, encoding="utf-8")
    out = run_audit("check-rules", str(county))
    assert out.returncode == 2 and "CX002: 'fail' example gives pass" in out.stderr


def test_shipped_packs_have_no_preview_rule():
    for pack in sorted((ROOT / "rules" / "packs").glob("*.yaml")):
        assert load_rules(pack.stem, preview=True).preview == frozenset(), pack.name
    assert "阶段" not in run_audit("rules", "-r", "evaluator").stdout
