"""Action plans and trackers: numbered steps with a lead, a due date, progress and a status."""

from __future__ import annotations

from pipeline.models import Action, Issue
from pipeline.normalise.commitments import row_origin
from pipeline.normalise.grid import split_numbered
from pipeline.normalise.headers import HeaderMap, TableReading
from pipeline.normalise.mappers import DocContext, Mapped, extra, mapper, rag_of
from pipeline.normalise.values import clean, clean_html, parse_ref


@mapper("actions")
def actions(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """Each step of an action plan; its objective or recommendation (a merged cell, a column or a
    group row above it) carried onto it."""
    table = reading.table
    records: list[Action] = []
    issues: list[Issue] = []
    skipped: list[int] = []
    for row in reading.records:
        text = clean_html(row.text(header.col("action")))
        if not text:
            skipped.append(row.index)
            continue
        ref = parse_ref(row.text(header.col("ref")))
        if ref is None:
            number, rest = split_numbered(text)
            if number and rest:
                ref, text = number.rstrip("."), rest
        where = f"table {table.index + 1} row {row.index}"
        rag, rag_raw, rag_issues = rag_of(row.cell(header.col("rag")), ctx.legend, where,
                                          table.page_start, table.index)
        issues.extend(rag_issues)
        records.append(Action(
            indicator_code=ctx.headline,
            ref=ref,
            action=text,
            milestone=clean_html(row.text(header.col("milestone"))),
            linked_plans=clean_html(row.text(header.col("linked_plans"))),
            lead_officer=clean(row.text(header.col("lead_officer")) or extra(row, "actions", "lead_officer")),
            progress=clean_html(row.text(header.col("progress")) or extra(row, "actions", "progress")),
            due=clean(row.text(header.col("due")) or extra(row, "actions", "due")),
            rag=rag,
            rag_raw=rag_raw,
            origin=row_origin(table, row),
            objective=clean_html(row.text(header.col("objective"))),
            group_label=row.group,
        ))
    return Mapped(tuple(records), tuple(issues), ctx.group, tuple(skipped))
