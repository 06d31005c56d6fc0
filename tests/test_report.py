"""`perfreturns report`: HTML, PDF and .xlsx for a quarter, their numbers checked against the database."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pdfplumber
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from pipeline.cli import cli


class _Tables(HTMLParser):
    """The cells of each <table class=...> of an HTML page, as text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._table: str | None = None
        self._row: list[str] | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        if tag == "table":
            self._table = dict(attrs).get("class") or ""
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            self.tables[self._table].append(self._row)
            self._row = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._cell is not None:
            self._cell.append(data)


def _tables(html: str) -> dict[str, list[list[str]]]:
    parser = _Tables()
    parser.feed(html)
    return parser.tables


@pytest.fixture(scope="module")
def q3_report(quarters_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("report")
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2007/08 Q3",
                                      "--out", str(out)])
    assert result.exit_code == 0, result.output
    stem = out / "report-2007-08-q3"
    assert result.stdout.splitlines() == [f"{stem}.html", f"{stem}.pdf", f"{stem}.xlsx"]
    return {ext: stem.with_suffix(f".{ext}") for ext in ("html", "pdf", "xlsx")}


def _db_summary(quarters) -> dict[str, dict[str, int]]:  # type: ignore[no-untyped-def]
    out: dict[str, dict[str, int]] = {}
    for r in quarters.query("select section, rag, count from rag_summary where financial_year = '2007/08' "
                            "and quarter = 3"):
        out.setdefault(r["section"], {})[r["rag"]] = r["count"]
    return out


def test_the_html_report_shows_the_rag_summary_of_the_database_with_a_chart_per_section(q3_report, quarters):
    html = q3_report["html"].read_text(encoding="utf-8")
    summary = _tables(html)["rag-summary"]
    assert summary[0] == ["Section", "Red", "Amber", "Green", "Total"]
    db = _db_summary(quarters)
    assert {row[0]: {"red": int(row[1]), "amber": int(row[2]), "green": int(row[3])} for row in summary[1:]} == {
        s: {k: c.get(k, 0) for k in ("red", "amber", "green")} for s, c in db.items()}
    assert summary[1] == ["A – Improved Quality of Life for People", "1", "4", "9", "14"]
    labels = re.findall(r'<svg role="img" aria-label="([^"]+)"', html)
    assert labels == [
        "Statuses in A – Improved Quality of Life for People: Red 1, Amber 4, Green 9",
        "Statuses in C – Improving Services to Deliver High Quality and Value for Money: Amber 1",
        "Statuses in MTCS targets and priorities Older People (None LAA) Q3 2007-2008: Amber 1",
    ]
    assert "Commitments and actions (count)" in html


def test_the_html_report_lists_exceptions_changes_and_issues_and_is_self_contained(q3_report, quarters):
    html = q3_report["html"].read_text(encoding="utf-8")
    tables = _tables(html)
    exceptions = tables["exceptions"][1:]
    assert len(exceptions) == quarters.execute(
        "select count(*) from exceptions where financial_year = '2007/08' and quarter = 3").fetchone()[0] == 7
    assert exceptions[0][0] == "Red" and exceptions[0][3] == "Sheila Rochester"
    assert exceptions[0][4].startswith("Good progress is being made on strengthening partnership working")
    assert sorted((r[0], r[3], r[4]) for r in tables["changes"][1:]) == [
        ("dropped", "Green", ""), ("improved", "Amber", "Green"), ("worsened", "Amber", "Red")]
    issues = tables["issues"][1:]
    assert [(r[0], r[1]) for r in issues] == [(r["severity"], r["code"]) for r in quarters.query(
        "select severity, code from extraction_issues i join documents d on d.id = i.document_id "
        "where d.status = 'loaded' and d.financial_year = '2007/08' and d.quarter = 3 order by i.id")]
    assert "No indicator reports an actual up to 2007/08 Q3." in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "@page { size: A4;" in html


def test_the_pdf_is_the_html_printed_on_a4_with_the_same_numbers(q3_report):
    with pdfplumber.open(q3_report["pdf"]) as pdf:
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (595, 842)
        text = "\n".join(page.extract_text() for page in pdf.pages)
        rows = [[" ".join((c or "").split()) for c in row] for page in pdf.pages for table in page.extract_tables()
                for row in table]
    assert text.startswith("Quarterly performance report 2007/08 Q3")
    assert "A – Improved Quality of Life for People 1 4 9 14" in text
    assert "Red: 1" in text and "Green: 9" in text  # the chart's labels are text in the PDF too
    exceptions = [r for r in rows if len(r) == 6 and r[0] in ("Red", "Amber") and r[5].isdigit()]
    assert len(exceptions) == 7
    assert exceptions[0][:4] == ["Red", "A – Improved Quality of Life for People",
                                 exceptions[0][2], "Sheila Rochester"]
    assert exceptions[0][2].startswith("Continue to work closely with the Department for Work and Pensions")
    assert sorted(r[0] for r in rows if r and r[0] in ("dropped", "improved", "worsened")) == [
        "dropped", "improved", "worsened"]


