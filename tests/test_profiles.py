"""Profiles by kind of body: a fixed profile adds its kind's pack and the deadlines of its level
apply; `auto` keeps the default run as it was; the `kinds` pack applies each kind's items by the
kind detected in the report; bad profiles are one-line errors; the README rule table is the packs'."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from auditor import Auditor, load_rules
from auditor.errors import UsageError
from auditor.profiles import KINDS, packs_for
from auditor.rules.catalog import README_PACKS, replace_table

from .conftest import ROOT, run_audit
from .profile_labels import PROFILES, check_run, runs

NEW_PACKS = ("government", "department", "town", "joint", "topics", "canon")
NEW_GROUPS = ("ZF", "BM", "XZ", "LH", "TP", "CN", "WZ")


@pytest.mark.parametrize(("file", "kind", "run"), runs(packs=None) + runs(packs={"evaluator"}),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_labelled_profile_runs(file, kind, run):
    check_run(file, kind, run)


def result(text: str, profile: str, code: str):
    found = Auditor(profile=profile).audit_text(text)
    return next(r for r in found.results if r.code == code)


def report(organ: str, date: str) -> str:
    return (f"{organ}关于2025年度法治政府建设情况的报告\n2025年，我们深入推进法治政府建设，全年制定规范性文件3件。\n"
            f"{organ}\n{date}\n")


# ------------------------------------------------------------------ deadlines of each level


def test_government_profile_county_files_by_march_first():
    late = result(report("青禾县人民政府", "2026年3月20日"), "government", "TM004")
    assert late.status.value == "fail" and "3月1日" in late.findings[0].message
    assert result(report("青禾县人民政府", "2026年2月26日"), "government", "TM004").status.value == "pass"
    assert result(report("青禾县人民政府", "2026年3月20日"), "government", "TM001").status.value == "not_applicable"


def test_government_profile_province_files_by_april_first():
    assert result(report("青禾省人民政府", "2026年3月25日"), "government", "TM004").status.value == "pass"
    late = result(report("青禾省人民政府", "2026年4月8日"), "government", "TM004")
    assert late.status.value == "fail" and "4月1日" in late.findings[0].message


def test_department_profile_files_by_march_first():
    text = (PROFILES / "department.txt").read_text(encoding="utf-8")
    tm001 = result(text, "department", "TM001")
    assert tm001.status.value == "fail" and "3月1日" in tm001.findings[0].message
    assert result(text, "department", "TM004").status.value == "not_applicable"


def test_a_fixed_profile_overrides_the_detected_kind():
    # a department's report audited as a government's: the government items apply to it
    found = Auditor(profile="government").audit_path(PROFILES / "department.txt")
    assert found.metadata.kind.value == "government" and found.metadata.kind.source == "config"
    statuses = {r.code: r.status.value for r in found.results}
    assert statuses["ZF001"] != "not_applicable" and "BM001" not in statuses


# ------------------------------------------------------------------ which packs are loaded


def test_auto_keeps_the_default_pack():
    default = [r.code for r in load_rules().rules]
    assert [r.code for r in Auditor().pack.rules] == default
    assert not any(c.startswith(NEW_GROUPS) for c in default)


@pytest.mark.parametrize("kind", KINDS)
def test_each_profile_adds_only_its_own_kind_pack(kind):
    codes = {r.code for r in Auditor(profile=kind).pack.rules}
    assert {r.code for r in load_rules().rules} <= codes
    own = {"government": "ZF", "department": "BM", "town": "XZ", "joint": "LH"}[kind]
    assert any(c.startswith(own) for c in codes)
    others = {"ZF", "BM", "XZ", "LH"} - {own} - ({"ZF"} if kind == "joint" else set())
    assert not any(c.startswith(tuple(others)) for c in codes)


def test_packs_for_adds_the_kind_pack_once():
    assert packs_for([], "auto", "default") == ["default"]
    assert packs_for([], "town", "default") == ["default", "town"]
    assert packs_for(["my.yaml"], "town", "default") == ["my.yaml", "town"]
    assert packs_for(["default", "town"], "town", "default") == ["default", "town"]


def test_the_kinds_pack_follows_the_detected_kind():
    auditor = Auditor(["default", "kinds"])
    dept = {r.code: r.status.value for r in auditor.audit_path(PROFILES / "department.txt").results}
    gov = {r.code: r.status.value for r in auditor.audit_path(PROFILES / "county-government.txt").results}
    assert dept["BM001"] == "pass" and dept["ZF001"] == "not_applicable" and dept["XZ001"] == "not_applicable"
    assert gov["ZF001"] == "pass" and gov["BM001"] == "not_applicable" and gov["LH002"] == "not_applicable"


# ------------------------------------------------------------------ errors and the command line


def test_unknown_profile_is_one_line_error():
    with pytest.raises(UsageError) as err:
        Auditor(profile="goverment")
    assert "unknown profile 'goverment'" in str(err.value) and "\n" not in str(err.value)


def test_unknown_profile_in_configuration_is_one_line_naming_the_line(tmp_path: Path):
    (tmp_path / "auditor.yaml").write_text("rules: [default]\nprofile: goverment\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text((PROFILES / "town.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = run_audit("r.txt", cwd=tmp_path)
    assert done.returncode == 2 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "auditor.yaml:2" in lines[0] and "profile" in lines[0]


def test_cli_profile_government_applies_its_pack_and_deadline():
    done = run_audit("--profile", "government", "-f", "json", "--isolated", str(PROFILES / "county-government.txt"))
    assert done.returncode == 0, done.stderr
    run = json.loads(done.stdout)
    assert "government" in run["pack"]["name"]
    statuses = {r["code"]: r["status"] for r in run["reports"][0]["results"]}
    assert statuses["ZF001"] == "pass" and statuses["TM004"] == "pass" and statuses["TM001"] == "not_applicable"


def test_configuration_profile_applies_the_department_pack(tmp_path: Path):
    (tmp_path / "auditor.yaml").write_text("profile: department\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text((PROFILES / "department.txt").read_text(encoding="utf-8"), encoding="utf-8")
    done = run_audit("-f", "json", "r.txt", cwd=tmp_path)
    run = json.loads(done.stdout)
    statuses = {r["code"]: r["status"] for r in run["reports"][0]["results"]}
    assert statuses["BM003"] == "pass" and statuses["TM001"] == "fail"


# ------------------------------------------------------------------ rules, examples, README


@pytest.mark.parametrize("pack", (*NEW_PACKS, "kinds", "evaluator"))
def test_new_packs_examples_pass(pack):
    load_rules(pack, run_examples=True)


@pytest.mark.parametrize("pack", NEW_PACKS)
def test_every_new_rule_has_pass_and_fail_examples(pack):
    own = [r for r in load_rules(pack).rules if Path(r.file).stem == pack]
    assert own
    for rule in own:
        assert rule.spec.examples.pass_ and rule.spec.examples.fail, rule.code


def test_audit_rules_lists_every_new_rule():
    done = run_audit("rules", "-r", "default", "-r", "kinds", "-r", "topics", "-r", "canon")
    assert done.returncode == 0, done.stderr
    for pack in NEW_PACKS:
        for rule in load_rules(pack).rules:
            if Path(rule.file).stem == pack:
                assert rule.code in done.stdout


def test_readme_rule_table_matches_the_packs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert replace_table(readme, load_rules(*README_PACKS)) == readme, \
        "README rule table is stale: run python scripts/readme_rules.py"


def test_rules_markdown_format_is_the_readme_table():
    done = run_audit("rules", "--format", "markdown", *[a for p in README_PACKS for a in ("-r", p)])
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert done.returncode == 0 and done.stdout.startswith("| code | pack |") and done.stdout in readme
