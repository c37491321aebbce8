"""The consistency check type on real texts."""

from __future__ import annotations

import pytest

from auditor.models import Status

from .helpers import OPENING, ORGAN, labels, report, run


def test_plan_year_matches(baseline):
    text = report("一、主要举措和成效", "全年制定规范性文件3件。", "二、2026年工作打算", "加强执法队伍建设。")
    outcome = run(baseline, "FZ007", text)
    assert outcome.status is Status.passed
    assert outcome.message == "计划年度2026年 = 报告年度2025年 + 1"


def test_plan_year_from_first_sentence(baseline):
    text = report("一、主要举措和成效", "全年制定规范性文件3件。", "二、下一步工作打算", "2026年，加强执法队伍建设。")
    assert run(baseline, "FZ007", text).status is Status.passed


def test_plan_year_wrong(baseline):
    text = report("一、主要举措和成效", "全年制定规范性文件3件。", "二、2025年工作打算", "加强执法队伍建设。")
    outcome = run(baseline, "FZ007", text)
    assert outcome.status is Status.failed and outcome.credit == 0
    assert outcome.message == "下一年度安排写的是2025年，报告年度为2025年，应为2026年"
    assert labels(outcome) == ["2026年的工作安排"]


def test_plan_year_without_plan_is_not_applicable(baseline):
    text = report("一、主要举措和成效", "全年制定规范性文件3件。", "二、存在的不足", "执法能力有待提升。")
    outcome = run(baseline, "FZ007", text)
    assert outcome.status is Status.not_applicable and outcome.credit == 1


def test_plan_year_without_report_year_is_unevaluated(baseline):
    text = "一、主要举措和成效\n全年制定规范性文件3件。\n二、下一步工作打算\n2026年，加强执法队伍建设。"
    assert run(baseline, "FZ007", text).status is Status.unevaluated


def test_signature_equal_to_title(baseline):
    outcome = run(baseline, "SG001", report(OPENING))
    assert outcome.status is Status.passed
    assert outcome.message == f"落款“{ORGAN}”与标题机关一致"


def test_signature_truncated_names_the_missing_character(baseline):
    outcome = run(baseline, "SG001", report(OPENING, signature="青禾市生态环境"))
    assert outcome.status is Status.failed
    assert "缺少“局”字" in outcome.message
    assert labels(outcome) == [ORGAN]


def test_signature_truncated_committee(baseline):
    title = "青禾市发展和改革委员会关于2025年度法治政府建设情况的报告"
    outcome = run(baseline, "SG001", report(OPENING, title=title, signature="青禾市发展和改革"))
    assert outcome.status is Status.failed and "缺少“委员会”字" in outcome.message


def test_signature_of_a_different_organ(baseline):
    outcome = run(baseline, "SG001", report(OPENING, signature="青禾市林业局"))
    assert outcome.status is Status.failed
    assert outcome.message == f"落款“青禾市林业局”与标题中的发文机关“{ORGAN}”不一致"


@pytest.mark.parametrize("signature", ["青禾市生态环境局办公室", "青禾市生态环境局青山分局"])
def test_signature_of_a_subordinate_organ_is_different(baseline, signature):
    # Containing the title organ's name is not enough: these are other (subordinate) organs.
    assert run(baseline, "SG001", report(OPENING, signature=signature)).status is Status.failed


def test_signature_short_form_of_the_title_organ(baseline):
    outcome = run(baseline, "SG001", report(OPENING, signature="生态环境局"))
    assert outcome.status is Status.passed
    assert "规范化简称" in outcome.message
    assert run(baseline, "SG001", report(OPENING, signature="环境局")).status is Status.failed


def test_signature_of_a_bare_organ_type_is_not_a_short_form(baseline):
    title = "青禾市人民政府关于2025年度法治政府建设情况的报告"
    assert run(baseline, "SG001", report(OPENING, title=title, signature="青禾市人民政府")).status is Status.passed
    assert run(baseline, "SG001", report(OPENING, title=title, signature="人民政府")).status is Status.failed


JOINT_TITLE = "中共青禾市委青禾市人民政府关于2025年度法治建设情况的报告"


def test_signature_joint_report_names_both_organs(baseline):
    both = run(baseline, "SG001", report(OPENING, title=JOINT_TITLE, signature="中共青禾市委\n青禾市人民政府"))
    assert both.status is Status.passed
    assert both.message == "落款“中共青禾市委 青禾市人民政府”与标题机关一致"
    for one in ("中共青禾市委", "青禾市人民政府"):
        outcome = run(baseline, "SG001", report(OPENING, title=JOINT_TITLE, signature=one))
        assert outcome.status is Status.failed, one


def test_signature_missing(baseline):
    outcome = run(baseline, "SG001", report(OPENING, signature=None))
    assert outcome.status is Status.failed and outcome.message == "未找到落款署名"


def test_signature_without_title_organ(baseline):
    no_title_org = "2025年度法治政府建设情况报告"
    assert run(baseline, "SG001", report(OPENING, title=no_title_org)).status is Status.not_applicable
    truncated = run(baseline, "SG001", report(OPENING, title=no_title_org, signature="青禾市生态环境"))
    assert truncated.status is Status.failed and "不是完整的机关名称" in truncated.message


# ====================================================================================== dates
