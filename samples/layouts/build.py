"""Build the layout samples: real returns in templates other than the seeds'.

Each document is written next to this script as ``<name>.docx`` and, with
``--pdf``, exported to ``<name>.pdf`` by LibreOffice running headless under a
throwaway profile (as councils export from Word).  The records each document
should load are written by hand in ``<name>.expected.json``; how each one was
read is in ``<name>.notes.md``.

Two families:

* ``r*`` re-render texts of the development corpus
  (``corpus/real-dev/raw/*.txt``) in a template of their own: other column
  orders and wordings, spanning year captions, quarter target/result pairs,
  colour-only status cells, merged cells, label rows, records printed as
  headings with "Label: value" paragraphs, long tables with repeated headers;
* ``p*`` are further public returns (the source address heads each notes
  file), their text kept as published.

The output is deterministic: fixed document properties and zip timestamps.

Usage::

    python samples/layouts/build.py [--pdf] [NAME ...]
"""

import argparse
import datetime
import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

OUTPUT_DIR = Path(__file__).resolve().parent
# Returns added after the mapping rules were written, kept apart to show how new layouts fare.
HOLDOUT_DIR = OUTPUT_DIR.parent / "holdout"
HOLDOUT = ("p18", "p19", "p20", "p21", "p22", "p23", "p24", "p25", "p26", "p27")


def folder_for(name):
    """Where a sample's files live: samples/layouts, or samples/holdout for the held-out returns."""
    return HOLDOUT_DIR if name.split("-", 1)[0] in HOLDOUT else OUTPUT_DIR

FIXED_DATE = datetime.datetime(2024, 1, 15, 9, 0, 0)
AUTHOR = "Performance Team"
FONT_NAME = "Arial"
HEADER_FILL = "D9D9D9"
GROUP_FILL = "F2F2F2"

# Office fills used for status cells.
GREEN = "00B050"
LIGHT_GREEN = "92D050"
AMBER = "FFC000"
RED = "FF0000"
BLUE = "0070C0"
PALE_GREEN = "C6EFCE"
PALE_AMBER = "FFEB9C"
PALE_RED = "FFC7CE"


# --------------------------------------------------------------------------
# Document helpers
# --------------------------------------------------------------------------


def new_document(title, landscape=False, body_size=9):
    """Return a blank A4 document with house styles and fixed properties."""
    doc = Document()
    _configure_styles(doc, body_size)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Cm(1.8)
    section.left_margin = section.right_margin = Cm(1.8)
    section.header_distance = section.footer_distance = Cm(0.9)
    props = doc.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    for attr in ("subject", "keywords", "comments", "category"):
        setattr(props, attr, "")
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    return doc


def _configure_styles(doc, body_size):
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(run_defaults.find(qn("w:rFonts")))
    half_points = str(int(body_size * 2))
    run_defaults.find(qn("w:sz")).set(qn("w:val"), half_points)
    run_defaults.find(qn("w:szCs")).set(qn("w:val"), half_points)
    run_defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(4)
    normal.line_spacing = 1.0
    for name, size, before in (("Heading 1", 14, 0), ("Heading 2", 12, 10),
                               ("Heading 3", 10.5, 8)):
        style = doc.styles[name]
        _set_fonts(style.element.rPr.find(qn("w:rFonts")))
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(4)


def _set_fonts(rfonts):
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn("w:" + attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn("w:" + attr), FONT_NAME)


def heading(doc, text, level=1):
    """Add a heading paragraph."""
    return doc.add_paragraph(text, style=f"Heading {level}")


def para(doc, text="", bold=False, italic=False, keep_with_next=False):
    """Add a Normal paragraph holding one run."""
    paragraph = doc.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        run.bold = bold
        run.italic = italic
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def label_para(doc, label, value):
    """Add a "Label: value" paragraph with the label in bold."""
    paragraph = doc.add_paragraph()
    paragraph.add_run(label + ":").bold = True
    if value:
        paragraph.add_run(" " + value)
    return paragraph


def page_break(doc):
    """Start a new page."""
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def shade(cell, fill):
    """Give a table cell a solid background fill (hex RGB)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _mark_header_row(row):
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def _set_cell_text(cell, text, bold=False, size=None):
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(1)
        if line:
            run = paragraph.add_run(line)
            run.bold = bold
            if size:
                run.font.size = Pt(size)


def grid_table(doc, rows, widths, header_rows=1, spans=(), fills=None,
               bold_cells=(), repeat_header=True, shade_header=True,
               size=None, bold_rows=(), group_rows=(), header_size=None):
    """Add a ruled table from a full grid of strings and return it.

    ``rows`` holds one string per grid position; positions covered by a
    merge are ignored.  ``spans`` lists merges as ``(row, col, rows, cols)``.
    The first ``header_rows`` rows are bold, shaded and (with
    ``repeat_header``) repeat on each page.  ``fills`` maps ``(row, col)`` to
    a hex fill.  A row in ``group_rows`` is merged across the whole table,
    bold and lightly shaded (a spanning group or section row).
    """
    fills = dict(fills or {})
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
    spans = list(spans) + [(r, 0, 1, len(widths)) for r in group_rows]
    covered = set()
    anchors = {}
    for r, c, n_rows, n_cols in spans:
        for rr in range(r, r + n_rows):
            for cc in range(c, c + n_cols):
                if (rr, cc) != (r, c):
                    covered.add((rr, cc))
        anchors[(r, c)] = (n_rows, n_cols)
    merged = {}
    for (r, c), (n_rows, n_cols) in anchors.items():
        if n_rows == 1 and n_cols == 1:
            continue
        merged[(r, c)] = table.cell(r, c).merge(
            table.cell(r + n_rows - 1, c + n_cols - 1))
    for r, values in enumerate(rows):
        assert len(values) == len(widths), (r, values)
        for c, text in enumerate(values):
            if (r, c) in covered:
                continue
            cell = merged.get((r, c)) or table.cell(r, c)
            is_header = r < header_rows
            bold = is_header or (r, c) in bold_cells or r in bold_rows \
                or r in group_rows
            _set_cell_text(cell, text, bold=bold,
                           size=header_size if is_header and header_size
                           else size)
            if is_header and shade_header:
                shade(cell, HEADER_FILL)
            elif r in group_rows:
                shade(cell, GROUP_FILL)
            elif (r, c) in fills:
                shade(cell, fills[(r, c)])
    for r in range(header_rows):
        if repeat_header:
            _mark_header_row(table.rows[r])
    return table


def swatch_table(doc, entries, widths=(Cm(1.6), Cm(9.0)), size=None):
    """Add a legend: one row per entry, a filled swatch beside its meaning."""
    rows = [["", text] for _, text in entries]
    fills = {(i, 0): fill for i, (fill, _) in enumerate(entries)}
    return grid_table(doc, rows, list(widths), header_rows=0, fills=fills,
                      size=size)


def save_document(doc, name):
    """Save ``<name>.docx`` with fixed zip timestamps and return its path."""
    buffer = io.BytesIO()
    doc.save(buffer)
    path = folder_for(name) / f"{name}.docx"
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename,
                                   date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return path


BUILDERS = {}


def sample(name):
    """Register a builder under the sample's file name."""
    def register(function):
        BUILDERS[name] = function
        return function
    return register


def footer(doc, text):
    """Print a line in the page footer of every page."""
    doc.sections[0].footer.paragraphs[0].text = text


# --------------------------------------------------------------------------
# Re-rendered corpus texts
# --------------------------------------------------------------------------


@sample("r01-lancaster-prt-q4-year-spanning-header")
def build_r01(name):
    """CH8 under a "2009/10" caption spanning Target, Q1-Q4, YTD, Status.

    Status is a red fill with no word; the key is a swatch table; the
    commentary row breaks across the page.
    """
    doc = new_document("Performance Review Team - Quarter 4", landscape=True)
    heading(doc, "Performance Review Team report", 1)
    grid_table(doc, [
        ["Service (s)", "Corporate overview  - Includes Internal Affairs "
         "portfolio - Finance portfolio and Red/Amber targets arising from "
         "PRT"],
        ["Portfolio Holder/s", "Cllr Langhorn"],
        ["Quarter", "4"],
        ["Actions", "All Portfolios"],
    ], [Cm(4.0), Cm(14.0)], header_rows=0,
        bold_cells=[(r, 0) for r in range(4)])
    para(doc)
    para(doc, "Significant achievements and or difficulties experienced in "
         "delivering targets (highlight significant ongoing or emerging "
         "risks)", bold=True)
    para(doc, "Light touch report pending production of comprehensive "
         "Annual Report")
    para(doc, "Status key", bold=True, keep_with_next=True)
    swatch_table(doc, [(GREEN, "On Target"), (AMBER, "Behind Target"),
                       (RED, "Failing")], widths=(Cm(1.2), Cm(5.0)))
    para(doc)
    commentary = (
        "The target for end of June was 2.44. The figure for this period "
        "last year was 1.84 days. The major ongoing risk is that the absence "
        "figures will worsen as a result of swine flu.\n"
        "Quarter 2 Update :- The target for the end of September was 4.875 "
        "days. The figure for this period last year was 4.32 days. "
        "Information as to how many days have been lost through swine flu is "
        "being prepared. The major ongoing risk is that the absence figures "
        "will continue to worsen as the winter period approaches. The newly "
        "appointed HR Manager will be considering what action can be taken "
        "by HR in conjunction with service managers to reduce sickness "
        "absence.\n"
        "Quarter 3 update: The target for the end of December was 7.31.The "
        "figure for this period last year was 7.11. The total number of "
        "days' absence reduced to 853.5 in December 2009 from 1064.9 in "
        "November 2009. In November 35 days were lost to swine flu, reducing "
        "to 4 in December. To date this year, 65% of absence has been long "
        "term and 35% short term, compared with 61% long term and 39% short "
        "term this time last year  HR officers liaise with managers ensuring "
        "sickness absence is properly managed, and reduced.")
    rows = [
        ["PI No", "Description of indicator", "Good is ?", "2008/09",
         "2009/10", "", "", "", "", "", "", "Target Owner",
         "Commentary (highlight significant achievements or ongoing risks)"],
        ["", "", "", "Outturn", "Target", "Q1", "Q2", "Q3", "Q4",
         "Year to date", "Status", "", ""],
        ["All Portfolios - Red & Amber indicators"] + [""] * 12,
        ["CH8", "Reduce the number of days lost to sickness absence", "Low",
         "", "9.5 days", "2.456", "5.69", "9.05", "12.06", "12.06", "", "ST",
         commentary],
    ]
    widths = [Cm(1.2), Cm(3.6), Cm(1.3), Cm(1.6), Cm(1.5), Cm(1.2), Cm(1.2),
              Cm(1.2), Cm(1.2), Cm(1.5), Cm(1.4), Cm(1.4), Cm(7.8)]
    grid_table(doc, rows, widths, header_rows=2, spans=[
        (0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 4, 1, 7),
        (0, 11, 2, 1), (0, 12, 2, 1)], group_rows=[2],
        fills={(3, 10): RED})
    return save_document(doc, name)


