"""PDF returns: logical tables over pages, cell fills, headings, and files that cannot be read."""

from __future__ import annotations

import hashlib
import re
import struct
from pathlib import Path

import pypdfium2
import pytest

from extractors import extract
from extractors.detect import source_file
from pipeline.config import PDF_ENGINES, Settings
from pipeline.errors import CorruptFile, EncryptedFile, NoTextLayer, TooLarge
from pipeline.models import BlockKind, ExtractedDocument, Issue, RawTable, Severity

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SETTINGS = Settings()

GREEN, AMBER, RED, GREY = "#00B050", "#FFC000", "#FF0000", "#D9D9D9"

# Column 0 of the first commitments table, as in the seed; the row Word broke over pages 1 and 2 is whole
FIRST_TABLE_COMMITMENTS = [
    "Commitment",
    "Adults",
    "Continue to support older people who want to remain living independently at home. We will do this "
    "through the greater use of rehabilitation, intermediate care, and respite services.",
    "We will develop a range of supported accommodation for older people, as an alternative to residential care.",
    "Our multi-agency Home Safety Group will be implementing a number of initiatives, including specific "
    "actions on fire safety and 'cold calling'.",
    "Improve older people's health and emotional well-being by increasing the range of leisure and recreational "
    "activities available to them through greater use of Direct Payments.",
    "Continue to work closely with the Department for Work and Pensions to maximise the levels of income for "
    "older people. In particular, we will increase the take-up of benefits such as Attendance Allowance, "
    "Housing Benefit, and Council Tax Benefit.",
    "Continue to develop the DALE service.",
    "Create a range of new opportunities for people with learning disabilities, and will significantly increase "
    "choice and promote independence. In 2007-08, the programme will focus on Charnwood and North West "
    "Leicestershire",
]

SECTION_HEADINGS = [
    "A – Improved Quality of Life for People",
    "A – Improved Quality of Life for People cont",
    "C – Improving Services to Deliver High Quality and Value for Money",
    "MTCS targets and priorities Older People (None LAA) Q3 2007-2008",
]
LEGEND = [
    "Green – On Trajectory",
    "Amber – Off Trajectory, but With Prospects For Recovery With Remedial Action",
    "Red- Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator Trajectory Back On "
    "Target",
]


def _folded(text: str) -> str:
    """A PDF wraps lines where Word did not: compare with whitespace folded."""
    return re.sub(r"\s+", " ", text).strip()


def _read(path: Path, settings: Settings = SETTINGS) -> ExtractedDocument:
    return extract(source_file(path, settings), settings)


@pytest.fixture(scope="module")
def commitments() -> ExtractedDocument:
    return _read(SAMPLES / "adult-services-commitments-q3-2007-08.pdf")


@pytest.fixture(scope="module")
def action_plan() -> ExtractedDocument:
    return _read(SAMPLES / "ni-136-action-plan.pdf")


def _column(table: RawTable, col: int) -> list[str]:
    return [_folded(next(c.text for c in row if c.col == col)) for row in table.rows]


# --- the commitments return -------------------------------------------------------------------

def test_commitments_pdf_gives_four_logical_tables_over_three_pages(commitments):
    assert commitments.pages == 3
    assert [(t.index, t.page_start, t.page_end) for t in commitments.tables] == [
        (0, 1, 2), (1, 2, 3), (2, 3, 3), (3, 3, 3)]
    assert [len(t.rows) for t in commitments.tables] == [9, 8, 2, 2]
    assert [t.width for t in commitments.tables] == [4, 4, 4, 5]
    assert [t.heading for t in commitments.tables] == SECTION_HEADINGS


def test_repeated_header_rows_are_gone_from_tables_continued_over_pages(commitments):
    first, second = commitments.tables[:2]
    assert _column(first, 0) == FIRST_TABLE_COMMITMENTS
    # repeated on the next page, or printed bold at the top: the rows the Word edition flags
    assert [t.header_rows for t in commitments.tables] == [1, 1, 1, 1]
    assert _column(second, 0).count("Commitment") == 1
    assert _column(second, 0)[0] == "Commitment"
    assert [(row[0].row, row[0].page) for row in second.rows] == [
        (0, 2), (1, 2), (2, 2), (3, 2), (4, 2), (5, 2), (6, 3), (7, 3)]


