"""The same commitment across quarters: link each return to its previous quarter and each
commitment to its earlier version, by wording, so commitment_history can show RAG changes."""

from __future__ import annotations

from typing import Any

import sqlite_utils
from rapidfuzz import fuzz
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
    scored = sorted(
        ((similarity(wording(c), wording(p)), c["id"], p["id"]) for c in current for p in previous),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    taken_current: set[int] = set()
    taken_previous: set[int] = set()
    pairs = []
    for score, current_id, previous_id in scored:
        if score < MATCH_THRESHOLD:
            break
        if current_id in taken_current or previous_id in taken_previous:
            continue
        taken_current.add(current_id)
        taken_previous.add(previous_id)
        pairs.append((current_id, previous_id, round(score, 1)))
    return pairs


def relink(db: sqlite_utils.Database, document_id: int) -> None:
    """Recompute the quarter-to-quarter links of the series (organisation, service, kind) of one document."""
    [document] = db.execute(
        "select organisation, service, doc_type from documents where id = ?", [document_id]).fetchall()
    organisation, service, doc_type = document
    if doc_type not in SERIES_KINDS:
        return
    series = [r[0] for r in db.execute(
        "select id from documents where organisation is ? and service is ? and doc_type = ?",
        [organisation, service, doc_type])]
    marks = ", ".join("?" * len(series))
    db.execute(f"delete from document_links where document_id in ({marks})", series)
    db.execute(f"delete from commitment_links where commitment_id in "
               f"(select id from commitments where document_id in ({marks}))", series)
    loaded = [r[0] for r in db.execute(
        f"select id from documents where id in ({marks}) and status = 'loaded' "
        "and financial_year is not null and quarter is not null order by financial_year, quarter, id", series)]
    for previous_id, current_id in zip(loaded, loaded[1:]):
        db.table("document_links").insert({"document_id": current_id, "previous_id": previous_id})
        pairs = match(_commitments(db, previous_id), _commitments(db, current_id))
        db.table("commitment_links").insert_all(
            {"commitment_id": c, "previous_id": p, "score": s} for c, p, s in pairs)


def _commitments(db: sqlite_utils.Database, document_id: int) -> list[dict[str, Any]]:
    return list(db.query(
        "select id, priority, commitment, deliverable from commitments where document_id = ? order by id",
        [document_id]))
