"""The documented limits on what one report and one pack may hold (issue #12; README "Limits"):
past each, the input is refused in one line naming it, before the work grows with it."""

from __future__ import annotations

import pytest

from auditor import audit_text, load_rules
from auditor.api import MAX_HEADINGS, MAX_LINES
from auditor.errors import RulePackError
from auditor.models.pack import MAX_RULES

from .conftest import FIXTURES, run_audit
from .pack_texts import HEADER, RULE

MODEL = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")


def test_a_report_with_too_many_lines_is_unevaluated(tmp_path):
    path = tmp_path / "lines.txt"
    path.write_text(MODEL + "依法行政。\n" * MAX_LINES, encoding="utf-8")
    out = run_audit("--isolated", str(path))
    assert out.returncode == 2
    assert f"{path}: has too many lines for a report ({MODEL.count(chr(10)) + MAX_LINES:,}; limit {MAX_LINES:,})" \
        in out.stderr


def test_a_report_with_too_many_headings_is_unevaluated():
    body = "".join(f"{i % 9 + 1}.第{i}项工作\n依法行政。\n" for i in range(MAX_HEADINGS + 1))
    assert body.count("\n") < MAX_LINES  # (refused for its headings, not its lines)
    result = audit_text(MODEL + body)
    assert result.verdict == "unevaluated"
    assert result.problem is not None and "too many headings for a report" in result.problem


def test_at_the_limits_a_report_is_audited():
    body = "".join(f"{i % 9 + 1}.第{i}项工作\n依法行政。\n" for i in range(MAX_HEADINGS // 4))
    assert audit_text(MODEL + body).evaluated


def test_a_pack_with_too_many_rules_is_refused_with_its_line(tmp_path):
    rules = "".join(RULE.replace("TT001", f"T{chr(65 + i // 1000)}{i % 1000:03d}") for i in range(MAX_RULES + 1))
    path = tmp_path / "many.yaml"
    path.write_text(HEADER + rules, encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    assert str(info.value).startswith(f"{path}:6: rules: a pack holds at most {MAX_RULES:,} rules, this one "
                                      f"{MAX_RULES + 1:,}")
