"""Commitments tables: theme, group, commitment, officers, RAG (from the word or the fill), comment."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import schemas
from pipeline.nlp.officers import officer_names
from pipeline.models import Block, BlockKind, Cell, Commitment, Issue, Rag, RagLevel, RawTable, Severity
from pipeline.normalise.headers import HeaderMap
from pipeline.normalise.tables import cell_at, is_banner, origin, text_at
from pipeline.normalise.values import clean, clean_html, parse_rag, parse_ref, rag_from_colour

_OFFICER_SPLIT = re.compile(r"\s*(?:/|&|;|,|\band\b)\s*")


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


def split_officers(text: str | None) -> tuple[str, ...]:
    """"Sandy McMillan/ Sue Disley" is two officers."""
    if not text:
        return ()
    return tuple(name for name in (clean(part) for part in _OFFICER_SPLIT.split(text)) if name)


def rag_of(cell: Cell | None, table: RawTable, row_index: int) -> tuple[Rag | None, str | None, list[Issue]]:
    """The status from the cell's word, else its fill; the raw word or colour; any mismatch."""
    if cell is None:
        return None, None, []
    word = clean(cell.text)
    by_word = parse_rag(word)
    by_fill = rag_from_colour(cell.fill)
    issues = []
    if word and by_word is None:
        issues.append(Issue(Severity.WARNING, "unknown_rag",
                            f"table {table.index + 1} row {row_index}: status {word!r} is not a known RAG word",
                            cell.page, table.index))
    if by_word and by_fill and by_word != by_fill:
        issues.append(Issue(Severity.WARNING, "rag_mismatch",
                            f"table {table.index + 1} row {row_index}: the cell says {word!r} but is "
                            f"coloured {cell.fill} ({by_fill})", cell.page, table.index))
    if word:
        return by_word, word, issues
    return by_fill, cell.fill if by_fill else None, issues


def commitments_from(
    table: RawTable, header: HeaderMap, group: str | None
) -> tuple[list[Commitment], list[Issue], str | None]:
    """Every commitment row of a table; returns the group label in force at its end too."""
    section = parse_section(table.heading)
    group = group_in(table.heading) or (group if section.continued else None)
    records: list[Commitment] = []
    issues: list[Issue] = []
    text_cols = [header.col(f) for f in ("commitment", "priority", "deliverable")]
    for index, row in enumerate(table.rows[header.header_row + 1:], start=header.header_row + 1):
        if is_banner(table, row):
            group = clean(" ".join(c.text for c in row))
            continue
        if not any(text_at(row, col).strip() for col in text_cols if col is not None):
            if any(c.text.strip() for c in row):
                issues.append(Issue(Severity.WARNING, "row_without_commitment",
                                    f"table {table.index + 1} row {index}: a row with no commitment text "
                                    "was kept in source_cells only", row[0].page, table.index))
            continue
        rag, rag_raw, rag_issues = rag_of(cell_at(row, header.col("rag")), table, index)
        issues.extend(rag_issues)
        officers = clean(text_at(row, header.col("officers")))
        records.append(Commitment(
            section=section.title,
            section_code=section.code,
            group_label=group,
            ref=parse_ref(text_at(row, header.col("ref"))),
            priority=clean_html(text_at(row, header.col("priority"))),
            commitment=clean_html(text_at(row, header.col("commitment"))),
            deliverable=clean_html(text_at(row, header.col("deliverable"))),
            officers=officers,
            officer_names=officer_names(officers),
            due=clean(text_at(row, header.col("due"))),
            rag=rag,
            rag_raw=rag_raw,
            comment=clean_html(text_at(row, header.col("comment"))),
            origin=origin(table, row, index),
        ))
    return records, issues, group


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
    return levels, used
