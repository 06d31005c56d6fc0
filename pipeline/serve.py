"""`perfreturns serve`: Datasette on the database with the contract's metadata, saved queries,
the RAG-chip plugin and a dashboard (datasette-dashboards)."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

import schemas

DATASETTE_DIR = Path(str(resources.files("pipeline") / "datasette"))
PLUGINS_DIR = DATASETTE_DIR / "plugins"
TEMPLATES_DIR = DATASETTE_DIR / "templates"

# Saved queries for the questions the team asks between reports. A parameter left empty
# in the form means "any".
QUERIES: dict[str, dict[str, str]] = {
    "exceptions_list": {
        "title": "Exceptions: red and amber, with owners and commentary",
        "description": "Red and amber commitments and actions of loaded returns; pick a period or leave it empty for all.",
        "sql": """select period_label, organisation, service, section, item, officers, rag, comment, document_id, page
from exceptions
where (:period = '' or period_label = :period)
order by financial_year desc, quarter desc, case rag when 'red' then 1 when 'red_amber' then 2 else 3 end,
         organisation, service, section""",
    },
    "officer_owns": {
        "title": "Everything one officer owns",
        "description": "Current commitments and actions whose responsible or lead officer matches the name given.",
        "sql": """select 'commitment' as kind, c.period_label, c.organisation, c.service, c.section,
       coalesce(c.commitment, c.deliverable, c.priority) as item, c.rag, c.comment, c.document_id, c.page_start as page
from current_commitments c
where c.id in (select l.commitment_id from commitment_officers l join officers o on o.id = l.officer_id
               where o.name like '%' || :officer || '%')
union all
select 'action', a.period_label, a.organisation, a.service, a.code, a.action, a.rag, a.progress, a.document_id,
       a.page_start
from current_actions a where a.lead_officer like '%' || :officer || '%'
order by 2 desc, 1, 5""",
    },
    "off_trajectory": {
        "title": "Indicators off trajectory",
        "description": "Each indicator's latest actual that misses that year's target or its straight-line trajectory.",
        "sql": """select code, description, period, actual, target, trajectory, polarity, status, unit, document_id
from indicator_progress
where is_latest and status = 'off track'
order by code""",
    },
    "changes_since_previous_quarter": {
        "title": "What changed since the previous quarter",
        "description": "Commitments whose status improved or worsened, and those added or dropped, against the same return's previous quarter.",
        "sql": """select h.period_label, h.organisation, h.service, h.section, h.commitment, h.previous_rag, h.rag,
       h.change, h.officers, h.comment
from commitment_history h
join documents d on d.id = coalesce(
  (select document_id from commitments where id = h.commitment_id),
  (select s.document_id from document_links s join commitments p on p.document_id = s.previous_id
   where p.id = h.previous_id))
where h.change != 'unchanged'
  and exists (select 1 from document_links s where s.document_id = d.id)
  and (:period = '' or h.period_label = :period)
order by h.financial_year desc, h.quarter desc, h.change, h.section""",
    },
    "search_commentary": {
        "title": "Search commentary and narratives",
        "description": "Full-text search over commitments (with their commentary) and narrative sections of current documents.",
        "sql": """select 'commitment' as kind, c.id, d.period_label, d.service,
       coalesce(c.commitment, c.deliverable, c.priority) as title, c.comment as text, c.document_id, c.page_start as page
from commitments c join documents d on d.id = c.document_id
where d.status = 'loaded' and c.rowid in (select rowid from commitments_fts where commitments_fts match :q)
union all
select 'narrative', n.id, d.period_label, d.service, n.heading, n.text, n.document_id, n.page
from narratives n join documents d on d.id = n.document_id
where d.status = 'loaded' and n.rowid in (select rowid from narratives_fts where narratives_fts match :q)""",
    },
    "last_run_issues": {
        "title": "Data-quality issues of the last run",
        "description": "Errors and warnings recorded for the files of the most recent run.",
        "sql": """select i.severity, i.code, i.message, d.file_name, i.document_id, i.page
