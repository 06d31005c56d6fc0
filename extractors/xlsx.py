"""Excel (.xlsx, .xlsm): every visible sheet, its tables split by blank rows and columns, text around them.

Only stored values are read: a formula gives the value Excel cached when the file was last
saved (openpyxl's data_only), macros are never loaded and external links never followed.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import openpyxl
from lxml import etree
from openpyxl.utils import get_column_letter, range_boundaries
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from extractors import register
from extractors.detect import check_zip
from extractors.xlsx_style import cell_fill, display_text, theme_colours
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, TooLarge
from pipeline.models import Block, BlockKind, Cell, ExtractedDocument, FileType, RawTable, SourceFile

Position = tuple[int, int]  # (visible row index, visible column index) on one sheet


@dataclass(frozen=True, slots=True)
class XlsxSettings:
    """Limits and tolerances for reading a workbook."""

    max_cells: int = 2_000_000  # cells on one sheet's used range, checked before it is read
    caption_rows_above: int = 2  # a line this many rows above a table, or nearer, is its caption

    def __post_init__(self) -> None:
        if self.max_cells <= 0:
            raise ValueError("max_cells must be positive")
        if self.caption_rows_above < 1:
            raise ValueError("caption_rows_above must be at least 1")


DEFAULTS = XlsxSettings()


@dataclass(frozen=True, slots=True)
class _Text:
    """One cell's text and look, at its place on the sheet."""

    text: str
    fill: str | None
    bold: bool
    address: str
    row_span: int = 1
    col_span: int = 1


