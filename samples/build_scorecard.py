"""Build the sample performance scorecard as an Excel workbook, with a Word edition of the same text.

``environment-scorecard-q2-2009-10.xlsx`` is laid out as councils keep scorecards in
Excel: a title, the reporting date, the colour key, then a table of indicators whose
percentages are stored as fractions under percentage formats, weights and days under
custom formats, money under a pound format, one figure as a formula with its cached
value, and status cells shown only by their fill (a theme colour, an indexed colour and
RGB colours). A hidden row and a hidden sheet hold workings no reader sees. A second
sheet tracks the improvement actions. ``environment-scorecard-q2-2009-10.docx`` prints
the same text as a Word return would.

With ``--legacy`` LibreOffice also writes the .xls and .ods editions of the workbook.

Usage::

    python samples/build_scorecard.py [--legacy]
"""

import argparse
import datetime
import io
import re
import zipfile
from pathlib import Path

from docx.shared import Cm
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color

import build

OUTPUT_DIR = Path(__file__).resolve().parent
STEM = "environment-scorecard-q2-2009-10"
TITLE = "Performance Scorecard Q2 2009/10 - Environment and Neighbourhoods"
REPORT_DATE = datetime.datetime(2009, 10, 16)
LEGEND = [
    "Green – On or above target",
    "Amber – Below target but within 10%",
    "Red – More than 10% below target",
]
INDICATOR_CAPTION = "Performance indicators"
INDICATOR_HEADER = ["PI Code", "Indicator", "2008/09 Outturn", "Target 2009/10", "Q1 2009/10",
                    "Q2 2009/10", "Status"]

# Status fills as the workbook stores them, and the RGB each shows (the Word edition's shading).
AMBER_THEME = Color(theme=9)  # accent6 of the Office theme openpyxl writes: F79646
RED_INDEXED = Color(indexed=10)  # FF0000 in Excel's standard palette
GREEN_INDEXED = Color(indexed=17)  # 008000
LIGHT_GREEN = Color(rgb="FF92D050")
GREEN = Color(rgb="FF00B050")
SHOWN = {id(AMBER_THEME): "F79646", id(RED_INDEXED): "FF0000", id(GREEN_INDEXED): "008000",
         id(LIGHT_GREEN): "92D050", id(GREEN): "00B050"}

# code, description, (stored value, number format, printed text) for outturn, target, Q1, Q2; status
INDICATORS = [
    ("NI 192", "Percentage of household waste sent for reuse, recycling and composting",
     [(0.382, "0.0%", "38.2%"), (0.4, "0.0%", "40.0%"), (0.413, "0.0%", "41.3%"), (0.396, "0.0%", "39.6%")],
     AMBER_THEME),
    ("NI 191", "Residual household waste per household",
     [(662, '0 "kg"', "662 kg"), (640, '0 "kg"', "640 kg"), (158, '0 "kg"', "158 kg"),
      (161, '0 "kg"', "161 kg")],
     LIGHT_GREEN),
    ("NI 195a", "Improved street and environmental cleanliness: litter",
     [(0.09, "0%", "9%"), (0.08, "0%", "8%"), (0.07, "0%", "7%"), (0.06, "0%", "6%")],
     GREEN),
    ("BV 218b", "Percentage of abandoned vehicles removed within 24 hours",
     [(0.915, "0.0%", "91.5%"), (0.95, "0%", "95%"), (0.962, "0.0%", "96.2%"), (0.97, "0.0%", "97.0%")],
     GREEN),
    ("LPI 0535", "Average days to remove a fly-tip",
     [(2.1, '0.0 "days"', "2.1 days"), (2, '0.0 "days"', "2.0 days"), (2.4, '0.0 "days"', "2.4 days"),
      (2.6, '0.0 "days"', "2.6 days")],
     RED_INDEXED),
    ("", "Income from trade waste collection",
     [(1204300, '"£"#,##0', "£1,204,300"), (1250000, '"£"#,##0', "£1,250,000"),
      (612400, '"£"#,##0', "£612,400"), (1233950, '"£"#,##0', "£1,233,950")],
     GREEN_INDEXED),
]
# Q2 income is a formula: Q1 plus the takings on the hidden Workings sheet; its value is the one Excel cached.
FORMULA_CELL, FORMULA, FORMULA_VALUE = "F16", "E16+Workings!B1", 1233950
HIDDEN_ROW = ("NI 193", "Percentage of municipal waste land filled (withdrawn)",
              [(0.52, "0.0%", "52.0%")] * 4)

ACTION_CAPTION = "Improvement actions"
ACTION_HEADER = ["Ref", "Action", "Lead Officer", "Target Date", "Status", "Progress update"]
ACTIONS = [
    ("1", "Roll out food waste collection to 12,000 further households", "Sue Carter",
     datetime.datetime(2010, 3, 31), "31/03/2010", LIGHT_GREEN,
     "8,400 households now served; the remaining rounds start in January."),
    ("2", "Introduce a weekend fly-tipping response team", "Mark Ellis",
     datetime.datetime(2009, 12, 1), "01/12/2009", RED_INDEXED,
     "Recruitment delayed; agency staff cover two weekends a month."),
    ("3", "Review trade waste charges with Finance", "Sue Carter/ Raj Patel",
     datetime.datetime(2009, 11, 30), "30/11/2009", AMBER_THEME,
     "Draft charges are with Finance for comment."),
]

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="FFD9D9D9")


