"""prepare() apart from commit(): the pure step touches no database; the writer checks duplicates."""

from __future__ import annotations

import gc
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

import extractors
from pipeline import ingest as ingest_module
from pipeline import loader
from pipeline.cli import cli
from pipeline.config import Settings
from pipeline.errors import DatabaseUnusable
from pipeline.ingest import commit, ingest, prepare
from pipeline.models import Status

ROOT = Path(__file__).resolve().parent.parent
COMMITMENTS = ROOT / "samples" / "adult-services-commitments-q3-2007-08.docx"
PLAN = ROOT / "samples" / "ni-136-action-plan.docx"


def test_prepare_reads_a_file_into_rows_without_touching_any_database(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "Blackpool Council").mkdir(parents=True)
    path = inbox / "Blackpool Council" / COMMITMENTS.name
    path.write_bytes(COMMITMENTS.read_bytes())
    settings = Settings(db=tmp_path / "never.db", inbox=inbox)
    prepared = prepare(path, settings)
    assert not (tmp_path / "never.db").exists()
    assert prepared.rows is not None and not prepared.is_refused
    assert (prepared.file_name, prepared.file_type, prepared.size) == (COMMITMENTS.name, "docx", 40588)
    assert len(prepared.rows["commitments"]) == 16
    document = prepared.rows["document"][0]
    assert (document["organisation"], document["organisation_source"]) == ("Blackpool Council", "folder")


def test_prepare_refuses_an_unreadable_file_with_its_code_and_reason(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    prepared = prepare(broken, Settings(db=tmp_path / "never.db"))
    assert prepared.is_refused
    assert (prepared.code, prepared.reason) == ("corrupt_file", (
        "broken.docx: the file is damaged (its zip container cannot be opened); save it again from Word and put "
        "the new copy in the inbox."))
    assert not (tmp_path / "never.db").exists()


def test_commit_checks_for_a_duplicate_inside_its_transaction(tmp_path):
    db = loader.open_database(tmp_path / "p.db")
    prepared = prepare(PLAN, Settings())
    first, second = commit(db, prepared), commit(db, prepared)
    assert (first.status, second.status) == (Status.LOADED, Status.DUPLICATE)
    assert second.reason == "ni-136-action-plan.docx: identical to a return already loaded (document 1)"
    assert db.table("documents").count == 1
    assert db.table("indicator_values").count == 17


def test_a_retried_failure_replaces_its_failed_row_and_its_issue(tmp_path):
    broken = tmp_path / "cut.pdf"
    broken.write_bytes((ROOT / "samples" / "ni-136-action-plan.pdf").read_bytes()[:9000])
    db = loader.open_database(tmp_path / "p.db")
    for _ in range(3):
        assert commit(db, prepare(broken, Settings())).status is Status.QUARANTINED
    assert [tuple(r.values()) for r in db.query(
        "select d.id, d.status, i.code from documents d join extraction_issues i on i.document_id = d.id")] == [
        (1, "failed", "corrupt_file")]
    assert db.table("extraction_issues").count == 1


def test_the_front_door_loads_no_reader_until_asked():
    code = ("import sys, pipeline.models, pipeline; "
            "print(sorted(m for m in ('pdfplumber', 'docx', 'sqlite_utils', 'pipeline.loader', 'extractors') "
            "if m in sys.modules)); pipeline.prepare; print('pipeline.loader' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.splitlines() == ["[]", "True"], result.stderr


def test_the_database_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    db = loader.open_database(tmp_path / "p.db", busy_timeout=7)
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma busy_timeout").fetchone()[0] == 7000


def test_a_full_disk_stops_the_ingest_with_one_line_and_exit_2(tmp_path, monkeypatch):
    opened = loader.open_database

    def small_disk(path: Path, busy_timeout: float = 60.0) -> sqlite_utils.Database:
        db = opened(path, busy_timeout)
        pages = db.execute("pragma page_count").fetchone()[0]
        db.execute(f"pragma max_page_count = {pages + 2}")  # SQLite's own "database or disk is full"
        return db

    monkeypatch.setattr(loader, "open_database", small_disk)
    with pytest.raises(DatabaseUnusable) as caught:
        ingest([COMMITMENTS], Settings(db=tmp_path / "p.db"))
    assert str(caught.value) == f"{tmp_path / 'p.db'}: the disk is full or failing; free some space and run again."
    result = CliRunner().invoke(cli, ["ingest", "--db", str(tmp_path / "q.db"), str(COMMITMENTS)])
    assert (result.exit_code, result.stderr.splitlines()) == (
        2, [f"error: {tmp_path / 'q.db'}: the disk is full or failing; free some space and run again."])
    assert sqlite_utils.Database(tmp_path / "q.db").table("commitments").count == 0


def test_a_read_only_database_is_one_line(tmp_path):
    path = tmp_path / "p.db"
    loader.open_database(path).close()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    with pytest.raises(DatabaseUnusable) as caught, loader.translated_errors(path):
        conn.execute("insert into runs (started_at) values ('now')")
    assert str(caught.value) == (
        f"{path}: the database is read-only; let perfreturns write it, or give --db another file.")


def test_an_unfinished_run_of_a_dead_process_is_marked_interrupted(tmp_path):
    db = loader.open_database(tmp_path / "p.db")
    gone, alive = loader.start_run(db), loader.start_run(db)
    db.table("runs").update(gone, {"pid": 999_999_999})
    assert loader.mark_interrupted(db, lambda pid: pid != 999_999_999) == [gone]
    assert [r["status"] for r in db.query("select status from runs order by id")] == ["interrupted", "running"]
    assert alive == gone + 1


def test_opening_waits_for_another_process_that_holds_a_new_database(tmp_path):
    """Switching to WAL is refused at once while another connection writes; opening waits instead."""
    path = tmp_path / "p.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("create table placeholder (x)")
    other.execute("begin immediate")
    release = threading.Timer(0.3, other.execute, ["commit"])
    release.start()
    db = loader.open_database(path, busy_timeout=10)
    release.join()
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.table("documents").count == 0


def test_the_cycle_collector_waits_while_a_file_is_read_and_loaded_and_runs_again_after(tmp_path, monkeypatch):
    enabled_while = {}
    real_extract, real_load = extractors.extract, loader.load

    def extract(source, settings):
        enabled_while["reading"] = gc.isenabled()
        return real_extract(source, settings)

    def load(db, rows, run_id):
        enabled_while["loading"] = gc.isenabled()
        return real_load(db, rows, run_id)

    monkeypatch.setattr(ingest_module.extractors, "extract", extract)
    monkeypatch.setattr(ingest_module.loader, "load", load)
    assert gc.isenabled()
    prepared = prepare(COMMITMENTS, Settings())
    db = loader.open_database(tmp_path / "db.sqlite")
    outcome = commit(db, prepared)
    assert (outcome.status, len(prepared.rows["commitments"])) == (Status.LOADED, 16)
    assert enabled_while == {"reading": False, "loading": False}
    assert gc.isenabled()

    def broken(source, settings):
        raise RuntimeError("a reader's own bug")

    monkeypatch.setattr(ingest_module.extractors, "extract", broken)
    with pytest.raises(RuntimeError):
        prepare(PLAN, Settings())
    assert gc.isenabled()
