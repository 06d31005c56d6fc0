"""Indicator plans: the header key-values, target and KPI tables, delivery plan, funding, risks."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import schemas
from pipeline.models import (
    Action, Block, Cell, Funding, FundingSource, Indicator, IndicatorValue, Issue, Narrative, Origin,
    RawTable, Risk, Severity,
)
from pipeline.normalise.commitments import rag_of
from pipeline.normalise.headers import HeaderMap, match_field
from pipeline.normalise.tables import cell_at, is_banner, origin, row_texts, text_at
from pipeline.normalise.values import (
    clean, clean_html, fold, is_placeholder, parse_number, parse_ref, split_value_and_period, strip_html,
)

_ITALIC = re.compile(r"(?is)<i>(.*?)</i>")
_UNIT = re.compile(r"(?i)\b(per\s+(?:\d[\d,]*|cent|head)\b.*)$")
LABEL_MAX_CHARS = 60


@cache
def _code_pattern() -> re.Pattern[str]:
    shapes = "|".join(f"(?:{p})" for p in schemas.vocabularies()["codes"]["patterns"])
    return re.compile(rf"^(?P<code>{shapes})(?:\s+(?P<rest>.+))?$", re.DOTALL)


def normalise_code(text: str | None) -> str | None:
    """A code whitespace-normalised, as printed ("PAF\\nC29" is "PAF C29")."""
    return clean(text)


def describe(text: str) -> tuple[str | None, str | None]:
    """A description and its unit: an italic part ("<i>per 100,000 population</i>"), or a trailing "per ..."."""
    italic = _ITALIC.search(text)
    if italic:
        unit = clean_html(italic.group(1))
        return clean_html(text[: italic.start()] + text[italic.end():]), unit
    description = clean_html(text)
    tail = _UNIT.search(description) if description else None
    return description, tail.group(1) if tail else None


# --- header key-values ------------------------------------------------------------------

def is_key_values(table: RawTable) -> bool:
    """A label/value table: short labels each ending in ":" or naming a known field, beside values."""
    if table.width not in (2, 4, 6) or not table.rows:
        return False
    labels = [label for row in table.rows for label in row_texts(table, row)[0::2] if label.strip()]
    return bool(labels) and all(
        len(label) <= LABEL_MAX_CHARS
        and (label.rstrip().endswith(":") or match_field(label, "indicator", "labels") is not None)
        for label in labels
    )


def key_values(table: RawTable) -> tuple[dict[str, str], list[Narrative]]:
    """Indicator attributes named by their labels; other labelled texts become narratives."""
    attributes: dict[str, str] = {}
    narratives: list[Narrative] = []
    for index, row in enumerate(table.rows):
        texts = row_texts(table, row)
        for label, value in zip(texts[0::2], texts[1::2]):
            if not label.strip() or not value.strip():
                continue
            field = match_field(label, "indicator", "labels")
            if field:
                attributes[field] = clean(value) or ""
            else:
                heading = clean(label.strip().rstrip(":"))
                # a cell's line breaks are wrapping; only HTML tags and bullets start new lines
                narratives.append(Narrative(heading, strip_html(clean(value) or ""), origin(table, row, index)))
    return attributes, narratives


# --- indicator tables ---------------------------------------------------------------------

def indicators_from(
    table: RawTable, header: HeaderMap, headline: str | None, year: str | None
) -> tuple[list[Indicator], list[IndicatorValue], list[Issue]]:
    """Indicators and one value row per printed number of a target or KPI table."""
    data = [
        (i, row) for i, row in enumerate(table.rows[header.header_row + 1:], start=header.header_row + 1)
        if not is_banner(table, row) and any(c.text.strip() for c in row)
    ]
    targets = header.all("target")
    context = next((c.period for c in targets if c.period), None) or year
    indicators: list[Indicator] = []
    values: list[IndicatorValue] = []
    issues: list[Issue] = []
    for index, row in data:
        where = origin(table, row, index)
        code = normalise_code(text_at(row, header.col("code")))
        if code is None and header.col("code") is None and len(data) == 1:
            code = headline  # a target table about the plan's own indicator names no code
        description, unit = describe(text_at(row, header.col("description")))
        if code is None and description is None:
            continue
        indicators.append(Indicator(code, description, unit, origin=where))
        baseline = clean(text_at(row, header.col("baseline")))
        if baseline and not is_placeholder(baseline):
            number, period = split_value_and_period(baseline)
            values.append(IndicatorValue(code, "baseline", period, number, baseline, origin=where))
        for column in targets:
            values.extend(_value(row, column.col, code, "target", column.period or context, where))
        for column in header.all("actual"):
            if column.quarter:
                period = f"{context} Q{column.quarter}" if context else column.header
            else:
                period = column.period or context
            values.extend(_value(row, column.col, code, "actual", period, where))
    for value in values:
        if value.value is None and not is_placeholder(value.value_raw):
            issues.append(Issue(Severity.WARNING, "unreadable_number",
                                f"table {table.index + 1} row {value.origin.row_index}: "
                                f"{value.value_raw!r} is not a number", value.origin.page_start, table.index))
    return indicators, values, issues


def _value(
    row: Sequence[Cell], col: int, code: str | None, kind: str, period: str | None, where: Origin
) -> list[IndicatorValue]:
    raw = clean(text_at(row, col))
    if raw is None:
        return []
    return [IndicatorValue(code, kind, period, parse_number(raw), raw, origin=where)]


def indicators_in_text(blocks: Sequence[Block]) -> list[Indicator]:
    """Indicators listed in the text by code: "CS EPI CS18 Older People helped to live at home by gender"."""
    found = []
    for block in blocks:
        match = _code_pattern().match(block.text.strip())
        if match and match.group("rest"):
            found.append(Indicator(normalise_code(match.group("code")), clean(match.group("rest"))))
    return found


# --- delivery plan, funding, risks ----------------------------------------------------------

def actions_from(table: RawTable, header: HeaderMap, indicator: str | None) -> tuple[list[Action], list[Issue]]:
    """Each numbered step of a delivery plan or action tracker."""
    actions, issues = [], []
    for index, row in enumerate(table.rows[header.header_row + 1:], start=header.header_row + 1):
        if is_banner(table, row) or not text_at(row, header.col("action")).strip():
            continue
        rag, rag_raw, rag_issues = rag_of(cell_at(row, header.col("rag")), table, index)
        issues.extend(rag_issues)
        actions.append(Action(
            indicator_code=indicator,
            ref=parse_ref(text_at(row, header.col("ref"))),
            action=clean_html(text_at(row, header.col("action"))),
            milestone=clean_html(text_at(row, header.col("milestone"))),
            linked_plans=clean_html(text_at(row, header.col("linked_plans"))),
            lead_officer=clean(text_at(row, header.col("lead_officer"))),
            progress=clean_html(text_at(row, header.col("progress"))),
            due=clean(text_at(row, header.col("due"))),
            rag=rag,
            rag_raw=rag_raw,
            origin=origin(table, row, index),
        ))
    return actions, issues


def funding_sources(comment: str | None) -> tuple[FundingSource, ...]:
    """Amounts named inside a comment: "(ABG £36,674)" is 36674 from ABG."""
    if not comment:
        return ()
    pattern = schemas.vocabularies()["funding"]["source_pattern"]
    found = []
    for match in re.finditer(pattern, comment):
        amount = parse_number(match.group("amount"))
        if amount is not None:
            found.append(FundingSource(match.group("source"), amount))
    return tuple(found)


def funding_from(table: RawTable, header: HeaderMap, indicator: str | None) -> tuple[list[Funding], list[Issue]]:
    """One funding row per line and year; the total line marked; lines checked against it."""
    totals = {fold(label) for label in schemas.vocabularies()["funding"]["total_labels"]}
    lines: list[Funding] = []
    for index, row in enumerate(table.rows[header.header_row + 1:], start=header.header_row + 1):
        line = clean(text_at(row, header.col("line")))
        if not line:
            continue
        where = origin(table, row, index)
        source = clean(text_at(row, header.col("source")))
        sources = funding_sources(source)
        is_total = fold(line) in totals
        amounts = [(c.period, parse_number(text_at(row, c.col))) for c in header.all("year")]
        amounts += [(None, parse_number(text_at(row, header.col("total"))))]
        printed = [(year, amount) for year, amount in amounts if amount is not None]
        for number, (year, amount) in enumerate(printed or [(None, None)]):
            lines.append(Funding(indicator, line, year, amount, source, is_total,
                                 sources if number == 0 else (), where))
    return lines, _check_totals(table, lines)


def _check_totals(table: RawTable, lines: Sequence[Funding]) -> list[Issue]:
    issues = []
    for total in lines:
        if not total.is_total or total.amount is None:
            continue
        parts = [f.amount for f in lines if not f.is_total and f.year == total.year and f.amount is not None]
        if parts and abs(sum(parts) - total.amount) > 0.5:
            issues.append(Issue(Severity.WARNING, "funding_total_mismatch",
                                f"table {table.index + 1}: the {total.year or 'total'} lines add up to "
                                f"{sum(parts):,.0f} but the total printed is {total.amount:,.0f}",
                                total.origin.page_start, table.index))
    return issues


def risks_from(table: RawTable, header: HeaderMap, indicator: str | None) -> list[Risk]:
    """Each risk with its mitigation, HTML stripped."""
    risks = []
    for index, row in enumerate(table.rows[header.header_row + 1:], start=header.header_row + 1):
        risk = clean_html(text_at(row, header.col("risk")))
        mitigation = clean_html(text_at(row, header.col("mitigation")))
        if risk or mitigation:
            risks.append(Risk(indicator, parse_ref(text_at(row, header.col("ref"))), risk, mitigation,
                              origin(table, row, index)))
    return risks
