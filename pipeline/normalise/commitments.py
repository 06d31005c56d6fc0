"""Commitments tables: theme, group, commitment, officers, RAG (from the word or the fill), comment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import schemas
from pipeline.nlp.officers import officer_names
from pipeline.models import Block, BlockKind, Commitment, Issue, Origin, RagLevel, RawTable, Severity
from pipeline.normalise.grid import Record as Row
from pipeline.normalise.headers import HeaderMap, TableReading
from pipeline.normalise.mappers import DocContext, Mapped, extra, mapper, rag_of
from pipeline.normalise.values import clean, clean_html, parse_rag, parse_ref

_LEADING_REF = re.compile(r"^(?P<ref>[A-Z]{0,3}\d+(?:\.\d+)+[a-z]?)\s+(?P<rest>\S.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Section:
    """A theme heading: "A – Improved Quality of Life for People cont" → code A, continued."""

    title: str | None
    code: str | None
    continued: bool


def parse_section(heading: str | None) -> Section:
    """Split a theme heading into its printed title (without "cont"), code and continuation."""
    if not heading:
        return Section(None, None, False)
    spec = schemas.vocabularies()["sections"]
    continued = re.search(spec["continued_pattern"], heading, re.IGNORECASE)
    title = heading[: continued.start()].strip() if continued else heading.strip()
    code = re.match(spec["code_pattern"], title)
    return Section(title, code.group("code") if code else None, bool(continued))


def group_in(text: str | None) -> str | None:
    """A client group named in a heading ("... Older People (None LAA) ...")."""
    if not text:
        return None
    for label in schemas.vocabularies()["groups"]["labels"]:
        if re.search(rf"\b{re.escape(label)}\b", text, re.IGNORECASE):
            return str(label)
    return None


@mapper("commitments")
def commitments(reading: TableReading, header: HeaderMap, ctx: DocContext) -> Mapped:
    """Every commitment row of a table; the group label in force at its end goes on to the next table."""
    table = reading.table
    section = parse_section(table.heading)
    group = group_in(table.heading) or (ctx.group if section.continued else None)
    records: list[Commitment] = []
    issues: list[Issue] = []
    skipped: list[int] = []
    main = [header.col(f) for f in ("commitment", "priority", "deliverable")]
    for row in reading.records:
        if row.group and row.group != reading.grid.caption:
            group = row.group
        if not any(row.text(col).strip() for col in main if col is not None):
            skipped.append(row.index)
            issues.append(Issue(Severity.WARNING, "row_without_commitment",
                                f"table {table.index + 1} row {row.index}: a row with no commitment text "
                                "was kept in source_cells only", table.page_start, table.index))
            continue
        where = f"table {table.index + 1} row {row.index}"
        rag, rag_raw, rag_issues = rag_of(row.cell(_status_column(row, header, ctx)), ctx.legend, where,
                                          table.page_start, table.index)
        issues.extend(rag_issues)
        ref, commitment = parse_ref(row.text(header.col("ref"))), clean_html(row.text(header.col("commitment")))
        if commitment and ref is None:
            ref, commitment = split_ref(commitment)
        officers = clean(row.text(header.col("officers")))
        records.append(Commitment(
            section=section.title,
            section_code=section.code,
            group_label=group,
            ref=ref,
            priority=clean_html(row.text(header.col("priority"))),
            commitment=commitment,
            deliverable=clean_html(row.text(header.col("deliverable"))),
            officers=officers,
            officer_names=officer_names(officers),
            due=clean(row.text(header.col("due")) or extra(row, "commitments", "due")),
            rag=rag,
            rag_raw=rag_raw,
            comment=clean_html(row.text(header.col("comment")) or extra(row, "commitments", "comment")),
            origin=row_origin(table, row),
        ))
    return Mapped(tuple(records), tuple(issues), group, tuple(skipped))


def _status_column(row: Row, header: HeaderMap, ctx: DocContext) -> int | None:
    """The status a row reports now: of quarterly status columns ("Q1 BRAG" ... "Q4 BRAG") the
    document's quarter, else the last one filled in."""
    columns = header.all("rag")
    if len(columns) <= 1:
        return columns[0].col if columns else None
    filled = [c for c in columns if row.text(c.col).strip() or row.fill(c.col)]
    now = [c for c in filled if ctx.quarter and c.quarter == ctx.quarter]
    if now:
        return now[0].col
    return filled[-1].col if filled else columns[0].col


def split_ref(text: str) -> tuple[str | None, str]:
    """A reference printed at the start of a text ("4.01.01 Increase participation ...")."""
    found = _LEADING_REF.match(text)
    if not found:
        return None, text
    return found.group("ref"), found.group("rest").strip()


def row_origin(table: RawTable, row: Row) -> Origin:
    """Where a record came from: its table, the pages its cells span, its first row."""
    cells = row.all_cells
    starts = [c.page for c in cells if c.page is not None]
    ends = [c.last_page for c in cells if c.last_page is not None]
    return Origin(table.index, min(starts) if starts else table.page_start,
                  max(ends) if ends else table.page_end, row.index)


def legend_from(blocks: Sequence[Block]) -> tuple[list[RagLevel], set[int]]:
    """The RAG legend as the document states it, each entry once; and the blocks it used."""
    pattern = re.compile(schemas.vocabularies()["legend"]["pattern"])
    levels: list[RagLevel] = []
    used: set[int] = set()
    for block in blocks:
        match = pattern.match(block.text) if block.kind is BlockKind.PARAGRAPH else None
        if not match:
            continue
        rag = parse_rag(match.group("label"))
        if rag is None:
            continue
        used.add(block.order)
        level = RagLevel(rag, match.group("label").strip(), clean(match.group("definition")) or "")
        if level not in levels:
            levels.append(level)
    phrases = schemas.vocabularies()["legend_phrases"]
    patterns = [re.compile(schemas.vocabularies()["legend_sentence"]["pattern"]),
                re.compile(phrases["colour_then_meaning"]), re.compile(phrases["meaning_then_colour"]),
                re.compile(phrases["colour_where"])]
    paired = re.compile(phrases["paired_list"])
    for block in blocks:
        if block.kind is not BlockKind.PARAGRAPH or block.order in used:
            continue
        found_levels = [level for pattern in patterns for level in _levels(pattern, block.text)]
        found_levels += _paired_levels(paired, block.text)
        found_levels.sort(key=lambda item: item[0])
        for _, level in found_levels:
            if level not in levels:
                levels.append(level)
    return levels, used


def _levels(pattern: re.Pattern[str], text: str) -> list[tuple[int, RagLevel]]:
    out = []
    for found in pattern.finditer(text):
        rag = parse_rag(found.group("label"))
        definition = clean(found.group("definition"))
        if rag and definition:
            out.append((found.start(), RagLevel(rag, found.group("label").strip(), definition)))
    return out


def _paired_levels(pattern: re.Pattern[str], text: str) -> list[tuple[int, RagLevel]]:
    """ "a green, amber or red rating according to whether performance was normal, needed monitoring
    or required investigation": the colours and the meanings paired in order."""
    out = []
    for found in pattern.finditer(text):
        colours = re.split(r"\s*,\s*|\s+(?:or|and)\s+", found.group("colours").strip())
        meanings = [m for m in re.split(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and)\s+", found.group("meanings").strip())
                    if m]
        colours = [c for c in colours if c]
        if len(colours) == len(meanings) >= 2:
            for offset, (colour, meaning) in enumerate(zip(colours, meanings)):
                rag = parse_rag(colour)
                if rag:
                    out.append((found.start() + offset, RagLevel(rag, colour, meaning)))
    return out
