"""``audit draft.docx --annotate``: the findings as Word comments in a copy of the user's file.

Every file is a real .docx: the shipped samples of the model report, and reports with known gaps
(fixtures/missing/) built by fixtures/formats/build.py with typed numbering, Word's automatic list
numbering or heading styles, each with a table, a tracked insertion and deletion, a header, a
footer and a comment of its own. The comments are read back from the XML (python-docx has no API
for a comment's range), the copy is compared part by part with the original, and LibreOffice
converts one annotated file to PDF (its comments become PDF annotations, read back with pypdf).
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest

from auditor import Auditor
from auditor.annotate import DEFAULT_AUTHOR, INITIALS, annotate_docx, annotate_path, default_target
from auditor.models import AuditResult, Severity
from auditor.readers.docx import read_docx

from .conftest import FIXTURES, corpus_file, load_builders, require_tool, run_audit

build = load_builders()
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SAMPLES = sorted((FIXTURES / "formats" / "samples").glob("model-report.*.docx"))
OWN_COMMENT = "原有批注：请核对数据"
CHANGED_PARTS = {"word/document.xml", "word/comments.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"}
LIST_NUMBER = re.compile(r"[一二三四五六七八九十\d（）()、.．]*")


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


def build_report(name: str, numbering: str, folder: Path) -> Path:
    """fixtures/missing/NAME.txt as a .docx with a table, tracked changes, header, footer, comment."""
    lines = build.report_lines((FIXTURES / "missing" / f"{name}.txt").read_text(encoding="utf-8"))
    return build.build_docx(lines, folder / f"{name}.{numbering}.docx", numbering=numbering,
                            table=[["事项", "件数"], ["行政复议", "12件"]], table_after=5, tracked=4,
                            header="青禾市生态环境局文件", footer="第1页", comment=OWN_COMMENT)


# -- reading an annotated file back ----------------------------------------------------------


def comments(path: Path) -> list[dict]:
    """Every comment: id, author, initials, text, and the text its range covers (paragraphs joined
    by a newline)."""
    document = docx.Document(str(path))
    anchored: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in document.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            anchored.setdefault(el.get(W + "id"), "")
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif el.tag == W + "p":
            for i in open_ids:
                anchored[i] += "\n" if anchored[i] else ""
        elif el.tag == W + "t":
            for i in open_ids:
                anchored[i] += el.text or ""
    return [{"id": c.comment_id, "author": c.author, "initials": c.initials, "text": c.text,
             "anchored": anchored.get(str(c.comment_id), "").strip()} for c in document.comments]


def ours(path: Path, author: str = DEFAULT_AUTHOR) -> list[dict]:
    return [c for c in comments(path) if c["author"] == author]


def bare(text: str) -> str:
    return "".join(text.split())


def text_at(source: str, location: dict) -> str:
    starts = [0] + [i + 1 for i, ch in enumerate(source) if ch == "\n"]
    start = starts[location["line"] - 1] + location["column"] - 1
    end = starts[location["end_line"] - 1] + location["end_column"] - 1
    return source[start:end]


def assert_every_finding_commented(path: Path, out: Path, report: dict) -> None:
    """Each finding: a comment of ours, on exactly the characters of its location (less a list
    number Word generates), that names the rule and says problem, suggestion and basis."""
    source = read_docx(path).text
    available = ours(out)
    for f in report["findings"]:
        expected = bare(text_at(source, f["location"]))
        head = f"【{Severity(f['severity']).label}】{f['code']} "
        match = next((c for c in available if c["text"].startswith(head) and c["anchored"]
                      and expected.endswith(bare(c["anchored"]))
                      and LIST_NUMBER.fullmatch(expected[: len(expected) - len(bare(c["anchored"]))])), None)
        assert match is not None, (f, [(c["text"][:30], c["anchored"][:30]) for c in available])
        available.remove(match)
        assert bare(match["anchored"])[:8] in bare(f["quote"]), (match["anchored"], f["quote"])
        assert "问题：" in match["text"]
        if f.get("suggestion"):
            assert "建议：" + f["suggestion"][:10] in match["text"]
        rule = next(r for r in report["results"] if r["code"] == f["code"])
        if rule["basis"]:
            assert "依据：" + rule["basis"][0]["title"] in match["text"]
    for m in report["missing"]:  # every missing sub-item is listed in its rule's comment
        text = next(c["text"] for c in ours(out) if f"】{m['code']} " in c["text"])
        assert all(item["label"] in text for item in m["items"]), (m, text)


def summary(out: Path) -> dict:
    found = [c for c in ours(out) if c["text"].startswith("【审查结论】")]
    assert len(found) == 1
    return found[0]


def assert_summary(out: Path, report: dict) -> None:
    s = summary(out)
    title = report["metadata"]["title"]["value"]
    assert bare(s["anchored"]) == bare(title)
    verdict = {"pass": "通过", "fail": "不通过"}[report["verdict"]]
    assert s["text"].startswith(f"【审查结论】{verdict}，得分{report['score']:g}（满分100）")
    for sev in Severity:
        n = sum(f["severity"] == sev.value for f in report["findings"])
        assert (f"{sev.label}{n}项" in s["text"]) == (n > 0)
    assert f"发现问题{len(report['findings'])}项" in s["text"] or not report["findings"]
    assert "--fail-on" not in s["text"]


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def assert_faithful_copy(path: Path, out: Path) -> None:
    """Only document.xml and comments.xml (and, when the original had no comments, the package's
    list of parts) change; the text reads exactly as before; tables, numbering, tracked changes,
    the section's header and footer and the existing comments are as they were."""
    with zipfile.ZipFile(path) as a, zipfile.ZipFile(out) as b:
        before, after = set(a.namelist()), set(b.namelist())
        assert before <= after and after - before <= {"word/comments.xml"}
        for name in before - CHANGED_PARTS:
            assert a.read(name) == b.read(name), name
    assert read_docx(out).text == read_docx(path).text
    assert read_docx(out).blocks == read_docx(path).blocks
    old, new = docx.Document(str(path)), docx.Document(str(out))
    old_body, new_body = old.element.body, new.element.body
    assert [p.text for p in old.paragraphs] == [p.text for p in new.paragraphs]
    assert [[c.text for c in row.cells] for t in old.tables for row in t.rows] == \
           [[c.text for c in row.cells] for t in new.tables for row in t.rows]
    for tag in ("ins", "del", "delText", "numPr", "sectPr", "headerReference", "footerReference"):
        assert len(old_body.findall(f".//{W}{tag}")) == len(new_body.findall(f".//{W}{tag}")), tag
    assert [t.text for t in old_body.iter(W + "delText")] == [t.text for t in new_body.iter(W + "delText")]
    assert [s.header.paragraphs[0].text for s in old.sections] == [s.header.paragraphs[0].text for s in new.sections]
    assert [s.footer.paragraphs[0].text for s in old.sections] == [s.footer.paragraphs[0].text for s in new.sections]
    kept = [c for c in comments(out) if c["author"] != DEFAULT_AUTHOR]
    assert [(c["id"], c["author"], c["text"], c["anchored"]) for c in comments(path)] == \
           [(c["id"], c["author"], c["text"], c["anchored"]) for c in kept]


