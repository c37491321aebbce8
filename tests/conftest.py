"""Shared test helpers: where the repository, its fixtures and the shared corpus are."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
REPORT_000 = CORPUS / "000_4d970ed531fb2e8a.txt"
REPORT_001 = CORPUS / "001_6bcddc314182265b.txt"


def load_script(path: Path, name: str):
    """A script of the repository (not a package module) imported once, as module ``name``."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


def load_builders():
    """fixtures/formats/build.py, imported once."""
    return load_script(FIXTURES / "formats" / "build.py", "auditor_fixtures_formats_build")


def corpus_file(name: str) -> Path:
    """A real report from the shared corpus, or a clean skip where the corpus is absent."""
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"shared corpus not available ({path} is absent)")
    return path


@pytest.fixture
def corpus() -> Path:
    if not REPORT_000.is_file() or not REPORT_001.is_file():
        pytest.skip(f"shared corpus not found at {CORPUS} (it sits beside the project in CI)")
    return CORPUS


def run_audit(*args: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real command line (``python -m auditor``), capturing text output."""
    return subprocess.run([sys.executable, "-m", "auditor", *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=120)


def require_tool(name: str, debian: str) -> str:
    """The path of a command a test needs (``soffice``, ``pdftoppm``): skipped locally without it,
    a failure in CI, which must install ``debian`` (see .ci/run)."""
    import os
    import shutil

    found = shutil.which(name)
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI (Debian: {debian})")
        pytest.skip(f"{name} not installed (Debian: apt-get install {debian})")
    return found