@register(FileType.XLSX)
def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read every visible sheet, in order, into blocks and tables with sheet and cell provenance."""
    check_zip(source.path, settings)
    name = source.original_name
    _check_merges(source.path, name, DEFAULTS)
    try:
        workbook = openpyxl.load_workbook(source.path, data_only=True, keep_links=False, keep_vba=False)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, InvalidFileException,
            etree.XMLSyntaxError) as exc:  # openpyxl raises OSError for a package with no workbook part
        raise CorruptFile(
            f"{name}: the Excel file is damaged and cannot be read; "
            "open it in Excel, save it again and put the new copy in the inbox."
        ) from exc
    try:
        reader = _WorkbookReader(workbook, name, DEFAULTS)
        for number, sheet in enumerate((s for s in workbook.worksheets if s.sheet_state == "visible"), start=1):
            reader.read_sheet(sheet, number)
    finally:
        workbook.close()
    if not reader.blocks and not reader.tables:
        raise EmptyFile(f"{name}: the workbook's visible sheets hold no text or tables; send the completed return.")
    return ExtractedDocument(source, reader.sheets, tuple(reader.blocks), tuple(reader.tables))


_MERGE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}mergeCell"


def _check_merges(path: Path, name: str, tuning: XlsxSettings) -> None:
    """Refuse absurd merged ranges before openpyxl loads them: it makes an object for every cell a
    range covers, so one "A1:XFD1048576" would take minutes and gigabytes."""
    try:
        with zipfile.ZipFile(path) as archive:
            sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            for member in sheets:
                covered = 0
                with archive.open(member) as handle:
                    for _, element in etree.iterparse(handle, tag=_MERGE, resolve_entities=False, huge_tree=False):
                        covered += _area(element.get("ref") or "")
                        element.clear()
                        if covered > tuning.max_cells:
                            raise TooLarge(
                                f"{name}: a sheet merges {covered:,} cells or more, over the limit of "
                                f"{tuning.max_cells:,}; it may be built to exhaust the reader. Unmerge the cells "
                                "and resend it."
                            )
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        return  # openpyxl's own load reports a damaged file


def _area(ref: str) -> int:
    """The number of cells an A1-style range covers ("A5:A17" is 13)."""
    try:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
    except (ValueError, TypeError):
        return 0
    return int((max_row - min_row + 1) * (max_col - min_col + 1))


class _WorkbookReader:
    """Reads sheets one after another, numbering blocks and tables in one reading order."""

    def __init__(self, workbook: Workbook, name: str, tuning: XlsxSettings) -> None:
        self.workbook = workbook
        self.name = name
        self.tuning = tuning
        self.theme = theme_colours(workbook.loaded_theme)
        # a workbook may redefine the indexed palette (legacy .xls files often do); openpyxl keeps it here
        self.palette: list[str] | None = getattr(workbook, "_colors", None) or None
        self.blocks: list[Block] = []
        self.tables: list[RawTable] = []
        self.sheets = 0
        self.order = 0
        self.addresses: tuple[list[int], list[int]] = ([], [])  # the current sheet's visible rows, columns

    def _next_order(self) -> int:
        self.order += 1
        return self.order

    def read_sheet(self, sheet: Worksheet, number: int) -> None:
        """One visible sheet: its regions split on blank rows and columns, as tables or as lines of text."""
        self.sheets = number
        used = sheet.max_row * sheet.max_column
        if used > self.tuning.max_cells:
            raise TooLarge(
                f"{self.name}: sheet {sheet.title!r} spans {used:,} cells, over the limit of "
                f"{self.tuning.max_cells:,}; it may be padded on purpose. Delete the empty rows and columns."
            )
        texts = self._sheet_texts(sheet)
        regions = sorted(_regions(set(texts)), key=lambda r: (min(p[0] for p in r), min(p[1] for p in r)))
        last_line: tuple[int, str] | None = None  # the visible row and text of the latest line
        for region in regions:
            grid = {p: texts[p] for p in region if p in texts}
            region_rows = sorted({p[0] for p in region})
            captions = _leading_lines(region, grid, region_rows)
            for row in captions:
                last_line = (row, self._line(grid, row, number))
            body = [p for p in region if p[0] not in captions]
            if not body:
                continue
            body_rows = sorted({p[0] for p in body})
            if _is_table(body, grid):
                heading = None
                if last_line is not None and body_rows[0] - last_line[0] <= self.tuning.caption_rows_above:
                    heading = last_line[1]
                self._table(sheet, number, body, grid, heading)
                continue
            for row in body_rows:
                last_line = (row, self._line(grid, row, number))

    def _sheet_texts(self, sheet: Worksheet) -> dict[Position, _Text]:
        """Each visible, non-blank cell (a merged range once, at its first cell) by visible position."""
        hidden_cols: set[int] = set()
        for dimension in sheet.column_dimensions.values():
            if dimension.hidden and dimension.min and dimension.max:
                hidden_cols.update(range(dimension.min, dimension.max + 1))
        # .get: indexing the row dimensions would create one for every row
        rows = [r for r in range(1, sheet.max_row + 1)
                if not getattr(sheet.row_dimensions.get(r), "hidden", False)] if sheet.max_row else []
        cols = [c for c in range(1, sheet.max_column + 1) if c not in hidden_cols]
        row_at = {r: i for i, r in enumerate(rows)}
        col_at = {c: i for i, c in enumerate(cols)}
        covered: dict[tuple[int, int], tuple[int, int, int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            extent = (merged.min_row, merged.min_col, merged.max_row, merged.max_col)
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    covered[(r, c)] = extent
        texts: dict[Position, _Text] = {}
        epoch = self.workbook.epoch
        # the cells the sheet stores: iter_rows() would create every blank cell of the used range
        for (r, c), cell in sorted(sheet._cells.items()):
            if r not in row_at or c not in col_at:
                continue
            bounds = covered.get((r, c))
            if bounds is not None and (r, c) != bounds[:2]:
                continue  # covered by a merged range: its text and fill are the first cell's
            text = display_text(cell.value, cell.number_format, epoch)
            fill = cell_fill(cell.fill, self.theme, self.palette)
            if fill == "#FFFFFF":
                fill = None  # white is the page, not a status colour
            if not text and fill is None:
                continue
            row_span = col_span = 1
            address = cell.coordinate
            if bounds is not None:
                row_span = sum(1 for rr in range(bounds[0], bounds[2] + 1) if rr in row_at)
                col_span = sum(1 for cc in range(bounds[1], bounds[3] + 1) if cc in col_at)
                address = f"{cell.coordinate}:{get_column_letter(bounds[3])}{bounds[2]}"
            font = cell.font
            texts[(row_at[r], col_at[c])] = _Text(
                text, fill, bool(font is not None and font.b), address, max(1, row_span), max(1, col_span),
            )
        # a merged range occupies every position it covers, so no blank row or column splits it
        for (r, c), found in list(texts.items()):
            for dr in range(found.row_span):
                for dc in range(found.col_span):
                    if (dr or dc) and (r + dr, c + dc) not in texts:
                        texts[(r + dr, c + dc)] = _Text("", None, False, "", 0, 0)
        self.addresses = (rows, cols)
        return texts

    def _line(self, grid: dict[Position, _Text], row: int, number: int) -> str:
        """A row outside any table as one block: a caption, a title, a fact or a legend line."""
        cells = [grid[p] for p in sorted(p for p in grid if p[0] == row) if grid[p].text]
        text = " ".join(c.text for c in cells)
        bold = all(c.bold for c in cells)
        if not self.blocks and not self.tables:
            kind, style, level = BlockKind.TITLE, "Title", 0
        elif bold:
            kind, style, level = BlockKind.HEADING, "Heading 2", 2
        else:
            kind, style, level = BlockKind.PARAGRAPH, "Normal", 0
        self.blocks.append(Block(kind, text, style, number, self._next_order(), level, float(row)))
        return text

    def _address(self, row: int, col: int) -> str:
        """The address of a blank cell, from its visible position back to the sheet's row and column."""
        rows, cols = self.addresses
        return f"{get_column_letter(cols[col])}{rows[row]}"

    def _table(self, sheet: Worksheet, number: int, body: Sequence[Position],
               grid: dict[Position, _Text], heading: str | None) -> None:
        top = min(p[0] for p in body)
        left = min(p[1] for p in body)
        rows_at = sorted({p[0] for p in body})
        width = max(p[1] for p in body) - left + 1
        covered = {(r + dr, c + dc) for (r, c), t in grid.items() if t.row_span
                   for dr in range(t.row_span) for dc in range(t.col_span) if dr or dc}
        rows: list[tuple[Cell, ...]] = []
        for index, r in enumerate(range(top, rows_at[-1] + 1)):
            cells = []
            for c in range(left, left + width):
                if (r, c) in covered:
                    continue
                found = grid.get((r, c)) or _Text("", None, False, self._address(r, c))
                cells.append(Cell(found.text, index, c - left, number, found.fill, found.row_span,
                                  found.col_span, None, sheet.title, found.address))
            rows.append(tuple(cells))
        self.tables.append(RawTable(
            index=len(self.tables), page_start=number, page_end=number, heading=heading,
            header_rows=_header_rows(rows, grid, top, left), rows=tuple(rows),
            order=self._next_order(), top=float(top),
        ))


