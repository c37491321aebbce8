"""Check types on real texts: require, boundaries, forbid, count, near, section, metadata,
consistency, dates, balanced_pairs, and how results are scored and gated."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
import yaml

from auditor import Auditor, load_rules
from auditor.engine import check_context, run_rule_on_text
from auditor.errors import RulePackError
from auditor.matching.boundaries import BoundaryChecker
from auditor.models import Severity, Status
from auditor.resources import shipped_rules_dir
from auditor.rules.loader import RulePack

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "fixtures" / "model" / "model-report.txt"

TITLE = "青禾市生态环境局关于2025年度法治政府建设情况的报告"
OPENING = "2025年，我局深入推进法治政府建设。"
ORGAN = "青禾市生态环境局"


def rule(code: str, check: str, **params) -> dict:
    """A minimal valid rule; ``params`` are the check's own keys (and header overrides)."""
    head = {"code": code, "title": "测试规则", "basis": [{"title": "测试依据"}], "severity": "error",
            "weight": 1, "suggestion": "按要求补充。", "check": check}
    for key in ("title", "severity", "weight", "scope", "partial_severity", "applies_to", "suggestion"):
        if key in params:
            head[key] = params.pop(key)
    return {**head, **params}


def make_pack(directory: Path, *rules: dict, name: str = "t", **top) -> RulePack:
    data = {"pack": name, "title": "测试包", "version": "1", **top, "rules": list(rules)}
    path = directory / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return load_rules(str(path))


def run(pack: RulePack, code: str, text: str):
    return run_rule_on_text(pack, pack.rule(code), text)


def labels(outcome) -> list[str]:
    return [m.label for m in outcome.missing]


def report(*body: str, title: str = TITLE, signature: str | None = ORGAN, date: str | None = "2026年2月10日") -> str:
    lines = [title, *body]
    if signature is not None:
        lines.append(signature)
    if date is not None:
        lines.append(date)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def baseline() -> RulePack:
    return load_rules("baseline")


@pytest.fixture(scope="module")
def default() -> RulePack:
    return load_rules("default")


# ==================================================================================== require


GF_FULL = "全年制定规范性文件3件，均经合法性审核和公平竞争审查，并报市司法局备案；开展规范性文件清理，废止2件。"


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


def _tokens(text: str) -> list[str]:
    import jieba

    logging.getLogger("jieba").setLevel(logging.ERROR)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.load_userdict(str(shipped_rules_dir() / "userdict.txt"))
    return [word for word, _start, _end in tokenizer.tokenize(text)]


@pytest.fixture(scope="module")
def boundary_pack(tmp_path_factory) -> RulePack:
    return make_pack(tmp_path_factory.mktemp("boundary"),
                     rule("BD001", "require", items=[{"any": ["普法"], "boundary": True}]),
                     rule("BD002", "require", items=[{"any": ["普法"]}]),
                     rule("BD003", "require", items=[{"any": [{"text": "评估", "boundary": True}]}]),
                     rule("BD004", "require", items=[{"any": ["备案"], "boundary": True}]),
                     settings={"user_dictionary": [str(shipped_rules_dir() / "userdict.txt")]})




def test_jieba_segmentation_used_by_the_boundary_tests():
    assert _tokens("加强普法律宣传") == ["加强", "普", "法律宣传"]
    assert _tokens("特聘请评估师1名参与评审") == ["特", "聘请", "评估师", "1", "名", "参与", "评审"]
    assert _tokens("做好准备案件移送") == ["做好", "准备", "案件", "移送"]
    assert "备案" in _tokens("并报市司法局备案")
    assert "普法" in _tokens("开展普法活动12场")


def test_boundary_accepts_a_whole_word(boundary_pack):
    assert run(boundary_pack, "BD001", "开展普法活动12场。").status is Status.passed
    assert run(boundary_pack, "BD004", "文件印发后并报市司法局备案。").status is Status.passed
    assert run(boundary_pack, "BD003", "组织第三方机构开展评估。").status is Status.passed


