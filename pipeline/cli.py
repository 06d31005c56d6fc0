"""The perfreturns command: parse options, call the pipeline, print, exit."""

from __future__ import annotations

import json
import logging
import sys
import traceback
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from pipeline import __version__, batch
from pipeline.config import PDF_ENGINES, Settings
from pipeline.errors import EXIT_OK, EXIT_QUARANTINED, EXIT_USAGE, PerfreturnsError
from pipeline.ingest import ingest as ingest_files
from pipeline.ingest import read
from pipeline.loader import rows_for, table_counts
from pipeline.models import Outcome, Status
from pipeline.normalise.explain import explain_text, explanation

CONTEXT = {"help_option_names": ["-h", "--help"]}

db_option = click.option(
    "--db", type=click.Path(dir_okay=False, path_type=Path), envvar="PERFRETURNS_DB",
    default=Settings().db, show_default=True, help="The consolidated SQLite database.",
)

organisation_option = click.option(
    "--organisation", envvar="PERFRETURNS_ORGANISATION", default=None, metavar="NAME",
    help="The council or NHS body that published the files, overriding what they print or imply.",
)


@click.group(context_settings=CONTEXT)
@click.version_option(__version__, "--version", prog_name="perfreturns")
@click.option("--debug", is_flag=True, help="Show the traceback of an unexpected error.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Load councils' quarterly performance returns (Word and PDF) into one SQLite database.

    \b
    perfreturns ingest samples/
    perfreturns extract samples/ni-136-action-plan.pdf --json
    """
    ctx.obj = {"debug": debug}
    _guarded(ctx, _check_schemas)


def _check_schemas() -> None:
    """Read the synonym and vocabulary files once at start-up, so a mistake in them stops the run."""
    import schemas

    schemas.headers()
    schemas.vocabularies()


def _symbol(status: Status) -> str:
    return {Status.LOADED: "loaded", Status.DUPLICATE: "duplicate", Status.QUARANTINED: "failed"}[status]


def _report(outcome: Outcome, quiet: bool) -> None:
    if outcome.status is Status.QUARANTINED:
        click.echo(f"failed     {outcome.reason}", err=True)
        return
    if quiet:
        return
    detail = ", ".join(f"{n} {name}" for name, n in outcome.counts if name not in ("source_cells", "extraction_issues"))
    if outcome.status is Status.DUPLICATE:
        click.echo(f"{_symbol(outcome.status):<10} {outcome.reason}", err=True)
        return
    if outcome.reason:
        detail = f"{detail}; {outcome.reason}"
    click.echo(f"{_symbol(outcome.status):<10} {outcome.path.name}: {detail}", err=True)


pdf_engine_option = click.option(
    "--pdf-engine", type=click.Choice(PDF_ENGINES), envvar="PERFRETURNS_PDF_ENGINE", default=Settings().pdf_engine,
    show_default=True, help="What reads a PDF's characters and ruling: pdfium (fast) or pdfplumber (the reference).",
)

log_option = click.option(
    "--log", type=click.Path(dir_okay=False, path_type=Path), envvar="PERFRETURNS_LOG",
    help="Log file for library warnings and tracebacks  [default: perfreturns.log beside the database]",
)


@cli.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@db_option
@log_option
@organisation_option
@pdf_engine_option
@click.option("-q", "--quiet", is_flag=True, help="Print only failures.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], db: Path, log: Path | None, quiet: bool,
           organisation: str | None, pdf_engine: str) -> None:
    """Load returns into the database: files, or every document in a folder.

    Each file is loaded in one transaction, skipped as a duplicate of identical bytes
    already loaded, or recorded as failed with the reason. Exit status 1 if any failed.

    \b
    perfreturns ingest samples/
    perfreturns ingest --db output/performance.db returns/q3/*.docx
    """
    settings = _guarded(ctx, lambda: Settings.from_env(db=db, log=log, organisation=organisation,
                                                           pdf_engine=pdf_engine))
    _guarded(ctx, lambda: batch.configure_logging(settings.log_path, logging.CRITICAL, _debug(ctx)))
    missing = [p for p in paths if not p.exists() and not p.is_symlink()]
    for path in missing:
        click.echo(f"error: {path}: no such file or folder; the other paths are still ingested.", err=True)
    if len(missing) == len(paths):
        ctx.exit(EXIT_USAGE)
    present = [p for p in paths if p not in missing]
    outcomes = _guarded(ctx, lambda: ingest_files(present, settings, lambda o: _report(o, quiet)))
    failed = sum(o.status is Status.QUARANTINED for o in outcomes) + len(missing)
    if not quiet:
        loaded = sum(o.status is Status.LOADED for o in outcomes)
        duplicates = sum(o.status is Status.DUPLICATE for o in outcomes)
        click.echo(f"\n{len(outcomes)} file(s): {loaded} loaded, {duplicates} duplicate, {failed} failed "
                   f"into {settings.db}", err=True)
        database = sqlite_utils.Database(settings.db)
        for name, count in _guarded(ctx, lambda: table_counts(database)):
            click.echo(f"  {name:<20} {count:>7}", err=True)
        database.close()
        click.echo(f"\nBrowse it with: datasette {settings.db}", err=True)
    ctx.exit(EXIT_QUARANTINED if failed else EXIT_OK)


@cli.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON on stdout.")
@click.option("--cells", is_flag=True, help="Include every extracted table cell (source_cells).")
@click.option("--explain", is_flag=True,
              help="Say why each table and column mapped as it did, and where each document fact was found.")
@organisation_option
@pdf_engine_option
@click.pass_context
def extract(ctx: click.Context, file: Path, as_json: bool, cells: bool, explain: bool,
            organisation: str | None, pdf_engine: str) -> None:
    """Show what would be loaded from one file, without touching the database.

    \b
    perfreturns extract samples/adult-services-commitments-q3-2007-08.pdf
    perfreturns extract samples/ni-136-action-plan.docx --json
    perfreturns extract returns/scorecard.docx --explain
    """
    settings = _guarded(ctx, lambda: Settings.from_env(organisation=organisation, pdf_engine=pdf_engine))
    result = _guarded(ctx, lambda: read(file, settings))
    if explain and not as_json:
        click.echo(explain_text(result.extracted, result.document))
        return
    rows = rows_for(result.extracted, result.document)
    document = rows.pop("document")[0]
    if not cells:
        rows.pop("source_cells")
    if as_json:
        body = {"document": document, **{k: v for k, v in rows.items() if v}}
        if explain:
            body["explain"] = explanation(result.extracted, result.document)
        click.echo(json.dumps(body, indent=2, ensure_ascii=False))
        return
    click.echo(f"{file.name}: {document['doc_type']}, {document['title'] or 'untitled'}"
               f"{', ' + document['period_label'] if document['period_label'] else ''}")
    if document["organisation"]:
        click.echo(f"organisation: {document['organisation']} ({document['organisation_source']})")
    for name, table_rows in rows.items():
        if table_rows:
            click.echo(f"\n{name} ({len(table_rows)})")
            for row in table_rows:
                click.echo("  " + _one_line(row))


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; 0.0.0.0 shares the database with the network.")
@click.option("--port", default=8001, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--open", "open_browser", is_flag=True, help="Open the database in a web browser.")
@click.option("--get", "get_path", metavar="PATH", help="Print one page (e.g. /performance/exceptions.json) and exit.")
@click.pass_context
def serve(ctx: click.Context, db: Path, host: str, port: int, open_browser: bool, get_path: str | None) -> None:
    """Browse the database in Datasette, with descriptions, saved queries, RAG chips and a dashboard.

    \b
    perfreturns serve
    perfreturns serve --port 8080 --open
    perfreturns serve --get /performance/exceptions.json
    """
    import tempfile

    from datasette.cli import cli as datasette_cli

    from pipeline.loader import ensure_schema
    from pipeline.serve import datasette_args, write_metadata

    if not db.exists():
        click.echo(f"error: {db}: no database there yet; load returns first with: perfreturns ingest samples/",
                   err=True)
        ctx.exit(2)
    database = sqlite_utils.Database(db)
    ensure_schema(database)
    database.close()
    with tempfile.TemporaryDirectory(prefix="perfreturns-serve-") as folder:
        metadata_path = write_metadata(db, Path(folder))
        if not get_path:
            click.echo(f"Serving {db} on http://{host}:{port}/ (Ctrl+C stops)", err=True)
        datasette_cli.main(datasette_args(db, metadata_path, host, port, open_browser, get_path),
                           prog_name="datasette", standalone_mode=False)


@cli.command(context_settings=CONTEXT)
@db_option
@click.option("--period", metavar="\"YYYY/YY Qn\"", help="The quarter to report, e.g. \"2007/08 Q3\"; default the latest loaded.")
@click.option("--organisation", help="Only returns of this organisation.")
@click.option("--service", help="Only returns of this service, e.g. \"Adult Services\".")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True,
              help="Folder to write the report into.")
@click.pass_context
def report(ctx: click.Context, db: Path, period: str | None, organisation: str | None, service: str | None,
           out: Path) -> None:
    """Write the quarterly report: an A4 HTML file with charts, its PDF, and an .xlsx of the same tables.

    \b
    perfreturns report
    perfreturns report --period "2007/08 Q3" --service "Adult Services"
    """
    from pipeline import report as reports

    if not db.exists():
        click.echo(f"error: {db}: no database there yet; load returns first with: perfreturns ingest samples/",
                   err=True)
        ctx.exit(2)
    files = _guarded(ctx, lambda: reports.build(
        db, out, reports.parse_period(period) if period else None, organisation, service))
    data = files.data
    click.echo(f"{data.title}: {sum(r['count'] for r in data.rag_summary)} commitments and actions, "
               f"{len(data.exceptions)} exceptions, {len(data.indicators)} indicators, {len(data.changes)} changes, "
               f"{len(data.issues)} issues", err=True)
    for path in (files.html, files.pdf, files.xlsx):
        click.echo(str(path))


def _one_line(row: dict[str, Any], width: int = 160) -> str:
    parts = [f"{k}={v}" for k, v in row.items() if v not in (None, "", ()) and k != "table_index"]
    line = "  ".join(parts)
    return line if len(line) <= width else line[: width - 1] + "…"


def _debug(ctx: click.Context) -> bool:
    return bool(ctx.find_root().obj and ctx.find_root().obj.get("debug"))


def _guarded(ctx: click.Context, action: Any) -> Any:
    """Run an action; an expected error prints one line and exits with its code."""
    try:
        return action()
    except PerfreturnsError as exc:
        if _debug(ctx):
            traceback.print_exc()
        click.echo(f"error: {exc}", err=True)
        ctx.exit(exc.exit_code)
    except OSError as exc:  # a file the command had to write or read, named by the system
        if _debug(ctx):
            traceback.print_exc()
        where = f"{exc.filename}: " if exc.filename else ""
        click.echo(f"error: {where}{exc.strerror or exc}; check the folder exists and may be written.", err=True)
        ctx.exit(EXIT_QUARANTINED)


# --- the inbox batch -----------------------------------------------------------------------

def inbox_options(function: Any) -> Any:
    """The options of `run` and `watch`: where files come from and go, and the per-file limits."""
    defaults = Settings()
    options = [
        db_option,
        click.option("--inbox", type=click.Path(file_okay=False, path_type=Path), envvar="PERFRETURNS_INBOX",
                     default=defaults.inbox, show_default=True, help="Folder the returns are dropped into."),
        click.option("--archive", type=click.Path(file_okay=False, path_type=Path),
                     envvar="PERFRETURNS_ARCHIVE", default=defaults.archive, show_default=True,
                     help="Loaded and duplicate files are moved here, under a dated folder."),
        click.option("--quarantine", type=click.Path(file_okay=False, path_type=Path),
                     envvar="PERFRETURNS_QUARANTINE", default=defaults.quarantine, show_default=True,
                     help="Refused files are moved here, each beside a .reason.txt."),
        click.option("--settle", type=float, envvar="PERFRETURNS_SETTLE", default=defaults.settle,
                     show_default=True, help="Seconds a file must stay unchanged before it is read."),
        click.option("--workers", type=int, envvar="PERFRETURNS_WORKERS", default=defaults.workers,
                     show_default="the number of cores", help="Worker processes reading files."),
        click.option("--timeout", type=float, envvar="PERFRETURNS_TIMEOUT", default=defaults.timeout,
                     show_default=True, help="Seconds one file may take; then it is quarantined as timeout."),
        click.option("--max-memory", "max_memory_mb", type=int, envvar="PERFRETURNS_MAX_MEMORY_MB",
                     default=defaults.max_memory_mb, show_default=True,
                     help="MB of memory one file may add to its worker; then it is quarantined as too_large."),
        pdf_engine_option,
        log_option,
        click.option("-q", "--quiet", is_flag=True, help="Print only failures and the summary."),
    ]
    for option in reversed(options):
        function = option(function)
    return function


class _Progress:
    """A rich progress bar on a terminal: files done of total, the current file, elapsed and ETA."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                   TimeRemainingColumn)
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            TextColumn("ETA"), TimeRemainingColumn(), TextColumn("{task.fields[current]}"),
            console=Console(stderr=True), transient=True,
        )
        self.task: Any = None

    def started(self, total: int) -> None:
        self.progress.start()
        self.task = self.progress.add_task("files", total=total, current="")

    def working(self, name: str) -> None:
        self.progress.update(self.task, current=name)

    def done(self, outcome: Outcome, moved_to: Path | None) -> None:
        if outcome.status is Status.QUARANTINED:
            self.progress.console.print(f"failed     {outcome.reason}", markup=False, highlight=False)
        self.progress.advance(self.task)

    def close(self) -> None:
        self.progress.stop()


def _listener(quiet: bool) -> Any:
    return _Progress() if sys.stderr.isatty() and not quiet else batch.LogListener()


def _batch_settings(ctx: click.Context, **options: Any) -> Settings:
    quiet = options.pop("quiet")
    settings = _guarded(ctx, lambda: Settings.from_env(**options))
    level = logging.WARNING if quiet or sys.stderr.isatty() else logging.INFO
    _guarded(ctx, lambda: batch.configure_logging(settings.log_path, level, _debug(ctx)))
    return settings


def _summarise(summary: batch.RunSummary) -> None:
    quarantined = summary.count(Status.QUARANTINED)
    parts = [f"{summary.count(Status.LOADED)} loaded", f"{summary.count(Status.DUPLICATE)} duplicate",
             f"{quarantined} quarantined"]
    extra = []
    if summary.waiting:
        extra.append(f"{len(summary.waiting)} still being written (left for the next run)")
    if summary.ignored:
        extra.append(f"{len(summary.ignored)} ignored")
    if summary.not_moved:
        extra.append(f"{len(summary.not_moved)} could not be moved")
    label = f"run {summary.run_id}" if summary.run_id is not None else "run"
    stopped = " (stopped before the end)" if summary.stopped else ""
    click.echo(f"{label}: {len(summary.outcomes)} file(s) in {summary.seconds:.1f} s{stopped}: {', '.join(parts)}"
               + (f"; {'; '.join(extra)}" if extra else ""), err=True)


@cli.command("run", context_settings=CONTEXT)
@inbox_options
@click.pass_context
def run_command(ctx: click.Context, **options: Any) -> None:
    """Process the inbox once and exit: for cron, a systemd timer or Task Scheduler.

    Only settled files are read; each ends in the archive (loaded or duplicate) or the
    quarantine (with a .reason.txt). Exit status 0 all loaded or duplicate, 1 any
    quarantined, 2 a configuration or database error, 75 another run holds the lock.

    \b
    perfreturns run
    perfreturns run --inbox /srv/returns/inbox --db /srv/returns/performance.db --workers 2
    """
    quiet = options["quiet"]
    settings = _batch_settings(ctx, **options)
    listener = _listener(quiet)
    try:
        summary = _guarded(ctx, lambda: batch.run(settings, listener))
    finally:
        if isinstance(listener, _Progress):
            listener.close()
    _summarise(summary)
    ctx.exit(summary.exit_code)


@cli.command(context_settings=CONTEXT)
@inbox_options
@click.option("--interval", type=float, envvar="PERFRETURNS_INTERVAL", default=10.0, show_default=True,
              help="Seconds between looks at the inbox.")
@click.pass_context
def watch(ctx: click.Context, interval: float, **options: Any) -> None:
    """Process the inbox over and over until stopped (Ctrl-C or SIGTERM).

    The same as `run` every --interval seconds, holding the lock all the while.

    \b
    perfreturns watch --interval 30
    """
    settings = _batch_settings(ctx, **options)
    summaries = _guarded(ctx, lambda: batch.watch(settings, interval, batch.LogListener()))
    for summary in summaries:
        if summary.outcomes:
            _summarise(summary)
    ctx.exit(max((s.exit_code for s in summaries), default=0))


def main() -> None:
    """Entry point for python -m pipeline."""
    cli(prog_name="perfreturns")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
