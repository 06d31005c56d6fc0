"""Hostile-input limits for the XML parts of Word files, checked as each part is parsed.

A naive reader parses every XML part whole and walks tables recursively; a 37 KB file with
tables nested 16 deep, or one w:gridSpan of 300,000,000, is enough to take minutes and
gigabytes there. `parse_part` bounds a part's elements from its bytes first, so no part is
built that could pass the element limit, and checks the tree in C (lxml's XPath and iter)
before anything reads it. A part that might pass the element limit, or that libxml2 refuses,
is streamed once instead (lxml iterparse, elements cleared as they end), so the refusal names
the limit it passes.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from functools import cache

from lxml import etree

from pipeline.config import Settings
from pipeline.errors import TooLarge, UnsafeFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TABLE, _ROW, _SPAN, _BEFORE, _AFTER = (W + t for t in ("tbl", "tr", "gridSpan", "gridBefore", "gridAfter"))
_VAL = W + "val"
# the exceptions a damaged zip member or damaged XML raises while it is inflated and parsed
DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, etree.XMLSyntaxError, etree.ParseError,
          NotImplementedError, ValueError, UnicodeDecodeError, OSError, KeyError)


def element_bound(data: bytes) -> int:
    """At most how many elements the XML bytes hold, counted in C without parsing.

    Every element opens with "<" and no text or attribute value may hold a bare "<", so the
    "<"s that do not open an end tag, a declaration, a comment, CDATA or a processing
    instruction bound the elements (a "<" inside a comment or CDATA only raises the bound).
    """
    return data.count(b"<") - data.count(b"</") - data.count(b"<!") - data.count(b"<?")


def parse_part(data: bytes, parser: etree.XMLParser, settings: Settings, name: str, part: str,
               elements_left: int) -> tuple[etree._Element, int]:
    """One XML part parsed whole, and how many elements it holds, refused at the first limit it passes.

    A part that might hold more elements than are left, or that the parser refuses (libxml2
    stops at 256 levels), is streamed by the scan first, which names the limit it passes or
    raises the damage; only a part within every limit is built.
    """
    root: etree._Element | None = None
    if element_bound(data) <= elements_left:
        try:
            root = etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            root = None
    if root is None:
        _scan(io.BytesIO(data), settings, name, part, elements_left)
        root = etree.fromstring(data, parser)
    return root, check_tree(root, settings, name, part, elements_left)


W_NS = {"w": W[1:-1]}  # the prefix XPath expressions use for Word's namespace
_COUNT = etree.XPath("count(//*)")
_OWN_ROWS = etree.XPath("count(.//w:tr) - count(.//w:tbl//w:tr)", namespaces=W_NS)
LIBXML_DEPTH = 256  # libxml2 refuses a deeper document without XML_PARSE_HUGE


def check_tree(root: etree._Element, settings: Settings, name: str, part: str, elements_left: int) -> int:
    """Refuse a parsed part at the first limit it passes, as the scan would; returns its element count."""
    if root.getroottree().docinfo.doctype:
        raise UnsafeFile(_says("doctype", name, settings, part))
    elements = int(_COUNT(root))
    if elements > elements_left:
        raise TooLarge(_says("elements", name, settings))
    if settings.max_xml_depth < LIBXML_DEPTH and _deeper_than(settings.max_xml_depth)(root):
        raise TooLarge(_says("depth", name, settings, part))
    for table in root.iter(_TABLE):
        if sum(1 for _ in table.iterancestors(_TABLE)) >= settings.max_table_depth:
            raise TooLarge(_says("nesting", name, settings))
        if _OWN_ROWS(table) > settings.max_table_rows:
            raise TooLarge(_says("rows", name, settings))
    for element in root.iter(_SPAN, _BEFORE, _AFTER):
        _check_span(element.get(_VAL) or "", name, settings)
    return elements


@cache
def _deeper_than(depth: int) -> etree.XPath:
    return etree.XPath(f"boolean({'/*' * (depth + 1)})")


# what the refusal for each limit says: {name} the file, {part} the XML part, {s} the settings
_SAYS = {
    "doctype": "{name}: its part {part} declares a DOCTYPE (XML entities), which Word never writes; it was not "
               "read. Save the return again from Word.",
    "elements": "{name}: the file holds over {s.max_xml_elements:,} XML elements, over the limit; split the return "
                "or raise PERFRETURNS_MAX_XML_ELEMENTS.",
    "depth": "{name}: its part {part} nests XML elements over {s.max_xml_depth} deep, over the limit; it was not read.",
    "nesting": "{name}: it has tables nested over {s.max_table_depth} deep (a table in a table's cell), over the "
               "limit; flatten the nested tables and resend it.",
    "rows": "{name}: a table has over {s.max_table_rows:,} rows, over the limit; split the table or raise "
            "PERFRETURNS_MAX_TABLE_ROWS.",
    "span": "{name}: a table cell spans {span:,} columns, over the limit of {s.max_grid_span:,}; the table is "
            "damaged. Save it again from Word.",
}


def _says(limit: str, name: str, settings: Settings, part: str = "", span: int = 0) -> str:
    return _SAYS[limit].format(name=name, part=part, s=settings, span=span)


def _check_span(value: str, name: str, settings: Settings) -> None:
    if value.isdigit() and int(value) > settings.max_grid_span:
        raise TooLarge(_says("span", name, settings, span=int(value)))


def _scan(stream: object, settings: Settings, name: str, part: str, elements_left: int) -> None:
    """Stream a part once, refusing it at the first limit it passes; damage raises as the parser finds it."""
    context = etree.iterparse(
        stream, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=False,
    )
    depth = table_depth = elements = 0
    rows: list[int] = []  # rows so far of each open table, innermost last
    checked_doctype = False
    for event, element in context:
        if event == "end":
            depth -= 1
            if element.tag == _TABLE:
                table_depth -= 1
                rows.pop()
            # keep memory flat: drop what has been seen
            element.clear()
            parent = element.getparent()
            if parent is not None:
                while element.getprevious() is not None:
                    del parent[0]
            continue
        if not checked_doctype:
            checked_doctype = True
            if element.getroottree().docinfo.doctype:
                raise UnsafeFile(_says("doctype", name, settings, part))
        depth += 1
        elements += 1
        if depth > settings.max_xml_depth:
            raise TooLarge(_says("depth", name, settings, part))
        if elements > elements_left:
            raise TooLarge(_says("elements", name, settings))
        tag = element.tag
        if tag == _TABLE:
            table_depth += 1
            rows.append(0)
            if table_depth > settings.max_table_depth:
                raise TooLarge(_says("nesting", name, settings))
        elif tag == _ROW and rows:
            rows[-1] += 1
            if rows[-1] > settings.max_table_rows:
                raise TooLarge(_says("rows", name, settings))
        elif tag in (_SPAN, _BEFORE, _AFTER):
            _check_span(element.get(_VAL) or "", name, settings)
