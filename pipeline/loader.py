"""Rows for the consolidated database (pure), and loading them in one transaction per document."""

from __future__ import annotations

import dataclasses
import errno
import os
import socket
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import sqlite_utils

from pipeline.errors import DatabaseUnusable

from pipeline.models import (
    Action, Commitment, ExtractedDocument, Funding, Indicator, IndicatorValue, Issue, Narrative,
    NormalisedDocument, RagLevel, Risk,
)

Rows = dict[str, list[dict[str, Any]]]

# Contract tables and their columns, in order; extra columns follow the contract's.
SCHEMA: dict[str, dict[str, type]] = {
    "runs": {"id": int, "started_at": str, "finished_at": str, "files_seen": int, "loaded": int,
             "duplicates": int, "failed": int, "superseded": int, "status": str, "pid": int,
             "host": str},
    "documents": {"id": int, "sha256": str, "file_name": str, "file_type": str, "doc_type": str,
                  "organisation": str, "service": str, "title": str, "period_label": str,
                  "financial_year": str, "quarter": int, "status": str, "superseded_by": int,
                  "pages": int, "run_id": int, "ingested_at": str, "size": int, "reason": str,
                  "organisation_source": str, "indicator_code": str},
    "commitments": {"id": int, "document_id": int, "section": str, "section_code": str,
                    "group_label": str, "ref": str, "priority": str, "commitment": str,
                    "deliverable": str, "officers": str, "due": str, "rag": str, "rag_raw": str,
                    "comment": str, "page_start": int, "page_end": int, "row_index": int,
                    "table_index": int},
    "officers": {"id": int, "name": str},
    "commitment_officers": {"commitment_id": int, "officer_id": int},
    "rag_scale": {"document_id": int, "rag": str, "label": str, "definition": str},
    "indicators": {"id": int, "code": str, "description": str, "unit": str, "polarity": str,
                   "organisation": str, "owner": str, "lead_partner": str, "data_expert": str,
                   "reporting_frequency": str},
    "indicator_values": {"id": int, "indicator_id": int, "document_id": int, "kind": str,
                         "period": str, "value": float, "value_raw": str, "rag": str, "direction": str,
                         "page": int, "table_index": int, "row_index": int},
    "actions": {"id": int, "document_id": int, "indicator_id": int, "ref": str, "action": str,
                "milestone": str, "linked_plans": str, "lead_officer": str, "progress": str,
                "due": str, "rag": str, "rag_raw": str, "page_start": int, "page_end": int,
                "row_index": int},
    "funding": {"id": int, "document_id": int, "indicator_id": int, "line": str, "year": str,
                "amount": float, "source": str, "is_total": int, "page": int, "row_index": int},
    "funding_sources": {"funding_id": int, "source": str, "amount": float},
    "risks": {"id": int, "document_id": int, "indicator_id": int, "ref": str, "risk": str,
              "mitigation": str, "page": int},
    "narratives": {"id": int, "document_id": int, "heading": str, "text": str, "page": int},
    "source_cells": {"document_id": int, "table_index": int, "page": int, "row": int, "col": int,
                     "text": str, "fill": str, "row_span": int, "col_span": int, "page_end": int,
                     "mapped": int},
    "extraction_issues": {"id": int, "document_id": int, "severity": str, "code": str, "message": str,
                          "page": int, "table_index": int},
}
FOREIGN_KEYS = {
    "documents": [("run_id", "runs", "id")],
    "commitments": [("document_id", "documents", "id")],
    "commitment_officers": [("commitment_id", "commitments", "id"), ("officer_id", "officers", "id")],
    "rag_scale": [("document_id", "documents", "id")],
    "indicator_values": [("indicator_id", "indicators", "id"), ("document_id", "documents", "id")],
    "actions": [("document_id", "documents", "id"), ("indicator_id", "indicators", "id")],
    "funding": [("document_id", "documents", "id"), ("indicator_id", "indicators", "id")],
    "funding_sources": [("funding_id", "funding", "id")],
    "risks": [("document_id", "documents", "id"), ("indicator_id", "indicators", "id")],
    "narratives": [("document_id", "documents", "id")],
    "source_cells": [("document_id", "documents", "id")],
    "extraction_issues": [("document_id", "documents", "id")],
}
FTS = {
    "commitments": ["section", "priority", "commitment", "deliverable", "officers", "comment"],
    "narratives": ["heading", "text"],
}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every contract table, index and full-text index that is missing."""
    for name, columns in SCHEMA.items():
        table = db.table(name)
        if table.exists():
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, kind in missing.items():
                table.add_column(column, kind)
            continue
        pk: Any = "id" if "id" in columns else None
        if name == "commitment_officers":
            pk = ("commitment_id", "officer_id")
        elif name == "funding_sources":
            pk = None
        table.create(columns, pk=pk, foreign_keys=FOREIGN_KEYS.get(name, []))
    db.table("documents").create_index(["sha256"], unique=True, if_not_exists=True)
    db.table("officers").create_index(["name"], unique=True, if_not_exists=True)
    db.table("indicators").create_index(["code", "organisation"], if_not_exists=True)
    for name, searchable in FTS.items():
        if not db.table(name).detect_fts():
            db.table(name).enable_fts(searchable, create_triggers=True)


def _pk(table: sqlite_utils.db.Table) -> int:
    """The primary key of the row just inserted."""
    if table.last_pk is None:
        raise RuntimeError(f"no row was inserted into {table.name}")
    return int(table.last_pk)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def rows_for(extracted: ExtractedDocument, doc: NormalisedDocument) -> Rows:
    """Every row a document adds, keyed by table; links use positions, resolved by load()."""
    rows: Rows = {name: [] for name in SCHEMA if name not in ("runs", "documents", "officers")}
    info = doc.info
    rows["document"] = [{
        "sha256": extracted.source.sha256, "file_name": extracted.source.original_name,
        "file_type": extracted.source.file_type.value, "doc_type": info.doc_type.value,
        "organisation": info.organisation, "service": info.service, "title": info.title,
        "period_label": info.period_label, "financial_year": info.financial_year, "quarter": info.quarter,
        "pages": extracted.pages, "size": extracted.source.size,
    }]
    mapped = {t.index for t in doc.unmapped}
    for table in extracted.tables:
        for row in table.rows:
            for cell in row:
                rows["source_cells"].append({
                    "table_index": table.index, "page": cell.page, "row": cell.row, "col": cell.col,
                    "text": cell.text, "fill": cell.fill, "row_span": cell.row_span,
                    "col_span": cell.col_span, "page_end": cell.page_end,
                    "mapped": int(table.index not in mapped),
                })
    for issue in doc.issues:
        rows["extraction_issues"].append(_issue_row(issue))
    for record in doc.records:
        _add_record(rows, record)
    return rows


def _issue_row(issue: Issue) -> dict[str, Any]:
    return {"severity": issue.severity.value, "code": issue.code, "message": issue.message,
            "page": issue.page, "table_index": issue.table_index}


def _add_record(rows: Rows, record: object) -> None:
    if isinstance(record, Commitment):
        row = _fields(record, exclude={"officer_names"})
        row.update(page_start=record.origin.page_start, page_end=record.origin.page_end,
                   row_index=record.origin.row_index, table_index=record.origin.table_index)
        position = len(rows["commitments"])
        rows["commitments"].append(row)
        for name in record.officer_names:
            rows["commitment_officers"].append({"commitment": position, "officer": name})
    elif isinstance(record, RagLevel):
        rows["rag_scale"].append(_fields(record))
    elif isinstance(record, Indicator):
        rows["indicators"].append(_fields(record))
    elif isinstance(record, IndicatorValue):
        row = _fields(record)
        row.update(page=record.origin.page_start, table_index=record.origin.table_index,
                   row_index=record.origin.row_index)
        rows["indicator_values"].append(row)
    elif isinstance(record, Action):
        row = _fields(record)
        row.update(page_start=record.origin.page_start, page_end=record.origin.page_end,
                   row_index=record.origin.row_index)
        rows["actions"].append(row)
    elif isinstance(record, Funding):
        row = _fields(record, exclude={"sources"})
        row.update(is_total=int(record.is_total), page=record.origin.page_start,
                   row_index=record.origin.row_index)
        position = len(rows["funding"])
        rows["funding"].append(row)
        for source in record.sources:
            rows["funding_sources"].append({"funding": position, "source": source.source,
                                            "amount": source.amount})
    elif isinstance(record, Risk):
        rows["risks"].append(dict(_fields(record), page=record.origin.page_start))
    elif isinstance(record, Narrative):
        rows["narratives"].append(dict(_fields(record), page=record.origin.page_start))


def _fields(record: Any, exclude: Iterable[str] = ()) -> dict[str, Any]:
    skip = {"origin", *exclude}
    out = {}
    for f in dataclasses.fields(record):
        if f.name in skip:
            continue
        value = getattr(record, f.name)
        out[f.name] = value.value if isinstance(value, Enum) else value
    return out


def start_run(db: sqlite_utils.Database) -> int:
    """A runs row for one ingest or batch run; finish_run() fills in its counts."""
    ensure_schema(db)
    with writing(db):
        return _pk(db.table("runs").insert({
            "started_at": _now(), "status": "running", "pid": os.getpid(), "host": socket.gethostname(),
        }))


def update_run(db: sqlite_utils.Database, run_id: int, counts: dict[str, int]) -> None:
    """Record a run's counts so far, so a killed run still shows what it did."""
    with writing(db):
        db.table("runs").update(run_id, counts)


