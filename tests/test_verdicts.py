"""Verdicts a reviewer would sign (issue 7): what counts as an element done this year, by this body.

Every text here is written for this file (fictional bodies: 松阳县, 柘溪区, 枫林镇 …); none is a copy
of an evaluation case. Each test names the behaviour it pins down.
"""

from __future__ import annotations

import re

import pytest

from auditor import Auditor, load_rules
from auditor.api import parse
from auditor.checks.clauses import BookTitles, Mention, judge_clause
from auditor.models import Status


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def result(auditor: Auditor, text: str, code: str):
    return next(r for r in auditor.audit_text(text).results if r.code == code)


def status(auditor: Auditor, text: str, code: str) -> Status:
    return result(auditor, text, code).status


def mention(text: str, term: str, *, in_titles: bool = False) -> Mention:
    """The clause model alone (no pack cues): what the first mention of ``term`` says."""
    start = text.index(term)
    return judge_clause(text, start, start + len(term), titles=BookTitles(text), negation_cues=(),
                        plan_cues=(re.compile("计划"),), titles_count=in_titles)


# ---------------------------------------------------------------------------- the clause model


@pytest.mark.parametrize(("text", "term"), [
    ("组织机关干部学习《关于全面推行行政规范性文件合法性审核机制的指导意见》。", "合法性审核"),
    ("局党组集中研读《党政主要负责人履行推进法治建设第一责任人职责规定》。", "第一责任人"),
    ("认真贯彻《公平竞争审查条例》，提高认识。", "公平竞争审查"),
])
def test_a_term_only_inside_a_cited_name_is_cited(text, term):
    assert mention(text, term) is Mention.cited


@pytest.mark.parametrize(("text", "term"), [
    ("县政府印发《松阳县行政规范性文件管理办法》。", "规范性文件"),
    ("修订《柘溪区规范性文件合法性审核规程》，明确审核时限。", "合法性审核"),
    ("《松阳县规范性文件清理工作方案》经县政府常务会议审议后印发。", "清理"),
])
def test_acting_on_a_cited_document_counts(text, term):
    assert mention(text, term) is Mention.done


def test_studying_a_titled_work_counts_where_the_group_allows_titles():
    text = "党组理论学习中心组专题学习《习近平法治思想学习纲要》。"
    assert mention(text, "习近平法治思想") is Mention.cited
    assert mention(text, "习近平法治思想", in_titles=True) is Mention.done


@pytest.mark.parametrize(("text", "term"), [
    ("尚未全面开展规范性文件清理。", "清理"),  # adverb between the negator and the verb
    ("规范性文件未能及时报送备案。", "备案"),
    ("还没有完全建立规范性文件有效期制度。", "有效期"),
    ("合法性审核、备案审查工作尚未开展。", "合法性审核"),  # a coordinated list, negated after it
    ("合法性审核、备案审查工作尚未开展。", "备案审查"),
    ("公平竞争审查机制还不健全。", "公平竞争审查"),
    ("暂未对规范性文件开展后评估。", "后评估"),
])
def test_negation_covers_what_it_governs(text, term):
    assert mention(text, term) is Mention.negated


@pytest.mark.parametrize(("text", "term"), [
    ("开展规范性文件清理，未发现与上位法相抵触的情形。", "清理"),
    ("清理规范性文件28件未发现问题。", "清理"),
    ("没有发现违反公平竞争审查规定的文件。", "公平竞争审查"),
    ("凡未经合法性审核的文件一律不得提交审议。", "合法性审核"),
    ("完成规范性文件清理，但尚未公布清理结果。", "清理"),
    ("对未按规定报备的3件规范性文件责令限期补报。", "报备"),  # a relative clause: handled, not undone
])
def test_a_negated_finding_or_a_rule_in_force_is_not_a_negated_act(text, term):
    assert mention(text, term) is Mention.done


@pytest.mark.parametrize(("text", "term"), [
    ("计划于明年启动规范性文件后评估。", "后评估"),
    ("拟于2026年开展公平竞争审查回头看。", "公平竞争审查"),
    ("待机构改革完成后再开展规范性文件清理。", "清理"),
    ("将规范性文件后评估列入明年工作计划。", "后评估"),
    ("原定于三季度开展的合法性审核培训因故推迟。", "合法性审核"),
])
def test_deferrals_are_not_done(text, term):
    assert mention(text, term) is Mention.deferred


@pytest.mark.parametrize(("text", "term", "want"), [
    ("按计划完成规范性文件清理11件。", "清理", Mention.done),  # 计划 the noun
    ("制定年度普法计划并开展规范性文件清理。", "清理", Mention.done),
    ("全年草拟规范性文件2件。", "规范性文件", Mention.done),  # 草拟 is drafting, not 拟 (intend)
    ("计划明年开展规范性文件清理。", "清理", Mention.deferred),  # 计划 the verb
    ("拟对规范性文件开展后评估。", "后评估", Mention.deferred),
])
def test_the_packs_plan_cues_mean_intention(text, term, want):
    settings = load_rules("baseline").settings
    start = text.index(term)
    got = judge_clause(text, start, start + len(term), titles=BookTitles(text),
                       negation_cues=settings.negation_cues, plan_cues=settings.plan_cues)
    assert got is want


