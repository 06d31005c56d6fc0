"""Word (.docx): headings, paragraphs and tables in body order, merged cells once, cell shading.

The file is read part by part: the main document, the styles its paragraphs name, the
running headers and footers its sections show and docProps/app.xml, each inflated and parsed
once with python-docx's element classes (so a paragraph's text is python-docx's) and held to
the hostile-input limits as it is parsed. Opening it as a python-docx Document would inflate
every part, images included, and parse every XML part whole, which costs more than all of the
reading: the styles part python-docx's own template writes is 350 KB, and a paragraph needs
only the name of its own style.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import oxml_parser
from docx.styles import BabelFish
from lxml import etree

from extractors import register
from extractors.detect import check_zip
from extractors.limits import DAMAGE, W_NS, element_bound, parse_part
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, FileRejected, TooLarge
from pipeline.models import Block, BlockKind, Cell, ExtractedDocument, FileType, RawTable, SourceFile

_WRAPPERS = (qn("w:sdt"), qn("w:customXml"))
# Word's tags and attributes in Clark notation, made once
_R_ID = qn("r:id")
_BODY = qn("w:body")
_BR = qn("w:br")
_FILL = qn("w:fill")
_FOOTER_REFERENCE = qn("w:footerReference")
_GRID_BEFORE = qn("w:gridBefore")
_GRID_SPAN = qn("w:gridSpan")
_HEADER_REFERENCE = qn("w:headerReference")
_LAST_RENDERED_PAGE_BREAK = qn("w:lastRenderedPageBreak")
_NAME = qn("w:name")
_P = qn("w:p")
_SDT_CONTENT = qn("w:sdtContent")
_SHD = qn("w:shd")
_STYLE = qn("w:style")
_STYLE_ID = qn("w:styleId")
_TBL = qn("w:tbl")
_TBL_HEADER = qn("w:tblHeader")
_TC = qn("w:tc")
_TC_PR = qn("w:tcPr")
_THEME_FILL = qn("w:themeFill")
_TR = qn("w:tr")
_TR_PR = qn("w:trPr")
_TYPE = qn("w:type")
_V_MERGE = qn("w:vMerge")
_VAL = qn("w:val")
_PARAGRAPH_STYLE = etree.XPath("string(w:pPr/w:pStyle/@w:val)", namespaces=W_NS)
_SECTIONS = etree.XPath("w:body/w:p/w:pPr/w:sectPr | w:body/w:sectPr", namespaces=W_NS)
# relationships and docProps/app.xml need no element classes; entities are never resolved
_PLAIN = etree.XMLParser(resolve_entities=False, no_network=True)
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationships"
_RELATIONSHIP = _RELATIONSHIPS[:-1]
# the root element each part read must have, as Word writes it
_DOCUMENT, _STYLES, _HEADER, _FOOTER = (qn(f"w:{tag}") for tag in ("document", "styles", "hdr", "ftr"))


@register(FileType.DOCX)
def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Read a .docx into blocks and tables, in the order they stand in the body."""
    check_zip(source.path, settings)
    name = source.original_name
    try:
        with zipfile.ZipFile(source.path) as archive:
            package = _Package(archive, settings, name)
            app_pages = _app_pages(package)
            if app_pages is not None and app_pages > settings.max_pages:
                raise TooLarge(
                    f"{name}: the Word file has {app_pages} pages, over the limit of "
                    f"{settings.max_pages}; split it or raise PERFRETURNS_MAX_PAGES."
                )
            main = package.main_part()
            related = package.related(main)
            document = package.xml(main, _DOCUMENT)
            body = document.find(_BODY)
            if body is None:
                raise CorruptFile(package.not_what_word_writes(main))
            reader = _BodyReader(body, _StyleNames(package, related))
            reader.read()
            reader.blocks[:0] = _running_blocks(package, document, related)
    except FileRejected:
        raise
    except DAMAGE as exc:  # a part missing, or one python-docx's element classes cannot take
        raise CorruptFile(
            f"{name}: the Word file is damaged and cannot be read; "
            "open it in Word, save it again and put the new copy in the inbox."
        ) from exc
    if not reader.blocks and not reader.tables:
        raise EmptyFile(f"{name}: the Word file has no text or tables; send the completed return.")
    # python-docx's template claims one page; only a file Word laid out has a page count to trust
    pages = app_pages if reader.page is not None else None
    return ExtractedDocument(source, pages, tuple(reader.blocks), tuple(reader.tables))


