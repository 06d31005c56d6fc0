"""Excel workbooks: sheets, tables split by blank rows and columns, values as printed, fills as RGB."""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

import extractors
from extractors.detect import source_file
from extractors.xlsx_style import apply_tint, display_text
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, TooLarge
from pipeline.models import BlockKind, ExtractedDocument, RawTable

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "environment-scorecard-q2-2009-10"
CORPUS = ROOT.parent / "shared" / "corpus" / "real-dev"
EPOCH = datetime.datetime(1899, 12, 30)


def _extract(path: Path) -> ExtractedDocument:
    settings = Settings()
    return extractors.extract(source_file(path, settings), settings)


def _save(book: Workbook, path: Path, cached: dict[str, str] | None = None) -> Path:
    """Save a workbook; `cached` puts back the value Excel would have cached for a formula cell."""
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                for address, value in (cached or {}).items():
                    text = re.sub(rf'(<c r="{address}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", text)
                data = text.encode()
            target.writestr(item, data)
    return path


def _texts(table: RawTable) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


@pytest.mark.parametrize(("value", "number_format", "printed"), [
    (0.544, "0.0%", "54.4%"),
    (0.2, "0%", "20%"),
    (41072522, "#,##0", "41,072,522"),
    (243892497, '"£"#,##0', "£243,892,497"),
    (9.5, '0.0 "Days"', "9.5 Days"),
    (3, '0 "Days"', "3 Days"),
    (85.89, "0.00", "85.89"),
    (75, "0.00", "75.00"),
    (0.30000000000000004, "General", "0.3"),
    (datetime.datetime(2010, 3, 31), "dd/mm/yyyy", "31/03/2010"),
    (datetime.datetime(2008, 2, 22), "d mmmm yyyy", "22 February 2008"),
    (True, "General", "TRUE"),
    ("  On target ", "General", "On target"),
])
def test_a_stored_value_reads_as_its_number_format_prints_it(value, number_format, printed):
    assert display_text(value, number_format, EPOCH) == printed


def test_tint_lightens_and_darkens_as_excel_does():
    assert apply_tint("4F81BD", 0.0) == "4F81BD"
    assert apply_tint("4F81BD", 0.3999755851924192) == "95B3D7"  # Excel's "Accent 1, lighter 40%"
    darker = apply_tint("C0504D", -0.249977111117893)  # "Accent 2, darker 25%": Excel shows 943634
    assert [abs(int(darker[i:i + 2], 16) - int("943634"[i:i + 2], 16)) <= 1 for i in (0, 2, 4)] == [True] * 3


def test_theme_indexed_and_rgb_fills_resolve_to_rgb(tmp_path):
    book = Workbook()
    sheet = book.active
    rows = [("Ref", "Status"), ("1", None), ("2", None), ("3", None), ("4", None)]
    for row in rows:
        sheet.append(row)
    sheet["B2"].fill = PatternFill("solid", fgColor=Color(theme=9))  # accent6 of the default theme
    sheet["B3"].fill = PatternFill("solid", fgColor=Color(theme=4, tint=0.3999755851924192))
    sheet["B4"].fill = PatternFill("solid", fgColor=Color(indexed=10))
    sheet["B5"].fill = PatternFill("solid", fgColor="FF92D050")
    [table] = _extract(_save(book, tmp_path / "fills.xlsx")).tables
    assert [row[1].fill for row in table.rows] == [None, "#F79646", "#95B3D7", "#FF0000", "#92D050"]


def test_tables_split_by_blank_rows_and_columns_each_under_its_caption(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet["A1"] = "Waste"
    sheet["A1"].font = Font(bold=True)
    sheet.append(["Measure", "Q1"])
    sheet.append(["Recycling", 0.41])
    sheet["B3"].number_format = "0%"
    sheet["E1"] = "Street cleanliness"
    sheet["E1"].font = Font(bold=True)
    sheet["E2"], sheet["F2"] = "Measure", "Q1"
    sheet["E3"], sheet["F3"] = "Litter", 7
    sheet["A6"] = "Note: figures are provisional."
    sheet["A8"], sheet["B8"] = "Code", "Action"
    sheet["A9"], sheet["B9"] = "1", "Recruit two wardens"
    document = _extract(_save(book, tmp_path / "split.xlsx"))
    assert [(t.heading, _texts(t)) for t in document.tables] == [
        ("Waste", [["Measure", "Q1"], ["Recycling", "41%"]]),
        ("Street cleanliness", [["Measure", "Q1"], ["Litter", "7"]]),
        ("Note: figures are provisional.", [["Code", "Action"], ["1", "Recruit two wardens"]]),
    ]
    assert [(b.kind, b.text) for b in document.blocks] == [
        (BlockKind.TITLE, "Waste"), (BlockKind.HEADING, "Street cleanliness"),
        (BlockKind.PARAGRAPH, "Note: figures are provisional."),
    ]
    assert [c.address for c in document.tables[1].rows[1]] == ["E3", "F3"]


def test_the_scorecard_workbook_yields_the_tables_and_text_of_its_word_edition():
    workbook, word = _extract(SAMPLE.with_suffix(".xlsx")), _extract(SAMPLE.with_suffix(".docx"))
    assert [_texts(t) for t in workbook.tables] == [_texts(t) for t in word.tables]
    assert [[c.fill for row in t.rows for c in row] for t in workbook.tables] == \
        [[c.fill for row in t.rows for c in row] for t in word.tables]
    assert [(t.heading, t.header_rows) for t in workbook.tables] == [(t.heading, t.header_rows) for t in word.tables]
    assert [b.text for b in workbook.blocks] == [b.text for b in word.blocks]
    assert workbook.pages == 2  # the hidden Workings sheet is not read


def test_the_scorecard_reads_fractions_as_percentages_and_the_formula_from_its_cached_value():
    indicators = _extract(SAMPLE.with_suffix(".xlsx")).tables[0]
    assert _texts(indicators)[1] == ["NI 192", "Percentage of household waste sent for reuse, recycling and "
                                     "composting", "38.2%", "40.0%", "41.3%", "39.6%", ""]
    income = indicators.rows[-1]
    assert [(c.text, c.address) for c in income[2:6]] == [
        ("£1,204,300", "C16"), ("£1,250,000", "D16"), ("£612,400", "E16"), ("£1,233,950", "F16")]
    assert "withdrawn" not in " ".join(c.text for row in indicators.rows for c in row)  # row 14 is hidden


def test_colour_only_status_gives_the_same_rag_as_in_word(loaded):
    rows = {}
    for ext in ("xlsx", "docx"):
        db = loaded(SAMPLE.with_suffix(f".{ext}").name)
        rows[ext] = [tuple(r.values()) for r in db.query("select ref, rag, rag_raw from actions order by id")]
    assert rows["xlsx"] == rows["docx"] == [("1", "green", "#92D050"), ("2", "red", "#FF0000"),
                                            ("3", "amber", "#F79646")]


def test_source_cells_name_the_sheet_and_cell_beside_the_sheet_number(loaded):
    db = loaded(SAMPLE.with_suffix(".xlsx").name)
    found = list(db.query("select page, sheet, address, text, fill from source_cells where address in "
                          "('F16', 'G10', 'E5') order by page, address"))
    assert found == [
        {"page": 1, "sheet": "Scorecard", "address": "F16", "text": "£1,233,950", "fill": None},
        {"page": 1, "sheet": "Scorecard", "address": "G10", "text": "", "fill": "#F79646"},
        {"page": 2, "sheet": "Actions", "address": "E5", "text": "", "fill": "#F79646"},
    ]


def test_merged_ranges_are_one_cell_with_their_spans():
    document = _extract(CORPUS / "14_warwickshire_fire_rescue_targets_and_measures_2019-20.xlsx")
    [table] = document.tables
    merged = [(c.text, c.address, c.row_span, c.col_span) for row in table.rows for c in row
              if c.row_span > 1 or c.col_span > 1]
    assert merged == [
        ("Priority", "A3:A4", 2, 1), ("Measures", "B3:B4", 2, 1), ("Actuals", "C3:G3", 1, 5),
        ("The public is kept safe (measure definition)", "A5:A17", 13, 1), ("New measure", "C5:D5", 1, 2),
        ("New measure", "C6:D6", 1, 2), ("New measure", "C7:F7", 1, 4), ("New measure", "C8:F8", 1, 4),
        ("Firefighters are kept safe (measure definition)", "A18:A19", 2, 1),
    ]
    assert (table.heading, table.header_rows, table.width, len(table.rows)) == ("Our targets and measures", 2, 9, 17)
    assert _texts(table)[10] == ["Incidents", "2,613", "2,659", "3,306", "3,076", "3,463", "3,494", "1,409"]
    assert {c.fill for c in table.rows[0]} == {"#C00000"}


def test_every_visible_sheet_in_order_with_its_tables_under_their_captions():
    document = _extract(CORPUS / "18_anglia_revenues_partnership_q4_2018-19_performance_report.xlsx")
    assert document.pages == 2
    assert [(b.page, b.kind, b.text) for b in document.blocks[:3]] == [
        (1, BlockKind.TITLE, "Q4 2018-2019 Performance report"), (1, BlockKind.HEADING, "March 2019"),
        (2, BlockKind.HEADING, "All Partner Councils Combined")]
    assert [(t.page_start, t.heading, t.width, len(t.rows)) for t in document.tables] == [
        (1, "March 2019", 2, 9), (2, "Business Rates Collection", 5, 5), (2, "Council Tax Collection", 5, 5),
        (2, "Number of Electronic Forms Received", 5, 3), (2, "Fraud and Compliance", 3, 7)]
    assert _texts(document.tables[1])[4] == ["Year End Target", "£243,892,497", "", "", ""]
    assert _texts(document.tables[4])[-1] == ["Fraud Identified", "£2,757,704", "£1,300,000"]


def test_percentages_stored_as_fractions_read_as_printed_with_status_fills():
    document = _extract(CORPUS / "22_bracknell_forest_quarterly_kpis_q4_2024-25.xlsx")
    kpis = document.tables[-1]
    assert kpis.heading == "Performance quarterly indicators for engaged and healthy communities"
    assert [row[3].text for row in kpis.rows] == [
        "Last period", "20%", "73.4%", "10,966", "43%", "65%", "99%", "222", "53.6%", "72%"]
    assert [(row[6].text, row[6].fill) for row in kpis.rows[7:9]] == [("Green", "#C6EFCE"), ("Red", "#FFC7CE")]
    assert [b.text for b in document.blocks if b.kind is BlockKind.PARAGRAPH] == [
        "Published: 2 July 2025", "This is the key performance data for quarter 4, 2024 to 2025."]


def test_a_formula_is_read_from_its_cached_value_and_never_evaluated(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Measure", "Q1", "Q2"])
    sheet.append(["Takings", 612400, "=B2+621550"])
    sheet.append(["From the budget book", 1, "='C:\\Finance\\[budget.xlsx]Income'!B4"])
    path = _save(book, tmp_path / "formulas.xlsx", cached={"C2": "1233950"})
    [table] = _extract(path).tables
    # C2 keeps the value Excel cached; C3 was never calculated, so nothing is shown, not a recalculation
    assert _texts(table) == [["Measure", "Q1", "Q2"], ["Takings", "612400", "1233950"],
                             ["From the budget book", "1", ""]]


def test_a_macro_workbook_is_read_from_its_stored_values(tmp_path):
    path = tmp_path / "scorecard.xlsm"
    with zipfile.ZipFile(SAMPLE.with_suffix(".xlsx")) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        target.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 Sub Auto_Open(): Kill \"*.*\"")
    document = _extract(path)
    assert [_texts(t) for t in document.tables] == [_texts(t) for t in _extract(SAMPLE.with_suffix(".xlsx")).tables]


def test_a_damaged_workbook_is_refused_as_corrupt(tmp_path):
    path = tmp_path / "scorecard.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook")
    with pytest.raises(CorruptFile) as caught:
        _extract(path)
    assert str(caught.value) == ("scorecard.xlsx: the Excel file is damaged and cannot be read; open it in "
                                 "Excel, save it again and put the new copy in the inbox.")


def test_a_workbook_with_nothing_on_its_visible_sheets_is_empty(tmp_path):
    book = Workbook()
    hidden = book.create_sheet("Old")
    hidden["A1"] = "Q1 figures"
    hidden.sheet_state = "hidden"
    with pytest.raises(EmptyFile) as caught:
        _extract(_save(book, tmp_path / "blank.xlsx"))
    assert str(caught.value) == ("blank.xlsx: the workbook's visible sheets hold no text or tables; "
                                 "send the completed return.")


def test_a_sheet_padded_to_its_last_cell_is_refused_naming_the_limit(tmp_path):
    book = Workbook()
    book.active["A1"] = "Scorecard"
    book.active["XFD1048576"] = "x"
    with pytest.raises(TooLarge) as caught:
        _extract(_save(book, tmp_path / "padded.xlsx"))
    assert str(caught.value) == (
        "padded.xlsx: sheet 'Sheet' spans 17,179,869,184 cells, over the limit of 2,000,000; it may be "
        "padded on purpose. Delete the empty rows and columns.")


def test_an_absurd_merged_range_is_refused_before_the_workbook_is_loaded(tmp_path):
    book = Workbook()
    book.active["A1"] = "Scorecard"
    path = _save(book, tmp_path / "merged.xlsx")
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'</sheetData><mergeCells count="1">'
                                    b'<mergeCell ref="A1:XFD1048576"/></mergeCells>')
            target.writestr(item, data)
    with pytest.raises(TooLarge) as caught:
        _extract(hostile)
    assert str(caught.value) == (
        "hostile.xlsx: a sheet merges 17,179,869,184 cells or more, over the limit of 2,000,000; it may be "
        "built to exhaust the reader. Unmerge the cells and resend it.")
