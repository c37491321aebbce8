"""Score sheets (``audit --scoring``): schemes as data, the arithmetic, the ranking, the outputs,
and one-line errors for bad schemes. Every run is the real command line."""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import shutil
from pathlib import Path

import pytest
from wcwidth import wcswidth

from .conftest import FIXTURES, ROOT, run_audit

SCHEME = ROOT / "rules" / "schemes" / "example-scheme.yaml"


def _json(*args: str) -> tuple[dict, int]:
    out = run_audit("--scoring", "example-scheme", "--format", "json", *args)
    assert "Traceback" not in out.stderr
    return json.loads(out.stdout), out.returncode


def _assert_adds_up(sheet: dict) -> None:
    points = [i["points"] for i in sheet["indicators"]]
    assert sum(points) == pytest.approx(sheet["total"])
    assert sum(i["awarded"] for i in sheet["indicators"]) == pytest.approx(sheet["awarded"])
    for ind in sheet["indicators"]:
        assert 0 <= ind["awarded"] <= ind["points"], ind
        taken = sum(d["points"] for d in ind["deductions"])
        assert ind["points"] - taken == pytest.approx(ind["awarded"]), ind
        for d in ind["deductions"]:
            assert d["reason"].strip(), d
            assert 0 <= d["points"] <= d["nominal"], d
        expected = {True: "full", False: "zero" if ind["awarded"] == 0 else "partial"}[ind["awarded"] == ind["points"]]
        assert ind["status"] in (expected, "not_applicable"), ind


def _assert_ranking(data: dict) -> None:
    ranking = data["ranking"]
    sheets = {r["path"]: r["score_sheet"] for r in data["reports"] if r.get("score_sheet")}
    assert [e["path"] for e in ranking] != [] and {e["path"] for e in ranking} == set(sheets)
    totals = [e["awarded"] for e in ranking]
    assert totals == sorted(totals, reverse=True)
    for e in ranking:  # competition ranking: 1 + the number of reports with a higher total
        assert e["rank"] == 1 + sum(t > e["awarded"] for t in totals), e
        assert sheets[e["path"]]["rank"] == e["rank"]
        assert sheets[e["path"]]["awarded"] == e["awarded"]
    order = [r["path"] for r in data["reports"]]
    for a, b in itertools.pairwise(ranking):  # ties keep the order the reports were audited in
        if a["awarded"] == b["awarded"]:
            assert order.index(a["path"]) < order.index(b["path"])


# -- the folder and single reports --------------------------------------------------------------

def test_fixtures_folder_sheets_add_up_and_ranking_follows_totals():
    data, code = _json("fixtures/")
    assert code == 2  # fixtures/edge holds files that cannot be audited, as without --scoring
    scored = [r for r in data["reports"] if r.get("score_sheet")]
    assert len(scored) >= 20
    for report in data["reports"]:
        assert (report.get("score_sheet") is not None) == report["evaluated"], report["path"]
    for report in scored:
        _assert_adds_up(report["score_sheet"])
        assert report["score_sheet"]["scheme"] == "example-scheme"
    _assert_ranking(data)
    # Reports with different defects get different totals: the sheet discriminates.
    assert len({r["score_sheet"]["awarded"] for r in scored}) >= 5


def test_json_validates_against_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "auditor" / "schema" / "audit-result.v1.json").read_text(encoding="utf-8"))
    data, _ = _json("fixtures/model/model-report.txt", "fixtures/missing/no-plan.txt", "fixtures/edge/empty.txt")
    jsonschema.Draft202012Validator(schema).validate(data)
    assert "ScoreSheet" in schema["$defs"] and "ranking" in schema["properties"]


def test_without_scoring_json_has_no_sheet_fields():
    out = run_audit("--format", "json", "fixtures/model/model-report.txt")
    data = json.loads(out.stdout)
    assert "ranking" not in data and "score_sheet" not in data["reports"][0]


@pytest.mark.parametrize("name", ["no-causes", "no-normative-docs", "fazhi-term", "no-first-responsible"])
def test_a_missing_element_costs_points_with_its_rule_as_reason(name: str):
    data, _ = _json(f"fixtures/missing/{name}.txt")
    report = data["reports"][0]
    sheet = report["score_sheet"]
    _assert_adds_up(sheet)
    failed = {r["code"] for r in report["results"] if r["status"] in ("fail", "partial")}
    assert failed
    reasons = " ".join(d["reason"] for i in sheet["indicators"] for d in i["deductions"] if d["points"] > 0)
    assert sheet["awarded"] < sheet["total"]
    # Every point taken off is explained by a rule that failed (and names it).
    taken = [d for i in sheet["indicators"] for d in i["deductions"] if d["points"] > 0]
    assert taken and all(d["code"] in failed for d in taken), taken
    assert any(code in reasons for code in failed)
    assert data["ranking"][0]["rank"] == 1 and sheet["rank"] == 1