def test_officers_and_statuses_of_the_first_table_read_as_the_seed(commitments):
    first = commitments.tables[0]
    assert _column(first, 1) == ["Responsible Officer", ""] + [
        "Sheila Rochester", "Sheila Rochester", "Sandy McMillan", "Sheila Rochester", "Sheila Rochester",
        "Sheila Rochester", "Sue Disley"]
    assert _column(first, 2) == ["Red/Amber/ Green?", "", "Green", "Green", "Green", "Green", "Red", "Green",
                                 "Amber"]


def test_pdf_row_broken_across_pages_is_joined_and_keeps_both_pages(commitments):
    broken = commitments.tables[0].rows[8]
    assert [(c.col, c.page, c.page_end) for c in broken] == [(0, 1, 2), (1, 1, None), (2, 1, None), (3, 1, 2)]
    assert _folded(broken[3].text) == (
        "The rolling programme of day services modernisation is progressing well. Roman Way in Market Harborough "
        "has been remodelled to offer a community facility to the wider community as well as people with LD. "
        "People in the Shepshed area are attending a new base in New Fields Church Hall, rather than the large "
        "Mountsorrel Day Centre. Final negotiations are in hand to reprovide services locally to people in "
        "Loughborough. There are some difficulties finding appropriate sites to base services in south Charnwood "
        "for people with higher support needs, which is delaying the closure of Mountsorrel day Centre. One of "
        "the sites in Melton is proving not to be as suitable as expected so is under review."
    )
    participate = commitments.tables[1].rows[5]
    assert _folded(participate[0].text) == (
        "Participate in a new national initiative to improve services in mental health care for black and "
        "minority ethnic and excluded groups. This will ensure that people have access to appropriate services "
        "and experience less discrimination.")
    assert (participate[0].page, participate[0].page_end) == (2, 3)


def test_joined_rows_are_reported_as_issues(commitments):
    assert commitments.issues == (
        Issue(Severity.INFO, "row_joined_across_pages",
              "table 1: a row that broke across pages 1 and 2 was joined into one", 2, 0),
        Issue(Severity.INFO, "row_joined_across_pages",
              "table 2: a row that broke across pages 2 and 3 was joined into one", 3, 1),
    )


def test_rag_cells_carry_their_fill_colours(commitments):
    tables = commitments.tables
    assert [row[2].fill for row in tables[0].rows] == [GREY, None, GREEN, GREEN, GREEN, GREEN, RED, GREEN, AMBER]
    assert [row[2].fill for row in tables[1].rows] == [GREY, GREEN, AMBER, GREEN, GREEN, AMBER, GREEN, AMBER]
    assert [row[2].fill for row in tables[2].rows] == [GREY, AMBER]
    assert [row[3].fill for row in tables[3].rows] == [GREY, AMBER]


def test_header_cells_are_grey_and_other_cells_unfilled(commitments):
    for table in commitments.tables:
        rag_col = table.width - 2
        assert [c.fill for c in table.rows[0]] == [GREY] * table.width
        assert {c.fill for row in table.rows[1:] for c in row if c.col != rag_col} == {None}


def test_title_and_section_headings_are_blocks_of_their_kind(commitments):
    blocks = commitments.blocks
    assert [(b.kind, b.page, b.text) for b in blocks if b.kind is not BlockKind.PARAGRAPH] == [
        (BlockKind.TITLE, 1, "MTCS and Annual Plan Commitments Monitoring Q3 2007-08 - Adult Services"),
        (BlockKind.HEADING, 1, SECTION_HEADINGS[0]),
        (BlockKind.HEADING, 2, SECTION_HEADINGS[1]),
        (BlockKind.HEADING, 3, SECTION_HEADINGS[2]),
        (BlockKind.HEADING, 3, SECTION_HEADINGS[3]),
    ]
    assert {(b.level, b.style) for b in blocks if b.kind is BlockKind.HEADING} == {(2, "Heading 2")}
    assert [b.text for b in blocks if b.kind is BlockKind.PARAGRAPH] == LEGEND * 4


def test_blocks_and_tables_share_one_reading_order(commitments):
    items = sorted([*commitments.blocks, *commitments.tables], key=lambda item: item.order)
    labels = [f"table {i.index}" if isinstance(i, RawTable) else i.text[:5] for i in items]
    section = ["Green", "Amber", "Red- "]
    assert labels == (
        ["MTCS ", "A – I"] + section + ["table 0"]
        + ["A – I"] + section + ["table 1"]
        + ["C – I"] + section + ["table 2"]
        + ["MTCS "] + section + ["table 3"]
    )
    assert len({i.order for i in items}) == len(items)