def finish_run(db: sqlite_utils.Database, run_id: int, counts: dict[str, int]) -> None:
    """Record when a run ended and what became of its files."""
    with writing(db):
        db.table("runs").update(run_id, dict(counts, finished_at=_now(), status="finished"))


def mark_interrupted(db: sqlite_utils.Database, is_alive: Callable[[int], bool]) -> list[int]:
    """Mark as interrupted every unfinished run whose process on this host is gone."""
    host = socket.gethostname()
    with writing(db):
        stale = [
            int(r["id"]) for r in db.query(
                "select id, pid, host from runs where finished_at is null "
                "and coalesce(status, 'running') = 'running'")
            if r["host"] in (None, host) and (r["pid"] is None or not is_alive(int(r["pid"])))
        ]
        for run_id in stale:
            db.table("runs").update(run_id, {"status": "interrupted"})
    return stale


def find_duplicate(db: sqlite_utils.Database, sha256: str) -> int | None:
    """The id of a loaded (or superseded) document with these exact bytes."""
    found = db.execute(
        "select id from documents where sha256 = ? and status != 'failed'", [sha256]
    ).fetchone()
    return int(found[0]) if found else None


@dataclasses.dataclass(frozen=True, slots=True)
class Loaded:
    """What load() wrote: the new document, the ones it superseded, and look-alikes it did not."""

    document_id: int
    superseded: list[int]
    resubmission_of: list[int]


