"""Word boundaries (jieba segmentation) as the checks use them, on real texts."""

from __future__ import annotations

import logging

import pytest

from auditor.matching.boundaries import BoundaryChecker
from auditor.models import Status
from auditor.resources import shipped_rules_dir
from auditor.rules.loader import RulePack

from .helpers import GF_FULL, labels, make_pack, rule, run


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
