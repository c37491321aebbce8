"""The example plugin (examples/plugin-county-pack) installed as its users install it: pip installs
its folder into a fresh virtual environment, whose interpreter then lists the plugin, audits a
report with its pack and runs the plugin's own tests.

The environment is made in well under a second and offline: a venv without pip whose ``.pth`` file
puts this interpreter's import path (this checkout's auditor, pytest, the build backend) after its
own site-packages, then ``pip --python <venv> install --no-deps --no-build-isolation --no-index``
from a copy of the folder (so nothing is built inside the checkout). One install serves every test
of the module (a few seconds in all).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

EXAMPLE = ROOT / "examples" / "plugin-county-pack"

try:
    import hatchling  # noqa: F401  (the example's build backend, in the [test] extras)
except ImportError:
    if os.environ.get("CI"):
        pytest.fail("hatchling is required in CI: pip install '.[test]'", pytrace=False)
    pytest.skip("hatchling not installed (the example's build backend): pip install '.[test]'", allow_module_level=True)


class Env:
    """A virtual environment with the example plugin installed, and a copy of the example's folder."""

    def __init__(self, root: Path):
        self.root = root
        self.example = root / "plugin-county-pack"
        shutil.copytree(EXAMPLE, self.example,
                        ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache", "build", "dist", "*.egg-info"))
        folder = root / "venv"
        venv.create(folder, with_pip=False, symlinks=os.name != "nt")
        self.python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
        self.env.update(AUDITOR_CACHE_DIR=str(root / "cache"), PYTHONDONTWRITEBYTECODE="1", PYTHONUTF8="1")
        self.env.pop("AUDITOR_DISABLE_PLUGIN_AUTOLOAD", None)
        site = Path(self.run("-c", "import sysconfig; print(sysconfig.get_path('purelib'))").stdout.strip())
        parent = [p for p in sys.path if p and Path(p).is_dir()]
        (site / "_parent_environment.pth").write_text("\n".join(parent) + "\n", encoding="utf-8")
        install = subprocess.run(
            [sys.executable, "-m", "pip", "--python", str(self.python), "install", "--no-deps", "--no-build-isolation",
             "--no-index", "--disable-pip-version-check", "--quiet", str(self.example)],
            capture_output=True, text=True, env=self.env, timeout=300)
        assert install.returncode == 0, install.stdout + install.stderr

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.python), *args], cwd=cwd or self.root, capture_output=True, text=True,
                              encoding="utf-8", env=self.env, timeout=300)

    def audit(self, *args: str) -> subprocess.CompletedProcess[str]:
        return self.run("-m", "auditor", *args)


@pytest.fixture(scope="module")
def county(tmp_path_factory) -> Env:
    return Env(tmp_path_factory.mktemp("county-plugin"))


def test_installed_from_its_folder(county):
    shown = county.run("-m", "pip", "show", "--files", "auditor-county")
    if shown.returncode != 0:  # (no pip inside the venv: ask importlib.metadata instead)
        shown = county.run("-c", "from importlib.metadata import distribution as d; "
                                 "print(d('auditor-county').version, *d('auditor-county').files, sep='\\n')")
    assert shown.returncode == 0, shown.stderr
    assert "auditor_county/packs/county.yaml" in shown.stdout.replace("\\", "/")
    where = county.run("-c", "import auditor, auditor_county; print(auditor.__file__); print(auditor_county.__file__)")
    auditor_file, plugin_file = where.stdout.splitlines()
    assert Path(auditor_file).parent == Path(__import__("auditor").__file__).parent  # the auditor under test
    assert Path(plugin_file).is_relative_to(county.root / "venv")  # the installed copy, not the source


