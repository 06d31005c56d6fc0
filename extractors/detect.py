"""Decide what a file is from its bytes; the extension only breaks ties."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import olefile

from pipeline.config import Settings
from pipeline.errors import CorruptFile, EmptyFile, TooLarge
from pipeline.models import FileType, SourceFile

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BY_EXTENSION = {f".{t.value}": t for t in FileType if t is not FileType.UNKNOWN}


def detect(path: Path, head: bytes) -> FileType:
    """The file type from its first bytes and, for zips, its members."""
    if head.lstrip(b"\x00\t\r\n ").startswith(b"%PDF-"):
        return FileType.PDF
    if head.startswith(b"{\\rtf"):
        return FileType.RTF
    if head.startswith(OLE_MAGIC):
        return _detect_ole(path)
    if head.startswith(b"PK\x03\x04"):
        return _detect_zip(path)
    return FileType.UNKNOWN


def _detect_zip(path: Path) -> FileType:
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return FileType.DOCX
            if "xl/workbook.xml" in names:
                return FileType.XLSX
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # read a few bytes: check_zip has not run yet
                    mimetype = member.read(100).decode("ascii", "replace")
                if "opendocument.text" in mimetype:
                    return FileType.ODT
                if "opendocument.spreadsheet" in mimetype:
                    return FileType.ODS
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        # a damaged zip: the extension says which reader will explain the damage
        return _BY_EXTENSION.get(path.suffix.lower(), FileType.UNKNOWN)
    return FileType.UNKNOWN


def _detect_ole(path: Path) -> FileType:
    """A legacy Word (.doc) or Excel (.xls) file, told apart by the streams inside it.

    An OLE file too damaged to list its streams is taken by its extension, else as .doc;
    a password-protected .docx or .xlsx is an OLE file too, holding an EncryptedPackage.
    """
    try:
        with olefile.OleFileIO(str(path)) as ole:
            if ole.exists("WordDocument"):
                return FileType.DOC
            if ole.exists("Workbook") or ole.exists("Book"):
                return FileType.XLS
    except (OSError, ValueError):  # olefile raises OSError for a damaged or truncated file
        pass
    return FileType.XLS if path.suffix.lower() == ".xls" else FileType.DOC


MEMBER_RATIO_FLOOR = 1024 * 1024  # a part inflating to less than this cannot hurt, whatever its ratio


def check_zip(path: Path, settings: Settings) -> None:
    """Refuse zip bombs before any parser inflates them: part count, total size, ratios overall and per part.

    The ratio is checked for each part as well as overall: a large part of random bytes
    (which do not compress) can pad a 1000:1 part below an overall limit.
    """
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError, NotImplementedError, OSError):
        raise CorruptFile(
            f"{name}: the file is damaged (its zip container cannot be opened); "
            "save it again from Word and put the new copy in the inbox."
        ) from None
    if len(entries) > settings.max_zip_entries:
        raise TooLarge(
            f"{name}: the file holds {len(entries)} parts, over the limit of "
            f"{settings.max_zip_entries}; it may be a zip bomb."
        )
    unpacked = sum(entry.file_size for entry in entries)
    packed = max(1, sum(entry.compress_size for entry in entries))
    if unpacked > settings.max_unzipped_bytes:
        raise TooLarge(
            f"{name}: the file unpacks to {unpacked:,} bytes, over the limit of "
            f"{settings.max_unzipped_bytes:,} bytes; it may be a zip bomb."
        )
    if unpacked / packed > settings.max_zip_ratio:
        raise TooLarge(
            f"{name}: the file unpacks to {unpacked:,} bytes, {unpacked / packed:.0f} times its size, "
            f"over the limit of {settings.max_zip_ratio} times; it may be a zip bomb."
        )
    for entry in entries:
        ratio = entry.file_size / max(1, entry.compress_size)
        if entry.file_size > MEMBER_RATIO_FLOOR and ratio > settings.max_zip_ratio:
            raise TooLarge(
                f"{name}: its part {entry.filename} unpacks to {entry.file_size:,} bytes, {ratio:.0f} times "
                f"its packed size, over the limit of {settings.max_zip_ratio} times for one part; "
                "it may be a zip bomb."
            )


def source_file(path: Path, settings: Settings, original_name: str | None = None) -> SourceFile:
    """Hash, size and detect a file, checking the size limit first."""
    size = path.stat().st_size
    name = original_name or path.name
    if size == 0:
        raise EmptyFile(f"{name}: the file is empty (0 bytes); send the return again.")
    if size > settings.max_bytes:
        raise TooLarge(
            f"{name}: the file is {size:,} bytes, over the limit of {settings.max_bytes:,} bytes; "
            "split it or raise PERFRETURNS_MAX_BYTES."
        )
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        head = handle.read(4096)
        digest.update(head)
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return SourceFile(path, name, digest.hexdigest(), size, detect(path, head))
