"""How fast perfreturns reads and loads returns, as ratios to the bare libraries measured in the same run.

Every group of inputs (the samples, the corpus PDFs, large returns generated here) is read
by each side once per repetition, the sides taking turns (A B C A B C ...), a turn reading
every file of the group, so a slow spell on a shared machine falls on every side alike; the
garbage of one turn is collected before the next turn's clock starts. The sides:

- perfreturns, once per PDF engine asked for: the whole path of `perfreturns ingest`, timed
  by stage: extract (hash, detect and read the file), normalise (map, validate, read the
  commentary) and load (the loader's rows, and the one transaction of `commit` per file into
  a database fresh for each turn, created by the loader before the clock starts);
- pdfplumber's bare character parse, `len(page.chars)` on every page: what any reading
  with pdfplumber pays before it finds a line or a table;
- pdfplumber's parse and then its own word and table finding on every page, called as
  perfreturns calls them (both engines feed those functions): what any table reader built on
  pdfplumber pays before it makes a cell of what it found;
- pypdfium2 reading every character's text and box on every page: the physical floor;
- python-docx opening a Word file and reading every cell's text.

Printed per group: the minimum and median wall seconds of each side over the repetitions,
its median CPU seconds (less swayed by the other jobs of a shared machine), pages/s (table
rows/s for Word), the ratios of perfreturns to each baseline, and the share of perfreturns'
time per stage; then the acceptance ratios beside their targets; then the peak memory of
each side reading each group's largest file, measured afterwards in a fresh process per side
and group, never while timing. A side that raises (an engine that cannot read a file) is
reported as failed, and so is perfreturns refusing a file.

The generated returns (a 1,500-row indicator table over about 100 pages, ruled as a grid and
with horizontal rules only, exported by LibreOffice; a 20,000-row Word table) are built on
the first run and kept in benchmarks/.cache/. Every side reads with the same limits, raised
over the defaults for the large returns (MAX_PAGES, MAX_TABLE_ROWS).

    .venv/bin/python benchmarks/speed.py [--repeat 5] [--engine pdfium,pdfplumber] [--only generated,pdf]
    .venv/bin/python benchmarks/speed.py --quick   # a smoke run: 2 repetitions, small generated returns
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import docx
import pdfplumber
import pypdfium2
import pypdfium2.raw as pdfium_c

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import generate_returns  # noqa: E402

from pipeline.config import PDF_ENGINES, Settings  # noqa: E402
from pipeline.models import Prepared, Status  # noqa: E402

SAMPLES = ROOT / "samples"
CORPUS = ROOT.parent / "shared" / "corpus" / "real-dev"
CACHE = Path(__file__).resolve().parent / ".cache"
GENERATED_VERSION = 1  # bump when generate_returns.indicator_return() changes, to rebuild the cache
MAX_PAGES = 1_000
MAX_TABLE_ROWS = 50_000
STAGES = ("extract", "normalise", "load")
MINIMUM_REPEAT = 5
MEMORY_PROCESSES = 2  # memory runs at once: what one process holds does not depend on the others
KINDS = ("pdf", "docx")
# extractors.pdf_layout.WORD_OPTIONS (a test keeps them equal), written out so that a memory
# process measuring a bare library never loads perfreturns
WORD_OPTIONS = {"extra_attrs": ["fontname", "size"], "keep_blank_chars": False}
ORIGINS = ("samples", "corpus", "generated")
# (engine or "docx", baseline, target), checked on the groups marked `targeted`
TARGETS = (("pdfium", "pdfplumber chars", 0.5), ("pdfplumber", "pdfplumber chars", 1.15),
           ("docx", "python-docx cells", 1.3))


# ---------------------------------------------------------------- the sides


def pdfplumber_chars(path: Path) -> None:
    """pdfplumber's character parse of every page, and nothing more."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            len(page.chars)
            page.close()