@sample("r02-district-housing-pis-q3-2010-11-label-rows")
def build_r02(name):
    """Quarter captions over Target | Result pairs; a label row under each."""
    doc = new_document("Performance management quarterly report",
                       landscape=True)
    heading(doc, "PERFORMANCE MANAGEMENT", 1)
    para(doc, "Quarterly report as at 31st December 2010", bold=True)
    para(doc, "Changing Gear - Service Priorities - Performance indicators "
         "2010/11 - Quarter 3 2010/11")
    comments = {
        "NI 181": "Note: Throughout November resources have been stretched "
        "due to the planning, testing and training for the implementation "
        "of Civica release 13 (Benefits payment/overpayment system "
        "conversion). Undoubtedly this has had an affect on the workload "
        "outstanding, this will inevitably impact on performance until the "
        "outstanding workload has been cleared.",
        "SH 001": "18 affordable dwellings were provided in this quarter. We "
        "are expecting 61 units to be completed in Quarter 4 to bring our "
        "total in 2010-2011 to 93 units.",
        "SH 005": "The 95 properties let this quarter does not include "
        "properties that were still on the system as \"under offer\" at the "
        "end of December, which will be updated when the start date of "
        "these tenancies are confirmed by the RSL's.",
        "SH 007": "Total number of DFG's approved within this quarter was "
        "23. 50 DFG's were completed. As a team we are currently working "
        "with 60 clients which are at various stages of working towards "
        "approval. We have 17 clients currently on the waiting list and 5 "
        "clients that are victory housing trust tenants where it is "
        "estimated that the works required willl exceed £30K to which we "
        "are working with victory housing trust and discussing various "
        "options with the trust and clients.",
    }
    records = [
        ("NI 181", "(Right time) Time taken to process Housing "
         "Benefit/Council Tax Benefit new claims and change events",
         ["12", "18.3", "12", "15.4", "12", "15.3"], "Low is good"),
        ("SH 001", "Affordable dwellings built (Was PL 001)",
         ["0", "12", "26", "14", "32", "32"], ""),
        ("SH 005", "Number of households from the housing register rehoused "
         "(Was H 005)", ["100", "110", "200", "196", "300", "291"], ""),
        ("SH 007", "Number of Disabled Facilities Grants allocated (Was H "
         "007)", ["37", "37", "75", "82", "112", "105"], ""),
    ]
    rows = [
        ["Reference", "Reported", "Indicator Name", "Quarter 1", "",
         "Quarter 2", "", "Quarter 3", ""],
        ["", "", "", "Target", "Result", "Target", "Result", "Target",
         "Result"],
        ["Housing"] + [""] * 8,
    ]
    spans = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 2, 1), (0, 3, 1, 2),
             (0, 5, 1, 2), (0, 7, 1, 2)]
    for code, description, values, polarity in records:
        rows.append([code, "(Q) (Cum)", description] + values)
        rows.append([polarity, "", "", comments[code], "", "", "", "", ""])
        label = len(rows) - 1
        spans += [(label, 0, 1, 3), (label, 3, 1, 6)]
    widths = [Cm(2.2), Cm(2.0), Cm(6.3)] + [Cm(2.2)] * 6
    grid_table(doc, rows, widths, header_rows=2, spans=spans, group_rows=[2])
    return save_document(doc, name)


@sample("r03-lancashire-adp-2008-09-heading-records")
def build_r03(name):
    """Each milestone is a heading followed by "Label: value" paragraphs."""
    doc = new_document("Annual Delivery Plan 2008/09")
    heading(doc, "Annual Delivery Plan 2008/09", 1)
    heading(doc, "Corporate Commitments", 2)
    heading(doc, "CC1 Accessible, high quality, value-for-money services "
            "which meet your needs", 2)
    records = [
        ("CC1.1 Transforming local government in Lancashire",
         [("Directorate", "OCE"), ("Owner", "Mike")]),
        ("C1.1.1 Making sure governance structures for Team Lancashire are "
         "in place and operating effectively by June 2008",
         [("Directorate", "PU partnerships & localities"),
          ("Owner", "Jerry Smith"), ("Current status", "G"),
          ("Current commentary",
           "Governance structures agreed and in place.")]),
        ("C1.1.2 Agreeing themes for service improvement and efficiencies "
         "(shared services) for Team Lancashire by July 2008",
         [("Directorate", "PU partnerships & localities"),
          ("Owner", "Jerry Smith"), ("Current status", "G"),
          ("Current commentary", "SRIES adopted providing Team Lancashire's "
           "shared services agenda 2008-11.")]),
        ("C1.1.3 Calculating potential efficiency savings arising from "
         "shared services for the county council by August 2008",
         [("Directorate", "PU partnerships & localities"),
          ("Owner", "Jerry Smith"), ("Current status", "A"),
          ("Current commentary", "")]),
    ]
    for title, fields in records:
        heading(doc, title, 3)
        for label, value in fields:
            label_para(doc, label, value)
    return save_document(doc, name)


@sample("r04-maidstone-kpi-targets-merged-officer")
def build_r04(name):
    """Officer, frequency, polarity and code merged down the rows they share.

    "Latest out-turn" and "Targets" captions span the year columns.
    """
    doc = new_document("KPI targets 2012-15", landscape=True)
    heading(doc, "Performance Tables", 1)
    para(doc, "Ambition: By 2015 Maidstone will have the highest overall "
         "employment rate in Kent.")
    para(doc, "Outcome: By 2015 Maidstone has a growing economy with rising "
         "employment, catering for a range of skill sets to meet the demands "
         "of the local economy.")
    rows = [
        ["Responsible Officer", "PI code", "Indicator", "How often reported",
         "Good Performance", "Latest out-turn", "Targets", "", ""],
        ["", "", "", "", "", "2011/12", "2012/13", "2013/14", "2014/15"],
        ["Priority: For Maidstone to be a growing economy"] + [""] * 8,
        ["John Foster", "LVE 009", "Overall employment rate", "Annual",
         "Aim to maximise", "81.0%", "82.5%", "84.0%", "85.0%"],
        ["", "LVE 003", "Percentage of vacant retail units within the town "
         "centre", "", "Aim to minimise", "9.24%", "11.50%", "10.75%",
         "10.00%"],
        ["", "LVE 002", "Percentage of people claiming Job Seekers Allowance",
         "Quarterly", "", "2.7%", "2.4%<", "2.3%<", "2.3%<"],
        ["Rob Jarman", "DCV 001", "Percentage of  commercial planning "
         "applications completed within statutory timescales", "Quarterly",
         "Aim to maximise", "88.89%", "90%", "90%", "90%"],
        ["", "DCV 002", "a) Percentage of major business planning "
         "applications take-up of pre-applications advice", "Bi-annual", "",
         "90.0%", "92.0%", "93.0%", "94.0%"],
        ["", "", "b) Percentage of those taking pre-application advice where "
         "the applications were approved", "", "", "100.0%", "90.0%",
         "90.0%", "90.0%"],
    ]
    spans = [(0, c, 2, 1) for c in range(5)] + [(0, 6, 1, 3)]
    spans += [(3, 0, 3, 1), (6, 0, 3, 1),      # officers
              (3, 3, 2, 1), (7, 3, 2, 1),      # frequency
              (4, 4, 2, 1), (6, 4, 3, 1),      # good performance
              (7, 1, 2, 1)]                    # DCV 002 a) and b)
    widths = [Cm(2.6), Cm(1.8), Cm(8.0), Cm(2.4), Cm(2.4), Cm(2.2),
              Cm(1.9), Cm(1.9), Cm(1.9)]
    grid_table(doc, rows, widths, header_rows=2, spans=spans, group_rows=[2])
    para(doc)
    para(doc, "Out-turn: this is the most recent available out-turn.  "
         "Figures that have an asterisk (*) are provisional and are to be "
         "confirmed.", italic=True)
    para(doc, "Targets: proposed targets for 2012-15. These are reviewed "
         "annually.", italic=True)
    return save_document(doc, name)


WARWICKSHIRE_INTRO = [
    "We are committed to maintaining our high levels of performance across "
    "the organisation.",
    "We provide comprehensive performance data to managers across the "
    "organisation and to external stakeholders. On a monthly basis, middle "
    "and senior managers review a performance tracker and address any areas "
    "of underperformance.",
    "We also report our performance quarterly to council members as part of "
    "the council's performance reporting framework.",
    "If you would like more information about how our performance is "
    "measured, select the following links.",
]


@sample("r05-warwickshire-fire-targets-long-table")
def build_r05(name):
    """Actuals and 2019/20 captions over their years; placeholders merged.

    The priority cell is merged down its measures, across the page break,
    and the two header rows repeat on the second page.
    """
    doc = new_document("Our targets and measures", body_size=11)
    section = doc.sections[0]
    section.left_margin = section.right_margin = Cm(1.3)
    heading(doc, "Our targets and measures", 1)
    for text in WARWICKSHIRE_INTRO:
        para(doc, text)
    para(doc)
    public = "The public is kept safe (measure definition)"
    staff = "Firefighters are kept safe (measure definition)"
    new = "New measure"
    measures = [
        ("% 24-hour Retained Duty System (RDS) appliance availability at key "
         "stations", [new, "", "TBC", "90", "93"], "90", "85.89"),
        ("Wholetime appliance availability", [new, "", "98", "97", "98"],
         "100", "98.11"),
        ("Safe and Well visits to vulnerable members of the community",
         [new, "", "", "", "4,039"], "N/A", "N/A"),
        ("Community safety contacts", [new, "", "", "", "43,849"], "40,000",
         "19,383"),
        ("Regulatory Reform (Fire Safety) Order 2005 risk-based fire "
         "protection inspections conducted", ["NA", "297", "532", "599",
                                               "513"], "N/A", "N/A"),
        ("% life risk and property emergency calls handled within 90 "
         "seconds", ["NA", "72", "81", "79", "79"], "85", "88.75"),
        ("% times an appliance arrives at life risk or property incidents "
         "within agreed response standards", ["NA", "81", "75", "73", "68"],
         "75.00", "66.37"),
        ("% times a 2nd appliance arrives at life risk or property incidents "
         "within agreed response standards", ["NA", "86", "78", "75", "76"],
         "90.00", "74.47"),
        ("Incidents", ["2,613", "2,659", "3,306", "3,076", "3,463"], "3,494",
         "1409"),
        ("Accidental dwelling fires", ["156", "164", "147", "146", "143"],
         "150", "59"),
        ("Fire-related deaths", ["1", "2", "0", "3", "2"], "0", "0"),
        ("Fire-related injuries", ["22", "22", "21", "14", "23"], "19", "10"),
        ("Road Traffic Collision (RTC) incidents involving one or more "
         "extrication", ["117", "162", "142", "113", "117"], "124", "N/A"),
        ("Reporting of Injuries, Diseases and Dangerous Occurrences "
         "Regulations (RIDDOR) reportable accidents",
         ["8", "9", "2", "3", "5"], "0", "0"),
        ("Firefighter injuries", ["48", "49", "43", "34", "32"], "0", "14"),
    ]
    rows = [
        ["Priority", "Measures", "Actuals", "", "", "", "", "2019/20", ""],
        ["", "", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "Aim",
         "Year to date"],
    ]
    spans = [(0, 0, 2, 1), (0, 1, 2, 1), (0, 2, 1, 5), (0, 7, 1, 2)]
    for index, (measure, actuals, aim, ytd) in enumerate(measures):
        priority = public if index == 0 else staff if index == 13 else ""
        rows.append([priority, measure] + actuals + [aim, ytd])
        r = len(rows) - 1
        if actuals[0] == new:
            width = 2 if actuals[1] == "" and actuals[2] != "" else 4
            spans.append((r, 2, 1, width))
    spans += [(2, 0, 13, 1), (15, 0, 2, 1)]
    widths = [Cm(2.6), Cm(3.9)] + [Cm(1.7)] * 5 + [Cm(1.7), Cm(1.7)]
    grid_table(doc, rows, widths, header_rows=2, spans=spans, size=11,
               header_size=9)
    return save_document(doc, name)


