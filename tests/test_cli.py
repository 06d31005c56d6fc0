"""The perfreturns command, driven through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from pipeline.cli import cli

ROOT = Path(__file__).resolve().parent.parent
COMMITMENTS = ROOT / "samples" / "adult-services-commitments-q3-2007-08.docx"
PLAN_PDF = ROOT / "samples" / "ni-136-action-plan.pdf"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_ingest_loads_a_return_and_reports_it(tmp_path):
    db = tmp_path / "p.db"
    result = run("ingest", "--db", str(db), str(COMMITMENTS))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert lines[0] == "loaded     adult-services-commitments-q3-2007-08.docx: 16 commitments, 3 rag_scale"
    assert f"1 file(s): 1 loaded, 0 duplicate, 0 failed into {db}" in lines
    assert "  commitments               16" in lines
    assert lines[-1] == f"Browse it with: datasette {db}"
    assert sqlite_utils.Database(db).table("commitments").count == 16


def test_ingesting_the_same_bytes_again_is_a_duplicate(tmp_path):
    db = tmp_path / "p.db"
    assert run("ingest", "--db", str(db), str(COMMITMENTS)).exit_code == 0
    result = run("ingest", "--db", str(db), "-q", str(COMMITMENTS))
    assert result.exit_code == 0
    assert result.output == ""
    database = sqlite_utils.Database(db)
    assert database.table("documents").count == 1
    assert database.table("commitments").count == 16


def test_the_pdf_edition_of_a_return_supersedes_its_word_edition(tmp_path):
    # organisation (inferred from the text), kind, period and title all known and equal
    db = tmp_path / "p.db"
    pdf = ROOT / "samples" / "adult-services-commitments-q3-2007-08.pdf"
    result = run("ingest", "--db", str(db), str(COMMITMENTS), str(pdf))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1] == (
        "loaded     adult-services-commitments-q3-2007-08.pdf: 16 commitments, 3 rag_scale; supersedes document 1")
    rows = [tuple(r.values()) for r in sqlite_utils.Database(db).query(
        "select id, status, superseded_by from documents order by id")]
    assert rows == [(1, "superseded", 2), (2, "loaded", None)]


def test_a_look_alike_without_a_period_loads_as_its_own_document(tmp_path):
    # the NI 136 plan prints no period: a PDF of the same title and indicator may be another year's plan
    db = tmp_path / "p.db"
    plan = ROOT / "samples" / "ni-136-action-plan.docx"
    result = run("ingest", "--db", str(db), str(plan), str(PLAN_PDF))
    assert result.exit_code == 0
    assert result.stderr.splitlines()[1].endswith("6 narratives; possible resubmission of document 1")
    database = sqlite_utils.Database(db)
    rows = [tuple(r.values()) for r in database.query("select id, status, superseded_by from documents order by id")]
    assert rows == [(1, "loaded", None), (2, "loaded", None)]
    [issue] = database.query("select document_id, severity, message from extraction_issues "
                             "where code = 'possible_resubmission'")
    assert issue == {"document_id": 2, "severity": "info", "message": (
        "this looks like a resubmission of document 1 (ni-136-action-plan.docx), but its organisation or period "
        "is not known, so it was loaded beside it; supersede by hand if it is the same return.")}


@pytest.mark.parametrize("name, content, message", [
    ("empty.docx", b"", "empty.docx: the file is empty (0 bytes); send the return again."),
    ("notes.txt", b"just some text", "notes.txt: this is not a document type perfreturns recognises; "
                                     "send the return as one of: doc, docx, ods, odt, pdf, rtf, xls, xlsx."),
    ("broken.pdf", b"%PDF-1.4\nnot really a pdf", "broken.pdf: the PDF is damaged and cannot be read; "
                                                  "export it again from Word and resend it."),
    ("broken.docx", b"PK\x03\x04 truncated zip", "broken.docx: the file is damaged (its zip container cannot "
                                                 "be opened); save it again from Word and put the new copy in "
                                                 "the inbox."),
])
def test_bad_files_fail_with_one_line_and_exit_1(tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    db = tmp_path / "p.db"
    result = run("ingest", "--db", str(db), "-q", str(bad), str(COMMITMENTS))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"failed     {message}"]
    assert "Traceback" not in result.output
    database = sqlite_utils.Database(db)
    failed = [tuple(r.values()) for r in database.query(
        "select d.file_name, d.status, i.severity, i.message from documents d "
        "join extraction_issues i on i.document_id = d.id where d.status = 'failed'")]
    assert failed == [(name, "failed", "error", message)]
    assert database.table("commitments").count == 16  # the good file in the same batch still loads


def test_extract_json_prints_only_json(tmp_path):
    result = run("extract", str(PLAN_PDF), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["document"]["doc_type"] == "indicator_plan"
    assert [a["ref"] for a in data["actions"]] == ["1", "2", "3"]
    assert "source_cells" not in data
    assert len(run("extract", str(PLAN_PDF), "--json", "--cells").stdout) > len(result.stdout)


def test_extract_summarises_per_table():
    result = run("extract", str(COMMITMENTS))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("adult-services-commitments-q3-2007-08.docx: commitments_return, MTCS and Annual Plan "
                        "Commitments Monitoring Q3 2007-08 - Adult Services, Q3 2007-08")
    assert lines[1] == "organisation: Leicestershire County Council (inferred)"
    assert "commitments (16)" in lines
    assert "rag_scale (3)" in lines


def test_the_organisation_option_names_the_publisher():
    result = run("extract", str(COMMITMENTS), "--organisation", "leicestershire-county-council")
    assert result.stdout.splitlines()[1] == "organisation: Leicestershire County Council (config)"


def test_extract_of_a_bad_file_is_one_line_and_exit_1(tmp_path):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 garbage")
    result = run("extract", str(bad))
    assert result.exit_code == 1
    assert result.stderr == ("error: scan.pdf: the PDF is damaged and cannot be read; "
                             "export it again from Word and resend it.\n")


def test_ingest_a_folder_reads_only_documents(tmp_path):
    folder = tmp_path / "returns"
    folder.mkdir()
    shutil.copy(COMMITMENTS, folder)
    (folder / "README.txt").write_text("not a return")
    result = run("ingest", "--db", str(tmp_path / "p.db"), "-q", str(folder))
    assert result.exit_code == 0
    assert sqlite_utils.Database(tmp_path / "p.db").table("documents").count == 1


def test_usage_errors_exit_2():
    assert run("ingest").exit_code == 2
    assert run("extract", "no-such-file.pdf").exit_code == 2


def test_an_unexpected_failure_fails_only_that_file(tmp_path, monkeypatch):
    import importlib

    ingest_module = importlib.import_module("pipeline.ingest")

    real = ingest_module.normalise

    def broken(extracted):  # type: ignore[no-untyped-def]
        if extracted.source.original_name.endswith(".pdf"):
            raise ValueError("boom")
        return real(extracted)

    monkeypatch.setattr(ingest_module, "normalise", broken)
    pdf = ROOT / "samples" / "ni-136-action-plan.pdf"
    db = tmp_path / "p.db"
    result = run("ingest", "--db", str(db), "-q", str(pdf), str(COMMITMENTS))
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == (
        "failed     ni-136-action-plan.pdf: perfreturns failed on this file (ValueError: boom); nothing from it "
        "was loaded; report it with the file attached.")
    database = sqlite_utils.Database(db)
    assert [tuple(r.values()) for r in database.query("select file_name, status from documents order by id")] == [
        ("ni-136-action-plan.pdf", "failed"), ("adult-services-commitments-q3-2007-08.docx", "loaded")]
    assert database.table("indicators").count == 0


def test_ingest_help_names_the_default_database():
    result = run("ingest", "--help")
    assert "[default: output/performance.db]" in " ".join(result.output.split())