def pdfplumber_tables(path: Path) -> None:
    """pdfplumber's parse, words and ruled tables of every page, with the arguments perfreturns gives."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words(**WORD_OPTIONS)
            page.find_tables()
            page.close()


def pdfium_chars(path: Path) -> None:
    """pypdfium2 reading every character's text and box on every page: the physical floor."""
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    boxes = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    pdf = pypdfium2.PdfDocument(path)
    try:
        for number in range(len(pdf)):
            page = pdf[number]
            text = page.get_textpage()
            handle = text.raw
            for index in range(pdfium_c.FPDFText_CountChars(handle)):
                chr(pdfium_c.FPDFText_GetUnicode(handle, index))
                pdfium_c.FPDFText_GetCharBox(handle, index, *boxes)
            text.close()
            page.close()
    finally:
        pdf.close()


def docx_cells(path: Path) -> None:
    """python-docx opening the file and reading every cell of every table."""
    for table in docx.Document(str(path)).tables:
        for row in table.rows:
            for cell in row.cells:
                cell.text  # noqa: B018  the read is the point


def settings_for(engine: str) -> Settings:
    """The settings every reading of the benchmark uses: the engine, and limits that admit the large returns."""
    return Settings(pdf_engine=engine, max_pages=MAX_PAGES, max_table_rows=MAX_TABLE_ROWS)


class Refused(Exception):
    """perfreturns refused or failed to load a file, so its time would say nothing."""


class SideFailed(Exception):
    """A side raised on a file: its message names the file and the error."""


@dataclass(frozen=True, slots=True)
class Turn:
    """What one side's turn took: wall seconds per stage (`total` for a baseline), and CPU seconds."""

    stages: dict[str, float]
    cpu: float


def perfreturns(path: Path, settings: Settings, db: object, run_id: int) -> Turn:
    """Seconds per stage of `perfreturns ingest` on one file, loading into the database given."""
    # imported here, so a memory process measuring a bare library never loads perfreturns
    import extractors
    from extractors.detect import source_file
    from pipeline import loader
    from pipeline.ingest import _normalised, collection_paused, commit  # the stages of prepare()

    cpu_started, started = time.process_time(), time.perf_counter()
    with collection_paused():  # as prepare() reads a file
        source = source_file(path, settings, path.name)
        extracted = extractors.extract(source, settings)
        extracted_at = time.perf_counter()
        document = _normalised(extracted, path, settings)
        normalised_at = time.perf_counter()
        rows = loader.rows_for(extracted, document)
    prepared = Prepared(path, path.name, source.sha256, source.size, source.file_type.value, rows=rows)
    outcome = commit(db, prepared, run_id)  # type: ignore[arg-type]
    loaded_at, cpu = time.perf_counter(), time.process_time() - cpu_started
    if outcome.status is not Status.LOADED:
        raise Refused(f"{outcome.status} ({outcome.reason})")
    return Turn({"extract": extracted_at - started, "normalise": normalised_at - extracted_at,
                 "load": loaded_at - normalised_at}, cpu)


def failure(exc: BaseException) -> str:
    """An exception as one short line."""
    return f"{type(exc).__name__}: {' '.join(str(exc).split())[:160]}"


@dataclass(frozen=True, slots=True)
class Side:
    """One way of reading a group's files: perfreturns with an engine, or a bare library."""

    name: str
    key: str  # names the side to a memory subprocess: "perfreturns:ENGINE" or a BARE key
    kind: str  # "pdf" or "docx"; "any" for perfreturns, which reads both


BARE: dict[str, tuple[str, str, Callable[[Path], None]]] = {
    "pdfplumber-chars": ("pdfplumber chars", "pdf", pdfplumber_chars),
    "pdfplumber-tables": ("pdfplumber words+tables", "pdf", pdfplumber_tables),
    "pdfium-chars": ("pypdfium2 chars (floor)", "pdf", pdfium_chars),
    "docx-cells": ("python-docx cells", "docx", docx_cells),
}


def sides_for(kind: str, engines: Sequence[str]) -> list[Side]:
    """perfreturns with each engine (one only for Word, which no PDF engine reads), then the baselines."""
    if kind == "docx":
        ours = [Side("perfreturns", f"perfreturns:{engines[-1]}", "any")]
    else:
        ours = [Side(f"perfreturns ({engine})", f"perfreturns:{engine}", "any") for engine in engines]
    return ours + [Side(name, key, bare_kind) for key, (name, bare_kind, _) in BARE.items() if bare_kind == kind]


