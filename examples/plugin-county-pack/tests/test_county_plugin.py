"""The plugin as its users meet it: installed, found through its entry point, its pack loaded by
name, its check type judging real sentences. Run from this folder after installing the package:

    pip install -e . && pytest
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from auditor import Auditor, Status, load_rules
from auditor.plugins.manager import make_plugins

HERE = Path(__file__).parent


@pytest.fixture(scope="module")
def snippets() -> Auditor:
    """The county pack over short texts (not whole reports: recognise=False)."""
    return Auditor(["county"], recognise=False)


def status_of(checker: Auditor, code: str, text: str):
    result = {r.code: r for r in checker.audit_text(text).results}[code]
    return result.status, result.message


def test_entry_point_registers_the_plugin():
    plugins = make_plugins()
    assert "county" in plugins.loaded, plugins.failed
    names = set(plugins.check_types())
    assert "rate_target" in names


def test_pack_loads_by_name_and_its_examples_pass():
    pack = load_rules("county", run_examples=True)  # raises RulePackError naming the example that fails
    codes = [r.code for r in pack.rules]
    assert {"XJ001", "XJ002", "FZ001", "PN001"} <= set(codes)  # extends the default pack
    assert pack.rule("XJ001").spec.check == "rate_target"


@pytest.mark.parametrize(("text", "status", "message"), [
    ("全年办理行政应诉案件12件，行政机关负责人出庭应诉率达到100%。", Status.passed,
     "行政机关负责人出庭应诉率为100%，达到100%"),
    ("行政机关负责人出庭应诉率100％。", Status.passed, "行政机关负责人出庭应诉率为100%，达到100%"),
    ("行政机关负责人出庭应诉率达到百分之百。", Status.passed, "行政机关负责人出庭应诉率为100%，达到100%"),
    ("行政机关负责人出庭应诉率由85%提升至100%。", Status.passed, "行政机关负责人出庭应诉率为100%，达到100%"),
    ("全年办理行政应诉案件20件，行政机关负责人出庭应诉率为85%。", Status.failed,
     "行政机关负责人出庭应诉率为85%，低于100%的目标"),
    ("行政机关负责人出庭应诉率99.5%。", Status.failed, "行政机关负责人出庭应诉率为99.5%，低于100%的目标"),
    ("出庭应诉率稳步提升，全年办理行政应诉案件20件，胜诉率90%。", Status.partial,
     "提及“行政机关负责人出庭应诉率”，但未写明具体比例"),
    ("负责人出庭应诉率在全市各县区中排名靠前且连续多年保持100%。", Status.partial,
     "提及“行政机关负责人出庭应诉率”，但未写明具体比例"),
    ("下一步，力争行政机关负责人出庭应诉率达到100%。", Status.failed, None),
    ("全年办理行政复议案件36件。", Status.failed, "未写明“行政机关负责人出庭应诉率”"),
    ("全年未发生行政复议和行政诉讼案件。", Status.not_applicable, None),
])
def test_rate_target(snippets, text, status, message):
    got, got_message = status_of(snippets, "XJ001", text)
    assert got is status, got_message
    if message is not None:
        assert got_message == message


def test_a_planned_rate_is_not_this_years_rate(snippets):
    _, message = status_of(snippets, "XJ001", "下一步，力争行政机关负责人出庭应诉率达到100%。")
    assert message.startswith("“行政机关负责人出庭应诉率”仅见于")


def test_below_target_points_at_the_figure():
    report = (HERE / "county-government-below-target.txt").read_text(encoding="utf-8")
    body = report.split("---\n", 2)[2]  # the report after its expectations block
    result = Auditor(["county"]).audit_text(body)
    xj001 = {r.code: r for r in result.results}["XJ001"]
    assert xj001.status is Status.failed
    (finding,) = xj001.findings
    assert "85%" in finding.quote
    assert finding.location.line == body.splitlines().index(
        "（二）依法化解行政争议。全年办理行政应诉案件20件，行政机关负责人出庭应诉率为85%。") + 1


# -- the annotated reports (the same files `audit rules test tests/` reads) -------------------


def expectations(report: Path) -> tuple[dict, str]:
    """The report's expectations (sidecar or front matter) and its text, front matter blanked."""
    text = report.read_text(encoding="utf-8")
    sidecar = report.with_name(report.name + ".expect.yaml")
    if sidecar.is_file():
        return yaml.safe_load(sidecar.read_text(encoding="utf-8")), text
    _, block, body = text.split("---\n", 2)
    return yaml.safe_load(block), "\n" * (block.count("\n") + 2) + body


REPORTS = sorted(HERE.glob("*.txt"))


def test_every_report_is_annotated():
    assert len(REPORTS) == 4
    for report in REPORTS:
        assert expectations(report)[0]["expect"], report.name


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.name)
def test_annotated_report(report):
    spec, text = expectations(report)
    result = Auditor(spec.get("rules") or None, profile=spec.get("profile", "auto")).audit_text(text, name=report.name)
    by_code = {r.code: r for r in result.results}
    for code, want in spec["expect"].items():
        want = want if isinstance(want, dict) else {"status": want}
        got = by_code[code]
        assert got.status.value == want["status"], f"{report.name} {code}: {got.message}"
        quotes = [e.quote for e in got.evidence] + [f.quote or "" for f in got.findings]
        for piece in want.get("evidence", []):
            assert any(piece in q for q in quotes), f"{report.name} {code}: {piece!r} not in {quotes}"
