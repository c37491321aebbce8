"""Every output format: a golden file on the same fixtures, plus the format's own contract
(SARIF schema, GitHub escaping and limits, JUnit structure, CSV for Excel).

Regenerate the golden files after an intended change with:
    AUDITOR_UPDATE_GOLDEN=1 pytest tests/test_outputs.py
"""

from __future__ import annotations

import csv
import io
import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import auditor
from auditor.report.github import escape_data, escape_property

from .conftest import FIXTURES, ROOT, SHARED, run_audit

INPUTS = ["fixtures/missing/no-normative-docs.txt", "fixtures/missing/no-causes.txt"]
GOLDEN = FIXTURES / "golden" / "formats"
# Text outputs get ".golden", not ".txt"/".md": those are report types, which `audit fixtures/` would audit.
SUFFIX = {"table": "golden", "concise": "golden", "json": "json", "jsonl": "jsonl", "sarif": "sarif", "junit": "xml",
          "github": "golden", "markdown": "golden", "csv": "csv", "html": "golden"}


def _render(fmt: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"}
    out = run_audit("--format", fmt, *INPUTS, env=env)
    assert out.returncode == 1, out.stderr  # one of the two fails the gate
    return out.stdout.replace(auditor.__version__, "{version}")


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
def test_format_matches_golden_file(fmt: str):
    text = _render(fmt)
    golden = GOLDEN / f"report.{fmt}.{SUFFIX[fmt]}"
    if os.environ.get("AUDITOR_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8", newline="")
    assert text == golden.read_text(encoding="utf-8")


def _sarif() -> dict:
    return json.loads(_render("sarif"))


def test_sarif_validates_against_the_official_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"SARIF schema not found at {schema_file}")
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(_sarif())
    empty = json.loads(run_audit("--format", "sarif", "fixtures/model/model-report.txt").stdout)
    jsonschema.Draft4Validator(schema).validate(empty)  # valid with no findings too
    assert empty["runs"][0]["results"] == []


def test_sarif_content_for_github_code_scanning():
    run = _sarif()["runs"][0]
    rules = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    assert {"FZ001", "GF001", "FZ003"} <= set(rules)
    gf = rules["GF001"]
    assert gf["shortDescription"]["text"] and gf["fullDescription"]["text"]
    assert "国办发〔2018〕115号" in gf["help"]["text"] and gf["help"]["markdown"].startswith("**GF001")
    assert run["invocations"][0]["executionSuccessful"] is True
    result = next(r for r in run["results"] if r["ruleId"] == "GF001")
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "fixtures/missing/no-normative-docs.txt"  # repo-relative
    assert location["region"]["startLine"] >= 1 and result["level"] == "error"
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "GF001"


def test_sarif_unreadable_report_is_an_unsuccessful_execution():
    out = run_audit("--format", "sarif", "fixtures/model/model-report.txt", "fixtures/edge/empty.txt")
    assert out.returncode == 2
    invocation = json.loads(out.stdout)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert "file is empty" in invocation["toolExecutionNotifications"][0]["message"]["text"]


def test_github_escaping_rules():
    assert escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_github_annotations_are_well_formed_and_limited(tmp_path: Path):
    text = _render("github")
    lines = text.splitlines()
    assert any(line.startswith("::error file=fixtures/missing/no-normative-docs.txt,line=") for line in lines)
    for line in lines:
        command, _, message = line.partition("::")[2].partition("::")
        assert "\n" not in message and "\r" not in message
        props = dict(p.split("=", 1) for p in command.split(" ", 1)[1].split(",")) if " " in command else {}
        if "col" in props:  # columns only on single-line spans
            assert props["line"] == props["endLine"]
    # Many findings: at most 10 per level, and a notice saying how many were left out.
    many = tmp_path / "many.txt"
    body = "".join(f"深入推进法制政府建设第{i}项。\n" for i in range(30))
    many.write_text("青禾市生态环境局关于2025年度法治政府建设情况的报告\n" + body, encoding="utf-8")
    out = run_audit("--format", "github", str(many)).stdout.splitlines()
    assert sum(line.startswith("::error ") for line in out) == 10
    assert out[-1].startswith("::notice title=auditor::另有")


def test_github_step_summary_receives_the_markdown(tmp_path: Path):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    out = run_audit("--format", "github", *INPUTS, env=env)
    assert out.returncode == 1
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n# 法治政府建设年度报告审查结果")  # appended, not replaced
    assert "| ✗ | GF001 |" in text and "### 缺失要素及修改建议" in text


