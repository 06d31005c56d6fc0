"""Say why a document was read as it was: per table, the kind chosen and the runner-up, which header
became which field and why, what was left out; and where each document fact was found."""

from __future__ import annotations

from collections import Counter
from typing import Any

from pipeline.models import ExtractedDocument, NormalisedDocument, RawTable

TABLE_NAMES = {
    "Commitment": "commitments", "Indicator": "indicators", "IndicatorValue": "indicator_values",
    "Action": "actions", "Funding": "funding", "Risk": "risks", "Narrative": "narratives", "RagLevel": "rag_scale",
}
HOW = {
    "synonym": "header synonym",
    "fuzzy": "near-miss of a synonym",
    "content": "from the column's content",
}


def explanation(extracted: ExtractedDocument, document: NormalisedDocument) -> dict[str, Any]:
    """The explanation as plain data (for --json)."""
    info = document.info
    facts = {name: getattr(info, name) for name in
             ("doc_type", "title", "organisation", "service", "period_label", "financial_year", "quarter")}
    tables: dict[int, RawTable] = {t.index: t for t in extracted.tables}
    counts: Counter[tuple[int | None, str]] = Counter(
        (getattr(r, "origin").table_index, TABLE_NAMES.get(type(r).__name__, type(r).__name__))
        for r in document.records if hasattr(r, "origin")
    )
    out = []
    for item in document.explanations:
        table = tables.get(item.table_index)
        made = {name: n for (index, name), n in counts.items() if index == item.table_index}
        out.append({
            "table": item.table_index + 1,
            "pages": [table.page_start, table.page_end] if table else None,
            "rows": len(table.rows) if table else None,
            "kind": item.kind,
            "score": item.score,
            "runner_up": item.runner_up,
            "runner_up_score": item.runner_up_score,
            "columns": [{"column": col + 1, "header": header, "field": field, "how": HOW.get(how, how)}
                        for col, header, field, how in item.columns],
            "left_out_columns": [{"column": col + 1, "header": header} for col, header in item.unmapped],
            "left_out_rows": [row + 1 for row in item.skipped_rows],
            "records": made,
            "note": item.note,
        })
    return {"document": facts, "found": [{"fact": f, "where": w} for f, w in info.sources], "tables": out}


def explain_text(extracted: ExtractedDocument, document: NormalisedDocument) -> str:
    """The explanation as lines a performance officer can read."""
    data = explanation(extracted, document)
    lines = [f"{extracted.source.original_name}: {data['document']['doc_type']}"]
    where = {item["fact"]: item["where"] for item in data["found"]}
    for name, value in data["document"].items():
        if name == "doc_type":
            continue
        source = where.get(name) or where.get("period" if name in ("period_label", "financial_year", "quarter")
                                              else "", "")
        lines.append(f"  {name:<15} {value if value is not None else '-'}" + (f"   (from {source})" if source
                                                                               and value is not None else ""))
    for table in data["tables"]:
        pages = table["pages"]
        page = f"page {pages[0]}" + (f"-{pages[1]}" if pages and pages[1] != pages[0] else "") \
            if pages and pages[0] else "no page numbers"
        head = f"table {table['table']} ({page}, {table['rows']} rows)" if table["rows"] is not None \
            else f"table {table['table']} (headings and labelled paragraphs)"
        if table["kind"] is None:
            lines.append(f"{head}: not mapped{'; ' + table['note'] if table['note'] else ''}; "
                         "its cells are kept in source_cells")
            continue
        score = f", score {table['score']:.1f}" if table["score"] is not None else ""
        runner = (f"; runner-up {table['runner_up']} {table['runner_up_score']:.1f}"
                  if table["runner_up"] else "; no other kind fits")
        if table["score"] is None:
            runner = ""
        lines.append(f"{head}: {table['kind']}{score}{runner}" + (f" ({table['note']})" if table["note"] else ""))
        for column in table["columns"]:
            header = repr(column["header"]) if column["header"] else "(no header)"
            lines.append(f"  column {column['column']:<3} {header[:48]:<50} -> {column['field']:<24} {column['how']}")
        for column in table["left_out_columns"]:
            lines.append(f"  column {column['column']:<3} {column['header'][:48]!r:<50} -> left out (no field)")
        if table["left_out_rows"]:
            lines.append(f"  rows left out: {', '.join(map(str, table['left_out_rows']))}")
        if table["records"]:
            lines.append("  made: " + ", ".join(f"{n} {name}" for name, n in sorted(table["records"].items())))
    return "\n".join(lines)
