"""Configuration files: discovery, inheritance, overrides, waivers and the errors they raise."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import FIXTURES, run_audit

NO_CAUSES = FIXTURES / "missing" / "no-causes.txt"  # FZ003 fails (warning)
NO_NORMATIVE = FIXTURES / "missing" / "no-normative-docs.txt"  # GF001 fails (error)
LATE = FIXTURES / "missing" / "late-filing.txt"  # TM001 (department deadline) fails


def _tree(tmp_path: Path, config: str | None, name: str = "auditor.yaml", report: Path = NO_NORMATIVE,
          sub: str = "reports") -> Path:
    folder = tmp_path / sub
    folder.mkdir(parents=True, exist_ok=True)
    if config is not None:
        (tmp_path / name).write_text(config, encoding="utf-8")
    target = folder / report.name
    shutil.copy(report, target)
    return target


def _json(out) -> dict:
    return json.loads(out.stdout)["reports"][0]


def _codes(report: dict) -> dict[str, str]:
    return {r["code"]: r["status"] for r in report["results"]}


def test_profile_and_ignore_change_the_result(tmp_path: Path):
    report = _tree(tmp_path, "profile: government\nignore: [GF]\n", report=LATE)
    plain = run_audit("--isolated", "--format", "json", str(report))
    assert _codes(_json(plain))["TM001"] == "fail"
    out = run_audit("--format", "json", str(report))
    data = _json(out)
    assert data["config"] == str(tmp_path / "auditor.yaml")
    codes = _codes(data)
    assert codes["TM001"] == "not_applicable"  # the filing deadline rule is for departments
    assert not any(c.startswith("GF") for c in codes)
    assert data["metadata"]["kind"] == {"value": "government", "source": "config", "confidence": 1.0,
                                        "raw": "profile: government", "location": None}


def test_closest_configuration_wins(tmp_path: Path):
    report = _tree(tmp_path, "fail-on: warning\n", report=NO_CAUSES, sub="a/b")
    assert run_audit(str(report)).returncode == 1  # the top-level file: warnings fail
    (tmp_path / "a" / ".auditor.yaml").write_text("fail-on: error\n", encoding="utf-8")
    assert run_audit(str(report)).returncode == 0  # the closer file wins


def test_pyproject_tool_auditor_is_found(tmp_path: Path):
    report = _tree(tmp_path, '[project]\nname = "x"\n\n[tool.auditor]\nignore = ["GF001"]\n',
                   name="pyproject.toml")
    assert run_audit(str(report)).returncode == 0
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    assert run_audit(str(report)).returncode == 1  # no [tool.auditor]: not a configuration


def test_extend_inherits_and_overrides(tmp_path: Path):
    (tmp_path / "base.yaml").write_text("ignore: [GF001]\nfail-on: warning\n", encoding="utf-8")
    report = _tree(tmp_path, "extend: base.yaml\nfail-on: error\n", report=NO_NORMATIVE)
    assert run_audit(str(report)).returncode == 0  # GF001 ignored by the base, fail-on from the child
    report2 = _tree(tmp_path, None, report=NO_CAUSES)
    assert run_audit(str(report2)).returncode == 0


def test_command_line_overrides_the_file(tmp_path: Path):
    report = _tree(tmp_path, "ignore: [GF001]\n")
    assert run_audit(str(report)).returncode == 0
    assert run_audit("--ignore", "TI", str(report)).returncode == 1  # the flag replaces the file's list
    assert run_audit("--isolated", str(report)).returncode == 1
    other = tmp_path / "other.yaml"
    other.write_text("select: [TI]\n", encoding="utf-8")
    out = run_audit("--config", str(other), "--format", "json", str(report))
    assert set(_codes(_json(out))) == {"TI001", "TI002"}


def test_select_and_extend_select(tmp_path: Path):
    report = _tree(tmp_path, "select: [TI]\nextend-select: [SG001]\n")
    out = run_audit("--format", "json", str(report))
    assert set(_codes(_json(out))) == {"TI001", "TI002", "SG001"}


def test_per_path_overrides(tmp_path: Path):
    config = "per-path:\n  - paths: ['drafts/**']\n    ignore: [GF001]\n"
    draft = _tree(tmp_path, config, sub="drafts")
    final = _tree(tmp_path, None, sub="final")
    assert run_audit(str(draft)).returncode == 0
    assert run_audit(str(final)).returncode == 1


def test_waiver_is_reported_and_counted(tmp_path: Path):
    config = ("waivers:\n  - rule: GF001\n    paths: ['reports/*.txt']\n"
              "    reason: 本局2025年未制定规范性文件，已向司法局说明\n")
    report = _tree(tmp_path, config)
    out = run_audit("--format", "json", str(report))
    assert out.returncode == 0  # the waived gap no longer fails the gate…
    data = json.loads(out.stdout)
    rep = data["reports"][0]
    gf = next(r for r in rep["results"] if r["code"] == "GF001")
    assert gf["status"] == "fail" and gf["waived"] is True  # …but it is still there, marked
    assert rep["waivers"] == [{"code": "GF001", "reason": "本局2025年未制定规范性文件，已向司法局说明",
                               "source": str(tmp_path / "auditor.yaml")}]
    assert data["summary"]["waived"] == 1
    table = run_audit(str(report)).stdout
    assert "已豁免" in table and "本局2025年未制定规范性文件" in table


def test_waiver_without_reason_is_an_error(tmp_path: Path):
    report = _tree(tmp_path, "waivers:\n  - rule: GF001\n    paths: ['**']\n")
    out = run_audit(str(report))
    assert out.returncode == 2 and out.stdout == ""
    line = out.stderr.strip()
    assert line.count("\n") == 0 and f"{tmp_path / 'auditor.yaml'}:2:" in line and "reason" in line


@pytest.mark.parametrize(("text", "line", "key"), [
    ("fail-on: error\nfial-under: 80\n", 2, "fial-under"),
    ("per-path:\n  - paths: ['x/**']\n    ignroe: [GF]\n", 3, "ignroe"),
])
def test_unknown_keys_name_file_and_line(tmp_path: Path, text: str, line: int, key: str):
    report = _tree(tmp_path, text)
    out = run_audit(str(report))
    assert out.returncode == 2 and out.stdout == ""
    assert f"{tmp_path / 'auditor.yaml'}:{line}:" in out.stderr and f"unknown key '{key}'" in out.stderr


def test_unknown_key_in_pyproject_names_the_line(tmp_path: Path):
    report = _tree(tmp_path, '[project]\nname = "x"\n\n[tool.auditor]\nfail-on = "error"\nselekt = ["TI"]\n',
                   name="pyproject.toml")
    out = run_audit(str(report))
    assert out.returncode == 2 and f"{tmp_path / 'pyproject.toml'}:6:" in out.stderr and "selekt" in out.stderr


# -- what the file names must exist, and a mistake there names the file and its line (issue #12) --

@pytest.mark.parametrize(("text", "line", "message"), [
    ("select: [GF, ZZ999]\n", 1, "unknown rule code or prefix 'ZZ999'"),
    ("profile: auto\nignore:\n  - GF\n  - zz\n", 4, "unknown rule code or prefix 'zz'"),
    ("extend-select: [QQ]\n", 1, "unknown rule code or prefix 'QQ'"),  # (every rule runs: still checked)
    ("per-path:\n  - paths: ['**']\n    select: [ZZ9]\n", 3, "unknown rule code or prefix 'ZZ9'"),
    ("rules: [default, ./missing.yaml]\n", 1, "rule pack file './missing.yaml' does not exist"),
    ("rules:\n  - nosuchpack\n", 2, "unknown rule pack 'nosuchpack'"),
])
def test_a_name_in_the_file_that_names_nothing_is_the_files_mistake(tmp_path: Path, text: str, line: int,
                                                                     message: str):
    report = _tree(tmp_path, text)
    out = run_audit(str(report))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and f"{tmp_path / 'auditor.yaml'}:{line}: {message}" in out.stderr


def test_the_same_name_on_the_command_line_is_the_command_lines(tmp_path: Path):
    report = _tree(tmp_path, "select: [ZZ999]\n")
    out = run_audit("--select", "QQ", str(report))
    assert out.returncode == 2 and out.stderr == "audit: error: unknown rule code or prefix 'QQ' (see 'audit rules')\n"


def test_a_pack_path_is_relative_to_the_file_that_names_it(tmp_path: Path):
    (tmp_path / "packs").mkdir()
    (tmp_path / "packs" / "mine.yaml").write_text("pack: mine\ntitle: 本地\nversion: '1'\nextends: [default]\n"
                                                  "overrides:\n  GF001: {severity: info}\n", encoding="utf-8")
    report = _tree(tmp_path, "rules: [packs/mine.yaml]\n")
    elsewhere = tmp_path / "reports"  # run from another folder than the file's
    out = run_audit("--format", "json", str(report), cwd=elsewhere)
    assert out.returncode in (0, 1), out.stderr
    [gf001] = [r for r in _json(out)["results"] if r["code"] == "GF001"]
    assert gf001["severity"] == "info"


def test_a_broken_pack_names_its_own_line_and_where_it_was_named(tmp_path: Path):
    (tmp_path / "bad.yaml").write_text("pack: bad\ntitle: 坏\nversion: '1'\nextends: [default]\nrulez: []\n",
                                       encoding="utf-8")
    report = _tree(tmp_path, "profile: auto\nrules: [./bad.yaml]\n")
    out = run_audit(str(report))
    line = out.stderr.strip()
    assert out.returncode == 2 and "\n" not in line
    assert line.startswith(f"audit: error: {tmp_path / 'bad.yaml'}:5:")
    assert line.endswith(f"(a rule pack named at {tmp_path / 'auditor.yaml'}:2)")


def test_excludes_apply_to_folders_and_with_force_exclude_to_named_files(tmp_path: Path):
    # JSON, not the table: a table may wrap a long path between its folders.
    keep = _tree(tmp_path, "exclude: ['reports/old/**']\n", sub="reports")
    old = _tree(tmp_path, None, report=NO_CAUSES, sub="reports/old")
    out = run_audit("-f", "json", str(tmp_path / "reports"))
    assert out.returncode == 1 and str(old) not in out.stdout and str(keep) in out.stdout
    assert str(old) in run_audit("-f", "json", str(old)).stdout  # named explicitly: audited…
    forced = run_audit("-f", "json", "--force-exclude", str(old), str(keep))
    assert str(old) not in forced.stdout and str(keep) in forced.stdout  # …unless --force-exclude
    cli_exclude = run_audit("-f", "json", "--exclude", "**/old/**", "--isolated", str(tmp_path / "reports"))
    assert str(old) not in cli_exclude.stdout
