"""Worker processes that prepare files, each file under a time limit and a memory limit.

A worker runs prepare() only: it never opens the database. The parent hands it one file at
a time and ends it when the file passes its time limit or memory limit (the file is then
refused as `timeout` or `too_large`, and a fresh worker takes the next file), so one
pathological file can neither stall nor sink a batch.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import resource
import signal
import time
import traceback
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.errors import over_memory
from pipeline.models import Prepared

LOG = logging.getLogger(__name__)
MAX_LOG_LINES = 20  # library warnings kept per file; pdfminer can write thousands for one damaged file
_PAGE = os.sysconf("SC_PAGE_SIZE")
STARTUP_LIMIT = 120.0  # seconds a fresh worker may take to import the readers


@dataclass(frozen=True, slots=True)
class Result:
    """What a worker sent back for one file: the prepared file, or the error it failed with."""

    prepared: Prepared | None
    error: str | None = None
    traceback: str | None = None
    log: tuple[str, ...] = ()


class _Collect(logging.Handler):
    """Keeps a worker's log records (pdfminer's warnings and the like) to send with the result."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []
        self.dropped = 0

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.lines) < MAX_LOG_LINES:
            self.lines.append(f"{record.name}: {record.getMessage()}")
        else:
            self.dropped += 1

    def take(self) -> tuple[str, ...]:
        lines = list(self.lines)
        if self.dropped:
            lines.append(f"and {self.dropped} more warning(s) like these")
        self.lines, self.dropped = [], 0
        return tuple(lines)


def _serve(conn: Connection, settings: Settings) -> None:
    """A worker's loop: receive (path, name), send back a Result, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    from pipeline.ingest import prepare  # before the limit: the limit is what one file may add
    from pipeline.nlp.engine import engine

    engine()  # spaCy's start-up is the worker's, not the first file's: a file's time limit is its own

    address_space, resident = _own_memory()
    limit = address_space + settings.max_memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if not _send(conn, ("ready", resident)):
        return

    collect = _Collect()
    root = logging.getLogger()
    root.handlers[:] = [collect]
    root.setLevel(logging.WARNING)
    logging.captureWarnings(True)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        path, name = task
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always")
                prepared = prepare(path, settings, name)
            result = Result(prepared, log=collect.take())
        except MemoryError:  # the allocation that failed is not made: the worker can go on
            result = Result(too_large(path, name, settings), log=collect.take())
        except Exception as exc:  # sent to the writer, which records the file as internal_error
            result = Result(None, f"{type(exc).__name__}: {exc}", traceback.format_exc(), collect.take())
        if not _send(conn, result):
            return


def _own_memory() -> tuple[int, int]:
    """This process's address space and resident memory, in bytes."""
    with open("/proc/self/statm") as handle:
        size, resident = handle.read().split()[:2]
    return int(size) * _PAGE, int(resident) * _PAGE


def _send(conn: Connection, result: object) -> bool:
    try:
        conn.send(result)
    except (OSError, EOFError):
        return False
    return True


def too_large(path: Path, name: str, settings: Settings) -> Prepared:
    """A file refused for needing more memory than one file may use."""
    return Prepared(path, name, None, _size(path), None, code="too_large",
                    reason=str(over_memory(name, settings.max_memory_mb)))


def timed_out(path: Path, name: str, settings: Settings) -> Prepared:
    """A file refused for taking longer than one file may take."""
    return Prepared(path, name, None, _size(path), None, code="timeout", reason=(
        f"{name}: reading the file took over {settings.timeout:g} s, the limit for one file; it was stopped. "
        "Split the return or raise PERFRETURNS_TIMEOUT."))


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


