"""Series tables: periods printed as rows.

Two shapes. A measure's own table, captioned with its name, with a row per year (and its target
rows) and a column per quarter: "2018/19 | Q1 | Q2 ..." then "Target | ...". Or a table with a
row per period and a column per indicator: "Year | Recycling rate | Missed bins".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Indicator, IndicatorValue, Issue
from pipeline.normalise.commitments import row_origin
from pipeline.normalise.grid import HeaderGrid, Profile, Record
from pipeline.normalise.headers import Column, HeaderMap, TableReading
from pipeline.normalise.mappers import DocContext, Mapped, mapper
from pipeline.normalise.values import (
    clean, is_month_label, is_placeholder, parse_financial_year, parse_number, parse_quarter,
)

_TARGET = re.compile(r"(?i)\b(target|aim|goal|plan|profile)\b")
_WHOLE_YEAR = re.compile(r"(?i)\b(year end|year-end|annual|full year|yr)\b")
SERIES_SCORE = 8.0


def _is_period_header(label: str) -> bool:
    return bool(parse_quarter(label) or parse_financial_year(label) or is_month_label(label))


def series_map(grid: HeaderGrid, rows: Sequence[Record], found: Sequence[Profile]) -> HeaderMap | None:
    """The table read as a series, or None when its first column is not a column of periods."""
    if not rows or not found or len(found) < 2:
        return None
    first = found[0]
    labels = [clean(r.text(0)) or "" for r in rows]
    periods = sum(first_is_period(label) for label in labels)
    targets = sum(bool(_TARGET.search(label)) for label in labels)
    value_cols = [p for p in found[1:] if p.share("number") >= 0.6]
    if not periods or (periods + targets) * 10 < len(labels) * 8 or not value_cols:
        return None
    columns = [Column(0, "series_row", grid.label(0), how="content")]
    by_period = all(_is_period_header(grid.label(p.col)) for p in value_cols)
    field = "actual" if by_period else "series_indicator"
    for profile in value_cols:
        label = grid.label(profile.col)
        if not label:
            return None
        columns.append(Column(profile.col, field, label, parse_financial_year(label), parse_quarter(label), "content"))
    return HeaderMap("series", grid.header_rows - 1, tuple(columns), (), SERIES_SCORE)


def first_is_period(label: str) -> bool:
    """A row label naming a period ("2018/19", "Q1 2010/11")."""
    return bool(parse_financial_year(label)) and len(label.split()) <= 4


@mapper("series")
def series(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """One value per printed number, its period from its row and its column."""
    table = reading.table
    found: list[Indicator | IndicatorValue] = []
    issues: list[Issue] = []
    year: str | None = None
    named: set[str] = set()
    for row in reading.records:
        label = clean(row.text(0)) or ""
        row_year = parse_financial_year(label)
        is_target = bool(_TARGET.search(label))
        if row_year and not is_target:
            year = row_year
        fy = row_year or year or ctx.financial_year
        where = row_origin(table, row)
        for column in header.columns[1:]:
            raw = clean(row.text(column.col))
            if raw is None or is_placeholder(raw):
                continue
            number = parse_number(raw)
            if column.field == "series_indicator":
                description = clean(column.header)
                kind = "target" if is_target else "actual"
                period = _row_period(label, fy)
            else:
                description = row.group or reading.grid.caption or clean(table.heading)
                kind = "target" if is_target else "actual"
                period = fy if _WHOLE_YEAR.search(label) else _column_period(column, fy)
            if description and description not in named:
                named.add(description)
                found.append(Indicator(None, description, origin=where))
            found.append(IndicatorValue(None, kind, period, number, raw, origin=where,
                                        indicator_description=description))
    return Mapped(tuple(found), tuple(issues), ctx.group)


def _row_period(label: str, fy: str | None) -> str | None:
    quarter = parse_quarter(label)
    if quarter and fy:
        return f"{fy} Q{quarter}"
    return fy or label or None


def _column_period(column: Column, fy: str | None) -> str | None:
    if is_month_label(column.header):
        return clean(column.header)
    if column.quarter:
        year = column.period or fy
        return f"{year} Q{column.quarter}" if year else clean(column.header)
    return column.period or fy
