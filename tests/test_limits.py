"""Hostile Word files refused by one streaming pass, each message naming the limit it broke."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

import hostile_files as hostile
from extractors.docx import extract
from extractors.detect import source_file
from pipeline.config import Settings
from pipeline.errors import CorruptFile, FileRejected, TooLarge, UnsafeFile


def _extract(tmp_path: Path, name: str, data: bytes, settings: Settings = Settings()):  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(data)
    return extract(source_file(path, settings), settings)


def _refusal(tmp_path: Path, name: str, data: bytes, settings: Settings = Settings()) -> FileRejected:
    with pytest.raises(FileRejected) as caught:
        _extract(tmp_path, name, data, settings)
    return caught.value


def test_nested_tables_within_the_limit_are_read_once_in_the_outer_cell(tmp_path):
    document = _extract(tmp_path, "nested.docx", hostile.nested_tables(4))
    assert len(document.tables) == 1
    [[outer, empty]] = document.tables[0].rows
    # each level's text once (before, the deepest was repeated once per level above it)
    assert outer.text == "level 1\nlevel 2\nlevel 3\nlevel 4"
    assert empty.text == ""


def test_tables_nested_past_the_limit_are_refused(tmp_path):
    refusal = _refusal(tmp_path, "nested.docx", hostile.nested_tables(6))
    assert isinstance(refusal, TooLarge)
    assert str(refusal) == ("nested.docx: it has tables nested over 5 deep (a table in a table's cell), over the "
                            "limit; flatten the nested tables and resend it.")


def test_an_absurd_grid_span_is_refused(tmp_path):
    assert str(_refusal(tmp_path, "span.docx", hostile.huge_grid_span())) == (
        "span.docx: a table cell spans 300,000,000 columns, over the limit of 1,000; the table is damaged. "
        "Save it again from Word.")


def test_a_table_over_the_row_limit_is_refused(tmp_path):
    refusal = _refusal(tmp_path, "long.docx", hostile.large_table(30), Settings(max_table_rows=20))
    assert str(refusal) == ("long.docx: a table has over 20 rows, over the limit; split the table or raise "
                            "PERFRETURNS_MAX_TABLE_ROWS.")


def test_xml_nested_past_the_depth_limit_is_refused(tmp_path):
    refusal = _refusal(tmp_path, "deep.docx", hostile.COMMITMENTS_DOCX.read_bytes(), Settings(max_xml_depth=6))
    assert str(refusal).startswith("deep.docx: its part ")
    assert str(refusal).endswith(" nests XML elements over 6 deep, over the limit; it was not read.")


def test_a_file_over_the_xml_element_limit_is_refused(tmp_path):
    refusal = _refusal(tmp_path, "many.docx", hostile.COMMITMENTS_DOCX.read_bytes(), Settings(max_xml_elements=500))
    assert str(refusal) == ("many.docx: the file holds over 500 XML elements, over the limit; split the return or "
                            "raise PERFRETURNS_MAX_XML_ELEMENTS.")


def test_an_entity_declaration_is_refused_and_never_resolved(tmp_path):
    refusal = _refusal(tmp_path, "entity.docx", hostile.external_entity())
    assert isinstance(refusal, UnsafeFile) and refusal.code == "unsafe_file"
    assert "passwd" not in str(refusal)


def test_a_duplicated_part_that_is_not_what_word_writes_is_corrupt(tmp_path):
    data = hostile.COMMITMENTS_DOCX.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        with pytest.warns(UserWarning, match="Duplicate name"):
            target.writestr("word/document.xml", b"<x/>")
    refusal = _refusal(tmp_path, "twice.docx", out.getvalue())
    assert isinstance(refusal, CorruptFile)
    assert str(refusal) == ("twice.docx: the Word file is damaged and cannot be read (its part word/document.xml is "
                            "not what Word writes there); open it in Word, save it again and put the new copy in "
                            "the inbox.")


def test_a_word_file_saved_with_more_pages_than_the_limit_is_refused(tmp_path):
    data = hostile.COMMITMENTS_DOCX.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        app = archive.read("docProps/app.xml")
    app = app.replace(b"<Pages>", b"<Pages>9") if b"<Pages>" in app else app.replace(
        b"</Properties>", b"<Pages>900</Pages></Properties>")
    refusal = _refusal(tmp_path, "long.docx", hostile.rezip(data, {"docProps/app.xml": app}), Settings(max_pages=50))
    assert str(refusal).startswith("long.docx: the Word file has 9")
    assert str(refusal).endswith(" pages, over the limit of 50; split it or raise PERFRETURNS_MAX_PAGES.")


def test_a_running_header_part_that_is_not_a_header_is_corrupt(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    document.sections[0].header.paragraphs[0].text = "Blackpool Council"
    data = hostile.docx_bytes(document)
    [header] = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.startswith("word/header")]
    refusal = _refusal(tmp_path, "header.docx", hostile.rezip(data, {header: b"<x/>"}))
    assert isinstance(refusal, CorruptFile)
    assert str(refusal) == (f"header.docx: the Word file is damaged and cannot be read (its part {header} is not "
                            "what Word writes there); open it in Word, save it again and put the new copy in the "
                            "inbox.")
