"""Start-up and reuse: what a cold command or a repeated library call must not pay for (issue 8).

Module sets are checked in fresh subprocesses: this test process has long since imported everything.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import time

import pytest

from .conftest import CORPUS, FIXTURES, ROOT

HEAVY = ("jieba", "opencc", "docx", "lxml", "pypdf", "charset_normalizer", "pkg_resources")
READERS = ("docx", "lxml", "pypdf", "charset_normalizer")


def _modules_after(code: str, env_extra: dict[str, str] | None = None) -> dict:
    """Run ``code`` in a fresh interpreter; return its JSON line (``LOADED`` = top-level modules)."""
    prelude = "import json, sys\nLOADED = lambda: sorted({m.split('.')[0] for m in sys.modules})\n"
    import os

    env = {**os.environ, **(env_extra or {})}
    out = subprocess.run([sys.executable, "-c", prelude + code], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120, env=env)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_import_auditor_loads_no_reader_library_jieba_or_opencc():
    loaded = _modules_after("import auditor\nprint(json.dumps(LOADED()))")
    assert not set(HEAVY) & set(loaded), loaded
    assert "pydantic" not in loaded  # the public names are imported on first use


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["schema"], ["rules"], ["rule", "FZ001"]])
def test_informational_commands_load_no_reader_and_no_jieba(argv):
    code = ("import contextlib, io\nfrom auditor.cli import main\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            f"    try:\n        rc = main({argv!r})\n    except SystemExit as exc:\n        rc = exc.code\n"
            "print(json.dumps({'rc': rc, 'loaded': LOADED()}))")
    got = _modules_after(code)
    assert got["rc"] in (0, None)
    assert not {"jieba", "pkg_resources", *READERS} & set(got["loaded"]), got["loaded"]
    if argv[0] != "rules" and argv[0] != "rule":  # listing rules compiles the pack (OpenCC folds its phrases)
        assert "opencc" not in got["loaded"]
    if argv in (["--version"], ["--help"]):
        assert "pydantic" not in got["loaded"] and "yaml" not in got["loaded"]  # no models, no pack
        assert "pluggy" not in got["loaded"]  # the command list needs no plugin


def test_second_audit_text_reuses_pack_and_tokenizer(tmp_path):
    # 备案 is a boundary-checked term in the baseline pack, so the first call builds the tokenizer.
    text = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8") + "\n报市司法局备案3件。\n"
    (tmp_path / "r.txt").write_text(text, encoding="utf-8")
    code = f"""
import time
from auditor import audit_text
from auditor.matching import boundaries
from auditor.rules import loader
text = open({str(tmp_path / "r.txt")!r}, encoding="utf-8").read()
first = audit_text(text)
state = (boundaries.builds, loader.examples_runs, len(loader._compiled))
t = time.perf_counter()
second = audit_text(text)
elapsed = time.perf_counter() - t
print(json.dumps({{"first": state, "second": (boundaries.builds, loader.examples_runs, len(loader._compiled)),
                   "same": first.model_dump() == second.model_dump(), "elapsed": elapsed}}))
"""
    got = _modules_after(code, {"AUDITOR_CACHE_DIR": str(tmp_path / "cache")})
    assert got["first"] == [1, 0, 1]  # one tokenizer, no examples run for the shipped pack, one compiled pack
    assert got["second"] == got["first"]
    assert got["same"]


def test_user_pack_examples_run_once_per_content(tmp_path):
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        'pack: mine\ntitle: 自定义\nversion: "1"\nextends: [baseline]\nrules:\n'
        "  - code: MY001\n    title: 写明普法\n    severity: warning\n    weight: 1\n    check: require\n"
        "    basis: [{title: 某规定}]\n    items: [{label: 普法, any: [普法]}]\n    suggestion: 写明普法工作。\n"
        "    examples:\n      pass: [全年开展普法活动。]\n      fail: [全年开展执法活动。]\n",
        encoding="utf-8")
    code = f"""