class _Worker:
    def __init__(self, context: Any, settings: Settings) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_serve, args=(child, settings), daemon=True,
                                       name="perfreturns-worker")
        self.process.start()
        child.close()
        self.task: Any = None
        self.started = 0.0
        self.baseline: int | None = None  # resident memory once the readers are imported

    def send(self, task: Any, path: Path, name: str) -> None:
        self.task = task
        self.started = time.monotonic()
        self.conn.send((path, name))

    def elapsed(self) -> float:
        """Seconds on the current file; a fresh worker's clock starts once it is ready."""
        waited = time.monotonic() - self.started
        if self.baseline is None:  # still importing the readers, which never takes minutes
            return waited if waited > STARTUP_LIMIT else 0.0
        return waited

    def over_memory(self, limit: int) -> bool:
        """The file has made the worker grow by more than the limit."""
        return self.baseline is not None and self.rss() - self.baseline > limit

    def rss(self) -> int:
        try:
            with open(f"/proc/{self.process.pid}/statm") as handle:
                return int(handle.read().split()[1]) * _PAGE
        except (OSError, ValueError, IndexError):
            return 0

    def end(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(2)
        self.end()


class Pool:
    """`workers` processes, started when first needed and replaced when one is ended."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.context = multiprocessing.get_context("spawn")
        self.idle: list[_Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        for worker in self.idle:
            worker.stop()
        self.idle = []

    def _dispatch(self, item: Any) -> _Worker:
        """Hand an item to an idle worker, or to a new one when none is idle or the idle one is gone."""
        while self.idle:
            worker = self.idle.pop()
            try:
                worker.send(item, item.path, item.path.name)
                return worker
            except (OSError, ValueError):
                worker.end()
        worker = _Worker(self.context, self.settings)
        worker.send(item, item.path, item.path.name)
        return worker

    def map(self, items: Iterable[Any], should_stop: Callable[[], bool],
            on_start: Callable[[str], None] | None = None) -> Iterator[tuple[Any, Result]]:
        """Prepare each item (anything with a .path) and yield (item, result) as each ends."""
        pending = deque(items)
        busy: list[_Worker] = []
        limit = self.settings.max_memory_mb * 1024 * 1024
        try:
            while pending or busy:
                if should_stop():
                    return
                while pending and len(busy) < self.settings.workers:
                    item = pending.popleft()
                    busy.append(self._dispatch(item))
                    if on_start:
                        on_start(str(item.path.name))
                ready = set(wait([w.conn for w in busy] + [w.process.sentinel for w in busy], timeout=0.25))
                for worker in list(busy):
                    item = worker.task
                    name = item.path.name
                    result: Result | None = None
                    ended = False
                    if worker.conn in ready:
                        try:
                            message = worker.conn.recv()
                        except (EOFError, OSError):
                            message, ended = _crashed(worker, name), True
                        if isinstance(message, tuple) and message[0] == "ready":
                            worker.baseline, worker.started = message[1], time.monotonic()
                            continue
                        result = message
                    elif worker.process.sentinel in ready or not worker.process.is_alive():
                        result = _crashed(worker, name)
                        ended = True
                    elif worker.elapsed() > self.settings.timeout:
                        LOG.warning("%s: over the time limit of %g s; its worker was ended", name,
                                    self.settings.timeout)
                        result, ended = Result(timed_out(item.path, name, self.settings)), True
                    elif worker.over_memory(limit):
                        LOG.warning("%s: over the memory limit of %d MB; its worker was ended", name,
                                    self.settings.max_memory_mb)
                        result, ended = Result(too_large(item.path, name, self.settings)), True
                    if result is None:
                        continue
                    busy.remove(worker)
                    if ended or not worker.process.is_alive():
                        worker.end()
                    else:
                        self.idle.append(worker)
                    worker.task = None
                    yield item, result
        finally:
            for worker in busy:  # stopped early: the files stay in the inbox
                worker.end()


def _crashed(worker: _Worker, name: str) -> Result:
    worker.process.join(1)
    code = worker.process.exitcode
    how = f"signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return Result(None, f"the reader process for {name} ended without an answer ({how})")
