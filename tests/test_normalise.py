"""Normalising small hand-built tables: statuses from fills, totals checked, nothing dropped."""

from __future__ import annotations

from pathlib import Path

from pipeline.models import (
    Block, BlockKind, Cell, Commitment, DocKind, ExtractedDocument, FileType, Funding, RawTable, SourceFile,
)
from pipeline.normalise import normalise

SOURCE = SourceFile(Path("return.docx"), "return.docx", "0" * 64, 100, FileType.DOCX)


def _table(rows: list[list[str]], fills: dict[tuple[int, int], str] | None = None, heading: str | None = None,
           index: int = 0) -> RawTable:
    fills = fills or {}
    cells = tuple(
        tuple(Cell(text, r, c, 1, fills.get((r, c))) for c, text in enumerate(row)) for r, row in enumerate(rows)
    )
    return RawTable(index, 1, 1, heading, 1, cells, order=index + 1)


def _document(*tables: RawTable, blocks: tuple[Block, ...] = ()) -> ExtractedDocument:
    return ExtractedDocument(SOURCE, 1, blocks, tables)


HEADER = ["Commitment", "Responsible Officer", "RAG", "Comments On Progress"]


def test_a_status_shown_only_by_colour_comes_from_the_fill():
    table = _table([HEADER, ["Open two hubs.", "Jo Bloggs", "", "Both open."]], {(1, 2): "#92D050"})
    [commitment] = normalise(_document(table)).of(Commitment)
    assert (commitment.rag, commitment.rag_raw) == ("green", "#92D050")


def test_a_word_and_a_colour_that_disagree_keep_the_word_and_raise_rag_mismatch():
    table = _table([HEADER, ["Open two hubs.", "Jo Bloggs", "Green", "Late."]], {(1, 2): "#FF0000"})
    document = normalise(_document(table))
    [commitment] = document.of(Commitment)
    assert commitment.rag == "green"
    assert [(i.code, i.message) for i in document.issues if i.code == "rag_mismatch"] == [
        ("rag_mismatch", "table 1 row 1: the cell says 'Green' but is coloured #FF0000 (red)")]


def test_an_unknown_status_word_is_kept_raw_and_raises_unknown_rag():
    table = _table([HEADER, ["Open two hubs.", "Jo Bloggs", "Sort of", "Hm."]])
    document = normalise(_document(table))
    [commitment] = document.of(Commitment)
    assert (commitment.rag, commitment.rag_raw) == (None, "Sort of")
    assert [i.code for i in document.issues] == ["unknown_rag"]


def test_funding_lines_that_do_not_add_up_raise_a_warning():
    table = _table([
        ["Funding & Planned Spend", "2008/09", "Comment – Source of Budget"],
        ["Staff", "1,000", "Mainstream (ABG £200)"],
        ["Premises", "£2.5k", ""],
        ["Total", "4,000", ""],
    ], heading="6: Funding & Planned Spend")
    document = normalise(_document(table))
    funding = document.of(Funding)
    assert [(f.line, f.amount, f.is_total) for f in funding] == [
        ("Staff", 1000, False), ("Premises", 2500, False), ("Total", 4000, True)]
    assert funding[0].sources[0].source == "ABG" and funding[0].sources[0].amount == 200
    [issue] = [i for i in document.issues if i.code == "funding_total_mismatch"]
    assert (issue.severity, issue.message) == (
        "warning", "table 1: the 2008/09 lines add up to 3,500 but the total printed is 4,000")


def test_a_table_that_maps_onto_nothing_is_kept_and_raises_unmapped_table():
    table = _table([["Ward", "Population"], ["Abbey", "12,000"], ["Castle", "9,500"]])
    document = normalise(_document(table))
    assert document.records == ()
    assert document.unmapped == (table,)
    assert document.info.doc_type == DocKind.UNKNOWN
    assert [(i.code, i.message) for i in document.issues][0] == (
        "unmapped_table", "table 1 (3 rows starting 'Ward') matches no known layout; "
                          "its cells are kept in source_cells for review")


def test_an_unmapped_column_is_reported_and_the_rest_maps():
    table = _table([HEADER + ["Budget Holder"], ["Open two hubs.", "Jo Bloggs", "Amber", "Late.", "Finance"]])
    document = normalise(_document(table))
    assert len(document.of(Commitment)) == 1
    assert [i.message for i in document.issues if i.code == "unmapped_column"] == [
        "table 1: column 5 'Budget Holder' is not mapped"]


def test_a_group_row_labels_the_commitments_below_it_and_cont_keeps_it():
    first = _table([HEADER, ["Adults", "", "", ""], ["Open two hubs.", "Jo Bloggs", "Red", "Late."]],
                   heading="B – Safer Communities", index=0)
    second = _table([HEADER, ["Train staff.", "Al Smith", "Green", "Done."]],
                    heading="B – Safer Communities cont", index=1)
    third = _table([HEADER, ["Cut waste.", "Al Smith", "Green", "Done."]], heading="D – Greener", index=2)
    rows = normalise(_document(first, second, third)).of(Commitment)
    assert [(c.section, c.section_code, c.group_label) for c in rows] == [
        ("B – Safer Communities", "B", "Adults"), ("B – Safer Communities", "B", "Adults"),
        ("D – Greener", "D", None)]


def test_the_legend_lines_become_the_rag_scale_once_each():
    legend = ("Green – On Trajectory", "Amber – Off Trajectory", "Green – On Trajectory")
    blocks = tuple(Block(BlockKind.PARAGRAPH, text, "Normal", None, i) for i, text in enumerate(legend))
    table = _table([HEADER, ["Open two hubs.", "Jo Bloggs", "Green", "On time."]])
    document = normalise(_document(replace_order(table, 10), blocks=blocks))
    assert [(r.rag, r.label, r.definition) for r in document.records if type(r).__name__ == "RagLevel"] == [
        ("green", "Green", "On Trajectory"), ("amber", "Amber", "Off Trajectory")]


def replace_order(table: RawTable, order: int) -> RawTable:
    from dataclasses import replace

    return replace(table, order=order)
