"""``audit --compare-years``: a folder of both years, each report compared with the same
organisation's report of the year before; the configuration's ``previous`` mapping; the
comparison inside the HTML evidence report (real browser).

The folder is fixtures/compare/2024.txt and 2025.txt (labels: fixtures/compare/expected.yaml) plus
fixtures/compare/folder/ (a second organisation's pair and a report without a predecessor,
labels: fixtures/compare/folder/expected.yaml, written before the tool was run on them).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import yaml

from .conftest import FIXTURES, run_audit
from .test_html_report import Tab, browser, tab  # noqa: F401  (one browser, the same watchers)

PAIR = FIXTURES / "compare"
FOLDER = PAIR / "folder"
PAIR_LABELS = yaml.safe_load((PAIR / "expected.yaml").read_text(encoding="utf-8"))
LABELS = yaml.safe_load((FOLDER / "expected.yaml").read_text(encoding="utf-8"))
TRANSPORT = "交通运输局2025.txt"
PAYLOAD = "<img src=x onerror=alert('years')>"


def _folder(tmp_path: Path, edit: tuple[str, str] | None = None) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    for src in [PAIR / "2024.txt", PAIR / "2025.txt", *sorted(FOLDER.glob("*.txt"))]:
        text = src.read_text(encoding="utf-8")
        if edit is not None:
            text = text.replace(*edit)
        (reports / src.name).write_text(text, encoding="utf-8")
    return reports


def _run_json(*args: str, cwd: Path) -> tuple[dict, str, int]:
    out = run_audit("--format", "json", *args, cwd=cwd)
    assert out.stdout, out.stderr
    return json.loads(out.stdout), out.stderr, out.returncode


def _name(path: str) -> str:
    return Path(path).name


def _figures(c: dict) -> list[tuple[str, str, str]]:
    return [(f["indicator"], f"{f['last_value']:g}{f['unit']}", f"{f['this_value']:g}{f['unit']}")
            for f in c["figures"]]


def _check_against(c: dict, labels: dict, figures: list[dict]) -> None:
    assert [p["item"] for p in c["plan"] if p["status"] == "reported"] == labels["plan"]["reported"]
    assert [p["item"] for p in c["plan"] if p["status"] == "not_found"] == labels["plan"]["not_found"]
    assert [r["kind"] for r in c["repeated"]] == [r["kind"] for r in labels["repeated"]]
    for got, want in zip(c["repeated"], labels["repeated"], strict=True):
        assert got["last"]["quote"].startswith(want["last"]) and got["this"]["quote"].startswith(want["this"])
        assert got["last"]["location"] and got["this"]["location"]  # both locations
    assert _figures(c) == [(f["indicator"], f["last"], f["this"]) for f in figures]


def test_a_folder_of_both_years_is_paired_by_organisation_and_year(tmp_path: Path) -> None:
    reports = _folder(tmp_path)
    plain, plain_err, plain_code = _run_json("reports", cwd=tmp_path)
    data, err, code = _run_json("--compare-years", "reports", cwd=tmp_path)
    assert code == plain_code and data["reports"] == plain["reports"]  # additive: the audit is unchanged
    assert "comparisons" not in plain and "note" not in plain_err  # never compared without asking
    pairs = {_name(c["this"]["path"]): _name(c["last"]["path"]) for c in data["comparisons"]}
    assert pairs == LABELS["pairs"]
    assert [_name(n["path"]) for n in data["not_compared"]] == LABELS["not_compared"]
    notes = [line for line in err.splitlines() if line.startswith("audit: note:")]
    assert len(notes) == 1 and "应急管理局2025.txt" in notes[0] and "2024年度" in notes[0]
    by_this = {_name(c["this"]["path"]): c for c in data["comparisons"]}
    _check_against(by_this["2025.txt"], PAIR_LABELS, PAIR_LABELS["figures"])
    transport = LABELS[TRANSPORT]
    _check_against(by_this[TRANSPORT], transport, transport["figures"] + transport["figures_after_run"])
    assert all(Path(c["this"]["path"]).parent == Path(reports.name) for c in data["comparisons"])


def test_the_table_shows_each_pair_and_the_report_left_out(tmp_path: Path) -> None:
    _folder(tmp_path)
    out = run_audit("--compare-years", "reports", cwd=tmp_path, env={**os.environ, "COLUMNS": "100"})
    assert out.returncode in (0, 1), out.stderr
    assert out.stdout.count("年度报告对比：") == 2
    assert "上年度工作安排的落实情况：共4项，已报告2项，未见报告2项" in out.stdout
    assert "未作对比的报告：" in out.stdout and "应急管理局2025.txt" in out.stdout.split("未作对比的报告：")[1]


def test_two_reports_of_one_organisation_and_year_are_not_guessed(tmp_path: Path) -> None:
    reports = _folder(tmp_path)
    shutil.copy(reports / "2025.txt", reports / "2025修订稿.txt")
    data, err, _ = _run_json("--compare-years", "reports", cwd=tmp_path)
    assert {_name(c["this"]["path"]) for c in data["comparisons"]} == {TRANSPORT}
    left = {_name(n["path"]): n["reason"] for n in data["not_compared"]}
    assert set(left) == {"2024.txt", "2025.txt", "2025修订稿.txt", "应急管理局2025.txt"}
    assert "2025修订稿.txt" in left["2025.txt"] and "2025.txt" in left["2025修订稿.txt"]
    notes = [line for line in err.splitlines() if line.startswith("audit: note:")]
    assert len(notes) == 4  # one line each


def _strip_organisation(tmp_path: Path) -> Path:
    """The market-regulation pair with the organisation nowhere: title, opening and signature."""
    folder = tmp_path / "scans"
    folder.mkdir()
    for year in (2024, 2025):
        lines = (PAIR / f"{year}.txt").read_text(encoding="utf-8").splitlines()
        lines = [line.replace("云岭县市场监督管理局", "") for line in lines if line != "云岭县市场监督管理局"]
        (folder / f"扫描件{year}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_the_configuration_maps_files_whose_metadata_cannot_be_read(tmp_path: Path) -> None:
    folder = _strip_organisation(tmp_path)
    data, err, _ = _run_json("--compare-years", "scans", cwd=tmp_path)
    assert data["comparisons"] == []
    assert all("未能识别发文机关" in n["reason"] for n in data["not_compared"]) and len(data["not_compared"]) == 2
    (folder / "auditor.yaml").write_text('previous:\n  "扫描件2025.txt": "扫描件2024.txt"\n', encoding="utf-8")
    data, err, _ = _run_json("scans", cwd=tmp_path)  # the mapping alone does not turn comparing on
    assert "comparisons" not in data
    assert [line for line in err.splitlines() if "note" in line] == [
        f"audit: note: {(folder / 'auditor.yaml').resolve()}: 'previous' pairs reports only when comparing "
        "years (--compare-years or compare-years: true); nothing compared"]
    (folder / "auditor.yaml").write_text('compare-years: true\nprevious:\n  "扫描件2025.txt": "扫描件2024.txt"\n',
                                         encoding="utf-8")
    data, err, _ = _run_json("scans", cwd=tmp_path)
    assert data["not_compared"] == [] and "note" not in err
    [c] = data["comparisons"]
    assert (_name(c["last"]["path"]), _name(c["this"]["path"])) == ("扫描件2024.txt", "扫描件2025.txt")
    _check_against(c, PAIR_LABELS, PAIR_LABELS["figures"])


def test_a_mapping_to_a_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    folder = _strip_organisation(tmp_path)
    (folder / "auditor.yaml").write_text('previous:\n  "扫描件2025.txt": "2024/扫描件.txt"\n', encoding="utf-8")
    out = run_audit("--compare-years", "scans", cwd=tmp_path)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.count("\n") == 1 and "auditor.yaml" in out.stderr and "扫描件.txt" in out.stderr


def test_previous_and_compare_years_together_are_refused(tmp_path: Path) -> None:
    out = run_audit("--compare-years", "--previous", str(PAIR / "2024.txt"), str(PAIR / "2025.txt"))
    assert out.returncode == 2 and out.stdout == "" and out.stderr.count("\n") == 1


def test_previous_with_a_format_that_cannot_show_it_is_a_note(tmp_path: Path) -> None:
    plain = run_audit("--format", "sarif", str(PAIR / "2025.txt"))
    out = run_audit("--format", "sarif", str(PAIR / "2025.txt"), "--previous", str(PAIR / "2024.txt"))
    assert out.returncode == plain.returncode and out.stdout == plain.stdout
    notes = [line for line in out.stderr.splitlines() if line.startswith("audit: note:")]
    assert len(notes) == 1 and "sarif" in notes[0] and "html" in notes[0]


def test_the_evidence_report_shows_the_comparison_side_by_side(tab: Tab, tmp_path: Path) -> None:  # noqa: F811
    """``--compare-years --output html=DIR/``: each compared report's page holds the comparison,
    last year left; the index marks which reports were compared and why one was not; report text
    with markup shows as text; no console error, no request leaving the page."""
    anchor = "路政和运政执法人员"
    _folder(tmp_path, (anchor, anchor + PAYLOAD))
    out = run_audit("--compare-years", "--output", "html=out/", "reports", cwd=tmp_path)
    assert out.returncode in (0, 1), out.stderr
    index = tmp_path / "out" / "index.html"
    tab.open(index)
    p = tab.page
    assert p.locator("td.compared").count() == 2
    left_out = p.locator("td.not-compared")
    assert left_out.count() == 1 and "2024年度" in (left_out.get_attribute("title") or "")
    assert p.locator("td.as-last").count() == 2
    p.locator("tr", has_text="交通运输局2025.txt").locator("td.compared a").click()
    p.wait_for_load_state("load")
    section = p.locator("section.cmp")
    assert section.count() == 1 and section.is_visible()
    assert p.url.endswith("#r1-cmp")
    assert section.locator("article.plan-item").count() == 4
    assert section.locator('article.plan-item[data-status="reported"]').count() == 2
    row = section.locator("article.repetition")
    assert row.count() == 1
    left, right = row.locator(".side.last"), row.locator(".side.this")
    a, b = left.bounding_box(), right.bounding_box()
    assert a and b and abs(a["y"] - b["y"]) < 2 and a["x"] + a["width"] <= b["x"]  # side by side
    assert PAYLOAD in left.inner_text() and PAYLOAD in right.inner_text()  # shown as text
    assert p.locator("main img").count() == 0
    assert section.locator("tr.figure").count() == 3
    assert p.locator(".cmp .side.this .quote").first.evaluate("e => getComputedStyle(e).fontSize") != "13px"
    section.scroll_into_view_if_needed()
    p.screenshot(path=str(tmp_path / "compare-years.png"), full_page=False)
    if os.environ.get("AUDITOR_ARTIFACTS"):  # a folder to keep the screenshot for a person
        shutil.copy(tmp_path / "compare-years.png", Path(os.environ["AUDITOR_ARTIFACTS"]) / "compare-years.png")
    assert tab.problems == []


def test_previous_puts_the_comparison_into_the_single_page(tab: Tab, tmp_path: Path) -> None:  # noqa: F811
    page = tmp_path / "r.html"
    out = run_audit(str(PAIR / "2025.txt"), "--previous", str(PAIR / "2024.txt"), "--output", f"html={page}")
    assert out.returncode in (0, 1), out.stderr
    assert "note" not in out.stderr
    tab.open(page)
    p = tab.page
    assert p.locator("section.report section.cmp").count() == 1
    assert p.locator(".cmp article.plan-item").count() == 5
    p.click("a[href='#r1-cmp']")
    assert p.locator("#r1-cmp").is_visible()
    assert tab.problems == []


def test_compare_years_in_the_configuration_is_not_lost_by_streaming_jsonl(tmp_path: Path) -> None:
    """--format jsonl alone streams results one by one; a configuration asking to compare years
    gets the whole run instead, and the note that jsonl cannot show the comparison."""
    reports = _folder(tmp_path)
    (reports / "auditor.yaml").write_text("compare-years: true\n", encoding="utf-8")
    out = run_audit("--format", "jsonl", "reports", cwd=tmp_path)
    assert len(out.stdout.splitlines()) == 5  # one line per report, as when streaming
    notes = [line for line in out.stderr.splitlines() if line.startswith("audit: note:")]
    assert any("jsonl" in n and "html" in n for n in notes), out.stderr
