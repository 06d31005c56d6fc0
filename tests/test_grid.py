"""Tables read as a reader reads them: headers composed down the grid, merged cells carried down,
label rows folded into the record above, repeated headers skipped, and what each column holds."""

from __future__ import annotations

from helpers import table

from pipeline.models import Cell
from pipeline.normalise.grid import cell_type, header_grid, is_form, records, split_code, split_numbered


def test_a_year_merged_over_value_target_status_gives_each_column_that_year():
    grid = header_grid(table([
        ["PI Ref", "Indicator", "Q3 2010/11", "", "", "Responsible Officer"],
        ["", "", "Status", "Target", "Value", ""],
        ["KPI 012", "Park & Ride transactions", "", "112,500", "82,190", "Michael Thornton"],
    ], header_rows=2, spans={(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 3), (0, 5): (2, 1)}))
    assert grid.labels == ("PI Ref", "Indicator", "Q3 2010/11 Status", "Q3 2010/11 Target", "Q3 2010/11 Value",
                           "Responsible Officer")
    assert grid.groups[2:5] == ("Q3 2010/11",) * 3


def test_a_caption_across_the_table_is_not_part_of_any_header():
    grid = header_grid(table([
        ["Indicators - Performance Monitoring of Indicators", "", ""],
        ["Ref No.", "Description", "Q1"],
        ["NI 136", "People supported", "1917"],
    ], header_rows=2, spans={(0, 0): (1, 3)}))
    assert (grid.caption, grid.labels) == ("Indicators - Performance Monitoring of Indicators",
                                           ("Ref No.", "Description", "Q1"))


def test_an_unflagged_header_row_is_found_from_its_words():
    grid = header_grid(table([["Ref", "Action", "Lead Officer"], ["1", "Open the hub", "Jo Bloggs"]], header_rows=0))
    assert grid.header_rows == 1 and grid.labels == ("Ref", "Action", "Lead Officer")


def test_a_second_header_line_across_the_values_folds_each_records_second_row_into_it():
    raw = table([
        ["Indicator Name", "Reference", "Q1 Target", "Q1 Result", "Q3 Status"],
        ["", "Q3 Comment", "", "", ""],
        ["Time taken to process claims", "NI 181", "12", "18.3", ""],
        ["Low is good", "Resources have been stretched in November", "", "", ""],
    ], header_rows=2, spans={(1, 1): (1, 4), (3, 1): (1, 4)})
    grid = header_grid(raw)
    [record] = records(raw, grid)
    assert grid.follow == ((1, 4, "Q3 Comment"),)
    assert record.rows == [2, 3]
    assert [(label, cell.text) for label, cell in record.extras] == [
        ("", "Low is good"), ("Q3 Comment", "Resources have been stretched in November")]


def test_a_label_row_under_a_record_is_folded_into_it():
    raw = table([
        ["Action / Objective", "Update as of 5 February 2007"],
        ["1(a) Support the Senior Voice Forum", "Represented on the LSP"],
        ["Time Frame:", "31 March 2007"],
    ], fills={(2, 0): "F2F2F2"})
    [record] = records(raw, header_grid(raw))
    assert [(label, cell.text) for label, cell in record.extras] == [("Time Frame", "31 March 2007")]


def test_a_merged_cell_is_carried_down_to_every_row_it_spans_and_a_group_row_labels_the_rows_below():
    raw = table([
        ["Ref No.", "Improvement", "Key Milestones", "Responsible Person"],
        ["Housing", "", "", ""],
        ["HS1", "Use service users' views", "Gather views", "Francine Abercrombie"],
        ["", "", "Standardise satisfaction cards.", "Michelle Flynn"],
        ["", "Increase the criteria", "Consult service users", "Michelle Flynn"],
    ], spans={(2, 0): (2, 1), (2, 1): (2, 1)})
    rows = records(raw, header_grid(raw))
    assert [(r.text(0), r.text(1), r.text(2), r.group) for r in rows] == [
        ("HS1", "Use service users' views", "Gather views", "Housing"),
        ("HS1", "Use service users' views", "Standardise satisfaction cards.", "Housing"),
        ("", "Increase the criteria", "Consult service users", "Housing"),
    ]


