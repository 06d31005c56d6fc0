"""Legends wherever printed: swatches beside meanings, a form's column of status words, sentences."""

from __future__ import annotations

from helpers import document, paragraph, table

from pipeline.models import RagLevel
from pipeline.normalise import normalise


def _scale(doc) -> list[tuple[str | None, str]]:  # type: ignore[no-untyped-def]
    return [(level.rag, level.definition) for level in doc.of(RagLevel)]


def test_a_key_of_swatches_gives_each_meaning_its_colours_status_and_leaves_out_direction():
    key = table([
        ["RAG Rating", ""],
        ["", "Target not achieved"],
        ["", "Target slightly missed (within 10%)"],
        ["", "Target met"],
        ["", "Data Only"],
        ["Direction", ""],
        ["", "Performance has improved"],
        ["N/A", "No previous data to compare"],
    ], header_rows=0, fills={(0, 0): "D9D9D9", (1, 0): "FF0000", (2, 0): "FFC000", (3, 0): "00B050",
                             (5, 0): "D9D9D9"}, spans={(0, 0): (1, 2), (5, 0): (1, 2)})
    assert _scale(normalise(document(key))) == [
        ("red", "Target not achieved"), ("amber", "Target slightly missed (within 10%)"), ("green", "Target met"),
        (None, "Data Only")]


def test_a_key_along_one_row_pairs_each_swatch_with_the_text_after_it():
    key = table([
        ["PI Status", "", "Alert", "", "Warning (within 10% of target)", "", "Unknown"],
        ["Direction of Travel*", "↑", "Improving", "→", "No Change", "↓", "Getting Worse"],
    ], header_rows=0, fills={(0, 0): "D9D9D9", (0, 1): "FF0000", (0, 3): "FFC000", (1, 0): "D9D9D9"})
    doc = normalise(document(key))
    assert _scale(doc) == [("red", "Alert"), ("amber", "Warning (within 10% of target)"), (None, "Unknown")]
    assert [level.colour for level in doc.of(RagLevel)] == ["#FF0000", "#FFC000", None]


def test_a_status_word_with_several_meanings_gives_one_entry_each():
    key = table([
        ["", "Progress against plan", "Performance"],
        ["Red", "There are significant concerns", "Significantly worse than target (>10%)"],
        ["Green", "Everything is on target", "On, or better than, target"],
    ], fills={(1, 0): "FF0000", (2, 0): "00B050"})
    assert _scale(normalise(document(key))) == [
        ("red", "There are significant concerns"), ("red", "Significantly worse than target (>10%)"),
        ("green", "Everything is on target"), ("green", "On, or better than, target")]


def test_a_forms_drop_down_list_of_statuses_is_the_legend():
    form = table([
        ["Service (s)", "Corporate overview", "Select from drop down list"],
        ["Portfolio Holder/s", "Cllr Langhorn", "On Target"],
        ["Quarter", "4", "Behind Target"],
        ["Actions", "All Portfolios", "Failing"],
    ], header_rows=0, fills={(r, 0): "D9D9D9" for r in range(4)})
    doc = normalise(document(form))
    assert _scale(doc) == [("green", "On Target"), ("amber", "Behind Target"), ("red", "Failing")]
    assert doc.info.quarter == 4


def test_a_legend_written_as_sentences_is_read_entry_by_entry():
    doc = normalise(document(blocks=(
        paragraph("The colours represent progress. Green indicates that progress is being made as per our "
                  "planned schedule. The numbers represent how many objectives have that status.", 0),
        paragraph("Red = target not achieved; Amber = within 10% of target", 1),
    )))
    assert _scale(doc) == [("green", "progress is being made as per our planned schedule."),
                           ("red", "target not achieved"), ("amber", "within 10% of target")]


def test_legends_inside_sentences_in_brackets_either_way_round_and_as_a_paired_list():
    doc = normalise(document(blocks=(
        paragraph("Most are given a RAG rating on the basis of Red (off track), Amber (at risk) and Green (on track).", 0),
        paragraph("70% of the Plan was on target (green), 0% was one month behind (amber).", 1),
        paragraph("The key measures were given a green, amber or red rating according to whether performance was "
                  "normal, needed monitoring or required investigation.", 2),
    )))
    assert _scale(doc) == [
        ("red", "off track"), ("amber", "at risk"), ("green", "on track"),
        ("green", "on target"), ("amber", "one month behind"),
        ("green", "normal"), ("amber", "needed monitoring"), ("red", "required investigation")]


def test_a_coloured_cell_that_prints_its_colour_word_over_its_meaning_is_a_key_entry():
    key = table([
        ["RAG Rating", "Direction of Travel (DOT)"],
        ["Green\nOn or within 10% of the annual target", "Short Term: better than the previous quarter"],
        ["Red\nMore than 10% off the annual target", "Short Term: worse than the previous quarter"],
    ], header_rows=0, fills={(0, 0): "D9D9D9", (0, 1): "D9D9D9", (1, 0): "00B050", (2, 0): "FF0000"})
    assert _scale(normalise(document(key))) == [
        ("green", "On or within 10% of the annual target"), ("red", "More than 10% off the annual target")]
