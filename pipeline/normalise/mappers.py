"""One shape for every table mapper, registered by table kind as the extractors are by file type."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from pipeline.models import Cell, Issue, Rag, RagLevel, Record, Severity
from pipeline.normalise.grid import Record as Row
from pipeline.normalise.headers import HeaderMap, TableReading
from pipeline.normalise.values import clean, fold, parse_rag, rag_from_colour


@dataclass(frozen=True, slots=True)
class DocContext:
    """What a mapper knows of the document: its period, headline indicator, legend and current group."""

    financial_year: str | None = None
    quarter: int | None = None
    headline: str | None = None
    legend: tuple[RagLevel, ...] = ()
    group: str | None = None

    @property
    def period(self) -> str | None:
        """The document's reporting period in the contract's vocabulary ("2010/11 Q3", or the year)."""
        if self.financial_year and self.quarter:
            return f"{self.financial_year} Q{self.quarter}"
        return self.financial_year


@dataclass(frozen=True, slots=True)
class Mapped:
    """What a mapper made of one table: records, issues, and the group label in force at its end."""

    records: tuple[Record, ...] = ()
    issues: tuple[Issue, ...] = ()
    group: str | None = None
    skipped: tuple[int, ...] = field(default=())


Mapper = Callable[[TableReading, HeaderMap, DocContext], Mapped]
_MAPPERS: dict[str, Mapper] = {}


def mapper(kind: str) -> Callable[[Mapper], Mapper]:
    """Register a function as the mapper of one table kind."""
    def register(function: Mapper) -> Mapper:
        _MAPPERS[kind] = function
        return function
    return register


def mapper_for(kind: str) -> Mapper:
    """The mapper registered for a table kind; a kind with none is a programming error, named."""
    try:
        return _MAPPERS[kind]
    except KeyError:
        raise LookupError(f"no mapper is registered for table kind {kind!r}; "
                          f"registered: {', '.join(sorted(_MAPPERS))}") from None


def registered() -> list[str]:
    """The table kinds that have a mapper."""
    return sorted(_MAPPERS)


# --- helpers every mapper uses ------------------------------------------------------------

def rag_of(cell: Cell | None, legend: tuple[RagLevel, ...], where: str, page: int | None,
           table_index: int) -> tuple[Rag | None, str | None, list[Issue]]:
    """The status from the cell's word (or the legend's word for it), else its fill; the raw word or colour."""
    if cell is None:
        return None, None, []
    word = clean(cell.text)
    by_word = parse_rag(word) or _legend_word(word, legend)
    by_fill = _legend_colour(cell.fill, legend) or rag_from_colour(cell.fill)
    issues = []
    if word and by_word is None and len(word.split()) <= 4:
        issues.append(Issue(Severity.WARNING, "unknown_rag", f"{where}: status {word!r} is not a known RAG word",
                            page, table_index))
    if by_word and by_fill and by_word != by_fill:
        issues.append(Issue(Severity.WARNING, "rag_mismatch",
                            f"{where}: the cell says {word!r} but is coloured {cell.fill} ({by_fill})",
                            page, table_index))
    if word and by_word:
        return by_word, word, issues
    if by_fill:
        return by_fill, cell.fill, issues
    return None, word, issues


def _legend_word(word: str | None, legend: tuple[RagLevel, ...]) -> Rag | None:
    if not word:
        return None
    key = fold(word)
    return next((level.rag for level in legend if level.rag and key in (fold(level.definition), fold(level.label))),
                None)


def _legend_colour(colour: str | None, legend: tuple[RagLevel, ...]) -> Rag | None:
    if not colour:
        return None
    return next((level.rag for level in legend if level.colour and level.colour.lower() == colour.lower()), None)


def extra(row: Row, kind: str, field_name: str) -> str | None:
    """The text a folded label row gives a field ("Time Frame: 31 March 2007" gives due)."""
    from pipeline.normalise.fields import match_field

    for label, cell in row.extras:
        if label and match_field(label, kind) == field_name and cell.text.strip():
            return cell.text
    return None