from auditor import load_rules
from auditor.rules import loader
load_rules({str(pack)!r}); load_rules({str(pack)!r})
print(json.dumps(loader.examples_runs))
"""
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    assert _modules_after(code, env) == 1  # first process: run once, then the per-process cache
    assert _modules_after(code, env) == 0  # next process: the content already passed
    pack.write_text(pack.read_text(encoding="utf-8").replace("执法活动", "执法检查"), encoding="utf-8")
    assert _modules_after(code, env) == 1  # changed: run again
    # An unwritable cache folder only costs time.
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("", encoding="utf-8")
    assert _modules_after(code, {"AUDITOR_CACHE_DIR": str(blocked)}) == 1


def test_user_pack_with_a_failing_example_is_refused(tmp_path):
    from auditor import RulePackError, load_rules

    pack = tmp_path / "bad.yaml"
    pack.write_text(
        'pack: bad\ntitle: 坏\nversion: "1"\nrules:\n'
        "  - code: BD001\n    title: 写明普法\n    severity: warning\n    weight: 1\n    check: require\n"
        "    basis: [{title: 某规定}]\n    items: [{label: 普法, any: [普法]}]\n    suggestion: 写明普法工作。\n"
        "    examples:\n      pass: [全年开展执法活动。]\n",
        encoding="utf-8")
    with pytest.raises(RulePackError, match="BD001: 'pass' example"):
        load_rules(str(pack))
    with pytest.raises(RulePackError, match="BD001: 'pass' example"):
        load_rules(str(pack))  # a failure is never remembered as a pass


def test_load_rules_again_is_cheap_and_returns_the_same_pack():
    from auditor import load_rules

    first = load_rules()
    assert load_rules() is first  # the per-process cache (its speed is measured by benchmarks/run.py)


def test_lazy_dictionary_segments_exactly_like_the_full_one():
    """Verdict invariance: every boundary check the corpus, the fixtures (their golden outputs
    included) and the shipped examples trigger gets the same segmentation from the on-demand
    dictionary as from jieba's classic in-memory one."""
    spec = importlib.util.spec_from_file_location("auditor_bench_boundaries", ROOT / "benchmarks" / "boundaries.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    paths = [FIXTURES] + ([CORPUS] if CORPUS.is_dir() else [])
    result = module.compare(paths)
    assert result.checks > 0 and result.sentences > 0
    assert result.verdicts_differ == 0 and result.segmentations_differ == []


def test_shared_pack_gives_the_same_verdicts_from_several_threads():
    from concurrent.futures import ThreadPoolExecutor

    from auditor import audit_text

    model = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")
    texts = [model + "\n做好准备案件移送工作。\n", model + "\n报市司法局备案3件。\n"]
    expected = [audit_text(t).model_dump() for t in texts]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda i: audit_text(texts[i % 2]).model_dump(), range(16)))
    assert got == [expected[i % 2] for i in range(16)]


def test_an_input_beyond_the_character_limit_is_refused_quickly(tmp_path):
    from auditor.api import MAX_CHARACTERS

    big = tmp_path / "one-line.txt"
    big.write_text("全年开展普法活动" * (MAX_CHARACTERS // 8 + 1), encoding="utf-8")  # one line, no break
    t = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "auditor", str(big)], cwd=ROOT, capture_output=True, text=True,
                         encoding="utf-8", timeout=120)
    assert out.returncode == 2 and time.perf_counter() - t < 30
    assert out.stderr.strip().splitlines() == [
        f"audit: error: {big}: is too long for a report ({MAX_CHARACTERS + 8 - MAX_CHARACTERS % 8:,} characters; "
        f"limit {MAX_CHARACTERS:,})"]


def test_compiled_pack_is_kept_between_processes(tmp_path):
    """The second process loads the compiled pack from the user's cache: no PyYAML, same rules."""
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    code = ("from auditor import load_rules\npack = load_rules()\n"
            "print(json.dumps({'yaml': 'yaml' in sys.modules, 'rules': [r.code for r in pack.rules]}))")
    first, second = _modules_after(code, env), _modules_after(code, env)
    assert first["yaml"] and not second["yaml"]
    assert first["rules"] == second["rules"] and len(first["rules"]) > 30
    # A corrupt entry, or one that others could have written, is ignored: the pack is compiled again.
    entry = next((tmp_path / "cache" / "packs").glob("*.pickle"))
    entry.write_bytes(b"not a pickle")
    assert _modules_after(code, env)["rules"] == first["rules"]
    entry = next((tmp_path / "cache" / "packs").glob("*.pickle"))
    entry.chmod(0o666)
    assert _modules_after(code, env)["yaml"]  # not trusted: compiled from the YAML again


