"""PDF: tables with page numbers and cell fill colours, and the text around them, via pdfplumber."""

from __future__ import annotations

import re
import statistics
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

from extractors import register
from extractors.pdf_stitch import PageTable, stitch
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EncryptedFile, NoTextLayer, TooLarge, over_memory
from pipeline.models import (
    Block, BlockKind, Cell, ExtractedDocument, FileType, Issue, RawTable, Severity, SourceFile,
)

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class PdfSettings:
    """Tolerances for reading tables and text from a PDF page (points)."""

    edge_tolerance: float = 2.0
    fill_coverage: float = 0.6
    heading_size_ratio: float = 1.1
    title_size_ratio: float = 1.3
    paragraph_gap_ratio: float = 0.6

    def __post_init__(self) -> None:
        if not 0 < self.fill_coverage <= 1:
            raise ValueError("fill_coverage must be in (0, 1]")
        if self.edge_tolerance < 0 or self.paragraph_gap_ratio < 0:
            raise ValueError("tolerances must not be negative")
        if not 1 <= self.heading_size_ratio <= self.title_size_ratio:
            raise ValueError("need 1 <= heading_size_ratio <= title_size_ratio")


DEFAULTS = PdfSettings()

# What pdfminer raises on a damaged file, beyond its own exceptions: a broken deflate stream
# (zlib.error), cut or garbled object tables and streams (ValueError, KeyError, TypeError,
# IndexError, struct.error, EOFError), and its internal assertions on impossible structures.
DAMAGE = (PdfminerException, MalformedPDFException, PSException, zlib.error, struct.error, ValueError,
          KeyError, TypeError, IndexError, EOFError, AssertionError, RecursionError)
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)(?=[\s/<(\[])")


@register(FileType.PDF)
def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read every page once: tables (stitched across pages) and text lines outside them."""
    name = source.original_name
    try:
        pdf = pdfplumber.open(source.path)
        page_count = len(pdf.pages)
    except DAMAGE as exc:
        cause = exc.args[0] if exc.args else None
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(exc, PDFEncryptionError):
            raise EncryptedFile(
                f"{name}: the PDF is password-protected; save an unprotected copy into the inbox."
            ) from exc
        raise CorruptFile(
            f"{name}: the PDF is damaged and cannot be read; export it again from Word and resend it."
        ) from exc
    with pdf:
        if page_count > settings.max_pages:
            raise TooLarge(
                f"{name}: the PDF has {page_count} pages, over the limit of {settings.max_pages}; "
                "split it or raise PERFRETURNS_MAX_PAGES."
            )
        issues = _active_content(pdf, source)
        page_tables: list[PageTable] = []
        lines: list[_Line] = []
        chars = 0
        for page in pdf.pages:
            try:
                found = _page_tables(page, DEFAULTS)
                lines.extend(_page_lines(page, [t.bbox for t in found]))
                chars += len(page.chars)
            except DAMAGE as exc:
                if _ran_out_of_memory(exc):  # pdfplumber wraps every failure, a MemoryError too
                    raise over_memory(name, settings.max_memory_mb) from exc
                raise CorruptFile(
                    f"{name}: page {page.page_number} of the PDF is damaged and cannot be read; "
                    "export it again from Word and resend it."
                ) from exc
            page_tables.extend(found)
            page.close()
    if chars == 0:
        raise NoTextLayer(
            f"{name}: the PDF has no text layer (it looks scanned); send the Word original "
            "or a PDF exported from Word."
        )
    blocks = _blocks(lines, DEFAULTS)
    tables, stitch_issues = stitch(page_tables, blocks)
    blocks, tables = _reading_order(blocks, tables)
    return ExtractedDocument(source, page_count, tuple(blocks), tuple(tables), (*issues, *stitch_issues))


def _ran_out_of_memory(exc: BaseException) -> bool:
    cause = exc.args[0] if exc.args else None
    return isinstance(cause, MemoryError) or isinstance(exc.__cause__, MemoryError)


def _active_content(pdf: Any, source: SourceFile) -> list[Issue]:
    """A warning when the PDF carries JavaScript or a launch action; they are never run, only named.

    The catalog's actions (OpenAction, AA, Names/JavaScript) are read through pdfminer; the raw
    bytes are searched too, for actions on pages and annotations.
    """
    found: set[str] = set()
    try:
        catalog = pdf.doc.catalog
        for key in ("OpenAction", "AA"):
            action = resolve1(catalog.get(key))
            if isinstance(action, dict):
                kind = resolve1(action.get("S"))
                name = getattr(kind, "name", None)
                if name in ("JavaScript", "Launch"):
                    found.add(name)
                if key == "AA":
                    found.add("JavaScript")  # additional actions exist only to run something
        names = resolve1(catalog.get("Names"))
        if isinstance(names, dict) and "JavaScript" in names:
            found.add("JavaScript")
    except DAMAGE:
        pass  # a damaged catalog shows when the pages are read
    with source.path.open("rb") as handle:
        for match in _ACTIVE.finditer(handle.read()):
            found.add("Launch" if match.group(1) == b"Launch" else "JavaScript")
    if not found:
        return []
    what = " and ".join(("JavaScript" if f == "JavaScript" else "a launch action") for f in sorted(found))
    return [Issue(Severity.WARNING, "pdf_active_content",
                  f"the PDF carries {what}, which perfreturns never runs; its text and tables were read as usual.")]


def _reading_order(blocks: list[Block], tables: list[RawTable]) -> tuple[list[Block], list[RawTable]]:
    """Number blocks and tables in one sequence, top to bottom, page by page."""
    items: list[tuple[tuple[int, float], Block | RawTable]] = [
        ((b.page or 0, b.top or 0.0), b) for b in blocks
    ] + [((t.page_start or 0, t.top or 0.0), t) for t in tables]
    items.sort(key=lambda item: item[0])
    ordered_blocks, ordered_tables = [], []
    for order, (_, item) in enumerate(items):
        if isinstance(item, Block):
            ordered_blocks.append(replace(item, order=order))
        else:
            ordered_tables.append(replace(item, order=order))
    return ordered_blocks, ordered_tables


# --- tables -----------------------------------------------------------------------------

def _page_tables(page: Any, tuning: PdfSettings) -> list[PageTable]:
    fills = _fills(page)
    found: list[PageTable] = []
    for table in page.find_tables():
        texts = table.extract()
        x_edges = _edges([c[0] for row in table.rows for c in row.cells if c] +
                         [c[2] for row in table.rows for c in row.cells if c], tuning.edge_tolerance)
        rows: list[tuple[Cell, ...]] = []
        for row_index, (row, row_texts) in enumerate(zip(table.rows, texts)):
            cells = []
            for bbox, text in zip(row.cells, row_texts):
                if bbox is None:
                    continue  # covered by a merged cell to its left or above
                col = _position(bbox[0], x_edges)
                span = max(1, _position(bbox[2], x_edges) - col)
                cells.append(
                    Cell(_join_lines(text or ""), row_index, col, page.page_number,
                         _fill_for(bbox, fills, tuning), 1, span)
                )
            rows.append(tuple(cells))
        found.append(PageTable(page.page_number, table.bbox, tuple(x_edges), tuple(rows),
                               float(page.height)))
    return found


def _edges(values: Sequence[float], tolerance: float) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _position(x: float, edges: Sequence[float]) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


def _join_lines(text: str) -> str:
    """Undo the line wrapping of a cell: a word broken after a hyphen is rejoined ("18-64")."""
    lines = [line.strip() for line in text.split("\n")]
    out = ""
    for line in lines:
        if not line:
            continue
        if out and not (len(out) > 1 and out.endswith("-") and out[-2].isalnum()):
            out += "\n"
        out += line
    return out


def _colour(value: Any) -> str | None:
    """pdfplumber's non-stroking colour (gray, RGB or CMYK, 0..1) as "#RRGGBB"."""
    if isinstance(value, (int, float)):
        value = (value,)
    if not isinstance(value, (tuple, list)) or not all(isinstance(v, (int, float)) for v in value):
        return None
    if len(value) == 1:
        rgb = (value[0],) * 3
    elif len(value) == 3:
        rgb = tuple(value)
    elif len(value) == 4:
        c, m, y, k = value
        rgb = ((1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k))
    else:
        return None
    return "#" + "".join(f"{round(max(0.0, min(1.0, v)) * 255):02X}" for v in rgb)


def _fills(page: Any) -> list[tuple[Box, str]]:
    out = []
    for rect in page.rects:
        if not rect.get("fill"):
            continue
        colour = _colour(rect.get("non_stroking_color"))
        if colour and colour != "#FFFFFF":
            out.append(((rect["x0"], rect["top"], rect["x1"], rect["bottom"]), colour))
    return out


def _fill_for(bbox: Box, fills: Sequence[tuple[Box, str]], tuning: PdfSettings) -> str | None:
    """The colour of the filled rectangle that covers most of a cell, if any does."""
    area = max(1e-6, (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]))
    best: tuple[float, str] | None = None
    for (x0, top, x1, bottom), colour in fills:
        overlap = max(0.0, min(x1, bbox[2]) - max(x0, bbox[0])) * max(0.0, min(bottom, bbox[3]) - max(top, bbox[1]))
        share = overlap / area
        if share >= tuning.fill_coverage and (best is None or share > best[0]):
            best = (share, colour)
    return best[1] if best else None


# --- text outside tables -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    top: float
    bottom: float
    text: str
    size: float
    bold: bool


def _page_lines(page: Any, table_boxes: Sequence[Box]) -> list[_Line]:
    lines = []
    for line in page.extract_text_lines(return_chars=True):
        middle = (line["top"] + line["bottom"]) / 2
        if any(b[1] - 1 <= middle <= b[3] + 1 and b[0] - 1 <= line["x0"] <= b[2] + 1 for b in table_boxes):
            continue
        chars = [c for c in line["chars"] if c["text"].strip()]
        if not chars:
            continue
        size = statistics.median(c["size"] for c in chars)
        bold = all("bold" in c["fontname"].lower() for c in chars)
        lines.append(_Line(page.page_number, line["top"], line["bottom"], line["text"].strip(), size, bold))
    return lines


def _blocks(lines: Sequence[_Line], tuning: PdfSettings) -> list[Block]:
    """Group lines into headings and paragraphs by font size and vertical gaps."""
    if not lines:
        return []
    body = statistics.mode(round(line.size, 1) for line in lines)
    heading_sizes = sorted({round(l.size, 1) for l in lines if l.size >= body * tuning.heading_size_ratio},
                           reverse=True)
    grouped: list[list[_Line]] = []
    for line in lines:
        previous = grouped[-1][-1] if grouped else None
        if (
            previous is not None
            and previous.page == line.page
            and round(previous.size, 1) == round(line.size, 1)
            and previous.bold == line.bold
            and line.top - previous.bottom < tuning.paragraph_gap_ratio * line.size
        ):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    blocks = []
    for order, group in enumerate(grouped):
        size = round(group[0].size, 1)
        text = _join_lines("\n".join(l.text for l in group)).replace("\n", " ")
        if size in heading_sizes:
            level = heading_sizes.index(size) + 1
            is_title = order == 0 and size >= body * tuning.title_size_ratio
            kind = BlockKind.TITLE if is_title else BlockKind.HEADING
            style = "Title" if is_title else f"Heading {level}"
        else:
            kind, level, style = BlockKind.PARAGRAPH, 0, "Normal"
        blocks.append(Block(kind, text, style, group[0].page, order, level, group[0].top))
    return blocks