def test_junit_structure():
    root = ET.fromstring(_render("junit"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == INPUTS
    first = suites[0]
    assert first.find("properties/property[@name='score']").get("value")
    cases = first.findall("testcase")
    assert len(cases) == int(first.get("tests")) == len(auditor.load_rules().rules)  # passes included
    failing = [c for c in cases if c.find("failure") is not None]
    assert any(c.get("name").startswith("GF001") for c in failing)
    assert int(first.get("skipped")) == len([c for c in cases if c.find("skipped") is not None])


def test_csv_opens_in_excel():
    raw = _render("csv")
    assert raw.startswith("\ufeff")  # UTF-8 BOM
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff"))))
    header = rows[0]
    assert header[:7] == ["文件", "标题", "发文机关", "报告年度", "类型", "得分", "结论"]
    assert len(rows) == 3
    by_path = {r[0]: {h.split(" ")[0]: v for h, v in zip(header, r, strict=True)} for r in rows[1:]}
    assert by_path[INPUTS[0]]["GF001"] == "不符合" and by_path[INPUTS[0]]["结论"] == "不通过"
    assert by_path[INPUTS[1]]["FZ003"] == "不符合" and by_path[INPUTS[1]]["结论"] == "通过"


def test_concise_and_jsonl():
    concise = _render("concise").splitlines()
    assert any(line.startswith("fixtures/missing/no-normative-docs.txt:") and " GF001 [error] " in line
               for line in concise)
    lines = _render("jsonl").splitlines()
    assert [json.loads(line)["path"] for line in lines] == INPUTS


def test_several_outputs_in_one_run_keep_the_exit_code(tmp_path: Path):
    sarif, junit = tmp_path / "a.sarif", tmp_path / "a.xml"
    out = run_audit("--output", f"sarif={sarif}", "--output", f"junit={junit}", "--format", "table", *INPUTS)
    alone = run_audit("--format", "table", *INPUTS)
    assert out.returncode == alone.returncode == 1
    assert out.stdout == alone.stdout  # the table still goes to the terminal
    assert json.loads(sarif.read_text(encoding="utf-8"))["version"] == "2.1.0"
    assert ET.parse(junit).getroot().tag == "testsuites"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp files left


def test_bad_output_spec_writes_nothing(tmp_path: Path):
    out = run_audit("--output", "sarif", *INPUTS)
    assert out.returncode == 2 and out.stdout == "" and "FORMAT=PATH" in out.stderr
    out = run_audit("--output", f"nosuch={tmp_path / 'x'}", *INPUTS)
    assert out.returncode == 2 and "unknown format 'nosuch'" in out.stderr
    out = run_audit("--output", f"sarif={tmp_path / 'missing-dir' / 'a.sarif'}", *INPUTS)
    assert out.returncode == 2 and not (tmp_path / "missing-dir").exists()


def test_markdown_has_checklist_and_missing_items():
    md = _render("markdown")
    assert "### 要素清单" in md and "| ✓ | FZ001 |" in md and "| ✗ | GF001 |" in md
    assert "得分：" in md and "建议：" in md


def test_golden_inputs_exist():
    for name in INPUTS:
        assert (ROOT / name).is_file()


# -- the acceptance points on the real reports ---------------------------------------------

def test_corpus_001_sarif_is_valid_and_has_the_missing_normative_documents(corpus):
    jsonschema = pytest.importorskip("jsonschema")
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip(f"SARIF schema not found at {schema_file}")
    out = run_audit("--format", "sarif", str(corpus / "001_6bcddc314182265b.txt"))
    assert out.returncode == 1
    doc = json.loads(out.stdout)
    jsonschema.Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8"))).validate(doc)
    gf = next(r for r in doc["runs"][0]["results"] if r["ruleId"] == "GF001")
    region = gf["locations"][0]["physicalLocation"]["region"]
    assert region["startLine"] == 1 and region["startColumn"] == 1 and "规范性文件" in gf["message"]["text"]


def test_corpus_github_annotations_and_summary(corpus, tmp_path: Path):
    summary = tmp_path / "summary.md"
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(summary)}
    files = [str(corpus / "000_4d970ed531fb2e8a.txt"), str(corpus / "001_6bcddc314182265b.txt")]
    out = run_audit("--format", "github", *files, env=env)
    assert out.returncode == 1
    lines = out.stdout.splitlines()
    assert any(line.startswith("::error ") and "line=27" in line and "title=SG001 " in line for line in lines)
    assert any(line.startswith("::warning ") and "title=FZ003 " in line for line in lines)
    for line in lines:
        assert line.startswith(("::error ", "::warning ", "::notice "))
        props = line.split(" ", 1)[1].split("::", 1)[0]
        assert "\n" not in line and ":" not in props.replace("%3A", "")  # properties escaped
    text = summary.read_text(encoding="utf-8")
    assert "| 报告 | 得分 | 结论 |" in text and "| ✗ | GF001 |" in text
