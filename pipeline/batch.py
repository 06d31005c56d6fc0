"""The inbox batch: a lock, settled files only, worker processes with limits, one writer, archive/quarantine."""

from __future__ import annotations

import errno
import fcntl
import json
import logging
import os
import shutil
import signal
import socket
import time
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Protocol

from pipeline import loader
from pipeline.config import Settings
from pipeline.errors import ConfigError, LockHeld, NotWritable
from pipeline.ingest import commit, file_sha256, internal_failure, run_counts
from pipeline.models import Outcome, Status
from pipeline.workers import Pool, Result

LOG = logging.getLogger(__name__)
LOCK_NAME = ".perfreturns.lock"
TEMPORARY_SUFFIXES = frozenset({".tmp", ".temp", ".part", ".partial", ".crdownload", ".download", ".swp", ".lock"})


# --- what is in the inbox ----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Found:
    """A file in the inbox: where it is, relative to the inbox, and its size and time when seen."""

    path: Path
    relative: Path
    size: int
    mtime_ns: int


@dataclass(frozen=True, slots=True)
class Scan:
    """The inbox sorted into files to process, files still being written, and files ignored."""

    settled: tuple[Found, ...]
    waiting: tuple[Found, ...]
    ignored: tuple[tuple[Path, str], ...]


def ignored_because(name: str) -> str | None:
    """Why a file name is never a return (Word lock files, temporary and hidden files), or None."""
    if name.startswith("~$"):
        return "a Word lock file, present while the document is open"
    if name.startswith("."):
        return "a hidden file"
    if name.startswith("~") or name.endswith("~") or Path(name).suffix.lower() in TEMPORARY_SUFFIXES:
        return "a temporary file"
    return None


def scan(settings: Settings, now: float | None = None) -> Scan:
    """Every file under the inbox, subfolders walked; settled when unchanged for settle seconds."""
    now = time.time() if now is None else now
    inbox = settings.inbox
    skip = {p.resolve() for p in (settings.archive, settings.quarantine) if p.exists()}
    settled: list[Found] = []
    waiting: list[Found] = []
    ignored: list[tuple[Path, str]] = []
    for folder, dirs, files in os.walk(inbox):
        here = Path(folder)
        kept = []
        for d in sorted(dirs):
            path = here / d
            if d.startswith(".") or path.resolve() in skip:
                ignored.append((path, "a hidden folder" if d.startswith(".") else "the archive or quarantine"))
            else:
                kept.append(d)
        dirs[:] = kept
        for name in sorted(files):
            path = here / name
            if name == LOCK_NAME and here == inbox:
                continue
            reason = ignored_because(name)
            if reason:
                ignored.append((path, reason))
                continue
            try:
                info = path.lstat() if path.is_symlink() and not path.exists() else path.stat()
            except OSError:
                continue  # gone since the walk: nothing to do
            found = Found(path, path.relative_to(inbox), info.st_size, info.st_mtime_ns)
            (settled if now - info.st_mtime_ns / 1e9 >= settings.settle else waiting).append(found)
    return Scan(tuple(settled), tuple(waiting), tuple(ignored))


def is_unchanged(found: Found) -> bool:
    """The file still has the size and time it had when the inbox was scanned."""
    try:
        info = found.path.lstat() if found.path.is_symlink() and not found.path.exists() else found.path.stat()
    except OSError:
        return False
    return (info.st_size, info.st_mtime_ns) == (found.size, found.mtime_ns)


# --- the lock ------------------------------------------------------------------------------

