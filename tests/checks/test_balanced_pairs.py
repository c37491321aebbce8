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
