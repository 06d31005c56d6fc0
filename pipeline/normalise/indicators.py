"""Scorecards and KPI tables: one row per indicator, a value column per period, a status and a
direction of travel for the value they judge."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.models import Indicator, IndicatorValue, Issue, Rag, Severity
from pipeline.normalise.commitments import row_origin
from pipeline.normalise.grid import Record as Row
from pipeline.normalise.grid import split_code
from pipeline.normalise.headers import Column, HeaderMap, TableReading
from pipeline.normalise.mappers import DocContext, Mapped, mapper, rag_of
from pipeline.normalise.plan import describe
from pipeline.normalise.values import (
    clean, clean_html, is_month_label, is_placeholder, parse_direction, parse_financial_year, parse_number,
    parse_polarity, parse_rag, rag_from_colour, split_value_and_period,
)

VALUE_FIELDS = ("baseline", "target", "actual")
_AS_PRINTED = re.compile(r"(?i)\b(year to date|ytd|mth|month|to date)\b")
_SAME_PERIOD = re.compile(r"(?i)\bsame (period|quarter)\b")
_TRAILING_CODE = re.compile(r"\((?P<code>[A-Z]{2,5}\s?\d{1,4}[a-z]?)\)\s*$")
_PART = re.compile(r"^\(?([a-z]|[ivx]{1,4})\)\s*")
_BARE_YEAR = re.compile(r"^\s*(?:19|20)?\d{2}\s*[/-]\s*\d{2,4}\s*$")
_PREVIOUS = re.compile(r"(?i)\b(last|previous|prior)\s+(period|quarter|year)\b")
_CURRENT = re.compile(r"(?i)\b(current|this period|latest|value|performance|result|position)\b")


def _context_year(header: HeaderMap, ctx: DocContext) -> str | None:
    """The year that bare quarter columns belong to: the latest year the header prints, else the document's."""
    years = sorted({c.period for c in header.columns if c.period and c.field in VALUE_FIELDS})
    return years[-1] if years else ctx.financial_year


def column_period(column: Column, year: str | None, row_period: str | None, ctx: DocContext) -> str | None:
    """The period a value column's header names, in the contract's vocabulary where it can say it."""
    label = clean(column.header) or ""
    if _AS_PRINTED.search(label) or is_month_label(label):
        return label
    if _SAME_PERIOD.search(label) and column.period and ctx.quarter:
        return f"{column.period} Q{ctx.quarter}"  # "Same period 2015/16" in a quarter 3 report
    if column.quarter:
        fy = column.period or year
        return f"{fy} Q{column.quarter}" if fy else label
    if column.period:
        return column.period
    if is_month_label(label) or _AS_PRINTED.search(label):
        return label
    if _PREVIOUS.search(label):
        return previous_period(ctx, quarterly="year" not in label.lower()) or label
    if row_period:
        return row_period
    if column.field == "target":
        return ctx.financial_year
    if column.field == "actual" and _CURRENT.search(label):
        return ctx.period
    return ctx.period if column.field == "actual" else None


def previous_period(ctx: DocContext, quarterly: bool) -> str | None:
    """The period before the document's: its previous quarter, or its previous financial year."""
    if not ctx.financial_year:
        return None
    start = int(ctx.financial_year[:4])
    last_year = f"{start - 1}/{start % 100:02d}"
    if not quarterly:
        return last_year
    if not ctx.quarter:
        return None
    return f"{ctx.financial_year} Q{ctx.quarter - 1}" if ctx.quarter > 1 else f"{last_year} Q4"


def _judged(column: Column, header: HeaderMap, values: dict[int, IndicatorValue], current: str | None,
            prefer_current: bool) -> int | None:
    """The actual value column a status or direction column judges."""
    actuals = [c for c in header.all("actual") if c.col in values]
    same = [c for c in actuals if (column.group and c.group == column.group)
            or (column.quarter and c.quarter == column.quarter and c.period == column.period)]
    if same:
        left = [c for c in same if c.col < column.col]
        return left[-1].col if left else same[0].col
    if column.period and not column.quarter:
        exact = [c for c in actuals if values[c.col].period == column.period]
        if exact:
            return exact[0].col
    if prefer_current and current:
        now = [c for c in actuals if values[c.col].period == current]
        if now:
            return now[0].col
    left = [c for c in actuals if c.col < column.col]
    if left and not prefer_current and not header.all("target") and current:
        # with no target to judge a running total against, a status judges the period reported
        now = [c for c in left if values[c.col].period == current]
        if now:
            return now[-1].col
    if left:
        return left[-1].col
    return actuals[0].col if actuals else None


