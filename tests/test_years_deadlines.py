"""Rules that know their years and their deadlines: formulations of their time, outdated names
judged against the report year (and historical mentions left alone), plan years, and filing,
publication and signing dates by the level of the reporting body."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from auditor import Auditor, load_rules
from auditor.engine import run_rule_on_text
from auditor.matching.terms import LiteralTerm, RegexTerm, compile_terms, year_in
from auditor.models import Severity, Status
from auditor.models.pack import YearRange
from auditor.rules.loader import RulePack


@pytest.fixture(scope="module")
def pack() -> RulePack:
    return load_rules("default")


def run(pack: RulePack, code: str, text: str):
    return run_rule_on_text(pack, pack.rule(code), text)


def result(pack: RulePack, code: str, text: str):
    """The rule's result through the engine (applies_to included)."""
    found = Auditor(pack.selected([code])).audit_text(text)
    return next(r for r in found.results if r.code == code)


def dept(year: int, *body: str, date: str | None = None, head: str = "松川县农业农村局") -> str:
    date = date or f"{year + 1}年2月12日"
    return "\n".join([f"{head}关于{year}年度法治政府建设情况的报告", *body, head, date]) + "\n"


def gov(organ: str, *body: str, date: str, year: int = 2025, signature: str | None = None) -> str:
    title = f"{organ}关于{year}年度法治政府建设情况的报告"
    sig = signature if signature is not None else organ
    return "\n".join([title, *body, sig, date]) + "\n"


# ================================================================ terms with report years


def test_year_range_accepts_an_unknown_year_and_bounds():
    assert year_in(None, 2018) and year_in(YearRange(max=2019), None)
    assert year_in(YearRange(max=2019), 2019) and not year_in(YearRange(max=2019), 2020)
    assert year_in(YearRange(min=2019), 2019) and not year_in(YearRange(min=2019), 2018)


def test_compiled_terms_carry_their_years():
    compiled = compile_terms([LiteralTerm(text="旧提法", years=YearRange(max=2019)),
                              RegexTerm(re=r"\d+次", years=YearRange(min=2021)), "无年份"])
    assert [lit.counts_for(2019) for lit in compiled.literals] == [True, True]
    assert [lit.counts_for(2020) for lit in compiled.literals] == [False, True]
    assert compiled.regexes[0].counts_for(2020) is False and compiled.regexes[0].counts_for(None) is True


def test_term_years_use_the_applies_to_model():
    with pytest.raises(ValidationError):
        LiteralTerm(text="旧提法", years={"until": 2019})


STUDY_OLD = "局党组把学习贯彻习近平总书记全面依法治国新理念新思想新战略作为“第一议题”，推动依法行政。"
STUDY_DISCOURSE = "2019年5月、10月，局党组理论学习中心组专题学习习近平总书记关于全面依法治国的重要论述2次。"


def test_a_2019_report_may_use_the_formulation_of_its_time(pack):
    outcome = run(pack, "XF001", dept(2019, STUDY_OLD))
    assert outcome.status is Status.passed
    assert run(pack, "XF001", dept(2019, "局党组集体学习习近平总书记关于全面依法治国的重要论述，贯彻落实到执法工作中。")
               ).status is Status.passed


def test_from_2020_only_the_name_xi_jinping_thought_on_the_rule_of_law_counts(pack):
    for year in (2020, 2021):
        outcome = run(pack, "XF001", dept(year, STUDY_OLD))
        assert outcome.status is Status.failed, year
    assert run(pack, "XF001", dept(2021, STUDY_OLD.replace("总书记全面依法治国新理念新思想新战略", "法治思想"))
               ).status is Status.passed


def test_an_unknown_report_year_accepts_the_older_formulation(pack):
    assert run(pack, "XF001", STUDY_OLD).status is Status.passed


def test_xf002_follows_the_same_years(pack):
    assert run(pack, "XF002", dept(2019, STUDY_DISCOURSE)).status is Status.passed
    later = run(pack, "XF002", dept(2022, STUDY_DISCOURSE.replace("2019", "2022")))
    assert later.status is Status.not_applicable  # no anchor: XF001 reports the missing study


# ====================================================== outdated names against the report year


def test_old_formulation_flagged_from_2021_not_before(pack):
    text = "局党组深入学习贯彻习近平总书记全面依法治国新理念新思想新战略。"
    earlier = result(pack, "TR003", dept(2020, text))
    assert earlier.status is Status.passed and earlier.findings == []
    flagged = result(pack, "TR003", dept(2021, text))
    assert flagged.status is Status.failed and flagged.findings[0].replacement == "习近平法治思想"


def test_old_formulation_in_a_sentence_about_an_earlier_year_is_history(pack):
    recalled = dept(2023, "2018年，局党组把习近平总书记全面依法治国新理念新思想新战略列入学习计划。",
                    "2023年，局党组深入学习贯彻习近平法治思想。")
    outcome = run(pack, "TR003", recalled)
    assert outcome.status is Status.passed and "不计" in outcome.message
    current = dept(2023, "2023年，局党组深入学习贯彻习近平总书记全面依法治国新理念新思想新战略。")
    assert run(pack, "TR003", current).status is Status.failed


