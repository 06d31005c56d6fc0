"""What the quarterly report shows, read from the database's views for one period."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from pipeline.errors import ConfigError

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting quarter: financial year and quarter, e.g. 2007/08 Q3."""

    financial_year: str
    quarter: int

    @property
    def label(self) -> str:
        """As the vocabulary writes it: "2007/08 Q3"."""
        return f"{self.financial_year} Q{self.quarter}"

    @property
    def position(self) -> float:
        """Years since 0 at the end of the quarter, as the views place periods."""
        return int(self.financial_year[:4]) + self.quarter / 4

    @property
    def slug(self) -> str:
        """For file names: 2007-08-Q3."""
        return self.label.replace("/", "-").replace(" ", "-")


@dataclass(frozen=True, slots=True)
class IndicatorSeries:
    """One indicator's baseline, targets and actuals up to the report's period, with its progress."""

    code: str
    description: str | None
    unit: str | None
    polarity: str | None
    polarity_source: str | None
    baseline: Row | None
    targets: tuple[Row, ...]
    actuals: tuple[Row, ...]
    latest: Row


@dataclass(frozen=True, slots=True)
class ReportData:
    """Every table of the report for one period (and organisation or service, where narrowed)."""

    period: Period
    organisation: str | None
    service: str | None
    documents: tuple[Row, ...]
    rag_summary: tuple[Row, ...]
    exceptions: tuple[Row, ...]
    indicators: tuple[IndicatorSeries, ...]
    changes: tuple[Row, ...]
    issues: tuple[Row, ...]

    @property
    def title(self) -> str:
        """The report's title."""
        scope = " – ".join(x for x in (self.organisation, self.service) if x)
        return f"Quarterly performance report {self.period.label}" + (f": {scope}" if scope else "")


_PERIOD = re.compile(r"^\s*(?P<year>\d{4}/\d{2})\s+Q(?P<q>[1-4])\s*$")


def parse_period(text: str) -> Period:
    """ "2007/08 Q3" as a Period; a usage error for anything else."""
    match = _PERIOD.match(text)
    if not match:
        raise ConfigError(f"--period {text!r}: give a financial year and quarter, like \"2007/08 Q3\"")
    return Period(match.group("year"), int(match.group("q")))


def loaded_periods(db: sqlite_utils.Database) -> list[Period]:
    """Every period with a loaded document, earliest first."""
    return [Period(r["financial_year"], r["quarter"]) for r in db.query(
        "select distinct financial_year, quarter from documents where status = 'loaded' "
        "and financial_year is not null and quarter is not null order by financial_year, quarter")]


def _scope(alias: str, organisation: str | None, service: str | None) -> tuple[str, list[Any]]:
    where, params = [], []
    if organisation:
        where.append(f"{alias}organisation = ?")
        params.append(organisation)
    if service:
        where.append(f"{alias}service = ?")
        params.append(service)
    return "".join(f" and {w}" for w in where), params


def gather(db: sqlite_utils.Database, period: Period | None = None, organisation: str | None = None,
           service: str | None = None) -> ReportData:
    """Read the report's tables for a period, by default the latest with a loaded document."""
    periods = loaded_periods(db)
    if not periods:
        raise ConfigError("the database has no loaded return with a period yet; load returns first with: "
                          "perfreturns ingest samples/")
    period = period or periods[-1]
    if period not in periods:
        raise ConfigError(f"no loaded return reports {period.label}; loaded periods: "
                          + ", ".join(p.label for p in periods))
    when = " and financial_year = ? and quarter = ?"
    at = [period.financial_year, period.quarter]
    scope, params = _scope("", organisation, service)
    documents = tuple(db.query(
        "select id, file_name, doc_type, organisation, service, title, period_label, pages from documents "
        f"where status = 'loaded'{when}{scope} order by id", at + params))
    if not documents:
        raise ConfigError(f"no loaded return for {period.label} matches "
                          + " and ".join(f"{k} {v!r}" for k, v in (("organisation", organisation),
                                                                   ("service", service)) if v))
    ids = [d["id"] for d in documents]
    marks = ", ".join("?" * len(ids))
    rag_summary = tuple(db.query(
        f"select organisation, service, section, rag, count from rag_summary where 1 = 1{when}{scope} "
        "order by organisation, service, section, rag", at + params))
    exceptions = tuple(db.query(
        f"select * from exceptions where 1 = 1{when}{scope} order by case rag when 'red' then 1 "
        "when 'red_amber' then 2 else 3 end, organisation, service, section, record_id", at + params))
    changes = tuple(db.query(
        f"select * from commitment_history h where change != 'unchanged'{when}{scope} and exists "
        "(select 1 from document_links s join documents d on d.id = s.document_id where d.financial_year = "
        "h.financial_year and d.quarter = h.quarter and d.service is h.service and d.organisation is "
        "h.organisation) order by change, section", at + params))
    issues = tuple(db.query(
        "select i.severity, i.code, i.message, i.page, d.file_name from extraction_issues i "
        f"join documents d on d.id = i.document_id where i.document_id in ({marks}) "
        "order by case i.severity when 'error' then 1 when 'warning' then 2 else 3 end, d.file_name, i.id", ids))
    return ReportData(period, organisation, service, documents, rag_summary, exceptions,
                      tuple(_indicators(db, period, organisation)), changes, issues)


def _indicators(db: sqlite_utils.Database, period: Period, organisation: str | None) -> list[IndicatorSeries]:
    """Indicators with an actual up to the period's end, each with its values and latest progress."""
    scope, params = _scope("", organisation, None)
    progress = list(db.query(
        f"select * from indicator_progress where 1 = 1{scope} order by code, period", params))
    out = []
    for code in dict.fromkeys(r["code"] for r in progress):
        rows = [r for r in progress if r["code"] == code and position_of(r["period"]) <= period.position]
        if not rows:
            continue
        latest = max(rows, key=lambda r: position_of(r["period"]))
        values = list(db.query(
            "select kind, period, value, value_raw from current_indicator_values where indicator_id = ? "
            "and value is not null order by kind, period, document_id desc", [latest["indicator_id"]]))
        picked: dict[tuple[str, str], Row] = {}
        for value in values:
            picked.setdefault((value["kind"], value["period"]), value)
        baseline = [v for (k, _), v in picked.items() if k == "baseline"]
        out.append(IndicatorSeries(
            code=code, description=latest["description"], unit=latest["unit"], polarity=latest["polarity"],
            polarity_source=latest["polarity_source"],
            baseline=baseline[-1] if baseline else None,
            targets=tuple(v for (k, _), v in sorted(picked.items()) if k == "target"),
            actuals=tuple(r for r in rows),
            latest=latest,
        ))
    return out


def position_of(period: str | None) -> float:
    """A period's place in years (end of year, or end of quarter); far future for one we cannot place."""
    if not period:
        return float("inf")
    match = re.match(r"^(\d{4})/\d{2}(?: Q([1-4]))?$", period)
    if not match:
        return float("inf")
    return int(match.group(1)) + (int(match.group(2)) / 4 if match.group(2) else 1.0)
