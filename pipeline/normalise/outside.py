"""Records printed outside tables: a heading, then "Label: value" paragraphs (Lead officer:, Status:,
Due date:), then the update as plain paragraphs. Each run of them becomes a table with those columns,
read by the same mappers as any table."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Block, BlockKind, Cell, RawTable
from pipeline.normalise.fields import match_field

_LABELLED = re.compile(r"^\s*(?P<label>[A-Z][\w '’&/()-]{1,40}?)\s*:\s*(?P<value>\S.*)$", re.DOTALL)
_RECORD_KINDS = ("commitments", "actions")
MIN_LABELS = 2
COMMENT_LABEL = "Comment"


def _label_of(block: Block) -> tuple[str, str] | None:
    if block.kind is not BlockKind.PARAGRAPH:
        return None
    found = _LABELLED.match(block.text)
    if not found:
        return None
    label = found.group("label").strip()
    if not any(match_field(label, kind) for kind in _RECORD_KINDS):
        return None
    return label, found.group("value").strip()


def records_outside_tables(blocks: Sequence[Block], first_index: int) -> tuple[list[RawTable], set[int]]:
    """Tables built from heading-and-labels records; and the orders of the blocks they used."""
    items = sorted(blocks, key=lambda b: b.order)
    records: list[tuple[Block, list[tuple[str, str]], list[Block], str | None]] = []
    used: set[int] = set()
    section: str | None = None
    i = 0
    while i < len(items):
        block = items[i]
        if block.kind is BlockKind.HEADING:
            labels: list[tuple[str, str]] = []
            j = i + 1
            while j < len(items) and (pair := _label_of(items[j])):
                labels.append(pair)
                j += 1
            if len(labels) >= MIN_LABELS:
                comment: list[Block] = []
                while j < len(items) and items[j].kind is BlockKind.PARAGRAPH and not _label_of(items[j]):
                    comment.append(items[j])
                    j += 1
                records.append((block, labels, comment, section))
                used.update(b.order for b in items[i:j])
                i = j
                continue
            section = block.text
        i += 1
    if not records:
        return [], used
    tables: list[RawTable] = []
    runs: list[list[tuple[Block, list[tuple[str, str]], list[Block], str | None]]] = []
    for record in records:
        if runs and runs[-1][0][3] == record[3]:
            runs[-1].append(record)
        else:
            runs.append([record])
    for number, run in enumerate(runs):
        columns: list[str] = []
        for _, labels, _, _ in run:
            columns.extend(label for label, _ in labels if label not in columns)
        header = ["", *columns, COMMENT_LABEL]
        rows: list[tuple[Cell, ...]] = [tuple(Cell(text, 0, col, run[0][0].page) for col, text in enumerate(header))]
        for row_number, (heading, labels, comment, _) in enumerate(run, start=1):
            values = dict(labels)
            texts = [heading.text, *(values.get(c, "") for c in columns), "\n".join(b.text for b in comment)]
            rows.append(tuple(Cell(text, row_number, col, heading.page) for col, text in enumerate(texts)))
        first = run[0][0]
        tables.append(RawTable(first_index + number, first.page, run[-1][0].page, run[0][3], 1, tuple(rows),
                               order=first.order, top=first.top))
    return tables, used


_LABELLED_CELL = re.compile(r"^\s*(?P<label>[^:\n]{2,80}?)\s*:\s*(?P<value>[^:]*\d[^:]*)$", re.DOTALL)


def labelled_cells(table: RawTable) -> RawTable | None:
    """A table whose every cell carries its own label ("Customer satisfaction: 58.5% | Target: 70%"),
    read as a table with a header: the first cell's label is the measure, the others name their column."""
    if table.header_rows or not table.rows:
        return None
    parsed: list[list[tuple[str, str]]] = []
    for row in table.rows:
        cells = sorted((c for c in row if c.text.strip()), key=lambda c: c.col)
        pairs = [(_LABELLED_CELL.match(c.text.strip()), c) for c in cells]
        if not cells or not all(found for found, _ in pairs):
            return None
        parsed.append([(found.group("label").strip(), found.group("value").strip()) for found, _ in pairs if found])
    if max(len(found) for found in parsed) < 2:
        return None
    names = [label for label, _ in parsed[0][1:]]
    if not all(match_field(name, "indicators") for name in names):
        return None
    header = ["Measure", "Value", *names]
    page = table.page_start
    rows: list[tuple[Cell, ...]] = [tuple(Cell(text, 0, col, page) for col, text in enumerate(header))]
    for number, labelled in enumerate(parsed, start=1):
        texts = [labelled[0][0], labelled[0][1], *(value for _, value in labelled[1:])]
        rows.append(tuple(Cell(text, number, col, page) for col, text in enumerate(texts)))
    return RawTable(table.index, table.page_start, table.page_end, table.heading, 1, tuple(rows),
                    order=table.order, top=table.top)
