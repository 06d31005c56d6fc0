"""Join a table that Word or LibreOffice continued on the next page back into one table.

No general extractor does this (pdfplumber #922, docling #2976). Two table parts join when
the first is the last thing on its page, the second is the first thing on the next page,
and their column edges agree. Header rows repeated at the top of the next page are dropped,
and a row that broke across the page, leaving a fragment whose short key cells (officer,
status, ref) are empty, is joined onto the row it continues, keeping both pages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.models import Block, BlockKind, Cell, Issue, RawTable, Severity

Box = tuple[float, float, float, float]
EDGE_TOLERANCE = 3.0
KEY_CELL_MAX_CHARS = 60
FULL_PAGE_SLACK = 15.0  # points: about one line of 10pt text
FOOT_SHARE = 0.25  # a continued table ends within this share of the page height of its foot
_NUMBER = re.compile(r"[£$-]?\s?\d[\d,]*(?:\.\d+)?\s?[%kKmM]?")


@dataclass(frozen=True, slots=True)
class PageTable:
    """A table as found on one page, before stitching."""

    page: int
    bbox: Box
    x_edges: tuple[float, ...]
    rows: tuple[tuple[Cell, ...], ...]
    page_height: float
    bold_rows: int = 0  # leading rows printed in bold: a header, when no page repeats it


def _folded(row: Sequence[Cell]) -> tuple[str, ...]:
    return tuple(re.sub(r"\s+", " ", c.text).strip().lower() for c in row)


@dataclass(frozen=True, slots=True)
class _TextReach:
    """How high and how low the text outside tables reaches on each page (a block's top, 0 if unknown)."""

    highest: dict[int, float]
    lowest: dict[int, float]


def _text_reach(blocks: Sequence[Block]) -> _TextReach:
    highest: dict[int, float] = {}
    lowest: dict[int, float] = {}
    for block in blocks:
        top = block.top or 0
        if block.page is None or math.isnan(top):
            continue  # on no page, or at no height: it stands neither above nor below a table
        highest[block.page] = min(top, highest.get(block.page, top))
        lowest[block.page] = max(top, lowest.get(block.page, top))
    return _TextReach(highest, lowest)


def continues(first: PageTable, second: PageTable, blocks: Sequence[Block]) -> bool:
    """Whether `second` carries on `first`: consecutive pages, same column edges, the first
    ending near its page foot with no text below it, the second with no text above it."""
    return _continues(first, second, _text_reach(blocks))


def _continues(first: PageTable, second: PageTable, reach: _TextReach) -> bool:
    if second.page != first.page + 1 or len(first.x_edges) != len(second.x_edges):
        return False
    if any(abs(a - b) > EDGE_TOLERANCE for a, b in zip(first.x_edges, second.x_edges)):
        return False
    if first.page_height - first.bbox[3] - second.bbox[1] > FOOT_SHARE * first.page_height:
        return False  # the first part ends well above its page foot: the table ended there
    text_below = first.page in reach.lowest and reach.lowest[first.page] > first.bbox[3]
    text_above = second.page in reach.highest and reach.highest[second.page] < second.bbox[1]
    return not text_below and not text_above and not _own_header(first, second)


def _own_header(first: PageTable, second: PageTable) -> bool:
    """Whether `second` opens with a bold header of its own, worded unlike the header of `first`.

    A continued table repeats its header word for word or carries straight on with its rows;
    a new table on the next page has its own header ("Lead Department/Service/Outcome" under
    "Lead Dept/Service/Outcome": real-dev 19).
    """
    if not (first.bold_rows and second.bold_rows and first.rows and second.rows):
        return False
    return _folded(first.rows[0]) != _folded(second.rows[0])


def _ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ":"))


