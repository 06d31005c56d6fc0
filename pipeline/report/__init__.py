"""The consolidated quarterly report: A4 HTML with inline charts, its PDF, and an .xlsx of the same tables."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from pipeline.loader import ensure_schema
from pipeline.report.data import Period, ReportData, gather, parse_period
from pipeline.report.render import render_html, write_pdf
from pipeline.report.workbook import write_xlsx

__all__ = ["ReportFiles", "build", "parse_period"]


@dataclass(frozen=True, slots=True)
class ReportFiles:
    """The three files one report writes, and what they show."""

    data: ReportData
    html: Path
    pdf: Path
    xlsx: Path


def _name(data: ReportData) -> str:
    parts = ["report", data.period.slug, *(p for p in (data.organisation, data.service) if p)]
    return "-".join(p.lower().replace(" ", "-").replace("/", "-") for p in parts)


def build(db_path: Path, out_dir: Path, period: Period | None = None, organisation: str | None = None,
          service: str | None = None) -> ReportFiles:
    """Write the report for a period (default: the latest loaded) as HTML, PDF and .xlsx into a folder."""
    db = sqlite_utils.Database(db_path)
    try:
        ensure_schema(db)
        data = gather(db, period, organisation, service)
    finally:
        db.close()
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = _name(data)
    html = out_dir / f"{stem}.html"
    html.write_text(render_html(data), encoding="utf-8")
    pdf = write_pdf(html, out_dir / f"{stem}.pdf")
    xlsx = write_xlsx(data, out_dir / f"{stem}.xlsx")
    return ReportFiles(data, html, pdf, xlsx)
