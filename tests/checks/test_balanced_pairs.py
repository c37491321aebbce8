"""The balanced_pairs check type on real texts."""

from __future__ import annotations

import pytest

from auditor import Auditor
from auditor.errors import RulePackError
from auditor.models import Severity, Status

from .helpers import OPENING, make_pack, report, rule, run


def pairs(baseline, text):
    return run(baseline, "PN001", text)


def test_balanced_pairs_pass(baseline):
    assert pairs(baseline, "制定了《清理拖欠企业账款三年攻坚行动方案（2025—2027年）》。").status is Status.passed


def test_unmatched_closing_book_mark_location(baseline):
    text = report(OPENING, "认真贯彻优化营商环境条例》，制定《方案（试行）》。")
    outcome = pairs(baseline, text)
    assert [d.message for d in outcome.findings] == ["“》”没有对应的“《”"]
    result = Auditor(baseline.selected(["PN001"])).audit_text(text)
    [finding] = result.findings
    assert (finding.location.line, finding.location.column) == (3, 13)
    assert finding.severity is Severity.error
    assert "优化营商环境条例》" in finding.quote


def test_unclosed_quote(baseline):
    outcome = pairs(baseline, "学习“民法典，开展宣传。")
    assert outcome.status is Status.failed
    assert [d.message for d in outcome.findings] == ["““”没有对应的“””"]
    assert outcome.findings[0].span.start == 2


def test_nested_pairs(baseline):
    assert pairs(baseline, "印发“《方案（试行）》”和【通知】，落实‘三统一’。").status is Status.passed
    crossed = pairs(baseline, "制定《方案（试行》）。")
    assert crossed.status is Status.failed and len(crossed.findings) == 2


def test_ascii_and_full_width_brackets_pair(baseline):
    assert pairs(baseline, "制定方案(试行）和（试行)。").status is Status.passed
    assert pairs(baseline, "制定方案(试行)和（试行）。").status is Status.passed


def test_pairs_close_on_their_own_line(baseline):
    outcome = pairs(baseline, "学习“民法典\n”。")
    assert len(outcome.findings) == 2
    result = Auditor(baseline.selected(["PN001"])).audit_text(report(OPENING, "学习“民法典", "”及相关法规。"))
    assert [(f.location.line, f.location.column) for f in result.findings] == [(3, 3), (4, 1)]


def test_custom_pairs_validated(tmp_path):
    pack = make_pack(tmp_path, rule("BP001", "balanced_pairs", pairs=["<>"]))
    assert run(pack, "BP001", "见<附件1>和《方案》》。").status is Status.passed  # only <> is checked
    assert run(pack, "BP001", "见<附件1。").status is Status.failed
    with pytest.raises(RulePackError, match="a pair is two different characters"):
        make_pack(tmp_path, rule("BP002", "balanced_pairs", pairs=["《"]), name="u")


# ==================================================================================== scoring


# -- bounds (issue #12): a million marks make a bounded number of findings ----------------------

def test_nesting_deeper_than_the_limit_is_reported_once_per_paragraph(baseline):
    from auditor.checks.balanced_pairs import MAX_DEPTH

    outcome = pairs(baseline, "学习" + "“" * 100_000 + "\n制定《方案》。\n印发" + "（" * (MAX_DEPTH + 1) + "\n")
    assert [d.message for d in outcome.findings] == [f"成对标点嵌套超过{MAX_DEPTH}层，本段其余标点未检查"] * 2
    assert outcome.findings[0].span.start == 2 + MAX_DEPTH  # the first mark past the limit
    nested = "《" * MAX_DEPTH + "》" * MAX_DEPTH  # at the limit: still checked, and balanced
    assert pairs(baseline, nested).status is Status.passed


def test_a_check_stops_looking_once_it_has_found_plenty(baseline):
    outcome = pairs(baseline, "学习" + "”" * 1_000_000)
    assert outcome.message == "至少1000处成对标点未配对"
    assert len(outcome.findings) == 1000
    assert [d.span.start for d in outcome.findings] == list(range(2, 1002))


def test_a_result_lists_the_first_hundred_findings_and_says_so(baseline):
    from auditor.checks.base import MAX_FINDINGS

    result = Auditor(baseline.selected(["PN001"])).audit_text(report(OPENING, "学习" + "”" * 300 + "。"))
    [rule] = result.results
    assert len(rule.findings) == MAX_FINDINGS
    assert rule.message == f"300处成对标点未配对（仅列出前{MAX_FINDINGS}处）"
    assert [f.location.column for f in rule.findings] == list(range(3, 3 + MAX_FINDINGS))  # the first ones
    few = Auditor(baseline.selected(["PN001"])).audit_text(report(OPENING, "学习" + "”" * 3 + "。"))
    assert few.results[0].message == "3处成对标点未配对" and len(few.results[0].findings) == 3
