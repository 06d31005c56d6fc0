"""A table read as a reader reads it: header labels composed down the grid, records with merged cells
carried down, label rows folded into the record above, and what each column holds."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

import schemas
from pipeline.models import Cell, RawTable
from pipeline.normalise.fields import match, table_kinds
from pipeline.normalise.values import (
    MONTH_PATTERN, YEAR_PAIR_PATTERN, clean, is_frequency, is_month_label, is_placeholder, month_year, parse_direction, parse_financial_year,
    parse_number, parse_polarity, parse_quarter, parse_rag, rag_from_colour,
)

BANNER_MAX_CHARS = 80
HEADER_LOOK = 3


@dataclass(frozen=True, slots=True)
class HeaderGrid:
    """Each grid column's header, composed from every header row above it."""

    header_rows: int
    labels: tuple[str, ...]
    groups: tuple[str | None, ...]
    caption: str | None = None
    follow: tuple[tuple[int, int, str], ...] = ()

    def label(self, col: int) -> str:
        """The composed header of a column ("" past the header's width)."""
        return self.labels[col] if col < len(self.labels) else ""


@dataclass(slots=True)
class Record:
    """One logical row: its cells by grid column (merged cells carried down) and folded label rows."""

    index: int
    cells: dict[int, Cell]
    own: frozenset[int]
    extras: list[tuple[str, Cell]] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)
    group: str | None = None

    def text(self, col: int | None) -> str:
        """The text at a grid column ("" where there is none)."""
        if col is None:
            return ""
        cell = self.cells.get(col)
        return cell.text if cell else ""

    def cell(self, col: int | None) -> Cell | None:
        """The cell at a grid column, if any."""
        return self.cells.get(col) if col is not None else None

    def fill(self, col: int | None) -> str | None:
        """The fill colour of the cell at a grid column, if any."""
        cell = self.cell(col)
        return cell.fill if cell else None

    @property
    def all_cells(self) -> list[Cell]:
        """Every cell of the record, folded rows included."""
        return [*self.cells.values(), *(cell for _, cell in self.extras)]


def _filled(row: Sequence[Cell]) -> list[Cell]:
    return [c for c in row if c.text.strip()]


def is_banner(table: RawTable, row: Sequence[Cell]) -> bool:
    """A caption or group row: one cell across the table, or a short label alone in the first column."""
    filled = _filled(row)
    if len(filled) != 1 or table.width < 2:
        return False
    only = filled[0]
    wide = only.col_span >= max(2, table.width - 1)
    return wide or (only.col == 0 and len(only.text) <= BANNER_MAX_CHARS and len(row) > 1
                    and parse_number(only.text) is None)


def _is_header_cell(text: str) -> bool:
    folded = clean(text) or ""
    if not folded:
        return False
    if parse_financial_year(folded) or parse_quarter(folded) or is_month_label(folded):
        return len(folded) <= 30
    return len(folded) <= 80 and any(match(folded, kind) for kind in table_kinds())


def _looks_like_header(table: RawTable, row: Sequence[Cell]) -> bool:
    filled = _filled(row)
    if len(filled) < 2:
        return False
    numbers = sum(parse_number(c.text) is not None and not parse_financial_year(c.text) for c in filled)
    headers = sum(_is_header_cell(c.text) for c in filled)
    return numbers == 0 and headers * 2 >= len(filled)


def _is_shaded_header(row: Sequence[Cell], below: Sequence[Sequence[Cell]]) -> bool:
    """A first row shaded all alike, over rows that are not: a header styled rather than flagged."""
    fills = {c.fill for c in row}
    if len(fills) != 1 or None in fills or not below or not _filled(row):
        return False
    fill = next(iter(fills))
    return rag_from_colour(fill) is None and all(c.fill != fill for c in below[0])


