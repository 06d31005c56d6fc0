"""Legacy formats (.doc, .rtf, .odt; .xls, .ods): converted by LibreOffice headless, then read as .docx or .xlsx.

Each conversion runs in its own temporary folder with its own LibreOffice profile
(-env:UserInstallation), so two conversions can run at once, and under a time limit. The
document keeps the original's name, hash and file type: only the reading goes through the
converted copy.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import olefile

from extractors import Extractor, docx, register, xlsx
from pipeline.config import Settings
from pipeline.errors import ConverterMissing, CorruptFile, EncryptedFile, TooLarge
from pipeline.models import ExtractedDocument, FileType, SourceFile


@dataclass(frozen=True, slots=True)
class _Route:
    """How one legacy type is read: the format LibreOffice writes, its filter, the extractor, the package."""

    target: str
    output_filter: str
    extractor: Extractor
    package: str
    kind: str


_WORD = _Route("docx", "docx:MS Word 2007 XML", docx.extract, "libreoffice-writer-nogui", "Word")
_CALC = _Route("xlsx", "xlsx:Calc MS Excel 2007 XML", xlsx.extract, "libreoffice-calc-nogui", "Excel")
ROUTES: dict[FileType, _Route] = {
    FileType.DOC: _WORD, FileType.RTF: _WORD, FileType.ODT: _WORD, FileType.XLS: _CALC, FileType.ODS: _CALC,
}
_FIB_ENCRYPTED = 0x0100  # fEncrypted in the flags word at offset 10 of a .doc's WordDocument stream


def soffice() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def extract(source: SourceFile, settings: Settings) -> ExtractedDocument:
    """Convert a legacy file with LibreOffice and read the copy, keeping the original's identity."""
    route = ROUTES[source.file_type]
    _refuse_encrypted(source)
    program = soffice()
    if program is None:
        raise ConverterMissing(
            f"{source.original_name}: reading a .{source.file_type.value} file needs LibreOffice, which is "
            f"not installed; install the Debian package {route.package} "
            f"(apt-get install {route.package}), or send the return as .{route.target}."
        )
    with tempfile.TemporaryDirectory(prefix="perfreturns-convert-") as work:
        converted = convert(program, source, route, Path(work), settings.max_convert_seconds)
        copy = replace(source, path=converted, file_type=FileType(route.target))
        document = route.extractor(copy, settings)
    return replace(document, source=source)


def convert(program: str, source: SourceFile, route: _Route, work: Path, seconds: int) -> Path:
    """Run soffice --headless --convert-to in `work`, with a profile of its own, under a time limit."""
    inbox, outdir, profile = work / "in", work / "out", work / "profile"
    inbox.mkdir()
    outdir.mkdir()
    # a plain ASCII name: LibreOffice picks its import filter by content, and odd names trip it up
    original = inbox / f"return.{source.file_type.value}"
    shutil.copyfile(source.path, original)
    command = [
        program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nologo",
        "--nolockcheck", "--nodefault", "--convert-to", route.output_filter, "--outdir", str(outdir),
        str(original),
    ]
    env = dict(os.environ, HOME=str(work))  # nothing of the user's own LibreOffice is touched
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # soffice starts soffice.bin: end the whole group
        process.communicate()
        raise TooLarge(
            f"{source.original_name}: LibreOffice took longer than the limit of {seconds} seconds to "
            "convert the file; save it as ."
            f"{route.target} and resend it, or raise PERFRETURNS_MAX_CONVERT_SECONDS."
        ) from None
    converted = outdir / f"return.{route.target}"
    if process.returncode != 0 or not converted.exists() or converted.stat().st_size == 0:
        detail = output.decode("utf-8", "replace").strip().splitlines()
        why = f" ({detail[-1]})" if detail and process.returncode != 0 else ""
        raise CorruptFile(
            f"{source.original_name}: LibreOffice could not convert this .{source.file_type.value} file{why}; "
            f"it may be damaged or password-protected: open it in {route.kind}, save it as "
            f".{route.target} and resend it."
        )
    return converted


def _refuse_encrypted(source: SourceFile) -> None:
    """A password-protected OLE file: an encrypted .docx/.xlsx package, or a .doc flagged encrypted."""
    if source.file_type not in (FileType.DOC, FileType.XLS):
        return
    try:
        with olefile.OleFileIO(str(source.path)) as ole:
            encrypted = ole.exists("EncryptedPackage")
            if not encrypted and ole.exists("WordDocument"):
                header = ole.openstream("WordDocument").read(12)
                encrypted = len(header) == 12 and bool(int.from_bytes(header[10:12], "little") & _FIB_ENCRYPTED)
    except (OSError, ValueError):
        raise CorruptFile(
            f"{source.original_name}: the file is damaged (its OLE container cannot be read); "
            "open it in Word or Excel, save it again and resend it."
        ) from None
    if encrypted:
        raise EncryptedFile(
            f"{source.original_name}: the file is password-protected; save an unprotected copy into the inbox."
        )


for _file_type in ROUTES:
    register(_file_type)(extract)
