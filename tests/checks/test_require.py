"""The require check type on real texts."""

from __future__ import annotations

import pytest

from auditor import Auditor
from auditor.models import Severity, Status
from auditor.rules.loader import RulePack

from .helpers import GF_FULL, labels, make_pack, rule, run


def test_require_all_items_pass(baseline):
    outcome = run(baseline, "GF001", GF_FULL)
    assert outcome.status is Status.passed and outcome.credit == 1
    assert outcome.missing == []
    assert [e.item for e in outcome.evidence] == [
        "规范性文件", "合法性审核", "备案（报备）", "公平竞争审查", "清理或评估"]


def test_require_partial_lists_missing_items(baseline):
    outcome = run(baseline, "GF001", "全年制定规范性文件3件，均经合法性审核和公平竞争审查。")
    assert outcome.status is Status.partial
    assert outcome.credit == 0.5
    assert labels(outcome) == ["备案（报备）", "清理或评估"]
    assert "缺少：备案（报备）、清理或评估" in outcome.message


def test_require_below_min_fails_but_keeps_proportional_credit(tmp_path):
    items = [{"label": x, "any": [x]} for x in ("审核", "备案", "清理", "评估")]
    pack = make_pack(tmp_path, rule("MN001", "require", items=items, min=2), extends=["baseline"])
    outcome = run(pack, "MN001", "全年制定规范性文件3件，均经审核。")
    assert outcome.status is Status.failed
    assert outcome.credit == 0.25
    assert labels(outcome) == ["备案", "清理", "评估"]


def test_normative_documents_with_one_act_are_partial(baseline):
    # requirements US-02: 规范性文件 with any one of its acts is present, incomplete (a warning).
    outcome = run(baseline, "GF001", "全年制定规范性文件3件，均经合法性审核。")
    assert outcome.status is Status.partial and outcome.credit == 0.25


def test_require_missing_anchor_fails_with_everything_missing(baseline):
    outcome = run(baseline, "GF001", "全年组织普法活动12场，均经合法性审核。")
    assert outcome.status is Status.failed and outcome.credit == 0
    assert outcome.message == "未提及“规范性文件”"
    assert labels(outcome) == ["规范性文件", "合法性审核", "备案（报备）", "公平竞争审查", "清理或评估"]


def test_require_partial_is_reported_at_partial_severity(baseline):
    pack = baseline.selected(["GF001"])
    # A one-sentence snippet is not a report: recognise=False audits it anyway.
    result = Auditor(pack, recognise=False).audit_text("全年制定规范性文件3件，均经合法性审核和公平竞争审查。\n")
    assert result.results[0].status is Status.partial
    assert [f.severity for f in result.findings] == [Severity.warning]  # partial_severity: warning
    assert [m.label for m in result.missing[0].items] == ["备案（报备）", "清理或评估"]


@pytest.mark.parametrize("text", [
    "尚未开展规范性文件清理。",
    "规范性文件清理工作尚未开展。",
    "将建立规范性文件合法性审核、备案和公平竞争审查机制。",
    "计划开展规范性文件合法性审核和清理。",
])
def test_require_negated_or_planned_mentions_do_not_count(baseline, text):
    outcome = run(baseline, "GF001", text)
    assert outcome.status is Status.failed and outcome.credit == 0
    assert "不算当年已经做到" in outcome.message
    assert "规范性文件" in labels(outcome)


def test_require_mentions_in_plan_section_do_not_count(baseline):
    done = "规范性文件均经合法性审核和公平竞争审查，并报市司法局备案，开展清理。"
    in_plan = "一、主要举措和成效\n全年组织普法活动12场。\n二、2026年工作打算\n" + done
    in_measures = "一、主要举措和成效\n" + done + "\n二、2026年工作打算\n全年组织普法活动12场。"
    assert run(baseline, "GF001", in_plan).status is Status.failed
    assert run(baseline, "GF001", in_measures).status is Status.passed


def test_require_mentions_in_shortcomings_do_not_count(baseline):
    text = "一、主要举措和成效\n局党组高度重视。\n二、存在的不足\n主要负责人履行第一责任人职责不够到位。"
    assert run(baseline, "FZ004", text).status is Status.failed


