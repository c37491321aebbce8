"""``audit rules test DIR``: packs against annotated reports (sidecars and front matter), their
examples, the diff on a mismatch and the exit codes. The shipped default pack is tested this way
on tests/annotated/ (reports and labels of the evaluation set)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from auditor.authoring.expectations import blank_front_matter, front_matter

from .conftest import ROOT, run_audit

ANNOTATED = ROOT / "tests" / "annotated"


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "annotated"
    shutil.copytree(ANNOTATED, folder)
    return folder


def test_the_shipped_pack_passes_its_annotated_reports_and_examples():
    out = run_audit("rules", "test", str(ANNOTATED))
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    reports = [*(p.name.removesuffix(".expect.yaml") for p in ANNOTATED.glob("*.expect.yaml")), "c04.txt"]
    assert sorted(line.split()[1].rsplit("/", 1)[-1] for line in lines if line.startswith("ok    tests/annotated/")) \
        == sorted(reports)
    assert "ok    examples of default" in lines
    assert lines[-1].startswith(f"{len(reports)} reports, ") and lines[-1].endswith(" expectations, 0 failed")


def test_a_wrong_expectation_fails_with_a_readable_diff(tmp_path: Path):
    folder = _copy(tmp_path)
    sidecar = folder / "b03.txt.expect.yaml"
    text = sidecar.read_text(encoding="utf-8")
    assert "  FZ003: fail\n" in text  # labelled: the shortcomings are listed without their causes
    sidecar.write_text(text.replace("  FZ003: fail\n", "  FZ003: pass\n")
                       .replace("  GF001: pass\n", "  GF001: {status: pass, evidence: [没有这句话]}\n")
                       + "score: {min: 100}\n", encoding="utf-8")
    line = text.splitlines().index("  FZ003: fail") + 1
    out = run_audit("rules", "test", str(folder), cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert "FAIL  annotated/b03.txt (3 of 14 expectations failed)" in lines
    at = lines.index(f"  FZ003: expected pass, got fail  (annotated/b03.txt.expect.yaml:{line})")
    assert lines[at + 1].startswith("      message: 未见")  # the result's own message
    assert lines[at + 2].startswith("      quotes it had: “")
    assert any(li.startswith("  GF001: pass as expected, but evidence is missing") for li in lines)
    assert "      evidence not found: “没有这句话”" in lines
    assert any(li.startswith("  score: expected at least 100, got ") for li in lines)
    assert "ok    annotated/a01.txt (14 expectations)" in lines
    assert lines[-1] == "6 reports, 83 expectations, 3 failed"  # the score is one more


def test_front_matter_mismatch_names_the_report_and_line(tmp_path: Path):
    folder = _copy(tmp_path)
    report = folder / "c04.txt"
    report.write_text(report.read_text(encoding="utf-8").replace("  FZ002: fail\n", "  FZ002: partial\n"),
                      encoding="utf-8")
    out = run_audit("rules", "test", str(folder), cwd=tmp_path)
    assert out.returncode == 1
    line = report.read_text(encoding="utf-8").splitlines().index("  FZ002: partial") + 1
    assert f"  FZ002: expected partial, got fail  (annotated/c04.txt:{line})" in out.stdout.splitlines()


def test_front_matter_is_blanked_keeping_line_numbers():
    text = "---\nexpect: {FZ001: pass}\n---\n标题\r\n正文\n"
    block = front_matter(text)
    assert block == ("expect: {FZ001: pass}\n", 3)
    blanked = blank_front_matter(text, block[1])
    assert blanked == "\n\n\n标题\r\n正文\n"
    assert front_matter("标题\n---\nx: 1\n---\n") is None
    assert front_matter("---\nnever closed\n") is None


def test_a_failing_example_of_a_tested_pack_fails_the_run(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(ANNOTATED / "a01.txt", folder / "a01.txt")
    out = run_audit("rules", "new", "CX001", "--check", "require")
    pack = folder / "county.yaml"
    # The skeleton's failing example made to pass: the pack's examples no longer hold.
    body = out.stdout.replace("        - 全年制定规范性文件3件。\n",
                              "        - 全年制定规范性文件3件，均经合法性审核，并报备案。\n")
    assert body != out.stdout
    pack.write_text('pack: county\ntitle: 县级补充要求\nversion: "1"\nrules:\n' + body, encoding="utf-8")
    (folder / "a01.txt.expect.yaml").write_text("rules: [default, county.yaml]\nexpect: {CX001: pass}\n",
                                                encoding="utf-8")
    out = run_audit("rules", "test", str(folder), cwd=tmp_path)
    assert out.returncode == 1, out.stdout + out.stderr
    assert "ok    reports/a01.txt (1 expectations)" in out.stdout
    failed = [li for li in out.stdout.splitlines() if li.startswith("FAIL  examples of default+reports/county.yaml")]
    assert len(failed) == 1 and "CX001: 'fail' example gives pass" in failed[0]
    assert out.stdout.splitlines()[-1] == "1 reports, 1 expectations, 1 failed"


def test_rules_option_is_the_default_pack_of_reports_that_name_none(tmp_path: Path):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(ANNOTATED / "a01.txt", folder / "a01.txt")
    (folder / "a01.txt.expect.yaml").write_text("expect: {PN001: pass}\n", encoding="utf-8")
    out = run_audit("rules", "test", str(folder), "--rules", "baseline", cwd=tmp_path)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "ok    examples of baseline" in out.stdout.splitlines()
    (folder / "a01.txt.expect.yaml").write_text("expect: {NU001: pass}\n", encoding="utf-8")  # a writing rule
    out = run_audit("rules", "test", str(folder), "--rules", "baseline", cwd=tmp_path)
    assert out.returncode == 2
    assert out.stderr.strip() == (f"audit: error: {folder / 'a01.txt.expect.yaml'}:1: expect: rule NU001 is not "
                                  "in the pack (baseline); see 'audit rules'")


@pytest.mark.parametrize(("expectations", "line", "problem"), [
    ("expect:\n  FZ001: pass\n  FZ002: passed\n", 3, "expect.FZ002.status: Input should be 'pass'"),
    ("expect:\n  FZ001: {status: pass, evidense: [x]}\n", 2, "expect.FZ001: unknown key 'evidense'"),
    ("expect:\n  FZ001: pass\nscore: {min: 3, mx: 4}\n", 3, "score: unknown key 'mx'"),
    ("expect:\n  FZ001: pass\nscore: {min: 90, max: 60}\n", 3, "min 90 is above max 60"),
    ("expects:\n  FZ001: pass\n", 1, "unknown key 'expects' (did you mean 'expect'?)"),
    ("rules: [nosuch]\nexpect:\n  FZ001: pass\n", 1, "rules: unknown rule pack 'nosuch'"),
    ("expect:\n  FZ001: pass\n  fz001: fail\n  ZZ001: pass\n", 4, "rule ZZ001 is not in the pack"),
    ("expect: {FZ001: pass\n", 1, "invalid YAML"),
])
def test_bad_expectations_are_one_line_naming_file_and_line(tmp_path: Path, expectations: str, line: int,
                                                           problem: str):
    shutil.copy(ANNOTATED / "a01.txt", tmp_path / "a01.txt")
    sidecar = tmp_path / "a01.txt.expect.yaml"
    sidecar.write_text(expectations, encoding="utf-8")
    out = run_audit("rules", "test", str(tmp_path))
    assert out.returncode == 2
    assert out.stdout == "" and len(out.stderr.splitlines()) == 1, out.stderr
    assert out.stderr.startswith(f"audit: error: {sidecar}:{line}: ") and problem in out.stderr


def test_unusable_folders_exit_2(tmp_path: Path):
    (tmp_path / "lonely.txt.expect.yaml").write_text("expect: {FZ001: pass}\n", encoding="utf-8")
    out = run_audit("rules", "test", str(tmp_path))
    assert out.returncode == 2 and "annotates 'lonely.txt', which is not in the folder" in out.stderr
    (tmp_path / "lonely.txt.expect.yaml").unlink()
    (tmp_path / "notes.txt").write_text("no front matter here\n", encoding="utf-8")
    out = run_audit("rules", "test", str(tmp_path))
    assert out.returncode == 2 and "holds no annotated report" in out.stderr
    out = run_audit("rules", "test", str(tmp_path / "missing"))
    assert out.returncode == 2 and "is not a folder of annotated reports" in out.stderr
    both = tmp_path / "both.txt"
    both.write_text("---\nexpect: {FZ001: pass}\n---\n正文\n", encoding="utf-8")
    (tmp_path / "both.txt.expect.yaml").write_text("expect: {FZ001: pass}\n", encoding="utf-8")
    out = run_audit("rules", "test", str(tmp_path))
    assert out.returncode == 2 and "has both front matter and a sidecar" in out.stderr


def test_a_report_that_cannot_be_read_exits_2(tmp_path: Path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.txt.expect.yaml").write_text("expect: {FZ001: fail}\n", encoding="utf-8")
    out = run_audit("rules", "test", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.strip() == f"audit: error: {tmp_path / 'empty.txt'}: file is empty"


def test_rules_listing_keeps_its_options():
    listed = run_audit("rules", "--rules", "baseline", "--select", "FZ")
    assert listed.returncode == 0
    assert "FZ001" in listed.stdout and "TR001" not in listed.stdout
    markdown = run_audit("rules", "-f", "markdown", "--ignore", "FZ")
    assert markdown.returncode == 0 and markdown.stdout.startswith("| code | pack |")
    assert "| FZ001 |" not in markdown.stdout
    helped = run_audit("rules", "--help")
    assert helped.returncode == 0 and "{test,new}" in helped.stdout
