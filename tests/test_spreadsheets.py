"""The spreadsheets a reviewer opens: ``--format csv`` and ``--format xlsx`` through the real command
line, read back with the csv module and openpyxl, and the workbook opened by LibreOffice.

Every expectation is taken from the JSON of the same run (statuses, findings, missing items),
never written into the test.
"""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from auditor.models import Severity, Status
from auditor.report.labels import GROUP_LABELS, KIND_LABELS, VERDICT_LABELS, group_of
from auditor.report.xlsx_format import display_width

from .conftest import ROOT, require_tool, run_audit

openpyxl = pytest.importorskip("openpyxl", reason="pip install 'auditor[xlsx]' (the test extra installs it)")

ONE = "fixtures/missing/no-normative-docs.txt"
REPORT_COLUMNS = ["文件", "标题", "发文机关", "报告年度", "类型", "得分", "结论", "说明"]
STATUS_WORDS = {s.label for s in Status}
HEADER = re.compile(r"^([A-Z]{2,4}\d{3}) (\S.*)$")


def _statuses(result: dict) -> dict[str, str]:
    return {r["code"]: r["status"] for r in result["results"]}


def _label(status: str, waived: bool = False) -> str:
    return Status(status).label + ("（已豁免）" if waived else "")


@pytest.fixture(scope="module")
def folder_run(tmp_path_factory) -> dict:
    """``audit fixtures/`` once, writing JSON, CSV and XLSX from the same run."""
    out = tmp_path_factory.mktemp("folder")
    done = run_audit("fixtures/", "--jobs", "2", "--format", "concise", "--output", f"json={out / 'run.json'}",
                     "--output", f"csv={out / 'run.csv'}", "--output", f"xlsx={out / 'run.xlsx'}")
    assert done.returncode in (1, 2), done.stderr  # fixtures/ holds failing and unreadable files on purpose
    assert "Traceback" not in done.stderr
    return {"dir": out, "json": json.loads((out / "run.json").read_text(encoding="utf-8")),
            "csv": out / "run.csv", "xlsx": out / "run.xlsx"}


def _read_csv(path: Path) -> list[list[str]]:
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


# -- CSV -----------------------------------------------------------------------------------------


def test_folder_csv_is_the_matrix_of_every_report_in_chinese(folder_run):
    rows = _read_csv(folder_run["csv"])
    reports = folder_run["json"]["reports"]
    header, body = rows[0], rows[1:]
    assert header[: len(REPORT_COLUMNS)] == REPORT_COLUMNS and header[-1] == "缺失要素"
    rule_headers = header[len(REPORT_COLUMNS):-1]
    codes = [HEADER.match(h).group(1) for h in rule_headers]  # every rule column: "GF001 规范性文件…"
    assert all(re.search(r"[\u4e00-\u9fff]", HEADER.match(h).group(2)) for h in rule_headers)
    assert {r["code"] for rep in reports for r in rep["results"]} <= set(codes)
    assert [r[0] for r in body] == [rep["path"] for rep in reports]  # one row per report, in order
    for row, rep in zip(body, reports, strict=True):
        cells = dict(zip(header, row, strict=True))
        not_a_report = rep.get("status") == "not_a_report"
        assert cells["结论"] == ("非年度报告" if not_a_report else VERDICT_LABELS[rep["verdict"]])
        by_code = {r["code"]: r for r in rep["results"]}
        for code, h in zip(codes, rule_headers, strict=True):
            r = by_code.get(code)
            expected = _label(r["status"], r["waived"]) if r else ("" if rep["evaluated"] or not_a_report else "未评估")
            assert cells[h] == expected, (rep["path"], code)
            assert cells[h] == "" or cells[h].split("（")[0] in STATUS_WORDS
        if rep["evaluated"]:
            kind = (rep["metadata"].get("kind") or {}).get("value", "unknown")
            assert cells["类型"] == KIND_LABELS[kind]
            assert cells["得分"] == f"{rep['score']:g}"
            for entry in rep["missing"]:  # every missing item, under its rule's code
                part = next(p for p in cells["缺失要素"].split("；") if p.startswith(entry["code"] + "："))
                assert all(item["label"] in part for item in entry["items"])
        else:
            assert cells["说明"] == rep["problem"]
    assert any(c == "不符合" for row in body for c in row) and any(c == "符合" for row in body for c in row)


