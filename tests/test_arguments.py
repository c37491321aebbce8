"""The library API's arguments (auditor/arguments.py): every bad value is one ``UsageError`` line
naming the argument, the value and what is allowed, never a silent no-op or a traceback; good
values behave as before. The command line reaches the same checks through its ``Auditor``."""

from __future__ import annotations

import inspect
import math
from pathlib import Path

import pytest

import auditor
from auditor import Auditor, UsageError, audit_path, audit_text, load_rules
from auditor.api import AUDITOR_OPTIONS
from auditor.models import GateSettings, Severity

from .conftest import FIXTURES, run_audit

MODEL = FIXTURES / "model" / "model-report.txt"


def _one_line(err: pytest.ExceptionInfo[UsageError], *parts: str) -> str:
    message = str(err.value)
    assert "\n" not in message
    for part in parts:
        assert part in message, (part, message)
    return message


@pytest.mark.parametrize(
    ("kwargs", "parts"),
    [
        ({"profile": "goverment"}, ["'goverment'", "government, department, town, joint"]),
        ({"profile": None}, ["None", "auto"]),
        ({"fail_on": "fatal"}, ["fail_on", "'fatal'", "error, warning, info"]),
        ({"fail_on": 2}, ["fail_on", "2", "error, warning, info"]),
        ({"fail_under": 150}, ["fail_under", "150", "from 0 to 100"]),
        ({"fail_under": -0.5}, ["fail_under", "-0.5", "from 0 to 100"]),
        ({"fail_under": math.nan}, ["fail_under", "nan", "from 0 to 100"]),
        ({"fail_under": math.inf}, ["fail_under", "inf", "from 0 to 100"]),
        ({"fail_under": True}, ["fail_under", "True"]),
        ({"fail_under": "80"}, ["fail_under", "'80'"]),
        ({"select": "FZ"}, ["select", "'FZ'", "select=['FZ']"]),
        ({"ignore": "GF001"}, ["ignore", "'GF001'", "ignore=['GF001']"]),
        ({"select": [""]}, ["select", "''", "rule code or prefix"]),
        ({"ignore": ["FZ", 7]}, ["ignore", "7", "rule code or prefix"]),
        ({"select": 5}, ["select", "5", "list of rule codes"]),
        ({"select": ["ZZ9"]}, ["'ZZ9'", "unknown rule code or prefix"]),
        ({"ignore": ["QQ"]}, ["'QQ'", "unknown rule code or prefix"]),
        ({"rules": "evaluator"}, ["rules", "'evaluator'", "rules=['evaluator']"]),
        ({"rules": [3]}, ["rules", "3", "rule pack name or path"]),
        ({"rules": ["nosuchpack"]}, ["'nosuchpack'", "available:"]),
        ({"recognise": "no"}, ["recognise", "'no'", "True or False"]),
        ({"plugins": "mine"}, ["plugins", "'mine'", "make_plugins()"]),
    ],
)
def test_a_bad_auditor_argument_is_one_clear_error(kwargs, parts):
    with pytest.raises(UsageError) as err:
        Auditor(**kwargs)
    _one_line(err, *parts)


def test_select_and_ignore_are_checked_against_a_given_pack_too():
    pack = load_rules()
    with pytest.raises(UsageError) as err:
        Auditor(pack, select=["ZZ"])
    _one_line(err, "'ZZ'")
    with pytest.raises(UsageError) as err:
        Auditor(pack, ignore="FZ")
    _one_line(err, "ignore", "'FZ'")


def test_good_arguments_behave_as_before():
    a = Auditor(["default"], fail_on="warning", fail_under=80, select=["fz", "GF"], ignore=["FZ008"],
                profile="department", recognise=False)
    assert a.gate == GateSettings(fail_on=Severity.warning, fail_under=80)
    assert a.gate.fail_under == 80.0 and isinstance(a.gate.fail_under, float)
    codes = [r.code for r in a.pack.rules]
    assert "FZ001" in codes and "GF001" in codes and "FZ008" not in codes
    assert all(code.startswith(("FZ", "GF")) for code in codes)
    assert a.profile == "department" and a.recognise is False
    assert Auditor(fail_on=Severity.info, fail_under=0).gate == GateSettings(fail_on=Severity.info, fail_under=0.0)
    writing = FIXTURES.parent / "rules" / "packs" / "writing.yaml"
    assert Auditor(fail_under=100.0, rules=(Path(writing),)).pack.rules
    # A path beside a name (the pack's name joins them: it was a TypeError on the Path).
    assert Auditor(rules=[Path(writing), "baseline"]).pack.name == f"{writing}+baseline"


@pytest.mark.parametrize(
    ("call", "parts"),
    [
        (lambda: load_rules(["default"]), ["refs", "['default']", "rule pack name or path"]),
        (lambda: load_rules(select="FZ"), ["select", "'FZ'"]),
        (lambda: load_rules(run_examples="yes"), ["run_examples", "'yes'", "True, False or None"]),
        (lambda: load_rules(plugins=object()), ["plugins", "make_plugins()"]),
        (lambda: audit_text(b"\xe6\xb3\x95"), ["text", "b'", "decode it first"]),
        (lambda: audit_text(None), ["text", "None", "is not text"]),
        (lambda: audit_text("法治政府建设", fail_undr=80), ["audit_text", "'fail_undr'", "fail_under"]),
        (lambda: audit_text("法治政府建设", name=3), ["name", "3"]),
        (lambda: audit_text("法治政府建设", fail_under=101), ["fail_under", "101"]),
        (lambda: audit_path(3), ["path", "3", "file path"]),
        (lambda: audit_path(MODEL, profiles="town"), ["audit_path", "'profiles'", "profile"]),
        (lambda: audit_path(MODEL, select=["XX"]), ["'XX'", "unknown rule code or prefix"]),
        (lambda: auditor.parse(42), ["text", "42"]),
    ],
)
def test_a_bad_argument_of_a_module_function_is_one_clear_error(call, parts):
    with pytest.raises(UsageError) as err:
        call()
    _one_line(err, *parts)


def test_module_functions_pass_the_auditors_own_options():
    assert tuple(inspect.signature(Auditor).parameters) == AUDITOR_OPTIONS
    snippet = "一、主要举措和成效\n全年办理行政复议案件3件。\n"  # (scores 9.5 on the FZ rules)
    found = audit_text(snippet, recognise=False, select=["FZ"], fail_under=30)
    assert found.score == 9.5 and found.reasons[-1] == "得分9.5，低于要求的30分"
    assert audit_path(MODEL, fail_under=100).verdict == "pass"  # (the model report scores 100)
    assert audit_text(MODEL.read_text(encoding="utf-8"), name="m.txt", profile="department").metadata.kind.value \
        == "department"


@pytest.mark.parametrize("value", ["150", "-1", "nan", "inf"])
def test_the_command_line_refuses_a_threshold_outside_the_scores(value):
    done = run_audit("--isolated", "--fail-under", value, str(MODEL))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "fail_under" in done.stderr and "from 0 to 100" in done.stderr


def test_a_configuration_threshold_outside_the_scores_is_refused(tmp_path):
    (tmp_path / "r.txt").write_text(MODEL.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "auditor.yaml").write_text("fail-under: .nan\n", encoding="utf-8")
    done = run_audit("r.txt", cwd=tmp_path)
    # One line naming the configuration file and the line of the key (issue #12: the file that is wrong).
    assert done.returncode == 2 and done.stderr.count("\n") == 1
    assert f"{tmp_path / 'auditor.yaml'}:1: fail-under: Input should be a finite number" in done.stderr
