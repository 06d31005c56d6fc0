"""rows_for() without a database; load() writes the contract, one transaction per document."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import sqlite_utils

from pipeline.config import Settings
from pipeline.ingest import ingest, read
from pipeline.loader import ensure_schema, load, rows_for

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CHECK_CONTRACT = ROOT.parent / "shared" / "tools" / "check_contract.py"


def test_rows_for_links_officers_and_funding_sources_by_position():
    result = read(SAMPLES / "adult-services-commitments-q3-2007-08.docx", Settings())
    rows = rows_for(result.extracted, result.document)
    assert len(rows["commitments"]) == 16
    joint = [link for link in rows["commitment_officers"] if link["commitment"] == 8]
    assert joint == [{"commitment": 8, "officer": "Sandy McMillan", "role": None},
                     {"commitment": 8, "officer": "Sue Disley", "role": None}]
    assert rows["document"][0]["file_type"] == "docx"
    assert len(rows["source_cells"]) == 4 * (9 + 8 + 2) + 5 * 2

    plan = read(SAMPLES / "ni-136-action-plan.docx", Settings())
    plan_rows = rows_for(plan.extracted, plan.document)
    assert [(s["funding"], s["amount"]) for s in plan_rows["funding_sources"]] == [
        (1, 36674), (3, 592823), (4, 33803), (5, 50276), (7, 1392231)]


def test_a_document_loads_in_one_transaction(db):
    result = read(SAMPLES / "ni-136-action-plan.docx", Settings())
    rows = rows_for(result.extracted, result.document)
    rows["risks"].append({"indicator_code": "NI 136", "no_such_column": 1})
    ensure_schema(db)
    try:
        load(db, rows, None)
    except Exception as exc:  # sqlite rejects the unknown column mid-load
        assert "no_such_column" in str(exc)
    else:
        raise AssertionError("the bad row should have failed the load")
    for table in ("documents", "indicators", "indicator_values", "funding", "narratives", "source_cells"):
        assert db.table(table).count == 0, table


def test_loaded_samples_meet_the_contract(tmp_path):
    db_path = tmp_path / "performance.db"
    seeds = ("adult-services-commitments-q3-2007-08", "ni-136-action-plan")
    files = [SAMPLES / f"{s}.{ext}" for ext in ("docx", "pdf") for s in seeds]
    outcomes = ingest(files + [SAMPLES / "environment-scorecard-q2-2009-10.xlsx"], Settings(db=db_path))
    assert [o.status.value for o in outcomes] == ["loaded"] * 5
    check = subprocess.run([sys.executable, str(CHECK_CONTRACT), str(db_path)], capture_output=True, text=True)
    assert check.stdout.splitlines()[-1] == f"contract: 0 problem(s) in {db_path}"
    assert check.returncode == 0
    db = sqlite_utils.Database(db_path)
    # the commitments return's PDF supersedes its Word edition; the plan prints no period, so its
    # PDF edition is only a look-alike
    assert [tuple(r.values()) for r in db.query(
        "select d.status, i.message from documents d left join extraction_issues i "
        "on i.document_id = d.id and i.code = 'possible_resubmission' order by d.id")] == [
        ("superseded", None), ("loaded", None), ("loaded", None),
        ("loaded", "this looks like a resubmission of document 2 (ni-136-action-plan.docx), but its "
                   "organisation or period is not known, so it was loaded beside it; supersede by hand if it is the "
                   "same return."), ("loaded", None)]
    [run] = db.query("select files_seen, loaded, duplicates, failed, superseded, status from runs")
    assert run == {"files_seen": 5, "loaded": 5, "duplicates": 0, "failed": 0, "superseded": 1,
                   "status": "finished"}


def test_commitments_and_narratives_are_full_text_searchable(loaded):
    db = loaded("adult-services-commitments-q3-2007-08.pdf")
    hits = [r["officers"] for r in db.query(
        "select officers from commitments where rowid in "
        "(select rowid from commitments_fts where commitments_fts match 'Mountsorrel')")]
    assert hits == ["Sue Disley"]
    plan = loaded("ni-136-action-plan.pdf")
    assert [r["heading"] for r in plan.query(
        "select heading from narratives where rowid in "
        "(select rowid from narratives_fts where narratives_fts match 'trajectory')")] == ["LAA Target information"]


def test_datasette_serves_the_loaded_database(tmp_path):
    db_path = tmp_path / "performance.db"
    ingest([SAMPLES / "adult-services-commitments-q3-2007-08.pdf"], Settings(db=db_path))
    datasette = Path(sys.executable).with_name("datasette")
    result = subprocess.run(
        [str(datasette), str(db_path), "--get",
         "/performance/commitments.json?_shape=array&_col=rag&rag=red"],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert '"rag": "red"' in result.stdout
    assert result.stdout.count('"rag"') == 1