class Runner:
    """Runs a side's turn: reading every file of a group once; gives its seconds per stage (`total` for a baseline).

    perfreturns loads a turn's files into a fresh database, opened with the loader's own
    function before the clock starts and deleted after; garbage left by the turn before is
    collected before the clock starts too.
    """

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.databases = 0

    def __call__(self, side: Side, files: Sequence[Path]) -> Turn:
        if side.key.startswith("perfreturns:"):
            return self._perfreturns(side.key.split(":", 1)[1], files)
        bare = BARE[side.key][2]
        gc.collect()
        cpu_started, started = time.process_time(), time.perf_counter()
        for path in files:
            try:
                bare(path)
            except Exception as exc:  # the side is reported as failed on this file
                raise SideFailed(f"{path.name}: {failure(exc)}") from exc
        return Turn({"total": time.perf_counter() - started}, time.process_time() - cpu_started)

    def _perfreturns(self, engine: str, files: Sequence[Path]) -> Turn:
        from pipeline import loader

        settings = settings_for(engine)
        self.databases += 1
        db_path = self.workdir / f"turn-{self.databases}.db"
        db = loader.open_database(db_path, settings.busy_timeout)
        run_id = loader.start_run(db)
        stages, cpu = dict.fromkeys(STAGES, 0.0), 0.0
        gc.collect()
        try:
            for path in files:
                try:
                    turn = perfreturns(path, settings, db, run_id)
                except Exception as exc:  # the side is reported as failed on this file
                    raise SideFailed(f"{path.name}: {failure(exc)}") from exc
                for stage, value in turn.stages.items():
                    stages[stage] += value
                cpu += turn.cpu
        finally:
            db.close()
            for leftover in self.workdir.glob(f"{db_path.name}*"):
                leftover.unlink()
        return Turn(stages, cpu)


# ---------------------------------------------------------------- the inputs


@dataclass(frozen=True, slots=True)
class Group:
    """Files read together and reported as one line per side."""

    name: str
    kind: str  # "pdf" or "docx"
    origin: str  # "samples", "corpus" or "generated"
    files: tuple[Path, ...]
    targeted: bool  # the acceptance figures are judged on this group


def generated(quick: bool) -> dict[str, Path]:
    """The large returns, built once into benchmarks/.cache/ (smaller ones for --quick)."""
    rows, big = (150, 2_000) if quick else (1_500, 20_000)
    CACHE.mkdir(exist_ok=True)
    wanted = {
        "ruled": (CACHE / f"indicators-ruled-{rows}-v{GENERATED_VERSION}.docx", rows, True),
        "rules-only": (CACHE / f"indicators-rules-only-{rows}-v{GENERATED_VERSION}.docx", rows, False),
        "word": (CACHE / f"indicators-word-{big}-v{GENERATED_VERSION}.docx", big, True),
    }
    for path, count, vertical in wanted.values():
        if not path.exists():
            print(f"building {path.name} ...", file=sys.stderr)
            generate_returns.indicator_return(count, vertical_rules=vertical).save(path)
    to_export = [wanted[name][0] for name in ("ruled", "rules-only")
                 if not wanted[name][0].with_suffix(".pdf").exists()]
    if to_export:
        print(f"exporting {len(to_export)} PDF(s) with LibreOffice ...", file=sys.stderr)
        generate_returns.export_pdfs(to_export, CACHE)
    return {"ruled": wanted["ruled"][0].with_suffix(".pdf"), "rules-only": wanted["rules-only"][0].with_suffix(".pdf"),
            "word": wanted["word"][0]}


