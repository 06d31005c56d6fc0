"""PDF: tables with page numbers and cell fill colours, and the text around them, via pdfplumber."""

from __future__ import annotations

import bisect
import re
import statistics
from collections import Counter
import struct
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import pdfplumber
import pypdfium2.raw as pdfium_raw
from pypdfium2 import PdfiumError
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfplumber.utils.exceptions import MalformedPDFException, PdfminerException

import schemas
from extractors import register
from extractors.pdf_pdfium import PdfiumDocument
from extractors.pdf_layout import (
    BULLETS, Bands, TextLine, Word, group_lines, is_wrap, join_lines, page_words, words_in,
)
from extractors.pdf_stitch import PageTable, stitch
from extractors.pdf_unruled import find_tables
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
    cell_padding: float = 2.0  # points between a cell's edge and its text
    stray_share: float = 0.1  # more words than this inside a ruled table but outside its cells: not its grid
    margin_share: float = 0.075  # running headers and footers stand within this share of the page's edges

    def __post_init__(self) -> None:
        if not 0 < self.fill_coverage <= 1:
            raise ValueError("fill_coverage must be in (0, 1]")
        if self.edge_tolerance < 0 or self.paragraph_gap_ratio < 0:
            raise ValueError("tolerances must not be negative")
        if not 1 <= self.heading_size_ratio <= self.title_size_ratio:
            raise ValueError("need 1 <= heading_size_ratio <= title_size_ratio")


DEFAULTS = PdfSettings()
WIDER = 5.0  # points a row's rule runs past a found grid when the grid is only a strip of the table

# What pdfminer raises on a damaged file, beyond its own exceptions: a broken deflate stream
# (zlib.error), cut or garbled object tables and streams (ValueError, KeyError, TypeError,
# IndexError, struct.error, EOFError), and its internal assertions on impossible structures.
DAMAGE = (PdfminerException, MalformedPDFException, PSException, zlib.error, struct.error, ValueError,
          KeyError, TypeError, IndexError, EOFError, AssertionError, RecursionError, PdfiumError)
