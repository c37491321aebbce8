"""Regular expressions in rule packs that can backtrack exponentially are refused when the pack
loads (issue #12): ``(a+)+$`` in a user rule hung the audit of any line of a's, and the same
pattern in a rule's example hung loading the pack. The refusal names the pack file and line."""

from __future__ import annotations

import pytest

from auditor import load_rules
from auditor.errors import RulePackError
from auditor.matching.regex_safety import backtracking_danger

from .pack_texts import HEADER, RULE

HANGING = ["(a+)+$", "(a|aa)+$", "(aa?)+$", "((a*)*)*b", r"(\w+\s?)+$", "(?:[^。]*法)*$", "(.*a){20}",
           r"(\d+、?)+$", r"(\w|ab)+$"]
# Repeats whose turns are pinned by a character the inner part cannot match, possessive or atomic
# repeats, and alternatives of one length: all run in linear time and load.
SAFE = [r"(第[一二三]+章)+", r"(\d+、)+", r"(?:一是|二是)+", r"(a+b+)+", r"(?:\d{4}年)+", "(a++)+$",
        "(?>a+)+$", "(?:依法|依规)+", "(a|ab)+$", r"[\u4e00-\u9fff]{2,8}(?:局|委|办)", r"a+b+c+"]


@pytest.mark.parametrize("pattern", HANGING)
def test_patterns_that_backtrack_exponentially_are_named(pattern):
    assert "exponentially" in (backtracking_danger(pattern) or "")


@pytest.mark.parametrize("pattern", SAFE)
def test_patterns_with_pinned_turns_are_accepted(pattern):
    assert backtracking_danger(pattern) is None


def _pack(tmp_path, term: str, extra: str = ""):
    path = tmp_path / "r.yaml"
    rule = RULE.replace("      - any: [备案]\n", f"      - any: [{term}]\n")
    path.write_text(HEADER + rule + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize("pattern", ["(a+)+$", r"(\w+\s?)+$"])
def test_a_rule_term_that_hangs_is_refused_with_its_line(tmp_path, pattern):
    path = _pack(tmp_path, "{re: '" + pattern + "'}")
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    line = str(info.value)
    assert line.startswith(f"{path}:15:") and "\n" not in line, line
    assert "unsafe regular expression" in line and "possessive" in line


def test_an_example_cannot_hang_the_loader(tmp_path):
    # (sixty a's and a ! would take (a+)+$ centuries: the pattern is refused before any example runs)
    path = _pack(tmp_path, "{re: '(a+)+$'}", "    examples: {fail: ['" + "a" * 60 + "!']}\n")
    with pytest.raises(RulePackError, match="unsafe regular expression"):
        load_rules(str(path))


def test_a_plan_cue_is_checked_too(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(HEADER.replace("rules:\n", "settings:\n  plan_cues: ['(下一步)+(计划|打算)?(a+)+']\nrules:\n")
                    + RULE, encoding="utf-8")
    with pytest.raises(RulePackError, match=r":7: .*unsafe regular expression"):
        load_rules(str(path))


def test_a_safe_pattern_still_finds_its_text(tmp_path):
    # the loader runs a rule's examples: a pattern that did not match its pass text would be refused
    path = _pack(tmp_path, r"{re: '(第[一二三]+章)+'}", "    examples: {pass: ['第一章第二章 备案'], fail: ['总则']}\n")
    assert load_rules(str(path)).rule("TT001").spec.examples is not None
