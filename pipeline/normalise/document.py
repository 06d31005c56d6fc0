"""A whole document onto the schema: its facts, records, unmapped tables, issues and why each table
was read as it was."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from pipeline import classify as kinds
from pipeline.models import (
    Block, BlockKind, DocKind, DocumentInfo, ExtractedDocument, Indicator, IndicatorValue, Issue, Narrative,
    NormalisedDocument, Origin, RagLevel, RawTable, Record, Severity, TableExplanation,
)
from pipeline.normalise import actions as _actions  # noqa: F401  (registers its mapper)
from pipeline.normalise import commitments as commit
from pipeline.normalise import indicators as _indicators  # noqa: F401  (registers its mapper)
from pipeline.normalise import plan
from pipeline.normalise.facts import cue_kinds, document_facts
from pipeline.normalise.grid import is_form
from pipeline.normalise.headers import TableReading, read_table
from pipeline.normalise.legend import legend_in_column, legend_in_table
from pipeline.normalise.mappers import DocContext, mapper_for
from pipeline.normalise.outside import labelled_cells, records_outside_tables
from pipeline.normalise.series import series_map
from pipeline.normalise.values import clean, parse_direction, parse_rag, strip_html

CUE_BONUS = 1.5


def normalise(document: ExtractedDocument, kind: DocKind | None = None) -> NormalisedDocument:
    """Map every table and text block of an extracted document onto the contract's records."""
    legend, legend_blocks = commit.legend_from(document.blocks)
    synthetic, record_blocks = records_outside_tables(document.blocks, len(document.tables))
    tables = [*document.tables, *synthetic]
    issues: list[Issue] = list(document.issues)
    records: list[Record] = []
    indicators: list[Indicator] = []
    values: list[IndicatorValue] = []
    narratives: list[Narrative] = []
    unmapped: list[RawTable] = []
    explanations: list[TableExplanation] = []
    forms: list[RawTable] = []
    readings: list[TableReading] = []
    headline: str | None = None

    for table in tables:
        if plan.is_key_values(table):
            attributes, labelled = plan.key_values(table)
            narratives.extend(labelled)
            if attributes.get("code"):
                headline = headline or attributes["code"]
                indicators.append(Indicator(
                    attributes["code"], None, owner=attributes.get("owner"),
                    lead_partner=attributes.get("lead_partner"), data_expert=attributes.get("data_expert"),
                    reporting_frequency=attributes.get("reporting_frequency"),
                    origin=Origin(table.index, table.page_start, table.page_end, 0),
                ))
            explanations.append(_explained(table.index, "key_values", len(labelled) + bool(attributes)))
            continue
        key = legend_in_table(table)
        if key is not None:
            legend.extend(level for level in key if level not in legend)
            explanations.append(_explained(table.index, "legend", len(key)))
            continue
        if is_form(table):
            form_legend = legend_in_column(table)
            legend.extend(level for level in form_legend if level not in legend)
            explanations.append(_explained(table.index, "form", len(form_legend),
                                           note="a form of labels and values; its status list is the legend"
                                           if form_legend else "a form of labels and values"))
            continue
        reading = read_table(labelled_cells(table) or table)
        as_series = series_map(reading.grid, reading.records, reading.profiles)
        if as_series:
            reading = replace(reading, candidates=(*reading.candidates, as_series))
        readings.append(reading)

    plan_labels = headline is not None
    cues = cue_kinds(document.blocks)
    facts = document_facts(document.blocks, tables, DocKind.INDICATOR_PLAN if plan_labels else DocKind.UNKNOWN)
    named = kinds.cue(cues)
    bonus = {kinds.TABLE_KIND[named]: CUE_BONUS} if named in kinds.TABLE_KIND else {}
    context = DocContext(facts.financial_year, facts.quarter, headline, tuple(legend))
    for reading in readings:
        table = reading.table
        best = None if _is_summary(reading) else reading.best(bonus)
        if best is None:
            form_legend = legend_in_column(table)
            if form_legend:
                legend.extend(level for level in form_legend if level not in legend)
                context = replace(context, legend=tuple(legend))
            if table.index < len(document.tables):
                forms.append(table)
                unmapped.append(table)
                issues.append(Issue(Severity.WARNING, "unmapped_table",
                                    f"table {table.index + 1} ({_describe(table)}) matches no known layout; "
                                    "its cells are kept in source_cells for review", table.page_start, table.index))
            explanations.append(_explained(table.index, None, 0, note="summary of counts" if _is_summary(reading)
                                           else None))
            continue
        for col, text in best.unmapped:
            issues.append(Issue(Severity.WARNING, "unmapped_column",
                                f"table {table.index + 1}: column {col + 1} {clean(text)!r} is not mapped",
                                table.page_start, table.index))
        mapped = mapper_for(best.kind)(reading, best, context)
        context = replace(context, group=mapped.group)
        issues.extend(mapped.issues)
        for record in mapped.records:
            if isinstance(record, Indicator):
                indicators.append(record)
            elif isinstance(record, IndicatorValue):
                values.append(record)
            else:
                records.append(record)
        others = sorted((c for c in reading.candidates if c is not best), key=lambda c: -c.score)
        explanations.append(TableExplanation(
            table.index, best.kind, best.score, others[0].kind if others else None,
            others[0].score if others else None,
            tuple((c.col, c.header, _field_label(c.field, c.period, c.quarter), c.how) for c in best.columns),
            best.unmapped, len(mapped.records), mapped.skipped,
            "; ".join(note for note in (
                "built from headings and labelled paragraphs" if table.index >= len(document.tables) else "",
                f"+{bonus[best.kind]:.1f} because the document's words name it: {_kind_words(named)}"
                if best.kind in bonus else "",
            ) if note) or None,
        ))

    text_blocks = [b for b in document.blocks if b.order not in legend_blocks and b.order not in record_blocks]
    indicators.extend(plan.indicators_in_text(text_blocks))
    narratives.extend(narratives_from(text_blocks, document.tables))
    merged_values, value_issues = _merge_values(values)
    every = [*records, *_merge_indicators(indicators), *merged_values]
    doc_kind = kind or kinds.kind_of(every, plan_labels, cues)
    info = DocumentInfo(
        doc_type=doc_kind, title=facts.title, organisation=facts.organisation, service=facts.service,
        period_label=facts.period_label, financial_year=facts.financial_year, quarter=facts.quarter,
        sources=facts.sources, organisation_source="printed" if facts.organisation else None,
    )
    issues.extend(value_issues)
    if doc_kind is DocKind.UNKNOWN:
        issues.append(Issue(Severity.WARNING, "unknown_layout",
                            "no table matched a commitments, indicator, action, funding or risk layout"))
    out: list[Record] = [*_legend_once(legend), *every, *narratives]
    return NormalisedDocument(info, tuple(out), tuple(unmapped), tuple(issues), tuple(explanations))