def test_require_ba_construction_with_jiang_counts_as_done(baseline):
    outcome = run(baseline, "XF001", "将学习贯彻习近平法治思想列为核心政治任务。")
    assert outcome.status is Status.passed and outcome.credit == 1
    assert run(baseline, "XF001", "把学习贯彻习近平法治思想列为核心政治任务。").status is Status.passed


def test_require_jiang_with_a_plan_verb_is_a_plan(baseline):
    outcome = run(baseline, "XF001", "将进一步学习贯彻习近平法治思想。")
    assert outcome.status is Status.failed
    assert "仅见于计划" in outcome.message


def test_require_done_only_false_counts_plans(tmp_path):
    items = [{"label": "清理", "any": ["清理"]}]
    pack = make_pack(tmp_path, rule("DO001", "require", items=items),
                     rule("DO002", "require", items=items, done_only=False), extends=["baseline"])
    text = "计划开展文件清理。"
    assert run(pack, "DO001", text).status is Status.failed
    assert run(pack, "DO002", text).status is Status.passed


@pytest.fixture(scope="module")
def within_pack(tmp_path_factory) -> RulePack:
    anchor = {"label": "规范性文件", "any": ["规范性文件"]}
    items = [{"label": "合法性审核", "any": ["合法性审核"]}, {"label": "备案", "any": ["备案"]}]
    return make_pack(tmp_path_factory.mktemp("within"),
                     rule("WP001", "require", anchor=anchor, items=items, within="paragraph"),
                     rule("WS001", "require", anchor=anchor, items=items, within="section"),
                     rule("WD001", "require", anchor=anchor, items=items))


SAME_SECTION = ("一、主要举措和成效\n（一）规范性文件管理\n全年制定规范性文件3件。\n"
                "均经合法性审核，并报市司法局备案。\n（二）严格执法\n全年办理行政处罚案件126件。")
OTHER_SECTION = ("一、主要举措和成效\n（一）规范性文件管理\n全年制定规范性文件3件。\n"
                 "（二）严格执法\n重大执法决定均经合法性审核，案卷报市司法局备案。")


def test_require_within_paragraph(within_pack):
    two_paragraphs = SAME_SECTION.replace("（一）规范性文件管理", "（一）文件管理")
    outcome = run(within_pack, "WP001", two_paragraphs)
    assert outcome.status is Status.failed
    assert labels(outcome) == ["合法性审核", "备案"]
    one_paragraph = "全年制定规范性文件3件，均经合法性审核，并报市司法局备案。"
    assert run(within_pack, "WP001", one_paragraph).status is Status.passed


def test_require_anchor_in_a_heading_counts_for_its_section(within_pack):
    # “（一）规范性文件管理” names what its whole section is about (issue 7: a heading's own words
    # count for its section), so the acts in the paragraphs beneath it belong to the anchor.
    assert run(within_pack, "WP001", SAME_SECTION).status is Status.passed
    assert run(within_pack, "WP001", OTHER_SECTION).status is Status.failed


def test_require_within_section(within_pack):
    assert run(within_pack, "WS001", SAME_SECTION).status is Status.passed
    outcome = run(within_pack, "WS001", OTHER_SECTION)
    assert outcome.status is Status.failed and labels(outcome) == ["合法性审核", "备案"]


def test_require_within_scope_is_the_default(within_pack):
    assert run(within_pack, "WD001", SAME_SECTION).status is Status.passed
    assert run(within_pack, "WD001", OTHER_SECTION).status is Status.passed


def test_require_scope_section_missing(tmp_path):
    items = [{"label": "原因分析", "any": ["究其原因"]}]
    pack = make_pack(tmp_path, rule("SM001", "require", scope="section:shortcomings", items=items),
                     extends=["baseline"])
    outcome = run(pack, "SM001", "一、主要举措和成效\n全年制定规范性文件3件。")
    assert outcome.status is Status.failed
    assert outcome.message == "未找到“存在的不足”部分，无法确认相关内容"
    assert labels(outcome) == ["原因分析"]


def test_require_scope_section_present(baseline):
    text = "二、存在的不足和原因\n一是执法人员专业能力有待提升。\n究其原因，主要是培训投入不足。"
    assert run(baseline, "FZ003", text).status is Status.passed
    assert run(baseline, "FZ003", "二、存在的不足\n一是执法人员专业能力有待提升。").status is Status.failed


# ================================================================================= boundaries
