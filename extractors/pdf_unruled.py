"""PDF tables that ruling lines do not make: columns from how words align, rows from rules or gaps.

Councils export tables with horizontal rules only, a ruled header over unruled rows, or no
lines at all (real-dev 07, 13, 17), and borderless tables with shaded cells fool pdfplumber's
lines strategy into a table of the shaded cells alone (real-dev 09). Here a table is a run
of lines, most split into segments by wide gaps; the gaps that no segment crosses are the
column boundaries. Rows are bounded by horizontal rules where there are any, else a new row
starts after a gap wider than the lines of a cell leave, or where the first column starts
new text after a typed break. A cell's wrapped lines are joined into one text.
"""

from __future__ import annotations

import bisect
import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.pdf_layout import TextLine, Word, group_lines, is_bullet, is_wrap, join_lines

Box = tuple[float, float, float, float]


@dataclass(frozen=True, slots=True)
class UnruledSettings:
    """Tolerances for finding a table from word alignment (points, or shares of the font size)."""

    segment_gap: float = 4.5  # at least this wide, and ...
    segment_gap_ratio: float = 0.6  # ... this share of the font size, a gap separates columns
    end_gap_ratio: float = 1.2  # a gap this many font sizes tall, with no rule in it, ends a table
    row_gap_extra: float = 1.8  # a gap this much taller than a cell's line spacing starts a row
    min_multi_lines: int = 2  # lines with two or more segments a table needs
    paragraph_share: float = 0.5  # a one-segment line this share of the text's width is running text
    cell_padding: float = 2.0
    margin_guess: float = 10.0  # points from a column's text limit to where its cell ends

    def __post_init__(self) -> None:
        if self.segment_gap <= 0 or self.segment_gap_ratio <= 0 or self.end_gap_ratio <= 0:
            raise ValueError("gaps must be positive")
        if self.min_multi_lines < 2:
            raise ValueError("a table needs at least two lines of several segments")


DEFAULTS = UnruledSettings()


@dataclass(frozen=True, slots=True)
class FoundCell:
    """A cell of a table found from alignment: its grid place, box, text and boldness."""

    col: int
    col_span: int
    box: Box
    text: str
    bold: bool
    row_span: int = 1


@dataclass(frozen=True, slots=True)
class FoundTable:
    """A table found from alignment, row by row, with its column boundaries."""

    bbox: Box
    x_edges: tuple[float, ...]
    rows: tuple[tuple[FoundCell, ...], ...]


def segments(line: TextLine, tuning: UnruledSettings = DEFAULTS) -> list[tuple[Word, ...]]:
    """A line's words split where the gap between two is wider than spacing between words.

    A list glyph opening the line is left out: the gap after a bullet is an indent, not a column.
    """
    words = line.words[1:] if len(line.words) > 1 and is_bullet(line.words[0]) else line.words
    parts: list[list[Word]] = [[words[0]]]
    for before, word in zip(words, words[1:]):
        gap = word.x0 - before.x1
        if gap >= max(tuning.segment_gap, tuning.segment_gap_ratio * word.size):
            parts.append([word])
        else:
            parts[-1].append(word)
    return [tuple(p) for p in parts]


def find_tables(lines: Sequence[TextLine], rules: Sequence[tuple[float, float, float]],
                tuning: UnruledSettings = DEFAULTS) -> tuple[list[FoundTable], list[TextLine]]:
    """Tables found among a page's lines outside ruled tables, and the lines left as text.

    `rules` are horizontal lines as (y, x0, x1).
    """
    tables: list[FoundTable] = []
    leftover: list[TextLine] = []
    run: list[TextLine] = []
    # by height, so a line finds the rules near it by bisection; a rule at no height meets no line
    rules = sorted((r for r in rules if not math.isnan(r[0])), key=lambda r: r[0])
    heights = [y for y, _, _ in rules]

    def close() -> None:
        found = _table(run, rules, tuning) if run else None
        if found is None:
            leftover.extend(run)
        else:
            tables.append(found)
        run.clear()

    ordered = sorted(lines, key=lambda l: l.top)
    width = max((l.x1 for l in ordered), default=0.0) - min((l.x0 for l in ordered), default=0.0)
    for line in ordered:
        multi = len(segments(line, tuning)) >= 2
        if not multi and line.x1 - line.x0 >= tuning.paragraph_share * width and \
                not _ruled_around(line, rules, heights) and not _wraps_a_cell(line, run, tuning):
            close()  # a line of running text across the page: no table row, unless rules box it in
            leftover.append(line)
            continue
        if not run:
            if multi:
                run.append(line)
            else:
                leftover.append(line)
            continue
        previous = run[-1]
        gap = line.top - previous.bottom
        # a rule carries a table on over a wide gap only when the line starts right under it, as a
        # ruled row does; a table's bottom border with a heading some way below ends the table
        ruled = any(line.top - y <= 0.5 * line.size
                    for y, _, _ in _between(rules, heights, previous.bottom - 1, line.top + 1))
        if gap > tuning.end_gap_ratio * max(line.size, previous.size) and not ruled:
            close()
            if multi:
                run.append(line)
            else:
                leftover.append(line)
            continue
        run.append(line)
    close()
    return tables, sorted(leftover, key=lambda l: l.top)


