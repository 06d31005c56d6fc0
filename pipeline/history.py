"""The same commitment across quarters: link each return to its previous quarter and each
commitment to its earlier version, by wording, so commitment_history can show RAG changes."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from rapidfuzz import fuzz, process
from rapidfuzz.utils import default_process

# Two commitments are the same when their wording scores at least this (rapidfuzz token sort
# ratio, 0-100, case and punctuation folded). Within one seed return the most alike distinct
# commitments score 64; the samples' reworded commitment scores 89 against its earlier wording
# (tests/test_history.py checks both, so the threshold stays between them).
MATCH_THRESHOLD = 75.0

SERIES_KINDS = ("commitments_return",)


def wording(row: dict[str, Any]) -> str:
    """What a commitment promises, whichever cell the return prints it in."""
    return " ".join(str(row[k]) for k in ("priority", "commitment", "deliverable") if row.get(k))


def similarity(a: str, b: str) -> float:
    """How alike two wordings are, 0 to 100."""
    return float(fuzz.token_sort_ratio(a, b, processor=default_process))


def match(previous: list[dict[str, Any]], current: list[dict[str, Any]]) -> list[tuple[int, int, float]]:
    """(current id, previous id, score) pairs, one to one, best scores first, at or above the threshold."""
    if not previous or not current:
        return []
    scores = process.cdist([wording(c) for c in current], [wording(p) for p in previous],
                           scorer=fuzz.token_sort_ratio, processor=default_process,
                           score_cutoff=MATCH_THRESHOLD)
    scored = sorted(
        ((float(scores[i][j]), c["id"], p["id"]) for i, c in enumerate(current) for j, p in enumerate(previous)
         if scores[i][j] >= MATCH_THRESHOLD),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    taken_current: set[int] = set()
    taken_previous: set[int] = set()
    pairs = []
    for score, current_id, previous_id in scored:
        if current_id in taken_current or previous_id in taken_previous:
            continue
        taken_current.add(current_id)
        taken_previous.add(previous_id)
        pairs.append((current_id, previous_id, round(score, 1)))
    return pairs


def relink(db: sqlite_utils.Database, document_id: int) -> None:
    """Bring the quarter-to-quarter links of one document's series (organisation, service, kind) up to date.

    Only links that changed are recomputed: a new quarter links to the one before it and the
    one after it relinks to it; a superseded edition's links are replaced by its successor's.
    """
    [document] = db.execute(
        "select organisation, service, doc_type from documents where id = ?", [document_id]).fetchall()
    organisation, service, doc_type = document
    if doc_type not in SERIES_KINDS:
        return
    series = [r[0] for r in db.execute(
        "select id from documents where organisation is ? and service is ? and doc_type = ?",
        [organisation, service, doc_type])]
    marks = ", ".join("?" * len(series))
    loaded = [r[0] for r in db.execute(
        f"select id from documents where id in ({marks}) and status = 'loaded' "
        "and financial_year is not null and quarter is not null order by financial_year, quarter, id", series)]
    wanted = dict(zip(loaded[1:], loaded))
    existing = dict(db.execute(
        f"select document_id, previous_id from document_links where document_id in ({marks})", series).fetchall())
    stale = [d for d in series if existing.get(d) != wanted.get(d)]
    for current_id in stale:
        db.execute("delete from document_links where document_id = ?", [current_id])
        db.execute("delete from commitment_links where commitment_id in "
                   "(select id from commitments where document_id = ?)", [current_id])
        previous_id = wanted.get(current_id)
        if previous_id is None:
            continue
        db.table("document_links").insert({"document_id": current_id, "previous_id": previous_id})
        pairs = match(_commitments(db, previous_id), _commitments(db, current_id))
        db.table("commitment_links").insert_all(
            {"commitment_id": c, "previous_id": p, "score": s} for c, p, s in pairs)


def _commitments(db: sqlite_utils.Database, document_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "select id, priority, commitment, deliverable from commitments where document_id = ? order by id",
        [document_id]))
