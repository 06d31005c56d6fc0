"""Which council or NHS body published a return, from its text, file name, folder or config."""

from __future__ import annotations

from collections import Counter

import pytest

from pipeline.nlp.organisation import canonical, gazetteer, infer

LEICESTERSHIRE = [
    "Roman Way in Market Harborough has been remodelled to offer a community facility",
    "Final negotiations are in hand to reprovide services locally to people in Loughborough.",
    "There are some difficulties finding appropriate sites to base services in south Charnwood",
    "The service is now operating in all areas of the County",
    "Leicestershire along with Leicester City and Rutland is a Focussed Implementation Site.",
    "LCC will be operating transitional arrangements from April.",
]
ANGLIA = ["Breckland Performance Reports 2-6 East Cambridgeshire Performance Reports 7-11 Fenland Performance "
          "Reports 12-16 Forest Heath Performance Reports 17-21 Suffolk Coastal Performance Reports 22-26 "
          "St Edmundsbury Performance Reports 27-31 Waveney Performance Reports 32-36"]


@pytest.mark.parametrize("texts, file_name, expected", [
    (LEICESTERSHIRE, "adult-services-commitments-q3-2007-08.docx", "Leicestershire County Council"),
    (["The Coventry LAA targets for next 3 years", "People of Coventry living longer"], None, "Coventry City Council"),
    (["This is the quarter 2 performance update on Maidstone Borough Council’s Strategic Plan 2015-20."], None,
     "Maidstone Borough Council"),
    (["The report covers Oxfordshire PCT performance, principally for the period to end-March"], None,
     "Oxfordshire Primary Care Trust"),
    (["HULL AND EAST YORKSHIRE HOSPITALS NHS TRUST", "TRUST BOARD ACTION TRACKING LIST"], None,
     "Hull and East Yorkshire Hospitals NHS Trust"),
    (["Where an issue has been flagged up, it is not specific to B&NES but to all areas"], None,
     "Bath and North East Somerset Council"),
    (["Put an extended article on carers in local publication: Camden New Journal, Camden Magazine"], None,
     "London Borough of Camden"),
    (["Arrears of Council Tax Retrieved", "NCC Current Performance Report at 18 May 2024"],
     "09_northumberland_transactional_services_performance_may2024.docx", "Northumberland County Council"),
    (ANGLIA, "18_anglia_revenues_partnership_q4_2018-19_performance_report.xlsx", None),
    (["Governance structures agreed and in place."], None, None),
    (["Sheila Rochester", "Sheila Rochester", "Sue Disley"], None, None),  # a surname, not Rochester in Medway
    (["Services reprovided locally in Rochester, Chatham and Gillingham, across Medway."], None, "Medway Council"),
])
def test_the_organisation_is_found_in_the_text_only_when_it_clearly_leads(texts, file_name, expected):
    assert infer(texts, file_name).organisation == expected


def test_a_body_named_with_nhs_trust_is_taken_as_printed_when_the_gazetteer_lacks_it():
    found = infer(["Minutes of the Board of Northshire Community Healthcare NHS Trust, held in public"])
    assert found.organisation == "Northshire Community Healthcare NHS Trust"


@pytest.mark.parametrize("given, expected", [
    ("leicestershire-county-council", "Leicestershire County Council"),
    ("Coventry", "Coventry City Council"),
    ("isle_of_wight", "Isle of Wight Council"),
    ("Anglia Revenues Partnership", "Anglia Revenues Partnership"),
])
def test_a_folder_or_config_name_is_spelt_as_the_gazetteer_does(given, expected):
    assert canonical(given) == expected


def test_the_gazetteer_covers_every_kind_of_uk_council_and_nhs_body():
    kinds = Counter(body.kind for body in gazetteer())
    assert kinds["london"] == 33  # 32 boroughs and the City
    assert kinds["metropolitan"] == 36
    assert kinds["wales"] == 22
    assert kinds["scotland"] == 32
    assert kinds["ni"] == 11
    assert kinds["county"] == 34  # the two-tier counties of 2008, several now unitary
    assert kinds["district"] == 242  # the 238 of 2008, and four formed since by merger or renaming
    assert {"nhs_trust", "pct", "lhb"} <= set(kinds)
    counties = {body.place for body in gazetteer() if body.kind == "county"}
    assert {body.within for body in gazetteer() if body.kind == "district"} <= counties
    names = [body.name for body in gazetteer()]
    assert len(names) == len(set(names))