def _between(rules: Sequence[tuple[float, float, float]], heights: Sequence[float], low: float,
             high: float) -> list[tuple[float, float, float]]:
    """The rules from height `low` to `high`, in order, of rules sorted by height (`heights` their heights)."""
    near = rules[bisect.bisect_left(heights, low):bisect.bisect_right(heights, high)]
    return [rule for rule in near if low <= rule[0] <= high]


def _wraps_a_cell(line: TextLine, run: Sequence[TextLine], tuning: UnruledSettings) -> bool:
    """A wide line of one segment that is a cell's next line: it starts where a later column of
    the rows above starts, and ends within them (a long description wrapping in its column)."""
    recent = run[-12:]  # enough rows back to reach one of several segments past a long wrapped cell
    right = max((l.x1 for l in recent), default=0.0)
    starts = {round(seg[0].x0) for l in recent for seg in segments(l, tuning)[1:]}
    return bool(recent) and line.x1 <= right + tuning.cell_padding and \
        any(abs(line.x0 - start) <= tuning.cell_padding for start in starts)


def _ruled_around(line: TextLine, rules: Sequence[tuple[float, float, float]], heights: Sequence[float]) -> bool:
    """A rule just above and another just below: a row of a ruled table spanning its width."""
    reach = 1.5 * line.size
    above = bool(_between(rules, heights, line.top - reach, line.top + 1))
    below = bool(_between(rules, heights, line.bottom - 1, line.bottom + reach))
    return above and below


def _columns(lines: Sequence[TextLine], tuning: UnruledSettings) -> list[float]:
    """Column starts: where the projection of multi-segment lines' segments leaves gaps."""
    spans = sorted((seg[0].x0, seg[-1].x1) for line in lines for seg in segments(line, tuning)
                   if len(segments(line, tuning)) >= 2)
    merged: list[list[float]] = []
    for x0, x1 in spans:
        if merged and x0 < merged[-1][1] + tuning.segment_gap / 2:
            merged[-1][1] = max(merged[-1][1], x1)
        else:
            merged.append([x0, x1])
    return [m[0] for m in merged]


def _col_of(x: float, starts: Sequence[float]) -> int:
    found = 0
    for index, start in enumerate(starts):
        if x >= start - 1.0:
            found = index
    return found


def _table(run: Sequence[TextLine], rules: Sequence[tuple[float, float, float]],
           tuning: UnruledSettings) -> FoundTable | None:
    """A table from a run of lines, `rules` sorted by height; None unless the lines align in columns."""
    multi = [l for l in run if len(segments(l, tuning)) >= 2]
    if len(multi) < tuning.min_multi_lines:
        return None
    starts = _columns(run, tuning)
    if len(starts) < 2:
        return None
    left = min(l.x0 for l in run)
    right = max(l.x1 for l in run)
    top, bottom = run[0].top, run[-1].bottom
    # a rule across at least half the table bounds rows; where it stops short of a column, that
    # column's cell is merged down over the row (a vertically merged cell: real-dev 07)
    inner = [(y, x0, x1) for y, x0, x1 in rules
             if top < y < bottom and min(x1, right) - max(x0, left) >= 0.5 * (right - left)]
    inner_heights = [y for y, _, _ in inner]  # in order, as the rules are
    inner_rules = sorted(inner_heights)
    rows = _rows(run, starts, inner_rules, tuning)
    ends = [s - tuning.cell_padding for s in starts[1:]] + [right + tuning.cell_padding]
    x_edges = tuple([starts[0] - tuning.cell_padding] + ends)
    # how far text reaches in each column: the right limit a wrapped line fills, whatever the
    # cell margins (Word's default 0.19 cm, the corpus's 0.1 cm)
    limits = list(ends)
    reach: dict[int, float] = {}
    for line in run:
        for word in line.words:
            col = _col_of(word.x0, starts)
            reach[col] = max(reach.get(col, 0.0), word.x1)
    for col, x1 in reach.items():
        # at least as far as text reaches; Word's default margins leave about 12 points between
        # a column's text and the next column's
        limits[col] = min(ends[col], max(x1 + 0.5, ends[col] - tuning.margin_guess))
    out_rows: list[list[FoundCell]] = []
    for row_lines, (row_top, row_bottom) in rows:
        cells = _cells(row_lines, starts, ends, limits, row_top, row_bottom, tuning)
        first = row_lines[0]
        above = _between(inner, inner_heights, first.top - 2 * first.size, first.top + 1) if out_rows else []
        if above:
            _, x0, x1 = max(above)  # the rule nearest above the row
            cells = _merge_down(out_rows, cells, (x0, x1))
        out_rows.append(cells)
    bbox = (x_edges[0], top - tuning.cell_padding, x_edges[-1], bottom + tuning.cell_padding)
    return FoundTable(bbox, x_edges, tuple(tuple(r) for r in out_rows))


