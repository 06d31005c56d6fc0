"""The commentary stage, after normalise: officers, comment facts, RAG consistency, organisation.

`enrich(extracted, document)` returns the document with people resolved, facts read, review
issues and suggested statuses added, and the organisation filled in where the document did
not print one. spaCy is loaded only when there is commentary to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from functools import cache
from pathlib import Path

import schemas

from pipeline.config import Settings
from pipeline.models import (
    Action, Commitment, CommentFact, DocumentInfo, ExtractedDocument, Issue, Narrative, NormalisedDocument,
    Officer, Rag, Record, Severity,
)
from pipeline.nlp import officers as people
from pipeline.nlp.facts import Found, read_texts
from pipeline.nlp.organisation import canonical, infer

# The commentary each record type carries; a field the record does not have is skipped.
COMMENTARY_FIELDS = ("comment", "commentary", "progress", "update")
MAX_CHARS = 200_000  # of one text read for facts; a longer cell or section is read up to here
GOOD = frozenset({Rag.GREEN, Rag.BLUE})
BAD = frozenset({Rag.RED, Rag.RED_AMBER, Rag.AMBER})


def organisation_given(path: Path | None, settings: Settings) -> tuple[str, str] | None:
    """The organisation a config entry or an inbox subfolder names, with its source."""
    if settings.organisation:
        return canonical(settings.organisation), "config"
    if path is None:
        return None
    try:
        relative = path.resolve().relative_to(settings.inbox.resolve())
    except ValueError:
        return None
    if len(relative.parts) >= 2:
        return canonical(relative.parts[0]), "folder"
    return None


def _commentary(index: int, record: Record) -> Iterator[tuple[int, str, str]]:
    if isinstance(record, Narrative):
        if record.text.strip():
            yield index, "text", record.text
        return
    for name in COMMENTARY_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str) and value.strip():
            yield index, name, value


def _where(record: Commitment | Action) -> str:
    return f"table {(record.origin.table_index or 0) + 1} row {record.origin.row_index}"


def _quote(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= 300 else text[:297] + "..."


@cache
def _ongoing() -> re.Pattern[str]:
    return re.compile("|".join(schemas.commentary()["ongoing"]))


def _consistency(record: Commitment | Action, found: list[Found],
                 commentary: str) -> tuple[Issue | None, Rag | None]:
    """A review issue where the status and the commentary disagree; a suggested status where none is printed."""
    slips = [f for f in found if f.kind == "slippage"]
    slipped = [f for f in slips if f.strong]
    done = [f for f in found if f.kind == "completion" and f.strong]
    if done and _ongoing().search(commentary.lower()):
        done = []  # one step done and more to do: no claim that the record is complete
    kind = "commitment" if isinstance(record, Commitment) else "action"
    if record.rag in GOOD and slipped:
        return Issue(Severity.WARNING, "rag_mismatch",
                     f"{_where(record)}: the {kind} is {record.rag.value} but its commentary reports "
                     f"slippage ({slipped[0].text!r}): \"{_quote(slipped[0].sentence)}\"",
                     record.origin.page_start, record.origin.table_index), None
    if record.rag in BAD and done and not slips:
        return Issue(Severity.WARNING, "rag_mismatch",
                     f"{_where(record)}: the {kind} is {record.rag.value} but its commentary says it is "
                     f"{done[0].value} ({done[0].text!r}): \"{_quote(done[0].sentence)}\"",
                     record.origin.page_start, record.origin.table_index), None
    if record.rag is None and (slips or done):
        if slips and done:
            return None, None  # mixed news: no plain reading
        suggestions = {f.suggest for f in (slips or done) if f.suggest}
        if len(suggestions) == 1:
            return None, Rag(suggestions.pop())
        if slips and suggestions == {"amber", "red"}:
            return None, Rag.RED
        if done and suggestions == {"blue", "green"}:
            return None, Rag.GREEN
    return None, None


def _with_people(records: tuple[Record, ...]) -> tuple[Record, ...]:
    """Officer cells read into people, initials resolved within the document."""
    cells: dict[int, tuple[Officer, ...]] = {}
    for index, record in enumerate(records):
        if isinstance(record, Commitment):
            cells[index] = people.parse_officers(record.officers)
        elif isinstance(record, Action):
            cells[index] = people.parse_officers(record.lead_officer)
    full = sorted({o.name for found in cells.values() for o in found if o.name and people.is_full_name(o.name)})
    out = list(records)
    resolved: dict[tuple[Officer, ...], tuple[Officer, ...]] = {}  # a cell printed on many rows is read once
    for index, found in cells.items():
        record = records[index]
        if isinstance(record, (Commitment, Action)):
            if found not in resolved:
                resolved[found] = people.resolve_all(found, full)
            out[index] = replace(record, people=resolved[found])
    return tuple(out)


def _organisation(extracted: ExtractedDocument, info: DocumentInfo, people_cells: set[str]) -> DocumentInfo:
    """The organisation the document prints or was given; else the one its text points to
    (officer cells left out: "Sheila Rochester" is no mention of Rochester)."""
    if info.organisation:
        return replace(info, organisation_source=info.organisation_source or "printed")
    texts = [b.text for b in extracted.blocks]
    texts += [c.text for t in extracted.tables for row in t.rows for c in row if c.text.strip() not in people_cells]
    found = infer(texts, extracted.source.original_name)
    if found.organisation is None:
        return info
    return replace(info, organisation=found.organisation, organisation_source="inferred",
                   sources=(*info.sources, ("organisation", "its text and file name, by the gazetteer")))


def enrich(extracted: ExtractedDocument, document: NormalisedDocument) -> NormalisedDocument:
    """The document with its commentary read: people, facts, review issues, suggested RAG, organisation."""
    people_cells = {text.strip() for r in document.records
                    for text in (getattr(r, "officers", None), getattr(r, "lead_officer", None)) if text}
    info = _organisation(extracted, document.info, people_cells)
    records = _with_people(document.records)
    texts = [item for index, record in enumerate(records) for item in _commentary(index, record)]
    results = read_texts([text[:MAX_CHARS] for _, _, text in texts], info.financial_year,
                         info.quarter) if texts else []
    issues = list(document.issues)
    long = sum(len(text) > MAX_CHARS for _, _, text in texts)
    if long:
        issues.append(Issue(Severity.INFO, "long_commentary",
                            f"{long} commentary text(s) longer than {MAX_CHARS:,} characters were read for "
                            "facts only that far; the whole text is stored"))
    facts: list[CommentFact] = []
    by_record: dict[int, list[Found]] = {}
    texts_of: dict[int, list[str]] = {}
    for index, _, text in texts:
        texts_of.setdefault(index, []).append(text)
    for (index, name, _), found in zip(texts, results):
        by_record.setdefault(index, []).extend(found)
        facts.extend(CommentFact(index, name, f.kind, f.text, f.value, f.start, f.end, f.number, f.subject)
                     for f in found)
    out = list(records)
    for index, found in by_record.items():
        record = records[index]
        if isinstance(record, (Commitment, Action)):
            commentary = " ".join(texts_of[index])
            issue, suggested = _consistency(record, found, commentary)
            if issue is not None:
                issues.append(issue)
            if suggested is not None:
                out[index] = replace(record, suggested_rag=suggested)
    return replace(document, info=info, records=tuple(out), issues=tuple(issues), facts=tuple(facts))
