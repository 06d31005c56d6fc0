"""What a file is comes from its bytes; the limits are checked before any parser runs."""

from __future__ import annotations

import hashlib
import io
import tracemalloc
import random
import zipfile
from pathlib import Path

import docx
import pytest

from extractors.detect import check_zip, detect, source_file
from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, TooLarge
from pipeline.models import FileType

MINIMAL_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("Quarter 3 return")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(path: Path, members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _detected(path: Path) -> FileType:
    return source_file(path, Settings()).file_type


def test_pdf_named_docx_is_detected_as_pdf(tmp_path):
    assert _detected(_write(tmp_path / "return.docx", MINIMAL_PDF)) is FileType.PDF


def test_pdf_after_leading_whitespace_is_detected_as_pdf(tmp_path):
    assert _detected(_write(tmp_path / "return.bin", b"\r\n  " + MINIMAL_PDF)) is FileType.PDF


def test_docx_named_pdf_is_detected_as_docx(tmp_path):
    assert _detected(_write(tmp_path / "return.pdf", _docx_bytes())) is FileType.DOCX


def test_rtf_is_detected_from_its_signature(tmp_path):
    data = b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Arial;}} Quarter 3 return\\par }"
    assert _detected(_write(tmp_path / "return.docx", data)) is FileType.RTF


def test_ole_header_is_detected_as_doc(tmp_path):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert _detected(_write(tmp_path / "return.pdf", data)) is FileType.DOC


def test_odf_zip_with_text_mimetype_is_detected_as_odt(tmp_path):
    path = _zip(tmp_path / "return.docx", {"mimetype": ODT_MIMETYPE, "content.xml": b"<office:document-content/>"},
                zipfile.ZIP_STORED)
    assert _detected(path) is FileType.ODT