@sample("r06-hull-board-actions-merged-month")
def build_r06(name):
    """The month a Board action was raised is a cell merged down its rows."""
    doc = new_document("Trust Board action tracking list", landscape=True)
    heading(doc, "HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST", 1)
    heading(doc, "Trust Board action tracking list", 2)
    para(doc, "Actions arising from Board meetings (compiled 4 July 2012)")
    rows = [
        ["Meeting", "No", "Action", "Lead", "Target date", "New date",
         "Status / comment", "Paper"],
        ["May 2012", "01.05", "Safeguarding training to be undertaken on "
         "Board time out", "MW", "June", "14 Aug", "Reorganised to Aug due "
         "to lack of available time", "Action tracker"],
        ["", "02.05", "Date to be agreed for agreeing the solution of where "
         "patients were able to keep their belongings", "MW", "30 Sept", "",
         "Not yet due", "Inpatient survey"],
        ["", "05.05", "Further discussion would be held with executive "
         "Directors to clarify the organisational arrangements for business "
         "delivery and business development", "JB", "17.7.12", "",
         "Verbal update to be given", "Business delivery"],
        ["", "06.05", "Further information to be provided on nurse to bed "
         "ratio", "MW", "14.8.12", "", "Not yet due", "Corporate"],
        ["April 2012", "4.01", "Patient re-admission strategy to be "
         "developed", "MW/YO", "13 Nov", "", "Not yet due", "Corp Perf"],
        ["March 2012", "3.01", "A further update would be received by the "
         "Board", "AP", "17 July", "11 Sep", "Not yet due", "Major trauma"],
    ]
    widths = [Cm(2.2), Cm(1.4), Cm(9.0), Cm(1.6), Cm(2.0), Cm(2.0), Cm(4.6),
              Cm(3.0)]
    grid_table(doc, rows, widths, spans=[(1, 0, 4, 1)])
    return save_document(doc, name)


@sample("r07-bracknell-kpis-q4-2024-25-three-row-header")
def build_r07(name):
    """A year caption over quarter captions over Result/Target/Status.

    The status shows only as a pale green or pale red fill.
    """
    doc = new_document("Quarterly updates on key performance indicators",
                       landscape=True)
    heading(doc, "Council plan overview report - Quarterly updates on key "
            "performance indicators", 1)
    para(doc, "Published: 2 July 2025")
    para(doc, "This is the key performance data for quarter 4, 2024 to "
         "2025.")
    para(doc, "Performance indicators (PI): the result is measured against a "
         "target. It is usually related directly to a council service and an "
         "indicator of service effectiveness, efficiency or success.")
    para(doc, "Key results (KR): the result is measured against a forecast. "
         "It is usually outcome focussed and often not fully in the "
         "council's control.")
    heading(doc, "Engaged and healthy communities", 2)
    para(doc, "Performance quarterly indicators for engaged and healthy "
         "communities", bold=True)
    kpis = [
        ("1.1.2.PI", "Percentage of school admission appeals upheld",
         "Communities", "20%", "20%", "0%", "G", "Getting better"),
        ("1.1.3.KR", "Percentage of children with EHCP (5-16yrs) with school "
         "placement in borough", "People", "73.4%", "75%", "73.6%", "G",
         "Getting better"),
        ("1.1.3.PI", "Number of visits to the Look Out Discovery Centre",
         "Place", "10,966", "19,625", "20,020", "G", "Getting better"),
        ("1.1.4.KR", "Percentage of children with EHCP issued within a "
         "20-week statutory timeframe - year to date", "People", "43%",
         "50%", "52.6%", "G", "Getting better"),
        ("1.1.4.PI", "Percentage of annual reviews completed within statutory "
         "timeframes - year to date", "People", "65%", "50%", "62%", "G",
         "Getting worse"),
        ("1.1.5.KR", "Percentage of Early years providers and schools rated "
         "good or outstanding", "People", "99%", "100%", "100%", "G",
         "Getting better"),
        ("1.1.6.KR", "Number of young people involved in universal youth "
         "service activities", "People", "222", "257", "384", "G",
         "Getting better"),
        ("1.2.1.KR", "Percentage of care leavers (19-21yrs) Not in Education, "
         "Employment or Training (NEET)", "People", "53.6%", "35%", "53.1%",
         "R", "Getting better"),
        ("1.3.2.KR", "Percentage of long-term support recipients at home (not "
         "in residential or nursing care)", "People", "72%", "74%", "71.8%",
         "G", "Getting worse"),
    ]
    rows = [
        ["Indicator", "Description", "Directorate", "2024 to 2025", "", "",
         "", "Trend"],
        ["", "", "", "Quarter 3", "Quarter 4", "", "", ""],
        ["", "", "", "Result", "Target", "Result", "Status", ""],
    ]
    fills = {}
    for code, description, directorate, q3, target, q4, status, trend \
            in kpis:
        rows.append([code, description, directorate, q3, target, q4, "",
                     trend])
        fills[(len(rows) - 1, 6)] = PALE_GREEN if status == "G" else PALE_RED
    spans = [(0, 0, 3, 1), (0, 1, 3, 1), (0, 2, 3, 1), (0, 3, 1, 4),
             (0, 7, 3, 1), (1, 4, 1, 3)]
    widths = [Cm(2.2), Cm(9.4), Cm(2.6), Cm(2.0), Cm(2.0), Cm(2.0), Cm(1.8),
              Cm(3.0)]
    grid_table(doc, rows, widths, header_rows=3, spans=spans, fills=fills)
    return save_document(doc, name)


@sample("r08-maidstone-kpis-q2-2018-19-legend-sentence")
def build_r08(name):
    """The key printed as sentences; status as words; a count table first."""
    doc = new_document("Key Performance Indicator Update Quarter 2",
                       landscape=True)
    heading(doc, "Performance Summary", 1)
    para(doc, "This is the quarter 2 performance update on Maidstone Borough "
         "Council’s Strategic Plan 2015-20. It sets out how we are performing "
         "against Key Performance Indicators that directly contribute to the "
         "achievement of our priorities. Performance indicators are judged in "
         "two ways; firstly, whether an indicator has achieved the target "
         "set, known as PI status. Secondly, we assess whether performance "
         "has improved, been sustained or declined, compared to the same "
         "period in the previous year, known as direction.")
    para(doc, "Key to performance ratings", bold=True)
    para(doc, "RAG Rating: Red = Target not achieved; Amber = Target "
         "slightly missed (within 10%); Green = Target met.")
    para(doc, "Direction: Up = Performance has improved; No Change = "
         "Performance has been sustained; Down = Performance has declined; "
         "N/A = No previous data to compare.")
    grid_table(doc, [
        ["RAG Rating", "Green", "Amber", "Red", "N/A", "Total"],
        ["KPIs", "9", "0", "1", "3", "13"],
    ], [Cm(3.0)] + [Cm(1.8)] * 5)
    para(doc)
    grid_table(doc, [
        ["Direction", "Up", "No Change", "Down", "N/A", "Total"],
        ["Last Year", "5", "0", "6", "2", "13"],
        ["Last Quarter", "4", "0", "7", "2", "13"],
    ], [Cm(3.0)] + [Cm(1.8)] * 5)
    heading(doc, "Priority 1: Keeping Maidstone Borough an attractive place "
            "for all", 2)
    kpis = [
        ("Percentage of reports of littering attended to", "54.4%", "N/A",
         ""),
        ("Percentage of fly tips resulting in enforcement action", "83.3%",
         "50%", "Green"),
        ("Percentage of fly-tips cleared or assessed within 2 working days",
         "90.27%", "89%", "Green"),
        ("Percentage of fly-tips cleared or assessed within 4 working days",
         "94.97%", "94%", "Green"),
        ("Percentage of household waste sent for reuse, recycling and "
         "composting (NI 192)", "54.34%", "52.5%", "Green"),
        ("The percentage of relevant land and highways that is assessed as "
         "having acceptable levels of litter", "99.67%", "94%", "Green"),
        ("The percentage of relevant land and highways that is assessed as "
         "having acceptable levels of detritus", "97.70%", "94%", "Green"),
    ]
    rows = [["Performance Indicator", "Status", "Value", "Target",
             "Last Year", "Last Quarter"],
            ["Providing a clean and safe environment", "", "", "", "", ""]]
    for description, value, target, status in kpis:
        rows.append([description, status, value, target, "", ""])
    grid_table(doc, rows, [Cm(12.0), Cm(2.0), Cm(2.2), Cm(2.2), Cm(2.2),
                           Cm(2.4)], group_rows=[1])
    return save_document(doc, name)


# --------------------------------------------------------------------------
# Further public returns
# --------------------------------------------------------------------------


@sample("p01-cumbria-council-plan-key-indicators-2010")
def build_p01(name):
    """Baseline and three yearly columns; the theme cell merged down."""
    doc = new_document("Council Plan - Appendix One", landscape=True)
    footer(doc, "Appendix One – Council Plan    8/02/2010    1")
    heading(doc, "COUNCIL PLAN – APPENDIX ONE – Key Indicators & Targets", 1)
    theme = ("Wealthier Theme\nPriority Outcome 1\nLocal people benefit from "
             "Cumbria’s prosperous economy")
    rows = [
        ["Theme and Outcome", "PI", "Description", "Baseline\nPerformance",
         "2010/11", "2011/12", "2012/13"],
        [theme, "NI 171\n(LAA)", "New business registrations per 10,000 "
         "adult population", "54.5\n(2005-2007 ave)", "55.7\n(for 2009)",
         "56.7\n(for 2010)", "tba"],
        ["", "NI 153\n(LAA)", "Working age people claiming out of work "
         "benefits in the worst performing neighbourhoods",
         "31.9%\n(to May 07)", "28.9%\n(to Feb 11)", "tba", "tba"],
        ["", "NI 163\n(LAA)", "Working age population qualified to at least "
         "Level 2", "70.8%\n( for 2006)", "78.0%\n(for 2010)", "tba", "tba"],
        ["", "NI 165\n(LAA)", "Working age population qualified to at least "
         "Level 4", "26.8%\n(for 2006)", "29.1%\n(for 2010)", "tba", "tba"],
    ]
    widths = [Cm(5.0), Cm(2.0), Cm(8.4), Cm(2.8), Cm(2.4), Cm(2.4), Cm(2.4)]
    grid_table(doc, rows, widths, spans=[(1, 0, 4, 1)])
    para(doc)
    para(doc, "[NB: NI171 & NI153 targets are being renegotiated due to the "
         "recession]", italic=True)
    return save_document(doc, name)


