"""The two real published reports (../shared/corpus): the verdicts in its README."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.models import Severity, Status

from .conftest import REPORT_000, REPORT_001, run_audit

pytestmark = pytest.mark.usefixtures("corpus")


@pytest.fixture(scope="module")
def results():
    if not REPORT_000.is_file():
        pytest.skip("shared corpus not found")
    auditor = Auditor()
    return {"000": auditor.audit_path(REPORT_000), "001": auditor.audit_path(REPORT_001)}


def _status(result, code):
    return next(r for r in result.results if r.code == code).status


def test_001_fails_the_gate_with_the_documented_findings():
    out = run_audit(str(REPORT_001))
    assert out.returncode == 1, out.stderr
    text = out.stdout
    # The missing normative-document review, with its basis and suggestion.
    assert re.search(r"GF001\s+错误", text)
    assert "缺少：规范性文件、合法性审核、备案（报备）、公平竞争审查、清理或评估" in text
    assert "国办发〔2018〕115号" in text and "建议：补充规范性文件管理情况" in text
    # The truncated signature (line 27) and the unmatched 》 (line 13), with line numbers.
    assert re.search(r"SG001\s+错误\s+27:1\s", text)
    assert re.search(r"PN001\s+错误\s+13:245\s", text)
    # The full messages (the table wraps long ones), from the JSON of the same run.
    data = json.loads(run_audit("--format", "json", str(REPORT_001)).stdout)
    findings = {f["code"]: f for f in data["reports"][0]["findings"]}
    assert "缺少“局”字" in findings["SG001"]["message"] and findings["SG001"]["location"]["line"] == 27
    assert "“》”没有对应的“《”" in findings["PN001"]["message"]
    assert findings["PN001"]["location"]["line"] == 13 and findings["PN001"]["location"]["column"] == 245
    assert findings["GF001"]["location"] is not None  # a region even for a missing element


def test_000_passes_with_warnings_for_causes_and_title():
    out = run_audit(str(REPORT_000))
    assert out.returncode == 0, out.stderr
    assert re.search(r"得分：\d+(\.\d)?/100\s+结论：通过", out.stdout)
    assert re.search(r"FZ003\s+警告", out.stdout)  # shortcomings give no causes
    assert re.search(r"TI001\s+警告", out.stdout)  # title lacks the issuing organisation


def test_corpus_verdicts_in_detail(results):
    r000, r001 = results["000"], results["001"]
    # 000: all four named elements present (规范性文件 strong), causes missing, 第一责任人 generic,
    # no "other matters", title without organisation, "--" range mark.
    assert _status(r000, "XF001") is Status.passed
    assert _status(r000, "FZ004") is Status.passed
    assert _status(r000, "GF001") in (Status.passed, Status.partial)
    assert _status(r000, "FZ006") is Status.passed and _status(r000, "FZ007") is Status.passed
    assert _status(r000, "FZ003") is Status.failed
    assert _status(r000, "FZ005") is Status.partial
    assert _status(r000, "FZ008") is Status.failed
    assert _status(r000, "TI001") is Status.failed
    assert _status(r000, "PN002") is Status.failed
    assert not [f for f in r000.findings if f.severity is Severity.error]
    # 001: normative documents entirely missing, causes missing, signature lost 局, unmatched 》,
    # pre-2020 formulation.
    assert _status(r001, "GF001") is Status.failed
    assert _status(r001, "FZ003") is Status.failed
    assert _status(r001, "SG001") is Status.failed
    assert _status(r001, "PN001") is Status.failed
    assert _status(r001, "TR003") is Status.failed
    assert _status(r001, "XF001") is Status.passed and _status(r001, "XF002") is Status.passed
    assert _status(r001, "FZ001") is Status.passed  # topic headings still count as measures
    assert r000.verdict == "pass" and r001.verdict == "fail"


def test_corpus_metadata_in_json():
    out = run_audit("--format", "json", str(REPORT_000), str(REPORT_001))
    assert out.returncode == 1
    reports = {Path(r["path"]).name: r["metadata"] for r in json.loads(out.stdout)["reports"]}
    m000, m001 = reports[REPORT_000.name], reports[REPORT_001.name]
    assert m000["report_year"]["value"] == 2024 and m001["report_year"]["value"] == 2025
    assert m000["organisation"]["value"] == "株洲市工业和信息化局"
    assert m000["organisation"]["source"] == "signature"  # the title names no organisation
    assert m001["organisation"]["value"] == "洪江区科技和工业信息化局"
    assert m000["kind"]["value"] == m001["kind"]["value"] == "department"
    assert m000["signature_date"]["value"] == "2025-02-11"
    assert m001["signature_date"]["value"] == "2025-12-31"
    assert m000["publication_date"]["value"] == "2025-02-18"
    assert m001["publication_date"] is None
    assert m001["signature_organisation"]["value"] == "洪江区科技和工业信息化"


def test_no_finding_points_at_clutter(results):
    for result in results.values():
        doc_lines = {c.location.line for c in _clutter(result)}
        assert doc_lines, "the clutter lines were recognised"
        for finding in result.findings:
            assert finding.location.line not in doc_lines, finding
            assert "公网安备" not in (finding.quote or "") and "浏览次数" not in (finding.quote or "")


def _clutter(result):
    auditor = Auditor()
    return auditor.parse(auditor.read(Path(result.path))).clutter
