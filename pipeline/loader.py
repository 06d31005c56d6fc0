"""Rows for the consolidated database (pure), and loading them in one transaction per document."""

from __future__ import annotations

import dataclasses
import errno
import functools
import itertools
import os
import socket
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from enum import Enum
from pathlib import Path
from typing import Any

import sqlite_utils
from sqlite_utils.db import jsonify_if_needed

import schemas
from pipeline.errors import DatabaseUnusable
from pipeline.history import relink
from pipeline.views import create_views
from pipeline.models import (
    Action, Commitment, ExtractedDocument, Funding, Indicator, IndicatorValue, Issue, Narrative,
    NormalisedDocument, Officer, Origin, RagLevel, Risk,
)
from pipeline.nlp.officers import is_abbreviated, parse_officers, resolve

Rows = dict[str, list[dict[str, Any]]]

# Contract tables and their columns, in order, from schemas/contract.toml; extra columns follow the contract's.
SCHEMA: dict[str, dict[str, type]] = {
    name: {column: schemas.COLUMN_TYPES[spec["type"]] for column, spec in table["columns"].items()}
    for name, table in schemas.contract()["tables"].items()
}
FOREIGN_KEYS: dict[str, list[tuple[str, str, str]]] = {
    name: [(column, *spec["references"].split(".", 1)) for column, spec in table["columns"].items()
           if spec.get("references")]
    for name, table in schemas.contract()["tables"].items()
}
FTS: dict[str, list[str]] = {
    name: table["fts"] for name, table in schemas.contract()["tables"].items() if table.get("fts")
}


def ensure_schema(db: sqlite_utils.Database) -> None:
    """Create every table, column, index, full-text index and view of the contract that is missing."""
    for name, spec in schemas.contract()["tables"].items():
        columns = SCHEMA[name]
        table = db.table(name)
        if table.exists():
            missing = {c: t for c, t in columns.items() if c not in table.columns_dict}
            for column, kind in missing.items():
                table.add_column(column, kind)
            continue
        pk = spec.get("pk")
        table.create(columns, pk=tuple(pk) if isinstance(pk, list) else pk,
                     foreign_keys=FOREIGN_KEYS.get(name, []))
    if "idx_officers_name" in {index.name for index in db.table("officers").indexes}:
        db.execute("drop index idx_officers_name")  # officers are one row per person per organisation now
    for name, spec in schemas.contract()["tables"].items():
        table = db.table(name)
        for columns in spec.get("unique", []):
            table.create_index(columns, unique=True, if_not_exists=True)
        for columns in spec.get("indexes", []):
            table.create_index(columns, if_not_exists=True)
        pk = spec.get("pk")
        leading = pk[0] if isinstance(pk, list) else pk
        for column, _, _ in FOREIGN_KEYS.get(name, []):
            if column != leading:  # a primary key's leading column is indexed already
                table.create_index([column], if_not_exists=True)
    for name, searchable in FTS.items():
        if not db.table(name).detect_fts():
            db.table(name).enable_fts(searchable, create_triggers=True)
    create_views(db)


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
        "organisation_source": info.organisation_source,
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
                    "sheet": cell.sheet, "address": cell.address,
                })
    for issue in doc.issues:
        rows["extraction_issues"].append(_issue_row(issue))
    positions: dict[int, tuple[str, int]] = {}
    for index, record in enumerate(doc.records):
        _add_record(rows, record)
        table_name = spec_for(record).table
        positions[index] = (table_name, len(rows[table_name]) - 1)
    rows["comment_facts"] = _fact_rows(doc, positions)
    return rows


def _fact_rows(doc: NormalisedDocument, positions: dict[int, tuple[str, int]]) -> list[dict[str, Any]]:
    """comment_facts rows; `record` is the position of the row in its table, resolved by load()."""
    out = []
    for fact in doc.facts:
        if fact.record_index not in positions:
            continue
        table_name, position = positions[fact.record_index]
        out.append({"record_table": table_name, "record": position, "kind": fact.kind, "text": fact.text,
                    "value": fact.value, "start": fact.start, "end": fact.end, "field": fact.field,
                    "number": fact.number, "subject": fact.subject})
    return out


def _officer_links(record: Commitment | Action) -> list[dict[str, Any]]:
    """One link per person or role; the people read from the commentary stage, else the names split."""
    people = record.people or tuple(Officer(name) for name in getattr(record, "officer_names", ()))
    return [{"officer": o.name, "role": o.role} for o in people]


def _issue_row(issue: Issue) -> dict[str, Any]:
    return {"severity": issue.severity.value, "code": issue.code, "message": issue.message,
            "page": issue.page, "table_index": issue.table_index}