# -- the library ---------------------------------------------------------------------------


CASES = [("no-measures", "auto"), ("no-measures", "typed"), ("no-causes", "auto"), ("no-causes", "styles"),
         ("fazhi-term", "typed"), ("fazhi-term", "styles"), ("late-filing", "auto"),
         ("unbalanced-book-mark", "typed"), ("truncated-signature", "auto"), ("wrong-plan-year", "auto"),
         ("no-first-responsible", "styles"), ("bad-date-format", "typed")]


@pytest.mark.parametrize(("name", "numbering"), CASES)
def test_every_finding_is_a_comment_on_its_characters(tmp_path: Path, auditor: Auditor, name: str, numbering: str):
    path = build_report(name, numbering, tmp_path)
    before = digest(path)
    result = auditor.audit_path(path)
    assert result.findings
    out = tmp_path / "out.docx"
    done = annotate_path(auditor, path, result, out)
    assert digest(path) == before  # the original is only read
    report = json.loads(result.model_dump_json())
    assert done.unplaced == 0 and done.placed == len(result.findings)
    assert done.comments == len(ours(out)) == len(result.findings) + 1
    assert_every_finding_commented(path, out, report)
    assert_summary(out, report)
    assert_faithful_copy(path, out)
    assert all(c["initials"] == INITIALS for c in ours(out))


@pytest.mark.parametrize("report", ["000_4d970ed531fb2e8a.txt", "001_6bcddc314182265b.txt"])
def test_real_reports_from_the_corpus(tmp_path: Path, auditor: Auditor, report: str):
    lines = build.report_lines(corpus_file(report).read_text(encoding="utf-8"))
    path = build.build_docx(lines, tmp_path / "report.docx", numbering="auto", tracked=6, comment=OWN_COMMENT)
    result = auditor.audit_path(path)
    out = tmp_path / "out.docx"
    done = annotate_path(auditor, path, result, out)
    assert done.unplaced == 0 and len(result.findings) >= 5
    assert_every_finding_commented(path, out, json.loads(result.model_dump_json()))
    assert_faithful_copy(path, out)