def load(db: sqlite_utils.Database, rows: Rows, run_id: int | None) -> Loaded:
    """Write one document's rows in a single transaction."""
    ensure_schema(db)
    with writing(db), db.atomic():
        document = dict(rows["document"][0], status="loaded", run_id=run_id, ingested_at=_now())
        if document["doc_type"] == "indicator_plan" and rows["indicators"]:
            document.setdefault("indicator_code", rows["indicators"][0].get("code"))
        _delete_failures(db, document["sha256"])
        document_id = _pk(db.table("documents").insert(document))
        superseded, lookalikes = _supersede(db, document, document_id)
        if lookalikes:
            rows = dict(rows, extraction_issues=[*rows["extraction_issues"], _resubmission_issue(db, lookalikes)])
        indicator_ids = {
            row["code"] or row["description"]: _upsert_indicator(db, row) for row in rows["indicators"]
        }
        commitment_ids = _insert_all(db, "commitments", rows["commitments"], document_id)
        for link in rows["commitment_officers"]:
            officer_id = db.table("officers").lookup({"name": link["officer"]})
            db.table("commitment_officers").insert(
                {"commitment_id": commitment_ids[link["commitment"]], "officer_id": officer_id},
                ignore=True,
            )
        for name in ("rag_scale", "narratives", "source_cells", "extraction_issues"):
            _insert_all(db, name, rows[name], document_id)
        linked = {
            name: [_link_indicator(row, indicator_ids) for row in rows[name]]
            for name in ("indicator_values", "actions", "funding", "risks")
        }
        _insert_all(db, "indicator_values", linked["indicator_values"], document_id)
        _insert_all(db, "actions", linked["actions"], document_id)
        _insert_all(db, "risks", linked["risks"], document_id)
        funding_ids = _insert_all(db, "funding", linked["funding"], document_id)
        db.table("funding_sources").insert_all(
            {"funding_id": funding_ids[s["funding"]], "source": s["source"], "amount": s["amount"]}
            for s in rows["funding_sources"]
        )
    return Loaded(document_id, superseded, lookalikes)


