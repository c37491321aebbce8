"""Numbers in a rule pack are validated (issue #12): a weight is finite, from 0 to MAX_WEIGHT and not
true/false (one of 1e308 or inf left a report without a score); examples, when given, are texts."""

from __future__ import annotations

import pytest

from auditor import load_rules
from auditor.errors import RulePackError
from auditor.models.pack import MAX_WEIGHT

from .pack_texts import HEADER, RULE


def write(tmp_path, weight: str = "1", extra: str = ""):
    path = tmp_path / "n.yaml"
    path.write_text(HEADER + RULE.replace("weight: 1\n", f"weight: {weight}\n") + extra, encoding="utf-8")
    return path


def refused(path) -> str:
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    line = str(info.value)
    assert line.startswith(f"{path}:") and "\n" not in line
    return line


@pytest.mark.parametrize(("weight", "needle"), [
    ("inf", "finite number"), (".inf", "finite number"), (".nan", "finite number"), ("-1", "greater than or equal"),
    ("1e308", f"less than or equal to {MAX_WEIGHT:g}"), ("1e309", "finite number"), ("true", "not true or false"),
])
def test_a_weight_that_would_void_the_score_is_refused(tmp_path, weight, needle):
    line = refused(write(tmp_path, weight))
    assert ":11: rules.0.weight:" in line and needle in line, line


@pytest.mark.parametrize("weight", ["0", "1e-320", "'3'", "1000"])
def test_finite_weights_in_range_load(tmp_path, weight):
    assert load_rules(str(write(tmp_path, weight))).rule("TT001").spec.weight == float(weight.strip("'"))


def test_examples_given_empty_are_refused(tmp_path):
    line = refused(write(tmp_path, extra="    examples: {pass: [], fail: []}\n"))
    assert "give at least one text under pass or fail" in line


def test_an_empty_example_text_is_refused(tmp_path):
    line = refused(write(tmp_path, extra="    examples: {pass: ['  '], fail: ['没有备案']}\n"))
    assert "rules.0.examples.pass" in line and "may not be empty" in line


def test_an_override_weight_is_checked_too(tmp_path):
    path = tmp_path / "o.yaml"
    path.write_text("pack: o\ntitle: 覆盖\nversion: '1'\nextends: [baseline]\noverrides:\n  FZ001: {weight: .inf}\n",
                    encoding="utf-8")
    assert "finite number" in refused(path)