def test_the_model_report_earns_full_marks():
    data, code = _json("fixtures/model/model-report.txt")
    assert code == 0
    sheet = data["reports"][0]["score_sheet"]
    assert sheet["awarded"] == sheet["total"] == 100
    assert all(not i["deductions"] for i in sheet["indicators"])


def test_table_prints_sheet_and_ranking_within_80_columns():
    env = {**os.environ, "COLUMNS": "80"}
    out = run_audit("--scoring", "example-scheme", "fixtures/missing/", "fixtures/model/", env=env)
    assert out.returncode == 1, out.stderr
    text = out.stdout
    sheet = text[text.index("评分表："):]
    assert "排名（按评分表得分从高到低" in sheet and "评分表得分：" in sheet
    assert "A3 不足的原因" in sheet and "−6" in sheet  # no-causes loses the causes indicator
    too_wide = [line for line in sheet.splitlines() if wcswidth(line) > 80]
    assert not too_wide, too_wide
    ranking = sheet[sheet.index("排名（"):].splitlines()[2:]
    assert len(ranking) == len(list((FIXTURES / "missing").glob("*.txt"))) + 1
    assert "model-report.txt" in ranking[0]


def test_csv_carries_the_sheet_columns():
    out = run_audit("--scoring", "example-scheme", "--format", "csv", "fixtures/missing/no-causes.txt",
                    "fixtures/model/model-report.txt")
    rows = list(csv.reader(io.StringIO(out.stdout.lstrip("\ufeff"))))
    header = rows[0]
    total_col = header.index("评分表得分（满分100）")
    assert header[total_col + 1] == "排名" and header[-1] == "评分表扣分"
    indicator_cols = header[total_col + 2:-1]
    assert indicator_cols and all("分）" in h for h in indicator_cols)
    for row in rows[1:]:
        assert float(row[total_col]) == pytest.approx(sum(float(x) for x in row[total_col + 2:-1]))
    no_causes = next(r for r in rows[1:] if "no-causes" in r[0])
    assert "FZ003" in no_causes[-1]


def test_equal_totals_share_a_rank_in_audit_order(tmp_path: Path):
    for name in ("b.txt", "a.txt"):
        shutil.copy(FIXTURES / "missing" / "no-causes.txt", tmp_path / name)
    shutil.copy(FIXTURES / "model" / "model-report.txt", tmp_path / "c.txt")
    data, _ = _json(str(tmp_path))
    ranking = data["ranking"]
    assert [Path(e["path"]).name for e in ranking] == ["c.txt", "a.txt", "b.txt"]
    assert [e["rank"] for e in ranking] == [1, 2, 2]


# -- the arithmetic, with schemes written for the test ----------------------------------------------

def _scheme(tmp_path: Path, indicators: str, total: str = "") -> Path:
    path = tmp_path / "s.yaml"
    path.write_text(
        "scheme: s\ntitle: 测试评分表\nversion: '1'\n" + total
        + "sources:\n  x: {title: 测试依据}\nindicators:\n" + indicators, encoding="utf-8")
    return path


def _sheet(scheme: Path, report: str) -> dict:
    out = run_audit("--scoring", str(scheme), "--format", "json", report)
    assert "Traceback" not in out.stderr and out.stdout, out.stderr
    return json.loads(out.stdout)["reports"][0]["score_sheet"]


def test_deductions_are_capped_by_max_and_by_the_indicator(tmp_path: Path):
    scheme = _scheme(tmp_path, (
        "  - {id: G, title: 规范性文件, points: 4, source: [x], deductions: [\n"
        "      {per: missing, rules: [GF001], points: 3}]}\n"
        "  - {id: H, title: 规范性文件上限, points: 4, source: [x], deductions: [\n"
        "      {per: missing, rules: [GF001], points: 1, max: 2}]}\n"))
    sheet = _sheet(scheme, "fixtures/missing/no-normative-docs.txt")
    _assert_adds_up(sheet)
    g, h = sheet["indicators"]
    assert len(g["deductions"]) == len(h["deductions"]) >= 3  # every missing item is listed
    assert g["awarded"] == 0 and [d["points"] for d in g["deductions"]][:2] == [3, 1]
    assert h["awarded"] == 2 and sum(d["points"] for d in h["deductions"]) == 2


def test_combinations_partial_credit_and_not_applicable(tmp_path: Path):
    scheme = _scheme(tmp_path, (
        "  - {id: A, title: 不足和原因, points: 10, source: [x], earn: {all_of: [FZ002, FZ003]}}\n"
        "  - {id: B, title: 任一, points: 10, source: [x], earn: {any_of: [FZ002, FZ003]}}\n"
        "  - {id: C, title: 部分, points: 10, source: [x], earn: {rule: FZ003, partial: 0.3}}\n"
        "  - {id: D, title: 不适用零分, points: 5, source: [x], earn: TM004, not_applicable: zero}\n"
        "  - {id: E, title: 不适用满分, points: 5, source: [x], earn: TM004}\n"), total="total: 40\n")
    sheet = _sheet(scheme, "fixtures/missing/no-causes.txt")  # a department: FZ002 pass, FZ003 fail
    _assert_adds_up(sheet)
    a, b, c, d, e = sheet["indicators"]
    assert a["awarded"] == 0 and "FZ003" in a["deductions"][0]["reason"]
    assert b["awarded"] == 10 and not b["deductions"]
    assert c["awarded"] == 0
    assert d["awarded"] == 0 and d["deductions"][0]["kind"] == "not_applicable"
    assert e["awarded"] == 5 and e["status"] == "not_applicable"


