"""Checks across a normalised document that add issues and never drop records."""

from __future__ import annotations

from dataclasses import replace

from pipeline.models import Commitment, Issue, NormalisedDocument, Severity


def validate(document: NormalisedDocument) -> NormalisedDocument:
    """The document with issues added for what a reviewer should look at."""
    issues = list(document.issues)
    for record in document.records:
        if isinstance(record, Commitment):
            where = f"table {(record.origin.table_index or 0) + 1} row {record.origin.row_index}"
            if record.rag is None:
                issues.append(Issue(Severity.WARNING, "missing_rag", f"{where}: the commitment has no status",
                                    record.origin.page_start, record.origin.table_index))
            if not record.officers:
                issues.append(Issue(Severity.INFO, "missing_officer",
                                    f"{where}: the commitment names no responsible officer",
                                    record.origin.page_start, record.origin.table_index))
    if not document.records and not document.unmapped:
        issues.append(Issue(Severity.WARNING, "no_records", "nothing in the document mapped onto the schema"))
    return replace(document, issues=tuple(issues))
