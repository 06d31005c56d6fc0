"""Which kind of return a document is, from what its tables hold."""

from __future__ import annotations

from collections import Counter

from pipeline.models import DocKind, ExtractedDocument, RawTable
from pipeline.normalise.headers import HeaderMap, map_header, match_field
from pipeline.normalise.tables import row_texts


def header_of(table: RawTable) -> HeaderMap | None:
    """The table's header mapped onto a record kind, if one fits."""
    return map_header([row_texts(table, row) for row in table.rows])


def has_indicator_labels(table: RawTable) -> bool:
    """A label/value table naming an indicator's number, owner or lead partner."""
    labels = [row_texts(table, row)[0] for row in table.rows if row]
    return sum(match_field(label, "indicator", "labels") is not None for label in labels) >= 2


def classify(document: ExtractedDocument) -> DocKind:
    """commitments_return, indicator_plan, scorecard or action_plan; unknown when no table fits."""
    kinds = Counter(h.kind for h in (header_of(t) for t in document.tables) if h)
    plan_labels = any(has_indicator_labels(t) for t in document.tables)
    if kinds["commitments"] and kinds["commitments"] >= kinds["indicators"]:
        return DocKind.COMMITMENTS_RETURN
    if plan_labels or (kinds["indicators"] and (kinds["actions"] or kinds["funding"] or kinds["risks"])):
        return DocKind.INDICATOR_PLAN
    if kinds["indicators"]:
        return DocKind.SCORECARD
    if kinds["actions"]:
        return DocKind.ACTION_PLAN
    return DocKind.UNKNOWN
