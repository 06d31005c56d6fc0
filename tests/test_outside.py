"""Records printed outside tables: a heading, "Label: value" paragraphs, then the update."""

from __future__ import annotations

from helpers import document, paragraph

from pipeline.models import BlockKind, Commitment, DocKind, Narrative
from pipeline.normalise import normalise


def _record(order: int, heading: str, status: str, update: str) -> tuple:  # type: ignore[type-arg]
    return (paragraph(heading, order, BlockKind.HEADING), paragraph("Directorate: Delivery", order + 1),
            paragraph("Due date: 31 March 2024", order + 2), paragraph(f"Status: {status}", order + 3),
            paragraph(update, order + 4))


def test_a_heading_with_labelled_paragraphs_is_a_record_read_like_a_table_row():
    blocks = (paragraph("Corporate objectives: quarter 3 2023 to 2024", 0, BlockKind.HEADING),
              paragraph("Objective details", 1, BlockKind.HEADING),
              *_record(2, "4.01.01 Increase participation in sports", "Green", "Performance remains on plan."),
              *_record(7, "4.01.04 Deliver the financial hardship action plan", "Amber", "The plan was reviewed."))
    doc = normalise(document(blocks=blocks))
    assert doc.info.doc_type is DocKind.COMMITMENTS_RETURN
    assert [(c.ref, c.commitment, c.due, c.rag, c.comment) for c in doc.of(Commitment)] == [
        ("4.01.01", "Increase participation in sports", "31 March 2024", "green", "Performance remains on plan."),
        ("4.01.04", "Deliver the financial hardship action plan", "31 March 2024", "amber", "The plan was reviewed."),
    ]
    assert not any("Performance remains" in n.text for n in doc.of(Narrative))
