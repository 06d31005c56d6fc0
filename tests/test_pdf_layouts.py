"""PDF tables without full ruling and PDF text as a reader sees it, on returns built for issue 11."""

from __future__ import annotations

from pathlib import Path

import pytest

import extractors
from extractors.detect import source_file
from extractors.pdf_layout import BAND_HEIGHT, Bands, TextLine, Word, join_lines, strip_bullet
from pipeline.config import Settings
from pipeline.models import BlockKind, ExtractedDocument

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = ROOT / "samples" / "regressions"
TABLES = REGRESSIONS / "issue-11-unruled-tables"
TEXT = REGRESSIONS / "issue-11-pdf-text"


def _extract(path: Path) -> ExtractedDocument:
    settings = Settings()
    return extractors.extract(source_file(path, settings), settings)


def _line(top: float, *words: tuple[float, float, str]) -> TextLine:
    return TextLine(tuple(Word(x0, x1, top, top + 10, text, 10.0, False) for x0, x1, text in words))


def test_a_wrapped_line_joins_with_a_space_and_a_typed_break_stays_a_newline():
    lines = [_line(0, (0, 40, "Joint"), (43, 90, "targets")),  # "agreed" (40 wide) could not follow by 100
             _line(12, (0, 40, "agreed.")),  # "Report" would have fitted after it: a typed break
             _line(24, (0, 40, "Report"), (43, 60, "due"))]
    assert join_lines(lines, right=100) == "Joint targets agreed.\nReport due"


def test_a_word_broken_in_a_narrow_column_is_rejoined_but_an_ordinary_wrap_is_not():
    broken = [_line(0, (0, 49, "Performan")), _line(12, (0, 10, "ce"))]
    assert join_lines(broken, right=50) == "Performance"
    ordinary = [_line(0, (0, 48, "Proposed")), _line(12, (0, 10, "to"), (13, 40, "Close"))]
    assert join_lines(ordinary, right=50) == "Proposed to Close"


def test_a_hyphenated_range_broken_at_its_hyphen_is_rejoined():
    lines = [_line(0, (0, 60, "aged"), (63, 95, "18-")), _line(12, (0, 12, "64"))]
    assert join_lines(lines, right=100) == "aged 18-64"


def test_bullet_glyphs_are_stripped_and_each_bullet_starts_a_line():
    lines = [_line(0, (0, 5, "•"), (12, 60, "Posts"), (63, 90, "filled")),
             _line(12, (0, 5, "\uf0b7"), (12, 60, "Leaflet"))]
    assert join_lines(lines, right=100) == "Posts filled\nLeaflet"
    assert strip_bullet("▪ Discharge targets agreed") == "Discharge targets agreed"
    assert strip_bullet("- Local Strategic Partnership") == "- Local Strategic Partnership"


def test_bands_give_what_reaches_into_a_height_in_the_order_given():
    spans = {"row 1": (10.0, 20.0), "row 9": (200.0, 212.0), "page shading": (0.0, 800.0),
             "row 2": (22.0, 34.0), "lost": (float("nan"), 5.0), "row 8": (190.0, 199.0)}
    bands = Bands(list(spans), lambda name: spans[name])
    # near gives every thing within the bands a height touches: a superset, for an exact test after
    assert bands.near(12.0, 18.0) == ["row 1", "page shading", "row 2", "lost"]
    assert bands.near(205.0, 205.0) == ["row 9", "page shading", "lost", "row 8"]
    assert bands.near(-BAND_HEIGHT * 10, -BAND_HEIGHT * 9) == ["lost"]
    assert bands.near(float("inf"), 0.0) == list(spans)


def test_bands_file_a_thing_of_huge_height_as_everywhere_and_answer_a_huge_height_from_their_bands():
    spans = [(0.0, 5.0), (1e9, 1e9 + 1), (-3.0, -1.0), (-1e6, 1e6)]
    bands = Bands(spans, lambda span: span)
    assert bands.near(-1e12, 1e12) == spans
    assert bands.near(1e9, 1e9) == [(1e9, 1e9 + 1), (-1e6, 1e6)]
    assert bands.near(2e6, 3e6) == [(-1e6, 1e6)]


@pytest.fixture(scope="module")
def tables() -> tuple[ExtractedDocument, ExtractedDocument]:
    return _extract(TABLES.with_suffix(".docx")), _extract(TABLES.with_suffix(".pdf"))


def test_pdf_tables_without_full_ruling_read_as_the_word_edition(tables):
    word, pdf = tables
    assert [[[(c.text.split(), c.col, c.col_span, c.fill) for c in row] for row in t.rows] for t in pdf.tables] == \
        [[[(c.text.split(), c.col, c.col_span, c.fill) for c in row] for row in t.rows] for t in word.tables]
    assert [(t.heading, t.header_rows) for t in pdf.tables] == [
        ("Actions", 1), ("Processing times", 1), ("Waste and streets", 1)]


def test_horizontal_rules_bound_rows_and_wrapped_cells_stay_whole(tables):
    _, pdf = tables
    actions = pdf.tables[0]
    assert len(actions.rows) == 4
    assert [c.text for c in actions.rows[1]] == [
        "1", "Review the hospital discharge pathway with the acute trust and agree joint targets", "Jane Hollis",
        "Joint targets agreed in October; the first monthly report is due in January."]


