"""Results built without validation (auditor/models/trusted.py) against their validated form: every
result of the fixtures and the corpus, validated again from its dump, must be the same, down to the
type of each value (a float field holding an int would print differently) and the fields' order."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ValidationError

from auditor.api import Auditor
from auditor.checks.base import Draft, EvidenceDraft, Outcome
from auditor.engine import to_result
from auditor.models import AuditResult, AuditRun, Location, Metadata, MissingItem, Span, Status
from auditor.models.document import empty_metadata
from auditor.models.trusted import _checked, trusted

from .conftest import CORPUS, FIXTURES


def _inputs() -> list[Path]:
    files = sorted(p for p in FIXTURES.rglob("*") if p.is_file()
                   and p.suffix in {".txt", ".md", ".docx", ".pdf", ".html", ".htm"} and "edge" not in p.parts)
    return files + sorted(CORPUS.glob("*.txt"))


def _same(built: object, valid: object, where: str = "") -> None:
    """Equal values of identical types, models with their fields in the declared order."""
    if isinstance(valid, BaseModel):
        assert type(built) is type(valid), where
        assert list(vars(built)) == list(type(valid).model_fields) == list(vars(valid)), where
        for name in type(valid).model_fields:
            _same(getattr(built, name), getattr(valid, name), f"{where}.{name}")
        assert built.__pydantic_extra__ == valid.__pydantic_extra__, where
        assert built.__pydantic_private__ == valid.__pydantic_private__, where
        return
    assert type(built) is type(valid), where
    if isinstance(valid, list | tuple):
        assert len(built) == len(valid), where
        for i, (b, v) in enumerate(zip(built, valid, strict=True)):
            _same(b, v, f"{where}[{i}]")
    elif isinstance(valid, dict):
        assert list(built) == list(valid), where
        for k in valid:
            _same(built[k], valid[k], f"{where}[{k!r}]")
    else:
        assert built == valid, where


@pytest.fixture(scope="module")
def auditors() -> list[Auditor]:
    return [Auditor(), Auditor(profile="government"), Auditor(["evaluator"])]


def test_every_result_validates_to_itself(auditors):
    inputs = _inputs()
    assert len(inputs) > 20
    for auditor in auditors:
        reports = [auditor.audit_path(p) for p in inputs]
        for r in reports:
            again = AuditResult.model_validate(r.model_dump())
            assert again == r, r.path
            _same(r, again, r.path)
            assert again.model_dump_json() == r.model_dump_json()
        run = auditor.summarise(reports)
        again = AuditRun.model_validate(run.model_dump())
        assert again.catalog == {} and run.catalog == auditor.catalog()  # carried by the run, not in its JSON
        again.catalog = run.catalog
        _same(run, again, "run")
    assert all(_checked.values())  # pydantic's layout is the one trusted() fills


def test_unevaluated_and_not_a_report_results(auditors, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    readme = tmp_path / "README.txt"
    readme.write_text("# 安装\n\n运行 pip install auditor 即可。\n", encoding="utf-8")
    for path in (empty, readme):
        r = auditors[0].audit_path(path)
        _same(r, AuditResult.model_validate(r.model_dump()), str(path))


def test_fields_set_as_the_validated_calls_recorded_them(auditors):
    r = auditors[0].audit_path(CORPUS / "000_4d970ed531fb2e8a.txt") if CORPUS.is_dir() else None
    if r is None:
        pytest.skip("shared corpus not available")
    assert r.model_fields_set == {"path", "format", "encoding", "evaluated", "metadata", "score", "groups",
                                  "verdict", "reasons", "results", "findings", "missing", "waivers"}
    assert all("waived" not in x.model_fields_set for x in r.results)
    assert empty_metadata() == Metadata() and empty_metadata().model_fields_set == set()
    # assignment adds to the instance's own set, as on a validated model
    r.results[0].waived = True
    assert "waived" in r.results[0].model_fields_set and "waived" not in r.results[1].model_fields_set


def test_a_changed_layout_falls_back_to_model_construct():
    class Hooked(BaseModel):
        a: int
        b: list[str] = []

        def model_post_init(self, context) -> None:
            self.__dict__["b"] = ["hooked"]

    m = trusted(Hooked, {"a": 1, "b": []})
    assert _checked[Hooked] is False
    assert m == Hooked.model_construct(a=1, b=[]) and m.b == ["hooked"]
    loc = trusted(Location, {"line": 1, "column": 2, "end_line": 1, "end_column": 3, "page": None,
                             "paragraph": None, "cell": None, "heading_path": []})
    assert _checked[Location] is True
    _same(loc, Location(line=1, column=2, end_line=1, end_column=3))


def _rule(auditor: Auditor):
    return auditor.pack.rules[0]


def test_an_outcome_that_is_not_plain_is_validated_as_before(auditors):
    """A plugin's check may return anything: such an outcome goes through validation, which
    rejects what it always rejected and converts what it always converted."""
    auditor = auditors[0]
    doc = auditor.parse(auditor.read(CORPUS / "000_4d970ed531fb2e8a.txt")) if CORPUS.is_dir() else None
    if doc is None:
        pytest.skip("shared corpus not available")
    rule = _rule(auditor)
    changed = Outcome(status=Status.failed, credit=0, message="x")
    changed.credit = 2  # after the outcome's own checks
    with pytest.raises(ValidationError):
        to_result(rule, changed, doc)
    with pytest.raises(ValidationError):
        to_result(rule, Outcome(status=Status.failed, credit=0, message="x",
                                evidence=[EvidenceDraft(item=3, span=Span(0, 2))]), doc)  # type: ignore[arg-type]
    plain = to_result(rule, Outcome(status=Status.partial, credit=0.5, message="x",
                                    missing=[MissingItem(id="a", label="甲")],
                                    evidence=[EvidenceDraft(item="i", span=Span(3, 9))],
                                    findings=[Draft(message="m", span=Span(1, 4), replacement="r")]), doc)
    converted = to_result(rule, Outcome(status=Status.partial, credit=0.5, message="x",
                                        missing=[{"id": "a", "label": "甲"}],  # type: ignore[list-item]
                                        evidence=[EvidenceDraft(item="i", span=Span(3, 9))],
                                        findings=[Draft(message="m", span=Span(1, 4), replacement="r")]), doc)
    _same(plain, converted)
    _same(plain, type(plain).model_validate(plain.model_dump()))


def test_the_rule_catalog_validates_to_itself(auditors):
    from auditor.models import RuleInfo

    for auditor in auditors:
        for code, info in auditor.catalog().items():
            _same(info, RuleInfo.model_validate(info.model_dump()), code)


def test_outcomes_and_drafts_convert_as_before():
    """What a plugin may hand in: the status's value, an int credit, spans as plain pairs."""
    o = Outcome(status="partial", credit=1, message="x", anchor=(2, 5))  # type: ignore[arg-type]
    assert o.status is Status.partial and type(o.credit) is float and o.credit == 1.0
    assert type(o.anchor) is Span and o.anchor == Span(2, 5)
    assert Outcome(status=Status.passed, credit=0.25, message="x").anchor is None
    for bad in (-0.1, 1.5, float("nan")):
        with pytest.raises(ValueError, match="credit must be between 0 and 1"):
            Outcome(status=Status.failed, credit=bad, message="x")
    d = Draft(message="m", span=(1, 3))  # type: ignore[arg-type]
    assert type(d.span) is Span and d.span == Span(1, 3)
    assert Draft(message="m").span is None and Draft(message="m", span=Span(0, 1)).span == Span(0, 1)
    assert type(EvidenceDraft(span=(4, 6)).span) is Span  # type: ignore[arg-type]
    copied = o.model_copy(update={"credit": 0})
    assert type(copied.credit) is float and copied.anchor == Span(2, 5) and copied.status is Status.partial
