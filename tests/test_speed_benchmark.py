"""benchmarks/speed.py without timing anything: its order of turns, its sums, its report lines and its inputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2
import pytest
from docx.oxml.ns import qn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import generate_returns  # noqa: E402
import speed  # noqa: E402

A = speed.Side("perfreturns (pdfium)", "perfreturns:pdfium", "any")
B = speed.Side("pdfplumber chars", "pdfplumber-chars", "pdf")


def test_the_sides_take_turns_in_every_repetition():
    order = [(repetition, side.name) for repetition, side in speed.schedule([A, B], 3)]
    assert order == [(0, A.name), (0, B.name), (1, A.name), (1, B.name), (2, A.name), (2, B.name)]


def test_each_turn_is_one_repetition_and_a_side_that_raises_is_reported_failed():
    group = speed.Group("corpus PDFs", "pdf", "corpus", (Path("x.pdf"), Path("y.pdf")), targeted=True)
    floor = speed.Side("pypdfium2 chars (floor)", "pdfium-chars", "pdf")
    turns = iter([speed.Turn({"extract": 0.5, "normalise": 0.25, "load": 0.125}, 0.75),
                  speed.Turn({"extract": 1.0, "normalise": 0.25, "load": 0}, 1.0)])
    seen = []

    def runner(side: speed.Side, files: tuple[Path, ...]) -> speed.Turn:
        seen.append((side.name, [path.name for path in files]))
        if side is floor:
            raise speed.SideFailed("y.pdf: RuntimeError: no such engine")
        return next(turns) if side is A else speed.Turn({"total": 2.0}, 1.5)

    timings = speed.time_group(group, [A, B, floor], 2, runner)
    assert timings[A.name].totals == [0.875, 1.25]
    assert timings[A.name].cpu == [0.75, 1.0]
    assert timings[A.name].stages == {"extract": 1.5, "normalise": 0.5, "load": 0.125}
    assert timings[B.name].totals == [2.0, 2.0]
    assert timings[floor.name].failed == "y.pdf: RuntimeError: no such engine"
    assert seen == [(A.name, ["x.pdf", "y.pdf"]), (B.name, ["x.pdf", "y.pdf"]), (floor.name, ["x.pdf", "y.pdf"]),
                    (A.name, ["x.pdf", "y.pdf"]), (B.name, ["x.pdf", "y.pdf"])]  # a failed side has no more turns


def test_the_acceptance_line_names_the_target_and_whether_it_is_met():
    group = speed.Group("corpus PDFs", "pdf", "corpus", (Path("x.pdf"),), targeted=True)
    timings = {"perfreturns (pdfium)": speed.Timing([0.42, 0.5, 0.46], [0.25, 0.25, 0.5]),
               "perfreturns (pdfplumber)": speed.Timing(failed="x.pdf: ValueError: broken"),
               "pdfplumber chars": speed.Timing([1.0, 1.0, 1.0], [0.5, 0.5, 0.5])}
    assert speed.target_lines([(group, timings)], ["pdfium", "pdfplumber"]) == [
        "  corpus PDFs: pdfium engine / pdfplumber chars: 0.42x (target <= 0.5x) met; median 0.46x, cpu 0.50x",
        "  corpus PDFs: pdfplumber engine / pdfplumber chars: failed (x.pdf: ValueError: broken) (target <= 1.15x)",
    ]


def test_the_large_indicator_return_has_1500_rows_of_five_columns_with_rag_fills():
    table = generate_returns.indicator_return(1_500).tables[0]
    assert len(table.rows) == 1_501
    assert [cell.text for cell in table.rows[0].cells] == ["Code", "Indicator", "Target", "Actual", "RAG Status"]
    assert table.rows[1_500].cells[0].text == "LPI 01500"
    fills = {"Green": "00B050", "Amber": "FFC000", "Red": "FF0000"}
    for row in table.rows[1:]:
        status = row.cells[4]
        assert status._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == fills[status.text]


def test_the_rules_only_edition_draws_rules_between_rows_and_no_vertical_ones():
    table = generate_returns.indicator_return(10, vertical_rules=False).tables[0]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    sides = {element.tag.split("}")[1]: element.get(qn("w:val")) for element in borders}
    assert sides == {"top": "single", "left": "nil", "bottom": "single", "right": "nil",
                     "insideH": "single", "insideV": "nil"}
    assert table._tbl.tblPr.find(qn("w:tblStyle")) is None  # no Table Grid style to draw the verticals


def test_the_large_return_runs_to_about_100_pages_as_libreoffice_exports_it(tmp_path):
    path = tmp_path / "ruled.docx"
    generate_returns.indicator_return(1_500).save(path)
    generate_returns.export_pdfs([path], tmp_path)
    pdf = pypdfium2.PdfDocument(tmp_path / "ruled.pdf")
    assert 100 <= len(pdf) <= 115
    assert "LPI 01500" in pdf[len(pdf) - 1].get_textpage().get_text_range()


def test_a_perfreturns_turn_times_three_stages_and_names_the_file_it_fails_on(tmp_path):
    samples = Path(__file__).resolve().parent.parent / "samples"
    runner = speed.Runner(tmp_path)
    side = speed.Side("perfreturns", "perfreturns:pdfplumber", "any")
    turn = runner(side, [samples / "ni-136-action-plan.pdf", samples / "ni-136-action-plan.docx"])
    assert sorted(turn.stages) == ["extract", "load", "normalise"]
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    with pytest.raises(speed.SideFailed) as failed:
        runner(side, [empty])
    assert str(failed.value) == "empty.pdf: EmptyFile: empty.pdf: the file is empty (0 bytes); send the return again."
    assert [path.name for path in tmp_path.iterdir()] == ["empty.pdf"]  # each turn's database is gone


def test_the_words_and_tables_side_asks_pdfplumber_what_perfreturns_asks(monkeypatch):
    from extractors import pdf_layout

    assert speed.WORD_OPTIONS == pdf_layout.WORD_OPTIONS
    calls = []
    monkeypatch.setattr("pdfplumber.page.Page.extract_words", lambda page, **options: calls.append(options) or [])
    monkeypatch.setattr("pdfplumber.page.Page.find_tables", lambda page: calls.append("tables") or [])
    speed.BARE["pdfplumber-tables"][2](Path(__file__).resolve().parent.parent / "samples" / "ni-136-action-plan.pdf")
    assert calls == [speed.WORD_OPTIONS, "tables"] * 3  # the sample's three pages


def test_the_row_scaling_pdf_is_one_table_exported_in_parts_and_read_whole(tmp_path, monkeypatch):
    import row_scaling
    from dataclasses import replace

    from pipeline.config import Settings

    monkeypatch.setattr(row_scaling, "PDF_PART_ROWS", 50)
    path = row_scaling.build_pdf(tmp_path, 120)  # three parts: rows 0-49, 50-99, 100-119
    pdf = pypdfium2.PdfDocument(path)
    text = "\n".join(pdf[index].get_textpage().get_text_range() for index in range(len(pdf)))
    pdf.close()
    assert text.count("Performance Scorecard Q2 2009/10 - 120 indicators") == 1  # the title heads the first part only
    assert text.index("ENV 049") < text.index("ENV 051") < text.index("ENV 119")  # ENV 050 is a banner row
    assert "Theme: Cleaner and greener places" in text and "Theme: Safer communities" in text
    timings = row_scaling.measure(path, replace(Settings(), max_table_rows=1_000), tmp_path, 1)
    assert timings["indicators"] == 114  # 120 rows less a banner every 20
