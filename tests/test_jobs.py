"""``--jobs N``: folders audited in worker processes, same results in the same order, and a
crashed or hung worker costs one file, never the batch (issue 8)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from auditor.batch import Batch, Overrides
from auditor.workers import can_fork

from .conftest import FIXTURES, ROOT, run_audit

pytestmark = pytest.mark.skipif(not can_fork(), reason="worker processes are forked")


def _reports(out: subprocess.CompletedProcess[str]) -> list[dict]:
    return json.loads(out.stdout)["reports"]


def test_parallel_results_equal_in_process_results_in_input_order():
    one = run_audit("--jobs", "1", "--format", "json", str(FIXTURES))
    two = run_audit("--jobs", "2", "--format", "json", str(FIXTURES))
    assert (one.returncode, one.stdout, one.stderr) == (two.returncode, two.stdout, two.stderr)
    assert len(_reports(two)) > 10  # same order as in process: the discovery order


def test_jobs_must_be_a_positive_whole_number():
    out = run_audit("--jobs", "0", str(FIXTURES / "model"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1 and "--jobs" in out.stderr


def _folder(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    model = FIXTURES / "model" / "model-report.txt"
    for i in range(count):
        shutil.copyfile(model, folder / f"{i:03d}.txt")
    return folder


def test_a_crashing_worker_costs_one_file(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 6)
    original = Batch.audit

    def audit(self, task):
        if task.path.name == "002.txt":
            os._exit(7)  # a native crash: the worker vanishes without a word
        return original(self, task)

    monkeypatch.setattr(Batch, "audit", audit)  # inherited by the forked workers
    run = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=2)
    names = [Path(r.path).name for r in run.reports]
    assert names == [f"{i:03d}.txt" for i in range(6)]
    broken = run.reports[2]
    assert broken.verdict == "unevaluated" and "exit code 7" in (broken.problem or "")
    assert all(r.evaluated for i, r in enumerate(run.reports) if i != 2)


def test_a_hung_worker_is_stopped_after_the_timeout(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 4)
    original = Batch.audit

    def audit(self, task):
        if task.path.name == "001.txt":
            time.sleep(60)
        return original(self, task)

    monkeypatch.setattr(Batch, "audit", audit)
    t = time.monotonic()
    run = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=2, timeout=2)
    assert time.monotonic() - t < 30
    assert [r.verdict == "unevaluated" for r in run.reports] == [False, True, False, False]
    assert "2 s" in (run.reports[1].problem or "")


@pytest.mark.parametrize("hang", ["sleep", "busy"])
def test_a_file_audited_in_this_process_is_stopped_after_the_timeout_too(tmp_path, monkeypatch, hang):
    # --jobs 1 and a single file are audited without workers: the watchdog is an alarm signal
    folder = _folder(tmp_path, 3)
    original = Batch.audit

    def audit(self, task):
        if task.path.name == "001.txt":
            if hang == "sleep":
                time.sleep(60)
            while True:  # pure Python, never yielding: stopped all the same
                pass
        return original(self, task)

    monkeypatch.setattr(Batch, "audit", audit)
    t = time.monotonic()
    run = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=1, timeout=1)
    assert time.monotonic() - t < 30
    assert [r.verdict == "unevaluated" for r in run.reports] == [False, True, False]
    assert run.reports[1].problem == "could not be audited: not finished after 1 s; stopped"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # and no alarm is left behind
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_an_exception_in_one_file_is_reported_and_the_batch_goes_on(tmp_path, monkeypatch):
    folder = _folder(tmp_path, 3)
    original = Batch.audit

    def audit(self, task):
        if task.path.name == "000.txt":
            raise RuntimeError("boom")
        return original(self, task)

    monkeypatch.setattr(Batch, "audit", audit)
    monkeypatch.delenv("AUDITOR_DEBUG", raising=False)
    for jobs in (1, 2):
        run = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=jobs)
        assert [r.verdict == "unevaluated" for r in run.reports] == [True, False, False]
        assert "RuntimeError: boom" in (run.reports[0].problem or "")


def _children(pid: int) -> int:
    """How many child processes ``pid`` has (Linux's /proc; -1 where that cannot be read)."""
    try:
        return len(Path(f"/proc/{pid}/task/{pid}/children").read_text().split())
    except OSError:
        return -1


def test_ctrl_c_stops_a_batch_cleanly(tmp_path):
    # Enough reports that the batch cannot finish before the interrupt however fast auditing gets
    # (thousands per second would still take a while), interrupted once its workers are running.
    folder = _folder(tmp_path, 4000)
    target = tmp_path / "out.json"
    proc = subprocess.Popen([sys.executable, "-m", "auditor", "--jobs", "2", "--isolated", "-o", f"json={target}",
                             str(folder)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8")
    deadline = time.monotonic() + 30
    while (n := _children(proc.pid)) != -1 and n < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5 if n != -1 else 3)  # workers busy (without /proc: long enough to start them)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert err.strip().splitlines()[-1] == "audit: interrupted" and "Traceback" not in err
    assert out == "" and not target.exists() and not list(tmp_path.glob(".out.json*"))


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    out = run_audit("--jobs", "2", "--isolated", "--format", "concise", str(_folder(tmp_path, 25)))
    assert out.returncode in (0, 1) and out.stderr == ""


def test_jsonl_streams_the_same_lines_as_a_whole_run():
    from auditor.plugins.manager import make_plugins

    plugins = make_plugins()
    run = Batch(plugins=plugins).run([FIXTURES], jobs=1)
    formats = plugins.formats()
    whole = formats["jsonl"]().render(run)
    for jobs in ("1", "2"):
        out = run_audit("--jobs", jobs, "--format", "jsonl", str(FIXTURES))
        assert out.returncode == 2  # fixtures/edge holds unreadable files on purpose
        assert out.stdout == whole


def test_jsonl_lines_from_workers_are_written_in_the_output_encoding(tmp_path):
    # Workers send each line as the bytes stdout would write: with another encoding asked for by
    # the environment (the command line writes UTF-8 whatever it is), the bytes must be the ones the
    # main process itself writes (--jobs 1).
    env = {**os.environ, "PYTHONIOENCODING": "gb18030"}
    outs = []
    for jobs in ("1", "2"):
        done = subprocess.run([sys.executable, "-m", "auditor", "--isolated", "--jobs", jobs, "--format", "jsonl",
                               str(FIXTURES / "model"), str(FIXTURES / "edge")],
                              cwd=ROOT, capture_output=True, env=env, timeout=120)
        assert done.returncode == 2 and b"Traceback" not in done.stderr
        outs.append(done.stdout)
    assert outs[0] == outs[1]
    assert "法治政府" in outs[0].decode("utf-8")


def test_jsonl_utf8_rendering_is_the_text_rendering_encoded():
    # The stream writes the serializer's UTF-8 directly: byte for byte what render() encodes.
    from auditor.plugins.manager import make_plugins
    from auditor.report.jsonl import JsonLinesFormatter

    run = Batch(plugins=make_plugins()).run([FIXTURES], jobs=1)
    formatter = JsonLinesFormatter()
    assert len(run.reports) > 30
    for report in run.reports:
        one = run.model_copy(update={"reports": [report]})
        assert formatter.render_utf8(one) == formatter.render(one).encode("utf-8")


def test_jsonl_of_only_unreadable_files_writes_nothing():
    out = run_audit("--format", "jsonl", str(FIXTURES / "edge" / "empty.txt"))
    assert out.returncode == 2 and out.stdout == "" and "file is empty" in out.stderr


def test_workers_segment_words_after_the_parent_did(tmp_path):
    # The parent opens the on-demand dictionary first; forked workers must use their own connection.
    from auditor import audit_text

    model = (FIXTURES / "model" / "model-report.txt").read_text(encoding="utf-8")
    audit_text(model + "\n报市司法局备案3件。\n")
    folder = tmp_path / "reports"
    folder.mkdir()
    for i, extra in enumerate(["做好准备案件移送工作。", "报市司法局备案3件。"] * 3):
        (folder / f"{i}.txt").write_text(model + "\n" + extra + "\n", encoding="utf-8")
    one = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=1)
    two = Batch(overrides=Overrides(isolated=True)).run([folder], jobs=2)
    assert [r.model_dump() for r in two.reports] == [r.model_dump() for r in one.reports]
