"""Run one function over many tasks in worker processes: results in input order, as they come.

Workers are forked from the calling process, so whatever it compiled before (rule packs, the
automaton) is shared copy-on-write rather than rebuilt. Each worker takes one task at a time; a
worker that dies (a crash in a native library) or takes longer than ``timeout`` on one task is
replaced, and that task gets ``failed(task, why)`` instead of a result: the batch goes on.
Ctrl-C stops every worker before the interrupt propagates.
"""

from __future__ import annotations

import contextlib
import gc
import math
import os
import select
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:  # multiprocessing costs ~50 ms to import: only batches that fork pay for it
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork")


class TimeUp(BaseException):
    """Raised into a task that ran past its ``deadline``. A BaseException, as KeyboardInterrupt:
    the ``except Exception`` fallbacks inside an audit must not swallow it and carry on."""


@contextlib.contextmanager
def deadline(seconds: float | None) -> Iterator[None]:
    """Raise ``TimeUp`` in the block once it has run ``seconds`` (wall clock): the watchdog for
    files audited in this process (one file, ``--jobs 1``), as a worker's is for the others. Python
    code and the ``re`` engine both stop at the signal. Only the main thread of a Unix process can
    be interrupted so, and only when no alarm of the caller's is pending; elsewhere (a thread of the
    web server, Windows, under pytest-timeout) the block runs unbounded."""
    if (seconds is None or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread()
            or signal.getitimer(signal.ITIMER_REAL)[0] > 0):  # (the caller's own alarm is left alone)
        yield
        return

    def ring(signum: int, frame: Any) -> None:
        raise TimeUp

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _serve(conn: Connection, work: Callable[[Any], Any], tasks: Sequence[Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # A worker does nothing but audit: each report makes thousands of short-lived objects and few
    # cycles, and the default threshold (700) collected the young generation dozens of times per
    # report (about 3% of a worker's instructions).
    gc.set_threshold(20_000, 20, 20)
    while True:
        try:
            index = conn.recv()
        except EOFError:
            return
        if index is None:
            return
        try:  # (the task itself was forked with us: only its index travels)
            conn.send((True, work(tasks[index])))
        except Exception as exc:  # reported for this task; the worker carries on
            conn.send((False, f"{type(exc).__name__}: {exc}".splitlines()[0]))


class _Worker:
    """A forked worker and the tasks sent to it, oldest first: the first is being audited (since
    ``started``), the others wait in its pipe so that it never idles while the parent is busy."""

    __slots__ = ("conn", "process", "started", "tasks")

    def __init__(self, process: Any, conn: Connection):
        self.process = process
        self.conn = conn
        self.tasks: deque[int] = deque()  # indices into the batch's tasks
        self.started = 0.0


# Tasks in flight per worker: one being audited and one waiting. With one, a worker that sends
# a result sits idle until the parent is scheduled, reads it and sends the next task; on two
# cores shared by three processes that gap cost a fifth of the batch.
_DEPTH = 2


def run_parallel(tasks: Sequence[T], work: Callable[[T], R], failed: Callable[[T, str], R], *, jobs: int,
                 timeout: float | None = None) -> Iterator[R]:
    """``work(task)`` for every task in ``jobs`` forked workers, yielded in input order."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    # Workers are forked with ``tasks`` in their memory, so only a task's index goes down the pipe
    # (pickling a task's paths and settings cost more than the index, in both processes).
    unsent = 0  # the first task never sent to a worker
    retry: deque[int] = deque()  # sent to a worker that died or hung before starting them
    workers: list[_Worker] = []
    done: dict[int, R] = {}
    next_out = 0
    # One poll set for the whole batch, changed only when a worker is replaced
    # (multiprocessing.connection.wait builds and fills a new selector on every call: most of the
    # main process's time per report). Each worker's result pipe and its exit sentinel are in it.
    poller = select.poll()
    slot_of: dict[int, int] = {}  # file descriptor -> the worker's slot

    def start(slot: int) -> _Worker:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child, work, tasks), daemon=True)
        process.start()
        child.close()
        worker = _Worker(process, parent)
        for fd in (parent.fileno(), process.sentinel):
            poller.register(fd, select.POLLIN)  # (hang-up and errors are always reported)
            slot_of[fd] = slot
        return worker

    def stop(worker: _Worker) -> None:
        if not worker.conn.closed:
            for fd in (worker.conn.fileno(), worker.process.sentinel):
                if slot_of.pop(fd, None) is not None:
                    poller.unregister(fd)
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def take() -> int | None:
        nonlocal unsent
        if retry:
            return retry.popleft()
        if unsent < len(tasks):
            unsent += 1
            return unsent - 1
        return None

    def replace(i: int, why: str) -> None:
        """The worker's current task gets ``failed``; the ones waiting behind it go to another."""
        worker = workers[i]
        index = worker.tasks.popleft()
        done[index] = failed(tasks[index], why)
        retry.extendleft(reversed(worker.tasks))
        stop(worker)
        workers[i] = start(i)

    try:
        # What the parent holds (the compiled packs) is frozen out of the collector's reach while
        # workers are forked, as the gc docs advise: their collections then never touch, and so
        # never copy, the pages they share with the parent.
        gc.freeze()
        try:
            workers = [start(i) for i in range(max(1, jobs))]
        finally:
            gc.unfreeze()
        while True:
            for i, worker in enumerate(workers):
                while len(worker.tasks) < _DEPTH and (index := take()) is not None:
                    if not worker.tasks:
                        if not worker.process.is_alive():  # (one with tasks is dealt with below)
                            stop(worker)
                            worker = workers[i] = start(i)
                        worker.started = time.monotonic()
                    worker.tasks.append(index)
                    worker.conn.send(index)
            busy = [w for w in workers if w.tasks]
            if not busy:
                break
            wait_ms = None
            if timeout is not None:
                wait_ms = max(0, math.ceil((min(w.started + timeout for w in busy) - time.monotonic()) * 1000))
            ready: dict[int, set[int]] = {}  # slot -> its ready descriptors
            for fd, _event in poller.poll(wait_ms):
                ready.setdefault(slot_of[fd], set()).add(fd)
            for i, worker in enumerate(workers):
                fds = ready.get(i)
                conn_ready = fds is not None and worker.conn.fileno() in fds
                if not worker.tasks:
                    if fds:  # an idle worker that exited: replaced now, so that it is not polled again
                        stop(worker)
                        workers[i] = start(i)
                    continue
                if conn_ready:
                    try:
                        ok, value = worker.conn.recv()
                    except (EOFError, OSError):
                        ok, value = False, None
                    if ok or value is not None:
                        index = worker.tasks.popleft()
                        done[index] = value if ok else failed(tasks[index], value)
                        worker.started = time.monotonic()  # the next one, if any, starts now
                        continue
                if fds:
                    worker.process.join(1)
                    replace(i, f"the worker process stopped unexpectedly (exit code {worker.process.exitcode})")
                elif timeout is not None and time.monotonic() - worker.started >= timeout:
                    replace(i, f"not finished after {timeout:g} s; stopped")
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1
    finally:
        for worker in workers:
            if worker.process.is_alive() and not worker.tasks:
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in workers:
            worker.process.join(0.5 if not worker.tasks else 0)
            stop(worker)