@sample("p02-west-yorkshire-pcc-community-safety-fund-2013-14")
def build_p02(name):
    """Dated column captions and cells annotated with their own dates."""
    doc = new_document("Performance indicators: PCC Community Safety Fund",
                       landscape=True)
    para(doc, "Police and Crime Commissioner", bold=True)
    heading(doc, "Performance indicators: PCC Community Safety Fund", 1)
    heading(doc, "OVERVIEW TABLE", 2)
    rows = [
        ["Indicator / Outcome: people in West Yorkshire are safer",
         "Baseline at 31 March 2013\n(% change for 12 months April 12 – "
         "March 13)", "Q2 performance\n(30 September 2013)",
         "Q3 performance\n(31 December 2013)",
         "Achievement at 31 March 2014"],
        ["BRADFORD CSP", "", "", "", ""],
        ["Reduce total crime", "40,861\n(3%)", "20,409", "", ""],
        ["Reduce rate of re-offending of adults", "8.48% (December 2012)",
         "8.77%\n(12m to Sept 12)", "", ""],
        ["Reduce domestic burglary", "3,628", "1,544", "3,115", ""],
        ["Reduce DV repeat victimisation", "38%", "38%", "", ""],
        ["Reduce the proportion of residents who believe the ASB has "
         "increased", "15.5%", "16%", "", ""],
        ["Reduce the number of young people entering the criminal justice "
         "system", "455\n(March 13)", "Data Not yet available", "", ""],
        ["Reduce rate of reoffending of young people", "34.5%\n(March 2011)",
         "34%\n(September 11)", "", ""],
    ]
    widths = [Cm(9.0), Cm(4.6), Cm(3.8), Cm(3.8), Cm(3.8)]
    grid_table(doc, rows, widths, group_rows=[1])
    return save_document(doc, name)


REDUCING_POVERTY = [
    ("Implement Reducing Poverty Strategy", "Apr 2014", "Mar 2015",
     "Andrew Seekings",
     "The current action plan was refreshed to show current priorities that "
     "tie into the new Council Plan. The action plan was considered by "
     "Community Overview and Scrutiny Committee March and is due to go to "
     "Executive in June for approval.\n"
     "Current socio economic data shows that there are issues around NEET "
     "young people within Allerdale with lack of opportunities for those in "
     "deprived areas. This has a knock on effect to other service areas such "
     "as housing and benefits. Cuts to public service budgets mean that some "
     "NEETs are slipping through the net and we need to look at enhancing "
     "the service for the youngsters within Allerdale through partner "
     "organisations and through commissioning."),
    ("Use Council assets to support the provision of affordable homes "
     "across the borough", "May 2014", "Mar 2016", "Graeme Wilson",
     "Banks Court Toilets has now been sold to Keswick Community Housing "
     "Trust (KCHT). KCHT will be converting the former toilet block into "
     "four self-contained one bedroom flats that will be let at an "
     "affordable rate. Works commenced in March 2015. The estimated "
     "completion date is summer 2015.\n"
     "Positive publicity around this project will take place including "
     "press releases and BBC1 coverage on the Housing Enforcers "
     "documentary.\n"
     "Draft costings for the Westfield Drive site have been submitted for "
     "final comment. Work will continue to finalise the exact details of the "
     "development prior to any release of land by the Council."),
]


@sample("p03-allerdale-reducing-poverty-project-brag")
def build_p03(name):
    """Projects with an executive, dates, a comment and four quarterly BRAGs."""
    doc = new_document("Priority: Reducing Poverty", landscape=True)
    heading(doc, "Priority: Reducing Poverty", 1)
    rows = [["Project Title", "Start date", "Target end date",
             "Project Executive", "Comment on progress", "Q1 BRAG",
             "Q2 BRAG", "Q3 BRAG", "Q4 BRAG"]]
    fills = {}
    for title, start, end, executive, comment in REDUCING_POVERTY:
        rows.append([title, start, end, executive, comment, "G", "G", "G",
                     "G"])
        for column in range(5, 9):
            fills[(len(rows) - 1, column)] = LIGHT_GREEN
    widths = [Cm(4.6), Cm(1.7), Cm(1.9), Cm(2.4), Cm(11.0)] + [Cm(1.1)] * 4
    grid_table(doc, rows, widths, fills=fills)
    return save_document(doc, name)


@sample("p04-allerdale-corporate-performance-q1-2016-17-legend")
def build_p04(name):
    """A two-column colour key; projects grouped under a merged cell."""
    doc = new_document("Corporate Performance Report - Quarter 1 2016/17",
                       landscape=True)
    heading(doc, "Council Plan Delivery Plan 2016/17", 1)
    heading(doc, "Corporate Performance Report - Quarter 1 2016/17", 2)
    para(doc, "Definitions", bold=True, keep_with_next=True)
    key = [
        ["", "Progress against plan", "Performance"],
        ["Blue", "Complete", ""],
        ["Red", "There are significant concerns over achieving outputs / "
         "there is serious slippage in the timetable / there are major "
         "issues to rectify", "Significantly worse than target (>10%) – "
         "urgent action required to improve performance"],
        ["Amber", "There are concerns over achieving deadlines or outputs / "
         "there are issues to rectify, but plans are in place to get the "
         "project back on track", "Between 0.01% and 9.99% worse than "
         "target - some action required to improve performance"],
        ["Green", "Everything is on target / satisfactory progress is being "
         "made / no action required", "On, or better than, target"],
    ]
    grid_table(doc, key, [Cm(2.0), Cm(11.0), Cm(9.0)], fills={
        (1, 0): BLUE, (2, 0): RED, (3, 0): AMBER, (4, 0): GREEN},
        bold_cells=[(r, 0) for r in range(1, 5)])
    para(doc)
    para(doc, "Direction of travel arrows indicate whether performance since "
         "the last period has become: Better / Worse / Stayed the same")
    heading(doc, "Tackling inequality", 2)
    para(doc, "We aim to reduce poverty and support people facing financial "
         "difficulties", italic=True)
    rows = [
        ["", "Key projects/programmes", "Target value or date",
         "RAG\nJun to Jul", "Progress to July 2016", "Direction of Travel"],
        ["Supporting people to deal with money problems",
         "Work with partners such as Allerdale Credit Union to promote safe "
         "credit sources", "from April 2016", "", "Credit Union promotion to "
         "be rolled out to Housing Associations who now have it in their "
         "action plans.", ""],
        ["", "Improve signposting to money advice", "Introduce more "
         "structured referral system by June 2016", "", "Referral system is "
         "in place and a process is being developed with DWP to manage "
         "personal budget referrals through the Nellbooker multi agency "
         "system.", ""],
        ["", "Provide improved advice and signposting to money advice via our "
         "website and social media", "by July 2016", "", "Communications "
         "plan in development to focus on Webpage and social media.", ""],
    ]
    widths = [Cm(3.4), Cm(6.4), Cm(4.0), Cm(1.8), Cm(7.0), Cm(2.0)]
    grid_table(doc, rows, widths, spans=[(1, 0, 3, 1)],
               bold_cells=[(1, 0)])
    return save_document(doc, name)


BOARD_ACTIONS = [
    ("Actions held over from previous meetings on 26 April and 24 May 2017",
     "BOD 60/17(h)\nBOD 21/17 (b)\nBOD 32/17(b)\nStrategic Partnerships "
     "Report",
     "Future reporting to include more evaluation of whether progress "
     "achieved was as expected. Development pending completion of "
     "substantial reworking of all performance reporting due in the new "
     "financial year 2017/18.\n"
     "As reporting developed: the relative scale of the partnerships to be "
     "set out as these were quite diverse and some had more long term "
     "strategic objectives than others; consideration be given as to the "
     "governance and management arrangements in place to deliver on the "
     "partnerships; the amount of funding involved to be included; the "
     "amount of relative risk to the Trust to be included.\n"
     "Status: in progress – action from February 2017 was pending reworking "
     "of performance reporting (as presented to the Board meeting on 26 "
     "April 2017 and to the private meeting in October 2017).", "MW"),
    ("Actions held over from previous meeting on 25 October 2017",
     "BOD 180/17(b)-(c)\nBoard Assurance Framework (BAF)",
     "To update the following:\n"
     "• risk at SO 2.3 around financial exposure to separate out the risk "
     "relating to achievement of CIP; and\n"
     "• workforce risks at SO 5.1(A&B) and 5.2 to revise narrative and "
     "description\n"
     "Status:in progress – for next BAF update April 2018.", "HS"),
    ("Action held over from previous meeting on 29 November 2017",
     "BOD 192/17 (f)\nPerformance Report",
     "It was agreed to undertake a deep dive of specific performance areas "
     "at the Caring and Responsive Quality Sub Committee and report back to "
     "Quality Committee and Board. The priority areas identified were:\n"
     "• Out of Hours\n"
     "• CAMHS Waiting Times\n"
     "• IAPT Waiting Times; and\n"
     "• Delayed Transfers of Care.\n"
     "Status: tbc in meeting", "MW"),
    ("Actions from meeting on 28 February 2018",
     "BOD 24/18(b)\nGender pay gap reporting",
     "The Trust to publish gender pay gap reporting by the end of March "
     "2018.\n"
     "Status:in progress", "TB"),
]


@sample("p05-nhs-trust-board-summary-of-actions-feb-2018")
def build_p05(name):
    """Board actions under "held over" group rows; Status inside the cell."""
    doc = new_document("Summary of Actions from the Board meeting",
                       landscape=True, body_size=12)
    para(doc, "PUBLIC", bold=True)
    heading(doc, "Summary of Actions from the Board meeting on 28 February "
            "2018", 1)
    rows = [["Relevant Item", "Action", "Responsibility"]]
    groups = []
    for group, item, action, lead in BOARD_ACTIONS:
        rows.append([group, "", ""])
        groups.append(len(rows) - 1)
        rows.append([item, action, lead])
    grid_table(doc, rows, [Cm(5.5), Cm(10.0), Cm(3.6)], group_rows=groups)
    return save_document(doc, name)