def test_a_finding_whose_paragraph_is_not_in_the_file_goes_on_the_title_saying_where(tmp_path: Path, auditor):
    """The result and the Word file disagree (the file changed after the audit): the finding is
    not lost, it is put on the title with its place in the text."""
    lines = build.report_lines((FIXTURES / "missing" / "fazhi-term.txt").read_text(encoding="utf-8"))
    audited = build.build_docx(lines, tmp_path / "audited.docx")
    result, document = auditor.audit_path(audited), auditor.parse(auditor.read(audited))
    fixed = [x.replace("法制政府建设督察", "法治政府建设督察") for x in lines]
    edited = build.build_docx(fixed, tmp_path / "edited.docx")
    out = tmp_path / "out.docx"
    done = annotate_docx(edited, out, result, document)
    assert done.unplaced == 1 and done.placed == len(result.findings) - 1
    comment = next(c for c in ours(out) if "】TR001 " in c["text"])
    assert comment["anchored"] == result.metadata.title.value
    where = next(f for f in result.findings if f.code == "TR001").location.short()
    assert f"（原文位置：{where}；" in comment["text"]


def test_missing_parts_are_commented_on_the_title_and_missing_items_on_their_heading(tmp_path: Path, auditor):
    # The whole 主要举措和成效 part is missing: on the title. The 原因 of the 不足 is missing: on
    # the 不足 heading, whose "三、" Word numbers automatically (so the comment covers 存在的不足).
    for name, code, where in (("no-measures", "FZ001", "青禾市生态环境局关于2025年度法治政府建设情况的报告"),
                              ("no-causes", "FZ003", "存在的不足")):
        path = build_report(name, "auto", tmp_path)
        out = tmp_path / f"{name}.out.docx"
        annotate_path(auditor, path, auditor.audit_path(path), out)
        comment = next(c for c in ours(out) if f"】{code} " in c["text"])
        assert comment["anchored"] == where
        missing = next(m for m in auditor.audit_path(path).missing if m.code == code)
        assert all(i.label in comment["text"] for i in missing.items)


def test_a_run_is_split_where_a_finding_starts_and_ends_and_keeps_its_formatting(tmp_path: Path, auditor):
    """The finding 习近平法制思想 sits inside one bold red 16 pt run; 法制政府 inside a tracked
    insertion. Each comment covers exactly those characters; every piece keeps the run's
    properties; the comment mark goes outside the tracked insertion."""
    lines = build.report_lines((FIXTURES / "missing" / "fazhi-term.txt").read_text(encoding="utf-8"))
    document = docx.Document()
    for line in lines:
        paragraph = document.add_paragraph()
        if "习近平法制思想" in line:
            run = paragraph.add_run(line)
            run.bold, run.font.size = True, docx.shared.Pt(16)
            run.font.color.rgb = docx.shared.RGBColor(0xC0, 0, 0)
        elif "法制政府" in line:
            head, tail = line.split("开展法制政府建设", 1)
            paragraph.add_run(head)
            ins = docx.oxml.parse_xml(f'<w:ins xmlns:w="{W[1:-1]}" w:id="7" w:author="科员" '
                                      f'w:date="2026-01-05T10:00:00Z"><w:r><w:rPr><w:i/></w:rPr>'
                                      f'<w:t>开展法制政府建设</w:t></w:r></w:ins>')
            paragraph._p.append(ins)
            paragraph.add_run(tail)
        else:
            paragraph.add_run(line)
    path = tmp_path / "formatted.docx"
    document.save(str(path))
    result = auditor.audit_path(path)
    assert {f.code for f in result.findings} >= {"TR001", "TR002"}
    out = tmp_path / "formatted.out.docx"
    annotate_path(auditor, path, result, out)
    found = {c["text"].split()[0][4:]: c for c in ours(out)}
    assert found["TR002"]["anchored"] == "习近平法制思想"
    assert found["TR001"]["anchored"] == "法制政府"
    assert_faithful_copy(path, out)
    body = docx.Document(str(out)).element.body
    red = [r for r in body.iter(W + "r") if r.find(f"{W}rPr/{W}color") is not None]
    assert len(red) == 3  # before, the finding, after
    assert "".join(t.text for r in red for t in r.iter(W + "t")) == next(x for x in lines if "习近平法制思想" in x)
    for r in red:
        rpr = r.find(W + "rPr")
        assert rpr.find(W + "b") is not None and rpr.find(W + "sz").get(W + "val") == "32"
        assert rpr.find(W + "color").get(W + "val") == "C00000"
    ins = body.find(f".//{W}ins")
    assert "".join(t.text for t in ins.iter(W + "t")) == "开展法制政府建设"
    assert [r.find(f"{W}rPr/{W}i") is not None for r in ins.iter(W + "r")] == [True, True, True]
    assert ins.find(f".//{W}commentReference") is None  # the mark is not part of the tracked change
    reference = body.find(f".//{W}commentReference[@{W}id='{found['TR001']['id']}']")
    assert reference.getparent().getparent().tag == W + "p"


