"""The dataclasses that carry a document between stages."""

from __future__ import annotations

from dataclasses import replace

from pipeline.models import Cell, RawTable


def test_a_table_counts_its_grid_width_from_its_widest_row_and_a_replaced_table_counts_again():
    rows = ((Cell("Code", 0, 0, 1), Cell("Q1 to Q3", 0, 1, 1, col_span=3)), (Cell("NI 192", 1, 0, 1),))
    table = RawTable(0, 1, 1, None, 1, rows)
    assert table.width == 4
    assert replace(table, rows=rows[1:]).width == 1
    assert RawTable(1, None, None, None, 0, ()).width == 0


def test_the_width_takes_no_part_in_comparing_or_printing_a_table():
    rows = ((Cell("Code", 0, 0, 1),),)
    assert RawTable(0, 1, 1, None, 0, rows) == RawTable(0, 1, 1, None, 0, rows)
    assert "width" not in repr(RawTable(0, 1, 1, None, 0, rows))