def test_one_report_csv_and_no_internal_words(tmp_path: Path):
    done = run_audit(ONE, "--format", "csv")
    rep = json.loads(run_audit(ONE, "--format", "json").stdout)["reports"][0]
    assert done.returncode == 1
    path = tmp_path / "one.csv"
    path.write_bytes(done.stdout.encode("utf-8"))
    rows = _read_csv(path)
    assert len(rows) == 2
    cells = dict(zip(rows[0], rows[1], strict=True))
    gf = next(h for h in rows[0] if h.startswith("GF001 "))
    assert cells[gf] == Status(_statuses(rep)["GF001"]).label
    text = "".join(rows[1])
    for internal in ("pass", "fail", "not_applicable", "department", "--fail-on"):
        assert internal not in text.replace(ONE, "")


# -- XLSX ----------------------------------------------------------------------------------------


def _fill(cell) -> str:
    return (cell.fill.fgColor.rgb or "")[-6:].upper() if cell.fill and cell.fill.fill_type == "solid" else ""


def test_folder_workbook_matrix_matches_the_csv_with_colours_and_words(folder_run):
    from auditor.report.xlsx_format import STATUS_FILLS

    csv_rows = _read_csv(folder_run["csv"])
    wb = openpyxl.load_workbook(folder_run["xlsx"])
    assert wb.sheetnames[:3] == ["矩阵", "问题", "缺失要素"]
    ws = wb["矩阵"]
    assert [c.value for c in ws[1]] == csv_rows[0]
    assert ws.max_row == len(csv_rows)
    assert ws.freeze_panes == "B2"  # header row and file column stay in view
    assert ws.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(csv_rows[0]))}{len(csv_rows)}"
    by_word = {s.label: STATUS_FILLS[s] for s in Status}
    coloured = 0
    for i, row in enumerate(csv_rows[1:], start=2):
        for j, text in enumerate(row, start=1):
            cell = ws.cell(row=i, column=j)
            value = "" if cell.value is None else cell.value
            if csv_rows[0][j - 1] in ("得分", "报告年度") and value != "":
                assert float(value) == float(text)
                continue
            assert str(value) == text
            if j > len(REPORT_COLUMNS) and j < len(row) and text:  # a rule status: its word AND its colour
                assert _fill(cell) == by_word[text.split("（")[0]], (i, j, text)
                coloured += 1
    assert coloured > 100
    # widths sized for Chinese: the organisation column holds its longest name (CJK counted double)
    org = REPORT_COLUMNS.index("发文机关") + 1
    longest = max(display_width(r[org - 1]) for r in csv_rows[1:])
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(org)].width >= min(longest, 30)
    assert ws.column_dimensions["A"].width > ws.column_dimensions["I"].width  # file wider than a status


def test_findings_sheet_has_one_row_per_finding(folder_run):
    reports = folder_run["json"]["reports"]
    ws = openpyxl.load_workbook(folder_run["xlsx"])["问题"]
    header = [c.value for c in ws[1]]
    assert header == ["文件", "代码", "规则", "级别", "位置", "原文", "问题", "修改建议", "依据"]
    findings = [(rep["path"], f) for rep in reports for f in rep["findings"]]
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=2)]
    assert len(rows) == len(findings) > 0
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref
    titles = {r["code"]: r["title"] for rep in reports for r in rep["results"]}
    for i, (row, (path, f)) in enumerate(zip(rows, findings, strict=True), start=2):
        cells = dict(zip(header, row, strict=True))
        assert cells["文件"] == path and cells["代码"] == f["code"]
        assert cells["级别"] == Severity(f["severity"]).label and _fill(ws.cell(row=i, column=4))
        assert cells["规则"] == titles[f["code"]]
        assert not cells["问题"].startswith(titles[f["code"]])  # the title is in its own column
        assert f["message"].endswith(cells["问题"])
        assert (cells["原文"] or None) == f["quote"]
    missing = openpyxl.load_workbook(folder_run["xlsx"])["缺失要素"]
    assert missing.max_row - 1 == sum(len(rep["missing"]) for rep in reports)


def test_one_report_workbook_to_a_redirected_stdout_and_to_a_file(tmp_path: Path):
    rep = json.loads(run_audit(ONE, "--format", "json").stdout)["reports"][0]
    target = tmp_path / "one.xlsx"
    with (tmp_path / "stdout.xlsx").open("wb") as fh:  # -f xlsx > file: bytes, nothing else
        done = subprocess.run([sys.executable, "-m", "auditor", ONE, "--format", "xlsx", "--output",
                               f"xlsx={target}"], cwd=ROOT, stdout=fh, stderr=subprocess.PIPE, timeout=120)
    assert done.returncode == 1, done.stderr
    for path in (target, tmp_path / "stdout.xlsx"):
        wb = openpyxl.load_workbook(path)
        assert wb["矩阵"].max_row == 2 and wb["问题"].max_row - 1 == len(rep["findings"])
        gf = next(c for c in wb["矩阵"][1] if str(c.value).startswith("GF001 "))
        assert wb["矩阵"].cell(row=2, column=gf.column).value == Status(_statuses(rep)["GF001"]).label
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_an_existing_workbook_is_replaced_whole(tmp_path: Path):
    target = tmp_path / "r.xlsx"
    target.write_bytes(b"old")
    assert run_audit(ONE, "--output", f"xlsx={target}").returncode == 1
    assert openpyxl.load_workbook(target)["矩阵"].max_row == 2
    refused = run_audit(ONE, "--output", f"xlsx={tmp_path}/")
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1 and "is a folder" in refused.stderr