class _Package:
    """The parts of one .docx, each parsed when the reading first needs it and held to the limits."""

    def __init__(self, archive: zipfile.ZipFile, settings: Settings, name: str) -> None:
        self.archive, self.settings, self.name = archive, settings, name
        self.names = set(archive.namelist())
        self.elements = 0  # elements parsed so far, against settings.max_xml_elements

    def parse(self, data: bytes, part: str, root: str | None, parser: etree.XMLParser = oxml_parser) -> etree._Element:
        """XML bytes of `part` parsed within the limits, refused as damaged when the root is not `root`."""
        tree, elements = parse_part(data, parser, self.settings, self.name, part,
                                    self.settings.max_xml_elements - self.elements)
        self.elements += elements
        if root is not None and tree.tag != root:
            raise CorruptFile(self.not_what_word_writes(part))
        return tree

    def xml(self, part: str, root: str | None = None, parser: etree.XMLParser = oxml_parser) -> etree._Element:
        return self.parse(self.archive.read(part), part, root, parser)

    def not_what_word_writes(self, part: str) -> str:
        return (f"{self.name}: the Word file is damaged and cannot be read (its part {part} is not what "
                "Word writes there); open it in Word, save it again and put the new copy in the inbox.")

    def related(self, source: str) -> dict[str, tuple[str, str]]:
        """A part's relationships inside the package (the package's own for ""): id -> (type, part name)."""
        folder, base = posixpath.split(source)
        rels = posixpath.join(folder, "_rels", base + ".rels")
        if rels not in self.names:
            return {}
        found: dict[str, tuple[str, str]] = {}
        for relationship in self.xml(rels, _RELATIONSHIPS, _PLAIN).iter(_RELATIONSHIP):
            target = relationship.get("Target") or ""
            if relationship.get("TargetMode") == "External" or not target:
                continue
            part = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            found[relationship.get("Id") or ""] = (relationship.get("Type") or "", part)
        return found

    def main_part(self) -> str:
        for kind, part in self.related("").values():
            if kind == RT.OFFICE_DOCUMENT:
                return part
        return "word/document.xml"


def _app_pages(package: _Package) -> int | None:
    """The page count Word saved in docProps/app.xml, when it did."""
    try:
        root = package.xml("docProps/app.xml", parser=_PLAIN)
    except FileRejected:
        raise
    except DAMAGE:  # a missing or damaged app.xml only loses the page count
        return None
    for element in root:
        if etree.QName(element).localname == "Pages" and (element.text or "").isdigit():
            return int(element.text or "0") or None
    return None


class _StyleNames:
    """Style names by id, as python-docx names them, each read from the styles part when first asked for.

    Only the one w:style element that carries the id is parsed, cut from the part's bytes with
    the root's start tag around it; a part where that cut is not exact (the id written twice,
    escaped, or absent) is parsed whole once. A file without a styles part names each style by
    its id.
    """

    def __init__(self, package: _Package, related: dict[str, tuple[str, str]]) -> None:
        self.package = package
        self.part = next((part for kind, part in related.values() if kind == RT.STYLES), None)
        self.data: bytes | None = None
        self.root: re.Match[bytes] | None = None  # the part's root start tag, which a cut is wrapped in
        self.names: dict[str, str] = {}
        self.whole: dict[str, str] | None = None

    def name(self, style_id: str) -> str:
        if style_id not in self.names:
            self.names[style_id] = self._look_up(style_id)
        return self.names[style_id]

    def _look_up(self, style_id: str) -> str:
        if self.part is None or self.part not in self.package.names:
            return style_id
        if self.whole is None:
            if self.data is None:
                self.data = self.package.archive.read(self.part)
                self.root = _STYLES_TAG.search(self.data)
            found = self._cut(self.data, style_id)
            if found is not None:
                return found
            self.whole = _names_of(self.package.parse(self.data, self.part, _STYLES))
        return self.whole.get(style_id, "Normal")

    def _cut(self, data: bytes, style_id: str) -> str | None:
        needle = b':styleId="' + style_id.encode() + b'"'
        if data.count(needle) != 1:
            return None
        at = data.find(needle)
        start = data.rfind(b"<", 0, at)
        tag = _STYLE_TAG.match(data, start)
        root = self.root
        if tag is None or root is None or element_bound(data[:root.start()]) or root.group(0).endswith(b"/>"):
            return None
        opened = data.find(b">", at)
        if data[opened - 1:opened] == b"/":
            end = opened + 1
        else:
            closing = data.find(b"</" + tag.group(1) + b">", opened)
            if closing < 0:
                return None
            end = closing + len(tag.group(1)) + 3
        fragment = root.group(0) + data[start:end] + b"</" + root.group(1) + b">"
        styles = self.package.parse(fragment, self.part or "", None)
        if styles.tag != _STYLES or len(styles) != 1:
            return None
        return _names_of(styles).get(style_id)