def test_a_header_printed_again_inside_the_table_is_skipped():
    raw = table([
        ["Performance Indicator", "Threshold", "June"],
        ["Discharge summaries - outpatients", "95%", "84.23%"],
        ["Performance Indicator", "Threshold", "June"],
        ["Breastfeeding initiation rates", "80%", "79.25%"],
    ])
    assert [r.text(0) for r in records(raw, header_grid(raw))] == [
        "Discharge summaries - outpatients", "Breastfeeding initiation rates"]


def test_a_form_of_shaded_labels_is_not_a_data_table():
    form = table([["Service (s)", "Corporate overview"], ["Quarter", "4"], ["Portfolio Holder/s", "Cllr Langhorn"]],
                 header_rows=0, fills={(0, 0): "D9D9D9", (1, 0): "D9D9D9", (2, 0): "D9D9D9"})
    assert is_form(form)


def _type(text: str, fill: str | None = None) -> str:
    return cell_type(Cell(text, 0, 0, 1, fill))


def test_cells_are_typed_by_what_they_hold():
    assert [_type(t) for t in ("41,072,522", "54.4%", "9.5 days", "2.4%<", "54.5\n(2005-2007 ave)")] == ["number"] * 5
    assert [_type(t) for t in ("Green", "A", "Red (currently not met)")] == ["rag"] * 3
    assert _type("", "92D050") == "rag" and _type("", "D9D9D9") == "empty"
    assert [_type(t) for t in ("Getting worse", "↓", "Aim to minimise", "Quarterly")] == [
        "direction", "direction", "polarity", "frequency"]
    assert [_type(t) for t in ("10.05.2023", "30 Sept", "August 2008", "2018/19")] == ["date", "date", "date", "period"]
    assert [_type(t) for t in ("Jerry Smith", "MW/YO", "G Currie/S WoodTownend", "DoSCE")] == ["person"] * 4
    assert [_type(t) for t in ("C1.1.1", "HS1", "1.1.2.PI", "1(a)")] == ["ref"] * 4
    assert _type("NI 192 Percentage of household waste recycled") == "code_text"
    assert _type("1.\tAgreement to be made with IHAC and Homestart") == "numbered"
    assert _type("N/A") == "placeholder" and _type("New measure") == "placeholder"


def test_codes_and_numbers_are_split_from_the_text_they_open():
    assert split_code("LVE 009 Overall employment rate") == ("LVE 009", "Overall employment rate")
    assert split_code("CS EPI CS18 Older People helped to live at home") == (
        "CS EPI CS18", "Older People helped to live at home")
    assert split_code("Reduce total crime") == (None, "Reduce total crime")
    assert split_numbered("1(a) The Council should ensure support") == ("1(a)", "The Council should ensure support")
    assert split_numbered("3. A homelessness prevention officer") == ("3", "A homelessness prevention officer")


def test_in_a_pdf_a_merged_cell_prints_once_and_the_rows_below_it_carry_it():
    # pdfplumber leaves no cell at the grid positions a merged cell covers
    raw = table([
        ["Objective", "Timescale", "Lead Dept/Service/Outcomes"],
        ["CRE Leadership Challenge.", "", "Valuing Diversity Group to lead"],
        ["Produce agreed action plan", "August 2002"],
        ["Sign up to Leadership Challenge", "November 2002"],
    ])
    rows = records(raw, header_grid(raw))
    assert [(r.text(0), r.text(1), r.text(2)) for r in rows] == [
        ("CRE Leadership Challenge.", "", "Valuing Diversity Group to lead"),
        ("Produce agreed action plan", "August 2002", "Valuing Diversity Group to lead"),
        ("Sign up to Leadership Challenge", "November 2002", "Valuing Diversity Group to lead"),
    ]


def test_a_first_row_shaded_alike_over_plain_rows_is_the_header_even_with_one_label():
    raw = table([
        ["Improvement Issue", ""],
        ["Improve arrangements for preventing homelessness.", "1. Agreement to be made with IHAC"],
        ["", "2. Agreements to be made with housing associations"],
    ], header_rows=0, fills={(0, 0): "DDD9C4", (0, 1): "DDD9C4"})
    grid = header_grid(raw)
    assert (grid.header_rows, grid.labels, grid.caption) == (1, ("Improvement Issue", ""), None)
