"""Match printed column headers to schema fields through the synonyms in schemas/headers.toml."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import schemas
from pipeline.normalise.values import fold, parse_financial_year, parse_quarter

REPEATABLE = frozenset({"target", "actual", "year", "ignored"})
_PLACEHOLDER_PATTERNS = {
    re.escape("{period}"): r"(?:\d{2}|\d{4}|\d{5}) (?:to )?\d{2,4}",
    re.escape("{n}"): r"[1-4]",
}


@dataclass(frozen=True, slots=True)
class Column:
    """One header cell matched to a field, with the period its header names."""

    col: int
    field: str
    header: str
    period: str | None = None
    quarter: int | None = None


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """How a table's columns map onto one record kind."""

    kind: str
    header_row: int
    columns: tuple[Column, ...]
    unmapped: tuple[tuple[int, str], ...]

    def col(self, field: str) -> int | None:
        """The first column mapped to a field, if any."""
        return next((c.col for c in self.columns if c.field == field), None)

    def all(self, field: str) -> list[Column]:
        """Every column mapped to a repeatable field (targets, quarters, years)."""
        return [c for c in self.columns if c.field == field]


def _compile(synonym: str) -> re.Pattern[str]:
    pattern = re.escape(fold(synonym))
    for placeholder, replacement in _PLACEHOLDER_PATTERNS.items():
        pattern = pattern.replace(placeholder, replacement)
    return re.compile(rf"^{pattern}(?: .*)?$")


@cache
def _synonyms(section: str, kind: str) -> tuple[tuple[str, int, re.Pattern[str]], ...]:
    fields = schemas.headers()[section][kind]
    if section == "tables":
        fields = fields["fields"]
    found = [
        (field, len(fold(synonym)), _compile(synonym))
        for field, synonyms in fields.items()
        for synonym in synonyms
    ]
    return tuple(sorted(found, key=lambda item: -item[1]))


def table_kinds() -> list[str]:
    """The record kinds a table can map onto, in the order they are tried."""
    return list(schemas.headers()["tables"])


def match_field(text: str, kind: str, section: str = "tables") -> str | None:
    """The field a header (or label) names for a kind, longest synonym first."""
    folded = fold(text)
    if not folded:
        return None
    for field, _length, pattern in _synonyms(section, kind):
        if pattern.match(folded):
            return field
    return None


def map_row(texts: Sequence[str], kind: str, row: int = 0) -> HeaderMap | None:
    """Map one row of header texts onto a kind; None unless the kind's required fields are there."""
    columns: list[Column] = []
    unmapped: list[tuple[int, str]] = []
    taken: set[str] = set()
    for col, text in enumerate(texts):
        field = match_field(text, kind) if text.strip() else None
        if field is None or (field in taken and field not in REPEATABLE):
            if text.strip():
                unmapped.append((col, text))
            continue
        taken.add(field)
        columns.append(
            Column(col, field, text, parse_financial_year(text), parse_quarter(text))
        )
    required = schemas.headers()["tables"][kind]["required"]
    if not all(taken.intersection(group) for group in required):
        return None
    return HeaderMap(kind, row, tuple(columns), tuple(unmapped))


def map_header(rows: Sequence[Sequence[str]], look: int = 3) -> HeaderMap | None:
    """The best header among a table's first rows, over every kind."""
    best: HeaderMap | None = None
    for index, texts in enumerate(rows[:look]):
        for kind in table_kinds():
            found = map_row(texts, kind, index)
            if found and (best is None or len(found.columns) > len(best.columns)):
                best = found
        if best:
            return best
    return best
