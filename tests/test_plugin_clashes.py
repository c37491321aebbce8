"""One clash policy for every hook: a name two plugins give is one line naming both (exit 2), unless
one of them lists ``KIND:NAME`` in ``auditor_overrides``; then its thing replaces the other's. Real
plugins, installed through entry points; the command line through ``auditor.cli.main``."""

from __future__ import annotations

import pytest

from auditor import load_rules
from auditor.cli import main
from auditor.plugins.manager import PluginClash, make_plugins

from .conftest import FIXTURES
from .test_plugins import REPORT, SAFETY_PACK, install, site  # noqa: F401 - ``site`` is a fixture

MODEL = FIXTURES / "model" / "model-report.txt"

MENTIONS = '''\
import auditor.plugins
from auditor.checks.require import Require


class Mentions(Require):
    name = "mentions"


@auditor.plugins.hookimpl
def auditor_check_types():
    return [Mentions]
'''

JSON_FORMAT = '''\
import auditor.plugins
from auditor.report.base import Formatter


class Counted(Formatter):
    name = "json"
    description = "reports counted"

    def render(self, run):
        return f"{len(run.reports)} reports\\n"


@auditor.plugins.hookimpl
def auditor_output_formats():
    return {"json": Counted}
'''

DEFAULT_PACK_PLUGIN = '''\
from pathlib import Path

import auditor.plugins


@auditor.plugins.hookimpl
def auditor_rule_pack_paths():
    return [Path(__file__).parent / "default.yaml"]
'''

OVERRIDES = '''
@auditor.plugins.hookimpl
def auditor_overrides():
    return {entries!r}
'''


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def listed(out: str) -> list[str]:
    """``audit plugins``'s lines without what each plugin adds (the indented lines under it)."""
    return [line for line in out.splitlines() if not line.startswith(" ")]


def adds(out: str, plugin: str) -> list[str]:
    """The indented lines under ``loaded  PLUGIN``: what it adds, kind by kind."""
    lines = out.splitlines()
    after = lines[lines.index(f"loaded  {plugin}") + 1:]
    end = next((i for i, x in enumerate(after) if not x.startswith(" ")), len(after))
    return [line.strip() for line in after[:end]]


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line]
    assert len(lines) == 1, err
    return lines[0]


# -- clashes ---------------------------------------------------------------------------------


def test_two_plugins_giving_one_check_type(site, capsys):  # noqa: F811
    install(site, "auditor_first", MENTIONS, entry_name="first")
    install(site, "auditor_second", MENTIONS, entry_name="second")
    plugins = make_plugins()
    first, second = (name for name in plugins.loaded if name != "auditor.builtin")
    with pytest.raises(PluginClash) as info:
        load_rules("baseline", plugins=plugins)
    assert str(info.value) == (f"plugins '{first}' and '{second}' both give the check type 'mentions' (a plugin "
                               "that means to replace it lists 'check:mentions' in auditor_overrides)")
    code, out, err = run_cli(capsys, "--isolated", str(MODEL))
    assert code == 2 and out == ""
    assert one_line(err) == f"audit: error: {info.value}"


def test_a_plugin_format_clashing_with_a_builtin(site, capsys):  # noqa: F811
    install(site, "auditor_fmt", JSON_FORMAT, entry_name="fmt")
    code, out, err = run_cli(capsys, "--isolated", str(MODEL))
    assert code == 2 and out == ""
    assert one_line(err) == ("audit: error: plugins 'auditor.builtin' and 'fmt' both give the output format 'json' "
                             "(a plugin that means to replace it lists 'format:json' in auditor_overrides)")
    # `audit plugins` still lists what is loaded, and the clash.
    code, out, err = run_cli(capsys, "plugins")
    assert code == 2 and err == ""
    assert adds(out, "fmt") == ["output formats: json"]
    assert listed(out) == [
        "loaded  auditor.builtin", "loaded  fmt",
        "clash  plugins 'auditor.builtin' and 'fmt' both give the output format 'json' (a plugin that means to "
        "replace it lists 'format:json' in auditor_overrides)"]


def test_a_plugin_pack_clashing_with_a_builtin(site):  # noqa: F811
    install(site, "auditor_packs", DEFAULT_PACK_PLUGIN, entry_name="packs", files={"default.yaml": SAFETY_PACK})
    with pytest.raises(PluginClash, match=r"^plugins 'auditor\.builtin' and 'packs' both give the rule pack 'default' "
                                          r"\(a plugin that means to replace it lists 'pack:default'"):
        load_rules(plugins=make_plugins())