_STYLE_TAG = re.compile(rb"<((?:[\w.-]+:)?style)\s")
_STYLES_TAG = re.compile(rb"<((?:[\w.-]+:)?styles)(?:\s[^>]*)?>")


def _names_of(styles: etree._Element) -> dict[str, str]:
    """Each w:style's name by its id, as python-docx's Style.name gives it (its id when it has none)."""
    names: dict[str, str] = {}
    for style in styles.iterchildren(_STYLE):
        style_id = style.get(_STYLE_ID) or ""
        name = style.find(_NAME)
        value = name.get(_VAL) if name is not None else None
        names[style_id] = BabelFish.internal2ui(value) if value else style_id
    return names


def _iter_content(parent: etree._Element) -> Iterator[etree._Element]:
    """Children of a body or cell, with content controls (w:sdt) unwrapped.

    A date picker or drop-down wraps its paragraph, cell or row in w:sdt/w:sdtContent;
    python-docx's row.cells skips such cells and shifts the row left.
    """
    for child in parent:
        if child.tag in _WRAPPERS:
            content = child.find(_SDT_CONTENT)
            yield from _iter_content(content if content is not None else child)
        else:
            yield child


def _content(parent: etree._Element, plain: bool, *tags: str) -> Iterator[etree._Element]:
    """A row's, cell's or table's children of these tags; content controls are unwrapped unless the
    table holds none (`plain`), when lxml picks the children by tag itself."""
    if plain:
        return iter(parent.iterchildren(*tags))
    return (child for child in _iter_content(parent) if child.tag in tags)


_WRAPPED = etree.XPath("boolean(.//w:sdt | .//w:customXml)", namespaces=W_NS)


class _BodyReader:
    """Walks the body once, numbering blocks and tables in one reading order."""

    def __init__(self, body: etree._Element, styles: _StyleNames) -> None:
        self.body = body
        self.styles = styles
        self.blocks: list[Block] = []
        self.tables: list[RawTable] = []
        self.order = 0
        self.page: int | None = 1 if _has_page_marks(body) else None
        self.heading: str | None = None

    def read(self) -> None:
        for element in _iter_content(self.body):
            if element.tag == _P:
                self._paragraph(element)
            elif element.tag == _TBL:
                self._table(element)

    def _next_order(self) -> int:
        self.order += 1
        return self.order

    def _paragraph(self, element: etree._Element) -> None:
        text = _paragraph_text(element).strip()
        page = self.page
        self._advance_page(element)
        if not text:
            return
        style_id = str(_PARAGRAPH_STYLE(element))
        style = self.styles.name(style_id) if style_id else "Normal"
        kind, level = _block_kind(style)
        self.blocks.append(Block(kind, text, style, page, self._next_order(), level))
        if kind is not BlockKind.PARAGRAPH:
            self.heading = text

    def _advance_page(self, element: etree._Element) -> None:
        if self.page is None:
            return
        for br in element.iter(_BR):
            if br.get(_TYPE) == "page":
                self.page += 1
        self.page += sum(1 for _ in element.iter(_LAST_RENDERED_PAGE_BREAK))

    def _table(self, element: etree._Element) -> None:
        page_start = self.page
        rows, header_rows = _read_grid(element, page_start)
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