_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch)(?=[\s/<(\[])")


@register(FileType.PDF)
def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read every page once: tables (stitched across pages) and text lines outside them."""
    name = source.original_name
    pdf = _open(source, settings)
    with pdf:
        page_count = len(pdf.pages)
        if page_count > settings.max_pages:
            raise TooLarge(
                f"{name}: the PDF has {page_count} pages, over the limit of {settings.max_pages}; "
                "split it or raise PERFRETURNS_MAX_PAGES."
            )
        issues = _active_content(pdf, source)
        page_tables: list[PageTable] = []
        lines: list[_Line] = []
        chars = 0
        sizes: Counter[float] = Counter()  # the body size is the commonest in the whole text, tables too
        for number in range(page_count):
            try:
                page = pdf.pages[number]
                found, outside, right = _page_tables(page, DEFAULTS)
                lines.extend(_Line(page.page_number, line, right, float(page.height)) for line in outside)
                chars += len(page.chars)
                sizes.update(c["size"] for c in page.chars if c["text"].strip())
            except DAMAGE as exc:
                if _ran_out_of_memory(exc):  # pdfplumber wraps every failure, a MemoryError too
                    raise over_memory(name, settings.max_memory_mb) from exc
                raise CorruptFile(
                    f"{name}: page {number + 1} of the PDF is damaged and cannot be read; "
                    "export it again from Word and resend it."
                ) from exc
            page_tables.extend(found)
            page.close()
    if chars == 0:
        raise NoTextLayer(
            f"{name}: the PDF has no text layer (it looks scanned); send the Word original "
            "or a PDF exported from Word."
        )
    body = _commonest(sizes)
    body_lines, furniture = _split_furniture(lines, page_count)
    blocks = _running_blocks(furniture) + _blocks(body_lines, DEFAULTS, body)
    tables, stitch_issues = stitch(page_tables, blocks)
    blocks, tables = _reading_order(blocks, tables)
    return ExtractedDocument(source, page_count, tuple(blocks), tuple(tables), (*issues, *stitch_issues))


def _commonest(sizes: Counter[float]) -> float | None:
    """The commonest font size to a tenth of a point; of equals, the one met first."""
    rounded: Counter[float] = Counter()
    for size, count in sizes.items():
        rounded[round(float(size), 1)] += count
    return rounded.most_common(1)[0][0] if rounded else None


def _open(source: SourceFile, settings: Settings) -> Any:
    """The PDF opened with the settings' engine; EncryptedFile or CorruptFile if it cannot be."""
    name = source.original_name
    try:
        if settings.pdf_engine == "pdfium":
            return PdfiumDocument(source.path, settings.max_memory_mb * 1024 * 1024)
        pdf = pdfplumber.open(source.path)
        len(pdf.pages)
        return pdf
    except DAMAGE as exc:
        if _is_locked(exc):
            raise EncryptedFile(
                f"{name}: the PDF is password-protected; save an unprotected copy into the inbox."
            ) from exc
        raise CorruptFile(
            f"{name}: the PDF is damaged and cannot be read; export it again from Word and resend it."
        ) from exc


def _is_locked(exc: BaseException) -> bool:
    """Whether opening failed for want of a password, as pdfium or pdfminer says it."""
    if isinstance(exc, PdfiumError):
        return exc.err_code in (pdfium_raw.FPDF_ERR_PASSWORD, pdfium_raw.FPDF_ERR_SECURITY)
    cause = exc.args[0] if exc.args else None
    return isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(exc, PDFEncryptionError)


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

def _page_tables(page: Any, tuning: PdfSettings) -> tuple[list[PageTable], list[TextLine], float]:
    """The page's tables, ruled or found from word alignment, the lines of text outside them, and
    the right edge of the page's text."""
    fills = _fills(page)
    words = page_words(page)
    # what lies across each cell's height, filed once per page: no cell scans the whole page
    words_across = Bands(words, lambda w: (w.cy, w.cy))
    fills_across = Bands(fills, lambda f: (f[0][1], f[0][3]))
    found: list[PageTable] = []
    taken: list[Box] = []
    rules = _rules(page)
    for table in page.find_tables():
        table_rows = table.rows  # a property pdfplumber works out again at every use
        boxes = [[c for c in row.cells if c is not None] for row in table_rows]  # None: covered by a merged cell
        if not _is_whole(table.bbox, boxes, words_across, tuning, rules):
            continue  # shaded cells of a borderless table, not its grid: read it from alignment below
        x_edges = _edges([c[0] for row in boxes for c in row] + [c[2] for row in boxes for c in row],
                         tuning.edge_tolerance)
        rows: list[tuple[Cell, ...]] = []
        bold_rows: list[bool] = []
        spans = _row_spans([row.bbox[1] for row in table_rows], boxes)
        for row_index, (row, row_spans) in enumerate(zip(boxes, spans)):
            cells = []
            row_words: list[Word] = []
            for bbox, row_span in zip(row, row_spans):
                col = _position(bbox[0], x_edges)
                span = max(1, _position(bbox[2], x_edges) - col)
                inside = words_in(words_across.near(bbox[1], bbox[3]), bbox)
                row_words.extend(inside)
                # the text's right limit: the cell's edge less a margin as wide as its left one
                margin = min((w.x0 for w in inside), default=bbox[0] + tuning.cell_padding) - bbox[0]
                right = bbox[2] - max(1.0, margin)
                text = join_lines(group_lines(inside), right)
                fill = _fill_for(bbox, fills_across, tuning)
                cells.append(Cell(text, row_index, col, page.page_number, fill, row_span, span))
            rows.append(tuple(cells))
            bold_rows.append(bool(row_words) and all(w.bold for w in row_words))
        found.append(PageTable(page.page_number, table.bbox, tuple(x_edges), tuple(rows),
                               float(page.height), _leading(bold_rows, [_is_banner(r) for r in rows])))
        taken.append(table.bbox)
    rest = group_lines(w for w in words if not any(_inside(w, box) for box in taken))
    unruled, outside = find_tables(rest, rules)
    right = max((w.x1 for w in words), default=float(page.width))
    for table in unruled:
        rows = []
        bold_rows = []
        for row_index, found_row in enumerate(table.rows):
            built = tuple(Cell(c.text, row_index, c.col, page.page_number, _fill_for(c.box, fills_across, tuning),
                               c.row_span, c.col_span) for c in found_row)
            rows.append(_banner_across(built, found_row, table.bbox, fills_across))
            texts = [c for c in found_row if c.text]
            bold_rows.append(bool(texts) and all(c.bold for c in texts))
        found.append(PageTable(page.page_number, table.bbox, table.x_edges, tuple(rows), float(page.height),
                               _leading(bold_rows, [_is_banner(r) for r in rows])))
    return found, outside, right


def _banner_across(cells: tuple[Cell, ...], found: Sequence[Any], bbox: Box,
                   fills: Bands[tuple[Box, str]]) -> tuple[Cell, ...]:
    """A row's one text under one shading across the whole table is one merged cell, as in Word."""
    if not cells or not cells[0].text or any(c.text for c in cells[1:]):
        return cells
    top, bottom = found[0].box[1], found[0].box[3]
    width = bbox[2] - bbox[0]
    # a shading from above top + 2 to below bottom - 2 reaches into that height
    across = any(x0 <= bbox[0] + 0.05 * width and x1 >= bbox[2] - 0.05 * width and t <= top + 2 and b >= bottom - 2
                 for (x0, t, x1, b), _ in fills.near(top + 2, bottom - 2))
    if not across:
        return cells
    return (replace(cells[0], col_span=sum(c.col_span for c in cells)),)


def _row_spans(tops: Sequence[float], boxes: Sequence[Sequence[Box]]) -> list[list[int]]:
    """How many rows each cell spans, given the rows' tops: a vertically merged cell spans the rows
    whose tops lie inside its box (pdfplumber leaves the positions below it empty), as the Word
    edition's w:vMerge does."""
    in_order = all(a <= b for a, b in zip(tops, tops[1:]))  # pdfplumber's rows run top to bottom
    out = []
    for row_index, row in enumerate(boxes):
        spans = []
        for box in row:
            if in_order and box[1] <= box[3]:
                span = (bisect.bisect_left(tops, box[3] - 1, row_index)
                        - bisect.bisect_left(tops, box[1] - 1, row_index))
            else:
                span = sum(1 for top in tops[row_index:] if box[1] - 1 <= top < box[3] - 1)
            spans.append(max(1, span))
        out.append(spans)
    return out


def _leading(flags: Sequence[bool], banners: Sequence[bool]) -> int:
    """How many rows at the top are bold (a header), leaving at least one row of body.

    A banner (one text across the row) belongs to the header only above its column titles;
    below them it opens the body (real-dev 13's "CC1 Accessible, high quality ...").
    """
    count = 0
    titled = False
    for flag, banner in zip(flags[:-1], banners):
        if not flag or (banner and titled):
            break
        titled = titled or not banner
        count += 1
    return count


def _is_banner(cells: Sequence[Cell]) -> bool:
    """A section banner: one text, from the first column (a second header line starts further in)."""
    texts = [c for c in cells if c.text]
    return len(texts) == 1 and texts[0].col == 0


def _inside(word: Word, box: Box) -> bool:
    x, y = word.cx, word.cy
    return box[0] - 1 <= x <= box[2] + 1 and box[1] - 1 <= y <= box[3] + 1


def _is_whole(box: Box, boxes: Sequence[Sequence[Box]], words: Bands[Word], tuning: PdfSettings,
              rules: Sequence[tuple[float, float, float]] = ()) -> bool:
    """Whether a lines-strategy table holds the text inside its bounds, rather than only shaded cells,
    and is not a strip of a wider table: shaded status cells between the rules of a table ruled
    with horizontal rules only make a grid of one column, its rules running on across the rest.
    `box` is the table's, `boxes` its cells' row by row."""
    crossing = [(x0, x1) for y, x0, x1 in rules if box[1] - 1 <= y <= box[3] + 1 and x0 < box[2] and x1 > box[0]]
    beyond = [1 for x0, x1 in crossing if x0 < box[0] - WIDER or x1 > box[2] + WIDER]
    if crossing and len(beyond) * 2 > len(crossing):
        return False
    inside = [w for w in words.near(box[1] - 1, box[3] + 1) if _inside(w, box)]
    if not inside:
        return False  # filled rectangles alone (colour-only status cells): the table around them has the text
    cells = Bands([c for row in boxes for c in row], lambda c: (c[1] - 1, c[3] + 1))
    stray = [w for w in inside if not any(_inside(w, c) for c in cells.near(w.cy, w.cy))]
    return len(stray) <= tuning.stray_share * len(inside)


def _rules(page: Any) -> list[tuple[float, float, float]]:
    """Horizontal rules as (y, x0, x1): stroked lines and hairline rectangles, not shaded cells."""
    found = []
    for line in page.lines:
        if abs(line["top"] - line["bottom"]) < 1 and line["x1"] - line["x0"] > 30:
            found.append((float(line["top"]), float(line["x0"]), float(line["x1"])))
    for rect in page.rects:
        if rect["bottom"] - rect["top"] <= 1.5 and rect["x1"] - rect["x0"] > 30:
            found.append(((rect["top"] + rect["bottom"]) / 2, float(rect["x0"]), float(rect["x1"])))
    return sorted(found)


def _edges(values: Sequence[float], tolerance: float) -> list[float]:
    edges: list[float] = []
    for value in sorted(values):
        if not edges or value - edges[-1] > tolerance:
            edges.append(value)
    return edges


def _position(x: float, edges: Sequence[float]) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - x))


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


