"""Ingest files: detect, extract, classify, normalise, validate and load each in its own transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

import extractors
from extractors.detect import source_file
from pipeline import loader
from pipeline.config import Settings
from pipeline.errors import FileRejected
from pipeline.models import ExtractedDocument, NormalisedDocument, Outcome, Status
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
    source = source_file(path, settings)
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


def iter_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the documents inside any folder named (by extension, sorted)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in DOCUMENT_SUFFIXES)
        else:
            yield path


def ingest_one(db: sqlite_utils.Database, path: Path, settings: Settings, run_id: int | None) -> Outcome:
    """Load one file, or record it as a duplicate or a failure; an unexpected error fails only this file."""
    try:
        return _ingest_one(db, path, settings, run_id)
    except Exception as exc:  # the one place a file's unexpected failure is caught, so the run goes on
        LOG.exception("internal error on %s", path)
        reason = (f"{path.name}: perfreturns failed on this file ({type(exc).__name__}: {exc}); "
                  "nothing from it was loaded; report it with the file attached.")
        document_id = loader.record_failure(db, sha256=None, file_name=path.name, file_type=None, size=None,
                                            code="internal_error", reason=reason, run_id=run_id)
        return Outcome(path, Status.QUARANTINED, document_id, reason)


def _ingest_one(db: sqlite_utils.Database, path: Path, settings: Settings, run_id: int | None) -> Outcome:
    try:
        source = source_file(path, settings)
    except FileRejected as exc:
        document_id = loader.record_failure(db, sha256=None, file_name=path.name, file_type=None,
                                            size=None, code=exc.code, reason=str(exc), run_id=run_id)
        return Outcome(path, Status.QUARANTINED, document_id, str(exc))
    duplicate = loader.find_duplicate(db, source.sha256)
    if duplicate is not None:
        return Outcome(path, Status.DUPLICATE, duplicate,
                       f"{path.name}: identical to a return already loaded (document {duplicate})")
    try:
        extracted = extractors.extract(source, settings)
    except FileRejected as exc:
        document_id = loader.record_failure(db, sha256=source.sha256, file_name=source.original_name,
                                            file_type=source.file_type.value, size=source.size,
                                            code=exc.code, reason=str(exc), run_id=run_id)
        return Outcome(path, Status.QUARANTINED, document_id, str(exc))
    document = _normalised(extracted, path, settings)
    rows = loader.rows_for(extracted, document)
    document_id, superseded = loader.load(db, rows, run_id)
    counts = tuple((name, len(rows[name])) for name in loader.SUMMARY_TABLES if rows.get(name))
    reason = f"supersedes document {', '.join(map(str, superseded))}" if superseded else None
    return Outcome(path, Status.LOADED, document_id, reason, counts)


def ingest(
    paths: Iterable[Path], settings: Settings, on_file: Callable[[Outcome], None] | None = None
) -> list[Outcome]:
    """Ingest files into the settings' database as one run; report each outcome as it happens."""
    settings.db.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(settings.db)
    run_id = loader.start_run(db)
    outcomes: list[Outcome] = []
    files = list(iter_files(paths))
    for path in files:
        outcome = ingest_one(db, path, settings, run_id)
        outcomes.append(outcome)
        if on_file:
            on_file(outcome)
    loader.finish_run(db, run_id, {
        "files_seen": len(files),
        "loaded": sum(o.status is Status.LOADED for o in outcomes),
        "duplicates": sum(o.status is Status.DUPLICATE for o in outcomes),
        "failed": sum(o.status is Status.QUARANTINED for o in outcomes),
        "superseded": sum(1 for o in outcomes if o.reason and o.reason.startswith("supersedes")),
    })
    db.close()
    return outcomes
