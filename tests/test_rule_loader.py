"""Rule-pack loading: validation errors name the file and YAML line, extends/overrides, selection,
and the shipped packs' own quality bar."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest

import auditor
from auditor import load_rules
from auditor.engine import run_rule_on_text
from auditor.errors import RulePackError, UsageError
from auditor.models import Severity, Status

from .pack_texts import HEADER, RULE

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "fixtures" / "model" / "model-report.txt"
HAN = re.compile(r"[\u4e00-\u9fff]")

def write(directory: Path, text: str, name: str = "pack.yaml") -> Path:
    path = directory / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def line_of(path: Path, needle: str, occurrence: int = 1) -> int:
    """1-based number of the line holding the ``occurrence``-th ``needle``."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) >= occurrence, f"{needle!r} not in {path}"
    return hits[occurrence - 1]


def load_error(path: Path) -> RulePackError:
    with pytest.raises(RulePackError) as info:
        load_rules(str(path))
    return info.value


def assert_unknown_key(message: str, key: str) -> None:
    assert "unknown key" in message and key in message, message


def assert_one_line_at(err: RulePackError, path: Path, line: int) -> str:
    """The error is one line starting with ``<file>:<line>: ``; returns the message part."""
    text = str(err)
    assert "\n" not in text
    prefix = f"{path.resolve()}:{line}: "
    assert text.startswith(prefix), f"{text!r} does not start with {prefix!r}"
    assert err.line == line
    return text[len(prefix):]


# -- a valid pack ----------------------------------------------------------------------------


def test_minimal_pack_loads_and_runs(tmp_path):
    path = write(tmp_path, HEADER + RULE)
    pack = load_rules(str(path))
    assert [r.code for r in pack.rules] == ["TT001"]
    rule = pack.rule("tt001")  # codes are looked up case-insensitively
    assert rule.line == line_of(path, "code: TT001")
    assert rule.file == str(path.resolve())
    assert [b.title for b in rule.basis] == ["某规定"]
    assert run_rule_on_text(pack, rule, "已报市司法局备案。").status is Status.passed
    assert run_rule_on_text(pack, rule, "全年组织普法活动。").status is Status.failed


def test_inline_basis_needs_no_bases_section(tmp_path):
    path = write(tmp_path, HEADER.replace("bases:\n  b1: {title: 某规定}\n", "")
                 + RULE.replace("basis: [b1]", "basis: [{title: 行内依据, article: 第三条}]"))
    pack = load_rules(str(path))
    assert [b.cite() for b in pack.rule("TT001").basis] == ["行内依据 第三条"]


# -- errors: one line, file and YAML line, a clear problem ----------------------------------


def test_invalid_yaml_syntax(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("    weight: 1\n", "    weight: 1: 2\n"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "weight: 1: 2"))
    assert message.startswith("invalid YAML:")
    assert "mapping values are not allowed" in message


def test_invalid_yaml_unclosed_quote_points_at_a_line_of_the_file(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("title: 测试规则", 'title: "测试规则'))
    err = load_error(path)
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert err.line is not None and 1 <= err.line <= lines
    assert "\n" not in str(err) and "invalid YAML" in err.message


def test_invalid_yaml_unclosed_quote_names_the_line_of_the_quote(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("title: 测试规则", 'title: "测试规则'))
    assert_one_line_at(load_error(path), path, line_of(path, 'title: "测试规则'))


def test_empty_file_and_non_mapping(tmp_path):
    empty = write(tmp_path, "", "empty.yaml")
    err = load_error(empty)
    assert str(err) == f"{empty.resolve()}: is empty"
    listing = write(tmp_path, "- a\n- b\n", "list.yaml")
    assert "YAML mapping" in assert_one_line_at(load_error(listing), listing, 1)


def test_rule_missing_suggestion(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("    suggestion: 补充备案情况。\n", ""))
    message = assert_one_line_at(load_error(path), path, line_of(path, "code: TT001"))
    assert message.startswith("rules.0.suggestion:") and "missing" in message


def test_too_short_suggestion_points_at_its_line(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("suggestion: 补充备案情况。", "suggestion: 补"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "suggestion: 补"))
    assert message.startswith("rules.0.suggestion:") and "at least 2 characters" in message


def test_unknown_key_in_check_parameters(tmp_path):
    path = write(tmp_path, HEADER + RULE + "    itmes: []\n")
    message = assert_one_line_at(load_error(path), path, line_of(path, "itmes:"))
    assert_unknown_key(message, "itmes")
    assert message.startswith("rules.0")


