"""The report's tables as an .xlsx workbook: a sheet per table, frozen headers, filters, number formats,
and native Excel charts (openpyxl)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference
from openpyxl.chart.series import SeriesLabel
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

import schemas
from pipeline.report.charts import RAG_ORDER
from pipeline.report.data import ReportData

COUNT = "0"
VALUE = "#,##0.00"


def _sheet(book: Workbook, title: str, header: list[str], rows: list[list[Any]],
           formats: dict[int, str] | None = None, widths: dict[int, int] | None = None) -> Worksheet:
    sheet = book.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E8E8E8")
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 2)}"
    for col, number_format in (formats or {}).items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = number_format
    for col in range(1, len(header) + 1):
        sheet.column_dimensions[get_column_letter(col)].width = (widths or {}).get(col, 16)
    return sheet


def write_xlsx(data: ReportData, path: Path) -> Path:
    """Write the workbook: RAG summary (with a stacked bar chart), exceptions, indicators (with a line
    chart each), changes and data-quality issues."""
    book = Workbook()
    book.remove(book.active)
    styles = schemas.contract()["rag"]
    grouped: dict[str, dict[str | None, int]] = {}
    for row in data.rag_summary:
        counts = grouped.setdefault(row["section"] or "(no section)", {})
        counts[row["rag"]] = counts.get(row["rag"], 0) + row["count"]
    keys = [k for k in RAG_ORDER if any(c.get(k) for c in grouped.values())]
    summary = _sheet(book, "RAG summary", ["Section", *(styles[k]["label"] for k in keys), "No status", "Total"],
                     [[s, *(c.get(k, 0) for k in keys), c.get(None, 0), sum(c.values())] for s, c in grouped.items()],
                     {i: COUNT for i in range(2, len(keys) + 4)}, {1: 48})
    if grouped and keys:
        chart = BarChart()
        chart.type, chart.grouping, chart.overlap = "bar", "stacked", 100
        chart.title = f"Statuses by section, {data.period.label}"
        chart.y_axis.title, chart.x_axis.title = "Commitments and actions (count)", "Section"
        chart.add_data(Reference(summary, min_col=2, max_col=len(keys) + 1, min_row=1, max_row=len(grouped) + 1),
                       titles_from_data=True)
        chart.set_categories(Reference(summary, min_col=1, min_row=2, max_row=len(grouped) + 1))
        for series, key in zip(chart.series, keys):
            series.graphicalProperties.solidFill = styles[key]["colour"].lstrip("#")
        chart.height, chart.width = 7 + 0.6 * len(grouped), 22
        summary.add_chart(chart, f"A{len(grouped) + 4}")

    _sheet(book, "Exceptions", ["Status", "Section", "Commitment or action", "Owner", "Commentary", "File", "Page"],
           [[styles.get(e["rag"], {}).get("label", e["rag"]), e["section"], e["item"], e["officers"], e["comment"],
             e["file_name"], e["page"]] for e in data.exceptions], {7: COUNT}, {2: 30, 3: 60, 4: 22, 5: 80, 6: 36})

    indicators = _sheet(book, "Indicators", ["Code", "Description", "Unit", "Polarity", "Period", "Actual",
                                             "Target that year", "Trajectory", "Status"],
                        [[i.code, i.description, i.unit, i.polarity, a["period"], a["actual"], a["target"],
                          a["trajectory"], a["status"]] for i in data.indicators for a in i.actuals],
                        {6: VALUE, 7: VALUE, 8: VALUE}, {2: 50, 3: 22})
    row = 1
    for series in data.indicators:
        start = len(list(indicators.iter_rows())) + 3 if row == 1 else row
        block = [["Period", "Actual", "Target", "Trajectory"]]
        block += [[a["period"], a["actual"], a["target"], a["trajectory"]] for a in series.actuals]
        for offset, values in enumerate(block):
            for col, value in enumerate(values, start=11):
                cell = indicators.cell(row=start + offset, column=col, value=value)
                if offset and col > 11:
                    cell.number_format = VALUE
        line = LineChart()
        line.title = f"{series.code}: actual against target and trajectory"
        line.y_axis.title = series.unit or "value"
        line.x_axis.title = "Period"
        line.add_data(Reference(indicators, min_col=12, max_col=14, min_row=start, max_row=start + len(block) - 1),
                      titles_from_data=True)
        line.set_categories(Reference(indicators, min_col=11, min_row=start + 1, max_row=start + len(block) - 1))
        for chart_series, colour in zip(line.series, ("404040", "0070C0", "7F7F7F")):
            chart_series.graphicalProperties.line.solidFill = colour
            chart_series.marker.symbol = "circle"
        line.series[0].tx = SeriesLabel(v="Actual")
        indicators.add_chart(line, f"P{start}")
        row = start + max(len(block), 16) + 2

    _sheet(book, "Changes", ["Change", "Section", "Commitment", "Was", "Now", "Owner"],
           [[c["change"], c["section"], c["commitment"], styles.get(c["previous_rag"] or "", {}).get("label"),
             styles.get(c["rag"] or "", {}).get("label"), c["officers"]] for c in data.changes],
           widths={2: 30, 3: 70, 6: 24})
    _sheet(book, "Data quality", ["Severity", "Code", "File", "Page", "Message"],
           [[i["severity"], i["code"], i["file_name"], i["page"], i["message"]] for i in data.issues],
           {4: COUNT}, {2: 26, 3: 40, 5: 90})
    book.save(path)
    return path
