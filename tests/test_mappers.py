"""One shape for every mapper, registered by table kind; the loader writes each record type through
one table spec and refuses a type it has none for."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import document, table

from pipeline.loader import SPECS, rows_for, spec_for
from pipeline.models import (
    Action, Commitment, Funding, Indicator, IndicatorValue, Narrative, RagLevel, Risk,
)
from pipeline.normalise import normalise
from pipeline.normalise.headers import read_table
from pipeline.normalise.mappers import DocContext, Mapped, mapper, mapper_for, registered


def test_every_table_kind_of_the_synonyms_file_has_a_mapper_and_series_has_one_too():
    import schemas

    assert set(schemas.headers()["tables"]) | {"series"} == set(registered())


def test_a_kind_without_a_mapper_is_named_in_the_error():
    with pytest.raises(LookupError, match="no mapper is registered for table kind 'budgets'"):
        mapper_for("budgets")


def test_a_new_table_kind_is_one_function_registered_by_name():
    @mapper("plain_list")
    def plain_list(reading, header, ctx):  # type: ignore[no-untyped-def]
        return Mapped(tuple(Narrative(None, r.text(0)) for r in reading.records))

    reading = read_table(table([["Ref", "Action", "Lead"], ["1", "Open two hubs", "Jo Bloggs"]]))
    mapped = mapper_for("plain_list")(reading, reading.best(), DocContext())  # type: ignore[arg-type]
    assert [n.text for n in mapped.records] == ["1"]


def test_every_record_type_has_a_table_spec():
    assert set(SPECS) == {Commitment, RagLevel, Indicator, IndicatorValue, Action, Funding, Risk, Narrative}
    assert spec_for(Action(None, "1", "Open two hubs", None, None, "Jo Bloggs", None)).table == "actions"


@dataclass(frozen=True, slots=True)
class Budget:
    line: str


def test_a_record_type_without_a_spec_fails_loudly_instead_of_vanishing():
    extracted = document(table([["Ref", "Action", "Lead"], ["1", "Open two hubs", "Jo Bloggs"]]))
    normalised = normalise(extracted)
    broken = type(normalised)(normalised.info, (*normalised.records, Budget("x")))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="no table is defined for Budget records"):
        rows_for(extracted, broken)


def test_values_of_an_indicator_without_a_code_link_to_it(tmp_path: Path):
    import sqlite_utils

    from pipeline import loader

    extracted = document(table([["Performance Indicator", "Value", "Target"],
                                ["Percentage of fly tips resulting in enforcement action", "83.3%", "50%"]]))
    db = sqlite_utils.Database(tmp_path / "t.db")
    loader.load(db, rows_for(extracted, normalise(extracted)), None)
    assert db.execute("select i.description, v.kind, v.value from indicator_values v "
                      "join indicators i on i.id = v.indicator_id order by v.id").fetchall() == [
        ("Percentage of fly tips resulting in enforcement action", "actual", 83.3),
        ("Percentage of fly tips resulting in enforcement action", "target", 50.0)]


def test_a_risk_register_maps_its_risks_and_mitigations_and_leaves_out_its_sections():
    register = table([
        ["Risk Area", "Risk Identified", "Level of risk (H/M/L)", "Management of Risk", "Review date"],
        ["Section One : Areas where there may be scope to use insurance", "", "", "", ""],
        ["Loss of cash through theft or dishonesty.", "Fidelity guarantee", "Medium",
         "Risk assessment and procedure in place", "May 2020."],
    ], spans={(1, 0): (1, 5)})
    risks = normalise(document(register)).of(Risk)
    assert [(r.risk, r.mitigation) for r in risks] == [
        ("Loss of cash through theft or dishonesty.", "Risk assessment and procedure in place")]