def test_odf_zip_with_spreadsheet_mimetype_is_detected_as_ods(tmp_path):
    path = _zip(tmp_path / "return.odt", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    assert _detected(path) is FileType.ODS


def test_zip_with_workbook_is_detected_as_xlsx(tmp_path):
    path = _zip(tmp_path / "return.docx", {"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
    assert _detected(path) is FileType.XLSX


def test_zip_of_other_files_is_unknown_whatever_its_name(tmp_path):
    path = _zip(tmp_path / "return.docx", {"notes.txt": b"Quarter 3 return"})
    assert _detected(path) is FileType.UNKNOWN


def test_unknown_bytes_are_unknown_whatever_the_extension(tmp_path):
    assert _detected(_write(tmp_path / "return.docx", b"Quarter 3 return, plain text")) is FileType.UNKNOWN
    assert _detected(_write(tmp_path / "return.pdf", bytes(range(256)))) is FileType.UNKNOWN


def test_damaged_zip_falls_back_on_its_extension(tmp_path):
    data = _docx_bytes()
    truncated = data[: len(data) // 2]
    assert _detected(_write(tmp_path / "return.docx", truncated)) is FileType.DOCX
    assert _detected(_write(tmp_path / "return.zzz", truncated)) is FileType.UNKNOWN


def test_detect_decides_from_the_head_it_is_given(tmp_path):
    path = _write(tmp_path / "return.docx", b"irrelevant")
    assert detect(path, MINIMAL_PDF) is FileType.PDF
    assert detect(path, b"{\\rtf1 x}") is FileType.RTF
    assert detect(path, b"GIF89a") is FileType.UNKNOWN


def test_source_file_records_name_size_and_hash(tmp_path):
    path = _write(tmp_path / "stored-as.pdf", MINIMAL_PDF)
    source = source_file(path, Settings(), original_name="Q3 return.pdf")
    assert source.path == path
    assert source.original_name == "Q3 return.pdf"
    assert source.size == len(MINIMAL_PDF)
    assert source.sha256 == hashlib.sha256(MINIMAL_PDF).hexdigest()
    assert len(source.sha256) == 64


def test_empty_file_raises_empty_file_naming_it(tmp_path):
    path = _write(tmp_path / "blank.docx", b"")
    with pytest.raises(EmptyFile) as caught:
        source_file(path, Settings())
    assert str(caught.value) == "blank.docx: the file is empty (0 bytes); send the return again."
    assert caught.value.code == "empty_file"


def test_empty_file_message_uses_the_original_name(tmp_path):
    path = _write(tmp_path / "0001.tmp", b"")
    with pytest.raises(EmptyFile, match=r"^Q3 return\.docx: "):
        source_file(path, Settings(), original_name="Q3 return.docx")


def test_file_over_max_bytes_raises_too_large_naming_the_limit(tmp_path):
    path = _write(tmp_path / "big.pdf", MINIMAL_PDF + b"%" * (2000 - len(MINIMAL_PDF)))
    with pytest.raises(TooLarge) as caught:
        source_file(path, Settings(max_bytes=1000))
    assert str(caught.value) == (
        "big.pdf: the file is 2,000 bytes, over the limit of 1,000 bytes; "
        "split it or raise PERFRETURNS_MAX_BYTES."
    )
    assert caught.value.code == "too_large"


def test_file_exactly_at_max_bytes_is_accepted(tmp_path):
    path = _write(tmp_path / "edge.pdf", MINIMAL_PDF)
    assert source_file(path, Settings(max_bytes=len(MINIMAL_PDF))).file_type is FileType.PDF


def test_check_zip_accepts_an_ordinary_docx(tmp_path):
    path = _write(tmp_path / "return.docx", _docx_bytes())
    assert check_zip(path, Settings()) is None


def test_check_zip_refuses_too_many_entries(tmp_path):
    path = _zip(tmp_path / "many.docx", {f"word/part{i}.xml": b"<x/>" for i in range(11)})
    with pytest.raises(TooLarge) as caught:
        check_zip(path, Settings(max_zip_entries=10))
    assert str(caught.value) == "many.docx: the file holds 11 parts, over the limit of 10; it may be a zip bomb."


def test_check_zip_allows_exactly_max_entries(tmp_path):
    path = _zip(tmp_path / "ten.docx", {f"word/part{i}.xml": b"<x/>" for i in range(10)})
    assert check_zip(path, Settings(max_zip_entries=10)) is None


def test_check_zip_refuses_a_zip_bomb_by_compression_ratio(tmp_path):
    # 8 MB of zeros deflates to about 8 KB: a ratio near 1000, over the default limit of 100
    path = _zip(tmp_path / "bomb.docx", {"word/document.xml": bytes(8 * 1024 * 1024)})
    with pytest.raises(TooLarge) as caught:
        check_zip(path, Settings())
    assert str(caught.value) == (
        "bomb.docx: the file unpacks to 8,388,608 bytes, 1028 times its size, over the limit of 100 times; "
        "it may be a zip bomb.")


def test_check_zip_refuses_a_bomb_part_padded_below_the_overall_ratio(tmp_path):
    # 8 MB of zeros (about 1000:1) beside 1 MB of random bytes, stored: about 9:1 overall
    padding = random.Random(12).randbytes(1024 * 1024)
    path = tmp_path / "padded.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("word/media/padding.bin"), padding, zipfile.ZIP_STORED)
        archive.writestr("word/document.xml", bytes(8 * 1024 * 1024), zipfile.ZIP_DEFLATED)
    with pytest.raises(TooLarge) as caught:
        check_zip(path, Settings(max_zip_ratio=20))
    assert str(caught.value) == (
        "padded.docx: its part word/document.xml unpacks to 8,388,608 bytes, 1028 times its packed size, "
        "over the limit of 20 times for one part; it may be a zip bomb.")


def test_check_zip_refuses_a_zip_that_unpacks_past_the_byte_limit(tmp_path):
    # stored, not deflated: the ratio is 1, only the unpacked size is over
    path = _zip(tmp_path / "stored.docx", {"word/media/image1.bin": bytes(range(256)) * 64}, zipfile.ZIP_STORED)
    with pytest.raises(TooLarge) as caught:
        check_zip(path, Settings(max_unzipped_bytes=10_000))
    assert str(caught.value) == (
        "stored.docx: the file unpacks to 16,384 bytes, over the limit of 10,000 bytes; it may be a zip bomb."
    )


def test_check_zip_refuses_a_damaged_zip_as_corrupt(tmp_path):
    data = _docx_bytes()
    path = _write(tmp_path / "cut.docx", data[: len(data) // 2])
    with pytest.raises(CorruptFile) as caught:
        check_zip(path, Settings())
    assert str(caught.value) == (
        "cut.docx: the file is damaged (its zip container cannot be opened); "
        "save it again from Word and put the new copy in the inbox."
    )


def test_detecting_a_zip_does_not_inflate_a_huge_mimetype_member(tmp_path):
    path = _zip(tmp_path / "bomb.odt", {"mimetype": ODT_MIMETYPE + bytes(16 * 1024 * 1024)})
    head = path.read_bytes()[:4096]
    tracemalloc.start()
    try:
        detect(path, head)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1024 * 1024
