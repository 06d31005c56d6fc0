"""Map a table's columns onto the fields of each record kind, from its headers and its content,
and choose the kind that fits best."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.models import RawTable
from pipeline.normalise.fields import kind_spec, match, match_field, table_kinds
from pipeline.normalise.grid import HeaderGrid, Profile, Record, header_grid, profiles, records
from pipeline.normalise.values import (
    financial_period, month_year, parse_financial_year, parse_quarter, quarter_of_months,
)

__all__ = ["Column", "HeaderMap", "TableReading", "map_header", "match_field", "read_table"]

NUMERIC_FIELDS = frozenset({"baseline", "target", "actual"})
# A column whose header names a field but whose cells plainly hold something else is re-read from its cells.
_BY_CONTENT = {
    "indicators": {"rag": "rag", "person": "owner", "direction": "direction", "polarity": "polarity",
                   "frequency": "reporting_frequency", "code_text": "code_text", "date": "period"},
    "commitments": {"rag": "rag", "person": "officers", "ref": "ref", "date": "due"},
    "actions": {"rag": "rag", "person": "lead_officer", "ref": "ref", "date": "due", "numbered": "action"},
}
_COMMENT_FIELD = {"indicators": "commentary", "commitments": "comment", "actions": "progress"}
_TEXT_TYPES = frozenset({"sentence", "text", "mixed", "code_text", "numbered"})


@dataclass(frozen=True, slots=True)
class Column:
    """One column matched to a field, with the period its header names and how it was matched."""

    col: int
    field: str
    header: str
    period: str | None = None
    quarter: int | None = None
    how: str = "synonym"
    group: str | None = None


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """How a table's columns map onto one record kind."""

    kind: str
    header_row: int
    columns: tuple[Column, ...]
    unmapped: tuple[tuple[int, str], ...]
    score: float = 0.0

    def col(self, field: str) -> int | None:
        """The first column mapped to a field, if any."""
        return next((c.col for c in self.columns if c.field == field), None)

    def all(self, field: str) -> list[Column]:
        """Every column mapped to a repeatable field (targets, quarters, years)."""
        return [c for c in self.columns if c.field == field]

    def column(self, col: int) -> Column | None:
        """The mapping of one grid column, if it is mapped."""
        return next((c for c in self.columns if c.col == col), None)


@dataclass(frozen=True, slots=True)
class TableReading:
    """A table read once: its header grid, records, column profiles and every kind's mapping."""

    table: RawTable
    grid: HeaderGrid
    records: tuple[Record, ...]
    profiles: tuple[Profile, ...]
    candidates: tuple[HeaderMap, ...]

    def best(self, bonus: dict[str, float] | None = None) -> HeaderMap | None:
        """The mapping with the highest score, a document cue's bonus added; None when no kind fits."""
        if not self.candidates:
            return None
        bonus = bonus or {}
        return max(self.candidates, key=lambda h: h.score + bonus.get(h.kind, 0.0))


def _period_of(label: str) -> tuple[str | None, int | None]:
    """The year and quarter a header names; a date in it ("Q2 performance (30 September 2013)",
    "Baseline at 31 March 2013") gives the financial year it falls in."""
    year = parse_financial_year(label)
    if year is None and (when := month_year(label)):
        year = financial_period(*when)[0]
    return year, parse_quarter(label) or quarter_of_months(label)


