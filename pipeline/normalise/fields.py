"""Match printed column headers and labels to schema fields, on words, through schemas/headers.toml."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

from rapidfuzz import fuzz

import schemas
from pipeline.normalise.values import (
    MONTH_PATTERN, QUARTER_PATTERN, YEAR_PAIR_PATTERN, strip_html,
)

_PLURAL_S = re.compile(r"\(s\)", re.IGNORECASE)
_ASIDE = re.compile(r"\([^)]*\)?|<i>.*?(?:</i>|$)", re.IGNORECASE | re.DOTALL)
_PLACEHOLDERS = (
    (re.compile(YEAR_PAIR_PATTERN), " {period} "),
    (re.compile(QUARTER_PATTERN, re.IGNORECASE), " {quarter} "),
    (re.compile(MONTH_PATTERN, re.IGNORECASE), " {month} "),
)
_KEEP_S = ("ss", "us", "is", "ys")


def singular(word: str) -> str:
    """A word's singular form, by the plain English rules headers need ("activities", "targets")."""
    if len(word) <= 3 or word.startswith("{"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(_KEEP_S):
        return word[:-1]
    return word


def words(text: str, asides: bool = False) -> tuple[str, ...]:
    """A header as the words it is matched on; periods become {period}, {quarter}, {month}."""
    text = strip_html(text)
    text = _PLURAL_S.sub("s", text)
    if not asides:
        stripped = _ASIDE.sub(" ", text)
        text = stripped if re.search(r"\w", stripped) else text
    for pattern, token in _PLACEHOLDERS:
        text = pattern.sub(token, text)
    text = text.lower().replace("&", " and ")
    found = re.findall(r"\{[a-z]+\}|[a-z0-9]+", text)
    return tuple(singular(w) for w in found)


@dataclass(frozen=True, slots=True)
class Match:
    """A header matched to a field, with why."""

    field: str
    synonym: str
    how: str  # "synonym" or "fuzzy"
    score: float


@cache
def _synonyms(section: str, kind: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    spec: dict[str, Any] = schemas.headers()[section][kind]
    fields = spec["fields"] if section == "tables" else spec
    return tuple(
        (field, synonym, words(synonym))
        for field, synonyms in fields.items()
        for synonym in synonyms
    )


def _find(needle: tuple[str, ...], hay: tuple[str, ...], fuzzy: float | None) -> int | None:
    """The position where needle's words stand side by side in hay, or None."""
    size = len(needle)
    for start in range(len(hay) - size + 1):
        window = hay[start:start + size]
        if window == needle:
            return start
        if fuzzy is not None and all(
            a == b or (len(a) >= 5 and fuzz.ratio(a, b) >= fuzzy) for a, b in zip(window, needle)
        ):
            return start
    return None


def _head(hay: tuple[str, ...]) -> int:
    """The position of the header's head word: the last word before "of"/"for", else the last word."""
    content = [i for i, w in enumerate(hay) if not w.startswith("{")]
    if not content:
        return len(hay) - 1
    for i in content:
        if hay[i] in ("of", "for") and i > 0:
            return i - 1
    return content[-1]


@lru_cache(maxsize=1 << 14)  # every table is tried against every kind, and headers repeat from return to return
def match(text: str, kind: str, section: str = "tables") -> Match | None:
    """The field a header (or label) names for a kind: longest synonym first, then the head word."""
    hay = words(text)
    if not hay:
        return None
    threshold = float(schemas.headers()["fuzzy_threshold"])
    best: tuple[tuple[float, int, int, int], Match] | None = None
    head = _head(hay)
    spec = schemas.headers()[section][kind] if section == "tables" else {}
    precedence = set(spec.get("precedence", []))
    for fuzzy in (None, threshold):
        for field, synonym, needle in _synonyms(section, kind):
            at = _find(needle, hay, fuzzy)
            if at is None:
                continue
            end = at + len(needle) - 1
            covers_head = int(at <= head <= end)
            literal = sum(not w.startswith("{") for w in needle)
            rank = (float(literal + 0.5 * (len(needle) - literal)), int(field in precedence), covers_head, -at)
            if best is None or rank > best[0]:
                best = (rank, Match(field, synonym, "fuzzy" if fuzzy else "synonym", rank[0]))
        if best:
            return best[1]
    return None


def match_field(text: str, kind: str, section: str = "tables") -> str | None:
    """The name of the field a header names for a kind, or None."""
    found = match(text, kind, section)
    return found.field if found else None


def table_kinds() -> list[str]:
    """The record kinds a table can map onto."""
    return list(schemas.headers()["tables"])


def kind_spec(kind: str) -> dict[str, Any]:
    """A table kind's required groups, repeatable fields, content types and main field."""
    spec: dict[str, Any] = schemas.headers()["tables"][kind]
    return spec