def _regions(positions: set[Position]) -> Iterable[list[Position]]:
    """Blocks of cells with no blank row or column inside them, found by splitting on both in turn."""
    pending = [sorted(positions)]
    while pending:
        part = pending.pop()
        pieces = _split(part, 0)
        if len(pieces) == 1:
            pieces = _split(part, 1)
        if len(pieces) == 1:
            yield part
        else:
            pending.extend(pieces)


def _split(part: Sequence[Position], axis: int) -> list[list[Position]]:
    """Split where a whole row (axis 0) or column (axis 1) of the part is blank."""
    values = sorted({p[axis] for p in part})
    runs: list[set[int]] = []
    for value in values:
        if runs and value == max(runs[-1]) + 1:
            runs[-1].add(value)
        else:
            runs.append({value})
    if len(runs) == 1:
        return [list(part)]
    return [[p for p in part if p[axis] in run] for run in runs]


def _filled(grid: dict[Position, _Text], row: int, positions: Iterable[Position]) -> int:
    return sum(1 for p in positions if p[0] == row and p in grid and (grid[p].text or grid[p].fill))


def _leading_lines(region: Sequence[Position], grid: dict[Position, _Text], rows: Sequence[int]) -> list[int]:
    """Rows at the top of a region holding one text each (a title, a caption) above a wider table."""
    wide = [r for r in rows if _filled(grid, r, region) >= 2]
    if not wide:
        return []
    return [r for r in rows if r < wide[0]]


def _is_table(body: Sequence[Position], grid: dict[Position, _Text]) -> bool:
    """At least two rows with two or more cells: one line of cells side by side reads as text."""
    rows = {p[0] for p in body}
    return sum(1 for r in rows if _filled(grid, r, body) >= 2) >= 2


def _header_rows(rows: Sequence[tuple[Cell, ...]], grid: dict[Position, _Text], top: int, left: int) -> int:
    """Leading rows whose every text is bold (Excel has no header-row flag), leaving a body row."""
    count = 0
    for index, row in enumerate(rows[:-1]):
        looks = [grid.get((top + index, left + c.col)) for c in row if c.text]
        if not looks or not all(t is not None and t.bold for t in looks):
            break
        count += 1
    return count
