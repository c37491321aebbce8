"""The dated canon and the word lists: names judged by the report's year (repealed laws, expired
plans, renamed organs, anachronisms), mentions of the past left alone, 异形词 and wrong characters
matched on word boundaries, every entry sourced, and bad canon files as one-line errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from auditor import Auditor, load_rules
from auditor.checks.canon import Period, canon_path, load_canon
from auditor.errors import AuditorError, RulePackError

from .profile_labels import check_run, runs


@pytest.fixture(scope="module")
def canon() -> Auditor:
    return Auditor(["default", "canon"])


def res(auditor: Auditor, year: int, body: str, code: str):
    text = f"青禾县人民政府关于{year}年度法治政府建设情况的报告\n{body}\n青禾县人民政府\n{year + 1}年2月10日\n"
    found = auditor.audit_text(text)
    return next(r for r in found.results if r.code == code)


@pytest.mark.parametrize(("file", "kind", "run"), runs(packs={"canon"}),
                         ids=lambda v: v if isinstance(v, str) else None)
def test_labelled_canon_runs(file, kind, run):
    check_run(file, kind, run)


def test_period_years():
    assert Period(until=dt.date(2021, 1, 1)).first_wrong_year() == 2021  # repealed on 1 January
    assert Period(until=dt.date(2022, 5, 1)).first_wrong_year() == 2023  # mid-year: that year may still cite it
    assert Period(until=2019).first_wrong_year() == 2019
    assert Period.model_validate({"from": dt.date(2020, 5, 28)}).first_year() == 2020


def test_repealed_regulation_by_report_year(canon):
    body = "依照《信访条例》办理信访事项41件。"
    assert res(canon, 2022, body, "CN001").status.value == "pass"
    late = res(canon, 2023, body, "CN001")
    assert late.status.value == "fail"
    assert late.findings[0].replacement == "信访工作条例" and "2022年5月1日" in late.findings[0].message


PLAN_2021 = "一、主要举措和成效\n全年审查合同12份。\n二、2021年工作打算\n启动“八五”普法工作。"


@pytest.mark.parametrize(("year", "body", "code", "status"), [
    # short forms only in book marks
    (2025, "依照《劳动合同法》和《浙江省信访条例》开展工作，审查合同74份。", "CN001", "pass"),
    (2025, "依照《合同法》审查合同74份。", "CN001", "fail"),
    # anachronisms are flagged
    (2018, "组织学习《民法典》。", "CN001", "fail"),
    (2020, "组织学习《民法典》。", "CN001", "pass"),
    (2020, PLAN_2021, "CN002", "pass"),  # the next year's names belong in a report's plan for that year
    (2018, "深入学习贯彻习近平法治思想。", "CN004", "fail"),
    # mentions of the past are not errors
    (2023, "该批档案由原县工商行政管理局移交。", "CN003", "pass"),
    (2023, "2018年，县工商行政管理局制定了该办法。", "CN003", "pass"),
    (2023, "县工商行政管理局全年办理案件12件。", "CN003", "fail"),
    (2021, "《法治政府建设实施纲要（2015—2020年）》确定的目标任务全面完成。", "CN002", "pass"),
    # plan names follow the year
    (2023, "对照《法治政府建设实施纲要（2015-2020年）》推进工作。", "CN002", "fail"),
    (2023, "对照《法治政府建设实施纲要（2021—2025年）》推进工作。", "CN002", "pass"),
])
def test_names_judged_by_report_year(canon, year, body, code, status):
    assert res(canon, year, body, code).status.value == status


def test_words_on_word_boundaries(canon):
    assert res(canon, 2025, "确定单位负责人后再行审查。", "WZ001").status.value == "pass"
    hit = res(canon, 2025, "对企业的定单合同开展审查，核查成份构成。", "WZ001")
    assert hit.status.value == "fail" and {f.replacement for f in hit.findings} == {"订单", "成分"}
    typo = res(canon, 2025, "我县将再接再励，一如继往。", "WZ002")
    assert {f.replacement for f in typo.findings} == {"再接再厉", "一如既往"}


@pytest.mark.parametrize("name", ["names", "words"])
def test_shipped_canons_are_sourced(name):
    canon = load_canon(canon_path(name))
    assert canon.entries and all(e.source in canon.sources for e in canon.entries)
    assert all(s.title for s in canon.sources.values())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_bad_canon_file_is_one_line_with_its_line(tmp_path: Path):
    head = "canon: bad\ntitle: t\nsources:\n  s: {title: 某规范}\nentries:\n"
    with pytest.raises(RulePackError) as err:
        load_canon(write(tmp_path, head + "  - {name: 成分, kind: variant, variants: [成份], source: nope}\n"))
    assert "bad.yaml:6" in str(err.value) and "unknown source 'nope'" in str(err.value)
    with pytest.raises(RulePackError) as err:
        load_canon(write(tmp_path, head + "  - {name: 答复, kind: variant, variants: [答复], source: s}\n"))
    assert "reads the same" in str(err.value)
    with pytest.raises(RulePackError) as err:
        load_canon(write(tmp_path, head + "  - {name: 某法, kind: law, source: s}\n"))
    assert "bad.yaml:6" in str(err.value) and "\n" not in str(err.value)


def test_unknown_canon_in_a_pack_names_the_rule_line(tmp_path: Path):
    pack = tmp_path / "mine.yaml"
    pack.write_text("pack: mine\ntitle: t\nversion: '1'\nextends: [baseline]\nrules:\n"
                    "  - code: ZZ001\n    title: 测试\n    basis: [{title: 某规范}]\n    severity: info\n"
                    "    weight: 1\n    suggestion: 改正。\n    check: canon\n    canon: nosuch\n", encoding="utf-8")
    with pytest.raises(AuditorError) as err:
        load_rules(str(pack))
    assert "mine.yaml:" in str(err.value) and "unknown canon 'nosuch'" in str(err.value)
