"""Time per table row, from 1,000 to 20,000 rows, for a Word scorecard and its PDF.

Builds an indicator scorecard (code, description, target, actual, RAG status with its cell
shaded, a theme banner merged across every 20 rows, the header repeated on each page) as .docx
with python-docx, and as .pdf through LibreOffice, into a temporary folder. Then it times
three stages of each file separately: extraction (`extractors.extract`), normalising
(normalise, validate and the commentary stage, as `pipeline.ingest` runs them) and loading
(`loader.rows_for` and `loader.load` into a new database). It prints milliseconds per row
for each size and stage, and the ratio of the per-row time at the largest size to that at
the smallest: flat scaling reads near 1.0. Each stage's time is the fastest of several
(extraction twice below the largest size, once at it; normalising and loading three times),
since a shared machine is noisy; a ratio within about 0.2 of 1.0 is still noise.

LibreOffice's own layout of one long table grows faster than its rows (about 4 s for 1,000
rows, 40 s for 5,000, over 13 minutes for 20,000), so each PDF is exported in parts of 1,000
rows, the first under the title and each next one a table of the rows that follow with the
same header, and the parts' pages are put together by pypdfium2 into one file: one table
continued over about 720 pages at 20,000 rows, its header repeated on every page. The
script prints how many data rows each reading found (banners and repeated headers apart),
so that a table read short shows. `--rows` and `--pdf-rows` set other sizes. Without
`soffice` on PATH the PDF half is skipped, and the script says so.

    .venv/bin/python benchmarks/row_scaling.py [--rows 1000 5000 20000] [--pdf-rows 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import gc
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "samples"))

import build  # noqa: E402  the samples' own document helpers
from docx.oxml import OxmlElement  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from docx.shared import Cm  # noqa: E402
import pypdfium2  # noqa: E402
from generate_returns import export_pdfs  # noqa: E402  LibreOffice headless under a throwaway profile

import extractors  # noqa: E402
from extractors.detect import source_file  # noqa: E402
from pipeline import loader  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.nlp.enrich import enrich  # noqa: E402
from pipeline.normalise import normalise  # noqa: E402
from pipeline.validate import validate  # noqa: E402

HEADER = ["PI Code", "Indicator", "Target 2009/10", "Q2 2009/10", "Status"]
WIDTHS = [Cm(2.6), Cm(8.0), Cm(2.6), Cm(2.6), Cm(2.2)]
PREFIXES = ["ENV", "HSG", "ASC", "CYP", "PHL", "CUL", "WST", "PLN", "REV", "HWY",
            "LIB", "CSF", "ECO", "TRN", "FIN", "HRS", "ICT", "LEG", "PRO", "CUS"]
SUBJECTS = ["household waste recycled", "planning applications decided in time", "library visits per head",
            "road repairs completed on time", "benefit claims processed within 14 days",
            "young people in education or training", "older people helped to live at home"]
STATUSES = ["Green", "Amber", "Red"]
THEMES = ["Cleaner and greener places", "Safer communities", "A thriving economy", "Healthier lives"]
BANNER_EVERY = 20  # a theme's banner row, merged across the table, over each run of indicators
STAGES = ("extract", "normalise", "load")
PDF_PART_ROWS = 1_000  # rows LibreOffice exports at once, well before its layout of a long table slows
WARM_UP_ROWS = 200  # read once first, untimed, so that the smallest size pays no start-up costs
REPEAT = 3  # normalising and loading are cheap beside extraction: each is timed this many times
T = TypeVar("T")


def _rows(stop: int, start: int = 0) -> list[list[str]]:
    """A header and rows `start` to `stop`: indicators, each with its own code, under theme banners."""
    rows = [HEADER]
    for i in range(start, stop):
        if i % BANNER_EVERY == 0:
            rows.append([f"Theme: {THEMES[i // BANNER_EVERY % len(THEMES)]}"])
            continue
        target = 40 + i % 50
        actual = target + (i % 7) - 3
        rows.append([f"{PREFIXES[i // 1000 % len(PREFIXES)]} {i % 1000:03d}",
                     f"Percentage of {SUBJECTS[i % len(SUBJECTS)]}",
                     f"{target}.0%", f"{actual}.0%", STATUSES[i % len(STATUSES)]])
    return rows


def build_docx(folder: Path, count: int, part: range | None = None, name: str | None = None) -> Path:
    """A Word scorecard of `count` rows, its header repeated on every page; or only the rows of
    `part` of it, titled only when the part starts at the first row.

    Banners are merged here, as one cell with w:gridSpan, rather than by build.add_table:
    python-docx's merge() walks the whole table each time, which would make building the
    large tables quadratic.
    """
    title = f"Performance Scorecard Q2 2009/10 - {count} indicators"
    doc = build.new_document(title)
    part = part or range(count)
    if part.start == 0:
        doc.add_paragraph(title, style="Heading 1")
    rows = _rows(part.stop, part.start)
    padded = [values + [""] * (len(WIDTHS) - len(values)) for values in rows]
    table = build.add_table(doc, padded, WIDTHS, rag_column=4)
    for row, values in zip(table.rows, rows):
        if len(values) > 1:
            continue
        first, *covered = row.cells
        for cell in covered:
            row._tr.remove(cell._tc)
        span = OxmlElement("w:gridSpan")
        span.set(qn("w:val"), str(len(WIDTHS)))
        first._tc.get_or_add_tcPr().append(span)
        first.width = sum(WIDTHS)
        build.shade_cell(first, build.HEADER_FILL)
        build.bold_cell(first)
    path = folder / f"{name or f'scorecard-{count}'}.docx"
    doc.save(str(path))
    return path


def build_pdf(folder: Path, count: int) -> Path:
    """A scorecard of `count` rows as PDF: LibreOffice exports it in parts of PDF_PART_ROWS rows,
    whose pages pypdfium2 puts together in order."""
    parts = folder / f"parts-{count}"
    parts.mkdir()
    docs = [build_docx(parts, count, range(start, min(start + PDF_PART_ROWS, count)), f"part-{index:03d}")
            for index, start in enumerate(range(0, count, PDF_PART_ROWS))]
    export_pdfs(docs, parts)
    whole = pypdfium2.PdfDocument.new()
    for doc in docs:
        part = pypdfium2.PdfDocument(doc.with_suffix(".pdf"))
        whole.import_pages(part)
        part.close()
    path = folder / f"scorecard-{count}.pdf"
    whole.save(path)
    whole.close()
    return path


def _timed(action: Callable[[], T]) -> tuple[T, float]:
    """What an action returns, and its seconds, collecting the garbage it leaves included, so
    that none is charged to the stage after it."""
    gc.collect()
    started = time.perf_counter()
    result = action()
    gc.collect()
    return result, time.perf_counter() - started


def measure(path: Path, settings: Settings, folder: Path, extractions: int) -> dict[str, float]:
    """The fastest of several readings of each stage of one file: extraction `extractions` times,
    normalising and loading (each time into a new database) REPEAT times; `indicators` is how
    many indicators the file loaded."""
    source = source_file(path, settings, path.name)
    seconds: dict[str, list[float]] = {stage: [] for stage in STAGES}
    for _ in range(extractions):
        extracted, took = _timed(lambda: extractors.extract(source, settings))
        seconds["extract"].append(took)
    for _ in range(REPEAT):
        document, took = _timed(lambda: enrich(extracted, validate(normalise(extracted))))
        seconds["normalise"].append(took)
        # a new database, its tables made before the clock starts: their making does not grow with rows
        db = loader.open_database(folder / f"{path.stem}-{path.suffix[1:]}-{time.perf_counter_ns()}.db")
        _, took = _timed(lambda: loader.load(db, loader.rows_for(extracted, document), None))
        seconds["load"].append(took)
        indicators = db.table("indicators").count
        db.close()
    return {**{stage: min(found) for stage, found in seconds.items()}, "indicators": indicators}


def report(kind: str, timings: dict[int, dict[str, float]]) -> None:
    """Milliseconds per row for each size and stage, and the largest size's ratio to the smallest."""
    sizes = sorted(timings)
    print(f"\n{kind}: ms per row")
    print(f"{'rows':>8} " + " ".join(f"{s:>10}" for s in (*STAGES, "total")) + "   indicators loaded / in the file")
    for size in sizes:
        per = [timings[size][s] * 1000 / size for s in STAGES]
        written = size - -(-size // BANNER_EVERY)  # every BANNER_EVERY-th row is a banner
        print(f"{size:>8} " + " ".join(f"{v:>10.3f}" for v in (*per, sum(per)))
              + f"   {timings[size]['indicators']:,} / {written:,}")
    if len(sizes) > 1:
        low, high = sizes[0], sizes[-1]
        ratios = []
        for stage in STAGES:
            ratios.append((timings[high][stage] / high) / max(1e-9, timings[low][stage] / low))
        total = (sum(timings[high][s] for s in STAGES) / high) / max(1e-9, sum(timings[low][s] for s in STAGES) / low)
        print(f"{'ratio':>8} " + " ".join(f"{r:>10.2f}" for r in (*ratios, total))
              + f"   per-row time at {high:,} rows over that at {low:,}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--pdf-rows", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    # the limits would refuse the largest tables; the benchmark measures reading them
    settings = replace(Settings(), max_pages=100_000, max_table_rows=1_000_000)
    with tempfile.TemporaryDirectory(prefix="row-scaling-") as name:
        folder = Path(name)
        docx_paths = {count: build_docx(folder, count)
                      for count in sorted({WARM_UP_ROWS, *args.rows})}
        measure(docx_paths[WARM_UP_ROWS], settings, folder, 1)
        report("Word", {count: measure(docx_paths[count], settings, folder, 1 if count == max(args.rows) else 2)
                        for count in sorted(args.rows)})
        if shutil.which("soffice") is None:
            print("\nPDF: skipped, LibreOffice (soffice) is not on PATH; install libreoffice-writer-nogui.")
            return
        measure(build_pdf(folder, WARM_UP_ROWS), settings, folder, 1)
        pdf_timings: dict[int, dict[str, float]] = {}
        for count in sorted(args.pdf_rows):
            started = time.perf_counter()
            pdf = build_pdf(folder, count)
            print(f"LibreOffice exported {count:,} rows to PDF in {time.perf_counter() - started:.1f} s", flush=True)
            pdf_timings[count] = measure(pdf, settings, folder, 1 if count == max(args.pdf_rows) else 2)
        report("PDF", pdf_timings)


if __name__ == "__main__":
    main()