def test_boundary_rejects_a_term_split_across_words(boundary_pack):
    text = "加强普法律宣传。"
    assert run(boundary_pack, "BD002", text).status is Status.passed  # a plain substring matches
    outcome = run(boundary_pack, "BD001", text)
    assert outcome.status is Status.failed and labels(outcome) == ["普法"]
    assert run(boundary_pack, "BD004", "做好准备案件移送工作。").status is Status.failed


def test_boundary_rejects_a_term_inside_a_longer_word(boundary_pack):
    assert run(boundary_pack, "BD003", "特聘请评估师1名参与评审。").status is Status.failed


def test_baseline_filing_item_uses_boundaries(baseline):
    ok = run(baseline, "GF001", GF_FULL)
    assert ok.status is Status.passed
    text = "全年制定规范性文件3件，均经合法性审核和公平竞争审查，做好准备案件移送工作；开展规范性文件清理。"
    wrong = run(baseline, "GF001", text)
    assert wrong.status is Status.partial and labels(wrong) == ["备案（报备）"]


def test_boundary_cache_survives_a_new_text_at_the_same_address():
    # A segmentation cache keyed by id(text) would hand the second text the first one's boundaries:
    # CPython gives a new string the address (id) of one just freed.
    checker = BoundaryChecker([])
    # Same length, different segmentation: 做好/准备/案件/移送/。 and 报市/司法局/备案/了/。
    first_parts, second_parts = ["做好准备", "案件移送。"], ["报市司法局", "备案了。"]
    seen = []
    for _ in range(5):
        first = "".join(first_parts)
        seen.append(checker.on_boundaries(first, 2, 4))  # 准备 is a word here
        del first  # a report audited and dropped: the next one may get its address
        second = "".join(second_parts)
        seen.append(checker.on_boundaries(second, 5, 7))  # 备案 is a word here
        del second
    assert seen == [True] * 10


# ===================================================================================== forbid


def test_forbid_reports_each_term_with_its_replacement(baseline):
    outcome = run(baseline, "TR001", "推进法制政府建设，完善法制化营商环境。")
    assert outcome.status is Status.failed and outcome.credit == 0
    assert [(d.message, d.replacement) for d in outcome.findings] == [
        ("“法制政府”应为“法治政府”", "法治政府"),
        ("“法制化营商环境”应为“法治化营商环境”", "法治化营商环境"),
    ]


def test_forbid_findings_carry_location_quote_and_replacement(baseline):
    text = report(OPENING, "深入学习贯彻习近平法制思想。")
    result = Auditor(baseline.selected(["TR002"])).audit_text(text)
    [finding] = result.findings
    assert finding.replacement == "习近平法治思想"
    assert (finding.location.line, finding.location.column) == (3, 7)
    assert "习近平法制思想" in finding.quote
    assert finding.suggestion == "统一写作“习近平法治思想”。"


def test_forbid_exception_never_fires(baseline):
    assert run(baseline, "TR001", "全面落实重大执法决定法制审核制度。").status is Status.passed


def test_forbid_exceptions_of_a_custom_pack(tmp_path):
    pack = make_pack(tmp_path, rule("FB001", "forbid", terms={"法制": "法治"},
                                    **{"except": ["重大执法决定法制审核", "法制统一"]}))
    assert run(pack, "FB001", "落实重大执法决定法制审核制度，维护法制统一。").status is Status.passed
    outcome = run(pack, "FB001", "落实重大执法决定法制审核制度，加强法制建设。")
    assert outcome.status is Status.failed
    assert [d.message for d in outcome.findings] == ["“法制”应为“法治”"]


