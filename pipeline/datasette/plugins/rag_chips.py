"""Datasette plugin: statuses as coloured chips that also say the word, and pages linked to their source cells."""

from __future__ import annotations

from typing import Any

from datasette import hookimpl
from markupsafe import Markup, escape

import schemas

RAG_COLUMNS = frozenset({"rag", "previous_rag"})
PAGE_COLUMNS = frozenset({"page", "page_start"})


def chip(value: str) -> Markup | None:
    """A status as a chip in its colour with its word; None for a value outside the vocabulary."""
    style = schemas.contract()["rag"].get(value)
    if style is None:
        return None
    return Markup(
        f'<span class="rag-chip rag-{value}" title="{escape(style["label"])}" style="background:{style["colour"]};'
        f'color:{style["text"]};padding:0.1em 0.6em;border-radius:0.8em;font-weight:bold;white-space:nowrap">'
        f'{escape(style["label"])}</span>')


@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str,
                datasette: Any) -> Markup | None:
    """Chips for rag columns; a page links to the cells read from that page of the source document;
    in a query's results (where Datasette shows no labels) a document id links to its document."""
    if column in RAG_COLUMNS and isinstance(value, str):
        return chip(value)
    if column == "document_id" and table is None and isinstance(value, int):
        path = datasette.urls.row(database, "documents", str(value))
        return Markup(f'<a class="source-document" href="{path}">document {value}</a>')
    if column in PAGE_COLUMNS and isinstance(value, int) and row is not None and "document_id" in row.keys():
        document = row["document_id"]
        if isinstance(document, int):
            path = datasette.urls.table(database, "source_cells")
            return Markup(f'<a class="source-page" href="{path}?document_id={document}&amp;page={value}" '
                          f'title="the cells read from page {value} of document {document}">p. {value}</a>')
    return None


@hookimpl
def extra_template_vars() -> dict[str, Any]:
    """Tables the database page lists last: the raw cells and the extraction log."""
    return {"last_tables": ["source_cells", "extraction_issues"]}
