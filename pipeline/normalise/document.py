"""A whole document onto the schema: its info, records, unmapped tables and issues."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from pipeline.classify import classify, header_of
from pipeline.models import (
    Block, BlockKind, DocKind, DocumentInfo, ExtractedDocument, Indicator, IndicatorValue, Issue,
    Narrative, NormalisedDocument, Origin, RawTable, Record, Severity,
)
from pipeline.normalise import commitments as commit
from pipeline.normalise import indicators as ind
from pipeline.normalise.headers import HeaderMap
from pipeline.normalise.values import clean, parse_financial_year, parse_quarter, period_label, strip_html


def normalise(document: ExtractedDocument, kind: DocKind | None = None) -> NormalisedDocument:
    """Map every table and text block of an extracted document onto the contract's records."""
    kind = kind or classify(document)
    info = document_info(document, kind)
    legend, legend_blocks = commit.legend_from(document.blocks)
    records: list[Record] = list(legend)
    issues: list[Issue] = list(document.issues)
    unmapped: list[RawTable] = []
    indicators: list[Indicator] = []
    values: list[IndicatorValue] = []
    narratives: list[Narrative] = []

    headers = {table.index: header_of(table) for table in document.tables}
    headline = _headline(document.tables, headers)
    group: str | None = None
    for table in document.tables:
        header = headers[table.index]
        if header is None:
            if ind.is_key_values(table):
                attributes, labelled = ind.key_values(table)
                narratives.extend(labelled)
                if attributes.get("code"):
                    indicators.append(Indicator(
                        attributes["code"], None, owner=attributes.get("owner"),
                        lead_partner=attributes.get("lead_partner"), data_expert=attributes.get("data_expert"),
                        reporting_frequency=attributes.get("reporting_frequency"),
                        origin=Origin(table.index, table.page_start, table.page_end, 0),
                    ))
                continue
            unmapped.append(table)
            issues.append(Issue(Severity.WARNING, "unmapped_table",
                                f"table {table.index + 1} ({_describe(table)}) matches no known layout; "
                                "its cells are kept in source_cells for review", table.page_start, table.index))
            continue
        for col, text in header.unmapped:
            issues.append(Issue(Severity.WARNING, "unmapped_column",
                                f"table {table.index + 1}: column {col + 1} {clean(text)!r} is not mapped",
                                table.page_start, table.index))
        if header.kind == "commitments":
            found, found_issues, group = commit.commitments_from(table, header, group)
            records.extend(found)
            issues.extend(found_issues)
        elif header.kind == "indicators":
            found_indicators, found_values, found_issues = ind.indicators_from(
                table, header, headline, info.financial_year)
            indicators.extend(found_indicators)
            values.extend(found_values)
            issues.extend(found_issues)
        elif header.kind == "actions":
            actions, found_issues = ind.actions_from(table, header, headline)
            records.extend(actions)
            issues.extend(found_issues)
        elif header.kind == "funding":
            funding, found_issues = ind.funding_from(table, header, headline)
            records.extend(funding)
            issues.extend(found_issues)
        elif header.kind == "risks":
            records.extend(ind.risks_from(table, header, headline))

    text_blocks = [b for b in document.blocks if b.order not in legend_blocks]
    indicators.extend(ind.indicators_in_text(text_blocks))
    narratives.extend(narratives_from(text_blocks, document.tables))
    merged_values, value_issues = _merge_values(values)
    records.extend(_merge_indicators(indicators))
    records.extend(merged_values)
    records.extend(narratives)
    issues.extend(value_issues)
    if kind is DocKind.UNKNOWN:
        issues.append(Issue(Severity.WARNING, "unknown_layout",
                            "no table matched a commitments, indicator, action, funding or risk layout"))
    return NormalisedDocument(info, tuple(records), tuple(unmapped), tuple(issues))


