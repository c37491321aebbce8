"""Start each hostile case from a small process, so that its peak memory is its own.

Linux keeps a process's peak resident size across ``exec``, and a child forked from the runner
begins with the runner's pages (the generated cases: hundreds of MB), so every case measured
from the runner itself reported the runner's size. This launcher is a fresh Python holding
nothing; it forks and execs each case it is sent and returns how the case ended.

Protocol (one JSON object per line, on stdin and stdout): a request ``{"argv", "cwd", "env",
"stdout", "stderr", "cpu", "address_space", "wall"}``; the answer ``{"status", "cpu", "maxrss_kb",
"wall"}`` (``status`` as ``os.waitstatus_to_exitcode``).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import sys
import threading
import time


def run(request: dict) -> dict:
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the case: its own session, bounded, its streams in files
        try:
            os.setsid()
            resource.setrlimit(resource.RLIMIT_AS, (request["address_space"], request["address_space"]))
            cpu = int(request["cpu"])
            resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
            os.chdir(request["cwd"])
            stdin = os.open(os.devnull, os.O_RDONLY)
            out = os.open(request["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            err = os.open(request["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            for fd, target in ((stdin, 0), (out, 1), (err, 2)):
                os.dup2(fd, target)
            os.execve(request["argv"][0], request["argv"], request["env"])
        finally:
            os._exit(127)
    timer = threading.Timer(request["wall"], lambda: _kill(pid))
    timer.start()
    try:
        _pid, status, usage = os.wait4(pid, 0)
    finally:
        timer.cancel()
    return {"status": os.waitstatus_to_exitcode(status), "cpu": usage.ru_utime + usage.ru_stime,
            "maxrss_kb": usage.ru_maxrss, "wall": time.monotonic() - start}


def _kill(pid: int) -> None:
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)


def main() -> None:
    for line in sys.stdin:
        sys.stdout.write(json.dumps(run(json.loads(line))) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
