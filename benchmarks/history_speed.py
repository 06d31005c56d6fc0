"""What the history links and the views cost, as ratios to a baseline measured in the same run.

* Loading: ingesting the three quarters of the commitments return, against the same ingest
  with the quarter-to-quarter relinking switched off. The ratio is what commitment_history
  adds to a load.
* Matching: rapidfuzz's cdist over every pair of a return's commitments, scaled up to a
  return of N commitments (by repeating the sample's wording with numbers), against
  comparing the same strings for plain equality in Python.
* Views: reading each view in full, against reading the commitments table in full.

Machines here are shared and noisy, so only ratios are reported.

    .venv/bin/python benchmarks/history_speed.py [--repeat 5] [--size 400]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

from pipeline import history, loader
from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.views import VIEWS

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
RETURNS = [SAMPLES / f"adult-services-commitments-q{q}-2007-08.docx" for q in (1, 2, 3)]


def _best(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _ingest_fresh(relink: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        original = loader.relink
        if not relink:
            loader.relink = lambda db, document_id: None  # type: ignore[assignment]
        try:
            ingest(RETURNS, Settings(db=Path(folder) / "performance.db"))
        finally:
            loader.relink = original


def main() -> None:
    """Print the ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", type=int, default=400, help="commitments per return for the matching test")
    args = parser.parse_args()

    with_links = _best(lambda: _ingest_fresh(True), args.repeat)
    without = _best(lambda: _ingest_fresh(False), args.repeat)
    print(f"load 3 quarters with history links / without: {with_links / without:.2f}")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "performance.db"
        ingest(RETURNS, Settings(db=path))
        db = sqlite_utils.Database(path)
        words = [r["commitment"] or r["deliverable"] for r in db.query("select * from commitments")]
        rows = [{"id": i, "commitment": f"{words[i % len(words)]} ({i})"} for i in range(args.size)]
        matched = _best(lambda: history.match(rows, rows), args.repeat)
        plain = _best(lambda: [(a, b) for a in rows for b in rows if a["commitment"] == b["commitment"]],
                      args.repeat)
        print(f"match {args.size} x {args.size} commitments, rapidfuzz / plain equality: {matched / plain:.2f}")
        base = _best(lambda: db.execute("select * from commitments").fetchall(), args.repeat * 4)
        for name in VIEWS:
            cost = _best(lambda: db.execute(f"select * from [{name}]").fetchall(), args.repeat * 4)
            print(f"read view {name:<26} / read commitments: {cost / base:.2f}")
        db.close()


if __name__ == "__main__":
    main()
