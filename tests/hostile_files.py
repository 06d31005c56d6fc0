"""Builders of bad and hostile files, each as a user or an attacker would send it.

Word files are made with python-docx and then edited at the XML or zip level; the PDFs are
written object by object. Nothing here is produced by perfreturns.
"""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from pathlib import Path

import docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
COMMITMENTS_DOCX = SAMPLES / "adult-services-commitments-q3-2007-08.docx"
COMMITMENTS_PDF = SAMPLES / "adult-services-commitments-q3-2007-08.pdf"
PLAN_DOCX = SAMPLES / "ni-136-action-plan.docx"
PLAN_PDF = SAMPLES / "ni-136-action-plan.pdf"


def docx_bytes(document: docx.document.Document) -> bytes:
    """A python-docx document saved to bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, tuple[bytes, int]] | None = None,
          drop: tuple[str, ...] = ()) -> bytes:
    """A copy of a zip with members replaced, added (bytes, compression) or dropped."""
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name, (content, compression) in (add or {}).items():
            target.writestr(zipfile.ZipInfo(name), content, compression)
    return out.getvalue()


def nested_tables(depth: int) -> bytes:
    """A .docx with a table in a cell of a table ... `depth` deep, each cell saying its level."""
    document = docx.Document()
    document.add_paragraph("Nested tables")
    cell = document.add_table(rows=1, cols=2).cell(0, 0)
    cell.text = "level 1"
    for level in range(2, depth + 1):
        cell = cell.add_table(rows=1, cols=2).cell(0, 0)
        cell.text = f"level {level}"
    return docx_bytes(document)


def huge_grid_span(span: int = 300_000_000) -> bytes:
    """A .docx whose one cell claims to span `span` grid columns."""
    document = docx.Document()
    document.add_paragraph("Quarter 3")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Commitment"
    data = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    first = xml.index(b"<w:tcPr>") + len(b"<w:tcPr>")
    xml = xml[:first] + b'<w:gridSpan w:val="%d"/>' % span + xml[first:]
    return rezip(data, {"word/document.xml": xml})


def zip_bomb() -> bytes:
    """A .docx whose document part is 20 MB of one repeated byte (about 1000:1)."""
    return rezip(docx_bytes(docx.Document()), {"word/document.xml": b" " * (20 * 1024 * 1024)})


def padded_zip_bomb() -> bytes:
    """A real return plus a 1000:1 part, padded with 1.2 MB of random stored bytes to pass an overall ratio."""
    padding = random.Random(7).randbytes(1_200_000)
    return rezip(COMMITMENTS_DOCX.read_bytes(), add={
        "word/media/image9.bin": (padding, zipfile.ZIP_STORED),
        "customXml/item9.xml": (b"<a>" + b" " * (12 * 1024 * 1024) + b"</a>", zipfile.ZIP_DEFLATED),
    })


def external_entity() -> bytes:
    """A .docx whose document part declares an external entity pointing at /etc/passwd."""
    document = docx.Document()
    document.add_paragraph("ENTITY_HERE")
    data = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    head, rest = xml.split(b"?>", 1)
    root = rest.lstrip()[1:].split(b" ", 1)[0]
    xml = (head + b'?><!DOCTYPE ' + root + b' [<!ENTITY leak SYSTEM "file:///etc/passwd">]>' + rest
           ).replace(b"ENTITY_HERE", b"&leak;")
    return rezip(data, {"word/document.xml": xml})


def large_table(rows: int) -> bytes:
    """A valid .docx with one table of `rows` three-cell rows, each a little different."""
    document = docx.Document()
    document.add_paragraph("Quarter 3 commitments")
    table = document.add_table(rows=1, cols=3)
    for col, text in enumerate(("Commitment", "Lead Officer", "Status")):
        table.cell(0, col).text = text
    data = docx_bytes(document)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode()
    start = xml.index("<w:tr>") if "<w:tr>" in xml else xml.index("<w:tr ")
    end = xml.index("</w:tr>") + len("</w:tr>")
    row = xml[start:end]
    body = "".join(row.replace("Commitment", f"Commitment {i}").replace("Status", "Green") for i in range(rows))
    return rezip(data, {"word/document.xml": (xml[:end] + body + xml[end:]).encode()})


def distinct_copy(path: Path, number: int) -> bytes:
    """A sample with different bytes and the same content: a Word file with one more paragraph,
    a PDF with a comment after its end (readers ignore what follows %%EOF)."""
    if path.suffix == ".pdf":
        return path.read_bytes() + b"\n%% copy %d\n" % number
    document = docx.Document(str(path))
    document.add_paragraph(f"Copy {number}")
    return docx_bytes(document)


def pdf_stream_bomb(inflated_mb: int = 200) -> bytes:
    """A one-page PDF whose content stream deflates from a few hundred KB to `inflated_mb` MB of spaces."""
    from test_pdf import CATALOG, HELVETICA, PAGES, TEXT_PAGE, _pdf

    content = zlib.compress(b"BT /F1 12 Tf 72 720 Td (Quarter 3) Tj ET" + b" " * (inflated_mb * 1024 * 1024), 9)
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(content), content)
    return _pdf([CATALOG, PAGES, TEXT_PAGE, stream, HELVETICA])


MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def run_measured(cwd: Path, *args: str, env: dict[str, str] | None = None,
                 timeout: float = 900) -> tuple["subprocess.CompletedProcess[str]", int]:
    """`perfreturns ARGS` under a parent of its own; with the peak memory in KB of its largest process."""
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", *args], cwd=cwd,
                            capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    return result, int(result.stdout.split()[-1])
