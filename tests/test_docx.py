"""Word returns: body order, the real table grid, merged cells once, shading, and damaged files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.document import Document as WordDocument
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row

from extractors import docx as docx_extractor
from extractors import extract
from extractors.detect import source_file
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, FileRejected, TooLarge, UnsupportedFile
from pipeline.models import Block, BlockKind, ExtractedDocument, FileType, RawTable, SourceFile

SETTINGS = Settings()


def _read(path: Path) -> ExtractedDocument:
    return extract(source_file(path, SETTINGS), SETTINGS)


def _save(document: WordDocument, path: Path) -> Path:
    document.save(path)
    return path


def _grid_table(document: WordDocument, rows: int, cols: int) -> Table:
    table = document.add_table(rows=rows, cols=cols)
    for r in range(rows):
        for c in range(cols):
            table.cell(r, c).text = f"r{r}c{c}"
    return table


def _cells(table: RawTable) -> list[list[tuple[str, int, int, int, int]]]:
    """Each row as (text, row, col, row_span, col_span)."""
    return [[(c.text, c.row, c.col, c.row_span, c.col_span) for c in row] for row in table.rows]


def _shade(cell: _Cell, **attributes: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    for name, value in attributes.items():
        shd.set(qn(f"w:{name}"), value)
    cell._tc.get_or_add_tcPr().append(shd)


def _flag_header(row: _Row, value: str | None = None) -> None:
    flag = OxmlElement("w:tblHeader")
    if value is not None:
        flag.set(qn("w:val"), value)
    row._tr.get_or_add_trPr().append(flag)


# --- body order ------------------------------------------------------------------------------

def test_heading_paragraph_table_paragraph_come_back_in_body_order(tmp_path):
    document = docx.Document()
    document.add_heading("A – Improved Quality of Life for People", level=1)
    document.add_paragraph("Green – On Trajectory")
    _grid_table(document, 2, 2)
    document.add_paragraph("Comments continue below the table.")
    doc = _read(_save(document, tmp_path / "order.docx"))

    items: list[Block | RawTable] = sorted([*doc.blocks, *doc.tables], key=lambda item: item.order)
    assert [(type(i).__name__, getattr(i, "kind", None), getattr(i, "text", None)) for i in items] == [
        ("Block", BlockKind.HEADING, "A – Improved Quality of Life for People"),
        ("Block", BlockKind.PARAGRAPH, "Green – On Trajectory"),
        ("RawTable", None, None),
        ("Block", BlockKind.PARAGRAPH, "Comments continue below the table."),
    ]
    orders = [i.order for i in items]
    assert orders == list(range(orders[0], orders[0] + 4))
    [table] = doc.tables
    assert table.index == 0
    assert table.heading == "A – Improved Quality of Life for People"


def test_table_heading_is_the_nearest_heading_before_it(tmp_path):
    document = docx.Document()
    _grid_table(document, 1, 2)
    document.add_heading("MTCS and Annual Plan Commitments Monitoring Q3 2007-08", level=0)
    document.add_heading("A – Improved Quality of Life for People", level=1)
    _grid_table(document, 1, 2)
    document.add_heading("C – Improving Services", level=2)
    document.add_paragraph("Green – On Trajectory")
    _grid_table(document, 1, 2)
    doc = _read(_save(document, tmp_path / "headings.docx"))

    assert [(t.index, t.heading) for t in doc.tables] == [
        (0, None),
        (1, "A – Improved Quality of Life for People"),
        (2, "C – Improving Services"),
    ]


def test_heading_styles_give_heading_blocks_with_their_level_and_title_gives_title(tmp_path):
    document = docx.Document()
    document.add_heading("LAA TARGET - ACTION PLAN", level=0)
    document.add_heading("1: LAA Target", level=1)
    document.add_heading("LAA Target information", level=3)
    document.add_paragraph("This indicator is new.")
    doc = _read(_save(document, tmp_path / "styles.docx"))

    assert [(b.kind, b.level, b.style, b.text) for b in doc.blocks] == [
        (BlockKind.TITLE, 0, "Title", "LAA TARGET - ACTION PLAN"),
        (BlockKind.HEADING, 1, "Heading 1", "1: LAA Target"),
        (BlockKind.HEADING, 3, "Heading 3", "LAA Target information"),
        (BlockKind.PARAGRAPH, 0, "Normal", "This indicator is new."),
    ]


def test_empty_paragraphs_give_no_blocks(tmp_path):
    document = docx.Document()
    document.add_paragraph("First")
    document.add_paragraph("")
    document.add_paragraph("   ")
    document.add_paragraph("Second")
    doc = _read(_save(document, tmp_path / "gaps.docx"))
    assert [b.text for b in doc.blocks] == ["First", "Second"]


def test_a_file_python_docx_wrote_has_no_page_numbers(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    _grid_table(document, 1, 1)
    doc = _read(_save(document, tmp_path / "unpaged.docx"))
    assert doc.pages is None
    assert [b.page for b in doc.blocks] == [None]
    assert (doc.tables[0].page_start, doc.tables[0].page_end, doc.tables[0].rows[0][0].page) == (None, None, None)


# --- the grid ---------------------------------------------------------------------------------

def test_horizontally_merged_cell_is_emitted_once_with_its_col_span(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 2, 4)
    merged = table.cell(0, 0).merge(table.cell(0, 2))
    merged.text = "Indicators - Performance Monitoring of Indicators"
    doc = _read(_save(document, tmp_path / "hmerge.docx"))

    assert _cells(doc.tables[0]) == [
        [("Indicators - Performance Monitoring of Indicators", 0, 0, 1, 3), ("r0c3", 0, 3, 1, 1)],
        [("r1c0", 1, 0, 1, 1), ("r1c1", 1, 1, 1, 1), ("r1c2", 1, 2, 1, 1), ("r1c3", 1, 3, 1, 1)],
    ]
    assert doc.tables[0].width == 4


def test_vertically_merged_cell_is_emitted_once_with_its_row_span(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 3, 3)
    merged = table.cell(0, 1).merge(table.cell(1, 1))
    merged.text = "Sheila Rochester"
    doc = _read(_save(document, tmp_path / "vmerge.docx"))

    assert _cells(doc.tables[0]) == [
        [("r0c0", 0, 0, 1, 1), ("Sheila Rochester", 0, 1, 2, 1), ("r0c2", 0, 2, 1, 1)],
        [("r1c0", 1, 0, 1, 1), ("r1c2", 1, 2, 1, 1)],
        [("r2c0", 2, 0, 1, 1), ("r2c1", 2, 1, 1, 1), ("r2c2", 2, 2, 1, 1)],
    ]


def test_block_merged_across_rows_and_columns_is_one_cell_with_both_spans(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 3, 3)
    merged = table.cell(0, 0).merge(table.cell(2, 1))
    merged.text = "Adults"
    doc = _read(_save(document, tmp_path / "block.docx"))

    assert _cells(doc.tables[0]) == [
        [("Adults", 0, 0, 3, 2), ("r0c2", 0, 2, 1, 1)],
        [("r1c2", 1, 2, 1, 1)],
        [("r2c2", 2, 2, 1, 1)],
    ]


def test_grid_before_shifts_the_first_cell_of_its_row_to_the_right(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 2, 3)
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])
    grid_before = OxmlElement("w:gridBefore")
    grid_before.set(qn("w:val"), "1")
    row.get_or_add_trPr().insert(0, grid_before)
    doc = _read(_save(document, tmp_path / "gridbefore.docx"))

    assert _cells(doc.tables[0]) == [
        [("r0c0", 0, 0, 1, 1), ("r0c1", 0, 1, 1, 1), ("r0c2", 0, 2, 1, 1)],
        [("r1c1", 1, 1, 1, 1), ("r1c2", 1, 2, 1, 1)],
    ]


def test_cell_inside_a_content_control_keeps_its_column(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 1, 3)
    table.cell(0, 1).text = "31/12/2007"
    tc = table.rows[0]._tr.tc_lst[1]
    sdt = OxmlElement("w:sdt")
    sdt.append(OxmlElement("w:sdtPr"))
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    tc.addprevious(sdt)
    content.append(tc)
    doc = _read(_save(document, tmp_path / "sdtcell.docx"))

    assert _cells(doc.tables[0]) == [[("r0c0", 0, 0, 1, 1), ("31/12/2007", 0, 1, 1, 1), ("r0c2", 0, 2, 1, 1)]]


def test_row_inside_a_content_control_is_read(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 2, 2)
    tr = table.rows[1]._tr
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    tr.addprevious(sdt)
    content.append(tr)
    doc = _read(_save(document, tmp_path / "sdtrow.docx"))

    assert _cells(doc.tables[0]) == [
        [("r0c0", 0, 0, 1, 1), ("r0c1", 0, 1, 1, 1)],
        [("r1c0", 1, 0, 1, 1), ("r1c1", 1, 1, 1, 1)],
    ]


def test_paragraph_inside_a_content_control_in_the_body_is_a_block(tmp_path):
    document = docx.Document()
    document.add_paragraph("Before")
    paragraph = document.add_paragraph("Quarter 3 2007-08")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    sdt.append(content)
    paragraph._p.addprevious(sdt)
    content.append(paragraph._p)
    doc = _read(_save(document, tmp_path / "sdtpara.docx"))
    assert [b.text for b in doc.blocks] == ["Before", "Quarter 3 2007-08"]


# --- shading ----------------------------------------------------------------------------------

def test_cell_shading_fill_comes_back_as_a_hex_colour(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 1, 4)
    _shade(table.cell(0, 0), color="auto", fill="92D050")
    _shade(table.cell(0, 1), color="auto", fill="ffc000")
    _shade(table.cell(0, 2), color="auto", fill="auto")
    _shade(table.cell(0, 3), themeFill="accent6")
    doc = _read(_save(document, tmp_path / "fills.docx"))

    assert [c.fill for c in doc.tables[0].rows[0]] == ["#92D050", "#FFC000", None, "theme:accent6"]


def test_cell_without_shading_has_no_fill(tmp_path):
    document = docx.Document()
    _grid_table(document, 1, 1)
    doc = _read(_save(document, tmp_path / "plain.docx"))
    assert doc.tables[0].rows[0][0].fill is None


def test_merged_cell_keeps_the_fill_of_its_first_cell(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 2, 2)
    _shade(table.cell(0, 0), fill="D9D9D9")
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Indicators"
    doc = _read(_save(document, tmp_path / "mergedfill.docx"))
    assert [(c.text, c.col_span, c.fill) for c in doc.tables[0].rows[0]] == [("Indicators", 2, "#D9D9D9")]


# --- header rows and cell text ----------------------------------------------------------------

def test_rows_flagged_tbl_header_are_counted_as_header_rows(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 4, 2)
    _flag_header(table.rows[0])
    _flag_header(table.rows[1], "true")
    _flag_header(table.rows[3])  # not part of the leading run, so not a repeated header
    doc = _read(_save(document, tmp_path / "headers.docx"))
    assert doc.tables[0].header_rows == 2


def test_table_without_tbl_header_has_no_header_rows(tmp_path):
    document = docx.Document()
    _grid_table(document, 3, 2)
    doc = _read(_save(document, tmp_path / "noheaders.docx"))
    assert doc.tables[0].header_rows == 0


def test_row_with_tbl_header_switched_off_is_not_a_header_row(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 3, 2)
    _flag_header(table.rows[0], "false")
    doc = _read(_save(document, tmp_path / "headeroff.docx"))
    assert doc.tables[0].header_rows == 0


def test_multi_paragraph_cell_keeps_its_paragraphs_on_separate_lines(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 1, 2)
    cell = table.cell(0, 1)
    cell.text = "Sandy McMillan/"
    cell.add_paragraph("Sue Disley")
    cell.add_paragraph("")
    doc = _read(_save(document, tmp_path / "paragraphs.docx"))
    assert doc.tables[0].rows[0][1].text == "Sandy McMillan/\nSue Disley"


def test_nested_table_rows_follow_the_cell_text_as_tab_separated_lines(tmp_path):
    document = docx.Document()
    table = _grid_table(document, 1, 2)
    cell = table.cell(0, 1)
    cell.text = "Funding:"
    inner = cell.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "ABG", (0, 1): "£36,674", (1, 0): "PCT", (1, 1): "£33,803"}.items():
        inner.cell(r, c).text = text
    doc = _read(_save(document, tmp_path / "nested.docx"))
    assert len(doc.tables) == 1
    assert doc.tables[0].rows[0][1].text == "Funding:\nABG\t£36,674\nPCT\t£33,803"


# --- files that cannot be read ----------------------------------------------------------------

def test_random_bytes_named_docx_are_rejected_naming_the_file(tmp_path):
    path = tmp_path / "return.docx"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(UnsupportedFile) as caught:
        _read(path)
    assert str(caught.value).startswith("return.docx: ")
    assert caught.value.code == "unsupported_file"


def test_zip_without_word_document_named_docx_is_rejected_naming_the_file(tmp_path):
    path = tmp_path / "return.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("notes.txt", "Quarter 3")
    with pytest.raises(FileRejected) as caught:
        _read(path)
    assert isinstance(caught.value, (UnsupportedFile, CorruptFile))
    assert str(caught.value).startswith("return.docx: ")


def test_zip_without_word_document_given_to_the_docx_reader_is_corrupt(tmp_path):
    path = tmp_path / "return.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "Quarter 3")
    source = SourceFile(path, "Q3 return.docx", "0" * 64, path.stat().st_size, FileType.DOCX)
    with pytest.raises(CorruptFile) as caught:
        docx_extractor.extract(source, SETTINGS)
    assert str(caught.value).startswith("Q3 return.docx: the Word file is damaged and cannot be read")
    assert isinstance(caught.value.__cause__, KeyError)


def test_truncated_docx_is_corrupt(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    whole = _save(document, tmp_path / "whole.docx").read_bytes()
    path = tmp_path / "cut.docx"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(CorruptFile) as caught:
        _read(path)
    assert str(caught.value) == (
        "cut.docx: the file is damaged (its zip container cannot be opened); "
        "save it again from Word and put the new copy in the inbox."
    )


def test_docx_with_unreadable_document_xml_is_corrupt(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    good = _save(document, tmp_path / "good.docx")
    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, b"<w:document" if name == "word/document.xml" else data)
    with pytest.raises(CorruptFile, match=r"^broken\.docx: the Word file is damaged and cannot be read"):
        _read(path)


def test_damaged_docx_message_shows_no_class_name(tmp_path):
    path = tmp_path / "return.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(CorruptFile) as caught:
        _read(path)
    assert type(caught.value.__cause__).__name__ not in str(caught.value)


def test_empty_file_named_docx_raises_empty_file(tmp_path):
    path = tmp_path / "return.docx"
    path.write_bytes(b"")
    with pytest.raises(EmptyFile) as caught:
        _read(path)
    assert str(caught.value) == "return.docx: the file is empty (0 bytes); send the return again."


def test_docx_without_text_or_tables_raises_empty_file(tmp_path):
    path = _save(docx.Document(), tmp_path / "blank.docx")
    with pytest.raises(EmptyFile) as caught:
        _read(path)
    assert str(caught.value) == "blank.docx: the Word file has no text or tables; send the completed return."


def test_docx_zip_bomb_is_refused_before_parsing(tmp_path):
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    good = _save(document, tmp_path / "good.docx")
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            target.writestr(name, source.read(name))
        target.writestr("word/media/padding.bin", bytes(4 * 1024 * 1024))
    with pytest.raises(TooLarge, match=r"^bomb\.docx: the file unpacks to "):
        _read(path)


# --- the committed sample ---------------------------------------------------------------------

def test_commitments_sample_has_four_tables_of_9_8_2_2_rows(sample):
    doc = _read(sample("adult-services-commitments-q3-2007-08.docx"))
    assert [len(t.rows) for t in doc.tables] == [9, 8, 2, 2]
    assert [t.header_rows for t in doc.tables] == [1, 1, 1, 1]
    assert [t.width for t in doc.tables] == [4, 4, 4, 5]
    assert [t.heading for t in doc.tables] == [
        "A – Improved Quality of Life for People",
        "A – Improved Quality of Life for People cont",
        "C – Improving Services to Deliver High Quality and Value for Money",
        "MTCS targets and priorities Older People (None LAA) Q3 2007-2008",
    ]


def test_commitments_sample_first_table_reads_as_the_seed(sample):
    doc = _read(sample("adult-services-commitments-q3-2007-08.docx"))
    first = doc.tables[0]
    assert [c.text for c in first.rows[0]] == [
        "Commitment", "Responsible Officer", "Red/Amber/ Green?", "Comments On Progress"]
    assert [c.text for c in first.rows[1]] == ["Adults", "", "", ""]
    assert [(row[1].text, row[2].text) for row in first.rows[2:]] == [
        ("Sheila Rochester", "Green"), ("Sheila Rochester", "Green"), ("Sandy McMillan", "Green"),
        ("Sheila Rochester", "Green"), ("Sheila Rochester", "Red"), ("Sheila Rochester", "Green"),
        ("Sue Disley", "Amber"),
    ]
    assert first.rows[8][0].text == (
        "Create a range of new opportunities for people with learning disabilities, and will significantly "
        "increase choice and promote independence. In 2007-08, the programme will focus on Charnwood and "
        "North West Leicestershire"
    )


def test_commitments_sample_rag_cells_carry_their_fills(sample):
    doc = _read(sample("adult-services-commitments-q3-2007-08.docx"))
    first = doc.tables[0]
    assert first.rows[2][2].fill == "#00B050"
    assert [row[2].fill for row in first.rows] == [
        "#D9D9D9", None, "#00B050", "#00B050", "#00B050", "#00B050", "#FF0000", "#00B050", "#FFC000"]
    assert [c.fill for c in first.rows[0]] == ["#D9D9D9"] * 4
    assert [row[3].fill for row in doc.tables[3].rows] == ["#D9D9D9", "#FFC000"]


def test_commitments_sample_blocks_are_the_title_headings_and_legends(sample):
    doc = _read(sample("adult-services-commitments-q3-2007-08.docx"))
    headings = [(b.kind, b.level, b.text) for b in doc.blocks if b.kind is not BlockKind.PARAGRAPH]
    assert headings == [
        (BlockKind.HEADING, 1, "MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services"),
        (BlockKind.HEADING, 2, "A – Improved Quality of Life for People"),
        (BlockKind.HEADING, 2, "A – Improved Quality of Life for People cont"),
        (BlockKind.HEADING, 2, "C – Improving Services to Deliver High Quality and Value for Money"),
        (BlockKind.HEADING, 2, "MTCS targets and priorities Older People (None LAA) Q3 2007-2008"),
    ]
    assert len(doc.blocks) == 17
    assert [b.text for b in doc.blocks[2:5]] == [
        "Green – On Trajectory",
        "Amber – Off Trajectory, but With Prospects For Recovery With Remedial Action",
        "Red- Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory "
        "Back On Target",
    ]


def test_a_running_header_and_footer_are_read_once_ahead_of_the_body_and_give_the_facts(tmp_path):
    from pipeline.models import Narrative
    from pipeline.normalise import normalise

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Tamworth Borough Council - Quarter 2 2019/20"
    section.footer.paragraphs[0].text = "Corporate scorecard"
    document.add_paragraph("Performance this quarter was mixed.")
    doc = _read(_save(document, tmp_path / "running.docx"))
    assert [(b.kind.value, b.text) for b in doc.blocks] == [
        ("running", "Tamworth Borough Council - Quarter 2 2019/20"), ("running", "Corporate scorecard"),
        ("paragraph", "Performance this quarter was mixed.")]
    info = normalise(doc).info
    assert (info.organisation, info.financial_year, info.quarter) == ("Tamworth Borough Council", "2019/20", 2)
    assert [n.heading for n in normalise(doc).of(Narrative)] == [None]


# --- reading the package part by part, as python-docx would read it whole -------------------------

ROOT = Path(__file__).resolve().parents[1]
WORD_FILES = sorted([*(ROOT / "samples").rglob("*.docx"), *(ROOT.parent / "shared" / "corpus" / "real-dev").glob("*.docx")])


@pytest.mark.parametrize("path", WORD_FILES, ids=lambda p: p.name)
def test_paragraph_text_and_style_names_are_python_docx_s(path):
    document = docx.Document(str(path))
    paragraphs = list(document.element.body.iter(qn("w:p")))
    assert [docx_extractor._paragraph_text(p) for p in paragraphs] == [
        docx.text.paragraph.Paragraph(p, document).text for p in paragraphs]
    expected = {style.style_id: style.name or style.style_id for style in document.styles}
    with zipfile.ZipFile(path) as archive:
        package = docx_extractor._Package(archive, SETTINGS, path.name)
        names = docx_extractor._StyleNames(package, package.related(package.main_part()))
        assert {style_id: names.name(style_id) for style_id in expected} == expected
        # each style was cut out of the part on its own: the part was never parsed whole
        assert names.whole is None


def _styles_part(path: Path, styles: bytes) -> Path:
    document = docx.Document()
    document.add_paragraph("Performance overview", style="Heading 1")
    document.add_paragraph("Quarter 2")
    _save(document, path)
    out = path.with_name("renamed.docx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/styles.xml":
                data = styles
            elif item.filename == "word/document.xml":
                data = data.replace(b'w:val="Heading1"', b'w:val="berschrift1"')
            target.writestr(item, data)
    return out


W_NS = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


@pytest.mark.parametrize(("styles", "heading"), [
    # German Word writes "berschrift1" as the id of the built-in style named "heading 1"
    (b'<w:style w:type="paragraph" w:styleId="Standard"><w:name w:val="Normal"/></w:style>'
     b'<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/>'
     b'<w:basedOn w:val="Standard"/></w:style>', ("Heading 1", 1)),
    # written twice, the cut would be ambiguous: the part is parsed whole, and the last wins as in python-docx
    (b'<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="Body Text"/></w:style>'
     b'<w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 2"/></w:style>', ("Heading 2", 2)),
], ids=["by its name", "written twice"])
def test_a_paragraph_style_is_named_as_python_docx_names_it(tmp_path, styles, heading):
    part = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles ' + W_NS + b'>' + styles + b'</w:styles>'
    read = _read(_styles_part(tmp_path / "styled.docx", part))
    assert [(b.kind, b.text, b.style, b.level) for b in read.blocks] == [
        (BlockKind.HEADING, "Performance overview", *heading), (BlockKind.PARAGRAPH, "Quarter 2", "Normal", 0)]


def test_a_styles_part_that_is_not_what_word_writes_is_corrupt(tmp_path):
    with pytest.raises(CorruptFile) as refused:
        _read(_styles_part(tmp_path / "bad.docx", b"<x/>"))
    assert str(refused.value) == (
        "renamed.docx: the Word file is damaged and cannot be read (its part word/styles.xml is not what Word "
        "writes there); open it in Word, save it again and put the new copy in the inbox.")
