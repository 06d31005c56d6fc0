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


def text_at(row: Sequence[Cell], col: int | None) -> str:
    """The raw text at a grid column ("" where there is none)."""
    if col is None:
        return ""
    cell = next((c for c in row if c.col == col), None)
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