def is_alive(pid: int) -> bool:
    """A process with this id exists on this host."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class InboxLock:
    """One run at a time per inbox: an flock on inbox/.perfreturns.lock, which names its holder.

    The kernel drops an flock when its process dies, however it dies, so a lock left by a
    killed run is free and is taken over; the old holder is logged.
    """

    def __init__(self, inbox: Path) -> None:
        self.path = inbox / LOCK_NAME
        self.fd: int | None = None

    def __enter__(self) -> InboxLock:
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise NotWritable(f"{self.path}: cannot create the inbox lock ({exc.strerror}); "
                              "let perfreturns write to the inbox folder.") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            for _ in range(20):  # a run that has just taken the lock writes who it is a moment later
                if holder.get("pid"):
                    break
                time.sleep(0.05)
                holder = _holder(fd)
            os.close(fd)
            raise LockHeld(
                f"another run holds the inbox lock {self.path} (pid {holder.get('pid', '?')} on "
                f"{holder.get('host', '?')}, started {holder.get('started_at', '?')}); this run did nothing."
            ) from None
        previous = _holder(fd)
        if previous.get("pid"):
            LOG.warning("took over a stale inbox lock from pid %s on %s, started %s (that run was interrupted)",
                        previous.get("pid"), previous.get("host"), previous.get("started_at"))
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                                  "started_at": _now()}).encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)  # the file stays: removing it would let two runs lock two files
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def _holder(fd: int) -> dict[str, Any]:
    try:
        data = os.pread(fd, 4096, 0)
        holder = json.loads(data.decode("utf-8")) if data.strip() else {}
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


# --- where a file ends ---------------------------------------------------------------------

def _free_name(folder: Path, name: str, extra: str = "") -> Path:
    """folder/name, or folder/"stem (2).ext" and so on: an existing file is never overwritten."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    number = 1
    while candidate.exists() or candidate.is_symlink() or (extra and Path(f"{candidate}{extra}").exists()):
        number += 1
        candidate = folder / f"{stem} ({number}){suffix}"
    return candidate


def move_to(found: Found, base: Path, reason: str | None = None) -> Path:
    """Move a file under base/<date>/<its inbox subfolders>, beside a .reason.txt when quarantined."""
    folder = base / datetime.now().strftime("%Y-%m-%d") / found.relative.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, found.path.name, ".reason.txt" if reason else "")
        try:
            os.rename(found.path, target)
        except OSError as exc:
            if exc.errno != errno.EXDEV:
                raise
            shutil.move(str(found.path), str(target))
        if reason is not None:
            Path(f"{target}.reason.txt").write_text(reason + "\n", encoding="utf-8")
    except OSError as exc:
        raise NotWritable(f"{found.path.name}: could not be moved to {folder} ({exc.strerror}); "
                          "it stays in the inbox and is retried next run.") from exc
    return target


# --- the run -------------------------------------------------------------------------------

class Listener(Protocol):
    """What a run tells whoever watches it (the CLI's progress bar or log lines)."""

    def started(self, total: int) -> None: ...
    def working(self, name: str) -> None: ...
    def done(self, outcome: Outcome, moved_to: Path | None) -> None: ...


