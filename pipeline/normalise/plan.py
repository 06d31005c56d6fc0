"""Indicator plans: the header key-values, codes listed in the text, funding and risk tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import schemas
from pipeline.models import Block, Funding, FundingSource, Indicator, Issue, Narrative, RawTable, Risk, Severity
from pipeline.normalise.fields import match_field
from pipeline.normalise.grid import is_banner
from pipeline.normalise.headers import HeaderMap, TableReading
from pipeline.normalise.mappers import DocContext, Mapped, mapper
from pipeline.normalise.tables import origin, row_texts, text_at
from pipeline.normalise.values import clean, clean_html, fold, parse_number, parse_ref, strip_html

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


def indicators_in_text(blocks: Sequence[Block]) -> list[Indicator]:
    """Indicators listed in the text by code: "CS EPI CS18 Older People helped to live at home by gender"."""
    found = []
    for block in blocks:
        match = _code_pattern().match(block.text.strip())
        if match and match.group("rest"):
            found.append(Indicator(normalise_code(match.group("code")), clean(match.group("rest"))))
    return found


# --- delivery plan, funding, risks ----------------------------------------------------------

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


@mapper("funding")
def funding(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """A funding table mapped through funding_from."""
    lines, issues = funding_from(reading.table, header, ctx.headline)
    return Mapped(tuple(lines), tuple(issues))


@mapper("risks")
def risks(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """A risk table mapped through risks_from."""
    return Mapped(tuple(risks_from(reading.table, header, ctx.headline)))


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
        if is_banner(table, row):
            continue  # a section of the register ("Section One : Areas where ...")
        risk = clean_html(text_at(row, header.col("risk")))
        mitigation = clean_html(text_at(row, header.col("mitigation")))
        if risk or mitigation:
            risks.append(Risk(indicator, parse_ref(text_at(row, header.col("ref"))), risk, mitigation,
                              origin(table, row, index)))
    return risks
