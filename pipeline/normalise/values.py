"""Parsers for the values returns print: statuses, colours, periods, numbers, money, text.

Every parser returns a value or None and never raises on odd text.
"""

from __future__ import annotations

import colorsys
import html
import re
from functools import cache

import schemas
from pipeline.models import Rag

_SPACE = re.compile(r"\s+")
_BLOCK_TAG = re.compile(r"(?i)</?(p|div|ul|ol|li|br|tr|h[1-6])\b[^>]*>")
_ANY_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_BULLET = re.compile(r"\s*[•·▪]\s+")


def clean(text: str | None) -> str | None:
    """Collapse whitespace; an empty result is None."""
    if text is None:
        return None
    folded = _SPACE.sub(" ", text).strip()
    return folded or None


def strip_html(text: str) -> str:
    """Turn HTML pasted into a cell into plain text: one line per paragraph or bullet."""
    if "<" not in text and "&" not in text:
        return text
    marked = _BLOCK_TAG.sub("\n", text)
    marked = _ANY_TAG.sub("", marked)
    marked = html.unescape(marked)
    marked = _BULLET.sub("\n• ", marked)
    lines = (_SPACE.sub(" ", line).strip() for line in marked.split("\n"))
    return "\n".join(line for line in lines if line)


def clean_html(text: str | None) -> str | None:
    """Strip HTML, then collapse whitespace to one line."""
    return clean(strip_html(text)) if text is not None else None


def parse_ref(text: str | None) -> str | None:
    """A printed reference without its trailing full stop ("3." is ref 3)."""
    value = clean(text)
    return (value.rstrip(".") or None) if value else None


def fold(text: str) -> str:
    """The form headers and labels are compared in: lower case, words only."""
    text = strip_html(text).lower().replace("&", " and ")
    return _SPACE.sub(" ", re.sub(r"[^a-z0-9{}]+", " ", text)).strip()


# --- RAG -----------------------------------------------------------------------------

@cache
def _rag_words() -> dict[str, Rag]:
    words = schemas.vocabularies()["rag"]["words"]
    return {_rag_key(k): Rag(v) for k, v in words.items()}


def _rag_key(text: str) -> str:
    text = re.sub(r"\s*([/-])\s*", r" / ", text.lower().strip(" ?.:*"))
    return _SPACE.sub(" ", text).strip()


def parse_rag(text: str | None) -> Rag | None:
    """A status word ("Green", "Amber/Green", "R") as the contract's RAG, or None."""
    if not text:
        return None
    return _rag_words().get(_rag_key(text))


def parse_colour(text: str | None) -> tuple[float, float, float] | None:
    """A hex colour ("FFC000", "#00b050") as 0..1 RGB, or None ("auto", malformed)."""
    if not text:
        return None
    match = re.fullmatch(r"#?([0-9a-fA-F]{6})", text.strip())
    if not match:
        return None
    value = match.group(1)
    return (int(value[0:2], 16) / 255, int(value[2:4], 16) / 255, int(value[4:6], 16) / 255)


def rag_from_colour(colour: str | None) -> Rag | None:
    """The status a fill colour shows, judged by hue; pale, grey and white fills are none.

    Hue, not RGB distance: Office's "light green" 92D050 is nearer amber FFC000 than
    green 00B050 by RGB distance, but its hue is plainly green.
    """
    rgb = parse_colour(colour)
    if rgb is None:
        return None
    spec = schemas.vocabularies()["rag"]["colours"]
    hue, saturation, value = colorsys.rgb_to_hsv(*rgb)
    if saturation < spec["min_saturation"] or value < spec["min_value"]:
        return None
    degrees = hue * 360
    for name in ("red", "amber", "green", "blue"):
        if any(low <= degrees < high for low, high in spec[name]):
            return Rag(name)
    return None


# --- periods -------------------------------------------------------------------------

_YEAR_PAIR = re.compile(
    r"(?<![\d/])(?P<first>(?:19|20)\d{2}|\d{2}|20\d{3})\s*(?:/|-|–|to)\s*(?P<second>(?:19|20)\d{2}|\d{2})(?![\d/])"
)
_QUARTER = re.compile(r"(?i)\b(?:q|qtr|quarter)\s*(?P<n>[1-4])\b")


def parse_financial_year(text: str | None) -> str | None:
    """"2007-08", "07/08", "2007/2008", "2024 to 2025" as "2007/08"; None if absent."""
    if not text:
        return None
    for match in _YEAR_PAIR.finditer(text):
        first, second = match.group("first"), match.group("second")
        if len(first) == 5 and first.startswith("200"):  # the typo "20010/11"
            first = "20" + first[3:]
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end = int(second[-2:])
        if (start + 1) % 100 == end:
            return f"{start}/{end:02d}"
    return None


def parse_quarter(text: str | None) -> int | None:
    """"Q3", "Qtr 3", "Quarter 3" as 3."""
    if not text:
        return None
    match = _QUARTER.search(text)
    return int(match.group("n")) if match else None


def period_label(text: str | None) -> str | None:
    """The period as printed in a title: "Q3 2007-08" from "... Monitoring Q3 2007-08 - ..."."""
    if not text:
        return None
    quarter = _QUARTER.search(text)
    year = _YEAR_PAIR.search(text)
    if quarter and year and 0 <= year.start() - quarter.end() <= 3:
        return text[quarter.start():year.end()]
    if year:
        return text[year.start():year.end()]
    return None


# --- numbers and money ---------------------------------------------------------------

@cache
def _placeholders() -> frozenset[str]:
    return frozenset(schemas.vocabularies()["placeholders"]["values"])


_NUMBER = re.compile(
    r"^(?P<neg>-)?\s*£?\s*(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)\s*(?P<scale>[kKmM]|bn)?\b\s*(?P<pct>%)?"
)
_SCALES = {"k": 1_000, "m": 1_000_000, "bn": 1_000_000_000}


def is_placeholder(text: str | None) -> bool:
    """N/A, TBC, "-", blank and the like: printed, but no value."""
    return text is None or text.strip().lower().rstrip(".") in _placeholders()


def parse_number(text: str | None) -> float | None:
    """The value a reader sees: "41,072,522", "£1.2m", "54.4%", "9.5 days"; None for placeholders."""
    if is_placeholder(text):
        return None
    assert text is not None
    match = _NUMBER.match(text.strip())
    if not match:
        return None
    value = float(match.group("num").replace(",", ""))
    if match.group("scale"):
        value *= _SCALES[match.group("scale").lower()]
    return -value if match.group("neg") else value


def split_value_and_period(text: str | None) -> tuple[float | None, str | None]:
    """A baseline cell such as "2310 2006/07": the number and its financial year."""
    if not text:
        return None, None
    year = parse_financial_year(text)
    number_text = _YEAR_PAIR.sub(" ", text) if year else text
    return parse_number(number_text.strip()), year


def as_int(value: float | None) -> int | float | None:
    """Whole numbers as int, so 2310.0 is stored as 2310."""
    if value is not None and value.is_integer():
        return int(value)
    return value