QUALITY_SUMMARY = [
    "This commentary provides an overview of key issues during the month and "
    "highlights where performance fell short of the target values as well as "
    "areas of improvement and noticeable good performance.",
    "A&E performance for June was above the 95% target (95.42%) for the "
    "first month since December 2012, although the quarterly position "
    "remains off-track at 92.57%. The Trust also achieved all Stroke targets "
    "for June, the first month we have done so in 2013/14.",
    "The Trust achieved all access targets.",
]

BREASTFEEDING_COMMENT = (
    "The breastfeeding initiation rate is improving but is just under "
    "target. Action already taken to improve includes the provision of "
    "written information and Breast Feeding workshops offered in localities "
    "antenatally and staff training. In addition, an Infant feeding "
    "coordinator was appointed on 1st July to visit the post natal ward, "
    "paediatrics and the neonatal unit to support breast feeding and there "
    "is a tender out to provide home visiting support to ladies after "
    "discharge. We have received Stage 1 accreditation with UNICEF for the "
    "Breast Feeding Initiative and we are working towards Stage 2 which "
    "involves additional training for all staff in Midwifery.")


@sample("p06-nhs-trust-quality-performance-july-2013-repeated-headers")
def build_p06(name):
    """Each indicator prints its own header row inside one table."""
    doc = new_document("Trust Quality and Performance Report July 2013")
    heading(doc, "Trust Quality and Performance Report", 1)
    para(doc, "July 2013", bold=True)
    heading(doc, "Executive Summary", 2)
    for text in QUALITY_SUMMARY:
        para(doc, text)
    header = ["Performance Indicator", "Threshold", "June", "Lead Exec"]
    indicators = [
        ("Discharge Summaries - Outpatients", "95% sent to GP's within 3 days",
         "84.23%", "Dermot O'Riordan", None),
        ("Discharge Summaries - Inpatients", "95% sent to GP's within 1 day",
         "83.50%", "Dermot O'Riordan", None),
        ("Breastfeeding initiation rates.", "80%", "79.25%", "Nichole Day",
         BREASTFEEDING_COMMENT),
    ]
    rows, header_rows, spans = [], [], []
    for description, threshold, june, lead, comment in indicators:
        rows.append(list(header))
        header_rows.append(len(rows) - 1)
        rows.append([description, threshold, june, lead])
        if comment:
            rows.append([comment, "", "", ""])
            spans.append((len(rows) - 1, 0, 1, 4))
    table = grid_table(doc, rows, [Cm(5.6), Cm(4.6), Cm(2.4), Cm(4.4)],
                       header_rows=0, spans=spans, bold_rows=header_rows)
    for r in header_rows:
        for cell in table.rows[r].cells:
            shade(cell, HEADER_FILL)
    return save_document(doc, name)


@sample("p07-reigate-banstead-kpi-q1-2022-23-legend-sentence")
def build_p07(name):
    """The ratings key as "Green = ..." lines above a one-row KPI table."""
    doc = new_document("Quarter 1 2022/23 performance report")
    heading(doc, "Quarter 1 2022/23 performance report", 1)
    heading(doc, "Key performance indicators", 2)
    para(doc, "The council has identified a number of key indicators that "
         "are important in identifying performance against key corporate "
         "objectives and priorities.")
    para(doc, "These are known as Key Performance Indicators (KPIs). They are "
         "scrutinised by senior management, the Executive and the Overview "
         "and Scrutiny Committee on a quarterly basis.")
    para(doc, "The Status measure compares actual performance against the "
         "target for the quarter. Performance is depicted by the following "
         "ratings:")
    for line in ("Green = on or above target", "Red = below target",
                 "Amber = within agreed tolerance"):
        para(doc, line)
    para(doc, "Against each indicator is a management action/comment, which "
         "explains the status reported.")
    para(doc, "Of the 10 Key Performance Indicators reported on in quarter "
         "1, nine were on target or within the agreed tolerance.")
    rows = [
        ["KPI", "Indicator", "Q1 2022/23 Target", "Q1 2022/23 Actual",
         "Status", "2021/22 Outturn (cumulative)",
         "Management action/comment"],
        ["KPI 10", "Recycling", "60%", "52.4%", "Red", "55.6%",
         "Despite not achieving the challenging target, the Council’s "
         "cumulative 2021/22 performance of 55.6% was the highest ever "
         "recorded."],
    ]
    grid_table(doc, rows, [Cm(1.5), Cm(2.2), Cm(2.1), Cm(2.1), Cm(1.6),
                           Cm(2.6), Cm(5.3)], fills={(1, 4): RED})
    return save_document(doc, name)


# --------------------------------------------------------------------------
# Further public returns, second batch
# --------------------------------------------------------------------------


HAVERING_WASTE_COMMENT = (
    "Data comes from the East London Waste Authority (ELWA) and lags by at "
    "least 8 weeks. The residual household waste is within target tolerance "
    "though slightly higher than the same period last year. London has seen "
    "residual waste increase by 3% year on year whilst Havering saw an "
    "increase of 2% last year. Rises in waste costs still pose a significant "
    "financial challenge with the levy predicted to increase by £1m+ every "
    "year until 2027")


@sample("p08-havering-annual-cpi-2014-15-key-and-scorecard")
def build_p08(name):
    """A three-column key (RAG, direction, markers) above a scorecard row."""
    doc = new_document("Appendix 1: Annual Corporate Performance Report "
                       "2014/15", landscape=True, body_size=8)
    heading(doc, "Appendix 1: Annual Corporate Performance Report 2014/15", 1)
    para(doc, "Key", bold=True, keep_with_next=True)
    markers = ("Corporate Plan Indicator\n(C) Outturns reported cumulatively\n"
               "(S) Outturns reported as snapshot\n(R) Outturns reported as "
               "rolling year\n(A) Outturns reported as annual figure")
    key = [
        ["RAG Rating", "Direction of Travel (DOT)", "Description"],
        ["Green\nOn or within 10% of the annual target",
         "Short Term: Performance is better than the previous quarter\n"
         "Long Term: Performance is better than last year", markers],
        ["Amber\nMore than 10% off the annual target and where performance "
         "has improved or been maintained compared to last year",
         "Short Term: Performance is the same as the previous quarter\n"
         "Long Term: Performance is the same as last year", ""],
        ["Red\nMore than 10% off the annual target and where performance has "
         "not improved compared to last year",
         "Short Term: Performance is worse than the previous quarter\n"
         "Long Term: Performance is worse than last year", ""],
    ]
    grid_table(doc, key, [Cm(8.0), Cm(8.5), Cm(8.0)], spans=[(1, 2, 3, 1)],
               fills={(1, 0): GREEN, (2, 0): AMBER, (3, 0): RED},
               repeat_header=False)
    para(doc)
    para(doc, "All new Corporate Performance Indicators for 2015/16 are "
         "towards the bottom of the document.", italic=True)
    rows = [
        ["Ref.", "Indicator", "Value", "2015/16 Annual Target",
         "2014/15 Annual Target", "2014/15 Annual Performance",
         "Short Term DOT against 2014/15 (Q3)",
         "Long Term DOT against 2013/14 Annual Performance", "Comments",
         "Service"],
        ["Environment - to ensure a clean, safe and green borough"]
        + [""] * 9,
        ["SCO1 (C)", "Residual household waste per household (kg)",
         "Smaller is Better",
         "664 kg\n(Target in new Corporate Plan agreed 18 March)",
         "640 kg\n(494kg – Q3 time lag)", "512 kg\n(Q3 time lag)\n(GREEN)",
         "342 kg\n(Q2)", "500 kg\n(Q3 time lag)", HAVERING_WASTE_COMMENT,
         "Streetcare"],
    ]
    widths = [Cm(1.4), Cm(3.2), Cm(1.6), Cm(2.6), Cm(2.3), Cm(2.2), Cm(2.1),
              Cm(2.3), Cm(6.6), Cm(1.8)]
    grid_table(doc, rows, widths, group_rows=[1], fills={(2, 5): GREEN})
    return save_document(doc, name)


@sample("p09-network-homes-q2-2024-25-label-value-cells")
def build_p09(name):
    """Unheaded two-column tables: "Measure: value" beside "Target: value"."""
    doc = new_document("Our performance")
    heading(doc, "Our performance", 1)
    para(doc, "Every month we measure how we're performing against our "
         "targets. You can find our performance for the most recent three "
         "months below.")
    para(doc, "We report on performance to our executive team, Board and "
         "Customer Service Committee. We also involve residents in "
         "scrutinising performance and suggesting improvements, through our "
         "Resident Panels.")
    heading(doc, "Our most recent performance", 2)
    para(doc, "Here's our results for quarter two, 2024/25 which is July to "
         "September 2024:")
    widths = [Cm(9.5), Cm(4.5)]
    grid_table(doc, [
        ["Customer satisfaction (LCRA)*: 58.5%", "Target: 70%"],
        ["Complaints responded to on time**: 92%", "Target: 95%"],
        ["Residents' trust in us: 58.1%", "Target: 60%"],
    ], widths, header_rows=0)
    para(doc, "* General Needs and Housing for older people, Supported "
         "Housing, intermediate rent, temporary social housing", italic=True)
    para(doc, "**We aim to respond to stage one complaints within 10 working "
         "days and stage two complaints within 20 working days.",
         italic=True)
    heading(doc, "How do we measure satisfaction?", 2)
    para(doc, "Our method is based on the occasions when residents interact "
         "with us. We call these 'transactions'. A transaction might be a "
         "call to our contact centre, getting a repair done, or moving into "
         "a new home. At the end of a transaction, we will often ask "
         "residents to tell us how satisfied they were with how we handled "
         "that transaction.")
    grid_table(doc, [
        ["Rent collected as % due: 97.86% ***", "Target: 101%"],
        ["Current arrears as % of annual debit: 6.87%", "Target: 6.42%"],
        ["Rent loss due to empty homes: 1.49%", "Target: 1.67%"],
    ], widths, header_rows=0)
    para(doc, "*** For our general rent and older people's homes.",
         italic=True)
    para(doc, "Collecting the rent we are owed is an important part of "
         "maintaining our financial strength, which allows us to improve our "
         "services to residents. These figures show how well we're "
         "collecting the rental income.")
    return save_document(doc, name)