def test_findings_in_a_table_cell_are_commented_in_the_cell(tmp_path: Path, auditor):
    lines = build.report_lines((FIXTURES / "missing" / "fazhi-term.txt").read_text(encoding="utf-8"))
    line = next(x for x in lines if "法制政府" in x)
    path = build.build_docx([x for x in lines if x != line], tmp_path / "table.docx",
                            table=[["事项", "情况"], ["督察", line]], table_after=20)
    result = auditor.audit_path(path)
    out = tmp_path / "table.out.docx"
    annotate_path(auditor, path, result, out)
    comment = next(c for c in ours(out) if "】TR001 " in c["text"])
    assert comment["anchored"] == "法制政府"
    cell = docx.Document(str(out)).tables[0].cell(1, 1)._tc
    assert cell.find(f".//{W}commentRangeStart[@{W}id='{comment['id']}']") is not None


def test_the_author_can_be_chosen_and_a_report_without_findings_gets_the_summary(tmp_path: Path, auditor):
    path = SAMPLES[0]
    result = auditor.audit_path(path)
    assert result.verdict == "pass" and not result.findings
    out = tmp_path / "model.docx"
    done = annotate_path(auditor, path, result, out, author="市司法局审核科")
    assert done.comments == 1
    only = ours(out, "市司法局审核科")
    assert len(only) == 1 and only[0]["text"].startswith("【审查结论】通过，得分100（满分100）")
    assert "未发现问题。" in only[0]["text"]


def test_an_unevaluated_result_or_a_file_that_is_not_a_docx_package_is_refused(tmp_path: Path, auditor):
    from auditor.errors import AuditorError

    text = tmp_path / "report.txt"
    text.write_text("青禾市生态环境局关于2025年度法治政府建设情况的报告\n正文。\n", encoding="utf-8")
    result, document = auditor.audit_path(text), auditor.parse(auditor.read(text))
    path = tmp_path / "fake.docx"
    path.write_bytes(text.read_bytes())
    with pytest.raises(AuditorError, match=r"not a Word \.docx package"):
        annotate_docx(path, tmp_path / "out.docx", result, document)
    unevaluated = AuditResult(path=str(path), evaluated=False, verdict="unevaluated", problem="x")
    with pytest.raises(AuditorError, match="nothing to annotate"):
        annotate_docx(path, tmp_path / "out.docx", unevaluated, document)
    assert not (tmp_path / "out.docx").exists()


# -- the command line ----------------------------------------------------------------------


