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
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Generic, TypeVar

if TYPE_CHECKING:  # multiprocessing costs ~50 ms to import: only batches that fork pay for it
    from multiprocessing.connection import Connection

T = TypeVar("T")
R = TypeVar("R")


def can_fork() -> bool:
    return hasattr(os, "fork")


def _serve(conn: Connection, work: Callable[[Any], Any]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    # A worker does nothing but audit: each report makes thousands of short-lived objects and few
    # cycles, and the default threshold (700) collected the young generation dozens of times per
    # report (about 3% of a worker's instructions).
    gc.set_threshold(20_000, 20, 20)
    while True:
        try:
            task = conn.recv()
        except EOFError:
            return
        if task is None:
            return
        try:
            conn.send((True, work(task)))
        except Exception as exc:  # reported for this task; the worker carries on
            conn.send((False, f"{type(exc).__name__}: {exc}".splitlines()[0]))


class _Worker(Generic[T]):
    """A forked worker and the tasks sent to it, oldest first: the first is being audited (since
    ``started``), the others wait in its pipe so that it never idles while the parent is busy."""

    __slots__ = ("conn", "process", "started", "tasks")

    def __init__(self, process: Any, conn: Connection):
        self.process = process
        self.conn = conn
        self.tasks: deque[tuple[int, T]] = deque()
        self.started = 0.0


# Tasks in flight per worker: one being audited and one waiting. With one, a worker that sends
# a result sits idle until the parent is scheduled, reads it and sends the next task; on two
# cores shared by three processes that gap cost a fifth of the batch.
_DEPTH = 2


def run_parallel(tasks: Iterable[T], work: Callable[[T], R], failed: Callable[[T, str], R], *, jobs: int,
                 timeout: float | None = None) -> Iterator[R]:
    """``work(task)`` for every task in ``jobs`` forked workers, yielded in input order."""
    import multiprocessing as mp
    from multiprocessing.connection import wait

    ctx = mp.get_context("fork")
    source = enumerate(tasks)
    retry: deque[tuple[int, T]] = deque()  # sent to a worker that died or hung before starting them
    workers: list[_Worker[T]] = []
    done: dict[int, R] = {}
    next_out = 0
    exhausted = False

    def start() -> _Worker[T]:
        parent, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child, work), daemon=True)
        process.start()
        child.close()
        return _Worker(process, parent)

    def stop(worker: _Worker[T]) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join()
        worker.conn.close()

    def take() -> tuple[int, T] | None:
        nonlocal exhausted
        if retry:
            return retry.popleft()
        if not exhausted:
            item = next(source, None)
            if item is not None:
                return item
            exhausted = True
        return None

    def replace(i: int, why: str) -> None:
        """The worker's current task gets ``failed``; the ones waiting behind it go to another."""
        worker = workers[i]
        index, task = worker.tasks.popleft()
        done[index] = failed(task, why)
        retry.extendleft(reversed(worker.tasks))
        stop(worker)
        workers[i] = start()

    try:
        # What the parent holds (the compiled packs) is frozen out of the collector's reach while
        # workers are forked, as the gc docs advise: their collections then never touch, and so
        # never copy, the pages they share with the parent.
        gc.freeze()
        try:
            workers = [start() for _ in range(max(1, jobs))]
        finally:
            gc.unfreeze()
        while True:
            for i, worker in enumerate(workers):
                while len(worker.tasks) < _DEPTH and (item := take()) is not None:
                    if not worker.tasks:
                        if not worker.process.is_alive():  # (one with tasks is dealt with below)
                            stop(worker)
                            worker = workers[i] = start()
                        worker.started = time.monotonic()
                    worker.tasks.append(item)
                    worker.conn.send(item[1])
            busy = [w for w in workers if w.tasks]
            if not busy:
                break
            wait_for = None
            if timeout is not None:
                wait_for = max(0.0, min(w.started + timeout for w in busy) - time.monotonic())
            ready = set(wait([obj for w in busy for obj in (w.conn, w.process.sentinel)], wait_for))
            for i, worker in enumerate(workers):
                if not worker.tasks:
                    continue
                if worker.conn in ready:
                    try:
                        ok, value = worker.conn.recv()
                    except (EOFError, OSError):
                        ok, value = False, None
                    if ok or value is not None:
                        index, task = worker.tasks.popleft()
                        done[index] = value if ok else failed(task, value)
                        worker.started = time.monotonic()  # the next one, if any, starts now
                        continue
                if worker.conn in ready or worker.process.sentinel in ready:
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
