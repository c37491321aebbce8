"""Run ``audit`` on every hostile case and check what the user would see.

    python -m tests.hostile.run                 # every case (a few minutes on 2 cores)
    python -m tests.hostile.run --family pack   # one family; --case SUBSTRING for some cases
    python -m tests.hostile.run --list          # the cases, one line each
    python -m tests.hostile.run --slowest 10    # then the ten slowest

For each case, in a folder of its own with a fresh cache: the exit code is one the case allows
(an exit 0 where it is not allowed is a *silent pass*); neither stdout nor stderr holds
"Traceback" or "internal error"; on exit 2 the culprit is named on exactly one stderr line; the
process used at most 10 s of CPU and 500 MB (peak resident, started from launcher.py so that the
figure is the case's own); the input files' bytes are unchanged; machine outputs parse and the
ones a person reads hold no raw control character. The last line is the summary (quoted in issue
notes).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cases import Case, all_cases

CPU_LIMIT_S = 10.0
RSS_LIMIT_MB = 500
WALL_LIMIT_S = 60.0  # a hang is killed here (and is over the CPU bound or a hang either way)
HARD_AS_LIMIT = 3 * 1024**3  # address space, so a runaway case cannot take the machine down


@dataclass
class Outcome:
    case: Case
    exit: int | None = None
    cpu: float = 0.0
    rss_mb: float = 0.0
    wall: float = 0.0
    problems: list[str] = field(default_factory=list)
    kinds: set[str] = field(default_factory=set)  # traceback, exit, silent, bound, modified
    skipped: str | None = None
    stderr: str = ""


def _digest(path: Path) -> str | None:
    try:
        if not path.is_file() or path.is_symlink():
            return None
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _inputs(folder: Path, case: Case) -> dict[str, str | None]:
    return {name: _digest(folder / name) for name in case.files if name not in case.outputs}


def run_case(case: Case, root: Path, python: str) -> Outcome:
    out = Outcome(case)
    if case.needs == "unprivileged" and os.geteuid() == 0:
        out.skipped = "needs an unprivileged user (root reads any file)"
        return out
    folder = root / case.id.replace("/", "__")
    folder.mkdir(parents=True)
    for name, data in case.files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    if case.setup is not None:
        case.setup(folder)
    before = _inputs(folder, case)
    env = {**os.environ, "AUDITOR_CACHE_DIR": str(root / ".cache"), "NO_COLOR": "1", "COLUMNS": "120"}
    env.pop("AUDITOR_DEBUG", None)
    streams = folder.parent / f"{folder.name}.out", folder.parent / f"{folder.name}.err"
    ended = _launcher().run({"argv": [python, "-m", "auditor", *case.args], "cwd": str(folder), "env": env,
                             "stdout": str(streams[0]), "stderr": str(streams[1]), "cpu": CPU_LIMIT_S * 3,
                             "address_space": HARD_AS_LIMIT, "wall": WALL_LIMIT_S})
    out.wall = ended["wall"]
    stdout = streams[0].read_bytes().decode("utf-8", "replace")
    stderr = streams[1].read_bytes().decode("utf-8", "replace")
    out.exit, out.stderr = ended["status"], stderr
    out.cpu = ended["cpu"]
    out.rss_mb = ended["maxrss_kb"] / 1024
    if case.setup is not None:  # (modes: let the clean-up remove it)
        for path in folder.rglob("*"):
            if not path.is_symlink():
                with contextlib.suppress(OSError):
                    path.chmod(0o700)
    _judge(out, stdout, stderr, before, _inputs(folder, case))
    return out


class _Launcher:
    """A small process that starts cases (launcher.py): forked from it, a case's peak memory is
    its own, not the runner's (Linux counts the pages a child starts with from its parent)."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("launcher.py"))],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def run(self, request: dict) -> dict:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait()


_local = threading.local()
_launchers: list[_Launcher] = []
_launchers_lock = threading.Lock()


def _launcher() -> _Launcher:
    """This thread's launcher, started on first use."""
    launcher = getattr(_local, "launcher", None)
    if launcher is None:
        launcher = _local.launcher = _Launcher()
        with _launchers_lock:
            _launchers.append(launcher)
    return launcher