def test_the_workbook_has_a_sheet_per_table_with_frozen_headers_filters_formats_and_charts(q3_report, quarters):
    book = load_workbook(q3_report["xlsx"])
    assert book.sheetnames == ["RAG summary", "Exceptions", "Indicators", "Changes", "Data quality"]
    summary = book["RAG summary"]
    rows = [[c.value for c in r] for r in summary.iter_rows()]
    assert rows[0] == ["Section", "Red", "Amber", "Green", "No status", "Total"]
    db = _db_summary(quarters)
    assert {r[0]: {"red": r[1], "amber": r[2], "green": r[3]} for r in rows[1:]} == {
        s: {k: c.get(k, 0) for k in ("red", "amber", "green")} for s, c in db.items()}
    assert (summary.freeze_panes, summary.auto_filter.ref) == ("A2", "A1:F4")
    assert summary["B2"].number_format == "0"
    [chart] = summary._charts
    assert chart.title.tx.rich.p[0].r[0].t == "Statuses by section, 2007/08 Q3"
    assert [s.graphicalProperties.solidFill.srgbClr for s in chart.series] == ["FF0000", "FFC000", "00B050"]
    exceptions = book["Exceptions"]
    assert exceptions.max_row == 8 and exceptions["A2"].value == "Red" and exceptions["D2"].value == "Sheila Rochester"
    assert [book[n].freeze_panes for n in book.sheetnames] == ["A2"] * 5


def test_the_default_period_is_the_latest_loaded_with_ni_136_charted(quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report-2008-09-q2.html").read_text(encoding="utf-8")
    [chart] = re.findall(r'<div class="chart trajectory-chart" id="chart-NI-136">(.*?)</div>', html, re.S)
    texts = [" ".join(t.split()) for t in re.findall(r"<text[^>]*>([^<]+)</text>", chart)]
    for wanted in ("Target 2008/09: 2656", "Actual 2008/09 Q1: 1917 (off track)",
                   "Actual 2008/09 Q2: 2104 (off track)", "Baseline 2006/07: 2310", "per 100,000 population"):
        assert wanted in texts, wanted
    assert any("higher is better" in t for t in texts)
    indicators = _tables(html)["indicators"]
    assert indicators[1] == ["NI 136", "2,104", "2008/09 Q2", "2,656", "2,568.75", "higher", "off track"]
    book = load_workbook(tmp_path / "report-2008-09-q2.xlsx")
    assert len(book["Indicators"]._charts) == 5
    assert book["Indicators"]["F2"].value == 1917 and book["Indicators"]["F2"].number_format == "#,##0.00"


def test_a_period_with_no_return_is_refused_naming_the_loaded_ones(quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2009/10 Q1",
                                      "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == ("error: no loaded return reports 2009/10 Q1; loaded periods: "
                                     "2007/08 Q1, 2007/08 Q2, 2007/08 Q3, 2008/09 Q2")
    bad = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "Q3", "--out", str(tmp_path)])
    assert bad.exit_code == 2
    assert bad.output.strip() == "error: --period 'Q3': give a financial year and quarter, like \"2007/08 Q3\""


def test_service_narrows_the_report(quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2007/08 Q2",
                                      "--service", "Adult Services", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == str(tmp_path / "report-2007-08-q2-adult-services.html")
    html = (tmp_path / "report-2007-08-q2-adult-services.html").read_text(encoding="utf-8")
    assert "<h1>Quarterly performance report 2007/08 Q2: Adult Services</h1>" in html
    other = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2007/08 Q2",
                                     "--service", "Children's Services", "--out", str(tmp_path)])
    assert other.exit_code == 2
    assert other.output.strip() == "error: no loaded return for 2007/08 Q2 matches service \"Children's Services\""


def test_organisation_narrows_the_report(quarters_path, tmp_path):
    result = CliRunner().invoke(cli, ["report", "--db", str(quarters_path), "--period", "2007/08 Q3",
                                      "--organisation", "Coventry City Council", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: no loaded return for 2007/08 Q3 matches organisation 'Coventry City Council'")
