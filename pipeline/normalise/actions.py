"""Action plans and trackers: numbered steps with a lead, a due date, progress and a status."""

from __future__ import annotations

import re

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
        raw_action, in_cell = split_labelled_update(row.text(header.col("action")))
        text = clean_html(raw_action)
        if not text:
            skipped.append(row.index)
            continue
        ref = ref_lines(row.text(header.col("ref")))
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
            progress=clean_html(row.text(header.col("progress")) or extra(row, "actions", "progress") or in_cell),
            due=clean(row.text(header.col("due")) or extra(row, "actions", "due")),
            rag=rag,
            rag_raw=rag_raw,
            origin=row_origin(table, row),
            objective=clean_html(row.text(header.col("objective"))),
            group_label=row.group,
        ))
    return Mapped(tuple(records), tuple(issues), ctx.group, tuple(skipped))


_UPDATE_IN_CELL = re.compile(r"(?im)^\s*(?:status|update|progress|latest position)\s*:\s*")
_REF_LINE = re.compile(r"\d")
REF_LINE_MAX_CHARS = 25


def split_labelled_update(text: str) -> tuple[str, str | None]:
    """An action cell that carries its own update on a labelled line ("... \nStatus: in progress")."""
    found = _UPDATE_IN_CELL.search(text)
    if not found or found.start() == 0:
        return text, None
    return text[:found.start()], clean_html(text[found.end():])


def ref_lines(text: str) -> str | None:
    """The reference lines of a ref cell that also names its item ("BOD 24/18(b)\nGender pay gap reporting")."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    refs = [line for line in lines if _REF_LINE.search(line) and len(line) <= REF_LINE_MAX_CHARS]
    if len(lines) > 1 and refs and len(refs) < len(lines):
        return parse_ref(" ".join(refs))
    return parse_ref(text)