def test_forbid_overlapping_terms_reported_once(baseline):
    outcome = run(baseline, "TR001", "加强法制宣传教育。")
    assert [(d.message, d.replacement) for d in outcome.findings] == [
        ("“法制宣传教育”应为“法治宣传教育”", "法治宣传教育")]
    assert (outcome.findings[0].span.end - outcome.findings[0].span.start) == len("法制宣传教育")
    shorter = run(baseline, "TR001", "加强法制宣传。")
    assert [d.replacement for d in shorter.findings] == ["法治宣传"]


def test_forbid_custom_message_and_regex(default):
    outcome = run(default, "TR003", "深入贯彻全面依法治国新理念新思想新战略。")
    assert [d.message for d in outcome.findings] == [
        "“全面依法治国新理念新思想新战略”是2020年以前的提法，应为“习近平法治思想”"]
    dash = run(default, "PN002", "对2023年9月1日--2024年8月31日签订的合同进行清查。")
    assert [d.replacement for d in dash.findings] == ["至"]


def test_forbid_respects_scope(tmp_path):
    pack = make_pack(tmp_path, rule("FB002", "forbid", scope="title", terms={"总结": "报告"}))
    assert run(pack, "FB002", "青禾市生态环境局2025年法治政府建设工作总结\n全年工作总结如下。").status is Status.failed
    assert run(pack, "FB002", f"{TITLE}\n全年工作总结如下。").status is Status.passed
    assert run(pack, "FB002", "全年工作总结如下。").status is Status.not_applicable  # no title at all


# ====================================================================================== count


@pytest.fixture(scope="module")
def count_pack(tmp_path_factory) -> RulePack:
    pieces = {"label": "件数", "any": [{"re": r"\d+件"}]}
    return make_pack(tmp_path_factory.mktemp("count"),
                     rule("CT001", "count", min=2, pattern=pieces),
                     rule("CT002", "count", max=1, pattern={"label": "积极", "any": ["积极"]}),
                     rule("CT003", "count", min=100, per_thousand_han=True, pattern=pieces),
                     rule("CT004", "count", min=10))


def test_count_min(count_pack):
    assert run(count_pack, "CT001", "制定文件3件，废止2件。").status is Status.passed
    partial = run(count_pack, "CT001", "制定文件3件。")
    assert partial.status is Status.partial and partial.credit == 0.5
    assert partial.message == "“件数”出现次数为1，低于2"
    none = run(count_pack, "CT001", "全年组织普法活动。")
    assert none.status is Status.failed and none.credit == 0


def test_count_max(count_pack):
    assert run(count_pack, "CT002", "积极推进。").status is Status.passed
    over = run(count_pack, "CT002", "积极推进，积极落实。")
    assert over.status is Status.failed and over.credit == 0
    assert over.message == "“积极”出现次数为2，高于1"


def test_count_per_thousand_han(count_pack):
    # 5 Han characters (制定文件件) and 1 hit: 200 per thousand.
    dense = run(count_pack, "CT003", "制定文件3件。")
    assert dense.status is Status.passed and dense.message == "“件数”每千字出现次数为200.0"
    # 20 Han characters and 1 hit: 50 per thousand, below 100.
    sparse = run(count_pack, "CT003", "全年制定并印发文件3件，严格落实审核备案制度。")
    assert sparse.status is Status.partial
    assert sparse.message == "“件数”每千字出现次数为50.0，低于100"
    assert sparse.credit == 0.5


def test_count_han_characters_without_pattern(count_pack):
    outcome = run(count_pack, "CT004", "全年组织普法活动12场。")
    assert outcome.message == "汉字数为9，低于10"
    assert outcome.status is Status.partial and outcome.credit == 0.9
    assert run(count_pack, "CT004", "全年组织开展普法宣传活动12场。").status is Status.passed


def test_count_needs_min_or_max(tmp_path):
    with pytest.raises(RulePackError, match="count needs min or max"):
        make_pack(tmp_path, rule("CT009", "count", pattern={"any": ["积极"]}))


