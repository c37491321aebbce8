"""The lexicon (rules/lexicon.yaml, auditor/models/lexicon.py): one file for the report kinds and their
names, self references, organisation endings and labels; validated with the YAML line of a
mistake; read from a kept copy by a later process; and what every former copy of it now reads."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args

import pytest

from auditor.errors import RulePackError
from auditor.models import ReportKind, Severity, Status
from auditor.models import lexicon as lexicon_module
from auditor.models.lexicon import alternation, lexicon, load_lexicon, shipped_path

from .conftest import ROOT

SHIPPED = ROOT / "rules" / "lexicon.yaml"


def test_the_shipped_lexicon_is_the_one_read_and_names_every_value():
    assert shipped_path().resolve() == SHIPPED.resolve()
    lex = load_lexicon(SHIPPED)
    assert list(lex.kinds) == ["government", "department", "town", "joint", "unknown"]
    assert set(lex.kinds) == set(get_args(ReportKind))
    assert set(lex.labels.severity) == {s.value for s in Severity}
    assert set(lex.labels.status) == {s.value for s in Status}
    assert set(lex.labels.verdict) == set(lex.labels.verdict_said) == {"pass", "fail", "unevaluated"}
    assert set(lex.labels.repetition) == {"shortcoming", "plan", "paragraph"}
    assert {r.kind for r in lex.self_references.values()} <= set(get_args(ReportKind))
    cached = lexicon()
    assert cached.kind_labels("report") == lex.kind_labels("report")
    assert cached.organisation_endings.title == lex.organisation_endings.title


def test_every_former_copy_reads_the_lexicon():
    from auditor import profiles
    from auditor.annotate import wording
    from auditor.checks import consistency
    from auditor.compare import render
    from auditor.engine import _KIND_LABELS
    from auditor.parse import meta_org
    from auditor.report import html_compare, labels, table

    lex = lexicon()
    assert profiles.KINDS == ("government", "department", "town", "joint")
    assert lex.kind_labels("shown") == table.KINDS and table.KINDS["town"] == "乡镇（街道）"
    assert lex.kind_labels("short") == labels.KIND_LABELS and labels.kind_label("joint") == "联合"
    assert _KIND_LABELS["unknown"] == "类型不明" and lex.kind_labels("report", known_only=True) == wording.KINDS
    assert wording.VERDICTS["unevaluated"] == "未能评估" and labels.VERDICT_LABELS["unevaluated"] == "未评估"
    assert render.KINDS == html_compare.KINDS == lex.labels.repetition
    assert Severity.warning.label == "警告" and Status.not_applicable.label == "不适用"
    assert consistency.ORGAN_SUFFIXES[-1] == "室" and meta_org.SELF_KIND["街道"] == "town"
    assert meta_org._SELF_ENDINGS["委"] == ("委", "委员会")
    assert set(meta_org._PLACE_SUFFIXES) == {"镇", "乡", "街道", "县", "区", "市", "旗"}


@pytest.mark.parametrize("name", ["subject", "title", "signature", "joint_parts"])
def test_an_alternation_matches_what_its_words_joined_match(name):
    """``alternation`` makes the single characters that end a list one class: on random names it
    must find what the words joined by ``|`` find, in the same places."""
    words = list(getattr(lexicon().organisation_endings, name))
    made, plain = re.compile(f"(?:{alternation(words)})"), re.compile("|".join(words))
    pieces = [*words, "县", "青禾", "人民", "政", "委", "a", " "]
    rng = random.Random(len(words))
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        assert [m.span() for m in made.finditer(text)] == [m.span() for m in plain.finditer(text)], text
        lazy = re.compile(rf"[\u4e00-\u9fff]{{1,6}}?(?:{alternation(words)})$")
        assert bool(lazy.search(text)) == bool(re.search(rf"[\u4e00-\u9fff]{{1,6}}?(?:{'|'.join(words)})$", text))


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (lambda s: s.replace("  joint: {short: 联合, shown: 党委政府联合, report: 党委政府联合报告}\n", ""), None,
         ["joint"]),
        (lambda s: s.replace("{short: 部门, shown: 部门, report: 部门报告}", "{short: 部门, shown: 部门}"), 14,
         ["report"]),
        (lambda s: s.replace("  levels: [省,", "  levels: [省, 省,"), None, ["levels", "省"]),
        (lambda s: s.replace("  severity: {error: 错误, warning: 警告, info: 提示}",
                             "  severity: {error: 错误, warning: 警告}"), None, ["severity"]),
        (lambda s: s.replace("  局: {kind: department, endings: [局]}", "  局: {kind: bureau, endings: [局]}"),
         23, ["kind"]),
        (lambda s: s + "colours: {}\n", None, ["colours"]),
    ],
)
def test_a_bad_lexicon_is_one_error_naming_the_file(tmp_path, change, line, words):
    bad = tmp_path / "lexicon.yaml"
    bad.write_text(change(SHIPPED.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(RulePackError) as err:
        load_lexicon(bad)
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(bad))
    if line is not None:
        assert err.value.line == line
    for word in words:
        assert word in message, message


_READ_TWICE = """
import sys
from auditor.models.lexicon import lexicon
lex = lexicon()
print(lex.kinds["town"].shown, "yaml" in sys.modules, "auditor.models.lexicon_schema" in sys.modules)
"""


def test_a_later_process_reads_the_kept_copy_without_yaml(tmp_path):
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path), "PYTHONPATH": str(ROOT)}
    first = subprocess.run([sys.executable, "-c", _READ_TWICE], env=env, capture_output=True, text=True, check=True)
    assert first.stdout.split() == ["乡镇（街道）", "True", "True"]
    assert len(list((tmp_path / "lexicon").glob("*.pickle"))) == 1
    second = subprocess.run([sys.executable, "-c", _READ_TWICE], env=env, capture_output=True, text=True, check=True)
    assert second.stdout.split() == ["乡镇（街道）", "False", "False"]


def test_a_copy_of_another_file_or_open_to_others_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("AUDITOR_CACHE_DIR", str(tmp_path))
    identity = lexicon_module._identity(SHIPPED)
    assert identity is not None
    lexicon_module._write_copy(SHIPPED, identity, lexicon())
    (copy,) = (tmp_path / "lexicon").glob("*.pickle")
    assert lexicon_module._read_copy(SHIPPED, identity) is not None
    assert lexicon_module._read_copy(SHIPPED, identity.replace("lexicon.yaml", "other.yaml")) is None
    assert lexicon_module._read_copy(tmp_path / "other.yaml", identity) is None  # (another file's copy)
    if hasattr(os, "getuid"):
        copy.chmod(0o666)
        assert lexicon_module._read_copy(SHIPPED, identity) is None
    copy.write_bytes(b"not a pickle")
    copy.chmod(0o600)
    assert lexicon_module._read_copy(SHIPPED, identity) is None
    assert lexicon_module._identity(Path(tmp_path / "missing.yaml")) is None