def is_fragment(previous: Sequence[Cell], row: Sequence[Cell], page_full: bool = False) -> bool:
    """A row that is the rest of `previous`, broken by the page.

    It adds no text where `previous` had none, and either
    - its short key cells (officer, status, ref: what a new row would fill) are all empty and
      its text reads on (it starts in lower case, or the cell it continues does not end a
      sentence); or
    - the page before was full to its bottom margin, so the row had to break: then no whole
      number may stand under a whole number, and the row must leave empty a cell `previous`
      filled, or continue only cells that end mid-sentence (ni-136-action-plan.pdf breaks
      "PAF / C31" and "5.3 / 2007/08" that way).
    """
    if len(previous) != len(row) or not any(c.text for c in row):
        return False
    by_col = {c.col: c for c in previous}
    if any(c.text and not by_col.get(c.col, c).text for c in row):
        return False
    continued = [(by_col[c.col].text, c.text) for c in row if c.text and c.col in by_col]
    keys = {c.col for c in previous if c.text and len(c.text) <= KEY_CELL_MAX_CHARS and "\n" not in c.text}
    if keys and not any(c.text for c in row if c.col in keys):
        return any(after[0].islower() or not _ends_sentence(before) for before, after in continued)
    if not page_full:
        return False
    if any(_NUMBER.fullmatch(before.strip()) and _NUMBER.fullmatch(after.strip()) for before, after in continued):
        return False
    leaves_gap = any(by_col[c.col].text and not c.text for c in row if c.col in by_col)
    unfinished = all(not _ends_sentence(before) for before, _ in continued)
    long_cells = [(b, a) for b, a in continued if len(b) > KEY_CELL_MAX_CHARS or "\n" in b] or continued
    reads_on = any(after[0].islower() or not _ends_sentence(before) for before, after in long_cells)
    return (leaves_gap and reads_on) or unfinished


def _join(previous: tuple[Cell, ...], fragment: tuple[Cell, ...]) -> tuple[Cell, ...]:
    joined = []
    for before, after in zip(previous, fragment):
        if after.text:
            joined.append(replace(before, text=f"{before.text}\n{after.text}", page_end=after.page))
        else:
            joined.append(before)
    return tuple(joined)


def _page_full(first: PageTable, second: PageTable) -> bool:
    """Whether `first` reaches the bottom margin, taken as equal to the top margin of `second`."""
    gap = first.page_height - first.bbox[3] - second.bbox[1]
    return gap <= FULL_PAGE_SLACK


def _renumber(rows: Sequence[tuple[Cell, ...]]) -> tuple[tuple[Cell, ...], ...]:
    return tuple(tuple(replace(c, row=i) for c in row) for i, row in enumerate(rows))


def stitch(parts: Sequence[PageTable], blocks: Sequence[Block]) -> tuple[list[RawTable], list[Issue]]:
    """Logical tables from page tables, in reading order, numbered, with their headings."""
    groups: list[list[PageTable]] = []
    reach = _text_reach(blocks)
    for part in sorted(parts, key=lambda p: (p.page, p.bbox[1])):
        if groups and _continues(groups[-1][-1], part, reach):
            groups[-1].append(part)
        else:
            groups.append([part])
    tables: list[RawTable] = []
    issues: list[Issue] = []
    headings = _headings_before(blocks, [(group[0].page, group[0].bbox[1]) for group in groups])
    for index, group in enumerate(groups):
        rows = list(group[0].rows)
        header_rows = 0
        for previous_part, part in zip(group, group[1:]):
            following = list(part.rows)
            repeated = 0
            while repeated < len(following) and repeated < len(rows) and \
                    _folded(following[repeated]) == _folded(rows[repeated]):
                repeated += 1
            header_rows = max(header_rows, repeated)
            following = following[repeated:]
            if following and rows and is_fragment(rows[-1], following[0], _page_full(previous_part, part)):
                rows[-1] = _join(rows[-1], following.pop(0))
                issues.append(Issue(
                    Severity.INFO, "row_joined_across_pages",
                    f"table {index + 1}: a row that broke across pages {part.page - 1} and {part.page} "
                    "was joined into one",
                    part.page, index,
                ))
            rows.extend(following)
        first = group[0]
        if not header_rows:  # no page repeated a header: take the bold rows at its top
            header_rows = first.bold_rows
        tables.append(RawTable(index, first.page, group[-1].page, headings[index], header_rows, _renumber(rows),
                               top=first.bbox[1]))
    return tables, issues


def _headings_before(blocks: Sequence[Block], places: Sequence[tuple[int, float]]) -> list[str | None]:
    """The last heading among the blocks up to the first that stands past each place (page, top).

    The places come in reading order, as the tables they start do, so they share one walk over
    the blocks: each place's walk goes on from where the one before it stopped.
    """
    found: list[str | None] = []
    heading = None
    index = 0
    for place in places:
        while index < len(blocks) and not (blocks[index].page or 0, blocks[index].top or 0) > place:
            if blocks[index].kind is not BlockKind.PARAGRAPH:
                heading = blocks[index].text
            index += 1
        found.append(heading)
    return found
