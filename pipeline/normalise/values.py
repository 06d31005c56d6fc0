"""Parsers for the values returns print: statuses, colours, periods, numbers, money, text.

Every parser returns a value or None and never raises on odd text.
"""

from __future__ import annotations

import colorsys
import html
import re
from functools import cache, lru_cache

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
    folded = " ".join(text.split())  # str.split and re's \s take the same characters as whitespace
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
    """A status word ("Green", "Amber/Green", "R", "Red (currently not met)") as the contract's RAG, or None."""
    if not text:
        return None
    found = _rag_words().get(_rag_key(text))
    if found is None and "(" in text:
        found = _rag_words().get(_rag_key(re.sub(r"\s*\(.*$", "", text, flags=re.DOTALL)))
    return found


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
    assert colour is not None
    named = schemas.vocabularies()["rag"].get("named", {})
    key = colour.strip().lstrip("#").upper()
    if key in named:
        return Rag(named[key])
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

YEAR_PAIR_PATTERN = (
    r"(?<![\d/.])(?P<first>(?:19|20)\d{2}|\d{2}|20\d{3})\s*(?:/|-|–|to)\s*(?P<second>(?:19|20)\d{2}|\d{2})(?![\d/.])"
)
QUARTER_PATTERN = r"\b(?:q|qtr|quarter)\s*(?P<n>[1-4]|one|two|three|four)\b"
_QUARTER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
MONTH_PATTERN = (
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
_YEAR_PAIR = re.compile(YEAR_PAIR_PATTERN)
_QUARTER = re.compile(QUARTER_PATTERN, re.IGNORECASE)


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
    if not match:
        return None
    number = match.group("n").lower()
    return _QUARTER_WORDS.get(number) or int(number)


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
    """N/A, TBC, "-", blank and the like: printed, but no value ("New measure for 2014/15" too)."""
    return True if text is None else _is_placeholder(text)


@lru_cache(maxsize=1 << 16)  # a table's cells repeat their statuses, codes and blanks row after row
def _is_placeholder(text: str) -> bool:
    key = _SPACE.sub(" ", text.strip().lower().rstrip("."))
    return key in _placeholders() or any(
        key.startswith(p + " ") and not key[len(p):].strip()[:1].isdigit() for p in _leading_placeholders())


@cache
def _leading_placeholders() -> tuple[str, ...]:
    """The placeholders that also mark a cell they begin ("new measure for 2014/15")."""
    return tuple(p for p in sorted(_placeholders()) if len(p) >= 3)


@lru_cache(maxsize=1 << 16)  # a scorecard prints the same targets and blanks row after row
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


# --- direction, polarity, dates ------------------------------------------------------

def _phrase_key(text: str) -> str:
    return _SPACE.sub(" ", re.sub(r"[^\w↑↓→▲▼►éêè]+", " ", text.lower())).strip()


@cache
def _phrases(section: str) -> dict[str, str]:
    spec = schemas.vocabularies()[section]
    return {_phrase_key(word): name for name, words in spec.items() for word in words}


def parse_direction(text: str | None) -> str | None:
    """"Getting worse", "Up", "↓", "Performance has improved" as improved / sustained / declined."""
    if not text:
        return None
    return _phrases("direction").get(_phrase_key(text))


def parse_polarity(text: str | None) -> str | None:
    """"Good is Low", "Aim to minimise", "Higher is better" as lower / higher."""
    if not text:
        return None
    key = _phrase_key(text)
    found = _phrases("polarity").get(key)
    if found:
        return found
    low, high = r"(low|lower|smaller|minimi[sz]e|down)", r"(high|higher|bigger|larger|maximi[sz]e|up)"
    good = r"(good|better|best)"
    if re.search(rf"\b{low}\b.*\b{good}\b|\b{good}\b.*\b{low}\b", key):
        return "lower"
    if re.search(rf"\b{high}\b.*\b{good}\b|\b{good}\b.*\b{high}\b", key):
        return "higher"
    return None


def is_frequency(text: str | None) -> bool:
    """"Quarterly", "Annual", "M": a reporting frequency."""
    if not text:
        return False
    words = {w.lower() for w in schemas.vocabularies()["frequency"]["words"]}
    return text.strip().lower().rstrip(".") in words


_MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
    ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
    ("dec", "december")), start=1) for name in names}
_MONTH_YEAR = re.compile(
    r"(?i)\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>[a-z]{3,9})\.?\s+(?P<year>(?:19|20)\d{2})\b")


def month_year(text: str | None) -> tuple[int, int] | None:
    """The first calendar month and year printed ("31st December 2010", "Jan 2024") as (year, month)."""
    if not text:
        return None
    for found in _MONTH_YEAR.finditer(text):
        month = _MONTHS.get(found.group("month").lower())
        if month:
            return int(found.group("year")), month
    return None


def financial_period(year: int, month: int) -> tuple[str, int]:
    """The financial year (April to March) and quarter a calendar month falls in."""
    start = year if month >= 4 else year - 1
    quarter = (month - 4) % 12 // 3 + 1
    return f"{start}/{(start + 1) % 100:02d}", quarter


def is_month_label(text: str | None) -> bool:
    """"Apr", "May", "Jan 2024": a month column or a month period."""
    if not text:
        return False
    return bool(re.fullmatch(r"(?i)\s*[a-z]{3,9}\.?(?:\s+(?:(?:19|20)\d{2}|'?\d{2}))?\s*", text)) and \
        text.strip().split()[0].lower().rstrip(".") in _MONTHS


_QUARTER_MONTHS = re.compile(
    r"(?i)\b(?P<first>apr(?:il)?|jul(?:y)?|oct(?:ober)?|jan(?:uary)?)\s*(?:-|–|to)\s*"
    r"(?P<last>jun(?:e)?|sep(?:t(?:ember)?)?|dec(?:ember)?|mar(?:ch)?)\b")
_QUARTER_OF = {"apr": 1, "jul": 2, "oct": 3, "jan": 4}
_QUARTER_END = {1: "jun", 2: "sep", 3: "dec", 4: "mar"}


def quarter_of_months(text: str | None) -> int | None:
    """The financial quarter a three-month range names ("Apr-Jun" is Q1, "Jan to Mar" Q4)."""
    if not text:
        return None
    found = _QUARTER_MONTHS.search(text)
    if not found:
        return None
    quarter = _QUARTER_OF[found.group("first")[:3].lower()]
    return quarter if found.group("last")[:3].lower() == _QUARTER_END[quarter] else None