@dataclass(frozen=True, slots=True)
class TableSpec:
    """Where one record type is written: its table, the provenance columns it carries, its links."""

    table: str
    provenance: Callable[[Origin], dict[str, Any]]
    exclude: frozenset[str] = frozenset()


def _pages(origin: Origin) -> dict[str, Any]:
    return {"page_start": origin.page_start, "page_end": origin.page_end, "row_index": origin.row_index}


def _page(origin: Origin) -> dict[str, Any]:
    return {"page": origin.page_start}


SPECS: dict[type, TableSpec] = {
    Commitment: TableSpec("commitments", lambda o: dict(_pages(o), table_index=o.table_index),
                          frozenset({"officer_names", "people"})),
    RagLevel: TableSpec("rag_scale", lambda o: {}),
    Indicator: TableSpec("indicators", lambda o: {}),
    IndicatorValue: TableSpec("indicator_values",
                              lambda o: {"page": o.page_start, "table_index": o.table_index,
                                         "row_index": o.row_index}),
    Action: TableSpec("actions", _pages, frozenset({"people"})),
    Funding: TableSpec("funding", lambda o: {"page": o.page_start, "row_index": o.row_index},
                       frozenset({"sources"})),
    Risk: TableSpec("risks", _page),
    Narrative: TableSpec("narratives", _page),
}


def spec_for(record: object) -> TableSpec:
    """The table spec of a record's type; a record type with none is an error, never dropped."""
    try:
        return SPECS[type(record)]
    except KeyError:
        raise TypeError(f"no table is defined for {type(record).__name__} records; add it to loader.SPECS") from None


def _add_record(rows: Rows, record: object) -> None:
    spec = spec_for(record)
    origin = getattr(record, "origin", Origin())
    row = dict(_fields(record, exclude=spec.exclude), **spec.provenance(origin))
    position = len(rows[spec.table])
    rows[spec.table].append(row)
    if isinstance(record, Commitment):
        for link in _officer_links(record):
            rows["commitment_officers"].append(dict(link, commitment=position))
    elif isinstance(record, Action):
        for link in _officer_links(record):
            rows["action_officers"].append(dict(link, action=position))
    elif isinstance(record, Funding):
        row["is_total"] = int(record.is_total)
        for source in record.sources:
            rows["funding_sources"].append({"funding": position, "source": source.source, "amount": source.amount})


def _fields(record: Any, exclude: Iterable[str] = ()) -> dict[str, Any]:
    out = {}
    for name in _field_names(type(record), tuple(exclude)):
        value = getattr(record, name)
        out[name] = value.value if isinstance(value, Enum) else value
    return out


@functools.cache
def _field_names(kind: type, exclude: tuple[str, ...]) -> tuple[str, ...]:
    skip = {"origin", *exclude}
    return tuple(f.name for f in dataclasses.fields(kind) if f.name not in skip)


def start_run(db: sqlite_utils.Database) -> int:
    """A runs row for one ingest or batch run; finish_run() fills in its counts."""
    schema_ready(db)
    with writing(db):
        return _insert_row(db, "runs", {
            "started_at": _now(), "status": "running", "pid": os.getpid(), "host": socket.gethostname(),
        })


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


_SCHEMA_MADE: weakref.WeakSet[sqlite_utils.Database] = weakref.WeakSet()  # connections whose schema is checked


def schema_ready(db: sqlite_utils.Database) -> None:
    """ensure_schema once per connection: checking every table's columns costs more than loading a small file."""
    if db not in _SCHEMA_MADE:
        ensure_schema(db)
        _SCHEMA_MADE.add(db)