def header_grid(table: RawTable) -> HeaderGrid:
    """The table's header rows (flagged by the document, else found), composed column by column."""
    rows = table.rows
    width = table.width
    count = table.header_rows
    if count == 0:
        for index, row in enumerate(rows[:HEADER_LOOK]):
            if is_banner(table, row) and index + 1 < len(rows) and not (
                    index == 0 and _is_shaded_header(row, rows[1:2]) and _filled(row)[0].col_span == 1):
                continue
            if _looks_like_header(table, row) or _is_shaded_header(row, rows[index + 1:index + 2]):
                count = index + 1
            break
        # a caption above a header that the document did not flag
    caption: str | None = None
    parts: list[list[str]] = [[] for _ in range(width)]
    groups: list[str | None] = [None] * width
    follow: list[tuple[int, int, str]] = []
    for index, row in enumerate(rows[:count]):
        row_follow = [c for c in row if c.col_span >= 2 and c.text.strip()
                      and len({" ".join(parts[i]) for i in range(c.col, min(width, c.col + c.col_span))
                               if parts[i]}) >= 2]
        if row_follow:
            # a second header line that names the second row of each record ("Q3 Comment" under eight
            # columns): records fold that row in, the labels above stay whole
            follow.extend((c.col, c.col_span, clean(c.text) or "") for c in row_follow)
            continue
        if is_banner(table, row) and (_filled(row)[0].col_span >= max(2, width - 1) or index < count - 1):
            caption = caption or clean(_filled(row)[0].text)
            continue
        for cell in row:
            text = clean(cell.text)
            if not text:
                continue
            for col in range(cell.col, min(width, cell.col + cell.col_span)):
                if text not in parts[col]:
                    parts[col].append(text)
                if cell.col_span > 1:
                    groups[col] = text
    labels = tuple(" ".join(p) for p in parts)
    return HeaderGrid(count, labels, tuple(groups), caption, tuple(follow))


def _is_spanning_note(row: Sequence[Cell], grid: HeaderGrid) -> bool:
    """A row whose text stands in a cell spread over three or more differently headed columns."""
    filled = _filled(row)
    if len(filled) > 2:
        return False
    for cell in filled:
        labels = {grid.label(c) for c in range(cell.col, cell.col + cell.col_span) if grid.label(c)}
        if cell.col_span >= 3 and len(labels) >= 3 and not is_placeholder(cell.text) and len(cell.text.split()) >= 4:
            return True
    return False


def _is_label_row(row: Sequence[Cell]) -> bool:
    """A row of "Label: value" pairs under a record ("Time Frame: | 31 March 2007 | Lead Officer | ...")."""
    filled = sorted(_filled(row), key=lambda c: c.col)
    if len(filled) < 2 or len(filled) % 2:
        return False
    labels = filled[0::2]
    return all(
        len(c.text) <= 40 and (c.text.rstrip().endswith(":") or c.fill is not None)
        and any(match(c.text, kind) for kind in table_kinds())
        for c in labels
    )


