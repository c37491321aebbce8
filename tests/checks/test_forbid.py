"""The forbid check type on real texts."""

from __future__ import annotations

from auditor import Auditor
from auditor.models import Status

from .helpers import OPENING, TITLE, make_pack, report, rule, run


def test_forbid_reports_each_term_with_its_replacement(baseline):
    outcome = run(baseline, "TR001", "推进法制政府建设，完善法制化营商环境。")
    assert outcome.status is Status.failed and outcome.credit == 0
    assert [(d.message, d.replacement) for d in outcome.findings] == [
        ("“法制政府”应为“法治政府”", "法治政府"),
        ("“法制化营商环境”应为“法治化营商环境”", "法治化营商环境"),
    ]


def test_forbid_findings_carry_location_quote_and_replacement(baseline):
    text = report(OPENING, "深入学习贯彻习近平法制思想。")
    result = Auditor(baseline.selected(["TR002"])).audit_text(text)
    [finding] = result.findings
    assert finding.replacement == "习近平法治思想"
    assert (finding.location.line, finding.location.column) == (3, 7)
    assert "习近平法制思想" in finding.quote
    assert finding.suggestion == "统一写作“习近平法治思想”。"


def test_forbid_exception_never_fires(baseline):
    assert run(baseline, "TR001", "全面落实重大执法决定法制审核制度。").status is Status.passed


def test_forbid_exceptions_of_a_custom_pack(tmp_path):
    pack = make_pack(tmp_path, rule("FB001", "forbid", terms={"法制": "法治"},
                                    **{"except": ["重大执法决定法制审核", "法制统一"]}))
    assert run(pack, "FB001", "落实重大执法决定法制审核制度，维护法制统一。").status is Status.passed
    outcome = run(pack, "FB001", "落实重大执法决定法制审核制度，加强法制建设。")
    assert outcome.status is Status.failed
    assert [d.message for d in outcome.findings] == ["“法制”应为“法治”"]


def test_forbid_overlapping_terms_reported_once(baseline):
    outcome = run(baseline, "TR001", "加强法制宣传教育。")
    assert [(d.message, d.replacement) for d in outcome.findings] == [
        ("“法制宣传教育”应为“法治宣传教育”", "法治宣传教育")]
    assert (outcome.findings[0].span.end - outcome.findings[0].span.start) == len("法制宣传教育")
    shorter = run(baseline, "TR001", "加强法制宣传。")
    assert [d.replacement for d in shorter.findings] == ["法治宣传"]


def test_forbid_custom_message_and_regex(default):
    outcome = run(default, "TR003", "深入贯彻全面依法治国新理念新思想新战略。")
    assert [d.message for d in outcome.findings] == [
        "“全面依法治国新理念新思想新战略”是2020年以前的提法，应为“习近平法治思想”"]
    dash = run(default, "PN002", "对2023年9月1日--2024年8月31日签订的合同进行清查。")
    assert [d.replacement for d in dash.findings] == ["至"]


def test_forbid_respects_scope(tmp_path):
    pack = make_pack(tmp_path, rule("FB002", "forbid", scope="title", terms={"总结": "报告"}))
    assert run(pack, "FB002", "青禾市生态环境局2025年法治政府建设工作总结\n全年工作总结如下。").status is Status.failed
    assert run(pack, "FB002", f"{TITLE}\n全年工作总结如下。").status is Status.passed
    assert run(pack, "FB002", "全年工作总结如下。").status is Status.not_applicable  # no title at all


# ====================================================================================== count