def _cli_cases(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("cli")
    return [*SAMPLES, build_report("no-measures", "auto", folder), build_report("fazhi-term", "styles", folder)]


@pytest.mark.parametrize("which", range(len(SAMPLES) + 2))
def test_cli_json_findings_are_all_comments_and_the_original_is_unchanged(tmp_path_factory, which: int):
    """Acceptance: ``audit <model>.docx --annotate out.docx`` — every finding of the JSON output is a
    comment on its evidence, and the original is byte for byte and time for time as it was."""
    path = _cli_cases(tmp_path_factory)[which]
    work = tmp_path_factory.mktemp("work")
    copy = work / path.name
    shutil.copy2(path, copy)
    before = digest(copy)
    out = work / "out.docx"
    result = run_audit(str(copy), "--format", "json", "--annotate", str(out))
    report = json.loads(result.stdout)["reports"][0]
    assert result.returncode == (1 if report["verdict"] == "fail" else 0), result.stderr
    assert digest(copy) == before
    assert_every_finding_commented(copy, out, report)
    assert_summary(out, report)
    assert_faithful_copy(copy, out)
    assert len(ours(out)) == len(report["findings"]) + 1
    assert result.stderr.strip() == f"audit: wrote {out} ({len(report['findings']) + 1} comments: " \
                                    f"{len(report['findings'])} findings and the summary)"


def test_cli_default_name_never_overwrites_without_force(tmp_path: Path):
    path = build_report("no-causes", "typed", tmp_path)
    target = default_target(path)
    assert target.name == "no-causes.typed.审查意见.docx"
    first = run_audit(path.name, "--annotate", cwd=tmp_path)
    assert first.returncode == 0, first.stderr  # FZ003 is a warning: the gate passes
    assert "FZ003" in first.stdout and len(ours(target)) == 2
    target.write_bytes(b"a reviewer's own file")
    again = run_audit(path.name, "--annotate", cwd=tmp_path)
    assert again.returncode == 2 and again.stdout == ""
    assert again.stderr.strip() == ("audit: error: --annotate: 'no-causes.typed.审查意见.docx' already exists "
                                    "(add --force to overwrite it)")
    assert target.read_bytes() == b"a reviewer's own file"
    forced = run_audit(path.name, "--annotate", "--force", "--annotate-author", "审核科", cwd=tmp_path)
    assert forced.returncode == 0, forced.stderr
    assert len(ours(target, "审核科")) == 2
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_exit_code_is_the_audit_s_and_the_copy_is_written_when_the_gate_fails(tmp_path: Path):
    path = build_report("no-normative-docs", "auto", tmp_path)
    out = run_audit(str(path), "--annotate", str(tmp_path / "a.docx"))
    assert out.returncode == 1 and "GF001" in out.stdout
    assert any("】GF001 " in c["text"] for c in ours(tmp_path / "a.docx"))
    assert run_audit(str(path), "--annotate", str(tmp_path / "b.docx"), "--exit-zero").returncode == 0


@pytest.mark.parametrize(("args", "needle"), [
    (["fixtures/missing/no-causes.txt", "--annotate"], "no-causes.txt: --annotate needs a .docx file"),
    (["fixtures/formats/samples/model-report.pdf", "--annotate"], "model-report.pdf: --annotate needs a .docx file"),
    (["fixtures/formats/samples", "--annotate"], "--annotate needs a .docx file, not a folder"),
    ([*(str(p.relative_to(FIXTURES.parent)) for p in SAMPLES[:2]), "--annotate"], "takes one .docx file, not 2"),
    ([str(SAMPLES[0].relative_to(FIXTURES.parent)), "--annotate", str(SAMPLES[0].relative_to(FIXTURES.parent)),
      "--force"], "would overwrite the report itself"),
    ([str(SAMPLES[0].relative_to(FIXTURES.parent)), "--annotate", "out.pdf"], "name it .docx"),
    ([str(SAMPLES[0].relative_to(FIXTURES.parent)), "--annotate", "no/such/folder/out.docx"], "does not exist"),
])
def test_cli_refuses_in_one_line_before_auditing(args: list[str], needle: str):
    before = {p: digest(p) for p in SAMPLES}
    out = run_audit(*args)
    assert out.returncode == 2 and out.stdout == "", out.stdout
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("audit: error: ") and needle in lines[0], out.stderr
    assert {p: digest(p) for p in SAMPLES} == before
    assert not list((FIXTURES / "formats" / "samples").glob("*审查意见*"))


# -- LibreOffice opens it ------------------------------------------------------------------


def _tool(name: str) -> str:
    return require_tool(name, "libreoffice-writer-nogui poppler-utils")


def test_libreoffice_converts_the_annotated_file_and_reads_every_comment(tmp_path: Path, auditor):
    """One headless conversion to PDF with comments exported as PDF annotations: it succeeds, and
    each comment (the report's own and ours) is an annotation with its author and text; the first
    page renders to PNG."""
    soffice = _tool("soffice")
    path = build_report("no-measures", "auto", tmp_path)
    out = tmp_path / "annotated.docx"
    annotate_path(auditor, path, auditor.audit_path(path), out)
    export = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    done = subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                           "--convert-to", export, "--outdir", str(tmp_path / "pdf"), str(out)],
                          capture_output=True, text=True, timeout=180)
    pdf = tmp_path / "pdf" / "annotated.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stdout + done.stderr
    from pypdf import PdfReader

    notes = [a.get_object() for page in PdfReader(str(pdf)).pages for a in (page.get("/Annots") or [])]
    notes = [(str(a.get("/T")), str(a.get("/Contents"))) for a in notes if a.get("/Subtype") == "/Text"]
    written = comments(out)
    assert len(notes) == len(written)
    for c in written:
        assert any(author.startswith(c["author"]) and bare(c["text"]) == bare(text) for author, text in notes), c
    pdftoppm = _tool("pdftoppm")
    subprocess.run([pdftoppm, "-r", "40", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, timeout=60)
    page = next(tmp_path.glob("page*.png"))
    assert page.read_bytes().startswith(b"\x89PNG") and page.stat().st_size > 5000
