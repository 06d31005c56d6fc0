"""The commentary stage: RAG consistency, suggested statuses, organisation, and spaCy loaded lazily."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
import sqlite_utils

from pipeline.config import Settings
from pipeline.ingest import ingest, read

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ["adult-services-commitments-q3-2007-08.docx", "adult-services-commitments-q3-2007-08.pdf",
         "ni-136-action-plan.docx", "ni-136-action-plan.pdf"]


def _return(path: Path, rows: list[tuple[str, str, str, str]], title: str) -> Path:
    """A small commitments return: title, one table with the seed's four columns."""
    document = docx.Document()
    document.add_heading(title, level=0)
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells,
                          ("Commitment", "Responsible Officer", "Red/Amber/Green?", "Comments On Progress")):
        cell.text = text
    for values in rows:
        for cell, text in zip(table.add_row().cells, values):
            cell.text = text
    document.save(path)
    return path


@pytest.fixture(scope="module")
def housing() -> Path:
    """The regression sample: statuses that the commentary contradicts, and officers in several forms."""
    return ROOT / "samples" / "regressions" / "issue-14-commentary-and-status.docx"


def test_a_green_commitment_whose_comment_reports_slippage_raises_rag_mismatch_quoting_it(housing):
    issues = [i for i in read(housing, Settings()).document.issues if i.code == "rag_mismatch"]
    assert [i.message for i in issues] == [
        "table 1 row 1: the commitment is green but its commentary reports slippage ('slipped to'): "
        "\"The opening has slipped to January because the contractor is behind schedule.\"",
        "table 1 row 2: the commitment is red but its commentary says it is completed ('Completed'): "
        "\"Completed in March: all 12 wardens have been trained.\"",
    ]
    assert {i.severity.value for i in issues} == {"warning"}


def test_a_commitment_with_no_status_gets_a_suggested_rag_and_printed_ones_are_kept(housing, tmp_path):
    db_path = tmp_path / "housing.db"
    ingest([housing], Settings(db=db_path))
    db = sqlite_utils.Database(db_path)
    rows = [(r["rag"], r["suggested_rag"]) for r in db.query("select rag, suggested_rag from commitments order by id")]
    assert rows == [("green", None), ("red", None), (None, "blue"), ("amber", None)]
    issues = [r["code"] for r in db.query("select code from extraction_issues order by id")]
    assert issues.count("rag_mismatch") == 2


@pytest.mark.parametrize("name", SEEDS)
def test_the_seed_documents_raise_no_rag_mismatch(name, loaded):
    found = list(loaded(name).query("select message from extraction_issues where code = 'rag_mismatch'"))
    assert found == []


@pytest.mark.parametrize("name, organisation", [
    ("adult-services-commitments-q3-2007-08.docx", "Leicestershire County Council"),
    ("adult-services-commitments-q3-2007-08.pdf", "Leicestershire County Council"),
    ("ni-136-action-plan.docx", "Coventry City Council"),
    ("ni-136-action-plan.pdf", "Coventry City Council"),
])
def test_each_seed_gets_its_organisation_from_the_text_marked_inferred(name, organisation, loaded):
    [row] = loaded(name).query("select organisation, organisation_source from documents")
    assert row == {"organisation": organisation, "organisation_source": "inferred"}


def test_a_config_entry_overrides_the_organisation(housing):
    info = read(housing, Settings(organisation="coventry")).document.info
    assert (info.organisation, info.organisation_source) == ("Coventry City Council", "config")


def test_an_inbox_subfolder_names_the_organisation(tmp_path):
    inbox = tmp_path / "inbox"
    folder = inbox / "Leicestershire County Council"
    folder.mkdir(parents=True)
    copy = folder / "ni-136-action-plan.docx"
    copy.write_bytes((ROOT / "samples" / "ni-136-action-plan.docx").read_bytes())
    info = read(copy, Settings(inbox=inbox)).document.info
    assert (info.organisation, info.organisation_source) == ("Leicestershire County Council", "folder")


def test_the_organisation_setting_is_read_from_the_environment():
    settings = Settings.from_env({"PERFRETURNS_ORGANISATION": "Blackpool Council"})
    assert settings.organisation == "Blackpool Council"


def test_reading_a_file_with_no_commentary_does_not_load_spacy(tmp_path):
    path = tmp_path / "scorecard.docx"
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    for cell, text in zip(table.rows[0].cells, ("Ref No.", "Description", "Target 08/09")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("NI 136", "People supported to live independently", "2656")):
        cell.text = text
    document.save(path)
    script = (
        "import sys\nfrom pathlib import Path\nfrom pipeline.config import Settings\n"
        "from pipeline.ingest import read\nfrom pipeline.nlp import engine\n"
        f"doc = read(Path({str(path)!r}), Settings()).document\n"
        "print(len(doc.records), 'spacy' in sys.modules, engine.is_loaded())\n"
        f"read(Path({str(ROOT / 'samples' / 'adult-services-commitments-q3-2007-08.docx')!r}), Settings())\n"
        "print('spacy' in sys.modules, engine.is_loaded())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["2 False False", "True True"]


def test_a_commentary_longer_than_the_limit_is_read_that_far_and_noted(tmp_path, monkeypatch):
    from pipeline.nlp import enrich as stage

    monkeypatch.setattr(stage, "MAX_CHARS", 40)
    path = _return(tmp_path / "long.docx", [("Open the hostel.", "Sue Disley", "Green",
                                              "Work started in May 2009. The opening is delayed to March 2010.")],
                   "Commitments Monitoring Q2 2009-10 - Housing")
    document = read(path, Settings()).document
    assert [f.text for f in document.facts] == ["May 2009"]
    [note] = [i for i in document.issues if i.code == "long_commentary"]
    assert note.message == ("1 commentary text(s) longer than 40 characters were read for facts only that far; "
                            "the whole text is stored")


@pytest.mark.parametrize("rag, comment, flagged", [
    # a green record is flagged for slippage, not for a challenging target or a named risk
    ("Green", "The target of 15 workplaces is challenging but work is on track.", False),
    ("Green", "The major ongoing risk is that the absence figures will worsen this winter.", False),
    ("Green", "Government regulation awaited in Feb/March.", True),
    # an amber one only when its commentary says the whole is done, not one step of it
    ("Amber", "Consultation has finished and proposals are being drafted for Cabinet in December.", False),
    ("Amber", "The review was completed and proposals approved by Cabinet in December.", True),
    ("Amber", "Phase one is complete; phase two will start in April.", False),
])
def test_which_commentary_questions_a_printed_status(rag, comment, flagged, tmp_path):
    path = _return(tmp_path / "one.docx", [("Review the day services.", "Sue Disley", rag, comment)],
                   "Commitments Monitoring Q3 2007-08 - Adult Services")
    issues = [i for i in read(path, Settings()).document.issues if i.code == "rag_mismatch"]
    assert bool(issues) is flagged