def test_a_long_clause_is_judged_in_bounded_time():
    text = "开展" + "规范性文件清理、" * 20000 + "尚未开展。"
    # Bounded by the clause window: the far end of a huge clause cannot reach back to the start.
    assert mention(text, "规范性文件清理") is Mention.done


# ---------------------------------------------------------------------------- elements in reports

REPORT = """松阳县司法局关于2025年度法治政府建设情况的报告
一、主要举措和成效
{measures}
二、存在的不足和原因
{shortcomings}
三、2026年工作打算
{plan}
四、其他需要报告的情况
{other}
松阳县司法局
2026年2月12日
"""
MEASURES = ("局党组把学习贯彻习近平法治思想作为“第一议题”，全年专题学习6次。局长叶青山全年主持召开局党组会议4次"
            "专题研究法治建设，带头出庭应诉2次。全年制定规范性文件2件，均经合法性审核和公平竞争审查，印发后30日内"
            "报县人民政府备案；清理规范性文件11件，废止3件。全年办理行政复议案件9件，行政执法案卷评查合格率98%，"
            "组织普法活动32场，受众1.2万人次。")
SHORTCOMINGS = "一是基层普法针对性不强；二是执法人员结构老化。究其原因，主要是普法经费投入不足，招录渠道有限。"
PLAN = "一是开展普法精准化试点；二是年内完成执法人员轮训。"


def report(measures: str = MEASURES, shortcomings: str = SHORTCOMINGS, plan: str = PLAN, other: str = "无。") -> str:
    return REPORT.format(measures=measures, shortcomings=shortcomings, plan=plan, other=other)


def test_the_complete_report_passes_every_element(auditor):
    out = auditor.audit_text(report())
    flagged = [r.code for r in out.results if r.status in (Status.failed, Status.partial)
               and r.code.startswith(("FZ", "XF", "GF", "TI", "SG", "TM"))]
    assert out.verdict == "pass" and flagged == []


@pytest.mark.parametrize("body", [
    "无。", "暂无。", "", "我局法治建设各项工作成效明显，得到上级充分肯定，未发现明显问题。"])
def test_a_shortcomings_part_that_says_nothing_fails(auditor, body):
    text = report(shortcomings=body)
    assert status(auditor, text, "FZ002") is Status.failed
    assert auditor.audit_text(text).verdict == "fail"


def test_other_matters_may_say_there_are_none(auditor):
    assert status(auditor, report(other="无其他需要报告的情况。"), "FZ008") is Status.passed
    assert status(auditor, report(other="本年度无。"), "FZ008") is Status.passed


@pytest.mark.parametrize("causes", [
    "一是普法针对性不强。造成上述问题的原因，主要在于经费投入不足。",
    "一是普法针对性不强。从主观上看，重视程度不够；从客观上看，经费有限。",
    "一是普法针对性不强，主要是由于基层普法力量薄弱。",
])
def test_cause_statements_satisfy_the_causes(auditor, causes):
    assert status(auditor, report(shortcomings=causes), "FZ003") is Status.passed


def test_the_word_cause_inside_a_problem_is_not_a_cause(auditor):
    text = report(shortcomings="一是对行政复议纠错案件的原因查找不准；二是普法覆盖面不够。")
    assert status(auditor, text, "FZ003") is Status.failed


def test_a_causes_part_of_its_own_counts(auditor):
    text = report().replace("二、存在的不足和原因\n" + SHORTCOMINGS,
                            "二、存在的不足\n一是普法针对性不强；二是执法人员结构老化。\n"
                            "三、问题产生的原因\n一是普法经费投入不足；二是招录渠道有限，年轻执法人员补充慢。")
    assert status(auditor, text, "FZ003") is Status.passed


def test_slogans_in_the_body_are_not_parts(auditor):
    text = ("柘溪区城市管理局关于2025年度法治政府建设情况的报告\n"
            "一、坚持问题导向，补短板、强弱项\n" + MEASURES + "全年工作已列入年度工作计划，下一步，我局将持续推进。\n"
            "柘溪区城市管理局\n2026年2月20日\n")
    out = auditor.audit_text(text)
    assert status(auditor, text, "FZ002") is Status.failed
    assert status(auditor, text, "FZ006") is Status.failed
    assert "未找到“下一年度主要安排”部分" in result(auditor, text, "FZ006").message
    assert out.verdict == "fail"