@sample("p10-ferndown-financial-risk-management-2020-21")
def build_p10(name):
    """A risk register in sections, with cells left blank where unprinted."""
    doc = new_document("Financial Risk Management 2020-2021", landscape=True)
    heading(doc, "Financial Risk Management 2020-2021", 1)
    rows = [
        ["Risk Area", "Risk Identified", "Level of risk (H/M/L)",
         "Management of Risk", "Action required", "Review date"],
        ["Section One : Areas where there may be scope to use insurance to "
         "help manage risk"] + [""] * 5,
        ["Property and contents owned by the council", "Loss or damage",
         "High.", "An up to date register of assets and investments.",
         "Reviewed annually by council, annually by Internal Auditor",
         "Mar 2020."],
        ["Damage to third party property or individuals.", "Public liability",
         "High.", "Property maintenance and insurance cover",
         "Insurance held with Zurich, renewal date of 13 May 2021, annually "
         "by Internal Auditor", "March 2020"],
        ["Consequential loss of income or the need to provide essential "
         "services following critical damage, loss or non performance by a "
         "third party", "Public liability", "High.",
         "Annual review of risk and the adequacy of cover.",
         "Value of insurance held with Zurich, reviewed annually by council "
         "and by Internal Auditor", "March 2020."],
        ["Loss of cash through theft or dishonesty.", "Fidelity guarantee",
         "Medium", "Risk assessment and procedure in place",
         "Internal controls checked by council and Internal Auditor",
         "May 2020."],
        ["Legal liability as a consequence of asset ownership",
         "Public liability", "High.",
         "Property maintenance and insurance cover, level of cover, renewal "
         "date 13 May 2021, maintenance schedule, inspection regime", "",
         "May 2020."],
        ["Section Two – Working with others to help to manage Risk"]
        + [""] * 5,
        ["Security for vulnerable buildings, amenities or equipment", "",
         "Medium.", "Risk Assessment carried out on regular basis",
         "Inspection regime – Councillors and paid inspectors, reporting "
         "systems", "Aug 2020."],
        ["The provision of services being carried out under agency / "
         "partnership agreements with principal authorities.",
         "Standing orders and financial regulations dealing with the award "
         "of contracts", "Low.",
         "Reviewed annually by council annually by Internal Auditor all "
         "partners risk assessed and multiple quotes obtained and compared "
         "in minutes", "", "May 2020."],
    ]
    widths = [Cm(5.2), Cm(3.6), Cm(2.0), Cm(6.2), Cm(6.0), Cm(2.0)]
    grid_table(doc, rows, widths, group_rows=[1, 7])
    return save_document(doc, name)


@sample("p11-devon-somerset-fire-q3-2016-17-same-period-colour-status")
def build_p11(name):
    """Quarter, same period last year and to-date columns; a red-only cell."""
    doc = new_document("Report of the Chief Fire Officer (APRC/17/10)",
                       landscape=True)
    heading(doc, "Report of the Chief Fire Officer (APRC/17/10)", 1)
    para(doc, "The report sets out the Service’s performance for the period "
         "January 2016 to December 2016 (with a focus on quarter 3 of "
         "2016/17) as measured against the indicators in the current "
         "Strategic Plan “Our Plan: 2015 to 2020”.")
    para(doc, "The key measures set out within the report were given a "
         "green, amber or red rating according to whether performance was "
         "normal, needed monitoring or required investigation.")
    rows = [
        ["Measure", "Description", "Quarter 3 2016/17",
         "Same period 2015/16", "2016/17 to date", "Status", "Commentary"],
        ["1", "deaths as a result of fires where people lived", "4", "1", "8",
         "", "4 fire deaths in this quarter as a result of accidental fires. "
         "This was a critical measure for the Service and the Committee was "
         "asked to support the Service in encouraging all agencies to share "
         "its data to facilitate more targeted action."],
        ["2", "injuries as a result of fires where people lived", "13", "15",
         "", "", "13 injuries this quarter in 2016/17 as compared with 15 in "
         "2015/16 which was a positive indicator."],
        ["3", "fires where people lived", "272", "", "", "",
         "This indicator was being monitored as there had been 272 fires "
         "where people lived in quarter 3 of 2016/17, of which 249 were "
         "accidental fires. An in depth analysis of this had showed that the "
         "majority were due to cooking related incidents and thus, further "
         "education on this area of community safety was necessary."],
    ]
    widths = [Cm(1.7), Cm(4.6), Cm(2.2), Cm(2.3), Cm(2.2), Cm(1.6), Cm(10.4)]
    grid_table(doc, rows, widths, fills={(1, 5): RED})
    return save_document(doc, name)


@sample("p12-welwyn-hatfield-cht-q3-2016-17-month-and-ytd")
def build_p12(name):
    """Section rows; a quarter, a month and a year-to-date column."""
    doc = new_document("Performance Management Reporting - Quarter Three",
                       landscape=True)
    para(doc, "WELWYN HATFIELD COMMUNITY HOUSING TRUST", bold=True)
    para(doc, "CABINET HOUSING & PLANNING PANEL", bold=True)
    para(doc, "9th FEBRUARY 2017", bold=True)
    heading(doc, "PERFORMANCE MANAGEMENT REPORTING – Quarter THREE", 1)
    rows = [
        ["Measure", "Quarter 3", "December 2016", "Year to date", "Comment"],
        ["Section 1 Housing Stock"] + [""] * 4,
        ["Properties sold through the RTB scheme", "23", "", "62",
         "During this quarter 23 properties were sold through the Right to "
         "Buy Scheme. A total of 62 for the year to date period so far."],
        ["Section 2 Rent Collection & Arrears Management"] + [""] * 4,
        ["Arrears percentage", "", "2.29%", "",
         "The bad debt provision for quarter three performance in the past "
         "reported arrears at their highest percentage for each previous "
         "financial year and this was reflected again for the current year "
         "with performance at 2.29% for December 2016. It was anticipated "
         "that there would be a gradual reduction over the final months in "
         "quarter four."],
        ["Rent collected as % of rent owed", "", "", "",
         "Rent collection was expected to achieve 100% at year end with the "
         "positive impact of the two rent free weeks."],
        ["Section 3 Managing Under Occupation"] + [""] * 4,
        ["Number of council tenants under occupying – moved to smaller "
         "accommodation", "", "", "58",
         "58 moves had been achieved year to date. The Home Mover Officers "
         "had worked with tenants, assisting with practical issues and other "
         "such matters associated with a property move and this service had "
         "helped vulnerable tenants to downsize."],
    ]
    widths = [Cm(6.0), Cm(2.2), Cm(2.6), Cm(2.4), Cm(12.0)]
    grid_table(doc, rows, widths, group_rows=[1, 3, 6])
    return save_document(doc, name)


@sample("p13-city-of-london-outstanding-actions")
def build_p13(name):
    """An outstanding actions list: a short title and an update per row."""
    doc = new_document("Outstanding Actions of the Committee")
    heading(doc, "Outstanding Actions of the Committee", 1)
    para(doc, "Report of the Town Clerk.")
    para(doc, "Member are asked to note the Committee’s Outstanding Actions "
         "List.")
    rows = [
        ["Action", "Update"],
        ["School Meetings", "Officers reported that meetings were held with "
         "two schools, and the third meeting was deemed unnecessary due to "
         "shared financial services. The schools reported good progress in "
         "implementing recommendations. Follow-up work for the Boys' and "
         "Girls' schools is scheduled for January 2025."],
        ["Member Declarations", "Officers updated that the number of related "
         "party declarations had been reduced from 15 to 8, and further "
         "action would be escalated to the Chief Commoner."],
        ["CR36 Protective Security", "Officers noted that CR36 had been "
         "completely overhauled, with mitigations reviewed and "
         "inconsistencies addressed. The full update was available in the "
         "main agenda pack, and it was requested that the action be "
         "closed."],
    ]
    grid_table(doc, rows, [Cm(4.5), Cm(12.9)])
    return save_document(doc, name)


@sample("p14-bromsgrove-improvement-plan-exceptions-feb-2007")
def build_p14(name):
    """A swatch key in lower case; a summary by status that is no record."""
    doc = new_document("Improvement Plan Exception Report - February 2007 "
                       "Update")
    heading(doc, "Improvement Plan Exception Report - February 2007 Update", 1)
    para(doc, "Meeting: 13/04/2007 - Performance Management Board (Item 85)")
    swatch_table(doc, [(GREEN, "on target"), (AMBER, "one month behind"),
                       (RED, "over one month behind")],
                 widths=(Cm(1.2), Cm(6.0)))
    para(doc)
    para(doc, "Consideration was given to the report on the Improvement Plan "
         "for February 2007, together with the corrective action being "
         "taken, as set out in the appendix to the report.")
    grid_table(doc, [
        ["Actions highlighted for February", "% of the Plan"],
        ["on target (green)", "70%"],
        ["one month behind (amber)", "0%"],
        ["over one month behind (red)", "14.4%"],
        ["re-scheduled or suspended, with approval", "15.5%"],
    ], [Cm(8.0), Cm(3.0)])
    para(doc)
    para(doc, "RESOLVED:", bold=True)
    para(doc, "(1) that the revisions to the Improvement Plan Exception "
         "Report, together with the corrective action being taken, be "
         "noted; and")
    para(doc, "(2) that it be noted that, from 90 actions highlighted for "
         "February, 70% of the Plan was on target (green), 0% was one month "
         "behind (amber), and 14.4% was over one month behind (red) - with "
         "15.5% of actions having been re-scheduled or suspended, with "
         "approval.")
    return save_document(doc, name)


@sample("p15-police-performance-standards-2014-15-ranges")
def build_p15(name):
    """Outturn / Performance Standard / Outturn; ranges, new measures, notes."""
    doc = new_document("Performance Measures")
    rows = [
        ["Performance Measures", "Outturn\n2013/14",
         "Performance\nStandard\n2014/15", "Outturn\n2014/15"],
        ["Quantity", "", "", ""],
        ["2.1.1 Number of foot patrols", "125,710", "100,000\nto 120,000",
         "139,987"],
        ["2.1.2 Number of victim intervention plans actioned and gold "
         "response [4] initiated", "New\nmeasure\nfor 2014/15",
         "2,300\nto 2,500", "2,628"],
        ["2.1.3 Number of problem-solving plans implemented in high-risk "
         "communities to address safety and crime issues",
         "New\nmeasure\nfor 2014/15", "33", "33"],
        ["2.1.4 Number of incidents where the risk of further harm is "
         "assessed (in instances where a family relationship exists)",
         "New\nmeasure\nfor 2014/15", "102,000\nto 112,000 [5]", "106,248"],
    ]
    grid_table(doc, rows, [Cm(9.0), Cm(2.6), Cm(3.0), Cm(2.6)],
               bold_rows=[1])
    para(doc)
    para(doc, "Notes", bold=True)
    para(doc, "[4] A Gold Response is the highest level of Police response to "
         "a victim, when there is the greatest risk of repeat victimisation. "
         "Key to a gold response is the development and implementation of a "
         "Victim Intervention Plan.")
    para(doc, "[5] Performance standards for 2014/15 have been corrected to "
         "reflect the annual total. This differs from the information "
         "reported in the Information Supporting the Estimates which "
         "included expected six-month totals in error (51,000 to 56,000).")
    heading(doc, "Output 2.2 – Youth Services", 2)
    para(doc, "This output covers formal school visits by Police Education "
         "Officers to educate children on proactive ways to keep themselves "
         "safe, prevent crime and resist drugs. It also includes the "
         "development of new school programmes to address emerging needs.")
    return save_document(doc, name)