def _repeats_header(filled: Sequence[Cell], grid: HeaderGrid) -> bool:
    """A row (its filled cells) that prints the table's header again: four in five of them its labels."""
    if len(filled) < 2:
        return False
    misses_allowed = len(filled) - -(-len(filled) * 4 // 5)
    for cell in filled:
        text, label = _key(cell.text), _key(grid.label(cell.col))
        if not (text and (text == label or len(text) >= 3 and (label.startswith(text + " ")
                                                                or label.endswith(" " + text)))):
            misses_allowed -= 1
            if misses_allowed < 0:
                return False
    return True


_NOT_KEY = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return _NOT_KEY.sub(" ", text.lower()).strip()


def records(table: RawTable, grid: HeaderGrid) -> list[Record]:
    """The table's logical records below its header; banners give the group of the records under them."""
    carried: dict[int, tuple[Cell, int]] = {}
    # Word says how far a merged cell reaches down (row_span); a PDF prints it once and leaves the
    # grid positions below it empty of any cell, so there an absent cell is the merged one above.
    spans_known = any(c.row_span > 1 for row in table.rows for c in row)
    above: dict[int, Cell] = {}
    out: list[Record] = []
    group: str | None = grid.caption
    follow_layout = {(col, span) for col, span, _ in grid.follow}
    follow_label = {col: label for col, _, label in grid.follow}
    for index in range(grid.header_rows, len(table.rows)):
        row = table.rows[index]
        own = {c.col: c for c in row}
        cells = dict(own)
        filled = _filled(row)
        banner = is_banner(table, row)
        repeats = not banner and _repeats_header(filled, grid)
        for col, (cell, last) in list(carried.items()):
            if index <= last and col not in own:
                cells[col] = cell
        if not spans_known and filled and not banner:
            for col, cell in above.items():
                if col not in cells and not any(c.col <= col < c.col + c.col_span for c in row):
                    cells[col] = cell
        for cell in row:
            if cell.row_span > 1:
                for col in range(cell.col, cell.col + cell.col_span):
                    carried[col] = (cell, index + cell.row_span - 1)
        if banner or repeats:
            above = {}
        if out and follow_layout and any((c.col, c.col_span) in follow_layout for c in filled):
            previous = out[-1]
            for cell in row:
                if cell.text.strip():
                    previous.extras.append((follow_label.get(cell.col, ""), cell))
            previous.rows.append(index)
            continue
        if banner:
            group = clean(" ".join(c.text for c in row))
            continue
        if not filled and not any(c.fill for c in row):
            continue
        if repeats:
            # each objective printing its own header: the block under it is a new section
            continue
        if out and _is_spanning_note(row, grid):
            # a row of wide cells under a record ("Low is good" | a note across the value columns)
            previous = out[-1]
            for cell in row:
                if cell.text.strip():
                    previous.extras.append(("", cell))
            previous.rows.append(index)
            continue
        if out and _is_label_row(row):
            previous = out[-1]
            pairs = sorted(filled, key=lambda c: c.col)
            for label, value in zip(pairs[0::2], pairs[1::2]):
                previous.extras.append((label.text.strip().rstrip(":"), value))
            previous.rows.append(index)
            continue
        out.append(Record(index, cells, frozenset(own), rows=[index], group=group))
        above = dict(cells)
    return out


# --- what a column holds ------------------------------------------------------------------

_REF = re.compile(r"^(?:[A-Z]{1,4}\s?)?\d+(?:[.\-]\d+)*(?:[a-z]|[.\-][A-Za-z]{1,3})?(?:\([a-z0-9]{1,3}\))?\.?$")
_MONTH_WORD = re.compile(MONTH_PATTERN, re.IGNORECASE)
_NOTE = re.compile(r"(?:\s*\([^)]*\))+\s*$")
_YEARS = re.compile(YEAR_PAIR_PATTERN)
_PLAIN_NUMBER = re.compile(r"^[-–]?\s*[£$€]?\s*(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?\s*(?:%|[kKmM]|bn)?"
                           r"(?:\s*[a-zA-Z]{1,12}\.?)?\s*[*<>]?$")
_NUMBERED = re.compile(r"^(?P<ref>\d{1,3}(?:\.\d{1,3})*(?:\([a-z0-9]{1,3}\))?|\([a-z0-9]{1,3}\)|[a-z]\))[.):]?\s+(?P<rest>\S.*)$",
                       re.DOTALL)
_DATE = re.compile(r"(?i)\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{2}-\d{2}-\d{2}\b")
_PERSON_TOKEN = re.compile(r"^(?:[A-Z][a-zA-Z'’.-]*|[A-Z]{2,}(?:[-/][A-Za-z]+)*|[A-Z][a-z]*[A-Z][A-Za-z]*|"
                           r"and|&|/|of|de|van|von)$")


@cache
def _code_regex() -> re.Pattern[str]:
    codes = schemas.vocabularies()["codes"]
    shapes = "|".join(f"(?:{p})" for p in [*codes["patterns"], *codes["local_patterns"]])
    return re.compile(rf"^(?P<code>{shapes})\b[\s:.\-–]*(?P<rest>\S.*)?$", re.DOTALL)


def split_code(text: str | None) -> tuple[str | None, str | None]:
    """A code at the start of a text ("NI 192 Percentage of ...", "LVE 009 Overall ...") and the rest."""
    value = clean(text)
    if not value:
        return None, None
    found = _code_regex().match(value)
    if not found:
        return None, value
    return clean(found.group("code")), clean(found.group("rest"))


def split_numbered(text: str | None) -> tuple[str | None, str | None]:
    """A numbered text ("1. Agree ...", "1(a) The Council ...") as its number and the rest."""
    value = clean(text)
    if not value:
        return None, None
    found = _NUMBERED.match(value)
    if not found:
        return None, value
    return found.group("ref"), clean(found.group("rest"))


_PERIOD_LABEL = re.compile(r"(?i)^\s*(?:(?:q|qtr|quarter)\s*[1-4]\s*)?(?:(?:19|20)\d{2}|\d{2})\s*(?:/|-|–|to)\s*"
                           r"(?:(?:19|20)\d{2}|\d{2})(?:\s*(?:q|qtr|quarter)\s*[1-4])?\s*$")


def is_period_label(text: str) -> bool:
    """A cell that is only a period: "2018/19", "2017-18", "Q1 2010/11", "2024 to 2025"."""
    return bool(_PERIOD_LABEL.match(text)) and parse_financial_year(text) is not None


def is_date(text: str) -> bool:
    """A printed date or month ("10.05.2023", "30 Sept", "August 2008", "March 03")."""
    value = clean(text) or ""
    if len(value.split()) > 5 or not value:
        return False
    found = _DATE.search(value)
    if found and len(value[:found.start()].split()) + len(value[found.end():].split()) <= 2:
        return True
    if month_year(value):
        return True
    return bool(_MONTH_WORD.search(value)) and len(value) <= 30 and \
        not re.search(r"[a-z]{3,}\s+[a-z]{3,}\s+[a-z]{3,}", value.lower())


def is_person(text: str) -> bool:
    """Names, initials and role codes: "Jerry Smith", "MW/YO", "G Currie/S WoodTownend", "DoSCE"."""
    value = clean(text) or ""
    if not value or len(value) > 60 or re.search(r"\d", value) or parse_rag(value) or is_frequency(value):
        return False
    tokens = re.findall(r"[^\s/&,]+|/|&", value)
    return 0 < len(tokens) <= 8 and all(_PERSON_TOKEN.match(t) for t in tokens)


def cell_type(cell: Cell | None) -> str:
    """What one cell holds: empty, placeholder, number, rag, direction, polarity, frequency, date, person,
    ref, code_text, numbered, sentence or text."""
    return "empty" if cell is None else _content_type(cell.text, cell.fill)


@lru_cache(maxsize=1 << 16)  # statuses, codes and blanks come back row after row
def _content_type(raw: str, fill: str | None) -> str:
    text = clean(raw) or ""
    if not text:
        return "rag" if rag_from_colour(fill) else "empty"
    if is_placeholder(text):
        return "placeholder"
    if is_period_label(text):
        return "period"
    if parse_rag(text):
        return "rag"
    if parse_direction(text):
        return "direction"
    if parse_polarity(text):
        return "polarity"
    if is_frequency(text):
        return "frequency"
    if _MONTH_WORD.search(_NOTE.sub("", text)) and is_date(text):
        return "date"
    # "54.5 (2005-2007 ave)", "28.9% (to Feb 11)", "2310 2006/07": a number with a note or its year
    bare = _YEARS.sub("", _NOTE.sub("", text)).strip()
    if parse_number(text) is not None and _PLAIN_NUMBER.match(bare) and not _DATE.search(bare):
        if _REF.match(text) and (re.search(r"\d\.\d+\.", text) or re.search(r"\d\([a-z0-9]{1,3}\)$", text)):
            return "ref"
        return "number"
    if is_date(text):
        return "date"
    if split_code(text)[0] and len(text.split()) >= 3:
        return "code_text"
    if _REF.match(text) and len(text) <= 12:
        return "ref"
    if split_numbered(text)[0] and len(text.split()) >= 3:
        return "numbered"
    if is_person(text):
        return "person"
    return "sentence" if len(text.split()) >= 5 else "text"


@dataclass(frozen=True, slots=True)
class Profile:
    """What a column's cells hold, over the table's records."""

    col: int
    counts: tuple[tuple[str, int], ...]
    filled: int
    leading_numbers: int = 0

    @property
    def dominant(self) -> str:
        """The type of most of the column's non-empty cells ("empty" when it has none)."""
        counts = dict(self.counts)
        if not self.filled:
            return "empty"
        best, count = max(((t, n) for t, n in counts.items() if t not in ("empty", "placeholder")),
                          key=lambda item: item[1], default=("placeholder", 0))
        return best if count * 10 >= self.filled * 5 else "mixed"

    def share(self, *kinds: str) -> float:
        """The share of non-empty cells of these types."""
        if not self.filled:
            return 0.0
        counts = dict(self.counts)
        return sum(counts.get(k, 0) for k in kinds) / self.filled


def profiles(width: int, rows: Sequence[Record]) -> list[Profile]:
    """A profile of every grid column over the records."""
    out = []
    for col in range(width):
        counts = Counter(cell_type(r.cells.get(col)) if col in r.own or col in r.cells else "empty" for r in rows)
        filled = sum(n for t, n in counts.items() if t not in ("empty", "placeholder"))
        leading = sum(1 for r in rows if (cell := r.cells.get(col)) is not None and not is_placeholder(cell.text)
                      and parse_number(cell.text) is not None)
        out.append(Profile(col, tuple(sorted(counts.items())), filled, leading))
    return out


def is_form(table: RawTable) -> bool:
    """A form, not a data table: most rows start with a shaded label cell, and no row is a header
    ("Service (s) | Corporate overview", "Quarter | 4 | Date of meeting | ...")."""
    if table.header_rows or len(table.rows) < 2:
        return False
    labelled = 0
    for row in table.rows:
        cells = sorted(_filled(row), key=lambda c: c.col)
        if not cells:
            continue
        first = cells[0]
        shaded_all = all(c.fill and not rag_from_colour(c.fill) for c in cells)
        if first.col == 0 and first.fill and not rag_from_colour(first.fill) and len(first.text) <= 120 \
                and not (shaded_all and len(cells) > 2):
            labelled += 1
    return labelled >= 2 and labelled * 3 >= len(table.rows) * 2
