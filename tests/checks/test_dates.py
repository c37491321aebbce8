"""The dates check type on real texts."""

from __future__ import annotations

import pytest

from auditor.errors import RulePackError
from auditor.models import Status
from auditor.rules.loader import RulePack

from .helpers import OPENING, ORGAN, TITLE, labels, make_pack, report, rule, run


def test_date_format_zero_padded_fails(baseline):
    outcome = run(baseline, "SG002", report(OPENING, date="2026年02月10日"))
    assert outcome.status is Status.failed
    assert outcome.message == "成文日期“2026年02月10日”不规范，应写作“2026年2月10日”"


@pytest.mark.parametrize("date", ["二〇二六年二月十日", "2026年2月010日"])
def test_date_format_other_irregular_forms_fail(baseline, date):
    assert run(baseline, "SG002", report(OPENING, date=date)).status is Status.failed


def test_date_format_regular(baseline):
    assert run(baseline, "SG002", report(OPENING, date="2026年12月31日")).status is Status.passed


def test_date_format_missing_date_fails(baseline):
    outcome = run(baseline, "SG002", report(OPENING, date=None))
    assert outcome.status is Status.failed and labels(outcome) == ["成文日期"]


def test_deadline(baseline):
    on_time = run(baseline, "TM001", report(OPENING, date="2026年3月1日"))
    assert on_time.status is Status.passed
    late = run(baseline, "TM001", report(OPENING, date="2026年3月2日"))
    assert late.status is Status.failed
    assert late.message == "成文日期2026-03-02晚于时限2026-03-01"


def test_deadline_of_publication_date(baseline):
    text = f"{TITLE}\n发布时间:2026-05-08 10:30\n{OPENING}\n"
    outcome = run(baseline, "TM002", text)
    assert outcome.status is Status.failed and "晚于时限2026-04-01" in outcome.message
    assert run(baseline, "TM002", f"{TITLE}\n发布时间:2026-02-18 10:30\n{OPENING}\n").status is Status.passed


@pytest.fixture(scope="module")
def dates_pack(tmp_path_factory) -> RulePack:
    return make_pack(tmp_path_factory.mktemp("dates"),
                     rule("DT001", "dates", field="signature_date", not_before={"month": 1, "day": 1}),
                     rule("DT002", "dates", field="signature_date", not_after={"month": 3, "day": 1}),
                     rule("DT003", "dates", field="signature_date", not_after={"month": 3, "day": 1},
                          when_missing="not_applicable"),
                     rule("DT004", "dates", field="signature_date", not_after={"month": 3, "day": 1},
                          when_missing="unevaluated"),
                     rule("DT005", "dates", field="signature_date", format=True,
                          not_after={"month": 3, "day": 1}))


def test_not_before(dates_pack):
    early = run(dates_pack, "DT001", report(OPENING, date="2025年12月30日"))
    assert early.status is Status.failed
    assert early.message == "成文日期2025-12-30早于2026-01-01"
    assert run(dates_pack, "DT001", report(OPENING, date="2026年1月1日")).status is Status.passed


@pytest.mark.parametrize(("code", "status", "credit"), [
    ("DT002", Status.failed, 0),
    ("DT003", Status.not_applicable, 1),
    ("DT004", Status.unevaluated, 1),
])
def test_when_missing(dates_pack, code, status, credit):
    outcome = run(dates_pack, code, report(OPENING, date=None))
    assert outcome.status is status and outcome.credit == credit
    assert outcome.message == "未找到成文日期"
    assert labels(outcome) == (["成文日期"] if status is Status.failed else [])


def test_deadline_with_the_report_year_derived_from_the_date(dates_pack):
    text = f"我局深入推进法治政府建设。\n全面落实各项制度。\n{ORGAN}\n2026年2月10日\n"
    # No year in title or opening: the year is derived from the 成文日期 (Feb 2026 → 2025).
    assert run(dates_pack, "DT002", text).status is Status.passed


def test_format_and_deadline_both_checked(dates_pack):
    late = run(dates_pack, "DT005", report(OPENING, date="2026年5月10日"))  # well formed, but late
    assert late.status is Status.failed
    assert "晚于时限2026-03-01" in late.message
    padded = run(dates_pack, "DT005", report(OPENING, date="2026年02月10日"))  # on time, badly written
    assert padded.status is Status.failed
    assert "不规范" in padded.message
    assert run(dates_pack, "DT005", report(OPENING, date="2026年2月10日")).status is Status.passed


def test_impossible_deadline_rejected_at_load(tmp_path):
    with pytest.raises(RulePackError) as info:
        make_pack(tmp_path, rule("DT009", "dates", field="signature_date", not_after={"month": 2, "day": 30}))
    assert "not_after" in str(info.value)
    assert info.value.line is not None


def test_leap_day_deadline_in_a_common_year(tmp_path):
    pack = make_pack(tmp_path, rule("DT010", "dates", field="signature_date", not_after={"month": 2, "day": 29}))
    # Report year 2025 → deadline in 2026, which has no 29 February: the audit must still run.
    assert run(pack, "DT010", report(OPENING, date="2026年2月28日")).status is Status.passed
    assert run(pack, "DT010", report(OPENING, date="2026年3月1日")).status is Status.failed


def test_dates_needs_something_to_check(tmp_path):
    with pytest.raises(RulePackError, match="dates needs format, not_after or not_before"):
        make_pack(tmp_path, rule("DT008", "dates", field="signature_date"))


# ============================================================================= balanced_pairs
