"""Which kind of return a document is, from its tables."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ingest import read
from pipeline.models import Cell, DocKind, ExtractedDocument, FileType, RawTable, SourceFile
from pipeline.normalise import normalise

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("name, kind", [
    ("adult-services-commitments-q3-2007-08.docx", DocKind.COMMITMENTS_RETURN),
    ("adult-services-commitments-q3-2007-08.pdf", DocKind.COMMITMENTS_RETURN),
    ("ni-136-action-plan.docx", DocKind.INDICATOR_PLAN),
    ("ni-136-action-plan.pdf", DocKind.INDICATOR_PLAN),
])
def test_samples_are_classified_by_their_tables(name, kind):
    assert read(SAMPLES / name, Settings()).document.info.doc_type == kind


def _doc(*headers: list[str]) -> ExtractedDocument:
    tables = tuple(
        RawTable(i, 1, 1, None, 1, (tuple(Cell(t, 0, c, 1) for c, t in enumerate(h)),
                                    tuple(Cell("x", 1, c, 1) for c in range(len(h)))))
        for i, h in enumerate(headers)
    )
    return ExtractedDocument(SourceFile(Path("f.pdf"), "f.pdf", "0" * 64, 1, FileType.PDF), 1, (), tables)


def _kind(document: ExtractedDocument) -> DocKind:
    return normalise(document).info.doc_type


def test_a_kpi_table_alone_is_a_scorecard():
    assert _kind(_doc(["Ref", "Indicator", "Baseline", "Target 2024/25", "Q1"])) == DocKind.SCORECARD


def test_an_action_table_alone_is_an_action_plan():
    assert _kind(_doc(["No", "Action", "Lead Officer", "Target Date", "Progress"])) == DocKind.ACTION_PLAN


def test_tables_of_no_known_layout_are_unknown():
    assert _kind(_doc(["Ward", "Population"])) == DocKind.UNKNOWN