# --- the action plan --------------------------------------------------------------------------

def test_action_plan_pdf_gives_its_seven_tables_with_pages(action_plan):
    assert [(t.page_start, t.page_end) for t in action_plan.tables] == [
        (1, 1), (1, 1), (1, 1), (2, 2), (2, 3), (3, 3), (3, 3)]
    assert [t.width for t in action_plan.tables] == [2, 4, 6, 6, 9, 6, 3]


def test_merged_caption_row_of_the_indicator_table_is_one_cell_spanning_nine_columns(action_plan):
    [indicators] = [t for t in action_plan.tables if t.heading == "5. Performance Indicators"]
    assert indicators.width == 9
    assert indicators.header_rows == 2
    caption, header = indicators.rows[0], indicators.rows[1]
    assert [(c.text, c.col, c.col_span, c.fill) for c in caption] == [
        ("Indicators - Performance Monitoring of Indicators", 0, 9, GREY)]
    assert [_folded(c.text) for c in header] == [
        "Ref No.", "Description", "Baseline", "Target 08/09", "Q1", "Q2", "Q3", "Q4", "Target Met Yes/No"]
    assert [(c.col, c.col_span) for c in header] == [(i, 1) for i in range(9)]
    [other] = [row for row in indicators.rows if len(row) == 1 and row[0].text.startswith("Other")]
    assert [(_folded(c.text), c.col_span, c.fill) for c in other] == [(
        "Other indicators that will be used to track progress, including disaggregated measures for target "
        "groups.", 9, None)]


def test_indicator_row_broken_over_a_full_page_is_joined(action_plan):
    [indicators] = [t for t in action_plan.tables if t.heading == "5. Performance Indicators"]
    assert [_folded(row[0].text) for row in indicators.rows] == [
        "Indicators - Performance Monitoring of Indicators", "Ref No.", "NI 136",
        "Other indicators that will be used to track progress, including disaggregated measures for target "
        "groups.", "PAF C29", "PAF C30", "PAF C31", "PAF C32"]
    c31 = indicators.rows[6]
    assert [_folded(c.text) for c in c31[:5]] == [
        "PAF C31", "Adults with Mental illness Helped to Live at Home per 1000 population aged 18-64",
        "5.3 2007/08", "5.2", "5.3"]
    assert [c.last_page for c in c31[:5]] == [3, 3, 3, 2, 2]
    assert [i.message for i in action_plan.issues] == [
        "table 5: a row that broke across pages 2 and 3 was joined into one"]


# --- files that cannot be read ----------------------------------------------------------------

