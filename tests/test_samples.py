"""Every sample, in every edition (Word, PDF, legacy Word, Excel), loads exactly the records written by hand beside it."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
EDITIONS = (".docx", ".pdf", ".doc", ".rtf", ".odt", ".xlsx", ".xls", ".ods")
SAMPLE_FILES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in EDITIONS)

QUERIES = {
    "commitments": """
        select c.id, section, section_code, group_label, ref, priority, commitment, deliverable, officers,
               due, rag, rag_raw, comment from commitments c order by c.id""",
    "rag_scale": "select rag, label, definition from rag_scale order by rowid",
    "indicators": """
        select code, description, unit, owner, lead_partner, data_expert, reporting_frequency, polarity
        from indicators order by id""",
    "indicator_values": """
        select i.code, v.kind, v.period, v.value, v.value_raw, v.rag
        from indicator_values v left join indicators i on i.id = v.indicator_id order by v.id""",
    "actions": "select ref, action, milestone, linked_plans, lead_officer, progress, due, rag from actions order by id",
    "funding": "select line, year, amount, source, is_total from funding order by id",
    "funding_sources": """
        select f.line, s.source, s.amount from funding_sources s join funding f on f.id = s.funding_id
        order by f.id, s.rowid""",
    "risks": "select ref, risk, mitigation from risks order by id",
    "narratives": "select heading, text from narratives order by id",
}


def _expected(path: Path) -> dict[str, Any]:
    return json.loads(path.with_name(path.stem + ".expected.json").read_text(encoding="utf-8"))


def _same(value: Any) -> Any:
    """Compare texts with whitespace folded: a PDF wraps lines where Word did not."""
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# indicator values have no order of their own: an extractor may meet a table's columns in any order
ORDERLESS = {"indicator_values": lambda row: (str(row["code"]), row["kind"], str(row["period"]))}


def _rows(db, name: str) -> list[dict[str, Any]]:
    rows = [dict(r) for r in db.query(QUERIES[name])]
    if name == "commitments":
        for row in rows:
            row["officer_names"] = [o["name"] for o in db.query(
                "select o.name from commitment_officers l join officers o on o.id = l.officer_id "
                "where l.commitment_id = ? order by l.rowid", [row.pop("id")])]
    return rows


def test_every_sample_has_its_expected_records():
    assert SAMPLE_FILES, "no samples"
    for path in SAMPLE_FILES:
        assert path.with_name(path.stem + ".expected.json").exists(), path.name


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_loads_its_expected_document_row(path, loaded):
    db = loaded(path.name)
    expected = _expected(path)["document"]
    [document] = db.query("select * from documents")
    assert document["status"] == "loaded"
    assert document["file_type"] == path.suffix[1:]
    assert {k: document[k] for k in expected} == expected


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_loads_its_expected_counts(path, loaded):
    db = loaded(path.name)
    counts = _expected(path)["counts"]
    assert {name: db.table(name).count for name in counts} == counts


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_loads_its_expected_records_field_by_field(path, loaded):
    db = loaded(path.name)
    expected = _expected(path)
    for name in QUERIES:
        if name not in expected:
            continue
        got, wanted = _rows(db, name), expected[name]
        if name in ORDERLESS:
            got, wanted = sorted(got, key=ORDERLESS[name]), sorted(wanted, key=ORDERLESS[name])
        assert len(got) == len(wanted), f"{name}: {len(got)} rows, expected {len(wanted)}"
        for index, (row, want) in enumerate(zip(got, wanted)):
            for field, value in want.items():
                have = row[field]
                if isinstance(value, list):
                    assert [_same(v) for v in have] == [_same(v) for v in value], (name, index, field)
                else:
                    assert _same(have) == _same(value), (name, index, field)