def title_of(blocks: Sequence[Block]) -> str | None:
    """The document's title: its Title block, else its first heading."""
    for wanted in (BlockKind.TITLE, BlockKind.HEADING):
        found = next((b.text for b in blocks if b.kind is wanted), None)
        if found:
            return clean(found)
    return None


def document_info(document: ExtractedDocument, kind: DocKind) -> DocumentInfo:
    """Title, service and period as the title prints them."""
    title = title_of(document.blocks)
    label = period_label(title)
    service = None
    if title and label:
        after = title[title.index(label) + len(label):]
        service = clean(re.sub(r"^\s*[-–—:]\s*", "", after))
    return DocumentInfo(
        doc_type=kind,
        title=title,
        service=service,
        period_label=label,
        financial_year=parse_financial_year(label),
        quarter=parse_quarter(label),
    )


def narratives_from(blocks: Sequence[Block], tables: Sequence[RawTable]) -> list[Narrative]:
    """Paragraphs under a heading, up to the next heading or table, as one narrative each."""
    items: list[Block | RawTable] = sorted([*blocks, *tables], key=lambda item: item.order)
    narratives: list[Narrative] = []
    heading: str | None = None
    paragraphs: list[Block] = []

    def flush() -> None:
        if paragraphs:
            text = "\n".join(strip_html(p.text) for p in paragraphs)
            pages = [p.page for p in paragraphs if p.page is not None]
            where = Origin(None, min(pages) if pages else None, max(pages) if pages else None, None)
            narratives.append(Narrative(heading, text, where))
            paragraphs.clear()

    for item in items:
        if isinstance(item, Block) and item.kind is BlockKind.PARAGRAPH:
            paragraphs.append(item)
            continue
        flush()
        if isinstance(item, Block):
            heading = clean(item.text)
    flush()
    return narratives


def _headline(tables: Sequence[RawTable], headers: dict[int, HeaderMap | None]) -> str | None:
    """The plan's own indicator, named in its header key-values."""
    for table in tables:
        if headers[table.index] is None and ind.is_key_values(table):
            attributes, _ = ind.key_values(table)
            if attributes.get("code"):
                return attributes["code"]
    return None


def _merge_indicators(indicators: Sequence[Indicator]) -> list[Indicator]:
    """One indicator per code: the first value printed for each field wins."""
    merged: dict[str | None, Indicator] = {}
    order: list[Indicator] = []
    for indicator in indicators:
        key = indicator.code or indicator.description
        if key not in merged:
            merged[key] = indicator
            continue
        known = merged[key]
        updates = {
            name: getattr(indicator, name)
            for name in ("description", "unit", "polarity", "owner", "lead_partner", "data_expert",
                         "reporting_frequency")
            if getattr(known, name) is None and getattr(indicator, name) is not None
        }
        merged[key] = replace(known, **updates)
    seen: set[str | None] = set()
    for indicator in indicators:
        key = indicator.code or indicator.description
        if key not in seen:
            seen.add(key)
            order.append(merged[key])
    return order


def _merge_values(values: Sequence[IndicatorValue]) -> tuple[list[IndicatorValue], list[Issue]]:
    """A number printed twice (the target table and the KPI table) is one value; a clash is an issue."""
    kept: dict[tuple[str | None, str, str | None], IndicatorValue] = {}
    out: list[IndicatorValue] = []
    issues: list[Issue] = []
    for value in values:
        key = (value.indicator_code, value.kind, value.period)
        if key in kept:
            if kept[key].value != value.value:
                issues.append(Issue(Severity.WARNING, "value_conflict",
                                    f"{value.indicator_code} {value.kind} {value.period}: printed as "
                                    f"{kept[key].value_raw!r} and as {value.value_raw!r}; both kept",
                                    value.origin.page_start, value.origin.table_index))
                out.append(value)
            continue
        kept[key] = value
        out.append(value)
    return out, issues


def _describe(table: RawTable) -> str:
    first = next((clean(c.text) for row in table.rows for c in row if c.text.strip()), "empty")
    return f"{len(table.rows)} rows starting {first[:40]!r}" if first else "empty"
