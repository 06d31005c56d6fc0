"""Build sample council performance returns as Word documents (and PDFs).

Two realistic input documents are written next to this script:

* ``adult-services-commitments-q3-2007-08.docx`` - an A4 landscape
  commitments monitoring return with Red/Amber/Green shaded status cells;
* ``ni-136-action-plan.docx`` - an A4 portrait LAA indicator action plan;

and earlier or later editions of them: the same return for Q1 and Q2
(``adult-services-commitments-q1-2007-08.docx``, ``...-q2-...``) and the
action plan's Q2 update (``ni-136-action-plan-q2-2008-09.docx``).

With ``--pdf`` each document is also converted to PDF with LibreOffice
running headless under a throwaway user profile.

The output is deterministic: document properties carry a fixed date and
author, and the zip members carry a fixed timestamp.

Usage::

    python samples/build.py [--pdf]
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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

OUTPUT_DIR = Path(__file__).resolve().parent

FIXED_DATE = datetime.datetime(2008, 1, 15, 9, 0, 0)
AUTHOR = "Performance Team"
FONT_NAME = "Arial"
BODY_SIZE = Pt(10)

HEADER_FILL = "D9D9D9"
RAG_FILLS = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}

# --------------------------------------------------------------------------
# Content: MTCS and Annual Plan commitments monitoring return (Q3 2007-08)
# --------------------------------------------------------------------------

COMMITMENTS_FILE = "adult-services-commitments-q3-2007-08.docx"
COMMITMENTS_TITLE = (
    "MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services"
)

LEGEND = [
    "Green – On Trajectory",
    "Amber – Off Trajectory, but With Prospects For Recovery With Remedial "
    "Action",
    "Red- Off Trajectory and there is Little Prospect Remedial Activity Will "
    "Get Indicator Trajectory Back On Target",
]

COMMITMENT_WIDTHS = [Cm(8.2), Cm(3.2), Cm(2.6), Cm(11.7)]
PRIORITY_WIDTHS = [Cm(4.6), Cm(6.2), Cm(3.2), Cm(2.6), Cm(9.1)]

COMMITMENTS_SECTIONS = [
    {
        "heading": "A – Improved Quality of Life for People",
        "widths": COMMITMENT_WIDTHS,
        "bold_cells": [(1, 0)],
        "rows": [
            ["Commitment", "Responsible Officer", "Red/Amber/ Green?",
             "Comments On Progress"],
            ["Adults", "", "", ""],
            [
                "Continue to support older people who want to remain living "
                "independently at home. We will do this through the greater "
                "use of rehabilitation, intermediate care, and respite "
                "services.",
                "Sheila Rochester",
                "Green",
                "The Home Assessments and Reablement teams have continued to "
                "support more older people to live independently and are "
                "attracting national attention because of their success in "
                "this area. We have increased the proportion of older people "
                "who receive intensive home care as a proportion of "
                "residential and home care and are exceeding national "
                "targets set for 2008",
            ],
            [
                "We will develop a range of supported accommodation for older "
                "people, as an alternative to residential care.",
                "Sheila Rochester",
                "Green",
                "Following extensive consultation we are taking forward the "
                "Supported Accommodation strategy and aim to increase the "
                "number of extra care schemes in the County through the sale "
                "of 6 Elderly Persons' homes",
            ],
            [
                "Our multi-agency Home Safety Group will be implementing a "
                "number of initiatives, including specific actions on fire "
                "safety and 'cold calling'.",
                "Sandy McMillan",
                "Green",
                "The group ran a number of home safety events in libraries "
                "around the county. Exhibitions and surgeries were held to "
                "inform the public providing information and free gifts. The "
                "events were supported by Age Concern England.",
            ],
            [
                "Improve older people's health and emotional well-being by "
                "increasing the range of leisure and recreational activities "
                "available to them through greater use of Direct Payments.",
                "Sheila Rochester",
                "Green",
                "Currently almost 100 older people receive a direct payment "
                "for day time leisure and cultural activities this is on "
                "target to meet the Local Area Agreement target set for May "
                "08",
            ],
            [
                "Continue to work closely with the Department for Work and "
                "Pensions to maximise the levels of income for older people. "
                "In particular, we will increase the take-up of benefits such "
                "as Attendance Allowance, Housing Benefit, and Council Tax "
                "Benefit.",
                "Sheila Rochester",
                "Red",
                "Good progress is being made on strengthening partnership "
                "working around benefits claimed by older people and "
                "significant response to local publicity campaigns has been "
                "received. Unfortunately the targets for the local area "
                "agreement are behind schedule as more people are stopping "
                "claiming than we had anticipated in the trajectory",
            ],
            [
                "Continue to develop the DALE service.",
                "Sheila Rochester",
                "Green",
                "100% of the milestones have been met for the DALE service "
                "which has supported over 100 older people to die at home "
                "since May 07. The service is now operating in all areas of "
                "the County",
            ],
            [
                "Create a range of new opportunities for people with learning "
                "disabilities, and will significantly increase choice and "
                "promote independence. In 2007-08, the programme will focus "
                "on Charnwood and North West Leicestershire",
                "Sue Disley",
                "Amber",
                "The rolling programme of day services modernisation is "
                "progressing well. Roman Way in Market Harborough has been "
                "remodelled to offer a community facility to the wider "
                "community as well as people with LD. People in the Shepshed "
                "area are attending a new base in New Fields Church Hall, "
                "rather than the large Mountsorrel Day Centre. Final "
                "negotiations are in hand to reprovide services locally to "
                "people in Loughborough. There are some difficulties finding "
                "appropriate sites to base services in south Charnwood for "
                "people with higher support needs, which is delaying the "
                "closure of Mountsorrel day Centre. One of the sites in "
                "Melton is proving not to be as suitable as expected so is "
                "under review.",
            ],
        ],
    },
    {
        "heading": "A – Improved Quality of Life for People cont",
        "widths": COMMITMENT_WIDTHS,
        "rows": [
            ["Commitment", "Responsible Officer", "Red/Amber/ Green?",
             "Comments On Progress"],
            [
                "We are planning major schemes in partnership with district "
                "councils and housing providers to improve respite facilities "
                "and to increase the availability of supported housing "
                "options.",
                "Sheila Rochester",
                "Green",
                "A decision to sell 6 care homes as going concerns was agreed "
                "at Cabinet in November 2007. Plans will also be developed "
                "for the 4 retained homes and for extra care schemes and "
                "reported back to Cabinet in 2008.",
            ],
            [
                "Promote mental health and well-being within all public "
                "sector workplaces and in at least fifteen commercial sector "
                "workplaces by implementing the Health and Safety Executive "
                "Stress Management Standards.",
                "Sandy McMillan/ Sue Disley",
                "Amber",
                "All public sector workplaces are engaged in the work. The "
                "target of engagement with at least 15 commercial sector "
                "workplaces is challenging but this is a key priority for the "
                "implementation co-ordinator. Work is ongoing and currently 6 "
                "commercial workplaces are engaged to implement the "
                "standards. Public sector networks are supporting this "
                "engagement with the commercial sector.",
            ],
            [
                "Complete the review of adult mental health day services to "
                "ensure that they are person-centred and socially inclusive.",
                "Sue Disley",
                "Green",
                "The review was completed and proposals approved by Cabinet "
                "in December. An Implementation Group comprising service "
                "users, commissioners and providers is being established in "
                "January",
            ],
            [
                "Publish a new Carers' Strategy and increase the range of "
                "services available to carers, including increasing the take "
                "up of Direct Payments and the availability of flexible "
                "breaks.",
                "Sheila Rochester",
                "Green",
                "The Carers' strategy is produced and is out for consultation "
                "in February and March 2008. Increased numbers of breaks have "
                "been provided to carers through the use of the Carers' grant",
            ],
            [
                "Participate in a new national initiative to improve services "
                "in mental health care for black and minority ethnic and "
                "excluded groups. This will ensure that people have access to "
                "appropriate services and experience less discrimination.",
                "Sue Disley",
                "Amber",
                "Leicestershire along with Leicester City and Rutland is a "
                "Focussed Implementation Site. The first target for "
                "appointment of Community Development Workers has been met. "
                "Needs assessments have been validated and a draft action "
                "plan has now been developed.",
            ],
            [
                "Develop a commissioning strategy for people who are deaf or "
                "hard of hearing to improve the range and quality of services "
                "available to them.",
                "Sheila Rochester",
                "Green",
                "Spotlight on Deafness is a commissioning review being "
                "undertaken by Action Deafness and a report on this is "
                "expected in February 08.",
            ],
            [
                "Continue to use Equality Impact Assessments as an integral "
                "part of service development.",
                "Sue Disley / Sheila Rochester",
                "Amber",
                "Across ASC we are assessing which are the priority areas for "
                "assessing current policies with an EIA.",
            ],
        ],
    },
    {
        "heading": "C – Improving Services to Deliver High Quality and Value "
                   "for Money",
        "widths": COMMITMENT_WIDTHS,
        "rows": [
            ["Commitment", "Responsible Officer", "Red/Amber/Green?",
             "Comments On Progress"],
            [
                "Respond to new arrangements to ensure effective public and "
                "patient involvement in Adult Social Care and Health "
                "services.",
                "Mick Connell",
                "Amber",
                "Planning for new LINKs structures and procurement exercise "
                "under way, involving representatives of PCT and PPIFs and "
                "liaison with City and Rutland Councils. LCC will be "
                "operating transitional arrangements from April. Government "
                "regulation awaited in Feb/March",
            ],
        ],
    },
    {
        "heading": "MTCS targets and priorities Older People (None LAA) Q3 "
                   "2007-2008",
        "widths": PRIORITY_WIDTHS,
        "rows": [
            ["High Priorities", "We Will Achieve", "Responsible Officer",
             "Red/Amber/Green?", "Comments On Progress"],
            [
                "Develop partnerships in health and social care services",
                "A strategy with Primary Care Trusts to support people with "
                "long term conditions to live at home and reduce hospital "
                "admissions",
                "Sheila Rochester",
                "Amber",
                "Local plans in relation to Long Term Conditions have been "
                "given a different focus based on the New LTC strategy from "
                "the Dept of Health. A joint commissioning strategy is now "
                "being developed.",
            ],
        ],
    },
]

# --------------------------------------------------------------------------
# Content: LAA target action plan for NI 136
# --------------------------------------------------------------------------

ACTION_PLAN_FILE = "ni-136-action-plan.docx"
ACTION_PLAN_TITLE = "LAA TARGET - ACTION PLAN"

PLAN_SUMMARY_ROWS = [
    ["LAA Indicator No.", "NI 136"],
    ["Lead Partner Organisation", "Community Services"],
    ["Technical Data Expert", "Paul Ferris"],
    ["Indicator Owner (Sign Off)", "Simon Brake"],
    ["Reporting Frequency", "Quarterly"],
]

SCS_ROW = [
    "SCS Theme:",
    "Health, well-being and independence People of Coventry living longer, "
    "healthier, independent lives",
    "SCS Priority:",
    '<p>SCS Outcomes:</p> <ul style="list-style-type: none"> • People in '
    "Coventry will enjoy healthier lives which will contribute towards them "
    "living longer in the future and being able to lead independent lives. "
    "• There will be reduced health inequalities between communities. "
    '<p>SCS Short term priorities:</p> <ul style="list-style-type: none"> '
    "• Promote and extend the range of ways in which older people and "
    "adults with disabilities can have personal choice and control over "
    "their health and social care.",
]

LAA_TARGET_ROWS = [
    ["Indicator Definition", "Baseline & Year", "Target 2008/09",
     "Target 2009/10", "Target 2010/11", "Success Criteria"],
    ["People supported to live independently through social services (all "
     "adults)", "2310 2006/07", "2656", "2828", "3000", ""],
]

LAA_TARGET_INFORMATION = [
    "This indicator is new and uses a data set that is still subject to "
    "review and clarification at a national level. It has just one year of "
    "baseline data and therefore no past performance trend. This makes "
    "identifying meaningful projections difficult. The Department of Health "
    "has given clear guidelines on expected levels of performance by "
    "2010/11 and interim targets have been set on a straight line "
    "trajectory between the baseline and the 3 year target. It would be "
    "appropriate to review these as the data set is developed and more "
    "becomes available.",
    "Our target represents the expected trend of increasing numbers of "
    "people receiving support. The Coventry LAA targets for next 3 years, "
    "based upon the information above, are set out in the table above.",
]

EQUALITIES_LEAD = (
    "Summary of overall negative/ positive impacts on target groups/areas:"
)
EQUALITIES_TEXT = [
    "We have various local quality performance indicators based on "
    "different client groups of people helped to live at home which ensure "
    "that our services being received by different groups of the community "
    "in proportion with Coventry's population. This is currently the case "
    "across the service as a whole, and these indicators are monitored "
    "quarterly. As individual areas are considered, if they demonstrate "
    "areas of concern, individual action plans are developed and monitored "
    "through the quarterly reporting process.",
    "These indicators are:",
    "CS EPI CS18 Older People helped to live at home by gender",
    "CS EPI CS21 Mental Health helped to live at home by ethnicity",
    "CS EPI CS22 Learning Disabilities helped to live at home by ethnicity",
    "CS EPI CS23 Physical and Sensory Impairment helped to live at home by "
    "ethnicity",
    "In addition, a further indicator of Older People helped to live at home "
    "by ethnicity will be included.",
]

STRATEGY_LEAD = (
    "Description of key activity or activities that may contribute towards "
    "achieving target"
)
STRATEGY_TEXT = [
    "Ensuring adults using social care services are supported to live "
    "independent lives is a key objective for Adult Social Care. This "
    "includes supporting people, where possible to live in their own home "
    "within their local community networks. Through the assessment and care "
    "management process Council staff will work with individuals who meet "
    "the eligibility criteria for support, to determine how their social "
    "care needs can be met within the home and then draw up an appropriate "
    "care plan. The care package will then be arranged or a direct payment "
    "set up for those individuals who choose to make their own care "
    "arrangements. All care packages are subject to review.",
]

DELIVERY_PLAN_ROWS = [
    ["Ref Nr", "Planned Action(s)", "Target/ Milestone",
     "Link to Other Plans", "Lead Officer",
     "Progress <i>To be completed as part of quarterly monitoring.</i>"],
    ["1", "Report on performance each quarter at Adults and Older People's "
     "Quarterly Meetings.", "", "Older Peoples operational plan Adults "
     "Operational Plan", "Paul Ferris", ""],
    ["2", "Monitor performance through Cabinet Member Portfolio Priorities "
     "Plan", "", "Older People's Operational plan Adults Operational Plan",
     "Lynda Bull", ""],
    ["3.", "Report to the Older People's, Learning Disability, Physical and "
     "Sensory Impairment and Mental Health Partnership Boards as required.",
     "", "Learning Disability Strategy Older People's Strategy Older "
     "People's Mental Health and Well-Being Strategy Adult Mental Health and "
     "Well-Being Strategy", "Lynda Bull", ""],
]

# One-element rows are merged across the full width of the table.
INDICATOR_ROWS = [
    ["Indicators - Performance Monitoring of Indicators"],
    ["Ref No.", "Description", "Baseline", "Target 08/09", "Q1", "Q2", "Q3",
     "Q4", "Target Met Yes/No"],
    ["NI 136", "People supported to live independently through social "
     "services (all adults) <i>per 100,000 population</i>", "2310 2006/07",
     "2656", "1917", "", "", "", ""],
    ["Other indicators that will be used to track progress, including "
     "disaggregated measures for target groups."],
    ["PAF C29", "Adults with Physical Disabilities Helped to Live at Home per "
     "1000 population aged 18-64", "3 2007/08", "3", "2.9", "", "", "", ""],
    ["PAF C30", "Adults with Learning Disabilities Helped to Live at Home per "
     "1000 population aged 18-64", "2.9 2007/08", "2.9", "2.9", "", "", "",
     ""],
    ["PAF C31", "Adults with Mental illness Helped to Live at Home per 1000 "
     "population aged 18-64", "5.3 2007/08", "5.2", "5.3", "", "", "", ""],
    ["PAF C32", "Older People Helped to Live at Home per 1000 per population "
     "aged 65 or over", "64 2007/08", "64", "63.4", "", "", "", ""],
]

FUNDING_ROWS = [
    ["Funding & Planned Spend", "2008/09", "2009/10", "2010/11", "Total",
     "Comment – Source of Budget"],
    ["Internal Provision - Learning Disabilities", "3,547,629", "", "", "",
     "Mainstream, PCT, Client Contributions & Benefactor contribution"],
    ["Internal Provision - Mental Health", "425,102", "", "", "",
     "Mainstream, External Grant and PCT. (ABG £36,674)"],
    ["Internal Provision - Physical & Sensory impairment", "1,564,097", "",
     "", "", "Mainstream and PCT"],
    ["External Providers - Learning Disabilities", "6,823,180", "", "", "",
     "Mainstream and Client Contributions. (ABG £592,823)"],
    ["External Providers - Mental Health", "1,191,436", "", "", "",
     "Mainstream and Client Contributions. (ABG £33,803)"],
    ["External Providers - Physical & Sensory Impairment", "4,647,103", "",
     "", "", "Mainstream and Client Contributions. (ABG £50,276)"],
    ["Internal Provision - Older People *", "10,514,506", "", "", "",
     "Mainstream, External Grant and Client Contributions"],
    ["External Providers - Older People", "12,359,469", "", "", "",
     "Mainstream, External Grant and Client Contributions. (ABG £1,392,231)"],
    ["Total", "41,072,522", "", "", "", ""],
]

FUNDING_FOOTNOTE = (
    "* The Older People's Service is currently going through a significant "
    "period of change within its domiciliary care service, so the figures "
    "for 2008-09 are subject to change"
)

RISK_ROWS = [
    ["Ref No.", "Risk", "Mitigating action"],
    ["", "<p>The calculation for this indicator is partly based on "
     "information submitted in the Grant Funded Services Statutory Return "
     "(GFS1). This is a survey that captures actively via a sample week in "
     "November for Voluntary Organisations that receive grants from Social "
     "Services budgets. The deadline for the statutory return is 25th "
     "January 2009. Therefore we cannot include this data in performance "
     "until Quarter 4</p>", "<p>Work with Commissioning Teams to ensure "
     "that the sample week provides a true reflection of commissioned "
     "services</p>"],
]

# --------------------------------------------------------------------------
# Document helpers
# --------------------------------------------------------------------------


def new_document(title, landscape=False):
    """Return a blank A4 document with house styles and fixed properties."""
    doc = Document()
    configure_styles(doc)
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        # With these margins two commitment rows run over a page break,
        # as they do in the original return.
        section.top_margin = section.bottom_margin = Cm(1.5)
    else:
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Cm(2.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.header_distance = section.footer_distance = Cm(1.0)

    props = doc.core_properties
    props.title = title
    props.author = AUTHOR
    props.last_modified_by = AUTHOR
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    return doc


def configure_styles(doc):
    """Set Arial body text, British English and plain black headings."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(run_defaults.find(qn("w:rFonts")))
    half_points = str(int(BODY_SIZE.pt * 2))
    run_defaults.find(qn("w:sz")).set(qn("w:val"), half_points)
    run_defaults.find(qn("w:szCs")).set(qn("w:val"), half_points)
    run_defaults.find(qn("w:lang")).set(qn("w:val"), "en-GB")

    normal = doc.styles["Normal"].paragraph_format
    normal.space_before = Pt(0)
    normal.space_after = Pt(6)
    normal.line_spacing = 1.0

    for name, size, before in (("Heading 1", 14, 0), ("Heading 2", 12, 12),
                               ("Heading 3", 11, 10)):
        style = doc.styles[name]
        set_fonts(style.element.rPr.find(qn("w:rFonts")))
        style.font.size = Pt(size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(6)


def set_fonts(rfonts):
    """Point a w:rFonts element at the house font instead of theme fonts."""
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        rfonts.attrib.pop(qn("w:" + attr), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        rfonts.set(qn("w:" + attr), FONT_NAME)


def add_paragraph(doc, text, bold=False, keep_with_next=False):
    """Add a Normal paragraph holding a single run of text."""
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    if bold:
        run.bold = True
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True
    return paragraph


def shade_cell(cell, fill):
    """Give a table cell a solid background fill (hex RGB)."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def bold_cell(cell):
    """Make every run in a table cell bold."""
    for paragraph in cell.paragraphs:
        for run in paragraph.runs:
            run.bold = True


def mark_header_row(row):
    """Flag a table row to repeat at the top of each page."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)


def add_table(doc, rows, widths, header_rows=1, label_columns=(),
              rag_column=None):
    """Add a gridded table from a list of rows and return it.

    A one-element row is merged across every column.  The first
    ``header_rows`` rows repeat on each page and are shaded and bold; cells
    in ``label_columns`` are shaded and bold likewise; cells in
    ``rag_column`` are filled with the colour of their status word.
    """
    table = doc.add_table(rows=len(rows), cols=len(widths))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = width

    for row_index, (row, values) in enumerate(zip(table.rows, rows)):
        for cell, width in zip(row.cells, widths):
            cell.width = width
        cells = row.cells
        if len(values) == 1 and len(widths) > 1:
            cells = [cells[0].merge(cells[-1])]
        for column, (cell, text) in enumerate(zip(cells, values)):
            cell.text = text
            is_header = row_index < header_rows
            if is_header or column in label_columns:
                shade_cell(cell, HEADER_FILL)
                bold_cell(cell)
            elif column == rag_column and text in RAG_FILLS:
                shade_cell(cell, RAG_FILLS[text])
        if row_index < header_rows:
            mark_header_row(row)
    return table


def save_document(doc, filename):
    """Save a document with fixed zip timestamps and return its path."""
    buffer = io.BytesIO()
    doc.save(buffer)
    path = OUTPUT_DIR / filename
    with zipfile.ZipFile(buffer) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename,
                                   date_time=FIXED_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(item.filename))
    return path


# --------------------------------------------------------------------------
# Documents
# --------------------------------------------------------------------------


def build_commitments_return(filename=COMMITMENTS_FILE, title=COMMITMENTS_TITLE,
                             sections=COMMITMENTS_SECTIONS):
    """Write the Adult Services commitments monitoring return."""
    doc = new_document(title, landscape=True)
    doc.add_paragraph(title, style="Heading 1")
    for section in sections:
        doc.add_paragraph(section["heading"], style="Heading 2")
        for line in LEGEND:
            add_paragraph(doc, line, keep_with_next=True)
        widths = section["widths"]
        table = add_table(doc, section["rows"], widths,
                          rag_column=len(widths) - 2)
        for row_index, column in section.get("bold_cells", []):
            bold_cell(table.cell(row_index, column))
    return save_document(doc, filename)


def build_action_plan(filename=ACTION_PLAN_FILE, title=ACTION_PLAN_TITLE,
                      delivery_rows=None, indicator_rows=None):
    """Write the NI 136 LAA target action plan."""
    delivery_rows = delivery_rows or DELIVERY_PLAN_ROWS
    indicator_rows = indicator_rows or INDICATOR_ROWS
    doc = new_document(title)
    doc.add_paragraph(title, style="Heading 1")
    add_table(doc, PLAN_SUMMARY_ROWS, [Cm(5.5), Cm(11.5)], header_rows=0,
              label_columns=(0,))
    add_paragraph(doc, "")
    add_table(doc, [SCS_ROW], [Cm(2.6), Cm(5.0), Cm(2.6), Cm(6.8)],
              header_rows=0, label_columns=(0, 2))

    doc.add_paragraph("1: LAA Target", style="Heading 2")
    add_table(doc, LAA_TARGET_ROWS,
              [Cm(4.6), Cm(2.2), Cm(2.2), Cm(2.2), Cm(2.2), Cm(3.6)])
    doc.add_paragraph("LAA Target information", style="Heading 3")
    for text in LAA_TARGET_INFORMATION:
        add_paragraph(doc, text)

    doc.add_paragraph("2: Equalities and Community Cohesion Implications",
                      style="Heading 2")
    add_paragraph(doc, EQUALITIES_LEAD, bold=True)
    for text in EQUALITIES_TEXT:
        add_paragraph(doc, text)

    doc.add_paragraph("3: Strategic Summary", style="Heading 2")
    add_paragraph(doc, STRATEGY_LEAD, bold=True)
    for text in STRATEGY_TEXT:
        add_paragraph(doc, text)

    doc.add_paragraph("4: Delivery Plan – Performance Monitoring of Actions",
                      style="Heading 2")
    add_table(doc, delivery_rows,
              [Cm(1.2), Cm(4.3), Cm(2.3), Cm(3.7), Cm(2.0), Cm(3.5)])

    doc.add_paragraph("5. Performance Indicators", style="Heading 2")
    add_table(doc, indicator_rows,
              [Cm(1.6), Cm(4.9), Cm(1.9), Cm(1.6)] + [Cm(1.3)] * 4
              + [Cm(1.8)], header_rows=2)

    doc.add_paragraph("6: Funding & Planned Spend", style="Heading 2")
    add_table(doc, FUNDING_ROWS,
              [Cm(4.6), Cm(2.2), Cm(1.8), Cm(1.8), Cm(1.8), Cm(4.8)])
    add_paragraph(doc, FUNDING_FOOTNOTE)

    doc.add_paragraph("7: Risk Assessment", style="Heading 2")
    add_table(doc, RISK_ROWS, [Cm(1.8), Cm(8.6), Cm(6.6)])
    return save_document(doc, filename)


# --------------------------------------------------------------------------
# Earlier quarters: the Q1 and Q2 editions of the commitments return, and the
# Q2 edition of the action plan, so history and trajectories have something to
# show. Each edition is the Q3 content above with what changed between quarters.
# --------------------------------------------------------------------------

EDITION_FILE = "adult-services-commitments-q{q}-2007-08.docx"
EDITION_TITLE = ("MTCS and Annual Plan Commitments Monitoring Q{q} 2007-08 - "
                 "Adult Services")

# Worded like this in Q1 and Q2, reworded in Q3.
REWORDED_PREFIX = "We are planning major schemes"
EARLIER_WORDING = (
    "Plan major schemes with district councils and housing providers to "
    "improve respite facilities and increase the availability of supported "
    "housing."
)

# In Q1 and Q2 only: closed before Q3, so the Q3 return drops it.
DROPPED_ROW = [
    "Review charging for non-residential services so that the Fairer "
    "Charging policy is applied consistently across the County.",
    "Mick Connell",
    "Green",
    None,
]
DROPPED_COMMENTS = {
    1: "Consultation on the revised charging policy closed in June 2007; "
       "responses are being analysed.",
    2: "Cabinet approved the revised charging policy in September 2007. It "
       "takes effect from April 2008, so this commitment closes at Q3.",
}

# Added in Q2: absent from the Q1 return.
ADDED_PREFIX = "Develop a commissioning strategy for people who are deaf"
ADDED_COMMENT_Q2 = (
    "Action Deafness has been commissioned to undertake the Spotlight on "
    "Deafness review, starting in October 07."
)

# Status and commentary of earlier quarters, by the start of the commitment.
EARLIER_STATUS = {
    "Continue to work closely with the Department for Work": {
        1: ("Green", "Joint working with the Department for Work and Pensions "
                     "has started and a benefits take-up campaign is planned "
                     "for the summer."),
        2: ("Amber", "The benefits take-up campaign ran in August and "
                     "September. Early figures show fewer new claims than "
                     "the trajectory assumed."),
    },
    "Create a range of new opportunities for people with learning": {
        1: ("Red", "The programme is behind schedule: no site has yet been "
                   "found for a community base in Charnwood and consultation "
                   "with families has been delayed."),
        2: ("Amber", "Roman Way in Market Harborough has been remodelled and "
                     "a new base in New Fields Church Hall, Shepshed, has been "
                     "agreed. Sites in south Charnwood are still being "
                     "sought."),
    },
    "Complete the review of adult mental health day services": {
        1: ("Amber", "The review has started; user consultation events are "
                     "planned for July and August."),
        2: ("Amber", "Consultation has finished and proposals are being "
                     "drafted for Cabinet in December."),
    },
    "Respond to new arrangements to ensure effective public": {
        1: ("Green", "Guidance on the new Local Involvement Networks is "
                     "expected from the Department of Health in the autumn."),
        2: ("Amber", "Guidance has been delayed; planning for the new LINKs "
                     "structures has started with PCT and PPIF "
                     "representatives."),
    },
    REWORDED_PREFIX: {
        1: ("Green", "Options for respite facilities and supported housing "
                     "are being drawn up with district councils."),
        2: ("Green", "A report proposing the sale of 6 care homes as going "
                     "concerns goes to Cabinet in November 2007."),
    },
}


def commitments_edition(quarter):
    """(file name, title, sections) of the Q1 or Q2 edition of the return."""
    sections = []
    for section in COMMITMENTS_SECTIONS:
        heading = section["heading"].replace("Q3 2007-2008",
                                             f"Q{quarter} 2007-2008")
        rows = []
        for row in section["rows"]:
            text = row[0]
            if quarter == 1 and text.startswith(ADDED_PREFIX):
                continue
            row = list(row)
            if text.startswith(REWORDED_PREFIX):
                row[0] = EARLIER_WORDING
            if quarter == 2 and text.startswith(ADDED_PREFIX):
                row[-1] = ADDED_COMMENT_Q2
            for prefix, status in EARLIER_STATUS.items():
                if text.startswith(prefix):
                    row[-2], row[-1] = status[quarter]
            rows.append(row)
            if text.startswith("Respond to new arrangements"):
                rows.append(DROPPED_ROW[:3] + [DROPPED_COMMENTS[quarter]])
        sections.append(dict(section, heading=heading, rows=rows))
    return (EDITION_FILE.format(q=quarter), EDITION_TITLE.format(q=quarter),
            sections)


ACTION_PLAN_Q2_FILE = "ni-136-action-plan-q2-2008-09.docx"
ACTION_PLAN_Q2_TITLE = "LAA TARGET - ACTION PLAN Q2 2008/09"
Q2_ACTUALS = {"NI 136": "2104", "PAF C29": "3.1", "PAF C30": "2.8",
              "PAF C31": "5.2", "PAF C32": "63.9"}
Q2_PROGRESS = {
    "1": "Reported to the Adults and Older People's Quarterly Meetings in "
         "July and October 2008.",
    "2": "Q1 performance was reported to the Cabinet Member in September "
         "2008.",
    "3.": "Reported to the Older People's Partnership Board in September "
          "2008; the other boards follow in Q3.",
}


def action_plan_q2():
    """(file name, title, delivery rows, indicator rows) of the Q2 edition."""
    delivery = [DELIVERY_PLAN_ROWS[0]] + [
        row[:-1] + [Q2_PROGRESS[row[0]]] for row in DELIVERY_PLAN_ROWS[1:]]
    indicators = []
    for row in INDICATOR_ROWS:
        if row[0] in Q2_ACTUALS:
            row = row[:5] + [Q2_ACTUALS[row[0]]] + row[6:]
        indicators.append(row)
    return ACTION_PLAN_Q2_FILE, ACTION_PLAN_Q2_TITLE, delivery, indicators


def convert_to_pdf(paths):
    """Convert documents to PDF with headless LibreOffice, fresh profile."""
    soffice = shutil.which("soffice")
    if soffice is None:
        sys.exit("soffice not found: install LibreOffice to build the PDFs")
    profile = Path(tempfile.mkdtemp(prefix="lo-profile-"))
    try:
        for path in paths:
            subprocess.run(
                [soffice, f"-env:UserInstallation={profile.as_uri()}",
                 "--headless", "--convert-to", "pdf",
                 "--outdir", str(OUTPUT_DIR), str(path)],
                check=True, stdout=subprocess.DEVNULL,
            )
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def main():
    """Build the sample documents and, if asked, their PDFs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", action="store_true",
                        help="also convert the documents to PDF")
    args = parser.parse_args()
    paths = [build_commitments_return(), build_action_plan()]
    paths += [build_commitments_return(*commitments_edition(q)) for q in (1, 2)]
    paths.append(build_action_plan(*action_plan_q2()))
    if args.pdf:
        convert_to_pdf(paths)
    for path in paths:
        print(path.relative_to(OUTPUT_DIR.parent))


if __name__ == "__main__":
    main()