def load(db: sqlite_utils.Database, rows: Rows, run_id: int | None) -> Loaded:
    """Write one document's rows in a single transaction."""
    schema_ready(db)
    with writing(db), db.atomic():
        document = dict(rows["document"][0], status="loaded", run_id=run_id, ingested_at=_now())
        if document["doc_type"] == "indicator_plan" and rows["indicators"]:
            document.setdefault("indicator_code", rows["indicators"][0].get("code"))
        _delete_failures(db, document["sha256"])
        document_id = _insert_row(db, "documents", document)
        superseded, lookalikes = _supersede(db, document, document_id)
        if lookalikes:
            rows = dict(rows, extraction_issues=[*rows["extraction_issues"], _resubmission_issue(db, lookalikes)])
        indicator_ids = {
            row["code"] or row["description"]: _upsert_indicator(db, row) for row in rows["indicators"]
        }
        commitment_ids = _insert_all(db, "commitments", rows["commitments"], document_id)
        organisation = document.get("organisation")
        for row in rows["indicators"]:
            _link_indicator_officers(db, indicator_ids[row["code"] or row["description"]], row, organisation)
        for link in rows["commitment_officers"]:
            _link(db, "commitment_officers", {
                "commitment_id": commitment_ids[link["commitment"]],
                "officer_id": _officer_id(db, link["officer"], link.get("role"), organisation)})
        ids = {name: _insert_all(db, name, rows[name], document_id)
               for name in ("rag_scale", "narratives", "source_cells", "extraction_issues")}
        linked = {
            name: [_link_indicator(row, indicator_ids) for row in rows[name]]
            for name in ("indicator_values", "actions", "funding", "risks")
        }
        ids["indicator_values"] = _insert_all(db, "indicator_values", linked["indicator_values"], document_id)
        action_ids = _insert_all(db, "actions", linked["actions"], document_id)
        for link in rows.get("action_officers", []):
            _link(db, "action_officers", {
                "action_id": action_ids[link["action"]],
                "officer_id": _officer_id(db, link["officer"], link.get("role"), organisation)})
        ids["risks"] = _insert_all(db, "risks", linked["risks"], document_id)
        funding_ids = _insert_all(db, "funding", linked["funding"], document_id)
        db.table("funding_sources").insert_all(
            {"funding_id": funding_ids[s["funding"]], "source": s["source"], "amount": s["amount"]}
            for s in rows["funding_sources"]
        )
        ids.update(commitments=commitment_ids, actions=action_ids, funding=funding_ids)
        ids["indicators"] = [indicator_ids[row["code"] or row["description"]] for row in rows["indicators"]]
        _insert_facts(db, rows.get("comment_facts", []), ids, document_id)
        relink(db, document_id)
    return Loaded(document_id, superseded, lookalikes)


def _delete_failures(db: sqlite_utils.Database, sha256: str | None) -> None:
    """Forget earlier failures of these bytes, and their issues: the file is being retried."""
    if not sha256:
        return
    failed = [r[0] for r in db.execute("select id from documents where sha256 = ? and status = 'failed'", [sha256])]
    for document_id in failed:
        db.execute("delete from extraction_issues where document_id = ?", [document_id])
        db.execute("delete from documents where id = ?", [document_id])


def _insert_facts(db: sqlite_utils.Database, facts: list[dict[str, Any]], ids: dict[str, list[int]],
                  document_id: int) -> None:
    """comment_facts rows pointing at the rows just inserted."""
    rows = []
    for fact in facts:
        table_ids = ids.get(fact["record_table"], [])
        record_id = table_ids[fact["record"]] if fact["record"] < len(table_ids) else None
        rows.append({k: v for k, v in fact.items() if k != "record"} | {"record_id": record_id,
                                                                          "document_id": document_id})
    db.table("comment_facts").insert_all(rows)


def _link_indicator_officers(db: sqlite_utils.Database, indicator_id: int, row: dict[str, Any],
                             organisation: str | None) -> None:
    """The indicator's owner and data expert as officers ("Technical Data Expert: Paul Ferris")."""
    for column in ("owner", "data_expert"):
        for officer in parse_officers(row.get(column)):
            _link(db, "indicator_officers", {
                "indicator_id": indicator_id, "officer_id": _officer_id(db, officer.name, officer.role, organisation),
                "field": column})


def _officer_id(db: sqlite_utils.Database, name: str | None, role: str | None, organisation: str | None) -> int:
    """One officers row per person (or role) per organisation; initials resolve to a unique full name."""
    if name is not None and is_abbreviated(name):
        known = [r[0] for r in db.execute(
            "select name from officers where lower(organisation) is lower(?) and name is not null",
            [organisation]).fetchall()]
        name = resolve(Officer(name, role), known).name
    # "BLACKPOOL COUNCIL" in one edition and "Blackpool Council" in another are one organisation
    if name is None:
        found = db.execute("select id from officers where name is null and role is ? "
                           "and lower(organisation) is lower(?)", [role, organisation]).fetchone()
    else:
        found = db.execute("select id, role from officers where name = ? and lower(organisation) is lower(?)",
                           [name, organisation]).fetchone()
    if found is not None:
        if name is not None and role and found[1] is None:
            db.table("officers").update(found[0], {"role": role})
        return int(found[0])
    return _insert_row(db, "officers", {"name": name, "role": role, "organisation": organisation})


def _link_indicator(row: dict[str, Any], indicator_ids: dict[str, int]) -> dict[str, Any]:
    """An indicator's values link to it by code, or by description where the scorecard prints no code."""
    linked = {k: v for k, v in row.items() if k not in ("indicator_code", "indicator_description")}
    linked["indicator_id"] = indicator_ids.get(row.get("indicator_code") or row.get("indicator_description") or "")
    return linked


