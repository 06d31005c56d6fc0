"""The document's own facts (title, organisation, service, period) from wherever its first pages print them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import schemas
from pipeline.models import Block, BlockKind, DocKind, RawTable
from pipeline.normalise.values import (
    clean, financial_period, month_year, parse_financial_year, parse_quarter, period_label,
)

EARLY_BLOCKS = 15
TITLE_MAX_CHARS = 120
_AS_AT = re.compile(r"(?i)\b(?:as at|as of|at|period to|period ending|quarter ending|ending|to end[- ])\s*"
                    r"(?P<date>(?:\d{1,2}(?:st|nd|rd|th)?\s+)?[a-z]{3,9}\.?(?:\s+(?:19|20)\d{2})?)")
_QUARTER_WORD = re.compile(r"(?i)\b(?:q|qtr|quarter)\s*(?P<n>[1-4]|one|two|three|four)\b")


@dataclass(frozen=True, slots=True)
class Facts:
    """What the document says of itself, with where each fact was found."""

    title: str | None
    organisation: str | None
    service: str | None
    period_label: str | None
    financial_year: str | None
    quarter: int | None
    sources: tuple[tuple[str, str], ...]


def early_texts(blocks: Sequence[Block], tables: Sequence[RawTable]) -> list[tuple[str, str, int]]:
    """The texts of the first pages with where they stand and a weight: title 3, heading 2, paragraph 1,
    a form cell 1."""
    out: list[tuple[str, str, int]] = []
    for block in sorted(blocks, key=lambda b: b.order)[:EARLY_BLOCKS]:
        weight = {BlockKind.TITLE: 3, BlockKind.HEADING: 2}.get(block.kind, 1)
        where = "running header or footer" if block.kind is BlockKind.RUNNING else block.kind.value
        out.append((block.text, f"{where} {block.text[:50]!r}", weight))
    return out


def _form_quarter(tables: Sequence[RawTable]) -> tuple[int | None, str | None]:
    """A form cell "Quarter" with its value beside it ("Quarter | 4")."""
    for table in tables[:2]:
        for row in table.rows:
            cells = sorted(row, key=lambda c: c.col)
            for label, value in zip(cells, cells[1:]):
                if re.fullmatch(r"(?i)\s*(quarter|qtr)\s*:?\s*", label.text) and re.fullmatch(r"\s*[1-4]\s*", value.text):
                    return int(value.text.strip()), f"form cell {label.text.strip()!r}"
    return None, None


@cache
def _organisation_pattern() -> re.Pattern[str]:
    spec = schemas.vocabularies()["organisations"]
    suffixes = "|".join(re.escape(s).replace(r"\ ", r"\s+") for s in sorted(spec["suffixes"], key=len, reverse=True))
    word = r"[A-Z][\w'’&.-]*"
    name = rf"{word}(?:\s+(?:of|and|upon|on|the|&)?\s*{word})*?"
    return re.compile(rf"(?P<name>{name})\s+(?P<suffix>{suffixes})\b")


def organisation_in(text: str) -> str | None:
    """An organisation named in a text: "Maidstone Borough Council", "Oxfordshire PCT", "BLACKPOOL COUNCIL"."""
    spec = schemas.vocabularies()["organisations"]
    value = clean(text) or ""
    if value.isupper():
        words = value.split()
        for suffix in sorted(spec["suffixes"], key=len, reverse=True):
            if value.lower().endswith(suffix.lower()) and len(words) <= 10:
                return value
        return None
    for found in _organisation_pattern().finditer(value):
        words = found.group("name").split()
        while words and words[0] in spec["not_names"]:
            words = words[1:]
        if words:
            return clean(" ".join(words) + " " + found.group("suffix"))
    return None


def _year_votes(texts: Sequence[tuple[str, str, int]]) -> Counter[str]:
    votes: Counter[str] = Counter()
    for text, _, weight in texts:
        for year in _years_in(text):
            votes[year] += weight
    return votes


def _years_in(text: str) -> list[str]:
    found = []
    for match in re.finditer(r"(?:19|20)\d{2,3}\s*(?:/|-|–|to)\s*\d{2,4}|\b\d{2}\s*/\s*\d{2}\b", text):
        year = parse_financial_year(match.group(0))
        if year:
            found.append(year)
    dated = _AS_AT.search(text)
    if dated and (when := month_year(dated.group("date"))):
        found.append(financial_period(*when)[0])
    return found


def _winner(votes: Counter[str]) -> str | None:
    ranked = votes.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]


def document_facts(blocks: Sequence[Block], tables: Sequence[RawTable], kind: DocKind) -> Facts:
    """Title, organisation, service and period from the title, headings, first paragraphs and form cells."""
    sources: list[tuple[str, str]] = []
    texts = early_texts(blocks, tables)
    title = _title(blocks)
    if title:
        sources.append(("title", "the title" if any(b.kind is BlockKind.TITLE for b in blocks) else "the first heading"))
    label = None
    year = None
    quarter = None
    for text, where, _ in ([(title, "the title", 3)] if title else []) + texts:
        found = period_label(text)
        if found and parse_quarter(found) and parse_financial_year(found):
            label, year, quarter = found, parse_financial_year(found), parse_quarter(found)
            sources.append(("period", where))
            break
    if year is None and kind is not DocKind.INDICATOR_PLAN:
        votes = _year_votes(texts)
        year = _winner(votes)
        if year is None:
            headers: Counter[str] = Counter()
            for table in tables:
                for row in table.rows[:max(1, table.header_rows)]:
                    for cell in row:
                        for found_year in _years_in(cell.text):
                            headers[found_year] += 1
            # a scorecard's history runs up to the year it reports: the latest year its headers print
            year = max(headers) if headers else None
            if year:
                sources.append(("financial_year", "the latest year printed in table headers"))
        elif year:
            sources.append(("financial_year", "the first paragraphs"))
    if quarter is None:
        for text, where, _ in texts:
            found_quarter = _QUARTER_WORD.search(text)
            if found_quarter:
                quarter = parse_quarter(found_quarter.group(0))
                sources.append(("quarter", where))
                break
            dated = _AS_AT.search(text)
            if dated and (when := month_year(dated.group("date"))) and re.search(r"(?i)\bas at|quarter", text):
                quarter = financial_period(*when)[1]
                sources.append(("quarter", where))
                break
    if quarter is None:
        quarter, where_found = _form_quarter(tables)
        if where_found:
            sources.append(("quarter", where_found))
    if year is None or quarter is None:
        # a month and year printed on the first page ("February 2007 Update", "9th FEBRUARY 2017") dates
        # the return: its financial year, and its quarter when a title or heading prints it
        for text, where, weight in ([(title, "the title", 3)] if title else []) + texts:
            when = month_year(text)
            if when:
                fy, fq = financial_period(*when)
                if year is None:
                    year = fy
                    sources.append(("financial_year", where))
                if quarter is None and weight >= 2:
                    quarter = fq
                    sources.append(("quarter", where))
                break
    if label is None and title:
        label = period_label(title)
    organisation = None
    for text, where, _ in texts:
        organisation = organisation_in(text)
        if organisation:
            sources.append(("organisation", where))
            break
    service = None
    if title and label and label in title:
        after = title[title.index(label) + len(label):]
        service = clean(re.sub(r"^\s*[-–—:]\s*", "", after))
    return Facts(title, organisation, service, label, year, quarter, tuple(sources))


def _title(blocks: Sequence[Block]) -> str | None:
    """The Title block, else the first heading, else a short first paragraph."""
    for wanted in (BlockKind.TITLE, BlockKind.HEADING):
        found = next((b.text for b in blocks if b.kind is wanted), None)
        if found:
            return clean(found)
    first = next((b for b in sorted(blocks, key=lambda b: b.order) if b.kind is BlockKind.PARAGRAPH), None)
    if first and len(first.text) <= TITLE_MAX_CHARS:
        return clean(first.text)
    return None


def cue_kinds(blocks: Sequence[Block]) -> Counter[str]:
    """Which document kinds the title and first paragraphs name ("Action Tracker", "Scorecard")."""
    votes: Counter[str] = Counter()
    for text, _, weight in early_texts(blocks, ()):
        lowered = text.lower()
        for kind, pattern in _cue_patterns().items():
            if pattern.search(lowered):
                votes[kind] += weight
    return votes


@cache
def _cue_patterns() -> dict[str, re.Pattern[str]]:
    """Each document kind's cue words as one pattern: any of them starting at a word boundary."""
    return {kind: re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + ")")
            for kind, words in schemas.vocabularies()["cues"].items() if words}
