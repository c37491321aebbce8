"""Regular expressions compiled on first use, and their compiled programs kept between runs (issue 8)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from auditor import lazy_regex
from auditor.api import load_rules
from auditor.lazy_regex import LazyPattern, compile_pattern, install, programs

from .conftest import CORPUS, FIXTURES, ROOT

needs_engine = pytest.mark.skipif(lazy_regex._engine_tag() is None, reason="CPython's regular-expression engine")


@pytest.fixture
def clean_programs(monkeypatch):
    """This test's own program store (the process-wide one stays as it was)."""
    monkeypatch.setattr(lazy_regex, "_programs", {})
    return lazy_regex._programs


@needs_engine
def test_every_stored_program_makes_the_pattern_re_makes(clean_programs):
    load_rules()  # the shipped pack's patterns, and those of every module it imports
    tag, stored = programs()
    assert tag is not None and len(stored) > 50
    for (source, flags), _program in stored.items():
        # Pattern equality compares the engine's code, not just the source.
        assert compile_pattern(source, flags) == re.compile(source, flags), source


@needs_engine
def test_a_program_the_engine_refuses_means_compiling_as_usual(clean_programs):
    source = r"(?P<year>\d{4})年[\u4e00-\u9fff]{2,}"
    clean_programs[(source, 0)] = (0, [1, 2, 3], 0, {}, ())  # not a program
    pattern = compile_pattern(source)
    assert pattern == re.compile(source)
    assert pattern.search("2025年法治政府").group("year") == "2025"
    assert (source, 0) not in clean_programs  # dropped, never tried again


@needs_engine
def test_programs_for_another_engine_are_not_installed(clean_programs):
    source = r"第[一二三四五六七八九十]+条"
    tag = lazy_regex._engine_tag()
    install((("2.7.18", 1), {(source, 0): (0, [1], 0, {}, ())}))
    assert not clean_programs
    program = lazy_regex._program(source, 0)
    assert program is not None
    install((tag, {(source, 0): program}))
    assert compile_pattern(source) == re.compile(source)


@needs_engine
def test_a_lazy_pattern_compiled_from_its_program_matches_like_re(clean_programs):
    report = CORPUS / "000_4d970ed531fb2e8a.txt"
    text = (report if report.exists() else FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")
    sources = [r"[\u4e00-\u9fff]{2,8}(?:局|委员会|办公室)", r"(?<![\d.])(\d{4})\s*年",
               r"(?m)^[一二三四五六七八九十]+、(.+)$"]
    for source in sources:
        clean_programs[(source, 0)] = lazy_regex._program(source, 0)
        lazy = LazyPattern(source)
        assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(source, text)]


@needs_engine
def test_a_second_process_compiles_no_known_pattern_again(tmp_path):
    """The first process compiles the pack and stores beside it the programs of the patterns known
    by then; the second audits a report without handing any of those to ``re``'s compiler."""
    code = (
        "import json, sys\n"
        "from re import _compiler\n"
        "seen = []\n"
        "original = _compiler.compile\n"
        "def ours():\n"  # asked for by auditor's code (the standard library compiles some of the same)
        "    f = sys._getframe(2)\n"
        "    while f is not None and f.f_code.co_filename.endswith(('re/__init__.py', 'lazy_regex.py')):\n"
        "        f = f.f_back\n"
        "    return f is not None and 'auditor' in f.f_code.co_filename\n"
        "_compiler.compile = lambda p, flags=0: (ours() and seen.append(p), original(p, flags))[1]\n"
        "from auditor import audit_path, lazy_regex, load_rules\n"
        "load_rules()\n"
        "stored = {source for source, _flags in lazy_regex._programs}\n"
        f"audit_path({str(FIXTURES / 'model' / 'model-report.txt')!r})\n"
        "print(json.dumps({'stored': len(stored), 'again': sorted(set(seen) & stored)}))\n"
    )
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(tmp_path / "cache")}

    def run() -> dict:
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                             encoding="utf-8", env=env, timeout=120)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    first, second = run(), run()
    assert first["again"]  # the first process compiled them with ``re``
    assert second["stored"] > 50 and second["again"] == []
