"""Word (.docx): headings, paragraphs and tables in body order, merged cells once, cell shading."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from lxml import etree

from extractors import register
from extractors.detect import check_zip
from extractors.limits import DAMAGE, DOCX_ROOTS, check_xml_parts
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, TooLarge
from pipeline.models import Block, BlockKind, Cell, ExtractedDocument, FileType, RawTable, SourceFile

_WRAPPERS = (qn("w:sdt"), qn("w:customXml"))


@register(FileType.DOCX)
def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read a .docx into blocks and tables, in the order they stand in the body."""
    check_zip(source.path, settings)
    check_xml_parts(source.path, settings, source.original_name, roots=DOCX_ROOTS)
    app_pages = _app_pages(source)
    if app_pages is not None and app_pages > settings.max_pages:
        raise TooLarge(
            f"{source.original_name}: the Word file has {app_pages} pages, over the limit of "
            f"{settings.max_pages}; split it or raise PERFRETURNS_MAX_PAGES."
        )
    try:
        document = docx.Document(str(source.path))
        reader = _BodyReader(document)
        reader.read()
        reader.blocks[:0] = _running_blocks(document)
    except DAMAGE as exc:  # the checks above read every XML part; what is left is damage python-docx finds
        raise CorruptFile(
            f"{source.original_name}: the Word file is damaged and cannot be read; "
            "open it in Word, save it again and put the new copy in the inbox."
        ) from exc
    if not reader.blocks and not reader.tables:
        raise EmptyFile(f"{source.original_name}: the Word file has no text or tables; send the completed return.")
    # python-docx's template claims one page; only a file Word laid out has a page count to trust
    pages = app_pages if reader.page is not None else None
    return ExtractedDocument(source, pages, tuple(reader.blocks), tuple(reader.tables))


def _app_pages(source: SourceFile) -> int | None:
    """The page count Word saved in docProps/app.xml, when it did."""
    try:
        with zipfile.ZipFile(source.path) as archive:
            root = etree.fromstring(archive.read("docProps/app.xml"))
    except DAMAGE:  # a missing or damaged app.xml only loses the page count
        return None
    for element in root:
        if etree.QName(element).localname == "Pages" and (element.text or "").isdigit():
            return int(element.text or "0") or None
    return None


def _iter_content(parent: etree._Element) -> Iterator[etree._Element]:
    """Children of a body or cell, with content controls (w:sdt) unwrapped.

    A date picker or drop-down wraps its paragraph, cell or row in w:sdt/w:sdtContent;
    python-docx's row.cells skips such cells and shifts the row left.
    """
    for child in parent:
        if child.tag in _WRAPPERS:
            content = child.find(qn("w:sdtContent"))
            yield from _iter_content(content if content is not None else child)
        else:
            yield child