def test_a_plugin_vocabulary_clashing_with_a_builtin(site):  # noqa: F811
    install(site, "auditor_roles", '''\
        from pathlib import Path

        import auditor.plugins


        @auditor.plugins.hookimpl
        def auditor_role_vocabularies():
            return [Path(__file__).parent / "roles.yaml"]
        ''', entry_name="roles", files={"roles.yaml": "version: 1\nroles: {}\n"})
    with pytest.raises(PluginClash, match=r"^plugins 'auditor\.builtin' and 'roles' both give the role vocabulary "
                                          r"'roles' "):
        load_rules(plugins=make_plugins())


def test_two_readers_of_one_suffix(site, tmp_path):  # noqa: F811
    install(site, "auditor_notes", '''\
        import auditor.plugins
        from auditor.models import SourceText
        from auditor.readers.kinds import Reader


        @auditor.plugins.hookimpl
        def auditor_readers():
            return [Reader("notes", (".notes", ".TXT"), lambda file: SourceText(path=str(file.path), text="x"))]
        ''', entry_name="notes")
    plugins = make_plugins()
    with pytest.raises(PluginClash) as info:
        plugins.reader_suffixes()
    assert str(info.value) == ("plugins 'auditor.builtin' and 'notes' both read '.txt' files (readers 'text' and "
                               "'notes'; to take them over, a plugin overrides 'reader:text')")


# -- overrides -------------------------------------------------------------------------------


def test_an_override_replaces_a_builtin_format(site, capsys):  # noqa: F811
    install(site, "auditor_fmt", JSON_FORMAT + OVERRIDES.format(entries=["format:json"]), entry_name="fmt")
    code, out, _ = run_cli(capsys, "--isolated", "--format", "json", str(MODEL))
    assert (code, out) == (0, "1 reports\n")
    code, out, _ = run_cli(capsys, "plugins")
    assert code == 0
    assert adds(out, "fmt") == ["output formats: json"]
    assert "check types: balanced_pairs, canon," in adds(out, "auditor.builtin")[0]
    assert listed(out) == ["loaded  auditor.builtin", "loaded  fmt",
                                "override  fmt: output format 'json' (replaces auditor.builtin's)"]


def test_an_override_replaces_a_builtin_pack(site):  # noqa: F811
    install(site, "auditor_packs", DEFAULT_PACK_PLUGIN + OVERRIDES.format(entries=["pack:default"]),
            entry_name="packs", files={"default.yaml": 'pack: bureau\ntitle: 本局的默认包\nversion: "1"\n'
                                                       'extends: [baseline]\nrules: []\n'})
    plugins = make_plugins()
    assert plugins.failed == {}
    pack = load_rules(plugins=plugins)
    assert pack.name == "bureau" and "FZ001" in {r.code for r in pack.rules}


@pytest.mark.parametrize(("entries", "message"), [
    (["format:nothing"], "plugin 'odd' overrides the output format 'nothing', which no other plugin gives"),
    (["formats:json"], "plugin 'odd': override 'formats:json' is not KIND:NAME with KIND one of check, reader, "
                       "format, pack, vocabulary"),
    ("format:json", "plugin 'odd': auditor_overrides must return a list of 'KIND:NAME' strings, not str"),
])
def test_a_wrong_override_is_an_error(site, capsys, entries, message):  # noqa: F811
    install(site, "auditor_odd", JSON_FORMAT.replace('"json"', '"other"') + OVERRIDES.format(entries=entries),
            entry_name="odd")
    code, out, err = run_cli(capsys, "--isolated", str(MODEL))
    assert (code, out) == (2, "")
    assert one_line(err) == f"audit: error: {message}"
    code, out, _ = run_cli(capsys, "plugins")  # listed once, though it stops every hook
    assert code == 2 and listed(out) == ["loaded  auditor.builtin", "loaded  odd", f"clash  {message}"]


def test_two_plugins_overriding_one_name(site):  # noqa: F811
    for module, entry in (("auditor_fmt_a", "a"), ("auditor_fmt_b", "b")):
        install(site, module, JSON_FORMAT + OVERRIDES.format(entries=["format:json"]), entry_name=entry)
    plugins = make_plugins()
    first, second = (name for name in plugins.loaded if name != "auditor.builtin")
    with pytest.raises(PluginClash) as info:
        plugins.formats()
    assert str(info.value) == f"plugins '{first}' and '{second}' both override the output format 'json'"
    _, clashes = plugins.survey()
    assert clashes == [str(info.value)]


def test_builtins_alone_have_no_clash_and_no_override():
    plugins = make_plugins(autoload=False)
    assert plugins.survey() == ([], [])
