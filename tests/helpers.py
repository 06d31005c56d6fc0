"""Small hand-built tables and documents for unit tests."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import Block, BlockKind, Cell, ExtractedDocument, FileType, RawTable, SourceFile

SOURCE = SourceFile(Path("return.docx"), "return.docx", "0" * 64, 100, FileType.DOCX)


def table(rows: list[list[str]], *, header_rows: int = 1, fills: dict[tuple[int, int], str] | None = None,
          spans: dict[tuple[int, int], tuple[int, int]] | None = None, heading: str | None = None,
          index: int = 0) -> RawTable:
    """A table from rows of texts; spans maps (row, col) to (row_span, col_span), and the grid
    positions a span covers are left out, as the docx extractor emits them."""
    fills = fills or {}
    spans = spans or {}
    covered = {(r + dr, c + dc) for (r, c), (rs, cs) in spans.items() for dr in range(rs) for dc in range(cs)
               if (dr, dc) != (0, 0)}
    cells = tuple(
        tuple(Cell(text, r, c, 1, fills.get((r, c)), *spans.get((r, c), (1, 1)))
              for c, text in enumerate(row) if (r, c) not in covered)
        for r, row in enumerate(rows)
    )
    return RawTable(index, 1, 1, heading, header_rows, cells, order=index + 1)


def paragraph(text: str, order: int, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    """A text block in reading order."""
    return Block(kind, text, "Normal" if kind is BlockKind.PARAGRAPH else "Heading 2", 1, order)


def document(*tables: RawTable, blocks: tuple[Block, ...] = ()) -> ExtractedDocument:
    """An extracted document of these tables and blocks."""
    return ExtractedDocument(SOURCE, 1, blocks, tables)
