"""How results are scored and gated, on real texts."""

from __future__ import annotations

import pytest

from auditor import Auditor
from auditor.engine import check_context
from auditor.models import Severity, Status
from auditor.rules.loader import RulePack

from .helpers import MODEL, OPENING, ROOT, make_pack, report, rule


def test_model_report_scores_100(default):
    result = Auditor(default).audit_path(MODEL)
    assert result.score == 100.0
    assert result.verdict == "pass" and result.reasons == [] and result.findings == []
    assert {r.status for r in result.results} <= {Status.passed, Status.not_applicable}


@pytest.fixture
def score_pack(tmp_path) -> RulePack:
    return make_pack(
        tmp_path,
        rule("SC001", "require", weight=3, items=[{"any": ["法治政府"]}]),
        rule("SC002", "forbid", weight=1, severity="warning", terms={"法制政府": "法治政府"}),
        rule("SC003", "dates", weight=100, field="publication_date", not_after={"month": 4, "day": 1},
             when_missing="not_applicable"),
        rule("SC004", "count", weight=2, severity="info", min=2, pattern={"any": ["法治政府"]}),
    )


def test_everything_passing_scores_100(score_pack):
    result = Auditor(score_pack).audit_text("推进法治政府建设，建成法治政府。\n")
    assert [r.status for r in result.results] == [Status.passed, Status.passed, Status.not_applicable,
                                                 Status.passed]
    assert result.score == 100.0 and result.verdict == "pass"


def test_not_applicable_rules_do_not_count(score_pack):
    # SC002 (weight 1) fails; SC004 (weight 2) earns half; SC003 (weight 100) does not apply.
    result = Auditor(score_pack).audit_text("推进法治政府和法制政府建设。\n")
    by_code = {r.code: r for r in result.results}
    assert by_code["SC003"].status is Status.not_applicable
    assert by_code["SC002"].status is Status.failed
    assert by_code["SC004"].status is Status.partial and by_code["SC004"].credit == 0.5
    assert result.score == round(100 * (3 * 1 + 1 * 0 + 2 * 0.5) / (3 + 1 + 2), 1)


def test_applies_to_kind_makes_a_rule_not_applicable(baseline):
    text = report(OPENING, title="青禾市人民政府关于2025年度法治政府建设情况的报告", signature="青禾市人民政府",
                  date="2026年3月20日")
    pack = baseline.selected(["TM001", "SG001"])
    result = Auditor(pack).audit_text(text)
    by_code = {r.code: r for r in result.results}
    assert by_code["TM001"].status is Status.not_applicable  # a government, not a department, report
    assert by_code["TM001"].message.startswith("不适用于此类报告")
    assert result.score == 100.0


def test_fail_on_warning(score_pack):
    text = "推进法治政府建设，建成法治政府，不提法制政府。\n"
    default_gate = Auditor(score_pack).audit_text(text)
    assert [f.severity for f in default_gate.findings] == [Severity.warning]
    assert default_gate.verdict == "pass" and default_gate.reasons == []
    strict = Auditor(score_pack, fail_on="warning").audit_text(text)
    assert strict.verdict == "fail"
    assert strict.reasons == ["存在1个警告级问题"]


def test_fail_on_info_counts_every_finding(score_pack):
    text = "推进法治政府和法制政府建设。\n"  # one warning (SC002), one info (SC004 partial → info)
    result = Auditor(score_pack, fail_on=Severity.info).audit_text(text)
    assert result.reasons == ["存在1个警告级问题", "存在1个提示级问题"]


def test_fail_under(score_pack):
    text = "推进法治政府和法制政府建设。\n"  # 66.7
    assert Auditor(score_pack).audit_text(text).score == 66.7
    below = Auditor(score_pack, fail_on="error", fail_under=70).audit_text(text)
    assert below.verdict == "fail" and below.reasons == ["得分66.7，低于要求的70分"]
    at = Auditor(score_pack, fail_under=66.7).audit_text(text)
    assert at.verdict == "pass"


def test_group_scores(score_pack):
    result = Auditor(score_pack).audit_text("推进法治政府和法制政府建设。\n")
    [group] = result.groups
    assert (group.group, group.rules, group.weight) == ("SC", 3, 6)
    assert group.score == result.score


# -- context shortcuts that must not change an answer ------------------------------------------

def test_outside_the_not_done_parts_no_position_has_a_not_done_role():
    # CheckContext skips the section lookup for mentions outside every plan/shortcomings part:
    # exact only if roles_at never names such a role there.
    auditor = Auditor()
    files = [MODEL, *sorted((ROOT / "fixtures").rglob("*.txt"))[:12]]
    checked = 0
    for path in files:
        try:
            doc = auditor.parse(auditor.read(path))
        except Exception:  # an unreadable fixture is another test's business
            continue
        ctx = check_context(auditor.pack, doc)
        not_done = auditor.pack.settings.not_done_roles
        for pos in range(len(doc.text)):
            if not ctx._may_be_not_done(pos):
                checked += 1
                assert not doc.roles_at(pos) & not_done, (path.name, pos)
    assert checked > 1000
