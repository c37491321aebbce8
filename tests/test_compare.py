"""``audit compare LAST THIS`` and ``--previous`` on the fixture pair in fixtures/compare/.

The expected results (fixtures/compare/expected.yaml) were written before the tool was run on
the pair; these tests hold the tool to them through the real command line.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
import yaml
from wcwidth import wcswidth

from .conftest import FIXTURES, run_audit
from .test_html_report import Tab, browser, tab  # noqa: F401  (one browser, the same watchers)

PAIR = FIXTURES / "compare"
LAST, THIS = PAIR / "2024.txt", PAIR / "2025.txt"
EXPECTED = yaml.safe_load((PAIR / "expected.yaml").read_text(encoding="utf-8"))


def _compare_json(last: Path, this: Path) -> dict:
    out = run_audit("compare", str(last), str(this), "--format", "json")
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def _status(data: dict, status: str) -> list[str]:
    return [p["item"] for p in data["plan"] if p["status"] == status]


def test_the_pair_gives_exactly_the_labelled_results() -> None:
    data = _compare_json(LAST, THIS)
    assert _status(data, "reported") == EXPECTED["plan"]["reported"]
    assert _status(data, "not_found") == EXPECTED["plan"]["not_found"]
    assert [r["kind"] for r in data["repeated"]] == [r["kind"] for r in EXPECTED["repeated"]]
    for got, want in zip(data["repeated"], EXPECTED["repeated"], strict=True):
        assert got["last"]["quote"].startswith(want["last"]) and got["this"]["quote"].startswith(want["this"])
        assert 85 <= got["similarity"] < 100  # near-verbatim: 不充分 → 不够充分
    figures = [(f["indicator"], f"{f['last_value']:g}{f['unit']}", f"{f['this_value']:g}{f['unit']}")
               for f in data["figures"]]
    assert figures == [(f["indicator"], f["last"], f["this"]) for f in EXPECTED["figures"]]
    assert data["summary"] == {"plan_items": 5, "reported": 3, "not_found": 2, "repeated": 1, "figures": 2}


def test_findings_carry_both_locations() -> None:
    data = _compare_json(LAST, THIS)
    lines = LAST.read_text(encoding="utf-8").splitlines(), THIS.read_text(encoding="utf-8").splitlines()
    pairs = [(p["plan"], p["evidence"]) for p in data["plan"] if p["evidence"]]
    pairs += [(r["last"], r["this"]) for r in data["repeated"]] + [(f["last"], f["this"]) for f in data["figures"]]
    for old, new in pairs:
        for place, text in ((old, lines[0]), (new, lines[1])):
            loc = place["location"]
            line = text[loc["line"] - 1]
            # the quote starts where the location points (quotes join wrapped lines with a space)
            assert line[loc["column"] - 1:].startswith(place["quote"].split(" ")[0][:8])
    smart = next(p for p in data["plan"] if p["item"] == "建设智慧执法平台")
    assert smart["mention"]["quote"].startswith("原计划建设的智慧执法平台") and smart["note"]


def test_a_planned_mention_is_not_a_report_but_a_done_one_is(tmp_path: Path) -> None:
    """The clause model decides: 计划于明年配备公职律师 does not report the item, 配备公职律师2名 does."""
    text = THIS.read_text(encoding="utf-8")
    anchor = "评查结果已纳入基层所年度考核。"
    planned, done = tmp_path / "planned.txt", tmp_path / "done.txt"
    planned.write_text(text.replace(anchor, anchor + "公职律师计划于2026年配备到位。"), encoding="utf-8")
    done.write_text(text.replace(anchor, anchor + "3月配备公职律师2名，参与重大执法决定法制审核。"), encoding="utf-8")
    lawyer = "配备公职律师"
    got = {p["item"]: p for p in _compare_json(LAST, planned)["plan"]}
    assert got[lawyer]["status"] == "not_found" and "公职律师" in got[lawyer]["mention"]["quote"]
    got = {p["item"]: p for p in _compare_json(LAST, done)["plan"]}
    assert got[lawyer]["status"] == "reported" and "配备公职律师2名" in got[lawyer]["evidence"]["quote"]


def test_table_is_chinese_and_fits_80_columns() -> None:
    out = run_audit("compare", str(LAST), str(THIS), env={**_env(), "COLUMNS": "80"})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert max(wcswidth(line) for line in lines) <= 80
    for heading in ("上年度工作安排的落实情况：共5项，已报告3项，未见报告2项", "与上年报告重复的内容：1处",
                    "办理行政复议案件：上年12件 → 今年15件（增加3件）"):
        assert any(heading in line for line in lines), heading
    assert not any(line.lstrip().startswith(("，", "。", "、")) for line in lines)


def test_previous_adds_the_comparison_to_a_normal_run() -> None:
    plain = run_audit("--format", "json", str(THIS))
    out = run_audit("--format", "json", str(THIS), "--previous", str(LAST))
    assert out.returncode == plain.returncode, out.stderr
    data = json.loads(out.stdout)
    assert data["reports"] == json.loads(plain.stdout)["reports"]  # additive: the audit is unchanged
    assert data["comparison"]["summary"]["reported"] == 3
    table = run_audit(str(THIS), "--previous", str(LAST))
    assert "上年度工作安排的落实情况" in table.stdout and table.returncode == plain.returncode


@pytest.mark.parametrize("args, named", [
    (["compare", "fixtures/compare/2024.txt", "fixtures/compare/nope.txt"], "nope.txt"),
    (["compare", "fixtures/compare/expected.yaml", "fixtures/compare/2025.txt"], "expected.yaml"),
    (["compare", "fixtures/edge/whitespace-only.txt", "fixtures/compare/2025.txt"], "whitespace-only.txt"),
    (["compare", "fixtures/edge/binary.txt", "fixtures/compare/2025.txt"], "binary.txt"),
    (["fixtures/compare/2025.txt", "--previous", "fixtures/compare/nope.txt"], "nope.txt"),
])
def test_bad_input_is_one_line_and_exit_2(args: list[str], named: str) -> None:
    out = run_audit(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and named in out.stderr and "Traceback" not in out.stderr


def test_prose_that_is_not_a_report_is_refused(tmp_path: Path) -> None:
    note = tmp_path / "会议通知.txt"
    note.write_text("关于召开季度工作例会的通知\n各科室：\n定于周五下午三点在三楼会议室召开季度工作例会，请准时参加。\n",
                    encoding="utf-8")
    out = run_audit("compare", str(LAST), str(note))
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "会议通知.txt" in out.stderr and "does not look like" in out.stderr


def _env() -> dict:
    return dict(os.environ)


PAYLOAD = "<img src=x onerror=alert('cmp')>"


def test_html_shows_both_years_side_by_side(tab: Tab, tmp_path: Path) -> None:  # noqa: F811
    """In the real browser: each finding's two passages sit in one row, last year left; report text
    with markup shows as text and runs nothing."""
    last, this = tmp_path / "2024.txt", tmp_path / "2025.txt"
    copied = "部分基层所执法人员"
    for src, dst in ((LAST, last), (THIS, this)):
        dst.write_text(src.read_text(encoding="utf-8").replace(copied, copied + PAYLOAD), encoding="utf-8")
    page = tmp_path / "compare.html"
    out = run_audit("compare", str(last), str(this), "--format", "html", "--output", str(page))
    assert out.returncode == 0, out.stderr
    tab.open(page)
    p = tab.page
    assert p.locator("article.plan-item").count() == 5
    assert p.locator('article.plan-item[data-status="reported"]').count() == 3
    rows = p.locator("article.repetition")
    assert rows.count() == 1
    left, right = rows.nth(0).locator(".side.last"), rows.nth(0).locator(".side.this")
    a, b = left.bounding_box(), right.bounding_box()
    assert a and b and abs(a["y"] - b["y"]) < 2 and a["x"] + a["width"] <= b["x"]  # side by side
    assert PAYLOAD in left.inner_text() and PAYLOAD in right.inner_text()  # shown as text
    assert p.locator("main img").count() == 0
    assert p.locator("tr.figure").count() == 2
    assert "12件" in p.locator("tr.figure").nth(0).inner_text()
    p.screenshot(path=str(tmp_path / "compare.png"), full_page=True)
    if os.environ.get("AUDITOR_ARTIFACTS"):  # a folder to keep the page and its screenshot for a person
        for name in ("compare.png", "compare.html"):
            shutil.copy(tmp_path / name, Path(os.environ["AUDITOR_ARTIFACTS"]) / name)
    assert tab.problems == []