from extraction_issues i join documents d on d.id = i.document_id
where d.run_id = (select max(id) from runs) and i.severity in ('error', 'warning')
order by case i.severity when 'error' then 1 else 2 end, d.file_name, i.id""",
    },
}


def _column_text(spec: dict[str, Any]) -> str:
    unit = spec.get("unit")
    return f"{spec['description']} Unit: {unit}." if unit else spec["description"]


# The dashboard's optional filters, as datasette-dashboards writes them: dropped when empty.
SCOPE = " [[ and organisation = :organisation ]] [[ and service = :service ]]"


def _dashboard(database: str) -> dict[str, Any]:
    """The datasette-dashboards page: RAG counts per period and section, and indicators against trajectory."""
    colours = schemas.contract()["rag"]
    scale = {"domain": [s["label"] for s in colours.values()], "range": [s["colour"] for s in colours.values()]}
    return {
        "title": "Quarterly performance",
        "description": "Statuses of current commitments and actions, and each indicator against its trajectory.",
        "layout": [["rag-by-period", "exceptions"], ["rag-by-section", "progress"]],
        "filters": {
            name: {"name": name.title(), "type": "select", "db": database,
                   "query": f"select distinct {name} from documents where status = 'loaded' "
                            f"and {name} is not null order by 1"}
            for name in ("organisation", "service")
        },
        "charts": {
            "rag-by-period": {
                "title": "Commitments and actions by status and period",
                "db": database,
                "query": "select coalesce(period_label, 'no period') as period, "
                         + _label_sql("rag") + " as status, sum(count) as count from rag_summary "
                         "where rag is not null" + SCOPE + " group by 1, 2 order by financial_year, quarter",
                "library": "vega-lite",
                "display": {
                    "mark": {"type": "bar", "tooltip": True},
                    "encoding": {
                        "x": {"field": "period", "type": "nominal", "title": "Period", "sort": None},
                        "y": {"field": "count", "type": "quantitative", "title": "Commitments and actions"},
                        "color": {"field": "status", "type": "nominal", "title": "Status", "scale": scale},
                    },
                },
            },
            "rag-by-section": {
                "title": "Status by section, latest period of each return",
                "db": database,
                "query": "select section, " + _label_sql("rag") + " as status, count from rag_summary r "
                         "where rag is not null" + SCOPE + " and not exists (select 1 from rag_summary n where "
                         "n.service is r.service and n.organisation is r.organisation and "
                         "(n.financial_year > r.financial_year or (n.financial_year = r.financial_year "
                         "and n.quarter > r.quarter)))",
                "library": "vega-lite",
                "display": {
                    "mark": {"type": "bar", "tooltip": True},
                    "encoding": {
                        "y": {"field": "section", "type": "nominal", "title": "Section"},
                        "x": {"field": "count", "type": "quantitative", "title": "Commitments"},
                        "color": {"field": "status", "type": "nominal", "title": "Status", "scale": scale},
                    },
                },
            },
            "exceptions": {
                "title": "Red and amber now",
                "db": database,
                "query": "select count(*) as count from exceptions where 1 = 1" + SCOPE,
                "library": "metric",
                "display": {"field": "count", "prefix": "", "suffix": " exceptions"},
            },
            "progress": {
                "title": "Indicators: latest actual against trajectory",
                "db": database,
                "query": "select code, period, actual, trajectory, target, status from indicator_progress "
                         "where is_latest [[ and organisation = :organisation ]] order by code",
                "library": "table",
            },
        },
    }


def _label_sql(column: str) -> str:
    cases = " ".join(f"when '{key}' then '{style['label']}'" for key, style in schemas.contract()["rag"].items())
    return f"case {column} {cases} end"


def metadata(database: str = "performance") -> dict[str, Any]:
    """Datasette metadata from schemas/contract.toml: every table, column and view described, saved queries."""
    contract = schemas.contract()
    tables: dict[str, Any] = {}
    for name, spec in {**contract["tables"], **contract["views"]}.items():
        columns = spec["columns"]
        entry: dict[str, Any] = {
            "description": spec["description"],
            "columns": {c: (_column_text(s) if isinstance(s, dict) else s) for c, s in columns.items()},
        }
        for key, target in (("label", "label_column"), ("sort", "sort"), ("sort_desc", "sort_desc"),
                            ("facets", "facets")):
            if spec.get(key):
                entry[target] = spec[key]
        if spec.get("fts"):
            entry["fts_table"] = f"{name}_fts"
        tables[name] = entry
    return {
        "title": contract["title"],
        "description": contract["description"],
        "source": contract["source"],
        "license": contract["license"],
        "license_url": contract["license_url"],
        "databases": {database: {"tables": tables, "queries": QUERIES}},
        "plugins": {"datasette-dashboards": {"quarterly": _dashboard(database)}},
    }


def datasette_args(db: Path, metadata_path: Path, host: str, port: int, open_browser: bool,
                   get: str | None = None) -> list[str]:
    """The datasette command line for one database with the project's metadata, plugin and templates."""
    args = ["serve", str(db), "--metadata", str(metadata_path), "--plugins-dir", str(PLUGINS_DIR),
            "--template-dir", str(TEMPLATES_DIR), "--host", host, "--port", str(port),
            "--setting", "facet_time_limit_ms", "1000"]
    if open_browser:
        args.append("--open")
    if get:
        args += ["--get", get]
    return args


def write_metadata(db: Path, folder: Path) -> Path:
    """Write the metadata for this database (named after its file, as Datasette names it) into a folder."""
    path = folder / "metadata.json"
    path.write_text(json.dumps(metadata(db.stem), indent=2, ensure_ascii=False), encoding="utf-8")
    return path
