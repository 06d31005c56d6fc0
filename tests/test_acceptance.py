"""The facts a performance officer checks first, on the Word and the PDF edition of each seed."""

from __future__ import annotations

import pytest

COMMITMENTS = ["adult-services-commitments-q3-2007-08.docx", "adult-services-commitments-q3-2007-08.pdf"]
PLANS = ["ni-136-action-plan.docx", "ni-136-action-plan.pdf"]

BROKEN_ROWS = {
    "Create a range of new opportunities for people with learning disabilities, and will significantly "
    "increase choice and promote": (
        "independence. In 2007-08, the programme will focus on Charnwood and North West Leicestershire",
        "The rolling programme of day services modernisation is progressing well. Roman Way in Market "
        "Harborough has been remodelled to offer a community facility to the wider community",
        "as well as people with LD. People in the Shepshed area are attending a new base in New Fields Church "
        "Hall, rather than the large Mountsorrel Day Centre. Final negotiations are in hand to reprovide "
        "services locally to people in Loughborough. There are some difficulties finding appropriate sites "
        "to base services in south Charnwood for people with higher support needs, which is delaying the "
        "closure of Mountsorrel day Centre. One of the sites in Melton is proving not to be as suitable as "
        "expected so is under review.",
    ),
    "Participate in a new national initiative to improve services in mental health care for black and "
    "minority ethnic and excluded": (
        "groups. This will ensure that people have access to appropriate services and experience less "
        "discrimination.",
        "Leicestershire along with Leicester City and Rutland is a Focussed Implementation Site. The first "
        "target for appointment of Community Development Workers has been",
        "met. Needs assessments have been validated and a draft action plan has now been developed.",
    ),
}


@pytest.mark.parametrize("name", COMMITMENTS)
def test_commitments_return_document_row(name, loaded):
    [doc] = loaded(name).query("select * from documents")
    assert (doc["doc_type"], doc["service"], doc["period_label"], doc["financial_year"], doc["quarter"]) == (
        "commitments_return", "Adult Services", "Q3 2007-08", "2007/08", 3)


@pytest.mark.parametrize("name", COMMITMENTS)
def test_commitments_return_has_16_commitments_by_status_and_section(name, loaded):
    db = loaded(name)
    by_rag = {r["rag"]: r["n"] for r in db.query("select rag, count(*) n from commitments group by rag")}
    assert by_rag == {"green": 9, "amber": 6, "red": 1}
    by_code = {r["section_code"]: r["n"] for r in db.query(
        "select section_code, count(*) n from commitments group by section_code")}
    assert by_code == {"A": 14, "C": 1, None: 1}
    [older] = db.query("select * from commitments where group_label = 'Older People'")
    assert older["priority"] == "Develop partnerships in health and social care services"
    assert older["deliverable"] == (
        "A strategy with Primary Care Trusts to support people with long term conditions to live at home "
        "and reduce hospital admissions")


@pytest.mark.parametrize("name", COMMITMENTS)
def test_page_broken_commitments_come_out_whole(name, loaded):
    db = loaded(name)
    for start, (rest, comment_start, comment_rest) in BROKEN_ROWS.items():
        [row] = db.query("select * from commitments where commitment like ?", [start[:40] + "%"])
        assert row["commitment"] == f"{start} {rest}"
        assert row["comment"] == f"{comment_start} {comment_rest}"
    fragments = db.query("select count(*) n from commitments where commitment like 'independence.%' "
                         "or commitment like 'groups.%' or officers is null")
    assert next(fragments)["n"] == 0


def test_pdf_rows_broken_across_pages_keep_both_pages(loaded):
    db = loaded("adult-services-commitments-q3-2007-08.pdf")
    pages = {r["commitment"][:20]: (r["page_start"], r["page_end"]) for r in db.query(
        "select commitment, page_start, page_end from commitments where page_start != page_end")}
    assert pages == {"Create a range of ne": (1, 2), "Participate in a new": (2, 3)}
    joined = [r["message"] for r in db.query(
        "select message from extraction_issues where code = 'row_joined_across_pages' order by id")]
    assert joined == ["table 1: a row that broke across pages 1 and 2 was joined into one",
                      "table 2: a row that broke across pages 2 and 3 was joined into one"]


@pytest.mark.parametrize("name", COMMITMENTS)
def test_joint_officers_link_two_people_and_four_people_in_all(name, loaded):
    db = loaded(name)
    for officers in ("Sandy McMillan/ Sue Disley", "Sue Disley / Sheila Rochester"):
        names = [r["name"] for r in db.query(
            "select o.name from commitments c join commitment_officers l on l.commitment_id = c.id "
            "join officers o on o.id = l.officer_id where c.officers = ? order by o.name", [officers])]
        assert names == sorted(n.strip() for n in officers.split("/"))
    assert sorted(r["name"] for r in db.query("select name from officers")) == [
        "Mick Connell", "Sandy McMillan", "Sheila Rochester", "Sue Disley"]


@pytest.mark.parametrize("name", COMMITMENTS)
def test_rag_scale_holds_the_legend(name, loaded):
    rows = [tuple(r.values()) for r in loaded(name).query("select rag, label, definition from rag_scale")]
    assert rows == [
        ("green", "Green", "On Trajectory"),
        ("amber", "Amber", "Off Trajectory, but With Prospects For Recovery With Remedial Action"),
        ("red", "Red", "Off Trajectory and there is Little Prospect Remedial Activity Will Get Indicator "
                       "Trajectory Back On Target"),
    ]


