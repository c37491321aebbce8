"""Settings a careless user or an attacker could give (issue #12), each refused with one line naming
the file (and the YAML line where there is one), exit 2: a pyproject.toml that names auditor but is
not UTF-8, not TOML or nested too deeply (they were ignored, or a RecursionError); a user dictionary
that is not UTF-8 text (it loaded as garbage words); a regular expression whose count overflows
(an internal error); a YAML file too large; a --timeout that is not a number of seconds."""

from __future__ import annotations

import shutil

import pytest

from auditor import load_rules
from auditor.errors import RulePackError
from auditor.yamlpos import MAX_YAML_BYTES, load_located

from .conftest import FIXTURES, run_audit
from .pack_texts import HEADER, RULE

MODEL = FIXTURES / "model" / "model-report.txt"
def pack(term: str) -> str:
    """The smallest pack, with a user dictionary (line 7) and ``term`` as its rule's term (line 17)."""
    return HEADER.replace("rules:\n", "settings:\n  user_dictionary: [./dict.txt]\nrules:\n") + RULE.replace(
        "[备案]", f"[{term}]")


def one_line(done, *needles: str) -> str:
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(("data", "needle"), [
    ("[tool.auditor]\nprofile = \"auto\"\n# 注释\n".encode("gbk"), "is not UTF-8 text"),
    (b"[tool.auditor\nprofile = \n", "invalid TOML: Expected ']'"),
    (b"[tool.auditor]\nx = " + b"[" * 5000 + b"]" * 5000 + b"\n", "invalid TOML: nested too deeply"),
])
def test_a_pyproject_naming_auditor_that_is_not_toml(tmp_path, data, needle):
    shutil.copyfile(MODEL, tmp_path / "r.txt")
    (tmp_path / "pyproject.toml").write_bytes(data)
    one_line(run_audit("r.txt", cwd=tmp_path), f"{tmp_path / 'pyproject.toml'}: ", needle)


def test_a_pyproject_of_another_tool_is_left_alone(tmp_path):
    shutil.copyfile(MODEL, tmp_path / "r.txt")
    (tmp_path / "pyproject.toml").write_bytes("[tool.other]\n# 注释\n".encode("gbk"))
    assert run_audit("r.txt", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize(("data", "needle"), [
    ("法治政府 10 n\n".encode("gbk"), "is not UTF-8 text"),
    (bytes(range(256)) * 4, "is not UTF-8 text"),
    (b"a\x00b 3 n\n", "is not a text file"),
])
def test_a_user_dictionary_that_is_not_utf8_text(tmp_path, data, needle):
    (tmp_path / "dict.txt").write_bytes(data)
    path = tmp_path / "p.yaml"
    path.write_text(pack("备案"), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    assert str(info.value) == f"{path}:7: user dictionary './dict.txt' {needle}"


def test_a_regular_expression_whose_count_overflows(tmp_path):
    (tmp_path / "dict.txt").write_text("法治政府 10 n\n", encoding="utf-8")
    path = tmp_path / "p.yaml"
    path.write_text(pack("{re: 'a{99999999999}'}"), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    assert str(info.value).startswith(f"{path}:17: rules.0.items.0.any.0.re: invalid regular expression")


def test_a_yaml_file_too_large_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    with open(path, "wb") as f:  # (sparse: no disk)
        f.truncate(MAX_YAML_BYTES + 1)
    with pytest.raises(RulePackError) as info:
        load_located(path)
    assert "is too large for a YAML file" in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize("value", ["nan", "inf", "0", "-1", "soon"])
def test_a_timeout_that_is_not_seconds(value):
    one_line(run_audit("--timeout", value, str(MODEL)), f"argument --timeout: '{value}' is not a number of seconds")
