"""`perfreturns serve`: the contract's metadata, saved queries, facets and the RAG-chip plugin."""

from __future__ import annotations

import json
import re
from pathlib import Path

from click.testing import CliRunner

import schemas
from pipeline.cli import cli
from pipeline.serve import QUERIES, datasette_args, metadata


def _get(db: Path, path: str) -> str:
    result = CliRunner().invoke(cli, ["serve", "--db", str(db), "--get", path])
    assert result.exit_code == 0, result.output
    return result.output


def _json(db: Path, path: str) -> object:
    return json.loads(_get(db, path))


def test_metadata_describes_every_table_and_column_with_label_columns_and_facets():
    meta = metadata("performance")
    assert (meta["title"], meta["license"]) == ("Council performance returns", "Open Government Licence v3.0")
    tables = meta["databases"]["performance"]["tables"]
    contract = schemas.contract()
    assert set(tables) == set(contract["tables"]) | set(contract["views"])
    for name, spec in contract["tables"].items():
        assert set(tables[name]["columns"]) == set(spec["columns"]), name
    assert tables["funding"]["columns"]["amount"] == "Planned spend in whole pounds. Unit: £."
    assert {n: tables[n]["label_column"] for n in ("documents", "indicators", "officers")} == {
        "documents": "file_name", "indicators": "code", "officers": "name"}
    assert tables["current_commitments"]["facets"] == ["rag", "section", "organisation", "service", "period_label"]
    assert sorted(meta["databases"]["performance"]["queries"]) == sorted(QUERIES)


def test_serve_listens_on_localhost_unless_told_otherwise(tmp_path):
    args = datasette_args(tmp_path / "performance.db", tmp_path / "metadata.json", "127.0.0.1", 8001, False)
    assert args[args.index("--host") + 1] == "127.0.0.1"
    help_text = " ".join(CliRunner().invoke(cli, ["serve", "--help"]).output.split())
    assert "[default: 127.0.0.1]" in help_text and "[default: 8001;" in help_text


def test_serve_without_a_database_says_how_to_make_one(tmp_path):
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2
    assert result.output.strip() == (
        f"error: {tmp_path / 'none.db'}: no database there yet; load returns first with: perfreturns ingest samples/")


def test_the_exceptions_query_shows_the_red_commitment_once_with_a_red_chip_that_says_red(quarters_path):
    rows = _json(quarters_path, "/performance/exceptions_list.json?_shape=array&period=Q3+2007-08")
    red = [r for r in rows if r["rag"] == "red"]
    assert [(r["officers"], r["item"][:59]) for r in red] == [
        ("Sheila Rochester", "Continue to work closely with the Department for Work and P")]
    assert len(rows) == 7
    html = _get(quarters_path, "/performance/exceptions_list?period=Q3+2007-08")
    chips = re.findall(r'<span class="rag-chip rag-(\w+)"[^>]*background:(#\w+)[^>]*>([^<]+)</span>', html)
    assert chips.count(("red", "#FF0000", "Red")) == 1
    assert chips.count(("amber", "#FFC000", "Amber")) == 6
    assert 'href="/performance/source_cells?document_id=' in html
    [document] = {r["document_id"] for r in rows}
    assert html.count(f'<a class="source-document" href="/performance/documents/{document}">document {document}</a>') == 7


def test_saved_queries_answer_the_usual_questions(quarters_path):
    owned = _json(quarters_path, "/performance/officer_owns.json?_shape=array&officer=Mick+Connell")
    assert [(r["period_label"], r["rag"]) for r in owned] == [
        ("Q3 2007-08", "amber"), ("Q2 2007-08", "amber"), ("Q2 2007-08", "green"),
        ("Q1 2007-08", "green"), ("Q1 2007-08", "green")]
    off = _json(quarters_path, "/performance/off_trajectory.json?_shape=array")
    assert [(r["code"], r["period"], r["actual"], r["trajectory"]) for r in off] == [
        ("NI 136", "2008/09 Q2", 2104.0, 2568.75)]
    changed = _json(quarters_path, "/performance/changes_since_previous_quarter.json?_shape=array&period=Q3+2007-08")
    assert sorted((r["change"], r["previous_rag"], r["rag"]) for r in changed) == [
        ("dropped", "green", None), ("improved", "amber", "green"), ("worsened", "amber", "red")]
    found = _json(quarters_path, "/performance/search_commentary.json?_shape=array&q=Mountsorrel")
    assert [(r["kind"], r["period_label"]) for r in found] == [("commitment", "Q3 2007-08")]
    issues = _json(quarters_path, "/performance/last_run_issues.json?_shape=array")
    assert issues == []


def test_facet_counts_show_each_row_once_with_word_and_pdf_loaded(quarters_path):
    page = _json(quarters_path, "/performance/current_commitments.json?_facet=rag&period_label=Q3+2007-08")
    counts = {r["value"]: r["count"] for r in page["facet_results"]["rag"]["results"]}
    assert counts == {"green": 9, "amber": 6, "red": 1}


def test_the_database_page_lists_the_raw_cells_and_the_extraction_log_last(quarters_path):
    html = _get(quarters_path, "/performance")
    order = re.findall(r'<h3><a href="/performance/(\w+)"', html)
    assert order[-2:] == ["extraction_issues", "source_cells"]
    assert order[:2] == ["action_officers", "actions"] and "commitments" in order


def test_the_dashboard_page_has_its_charts(quarters_path):
    html = _get(quarters_path, "/-/dashboards/quarterly")
    assert "Commitments and actions by status and period" in html
    assert "Indicators: latest actual against trajectory" in html
    narrowed = _get(quarters_path, "/-/dashboards/quarterly?service=Adult+Services")
    assert re.search(r'<option value="Adult Services"\s+selected', narrowed), "the service filter offers the service"
