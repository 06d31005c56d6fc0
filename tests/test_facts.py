"""The document's own facts from wherever its first pages print them."""

from __future__ import annotations

import pytest
from helpers import document, paragraph, table

from pipeline.models import BlockKind
from pipeline.normalise import normalise
from pipeline.normalise.facts import organisation_in
from pipeline.normalise.values import financial_period


@pytest.mark.parametrize("text, year, quarter", [
    ("MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services", "2007/08", 3),
    ("Quarter 3 2023 to 2024", "2023/24", 3),
    ("*Direction of travel is assessed against last year. Quarter 3 20010/11", "2010/11", 3),
    ("(QUARTERLY REPORT AS AT 31st December 2010)", "2010/11", 3),
    ("This is the quarter 2 performance update on the Strategic Plan 2015-20.", None, 2),
    ("Corporate Race Equality Action Plan 2002/03", "2002/03", None),
])
def test_the_period_is_read_from_a_title_heading_or_sentence(text, year, quarter):
    info = normalise(document(blocks=(paragraph(text, 0),))).info
    assert (info.financial_year, info.quarter) == (year, quarter)


def test_the_year_most_printed_wins_and_table_headers_settle_a_tie():
    blocks = (paragraph("Performance Report: May 2009", 0, BlockKind.HEADING),
              paragraph("The year to date position for 2009/10 is indicated where available.", 1),
              paragraph("These will be included in the 2008/09 Annual Health check.", 2))
    targets = table([["Current Position 08/09", "Target 08/09", "Risk rating"], ["Red", "Stroke care", "Red"]])
    info = normalise(document(targets, blocks=blocks)).info
    assert info.financial_year == "2008/09"
    assert ("financial_year", "the latest year printed in table headers") in info.sources


def test_a_calendar_month_falls_in_the_financial_year_april_to_march():
    assert financial_period(2010, 12) == ("2010/11", 3)
    assert financial_period(2011, 3) == ("2010/11", 4)
    assert financial_period(2024, 4) == ("2024/25", 1)


@pytest.mark.parametrize("text, organisation", [
    ("This is the quarter 2 performance update on Maidstone Borough Council’s Strategic Plan 2015-20.",
     "Maidstone Borough Council"),
    ("The report covers Oxfordshire PCT performance, principally for the period to end-March.", "Oxfordshire PCT"),
    ("HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST", "HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST"),
    ("Isle of Wight Council", "Isle of Wight Council"),
    ("Decisions are taken by the Full Council in March.", None),
    ("Leicestershire along with Leicester City and Rutland is a Form", None),
])
def test_an_organisation_is_a_name_ending_in_a_known_suffix(text, organisation):
    assert organisation_in(text) == organisation


def test_the_organisation_printed_first_is_the_documents_and_marked_printed():
    info = normalise(document(blocks=(paragraph("BLACKPOOL COUNCIL", 0), paragraph("Action Plan", 1)))).info
    assert (info.organisation, info.organisation_source) == ("BLACKPOOL COUNCIL", "printed")


def test_a_month_and_year_in_the_title_dates_a_return_that_prints_no_period():
    info = normalise(document(blocks=(
        paragraph("Improvement Plan Exception Report - February 2007 Update", 0, BlockKind.HEADING),))).info
    assert (info.financial_year, info.quarter) == ("2006/07", 4)
