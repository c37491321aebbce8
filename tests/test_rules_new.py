"""``audit rules new CODE --check TYPE``: the skeleton of every built-in check type loads as
printed and its examples pass; ``--into`` appends it to a pack, or refuses and leaves the file."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from auditor.api import load_rules
from auditor.authoring.scaffold import skeleton
from auditor.checks.base import Check
from auditor.plugins import builtin

from .conftest import run_audit

HEAD = 'pack: scratch\ntitle: 草稿\nversion: "1"\nrules:\n'
CHECK_TYPES = {c.name: c for c in builtin.auditor_check_types()}


@pytest.mark.parametrize("check", sorted(CHECK_TYPES))
def test_every_builtin_skeleton_loads_and_its_examples_pass(tmp_path: Path, check: str):
    rule = skeleton("CX001", check, CHECK_TYPES)
    assert "TODO：" in rule and f"    check: {check}\n" in rule
    pack_file = tmp_path / "scratch.yaml"
    pack_file.write_text(HEAD + rule, encoding="utf-8")
    pack = load_rules(str(pack_file), run_examples=True)  # raises on a failing example
    spec = pack.rule("CX001").spec
    assert spec.check == check and len(spec.examples.pass_) == 1 and len(spec.examples.fail) == 1


def test_printed_skeleton_passes_check_rules(tmp_path: Path):
    out = run_audit("rules", "new", "cx002", "--check", "require", "--title", "报告规范性文件: 审核和备案")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("  - code: CX002\n    title: \"报告规范性文件: 审核和备案\"\n")
    pack_file = tmp_path / "county.yaml"
    pack_file.write_text(HEAD + out.stdout, encoding="utf-8")
    checked = run_audit("check-rules", str(pack_file))
    assert checked.returncode == 0 and checked.stdout.strip() == f"{pack_file}: ok (1 rules, examples passed)"


def test_bad_code_or_check_type_is_one_line():
    out = run_audit("rules", "new", "CX1", "--check", "require")
    assert out.returncode == 2 and out.stderr.strip() == \
        "audit: error: 'CX1' is not a rule code: 2–4 capital letters and 3 digits, e.g. CX001"
    out = run_audit("rules", "new", "CX001", "--check", "nope")
    assert out.returncode == 2 and "unknown check type 'nope' (known: balanced_pairs, canon," in out.stderr


def test_into_appends_under_rules_with_the_pack_indentation(tmp_path: Path):
    pack_file = tmp_path / "county.yaml"
    pack_file.write_text(HEAD.replace("rules:\n", "extends: [baseline]\nrules:\n")
                         + "    - code: CX001\n      title: 第一条\n      basis: [{title: 某规定}]\n"
                           "      severity: info\n      weight: 1\n      suggestion: 写上。\n"
                           "      check: balanced_pairs\n", encoding="utf-8")
    out = run_audit("rules", "new", "CX002", "--check", "near", "--into", str(pack_file))
    assert out.returncode == 0, out.stderr
    assert out.stdout == "" and "added CX002" in out.stderr
    text = pack_file.read_text(encoding="utf-8")
    assert "\n    - code: CX002\n      title: TODO：" in text
    pack = load_rules(str(pack_file), run_examples=True)
    assert [r.code for r in pack.rules][-2:] == ["CX001", "CX002"]
    for code, problem in (("CX002", ":14: the pack already has a rule CX002"),
                          ("cx001", ":6: the pack already has a rule CX001"),
                          ("FZ001", ": not changed: with FZ001 added the pack does not load (line ")):
        refused = run_audit("rules", "new", code, "--check", "near", "--into", str(pack_file))
        assert refused.returncode == 2 and len(refused.stderr.splitlines()) == 1, refused.stderr
        assert f"{pack_file}{problem}" in refused.stderr
        assert pack_file.read_text(encoding="utf-8") == text
    assert "of the result: duplicate rule code FZ001" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["county.yaml"]  # no trial copy left


def test_into_refuses_a_pack_whose_rules_are_not_last(tmp_path: Path):
    pack_file = tmp_path / "county.yaml"
    original = HEAD + "  []\nbases: {}\n"
    pack_file.write_text(original, encoding="utf-8")
    out = run_audit("rules", "new", "CX001", "--check", "near", "--into", str(pack_file))
    assert out.returncode == 2 and f"{pack_file}:4: cannot append" in out.stderr
    assert pack_file.read_text(encoding="utf-8") == original
    no_rules = tmp_path / "empty.yaml"
    no_rules.write_text(HEAD.replace("rules:\n", ""), encoding="utf-8")
    assert run_audit("rules", "new", "CX001", "--check", "near", "--into", str(no_rules)).returncode == 0
    assert [r.code for r in load_rules(str(no_rules)).rules] == ["CX001"]


class _WordParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    word: str
    times: int = 1


class _Word(Check):  # a check type as a plugin would define it
    name = "word"
    Params = _WordParams

    def run(self, ctx):  # pragma: no cover - never run here
        raise NotImplementedError


def test_a_plugin_check_type_lists_its_parameters():
    rule = skeleton("CX001", "word", {"word": _Word})
    assert "    check: word\n    word:" in rule and "# TODO：必填（str）" in rule
    assert "    # times: 1  # 可选，默认值\n" in rule
