"""What reading the commentary adds to ingesting the samples, as ratios measured in one run.

The baseline is the ingest without the commentary stage: extract, normalise, validate, build
the rows and load them into a fresh in-memory database. The stage (officers, comment facts,
RAG consistency, organisation) is timed on the same document right after, file by file;
the ratio is (ingest + stage) / ingest, medians over the repeats.

Two figures, because spaCy is loaded once per process:
- warm: the added time per file once the pipeline is built, as a batch worker sees it;
- cold: a fresh process ingesting every sample, spaCy's import and build included.

    .venv/bin/python benchmarks/commentary_speed.py [--repeat 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils

import extractors
from extractors.detect import source_file
from pipeline import loader
from pipeline.config import Settings
from pipeline.nlp import engine
from pipeline.nlp.enrich import enrich
from pipeline.normalise import normalise
from pipeline.validate import validate

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.docx")) + sorted((ROOT / "samples").glob("*.pdf"))

_CHILD = """
import sys, time
started = time.perf_counter()
from pathlib import Path
import sqlite_utils, extractors
from extractors.detect import source_file
from pipeline import loader
from pipeline.config import Settings
from pipeline.normalise import normalise
from pipeline.validate import validate
with_nlp = sys.argv[1] == "1"
if with_nlp:
    from pipeline.nlp.enrich import enrich
settings = Settings()
db = sqlite_utils.Database(memory=True)
for name in sys.argv[2:]:
    extracted = extractors.extract(source_file(Path(name), settings), settings)
    document = validate(normalise(extracted))
    if with_nlp:
        document = enrich(extracted, document)
    loader.load(db, loader.rows_for(extracted, document), None)
print(time.perf_counter() - started)
"""


def _ingest(path: Path, stage: bool = True) -> tuple[float, float]:
    """Seconds to ingest one file into a fresh in-memory database without the commentary stage,
    and the seconds the stage itself takes on the same file in the same run."""
    settings = Settings()
    db = sqlite_utils.Database(memory=True)
    started = time.perf_counter()
    extracted = extractors.extract(source_file(path, settings), settings)
    document = validate(normalise(extracted))
    loader.load(db, loader.rows_for(extracted, document), None)
    base = time.perf_counter() - started
    started = time.perf_counter()
    if stage:
        enrich(extracted, document)
    return base, time.perf_counter() - started


def _cold(with_nlp: bool) -> float:
    result = subprocess.run([sys.executable, "-c", _CHILD, "1" if with_nlp else "0", *map(str, SAMPLES)],
                            cwd=ROOT, capture_output=True, text=True, check=True)
    return float(result.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=9)
    args = parser.parse_args()

    for path in SAMPLES:  # warm the extractors' own caches and the file system before timing
        _ingest(path, stage=False)
    started = time.perf_counter()
    engine.engine()
    load_seconds = time.perf_counter() - started

    print(f"{'sample':<48} {'ingest':>9} {'+ stage':>9} {'ratio':>7}")
    totals = [0.0, 0.0]
    for path in SAMPLES:
        runs = [_ingest(path) for _ in range(args.repeat)]
        base = statistics.median(r[0] for r in runs)
        added = statistics.median(r[1] for r in runs)
        totals[0] += base
        totals[1] += added
        print(f"{path.name:<48} {base:9.4f} {added:9.4f} {(base + added) / base:7.3f}")
    print(f"{'all samples, warm':<48} {totals[0]:9.4f} {totals[1]:9.4f} {sum(totals) / totals[0]:7.3f}")
    print(f"spaCy pipeline built once per process in {load_seconds:.3f} s "
          f"({load_seconds / totals[0]:.2f} x one ingest of all samples)")
    cold: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(5):
        for flag in (False, True):
            cold[flag].append(_cold(flag))
    without, with_stage = (statistics.median(cold[flag]) for flag in (False, True))
    print(f"{'all samples, fresh process (with the stage)':<48} {without:9.4f} {with_stage:9.4f} "
          f"{with_stage / without:7.3f}")


if __name__ == "__main__":
    main()
