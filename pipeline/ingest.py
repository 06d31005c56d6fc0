"""Ingest files: prepare (pure: read, map, rows) apart from commit (the one writer's transaction)."""

from __future__ import annotations

import gc
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

import extractors
from extractors.detect import source_file
from pipeline import loader
from pipeline.config import Settings
from pipeline.errors import FileRejected, UnreadableFile
from pipeline.models import ExtractedDocument, NormalisedDocument, Outcome, Prepared, Status
from pipeline.nlp.enrich import enrich, organisation_given
from pipeline.normalise import normalise, with_organisation
from pipeline.validate import validate

LOG = logging.getLogger(__name__)
DOCUMENT_SUFFIXES = frozenset({".docx", ".pdf", ".doc", ".odt", ".rtf", ".xlsx", ".xlsm", ".xls", ".ods"})


@dataclass(frozen=True, slots=True)
class Extraction:
    """A file read and mapped, not yet loaded."""

    extracted: ExtractedDocument
    document: NormalisedDocument


def read(path: Path, settings: Settings) -> Extraction:
    """Everything perfreturns would load from one file; raises FileRejected for an unreadable one."""
    source = _source(path, settings, path.name)
    extracted = extractors.extract(source, settings)
    return Extraction(extracted, _normalised(extracted, path, settings))


def _normalised(extracted: ExtractedDocument, path: Path, settings: Settings) -> NormalisedDocument:
    """Normalise and validate, then read the commentary; a config entry or an inbox subfolder
    names the organisation over what the document prints, and the text over nothing at all."""
    document = normalise(extracted)
    given = organisation_given(path, settings)
    if given is not None:
        document = with_organisation(document, *given)
    return enrich(extracted, validate(document))


def _source(path: Path, settings: Settings, name: str):  # type: ignore[no-untyped-def]
    try:
        return source_file(path, settings, name)
    except FileNotFoundError:
        what = "a link to a file that does not exist" if path.is_symlink() else "gone: it was moved or deleted"
        raise UnreadableFile(f"{name}: the file is {what}; put the return itself in the inbox.") from None
    except IsADirectoryError:
        raise UnreadableFile(f"{name}: this is a folder, not a file.") from None
    except PermissionError:
        raise UnreadableFile(
            f"{name}: perfreturns may not read the file (permission denied); let it be read and resend it."
        ) from None
    except OSError as exc:
        raise UnreadableFile(f"{name}: the file cannot be read ({exc.strerror or exc}); resend it.") from None