class LogListener:
    """Plain log lines, one per file: for cron, systemd and a pipe."""

    def started(self, total: int) -> None:
        LOG.info("%d file(s) to process", total)

    def working(self, name: str) -> None:
        pass

    def done(self, outcome: Outcome, moved_to: Path | None) -> None:
        status = "failed" if outcome.status is Status.QUARANTINED else outcome.status.value
        what = outcome.reason if outcome.status is not Status.LOADED else (
            ", ".join(f"{n} {t}" for t, n in outcome.counts if t not in ("source_cells", "extraction_issues"))
            + (f"; {outcome.reason}" if outcome.reason else ""))
        if outcome.status is not Status.LOADED:
            LOG.log(logging.WARNING if outcome.status is Status.QUARANTINED else logging.INFO,
                    "%-10s %s", status, what)
        else:
            LOG.info("%-10s %s: %s", status, outcome.path.name, what)


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What one run did."""

    run_id: int | None
    outcomes: tuple[Outcome, ...]
    waiting: tuple[Path, ...] = ()
    ignored: tuple[tuple[Path, str], ...] = ()
    not_moved: tuple[str, ...] = ()
    interrupted_runs: tuple[int, ...] = ()
    stopped: bool = False
    seconds: float = 0.0

    @property
    def exit_code(self) -> int:
        """0 all loaded or duplicate; 1 any quarantined or left unmoved."""
        bad = any(o.status is Status.QUARANTINED for o in self.outcomes) or self.not_moved
        return 1 if bad else 0

    def count(self, status: Status) -> int:
        """Files that ended with this status."""
        return sum(o.status is status for o in self.outcomes)


@dataclass
class _Stop:
    """Set by SIGTERM or SIGINT: take no new file, end the run cleanly."""

    requested: bool = False
    handlers: dict[int, Any] = field(default_factory=dict)

    def install(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGINT):
            try:
                self.handlers[signum] = signal.signal(signum, self._handle)
            except ValueError:  # not the main thread: leave signals alone
                pass

    def _handle(self, signum: int, frame: object) -> None:
        LOG.warning("stopping: signal %d received; files not yet done stay in the inbox", signum)
        self.requested = True

    def restore(self) -> None:
        for signum, handler in self.handlers.items():
            signal.signal(signum, handler)


def run(settings: Settings, listener: Listener | None = None) -> RunSummary:
    """Process the inbox once: lock, settled files through workers, one writer, archive or quarantine."""
    listener = listener or LogListener()
    if not settings.inbox.is_dir():
        raise ConfigError(f"{settings.inbox}: the inbox folder does not exist; create it or give --inbox.")
    stop = _Stop()
    stop.install()
    try:
        with InboxLock(settings.inbox), Pool(settings) as pool:
            return _pass(settings, listener, pool, stop)
    finally:
        stop.restore()


def watch(settings: Settings, interval: float, listener: Listener | None = None,
          passes: int | None = None) -> list[RunSummary]:
    """Process the inbox every interval seconds until SIGTERM or SIGINT (or `passes` passes)."""
    listener = listener or LogListener()
    if not settings.inbox.is_dir():
        raise ConfigError(f"{settings.inbox}: the inbox folder does not exist; create it or give --inbox.")
    stop = _Stop()
    stop.install()
    summaries: list[RunSummary] = []
    try:
        with InboxLock(settings.inbox), Pool(settings) as pool:
            LOG.info("watching %s every %g s; stop with Ctrl-C or SIGTERM", settings.inbox, interval)
            while not stop.requested and (passes is None or len(summaries) < passes):
                summary = _pass(settings, listener, pool, stop, quiet_when_empty=True)
                summaries.append(summary)
                deadline = time.monotonic() + interval
                while not stop.requested and time.monotonic() < deadline:
                    time.sleep(min(0.2, interval))
    finally:
        stop.restore()
    return summaries


def _pass(settings: Settings, listener: Listener, pool: Pool, stop: _Stop,
          quiet_when_empty: bool = False) -> RunSummary:
    started = time.monotonic()
    found = scan(settings)
    for path, reason in found.ignored:
        LOG.info("ignored    %s: %s", path, reason)
    for item in found.waiting:
        LOG.info("waiting    %s: still being written (changed in the last %g s); left for the next run",
                 item.path, settings.settle)
    if quiet_when_empty and not found.settled:
        return RunSummary(None, (), tuple(f.path for f in found.waiting), found.ignored)
    with loader.translated_errors(settings.db):
        db = loader.open_database(settings.db, settings.busy_timeout)
        try:
            interrupted = loader.mark_interrupted(db, is_alive)
            for run_id in interrupted:
                LOG.warning("run %d did not finish (killed or stopped); marked interrupted", run_id)
            run_id = loader.start_run(db)
            writer = _Writer(db, run_id, settings, listener, len(found.settled))
            listener.started(len(found.settled))
            writer.process(found.settled, pool, stop)
            counts = run_counts(writer.outcomes, len(writer.outcomes))
            if stop.requested:
                loader.update_run(db, run_id, counts)
                with loader.writing(db):
                    db.table("runs").update(run_id, {"status": "interrupted"})
            else:
                loader.finish_run(db, run_id, counts)
        finally:
            db.close()
    return RunSummary(run_id, tuple(writer.outcomes), tuple(f.path for f in found.waiting)
                      + tuple(writer.changed), found.ignored, tuple(writer.not_moved),
                      tuple(interrupted), stop.requested, time.monotonic() - started)


class _Writer:
    """The one writer: known bytes archived at once, the rest prepared by workers and committed here."""

    def __init__(self, db: Any, run_id: int, settings: Settings, listener: Listener, total: int) -> None:
        self.db = db
        self.run_id = run_id
        self.settings = settings
        self.listener = listener
        self.outcomes: list[Outcome] = []
        self.not_moved: list[str] = []
        self.changed: list[Path] = []
        self.total = total
        self.counted = 0.0

    def process(self, files: tuple[Found, ...], pool: Pool, stop: _Stop) -> None:
        to_prepare: deque[Found] = deque()
        for found in files:
            if stop.requested:
                return
            sha256 = file_sha256(found.path)
            duplicate = loader.find_duplicate(self.db, sha256) if sha256 else None
            if duplicate is None:
                to_prepare.append(found)
                continue
            self._finish(found, Outcome(found.path, Status.DUPLICATE, duplicate,
                                        f"{found.path.name}: identical to a return already loaded "
                                        f"(document {duplicate})"))
        for found, result in pool.map(to_prepare, lambda: stop.requested, self.listener.working):
            self._commit(found, result)

    def _commit(self, found: Found, result: Result) -> None:
        for line in result.log:
            logging.getLogger("pipeline.library").warning("%s: %s", found.path.name, line)
        if not is_unchanged(found):
            LOG.info("waiting    %s: changed while it was read; left for the next run", found.path)
            self.changed.append(found.path)
            return
        try:
            if result.error is not None:
                LOG.error("internal error on %s:\n%s", found.path, result.traceback)
                outcome = internal_failure(self.db, found.path, result.error, self.run_id)
            else:
                assert result.prepared is not None
                outcome = commit(self.db, result.prepared, self.run_id)
        except loader.DATABASE_ERRORS:
            raise
        except Exception as exc:  # the writer's one catch per file: the run goes on
            LOG.exception("internal error committing %s", found.path)
            outcome = internal_failure(self.db, found.path, exc, self.run_id)
        self._finish(found, outcome)

    def _finish(self, found: Found, outcome: Outcome) -> None:
        moved: Path | None = None
        try:
            if outcome.status is Status.QUARANTINED:
                code = outcome.code or "rejected"
                moved = move_to(found, self.settings.quarantine, f"{code}: {outcome.reason}")
            else:
                moved = move_to(found, self.settings.archive)
        except NotWritable as exc:
            LOG.error("%s", exc)
            self.not_moved.append(str(exc))
        self.outcomes.append(outcome)
        # the counts so far, for a run that is killed: at most once a second, as each is a commit
        if time.monotonic() - self.counted > 1.0:
            loader.update_run(self.db, self.run_id, run_counts(self.outcomes, len(self.outcomes)))
            self.counted = time.monotonic()
        self.listener.done(outcome, moved)


# --- logging --------------------------------------------------------------------------------

class _FirstLine(logging.Formatter):
    """A log record as its first line only: tracebacks and library detail stay in the log file."""

    def format(self, record: logging.LogRecord) -> str:
        return record.getMessage().splitlines()[0] if record.getMessage() else ""


def configure_logging(log_path: Path, console_level: int, debug: bool = False) -> None:
    """Everything to the log file; to stderr only perfreturns' own lines at console_level.

    Library warnings (pdfminer writes one per damaged object) and Python warnings go to the
    log file, never to the terminal; --debug shows them and full tracebacks on stderr too.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_perfreturns", False):
            root.removeHandler(handler)
            handler.close()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    try:
        log_path.parent.mkdir(parents=True, exist_ok=True)
        to_file: logging.Handler = logging.FileHandler(log_path, encoding="utf-8")
    except OSError as exc:
        raise NotWritable(f"{log_path}: cannot write the log ({exc.strerror}); give --log another file.") from exc
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    to_console = logging.StreamHandler()
    if debug:
        to_console.setLevel(logging.DEBUG)
    else:
        to_console.setLevel(console_level)
        to_console.setFormatter(_FirstLine())
        to_console.addFilter(lambda r: r.name.startswith("pipeline") and r.name != "pipeline.library")
    for handler in (to_file, to_console):
        handler._perfreturns = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    logging.captureWarnings(True)
