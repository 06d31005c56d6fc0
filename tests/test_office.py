"""Legacy editions (.doc, .rtf, .odt) read through LibreOffice exactly as their .docx edition reads."""

from __future__ import annotations

import dataclasses
import hashlib
import shutil
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import olefile
import pytest

import extractors
from extractors import office
from extractors.detect import source_file
from pipeline.config import Settings
from pipeline.errors import ConverterMissing, CorruptFile, EncryptedFile, TooLarge
from pipeline.ingest import read
from pipeline.models import FileType, RawTable

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEEDS = ["adult-services-commitments-q3-2007-08", "ni-136-action-plan"]
SCORECARD = "environment-scorecard-q2-2009-10"
LEGACY = [(seed, ext) for seed in SEEDS for ext in ("doc", "rtf", "odt")] + [(SCORECARD, "xls"), (SCORECARD, "ods")]
IDS = [f"{seed}.{ext}" for seed, ext in LEGACY]


def _records(path: Path) -> tuple[object, list[tuple[str, dict[str, object]]]]:
    extraction = read(path, Settings())
    records = [(type(r).__name__, {k: v for k, v in dataclasses.asdict(r).items() if k != "origin"})
               for r in extraction.document.records]
    return extraction.document.info, records


@pytest.fixture(scope="module")
def docx_records() -> dict[str, tuple[object, list[tuple[str, dict[str, object]]]]]:
    found = {seed: _records(SAMPLES / f"{seed}.docx") for seed in SEEDS}
    found[SCORECARD] = _records(SAMPLES / f"{SCORECARD}.xlsx")  # .xls and .ods convert to .xlsx
    return found


@pytest.mark.parametrize(("seed", "ext"), LEGACY, ids=IDS)
def test_legacy_edition_loads_the_records_of_its_docx_or_xlsx_edition_field_by_field(seed, ext, docx_records):
    info, records = _records(SAMPLES / f"{seed}.{ext}")
    want_info, want = docx_records[seed]
    assert info == want_info
    assert len(records) == len(want)
    for index, (got, expected) in enumerate(zip(records, want)):
        assert got[0] == expected[0], index
        for field, value in expected[1].items():
            assert got[1][field] == value, (index, got[0], field)


def test_legacy_commitments_give_16_commitments_with_their_rags_and_officers():
    for ext in ("doc", "rtf", "odt"):
        extraction = read(SAMPLES / f"{SEEDS[0]}.{ext}", Settings())
        commitments = [r for r in extraction.document.records if type(r).__name__ == "Commitment"]
        rags = [c.rag.value for c in commitments]  # type: ignore[attr-defined]
        assert (len(commitments), rags.count("green"), rags.count("amber"), rags.count("red")) == (16, 9, 6, 1)
        officers = {name for c in commitments for name in c.officer_names}  # type: ignore[attr-defined]
        assert {"Sandy McMillan", "Sue Disley"} <= officers, ext


def test_legacy_action_plan_gives_9_indicators_17_values_3_actions_9_funding_lines_1_risk():
    for ext in ("doc", "rtf", "odt"):
        extraction = read(SAMPLES / f"{SEEDS[1]}.{ext}", Settings())
        kinds = [type(r).__name__ for r in extraction.document.records]
        counts = tuple(kinds.count(k) for k in ("Indicator", "IndicatorValue", "Action", "Funding", "Risk"))
        assert counts == (9, 17, 3, 9, 1), ext


def _grid(table: RawTable) -> list[list[tuple[str, int, int, int, str | None]]]:
    return [[(c.text, c.col, c.row_span, c.col_span, c.fill) for c in row] for row in table.rows]


@pytest.mark.parametrize("seed", SEEDS)
def test_header_row_flags_and_merged_cells_survive_doc_and_odt_conversion(seed):
    settings = Settings()
    word = extractors.extract(source_file(SAMPLES / f"{seed}.docx", settings), settings)
    for ext in ("doc", "odt"):
        legacy = extractors.extract(source_file(SAMPLES / f"{seed}.{ext}", settings), settings)
        assert [t.header_rows for t in legacy.tables] == [t.header_rows for t in word.tables], ext
        assert [_grid(t) for t in legacy.tables] == [_grid(t) for t in word.tables], ext
        assert [(b.kind, b.text) for b in legacy.blocks] == [(b.kind, b.text) for b in word.blocks], ext


@pytest.mark.parametrize("seed", SEEDS)
def test_rtf_keeps_every_cell_span_and_fill_but_libreoffice_drops_its_header_row_flags(seed):
    settings = Settings()
    word = extractors.extract(source_file(SAMPLES / f"{seed}.docx", settings), settings)
    rtf = extractors.extract(source_file(SAMPLES / f"{seed}.rtf", settings), settings)
    assert [_grid(t) for t in rtf.tables] == [_grid(t) for t in word.tables]
    assert any(t.header_rows for t in word.tables)
    assert [t.header_rows for t in rtf.tables] == [0] * len(word.tables)  # LibreOffice writes no \trhdr


