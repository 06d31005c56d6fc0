"""The inbox batch at scale: throughput at 1 and 2 workers, peak memory against batch size, re-ingest time.

Every figure comes from real `perfreturns run` processes on generated returns (see
generate_returns.py), measured in the same run so they can be read as ratios on a shared,
noisy machine:

- documents/s and pages/s at --workers 1 and --workers 2, and their ratio;
- the peak memory of the largest process of a run (the writer or one worker) for batches of
  growing size, and the ratio of the largest batch to the smallest;
- the time to run over 1,000 files that are all loaded already (each only hashed, found a
  duplicate and archived), beside the bare cost of hashing and moving those files.

    .venv/bin/python benchmarks/batch_throughput.py [--count 40] [--sizes 100,300,1000]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_returns import generate  # noqa: E402

MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
           "u = resource.getrusage(resource.RUSAGE_CHILDREN); print(u.ru_utime + u.ru_stime, u.ru_maxrss); "
           "sys.exit(code)")
CPU: dict[str, float] = {}


def run(cwd: Path, *args: str) -> tuple[float, int, str]:
    """Seconds, peak KB of the largest process, and stderr of one `perfreturns run`.

    The CPU seconds of all its processes go into CPU[cwd.name].
    """
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", MEASURE, sys.executable, "-m", "pipeline", "run", "--settle", "0",
                             "-q", *args], cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"perfreturns run failed ({result.returncode}): {result.stderr}")
    cpu, peak = result.stdout.split()[-2:]
    CPU[cwd.name] = float(cpu)
    return seconds, int(peak), result.stderr


def fill(inbox: Path, files: list[Path]) -> None:
    inbox.mkdir(parents=True, exist_ok=True)
    for path in files:
        shutil.copy(path, inbox / path.name)


def distinct_docx(source: list[Path], count: int, out: Path) -> list[Path]:
    """`count` Word files with bytes of their own: the generated ones, each with a numbered last paragraph."""
    import docx

    out.mkdir(parents=True, exist_ok=True)
    made = []
    for number in range(count):
        base = source[number % len(source)]
        document = docx.Document(str(base))
        document.add_paragraph(f"Copy {number}")
        path = out / f"{number:04d}-{base.name}"
        document.save(path)
        made.append(path)
    return made


def throughput(work: Path, count: int) -> dict[str, float]:
    returns = work / "returns"
    manifest = generate(returns, count, pdf_share=0.5)
    pages = sum(int(m["pages"]) for m in manifest)
    files = [returns / str(m["file"]) for m in manifest]
    out: dict[str, float] = {"documents": len(files), "pages": pages}
    for workers in (1, 2):
        here = work / f"w{workers}"
        fill(here / "inbox", files)
        seconds, peak, _ = run(here, "--workers", str(workers))
        out[f"docs_per_s_{workers}"] = len(files) / seconds
        out[f"pages_per_s_{workers}"] = pages / seconds
        out[f"peak_mb_{workers}"] = peak / 1024
        out[f"cores_busy_{workers}"] = CPU[here.name] / seconds  # CPU seconds per wall second
    out["speedup_2_over_1"] = out["docs_per_s_2"] / out["docs_per_s_1"]
    # on a shared machine the second worker gets what CPU is free: the speedup for the cores obtained
    out["speedup_per_core_obtained"] = out["speedup_2_over_1"] / (out["cores_busy_2"] / out["cores_busy_1"])
    return out


def memory_and_reingest(work: Path, sizes: list[int]) -> dict[str, float]:
    source = sorted((work / "returns").glob("*.docx"))
    files = distinct_docx(source, max(sizes), work / "many")
    out: dict[str, float] = {}
    for size in sizes:
        here = work / f"m{size}"
        fill(here / "inbox", files[:size])
        seconds, peak, _ = run(here, "--workers", "2")
        out[f"peak_mb_{size}"] = peak / 1024
        out[f"seconds_{size}"] = seconds
    out["peak_ratio_largest_over_smallest"] = out[f"peak_mb_{max(sizes)}"] / out[f"peak_mb_{min(sizes)}"]
    # the largest batch again, every file already loaded
    largest = work / f"m{max(sizes)}"
    fill(largest / "inbox", files[: max(sizes)])
    seconds, _, stderr = run(largest, "--workers", "2")
    out["reingest_files"] = max(sizes)
    out["reingest_seconds"] = seconds
    out["reingest_summary"] = stderr.strip().splitlines()[-1]  # type: ignore[assignment]
    # baseline: hash every file and move it, nothing else
    fill(largest / "bare", files[: max(sizes)])
    started = time.perf_counter()
    moved = largest / "bare-moved"
    moved.mkdir()
    for path in sorted((largest / "bare").iterdir()):
        hashlib.sha256(path.read_bytes()).hexdigest()
        os.rename(path, moved / path.name)
    out["bare_hash_and_move_seconds"] = time.perf_counter() - started
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=40, help="returns in the throughput batch")
    parser.add_argument("--sizes", default="100,300,1000",
                        help="batch sizes for the memory figures; empty for none")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    with tempfile.TemporaryDirectory(prefix="perfreturns-bench-") as folder:
        work = Path(folder)
        results = {"throughput": throughput(work, args.count)}
        if sizes:
            results["memory"] = memory_and_reingest(work, sizes)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
