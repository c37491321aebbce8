"""The ``audit`` command: exit codes, bad input, the rules/rule/schema commands."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from auditor.models import SCHEMA_VERSION

from .conftest import FIXTURES, ROOT, run_audit

MODEL = "fixtures/model/model-report.txt"


def _one_line_error(out, *needles: str) -> None:
    """Bad input: exit 2, nothing on stdout, one line on stderr naming the problem, no traceback."""
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stdout == ""
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert "Traceback" not in out.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# -- exit codes ---------------------------------------------------------------------------

def test_exit_0_when_gate_passes():
    out = run_audit(MODEL)
    assert out.returncode == 0
    assert "结论：通过" in out.stdout and "得分：100/100" in out.stdout


def test_exit_1_when_an_error_level_rule_fails():
    out = run_audit("fixtures/missing/no-normative-docs.txt")
    assert out.returncode == 1
    assert "GF001" in out.stdout and "结论：不通过" in out.stdout


@pytest.mark.parametrize(("args", "code"), [
    (["--fail-on", "warning", "fixtures/missing/no-causes.txt"], 1),  # FZ003 is a warning
    (["--fail-on", "error", "fixtures/missing/no-causes.txt"], 0),
    (["--fail-on", "info", "fixtures/missing/bad-date-format.txt"], 1),
    (["--fail-under", "99", "fixtures/missing/no-causes.txt"], 1),
    (["--fail-under", "90", "fixtures/missing/no-causes.txt"], 0),
    (["--ignore", "GF", "fixtures/missing/no-normative-docs.txt"], 0),
    (["--select", "TI,SG", "fixtures/missing/no-normative-docs.txt"], 0),
    (["--rules", "writing", "fixtures/missing/no-normative-docs.txt"], 0),
])
def test_gate_options(args, code):
    out = run_audit(*args)
    assert out.returncode == code, out.stdout + out.stderr


def test_folder_audit_prints_every_report_and_exits_with_the_worst(tmp_path: Path):
    shutil.copy(FIXTURES / MODEL.split("/", 1)[1], tmp_path / "a.txt")
    shutil.copy(FIXTURES / "missing/no-plan.txt", tmp_path / "b.txt")
    (tmp_path / "sub").mkdir()
    shutil.copy(FIXTURES / "edge/empty.txt", tmp_path / "sub" / "c.txt")
    (tmp_path / "notes.docx.bak").write_text("ignored", encoding="utf-8")
    out = run_audit(str(tmp_path))
    assert out.returncode == 2  # the unreadable file wins: 2 > 1 > 0
    assert sum(line.startswith(str(tmp_path)) for line in out.stdout.splitlines()) == 3  # a summary line each
    assert "共3份报告：通过1份，不通过1份，未评估1份。" in out.stdout
    assert out.stderr.strip() == f"audit: error: {tmp_path / 'sub' / 'c.txt'}: file is empty"


def test_folder_without_failures_exits_1_when_one_fails(tmp_path: Path):
    shutil.copy(FIXTURES / "model/model-report.txt", tmp_path / "a.txt")
    shutil.copy(FIXTURES / "missing/no-plan.txt", tmp_path / "b.txt")
    assert run_audit(str(tmp_path)).returncode == 1


# -- bad input ----------------------------------------------------------------------------

def test_missing_path():
    _one_line_error(run_audit("no/such/report.txt"), "no/such/report.txt", "no such file or folder")


def test_folder_with_no_reports(tmp_path: Path):
    (tmp_path / "readme.rst").write_text("x", encoding="utf-8")
    _one_line_error(run_audit(str(tmp_path)), str(tmp_path), "contains no reports")


@pytest.mark.parametrize(("name", "problem"), [
    ("edge/empty.txt", "file is empty"),
    ("edge/whitespace-only.txt", "contains no report text"),
    ("edge/binary.txt", "binary file"),
])
def test_unreadable_reports(name: str, problem: str):
    _one_line_error(run_audit(f"fixtures/{name}"), f"fixtures/{name}", problem)


def test_undecodable_file(tmp_path: Path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes([0x81, 0x20, 0xFF, 0xFE, 0x80, 0x7F]) * 50)
    _one_line_error(run_audit(str(bad)), str(bad))


def test_unsupported_file_type(tmp_path: Path):
    f = tmp_path / "report.doc"
    f.write_bytes(b"\xd0\xcf\x11\xe0 legacy word")
    _one_line_error(run_audit(str(f)), str(f), "unsupported file type '.doc'")


def test_invalid_yaml_pack_names_file_and_line(tmp_path: Path):
    pack = tmp_path / "bad.yaml"
    pack.write_text("pack: bad\ntitle: t\nversion: '1'\nrules:\n  - code: [unclosed\n", encoding="utf-8")
    _one_line_error(run_audit("--rules", str(pack), MODEL), f"{pack}:", "invalid YAML")


def test_unknown_check_type_names_file_and_line(tmp_path: Path):
    pack = tmp_path / "bad.yaml"
    pack.write_text(
        "pack: bad\ntitle: t\nversion: '1'\nrules:\n"
        "  - code: XX001\n    title: 测试规则\n    basis: [{title: 测试依据}]\n    severity: error\n"
        "    weight: 1\n    suggestion: 请修改。\n    check: nonsense\n", encoding="utf-8")
    _one_line_error(run_audit("--rules", str(pack), MODEL), f"{pack}:11:", "unknown check type 'nonsense'")


def test_unknown_rule_pack():
    _one_line_error(run_audit("--rules", "nosuchpack", MODEL), "unknown rule pack 'nosuchpack'")


def test_unknown_rule_code_in_selection():
    _one_line_error(run_audit("--select", "ZZ999", MODEL), "unknown rule code or prefix 'ZZ999'")


def test_bad_option():
    _one_line_error(run_audit("--fail-on", "fatal", MODEL), "--fail-on")


def test_the_auditor_never_modifies_its_inputs(tmp_path: Path):
    files = [FIXTURES / "model/model-report.txt", FIXTURES / "edge/gb18030.txt", FIXTURES / "edge/web-clutter.txt"]
    before = {f: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) for f in files}
    out = run_audit("--format", "json", *map(str, files))
    assert out.returncode == 0
    assert before == {f: (hashlib.sha256(f.read_bytes()).hexdigest(), f.stat().st_mtime_ns) for f in files}


# -- commands -----------------------------------------------------------------------------

def test_rules_lists_every_rule():
    out = run_audit("rules")
    assert out.returncode == 0
    for code in ("FZ001", "FZ003", "GF001", "SG001", "PN001", "TR001", "NU001"):
        assert code in out.stdout
    assert run_audit("rules", "--rules", "baseline").stdout.count("\n") < out.stdout.count("\n")


def test_rule_prints_its_chinese_documentation():
    out = run_audit("rule", "GF001")
    assert out.returncode == 0
    for section in ("GF001 规范性文件", "要求", "依据", "修改建议", "示例", "符合：", "不符合：", "权重：6"):
        assert section in out.stdout
    assert "国办发〔2018〕115号" in out.stdout


def test_rule_with_unknown_code():
    _one_line_error(run_audit("rule", "ZZ999"), "unknown rule code 'ZZ999'")


def test_schema_command_prints_the_published_schema():
    out = run_audit("schema")
    assert out.returncode == 0
    published = (ROOT / "auditor" / "schema" / "audit-result.v1.json").read_text(encoding="utf-8")
    assert json.loads(out.stdout) == json.loads(published), "regenerate with: audit schema > auditor/schema/..."


def test_json_output_validates_against_the_published_schema():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "auditor" / "schema" / "audit-result.v1.json").read_text(encoding="utf-8"))
    names = [MODEL, "fixtures/missing/no-plan.txt", "fixtures/edge/web-clutter.txt", "fixtures/edge/empty.txt"]
    out = run_audit("--format", "json", *names)
    data = json.loads(out.stdout)
    jsonschema.Draft202012Validator(schema).validate(data)
    assert data["schema_version"] == SCHEMA_VERSION and data["summary"]["reports"] == 4


def test_plugins_command_lists_builtin():
    out = run_audit("plugins")
    assert out.returncode == 0 and "loaded  auditor.builtin" in out.stdout


def test_help_and_version():
    assert run_audit("--help").returncode == 0
    out = run_audit("--version")
    assert out.returncode == 0 and out.stdout.startswith("auditor ")


# -- the exit-code table (README "Exit codes"), one row per case ----------------------------

FAILING = "fixtures/missing/no-normative-docs.txt"
EMPTY = "fixtures/edge/empty.txt"


@pytest.mark.parametrize(("args", "code"), [
    ([MODEL], 0),                                   # every report passed the gate
    ([FAILING], 1),                                 # a report failed the gate
    (["--exit-zero", FAILING], 0),                  # --exit-zero: a failed gate still exits 0
    ([EMPTY], 2),                                   # a report could not be audited
    (["--exit-zero", EMPTY], 2),                    # …and --exit-zero never hides that
    ([FAILING, EMPTY], 2),                          # the worst code wins: 2 > 1
    (["--exit-zero", MODEL, FAILING], 0),
    (["--rules", "no-such-pack", MODEL], 2),        # bad usage / rule pack / configuration
    (["--exit-zero", "--rules", "no-such-pack", MODEL], 2),
])
def test_exit_code_table(args, code):
    assert run_audit(*args).returncode == code


def test_writing_outputs_never_changes_the_exit_code(tmp_path: Path):
    for target, code in ((FAILING, 1), (MODEL, 0), (EMPTY, 2)):
        out = run_audit("--output", f"json={tmp_path / 'r.json'}", "--output", f"csv={tmp_path / 'r.csv'}", target)
        assert out.returncode == code


# -- real document formats through the command line ----------------------------------------

def test_bad_documents_in_a_batch_give_one_line_each_and_no_traceback(tmp_path: Path):
    from pypdf import PdfReader, PdfWriter

    from .conftest import load_builders

    build = load_builders()
    lines = build.report_lines((FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8"))
    shutil.copy(FIXTURES / "model" / "model-report.txt", tmp_path / "good.txt")
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip archive")
    build.build_image_pdf(tmp_path / "scanned.pdf")
    plain = build.build_pdf(lines, tmp_path / "plain.pdf")
    writer = PdfWriter(clone_from=PdfReader(plain))
    writer.encrypt(user_password="secret", owner_password="owner")
    with open(tmp_path / "locked.pdf", "wb") as fh:
        writer.write(fh)
    plain.unlink()
    (tmp_path / "empty-page.html").write_text("<html><body><nav>首页 | 政务公开</nav></body></html>", encoding="utf-8")
    (tmp_path / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    names = ["corrupt.docx", "scanned.pdf", "locked.pdf", "empty-page.html", "legacy.doc", "good.txt"]
    out = run_audit(*(str(tmp_path / n) for n in names))
    assert out.returncode == 2
    assert "Traceback" not in out.stderr + out.stdout
    errors = out.stderr.strip().splitlines()
    assert len(errors) == 5 and all(line.startswith("audit: error: ") for line in errors)
    for name, words in [("corrupt.docx", "docx"), ("scanned.pdf", "text layer"), ("locked.pdf", "encrypted"),
                        ("empty-page.html", "no article text"), ("legacy.doc", "convert")]:
        assert any(str(tmp_path / name) in e and words in e for e in errors), (name, errors)
    assert "得分：100/100  结论：通过" in out.stdout  # the good report is still audited


def test_word_and_pdf_findings_name_paragraph_or_page_and_section(tmp_path: Path):
    from .conftest import load_builders

    build = load_builders()
    lines = build.report_lines((FIXTURES / "missing" / "unbalanced-book-mark.txt").read_text(encoding="utf-8"))
    docx = build.build_docx(lines, tmp_path / "draft.docx", numbering="auto")
    pdf = build.build_pdf(lines, tmp_path / "draft.pdf")
    for path, where in ((docx, "第"), (pdf, "页")):
        table = run_audit(str(path)).stdout
        row = next(line for line in table.splitlines() if line.startswith("PN001"))
        assert where in row and ":" not in row.split()[2]  # 第N段 / 第N页, not line:column
        after = table.splitlines()[table.splitlines().index(row) + 1]
        assert after.strip().startswith(("一、", "二、", "三、", "四、", "五、"))  # the section path
        finding = next(f for f in json.loads(run_audit("--format", "json", str(path)).stdout)["reports"][0]["findings"]
                       if f["code"] == "PN001")
        loc = finding["location"]
        assert (loc["paragraph"] if path.suffix == ".docx" else loc["page"]) >= 1 and loc["heading_path"]
