"""Officer cells: one officers row per person, titles and role codes apart, initials resolved."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import sqlite_utils

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.models import Officer
from pipeline.nlp.officers import officer_names, parse_officers, resolve_all

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "adult-services-commitments-q3-2007-08.docx"


@pytest.mark.parametrize("cell, expected", [
    ("Sandy McMillan/ Sue Disley", [Officer("Sandy McMillan"), Officer("Sue Disley")]),
    ("Sue Disley / Sheila Rochester", [Officer("Sue Disley"), Officer("Sheila Rochester")]),
    ("Lynda Bull & Paul Ferris", [Officer("Lynda Bull"), Officer("Paul Ferris")]),
    ("S. Rochester", [Officer("S. Rochester")]),
    ("Sheila Rochester (Head of Service)", [Officer("Sheila Rochester", "Head of Service")]),
    ("Head of Adult Social Care - J Smith", [Officer("J Smith", "Head of Adult Social Care")]),
    ("DoSCE", [Officer(None, "DoSCE")]),
    ("GC/SW", [Officer("GC"), Officer("SW")]),
    ("NED-WT/DoN", [Officer(None, "NED-WT"), Officer(None, "DoN")]),
    ("MW/YO", [Officer("MW"), Officer("YO")]),
    ("S WoodTownend K Micklewright", [Officer("S WoodTownend"), Officer("K Micklewright")]),
    ("Head of Policy, Performance & Resources", [Officer(None, "Head of Policy, Performance & Resources")]),
    ("Chair of Corporate Social Inclusion Group", [Officer(None, "Chair of Corporate Social Inclusion Group")]),
    ("Mike", [Officer("Mike")]),
    ("", []),
    # corpus 19: a lead cell of sentences names nobody; it stays as printed in lead_officer
    ("Valuing Diversity Group and Multi Agency Partnership to lead. Evidence of leaders using their "
     "personal influence to promote and progress race equality in Hounslow", []),
    ("Data collated and analysed to identify scope for improving services", []),
    ("COMT and Valuing diversity group", [Officer(None, "COMT"), Officer(None, "Valuing diversity group")]),
])
def test_officer_cells_split_into_people_and_roles(cell, expected):
    assert list(parse_officers(cell)) == expected


def test_the_names_a_cell_links_keep_a_role_code_as_printed():
    assert officer_names("Sheila Rochester (Head of Service)/ DoSCE") == ("Sheila Rochester", "DoSCE")


def test_initials_resolve_to_the_one_full_name_they_can_stand_for():
    known = ["Sheila Rochester", "Gordon Currie", "Sue Woodtownend", "Sandy McMillan"]
    assert resolve_all(parse_officers("S. Rochester/GC/SW"), known) == (
        Officer("Sheila Rochester"), Officer("Gordon Currie"), Officer("Sue Woodtownend"))


def test_initials_that_fit_two_people_are_left_as_printed():
    known = ["Sandy McMillan", "Steve McMillan"]
    assert resolve_all(parse_officers("S McMillan/SM"), known) == (Officer("S McMillan"), Officer("SM"))


def _officer_return(path: Path, officers: str) -> Path:
    document = docx.Document()
    document.add_heading("Commitments Monitoring Q4 2007-08 - Adult Services", level=0)
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells,
                          ("Commitment", "Responsible Officer", "Red/Amber/Green?", "Comments On Progress")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("Extend the DALE service.", officers, "Green", "")):
        cell.text = text
    document.save(path)
    return path


def test_seed_000_alone_gives_exactly_four_officers(loaded):
    db = loaded("adult-services-commitments-q3-2007-08.docx")
    names = sorted(r["name"] for r in db.query("select name from officers"))
    assert names == ["Mick Connell", "Sandy McMillan", "Sheila Rochester", "Sue Disley"]
    organisations = {r["organisation"] for r in db.query("select organisation from officers")}
    assert organisations == {"Leicestershire County Council"}


def test_the_same_person_across_documents_of_one_organisation_is_one_row(tmp_path):
    db_path = tmp_path / "officers.db"
    leicestershire = Settings(db=db_path, organisation="Leicestershire County Council")
    ingest([SEED], Settings(db=db_path))
    ingest([_officer_return(tmp_path / "q4.docx", "S. Rochester (Head of Service)/ DoSCE")], leicestershire)
    ingest([_officer_return(tmp_path / "q4-coventry.docx", "S. Rochester")],
           Settings(db=db_path, organisation="Coventry City Council"))
    db = sqlite_utils.Database(db_path)
    rows = [(r["name"], r["role"], r["organisation"]) for r in db.query(
        "select name, role, organisation from officers order by id")]
    assert rows == [
        ("Sheila Rochester", "Head of Service", "Leicestershire County Council"),
        ("Sandy McMillan", None, "Leicestershire County Council"),
        ("Sue Disley", None, "Leicestershire County Council"),
        ("Mick Connell", None, "Leicestershire County Council"),
        (None, "DoSCE", "Leicestershire County Council"),
        ("S. Rochester", None, "Coventry City Council"),
    ]
    linked = [r["name"] for r in db.query(
        "select o.name from commitment_officers co join officers o on o.id = co.officer_id "
        "join commitments c on c.id = co.commitment_id where c.document_id = 2 order by o.id")]
    assert linked == ["Sheila Rochester", None]


def test_action_leads_link_to_officers_of_the_plans_organisation(loaded):
    db = loaded("ni-136-action-plan.docx")
    linked = [(r["ref"], r["name"], r["organisation"]) for r in db.query(
        "select a.ref, o.name, o.organisation from action_officers ao join actions a on a.id = ao.action_id "
        "join officers o on o.id = ao.officer_id order by a.id")]
    assert linked == [("1", "Paul Ferris", "Coventry City Council"), ("2", "Lynda Bull", "Coventry City Council"),
                      ("3", "Lynda Bull", "Coventry City Council")]


def test_the_regression_samples_officer_cells_keep_titles_and_role_codes_apart(tmp_path):
    sample = ROOT / "samples" / "regressions" / "issue-14-commentary-and-status.docx"
    db_path = tmp_path / "housing.db"
    ingest([sample], Settings(db=db_path, organisation="Leicestershire County Council"))
    db = sqlite_utils.Database(db_path)
    rows = [(r["name"], r["role"]) for r in db.query("select name, role from officers order by id")]
    # "S. Rochester" on row 1 is the Sheila Rochester of row 2: one person, with her title
    assert rows == [("Sheila Rochester", "Head of Service"), ("J Smith", "Head of Housing"), (None, "DoSCE")]


def test_an_organisation_printed_in_capitals_in_one_edition_is_the_same_organisation(db):
    from pipeline.loader import _officer_id, ensure_schema

    ensure_schema(db)
    first = _officer_id(db, "MW", None, "HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST")
    again = _officer_id(db, "MW", None, "Hull and East Yorkshire Hospitals NHS Trust")
    other = _officer_id(db, "MW", None, "Blackpool Council")
    assert first == again != other


def test_an_indicators_owner_and_data_expert_are_officers_of_the_plans_organisation(loaded):
    db = loaded("ni-136-action-plan.docx")
    linked = [(r["code"], r["field"], r["name"]) for r in db.query(
        "select i.code, io.field, o.name from indicator_officers io join indicators i on i.id = io.indicator_id "
        "join officers o on o.id = io.officer_id order by i.id, io.field")]
    assert linked == [("NI 136", "data_expert", "Paul Ferris"), ("NI 136", "owner", "Simon Brake")]
    # the data expert also leads action 1: one person, one row
    names = sorted(r["name"] for r in db.query("select name from officers"))
    assert names == ["Lynda Bull", "Paul Ferris", "Simon Brake"]
