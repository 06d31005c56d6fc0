"""A fuzz batch: 1,000 mutated copies of the samples through one real `perfreturns run`.

Each file must end loaded or quarantined with a specific code: never internal_error, never a
hang, never a crash of the batch, and no process of the run over 500 MB.
"""

from __future__ import annotations

import io
import random
import warnings
import zipfile
from collections import Counter
from pathlib import Path

import sqlite_utils

import hostile_files as hostile

COUNT = 1000
SPECIFIC = {"corrupt_file", "empty_file", "encrypted_file", "unsupported_file", "too_large", "no_text_layer",
            "unsafe_file"}


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 24)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def _members(data: bytes) -> list[zipfile.ZipInfo]:
    return zipfile.ZipFile(io.BytesIO(data)).infolist()


def _corrupt_member(data: bytes, rng: random.Random) -> bytes:
    """Bytes flipped inside one member's deflate stream, the zip directory left whole."""
    info = rng.choice([i for i in _members(data) if i.compress_size > 8])
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    out = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        out[start + rng.randrange(info.compress_size)] = rng.randrange(256)
    return bytes(out)


def _duplicate_member(data: bytes, rng: random.Random) -> bytes:
    info = rng.choice(_members(data))
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": the point of the exercise
        for member in source.infolist():
            target.writestr(member.filename, source.read(member))
        target.writestr(info.filename, _flip(source.read(info), rng) if rng.random() < 0.5 else b"<x/>")
    return out.getvalue()


def _remove_member(data: bytes, rng: random.Random) -> bytes:
    return hostile.rezip(data, drop=(rng.choice(_members(data)).filename,))


def _mutate_xml(data: bytes, rng: random.Random) -> bytes:
    """document.xml cut, doubled, re-tagged or with a DOCTYPE bolted on, then zipped again properly."""
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    at, length = rng.randrange(len(xml)), rng.randint(1, 400)
    choice = rng.randrange(5)
    if choice == 0:
        xml = xml[:at] + xml[at + length:]
    elif choice == 1:
        xml = xml[:at] + xml[at: at + length] * rng.randint(2, 50) + xml[at:]
    elif choice == 2:
        xml = xml.replace(b"<w:tc>", b"<w:tbl><w:tr><w:tc>", rng.randint(1, 30))
    elif choice == 3:
        xml = xml.replace(b'w:val="', b'w:val="9' * rng.randint(1, 12), rng.randint(1, 40))
    else:
        xml = xml[:at] + bytes(rng.randrange(256) for _ in range(length)) + xml[at:]
    return hostile.rezip(data, {"word/document.xml": xml})


DOCX_MUTATIONS = (_flip, _truncate, _corrupt_member, _duplicate_member, _remove_member, _mutate_xml)
PDF_MUTATIONS = (_flip, _truncate)


def mutants(count: int, seed: int = 2026) -> dict[str, bytes]:
    """`count` mutated samples: 85% from the Word samples, the rest from the PDFs."""
    rng = random.Random(seed)
    sources = {p: p.read_bytes() for p in (hostile.COMMITMENTS_DOCX, hostile.PLAN_DOCX,
                                           hostile.COMMITMENTS_PDF, hostile.PLAN_PDF)}
    out = {}
    for n in range(count):
        is_pdf = rng.random() < 0.15
        path = rng.choice([p for p in sources if (p.suffix == ".pdf") == is_pdf])
        mutation = rng.choice(PDF_MUTATIONS if is_pdf else DOCX_MUTATIONS)
        out[f"{n:04d}-{mutation.__name__[1:]}-{path.name}"] = mutation(sources[path], rng)
    return out


def test_a_thousand_mutated_files_each_end_loaded_or_quarantined_with_a_specific_code(tmp_path):
    files = mutants(COUNT)
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    result, peak_kb = hostile.run_measured(tmp_path, "run", "--settle", "0", "--workers", "2", "--timeout", "60", "-q")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert sorted(p.name for p in inbox.iterdir()) == [".perfreturns.lock"]
    archived = [p.name for p in (tmp_path / "archive").rglob("*") if p.is_file()]
    quarantined = [p for p in (tmp_path / "quarantine").rglob("*") if p.is_file() and p.suffix != ".txt"]
    assert sorted(archived + [p.name for p in quarantined]) == sorted(files)
    codes = Counter(Path(f"{p}.reason.txt").read_text().split(":", 1)[0] for p in quarantined)
    assert set(codes) <= SPECIFIC, codes
    db = sqlite_utils.Database(tmp_path / "output" / "performance.db")
    assert db.execute("select count(*) from extraction_issues where code in ('internal_error', 'timeout')"
                      ).fetchone()[0] == 0
    [run] = db.query("select files_seen, loaded + duplicates + failed as ended, failed, status from runs")
    assert run == {"files_seen": COUNT, "ended": COUNT, "failed": len(quarantined), "status": "finished"}
    assert 100 < len(quarantined) < COUNT - 100  # the mutations both break files and leave some readable
    assert peak_kb < 500 * 1024, peak_kb
