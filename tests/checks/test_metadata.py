"""The metadata check type on real texts."""

from __future__ import annotations

import pytest

from auditor.errors import RulePackError
from auditor.models import Status

from .helpers import OPENING, ORGAN, TITLE, labels, make_pack, report, rule, run


def test_metadata_field_present_and_missing(baseline):
    ok = run(baseline, "TI001", report(OPENING))
    assert ok.status is Status.passed and ok.message == f"标题中的发文机关：{ORGAN}"
    missing = run(baseline, "TI001", "2025年度法治政府建设情况报告\n" + OPENING)
    assert missing.status is Status.failed
    assert labels(missing) == ["标题中的发文机关"]


def test_metadata_pattern(baseline):
    assert run(baseline, "TI002", report(OPENING)).status is Status.passed
    wrong = run(baseline, "TI002", f"{ORGAN}2025年工作总结\n{OPENING}")
    assert wrong.status is Status.failed
    assert labels(wrong) == ["含“××年”“法治政府建设”并以“报告”结尾"]
    assert "不符合要求" in wrong.message


def test_metadata_custom_field_and_pattern(tmp_path):
    pack = make_pack(tmp_path, rule("MD001", "metadata", field="addressee"),
                     rule("MD002", "metadata", field="signature_organisation", pattern="局$"))
    with_addressee = f"{TITLE}\n市委、市政府：\n{OPENING}\n{ORGAN}\n2026年2月10日\n"
    assert run(pack, "MD001", with_addressee).status is Status.passed
    assert run(pack, "MD001", report(OPENING)).status is Status.failed
    assert run(pack, "MD002", report(OPENING)).status is Status.passed
    assert run(pack, "MD002", report(OPENING, signature="青禾市人民政府")).status is Status.failed


def test_metadata_invalid_pattern_rejected(tmp_path):
    with pytest.raises(RulePackError, match="invalid regular expression"):
        make_pack(tmp_path, rule("MD003", "metadata", field="title", pattern="报告("))


# ================================================================================ consistency