def test_outdated_organ_name_judged_by_the_year_it_was_renamed(pack):
    body = "规范性文件印发前均经县政府法制办审核。"
    assert run(pack, "TR004", dept(2018, body)).status is Status.passed  # still its name in 2018
    late = run(pack, "TR004", dept(2023, body))
    assert late.status is Status.failed
    assert [d.replacement for d in late.findings] == ["司法局（司法厅）"]
    group = run(pack, "TR004", dept(2022, "县依法治县领导小组全年召开会议2次。"))
    assert [d.replacement for d in group.findings] == ["县委全面依法治县委员会"]


@pytest.mark.parametrize("sentence", [
    "2018年，原市政府法制办牵头起草了该办法，今年我局对其开展了后评估。",
    "县司法局（原县法制办）对我局报送的文件进行了合法性审核。",
    "该制度由“原县法制办”于机构改革中移交县司法局。",
    "机构改革前的县依法治县领导小组办公室设在县司法局。",
    "县依法治县领导小组已更名为县委全面依法治县委员会。",
    "2017年，县依法治县领导小组印发了依法治县工作要点。",
])
def test_historical_mentions_of_former_organs_are_not_errors(pack, sentence):
    outcome = run(pack, "TR004", dept(2024, sentence))
    assert outcome.status is Status.passed, outcome.message


@pytest.mark.parametrize("sentence", [
    "原则上，规范性文件均须经县政府法制办审核。",  # 原则 is not 原 (former)
    "文件由原县法制办和县政府法制办共同审核。",  # only the first name is marked former
    "2017年以来，县依法治县领导小组每年召开全体会议。",  # 以来 reaches the present
    "县依法治县领导小组组织学习《法治政府建设实施纲要（2015—2020年）》。",  # a cited name's years
])
def test_current_mentions_stay_errors(pack, sentence):
    assert run(pack, "TR004", dept(2024, sentence)).status is Status.failed


# ============================================================================= plan years


def plan(year: int, heading: str, body: str) -> str:
    return dept(year, "一、主要举措和成效", "全年审查规范性文件4件，全部报送备案。", heading, body)


@pytest.mark.parametrize("heading", ["二、2026—2028年工作打算", "二、2026-2028年工作打算",
                                     "二、2026年至2028年工作思路", "二、二〇二六年工作打算",
                                     "二、二〇二六—二〇二八年工作安排"])
def test_a_range_starting_the_year_after_is_right(pack, heading):
    outcome = run(pack, "FZ007", plan(2025, heading, "持续提升执法规范化水平。"))
    assert outcome.status is Status.passed and outcome.message.startswith("计划年度2026"), outcome.message


def test_a_range_starting_in_the_report_year_is_wrong(pack):
    outcome = run(pack, "FZ007", plan(2025, "二、2025—2027年工作打算", "持续提升执法规范化水平。"))
    assert outcome.status is Status.failed
    assert outcome.message == "下一年度安排写的是2025—2027年，报告年度为2025年，安排应从2026年开始"


def test_a_year_in_chinese_numerals_is_read(pack):
    outcome = run(pack, "FZ007", plan(2025, "二、二〇二五年工作打算", "持续提升执法规范化水平。"))
    assert outcome.status is Status.failed and "应为2026年" in outcome.message


def test_a_plan_without_a_year_is_fine(pack):
    outcome = run(pack, "FZ007", plan(2025, "二、下一步工作打算", "持续提升执法规范化水平。"))
    assert outcome.status is Status.passed and outcome.message == "下一年度安排未写明年份"


def test_the_report_year_stated_in_the_plan_opening_is_wrong(pack):
    outcome = run(pack, "FZ007", plan(2025, "二、下一步工作打算", "2025年，我局将持续提升执法规范化水平。"))
    assert outcome.status is Status.failed


@pytest.mark.parametrize("body", [
    "对照《法治政府建设实施纲要（2021—2025年）》，持续提升执法规范化水平。",
    "全面落实《某县优化营商环境三年行动方案（2025-2027年）》，持续提升执法规范化水平。",
    "力争到2028年实现执法全过程记录全覆盖。",
])
def test_a_cited_plan_or_a_later_target_is_not_the_plan_year(pack, body):
    outcome = run(pack, "FZ007", plan(2025, "二、下一步工作打算", body))
    assert outcome.status is Status.passed, outcome.message


def test_the_plan_year_after_a_cited_name(pack):
    body = "2026年，围绕《法治政府建设实施纲要（2021—2025年）》收官后的新要求，持续提升执法水平。"
    outcome = run(pack, "FZ007", plan(2025, "二、下一步工作打算", body))
    assert outcome.status is Status.passed and outcome.message == "计划年度2026年 = 报告年度2025年 + 1"