def test_cached_pack_follows_its_pack_and_data_files(tmp_path):
    """Editing a pack or a file a check type reads (a canon word list) rebuilds the cached pack."""
    words = tmp_path / "words.yaml"
    words.write_text(
        "canon: words\ntitle: 测试词表\nsources:\n  s: {title: 测试出处}\nentries:\n"
        "  - {name: 成分, kind: variant, variants: [成份], boundary: true, source: s}\n", encoding="utf-8")
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        'pack: mine\ntitle: 自定义\nversion: "1"\nrules:\n'
        "  - code: MY001\n    title: 推荐词形\n    severity: warning\n    weight: 1\n    check: canon\n"
        f"    canon: {words}\n    basis: [{{title: 某规定}}]\n    suggestion: 改用推荐词形。\n", encoding="utf-8")
    code = f"""
from auditor import Auditor, load_rules
result = Auditor(load_rules({str(pack)!r}), recognise=False).audit_text("对有关主体的成份构成开展审查。")
print(json.dumps([f.quote for f in result.findings]))
"""
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    assert _modules_after(code, env) and _modules_after(code, env)  # flagged, then from the cache
    words.write_text(words.read_text(encoding="utf-8").replace("variants: [成份]", "variants: [成仹]"),
                     encoding="utf-8")
    assert _modules_after(code, env) == []  # the word list changed: rebuilt, nothing flagged


def test_module_level_calls_share_one_auditor_until_a_pack_file_changes(tmp_path):
    from auditor import api, audit_text

    text = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")
    first = audit_text(text)
    auditor = api._default_auditor[1]
    assert audit_text(text).model_dump() == first.model_dump()
    assert api._default_auditor[1] is auditor
    assert len(audit_text(text, select=["FZ001"]).results) == 1  # options: an auditor of their own
    assert api._default_auditor[1] is auditor
    # A stale signature (as after a pack file is edited) means setting up again.
    api._default_auditor = (*api._default_auditor[:2], ())
    audit_text(text)
    assert api._default_auditor[1] is not auditor


def test_a_table_run_builds_no_validator(tmp_path):
    """Results, metadata and settings of a plain ``audit REPORT`` are built from values the program
    typed itself: no pydantic validator is built, so pydantic's lazy imports (importlib.metadata
    among them) are never paid. JSON and the other formats build theirs when used."""
    env = {"AUDITOR_CACHE_DIR": str(tmp_path / "cache")}
    report = tmp_path / "report.txt"  # away from this repository's configuration (which is validated)
    report.write_bytes((FIXTURES / "model" / "model-report.txt").read_bytes())
    code = (
        "import contextlib, io\n"
        "from pydantic import BaseModel\n"
        "from auditor.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    code = main([{str(report)!r}])\n"
        "def models(cls):\n"
        "    for sub in cls.__subclasses__():\n"
        "        yield sub\n"
        "        yield from models(sub)\n"
        "built = sorted({c.__qualname__ for c in models(BaseModel)\n"
        "                if c.__module__.startswith('auditor') and c.__pydantic_complete__})\n"
        "print(json.dumps({'code': code, 'built': built, 'metadata': 'importlib.metadata' in sys.modules}))"
    )
    _modules_after(code, env)  # compiles the pack into the cache (that builds the rule models)
    got = _modules_after(code, env)
    assert got == {"code": 0, "built": [], "metadata": False}


# (Word files are read by python-docx, whose package and parts refer to each other: its cycles, not ours.)
@pytest.mark.parametrize("name", ["model/model-report.txt", "formats/samples/model-report.html"])
def test_an_audit_leaves_no_reference_cycles(name):
    """Everything an audit builds is freed when its result is dropped: no cycle waits for the
    collector (a closure calling itself is one, per call), so a batch's memory stays flat
    without collections and a host program's collector has less to do."""
    import gc

    from auditor.api import Auditor

    auditor = Auditor()
    auditor.audit_path(FIXTURES / name)  # first use: lazy state of the pack is built here
    gc.collect()
    gc.disable()
    try:
        auditor.audit_path(FIXTURES / name)
        assert gc.collect() == 0
    finally:
        gc.enable()
