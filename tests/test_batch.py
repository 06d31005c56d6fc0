"""The inbox batch, driven as cron would: real `perfreturns run` processes on real files."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import sqlite_utils

import hostile_files as hostile
from test_pdf import CATALOG, HELVETICA, PAGES, _encrypted_pdf, _pdf, _stream

TIMEOUT = 300  # a guard against a hang, never an assertion on speed


def perfreturns(cwd: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=TIMEOUT, env={**os.environ, **(env or {})})


def start(cwd: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "pipeline", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file() or p.is_symlink())


def dated(folder: Path) -> Path:
    [day] = list(folder.iterdir())
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", day.name)
    return day


def make_inbox(tmp_path: Path, files: dict[str, bytes]) -> Path:
    inbox = tmp_path / "inbox"
    for name, data in files.items():
        path = inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return inbox


def batch_of(count: int) -> dict[str, bytes]:
    """`count` different returns: copies of the four samples, each with bytes of its own."""
    sources = [hostile.COMMITMENTS_DOCX, hostile.PLAN_DOCX] * 4 + [hostile.COMMITMENTS_PDF, hostile.PLAN_PDF]
    return {f"{n:02d}-{sources[n % len(sources)].name}": hostile.distinct_copy(sources[n % len(sources)], n)
            for n in range(count)}


# --- bad files -------------------------------------------------------------------------------

SCANNED = _pdf([CATALOG, PAGES, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                _stream(b"q 500 0 0 700 50 50 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q")])
JAVASCRIPT = _pdf([b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>", PAGES,
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
                   b"/Resources << /Font << /F1 5 0 R >> >> >>",
                   _stream(b"BT /F1 12 Tf 72 720 Td (Quarter 3 return) Tj ET"), HELVETICA,
                   b"<< /S /JavaScript /JS (app.alert\\('hello'\\)) >>"])

HUGE = hostile.PLAN_PDF.read_bytes() + b"%" * 1_300_000
BAD = {
    "corrupt.docx": (hostile.COMMITMENTS_DOCX.read_bytes()[:20_000], "corrupt_file: corrupt.docx: the file is "
                     "damaged (its zip container cannot be opened); save it again from Word and put the new copy "
                     "in the inbox."),
    "truncated.pdf": (hostile.PLAN_PDF.read_bytes()[:15_000], "corrupt_file: truncated.pdf: the PDF is damaged "
                      "and cannot be read; export it again from Word and resend it."),
    "encrypted.pdf": (_encrypted_pdf(b"secret", b"owner"), "encrypted_file: encrypted.pdf: the PDF is "
                      "password-protected; save an unprotected copy into the inbox."),
    "empty.docx": (b"", "empty_file: empty.docx: the file is empty (0 bytes); send the return again."),
    "notes.docx": (b"Q3 notes: all fine\n", "unsupported_file: notes.docx: this is not a document type "
                   "perfreturns recognises; send the return as one of: doc, docx, ods, odt, pdf, rtf, xls, xlsx."),
    "bomb.docx": (hostile.zip_bomb(), None),
    "padded bomb.docx": (hostile.padded_zip_bomb(), "too_large: padded bomb.docx: its part customXml/item9.xml "
                         "unpacks to 12,582,919 bytes, 1027 times its packed size, over the limit of 100 times "
                         "for one part; it may be a zip bomb."),
    "huge.pdf": (HUGE, f"too_large: huge.pdf: the file is {len(HUGE):,} bytes, over the limit of 1,300,000 bytes; "
                 "split it or raise PERFRETURNS_MAX_BYTES."),
    "scanned.pdf": (SCANNED, "no_text_layer: scanned.pdf: the PDF has no text layer (it looks scanned); send the "
                    "Word original or a PDF exported from Word."),
    "entity.docx": (hostile.external_entity(), "unsafe_file: entity.docx: its part word/document.xml declares a "
                    "DOCTYPE (XML entities), which Word never writes; it was not read. Save the return again from "
                    "Word."),
    "nested.docx": (hostile.nested_tables(50), "too_large: nested.docx: it has tables nested over 5 deep (a table "
                    "in a table's cell), over the limit; flatten the nested tables and resend it."),
    "span.docx": (hostile.huge_grid_span(), "too_large: span.docx: a table cell spans 300,000,000 columns, over "
                  "the limit of 1,000; the table is damaged. Save it again from Word."),
    "Équipe\nsociale – T3.docx": (b"", "empty_file: Équipe\\nsociale – T3.docx: the file is empty (0 bytes); "
                                  "send the return again."),
}
GOOD = {
    "Adult Services Q3 (final) – révisé.docx": hostile.COMMITMENTS_DOCX.read_bytes(),
    "plan\nwith newline.pdf": hostile.PLAN_PDF.read_bytes(),
    "javascript.pdf": JAVASCRIPT,
}


def test_each_bad_file_is_quarantined_with_its_own_reason_and_nothing_else_is_affected(tmp_path):
    inbox = make_inbox(tmp_path, {**{k: v[0] for k, v in BAD.items()}, **GOOD})
    (inbox / "nowhere.docx").symlink_to(tmp_path / "gone.docx")
    result, peak_kb = hostile.run_measured(tmp_path, "run", "--settle", "0", "--workers", "2",
                                           env={"PERFRETURNS_MAX_BYTES": "1300000"})
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    quarantined = dated(tmp_path / "quarantine")
    reasons = {p.name[: -len(".reason.txt")]: p.read_text(encoding="utf-8")
               for p in quarantined.glob("*.reason.txt")}
    expected = {name: reason for name, (_, reason) in BAD.items() if reason}
    expected["nowhere.docx"] = ("unreadable_file: nowhere.docx: the file is a link to a file that does not "
                                "exist; put the return itself in the inbox.")
    bomb = zipfile.ZipFile(io.BytesIO(BAD["bomb.docx"][0])).infolist()
    inflated, packed = sum(i.file_size for i in bomb), sum(i.compress_size for i in bomb)
    expected["bomb.docx"] = (f"too_large: bomb.docx: the file unpacks to {inflated:,} bytes, {inflated / packed:.0f} "
                             "times its size, over the limit of 100 times; it may be a zip bomb.")
    assert inflated / packed > 300
    assert {k: v.rstrip("\n") for k, v in reasons.items()} == expected
    assert sorted(p.name for p in quarantined.iterdir() if not p.name.endswith(".reason.txt")) == sorted(
        [*BAD, "nowhere.docx"])
    assert files_under(dated(tmp_path / "archive")) == sorted(GOOD)
    assert files_under(inbox) == [".perfreturns.lock"]
    db = sqlite_utils.Database(tmp_path / "output" / "performance.db")
    assert db.execute("select count(*) from documents where status = 'loaded'").fetchone()[0] == 3
    assert db.execute("select count(*) from documents where status = 'failed'").fetchone()[0] == len(BAD) + 1
    assert db.execute("select count(*) from extraction_issues where code = 'internal_error'").fetchone()[0] == 0
    assert db.table("commitments").count == 16
    [warning] = db.query("select d.file_name, i.severity, i.message from extraction_issues i "
                         "join documents d on d.id = i.document_id where i.code = 'pdf_active_content'")
    assert warning == {"file_name": "javascript.pdf", "severity": "warning", "message": (
        "the PDF carries JavaScript, which perfreturns never runs; its text and tables were read as usual.")}
    assert db.execute("select count(*) from source_cells where text like '%root:%'").fetchone()[0] == 0
    [run] = db.query("select files_seen, loaded, duplicates, failed, status from runs")
    assert run == {"files_seen": len(BAD) + 4, "loaded": 3, "duplicates": 0, "failed": len(BAD) + 1,
                   "status": "finished"}
    assert result.stderr.splitlines()[-1].startswith(f"run 1: {len(BAD) + 4} file(s) in ")
    assert result.stderr.splitlines()[-1].endswith(f": 3 loaded, 0 duplicate, {len(BAD) + 1} quarantined")
    assert peak_kb < 200 * 1024  # the largest process of the run, the writer or a worker


def test_lock_temporary_and_hidden_files_are_ignored_with_a_log_line_and_left(tmp_path):
    inbox = make_inbox(tmp_path, {"~$return.docx": b"lock", ".DS_Store": b"x", "~WRL0001.tmp": b"x",
                                  "draft.docx.part": b"x", ".hidden/q3.docx": b"x",
                                  "return.docx": hostile.COMMITMENTS_DOCX.read_bytes()})
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    for line in ("ignored    inbox/.DS_Store: a hidden file",
                 "ignored    inbox/.hidden: a hidden folder",
                 "ignored    inbox/~$return.docx: a Word lock file, present while the document is open",
                 "ignored    inbox/~WRL0001.tmp: a temporary file",
                 "ignored    inbox/draft.docx.part: a temporary file",
                 "loaded     return.docx: 16 commitments, 3 rag_scale"):
        assert line in lines, (line, lines)
    assert files_under(inbox) == [".DS_Store", ".hidden/q3.docx", ".perfreturns.lock", "draft.docx.part",
                                  "~$return.docx", "~WRL0001.tmp"]
    assert lines[-1].endswith(": 1 loaded, 0 duplicate, 0 quarantined; 5 ignored")


# --- faults ----------------------------------------------------------------------------------

def _counts(db_path: Path) -> dict[str, int]:
    db = sqlite_utils.Database(db_path)
    return {t: db.table(t).count for t in ("documents", "commitments", "indicators", "indicator_values", "actions",
                                           "funding", "funding_sources", "risks", "narratives", "source_cells",
                                           "extraction_issues", "officers", "commitment_officers", "rag_scale")}


def test_a_run_killed_mid_batch_then_rerun_ends_every_file_exactly_once(tmp_path):
    files = batch_of(30)
    clean = tmp_path / "clean"
    make_inbox(clean, files)
    assert perfreturns(clean, "run", "--settle", "0", "--workers", "2").returncode == 0

    killed = tmp_path / "killed"
    inbox = make_inbox(killed, files)
    process = start(killed, "run", "--settle", "0", "--workers", "2")
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        archive = killed / "archive"
        if archive.exists() and len(files_under(archive)) >= 8:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    done_before = len(files_under(killed / "archive"))
    assert 8 <= done_before < 30

    rerun = perfreturns(killed, "run", "--settle", "0", "--workers", "2")
    assert rerun.returncode == 0, rerun.stderr
    assert "run 1 did not finish (killed or stopped); marked interrupted" in rerun.stderr
    assert "took over a stale inbox lock from pid" in rerun.stderr
    assert files_under(dated(killed / "archive")) == sorted(files)
    assert files_under(inbox) == [".perfreturns.lock"]
    assert not (killed / "quarantine").exists()
    assert _counts(killed / "output" / "performance.db") == _counts(clean / "output" / "performance.db")
    db = sqlite_utils.Database(killed / "output" / "performance.db")
    assert db.execute("pragma foreign_key_check").fetchall() == []
    statuses = "select status, count(*) from documents group by status order by status"
    clean_db = sqlite_utils.Database(clean / "output" / "performance.db")
    assert db.execute(statuses).fetchall() == clean_db.execute(statuses).fetchall()
    assert db.execute("select count(*) from documents where status != 'failed'").fetchone()[0] == 30
    runs = list(db.query("select id, status, finished_at is not null as finished from runs order by id"))
    assert runs == [{"id": 1, "status": "interrupted", "finished": 0}, {"id": 2, "status": "finished", "finished": 1}]


def test_two_runs_started_together_one_exits_75_naming_the_holder(tmp_path):
    make_inbox(tmp_path, batch_of(6))
    first, second = start(tmp_path, "run", "--settle", "0", "--workers", "1"), \
        start(tmp_path, "run", "--settle", "0", "--workers", "1")
    results = [(p.wait(TIMEOUT), p.stderr.read() if p.stderr else "") for p in (first, second)]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 75], results
    [locked] = [err for code, err in results if code == 75]
    assert re.fullmatch(
        rf"error: another run holds the inbox lock inbox/\.perfreturns\.lock \(pid \d+ on {re.escape(socket.gethostname())}, "
        r"started \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\); this run did nothing\.\n", locked)
    assert len(files_under(dated(tmp_path / "archive"))) == 6


def test_a_lock_left_by_a_dead_process_is_taken_over(tmp_path):
    inbox = make_inbox(tmp_path, {"q3.docx": hostile.COMMITMENTS_DOCX.read_bytes()})
    dead = subprocess.Popen(["true"])
    dead.wait()
    (inbox / ".perfreturns.lock").write_text(json.dumps(
        {"pid": dead.pid, "host": socket.gethostname(), "started_at": "2026-01-01T00:00:00+00:00"}))
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert (f"took over a stale inbox lock from pid {dead.pid} on {socket.gethostname()}, started "
            "2026-01-01T00:00:00+00:00 (that run was interrupted)") in result.stderr.splitlines()


def test_two_ingests_of_the_same_files_at_once_load_each_file_once(tmp_path):
    files = [tmp_path / name for name in batch_of(8)]
    for path, data in zip(files, batch_of(8).values()):
        path.write_bytes(data)
    args = ["ingest", "--db", "shared.db", *map(str, files)]
    processes = [start(tmp_path, *args) for _ in range(2)]
    results = [(p.wait(TIMEOUT), p.stderr.read() if p.stderr else "") for p in processes]
    assert [code for code, _ in results] == [0, 0], results
    for _, err in results:
        assert "locked" not in err and "UNIQUE" not in err and "Traceback" not in err
    loaded = sum(err.count("\nloaded ") + err.startswith("loaded ") for _, err in results)
    duplicates = sum(err.count("\nduplicate ") + err.startswith("duplicate ") for _, err in results)
    assert (loaded, duplicates) == (8, 8)
    db = sqlite_utils.Database(tmp_path / "shared.db")
    assert db.execute("select count(*), count(distinct sha256) from documents").fetchone() == (8, 8)
    assert db.execute("select count(*) from documents where status = 'failed'").fetchone()[0] == 0


def test_an_ingest_into_the_database_a_run_is_writing_waits_for_it(tmp_path):
    make_inbox(tmp_path, batch_of(10))
    others = [tmp_path / f"other-{n}.docx" for n in range(4)]
    for n, path in enumerate(others):
        path.write_bytes(hostile.distinct_copy(hostile.PLAN_DOCX, 100 + n))
    batch = start(tmp_path, "run", "--settle", "0", "--workers", "2")
    ingest = start(tmp_path, "ingest", "-q", *map(str, others))
    results = [(p.wait(TIMEOUT), p.stderr.read() if p.stderr else "") for p in (batch, ingest)]
    assert [code for code, _ in results] == [0, 0], results
    assert results[1][1] == ""
    db = sqlite_utils.Database(tmp_path / "output" / "performance.db")
    assert db.execute("select count(*) from documents where status != 'failed'").fetchone()[0] == 14
    assert [r["status"] for r in db.query("select status from runs order by id")] == ["finished", "finished"]


def test_a_file_still_being_written_is_left_for_the_next_run(tmp_path):
    data = hostile.COMMITMENTS_DOCX.read_bytes()
    inbox = make_inbox(tmp_path, {"done.docx": hostile.PLAN_DOCX.read_bytes()})
    old = time.time() - 60
    os.utime(inbox / "done.docx", (old, old))
    writing = inbox / "writing.docx"
    writing.write_bytes(data[: len(data) // 2])  # half copied, just now
    first = perfreturns(tmp_path, "run", "--settle", "30", "--workers", "1")
    assert first.returncode == 0, first.stderr
    assert ("waiting    inbox/writing.docx: still being written (changed in the last 30 s); left for the next run"
            in first.stderr.splitlines())
    assert files_under(inbox) == [".perfreturns.lock", "writing.docx"]
    with writing.open("ab") as handle:
        handle.write(data[len(data) // 2:])
    os.utime(writing, (old, old))
    second = perfreturns(tmp_path, "run", "--settle", "30", "--workers", "1")
    assert second.returncode == 0, second.stderr
    assert "loaded     writing.docx: 16 commitments, 3 rag_scale" in second.stderr.splitlines()
    assert files_under(dated(tmp_path / "archive")) == ["done.docx", "writing.docx"]
    assert not (tmp_path / "quarantine").exists()


def test_a_resubmission_supersedes_only_the_same_return(tmp_path):
    # the folder names the organisation; the commitments return prints its period, the plan none
    make_inbox(tmp_path, {f"Blackpool Council/{hostile.COMMITMENTS_DOCX.name}": hostile.COMMITMENTS_DOCX.read_bytes(),
                          f"Blackpool Council/{hostile.PLAN_DOCX.name}": hostile.PLAN_DOCX.read_bytes()})
    assert perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1").returncode == 0
    make_inbox(tmp_path, {f"Blackpool Council/{hostile.COMMITMENTS_PDF.name}": hostile.COMMITMENTS_PDF.read_bytes(),
                          f"Blackpool Council/{hostile.PLAN_PDF.name}": hostile.PLAN_PDF.read_bytes(),
                          f"Blackpool Council/{hostile.COMMITMENTS_DOCX.name}": hostile.COMMITMENTS_DOCX.read_bytes()})
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert result.returncode == 0, result.stderr
    db = sqlite_utils.Database(tmp_path / "output" / "performance.db")
    rows = [tuple(r.values()) for r in db.query(
        "select id, file_name, organisation, organisation_source, status, superseded_by from documents order by id")]
    assert rows == [
        (1, hostile.COMMITMENTS_DOCX.name, "Blackpool Council", "folder", "superseded", 3),
        (2, hostile.PLAN_DOCX.name, "Blackpool Council", "folder", "loaded", None),
        (3, hostile.COMMITMENTS_PDF.name, "Blackpool Council", "folder", "loaded", None),
        (4, hostile.PLAN_PDF.name, "Blackpool Council", "folder", "loaded", None),
    ]
    [issue] = db.query("select document_id, message from extraction_issues where code = 'possible_resubmission'")
    assert issue == {"document_id": 4, "message": (
        "this looks like a resubmission of document 2 (ni-136-action-plan.docx), but its organisation or period "
        "is not known, so it was loaded beside it; supersede by hand if it is the same return.")}
    assert "duplicate  adult-services-commitments-q3-2007-08.docx: identical to a return already loaded " \
           "(document 1)" in result.stderr.splitlines()
    archived = dated(tmp_path / "archive") / "Blackpool Council"
    assert files_under(archived) == sorted([
        hostile.COMMITMENTS_DOCX.name, "adult-services-commitments-q3-2007-08 (2).docx",
        hostile.COMMITMENTS_PDF.name, hostile.PLAN_DOCX.name, hostile.PLAN_PDF.name])
    assert (archived / "adult-services-commitments-q3-2007-08 (2).docx").read_bytes() == \
        hostile.COMMITMENTS_DOCX.read_bytes()


@pytest.mark.parametrize("name, build, option, reason", [
    ("slow.docx", lambda: hostile.large_table(15000), ("--timeout", "1.5"),
     "timeout: slow.docx: reading the file took over 1.5 s, the limit for one file; it was stopped. Split the "
     "return or raise PERFRETURNS_TIMEOUT."),
    # a PDF content stream that inflates to 200 MB: no zip check sees inside a PDF
    ("bomb.pdf", lambda: hostile.pdf_stream_bomb(200), ("--max-memory", "150"),
     "too_large: bomb.pdf: reading the file needed over 150 MB of memory, the limit for one file; it was "
     "stopped. Split the return or raise PERFRETURNS_MAX_MEMORY_MB."),
], ids=["time", "memory"])
def test_a_file_over_a_per_file_limit_is_quarantined_and_the_batch_goes_on(tmp_path, name, build, option, reason):
    make_inbox(tmp_path, {name: build(), "q3.docx": hostile.COMMITMENTS_DOCX.read_bytes()})
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1", *option)
    assert result.returncode == 1, result.stderr
    assert (dated(tmp_path / "quarantine") / f"{name}.reason.txt").read_text() == reason + "\n"
    assert files_under(dated(tmp_path / "archive")) == ["q3.docx"]


# --- run-level errors --------------------------------------------------------------------------

def test_run_level_errors_are_one_line_with_their_exit_code(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "not.db").write_text("this is not a database")
    cases = [
        (["run", "--db", "not.db"], {}, 2,
         "error: not.db: this is not a perfreturns (SQLite) database; give --db another file."),
        (["run"], {"PERFRETURNS_MAX_BYTES": "abc"}, 2, "error: PERFRETURNS_MAX_BYTES must be a whole number, not 'abc'"),
        (["run", "--inbox", "missing"], {}, 2,
         "error: missing: the inbox folder does not exist; create it or give --inbox."),
        (["run", "--workers", "0"], {}, 2, "error: the setting workers must be a positive number, not 0"),
        (["ingest", "--db", "not.db", str(hostile.PLAN_DOCX)], {}, 2,
         "error: not.db: this is not a perfreturns (SQLite) database; give --db another file."),
        (["ingest", "--db", "new.db", "missing.docx", str(hostile.PLAN_DOCX), "-q"], {}, 1,
         "error: missing.docx: no such file or folder; the other paths are still ingested."),
    ]
    for args, env, code, line in cases:
        result = perfreturns(tmp_path, *args, env=env)
        assert (result.returncode, result.stderr.splitlines()) == (code, [line]), args
    assert sqlite_utils.Database(tmp_path / "new.db").table("documents").count == 1
    debug = perfreturns(tmp_path, "--debug", "run", "--db", "not.db")
    assert debug.returncode == 2 and "Traceback (most recent call last)" in debug.stderr


def test_library_warnings_go_to_the_log_not_the_terminal(tmp_path):
    # four zero bytes inside the eighth stream of the plan (its font descriptor): pdfminer warns and reads on
    data = bytearray(hostile.PLAN_PDF.read_bytes())
    at = [m.end() for m in re.finditer(rb"stream\r?\n", data)][7] + 30
    data[at: at + 4] = bytes(4)
    make_inbox(tmp_path, {"odd.pdf": bytes(data)})
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert result.returncode == 0, result.stderr
    assert "pdfminer" not in result.stderr and "FontBBox" not in result.stderr
    log = (tmp_path / "output" / "perfreturns.log").read_text()
    assert "pipeline.library: odd.pdf: pdfminer.pdffont: Could not get FontBBox from font descriptor" in log
    assert "loaded     odd.pdf: 9 indicators," in log


# --- watch and the terminal --------------------------------------------------------------------

def test_watch_processes_files_as_they_arrive_until_sigterm(tmp_path):
    (tmp_path / "inbox").mkdir()
    process = start(tmp_path, "watch", "--interval", "0.3", "--settle", "0", "--workers", "1")
    try:
        make_inbox(tmp_path, {"q3.docx": hostile.COMMITMENTS_DOCX.read_bytes()})
        deadline = time.monotonic() + TIMEOUT
        while not (tmp_path / "archive").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        make_inbox(tmp_path, {"plan.docx": hostile.PLAN_DOCX.read_bytes()})
        while len(files_under(tmp_path / "archive")) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(60)
    stderr = process.stderr.read() if process.stderr else ""
    assert code == 0, stderr
    assert files_under(dated(tmp_path / "archive")) == ["plan.docx", "q3.docx"]
    assert "loaded     q3.docx: 16 commitments, 3 rag_scale" in stderr.splitlines()
    db = sqlite_utils.Database(tmp_path / "output" / "performance.db")
    assert [(r["loaded"], r["status"]) for r in db.query("select loaded, status from runs order by id")] == [
        (1, "finished"), (1, "finished")]


def test_a_terminal_gets_a_progress_bar(tmp_path):
    import pty

    make_inbox(tmp_path, {"q3.docx": hostile.COMMITMENTS_DOCX.read_bytes(), "empty.docx": b""})
    leader, follower = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "pipeline", "run", "--settle", "0", "--workers", "1"],
                               cwd=tmp_path, stdin=follower, stdout=follower, stderr=follower,
                               env={**os.environ, "COLUMNS": "120", "TERM": "xterm"})
    os.close(follower)
    output = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(TIMEOUT) == 1
    text = output.decode("utf-8", "replace")
    assert "━" in text and "ETA" in text and "0/2" in text  # the bar, its ETA and files done/total
    assert "failed     empty.docx: the file is empty (0 bytes); send the return again." in text
    assert "run 1: 2 file(s) in " in text


def test_a_file_that_cannot_be_archived_stays_in_the_inbox_and_the_run_exits_1(tmp_path):
    inbox = make_inbox(tmp_path, {"q3.docx": hostile.COMMITMENTS_DOCX.read_bytes()})
    blocker = tmp_path / "archive" / time.strftime("%Y-%m-%d")
    blocker.parent.mkdir()
    blocker.write_text("a file where the dated folder should be")
    result = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert result.returncode == 1, result.stderr
    [line] = [x for x in result.stderr.splitlines() if x.startswith("q3.docx: could not be moved")]
    assert re.fullmatch(r"q3\.docx: could not be moved to archive/\d{4}-\d\d-\d\d \(.+\); it stays in the inbox "
                        r"and is retried next run\.", line)
    assert result.stderr.splitlines()[-1].endswith("0 quarantined; 1 could not be moved")
    assert files_under(inbox) == [".perfreturns.lock", "q3.docx"]
    blocker.unlink()
    again = perfreturns(tmp_path, "run", "--settle", "0", "--workers", "1")
    assert again.returncode == 0, again.stderr
    assert "duplicate  q3.docx: identical to a return already loaded (document 1)" in again.stderr.splitlines()
    assert files_under(dated(tmp_path / "archive")) == ["q3.docx"]


def test_a_log_that_cannot_be_written_is_one_line_and_exit_1(tmp_path):
    (tmp_path / "inbox").mkdir()
    (tmp_path / "blocker").write_text("not a folder")
    result = perfreturns(tmp_path, "run", "--log", "blocker/run.log")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: blocker/run.log: cannot write the log (File exists); give --log another file."]