def _judge(out: Outcome, stdout: str, stderr: str, before: dict, after: dict) -> None:
    case = out.case
    for stream, text in (("stdout", stdout), ("stderr", stderr)):
        for needle in ("Traceback", "internal error"):
            if needle in text:
                out.kinds.add("traceback")
                out.problems.append(f"{needle!r} in {stream}")
    if out.exit is None or out.exit < 0:
        out.kinds.add("bound")
        out.problems.append(f"killed by signal {-out.exit if out.exit else '?'} (wall {out.wall:.1f} s)")
    elif out.exit not in case.exits:
        out.kinds.add("silent" if out.exit == 0 else "exit")
        out.problems.append(f"exit {out.exit}, expected {'/'.join(map(str, sorted(case.exits)))}")
    if out.exit == 2 and case.culprit is not None:
        naming = [line for line in stderr.splitlines() if case.culprit in line]
        if len(naming) != 1:
            out.kinds.add("exit")
            out.problems.append(f"{len(naming)} stderr lines name {case.culprit[:40]!r} (one expected)")
    if out.cpu > CPU_LIMIT_S or out.rss_mb > RSS_LIMIT_MB:
        out.kinds.add("bound")
        out.problems.append(f"{out.cpu:.1f} s CPU, {out.rss_mb:.0f} MB (bounds {CPU_LIMIT_S:g} s, {RSS_LIMIT_MB} MB)")
    if before != after:
        out.kinds.add("modified")
        out.problems.append("an input file changed: " + ", ".join(k for k in before if before[k] != after.get(k)))
    if case.stdout_check is not None and out.exit in (0, 1):
        problem = case.stdout_check(stdout)
        if problem:
            out.kinds.add("exit")
            out.problems.append(problem)


def summary(outcomes: list[Outcome]) -> str:
    def count(kind: str) -> int:
        return sum(kind in o.kinds for o in outcomes)

    ran = [o for o in outcomes if o.skipped is None]
    return (f"hostile inputs: {len(ran)} cases run ({len(outcomes) - len(ran)} skipped), "
            f"{count('traceback')} tracebacks or internal errors, {count('exit')} wrong exit codes or messages, "
            f"{count('silent')} silent passes, {count('bound')} over the time or memory bound, "
            f"{count('modified')} inputs modified")


def run(cases: list[Case], jobs: int, python: str = sys.executable, verbose: bool = True) -> list[Outcome]:
    root = Path(tempfile.mkdtemp(prefix="auditor-hostile-"))
    try:
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            outcomes = []
            for outcome in pool.map(lambda c: run_case(c, root, python), cases):
                outcomes.append(outcome)
                if verbose and (outcome.problems or outcome.skipped):
                    tag = "SKIP" if outcome.skipped else "FAIL"
                    why = outcome.skipped or "; ".join(outcome.problems)
                    print(f"{tag} {outcome.case.id}: {why}", flush=True)
                    if outcome.problems and outcome.stderr.strip():
                        print("     stderr: " + outcome.stderr.strip().splitlines()[-1][:200], flush=True)
        return outcomes
    finally:
        with _launchers_lock:
            for launcher in _launchers:
                launcher.close()
            _launchers.clear()
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.hostile.run", description=__doc__.splitlines()[0])
    parser.add_argument("--family", action="append", help="only cases of this family (repeatable)")
    parser.add_argument("--case", action="append", help="only cases whose id contains this (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--list", action="store_true", help="list the cases and stop")
    parser.add_argument("--slowest", type=int, default=0, metavar="N", help="then list the N slowest cases")
    ns = parser.parse_args(argv)
    cases = all_cases(ns.family)
    if ns.case:
        cases = [c for c in cases if any(s in c.id for s in ns.case)]
    if ns.list:
        for c in cases:
            print(f"{c.id}\texit {'/'.join(map(str, sorted(c.exits)))}\t{' '.join(c.args)[:80]!r}")
        print(f"{len(cases)} cases")
        return 0
    outcomes = run(cases, ns.jobs)
    for o in sorted(outcomes, key=lambda o: -o.wall)[:ns.slowest]:
        print(f"{o.wall:6.2f} s wall {o.cpu:6.2f} s CPU {o.rss_mb:5.0f} MB  {o.case.id}")
    print(summary(outcomes))
    return 1 if any(o.problems for o in outcomes) else 0


if __name__ == "__main__":
    sys.exit(main())
