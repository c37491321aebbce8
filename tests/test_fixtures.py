"""Annotated fixtures: every fixture report gives exactly the verdict and flags listed in
fixtures/expected.yaml, and the model report's JSON matches its golden file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from auditor import Auditor
from auditor.models import Status

from .conftest import FIXTURES, ROOT, run_audit

EXPECTED = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
GOLDEN = FIXTURES / "golden" / "model-report.json"


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def test_every_fixture_is_annotated():
    # (the evaluation set in eval/ and the pair in compare/ carry their own labels:
    # tests/test_evaluate.py, tests/test_compare.py)
    on_disk = {p.relative_to(FIXTURES).as_posix() for p in FIXTURES.rglob("*.txt")
               if not p.relative_to(FIXTURES).as_posix().startswith(("eval/", "compare/"))}
    assert on_disk == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_matches_annotation(auditor: Auditor, name: str):
    want = EXPECTED[name]
    result = auditor.audit_path(FIXTURES / name)
    assert result.verdict == want["verdict"]
    if want["verdict"] == "unevaluated":
        assert result.problem == want["problem"]
        assert not result.evaluated and result.score is None and not result.results
        return
    flagged = sorted(r.code for r in result.results if r.status in (Status.failed, Status.partial))
    assert flagged == sorted(want["flagged"])
    for r in result.results:  # a flagged rule always tells the user where and what
        if r.status in (Status.failed, Status.partial):
            assert r.findings and all(f.location and f.message and f.suggestion for f in r.findings)


@pytest.mark.parametrize("variant", ["edge/gb18030.txt", "edge/utf8-bom.txt", "edge/utf16-bom.txt",
                                     "edge/traditional.txt", "edge/ascii-punct.txt", "edge/web-clutter.txt",
                                     "edge/one-line.txt"])
def test_variants_give_the_model_statuses_and_metadata(auditor: Auditor, variant: str):
    model = auditor.audit_path(FIXTURES / "model/model-report.txt")
    other = auditor.audit_path(FIXTURES / variant)
    expected = {r.code: r.status for r in model.results}
    if variant == "edge/web-clutter.txt":  # only the web copy states a publication date
        expected["TM002"] = Status.passed
    assert {r.code: r.status for r in other.results} == expected
    for field in ("organisation", "report_year", "kind", "signature_organisation", "signature_date"):
        assert getattr(other.metadata, field).value == getattr(model.metadata, field).value, field


def test_web_clutter_is_metadata_not_content(auditor: Auditor):
    result = auditor.audit_path(FIXTURES / "edge/web-clutter.txt")
    assert str(result.metadata.publication_date.value) == "2026-02-18"
    assert result.metadata.publication_date.source == "clutter"
    assert result.score == auditor.audit_path(FIXTURES / "model/model-report.txt").score


def _normalised(text: str) -> dict:
    data = json.loads(text)
    data["tool"]["version"] = "*"
    return data


def test_model_report_json_matches_golden_file():
    out = run_audit("--format", "json", "fixtures/model/model-report.txt", cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert _normalised(out.stdout) == _normalised(GOLDEN.read_text(encoding="utf-8")), (
        "JSON output changed; if intended, regenerate with: "
        "audit --format json fixtures/model/model-report.txt > fixtures/golden/model-report.json")


def test_golden_file_is_a_real_audit_of_the_model():
    data = json.loads(GOLDEN.read_text(encoding="utf-8"))
    report = data["reports"][0]
    assert Path(report["path"]).as_posix() == "fixtures/model/model-report.txt"
    assert report["verdict"] == "pass" and report["score"] == 100.0
    assert {r["status"] for r in report["results"]} <= {"pass", "not_applicable"}


SAMPLES = sorted((FIXTURES / "formats" / "samples").iterdir())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_shipped_format_samples_audit_like_the_text(auditor: Auditor, sample: Path):
    model = auditor.audit_path(FIXTURES / "model/model-report.txt")
    result = auditor.audit_path(sample)
    expected = {r.code: r.status for r in model.results}
    if sample.suffix == ".html":  # the page states a publication date (PubDate), the text does not
        expected["TM002"] = Status.passed
    assert {r.code: r.status for r in result.results} == expected
    assert result.score == 100.0 and result.metadata.organisation.value == "青禾市生态环境局"


def test_audit_fixtures_folder_is_a_mixed_batch():
    out = run_audit("fixtures/")
    assert out.returncode == 2  # the worst of the files: the binary, empty and blank ones
    audited = [line.split("  ")[0] for line in out.stdout.splitlines() if line.startswith("fixtures/")]  # summary lines
    expected = sorted(p.relative_to(ROOT).as_posix() for p in FIXTURES.rglob("*")
                      if p.suffix in {".txt", ".docx", ".pdf", ".html"}
                      and not {"eval", "compare"} & set(p.relative_to(FIXTURES).parts))
    # one result per report file; READMEs, the evaluation set and the compare pair excluded by
    # fixtures/.auditor.yaml
    assert sorted(audited) == expected
    assert {Path(a).suffix for a in audited} == {".txt", ".docx", ".pdf", ".html"}
    assert out.stdout.rstrip().endswith(f"共{len(expected)}份报告：通过23份，不通过11份，未评估3份，非年度报告2份。")
    assert sum(line.startswith("audit: error:") for line in out.stderr.splitlines()) == 3
    assert sum(line.startswith("audit: warning:") for line in out.stderr.splitlines()) == 2  # not-reports/
