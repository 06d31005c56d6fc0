"""Tables that Word or LibreOffice continued on the next page are joined back into one."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from extractors.pdf_stitch import PageTable, continues, is_fragment, stitch
from pipeline.models import Block, BlockKind, Cell, Issue, Severity

# A4 landscape in points, 1.5 cm margins top and bottom, as in the commitments return
PAGE_HEIGHT = 595.3
TOP_MARGIN = 42.5
EDGES = (51.3, 283.8, 374.5, 448.1, 779.8)

HEADER = ["Commitment", "Responsible\nOfficer", "Red/Amber/\nGreen?", "Comments On Progress"]
ADULTS = ["Adults", "", "", ""]
DALE = [
    "Continue to develop the DALE service.",
    "Sheila Rochester",
    "Green",
    "100% of the milestones have been met for the DALE service which has supported over 100 older "
    "people to die at home since May 07.",
]
BROKEN_TOP = [
    "Create a range of new opportunities for people with learning disabilities, and will significantly "
    "increase choice and promote",
    "Sue Disley",
    "Amber",
    "The rolling programme of day services modernisation is progressing well. Roman Way in Market "
    "Harborough has been remodelled to offer a community facility to the wider community",
]
FRAGMENT = [
    "independence. In 2007-08, the programme will focus on Charnwood and North West Leicestershire",
    "",
    "",
    "as well as people with LD. People in the Shepshed area are attending a new base in New Fields "
    "Church Hall.",
]
RESPITE = [
    "We are planning major schemes in partnership with district councils and housing providers to "
    "improve respite facilities.",
    "Sheila Rochester",
    "Green",
    "A decision to sell 6 care homes as going concerns was agreed at Cabinet in November 2007.",
]


def _row(texts: Sequence[str], row: int, page: int) -> tuple[Cell, ...]:
    return tuple(Cell(text, row, col, page) for col, text in enumerate(texts))


def _part(page: int, top: float, bottom: float, rows: Sequence[Sequence[str]],
          edges: Sequence[float] = EDGES) -> PageTable:
    return PageTable(
        page=page,
        bbox=(edges[0], top, edges[-1], bottom),
        x_edges=tuple(edges),
        rows=tuple(_row(texts, index, page) for index, texts in enumerate(rows)),
        page_height=PAGE_HEIGHT,
    )


def _block(text: str, page: int, top: float, kind: BlockKind = BlockKind.PARAGRAPH) -> Block:
    style = {BlockKind.TITLE: "Title", BlockKind.HEADING: "Heading 2"}.get(kind, "Normal")
    return Block(kind, text, style, page, 0, 2 if kind is BlockKind.HEADING else 0, top)


def _texts(rows: Sequence[Sequence[Cell]]) -> list[list[str]]:
    return [[c.text for c in row] for row in rows]


# A first part ending two rows above the bottom margin: near the foot, but not full.
NOT_FULL_BOTTOM = 520.0     # 595.3 - 520.0 - 42.5 = 32.8 points left
FULL_BOTTOM = 545.0         # 595.3 - 545.0 - 42.5 = 7.8 points left: less than a line


# --- which parts belong together -------------------------------------------------------------

def test_parts_on_consecutive_pages_with_same_edges_and_no_text_between_are_one_table():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, ADULTS, DALE])
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE])
    blocks = [_block("A – Improved Quality of Life for People", 1, 70.0, BlockKind.HEADING),
              _block("Green – On Trajectory", 1, 90.0)]

    assert continues(first, second, blocks) is True
    tables, issues = stitch([first, second], blocks)

    [table] = tables
    assert (table.index, table.page_start, table.page_end, table.header_rows, table.top) == (0, 1, 2, 1, 143.0)
    assert table.heading == "A – Improved Quality of Life for People"
    assert _texts(table.rows) == [HEADER, ADULTS, DALE, RESPITE]
    assert [[c.page for c in row] for row in table.rows] == [[1] * 4, [1] * 4, [1] * 4, [2] * 4]
    assert issues == []


def test_repeated_header_row_is_dropped_whatever_its_spacing_and_case():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    repeated = ["COMMITMENT", "Responsible  Officer", "Red/Amber/ Green?", "Comments on progress"]
    second = _part(2, TOP_MARGIN, 180.0, [repeated, RESPITE])
    [table], _ = stitch([first, second], [])
    assert _texts(table.rows) == [HEADER, DALE, RESPITE]
    assert table.header_rows == 1


def test_two_repeated_header_rows_are_dropped_and_counted():
    caption = ["Indicators - Performance Monitoring of Indicators", "", "", ""]
    first = _part(2, 143.0, NOT_FULL_BOTTOM, [caption, HEADER, DALE])
    second = _part(3, TOP_MARGIN, 190.0, [caption, HEADER, RESPITE])
    [table], _ = stitch([first, second], [])
    assert _texts(table.rows) == [caption, HEADER, DALE, RESPITE]
    assert table.header_rows == 2


def test_table_over_three_pages_is_one_table_from_first_to_last_page():
    parts = [
        _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, ADULTS]),
        _part(2, TOP_MARGIN, NOT_FULL_BOTTOM, [HEADER, DALE]),
        _part(3, TOP_MARGIN, 150.0, [HEADER, RESPITE]),
    ]
    [table], issues = stitch(parts, [])
    assert (table.page_start, table.page_end, table.header_rows) == (1, 3, 1)
    assert _texts(table.rows) == [HEADER, ADULTS, DALE, RESPITE]
    assert [row[0].page for row in table.rows] == [1, 1, 2, 3]
    assert issues == []


def test_single_part_table_has_no_header_rows_it_can_know_of():
    [table], issues = stitch([_part(3, 268.0, 362.0, [HEADER, RESPITE])], [])
    assert (table.index, table.page_start, table.page_end, table.header_rows) == (0, 3, 3, 0)
    assert _texts(table.rows) == [HEADER, RESPITE]
    assert issues == []


def test_part_with_different_column_edges_is_not_stitched():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    other_edges = (51.3, 283.8, 394.5, 448.1, 779.8)
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE], other_edges)
    assert continues(first, second, []) is False
    tables, _ = stitch([first, second], [])
    assert [(t.index, t.page_start, t.page_end, len(t.rows)) for t in tables] == [(0, 1, 1, 2), (1, 2, 2, 2)]


def test_part_with_another_column_count_is_not_stitched():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    five = (51.3, 180.0, 283.8, 374.5, 448.1, 779.8)
    second = _part(2, TOP_MARGIN, 180.0, [["High Priorities", "We Will Achieve", "Responsible Officer",
                                           "Red/Amber/Green?", "Comments On Progress"]], five)
    assert continues(first, second, []) is False
    assert len(stitch([first, second], [])[0]) == 2


def test_edges_that_differ_by_less_than_the_tolerance_still_match():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    nudged = tuple(edge + 1.0 for edge in EDGES)
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE], nudged)
    assert continues(first, second, []) is True


def test_parts_on_pages_that_are_not_consecutive_are_not_stitched():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    third = _part(3, TOP_MARGIN, 180.0, [HEADER, RESPITE])
    assert continues(first, third, []) is False
    assert [(t.page_start, t.page_end) for t in stitch([first, third], [])[0]] == [(1, 1), (3, 3)]


def test_text_below_the_first_part_on_its_page_prevents_stitching():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE])
    footnote = _block("* The figures for 2008-09 are subject to change", 1, 530.0)
    assert continues(first, second, [footnote]) is False
    tables, _ = stitch([first, second], [footnote])
    assert [(t.page_start, t.page_end, _texts(t.rows)) for t in tables] == [
        (1, 1, [HEADER, DALE]), (2, 2, [HEADER, RESPITE])]
    assert [t.header_rows for t in tables] == [0, 0]


def test_heading_above_the_second_part_prevents_stitching_and_heads_it():
    first = _part(2, 42.5, NOT_FULL_BOTTOM, [HEADER, DALE])
    heading = _block("A – Improved Quality of Life for People cont", 3, 42.5, BlockKind.HEADING)
    second = _part(3, 100.0, 300.0, [HEADER, RESPITE])
    assert continues(first, second, [heading]) is False
    tables, _ = stitch([first, second], [heading])
    assert [(t.index, t.page_start, t.heading) for t in tables] == [
        (0, 2, None), (1, 3, "A – Improved Quality of Life for People cont")]


def test_text_on_the_first_page_above_the_table_does_not_prevent_stitching():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, DALE])
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE])
    legend = [_block("Green – On Trajectory", 1, 89.8), _block("Amber – Off Trajectory", 1, 107.3)]
    assert continues(first, second, legend) is True


def test_tables_are_numbered_in_page_order_whatever_order_parts_arrive_in():
    late = _part(3, 268.0, 362.0, [HEADER, RESPITE])
    early_low = _part(1, 300.0, 400.0, [["Ref", "Risk", "Mitigation", "Owner"]])
    early_high = _part(1, 100.0, 200.0, [HEADER, DALE])
    tables, _ = stitch([late, early_low, early_high], [])
    assert [(t.index, t.page_start, t.top) for t in tables] == [(0, 1, 100.0), (1, 1, 300.0), (2, 3, 268.0)]


def test_heading_of_a_stitched_table_is_the_last_heading_or_title_before_it():
    blocks = [
        _block("MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services", 1, 41.7, BlockKind.TITLE),
        _block("A – Improved Quality of Life for People", 1, 69.9, BlockKind.HEADING),
        _block("Green – On Trajectory", 1, 89.8),
        _block("C – Improving Services", 2, 300.0, BlockKind.HEADING),
    ]
    [table], _ = stitch([_part(1, 143.0, 300.0, [HEADER, DALE])], blocks)
    assert table.heading == "A – Improved Quality of Life for People"
    [table], _ = stitch([_part(1, 60.0, 300.0, [HEADER, DALE])], blocks)
    assert table.heading == "MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services"


# --- rows broken by the page -----------------------------------------------------------------

def test_pdf_row_broken_across_pages_is_joined():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, ADULTS, BROKEN_TOP])
    second = _part(2, TOP_MARGIN, 300.0, [HEADER, FRAGMENT, RESPITE])
    tables, issues = stitch([first, second], [])

    [table] = tables
    assert len(table.rows) == 4
    joined = table.rows[2]
    assert [c.text for c in joined] == [
        f"{BROKEN_TOP[0]}\n{FRAGMENT[0]}", "Sue Disley", "Amber", f"{BROKEN_TOP[3]}\n{FRAGMENT[3]}"]
    assert [(c.page, c.page_end, c.last_page) for c in joined] == [
        (1, 2, 2), (1, None, 1), (1, None, 1), (1, 2, 2)]
    assert _texts(table.rows[3:]) == [RESPITE]
    assert issues == [Issue(Severity.INFO, "row_joined_across_pages",
                            "table 1: a row that broke across pages 1 and 2 was joined into one", 2, 0)]


def test_rows_are_renumbered_after_headers_are_dropped_and_fragments_joined():
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, ADULTS, BROKEN_TOP])
    second = _part(2, TOP_MARGIN, 300.0, [HEADER, FRAGMENT, RESPITE, DALE])
    [table], _ = stitch([first, second], [])
    assert [[c.row for c in row] for row in table.rows] == [[0] * 4, [1] * 4, [2] * 4, [3] * 4, [4] * 4]
    assert [row[0].text[:20] for row in table.rows[3:]] == ["We are planning majo", "Continue to develop "]


def test_issue_names_the_table_and_pages_of_the_joined_row():
    other = _part(1, 60.0, 120.0, [["LAA Indicator No.", "NI 136"]], (51.3, 200.0, 533.2))
    first = _part(2, 143.0, NOT_FULL_BOTTOM, [HEADER, BROKEN_TOP])
    second = _part(3, TOP_MARGIN, 300.0, [HEADER, FRAGMENT])
    tables, issues = stitch([other, first, second], [])
    assert [(t.index, t.page_start, t.page_end) for t in tables] == [(0, 1, 1), (1, 2, 3)]
    assert issues == [Issue(Severity.INFO, "row_joined_across_pages",
                            "table 2: a row that broke across pages 2 and 3 was joined into one", 3, 1)]


def test_genuine_new_row_with_its_officer_and_status_filled_is_not_joined():
    lower_case_start = ["we will develop a range of supported accommodation for older people, as an "
                        "alternative to residential care", "Sheila Rochester", "Green", "following extensive "
                        "consultation we are taking forward the Supported Accommodation strategy"]
    first = _part(1, 143.0, NOT_FULL_BOTTOM, [HEADER, BROKEN_TOP])
    second = _part(2, TOP_MARGIN, 300.0, [HEADER, lower_case_start])
    assert is_fragment(first.rows[-1], second.rows[1]) is False
    [table], issues = stitch([first, second], [])
    assert _texts(table.rows) == [HEADER, BROKEN_TOP, lower_case_start]
    assert issues == []


PAF_EDGES = (51.3, 97.0, 245.0, 300.0, 345.0, 533.2)
PAF_HEADER = ["Ref No.", "Description", "Baseline", "Target 08/09", "Q1"]
PAF_TOP = ["PAF", "Adults with Mental illness Helped to Live at Home per", "5.3", "5.2", "5.3"]
PAF_REST = ["C31", "1000 population aged 18-64", "2007/08", "", ""]


def test_page_full_row_whose_every_cell_continues_is_joined():
    first = _part(2, 530.0, FULL_BOTTOM, [PAF_HEADER, PAF_TOP], PAF_EDGES)
    second = _part(3, TOP_MARGIN, 186.0, [PAF_HEADER, PAF_REST], PAF_EDGES)

    [table], issues = stitch([first, second], [])
    assert _texts(table.rows) == [PAF_HEADER, [
        "PAF\nC31", "Adults with Mental illness Helped to Live at Home per\n1000 population aged 18-64",
        "5.3\n2007/08", "5.2", "5.3"]]
    assert [c.last_page for c in table.rows[1]] == [3, 3, 3, 2, 2]
    assert [i.code for i in issues] == ["row_joined_across_pages"]


def test_same_rows_are_not_joined_when_the_page_before_was_not_full():
    first = _part(2, 300.0, NOT_FULL_BOTTOM, [PAF_HEADER, PAF_TOP], PAF_EDGES)
    second = _part(3, TOP_MARGIN, 186.0, [PAF_HEADER, PAF_REST], PAF_EDGES)

    [table], issues = stitch([first, second], [])
    assert _texts(table.rows) == [PAF_HEADER, PAF_TOP, PAF_REST]
    assert issues == []


@pytest.mark.parametrize("previous, row, page_full, expected", [
    pytest.param(BROKEN_TOP, FRAGMENT, False, True, id="key-cells-empty-and-lower-case-start"),
    pytest.param(["Participate in a new national initiative to improve services in mental health care for "
                  "black and minority ethnic and excluded", "Sue Disley", "Amber", "The first target for "
                  "appointment of Community Development Workers has been"],
                 ["Groups of people will have access to appropriate services", "", "", ""], False, True,
                 id="key-cells-empty-and-previous-cell-does-not-end-a-sentence"),
    pytest.param(RESPITE, ["Deaf people will have a commissioning strategy of their own to be agreed in March.",
                           "", "", ""], False, False,
                 id="previous-cell-ends-a-sentence-and-row-starts-upper-case"),
    pytest.param(BROKEN_TOP, ["independence", "Sue Disley", "", ""], False, False, id="officer-filled"),
    pytest.param(BROKEN_TOP, ["independence", "", "Amber", ""], False, False, id="status-filled"),
    pytest.param(BROKEN_TOP[:3] + [""], ["independence.", "", "", "as well as people with LD."], False, False,
                 id="text-where-the-previous-row-had-none"),
    pytest.param(BROKEN_TOP, ["", "", "", ""], False, False, id="empty-row"),
    pytest.param(BROKEN_TOP, FRAGMENT[:3], False, False, id="different-cell-count"),
    pytest.param(["PAF", "Adults with Mental illness Helped to Live at Home per", "5.3"],
                 ["C31", "1000 population aged 18-64", "2007/08"], False, False, id="keys-filled-page-not-full"),
    pytest.param(["PAF", "Adults with Mental illness Helped to Live at Home per", "5.3"],
                 ["C31", "1000 population aged 18-64", "2007/08"], True, True, id="keys-filled-page-full"),
])
def test_is_fragment_truth_table(previous, row, page_full, expected):
    assert is_fragment(_row(previous, 5, 1), _row(row, 6, 2), page_full) is expected


# --- known faults ------------------------------------------------------------------------------

def test_new_row_after_a_full_page_is_not_joined_to_the_row_before():
    deaf = [
        "Develop a commissioning strategy for people who are deaf or hard of hearing to improve the "
        "range and quality of services available to them.",
        "Sheila Rochester",
        "Green",
        "Spotlight on Deafness is a commissioning review being undertaken by Action Deafness.",
    ]
    first = _part(2, 266.8, FULL_BOTTOM, [HEADER, DALE])
    second = _part(3, TOP_MARGIN, 183.6, [HEADER, deaf])
    [table], issues = stitch([first, second], [])
    assert _texts(table.rows) == [HEADER, DALE, deaf]
    assert issues == []


def test_table_ending_half_way_down_its_page_is_not_continued_on_the_next():
    first = _part(1, 143.0, 260.0, [HEADER, DALE])
    second = _part(2, TOP_MARGIN, 180.0, [HEADER, RESPITE])
    tables, _ = stitch([first, second], [])
    assert [(t.page_start, t.page_end) for t in tables] == [(1, 1), (2, 2)]