def _merge_down(rows: list[list[FoundCell]], cells: list[FoundCell], rule: tuple[float, float]) -> list[FoundCell]:
    """Cells under no part of the rule above them continue the cell above in their column."""
    kept = []
    for cell in cells:
        middle = (cell.box[0] + cell.box[2]) / 2
        if rule[0] - 1 <= middle <= rule[1] + 1:
            kept.append(cell)
            continue
        for earlier in reversed(rows):
            above = next((c for c in earlier if c.col == cell.col), None)
            if above is None:
                continue
            index = earlier.index(above)
            text = f"{above.text}\n{cell.text}" if above.text and cell.text else above.text or cell.text
            box = (above.box[0], above.box[1], above.box[2], cell.box[3])
            earlier[index] = FoundCell(above.col, above.col_span, box, text, above.bold, above.row_span + 1)
            break
        else:
            kept.append(cell)
    return kept


def _rows(run: Sequence[TextLine], starts: Sequence[float], rules: Sequence[float],
          tuning: UnruledSettings) -> list[tuple[list[TextLine], tuple[float, float]]]:
    gaps = [b.top - a.bottom for a, b in zip(run, run[1:])]
    # the spacing of lines inside a cell: the smaller half of the gaps between lines; columns
    # aligned differently interleave their lines, and those overlaps say nothing of spacing
    positive = sorted(g for g in gaps if g > 0)
    usual = statistics.median(positive[: max(1, len(positive) // 2)]) if positive else 0.0
    # rules between most rows (horizontal-rules-only tables) bound every row; a single rule under
    # a header leaves the body's rows to be found from gaps and the first column
    rows_ruled = len(rules) >= 2
    rows: list[list[TextLine]] = [[run[0]]]
    for previous, line in zip(run, run[1:]):
        # a rule across a row's first line is that row's own top border, drawn through its ascenders
        low, high = rows[-1][0].top + 0.5 * line.size, line.top + 1
        ruled = low < high and bisect.bisect_right(rules, low) < bisect.bisect_right(rules, high)
        if rows_ruled:
            starts_row = ruled
        else:
            wide = line.top - previous.bottom > usual + tuning.row_gap_extra
            first_col = any(_col_of(w.x0, starts) == 0 for w in line.words)
            earlier_first = any(_col_of(w.x0, starts) == 0 for l in rows[-1] for w in l.words)
            typed = first_col and earlier_first and not _continues_first_column(rows[-1], line, starts)
            starts_row = ruled or wide or typed
        if starts_row:
            rows.append([line])
        else:
            rows[-1].append(line)
    out = []
    for row in rows:
        out.append((row, (row[0].top - tuning.cell_padding, row[-1].bottom + tuning.cell_padding)))
    return out


def _continues_first_column(row: Sequence[TextLine], line: TextLine, starts: Sequence[float]) -> bool:
    """Whether the first column's text on `line` is the wrap of its text on the row's lines above."""
    right = starts[1] - 2 if len(starts) > 1 else line.x1
    before = [l for l in row if any(_col_of(w.x0, starts) == 0 for w in l.words)]
    if not before:
        return False
    last = TextLine(tuple(w for w in before[-1].words if _col_of(w.x0, starts) == 0))
    now = TextLine(tuple(w for w in line.words if _col_of(w.x0, starts) == 0))
    return is_wrap(last, now, right) or now.words[0].text[:1].islower()


def _cells(lines: Sequence[TextLine], starts: Sequence[float], ends: Sequence[float], limits: Sequence[float],
           top: float, bottom: float, tuning: UnruledSettings) -> list[FoundCell]:
    """One cell per column (empty ones too), a segment that crosses columns as one spanning cell."""
    by_col: dict[int, list[Word]] = {}
    spans: dict[int, int] = {}
    for line in lines:
        for seg in segments(line, tuning):
            first = _col_of(seg[0].x0, starts)
            last = _col_of(seg[-1].x1 - 1.0, starts)
            last = max(first, min(last, len(starts) - 1))
            if last > first and not any(_col_of(w.x0, starts) != first for w in seg[1:]):
                last = first  # the segment's words all start in one column: it only overhangs
            by_col.setdefault(first, []).extend(seg)
            spans[first] = max(spans.get(first, 1), last - first + 1)
    cells = []
    col = 0
    while col < len(starts):
        span = spans.get(col, 1)
        words = by_col.get(col, [])
        end = ends[min(len(ends) - 1, col + span - 1)]
        text = join_lines(group_lines(words), limits[min(len(limits) - 1, col + span - 1)]) if words else ""
        box = (starts[col] - tuning.cell_padding, top, end, bottom)
        cells.append(FoundCell(col, span, box, text, bool(words) and all(w.bold for w in words)))
        col += span
    return cells