def _solid(colour):
    return PatternFill("solid", fgColor=colour)


def build_workbook():
    """Write the Excel scorecard, with the formula's cached value put back into the file."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    sheet["A1"] = TITLE
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = "Reporting date:"
    sheet["B2"] = REPORT_DATE
    sheet["B2"].number_format = "dd/mm/yyyy"
    for offset, line in enumerate(LEGEND):
        sheet.cell(4 + offset, 1, line)
    sheet["A8"] = INDICATOR_CAPTION
    sheet["A8"].font = BOLD
    for col, text in enumerate(INDICATOR_HEADER, start=1):
        cell = sheet.cell(9, col, text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    row = 10
    for code, description, values, status in INDICATORS[:4] + [HIDDEN_ROW + (None,)] + INDICATORS[4:]:
        sheet.cell(row, 1, code or None)
        sheet.cell(row, 2, description)
        for col, (value, number_format, _) in enumerate(values, start=3):
            sheet.cell(row, col, value).number_format = number_format
        if status is None:
            sheet.row_dimensions[row].hidden = True
        else:
            sheet.cell(row, 7).fill = _solid(status)
        row += 1
    sheet[FORMULA_CELL] = f"={FORMULA}"
    for letter, width in zip("ABCDEFG", (10, 60, 16, 16, 12, 12, 10)):
        sheet.column_dimensions[letter].width = width

    actions = book.create_sheet("Actions")
    actions["A1"] = ACTION_CAPTION
    actions["A1"].font = BOLD
    for col, text in enumerate(ACTION_HEADER, start=1):
        cell = actions.cell(2, col, text)
        cell.font, cell.fill = BOLD, HEADER_FILL
    for index, (ref, action, lead, due, _, status, progress) in enumerate(ACTIONS, start=3):
        actions.cell(index, 1, ref)
        actions.cell(index, 2, action)
        actions.cell(index, 3, lead)
        actions.cell(index, 4, due).number_format = "dd/mm/yyyy"
        actions.cell(index, 5).fill = _solid(status)
        actions.cell(index, 6, progress)

    workings = book.create_sheet("Workings")
    workings["A1"] = "Q2 takings"
    workings["B1"] = 621550
    workings.sheet_state = "hidden"

    book.properties.creator = build.AUTHOR
    book.properties.created = book.properties.modified = build.FIXED_DATE
    buffer = io.BytesIO()
    book.save(buffer)
    return _save_with_cached_value(buffer, OUTPUT_DIR / f"{STEM}.xlsx")


def _save_with_cached_value(buffer, path):
    """openpyxl writes a formula without a value; put back the one Excel would have cached."""
    pattern = re.compile(rf'(<c r="{FORMULA_CELL}"[^>]*><f>{re.escape(FORMULA)}</f>)<v\s*/?>(</v>)?')
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text, count = pattern.subn(rf"\g<1><v>{FORMULA_VALUE}</v>", data.decode("utf-8"))
                assert count == 1, "the formula cell was not found"
                data = text.encode("utf-8")
            info = zipfile.ZipInfo(item.filename, date_time=build.FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return path


def build_word_edition():
    """Write the same scorecard as a Word return, status cells shaded with the colours Excel shows."""
    doc = build.new_document(TITLE, landscape=True)
    doc.add_paragraph(TITLE, style="Heading 1")
    build.add_paragraph(doc, f"Reporting date: {REPORT_DATE:%d/%m/%Y}")
    for line in LEGEND:
        build.add_paragraph(doc, line)
    doc.add_paragraph(INDICATOR_CAPTION, style="Heading 2")
    rows = [INDICATOR_HEADER] + [
        [code, description, *(printed for _, _, printed in values), ""]
        for code, description, values, _ in INDICATORS
    ]
    table = build.add_table(doc, rows, [Cm(2.2), Cm(9.0), Cm(2.6), Cm(2.6), Cm(2.4), Cm(2.4), Cm(2.0)])
    for row, (_, _, _, status) in zip(table.rows[1:], INDICATORS):
        build.shade_cell(row.cells[6], SHOWN[id(status)])
    doc.add_paragraph(ACTION_CAPTION, style="Heading 2")
    rows = [ACTION_HEADER] + [[ref, action, lead, printed, "", progress]
                              for ref, action, lead, _, printed, _, progress in ACTIONS]
    table = build.add_table(doc, rows, [Cm(1.2), Cm(8.0), Cm(3.6), Cm(2.6), Cm(2.0), Cm(8.0)])
    for row, action in zip(table.rows[1:], ACTIONS):
        build.shade_cell(row.cells[4], SHOWN[id(action[5])])
    return build.save_document(doc, f"{STEM}.docx")


def main():
    """Build the workbook and its Word edition and, if asked, the .xls and .ods editions."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--legacy", action="store_true", help="also write .xls and .ods editions")
    args = parser.parse_args()
    workbook = build_workbook()
    paths = [workbook, build_word_edition()]
    if args.legacy:
        build.convert_to_pdf([workbook], "xls")
        build.convert_to_pdf([workbook], "ods")
        paths += [workbook.with_suffix(".xls"), workbook.with_suffix(".ods")]
    for path in paths:
        print(path.relative_to(OUTPUT_DIR.parent))


if __name__ == "__main__":
    main()
