"""Truth tables for the value parsers: statuses, colours, periods, numbers, HTML."""

import pytest

from pipeline.models import Rag
from pipeline.normalise.values import (
    clean_html, parse_financial_year, parse_number, parse_quarter, parse_rag, period_label,
    rag_from_colour, split_value_and_period, strip_html,
)


@pytest.mark.parametrize("text, rag", [
    ("Green", Rag.GREEN), ("green ", Rag.GREEN), ("G", Rag.GREEN), ("Amber", Rag.AMBER),
    ("Red", Rag.RED), ("Amber/Green", Rag.AMBER_GREEN), ("Amber / Red", Rag.RED_AMBER),
    ("Blue", Rag.BLUE), ("Complete", Rag.BLUE), ("Yellow", Rag.AMBER), ("On Target", Rag.GREEN),
    ("", None), ("Maybe", None), (None, None),
])
def test_rag_words_map_onto_the_vocabulary(text, rag):
    assert parse_rag(text) == rag


@pytest.mark.parametrize("fill, rag", [
    ("00B050", Rag.GREEN), ("#92D050", Rag.GREEN), ("FFC000", Rag.AMBER), ("FFFF00", Rag.AMBER),
    ("FF0000", Rag.RED), ("C00000", Rag.RED), ("0070C0", Rag.BLUE), ("D9D9D9", None),
    ("FFFFFF", None), ("auto", None), (None, None),
])
def test_fill_colours_are_judged_by_hue_not_rgb_distance(fill, rag):
    assert rag_from_colour(fill) == rag


@pytest.mark.parametrize("text, year", [
    ("2008/09", "2008/09"), ("08/09", "2008/09"), ("Target 08/09", "2008/09"), ("2006-07", "2006/07"),
    ("2006/2007", "2006/07"), ("Q3 2007-08", "2007/08"), ("2024 to 2025", "2024/25"),
    ("20010/11", "2010/11"), ("Q3", None), ("2310", None),
])
def test_financial_years_normalise(text, year):
    assert parse_financial_year(text) == year


def test_quarters_and_period_labels_come_from_titles():
    title = "MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services"
    assert period_label(title) == "Q3 2007-08"
    assert parse_quarter("Quarter 2") == 2
    assert parse_quarter("Qtr 4") == 4


@pytest.mark.parametrize("text, value", [
    ("41,072,522", 41072522), ("£ 10,313,258", 10313258), ("£1.2m", 1200000), ("£30K", 30000),
    ("54.4%", 54.4), ("9.5 days", 9.5), ("N/A", None), ("TBC", None), ("-", None), ("", None),
    ("New measure", None),
])
def test_numbers_are_the_value_a_reader_sees(text, value):
    assert parse_number(text) == value


def test_a_baseline_cell_gives_its_number_and_year():
    assert split_value_and_period("2310 2006/07") == (2310, "2006/07")
    assert split_value_and_period("2.9\n2007/08") == (2.9, "2007/08")


def test_html_in_a_cell_becomes_lines_of_text():
    text = '<p>SCS Outcomes:</p> <ul style="list-style-type: none"> • One. • Two. <p>Next:</p>'
    assert strip_html(text) == "SCS Outcomes:\n• One.\n• Two.\nNext:"
    assert clean_html("<p>Work with <b>teams</b></p>") == "Work with teams"
