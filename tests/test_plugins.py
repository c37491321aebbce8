"""Plugins: built-ins only without autoload, real third-party plugins found through entry points
(check types, rule packs, vocabularies, readers), and broken or misspelt plugins reported, not fatal.

The hooks changed in 0.1 (auditor is 0.x; its plugin API may still change): readers are declared
by ``auditor_readers`` (``auditor.readers.kinds.Reader``) instead of being asked file by file
(``auditor_read_file``, ``auditor_reader_suffixes``), and a plugin replaces another's name only by
listing it in ``auditor_overrides`` (tests/test_plugin_clashes.py)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

import auditor
from auditor import Auditor, load_rules
from auditor.checks import Check
from auditor.engine import run_rule_on_text
from auditor.errors import RulePackError, UsageError
from auditor.models import Status
from auditor.plugins.manager import DISABLE_ENV, PluginClash, make_plugins

BUILTIN_CHECKS = ["balanced_pairs", "canon", "consistency", "count", "dates", "either", "forbid", "metadata", "near",
                  "require", "section"]

REPORT = """\
青禾市生态环境局关于2025年度法治政府建设情况的报告
一、2025年推进法治政府建设的主要举措和成效
全年制定规范性文件3件，均经合法性审核和公平竞争审查，并报市司法局备案；开展规范性文件清理，废止2件。
二、安全生产工作
全年开展安全生产检查12次，整改隐患35处。
青禾市生态环境局
2026年2月10日
"""

PLUGIN_SOURCE = '''\
"""A third-party auditor plugin used by the tests."""

from pathlib import Path

from pydantic import BaseModel, ConfigDict

import auditor.plugins
from auditor.checks import Check, Outcome
from auditor.models import SourceText, Status
from auditor.readers.kinds import Reader

HERE = Path(__file__).parent


class MentionsParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    word: str
    times: int = 1


class Mentions(Check):
    """The document mentions ``word`` at least ``times`` times."""

    name = "mentions"
    Params = MentionsParams
    description = "须提及某词若干次"

    def run(self, ctx):
        found = ctx.doc.text.count(self.params.word)
        ok = found >= self.params.times
        return Outcome(status=Status.passed if ok else Status.failed, credit=1 if ok else 0,
                       message=f"“{self.params.word}”出现{found}次")


@auditor.plugins.hookimpl
def auditor_check_types():
    return [Mentions]


@auditor.plugins.hookimpl
def auditor_rule_pack_paths():
    return [HERE / "safety.yaml"]


@auditor.plugins.hookimpl
def auditor_role_vocabularies():
    return [HERE / "safety_roles.yaml"]


def read_rpt(file):
    # An .rpt file keeps one line per record, fields separated by "|"; the report is the last field.
    lines = [line.split("|")[-1] for line in file.path.read_text(encoding="utf-8").splitlines()]
    return SourceText(path=str(file.path), format="rpt", text="\\n".join(lines), encoding="utf-8")


@auditor.plugins.hookimpl
def auditor_readers():
    return [Reader("rpt", (".rpt",), read_rpt)]
'''

SAFETY_PACK = """\
pack: safety
title: 安全生产附加检查
version: "0.1"
extends: [baseline]
rules:
  - code: AQ001
    title: 报告安全生产工作
    basis: [{title: 《安全生产法》}]
    severity: warning
    weight: 2
    scope: section:safety
    suggestion: 增加安全生产工作情况。
    check: mentions
    word: 安全生产检查
    examples:
      pass:
        - |
          二、安全生产工作
          全年开展安全生产检查12次。
      fail:
        - 全年组织普法活动12场。
"""

SAFETY_ROLES = """\
version: 1
roles:
  safety:
    label: 安全生产
    headings: [安全生产]
"""


def install(site: Path, module: str, source: str, *, entry_name: str | None = None,
            files: dict[str, str] | None = None) -> None:
    """Install ``module`` into ``site`` as a distribution with an ``auditor`` entry point."""
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    for name, text in (files or {}).items():
        (site / name).write_text(text, encoding="utf-8")
    info = site / f"{module}-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[auditor]\n{entry_name or module} = {module}\n", encoding="utf-8")


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A folder on sys.path where importlib.metadata finds the plugins installed by ``install``."""
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delenv(DISABLE_ENV, raising=False)
    yield folder
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", "") or "").startswith(str(folder)):
            del sys.modules[name]