# values sqlite3 stores as they are; sqlite-utils' jsonify_if_needed turns the rest (lists, dicts) into JSON
_AS_IS = frozenset({str, int, float, type(None)})


def _stored(values: Iterable[Any]) -> list[Any]:
    values = list(values)
    return values if _AS_IS.issuperset(map(type, values)) else [jsonify_if_needed(v) for v in values]


@functools.cache
def _insert_statement(name: str, columns: tuple[str, ...], verb: str = "INSERT") -> str:
    return (f"{verb} INTO [{name}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})")


def _insert_row(db: sqlite_utils.Database, name: str, row: dict[str, Any]) -> int:
    """Insert one row and give its id, with a prepared statement (sqlite-utils' insert() looks the
    table and its columns up again for every row). Values are stored as sqlite-utils stores them."""
    cursor = db.conn.execute(_insert_statement(name, tuple(row)), _stored(row.values()))
    if cursor.lastrowid is None:
        raise RuntimeError(f"no row was inserted into {name}")
    return int(cursor.lastrowid)


def _link(db: sqlite_utils.Database, name: str, row: dict[str, Any]) -> None:
    """A link row, once: a link already there is left as it is."""
    db.conn.execute(_insert_statement(name, tuple(row), "INSERT OR IGNORE"), _stored(row.values()))


def _insert_all(db: sqlite_utils.Database, name: str, rows: list[dict[str, Any]], document_id: int) -> list[int]:
    """Insert a document's rows of one table in order, and give their ids.

    Each run of rows with the same columns is one executemany. SQLite gives a new row the id
    one past the table's largest, and the write lock is held, so the run's ids follow on from
    the largest before it; that is checked after the run.
    """
    ids: list[int] = []
    with_document = (dict(row, document_id=document_id) for row in rows)
    for columns, run in itertools.groupby(with_document, key=tuple):
        values = [_stored(row.values()) for row in run]
        before = _largest_id(db, name)
        db.conn.executemany(_insert_statement(name, columns), values)
        after = _largest_id(db, name)
        if after != before + len(values):
            raise RuntimeError(f"{len(values)} rows went into {name}, but its ids ran from {before} to {after}")
        ids.extend(range(before + 1, after + 1))
    return ids


def _largest_id(db: sqlite_utils.Database, name: str) -> int:
    return int(db.conn.execute(f"select coalesce(max(rowid), 0) from [{name}]").fetchone()[0])


def _upsert_indicator(db: sqlite_utils.Database, row: dict[str, Any]) -> int:
    """One indicators row per code and organisation, its blanks filled by later documents."""
    key = "code" if row.get("code") else "description"
    cursor = db.execute(
        f"select * from indicators where {key} = ? and organisation is ?", [row[key], row.get("organisation")]
    )
    found = cursor.fetchone()
    if found is None:
        return _insert_row(db, "indicators", row)
    existing = dict(zip([d[0] for d in cursor.description], found))
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
                       f"known, so it was loaded beside {'it' if len(lookalikes) == 1 else 'them'}; "
                       "supersede by hand if it is the same return."}


def record_failure(
    db: sqlite_utils.Database, *, sha256: str | None, file_name: str, file_type: str | None,
    size: int | None, code: str, reason: str, run_id: int | None,
) -> int:
    """A failed documents row, with the reason as an error issue, in one transaction."""
    schema_ready(db)
    with writing(db), db.atomic():
        _delete_failures(db, sha256)
        document_id = _insert_row(db, "documents", {
            "sha256": sha256, "file_name": file_name, "file_type": file_type, "doc_type": "unknown",
            "status": "failed", "run_id": run_id, "ingested_at": _now(), "size": size, "reason": reason,
        })
        _insert_row(db, "extraction_issues", {
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
        use_wal(conn, busy_timeout)
        with writing(db):
            schema_ready(db)
    return db


def use_wal(conn: sqlite3.Connection, busy_timeout: float) -> None:
    """Put the database in WAL mode, waiting for other processes that open it at the same moment.

    Switching the journal mode needs the database to itself, and SQLite answers "database is
    locked" at once rather than calling the busy handler, so the switch is retried here for
    as long as the busy timeout allows.
    """
    deadline = time.monotonic() + busy_timeout
    pause = 0.01
    while True:
        try:
            if conn.execute("pragma journal_mode").fetchone()[0] != "wal":
                conn.execute("pragma journal_mode=wal")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


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