def test_unknown_key_in_nested_term_group(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", "      - any: [备案]\n        lable: 备案"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "lable:"))
    assert_unknown_key(message, "lable")
    assert message.startswith("rules.0.items.0")


def test_misspelt_required_check_key_is_reported_as_unknown_key(tmp_path):
    # The typo, not the "missing" key it causes, is what a person needs to see.
    path = write(tmp_path, HEADER + RULE.replace("    items:\n", "    itmes:\n"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "itmes:"))
    assert_unknown_key(message, "'itmes'")
    assert "'items'" in message  # the key that was meant


def test_unknown_check_type_lists_known_types(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("check: require", "check: requir"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "check: requir"))
    assert "unknown check type 'requir'" in message
    known = re.search(r"known: (.*)\)", message).group(1).split(", ")
    assert known == sorted(["balanced_pairs", "canon", "consistency", "count", "dates", "either", "forbid",
                            "metadata", "near", "require", "section"])


@pytest.mark.parametrize("code", ["T001", "TT01", "tt001", "TTTTT001", "TT0011", "T-001"])
def test_bad_rule_code_format(tmp_path, code):
    path = write(tmp_path, HEADER + RULE.replace("code: TT001", f"code: {code}"))
    message = assert_one_line_at(load_error(path), path, line_of(path, f"code: {code}"))
    assert message.startswith("rules.0.code:")
    assert "2–4 capital letters and 3 digits" in message


def test_duplicate_rule_code(tmp_path):
    path = write(tmp_path, HEADER + RULE + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "code: TT001", occurrence=2))
    assert message.startswith("duplicate rule code TT001")
    assert "overrides" in message


def test_duplicate_rule_code_against_an_inherited_rule(tmp_path):
    path = write(tmp_path, HEADER.replace("rules:\n", "extends: [baseline]\nrules:\n")
                 + RULE.replace("TT001", "FZ001"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "code: FZ001"))
    assert message.startswith("duplicate rule code FZ001")


def test_duplicate_yaml_key(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("    weight: 1\n", "    weight: 1\n    weight: 2\n"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "weight: 2"))
    assert message == "duplicate key 'weight'"


def test_unknown_basis_id(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("basis: [b1]", "basis:\n      - b1\n      - b2"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "- b2"))
    assert message == "unknown basis 'b2' (define it under 'bases')"


def test_empty_basis_list_rejected(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("basis: [b1]", "basis: []"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "basis: []"))
    assert message.startswith("rules.0.basis:")


def test_unknown_section_role_in_scope(tmp_path):
    rule = RULE.replace("    check: require\n", "    scope: section:xyz\n    check: require\n")
    path = write(tmp_path, HEADER + rule)
    message = assert_one_line_at(load_error(path), path, line_of(path, "scope: section:xyz"))
    assert message == "unknown section role in scope 'section:xyz'"


def test_malformed_scope(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("    check: require\n", "    scope: chapter\n    check: require\n"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "scope: chapter"))
    assert message.startswith("rules.0.scope:") and "section:<role>" in message


def test_unknown_role_of_a_section_check(tmp_path):
    rule = RULE.replace("check: require", "check: section\n    role: xyz")
    rule = rule.replace("    items:\n      - any: [备案]\n", "")
    path = write(tmp_path, HEADER + rule)
    message = assert_one_line_at(load_error(path), path, line_of(path, "role: xyz"))
    assert message == "unknown section role 'xyz'"


def test_unknown_not_done_role_in_settings(tmp_path):
    path = write(tmp_path, HEADER.replace("rules:\n", "settings:\n  not_done_roles:\n    - plan\n    - xyz\nrules:\n")
                 + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "- xyz"))
    assert message == "unknown section role 'xyz'"


def test_missing_user_dictionary(tmp_path):
    path = write(tmp_path, HEADER.replace("rules:\n", "settings:\n  user_dictionary:\n    - nosuch.txt\nrules:\n")
                 + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "- nosuch.txt"))
    assert "user dictionary" in message and "nosuch.txt" in message and "does not exist" in message


REGEX_ITEM = "      - any: [{re: '%s'}]"


