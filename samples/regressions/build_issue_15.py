"""Build a long scorecard ruled with horizontal rules only, as a Word file and its PDF.

* ``issue-15-rules-only-scorecard.docx``: one 60-row indicator table (code, indicator, target,
  actual, RAG status) over three A4 pages, rules between the rows and no vertical lines,
  the header repeated on each page. The indicators' names are long: most wrap over two to
  four lines in their column, so the PDF has wide lines of one column's text inside the
  table, which must not end it.

Usage::

    python samples/regressions/build_issue_15.py
"""

import sys
from pathlib import Path

from docx.shared import Cm

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import build  # noqa: E402  the seed builder's document helpers
from build_issue_11 import _borders, _table  # noqa: E402

MEASURED = ["Percentage of new benefit claims processed", "Number of households living in temporary accommodation",
            "Percentage of adults in contact with secondary mental health services living independently",
            "Percentage of major planning applications determined", "Number of affordable homes delivered"]
QUALIFIERS = ["within 13 weeks", "per 1,000 population excluding cases withdrawn by the applicant before a decision",
              "measured from receipt of the completed form to the decision letter, against the national average",
              "in the quarter"]
STATUS = [("Green", "00B050"), ("Amber", "FFC000"), ("Red", "FF0000")]


def rows():
    """The table's rows after its header: (code, indicator, target, actual, status)."""
    out = []
    for n in range(60):
        name = f"{MEASURED[n % 5]} {QUALIFIERS[n % 4]}"
        target, actual = 60 + n % 30, 55 + (n * 7) % 40
        out.append((f"PI {n + 1:03d}", name, f"{target}%", f"{actual}%", STATUS[n % 3][0]))
    return out


def build_scorecard():
    """The scorecard, its status cells shaded in their colours."""
    doc = build.new_document("Corporate Performance Scorecard Q2 2009/10")
    doc.add_paragraph("Corporate Performance Scorecard Q2 2009/10", style="Heading 1")
    widths = [Cm(2.0), Cm(8.4), Cm(2.2), Cm(2.2), Cm(2.2)]
    table = _table(doc, [["Code", "Indicator", "Target", "Actual", "RAG Status"], *rows()], widths)
    for column, width in zip(table.columns, widths):
        column.width = width  # the grid's widths, which LibreOffice lays the table out by
    _borders(table, top="single", bottom="single", insideH="single")
    for index, row in enumerate(table.rows[1:]):
        build.shade_cell(row.cells[4], STATUS[index % 3][1])
    return build.save_document(doc, "regressions/issue-15-rules-only-scorecard.docx")


def main():
    """Write the Word file and its PDF."""
    path = build_scorecard()
    build.OUTPUT_DIR = HERE
    build.convert_to_pdf([path])
    print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
