"""The count check type on real texts."""

from __future__ import annotations

import pytest

from auditor.errors import RulePackError
from auditor.models import Status
from auditor.rules.loader import RulePack

from .helpers import make_pack, rule, run


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
