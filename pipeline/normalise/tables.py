"""Helpers shared by the normalisers: a table's rows as grid-aligned texts, row provenance."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.models import Cell, Origin, RawTable


def row_texts(table: RawTable, row: Sequence[Cell]) -> list[str]:
    """The texts of a row on the table's grid; a merged cell's text stands at its first column."""
    texts = [""] * table.width
    for cell in row:
        texts[cell.col] = cell.text
    return texts


def cell_at(row: Sequence[Cell], col: int | None) -> Cell | None:
    """The cell starting at a grid column, if the row has one."""
    if col is None:
        return None
    return next((c for c in row if c.col == col), None)


def text_at(row: Sequence[Cell], col: int | None) -> str:
    """The raw text at a grid column ("" where there is none)."""
    cell = cell_at(row, col)
    return cell.text if cell else ""


def origin(table: RawTable, row: Sequence[Cell], row_index: int) -> Origin:
    """Where a row came from: its table, the pages its cells span, its index in the table."""
    starts = [c.page for c in row if c.page is not None]
    ends = [c.last_page for c in row if c.last_page is not None]
    return Origin(
        table.index,
        min(starts) if starts else table.page_start,
        max(ends) if ends else table.page_end,
        row_index,
    )


BANNER_MAX_CHARS = 60


def is_banner(table: RawTable, row: Sequence[Cell]) -> bool:
    """A caption or group row: one cell across the table, or a short label alone in the first column."""
    filled = [c for c in row if c.text.strip()]
    if len(filled) != 1 or table.width < 2:
        return False
    only = filled[0]
    return only.col_span == table.width or (only.col == 0 and len(only.text) <= BANNER_MAX_CHARS)