class _BodyReader:
    """Walks the body once, numbering blocks and tables in one reading order."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.blocks: list[Block] = []
        self.tables: list[RawTable] = []
        self.order = 0
        self.page: int | None = 1 if _has_page_marks(document) else None
        self.heading: str | None = None
        # python-docx's paragraph.style searches every style on each call: look each id up once
        self.style_names = {style.style_id: style.name or style.style_id for style in document.styles}

    def read(self) -> None:
        for element in _iter_content(self.document.element.body):
            if element.tag == qn("w:p"):
                self._paragraph(element)
            elif element.tag == qn("w:tbl"):
                self._table(element)

    def _next_order(self) -> int:
        self.order += 1
        return self.order

    def _paragraph(self, element: etree._Element) -> None:
        text = Paragraph(element, self.document).text.strip()
        page = self.page
        self._advance_page(element)
        if not text:
            return
        style_id = element.xpath("string(./w:pPr/w:pStyle/@w:val)")
        style = self.style_names.get(style_id, "Normal") if style_id else "Normal"
        kind, level = _block_kind(style)
        self.blocks.append(Block(kind, text, style, page, self._next_order(), level))
        if kind is not BlockKind.PARAGRAPH:
            self.heading = text

    def _advance_page(self, element: etree._Element) -> None:
        if self.page is None:
            return
        for br in element.iter(qn("w:br")):
            if br.get(qn("w:type")) == "page":
                self.page += 1
        self.page += sum(1 for _ in element.iter(qn("w:lastRenderedPageBreak")))

    def _table(self, element: etree._Element) -> None:
        page_start = self.page
        rows, header_rows = _read_grid(element, self.document, page_start)
        self._advance_page(element)
        self.tables.append(
            RawTable(
                index=len(self.tables),
                page_start=page_start,
                page_end=self.page,
                heading=self.heading,
                header_rows=header_rows,
                rows=rows,
                order=self._next_order(),
            )
        )


def _running_blocks(document: Document) -> list[Block]:
    """The text of each section's running header and footer, once each, ahead of the body: a return
    often prints its council, service and period only there."""
    seen: list[str] = []
    for section in document.sections:
        for part in (section.header, section.footer):
            if part.is_linked_to_previous and seen:
                continue
            for paragraph in part.paragraphs:
                text = paragraph.text.strip()
                if text and text not in seen:
                    seen.append(text)
    return [Block(BlockKind.RUNNING, text, "Header", None, -len(seen) + i) for i, text in enumerate(seen)]


def _has_page_marks(document: Document) -> bool:
    body = document.element.body
    return body.find(".//" + qn("w:lastRenderedPageBreak")) is not None or any(
        br.get(qn("w:type")) == "page" for br in body.iter(qn("w:br"))
    )


def _block_kind(style: str) -> tuple[BlockKind, int]:
    if style == "Title":
        return BlockKind.TITLE, 0
    if style.startswith("Heading"):
        digits = "".join(ch for ch in style if ch.isdigit())
        return BlockKind.HEADING, int(digits) if digits else 1
    return BlockKind.PARAGRAPH, 0


def _int_attr(parent: etree._Element | None, path: str, default: int) -> int:
    if parent is None:
        return default
    found = parent.find(path)
    value = found.get(qn("w:val")) if found is not None else None
    return int(value) if value and value.isdigit() else default


def _read_grid(
    table: etree._Element, document: Document, page: int | None
) -> tuple[tuple[tuple[Cell, ...], ...], int]:
    """Each cell once, placed on the real grid, with its spans.

    python-docx's row.cells repeats a merged cell across every grid column it spans and a
    vertically merged cell (w:vMerge="continue") down every row; here the first cell of a
    merge carries col_span and row_span and the covered positions are not emitted.
    """
    rows: list[list[Cell]] = []
    header_rows = 0
    counting_headers = True
    # the cell that a vertical merge in each grid column continues: (row index, position)
    open_merges: dict[int, tuple[int, int]] = {}
    for element in _iter_content(table):
        if element.tag != qn("w:tr"):
            continue
        properties = element.find(qn("w:trPr"))
        flag = properties.find(qn("w:tblHeader")) if properties is not None else None
        is_header = flag is not None and flag.get(qn("w:val"), "true") not in ("false", "0", "off")
        if counting_headers and is_header:
            header_rows += 1
        else:
            counting_headers = False
        row_index = len(rows)
        cells: list[Cell] = []
        col = _int_attr(properties, qn("w:gridBefore"), 0)
        for tc in _iter_content(element):
            if tc.tag != qn("w:tc"):
                continue
            tc_pr = tc.find(qn("w:tcPr"))
            span = _int_attr(tc_pr, qn("w:gridSpan"), 1)
            v_merge = tc_pr.find(qn("w:vMerge")) if tc_pr is not None else None
            if v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue" and col in open_merges:
                at_row, at_pos = open_merges[col]
                origin = rows[at_row][at_pos]
                rows[at_row][at_pos] = _with_row_span(origin, row_index - at_row + 1)
                col += span
                continue
            text = _cell_text(tc, document)
            cell = Cell(text, row_index, col, page, _fill(tc_pr), 1, span)
            if v_merge is not None:
                open_merges[col] = (row_index, len(cells))
            else:
                open_merges.pop(col, None)
            cells.append(cell)
            col += span
        rows.append(cells)
    return tuple(tuple(row) for row in rows), header_rows


def _with_row_span(cell: Cell, row_span: int) -> Cell:
    return Cell(cell.text, cell.row, cell.col, cell.page, cell.fill, row_span, cell.col_span, cell.page_end)


def _cell_text(tc: etree._Element, document: Document) -> str:
    """Paragraphs joined by newlines; a nested table's rows follow as tab-separated lines.

    Only a table's own rows and cells are read (not .iter(), which would also visit the rows
    of tables nested further in and repeat their text once per level); check_xml_parts has
    already bounded the nesting depth.
    """
    lines: list[str] = []
    for child in _iter_content(tc):
        if child.tag == qn("w:p"):
            lines.append(Paragraph(child, document).text)
        elif child.tag == qn("w:tbl"):
            for row in _iter_content(child):
                if row.tag == qn("w:tr"):
                    lines.append("\t".join(_cell_text(inner, document) for inner in _iter_content(row)
                                           if inner.tag == qn("w:tc")))
    return "\n".join(lines).strip()


def _fill(tc_pr: etree._Element | None) -> str | None:
    """The cell's own shading as "#RRGGBB", or "theme:NAME" for a theme colour.

    A fill that comes from the table style is not on the cell and stays unknown (None).
    """
    if tc_pr is None:
        return None
    shd = tc_pr.find(qn("w:shd"))
    if shd is None:
        return None
    fill = str(shd.get(qn("w:fill")) or "")
    if fill and fill.lower() != "auto" and len(fill) == 6:
        return "#" + fill.upper()
    theme = shd.get(qn("w:themeFill"))
    return f"theme:{theme}" if theme else None  # the theme's colour is in theme1.xml: not resolved