def _delete_failures(db: sqlite_utils.Database, sha256: str | None) -> None:
    """Forget earlier failures of these bytes, and their issues: the file is being retried."""
    if not sha256:
        return
    failed = [r[0] for r in db.execute("select id from documents where sha256 = ? and status = 'failed'", [sha256])]
    for document_id in failed:
        db.execute("delete from extraction_issues where document_id = ?", [document_id])
        db.execute("delete from documents where id = ?", [document_id])


def _link_indicator(row: dict[str, Any], indicator_ids: dict[str, int]) -> dict[str, Any]:
    linked = {k: v for k, v in row.items() if k != "indicator_code"}
    linked["indicator_id"] = indicator_ids.get(row.get("indicator_code") or "")
    return linked


def _insert_all(db: sqlite_utils.Database, name: str, rows: list[dict[str, Any]], document_id: int) -> list[int]:
    ids = []
    table = db.table(name)
    for row in rows:
        table.insert(dict(row, document_id=document_id))
        ids.append(_pk(table))
    return ids


def _upsert_indicator(db: sqlite_utils.Database, row: dict[str, Any]) -> int:
    """One indicators row per code and organisation, its blanks filled by later documents."""
    key = "code" if row.get("code") else "description"
    found = db.execute(
        f"select * from indicators where {key} = ? and organisation is ?", [row[key], row.get("organisation")]
    ).fetchone()
    if found is None:
        return _pk(db.table("indicators").insert(row))
    existing = dict(zip([d[0] for d in db.execute("select * from indicators limit 0").description], found))
    updates = {k: v for k, v in row.items() if v is not None and existing.get(k) is None}
    if updates:
        db.table("indicators").update(existing["id"], updates)
    return int(existing["id"])


def _supersede(
    db: sqlite_utils.Database, document: dict[str, Any], document_id: int
) -> tuple[list[int], list[int]]:
    """Mark earlier loaded versions of the same return superseded; return them and mere look-alikes.

    Only the same return: organisation, kind and period known and equal, and the title (or,
    for an indicator plan, the indicator code) the same. Without an organisation or period,
    two plans titled "LAA TARGET - ACTION PLAN" may be about different indicators, so a
    look-alike is only named (possible_resubmission), never superseded.
    """
    is_plan = document["doc_type"] == "indicator_plan" and document.get("indicator_code")
    same = "indicator_code" if is_plan else "title"
    if document.get(same) is None:
        return [], []
    period = ("financial_year", "quarter") if document.get("financial_year") else ("period_label",)
    known = document.get("organisation") is not None and document.get(period[0]) is not None
    keys = ("doc_type", same, *(("organisation", "service", *period) if known else ()))
    where = " and ".join(f"{k} is ?" for k in keys)
    older = [
        int(r[0]) for r in db.execute(
            f"select id from documents where status = 'loaded' and id != ? and {where} order by id",
            [document_id, *(document.get(k) for k in keys)],
        ).fetchall()
    ]
    if not known:
        return [], older
    for old in older:
        db.table("documents").update(old, {"status": "superseded", "superseded_by": document_id})
    return older, []


