"""``audit eval``: label sets built in tmp_path, figures and exit codes asserted exactly."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from auditor import Auditor
from auditor.cli import main
from auditor.evaluation import LabelError, Thresholds, evaluate, measure, metadata_matches, render
from auditor.evaluation.labels import load_cases
from auditor.models import AuditResult, Metadata, RuleResult, Severity, Sourced, Status

from .conftest import FIXTURES, ROOT, run_audit

MODEL = FIXTURES / "model" / "model-report.txt"  # complete: passes every rule (fixtures/expected.yaml)
NO_SHORTCOMINGS = FIXTURES / "missing" / "no-shortcomings.txt"  # fails the gate on FZ002 and FZ003

FULL = """\
report: full.txt
about: a complete department report
gate: pass
metadata:
  title: 青禾市 生态环境局关于２０２５年度法治政府建设情况的报告   # spaces and full-width digits fold away
  organisation: [青禾市环境局, 青禾市生态环境局]
  report_year: 2025
  kind: department
rules: {FZ001: pass, FZ002: pass, GF001: pass}
"""
NOSHORT = """\
report: noshort.txt
about: the shortcomings part is missing
gate: fail
rules:
  FZ002: fail
  FZ003: partial
  GF001: pass
"""
# Deliberately wrong labels on the complete report: every figure they touch must count a miss.
WRONG = """\
report: wrong.txt
about: labels that contradict a complete report
gate: fail
metadata:
  title: null
  organisation: 青禾市生态环境厅
  report_year: 2024
  kind: government