def _fill_for(bbox: Box, fills: Bands[tuple[Box, str]], tuning: PdfSettings) -> str | None:
    """The colour of the filled rectangle that covers most of a cell, if any does (the first of equals)."""
    area = max(1e-6, (bbox[2] - bbox[0]) * (bbox[3] - bbox[1]))
    best: tuple[float, str] | None = None
    for (x0, top, x1, bottom), colour in fills.near(bbox[1], bbox[3]):
        overlap = max(0.0, min(x1, bbox[2]) - max(x0, bbox[0])) * max(0.0, min(bottom, bbox[3]) - max(top, bbox[1]))
        share = overlap / area
        if share >= tuning.fill_coverage and (best is None or share > best[0]):
            best = (share, colour)
    return best[1] if best else None


# --- text outside tables -----------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Line:
    page: int
    line: TextLine
    right: float  # the right edge of the page's text, for telling a wrap from a typed break
    page_height: float

    @property
    def top(self) -> float:
        """The line's top."""
        return self.line.top

    @property
    def bottom(self) -> float:
        """The line's bottom."""
        return self.line.bottom

    @property
    def text(self) -> str:
        """The line's words."""
        return self.line.text

    @property
    def size(self) -> float:
        """The line's font size."""
        return self.line.size

    @property
    def bold(self) -> bool:
        """Whether the line is bold."""
        return self.line.bold