def _resubmission_issue(db: sqlite_utils.Database, lookalikes: list[int]) -> dict[str, Any]:
    marks = ",".join("?" * len(lookalikes))
    names = ", ".join(
        f"document {r['id']} ({r['file_name']})"
        for r in db.query(f"select id, file_name from documents where id in ({marks}) order by id", lookalikes)
    )
    return {"severity": "info", "code": "possible_resubmission", "page": None, "table_index": None,
            "message": f"this looks like a resubmission of {names}, but its organisation or period is not "
                       "known, so both stay loaded; supersede by hand if it is the same return."}


def record_failure(
    db: sqlite_utils.Database, *, sha256: str | None, file_name: str, file_type: str | None,
    size: int | None, code: str, reason: str, run_id: int | None,
) -> int:
    """A failed documents row, with the reason as an error issue, in one transaction."""
    ensure_schema(db)
    with writing(db), db.atomic():
        _delete_failures(db, sha256)
        document_id = _pk(db.table("documents").insert({
            "sha256": sha256, "file_name": file_name, "file_type": file_type, "doc_type": "unknown",
            "status": "failed", "run_id": run_id, "ingested_at": _now(), "size": size, "reason": reason,
        }))
        db.table("extraction_issues").insert({
            "document_id": document_id, "severity": "error", "code": code, "message": reason,
        })
    return document_id


# --- opening the database ------------------------------------------------------------------

DATABASE_ERRORS = (sqlite3.DatabaseError,)


@contextmanager
def writing(db: sqlite_utils.Database) -> Iterator[None]:
    """One write transaction taken at once (BEGIN IMMEDIATE); nested use joins the open one.

    A deferred transaction that reads and then writes cannot wait for another writer: SQLite
    fails it at once with "database is locked". Taking the write lock first lets the busy
    timeout apply, and makes the duplicate check and the insert one step.
    """
    if db.conn.in_transaction:
        yield
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    db.conn.execute("COMMIT")


def open_database(path: Path, busy_timeout: float = 60.0) -> sqlite_utils.Database:
    """The database in WAL mode with a busy timeout and every contract table; DatabaseUnusable if not."""
    with translated_errors(path):
        if path.is_dir():
            raise DatabaseUnusable(
                f"{path}: this is a folder; give --db a file name such as {path / 'performance.db'}.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseUnusable(
                f"{path}: cannot create the database's folder ({exc.strerror}); give --db another place."
            ) from exc
        conn = sqlite3.connect(path, timeout=busy_timeout)
        conn.execute("select count(*) from sqlite_master").fetchone()
        db = sqlite_utils.Database(conn)
        if conn.execute("pragma journal_mode").fetchone()[0] != "wal":
            conn.execute("pragma journal_mode=wal")
        with writing(db):
            ensure_schema(db)
    return db


@contextmanager
def translated_errors(path: Path) -> Iterator[None]:
    """SQLite and disk errors of the database as one DatabaseUnusable line naming the cure."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnusable(database_message(path, exc)) from exc
    except OSError as exc:
        if exc.errno == errno.ENOSPC:
            raise DatabaseUnusable(f"{path}: the disk is full; free some space and run again.") from exc
        raise


def database_message(path: Path, exc: sqlite3.DatabaseError) -> str:
    """One line for a SQLite error: what is wrong with the database and what to do."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text:
        return f"{path}: this is not a perfreturns (SQLite) database; give --db another file."
    if "readonly" in text or "read-only" in text:
        return f"{path}: the database is read-only; let perfreturns write it, or give --db another file."
    if "disk is full" in text or "disk i/o" in text:
        return f"{path}: the disk is full or failing; free some space and run again."
    if "unable to open" in text:
        return f"{path}: the database cannot be opened; check its folder exists and may be written."
    if "locked" in text or "busy" in text:
        return f"{path}: another process kept the database busy too long; run again later."
    return f"{path}: the database cannot be used ({exc}); give --db another file."


SUMMARY_TABLES = (
    "commitments", "rag_scale", "indicators", "indicator_values", "actions", "funding",
    "funding_sources", "risks", "narratives", "source_cells", "extraction_issues",
)


def table_counts(db: sqlite_utils.Database) -> list[tuple[str, int]]:
    """Rows in each contract table, for the summary after a run."""
    return [(name, db.table(name).count) for name in SCHEMA if db.table(name).exists()]
