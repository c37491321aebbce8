"""The speed table of issue 8, measured on this machine (run by hand; never by the tests).

    python benchmarks/run.py                # every row, 5 runs each
    python benchmarks/run.py --rows cold    # some rows only: cold, library, report, batch, large
    python benchmarks/run.py --batch 200    # fewer reports in the batch row
    python benchmarks/run.py --rows hostile # the whole bad-input suite (issue 12): its summary line

Every whole-process figure is the median of several runs, printed with its ratio to
``python -c pass`` measured in the same run, interleaved (the machine is shared and noisy; compare
ratios, not seconds). Child processes get bytecode caching in a temporary folder even when
``PYTHONDONTWRITEBYTECODE`` is set, as an installed package would have its ``.pyc`` files; each
command runs once untimed first. Peak memory is the child's maximum resident set size.
Real reports come from ``../shared/corpus``; copies for the batch and the large inputs are made in
a temporary folder only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
ROWS = ("cold", "library", "report", "batch", "large", "hostile")


def child_env(pycache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """Wall seconds, peak RSS in MB and exit code of one child process."""
    t = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t
    proc.returncode = os.waitstatus_to_exitcode(status)
    rss_mb = usage.ru_maxrss // 1024 if sys.platform != "darwin" else usage.ru_maxrss // (1024 * 1024)
    return elapsed, rss_mb, proc.returncode


def measure(commands: dict[str, list[str]], env: dict[str, str], repeat: int) -> dict[str, tuple[float, int]]:
    """Median seconds and peak MB per command; runs interleaved with ``python -c pass``."""
    commands = {"python -c pass": [sys.executable, "-c", "pass"], **commands}
    for argv in commands.values():
        run_once(argv, env)  # warm the bytecode and the user cache
    times: dict[str, list[float]] = {k: [] for k in commands}
    peaks: dict[str, int] = dict.fromkeys(commands, 0)
    for _ in range(repeat):
        for name, argv in commands.items():
            elapsed, rss, _rc = run_once(argv, env)
            times[name].append(elapsed)
            peaks[name] = max(peaks[name], rss)
    return {k: (statistics.median(v), peaks[k]) for k, v in times.items()}


def show(rows: list[tuple[str, str, str]]) -> None:
    width = max(len(r[0]) for r in rows)
    for what, figure, goal in rows:
        print(f"{what:<{width}}  {figure:<44}  goal: {goal}")
    sys.stdout.flush()


def in_process(code: str, env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=3600)
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    return out.stdout.strip()


# The issue compares a cold run with textlint and its prh rule (a Japanese/Chinese term checker run
# by many writing teams) on the same report: Node's start-up plus a dictionary of corrections.
PRH_RULES = [("规范性文件", "规范文件"), ("法治政府", "法制政府"), ("习近平法治思想", "习近平法制思想"),
             ("第一责任人", "第一负责人"), ("行政复议", "行政复审"), ("行政诉讼", "行政起诉"),
             ("重大行政决策", "重大决策事项"), ("行政执法", "行政执行"), ("合法性审核", "合法审核"),
             ("备案审查", "备案审核"), ("法律顾问", "法律参谋"), ("公职律师", "公务律师"),
             ("述法", "叙法"), ("普法", "谱法"), ("营商环境", "营商条件"), ("政务公开", "政务公布"),
             ("行政应诉", "行政答诉"), ("负面清单", "否定清单"), ("权责清单", "权利清单"),
             ("法治督察", "法制督察")]


def textlint_command(report: Path) -> list[str] | None:
    """``textlint`` with ``textlint-rule-prh``, installed once with npm into the user's cache;
    None when npm is not there (the row is then skipped)."""
    npm = shutil.which("npm")
    if npm is None:
        return None
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "auditor-bench" / "textlint"
    binary = home / "node_modules" / ".bin" / "textlint"
    if not binary.exists():
        home.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(home), "--no-audit", "--no-fund",
                               "textlint@14", "textlint-rule-prh@6"], capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not binary.exists():
            print(f"(textlint row skipped: npm install failed: {done.stderr.strip()[-200:]})")
            return None
    rules = "".join(f"  - expected: {good}\n    patterns: {bad}\n" for good, bad in PRH_RULES)
    (home / "prh.yml").write_text("version: 1\nrules:\n" + rules, encoding="utf-8")
    (home / ".textlintrc.json").write_text('{"rules": {"prh": {"rulePaths": ["%s"]}}}' % (home / "prh.yml"),
                                           encoding="utf-8")
    return [str(binary), "--config", str(home / ".textlintrc.json"), str(report)]


def cold_rows(env: dict[str, str], repeat: int, report: Path) -> None:
    audit = [sys.executable, "-m", "auditor"]
    commands = {"audit REPORT": [*audit, str(report)], "audit --version": [*audit, "--version"],
                "audit --help": [*audit, "--help"], "audit rules": [*audit, "rules"]}
    textlint = textlint_command(report)
    if textlint:
        commands["textlint"] = textlint
    got = measure(commands, env, repeat)
    base = got["python -c pass"][0]

    def fig(name: str) -> str:
        sec, mb = got[name]
        return f"{sec:.3f} s = {sec / base:.0f}× python -c pass, {mb} MB"

    show([("python -c pass (this run)", f"{base:.3f} s, {got['python -c pass'][1]} MB", "-"),
          (f"audit {report.name} (table)", fig("audit REPORT"), "≤ 0.25 s, ≤ 20×, ≤ 80 MB"),
          ("audit --version", fig("audit --version"), "≤ 0.1 s"),
          ("audit --help", fig("audit --help"), "≤ 0.1 s"),
          ("audit rules", fig("audit rules"), "-")]
         + ([(f"textlint + prh ({len(PRH_RULES)} rules), same report", fig("textlint"),
              f"audit ≤ this ({got['audit REPORT'][0] / got['textlint'][0]:.2f}× it now)")] if textlint else []))


LIBRARY = """
import statistics, time
t = time.perf_counter()
from auditor import audit_text, load_rules
text = open({report!r}, encoding="utf-8").read()
audit_text(text)
first = time.perf_counter() - t
calls = []
for _ in range({repeat}):
    t = time.perf_counter(); audit_text(text); calls.append(time.perf_counter() - t)
