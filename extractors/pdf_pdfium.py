"""A PDF's characters, lines and rectangles read with pdfium, as pdfplumber would describe them.

pdfplumber reads a page through pdfminer, which interprets every content stream in Python:
most of the time perfreturns spends on a PDF. pypdfium2 (which pdfplumber installs) reads
the same objects in C. This module turns them into the plain object dicts pdfplumber's own
table and word functions take (`TableFinder`, `extract_words`), with pdfminer's geometry:

- a character's box runs from its origin to its advance across, and from the baseline plus
  the font's descent to one font size above that (pdfminer's LTChar), top-down from the
  page's top edge; its font name keeps the subset tag ("BAAAAA+LiberationSans-Bold"), so
  words split where pdfminer's split;
- a path is split at each move, each piece named as pdfminer names it: one segment a line,
  four sides of an upright box a rect, anything else a curve; paths inside form XObjects are
  placed by the form's matrix;
- colours are pdfium's RGB on a 0..1 scale.

`PdfiumDocument` stands in for `pdfplumber.open(...)` and `PdfiumPage` for its pages, as far
as the PDF extractor uses them.
"""

from __future__ import annotations

import ctypes
import re
import zlib
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO, overload

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import PDFObjRef, PDFStream, dict_value, list_value, num_value, resolve1, resolve_all
from pdfminer.psparser import PSLiteral, literal_name
from pdfplumber.utils.text import extract_words
from pdfplumber.container import Container
from pdfplumber.table import Table, TableFinder, TableSettings

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_SUBSET = re.compile(r"^[A-Z]{6}\+")
_HYPHENS = "\ufffe\x02"
_MOVE, _LINE, _BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO


class PdfiumDocument:
    """An open PDF: its pages, read one at a time."""

    def __init__(self, path: Path, max_content_bytes: int | None = None) -> None:
        self._path = path
        self._max_content = max_content_bytes
        self._pdf = pdfium.PdfDocument(str(path))
        self._file: BinaryIO | None = None

        self._structure: PDFDocument | None = None
        self._page_dicts: list[PDFPage] | None = None
        self._fonts = PDFResourceManager()

    @property
    def doc(self) -> PDFDocument:
        """pdfminer's view of the document's structure: its catalog and its fonts' dictionaries.

        Its content streams, where pdfminer spends its time, are never interpreted.
        """
        if self._structure is None:
            self._file = self._path.open("rb")
            self._structure = PDFDocument(PDFParser(self._file))
        return self._structure

    def _font(self, spec: Any) -> tuple[str, float]:
        """A font's name and descent per point as pdfminer reads them, from its descriptor where it has one.

        Loading the font in full (widths, cmaps) is left to pdfminer for the fonts without a
        descriptor (the standard 14, whose metrics it knows) and Type 3 fonts.
        """
        font = dict_value(spec)
        subtype = literal_name(resolve1(font.get("Subtype")))
        holder = font
        if subtype == "Type0":
            descendants = list_value(font.get("DescendantFonts"))
            holder = dict_value(descendants[0]) if descendants else {}
        descriptor = resolve1(holder.get("FontDescriptor"))
        if subtype in ("Type1", "MMType1", "TrueType", "Type0") and isinstance(descriptor, dict):
            name = resolve1(descriptor.get("FontName", "unknown"))
            return (literal_name(name) if isinstance(name, PSLiteral) else str(name),
                    -abs(num_value(descriptor.get("Descent", 0))) * 0.001)
        loaded = self._fonts.get_font(spec.objid if isinstance(spec, PDFObjRef) else None, font)
        return str(getattr(loaded, "fontname", "") or ""), float(loaded.get_descent())

    def _page_dict(self, index: int) -> PDFPage:
        if self._page_dicts is None:
            self._page_dicts = list(PDFPage.create_pages(self.doc))
        return self._page_dicts[index]

    def check(self, index: int) -> None:
        """ValueError for a page pdfplumber would refuse; MemoryError for content too big to inflate."""
        page = self._page_dict(index)
        box = resolve_all(page.attrs.get("MediaBox"))
        if box is not None and not (isinstance(box, list) and len(box) == 4
                                    and all(isinstance(v, (int, float)) for v in box)):
            raise ValueError(f"page {index + 1}'s MediaBox is not four numbers: {box!r}")
        if self._max_content is not None:
            _check_inflated(page, self._max_content)

    def fonts(self, index: int) -> dict[str, tuple[str, float]]:
        """The fonts of a page by their name without subset tag: (name as printed, descent per point).

        The descent is the font descriptor's, as pdfminer reads it; LibreOffice writes 0 there, so
        its characters' boxes stand on the baseline in both engines.
        """
        page = self._page_dict(index)
        resources = dict_value(page.resources)
        found: dict[str, tuple[str, float]] = {}
        for spec in dict_value(resources.get("Font", {})).values():
            name, descent = self._font(spec)
            found.setdefault(_SUBSET.sub("", name), (name, descent))
        return found

    @property
    def pages(self) -> _Pages:
        """The pages, each read when it is reached."""
        return _Pages(self)

    def close(self) -> None:
        """Release the document."""
        self._pdf.close()
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> PdfiumDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Pages(Sequence["PdfiumPage"]):
    """A document's pages, numbered from 1, each loaded only when asked for."""

    def __init__(self, document: PdfiumDocument) -> None:
        self._document = document
        self._pdf = document._pdf

    def __len__(self) -> int:
        return len(self._pdf)

    @overload
    def __getitem__(self, index: int) -> PdfiumPage: ...
    @overload
    def __getitem__(self, index: slice) -> list[PdfiumPage]: ...

    def __getitem__(self, index: int | slice) -> PdfiumPage | list[PdfiumPage]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if not -len(self) <= index < len(self):
            raise IndexError(index)
        index %= len(self)
        self._document.check(index)  # before pdfium parses the page's content
        return PdfiumPage(self._pdf[index], index + 1, lambda: self._document.fonts(index))