def _running_blocks(package: _Package, document: etree._Element, related: dict[str, tuple[str, str]]) -> list[Block]:
    """The text of each section's running header and footer, once each, ahead of the body: a return
    often prints its council, service and period only there.

    As python-docx's section.header and section.footer read them: the default ("primary")
    definition a section names; a section that names none shows the one before, already read.
    """
    seen: list[str] = []
    for section in _SECTIONS(document):
        for reference, root in ((_HEADER_REFERENCE, _HEADER),
                                (_FOOTER_REFERENCE, _FOOTER)):
            for definition in section.iterchildren(reference):
                if definition.get(_TYPE) != "default":
                    continue
                _kind, part = related[definition.get(_R_ID) or ""]
                for paragraph in package.xml(part, root).iterchildren(_P):
                    text = _paragraph_text(paragraph).strip()
                    if text and text not in seen:
                        seen.append(text)
                break
    return [Block(BlockKind.RUNNING, text, "Header", None, -len(seen) + i) for i, text in enumerate(seen)]


def _has_page_marks(body: etree._Element) -> bool:
    return body.find(".//" + _LAST_RENDERED_PAGE_BREAK) is not None or any(
        br.get(_TYPE) == "page" for br in body.iter(_BR)
    )


# the run children python-docx's CT_R.text reads, each giving its text by its element class's str()
_RUN_CONTENT = etree.XPath(
    "(w:r | w:hyperlink/w:r)/*[self::w:br or self::w:cr or self::w:noBreakHyphen or self::w:ptab or self::w:t "
    "or self::w:tab]", namespaces=W_NS)


def _paragraph_text(paragraph: etree._Element) -> str:
    """python-docx's text of a w:p: its runs' and hyperlinks' runs' text, tabs and breaks as characters.

    As CT_P.text and CT_R.text give it, in document order, from one compiled XPath instead of
    one compiled again for every paragraph and run (which took most of the reading of a large table).
    """
    return "".join(map(str, _RUN_CONTENT(paragraph)))


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
    value = found.get(_VAL) if found is not None else None
    return int(value) if value and value.isdigit() else default


def _read_grid(
    table: etree._Element, page: int | None
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
    plain = not _WRAPPED(table)
    for element in _content(table, plain, _TR):
        properties = element.find(_TR_PR)
        flag = properties.find(_TBL_HEADER) if properties is not None else None
        is_header = flag is not None and flag.get(_VAL, "true") not in ("false", "0", "off")
        if counting_headers and is_header:
            header_rows += 1
        else:
            counting_headers = False
        row_index = len(rows)
        cells: list[Cell] = []
        col = _int_attr(properties, _GRID_BEFORE, 0)
        for tc in _content(element, plain, _TC):
            tc_pr = tc.find(_TC_PR)
            span = _int_attr(tc_pr, _GRID_SPAN, 1)
            v_merge = tc_pr.find(_V_MERGE) if tc_pr is not None else None
            if v_merge is not None and v_merge.get(_VAL, "continue") == "continue" and col in open_merges:
                at_row, at_pos = open_merges[col]
                origin = rows[at_row][at_pos]
                rows[at_row][at_pos] = _with_row_span(origin, row_index - at_row + 1)
                col += span
                continue
            text = _cell_text(tc, plain)
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


def _cell_text(tc: etree._Element, plain: bool) -> str:
    """Paragraphs joined by newlines; a nested table's rows follow as tab-separated lines.

    Only a table's own rows and cells are read (not .iter(), which would also visit the rows
    of tables nested further in and repeat their text once per level); the limits have
    already bounded the nesting depth.
    """
    lines: list[str] = []
    for child in _content(tc, plain, _P, _TBL):
        if child.tag == _P:
            lines.append(_paragraph_text(child))
        else:
            for row in _content(child, plain, _TR):
                lines.append("\t".join(_cell_text(inner, plain) for inner in _content(row, plain, _TC)))
    return "\n".join(lines).strip()


def _fill(tc_pr: etree._Element | None) -> str | None:
    """The cell's own shading as "#RRGGBB", or "theme:NAME" for a theme colour.

    A fill that comes from the table style is not on the cell and stays unknown (None).
    """
    if tc_pr is None:
        return None
    shd = tc_pr.find(_SHD)
    if shd is None:
        return None
    fill = str(shd.get(_FILL) or "")
    if fill and fill.lower() != "auto" and len(fill) == 6:
        return "#" + fill.upper()
    theme = shd.get(_THEME_FILL)
    return f"theme:{theme}" if theme else None  # the theme's colour is in theme1.xml: not resolved