def file_sha256(path: Path) -> str | None:
    """The SHA-256 of a file's bytes, or None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Python's cycle collector waits while one file is read or loaded, and runs as usual after.

    A file becomes cells, records and rows that hold no reference cycles, so reference counting
    frees them as they go; but each of the collector's passes walks every object alive, the
    loaded libraries' too, and on a 20,000-row table those passes took a tenth of the time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def prepare(path: Path, settings: Settings, original_name: str | None = None) -> Prepared:
    """Hash, detect, extract, normalise, validate and build the rows of one file; touches no database.

    A file that cannot be read comes back refused, with its code and reason. A file in a
    subfolder of the settings' inbox takes its organisation from the folder's name.
    """
    with collection_paused():
        return _prepare(path, settings, original_name)


def _prepare(path: Path, settings: Settings, original_name: str | None) -> Prepared:
    name = original_name or path.name
    try:
        source = _source(path, settings, name)
    except FileRejected as exc:
        return Prepared(path, name, None, _size(path), None, code=exc.code, reason=one_line(str(exc)))
    try:
        extracted = extractors.extract(source, settings)
    except FileRejected as exc:
        return Prepared(path, name, source.sha256, source.size, source.file_type.value,
                        code=exc.code, reason=one_line(str(exc)))
    rows = loader.rows_for(extracted, _normalised(extracted, path, settings))
    return Prepared(path, name, source.sha256, source.size, source.file_type.value, rows=rows)


def one_line(message: str) -> str:
    """A message kept to one line, whatever the file name holds ("line\\nbreak.docx")."""
    return message.replace("\r", "\\r").replace("\n", "\\n")


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def commit(db: sqlite_utils.Database, prepared: Prepared, run_id: int | None = None) -> Outcome:
    """Write one prepared file in one transaction: a duplicate, a failed row, or its records.

    The duplicate check runs inside the write transaction (BEGIN IMMEDIATE), so two processes
    loading the same bytes at once load them once.
    """
    path = prepared.path
    with collection_paused(), loader.writing(db):
        duplicate = loader.find_duplicate(db, prepared.sha256) if prepared.sha256 else None
        if duplicate is not None:
            return Outcome(path, Status.DUPLICATE, duplicate,
                           f"{prepared.file_name}: identical to a return already loaded (document {duplicate})")
        if prepared.rows is None:
            document_id = loader.record_failure(
                db, sha256=prepared.sha256, file_name=prepared.file_name, file_type=prepared.file_type,
                size=prepared.size, code=prepared.code or "rejected", reason=prepared.reason or "",
                run_id=run_id)
            return Outcome(path, Status.QUARANTINED, document_id, prepared.reason, code=prepared.code)
        loaded = loader.load(db, prepared.rows, run_id)
    rows = prepared.rows
    counts = tuple((name, len(rows[name])) for name in loader.SUMMARY_TABLES if rows.get(name))
    notes = []
    if loaded.superseded:
        notes.append(f"supersedes document {', '.join(map(str, loaded.superseded))}")
    if loaded.resubmission_of:
        notes.append(f"possible resubmission of document {', '.join(map(str, loaded.resubmission_of))}")
    return Outcome(path, Status.LOADED, loaded.document_id, "; ".join(notes) or None, counts,
                   superseded=tuple(loaded.superseded))


def internal_failure(db: sqlite_utils.Database, path: Path, exc: BaseException | str, run_id: int | None,
                     name: str | None = None) -> Outcome:
    """Record a file perfreturns itself failed on; the traceback goes to the log."""
    name = name or path.name
    what = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    reason = (f"{name}: perfreturns failed on this file ({what}); "
              "nothing from it was loaded; report it with the file attached.").replace("\n", " ")
    prepared = Prepared(path, name, None, _size(path), None, code="internal_error", reason=reason)
    return commit(db, prepared, run_id)


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the documents inside any folder named (by extension, sorted).

    Word's lock files (~$name.docx) beside an open document are never returns.
    """
    for path in paths:
        if path.is_dir():
            for found in sorted(path.iterdir()):
                if not found.is_file() or found.name.startswith("~$"):
                    LOG.info("skipped %s: not a document", found)
                elif found.suffix.lower() in DOCUMENT_SUFFIXES:
                    yield found
                else:
                    LOG.info("skipped %s: not a document type perfreturns reads (by its extension)", found)
        else:
            yield path


def ingest_one(db: sqlite_utils.Database, path: Path, settings: Settings, run_id: int | None) -> Outcome:
    """Load one file, or record it as a duplicate or a failure; an unexpected error fails only this file."""
    try:
        sha256 = file_sha256(path)
        duplicate = loader.find_duplicate(db, sha256) if sha256 else None
        if duplicate is not None:  # known bytes: no need to read them again
            return Outcome(path, Status.DUPLICATE, duplicate,
                           f"{path.name}: identical to a return already loaded (document {duplicate})")
        return commit(db, prepare(path, settings), run_id)
    except loader.DATABASE_ERRORS:
        raise
    except Exception as exc:  # the one place in-process ingest catches a file's unexpected failure
        LOG.exception("internal error on %s", path)
        return internal_failure(db, path, exc, run_id)


def run_counts(outcomes: Iterable[Outcome], files_seen: int) -> dict[str, int]:
    """A runs row's counts from the outcomes of its files."""
    outcomes = list(outcomes)
    return {
        "files_seen": files_seen,
        "loaded": sum(o.status is Status.LOADED for o in outcomes),
        "duplicates": sum(o.status is Status.DUPLICATE for o in outcomes),
        "failed": sum(o.status is Status.QUARANTINED for o in outcomes),
        "superseded": sum(len(o.superseded) for o in outcomes),
    }


def ingest(
    paths: Iterable[Path], settings: Settings, on_file: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Ingest files into the settings' database as one run; report each outcome as it happens."""
    with loader.translated_errors(settings.db):
        db = loader.open_database(settings.db, settings.busy_timeout)
        run_id = loader.start_run(db)
        outcomes: list[Outcome] = []
        files = list(iter_files(paths))
        for path in files:
            outcome = ingest_one(db, path, settings, run_id)
            outcomes.append(outcome)
            if on_file:
                on_file(outcome)
        loader.finish_run(db, run_id, run_counts(outcomes, len(files)))
        db.close()
    return outcomes