_PAGE_NUMBER = re.compile(r"(?i)^(?:page\s*)?[-–(]?\s*\d{1,4}\s*[-–)]?(?:\s*(?:of|/)\s*\d{1,4})?$")


def _split_furniture(lines: Sequence[_Line], pages: int) -> tuple[list[_Line], list[_Line]]:
    """The body's lines, and the running headers, footers and page numbers: page furniture.

    Furniture stands in the top or bottom band of the page, apart from the body: a page
    number, a line that comes back (digits aside) on most pages, or, on any page, a line set
    off from the body by a gap at least its own height, as Word places its header and footer
    (real-dev 08's "Appendix N", 16's file path and "-1-").
    """
    def band(line: _Line) -> str | None:
        edge = DEFAULTS.margin_share * line.page_height
        if line.bottom < edge:
            return "top"
        if line.top > line.page_height - edge:
            return "bottom"
        return None

    def shape(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.strip().lower())

    repeats: dict[str, set[int]] = {}
    for line in lines:
        if band(line):
            repeats.setdefault(shape(line), set()).add(line.page)
    running = {k for k, on in repeats.items() if pages > 1 and len(on) >= max(2, (pages + 1) // 2)}
    body_by_page: dict[int, list[_Line]] = {}
    for line in lines:
        if band(line) is None:
            body_by_page.setdefault(line.page, []).append(line)

    def set_apart(line: _Line, where: str) -> bool:
        body = body_by_page.get(line.page, [])
        height = line.bottom - line.top
        if where == "top":
            below = [b.top for b in body if b.top > line.bottom]
            return not below or min(below) - line.bottom >= height
        above = [b.bottom for b in body if b.bottom < line.top]
        return not above or line.top - max(above) >= height

    kept, furniture = [], []
    for line in lines:
        where = band(line)
        if where and (_PAGE_NUMBER.match(line.text.strip()) or shape(line) in running or set_apart(line, where)):
            furniture.append(line)
        else:
            kept.append(line)
    return kept, furniture


def _running_blocks(furniture: Sequence[_Line]) -> list[Block]:
    """Each running header and footer once, ahead of the body, as the Word extractor gives them: a
    return often prints its council, service and period only there. Repeats on later pages, the
    page number aside, are the same line."""
    seen: list[str] = []
    shapes: set[str] = set()
    ordered = sorted(furniture, key=lambda l: (l.page, l.top > l.page_height / 2, l.top))
    for line in ordered:
        text = line.text.strip()
        shape = re.sub(r"\d+", "#", text.lower())
        if shape not in shapes:
            shapes.add(shape)
            seen.append(text)
    return [Block(BlockKind.RUNNING, text, "Header", None, -len(seen) + i) for i, text in enumerate(seen)]


def _entry_pattern() -> re.Pattern[str]:
    """A line that starts an entry of its own: a label and its dash or colon ("Green – On
    Trajectory", "Directorate: Delivery"), a code, a bullet, a number. A hyphen counts only with
    a space after it, so a wrapped "under-performing" does not."""
    codes = "|".join(f"(?:{p})" for p in schemas.vocabularies()["codes"]["patterns"])
    label = r"[A-Za-z][A-Za-z /]{0,20}?(?:\s*[–—:]|\s*-\s)\s*\S"
    bullets = re.escape("".join(sorted(BULLETS)))
    return re.compile(rf"^(?:{label}|(?:{codes})\b|[{bullets}]|\(?\d{{1,2}}[.)]\s|\d+(?:\.\d+)+\s)")


def _starts_entry(previous: _Line, line: _Line) -> bool:
    """A typed break: a new block even without paragraph spacing.

    A line that starts an entry (a legend word and its dash, a code, a bullet, a number) after
    a line that ended short is one; so is any line the line before could have held the first
    word of, since Word and LibreOffice only wrap a line that is full.
    """
    if _ENTRY.match(line.text):
        return True  # a wrapped line hardly ever starts with a legend word and dash, a code or a bullet
    return not is_wrap(previous.line, line.line, line.right)


def _blocks(lines: Sequence[_Line], tuning: PdfSettings, body_size: float | None = None) -> list[Block]:
    """Group lines into headings and paragraphs by font size, boldness, vertical gaps and entries."""
    if not lines:
        return []
    body = body_size or statistics.mode(round(line.size, 1) for line in lines)
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
            and not _starts_entry(previous, line)
        ):
            grouped[-1].append(line)
        else:
            grouped.append([line])
    blocks = []
    for order, group in enumerate(grouped):
        size = round(group[0].size, 1)
        text = join_lines([l.line for l in group], group[0].right).replace("\n", " ")
        if size in heading_sizes:
            level = heading_sizes.index(size) + 1
            is_title = order == 0 and size >= body * tuning.title_size_ratio
            kind = BlockKind.TITLE if is_title else BlockKind.HEADING
            style = "Title" if is_title else f"Heading {level}"
        elif _is_run_in_heading(group, grouped, order):
            level = len(heading_sizes) + 1
            kind, style = BlockKind.HEADING, f"Heading {level}"
        else:
            kind, level, style = BlockKind.PARAGRAPH, 0, "Normal"
        blocks.append(Block(kind, text, style, group[0].page, order, level, group[0].top))
    return blocks


def _is_run_in_heading(group: Sequence[_Line], grouped: Sequence[Sequence[_Line]], order: int) -> bool:
    """A numbered line in bold at body size, over body text: a heading of the lowest level.

    Word's Heading 3 and 4 are often hardly larger than the body (real-dev 21's "4.01.01 Increase
    participation ..."); a short bold group that starts with a section number reads as one.
    """
    if len(group) > 3 or not all(line.bold for line in group) or order + 1 >= len(grouped):
        return False
    following = grouped[order + 1][0]
    return not following.bold and bool(_SECTION_NUMBER.match(group[0].text))


_SECTION_NUMBER = re.compile(r"^\d+(?:\.\d+)+\.?\s+\S")


_ENTRY = _entry_pattern()