class PdfiumPage(Container):
    """One page's objects as pdfplumber's dicts, read once when first asked for."""

    cached_properties = [*Container.cached_properties, "_objects"]

    def __init__(self, page: pdfium.PdfPage, page_number: int,
                 fonts: Callable[[], dict[str, tuple[str, float]]]) -> None:
        self._page = page
        self._fonts_of = fonts
        self.page_number = page_number
        left, bottom, right, top = page.get_mediabox()
        self._origin = (float(left), float(top))
        self.width = float(right - left)
        self.height = float(top - bottom)
        self.bbox = (0.0, 0.0, self.width, self.height)
        self.rotation = page.get_rotation()
        self.initial_doctop = 0.0

    @property
    def objects(self) -> dict[str, list[dict[str, Any]]]:
        """Characters, lines, rects and curves, as pdfplumber's page.objects."""
        if not hasattr(self, "_objects"):
            found: dict[str, list[dict[str, Any]]] = {"char": self._chars(), "line": [], "rect": [], "curve": []}
            for kind, shape in self._shapes():
                found[kind].append(shape)
            self._objects = found
        return self._objects

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Table]:
        """pdfplumber's table finder on this page's edges."""
        return TableFinder(self, TableSettings.resolve(table_settings)).tables  # type: ignore[arg-type]

    def extract_words(self, **kwargs: Any) -> list[dict[str, Any]]:
        """pdfplumber's word extraction on this page's characters."""
        return extract_words(self.chars, **kwargs)

    def close(self) -> None:
        """Forget the objects and release the page."""
        self.flush_cache()
        self._page.close()

    # --- characters ------------------------------------------------------------------

    def _chars(self) -> list[dict[str, Any]]:
        textpage = self._page.get_textpage()
        try:
            return list(_read_chars(textpage.raw, self._flip, self.page_number, self._fonts_of()))
        finally:
            textpage.close()

    def _flip(self, x: float, y: float) -> tuple[float, float]:
        """PDF user space (y up from the media box's bottom) to pdfplumber's (y down from its top)."""
        return x - self._origin[0], self._origin[1] - y

    # --- paths -----------------------------------------------------------------------

    def _shapes(self) -> Iterator[tuple[str, dict[str, Any]]]:
        handle = self._page.raw
        for index in range(raw.FPDFPage_CountObjects(handle)):
            yield from self._shapes_of(raw.FPDFPage_GetObject(handle, index), IDENTITY)

    def _shapes_of(self, obj: Any, outer: Matrix) -> Iterator[tuple[str, dict[str, Any]]]:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_FORM:
            inner = _compose(_matrix(obj), outer)
            for index in range(raw.FPDFFormObj_CountObjects(obj)):
                yield from self._shapes_of(raw.FPDFFormObj_GetObject(obj, index), inner)
        elif kind == raw.FPDF_PAGEOBJ_PATH:
            yield from self._path(obj, _compose(_matrix(obj), outer))

    def _path(self, obj: Any, matrix: Matrix) -> Iterator[tuple[str, dict[str, Any]]]:
        fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, fill_mode, stroke)
        width = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(obj, width)
        look = {
            "stroke": bool(stroke.value), "fill": fill_mode.value != raw.FPDF_FILLMODE_NONE,
            "evenodd": fill_mode.value == raw.FPDF_FILLMODE_ALTERNATE,
            "linewidth": float(width.value),
            "stroking_color": _colour(obj, raw.FPDFPageObj_GetStrokeColor),
            "non_stroking_color": _colour(obj, raw.FPDFPageObj_GetFillColor),
        }
        for ops, points in _subpaths(obj, matrix):
            shape = _shape(ops, points)
            if shape is not None:
                kind, pts = shape
                yield kind, self._shape_dict(kind, pts, look)

    def _shape_dict(self, kind: str, pts: list[tuple[float, float]], look: dict[str, Any]) -> dict[str, Any]:
        xs = [x for x, _ in pts]
        ys = [y for _, y in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        left, top = self._flip(x0, y1)
        right, bottom = self._flip(x1, y0)
        shape = {
            "object_type": kind, "page_number": self.page_number,
            "x0": left, "x1": right, "y0": y0 - (self._origin[1] - self.height), "y1": y1 - (self._origin[1] - self.height),
            "top": top, "bottom": bottom, "doctop": top, "width": right - left, "height": bottom - top, **look,
        }
        if kind != "rect":
            shape["pts"] = [self._flip(x, y) for x, y in pts]
        return shape


def _check_inflated(page: PDFPage, limit: int) -> None:
    """MemoryError if the page's compressed content streams inflate to over `limit` bytes together.

    pdfium inflates a page's content whole and aborts the process when memory runs out, so a
    stream that inflates to hundreds of megabytes is measured first, a piece at a time.
    """
    contents = resolve1(page.attrs.get("Contents"))
    streams = contents if isinstance(contents, list) else [contents]
    total = 0
    for stream in (resolve1(s) for s in streams):
        if not isinstance(stream, PDFStream):
            continue
        data = stream.get_rawdata() or b""
        if not any(literal_name(f) in ("FlateDecode", "Fl") for f, _ in stream.get_filters()):
            total += len(data)
            continue
        inflater = zlib.decompressobj()
        try:
            while data and total <= limit:
                total += len(inflater.decompress(data, 1 << 20))
                data = inflater.unconsumed_tail
        except zlib.error:
            continue  # a broken stream: pdfium reads what it can, as pdfminer does
        if total > limit:
            raise MemoryError(f"page content inflates to over {limit} bytes")


class _Calls:
    """pdfium's per-character calls with plain addresses for arguments and results.

    pypdfium2's bindings wrap every handle in a typed pointer; a character's text object is
    then told from the next only by casting it to an address. Called straight, the calls
    made for each of a page's thousands of characters take a third of the time.
    """

    def __init__(self) -> None:
        def direct(function: Any, result: Any, *arguments: Any) -> Any:
            address = ctypes.cast(function, ctypes.c_void_p).value
            assert address is not None, "pdfium's library is loaded"
            return ctypes.CFUNCTYPE(result, *arguments)(address)

        pointer, index = ctypes.c_void_p, ctypes.c_int
        self.text_object = direct(raw.FPDFText_GetTextObject, pointer, pointer, index)
        self.loose_box = direct(raw.FPDFText_GetLooseCharBox, ctypes.c_int, pointer, index, pointer)
        self.origin = direct(raw.FPDFText_GetCharOrigin, ctypes.c_int, pointer, index, pointer, pointer)
        self.generated = direct(raw.FPDFText_IsGenerated, ctypes.c_int, pointer, index)


@cache
def _calls() -> _Calls:
    return _Calls()


def _read_chars(textpage: Any, flip: Any, page_number: int,
                fonts: dict[str, tuple[str, float]]) -> Iterator[dict[str, Any]]:
    """Every character pdfium read from the content, in content order; none it made up."""
    count = raw.FPDFText_CountChars(textpage)
    if count <= 0:
        return
    calls = _calls()
    buffer = (ctypes.c_ushort * (count + 1))()
    raw.FPDFText_GetText(textpage, 0, count, buffer)
    text = ctypes.string_at(buffer, 2 * count).decode("utf-16-le", errors="surrogatepass")
    page = ctypes.cast(textpage, ctypes.c_void_p).value
    box, ox, oy = raw.FS_RECTF(), ctypes.c_double(), ctypes.c_double()
    at_box, at_x, at_y = ctypes.addressof(box), ctypes.addressof(ox), ctypes.addressof(oy)
    looks: dict[int, tuple[str, float, float, bool, tuple[float, ...]]] = {}
    for index, char in enumerate(text):
        if char.isspace() and calls.generated(page, index):
            continue  # a space or line break pdfium inferred from the layout
        if char in _HYPHENS:
            char = "-"  # pdfium's mark for a hyphen that ends a line; the content has "-"
        elif char in "\r\n\uffff" or "\ud800" <= char <= "\udfff":
            continue
        key = calls.text_object(page, index)
        look = looks.get(key)
        if look is None:
            look = looks[key] = _text_look(raw.FPDFText_GetTextObject(textpage, index), fonts)
        fontname, size, descent, upright, colour = look
        calls.loose_box(page, index, at_box)
        calls.origin(page, index, at_x, at_y)
        x0, base = flip(ox.value, oy.value)  # the origin: a glyph may reach left of it ("j")
        x1 = x0 + (box.right - ox.value)
        bottom = base - descent
        top = bottom - size
        yield {
            "object_type": "char", "page_number": page_number, "text": char, "fontname": fontname,
            "size": size, "upright": upright, "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": size, "non_stroking_color": colour,
        }


def _text_look(obj: Any, fonts: dict[str, tuple[str, float]]) -> tuple[str, float, float, bool, tuple[float, ...]]:
    """A text object's font name, size on the page, descent below the baseline, uprightness, colour."""
    font = raw.FPDFTextObj_GetFont(obj)
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(max(1, length))
    raw.FPDFFont_GetBaseFontName(font, name, length)
    nominal = ctypes.c_float()
    raw.FPDFTextObj_GetFontSize(obj, nominal)
    a, b, c, d, _, _ = _matrix(obj)
    scale = abs(d) if b == 0 and c == 0 else (b * b + d * d) ** 0.5
    size = float(nominal.value) * scale
    base = name.value.decode("utf-8", errors="replace")
    if base in fonts:
        printed, per_point = fonts[base]
        base, descent = printed, per_point * size
    else:  # a font of a form XObject's own resources: pdfium's metrics
        found = ctypes.c_float()
        raw.FPDFFont_GetDescent(font, ctypes.c_float(size), found)
        descent = float(found.value)
    return (base, size, descent,
            a * d > 0 and b * c <= 0, _colour(obj, raw.FPDFPageObj_GetFillColor))


def _matrix(obj: Any) -> Matrix:
    found = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, found):
        return IDENTITY
    return (found.a, found.b, found.c, found.d, found.e, found.f)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """The matrix that applies `inner` and then `outer` (PDF's row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = matrix
    return (a * x + c * y + e, b * x + d * y + f)


def _colour(obj: Any, getter: Any) -> tuple[float, ...]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not getter(obj, r, g, b, a):
        return (0.0,)
    return (r.value / 255, g.value / 255, b.value / 255)


def _subpaths(obj: Any, matrix: Matrix) -> Iterator[tuple[str, list[tuple[float, float]]]]:
    """A path's pieces as pdfminer's operator strings ("mlllh") and their end points on the page."""
    ops: list[str] = []
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    beziers = 0
    for index in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, index)
        kind = raw.FPDFPathSegment_GetType(segment)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        if kind == _MOVE:
            if ops:
                yield "".join(ops), points
            ops, points, beziers = ["m"], [point], 0
        elif kind == _BEZIER:
            beziers += 1
            if beziers % 3:
                continue  # a curve's control points: pdfminer keeps only where each curve ends
            ops.append("c")
            points.append(point)
        else:
            ops.append("l")
            points.append(point)
        if raw.FPDFPathSegment_GetClose(segment) and points:
            ops.append("h")
            points.append(points[0])
    if ops:
        yield "".join(ops), points


def _shape(ops: str, points: list[tuple[float, float]]) -> tuple[str, list[tuple[float, float]]] | None:
    """What pdfminer makes of one piece of path: ("line" | "rect" | "curve", its points), or nothing."""
    if not ops.startswith("m"):
        return None
    if len(ops) > 3 and ops.endswith("lh") and points[-2] == points[0]:
        ops = ops[:-2] + "h"
        points = points[:-2] + points[-1:]
    if ops in ("mlh", "ml"):
        return "line", points[:2]
    if ops in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
        closed = points[0] == points[4]
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        return ("rect" if closed and square else "curve"), points
    return "curve", points
