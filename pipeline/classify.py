"""Which kind of return a document is, from the records its tables gave and the words of its title."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from pipeline.models import Action, Commitment, DocKind, Indicator, IndicatorValue, Record

# The table kind each document kind is mostly made of, for a document cue's bonus to a table's reading.
TABLE_KIND = {
    DocKind.COMMITMENTS_RETURN: "commitments",
    DocKind.ACTION_PLAN: "actions",
    DocKind.SCORECARD: "indicators",
    DocKind.INDICATOR_PLAN: "indicators",
}


def cue(cues: Counter[str]) -> DocKind | None:
    """The document kind the title and first paragraphs name most, if one does."""
    ranked = cues.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return DocKind(ranked[0][0])


def kind_of(records: Sequence[Record], plan_labels: bool, cues: Counter[str]) -> DocKind:
    """commitments_return, indicator_plan, scorecard or action_plan; unknown when nothing mapped.

    A plan's header key-values make an indicator plan. Otherwise the kinds of record present
    decide, and where several are present, or indicators come without a single value (a list of
    indicators with progress notes), the document's own words ("Action Tracker", "LAA") decide.
    """
    if plan_labels:
        return DocKind.INDICATOR_PLAN
    counts = {
        DocKind.COMMITMENTS_RETURN: sum(isinstance(r, Commitment) for r in records),
        DocKind.ACTION_PLAN: sum(isinstance(r, Action) for r in records),
        DocKind.SCORECARD: sum(isinstance(r, Indicator) for r in records),
    }
    present = {kind for kind, n in counts.items() if n}
    if not present:
        return DocKind.UNKNOWN
    named = cue(cues)
    has_values = any(isinstance(r, IndicatorValue) and r.value is not None for r in records)
    if named is DocKind.INDICATOR_PLAN and DocKind.SCORECARD in present:
        return DocKind.INDICATOR_PLAN
    if named in present:
        assert named is not None
        return named
    if present == {DocKind.SCORECARD} and not has_values and named is DocKind.ACTION_PLAN:
        return DocKind.INDICATOR_PLAN
    return max(present, key=lambda kind: counts[kind])