def test_plugins_lists_the_plugin_and_its_check_type(county):
    plugins = county.audit("plugins")
    assert plugins.returncode == 0, plugins.stderr
    assert [line.split()[:2] for line in plugins.stdout.splitlines() if line.startswith("loaded")] == [
        ["loaded", "auditor.builtin"], ["loaded", "county"]]
    assert plugins.stderr == ""
    # Under each plugin, what it adds: the county plugin's check type and its pack.
    lines = plugins.stdout.splitlines()
    added = lines[lines.index("loaded  county") + 1:]
    assert added[:2] == ["          check types: rate_target", "          rule packs: county"], plugins.stdout
    # The check type also shows where the pack's rules are listed, with their check types.
    rules = county.audit("rules", "--rules", "county", "--select", "XJ")
    assert rules.returncode == 0, rules.stderr
    rows = {line.split()[0]: line.split() for line in rules.stdout.splitlines() if line.startswith("XJ")}
    assert rows["XJ001"][3] == "rate_target"
    assert rows["XJ002"][3] == "require"


def test_audit_with_the_plugins_pack(county):
    reports = county.example / "tests"
    done = county.audit("--rules", "county", "--format", "json", str(reports / "county-government.txt"),
                        str(reports / "county-government-no-figure.txt"))
    run = json.loads(done.stdout)
    assert run["pack"]["name"] == "county"
    results = [{r["code"]: r for r in report["results"]} for report in run["reports"]]
    assert results[0]["XJ001"]["status"] == "pass"
    assert results[0]["XJ001"]["message"] == "行政机关负责人出庭应诉率为100%，达到100%"
    assert "100%" in results[0]["XJ001"]["evidence"][0]["quote"]
    assert results[1]["XJ001"]["status"] == "partial"
    assert results[1]["XJ001"]["message"] == "提及“行政机关负责人出庭应诉率”，但未写明具体比例"
    assert results[1]["XJ002"]["status"] == "fail"
    # The XJ rules are warnings; the second report fails the gate for an error of the default pack,
    # which the county pack inherits: it says nothing of studying 习近平法治思想 (XF001).
    assert [report["verdict"] for report in run["reports"]] == ["pass", "fail"], done.stderr
    assert results[1]["XF001"]["status"] == "fail" and results[1]["XF001"]["severity"] == "error"
    assert done.returncode == 1
    # Without the plugin the pack is unknown: one line, exit 2.
    county.env["AUDITOR_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        alone = county.audit("--rules", "county", str(reports / "county-government.txt"))
    finally:
        del county.env["AUDITOR_DISABLE_PLUGIN_AUTOLOAD"]
    assert alone.returncode == 2
    assert alone.stderr.startswith("audit: error: unknown rule pack 'county'")
    assert len(alone.stderr.splitlines()) == 1


def test_check_rules_runs_the_packs_examples(county):
    pack = county.example / "src" / "auditor_county" / "packs" / "county.yaml"
    done = county.audit("check-rules", str(pack))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("ok (36 rules, examples passed)")


def test_the_examples_own_tests_pass(county):
    done = county.run("-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=county.example)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout.splitlines()[-1] and "failed" not in done.stdout.splitlines()[-1]


def test_rules_test_passes_on_the_examples_annotated_reports(county):
    """Issue #11's acceptance: `audit rules test examples/plugin-county-pack/tests/` passes where the
    plugin is installed (its annotations name the pack `county`)."""
    done = county.audit("rules", "test", str(county.example / "tests"))
    assert done.returncode == 0, done.stdout + done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert last.startswith("4 reports,") and last.endswith(" 0 failed"), done.stdout


def test_rules_test_shows_a_readable_diff_for_a_wrong_expectation(county, tmp_path):
    tests = tmp_path / "tests"
    shutil.copytree(county.example / "tests", tests, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    sidecar = tests / "county-government.txt.expect.yaml"
    text = sidecar.read_text(encoding="utf-8")
    wrong = text.replace("  XJ001:\n    status: pass\n", "  XJ001:\n    status: fail\n")
    assert wrong != text
    sidecar.write_text(wrong, encoding="utf-8")
    done = county.audit("rules", "test", str(tests))
    assert done.returncode == 1, done.stdout + done.stderr
    out = done.stdout
    assert "county-government.txt" in out and "XJ001" in out
    assert "expected fail" in out and "got pass" in out, out
    assert "行政机关负责人出庭应诉率为100%，达到100%" in out  # the result's own message, to see why
    assert out.strip().splitlines()[-1].endswith(" 1 failed")