def map_columns(grid: HeaderGrid, found: Sequence[Profile], kind: str) -> HeaderMap | None:
    """Map every column onto a kind's fields; None unless the kind's required fields are there."""
    spec = kind_spec(kind)
    repeatable = set(spec.get("repeatable", []))
    columns: list[Column] = []
    unmapped: list[tuple[int, str]] = []
    taken: set[str] = set()
    score = 0.0
    by_content = _BY_CONTENT.get(kind, {})
    leftovers: list[int] = []
    width = max(len(grid.labels), len(found))
    for col in range(width):
        label = grid.label(col)
        profile = found[col] if col < len(found) else None
        dominant = profile.dominant if profile else "empty"
        matched = match(label, kind) if label else None
        field = matched.field if matched else None
        how = matched.how if matched else "content"
        if field and profile and profile.filled:
            if field in NUMERIC_FIELDS and profile.share("number") < 0.5 \
                    and profile.leading_numbers * 10 < profile.filled * 8:
                if dominant in by_content:
                    field = by_content[dominant]
                elif dominant in _TEXT_TYPES:
                    field = "description" if kind == "indicators" and "description" not in taken \
                        else _COMMENT_FIELD.get(kind)
                else:
                    field = None
                how = "content"
            elif field == "rag" and profile.share("rag") < 0.5 and profile.share("sentence") >= 0.5:
                field, how = _COMMENT_FIELD.get(kind), "content"
            elif field == "direction" and profile.share("rag") >= 0.5:
                field, how = "rag", "content"
            elif field in ("action", "commitment") and profile.share("rag") >= 0.5:
                field, how = "rag", "content"  # an "Action" column that says "Complete" is the status
            elif field == "direction" and profile.share("number") >= 0.5:
                field, how = "actual", "content"  # a "DOT against Q3" column that prints the figure compared
            elif field == "description" and dominant == "code_text":
                field, how = "code_text", "content"
            elif field == "description" and dominant in ("ref", "number") and "code" not in taken \
                    and kind == "indicators" and profile.share("number", "ref") == 1.0:
                # "Measure | Description" with 1, 2, 3 under Measure: the numbers are the codes
                field, how = "code", "content"
        if field is None or (field in taken and field not in repeatable):
            if field is None and (not label or not matched):
                leftovers.append(col)
                continue
            if label:
                unmapped.append((col, label))
            continue
        taken.add(field)
        period, quarter = _period_of(label)
        group = grid.groups[col] if col < len(grid.groups) else None
        columns.append(Column(col, field, label, period, quarter, how, group))
        score += (matched.score if matched and how != "content" else 0.5) if field != "ignored" else 0.1
    for col in leftovers:
        label = grid.label(col)
        profile = found[col] if col < len(found) else None
        if profile is None or not profile.filled:
            continue
        dominant = profile.dominant
        if label and dominant not in ("code_text", "ref", "numbered", "rag"):
            # a header that names no field: only content that speaks for itself maps
            unmapped.append((col, label))
            continue
        field = by_content.get(dominant)
        if dominant in ("sentence", "numbered", "code_text", "text") and field is None:
            field = "code_text" if kind == "indicators" and dominant == "code_text" else spec.get("main")
        if dominant == "numbered" and kind != "actions":
            field = spec.get("main")
        if field in ("code_text",) and ("code" in taken or "description" in taken):
            field = None
        if field is None or (field in taken and field not in repeatable):
            if label:
                unmapped.append((col, label))
            continue
        taken.add(field)
        if dominant == "numbered":
            taken.add("ref")  # each numbered text carries its own ref ("1. Agree ...")
        columns.append(Column(col, field, label, None, None, "content", None))
        score += 0.5
    main = spec.get("main")
    if main and main not in taken and kind in ("actions", "commitments") and "rag" in taken and not (
            kind == "commitments" and taken & {"priority", "deliverable"}):
        # the records' names stand in the first column of text that no header claimed
        for col, label in list(unmapped):
            profile = found[col] if col < len(found) else None
            if profile and profile.dominant in _TEXT_TYPES:
                unmapped.remove((col, label))
                columns.append(Column(col, main, label, None, None, "content", None))
                taken.add(main)
                score -= 1.0  # a guess from position: any kind that names its records does better
                break
    if kind == "actions" and "action" not in taken:
        for promote in ("objective", "milestone"):
            column = next((c for c in columns if c.field == promote), None)
            if column:
                columns[columns.index(column)] = Column(column.col, "action", column.header, None, None,
                                                        column.how, column.group)
                taken.discard(promote)
                taken.add("action")
                break
    if "code_text" in taken and "code" in taken:
        # a code column of its own ("NI 181 (Q) (Cum)"): the coded texts are descriptions
        columns = [Column(c.col, "description", c.header, c.period, c.quarter, c.how, c.group)
                   if c.field == "code_text" else c for c in columns]
        taken.discard("code_text")
        taken.add("description")
    if "code_text" in taken:
        taken.update({"code", "description"})
    required = spec["required"]
    if not all(taken.intersection(group) for group in required):
        return None
    score += len(required)
    if kind == "indicators" and not any(
            c.field in NUMERIC_FIELDS and c.col < len(found) and found[c.col].share("number") > 0 for c in columns) \
            and "code" not in taken:
        score -= 2.0  # measured in numbers: a table with no number and no code is rarely a scorecard
    return HeaderMap(kind, grid.header_rows - 1, tuple(sorted(columns, key=lambda c: c.col)),
                     tuple(sorted(unmapped)), score)


def read_table(table: RawTable, kinds: Sequence[str] | None = None) -> TableReading:
    """Read a table's header and records once, and map it onto every kind that fits."""
    grid = header_grid(table)
    rows = records(table, grid)
    found = profiles(max(table.width, len(grid.labels)), rows)
    candidates = [m for kind in (kinds or table_kinds()) if (m := map_columns(grid, found, kind))]
    return TableReading(table, grid, tuple(rows), tuple(found), tuple(candidates))


def map_header(rows: Sequence[Sequence[str]]) -> HeaderMap | None:
    """The best mapping of a table given as rows of texts (the first rows may be its header)."""
    from pipeline.models import Cell

    cells = tuple(tuple(Cell(text, r, c, None) for c, text in enumerate(row)) for r, row in enumerate(rows))
    table = RawTable(0, None, None, None, 0, cells)
    return read_table(table).best()
