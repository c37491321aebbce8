"""What `audit` is given: files that are not reports, everything excluded, the report on stdin,
and the default excludes of folders and the pre-commit hook."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import FIXTURES, ROOT, run_audit

NOT_REPORTS = FIXTURES / "not-reports"
MODEL = FIXTURES / "model" / "model-report.txt"


def _stdin(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=ROOT, input=data, capture_output=True,
                          timeout=120)


@pytest.mark.parametrize("path", [ROOT / "README.md", NOT_REPORTS / "government-work-report.txt",
                                  NOT_REPORTS / "notice.txt"])
def test_a_file_that_is_not_a_report_is_not_a_failed_draft(path: Path):
    out = run_audit("--format", "json", str(path))
    report = json.loads(out.stdout)["reports"][0]
    assert report["status"] == "not_a_report" and report["verdict"] == "unevaluated"
    assert report["score"] is None and not report["findings"]
    assert report["problem"].startswith("不是法治政府建设年度报告：") and "\n" not in report["problem"]
    # Alone it was not evaluated (2), with one warning line naming the file and why.
    assert out.returncode == 2
    warnings = out.stderr.strip().splitlines()
    assert len(warnings) == 1 and warnings[0].startswith(f"audit: warning: {path}: 不是法治政府建设年度报告")


def test_not_a_report_in_every_format():
    path = "fixtures/not-reports/government-work-report.txt"
    table = run_audit(path).stdout
    assert table.startswith(f"{path}  非年度报告：") and "得分" not in table
    assert "[not_a_report]" in run_audit("--format", "concise", path).stdout
    for fmt in ("markdown", "junit", "sarif", "jsonl", "csv", "github"):
        out = run_audit("--format", fmt, path)
        assert "不是法治政府建设年度报告" in out.stdout, fmt


def test_the_reason_comes_from_the_parsed_model():
    gov = run_audit("--format", "json", str(NOT_REPORTS / "government-work-report.txt")).stdout
    assert "首行“政府工作报告”" in json.loads(gov)["reports"][0]["problem"]
    readme = json.loads(run_audit("--format", "json", str(ROOT / "README.md")).stdout)["reports"][0]
    assert "正文主要不是中文" in readme["problem"]


def test_not_a_report_beside_reports_exits_with_the_reports_code(tmp_path: Path):
    out = run_audit(str(MODEL), str(NOT_REPORTS / "notice.txt"))
    assert out.returncode == 0
    assert out.stderr.count("audit: warning:") == 1 and "notice.txt" in out.stderr
    assert "非年度报告1份" in out.stdout
    failing = run_audit(str(FIXTURES / "missing" / "no-plan.txt"), str(NOT_REPORTS / "notice.txt"))
    assert failing.returncode == 1


def test_a_set_profile_audits_the_file_as_a_report():
    out = run_audit("--profile", "department", "--format", "json", str(NOT_REPORTS / "notice.txt"))
    assert json.loads(out.stdout)["reports"][0]["status"] == "report"


def test_fixtures_and_labelled_cases_are_still_reports():
    out = run_audit("--isolated", "--format", "jsonl", str(FIXTURES / "missing"), str(FIXTURES / "model"),
                    str(FIXTURES / "eval" / "cases"), str(FIXTURES / "edge" / "no-title.txt"))
    reports = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(reports) >= 97
    assert [r["path"] for r in reports if r["status"] != "report"] == []


def test_folders_skip_readme_changelog_and_license(tmp_path: Path):
    shutil.copy(MODEL, tmp_path / "report.txt")
    for name in ("README.md", "CHANGELOG.md", "LICENSE.txt", "readme.txt"):
        (tmp_path / name).write_text("# notes\n", encoding="utf-8")
    out = run_audit("--format", "json", str(tmp_path))
    assert [Path(r["path"]).name for r in json.loads(out.stdout)["reports"]] == ["report.txt"]
    assert out.returncode == 0


@pytest.mark.parametrize("args", [
    ["--force-exclude", "--exclude", "drafts/*", "drafts/a.txt", "drafts/b.txt"],  # pre-commit, excluded drafts
    ["--exclude", "drafts/", "drafts"],  # --exclude matching a whole folder's reports
    ["--force-exclude", "README.md"],  # a default exclude named by pre-commit
])
def test_everything_excluded_is_a_warning_and_exit_0(tmp_path: Path, args):
    (tmp_path / "drafts").mkdir()
    for name in ("a.txt", "b.txt"):
        shutil.copy(FIXTURES / "missing" / "no-plan.txt", tmp_path / "drafts" / name)
    (tmp_path / "README.md").write_text("# notes\n", encoding="utf-8")
    out = run_audit(*args, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""
    assert re.fullmatch(r"audit: warning: every file given is excluded .*; nothing audited\n", out.stderr)


def test_a_missing_path_is_still_an_error(tmp_path: Path):
    out = run_audit("--force-exclude", "--exclude", "*", "nope.txt", cwd=tmp_path)
    assert out.returncode == 2 and "nope.txt: no such file or folder" in out.stderr


def test_pre_commit_hook_excludes_project_files():
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
                if h["id"] == "audit-report")
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    for name in ("README.md", "docs/README.zh.md", "CHANGELOG.md", "LICENSE.txt", "CONTRIBUTING.md"):
        assert files.search(name) is None or exclude.search(name), name
    for name in ("reports/2025年度报告.docx", "drafts/notes.txt", "readme-notes/草稿.txt"):
        assert files.search(name) and not exclude.search(name), name


def test_stdin_utf8_and_gb18030():
    text = MODEL.read_text(encoding="utf-8")
    for data in (text.encode("utf-8"), text.encode("gb18030")):
        out = _stdin(data, "--format", "json", "-")
        assert out.returncode == 0, out.stderr
        report = json.loads(out.stdout)["reports"][0]
        assert report["path"] == "-" and report["score"] == 100
        assert report["metadata"]["organisation"]["value"] == "青禾市生态环境局"


def test_stdin_filename_names_the_report():
    data = (FIXTURES / "missing" / "no-causes.txt").read_bytes()
    out = _stdin(data, "--format", "concise", "--stdin-filename", "drafts/2025.txt", "-")
    assert out.returncode == 0
    assert out.stdout.decode("utf-8").startswith("drafts/2025.txt:29:1: FZ003 [warning]")


def test_stdin_problems_are_one_line():
    out = _stdin(b"", "-")
    assert out.returncode == 2 and out.stderr.decode("utf-8").startswith("audit: error: -: ")
    mixed = _stdin(b"x", "-", str(MODEL))
    assert mixed.returncode == 2 and b"cannot be combined" in mixed.stderr