# ============================================================================ deadlines


def finding_text(res) -> str:
    return "".join(f.message for f in res.findings)


def test_department_deadline_message_names_the_date_and_why(pack):
    late = result(pack, "TM001", dept(2025, "2025年，我局推进法治政府建设。", date="2026年3月9日"))
    assert late.status is Status.failed and late.severity is Severity.warning
    text = finding_text(late)
    assert "成文日期为2026年3月9日，晚于县级以上政府部门报告的报送时限2026年3月1日" in text
    assert "向本级党委和政府、上一级政府有关部门报告" in text
    assert late.findings[0].location is not None
    on_time = result(pack, "TM001", dept(2025, "2025年，我局推进法治政府建设。", date="2026年3月1日"))
    assert on_time.status is Status.passed


@pytest.mark.parametrize(("organ", "signature"), [
    ("松川省人民政府", None),
    ("松川壮族自治区人民政府", None),
    ("中共松川省委 松川省人民政府", "中共松川省委\n松川省人民政府"),
    ("中共天津市委 天津市人民政府", "中共天津市委\n天津市人民政府"),
    ("重庆市人民政府", None),
])
def test_province_level_bodies_file_by_1_april(pack, organ, signature):
    text = gov(organ, "2025年，深入推进法治政府建设。", date="2026年3月27日", signature=signature)
    res = result(pack, "TM004", text)
    assert res.status is Status.passed, res.message
    assert "省级党委和政府报告的报送时限2026年4月1日" in res.message
    late = result(pack, "TM004", gov(organ, "2025年，深入推进法治政府建设。", date="2026年4月3日",
                                     signature=signature))
    assert late.status is Status.failed
    told = finding_text(late)
    assert "晚于省级党委和政府报告的报送时限2026年4月1日。省（自治区、直辖市）党委和政府应于每年4月1日前" in told


@pytest.mark.parametrize(("organ", "signature"), [
    ("松川市人民政府", None),
    ("天津市河西区人民政府", None),  # a district of a municipality is not province-level
    ("松川省柳林市人民政府", None),
    ("中共柳林县委 柳林县人民政府", "中共柳林县委\n柳林县人民政府"),
    ("柳林县青石镇人民政府", None),
])
def test_other_governments_towns_and_joint_reports_file_by_1_march(pack, organ, signature):
    ok = result(pack, "TM004", gov(organ, "2025年，深入推进法治政府建设。", date="2026年2月27日", signature=signature))
    assert ok.status is Status.passed, ok.message
    late = result(pack, "TM004", gov(organ, "2025年，深入推进法治政府建设。", date="2026年3月16日",
                                     signature=signature))
    assert late.status is Status.failed, late.message
    assert "晚于省级以下地方党委和政府报告的报送时限2026年3月1日" in finding_text(late)


def test_level_deadlines_do_not_apply_to_departments(pack):
    res = result(pack, "TM004", dept(2025, "2025年，我局推进法治政府建设。", date="2026年3月16日"))
    assert res.status is Status.not_applicable
    # …and the department rule does not apply to a government
    city = gov("松川市人民政府", "2025年，深入推进法治政府建设。", date="2026年3月16日")
    assert result(pack, "TM001", city).status is Status.not_applicable


def test_publication_by_1_april_for_everyone(pack):
    for organ in ("松川省人民政府", "松川市交通运输局"):
        text = f"{organ}关于2025年度法治政府建设情况的报告\n发布时间:2026-04-02 16:05\n2025年，深入推进法治政府建设。\n"
        res = result(pack, "TM002", text)
        assert res.status is Status.failed
        assert "发布日期为2026年4月2日，晚于年度报告的公开时限2026年4月1日" in finding_text(res)


def with_publication(published: str, signed: str) -> str:
    return (f"松川市交通运输局关于2025年度法治政府建设情况的报告\n发布时间:{published} 09:30\n"
            f"2025年，我局推进法治政府建设。\n松川市交通运输局\n{signed}\n")


def test_signed_after_publication_is_an_inconsistency(pack):
    res = result(pack, "TM003", with_publication("2026-02-20", "2026年2月25日"))
    assert res.status is Status.failed and res.severity is Severity.warning
    assert "成文日期为2026年2月25日，却晚于发布日期2026年2月20日" in finding_text(res)
    assert result(pack, "TM003", with_publication("2026-02-20", "2026年2月20日")).status is Status.passed


def test_signing_date_must_follow_the_report_year(pack):
    early = result(pack, "TM003", dept(2025, "2025年，我局推进法治政府建设。", date="2025年10月8日"))
    assert early.status is Status.failed and "早于2025年12月1日" in finding_text(early)
    december = result(pack, "TM003", dept(2025, "2025年，我局推进法治政府建设。", date="2025年12月26日"))
    assert december.status is Status.passed