loads = []
for _ in range({repeat}):
    t = time.perf_counter(); load_rules(); loads.append(time.perf_counter() - t)
print(first, statistics.median(calls), statistics.median(loads))
"""

COLD_LOAD = """
import time
from auditor.api import load_rules
from auditor.plugins.manager import make_plugins
plugins = make_plugins()
t = time.perf_counter(); load_rules(plugins=plugins); print(time.perf_counter() - t)
"""


def library_rows(env: dict[str, str], repeat: int, report: Path) -> None:
    first, call, warm = map(float, in_process(LIBRARY.format(report=str(report), repeat=repeat * 4), env).split())
    cold = statistics.median(float(in_process(COLD_LOAD, env)) for _ in range(repeat))
    show([("audit_text(text), first call in a process", f"{first * 1000:.0f} ms (imports included)", "-"),
          ("audit_text(text), each later call", f"{call * 1000:.1f} ms", "≤ 5 ms"),
          ("load_rules(), first in a process", f"{cold * 1000:.0f} ms (examples not run)", "-"),
          ("load_rules(), warm", f"{warm * 1000:.2f} ms", "≤ 50 ms")])


REPORT = """
import statistics, time
from pathlib import Path
from auditor.api import Auditor
from auditor.engine import check_document
auditor = Auditor()
for path in {paths!r}:
    source = auditor.read(Path(path))
    parse, check, whole = [], [], []
    for _ in range({repeat}):
        t = time.perf_counter(); doc = auditor.parse(source); t1 = time.perf_counter()
        check_document(auditor.pack, doc); t2 = time.perf_counter()
        auditor.audit_source(source); t3 = time.perf_counter()
        parse.append(t1 - t); check.append(t2 - t1); whole.append(t3 - t2)
    m = statistics.median
    print(Path(path).name, len(source.text), m(parse) * 1000, m(check) * 1000, m(whole) * 1000)
