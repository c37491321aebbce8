"""Only regular files are read, and every problem with a path is one line naming it (issue #12):
a FIFO (which blocked the run), a device behind a .txt link (3 GB, then MemoryError), a socket, a
symbolic link loop and a name too long (both internal errors), a link to nowhere. A good report
named beside them is still audited."""

from __future__ import annotations

import json
import os
import shutil
import socket

import pytest

from .conftest import FIXTURES, run_audit

MODEL = FIXTURES / "model" / "model-report.txt"


def one_error(proc, name: str, needle: str) -> None:
    assert proc.returncode == 2, proc.stderr
    naming = [line for line in proc.stderr.splitlines() if name in line]
    assert len(naming) == 1 and needle in naming[0], proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr


def test_a_fifo_is_refused_without_blocking(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    one_error(run_audit("pipe.txt", cwd=tmp_path), "pipe.txt", "is a named pipe (FIFO), not a report file")


def test_a_socket_is_refused(tmp_path):
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "s.txt"))
    except OSError:
        pytest.skip("no Unix sockets here")
    finally:
        sock.close()
    one_error(run_audit("s.txt", cwd=tmp_path), "s.txt", "is a socket")


def test_a_device_behind_a_report_name_is_refused(tmp_path):
    if not os.path.exists("/dev/zero"):
        pytest.skip("no /dev/zero")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    one_error(run_audit("zero.txt", cwd=tmp_path), "zero.txt", "is a device")


def test_a_symbolic_link_loop_is_named(tmp_path):
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    one_error(run_audit("a.txt", cwd=tmp_path), "a.txt", "is a symbolic link loop")


def test_a_link_to_nowhere_is_named(tmp_path):
    (tmp_path / "d.txt").symlink_to("nowhere.txt")
    one_error(run_audit("d.txt", cwd=tmp_path), "d.txt", "is a symbolic link to a missing file (nowhere.txt)")


def test_a_name_too_long_is_one_line(tmp_path):
    name = "b" * 300 + ".txt"
    one_error(run_audit(name, cwd=tmp_path), name, "cannot be read: File name too long")


def test_a_folder_with_a_link_loop_audits_the_rest(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(MODEL, folder / "good.txt")
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    os.mkfifo(folder / "pipe.txt")
    done = run_audit("--format", "json", "in", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    verdicts = {r["path"]: r["verdict"] for r in json.loads(done.stdout)["reports"]}
    assert verdicts == {"in/a.txt": "unevaluated", "in/b.txt": "unevaluated", "in/good.txt": "pass",
                        "in/pipe.txt": "unevaluated"}
    for name, needle in (("a.txt", "symbolic link loop"), ("b.txt", "symbolic link loop"), ("pipe.txt", "FIFO")):
        assert [line for line in done.stderr.splitlines() if f"in/{name}" in line and needle in line], done.stderr
    assert "internal error" not in done.stderr
