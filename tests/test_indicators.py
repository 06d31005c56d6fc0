"""Scorecards: a row per indicator, a value per printed number with its period, and the status and
direction of travel on the value they judge; series tables with periods as rows."""

from __future__ import annotations

from helpers import document, paragraph, table

from pipeline.models import BlockKind, DocKind, Indicator, IndicatorValue
from pipeline.normalise import normalise


def _values(doc) -> list[tuple[str | None, str, str | None, float | None, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return [(v.indicator_code or v.indicator_description, v.kind, v.period, v.value, v.rag, v.direction)
            for v in doc.of(IndicatorValue)]


def test_quarter_target_and_result_pairs_take_the_documents_year():
    doc = normalise(document(table([
        ["Indicator Name", "Reference", "Q1 Target", "Q1 Result", "Q2 Target", "Q2 Result", "Q2 Status"],
        ["Affordable dwellings built", "SH 001", "0", "12", "26", "14", ""],
    ], fills={(1, 6): "FF0000"}), blocks=(paragraph("(QUARTERLY REPORT AS AT 31st December 2010)", 0),)))
    assert (doc.info.financial_year, doc.info.quarter, doc.info.doc_type) == ("2010/11", 3, DocKind.SCORECARD)
    assert _values(doc) == [
        ("SH 001", "target", "2010/11 Q1", 0, None, None), ("SH 001", "actual", "2010/11 Q1", 12, None, None),
        ("SH 001", "target", "2010/11 Q2", 26, None, None), ("SH 001", "actual", "2010/11 Q2", 14, "red", None),
    ]


def test_a_status_judges_the_value_before_it_and_a_direction_the_current_period():
    doc = normalise(document(table([
        ["PI No", "Description of indicator", "08/09 Outurn", "09/10 target", "Good is ?", "Q1", "Q2",
         "Year to date", "Status", "Direction of travel", "Target Owner"],
        ["CH8", "Reduce the number of days lost to sickness absence", "", "9.5 days", "Low", "2.456", "5.69",
         "5.69", "Failing", "Getting worse", "ST"],
    ]), blocks=(paragraph("Quarter 2 2009/10 performance update", 0),)))
    [indicator] = doc.of(Indicator)
    assert (indicator.code, indicator.polarity, indicator.owner) == ("CH8", "lower", "ST")
    assert _values(doc) == [
        ("CH8", "target", "2009/10", 9.5, None, None),
        ("CH8", "actual", "2009/10 Q1", 2.456, None, None),
        ("CH8", "actual", "2009/10 Q2", 5.69, None, "declined"),
        ("CH8", "actual", "Year to date", 5.69, "red", None),
    ]


def test_this_period_and_last_period_are_resolved_against_the_documents_period():
    doc = normalise(document(table([
        ["Indicator", "Description", "Last period", "This period", "Target", "Status", "Trend"],
        ["1.1.4.PI", "Percentage of annual reviews completed", "65%", "62%", "50%", "Green", "Getting worse"],
    ]), blocks=(paragraph("This is the key performance data for quarter 4, 2024 to 2025.", 0),)))
    assert _values(doc) == [
        ("1.1.4.PI", "actual", "2024/25 Q3", 65, None, None),
        ("1.1.4.PI", "actual", "2024/25 Q4", 62, "green", "declined"),
        ("1.1.4.PI", "target", "2024/25", 50, None, None),
    ]


def test_an_indicator_without_a_code_keeps_its_values_and_a_code_at_the_end_is_read():
    doc = normalise(document(table([
        ["Performance Indicator", "Value", "Target", "Status"],
        ["Percentage of fly tips resulting in enforcement action", "83.3%", "50%", ""],
        ["Percentage of household waste sent for reuse, recycling and composting (NI 192)", "54.34%", "52.5%", ""],
    ], fills={(1, 3): "92D050", (2, 3): "92D050"})))
    assert [(i.code, i.description) for i in doc.of(Indicator)] == [
        (None, "Percentage of fly tips resulting in enforcement action"),
        ("NI 192", "Percentage of household waste sent for reuse, recycling and composting (NI 192)")]
    assert [(key, kind, value, rag) for key, kind, _, value, rag, _ in _values(doc)] == [
        ("Percentage of fly tips resulting in enforcement action", "actual", 83.3, "green"),
        ("Percentage of fly tips resulting in enforcement action", "target", 50, None),
        ("NI 192", "actual", 54.34, "green"), ("NI 192", "target", 52.5, None)]


def test_a_column_of_names_under_a_target_header_is_an_owner():
    doc = normalise(document(table([
        ["Measure", "Actual 2023/24", "Target"],
        ["Council tax collected", "96.7", "Jane Smith"],
        ["Business rates collected", "96.4", "John Foster"],
    ])))
    assert [(i.description, i.owner) for i in doc.of(Indicator)] == [
        ("Council tax collected", "Jane Smith"), ("Business rates collected", "John Foster")]
    assert [v.kind for v in doc.of(IndicatorValue)] == ["actual", "actual"]


def test_a_measures_table_with_years_as_rows_and_quarters_as_columns_is_a_series():
    doc = normalise(document(table([
        ["Business Rates Collection", "", "", "", ""],
        ["", "Q1", "Q2", "Q3", "Q4"],
        ["2018/19", "69,705,667", "138,677,128", "204,057,943", "245,375,687"],
        ["Target", "66,831,812", "134,987,938", "199,579,617", "243,892,497"],
        ["2017/18", "70,008,252", "138,603,091", "199,296,902", "237,584,716"],
    ], header_rows=2, spans={(0, 0): (1, 5)}),
        blocks=(paragraph("Q4 2018-2019 Performance report", 0, BlockKind.TITLE),)))
    assert [i.description for i in doc.of(Indicator)] == ["Business Rates Collection"]
    values = [(kind, period, value) for _, kind, period, value, _, _ in _values(doc)]
    assert values[:5] == [("actual", "2018/19 Q1", 69705667), ("actual", "2018/19 Q2", 138677128),
                          ("actual", "2018/19 Q3", 204057943), ("actual", "2018/19 Q4", 245375687),
                          ("target", "2018/19 Q1", 66831812)]
    assert values[-1] == ("actual", "2017/18 Q4", 237584716) and len(values) == 12


def test_a_row_of_periods_with_an_indicator_per_column_is_a_series():
    doc = normalise(document(table([
        ["Year", "Recycling rate", "Missed bins"],
        ["2021/22", "44.1%", "1,204"],
        ["2022/23", "45.3%", "998"],
    ])))
    assert [i.description for i in doc.of(Indicator)] == ["Recycling rate", "Missed bins"]
    assert [(key, period, value) for key, _, period, value, _, _ in _values(doc)] == [
        ("Recycling rate", "2021/22", 44.1), ("Missed bins", "2021/22", 1204),
        ("Recycling rate", "2022/23", 45.3), ("Missed bins", "2022/23", 998)]


def test_a_summary_of_counts_per_status_is_not_an_indicator_table():
    doc = normalise(document(table([
        ["RAG Rating", "Green", "Amber", "Red", "N/A", "Total"],
        ["KPIs", "9", "0", "1", "3", "13"],
    ])))
    assert doc.of(Indicator) == [] and doc.of(IndicatorValue) == []
    assert [i.code for i in doc.issues] == ["unmapped_table", "unknown_layout"]


def test_a_three_month_range_is_its_financial_quarter_and_polarity_reads_either_way_round():
    doc = normalise(document(table([
        ["Measure", "Good = High?", "Apr - Jun", "Jul - Sep"],
        ["Households prevented from becoming homeless", "Higher is better", "121", "134"],
        ["Days to process new claims", "Good is low", "18.2", "16.9"],
    ]), blocks=(paragraph("Housing performance 2023/24", 0, BlockKind.HEADING),)))
    assert [i.polarity for i in doc.of(Indicator)] == ["higher", "lower"]
    assert [(v.period, v.value) for v in doc.of(IndicatorValue)][:2] == [("2023/24 Q1", 121), ("2023/24 Q2", 134)]


def test_cells_that_carry_their_own_labels_are_read_as_measure_value_and_target():
    doc = normalise(document(table([
        ["Customer satisfaction (LCRA)*: 58.5%", "Target: 70%"],
        ["Complaints responded to on time**: 92%", "Target: 95%"],
    ], header_rows=0), blocks=(paragraph("Here's our results for quarter two, 2024/25:", 0),)))
    assert (doc.info.financial_year, doc.info.quarter) == ("2024/25", 2)
    assert _values(doc) == [
        ("Customer satisfaction (LCRA)*", "actual", "2024/25 Q2", 58.5, None, None),
        ("Customer satisfaction (LCRA)*", "target", "2024/25", 70, None, None),
        ("Complaints responded to on time**", "actual", "2024/25 Q2", 92, None, None),
        ("Complaints responded to on time**", "target", "2024/25", 95, None, None)]


def test_same_period_last_year_and_to_date_columns_and_a_status_with_no_target():
    doc = normalise(document(table([
        ["Measure", "Description", "Quarter 3 2016/17", "Same period 2015/16", "2016/17 to date", "Status"],
        ["1", "deaths as a result of fires where people lived", "4", "1", "8", ""],
    ], fills={(1, 5): "FF0000"}), blocks=(paragraph("Performance with a focus on quarter 3 of 2016/17", 0),)))
    assert [(i.code, i.description) for i in doc.of(Indicator)] == [("1", "deaths as a result of fires where people lived")]
    assert _values(doc) == [("1", "actual", "2016/17 Q3", 4, "red", None), ("1", "actual", "2015/16 Q3", 1, None, None),
                            ("1", "actual", "2016/17 to date", 8, None, None)]


def test_a_value_with_its_quarter_and_status_in_brackets_and_a_placeholder_that_goes_on():
    doc = normalise(document(table([
        ["Ref.", "Indicator", "2014/15 Annual Target", "2014/15 Annual Performance", "Outturn 2013/14"],
        ["SCO1 (C)", "Residual household waste per household (kg)", "640 kg", "512 kg\n(Q3 time lag)\n(GREEN)",
         "New measure for 2014/15"],
    ])))
    assert _values(doc) == [("SCO1 (C)", "target", "2014/15", 640, None, None),
                            ("SCO1 (C)", "actual", "2014/15 Q3", 512, "green", None)]
