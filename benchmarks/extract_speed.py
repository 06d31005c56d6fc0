"""How long perfreturns takes to read each sample, as a ratio to the bare library read.

The baseline, measured in the same run, is what any tool must pay: pdfplumber's
`extract_tables()` and `extract_text()` on every page, python-docx opening the file and
reading every cell, or openpyxl loading a workbook's stored values and reading every cell. The ratio says what our stitching, fills, classification and
normalisation add on top. Machines here are shared and noisy, so only ratios are reported.

    .venv/bin/python benchmarks/extract_speed.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pdfplumber

from pipeline.config import Settings
from pipeline.ingest import read

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def _bare_pdf(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.extract_text()
            page.close()


def _bare_docx(path: Path) -> None:
    document = docx.Document(str(path))
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                _ = cell.text


def _bare_xlsx(path: Path) -> None:
    workbook = openpyxl.load_workbook(path, data_only=True)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                _ = cell.value, cell.number_format, cell.fill
    workbook.close()


BARE = {".pdf": _bare_pdf, ".docx": _bare_docx, ".xlsx": _bare_xlsx}


def _measure(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median seconds and peak MiB of allocations over `repeat` runs."""
    times = []
    peak = 0
    for _ in range(repeat):
        tracemalloc.start()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
        peak = max(peak, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return statistics.median(times), peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    print(f"{'sample':<48} {'time ratio':>10} {'memory ratio':>13}")
    for path in sorted(SAMPLES.glob("*.docx")) + sorted(SAMPLES.glob("*.pdf")) + sorted(SAMPLES.glob("*.xlsx")):
        bare = BARE[path.suffix]
        base_time, base_memory = _measure(lambda: bare(path), args.repeat)
        ours_time, ours_memory = _measure(lambda: read(path, settings), args.repeat)
        print(f"{path.name:<48} {ours_time / base_time:>10.2f} {ours_memory / base_memory:>13.2f}")


if __name__ == "__main__":
    main()
