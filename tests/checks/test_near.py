"""The near check type on real texts."""

from __future__ import annotations

import pytest

from auditor.models import Status
from auditor.rules.loader import RulePack

from .helpers import labels, make_pack, rule, run


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