def test_an_unheaded_final_paragraph_is_the_plan(auditor):
    text = ("柘溪区城市管理局关于2025年度法治政府建设情况的报告\n一、加强法治建设\n" + MEASURES + "\n"
            "二、存在的不足\n一是执法力量不足，主要是编制有限。\n"
            "下一步，我局将重点做好以下工作：一是年内完成执法人员轮训；二是推进执法信息平台建设。\n"
            "柘溪区城市管理局\n2026年2月20日\n")
    # The plan paragraph sits under the shortcomings heading: it still opens a plan part of its own.
    assert status(auditor, text, "FZ006") is Status.passed


def test_short_numbered_sentences_are_content_not_headings():
    measures = ("（一）依法化解行政争议\n1.全年办理行政复议案件12件，均依法审结。\n2.出庭应诉7次，败诉0件。\n"
                "（二）规范性文件管理\n" + MEASURES)
    doc = parse(report(measures=measures))
    titles = [s.title for s in doc.all_sections()]
    assert "依法化解行政争议" in titles and not any(t.startswith("全年办理行政复议") for t in titles)
    assert any(p.text.startswith("1.全年办理行政复议案件12件") for p in doc.paragraphs)


def test_a_numbered_problem_inside_the_measures_is_not_the_shortcomings_part(auditor):
    measures = "（一）补齐执法短板\n" + MEASURES + "\n（二）存在问题整改\n对上年督察发现的问题全部整改到位。"
    text = report(measures=measures).replace("二、存在的不足和原因\n" + SHORTCOMINGS + "\n", "")
    assert status(auditor, text, "FZ002") is Status.failed


# ---------------------------------------------------------------------------- first responsible person


@pytest.mark.parametrize("sentence", [
    "县长孟启航全年3次主持召开县政府常务会议专题研究法治政府建设，带头出庭应诉2次。",
    "镇党委书记许文涛带头学法，年终在县委全面依法治县委员会会议上述法。",
    "局主要负责同志亲自部署法治建设工作，全年听取法治政府建设工作汇报4次。",
])
def test_the_duty_is_recognised_from_the_principals_acts(auditor, sentence):
    measures = MEASURES.replace("局长叶青山全年主持召开局党组会议4次专题研究法治建设，带头出庭应诉2次。", sentence)
    assert "第一责任人" not in measures
    assert status(auditor, report(measures=measures), "FZ004") is Status.passed


def without_principal(extra: str) -> str:
    return MEASURES.replace("局长叶青山全年主持召开局党组会议4次专题研究法治建设，带头出庭应诉2次。", extra)


def test_the_stock_phrase_alone_is_partial(auditor):
    text = report(measures=without_principal("严格落实党政主要负责人履行推进法治建设第一责任人职责。"))
    assert status(auditor, text, "FZ004") is Status.partial


@pytest.mark.parametrize("where", ["title", "plan", "others"])
def test_the_duty_only_cited_planned_or_by_others_fails(auditor, where):
    if where == "title":
        text = report(measures=without_principal("组织学习《党政主要负责人履行推进法治建设第一责任人职责规定》。"))
    elif where == "plan":
        text = report(measures=without_principal(""),
                      plan="一是严格落实党政主要负责人履行推进法治建设第一责任人职责，局长带头述法。")
    else:
        text = report(measures=without_principal("举办法治专题培训班，各乡镇、各部门主要负责人共86人参加。"))
    assert status(auditor, text, "FZ004") is Status.failed
    assert auditor.audit_text(text).verdict == "fail"


def test_the_statutory_part_with_its_principal_acting_passes(auditor):
    text = report(measures=without_principal("") + "\n（二）党政主要负责人履行推进法治建设第一责任人职责情况\n"
                  "局长叶青山年内主持审议法律顾问工作规则，带头参加会前学法，年终向县委述法。")
    assert status(auditor, text, "FZ004") is Status.passed


# ---------------------------------------------------------------------------- locations


def test_a_missing_element_points_at_the_title_and_quotes_it(auditor):
    text = report(measures=without_principal("").replace("习近平法治思想", "党的创新理论"))
    finding = next(f for f in auditor.audit_text(text).findings if f.code == "XF001")
    assert finding.location.line == 1 and finding.quote.startswith("松阳县司法局关于2025年度")


def test_a_partial_element_points_at_its_evidence_and_quotes_it(auditor):
    done = "均经合法性审核和公平竞争审查，印发后30日内报县人民政府备案；清理规范性文件11件，废止3件"
    measures = MEASURES.replace(done, "均经合法性审核")
    out = auditor.audit_text(report(measures=measures))
    finding = next(f for f in out.findings if f.code == "GF001")
    line = report(measures=measures).splitlines()[finding.location.line - 1]
    assert "规范性文件" in finding.quote
    assert line[finding.location.column - 1 :].startswith("规范性文件")


def test_missing_causes_point_at_the_shortcomings_heading(auditor):
    text = report(shortcomings="一是基层普法针对性不强；二是执法人员结构老化。")
    finding = next(f for f in auditor.audit_text(text).findings if f.code == "FZ003")
    assert finding.location.line == 4 and finding.quote.startswith("二、存在的不足和原因")