def test_invalid_regex(tmp_path):
    # Term is a union (phrase | {text: …} | {re: …}): the regex error must win over the other branches'.
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", REGEX_ITEM % "备(案"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "re: "))
    assert "invalid regular expression" in message
    assert "Input should be a valid string" not in message


def test_word_boundary_around_ascii_is_allowed(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", REGEX_ITEM % r"\bICP\b"))
    pack = load_rules(str(path))
    assert run_rule_on_text(pack, pack.rule("TT001"), "网站已取得 ICP 许可。").status is Status.passed


def test_word_boundary_around_chinese_rejected(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", REGEX_ITEM % r"\b备案\b"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "re: "))
    assert "\\b" in message and "boundary: true" in message


def test_empty_literal_term_message(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", "      - any: [{text: ''}]"))
    message = assert_one_line_at(load_error(path), path, line_of(path, "text: ''"))
    assert "unknown key" not in message
    assert "at least 1 character" in message


def test_empty_literal_term_rejected(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", "      - any: [{text: ''}]"))
    assert_one_line_at(load_error(path), path, line_of(path, "text: ''"))


def test_empty_regex_rejected(tmp_path):
    path = write(tmp_path, HEADER + RULE.replace("      - any: [备案]", REGEX_ITEM % ""))
    assert_one_line_at(load_error(path), path, line_of(path, "re: "))


def test_invalid_plan_cue_regex(tmp_path):
    path = write(tmp_path, HEADER.replace("rules:\n", "settings:\n  plan_cues: [计划, '将(']\nrules:\n") + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "plan_cues:"))
    assert "invalid regular expression '将('" in message


def test_invalid_plan_cue_regex_in_parent_names_the_parent(tmp_path):
    parent = write(tmp_path, HEADER.replace("pack: t", "pack: parent")
                   .replace("rules:\n", "settings:\n  plan_cues: ['将(']\nrules:\n") + RULE, "parent.yaml")
    child = write(tmp_path, 'pack: child\ntitle: 子包\nversion: "1"\nextends: [parent.yaml]\n', "child.yaml")
    err = load_error(child)
    assert_one_line_at(err, parent, line_of(parent, "plan_cues:"))


def test_failing_pass_example_points_at_that_example(tmp_path):
    examples = "    examples:\n      pass:\n        - 已报市司法局备案。\n        - 全年组织普法活动。\n"
    path = write(tmp_path, HEADER + RULE + examples)
    message = assert_one_line_at(load_error(path), path, line_of(path, "- 全年组织普法活动。"))
    assert message.startswith("TT001: 'pass' example gives fail")


def test_passing_fail_example_points_at_that_example(tmp_path):
    examples = "    examples:\n      fail:\n        - 全年组织普法活动。\n        - 已报市司法局备案。\n"
    path = write(tmp_path, HEADER + RULE + examples)
    message = assert_one_line_at(load_error(path), path, line_of(path, "- 已报市司法局备案。"))
    assert message.startswith("TT001: 'fail' example gives pass")


def test_examples_can_be_skipped(tmp_path):
    examples = "    examples:\n      pass:\n        - 全年组织普法活动。\n"
    path = write(tmp_path, HEADER + RULE + examples)
    pack = load_rules(str(path), run_examples=False)
    assert [r.code for r in pack.rules] == ["TT001"]


def test_unknown_key_in_examples(tmp_path):
    path = write(tmp_path, HEADER + RULE + "    examples:\n      passes: [x]\n")
    message = assert_one_line_at(load_error(path), path, line_of(path, "passes:"))
    assert_unknown_key(message, "passes")


def test_unknown_top_level_key(tmp_path):
    path = write(tmp_path, HEADER.replace("bases:", "rulez: []\nbases:") + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "rulez:"))
    assert_unknown_key(message, "rulez")


# -- extends --------------------------------------------------------------------------------


def test_extends_by_name_and_by_relative_path(tmp_path):
    parent = write(tmp_path, HEADER.replace("pack: t", "pack: parent") + RULE, "parent.yaml")
    sub = tmp_path / "sub"
    sub.mkdir()
    child = write(sub, 'pack: child\ntitle: 子包\nversion: "2"\nextends: [baseline, ../parent.yaml]\n', "child.yaml")
    pack = load_rules(str(child))
    codes = [r.code for r in pack.rules]
    assert codes[-1] == "TT001" and "FZ001" in codes and "PN001" in codes
    assert (pack.name, pack.version) == ("child", "2")
    assert pack.sources[-2:] == [str(parent.resolve()), str(child.resolve())]


def test_extends_cycle_names_the_extends_line(tmp_path):
    b = write(tmp_path, 'pack: b\ntitle: 乙\nversion: "1"\nextends: [a.yaml]\n', "b.yaml")
    a = write(tmp_path, 'pack: a\ntitle: 甲\nversion: "1"\nextends: [b.yaml]\n', "a.yaml")
    err = load_error(a)
    # b.yaml's 'extends: [a.yaml]' closes the loop a → b → a.
    message = assert_one_line_at(err, b, line_of(b, "extends:"))
    assert "cycle" in message


def test_pack_extending_itself_is_a_cycle(tmp_path):
    path = write(tmp_path, 'pack: a\ntitle: 甲\nversion: "1"\nextends: [pack.yaml]\n')
    assert "cycle" in assert_one_line_at(load_error(path), path, line_of(path, "extends:"))


def test_unknown_pack_name_in_extends(tmp_path):
    path = write(tmp_path, HEADER.replace("rules:\n", "extends: [baseline, nosuch]\nrules:\n") + RULE)
    message = assert_one_line_at(load_error(path), path, line_of(path, "extends:"))
    assert message == ("unknown rule pack 'nosuch' (available: baseline, canon, default, department, evaluator, "
                       "government, joint, kinds, topics, town, writing)")


def test_unknown_pack_name_at_the_api_is_a_usage_error():
    with pytest.raises(UsageError, match="unknown rule pack 'nosuch'"):
        load_rules("nosuch")
    with pytest.raises(UsageError, match="does not exist"):
        load_rules("no/such/pack.yaml")


# -- overrides and enabled --------------------------------------------------------------------


def test_override_changes_severity_and_weight_of_inherited_rule(tmp_path):
    path = write(tmp_path, """\
        pack: strict
        title: 严格包
        version: "1"
        extends: [baseline]
        overrides:
          FZ003: {severity: error, weight: 9, suggestion: 必须分析原因。}
        """)
    base = load_rules("baseline").rule("FZ003").spec
    rule = load_rules(str(path)).rule("FZ003").spec
    assert base.severity is Severity.warning and base.weight == 4
    assert rule.severity is Severity.error and rule.weight == 9 and rule.suggestion == "必须分析原因。"
    assert rule.title == base.title and rule.check == base.check  # the rest is inherited
    text = "二、存在的不足\n一是执法人员专业能力有待提升；二是普法针对性不强。\n"
    result = auditor.Auditor(load_rules(str(path), select=["FZ003"]), recognise=False).audit_text(text)  # a snippet
    assert [(f.code, f.severity) for f in result.findings] == [("FZ003", Severity.error)]


def test_override_applies_to_is_honoured(tmp_path):
    path = write(tmp_path, """\
        pack: gov
        title: 政府包
        version: "1"
        extends: [baseline]
        overrides:
          FZ003: {applies_to: {kinds: [government]}}
        """)
    pack = load_rules(str(path), select=["FZ003"])
    assert pack.rule("FZ003").spec.applies_to.kinds == ["government"]
    result = auditor.Auditor(pack).audit_path(MODEL)  # a department report
    assert result.results[0].status is Status.not_applicable


def test_override_of_unknown_code(tmp_path):
    path = write(tmp_path, """\
        pack: t
        title: 测试包
        version: "1"
        extends: [baseline]
        overrides:
          FZ003: {severity: error}
          ZZ999: {severity: error}
        """)
    message = assert_one_line_at(load_error(path), path, line_of(path, "ZZ999"))
    assert message == "override for unknown rule code ZZ999"


def test_override_may_not_change_the_check(tmp_path):
    path = write(tmp_path, """\
        pack: t
        title: 测试包
        version: "1"
        extends: [baseline]
        overrides:
          FZ003:
            severity: error
            check: forbid
        """)
    message = assert_one_line_at(load_error(path), path, line_of(path, "check: forbid"))
    assert_unknown_key(message, "check")
    assert message.startswith("overrides.FZ003")


def test_override_with_invalid_severity(tmp_path):
    path = write(tmp_path, """\
        pack: t
        title: 测试包
        version: "1"
        extends: [baseline]
        overrides:
          FZ003:
            severity: fatal
        """)
    message = assert_one_line_at(load_error(path), path, line_of(path, "severity: fatal"))
    assert message.startswith("overrides.FZ003.severity:")


def test_enabled_false_removes_a_rule(tmp_path):
    second = RULE.replace("TT001", "TT002").replace("    check: require\n", "    enabled: false\n    check: require\n")
    pack = load_rules(str(write(tmp_path, HEADER + RULE + second)))
    assert [r.code for r in pack.rules] == ["TT001"]
    with pytest.raises(UsageError, match="unknown rule code 'TT002'"):
        pack.rule("TT002")


def test_override_enabled_false_removes_an_inherited_rule(tmp_path):
    path = write(tmp_path, """\
        pack: t
        title: 测试包
        version: "1"
        extends: [baseline]
        overrides:
          TR001: {enabled: false}
        """)
    codes = [r.code for r in load_rules(str(path)).rules]
    assert "TR001" not in codes
    assert codes == [c.code for c in load_rules("baseline").rules if c.code != "TR001"]
    result = auditor.Auditor(load_rules(str(path))).audit_text("深入推进法制政府建设，全面落实各项制度。")
    assert "TR001" not in {r.code for r in result.results}


def test_disabled_rule_examples_are_not_run(tmp_path):
    rule = RULE + "    enabled: false\n    examples:\n      pass:\n        - 全年组织普法活动。\n"
    assert load_rules(str(write(tmp_path, HEADER + rule))).rules == []


# -- select / ignore -----------------------------------------------------------------------


def test_select_by_prefix_and_code():
    pack = load_rules("default", select=["TR", "fz001"])
    assert [r.code for r in pack.rules] == ["FZ001", "TR001", "TR002", "TR003", "TR004", "TR005"]


def test_ignore_by_prefix_and_code():
    everything = [r.code for r in load_rules("default").rules]
    pack = load_rules("default", ignore=["TR", "QL002"])
    assert [r.code for r in pack.rules] == [c for c in everything if not c.startswith("TR") and c != "QL002"]


def test_select_then_ignore():
    pack = load_rules("baseline", select=["FZ"], ignore=["FZ003", "FZ005"])
    assert [r.code for r in pack.rules] == ["FZ001", "FZ002", "FZ004", "FZ006", "FZ007", "FZ008"]


@pytest.mark.parametrize(("select", "ignore"), [(["QQ"], None), (None, ["XF9"]), (["FZ", "ZZ001"], None)])
def test_unknown_selector_is_a_usage_error(select, ignore):
    with pytest.raises(UsageError, match="unknown rule code or prefix"):
        load_rules("baseline", select=select, ignore=ignore)


def test_auditor_selects_from_a_loaded_pack():
    pack = load_rules("baseline")
    before = [r.code for r in pack.rules]
    narrow = auditor.Auditor(pack, select=["TI"])
    assert [r.code for r in narrow.pack.rules] == ["TI001", "TI002"]
    assert [r.code for r in pack.rules] == before  # the original pack is untouched
    assert len(before) > 2


# -- the shipped packs ---------------------------------------------------------------------


SHIPPED = load_rules("default")
SHIPPED_CODES = [r.code for r in SHIPPED.rules]


def test_shipped_packs_load_by_name():
    baseline = [r.code for r in load_rules("baseline").rules]
    writing = [r.code for r in load_rules("writing").rules]
    assert baseline + writing == SHIPPED_CODES
    assert len(set(SHIPPED_CODES)) == len(SHIPPED_CODES)
    assert load_rules().name == "default"
    assert [Path(s).name for s in SHIPPED.sources] == ["baseline.yaml", "writing.yaml", "default.yaml"]


@pytest.mark.parametrize("code", SHIPPED_CODES)
def test_shipped_rule_is_documented(code):
    rule = SHIPPED.rule(code)
    spec = rule.spec
    assert HAN.search(spec.title), f"{code}: title is not Chinese"
    assert HAN.search(spec.suggestion), f"{code}: suggestion is not Chinese"
    assert rule.basis, f"{code}: no basis"
    assert all(HAN.search(b.title) for b in rule.basis)
    assert spec.examples.fail, f"{code}: no fail example"
    assert rule.line is not None and Path(rule.file).is_file()


@pytest.mark.parametrize("code", SHIPPED_CODES)
def test_shipped_rule_examples_behave(code):
    rule = SHIPPED.rule(code)
    for text in rule.spec.examples.fail:
        assert run_rule_on_text(SHIPPED, rule, text).status in (Status.failed, Status.partial), text
    for text in rule.spec.examples.pass_:
        assert run_rule_on_text(SHIPPED, rule, text).status is Status.passed, text


def test_a_missing_extends_file_names_the_pack_and_its_line(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("pack: p\ntitle: 测试\nversion: '1'\nextends: [./nowhere.yaml]\n", encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack))
    assert str(info.value) == f"{pack}:4: rule pack file './nowhere.yaml' does not exist"
