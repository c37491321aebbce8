"""YAML bounds (issue #12): alias bombs, recursive aliases and deep nesting in a rule pack or a
configuration file are refused with one line naming the file and a line, before any Python
object is built from the document."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.config import load_config
from auditor.errors import AuditorError, RulePackError
from auditor.yamlpos import MAX_DEPTH, MAX_NODES, load_located

BOMB = "\n".join(['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
                 + [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]) + "\n"


def refused(path: Path) -> str:
    with pytest.raises(RulePackError) as info:
        load_located(path)
    line = str(info.value)
    assert line.startswith(f"{path}:") and "\n" not in line, line
    return line


def test_billion_laughs_is_refused_quickly_and_small(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    start = time.process_time()
    line = refused(path)
    assert "alias bomb" in line and f"{MAX_NODES:,}" in line
    assert time.process_time() - start < 10  # (the expansion would take hours and gigabytes)


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n", "a: &a {b: [1, {c: *a}]}\n"])
def test_recursive_alias_is_named(tmp_path, text):
    path = tmp_path / "rec.yaml"
    path.write_text(text, encoding="utf-8")
    assert "recursive alias" in refused(path)


def test_deep_block_nesting_is_refused(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a:\n" + "".join(" " * i + "b:\n" for i in range(1, MAX_DEPTH + 10)), encoding="utf-8")
    assert f"more than {MAX_DEPTH} levels" in refused(path)


def test_deep_flow_nesting_is_refused_by_the_parser(tmp_path):
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 10_000 + "]" * 10_000 + "\n", encoding="utf-8")
    assert "invalid YAML" in refused(path)


def test_shared_anchor_is_not_a_cycle(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("x: &x {a: 1}\ny: [*x, *x]\nz: {k: *x}\n", encoding="utf-8")
    assert load_located(path).data["y"] == [{"a": 1}, {"a": 1}]


def test_bomb_in_a_rule_pack_is_one_error(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text(BOMB, encoding="utf-8")
    with pytest.raises(AuditorError) as info:
        Auditor([str(pack)])
    assert str(pack) in str(info.value) and "alias bomb" in str(info.value)


def test_bomb_in_a_configuration_file_is_one_error(tmp_path):
    config = tmp_path / "auditor.yaml"
    config.write_text(BOMB, encoding="utf-8")
    with pytest.raises(AuditorError) as info:
        load_config(config)
    assert str(config) in str(info.value) and "alias bomb" in str(info.value)