@pytest.fixture
def testplugin(site) -> Path:
    install(site, "auditor_testplugin", PLUGIN_SOURCE, entry_name="testplugin",
            files={"safety.yaml": SAFETY_PACK, "safety_roles.yaml": SAFETY_ROLES})
    return site


def check_names(plugins) -> list[str]:
    return sorted(plugins.check_types())


# -- built-ins and autoload ------------------------------------------------------------------


def test_no_autoload_gives_builtins_only(testplugin):
    plugins = make_plugins(autoload=False)
    assert plugins.loaded == ["auditor.builtin"]
    assert plugins.failed == {}
    assert check_names(plugins) == BUILTIN_CHECKS
    assert Auditor(["baseline"], plugins=plugins).suffixes() == [
        ".docx", ".htm", ".html", ".markdown", ".md", ".pdf", ".shtml", ".text", ".txt", ".xhtml"]


def test_builtin_hooks(tmp_path):
    plugins = make_plugins(autoload=False)
    packs = [p.name for p in plugins.pack_paths()]
    assert packs == ["baseline.yaml", "canon.yaml", "default.yaml", "department.yaml", "evaluator.yaml",
                     "government.yaml", "joint.yaml", "kinds.yaml", "topics.yaml", "town.yaml", "writing.yaml"]
    vocabularies = [p.name for p in plugins.vocabularies()]
    assert vocabularies == ["roles.yaml"]
    formats = set(plugins.formats())
    assert formats == {"table", "concise", "json", "jsonl", "sarif", "junit", "github", "markdown", "csv", "html",
                       "xlsx"}
    assert sorted(plugins.readers()) == ["docx", "html", "legacy", "pdf", "text"]
    assert plugins.read(tmp_path / "report.rpt") is None  # no reader claims .rpt


@pytest.mark.parametrize("value", ["1", "true", "YES"])
def test_environment_variable_disables_autoload(testplugin, monkeypatch, value):
    monkeypatch.setenv(DISABLE_ENV, value)
    plugins = make_plugins()
    assert plugins.loaded == ["auditor.builtin"]
    assert check_names(plugins) == BUILTIN_CHECKS
    with pytest.raises(UsageError, match="unknown rule pack 'safety'"):
        load_rules("safety", plugins=plugins)


def test_explicit_autoload_overrides_the_environment(testplugin, monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "1")
    assert make_plugins(autoload=True).loaded == ["auditor.builtin", "testplugin"]


def test_environment_variable_zero_keeps_autoload(testplugin, monkeypatch):
    monkeypatch.setenv(DISABLE_ENV, "0")
    assert make_plugins().loaded == ["auditor.builtin", "testplugin"]


# -- a real third-party plugin ------------------------------------------------------------


def test_plugin_is_found_through_its_entry_point(testplugin):
    plugins = make_plugins()
    assert plugins.loaded == ["auditor.builtin", "testplugin"]
    assert plugins.failed == {}
    assert check_names(plugins) == sorted([*BUILTIN_CHECKS, "mentions"])
    module = sys.modules["auditor_testplugin"]
    assert Path(module.__file__).parent == testplugin
    assert issubclass(module.Mentions, Check)


def test_plugin_check_type_in_a_yaml_pack(testplugin, tmp_path):
    pack_file = tmp_path / "mine.yaml"
    pack_file.write_text(textwrap.dedent("""\
        pack: mine
        title: 自定义包
        version: "1"
        rules:
          - code: MY001
            title: 提及规范性文件
            basis: [{title: 某规定}]
            severity: error
            weight: 1
            suggestion: 写明规范性文件情况。
            check: mentions
            word: 规范性文件
            times: 2
            examples:
              pass: [制定规范性文件3件，清理规范性文件2件。]
              fail: [制定规范性文件3件。]
        """), encoding="utf-8")
    plugins = make_plugins()
    pack = load_rules(str(pack_file), plugins=plugins)
    rule = pack.rule("MY001")
    assert type(rule.check).__name__ == "Mentions"
    assert run_rule_on_text(pack, rule, REPORT).status is Status.passed
    outcome = run_rule_on_text(pack, rule, "全年组织普法活动12场。")
    assert outcome.status is Status.failed and outcome.message == "“规范性文件”出现0次"
    # Without the plugin the same pack does not load: the check type is unknown.
    with pytest.raises(RulePackError, match="unknown check type 'mentions'"):
        load_rules(str(pack_file), plugins=make_plugins(autoload=False))