@sample("p16-havering-housing-q1-2019-20-legend-in-brackets")
def build_p16(name):
    """The key in brackets inside a sentence; counts printed with a rate."""
    doc = new_document("Performance Report Update - Quarter One",
                       landscape=True)
    heading(doc, "Performance Report Update – Quarter One", 1)
    para(doc, "Members received a presentation that outlined the eleven "
         "performance indicators (PI) for Quarter One that were reports to "
         "the Sub-Committee.")
    para(doc, "The PIs are the standards by which performance of services "
         "are measured within the Council. These are compared over four "
         "quarters of the municipal year to monitor performance standards. "
         "Most are given a “RAG rating” on the basis of Red (off track), "
         "Amber (at risk) and Green (on track).")
    rows = [
        ["Indicator", "Quarter 1 2019/20", "Quarter 1 2018/19", "Target",
         "Comment"],
        ["Stage 1 complaints closed within timescale (10 days)",
         "136 out of 145 (93.79%)", "122 out of 148 (82.43%)", "",
         "From the beginning of Quarter 3 2018/19; targets for stage 1 "
         "complaints were revised from 15 to 10 working days. 95% of Stage 1 "
         "complaints relating to Housing Demand service were closed within "
         "the timescale of 10 days, 97.8% of Stage 1 complaints relating to "
         "Property & Land service were closed within the timescale of 10 "
         "days and 82.4% of Stage 1 complaints relating to Tenancy "
         "Sustainment service were closed within the timescale of 10 days."],
        ["Repairs completed within the target timescale", "88.7%", "", "95%",
         "The main repairs contractor, Breyer's, performance was 87.7%. It "
         "was stated that continuous monitoring and regular meetings were "
         "still taking place with Breyer to ensure the trajectory remains "
         "upward."],
    ]
    widths = [Cm(5.0), Cm(3.0), Cm(3.0), Cm(1.6), Cm(12.4)]
    grid_table(doc, rows, widths)
    return save_document(doc, name)


@sample("p17-wokingham-hwb-strategic-delivery-plan-actions")
def build_p17(name):
    """Delivery plan actions with a target inside the text; board comments."""
    doc = new_document("Health and Wellbeing Strategy Strategic Delivery Plan")
    heading(doc, "Health and Wellbeing Strategy Strategic Delivery Plan", 1)
    para(doc, "To consider the Health and Wellbeing Strategy Strategic "
         "Delivery Plan and KPI’s within the Delivery Plan.")
    rows = [
        ["Action", "Board comments"],
        ["Promoting ‘Making Every Contact Count’ approach across all "
         "services, beginning with most deprived LSOAS and new SDLs.",
         "Katie Summers commented that this needed to be implemented across "
         "all of the Berkshire West, Oxfordshire and Buckinghamshire "
         "authorities. Judith Ramsden stated that points of commonality "
         "needed to be ascertained."],
        ["Testing in one or more Neighbourhood Policing Teams a Police "
         "Officer taking role of Community Navigator.",
         "Board members felt that this was an innovative proposal."],
        ["Reduce percentage of those who are deemed inactive from 20.9% to "
         "18% by 2018 in the specific areas",
         "Katie Summers commented that a key workstream of the "
         "Buckinghamshire, Oxfordshire and Berkshire West Sustainability "
         "Transformation Plan was physical activity in the digital sphere."],
    ]
    grid_table(doc, rows, [Cm(8.2), Cm(9.2)])
    return save_document(doc, name)


@sample("p18-derbyshire-ccg-governing-body-decision-log-2020")
def build_p18(name):
    """A CCG decision log: meeting date, item, decision, "Action: Complete"."""
    doc = new_document("Governing body decision log: April 2020 - June 2021")
    heading(doc, "Governing body decision log: April 2020 – June, 2021", 1)
    rows = [
        ["Date", "Item discussed", "Decision", "Action"],
        ["2 April, 2020",
         "Request to vary the CCG’s Constitution (Annex 1: Decisions, "
         "Authorities and Duties Delegated to Officers of the CCG Governing "
         "Body) for the duration of the COVID-19 emergency",
         "The Governing Body:\n"
         "- APPROVED the variation to Annex 1 of the Constitution, as set out "
         "in Appendix 1 of the paper, specifically for the Director of GP "
         "Development and the Assistant Director of GP Commissioning and "
         "Development.\n"
         "- DELEGATED to the CFO and CEO jointly the right to extend this "
         "variation to other Functional and Assistant Directors within the "
         "CCG as necessary to address COVID-19 pressures.\n"
         "- APPROVED changes to the invoice authorisation process due to the "
         "impact of the current COVID-19 outbreak.\n"
         "- RATIFIED the decision made by the Finance and Audit Committee to "
         "approve a temporary increase in Oracle authorisation limits for two "
         "senior finance officers.", "Complete"],
        ["16 April, 2020",
         "Review of quoracy arrangements during escalation to Level 4",
         "The Governing Body APPROVED the following:\n"
         "Governing Body to meet weekly via video conference call for 30 to "
         "45 minutes.\n"
         "To temporarily amend the Audit Committee membership to 6 Lay "
         "Members.", "Complete"],
    ]
    grid_table(doc, rows, [Cm(2.4), Cm(4.6), Cm(8.4), Cm(2.0)])
    return save_document(doc, name)


@sample("p19-accord-housing-vfm-kpis-2020-directorate-columns")
def build_p19(name):
    """Two directorates each spanning Target | 2020 | 2019; a peer median."""
    doc = new_document("How Accord Performs Against its Own Targets",
                       landscape=True)
    heading(doc, "How Accord Performs Against its Own Targets", 1)
    para(doc, "The table below summarises the suite of key performance "
         "indicators aligned to demonstrating value for money in the delivery "
         "of our core operating activities and shows both the performance "
         "against the agreed target for the year and a comparison against the "
         "prior year’s performance.")
    rows = [
        ["Value for Money Key Performance Indicator",
         "Homes & Communities Directorate", "", "",
         "Care & Support Directorate", "", "", "Peer Group"],
        ["", "Target", "2020", "2019", "Target", "2020", "2019", "Median"],
        ["Customer satisfaction - overall", "83 %", "80 %", "82 %", "90 %",
         "88 %", "92 %", "88 %"],
    ]
    grid_table(doc, rows, [Cm(7.0)] + [Cm(2.2)] * 7, header_rows=2,
               spans=[(0, 0, 2, 1), (0, 1, 1, 3), (0, 4, 1, 3)])
    footer(doc, "Accord Housing Association | Financial Statements 2020")
    return save_document(doc, name)


@sample("p20-nuneham-courtenay-pc-risk-assessment-2021")
def build_p20(name):
    """A parish risk assessment: subject, risk, H/M/L, controls, review."""
    doc = new_document("Risk Management")
    heading(doc, "Risk Management", 1)
    para(doc, "This risk assessment was re-adopted by the Council at its "
         "meeting on 4th May 2021")
    rows = [
        ["Subject", "Risk Identified", "Risk Rating (HML)",
         "Risk Management and Control", "Review and Action", "Responsible"],
        ["1. Precept", "Income inadequate or excessive", "L",
         "Review payments against budget quarterly.\nHold reserves to cover "
         "at least six months’ payments.\nPrepare robust budget",
         "Review payments quarterly.\nRFO to present draft budget well in "
         "advance of precept deadline", "Clerk/RFO, Council"],
        ["2. Banking", "Inability to access statements, reconcile accounts "
         "and make payments", "H", "Keep bank mandate up to date",
         "Review annually", "Clerk/RFO, Council"],
        ["3. Financial control and records", "Loss actual or by discrepancy",
         "M", "RFO to reconcile accounts monthly.\nNominated councillor to "
         "reconcile accounts quarterly.\nAnnual audit",
         "Approve signed quarterly bank reconciliations.\nAct on auditors’ "
         "recommendations", "Clerk/RFO, Nominated Councillor, Council"],
        ["4. Annual return", "Late or incomplete return", "M",
         "Approve annual return in line with auditors’ timetable",
         "Schedule Council meetings at appropriate dates with required "
         "reports", "Clerk/RFO, Council"],
    ]
    grid_table(doc, rows, [Cm(2.8), Cm(3.2), Cm(1.6), Cm(4.6), Cm(3.6),
                           Cm(2.6)])
    return save_document(doc, name)


@sample("p21-nottinghamshire-fire-2023-24-targets-by-pillar")
def build_p21(name):
    """Targets as short imperative lines grouped under four pillar rows."""
    doc = new_document("Our performance targets for 2023/24")
    heading(doc, "Our performance targets for 2023/24", 1)
    para(doc, "Our CRMP describes four pillars around which we measure our "
         "performance. Our high-level performance targets for each of these "
         "pillars are shown below.")
    groups = [
        ("Community Outcomes", [
            "Visit 14,000 homes to deliver Safe and Well Visits",
            "Compete 1,500 fire safety audits",
            "Complete 1,000 business safety checks",
            "Reduce the number of Unwanted Fire Signals and lift rescues "
            "attended by 3% of the 2021/22 levels",
            "Reach incidents within eight minutes, on average, from the time "
            "the first fire engine is dispatched"]),
        ("Equality, diversity and inclusion", [
            "100% of new staff will complete mandatory EDI training within "
            "two months of joining",
            "The Service fulfils its status as a Disability Confident "
            "employer."]),
        ("Professional and committed workforce", [
            "All essential firefighter and officer training is completed",
            "All staff have an annual personal development review"]),
        ("Strong governance and financial sustainability", [
            "Deliver services within the £49.97m budget set for 2023/24"]),
    ]
    rows = [["Pillar", "Performance target"]]
    group_rows = []
    for pillar, targets in groups:
        group_rows.append(len(rows))
        rows.append([pillar, ""])
        for number, target in enumerate(targets, 1):
            rows.append([str(number), target])
    grid_table(doc, rows, [Cm(1.6), Cm(15.8)], group_rows=group_rows)
    footer(doc, "Nottinghamshire Fire and Rescue Service - 2023-24 Annual "
           "Delivery Plan")
    return save_document(doc, name)


@sample("p22-pine-court-housing-kpi-targets-in-brackets")
def build_p22(name):
    """One column of indicators, each target in brackets after its name."""
    doc = new_document("Key Performance Indicators")
    heading(doc, "Key Performance Indicators", 1)
    para(doc, "The Key Performance Indicators (KPI’s) have been agreed by "
         "Pine Court, as they cover the service areas of most importance to "
         "the tenants.")
    para(doc, "Each KPI has a target which Pine Court intends to meet by the "
         "end of the year.")
    kpis = [
        "Average number of days to complete a repair (target = 5 days)",
        "% PCHA properties with a gas safety certificate (target = 100%)",
        "% of tenants satisfied with repairs (target = 95%)",
        "Rent arrears of current tenants as a proportion of the rent roll "
        "(target = 2.50%)",
        "Rent collected as a proportion of rent available (target = 99.80%)",
        "Average number of days to re-let a void property (target = 13 days)",
        "% of lettings to ethnic minority tenants (target = 50%)",
        "% of void property turnover rate (cumulative) (year-end target = "
        "6.0%)",
        "% of rent lost due to void properties (target = 0.30%)",
        "% of dwellings meeting the Decent Homes Standard (target = 100%)",
    ]
    grid_table(doc, [["Key Performance Indicator"]] + [[k] for k in kpis],
               [Cm(14.0)])
    footer(doc, "Pine Court Housing Association")
    return save_document(doc, name)