def groups(only: set[str], corpus: Path, quick: bool) -> list[Group]:
    """The groups `--only` selects: values within kinds (pdf, docx) or within origins add up; across them, narrow."""
    kinds = only & set(KINDS) or set(KINDS)
    origins = only & set(ORIGINS) or set(ORIGINS)
    found: list[Group] = []
    if "samples" in origins:
        for kind, label in (("pdf", "PDF"), ("docx", "Word")):
            files = sorted(SAMPLES.glob(f"*.{kind}")) + sorted((SAMPLES / "layouts").glob(f"*.{kind}"))
            found.append(Group(f"samples, {label}", kind, "samples", tuple(files), targeted=kind == "docx"))
    if "corpus" in origins:
        files = sorted(corpus.glob("*.pdf"))[: 3 if quick else None]
        if files:
            found.append(Group("corpus PDFs", "pdf", "corpus", tuple(files), targeted=True))
        else:
            print(f"no corpus PDFs in {corpus}: the corpus group is left out (--corpus DIR)", file=sys.stderr)
    if "generated" in origins:
        made = generated(quick)
        found += [Group("generated, ruled table", "pdf", "generated", (made["ruled"],), targeted=True),
                  Group("generated, horizontal rules only", "pdf", "generated", (made["rules-only"],), targeted=True),
                  Group("generated, Word table", "docx", "generated", (made["word"],), targeted=True)]
    return [group for group in found if group.kind in kinds and group.files]


def size_of(path: Path) -> int:
    """Pages of a PDF; table rows of a Word file."""
    if path.suffix.lower() == ".pdf":
        pdf = pypdfium2.PdfDocument(path)
        try:
            return len(pdf)
        finally:
            pdf.close()
    return sum(len(table.rows) for table in docx.Document(str(path)).tables)


# ---------------------------------------------------------------- timing


def schedule(sides: Sequence[Side], repeat: int) -> Iterator[tuple[int, Side]]:
    """Every (repetition, side) turn in the order they run: A B C, A B C, ..."""
    for repetition in range(repeat):
        for side in sides:
            yield repetition, side


@dataclass
class Timing:
    """One side's seconds over a group: the wall and CPU seconds of each turn, and wall seconds per stage summed."""

    totals: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    stages: dict[str, float] = field(default_factory=dict)
    failed: str | None = None

    @property
    def minimum(self) -> float:
        return min(self.totals)

    @property
    def median(self) -> float:
        return statistics.median(self.totals)


def time_group(group: Group, sides: Sequence[Side], repeat: int,
               runner: Callable[[Side, Sequence[Path]], Turn]) -> dict[str, Timing]:
    """Each side's timing over the group, the sides taking turns."""
    timings = {side.name: Timing() for side in sides}
    for _, side in schedule(sides, repeat):
        timing = timings[side.name]
        if timing.failed:
            continue
        try:
            turn = runner(side, group.files)
        except SideFailed as exc:  # a side that fails (an engine that cannot read a file) is reported, not fatal
            timing.failed = str(exc)
            continue
        timing.totals.append(sum(turn.stages.values()))
        timing.cpu.append(turn.cpu)
        for stage, value in turn.stages.items():
            timing.stages[stage] = timing.stages.get(stage, 0.0) + value
    return timings


def warm_up(sides: Sequence[Side], runner: Runner) -> dict[str, str]:
    """Run every side once on a small sample, untimed (imports, spaCy's pipeline); the sides that fail, why."""
    failed = {}
    small = {"pdf": SAMPLES / "ni-136-action-plan.pdf", "docx": SAMPLES / "adult-services-commitments-q3-2007-08.docx"}
    for side in sides:
        for kind in (("pdf", "docx") if side.kind == "any" else (side.kind,)):
            try:
                runner(side, [small[kind]])
            except SideFailed as exc:  # reported with the group's results
                failed[side.name] = str(exc)
    return failed


# ---------------------------------------------------------------- memory


def memory_kb(field_name: str) -> int:
    """A figure of this process's memory from /proc/self/status, in KB: VmRSS (now) or VmHWM (its peak).

    Not getrusage's ru_maxrss, which Linux carries over exec from the parent's fork.
    """
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field_name + ":"):
                return int(line.split()[1])
    raise LookupError(field_name)