# -- bad schemes: one line, the YAML line, exit 2 ------------------------------------------------

def _one_line_error(out, *needles: str) -> None:
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in out.stderr, out.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def test_a_total_that_is_not_the_sum_names_its_line(tmp_path: Path):
    scheme = _scheme(tmp_path, "  - {id: A, title: 举措, points: 10, source: [x], earn: FZ001}\n", total="total: 100\n")
    _one_line_error(run_audit("--scoring", str(scheme), "fixtures/model/model-report.txt"),
                    f"{scheme}:4:", "total: 100 is not the sum")


def test_the_shipped_example_with_a_wrong_total(tmp_path: Path):
    bad = tmp_path / "example.yaml"
    text = SCHEME.read_text(encoding="utf-8")
    bad.write_text(text.replace("\ntotal: 100\n", "\ntotal: 90\n"), encoding="utf-8")
    line = text[: text.index("\ntotal: 100\n")].count("\n") + 2
    _one_line_error(run_audit("--scoring", str(bad), "fixtures/model/model-report.txt"), f"{bad}:{line}:")


@pytest.mark.parametrize(("indicators", "line", "needle"), [
    ("  - {id: A, title: 举措, points: 10, source: [x], earn: ZZ001}\n", 7, "no rule 'ZZ001'"),
    ("  - id: A\n    title: 举措\n    points: 10\n    source: [x]\n    earn: FZ001\n"
     "    deductions:\n      - {per: finding, rules: [PN], point: 1}\n", 13, "unknown key 'point'"),
    ("  - {id: A, title: 举措, points: 10, source: [nope], earn: FZ001}\n", 7, "unknown source 'nope'"),
    ("  - {id: A, title: 举措, points: 10, source: [x], earn: FZ001}\n"
     "  - {id: A, title: 重复, points: 5, source: [x], earn: FZ002}\n", 8, "used twice"),
    ("  - {id: A, title: 举措, points: 10, source: [x]}\n", 7, "needs 'earn', 'deductions'"),
    ("  - {id: A, title: 举措, points: 10, source: [x], earn: {rule: FZ001, any_of: [FZ002]}}\n", 7,
     "exactly one of"),
])
def test_bad_scheme_is_one_line_with_the_yaml_line(tmp_path: Path, indicators: str, line: int, needle: str):
    scheme = _scheme(tmp_path, indicators)
    _one_line_error(run_audit("--scoring", str(scheme), "fixtures/model/model-report.txt"),
                    f"{scheme}:{line}:", needle)


def test_unknown_scheme_name_and_invalid_yaml(tmp_path: Path):
    _one_line_error(run_audit("--scoring", "no-such-scheme", "fixtures/model/model-report.txt"),
                    "unknown scheme 'no-such-scheme'", "example-scheme")
    broken = tmp_path / "broken.yaml"
    broken.write_text("scheme: s\ntitle: [不闭合\n", encoding="utf-8")
    _one_line_error(run_audit("--scoring", str(broken), "fixtures/model/model-report.txt"),
                    f"{broken}:", "invalid YAML")


def test_every_indicator_of_the_example_cites_a_source():
    from auditor.scoresheet import load_scheme

    scheme = load_scheme("example-scheme")
    assert scheme.spec.total == scheme.total == 100
    for ind in scheme.spec.indicators:
        assert scheme.sources_of(ind), ind.id
    assert all(s.url or s.note for s in scheme.spec.sources.values())


def test_quiet_keeps_the_ranking_and_a_single_reports_total():
    many = run_audit("--quiet", "--scoring", "example-scheme", "fixtures/missing/no-plan.txt",
                     "fixtures/missing/no-causes.txt")
    ranking = json.loads(run_audit("--scoring", "example-scheme", "--format", "json", "fixtures/missing/no-plan.txt",
                                   "fixtures/missing/no-causes.txt").stdout)["ranking"]
    lines = many.stdout.splitlines()
    assert any(line.startswith("排名") for line in lines)
    rows = [line for line in lines if line.strip()[:1].isdigit() and "/" in line]
    assert [row.split()[-1].split("（")[0] for row in rows] == [e["path"] for e in ranking]
    one = run_audit("--quiet", "--scoring", "example-scheme", "fixtures/missing/no-plan.txt")
    sheet = json.loads(run_audit("--scoring", "example-scheme", "--format", "json",
                                 "fixtures/missing/no-plan.txt").stdout)["reports"][0]["score_sheet"]
    assert one.stdout.splitlines()[-1] == f"评分表得分：{sheet['awarded']:g}/{sheet['total']:g}"