@mapper("indicators")
def indicators(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """Indicators, and one value row per printed number, with the status and direction of the value judged."""
    table = reading.table
    header = _years_as_targets(header, table.heading or reading.grid.caption)
    year = _context_year(header, ctx)
    found: list[Indicator | IndicatorValue] = []
    issues: list[Issue] = []
    skipped: list[int] = []
    rows = reading.records
    seen: set[str] = set()
    for row in rows:
        code, description = _code_and_description(row, header)
        code_col = header.col("code")
        if code and code in seen and code_col is not None and code_col not in row.own:
            # a code merged over parts a) and b): each part is its own indicator
            part = _PART.match(description or "")
            code = f"{code} {part.group(1)})" if part else None
        if code:
            seen.add(code)
        if code is None and header.col("code") is None and header.col("code_text") is None and len(rows) == 1:
            code = ctx.headline
        numbers = [c for c in header.columns if c.field in VALUE_FIELDS and parse_number(row.text(c.col)) is not None]
        statuses = [c for c in header.all("rag") if row.text(c.col).strip() or row.fill(c.col)]
        noted = next((c for c in header.all("commentary") if c.how != "content"), None)
        commented = bool(noted and clean(row.text(noted.col))) and not (description or "").rstrip().endswith(":")
        if (code is None and description is None) or (
                code is None and not numbers and not commented
                and not any(clean(row.text(c.col)) for c in header.all("rag"))):
            skipped.append(row.index)
            continue
        where = row_origin(table, row)
        description, unit = describe(description) if description else (None, None)
        unit = clean(row.text(header.col("unit"))) or unit
        polarity = parse_polarity(row.text(header.col("polarity"))) or _folded_polarity(row)
        found.append(Indicator(
            code, description, unit, polarity,
            owner=clean(row.text(header.col("owner"))),
            reporting_frequency=clean(row.text(header.col("reporting_frequency"))),
            origin=where,
        ))
        row_period = clean(row.text(header.col("period")))
        values: dict[int, IndicatorValue] = {}
        for column in header.columns:
            if column.field not in VALUE_FIELDS:
                continue
            raw = clean(row.text(column.col))
            if raw is None or is_placeholder(raw) or not re.search(r"\d", raw):
                continue  # "Data not yet available": printed, but no number
            if column.field == "baseline":
                number, period = split_value_and_period(raw)
                period = period or column.period
            else:
                number, period = parse_number(raw), column_period(column, year, row_period, ctx)
            period = _noted_period(raw, period, column, year)
            if number is None:
                issues.append(Issue(Severity.WARNING, "unreadable_number",
                                    f"table {table.index + 1} row {row.index}: {raw!r} is not a number",
                                    where.page_start, table.index))
            own_rag = rag_from_colour(row.fill(column.col)) or _noted_rag(raw)
            values[column.col] = IndicatorValue(code, column.field, period, number, raw, origin=where,
                                                indicator_description=description, rag=own_rag)
        comment = clean_html(row.text(header.col("commentary"))) or _folded_comment(row)
        current = ctx.period
        judged_comment = False
        for column in statuses:
            target = _judged(column, header, values, current, prefer_current=False)
            if target is None:
                continue
            rag, rag_raw, rag_issues = rag_of(row.cell(column.col), ctx.legend,
                                              f"table {table.index + 1} row {row.index}", where.page_start,
                                              table.index)
            issues.extend(rag_issues)
            if rag:
                values[target] = _with(values[target], rag=rag, comment=comment)
                judged_comment = True
        for column in header.all("direction"):
            direction = parse_direction(row.text(column.col))
            target = _judged(column, header, values, current, prefer_current=True) if direction else None
            if target is not None:
                values[target] = _with(values[target], direction=direction)
        if comment and not judged_comment and values:
            last = [c.col for c in header.all("actual") if c.col in values]
            if last:
                values[last[-1]] = _with(values[last[-1]], comment=comment)
        found.extend(values[c] for c in sorted(values))
    return Mapped(tuple(found), tuple(issues), ctx.group, tuple(skipped))


def _years_as_targets(header: HeaderMap, heading: str | None) -> HeaderMap:
    """Bare year columns are targets in a table headed as targets ("Key Indicators & Targets") that
    has no target column of its own; elsewhere a year column is the year's actual."""
    if header.all("target") or not heading or not re.search(r"(?i)\btargets?\b", heading):
        return header
    columns = tuple(
        replace(c, field="target") if c.field == "actual" and c.period and _BARE_YEAR.match(c.header) else c
        for c in header.columns
    )
    return replace(header, columns=columns)


_NOTED_QUARTER = re.compile(r"\(\s*(?:q|qtr|quarter)\s*([1-4])\b[^)]*\)", re.IGNORECASE)
_NOTED_RAG = re.compile(r"\(\s*(red|amber|green|blue)\s*\)", re.IGNORECASE)


def _noted_period(raw: str, period: str | None, column: Column, year: str | None) -> str | None:
    """A value printed with the quarter it is as at ("342 kg (Q2)", "512 kg (Q3 time lag)")."""
    found = _NOTED_QUARTER.search(raw)
    fy = column.period or year
    if not found or not fy or column.field == "baseline":
        return period
    return f"{fy} Q{found.group(1)}"


def _noted_rag(raw: str) -> Rag | None:
    found = _NOTED_RAG.search(raw)
    return parse_rag(found.group(1)) if found else None


def _with(value: IndicatorValue, **changes: object) -> IndicatorValue:
    return replace(value, **changes)  # type: ignore[arg-type]


def _code_and_description(row: Row, header: HeaderMap) -> tuple[str | None, str | None]:
    """The code from its column, or from the start or the end of the description ("... (NI 192)")."""
    text = row.text(header.col("code_text"))
    if text:
        code, rest = split_code(text)
        return code, rest if code else clean(text)
    code = clean(row.text(header.col("code")))
    description = clean_html(row.text(header.col("description")))
    if code is None and description:
        leading, rest = split_code(description)
        if leading and rest:
            return leading, rest
        trailing = _TRAILING_CODE.search(description)
        if trailing and parse_financial_year(trailing.group("code")) is None:
            return clean(trailing.group("code")), description
    return code, description


def _folded_polarity(row: Row) -> str | None:
    """A polarity printed in a label row folded under the record ("Low is good")."""
    return next((p for _, cell in row.extras if (p := parse_polarity(cell.text))), None)


def _folded_comment(row: Row) -> str | None:
    """A commentary printed in a row folded under the record."""
    texts = [clean_html(cell.text) for _, cell in row.extras
             if not parse_polarity(cell.text) and len(cell.text.split()) >= 4]
    return " ".join(t for t in texts if t) or None


