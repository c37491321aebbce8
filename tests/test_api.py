"""The library API: typed results, no printing, no state shared between auditors."""

from __future__ import annotations

import subprocess
import sys

import auditor
from auditor import Auditor, AuditResult, Document, Status, audit_path, audit_text, load_rules, parse

from .conftest import FIXTURES, ROOT

MODEL = FIXTURES / "model" / "model-report.txt"


def test_audit_text_returns_a_typed_result(capsys):
    result = audit_text(MODEL.read_text(encoding="utf-8"))
    assert isinstance(result, AuditResult)
    assert result.score == 100.0 and result.verdict == "pass"
    assert result.metadata.organisation.value == "青禾市生态环境局"
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_audit_path_and_unreadable_input():
    assert audit_path(MODEL).verdict == "pass"
    empty = audit_path(FIXTURES / "edge" / "empty.txt")
    assert empty.verdict == "unevaluated" and empty.problem == "file is empty" and empty.score is None


def test_load_rules_selects_and_packs_are_independent():
    everything = load_rules()
    only_titles = load_rules("baseline", select=["TI"])
    assert {r.code for r in only_titles.rules} == {"TI001", "TI002"}
    assert len(everything.rules) > len(only_titles.rules)
    text = (FIXTURES / "missing" / "no-title-org.txt").read_text(encoding="utf-8")
    narrow, wide = Auditor(only_titles), Auditor(everything)
    assert [r.code for r in narrow.audit_text(text).results] == ["TI001", "TI002"]
    assert len(wide.audit_text(text).results) == len(everything.rules)
    assert [r.code for r in narrow.audit_text(text).results] == ["TI001", "TI002"]  # unchanged by the other


def test_parse_gives_a_document_with_sections_and_metadata():
    doc = parse(MODEL.read_text(encoding="utf-8"))
    assert isinstance(doc, Document)
    assert [s.marker for s in doc.sections] == ["一、", "二、", "三、", "四、", "五、"]
    assert doc.metadata.report_year.value == 2025


def test_gate_settings_per_auditor():
    text = (FIXTURES / "missing" / "no-causes.txt").read_text(encoding="utf-8")
    assert Auditor().audit_text(text).verdict == "pass"
    strict = Auditor(fail_on="warning").audit_text(text)
    assert strict.verdict == "fail" and any("警告" in r for r in strict.reasons)
    assert next(r for r in strict.results if r.code == "FZ003").status is Status.failed


def test_one_liner_from_the_issue():
    code = ("import auditor; print(auditor.audit_text(open('fixtures/model/model-report.txt', "
            "encoding='utf-8').read()).score)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and out.stdout.strip() == "100.0" and out.stderr == ""


def test_public_names():
    for name in ("audit_path", "audit_text", "load_rules", "parse", "Auditor", "AuditResult", "__version__"):
        assert hasattr(auditor, name)


def test_version_is_the_projects():
    """The leaf module's literal is the version pyproject.toml declares, and the one the package shows."""
    import tomllib

    from auditor._version import __version__

    declared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared == auditor.__version__
