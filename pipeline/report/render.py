"""The report as one self-contained A4 HTML file (Jinja2, inline SVG), and its PDF by headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

import schemas
from pipeline.errors import ConfigError
from pipeline.report.charts import RAG_ORDER, rag_chart, trajectory_chart
from pipeline.report.data import ReportData

CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")


def chip(rag: str | None) -> Markup:
    """A status as a coloured chip with its word; empty for no status."""
    style = schemas.contract()["rag"].get(rag or "")
    if style is None:
        return Markup("")
    return Markup(f'<span class="rag-chip rag-{rag}" style="background:{style["colour"]};color:{style["text"]}">'
                  f'{escape(style["label"])}</span>')


def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def sections(data: ReportData) -> list[dict[str, Any]]:
    """Per section: counts per status, the total and its chart."""
    grouped: dict[str, dict[str | None, int]] = {}
    for row in data.rag_summary:
        counts = grouped.setdefault(row["section"] or "(no section)", {})
        counts[row["rag"]] = counts.get(row["rag"], 0) + row["count"]
    out = []
    for section, counts in grouped.items():
        if not any(k for k in counts):
            continue  # a plan's actions with no status: nothing to chart
        out.append({"section": section, "counts": counts, "total": sum(counts.values()),
                    "svg": rag_chart(section, counts)})
    return out


def render_html(data: ReportData) -> str:
    """The report's HTML: every chart inline, no external file."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("pipeline.report", "templates"),
                             autoescape=jinja2.select_autoescape(["html", "j2"]))
    found = sections(data)
    keys = [k for k in RAG_ORDER if any(s["counts"].get(k) for s in found)]
    return env.get_template("report.html.j2").render(
        data=data, sections=found, rag_keys=keys, chip=chip, fmt=_fmt,
        charts={i.code: trajectory_chart(i) for i in data.indicators},
        generated=datetime.now(timezone.utc).strftime("%d %B %Y %H:%M UTC"),
    )


def chromium() -> str:
    """The Chromium executable; a usage error naming the Debian package where it is missing."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ConfigError("printing the report to PDF needs Chromium; install Debian's chromium package "
                      "(apt-get install chromium)")


def write_pdf(html_path: Path, pdf_path: Path, timeout: int = 120) -> Path:
    """Print the HTML file to an A4 PDF with headless Chromium, under a throwaway profile."""
    with tempfile.TemporaryDirectory(prefix="perfreturns-chromium-") as profile:
        command = [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                   f"--print-to-pdf={pdf_path}", html_path.resolve().as_uri()]
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=timeout)
        except subprocess.CalledProcessError as exc:
            last = (exc.stderr or b"").decode(errors="replace").strip().splitlines()[-1:] or ["no message"]
            raise ConfigError(f"{html_path.name}: Chromium could not print the PDF ({last[0]})") from exc
        except subprocess.TimeoutExpired as exc:
            raise ConfigError(f"{html_path.name}: Chromium did not finish printing within {timeout} s") from exc
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise ConfigError(f"{html_path.name}: Chromium wrote no PDF")
    return pdf_path
