"""The pdfium engine against the pdfplumber reference: the same records from every PDF we hold.

Every PDF in samples/ and the shared corpus is read with both engines; the rows each would
load (commitments, indicators, ..., and every table cell with its page and fill colour)
must be equal field by field.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from extractors.pdf_pdfium import PdfiumDocument
from pipeline.config import Settings
from pipeline.ingest import read
from pipeline.loader import rows_for

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "real-dev"
PDFS = sorted((ROOT / "samples").rglob("*.pdf")) + sorted(CORPUS.glob("*.pdf"))


CHARS_ON_PAGE_1 = 3_120  # as pdfplumber counts them, spaces included


def _rows(path: Path, engine: str) -> dict[str, list[dict[str, object]]]:
    result = read(path, Settings(pdf_engine=engine))
    rows = rows_for(result.extracted, result.document)
    for document in rows["document"]:
        document.pop("ingested_at", None)
    return rows


def test_every_pdf_we_hold_is_read_by_both_engines():
    assert len(PDFS) == 62
    assert sum(1 for p in PDFS if p.is_relative_to(CORPUS)) == 19


@pytest.mark.parametrize("path", PDFS, ids=[p.name for p in PDFS])
def test_both_engines_give_the_same_records(path):
    reference = _rows(path, "pdfplumber")
    fast = _rows(path, "pdfium")
    assert fast.keys() == reference.keys()
    for table in reference:
        assert fast[table] == reference[table], f"{path.name}: {table} differ"


def test_the_engines_agree_on_what_they_read_from_a_page():
    """The same characters in the same order with the same font, and fills in the same colours."""
    import pdfplumber

    path = ROOT / "samples" / "adult-services-commitments-q3-2007-08.pdf"
    with pdfplumber.open(path) as reference, PdfiumDocument(path) as fast:
        theirs, ours = reference.pages[0], fast.pages[0]
        assert [(c["text"], c["fontname"], round(c["size"], 2)) for c in ours.chars] == \
            [(c["text"], c["fontname"], round(c["size"], 2)) for c in theirs.chars]
        assert len(ours.chars) == CHARS_ON_PAGE_1
        assert max(abs(a["x0"] - b["x0"]) + abs(a["top"] - b["top"]) for a, b in zip(ours.chars, theirs.chars)) < 0.01
        fills = sorted({r["non_stroking_color"] for r in ours.rects if r["fill"]})
        assert [tuple(round(v * 255) for v in f) for f in fills] == \
            sorted({tuple(round(v * 255) for v in r["non_stroking_color"]) for r in theirs.rects if r["fill"]})
        assert (len(ours.rects), len(ours.lines), len(ours.curves)) == (len(theirs.rects), len(theirs.lines), 0)