"""


def report_rows(env: dict[str, str], repeat: int, reports: list[Path]) -> None:
    rows = []
    for line in in_process(REPORT.format(paths=[str(p) for p in reports], repeat=repeat * 4), env).splitlines():
        name, chars, parse, check, whole = line.split()
        rows.append((f"one report, rules loaded: {name} ({int(chars):,} chars)",
                     f"{float(whole):.1f} ms (parse {float(parse):.1f}, checks {float(check):.1f})", "≤ 2 ms"))
    show(rows)


def batch_rows(env: dict[str, str], count: int, reports: list[Path]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        for i in range(count):
            shutil.copyfile(reports[i % len(reports)], folder / f"{i:05d}.txt")
        rows = []
        rates = {}
        for jobs in (1, 2):
            argv = [sys.executable, "-m", "auditor", "--isolated", "--format", "jsonl", "--jobs", str(jobs),
                    str(folder)]
            run_once(argv, env)
            elapsed, rss, _rc = run_once(argv, env)
            rates[jobs] = count / elapsed
            rows.append((f"folder of {count} corpus-sized reports, --jobs {jobs}",
                         f"{rates[jobs]:.0f} reports/s ({elapsed:.1f} s, {rss} MB peak of the main process)",
                         "≥ 600 reports/s on 2"))
        rows.append(("speed-up from 1 to 2 workers (--format jsonl)", f"{rates[2] / rates[1]:.2f}×", "≥ 1.6×"))
        show(rows)


LARGE = """
import time
from auditor import Auditor
auditor = Auditor()
text = open({report!r}, encoding="utf-8").read()
for size in {sizes!r}:
    big = (text * (size // len(text) + 1))[:size]
    t = time.perf_counter(); auditor.audit_text(big); elapsed = time.perf_counter() - t
    print(size, elapsed, flush=True)
"""


def large_rows(env: dict[str, str], report: Path, sizes: list[int]) -> None:
    rows = []
    for line in in_process(LARGE.format(report=str(report), sizes=sizes), env).splitlines():
        size, elapsed = int(line.split()[0]), float(line.split()[1])
        rows.append((f"one input of {size:,} characters", f"{elapsed:.2f} s ({elapsed / size * 1e6:.1f} µs/char)",
                     "linear; 3M ≤ 5 s"))
    show(rows)


def hostile_rows() -> None:
    """Every case of the bad-input suite (tests/hostile; CI runs a fast subset of it), each bounded
    to 10 s of CPU and 500 MB: its summary line, and the slowest cases."""
    done = subprocess.run([sys.executable, "-m", "tests.hostile.run", "--slowest", "5"], cwd=ROOT,
                          capture_output=True, text=True)
    lines = done.stdout.strip().splitlines()
    failed = [line for line in lines if line.startswith("FAIL")]
    for line in [*failed, *lines[-6:]]:
        print(line)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--rows", nargs="+", choices=ROWS, default=list(ROWS))
    parser.add_argument("--batch", type=int, default=1000, help="reports in the batch row (default 1000)")
    parser.add_argument("--sizes", type=int, nargs="+", default=[300_000, 1_000_000, 3_000_000])
    ns = parser.parse_args()
    reports = sorted(CORPUS.glob("*.txt"))
    if not reports:
        raise SystemExit(f"no corpus reports in {CORPUS}")
    with tempfile.TemporaryDirectory() as pycache:
        env = child_env(Path(pycache))
        print(f"python {sys.version.split()[0]} on {os.cpu_count()} cores; {len(reports)} corpus reports")
        steps: dict[str, Callable[[], None]] = {
            "cold": lambda: cold_rows(env, ns.repeat, reports[-1]),
            "library": lambda: library_rows(env, ns.repeat, reports[-1]),
            "report": lambda: report_rows(env, ns.repeat, reports),
            "batch": lambda: batch_rows(env, ns.batch, reports),
            "large": lambda: large_rows(env, reports[-1], ns.sizes),
            "hostile": hostile_rows,
        }
        for row in ROWS:
            if row in ns.rows:
                steps[row]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