def _east_ayrshire_block(doc, title, values, narrative, action):
    heading(doc, title, 2)
    months = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
              "Jan", "Feb", "Mar"]
    cells = values + [""] * (12 - len(values))
    grid_table(doc, [["Period"] + months, ["2011/12"] + cells],
               [Cm(1.8)] + [Cm(1.3)] * 12)
    label_para(doc, "Narrative", narrative)
    label_para(doc, "Improvement Action", action)


@sample("p23-east-ayrshire-absence-monthly-columns-2011-12")
def build_p23(name):
    """Month columns Apr-Mar under a year row; narrative and action below."""
    doc = new_document("EA Performs - Key Stats - Nov / Period 9 2011-12",
                       landscape=True)
    heading(doc, "EA Performs – Key Stats", 1)
    para(doc, "Nov / Period 9 2011-12", bold=True)
    _east_ayrshire_block(
        doc, "Absence Management: Percentage of working days lost for all "
        "Educational & Social Service staff, excluding teachers.",
        ["4.9%", "4.7%", "5.5%", "6.0%", "5.1%", "5.8%", "5.9%", "6.1%"],
        "Absence for November 2011 was 6.07%, well above the Council target "
        "of 4%. Within the service, short term absences accounted for 2.4% "
        "and long term absences, 3.7%. The top 3 reasons for absence were "
        "Stress/Debility - Personal (26.9%), Operations/Recovery/Treatment "
        "(15.7%) and Musculoskeletal (15.4%).",
        "Absence continues to be monitored monthly on a service by service "
        "basis through Executive Director and Head of Service one to ones "
        "and through the Departmental Management Team and includes reviewing "
        "levels of absence, reasons for absence, completion of absence "
        "review meetings and referrals.")
    _east_ayrshire_block(
        doc, "Absence Management: Percentage of working days lost for all "
        "Finance & Corporate Support staff.",
        ["5.3%", "4.1%", "4.1%", "3.9%", "4.3%", "4.3%", "4.4%", "4.7%"],
        "Absence for November 2011 was 4.7%, an increase from previous "
        "months and above the Council target of 4%. Within the service, "
        "short term absences accounted for 2% and long term absences, 2.7%. "
        "The top 3 reasons for absence were Stress/Debility Personal "
        "(19.3%), Operations/Recovery/Treatment (16.4%) and "
        "Stomach/Abdominal (10.1%).", "")
    footer(doc, "East Ayrshire Council")
    return save_document(doc, name)


@sample("p24-harrow-strategic-performance-q4-2011-12-colour-only")
def build_p24(name):
    """A count of priority actions by status, and one action red by fill."""
    doc = new_document("Strategic Performance Report - Quarter 4, 2011/12")
    heading(doc, "APPENDIX 1 Strategic Performance Report – Quarter 4, "
            "2011/12", 1)
    heading(doc, "Council-wide progress in Quarter 4", 2)
    para(doc, "The Council has continued to make good progress in quarter 4 "
         "against an increasingly challenging background of financial "
         "restraint.")
    grid_table(doc, [
        ["Status", "Priority Actions for 2011/12"],
        ["", "15"],
        ["", "1 (partially Green)"],
        ["", "3"],
        ["", "1"],
    ], [Cm(2.0), Cm(7.0)],
        fills={(1, 0): GREEN, (2, 0): LIGHT_GREEN, (3, 0): AMBER,
               (4, 0): RED})
    para(doc)
    heading(doc, "Key challenges", 2)
    grid_table(doc, [
        ["Priority Action", "Status", "Comment"],
        ["3.7", "", "Only one Priority Action (3.7) is red against target, "
         "although this reflects the difficult housing market rather than a "
         "lack of success in developing the lettings agency ‘Help2Let’."],
    ], [Cm(3.0), Cm(1.6), Cm(12.8)], fills={(1, 1): RED})
    heading(doc, "Financial position", 2)
    para(doc, "The Council has managed a difficult financial year and "
         "delivered an overall under spend of £1.3m.")
    footer(doc, "Harrow Council")
    return save_document(doc, name)


@sample("p25-west-berkshire-hwb-delivery-q1-2018-19-colour-only")
def build_p25(name):
    """Sub-group progress with a status column of fills only, one yellow."""
    doc = new_document("Delivering the Health and Wellbeing Strategy 2018/19 "
                       "Quarter One")
    heading(doc, "Delivering the Health and Wellbeing Strategy 2018/19 "
            "Quarter One", 1)
    para(doc, "To review the progress made by the Health and Wellbeing "
         "Board’s sub-groups to deliver the Health and Wellbeing Strategy.")
    rows = [
        ["Sub-group / measure", "Q1", "Update"],
        ["Mental Health Action Group", "",
         "The Mental Health Action Group had not yet completed their "
         "Delivery Plan and might require support from the Health and "
         "Wellbeing Board to generate more pace."],
        ["Skills and Enterprise Partnership (SEP)", "",
         "Skills and Enterprise Partnership (SEP) had set three actions as "
         "part of their Delivery Plan. The SEP was at the stage of agreeing "
         "sub-leads on each of the action and reviewing the SEP membership."],
        ["Education and Public Health Services", "",
         "The Education and Public Health Services, which provide data for a "
         "number of measures on the Delivery Plan, had not completed their "
         "return for quarter one."],
        ["Delayed Transfers of Care (DTOC)", "",
         "Performance relating to Delayed Transfers of Care (DTOC) was now "
         "showing as ‘green’ which was a significant improvement and should "
         "be celebrated."],
    ]
    grid_table(doc, rows, [Cm(5.0), Cm(1.4), Cm(11.0)],
               fills={(3, 1): "FFFF00", (4, 1): GREEN})
    para(doc)
    para(doc, "As a result there were gaps across a number of areas of the "
         "HWBB Delivery Plan, these were highlighted yellow.", italic=True)
    footer(doc, "West Berkshire Council - Health and Wellbeing Board")
    return save_document(doc, name)


@sample("p26-lewisham-greenwich-nhs-key-targets-monthly-2018")
def build_p26(name):
    """Month columns Dec 17 - Apr 18 by hospital; the standards explained."""
    doc = new_document("How the Trust is performing", landscape=True)
    heading(doc, "How the Trust is performing", 1)
    para(doc, "The Trust collects data each month to monitor how we are "
         "performing in key areas. See below for our most recently available "
         "figures. Further information can be found in the monthly Trust "
         "board performance report.")
    heading(doc, "Performance against key targets", 2)
    rows = [
        ["National standard", "Dec 17", "Jan 18", "Feb 18", "Mar 18",
         "Apr 18"],
        ["A&E: Trust overall", "86%", "83.3%", "85.6%", "83.7%", "87.6%"],
        ["A&E: UHL", "86.9%", "86.7%", "89.2%", "87.1%", "90.3%"],
        ["A&E: QEH", "85.4%", "80.8%", "82.8%", "81%", "85.5%"],
        ["18-week referral", "88.64%", "88.9%", "88.7%", "88.1%", "88.2%"],
        ["Cancer two-week wait", "93.7%", "96.1%", "96.3%", "96.6%", ""],
        ["Cancer 62-day wait", "73.4%", "83%", "78%", "80%", ""],
        ["Cases of MRSA", "0", "0", "0", "0", "0"],
        ["Cases of C difficile", "1", "2", "2", "1", "3"],
    ]
    grid_table(doc, rows, [Cm(6.0)] + [Cm(2.4)] * 5)
    heading(doc, "The standards explained", 2)
    grid_table(doc, [
        ["Standard", "Explanation"],
        ["A&E four-hour wait", "The national standard is that 95 per cent "
         "of all patients attending A&E should be treated, admitted or "
         "discharged within four hours."],
        ["18-week referral to treatment", "92% of patients waiting to start "
         "elective treatment should have waited less than 18 weeks."],
        ["Cancer two-week wait", "93% of urgent cancer outpatient referrals "
         "should be seen within 14 days."],
        ["Cancer 62-day standard", "85% of patients should begin treatment "
         "within 62 days of being referred by their GP."],
        ["MRSA", "The Trust should have no cases of this hospital acquired "
         "infection."],
        ["C. difficile", "Cases of this hospital acquired infection should "
         "not exceed 39 cases per year."],
    ], [Cm(6.0), Cm(14.0)], repeat_header=False)
    footer(doc, "Lewisham and Greenwich NHS Trust")
    return save_document(doc, name)


@sample("p27-rbkc-council-plan-action-plan-rag-sentence")
def build_p27(name):
    """The RAG key as one sentence; no record table at all."""
    doc = new_document("Tracking and Monitoring Progress")
    heading(doc, "Council Plan Action Plan 2025-2027", 1)
    heading(doc, "Tracking and Monitoring Progress", 2)
    para(doc, "The Action Plan for 2025-2027 sets out the key activities for "
         "the council over the coming two years to deliver the Council Plan.")
    para(doc, "Delivery progress on the Council Plan Action Plan is assessed "
         "using a RAG system based on current issues and future risk to "
         "delivery. Actions are rated green where there are no issues or "
         "risks, amber when issues or risks have been identified, and red "
         "when those issues are risks are deemed to be significant.")
    para(doc, "Updates on delivery of the Council Plan Action Plan are "
         "included within the council’s Corporate Performance report, which "
         "also includes the latest outturns and RAG ratings for the "
         "council’s performance metrics.")
    footer(doc, "The Royal Borough of Kensington and Chelsea")
    return save_document(doc, name)


# --------------------------------------------------------------------------
# PDF export and entry point
# --------------------------------------------------------------------------


def convert_to_pdf(paths):
    """Export documents to PDF with headless LibreOffice, fresh profile."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: install LibreOffice "
                 "(libreoffice-writer-nogui) to build the PDFs")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        for path in paths:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}",
                 "--headless", "--convert-to", "pdf",
                 "--outdir", str(path.parent), str(path)],
                check=True, stdout=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    """Build the layout samples (all, or those named) and their PDFs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true",
                        help="also export the documents to PDF")
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help="build only these samples")
    args = parser.parse_args()
    unknown = sorted(set(args.names) - set(BUILDERS))
    if unknown:
        parser.error("unknown sample(s): " + ", ".join(unknown))
    names = args.names or list(BUILDERS)
    paths = [BUILDERS[name](name) for name in names]
    if args.pdf:
        convert_to_pdf(paths)
    for path in paths:
        print(path.relative_to(OUTPUT_DIR.parent.parent))


if __name__ == "__main__":
    main()