def test_merged_cells_survive_rtf_conversion_with_their_spans():
    settings = Settings()
    rtf = extractors.extract(source_file(SAMPLES / f"{SEEDS[1]}.rtf", settings), settings)
    spans = [(c.text, c.col_span) for t in rtf.tables for row in t.rows for c in row if c.col_span > 1]
    assert spans == [("Indicators - Performance Monitoring of Indicators", 9),
                     ("Other indicators that will be used to track progress, including disaggregated "
                      "measures for target groups.", 9)]


def test_converted_document_keeps_the_original_name_hash_and_type(loaded):
    db = loaded(f"{SEEDS[0]}.doc")
    [document] = db.query("select file_name, file_type, sha256, status from documents")
    digest = hashlib.sha256((SAMPLES / f"{SEEDS[0]}.doc").read_bytes()).hexdigest()
    assert document == {"file_name": f"{SEEDS[0]}.doc", "file_type": "doc", "sha256": digest, "status": "loaded"}


def test_two_conversions_run_at_once_each_with_its_own_profile():
    settings = Settings()
    paths = [SAMPLES / f"{SEEDS[0]}.odt", SAMPLES / f"{SEEDS[1]}.doc"]
    with ThreadPoolExecutor(2) as pool:
        documents = list(pool.map(lambda p: extractors.extract(source_file(p, settings), settings), paths))
    assert [len(d.tables) for d in documents] == [4, 7]
    assert [d.source.file_type for d in documents] == [FileType.ODT, FileType.DOC]


@pytest.mark.parametrize(("ext", "package"), [("doc", "libreoffice-writer-nogui"), ("rtf", "libreoffice-writer-nogui")])
def test_missing_libreoffice_is_converter_missing_naming_the_debian_package(ext, package, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    settings = Settings()
    with pytest.raises(ConverterMissing) as caught:
        extractors.extract(source_file(SAMPLES / f"{SEEDS[0]}.{ext}", settings), settings)
    assert caught.value.code == "converter_missing"
    assert str(caught.value) == (
        f"{SEEDS[0]}.{ext}: reading a .{ext} file needs LibreOffice, which is not installed; install the "
        f"Debian package {package} (apt-get install {package}), or send the return as .docx.")


def test_missing_libreoffice_for_a_spreadsheet_names_the_calc_package(monkeypatch, tmp_path):
    monkeypatch.setattr(office, "soffice", lambda: None)
    path = tmp_path / "scorecard.ods"
    shutil.copyfile(SAMPLES / f"{SCORECARD}.ods", path)
    settings = Settings()
    with pytest.raises(ConverterMissing) as caught:
        extractors.extract(source_file(path, settings), settings)
    assert str(caught.value) == (
        "scorecard.ods: reading a .ods file needs LibreOffice, which is not installed; install the Debian "
        "package libreoffice-calc-nogui (apt-get install libreoffice-calc-nogui), or send the return as .xlsx.")


def test_an_xls_is_told_from_a_doc_by_its_streams():
    settings = Settings()
    assert source_file(SAMPLES / f"{SCORECARD}.xls", settings).file_type is FileType.XLS
    assert source_file(SAMPLES / f"{SEEDS[0]}.doc", settings).file_type is FileType.DOC


def test_a_conversion_over_the_time_limit_is_ended_and_refused(monkeypatch, tmp_path):
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 30 &\nsleep 30\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setattr(office, "soffice", lambda: str(script))
    settings = Settings(max_convert_seconds=1)
    with pytest.raises(TooLarge) as caught:
        extractors.extract(source_file(SAMPLES / f"{SEEDS[0]}.odt", settings), settings)
    assert str(caught.value) == (
        f"{SEEDS[0]}.odt: LibreOffice took longer than the limit of 1 seconds to convert the file; save it "
        "as .docx and resend it, or raise PERFRETURNS_MAX_CONVERT_SECONDS.")


def test_a_doc_flagged_as_password_protected_is_refused_before_conversion(tmp_path):
    path = tmp_path / "locked.doc"
    shutil.copyfile(SAMPLES / f"{SEEDS[0]}.doc", path)
    with olefile.OleFileIO(str(path), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        stream[11] |= 0x01  # fEncrypted: bit 8 of the flags word at offset 10
        ole.write_stream("WordDocument", bytes(stream))
    settings = Settings()
    with pytest.raises(EncryptedFile) as caught:
        extractors.extract(source_file(path, settings), settings)
    assert str(caught.value) == "locked.doc: the file is password-protected; save an unprotected copy into the inbox."


def test_a_damaged_ole_file_is_refused_as_corrupt(tmp_path):
    path = tmp_path / "old-return.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    settings = Settings()
    with pytest.raises(CorruptFile) as caught:
        extractors.extract(source_file(path, settings), settings)
    assert str(caught.value) == (
        "old-return.doc: the file is damaged (its OLE container cannot be read); open it in Word or Excel, "
        "save it again and resend it.")


def test_a_file_libreoffice_cannot_convert_is_refused_as_corrupt(tmp_path):
    path = tmp_path / "broken.rtf"
    path.write_bytes(b"{\\rtf1" + bytes(range(256)) * 4)
    settings = Settings()
    with pytest.raises(CorruptFile) as caught:
        extractors.extract(source_file(path, settings), settings)
    assert str(caught.value).startswith("broken.rtf: LibreOffice could not convert this .rtf file")
