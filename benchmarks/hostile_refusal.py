"""How fast and how small hostile Word files are refused, against reading an ordinary return.

Each file goes through `perfreturns extract FILE` in a process of its own: the wall time and
the peak memory of that process, beside the same figures for the commitments sample
(the baseline, measured in the same run: a refusal should cost no more than a normal read).
The files are the ones the tests build: tables nested 50 deep, a w:gridSpan of
300,000,000, and a padded zip bomb (a 1000:1 part hidden by 1.2 MB of random bytes).

    .venv/bin/python benchmarks/hostile_refusal.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile_files as hostile  # noqa: E402

MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, "
           "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def measure(path: Path) -> dict[str, float]:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", "extract", str(path)],
                            capture_output=True, text=True, check=True)
    return {"seconds": time.perf_counter() - started, "peak_mb": int(result.stdout.split()[-1]) / 1024}


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="perfreturns-hostile-") as folder:
        files = {
            "nested_50_deep": hostile.nested_tables(50),
            "grid_span_300000000": hostile.huge_grid_span(),
            "padded_zip_bomb": hostile.padded_zip_bomb(),
        }
        baseline = measure(hostile.COMMITMENTS_DOCX)
        results: dict[str, dict[str, float]] = {"baseline_commitments_docx": baseline}
        for name, data in files.items():
            path = Path(folder) / f"{name}.docx"
            path.write_bytes(data)
            figures = measure(path)
            figures["time_ratio_to_baseline"] = figures["seconds"] / baseline["seconds"]
            figures["memory_ratio_to_baseline"] = figures["peak_mb"] / baseline["peak_mb"]
            results[name] = figures
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