def test_an_unruled_table_under_a_ruled_header_is_stitched_across_pages_with_its_fills(tables):
    _, pdf = tables
    times = pdf.tables[1]
    assert (times.page_start, times.page_end, len(times.rows)) == (1, 3, 19)
    assert [c.text for c in times.rows[0]] == ["Code", "Indicator", "Q2 2009/10", "Status"]
    assert [row[0].text for row in times.rows[1:]] == [f"LPI {n}" for n in range(100, 118)]
    assert [row[3].fill for row in times.rows[1:4]] == ["#00B050", "#FFC000", "#FF0000"]
    joined = [i for i in pdf.issues if i.code == "row_joined_across_pages"]
    assert [(i.page, i.table_index) for i in joined] == [(2, 1), (3, 1)]


def test_a_table_with_no_lines_is_found_from_its_columns(tables):
    _, pdf = tables
    assert [[c.text for c in row] for row in pdf.tables[2].rows] == [
        ["Measure", "Target", "Actual"], ["Missed bins per 100,000 collections", "50", "38"],
        ["Streets below grade B for litter", "8%", "6%"]]


@pytest.fixture(scope="module")
def text() -> tuple[ExtractedDocument, ExtractedDocument]:
    return _extract(TEXT.with_suffix(".docx")), _extract(TEXT.with_suffix(".pdf"))


def test_pdf_paragraphs_split_at_each_legend_code_and_bullet_line_as_in_word(text):
    word, pdf = text
    assert [b.text for b in pdf.blocks] == [b.text for b in word.blocks]  # running header and footer too
    paragraphs = [b.text for b in pdf.blocks if b.kind is BlockKind.PARAGRAPH]
    assert paragraphs[:3] == ["Green – On or above target", "Amber – Below target but within 10%",
                              "Red – More than 10% below target"]
    assert [p.split()[2] for p in paragraphs[3:7]] == ["CS18", "CS19", "CS20", "CS21"]
    assert paragraphs[7:10] == ["Two posts filled in the reablement team", "Carers' leaflet translated",
                                "Discharge targets agreed"]


def test_running_headers_footers_and_page_numbers_are_running_blocks_once_not_text(text):
    word, pdf = text
    assert pdf.pages == 2
    running = [(b.kind, b.text) for b in pdf.blocks if b.kind is BlockKind.RUNNING]
    assert running == [(BlockKind.RUNNING, "Children's Services – Quarterly Indicator Update"),
                       (BlockKind.RUNNING, "Page 1")]
    assert running == [(b.kind, b.text) for b in word.blocks if b.kind is BlockKind.RUNNING]
    body = " ".join(b.text for b in pdf.blocks if b.kind is not BlockKind.RUNNING)
    assert "Quarterly Indicator Update" not in body and "Page" not in body
    assert [(b.page, b.text) for b in pdf.blocks[-2:]] == [
        (2, "Next steps"), (2, "The service will report the Q4 outturn to the Children's Trust Board in May.")]


def test_the_seed_pdfs_give_three_legend_rows_and_four_cs_epi_indicators(loaded):
    commitments = loaded("adult-services-commitments-q3-2007-08.pdf")
    assert [r["rag"] for r in commitments.query("select rag from rag_scale order by rowid")] == ["green", "amber", "red"]
    plan = loaded("ni-136-action-plan.pdf")
    codes = [r["code"] for r in plan.query("select code from indicators where code like 'CS EPI%' order by id")]
    assert codes == ["CS EPI CS18", "CS EPI CS21", "CS EPI CS22", "CS EPI CS23"]


@pytest.mark.parametrize("engine", ["pdfium", "pdfplumber"])
def test_a_long_scorecard_ruled_between_rows_only_reads_as_one_table_of_every_row(engine):
    """samples/regressions/issue-15-rules-only-scorecard: 60 indicators over 4 pages, rules between
    rows only, shaded status cells, names wrapping over up to four lines of their column."""
    from pipeline.ingest import read
    from pipeline.models import Indicator, IndicatorValue

    path = REGRESSIONS / "issue-15-rules-only-scorecard.pdf"
    settings = Settings(pdf_engine=engine)
    extracted = extractors.extract(source_file(path, settings), settings)
    assert [(t.page_start, t.page_end, len(t.rows), t.header_rows) for t in extracted.tables] == [(1, 4, 61, 1)]
    doc = read(path, settings).document
    indicators = doc.of(Indicator)
    assert [i.code for i in indicators] == [f"PI {n:03d}" for n in range(1, 61)]
    assert indicators[18].description == ("Percentage of major planning applications determined measured from "
                                          "receipt of the completed form to the decision letter, against the "
                                          "national average")
    values = [(v.kind, v.value, v.rag) for v in doc.of(IndicatorValue) if v.indicator_code == "PI 019"]
    assert values == [("target", 78.0, None), ("actual", 61.0, "green")]
    assert [v.rag for v in doc.of(IndicatorValue) if v.kind == "actual"][:4] == ["green", "amber", "red", "green"]
