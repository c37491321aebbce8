"""The section check type on real texts."""

from __future__ import annotations

from auditor.models import Status

from .helpers import labels, make_pack, rule, run


def test_section_present(baseline):
    text = ("一、主要举措和成效\n全年制定规范性文件3件。\n"
            "二、存在的不足和原因\n一是执法人员专业能力有待提升；二是规范性文件后评估开展不够。")
    outcome = run(baseline, "FZ002", text)
    assert outcome.status is Status.passed and outcome.credit == 1
    assert outcome.message.startswith("见“二、存在的不足和原因”")


def test_section_too_short_is_partial(baseline):
    outcome = run(baseline, "FZ002", "一、主要举措和成效\n全年制定规范性文件3件。\n二、存在的不足和原因\n能力不足。")
    assert outcome.status is Status.partial and outcome.credit == 0.5
    assert "内容过少" in outcome.message
    assert labels(outcome) == ["存在的不足"]


def test_section_fallback_phrase_is_not_a_part(baseline):
    # A keyword inside a measures paragraph is not the shortcomings part (issue 7): named, no credit.
    outcome = run(baseline, "FZ002", "一、主要举措和成效\n全年制定规范性文件3件，但也存在的不足，执法能力有待提升。")
    assert outcome.status is Status.failed and outcome.credit == 0
    assert outcome.message == "未找到“存在的不足”部分（正文中的“存在的不足”只是一处提法，不构成该部分）"


def test_section_absent_fails(baseline):
    outcome = run(baseline, "FZ002", "一、主要举措和成效\n全年制定规范性文件3件。")
    assert outcome.status is Status.failed and outcome.credit == 0
    assert outcome.message == "未找到“存在的不足”部分"
    assert labels(outcome) == ["存在的不足"]


def test_section_topic_headings_count_as_measures(baseline):
    body = "全面落实行政执法公示、执法全过程记录、重大执法决定法制审核三项制度，全年办理行政处罚案件126件。" * 3
    text = f"一、加强组织领导\n{body}\n二、严格规范执法\n{body}\n三、存在的不足\n执法人员专业能力有待提升。"
    assert run(baseline, "FZ001", text).status is Status.passed


def test_section_heading_without_body_is_not_substantive(tmp_path):
    # Only the body counts: a heading with nothing beneath it is an empty part, not a thin one.
    pack = make_pack(tmp_path, rule("SC001", "section", role="shortcomings", min_han=10))
    text = "一、主要举措和成效\n全年制定规范性文件3件，均经合法性审核。\n二、存在的问题和不足以及产生的原因\n"
    outcome = run(pack, "SC001", text)
    assert outcome.status is Status.failed
    assert outcome.message == "“二、存在的问题和不足以及产生的原因”下没有内容"


# =================================================================================== metadata