def test_count_scope_missing_is_not_applicable(default):
    assert run(default, "QL002", "全年组织普法活动12场。\n二、存在的不足\n宣传不够。").status is Status.not_applicable


# ======================================================================================= near


@pytest.fixture(scope="module")
def near_pack(tmp_path_factory) -> RulePack:
    groups = [{"label": "规范性文件", "any": ["规范性文件"]}, {"label": "件数", "any": [{"re": r"\d+件"}]},
              {"label": "审核", "any": ["合法性审核"]}]
    return make_pack(tmp_path_factory.mktemp("near"),
                     rule("NR001", "near", within="sentence", groups=groups),
                     rule("NR002", "near", within="paragraph", groups=groups),
                     rule("NR003", "near", within="paragraph", min=2, groups=groups),
                     rule("NR004", "near", anchor_first=True, groups=groups[:2]))


def test_near_sentence_vs_paragraph(near_pack):
    one_sentence = "制定规范性文件3件，均经合法性审核。"
    two_sentences = "制定规范性文件3件。均经合法性审核。"
    assert run(near_pack, "NR001", one_sentence).status is Status.passed
    assert run(near_pack, "NR002", one_sentence).status is Status.passed
    split = run(near_pack, "NR001", two_sentences)
    assert split.status is Status.failed and split.credit == 0
    assert labels(split) == ["审核"]
    assert split.message == "同一句中最多包含：规范性文件、件数；缺少：审核"
    assert run(near_pack, "NR002", two_sentences).status is Status.passed


def test_near_paragraphs_do_not_combine(near_pack):
    outcome = run(near_pack, "NR002", "制定规范性文件。\n均经合法性审核3件。")
    assert outcome.status is Status.failed
    assert labels(outcome) == ["规范性文件"]


def test_near_min_gives_partial_credit(near_pack):
    outcome = run(near_pack, "NR003", "制定规范性文件。\n均经合法性审核3件。")
    assert outcome.status is Status.partial
    assert outcome.credit == pytest.approx(2 / 3)
    assert labels(outcome) == ["规范性文件"]
    assert run(near_pack, "NR003", "制定规范性文件。").status is Status.failed  # 1 < min 2


def test_near_anchor_first(near_pack):
    absent = run(near_pack, "NR004", "全年组织普法活动。")
    assert absent.status is Status.not_applicable and absent.credit == 1
    assert absent.message == "未提及“规范性文件”（由相关要素规则报告）"
    assert run(near_pack, "NR004", "制定规范性文件3件。").status is Status.passed
    alone = run(near_pack, "NR004", "制定规范性文件。\n另办理案件3件。")
    assert alone.status is Status.failed and labels(alone) == ["件数"]


def test_near_strength_rule_of_baseline(baseline):
    # GF002 (anchor_first): without the element itself the strength rule is not applicable.
    assert run(baseline, "GF002", "全年组织普法活动。").status is Status.not_applicable
    weak = run(baseline, "GF002", "严格规范性文件管理，落实合法性审核制度。")
    assert weak.status is Status.failed and labels(weak) == ["件数"]


def test_first_responsible_specificity_is_judged_on_a_named_principal(baseline):
    # FZ005 looks for a named principal acting, with or without the words 第一责任人.
    assert run(baseline, "FZ005", "全年组织普法活动。").status is Status.failed
    named = "县长周启明全年主持召开县政府常务会议5次研究法治政府建设。"
    assert run(baseline, "FZ005", named).status is Status.passed
    no_counts = run(baseline, "FZ005", "县长周启明主持召开县政府常务会议研究法治政府建设。")
    assert no_counts.status is Status.partial and labels(no_counts) == ["次数等数据"]
    generic = run(baseline, "FZ005", "严格落实党政主要负责人履行推进法治建设第一责任人职责。")
    assert generic.status is Status.failed


# ==================================================================================== section


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