def test_plugin_check_parameters_are_validated(testplugin, tmp_path):
    pack_file = tmp_path / "typo.yaml"
    pack_file.write_text(textwrap.dedent("""\
        pack: typo
        title: 自定义包
        version: "1"
        rules:
          - code: MY002
            title: 提及规范性文件
            basis: [{title: 某规定}]
            severity: error
            weight: 1
            suggestion: 写明规范性文件情况。
            check: mentions
            word: 规范性文件
            tims: 2
        """), encoding="utf-8")
    with pytest.raises(RulePackError) as info:
        load_rules(str(pack_file), plugins=make_plugins())
    message = str(info.value)
    assert message.startswith(f"{pack_file.resolve()}:13: rules.0")
    assert "unknown key" in message and "tims" in message


def test_plugin_rule_pack_and_vocabulary(testplugin):
    plugins = make_plugins()
    pack = load_rules("safety", plugins=plugins)
    assert pack.name == "safety"
    assert pack.rule("AQ001").spec.scope == "section:safety"  # a role the plugin's vocabulary adds
    assert "FZ001" in {r.code for r in pack.rules}  # extends the shipped baseline
    result = Auditor(pack, plugins=plugins).audit_text(REPORT)
    by_code = {r.code: r for r in result.results}
    assert by_code["AQ001"].status is Status.passed
    assert by_code["AQ001"].message == "“安全生产检查”出现1次"


def test_plugin_reader_for_a_new_suffix(testplugin, tmp_path):
    reports = tmp_path / "reports"
    reports.mkdir()
    rpt = reports / "report.rpt"
    rpt.write_text("\n".join(f"{i}|{line}" for i, line in enumerate(REPORT.splitlines(), 1)), encoding="utf-8")
    plugins = make_plugins()
    checker = Auditor(["baseline"], plugins=plugins)
    assert ".rpt" in checker.suffixes()
    result = checker.audit_path(rpt)
    assert result.evaluated and result.format == "rpt"
    assert result.metadata.organisation.value == "青禾市生态环境局"
    assert result.metadata.signature_date.value.isoformat() == "2026-02-10"
    assert {r.code: r.status for r in result.results}["GF001"] is Status.passed
    (reports / "notes.doc").write_text("不是报告", encoding="utf-8")
    assert checker.collect([reports]) == [rpt]
    # The built-in reader still answers for .txt files.
    txt = reports / "report.txt"
    txt.write_text(REPORT, encoding="utf-8")
    assert checker.audit_path(txt).format == "txt"
    assert checker.collect([reports]) == [rpt, txt]


def test_rpt_without_the_plugin_is_unsupported(testplugin, tmp_path):
    rpt = tmp_path / "report.rpt"
    rpt.write_text(REPORT, encoding="utf-8")
    result = Auditor(["baseline"], plugins=make_plugins(autoload=False)).audit_path(rpt)
    assert result.verdict == "unevaluated" and not result.evaluated
    assert result.problem.startswith("unsupported file type '.rpt'")


TXT_PLUGIN = '''\
    import auditor.plugins
    from auditor.models import SourceText
    from auditor.readers.kinds import Reader

    def read(file):
        return SourceText(path=str(file.path), format="plugin-txt", text=file.path.read_text(encoding="utf-8"))

    @auditor.plugins.hookimpl
    def auditor_readers():
        return [Reader("text", (".txt",), read)]
    '''


def test_plugin_reader_takes_over_a_builtin_kind(site, tmp_path):
    install(site, "auditor_txtplugin", TXT_PLUGIN + '''
    @auditor.plugins.hookimpl
    def auditor_overrides():
        return ["reader:text"]
    ''')
    txt = tmp_path / "report.txt"
    txt.write_text(REPORT, encoding="utf-8")
    plugins = make_plugins()
    assert plugins.loaded == ["auditor.builtin", "auditor_txtplugin"]
    assert Auditor(["baseline"], plugins=plugins).audit_path(txt).format == "plugin-txt"
    # The whole kind is the plugin's: the built-in text reader's other names are no longer read.
    assert ".md" not in plugins.reader_suffixes() and ".txt" in plugins.reader_suffixes()


def test_plugin_reader_of_a_builtin_kind_without_override_is_a_clash(site, tmp_path):
    install(site, "auditor_txtplugin", TXT_PLUGIN)
    txt = tmp_path / "report.txt"
    txt.write_text(REPORT, encoding="utf-8")
    with pytest.raises(PluginClash) as info:  # never silently one or the other
        Auditor(["baseline"], plugins=make_plugins()).audit_path(txt)
    assert str(info.value) == ("plugins 'auditor.builtin' and 'auditor_txtplugin' both give the reader 'text' "
                               "(a plugin that means to replace it lists 'reader:text' in auditor_overrides)")


