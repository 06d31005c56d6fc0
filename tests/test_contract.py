"""schemas/contract.toml is the one definition of the database: loader, README and views follow it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

import schemas
from pipeline.errors import ConfigError
from pipeline.loader import ensure_schema
from pipeline.views import VIEWS

ROOT = Path(__file__).resolve().parent.parent
DESIGN = ROOT.parent / "shared" / "DESIGN.md"


def _design_contract() -> dict[str, list[str]]:
    """The contract table of DESIGN.md: table name and its columns (at least)."""
    text = DESIGN.read_text(encoding="utf-8").split("## The consolidated database (contract)", 1)[1]
    found = {}
    for line in text.split("Which table a row belongs in", 1)[0].splitlines():
        match = re.match(r"\| (\w+(?: / \w+)?) \| (.+) \|$", line)
        if not match or match.group(1) == "table":
            continue
        cells = match.group(2).split(" — ")[0]
        if match.group(1) == "officers / commitment_officers":
            found["officers"] = ["id", "name"]
            found["commitment_officers"] = ["commitment_id", "officer_id"]
            continue
        plain = re.sub(r"\([^()]*(\([^()]*\)[^()]*)*\)", "", cells).replace(" and ", ", ")
        found[match.group(1)] = [c.strip().split()[0] for c in plain.split(",") if c.strip()]
    return found


def test_every_table_and_column_of_design_md_is_in_the_contract_file():
    design = _design_contract()
    assert len(design) == 15
    assert design["indicator_values"] == [
        "id", "indicator_id", "document_id", "kind", "period", "value", "value_raw", "rag", "direction"]
    tables = schemas.contract()["tables"]
    for table, columns in design.items():
        assert table in tables, table
        for column in columns:
            assert column in tables[table]["columns"], f"{table}.{column}"
            assert not tables[table]["columns"][column].get("extra"), f"{table}.{column} is in DESIGN.md"


def test_the_schema_created_is_the_contract_with_types_and_indexes(db):
    ensure_schema(db)
    types = {"integer": "INTEGER", "text": "TEXT", "real": "REAL"}
    for name, table in schemas.contract()["tables"].items():
        have = {c.name: c.type for c in db.table(name).columns}
        assert list(have) == list(table["columns"]), name
        for column, spec in table["columns"].items():
            assert have[column] == types[spec["type"]], f"{name}.{column}"
    indexed = {(t.name, tuple(i.columns[:1])) for t in db.tables for i in t.indexes}
    for table in db.tables:
        for fk in table.foreign_keys:
            pk = table.pks
            assert (table.name, (fk.column,)) in indexed or pk[0] == fk.column, f"{table.name}.{fk.column}"
    assert ["organisation", "period_label"] in [i.columns for i in db.table("documents").indexes]
    assert db.table("documents").foreign_keys[0].other_table in ("runs", "documents")
    assert db.table("commitment_officers").pks == ["commitment_id", "officer_id"]


def test_a_unit_is_given_where_a_column_has_one():
    tables = schemas.contract()["tables"]
    assert tables["funding"]["columns"]["amount"]["unit"] == "£"
    assert tables["commitments"]["columns"]["page_start"]["unit"] == "page"
    assert tables["documents"]["columns"]["size"]["unit"] == "bytes"


def test_every_view_has_exactly_the_columns_the_contract_describes(db):
    ensure_schema(db)
    views = schemas.contract()["views"]
    assert sorted(views) == sorted(VIEWS) == sorted(db.view_names())
    for name, view in views.items():
        have = [c.name for c in db[name].columns]
        assert have == list(view["columns"]), name


def test_the_readme_database_section_is_the_one_generated_from_the_contract():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split(schemas.README_START, 1)[1].split(schemas.README_END, 1)[0]
    assert schemas.README_START + section + schemas.README_END == schemas.contract_markdown()
    assert "| `amount` | real | £ | Planned spend in whole pounds. |" in section
    assert "#### `commitment_history`" in section


def test_a_misspelt_key_in_the_contract_stops_with_the_file_and_key_named():
    bad = {"tables": {"runs": {"description": "Runs.", "columns": {
        "id": {"type": "integer", "descripton": "Run number."}}}}}
    with pytest.raises(ConfigError, match=r"schemas/contract.toml: runs.id has unknown key\(s\) descripton"):
        schemas.check_contract(bad)
    dangling = {"tables": {"runs": {"description": "Runs.", "columns": {
        "id": {"type": "integer", "description": "Run.", "references": "nowhere.id"}}}}}
    with pytest.raises(ConfigError, match="references nowhere.id, which is not in the contract"):
        schemas.check_contract(dangling)


def test_the_database_with_every_sample_still_meets_design_md(quarters_path):
    check = ROOT.parent / "shared" / "tools" / "check_contract.py"
    result = subprocess.run([sys.executable, str(check), str(quarters_path)], capture_output=True, text=True)
    assert result.stdout.splitlines()[-1] == f"contract: 0 problem(s) in {quarters_path}"
    assert result.returncode == 0
