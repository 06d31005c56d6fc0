"""The frozen dataclasses that carry a document from one stage to the next."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from enum import StrEnum
from pathlib import Path


class FileType(StrEnum):
    """What a file really is, decided from its bytes."""

    DOCX = "docx"
    PDF = "pdf"
    DOC = "doc"
    ODT = "odt"
    RTF = "rtf"
    XLSX = "xlsx"
    XLS = "xls"
    ODS = "ods"
    UNKNOWN = "unknown"


class DocKind(StrEnum):
    """Which kind of return a document is (documents.doc_type)."""

    COMMITMENTS_RETURN = "commitments_return"
    INDICATOR_PLAN = "indicator_plan"
    SCORECARD = "scorecard"
    ACTION_PLAN = "action_plan"
    UNKNOWN = "unknown"


class Rag(StrEnum):
    """The contract's status vocabulary."""

    RED = "red"
    RED_AMBER = "red_amber"
    AMBER = "amber"
    AMBER_GREEN = "amber_green"
    GREEN = "green"
    BLUE = "blue"


class Severity(StrEnum):
    """How much an extraction issue matters."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class BlockKind(StrEnum):
    """A run of text outside tables."""

    TITLE = "title"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    RUNNING = "running"  # a running header or footer: read for the document's facts, never a narrative


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A file as it arrived, before anything is read from it."""

    path: Path
    original_name: str
    sha256: str
    size: int
    file_type: FileType


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with part of a document; the rest of it still loads."""

    severity: Severity
    code: str
    message: str
    page: int | None = None
    table_index: int | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """A heading or paragraph in reading order; `order` is shared with tables."""

    kind: BlockKind
    text: str
    style: str
    page: int | None
    order: int
    level: int = 0
    top: float | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """One table cell, emitted once however many grid positions it spans."""

    text: str
    row: int
    col: int
    page: int | None
    fill: str | None = None
    row_span: int = 1
    col_span: int = 1
    page_end: int | None = None
    sheet: str | None = None  # a workbook's sheet name; `page` is then the sheet's number
    address: str | None = None  # a workbook cell's address ("B12"), so a reviewer can find it in Excel

    @property
    def last_page(self) -> int | None:
        """The page the cell's text ends on."""
        return self.page_end if self.page_end is not None else self.page


@dataclass(frozen=True, slots=True)
class RawTable:
    """A logical table: pages stitched, repeated headers dropped, fragments joined."""

    index: int
    page_start: int | None
    page_end: int | None
    heading: str | None
    header_rows: int
    rows: tuple[tuple[Cell, ...], ...]
    order: int = 0
    top: float | None = None
    # the number of grid columns, counted once: the normalisers ask for it on every row
    width: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "width", max((c.col + c.col_span for row in self.rows for c in row), default=0))


@dataclass(frozen=True, slots=True)
class ExtractedDocument:
    """Everything an extractor read from one file, with provenance."""

    source: SourceFile
    pages: int | None
    blocks: tuple[Block, ...]
    tables: tuple[RawTable, ...]
    issues: tuple[Issue, ...] = ()


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a record came from in its document."""

    table_index: int | None = None
    page_start: int | None = None
    page_end: int | None = None
    row_index: int | None = None


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """The documents row, less what only the loader knows."""

    doc_type: DocKind
    title: str | None = None
    organisation: str | None = None
    service: str | None = None
    period_label: str | None = None
    financial_year: str | None = None
    quarter: int | None = None
    sources: tuple[tuple[str, str], ...] = ()
    organisation_source: str | None = None


@dataclass(frozen=True, slots=True)
class Officer:
    """One person an officer cell names, or a role with no name ("DoSCE", "Head of Procurement")."""

    name: str | None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class CommentFact:
    """A fact read from commentary: a date, period, amount, count, percentage, slippage or completion.

    `record_index` is the record's position in NormalisedDocument.records; `start` and `end`
    are character offsets into that record's `field`.
    """

    record_index: int
    field: str
    kind: str
    text: str
    value: str | None
    start: int
    end: int
    number: float | None = None
    subject: str | None = None


@dataclass(frozen=True, slots=True)
class Commitment:
    """A promise reported on with a status and commentary."""

    section: str | None
    section_code: str | None
    group_label: str | None
    ref: str | None
    priority: str | None
    commitment: str | None
    deliverable: str | None
    officers: str | None
    officer_names: tuple[str, ...]
    due: str | None
    rag: Rag | None
    rag_raw: str | None
    comment: str | None
    origin: Origin = field(default_factory=Origin)
    people: tuple[Officer, ...] = ()
    suggested_rag: Rag | None = None


@dataclass(frozen=True, slots=True)
class RagLevel:
    """One entry of a document's RAG legend; an entry with no status ("Data Only") has rag None."""

    rag: Rag | None
    label: str
    definition: str
    colour: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """Something measured in numbers per period."""

    code: str | None
    description: str | None
    unit: str | None = None
    polarity: str | None = None
    owner: str | None = None
    lead_partner: str | None = None
    data_expert: str | None = None
    reporting_frequency: str | None = None
    origin: Origin = field(default_factory=Origin)