def measure_memory(key: str, files: Sequence[Path]) -> dict[str, object]:
    """In this (fresh) process: warm the side up, then read the files once.

    The process's peak resident memory, and the peak of the reads alone above the warm
    process (the peak is reset after the warm-up through /proc/self/clear_refs).
    """
    side = Side(key, key, "any" if key.startswith("perfreturns:") else BARE[key][1])
    with tempfile.TemporaryDirectory(prefix="speed-memory-") as work:
        runner = Runner(Path(work))
        failed = warm_up([side], runner)
        if failed:
            return {"failed": failed[key]}
        warm_peak = memory_kb("VmHWM")
        Path("/proc/self/clear_refs").write_text("5")
        before = memory_kb("VmRSS")
        try:
            runner(side, files)
        except SideFailed as exc:  # reported in the memory table
            return {"failed": str(exc)}
        peak = memory_kb("VmHWM")
    return {"peak_mb": max(peak, warm_peak) / 1024, "rise_mb": max(0, peak - before) / 1024}


def memory_of(side: Side, group: Group) -> dict[str, object]:
    """A side's peak memory reading a group's largest file, from a fresh process."""
    largest = max(group.files, key=lambda path: path.stat().st_size)
    command = [sys.executable, str(Path(__file__).resolve()), "--memory", side.key, str(largest)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=3600)
    if done.returncode != 0:
        return {"failed": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]}
    found: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return found


def report_memory(results: Sequence[tuple[Group, dict[str, Timing]]], engines: Sequence[str]) -> None:
    """Each side's peak memory on each group's largest file, from a fresh process per side and group, two at a time."""
    print("\nPeak memory reading each group's largest file, after the timing, from a fresh process per side and group"
          " (resident memory, native included):")
    print(f"  {'group':<34} {'side':<27} {'peak MB':>8} {'rise MB':>8}")
    runs = [(group, side) for group, _ in results for side in sides_for(group.kind, engines)]
    with ThreadPoolExecutor(max_workers=MEMORY_PROCESSES) as pool:
        found_all = pool.map(lambda run: memory_of(run[1], run[0]), runs)
        for (group, side), found in zip(runs, found_all):
            if "failed" in found:
                print(f"  {group.name:<34} {side.name:<27} failed: {found['failed']}")
            else:
                print(f"  {group.name:<34} {side.name:<27} {found['peak_mb']:>8.1f} {found['rise_mb']:>8.1f}")
    print("  (peak: the whole process, imports and a warm-up read included;"
          " rise: the reads' peak above the warm process)")


# ---------------------------------------------------------------- report


def ratio(ours: Timing, base: Timing) -> tuple[float, float, float] | None:
    """Ratios of the minimums, of the medians and of the median CPU seconds; None when either side failed."""
    if ours.failed or base.failed or not ours.totals or not base.totals:
        return None
    cpu = statistics.median(ours.cpu) / statistics.median(base.cpu)
    return ours.minimum / base.minimum, ours.median / base.median, cpu


def report_group(group: Group, sides: Sequence[Side], timings: dict[str, Timing], units: int, repeat: int) -> None:
    """A compact table of one group."""
    unit = "pages" if group.kind == "pdf" else "rows"
    print(f"\n== {group.name}: {len(group.files)} file(s), {units:,} {unit}, {repeat} repetitions ==")
    print(f"  {'side':<27} {'min s':>9} {'median s':>9} {'cpu s':>9} {unit + '/s':>10}")
    for side in sides:
        timing = timings[side.name]
        if timing.failed:
            print(f"  {side.name:<27} failed: {timing.failed}")
            continue
        print(f"  {side.name:<27} {timing.minimum:>9.3f} {timing.median:>9.3f} {statistics.median(timing.cpu):>9.3f}"
              f" {units / timing.median:>10.1f}")
    ours = [side for side in sides if side.key.startswith("perfreturns:")]
    bases = [side for side in sides if not side.key.startswith("perfreturns:")]
    for side in ours:
        timing = timings[side.name]
        if timing.failed:
            continue
        ratios = []
        for base in bases:
            found = ratio(timing, timings[base.name])
            if found:
                ratios.append(f"{found[0]:.2f}x / {found[1]:.2f}x / {found[2]:.2f}x {base.name}")
        total = sum(timing.stages.values())
        shares = ", ".join(f"{stage} {timing.stages.get(stage, 0.0) / total:.0%}" for stage in STAGES)
        print(f"  {side.name}: " + "; ".join(ratios) + " (min / median / cpu)")
        print(f"    stages: {shares}")