def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file from the bodies of objects 1..n (object 1 the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n%s\nendstream" % (len(data), data)


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
TEXT_PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R " \
            b"/Resources << /Font << /F1 5 0 R >> >> >>"
HELVETICA = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
CONTENT = b"BT /F1 12 Tf 72 720 Td (Quarter 3 return) Tj ET"

# The standard security handler's padding string (PDF 1.7, 7.6.3.3)
PASSWORD_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user_password: bytes, owner_password: bytes) -> bytes:
    """A one-page PDF under the 40-bit RC4 standard security handler (revision 2)."""
    file_id = b"perfreturns-test"
    permissions = -4
    owner_key = hashlib.md5((owner_password + PASSWORD_PAD)[:32]).digest()[:5]
    o_entry = _rc4(owner_key, (user_password + PASSWORD_PAD)[:32])
    key = hashlib.md5((user_password + PASSWORD_PAD)[:32] + o_entry + struct.pack("<i", permissions)
                      + file_id).digest()[:5]
    u_entry = _rc4(key, PASSWORD_PAD)
    object_key = hashlib.md5(key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
        o_entry.hex().encode(), u_entry.hex().encode(), permissions)
    objects = [CATALOG, PAGES, TEXT_PAGE, _stream(_rc4(object_key, CONTENT)), HELVETICA, encrypt]
    id_hex = file_id.hex().encode()
    return _pdf(objects, b"/Encrypt 6 0 R /ID [<%s> <%s>]" % (id_hex, id_hex))


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_one_line_of_text_gives_one_paragraph_and_no_tables(tmp_path, engine):
    path = tmp_path / "note.pdf"
    path.write_bytes(_pdf([CATALOG, PAGES, TEXT_PAGE, _stream(CONTENT), HELVETICA]))
    doc = _read(path, Settings(pdf_engine=engine))
    assert doc.pages == 1
    assert doc.tables == ()
    assert [(b.kind, b.text, b.page) for b in doc.blocks] == [(BlockKind.PARAGRAPH, "Quarter 3 return", 1)]
    assert doc.issues == ()


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_corrupt_pdf_raises_corrupt_file_naming_the_file(tmp_path, engine):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(CorruptFile) as caught:
        _read(path, Settings(pdf_engine=engine))
    assert str(caught.value) == (
        "garbage.pdf: the PDF is damaged and cannot be read; export it again from Word and resend it.")
    assert caught.value.code == "corrupt_file"


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_truncated_pdf_raises_corrupt_file(tmp_path, engine):
    data = (SAMPLES / "ni-136-action-plan.pdf").read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptFile, match=r"^half\.pdf: the PDF is damaged and cannot be read"):
        _read(path, Settings(pdf_engine=engine))


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_blank_page_without_text_raises_no_text_layer(tmp_path, engine):
    path = tmp_path / "scan.pdf"
    document = pypdfium2.PdfDocument.new()
    document.new_page(595, 842)
    document.save(path)
    document.close()
    with pytest.raises(NoTextLayer) as caught:
        _read(path, Settings(pdf_engine=engine))
    assert str(caught.value) == (
        "scan.pdf: the PDF has no text layer (it looks scanned); send the Word original or a PDF exported "
        "from Word.")
    assert caught.value.code == "no_text_layer"


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_password_protected_pdf_raises_encrypted_file(tmp_path, engine):
    path = tmp_path / "locked.pdf"
    path.write_bytes(_encrypted_pdf(b"secret", b"owner"))
    with pytest.raises(EncryptedFile) as caught:
        _read(path, Settings(pdf_engine=engine))
    assert str(caught.value) == (
        "locked.pdf: the PDF is password-protected; save an unprotected copy into the inbox.")
    assert caught.value.code == "encrypted_file"


def test_pdf_over_the_page_limit_raises_too_large_naming_the_limit():
    settings = Settings(max_pages=2)
    with pytest.raises(TooLarge) as caught:
        _read(SAMPLES / "adult-services-commitments-q3-2007-08.pdf", settings)
    assert str(caught.value) == (
        "adult-services-commitments-q3-2007-08.pdf: the PDF has 3 pages, over the limit of 2; "
        "split it or raise PERFRETURNS_MAX_PAGES.")


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_with_a_damaged_page_raises_corrupt_file(tmp_path, engine):
    path = tmp_path / "badfont.pdf"
    damaged_font = b"<< /Type /Font /Subtype /Type0 /BaseFont /Arial /Encoding /Identity-H /DescendantFonts 7 >>"
    path.write_bytes(_pdf([CATALOG, PAGES, TEXT_PAGE, _stream(CONTENT), damaged_font]))
    with pytest.raises(CorruptFile, match=r"^badfont\.pdf: "):
        _read(path, Settings(pdf_engine=engine))


@pytest.mark.parametrize("engine", PDF_ENGINES)
def test_pdf_with_a_malformed_media_box_raises_corrupt_file(tmp_path, engine):
    path = tmp_path / "badbox.pdf"
    page = TEXT_PAGE.replace(b"[0 0 595 842]", b"[0 0 (wide) 842]")
    path.write_bytes(_pdf([CATALOG, PAGES, page, _stream(CONTENT), HELVETICA]))
    with pytest.raises(CorruptFile, match=r"^badbox\.pdf: "):
        _read(path, Settings(pdf_engine=engine))


def test_committed_commitments_pdf_really_breaks_two_rows_across_pages():
    """Read with pdfplumber alone, so the sample itself is checked, not our stitching."""
    import pdfplumber

    path = Path(__file__).resolve().parent.parent / "samples" / "adult-services-commitments-q3-2007-08.pdf"
    with pdfplumber.open(path) as pdf:
        pages = [" ".join((page.extract_text() or "").split()) for page in pdf.pages]
    assert len(pages) == 3
    assert "Create a range of new opportunities for people" in pages[0]
    assert "increase choice and promote independence. In" in pages[1]
    assert "Participate in a new national initiative to improve" in pages[1]
    assert "minority ethnic and excluded groups. This will" in pages[2]
