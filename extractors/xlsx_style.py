"""What a reader sees in a workbook cell: its value as the number format prints it, its fill as RGB."""

from __future__ import annotations

import colorsys
import datetime
import warnings
from collections.abc import Sequence
from typing import Any

import ssf
from lxml import etree
from openpyxl.styles.colors import COLOR_INDEX
from openpyxl.utils.datetime import to_excel

_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
# Excel numbers theme colours lt1, dk1, lt2, dk2, accent1-6, hlink, folHlink, while the
# theme part lists them dk1, lt1, dk2, lt2, ...: the first two pairs are swapped.
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5",
                "accent6", "hlink", "folHlink")
# ssf is a port of SheetJS's number formatter; Babel's locale data no longer carries the key
# its locale support reads, and Excel's format codes name their own separators anyway.
_FORMATTER = ssf.SSF(locale_support=False)


def theme_colours(theme_xml: bytes | None) -> tuple[str, ...]:
    """The workbook theme's colours as "RRGGBB", in Excel's theme index order."""
    if not theme_xml:
        return ()
    try:
        root = etree.fromstring(theme_xml, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return ()
    scheme = root.find(f".//{_DRAWING}clrScheme")
    if scheme is None:
        return ()
    found: dict[str, str] = {}
    for slot in scheme:
        name = etree.QName(slot).localname
        for colour in slot:
            value = colour.get("val") if etree.QName(colour).localname == "srgbClr" else colour.get("lastClr")
            if value and len(value) == 6:
                found[name] = value.upper()
    return tuple(found.get(name, "") for name in _THEME_ORDER)


def apply_tint(rgb: str, tint: float) -> str:
    """Lighten (tint > 0) or darken (tint < 0) a colour as Excel does, on HLS lightness."""
    if not tint:
        return rgb
    red, green, blue = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    lightness = lightness * (1 + tint) if tint < 0 else lightness * (1 - tint) + tint
    out = colorsys.hls_to_rgb(hue, max(0.0, min(1.0, lightness)), saturation)
    return "".join(f"{round(v * 255):02X}" for v in out)


def resolve_colour(colour: Any, theme: Sequence[str], palette: Sequence[str] | None) -> str | None:
    """An openpyxl Color (rgb, theme or indexed, with its tint) as "#RRGGBB"; None for auto/system."""
    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    rgb: str | None = None
    if kind == "rgb" and isinstance(colour.rgb, str) and len(colour.rgb) in (6, 8):
        rgb = colour.rgb[-6:].upper()  # Excel ignores the alpha byte of a cell fill
    elif kind == "theme" and isinstance(colour.theme, int) and 0 <= colour.theme < len(theme):
        rgb = theme[colour.theme] or None
    elif kind == "indexed" and isinstance(colour.indexed, int):
        colours = palette or COLOR_INDEX
        if 0 <= colour.indexed < len(colours):  # 64 and 65 are the system colours: no fill of its own
            rgb = colours[colour.indexed][-6:].upper()
    if rgb is None:
        return None
    return "#" + apply_tint(rgb, float(getattr(colour, "tint", 0.0) or 0.0))


def cell_fill(fill: Any, theme: Sequence[str], palette: Sequence[str] | None) -> str | None:
    """The colour a patterned (usually solid) fill paints the cell; None when it has none."""
    if fill is None or getattr(fill, "fill_type", None) in (None, "none"):
        return None
    return resolve_colour(getattr(fill, "fgColor", None), theme, palette)


def display_text(value: Any, number_format: str | None, epoch: datetime.datetime) -> str:
    """The text Excel shows for a stored value under its number format.

    0.544 under "0.0%" shows "54.4%", 41072522 under "#,##0" shows "41,072,522", and a
    date (openpyxl hands back a datetime) shows as its format prints it.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, str):
        return value.strip()
    fmt = number_format or "General"
    number: float | int
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time, datetime.timedelta)):
        number = to_excel(value, epoch)
    elif isinstance(value, (int, float)):
        number = value
    else:
        return str(value).strip()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # ssf warns on a malformed format and then prints what it can
            text = _FORMATTER.format(fmt, number)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError):
        text = _FORMATTER.format("General", number) if not isinstance(value, datetime.date) else str(value)
    return str(text).strip()