def test_xlsx_to_a_terminal_is_refused_in_one_line(tmp_path: Path):
    pty = pytest.importorskip("pty")
    main, child = pty.openpty()
    try:
        done = subprocess.run([sys.executable, "-m", "auditor", ONE, "--format", "xlsx"], cwd=ROOT, stdout=child,
                              stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(child)
        os.close(main)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "--output xlsx=PATH" in done.stderr and "Traceback" not in done.stderr


def test_without_openpyxl_one_line_says_what_to_install(tmp_path: Path):
    """A Python on which openpyxl cannot be imported: the workbook is refused before the audit."""
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "sitecustomize.py").write_text(
        "import sys\nclass _Block:\n    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'openpyxl' or name.startswith('openpyxl.'):\n"
        "            raise ImportError('No module named openpyxl')\n"
        "sys.meta_path.insert(0, _Block())\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(blocker)}
    target = tmp_path / "r.xlsx"
    done = run_audit(ONE, "--output", f"xlsx={target}", env=env)
    assert done.returncode == 2 and done.stdout == "" and not target.exists()
    assert done.stderr.strip() == "audit: error: --format xlsx needs openpyxl: pip install 'auditor[xlsx]'"
    assert run_audit(ONE, "--format", "csv", env=env).returncode == 1  # the other formats do not need it


def test_openpyxl_is_imported_only_when_a_workbook_is_written():
    code = ("import sys, io, contextlib\nfrom auditor.cli import main\nimport auditor.report.xlsx_format\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n    main(['" + ONE + "', '-f', 'csv'])\n"
            "print('openpyxl' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.stdout.strip().splitlines()[-1] == "False", done.stderr


# -- LibreOffice opens it --------------------------------------------------------------------------


def _tool(name: str) -> str:
    return require_tool(name, "libreoffice-calc-nogui poppler-utils")


def test_libreoffice_opens_the_workbook(folder_run, tmp_path: Path):
    soffice = _tool("soffice")
    done = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(folder_run["xlsx"])],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / "run.pdf"
    if done.returncode == 0 and not pdf.is_file() and "could not be loaded" in done.stderr + done.stdout:
        pytest.fail("LibreOffice cannot load .xlsx: install libreoffice-calc-nogui")
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    from pypdf import PdfReader

    text = "".join(page.extract_text() or "" for page in PdfReader(str(pdf)).pages)
    first_rule = folder_run["json"]["reports"][0]["results"][0]["code"]
    assert "不符合" in text and "符合" in text and first_rule in text
    pdftoppm = _tool("pdftoppm")
    subprocess.run([pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    assert (tmp_path / "page-01.png").stat().st_size > 1000


# -- reviewer wording ------------------------------------------------------------------------------


def test_every_group_of_every_shipped_pack_has_a_chinese_name():
    from auditor.resources import shipped_rules_dir

    codes = re.findall(r"^\s+- code: ([A-Z]+\d+)", "".join(
        p.read_text(encoding="utf-8") for p in (shipped_rules_dir() / "packs").glob("*.yaml")), re.M)
    assert codes and {group_of(c) for c in codes} <= set(GROUP_LABELS)


def test_audit_rule_shows_no_developer_notes_and_speaks_chinese(capsys):
    from auditor.cli import main

    assert main(["rules"]) == 0  # the same command line, in this process: the pack is loaded once
    codes = re.findall(r"^([A-Z]{2,4}\d{3})\s", capsys.readouterr().out, re.M)
    assert codes
    for code in codes:
        assert main(["rule", code]) == 0
        lines = capsys.readouterr().out.rstrip().splitlines()
        body = "\n".join(lines[:-1])  # the last line is for pack authors: file, check type, scope
        assert lines[-1].startswith("规则来源：") and "检查类型" not in body
        assert re.search(r"TODO|FIXME|XXX|待.{0,12}核[对实]", "\n".join(lines)) is None, code
        assert f"分组：{GROUP_LABELS[group_of(code)]}" in body
        requirement = body.split("\n要求\n")[1].split("\n\n")[0]
        assert not re.search(r"[\u4e00-\u9fff，。] [\u4e00-\u9fff]", requirement), code  # no folded-line gaps
        assert not re.search(r"\b(department|government|town|joint)\b", body)