def target_lines(results: Sequence[tuple[Group, dict[str, Timing]]], engines: Sequence[str]) -> list[str]:
    """The acceptance ratios, each beside its target, as 'met' or 'NOT met' on the ratio of minimums."""
    lines = []
    for group, timings in results:
        if not group.targeted:
            continue
        for engine, base, target in TARGETS:
            if (engine == "docx") != (group.kind == "docx") or (engine != "docx" and engine not in engines):
                continue
            ours_name = "perfreturns" if engine == "docx" else f"perfreturns ({engine})"
            label = "perfreturns" if engine == "docx" else f"{engine} engine"
            ours, bare = timings.get(ours_name), timings.get(base)
            if ours is None or bare is None:
                continue
            found = ratio(ours, bare)
            if found is None:
                why = ours.failed or bare.failed
                lines.append(f"  {group.name}: {label} / {base}: failed ({why}) (target <= {target}x)")
                continue
            verdict = "met" if found[0] <= target else "NOT met"
            lines.append(f"  {group.name}: {label} / {base}: {found[0]:.2f}x (target <= {target}x) {verdict};"
                         f" median {found[1]:.2f}x, cpu {found[2]:.2f}x")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, help=f"repetitions per side: {MINIMUM_REPEAT} (the least) or more; "
                        "2 with --quick")
    parser.add_argument("--engine", default=",".join(PDF_ENGINES), help="PDF engines, comma-separated")
    parser.add_argument("--only", default="", help=f"comma-separated: {', '.join(KINDS + ORIGINS)}")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a folder of corpus PDFs")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 2 repetitions, small generated returns")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak-memory runs")
    parser.add_argument("--memory", metavar="SIDE", help=argparse.SUPPRESS)  # the memory subprocess
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)  # ... and its files
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]  progress shows when piped to a file
    if args.memory:
        print(json.dumps(measure_memory(args.memory, args.files)))
        return
    engines = [engine.strip() for engine in args.engine.split(",") if engine.strip()]
    unknown = [engine for engine in engines if engine not in PDF_ENGINES]
    only = {value.strip() for value in args.only.split(",") if value.strip()}
    if unknown or not engines:
        parser.error(f"--engine takes {', '.join(PDF_ENGINES)}, not {args.engine!r}")
    if only - set(KINDS + ORIGINS):
        parser.error(f"--only takes {', '.join(KINDS + ORIGINS)}, not {args.only!r}")
    repeat = args.repeat or (2 if args.quick else MINIMUM_REPEAT)
    if repeat < MINIMUM_REPEAT and not args.quick:
        parser.error(f"--repeat must be at least {MINIMUM_REPEAT}: a minimum and median of fewer say little")
    started = time.perf_counter()
    selected = groups(only, args.corpus, args.quick)
    if not selected:
        parser.error(f"no inputs are both {' and '.join(sorted(only))}")
    print(f"perfreturns speed: {repeat} repetitions, sides taking turns; engines {', '.join(engines)}; "
          f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    results = []
    with tempfile.TemporaryDirectory(prefix="speed-") as work:
        runner = Runner(Path(work))
        all_sides = {side.name: side for kind in KINDS for side in sides_for(kind, engines)}
        failed = warm_up(list(all_sides.values()), runner)
        for group in selected:
            sides = sides_for(group.kind, engines)
            working = [side for side in sides if side.name not in failed]
            timings = time_group(group, working, repeat, runner)
            for side in sides:
                if side.name in failed:
                    timings[side.name] = Timing(failed=failed[side.name])
            units = sum(size_of(path) for path in group.files)
            report_group(group, sides, timings, units, repeat)
            results.append((group, timings))
    lines = target_lines(results, engines)
    if lines:
        print("\nTargets (the ratio of the minimum wall seconds; beside it those of the medians and of CPU seconds):")
        print("\n".join(lines))
    if not args.no_memory:
        report_memory(results, engines)
    print(f"\n{time.perf_counter() - started:.0f} s in all; load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