rules: {FZ002: fail, XF001: pass}
"""


def write_set(root: Path, cases: dict[str, str] | None = None) -> Path:
    """An index plus cases; the reports are written beside their label files."""
    cases = {"full": FULL, "noshort": NOSHORT, "wrong": WRONG} if cases is None else cases
    (root / "cases").mkdir(parents=True, exist_ok=True)
    sources = {"full.txt": MODEL, "noshort.txt": NO_SHORTCOMINGS, "wrong.txt": MODEL}
    for name, source in sources.items():
        shutil.copyfile(source, root / "cases" / name)
    for case_id, text in cases.items():
        (root / "cases" / f"{case_id}.yaml").write_text(text, encoding="utf-8")
    index = root / "labels.yaml"
    index.write_text("version: 1\ncases: [cases/*.yaml]\n", encoding="utf-8")
    return index


@pytest.fixture(scope="module")
def auditor() -> Auditor:
    return Auditor()


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory, auditor):
    return evaluate(write_set(tmp_path_factory.mktemp("eval")), auditor)


# -- figures -----------------------------------------------------------------------------------

def test_gate_accuracy_and_confusion(evaluation):
    g = evaluation.gate
    assert evaluation.cases == 3
    assert (g.correct, g.total, g.false_pass, g.false_fail) == (2, 3, 1, 0)
    assert g.accuracy == pytest.approx(2 / 3)


def test_metadata_accuracy_per_field(evaluation):
    figures = {f.field: (f.correct, f.total) for f in evaluation.metadata}
    assert figures == {"title": (1, 2), "organisation": (1, 2), "report_year": (1, 2), "kind": (1, 2)}


def test_per_rule_confusion_precision_recall_exact(evaluation):
    rules = {r.code: r for r in evaluation.rules}
    assert list(rules) == ["FZ001", "FZ002", "FZ003", "XF001", "GF001"]  # labelled rules, in pack order
    fz2 = rules["FZ002"]
    assert (fz2.support, fz2.tp, fz2.fp, fz2.fn, fz2.tn, fz2.exact) == (3, 1, 0, 1, 1, 2)
    assert (fz2.precision, fz2.recall) == (1.0, 0.5)
    fz3 = rules["FZ003"]  # labelled partial, the tool says fail: flagged either way, status differs
    assert (fz3.tp, fz3.precision, fz3.recall, fz3.exact) == (1, 1.0, 1.0, 0)
    gf1 = rules["GF001"]  # nothing flagged, nothing to find: both undefined
    assert (gf1.support, gf1.tn, gf1.precision, gf1.recall, gf1.exact_rate) == (2, 2, None, None, 1.0)


def test_disagreements_say_where_to_look(evaluation):
    got = [(d.case, d.check, d.expected, d.actual) for d in evaluation.disagreements]
    assert got == [
        ("wrong", "gate", "fail", "pass"),
        ("wrong", "title", "null", "青禾市生态环境局关于2025年度法治政府建设情况的报告"),
        ("wrong", "organisation", "青禾市生态环境厅", "青禾市生态环境局"),
        ("wrong", "report_year", "2024", "2025"),
        ("wrong", "kind", "government", "department"),
        ("wrong", "FZ002", "fail", "pass"),
        ("noshort", "FZ003", "partial", "fail"),
    ]
    fz3 = evaluation.disagreements[-1]
    assert fz3.message and fz3.location  # the rule's own message and where its finding points


def test_false_fail_names_the_rules_that_failed_the_gate(tmp_path, auditor):
    index = write_set(tmp_path, {"noshort": NOSHORT.replace("gate: fail", "gate: pass")})
    ev = evaluate(index, auditor)
    (d,) = [d for d in ev.disagreements if d.check == "gate"]
    assert (ev.gate.false_fail, ev.gate.false_pass) == (1, 0)
    assert "FZ002" in d.message and "FZ003" not in d.message  # FZ003 is a warning: not why it failed


def _result(title: str | None, kind: str = "unknown", **statuses: Status) -> AuditResult:
    meta = Metadata(title=Sourced(value=title, source="title") if title else None,
                    kind=Sourced(value=kind, source="derived"))
    results = [RuleResult(code=c, title=c, group=c[:2], severity=Severity.error, weight=1, status=s,
                          credit=0 if s is Status.failed else 1, message=f"{c} says {s.value}")
               for c, s in statuses.items()]
    return AuditResult(path="x", evaluated=True, metadata=meta, verdict="pass", results=results)


def test_measure_on_given_results_counts_false_positives_and_undetermined_kind(tmp_path):
    (tmp_path / "r.txt").write_text("x", encoding="utf-8")
    for i, gate in enumerate(("pass", "pass")):
        (tmp_path / f"c{i}.yaml").write_text(
            f"report: r.txt\nabout: x\ngate: {gate}\nmetadata: {{kind: null}}\n"
            "rules: {FZ001: pass, FZ002: na}\n", encoding="utf-8")
    (tmp_path / "i.yaml").write_text("version: 1\ncases: ['c*.yaml']\n", encoding="utf-8")
    cases = load_cases(tmp_path / "i.yaml", {"FZ001", "FZ002"})
    results = [_result(None, "unknown", FZ001=Status.partial, FZ002=Status.not_applicable),
               _result(None, "town", FZ001=Status.passed, FZ002=Status.passed)]
    ev = measure(cases, results, {"FZ001": "a", "FZ002": "b"}, labels="i.yaml", pack="p")
    fz1, fz2 = ev.rules
    assert (fz1.tp, fz1.fp, fz1.fn, fz1.tn, fz1.precision, fz1.recall) == (0, 1, 0, 1, 0.0, None)
    assert (fz2.exact, fz2.precision, fz2.recall) == (1, None, None)  # pass vs na: not flagged, not exact
    kind = next(f for f in ev.metadata if f.field == "kind")
    assert (kind.correct, kind.total) == (1, 2)  # "unknown" is nothing found; "town" is a find


def test_metadata_comparison_folds_width_variants_and_spaces():
    assert metadata_matches("title", "青禾市 生态环境局（2025年）", "青禾市生态环境局(２０２５年)")
    assert metadata_matches("organisation", "青禾市生態環境局", "青禾市生态环境局")  # traditional folds
    assert metadata_matches("organisation", ["甲局", "青禾市生态环境局"], "青禾市 生态环境局")
    assert not metadata_matches("organisation", ["甲局"], "乙局")
    assert metadata_matches("title", None, None) and not metadata_matches("title", None, "某报告")
    assert not metadata_matches("report_year", 2025, None) and metadata_matches("report_year", 2025, 2025)
    assert not metadata_matches("kind", "town", "government")


# -- thresholds and exit codes -------------------------------------------------------------------

def test_thresholds_pick_out_the_misses(evaluation):
    from auditor.evaluation import misses

    def names(**kw) -> list[str]:
        return [m.measure for m in misses(evaluation, Thresholds(**kw))]

    assert names() == []
    assert names(gate=0.6) == [] and names(gate=0.7) == ["gate"]
    assert names(metadata=0.5) == []
    assert names(metadata=0.51) == ["metadata.title", "metadata.organisation", "metadata.report_year",
                                    "metadata.kind"]
    assert names(precision=1, recall=0.6) == ["FZ002 recall"]  # undefined figures (—) never fail
    assert names(recall=0.6, rules=["XF", "GF"]) == []  # FZ002 is not among the chosen rules
    assert names(recall=0.6, rules=["fz002"]) == ["FZ002 recall"]


def _cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["eval", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_codes_follow_thresholds(tmp_path, capsys):
    index = str(write_set(tmp_path))
    code, out, err = _cli(capsys, index, "--min-gate", "0.6", "--min-precision", "1", "--min-metadata", "0.5")
    assert (code, err) == (0, "")
    code, out, err = _cli(capsys, index, "--min-recall", "0.6")
    assert code == 1 and out
    assert err == "audit: eval below thresholds: FZ002 recall 0.500 < 0.6\n"
    code, _, err = _cli(capsys, index, "--min-recall", "0.6", "--rules", "XF,GF")
    assert (code, err) == (0, "")
    code, _, err = _cli(capsys, index, "--min-gate", "1.5")
    assert code == 2 and err.count("\n") == 1 and "--min-gate" in err


def test_cli_formats(tmp_path, capsys):
    index = str(write_set(tmp_path))
    code, out, _ = _cli(capsys, index, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["gate"]["false_pass"] == 1 and data["cases"] == 3
    fz1 = next(r for r in data["rules"] if r["code"] == "FZ001")
    assert fz1["precision"] is None and fz1["recall"] is None
    _, md, _ = _cli(capsys, index, "--format", "markdown")
    assert md.startswith("## Evaluation") and "### Gate" in md and "| FZ002 " in md
    assert "| 1.00 " in md and "| 0.50 " in md and "| —  " in md  # FZ002 P/R; FZ001 undefined
    _, table, _ = _cli(capsys, index)
    assert "accuracy 准确率 2/3 (66.7%)" in table and "false pass 误放行 1" in table
    assert "FZ003 (exact)" in table  # partial vs fail: a status disagreement that keeps P/R


def test_markdown_escapes_pipes_in_messages(evaluation):
    ev = evaluation.model_copy(deep=True)
    ev.disagreements[-1].message = "甲|乙"
    assert "甲\\|乙" in render(ev, "markdown")


def test_cli_ignores_configuration_files(tmp_path, capsys):
    index = str(write_set(tmp_path))
    (tmp_path / "auditor.yaml").write_text("ignore: [FZ]\nfail-on: info\n", encoding="utf-8")
    code, out, _ = _cli(capsys, index, "--format", "json")
    assert code == 0 and json.loads(out)["gate"]["correct"] == 2


def test_cli_other_pack(tmp_path, capsys):
    index = str(write_set(tmp_path))
    code, _, err = _cli(capsys, index, "-r", "writing")  # FZ codes are not in the writing pack
    assert code == 2 and "unknown rule code 'FZ001'" in err and err.count("\n") == 1


# -- bad label files: one line naming the file and the YAML line ----------------------------------

@pytest.mark.parametrize(("case", "line", "problem"), [
    (FULL.replace("gate: pass", "gate: passed"), 3, "gate: Input should be 'pass' or 'fail'"),
    (FULL.replace("about:", "abuot:"), 2, "unknown key 'abuot' (did you mean 'about'?)"),
    (FULL.replace("GF001: pass}", "GF001: pass, ZZ001: fail}"), 9, "unknown rule code 'ZZ001'"),
    (FULL.replace("report: full.txt", "report: gone.txt"), 1, "report file 'gone.txt' not found"),
    (FULL.replace("kind: department", "kind: ministry"), 8, "metadata.kind: Input should be"),
    (FULL.replace("FZ001: pass", "FZ001: ok"), 9, "rules.FZ001: Input should be 'pass', 'fail', 'partial' or 'na'"),
    (FULL.replace("report_year: 2025", "report_year: 2025: x"), 7, "invalid YAML: mapping values are not allowed"),
    (FULL.replace("organisation: [青禾市环境局, 青禾市生态环境局]", "organisation: []"), 6, "an empty list"),
    (FULL + "extra: 1\n", 10, "unknown key 'extra'"),
])
def test_bad_case_file_is_one_located_line(tmp_path, auditor, capsys, case, line, problem):
    index = write_set(tmp_path, {"full": case})
    with pytest.raises(LabelError) as exc:
        evaluate(index, auditor)
    where = f"{tmp_path / 'cases' / 'full.yaml'}:{line}: "
    assert str(exc.value).startswith(where) and problem in str(exc.value)
    code, out, err = _cli(capsys, str(index))
    assert (code, out) == (2, "") and err == f"audit: error: {exc.value}\n"


@pytest.mark.parametrize(("index", "line", "problem"), [
    ("version: 2\ncases: [cases/*.yaml]\n", 1, "version: Input should be 1"),
    ("version: 1\ncases: [nowhere/*.yaml]\n", 2, "no case file matches 'nowhere/*.yaml'"),
    ("version: 1\ncases: [/abs/*.yaml]\n", 2, "must be a non-empty path relative to the index"),
    ("version: 1\ncases: []\n", 2, "cases: List should have at least 1 item"),
    ("- cases/*.yaml\n", 1, "must be a mapping"),
])
def test_bad_index_is_one_located_line(tmp_path, auditor, index, line, problem):
    path = write_set(tmp_path)
    path.write_text(index, encoding="utf-8")
    with pytest.raises(LabelError) as exc:
        evaluate(path, auditor)
    assert str(exc.value).startswith(f"{path}:{line}: ") and problem in str(exc.value)


def test_missing_index_and_unauditable_report(tmp_path, auditor, capsys):
    code, _, err = _cli(capsys, str(tmp_path / "none.yaml"))
    assert code == 2 and "none.yaml: cannot be read" in err and err.count("\n") == 1
    index = write_set(tmp_path, {"full": FULL})
    (tmp_path / "cases" / "full.txt").write_text("   \n", encoding="utf-8")
    code, _, err = _cli(capsys, str(index))
    assert code == 2 and "case 'full': the report cannot be audited" in err and err.count("\n") == 1


# -- the project's own set: structure only (its cases change while they are being written) ------

def test_project_label_set_runs_as_json():
    if not list((ROOT / "fixtures" / "eval" / "cases").glob("*.yaml")):
        pytest.skip("fixtures/eval/cases has no case yet")
    out = run_audit("eval", "fixtures/eval/labels.yaml", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"labels", "pack", "cases", "gate", "metadata", "rules", "disagreements", "thresholds",
                         "misses"}
    assert data["cases"] >= 1 and data["gate"]["total"] == data["cases"]
    assert [f["field"] for f in data["metadata"]] == ["title", "organisation", "report_year", "kind"]
    for r in data["rules"]:
        assert r["tp"] + r["fp"] + r["fn"] + r["tn"] == r["support"] > 0
