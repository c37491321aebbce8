"""Topic coverage (TP001–TP010): reported with figures or acts (pass), only a slogan (partial),
absent (fail); evidence quotes; informational by default and gating in the evaluator pack."""

from __future__ import annotations

import pytest

from auditor import Auditor, load_rules
from auditor.models import Severity

from .profile_labels import PROFILES, check_run, runs


@pytest.fixture(scope="module")
def topics() -> Auditor:
    return Auditor(["default", "topics"])


def status(auditor: Auditor, text: str, code: str):
    found = auditor.audit_text(text)
    return next(r for r in found.results if r.code == code)


def doc(*body: str) -> str:
    organ = "青禾县交通运输局"
    return "\n".join([f"{organ}关于2025年度法治政府建设情况的报告", *body, organ, "2026年2月10日"]) + "\n"


@pytest.mark.parametrize(("file", "kind", "run"), runs(packs={"topics"}),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_labelled_topic_runs(file, kind, run):
    check_run(file, kind, run)


def test_reported_with_figures_passes_with_its_evidence(topics):
    r = status(topics, doc("全年重大执法决定法制审核237件，执法全过程记录覆盖全部现场检查。"), "TP001")
    assert r.status.value == "pass"
    assert any("法制审核" in (e.quote or "") for e in r.evidence)


def test_slogan_only_is_partial_and_says_so(topics):
    r = status(topics, doc("严格落实行政执法三项制度，规范执法行为。"), "TP001")
    assert r.status.value == "partial" and "原则性表述" in r.message
    assert r.evidence and "三项制度" in (r.evidence[0].quote or "")


def test_absent_topic_fails(topics):
    r = status(topics, doc("全年组织普法活动12场。"), "TP002")
    assert r.status.value == "fail" and not r.evidence


def test_plans_are_not_reports(topics):
    text = doc("一、主要举措和成效", "全年组织普法活动12场。", "二、2026年工作打算",
               "严格落实行政执法三项制度，重大执法决定法制审核率达到100%，公示执法信息500条。")
    assert status(topics, text, "TP001").status.value != "pass"


def test_review_and_litigation_need_figures_or_nil(topics):
    assert status(topics, doc("全年未发生行政复议和行政诉讼案件。"), "TP003").status.value == "pass"
    both = doc("全年被申请行政复议3件，均维持；发生行政应诉案件1件，负责人出庭应诉1次。")
    assert status(topics, both, "TP003").status.value == "pass"
    one = status(topics, doc("全年被申请行政复议3件，均维持。依法做好行政应诉工作。"), "TP003")
    assert one.status.value == "partial" and "行政应诉" in one.message
    assert status(topics, doc("依法办理行政复议和行政应诉案件。"), "TP003").status.value == "partial"


def test_petitions_with_figures_or_nil(topics):
    assert status(topics, doc("全年受理信访事项326件，按期办结率98.7%。"), "TP004").status.value == "pass"
    assert status(topics, doc("全年未发生信访事项。"), "TP004").status.value == "pass"
    assert status(topics, doc("畅通信访渠道。"), "TP004").status.value == "partial"


def test_topics_are_informational_and_never_fail_the_gate(topics):
    assert all(r.spec.severity is Severity.info for r in topics.pack.rules if r.code.startswith("TP"))
    found = topics.audit_path(PROFILES / "department.txt")
    assert any(r.code.startswith("TP") and r.status.value == "fail" for r in found.results)
    assert found.verdict == Auditor().audit_path(PROFILES / "department.txt").verdict


def test_the_evaluator_pack_gates_on_core_topics():
    evaluator = load_rules("evaluator")
    sev = {r.code: r.spec.severity for r in evaluator.rules}
    assert [sev[f"TP00{i}"] for i in range(1, 5)] == [Severity.error] * 4
    assert all(sev[c] is Severity.warning for c in ("TP005", "TP006", "TP007", "TP008", "TP009", "TP010"))
    found = Auditor(evaluator, profile="department").audit_path(PROFILES / "department.txt")
    errors = {f.code for f in found.findings if f.severity is Severity.error}
    assert found.verdict == "fail" and errors == {"TP002", "TP004"}