@pytest.mark.parametrize("name", COMMITMENTS)
def test_rag_cells_keep_their_fill_colour_in_source_cells(name, loaded):
    fills = {r["text"]: r["fill"] for r in loaded(name).query(
        "select distinct text, fill from source_cells where text in ('Green', 'Amber', 'Red')")}
    assert fills == {"Green": "#00B050", "Amber": "#FFC000", "Red": "#FF0000"}


@pytest.mark.parametrize("name", PLANS)
def test_indicator_plan_headline_indicator(name, loaded):
    db = loaded(name)
    assert next(db.query("select doc_type from documents"))["doc_type"] == "indicator_plan"
    [ni] = db.query("select * from indicators where code = 'NI 136'")
    assert (ni["owner"], ni["data_expert"], ni["lead_partner"], ni["reporting_frequency"], ni["unit"]) == (
        "Simon Brake", "Paul Ferris", "Community Services", "Quarterly", "per 100,000 population")
    values = [tuple(r.values()) for r in db.query(
        "select kind, period, value from indicator_values v join indicators i on i.id = v.indicator_id "
        "where i.code = 'NI 136' order by kind, period")]
    assert values == [("actual", "2008/09 Q1", 1917), ("baseline", "2006/07", 2310),
                      ("target", "2008/09", 2656), ("target", "2009/10", 2828), ("target", "2010/11", 3000)]


@pytest.mark.parametrize("name", PLANS)
def test_paf_indicators_have_baseline_target_and_q1_actual(name, loaded):
    db = loaded(name)
    rows = {(r["code"], r["kind"]): (r["period"], r["value"]) for r in db.query(
        "select i.code, kind, period, value from indicator_values v join indicators i on i.id = v.indicator_id "
        "where i.code like 'PAF%'")}
    assert rows[("PAF C32", "baseline")] == ("2007/08", 64)
    assert rows[("PAF C32", "target")] == ("2008/09", 64)
    assert rows[("PAF C32", "actual")] == ("2008/09 Q1", 63.4)
    assert rows[("PAF C31", "target")] == ("2008/09", 5.2)
    assert len(rows) == 12
    units = {r["code"]: r["unit"] for r in db.query("select code, unit from indicators where code like 'PAF%'")}
    assert units == {"PAF C29": "per 1000 population aged 18-64", "PAF C30": "per 1000 population aged 18-64",
                     "PAF C31": "per 1000 population aged 18-64",
                     "PAF C32": "per 1000 per population aged 65 or over"}


@pytest.mark.parametrize("name", PLANS)
def test_local_indicators_listed_in_the_text_are_indicators(name, loaded):
    rows = [tuple(r.values()) for r in loaded(name).query(
        "select code, description from indicators where code like 'CS EPI%' order by code")]
    assert rows == [
        ("CS EPI CS18", "Older People helped to live at home by gender"),
        ("CS EPI CS21", "Mental Health helped to live at home by ethnicity"),
        ("CS EPI CS22", "Learning Disabilities helped to live at home by ethnicity"),
        ("CS EPI CS23", "Physical and Sensory Impairment helped to live at home by ethnicity"),
    ]


@pytest.mark.parametrize("name", PLANS)
def test_delivery_plan_actions_have_refs_and_lead_officers(name, loaded):
    rows = [tuple(r.values()) for r in loaded(name).query("select ref, lead_officer from actions order by id")]
    assert rows == [("1", "Paul Ferris"), ("2", "Lynda Bull"), ("3", "Lynda Bull")]


@pytest.mark.parametrize("name", PLANS)
def test_funding_lines_sum_to_the_printed_total(name, loaded):
    db = loaded(name)
    [total] = db.query("select * from funding where is_total = 1")
    assert (total["line"], total["year"], total["amount"]) == ("Total", "2008/09", 41072522)
    lines = list(db.query("select amount from funding where is_total = 0 and year = '2008/09'"))
    assert len(lines) == 8
    assert sum(r["amount"] for r in lines) == 41072522
    assert next(db.query("select count(*) n from extraction_issues where code = 'funding_total_mismatch'"))["n"] == 0
    sources = [r["amount"] for r in db.query("select amount from funding_sources where source = 'ABG' order by rowid")]
    assert sources == [36674, 592823, 33803, 50276, 1392231]


@pytest.mark.parametrize("name", PLANS)
def test_risk_and_narratives_are_stripped_of_html(name, loaded):
    db = loaded(name)
    [risk] = db.query("select * from risks")
    assert risk["risk"].startswith("The calculation for this indicator is partly based")
    assert risk["risk"].endswith("Therefore we cannot include this data in performance until Quarter 4")
    assert risk["mitigation"] == ("Work with Commissioning Teams to ensure that the sample week provides a "
                                  "true reflection of commissioned services")
    headings = [r["heading"] for r in db.query("select heading from narratives order by id")]
    assert headings == ["SCS Theme", "SCS Priority", "LAA Target information",
                        "2: Equalities and Community Cohesion Implications", "3: Strategic Summary",
                        "6: Funding & Planned Spend"]
    assert next(db.query("select count(*) n from narratives where text like '%<%>%'"))["n"] == 0