def with_organisation(document: NormalisedDocument, organisation: str | None, source: str) -> NormalisedDocument:
    """The document with an organisation given from outside it (a config entry or an inbox folder),
    which overrides what the document prints."""
    if not organisation:
        return document
    info = replace(document.info, organisation=organisation, organisation_source=source,
                   sources=(*document.info.sources, ("organisation", f"the {source}")))
    return replace(document, info=info)


def _kind_words(kind: DocKind | None) -> str:
    return kind.value.replace("_", " ") if kind else ""


def _field_label(field: str, period: str | None, quarter: int | None) -> str:
    when = " ".join(p for p in (period, f"Q{quarter}" if quarter else None) if p)
    return f"{field} ({when})" if when else field


def _explained(index: int, kind: str | None, count: int, note: str | None = None) -> TableExplanation:
    return TableExplanation(index, kind, None, None, None, (), (), count, (), note)


def _legend_once(levels: Sequence[RagLevel]) -> list[RagLevel]:
    seen: set[tuple[object, str]] = set()
    out = []
    for level in levels:
        key = (level.rag, level.definition)
        if key not in seen:
            seen.add(key)
            out.append(level)
    return out


def _is_summary(reading: TableReading) -> bool:
    """A table of counts per status or direction ("RAG Rating | Green | Amber | Red | Total")."""
    first = [clean(c.text) or "" for c in reading.table.rows[0]] if reading.table.rows else []
    return sum(bool(parse_rag(t) or parse_direction(t)) for t in first) >= 2


def narratives_from(blocks: Sequence[Block], tables: Sequence[RawTable]) -> list[Narrative]:
    """Paragraphs under a heading, up to the next heading or table, as one narrative each."""
    items: list[Block | RawTable] = sorted([*(b for b in blocks if b.kind is not BlockKind.RUNNING), *tables],
                                           key=lambda item: item.order)
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


def _key(code: str | None, description: str | None) -> str | None:
    return code or description


def _merge_indicators(indicators: Sequence[Indicator]) -> list[Indicator]:
    """One indicator per code: the first value printed for each field wins."""
    merged: dict[str | None, Indicator] = {}
    order: list[str | None] = []
    for indicator in indicators:
        key = _key(indicator.code, indicator.description)
        if key not in merged:
            merged[key] = indicator
            order.append(key)
            continue
        known = merged[key]
        updates = {
            name: getattr(indicator, name)
            for name in ("description", "unit", "polarity", "owner", "lead_partner", "data_expert",
                         "reporting_frequency")
            if getattr(known, name) is None and getattr(indicator, name) is not None
        }
        merged[key] = replace(known, **updates)
    return [merged[key] for key in order]


def _merge_values(values: Sequence[IndicatorValue]) -> tuple[list[IndicatorValue], list[Issue]]:
    """A number printed twice (the target table and the KPI table) is one value; a clash is an issue."""
    kept: dict[tuple[str | None, str, str | None], IndicatorValue] = {}
    out: list[IndicatorValue] = []
    issues: list[Issue] = []
    for value in values:
        key = (_key(value.indicator_code, value.indicator_description), value.kind, value.period)
        if key in kept:
            if kept[key].value != value.value:
                issues.append(Issue(Severity.WARNING, "value_conflict",
                                    f"{key[0]} {value.kind} {value.period}: printed as "
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