@dataclass(frozen=True, slots=True)
class IndicatorValue:
    """One printed number: a baseline, target or actual for a period."""

    indicator_code: str | None
    kind: str
    period: str | None
    value: float | None
    value_raw: str
    rag: Rag | None = None
    direction: str | None = None
    origin: Origin = field(default_factory=Origin)
    indicator_description: str | None = None
    comment: str | None = None


@dataclass(frozen=True, slots=True)
class Action:
    """A step of an action plan."""

    indicator_code: str | None
    ref: str | None
    action: str | None
    milestone: str | None
    linked_plans: str | None
    lead_officer: str | None
    progress: str | None
    due: str | None = None
    rag: Rag | None = None
    rag_raw: str | None = None
    origin: Origin = field(default_factory=Origin)
    objective: str | None = None
    group_label: str | None = None
    people: tuple[Officer, ...] = ()
    suggested_rag: Rag | None = None


@dataclass(frozen=True, slots=True)
class FundingSource:
    """An amount named inside a funding comment, e.g. "(ABG £36,674)"."""

    source: str
    amount: float


@dataclass(frozen=True, slots=True)
class Funding:
    """A line of a funding table."""

    indicator_code: str | None
    line: str
    year: str | None
    amount: float | None
    source: str | None
    is_total: bool
    sources: tuple[FundingSource, ...] = ()
    origin: Origin = field(default_factory=Origin)


@dataclass(frozen=True, slots=True)
class Risk:
    """A risk and how it is mitigated."""

    indicator_code: str | None
    ref: str | None
    risk: str | None
    mitigation: str | None
    origin: Origin = field(default_factory=Origin)


@dataclass(frozen=True, slots=True)
class Narrative:
    """A free-text section, HTML stripped."""

    heading: str | None
    text: str
    origin: Origin = field(default_factory=Origin)


@dataclass(frozen=True, slots=True)
class TableExplanation:
    """Why a table was read as it was: the kind chosen, the runner-up, each column's field and why."""

    table_index: int
    kind: str | None
    score: float | None
    runner_up: str | None
    runner_up_score: float | None
    columns: tuple[tuple[int, str, str, str], ...]  # (col, header, field, how)
    unmapped: tuple[tuple[int, str], ...]
    records: int
    skipped_rows: tuple[int, ...] = ()
    note: str | None = None


Record = (
    Commitment | RagLevel | Indicator | IndicatorValue | Action | Funding | Risk | Narrative
)


@dataclass(frozen=True, slots=True)
class NormalisedDocument:
    """A document mapped onto the common schema."""

    info: DocumentInfo
    records: tuple[Record, ...]
    unmapped: tuple[RawTable, ...] = ()
    issues: tuple[Issue, ...] = ()
    explanations: tuple[TableExplanation, ...] = ()
    facts: tuple[CommentFact, ...] = ()

    def of(self, kind: type[Record]) -> list[Record]:
        """The records of one type, in document order."""
        return [r for r in self.records if isinstance(r, kind)]


class Status(StrEnum):
    """How a file ended."""

    LOADED = "loaded"
    DUPLICATE = "duplicate"
    QUARANTINED = "quarantined"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file."""

    path: Path
    status: Status
    document_id: int | None = None
    reason: str | None = None
    counts: tuple[tuple[str, int], ...] = ()
    code: str | None = None  # why a quarantined file was refused
    superseded: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Prepared:
    """One file read, mapped and turned into rows, or refused with a reason; nothing written yet.

    `rows` is the loader's rows_for() result (None for a refused file); `code` and `reason`
    say why a file was refused.
    """

    path: Path
    file_name: str
    sha256: str | None
    size: int | None
    file_type: str | None
    rows: dict[str, list[dict[str, Any]]] | None = None
    code: str | None = None
    reason: str | None = None

    @property
    def is_refused(self) -> bool:
        """The file cannot be loaded and is to be quarantined."""
        return self.rows is None
