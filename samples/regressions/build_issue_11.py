"""Build the PDF layout regressions of issue 11 as Word files, and their PDFs with LibreOffice.

* ``issue-11-unruled-tables.docx``: three tables as councils rule them: horizontal rules
  only, a ruled header over unruled rows (long enough to run onto a second page, its header
  repeated, with colour-only status cells), and no lines at all; cells wrap over lines.
* ``issue-11-pdf-text.docx``: a RAG legend, a list of indicator codes and a bulleted list,
  one line each with no spacing between them, under a running header and a footer with
  the page number, over two pages.

Usage::

    python samples/regressions/build_issue_11.py
"""

import sys
from pathlib import Path

from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import build  # noqa: E402  the seed builder's document helpers

RULES_ONLY = [
    ["Ref", "Action", "Lead Officer", "Progress"],
    ["1", "Review the hospital discharge pathway with the acute trust and agree joint targets",
     "Jane Hollis", "Joint targets agreed in October; the first monthly report is due in January."],
    ["2", "Recruit two reablement co-ordinators", "Tom Price", "Both posts filled."],
    ["3", "Publish the carers' assessment leaflet in four community languages", "Asha Mistry",
     "Translations are with the printers."],
]
HEADER_RULE = [["Code", "Indicator", "Q2 2009/10", "Status"]] + [
    [f"LPI {100 + n}", f"Average days to process a {kind} application, measured from receipt of "
     "the completed form to the decision letter", f"{8 + n % 5}.{n % 10}", ""]
    for n, kind in enumerate(["housing benefit", "council tax reduction", "blue badge", "parking permit",
                              "garden waste", "school transport", "free school meals", "disabled facilities",
                              "discretionary housing", "licensing", "planning", "building control",
                              "street trading", "taxi licence", "premises licence", "event notice",
                              "pavement licence", "skip permit"])
]
STATUS_FILLS = ["00B050", "FFC000", "FF0000"]
NO_LINES = [
    ["Measure", "Target", "Actual"],
    ["Missed bins per 100,000 collections", "50", "38"],
    ["Streets below grade B for litter", "8%", "6%"],
]
LEGEND = [
    "Green – On or above target",
    "Amber – Below target but within 10%",
    "Red – More than 10% below target",
]
CODES = [
    "CS EPI CS18 Percentage of children looked after with three or more placements",
    "CS EPI CS19 Stability of placements of children looked after",
    "CS EPI CS20 Timeliness of reviews of children in need",
    "CS EPI CS21 Child protection cases reviewed within timescales",
]
BULLETS = ["Two posts filled in the reablement team", "Carers' leaflet translated", "Discharge targets agreed"]


def _borders(table, **sides):
    """Set a table's borders: each side "single" or "nil"."""
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{side}")
        value = sides.get(side, "nil")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "6")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    properties.append(borders)


def _cell_bottom_rule(cell):
    tc_pr = cell._tc.get_or_add_tcPr()
    borders = OxmlElement("w:tcBorders")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "8"), ("space", "0"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    tc_pr.append(borders)


def _table(doc, rows, widths):
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.autofit = False
    for r, values in enumerate(rows):
        for c, (text, width) in enumerate(zip(values, widths)):
            cell = table.cell(r, c)
            cell.width = width
            cell.text = text
            if r == 0:
                build.bold_cell(cell)
    build.mark_header_row(table.rows[0])
    return table


def build_unruled_tables():
    """Three tables: rules between rows only, a ruled header over unruled rows, no lines."""
    doc = build.new_document("Adult Services improvement tracker Q2 2009/10")
    doc.add_paragraph("Adult Services improvement tracker Q2 2009/10", style="Heading 1")
    doc.add_paragraph("Actions", style="Heading 2")
    table = _table(doc, RULES_ONLY, [Cm(1.2), Cm(6.5), Cm(3.0), Cm(6.3)])
    _borders(table, top="single", bottom="single", insideH="single")
    doc.add_paragraph("Processing times", style="Heading 2")
    table = _table(doc, HEADER_RULE, [Cm(2.2), Cm(9.8), Cm(2.6), Cm(2.4)])
    _borders(table)
    for cell in table.rows[0].cells:
        _cell_bottom_rule(cell)
    for index, row in enumerate(table.rows[1:]):
        build.shade_cell(row.cells[3], STATUS_FILLS[index % 3])
    doc.add_paragraph("Waste and streets", style="Heading 2")
    table = _table(doc, NO_LINES, [Cm(8.0), Cm(3.0), Cm(3.0)])
    _borders(table)
    return build.save_document(doc, "regressions/issue-11-unruled-tables.docx")


def _paragraph(doc, text, style=None):
    paragraph = doc.add_paragraph(text, style=style)
    paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.space_before = Pt(0)
    return paragraph


def _page_field(paragraph):
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text.strip() == "PAGE":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.add_text(text)


def build_pdf_text():
    """A legend, codes and bullets one line each, under a running header and a page-numbered footer."""
    doc = build.new_document("Children's Services indicator update Q3 2008/09")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "Children's Services – Quarterly Indicator Update"
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    _page_field(footer)
    doc.add_paragraph("Children's Services indicator update Q3 2008/09", style="Heading 1")
    for line in LEGEND:
        _paragraph(doc, line)
    doc.add_paragraph("Indicators in this update", style="Heading 2")
    for line in CODES:
        _paragraph(doc, line)
    doc.add_paragraph("Progress this quarter", style="Heading 2")
    for line in BULLETS:
        _paragraph(doc, line, style="List Bullet")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("Next steps", style="Heading 2")
    _paragraph(doc, "The service will report the Q4 outturn to the Children's Trust Board in May.")
    return build.save_document(doc, "regressions/issue-11-pdf-text.docx")


def main():
    """Write both Word files and their PDFs."""
    paths = [build_unruled_tables(), build_pdf_text()]
    build.OUTPUT_DIR = HERE
    build.convert_to_pdf(paths)
    for path in paths:
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