# -- broken plugins ----------------------------------------------------------------------


def test_broken_plugin_is_reported_and_skipped(testplugin):
    install(testplugin, "auditor_brokenplugin", 'raise ImportError("needs libfoo, which is not installed")\n',
            entry_name="broken")
    plugins = make_plugins()
    assert plugins.failed == {"broken": "ImportError: needs libfoo, which is not installed"}
    assert plugins.loaded == ["auditor.builtin", "testplugin"]  # the good plugin still loads
    assert "mentions" in check_names(plugins)
    assert Auditor(["baseline"], plugins=plugins).audit_text(REPORT).evaluated


def test_plugin_raising_other_errors_on_import(site):
    install(site, "auditor_crashplugin", "1 / 0\n", entry_name="crash")
    plugins = make_plugins()
    assert plugins.failed == {"crash": "ZeroDivisionError: division by zero"}
    assert plugins.loaded == ["auditor.builtin"]


def test_entry_point_to_a_missing_module(site):
    info = site / "auditor_ghost-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: auditor_ghost\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[auditor]\nghost = auditor_ghost_missing\n", encoding="utf-8")
    plugins = make_plugins()
    assert list(plugins.failed) == ["ghost"]
    assert plugins.failed["ghost"].startswith("ModuleNotFoundError: No module named 'auditor_ghost_missing'")
    assert plugins.loaded == ["auditor.builtin"]


def test_misspelt_hook_unloads_the_plugin(testplugin):
    install(testplugin, "auditor_typoplugin", '''\
        import auditor.plugins
        from auditor.checks.require import Require


        class Renamed(Require):
            name = "renamed_require"


        @auditor.plugins.hookimpl
        def auditor_check_type():  # misspelt: the hook is auditor_check_types
            return [Renamed]


        @auditor.plugins.hookimpl
        def auditor_readers():
            from auditor.readers.kinds import Reader

            return [Reader("typo", (".typo",), lambda file: None)]
        ''', entry_name="typo")
    plugins = make_plugins()
    assert list(plugins.failed) == ["typo"]
    assert "auditor_check_type" in plugins.failed["typo"]
    assert "\n" not in plugins.failed["typo"]
    assert plugins.loaded == ["auditor.builtin", "testplugin"]
    assert "typo" not in {name for name, _ in plugins.manager.list_name_plugin()}
    # Nothing of the unloaded plugin remains: not even its correctly named hooks.
    assert ".typo" not in Auditor(["baseline"], plugins=plugins).suffixes()
    assert "renamed_require" not in check_names(plugins)


def test_two_plugins_defining_the_same_check_type(site):
    install(site, "auditor_clashplugin", '''\
        import auditor.plugins
        from auditor.checks.forbid import Forbid


        class MyRequire(Forbid):
            name = "require"


        @auditor.plugins.hookimpl
        def auditor_check_types():
            return [MyRequire]
        ''', entry_name="clash")
    plugins = make_plugins()
    assert plugins.loaded == ["auditor.builtin", "clash"]
    with pytest.raises(PluginClash) as info:
        load_rules("baseline", plugins=plugins)
    assert str(info.value) == ("plugins 'auditor.builtin' and 'clash' both give the check type 'require' (a plugin "
                               "that means to replace it lists 'check:require' in auditor_overrides)")
    assert isinstance(info.value, UsageError)  # exit 2 on the command line


def test_module_level_api_uses_autoloaded_plugins(testplugin):
    result = auditor.audit_text(REPORT, rules=["safety"])
    assert {r.code: r.status for r in result.results}["AQ001"] is Status.passed


def test_a_plugin_of_the_retired_reader_hooks_is_told_what_replaced_them(site):
    install(site, "auditor_oldreader", '''\
        import auditor.plugins

        @auditor.plugins.hookimpl
        def auditor_read_file(path):
            return None
        ''', entry_name="old")
    plugins = make_plugins()
    assert plugins.loaded == ["auditor.builtin"]
    assert plugins.failed["old"].startswith("unknown hook 'auditor_read_file' in plugin ")
    assert plugins.failed["old"].endswith(" (auditor_read_file became auditor_readers in 0.1)")
