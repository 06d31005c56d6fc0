"""Facts read from commentary: dates and periods, money, counts, percentages, slippage, completion."""

from __future__ import annotations

import pytest

from pipeline.nlp.facts import parse_money, parse_period, read_text

BENEFITS = "Continue to work closely with the Department for Work and Pensions%"
LEARNING = "Create a range of new opportunities for people with learning disabilities%"
DALE = "Continue to develop the DALE service."


def _facts(db, commitment_like):  # type: ignore[no-untyped-def]
    return [(r["kind"], r["text"], r["value"], r["subject"]) for r in db.query(
        "select f.kind, f.text, f.value, f.subject from comment_facts f join commitments c "
        "on f.record_table = 'commitments' and f.record_id = c.id where c.commitment like ? order by f.start",
        [commitment_like])]


@pytest.mark.parametrize("name", ["adult-services-commitments-q3-2007-08.docx",
                                  "adult-services-commitments-q3-2007-08.pdf"])
def test_seed_000_commentary_facts(name, loaded):
    db = loaded(name)
    assert ("slippage", "behind schedule", "behind schedule", None) in _facts(db, BENEFITS)
    learning = _facts(db, LEARNING)
    assert ("slippage", "difficulties", "difficulties", None) in learning
    assert ("slippage", "delaying", "delay", None) in learning
    assert ("slippage", "not to be as suitable as expected", "not as expected", None) in learning
    assert _facts(db, DALE) == [
        ("percentage", "100%", "100", "milestones"),
        ("completion", "been met", "met", None),
        ("count", "over 100 older people", "100", "older people"),
        ("date", "May 07", "2007-05", None),
    ]


def test_comment_facts_keep_offsets_into_the_comment(loaded):
    db = loaded("adult-services-commitments-q3-2007-08.docx")
    rows = list(db.query(
        "select c.comment, f.text, f.start, f.end, f.field from comment_facts f join commitments c "
        "on f.record_table = 'commitments' and f.record_id = c.id"))
    [total] = db.query("select count(*) n from comment_facts where record_table = 'commitments'")
    assert len(rows) == total["n"]  # every fact points at its commitment
    for row in rows:
        assert row["comment"][row["start"]:row["end"]] == row["text"]
        assert row["field"] == "comment"


def test_the_plans_commentary_gives_its_money_and_dates(loaded):
    db = loaded("ni-136-action-plan.docx")
    facts = [(r["record_table"], r["kind"], r["text"], r["value"]) for r in db.query(
        "select record_table, kind, text, value from comment_facts order by id")]
    assert ("narratives", "period", "2010/11", "2010/11") in facts
    assert ("narratives", "count", "3 year target", "3") not in facts  # "3 year" is a size, not a count


@pytest.mark.parametrize("text, fy, quarter, expected", [
    ("since May 07", "2007/08", 3, [("date", "May 07", "2007-05")]),
    ("out for consultation in February and March 2008", "2007/08", 3,
     [("date", "February", "2008-02"), ("date", "March 2008", "2008-03")]),
    ("expected levels of performance by 2010/11", None, None, [("period", "2010/11", "2010/11")]),
    ("we cannot include this data until Q4", "2008/09", None, [("period", "Q4", "2008/09 Q4")]),
    ("is being established in January", "2007/08", 3, [("date", "January", "2008-01")]),
    ("LCC will be operating transitional arrangements from April.", "2007/08", 3, [("date", "April", "2008-04")]),
    ("Proposals were approved by Cabinet in April.", "2007/08", 3, [("date", "April", "2007-04")]),
    ("The target for end of June was 2.44.", "2009/10", 4, [("date", "end of June", "2009-06-30")]),
    ("Government regulation awaited in Feb/March", "2007/08", 3,
     [("slippage", "awaited", "awaited"), ("date", "Feb", "2008-02"), ("date", "March", "2008-03")]),
    ("due by end of March 2024", None, None, [("date", "end of March 2024", "2024-03-31")]),
    ("The deadline is 25th January 2009.", None, None, [("date", "25th January 2009", "2009-01-25")]),
    ("reduced by £4.246m in total since 1.4.23", None, None,
     [("money", "£4.246m", "4246000"), ("date", "1.4.23", "2023-04-01")]),
    ("(ABG £36,674)", None, None, [("money", "£36,674", "36674")]),
    ("a grant of £2.5 million and £1.2m more", None, None,
     [("money", "£2.5 million", "2500000"), ("money", "£1.2m", "1200000")]),
    ("Quarter 3 2023 to 2024", None, None, [("period", "Quarter 3", "Q3"), ("period", "2023 to 2024", "2023/24")]),
    ("shared services agenda 2008-11.", None, None, [("period", "2008-11", "2008/09 to 2010/11")]),
])
def test_dates_periods_and_money_are_normalised(text, fy, quarter, expected):
    found = [(f.kind, f.text, f.value) for f in read_text(text, fy, quarter)]
    assert found == expected


@pytest.mark.parametrize("text, expected", [
    ("currently 6 commercial workplaces are engaged", ("6 commercial workplaces", 6.0, "commercial workplaces")),
    ("Currently almost 100 older people receive a direct payment",
     ("almost 100 older people", 100.0, "older people")),
    ("18 affordable dwellings were provided in this quarter.",
     ("18 affordable dwellings", 18.0, "affordable dwellings")),
    ("with at least fifteen commercial sector workplaces",
     ("at least fifteen commercial sector workplaces", 15.0, "commercial sector workplaces")),
])
def test_counts_give_the_number_and_what_it_counts(text, expected):
    [count] = [f for f in read_text(text) if f.kind == "count"]
    assert (count.text, count.number, count.subject) == expected


@pytest.mark.parametrize("text, kinds", [
    ("Target setting deferred until 2009", ["slippage", "date"]),
    ("No delays are expected.", []),
    ("The work is to be completed by June.", ["date"]),
    ("Completed. Will be kept under review.", ["completion"]),
    ("Governance structures agreed and in place.", ["completion"]),
    ("Reorganised to Aug due to lack of available time", ["slippage", "date", "slippage"]),
    ("Annual target will not be achieved", ["slippage"]),
    ("Some NEETs are slipping through the net.", []),
    ("The opening has slipped to June.", ["slippage", "date"]),
])
def test_slippage_and_completion_language(text, kinds):
    assert [f.kind for f in read_text(text, "2012/13")] == kinds


def test_money_and_periods_parse_as_the_contract_says():
    assert parse_money("£1.2m") == 1_200_000
    assert parse_money("£30K") == 30_000
    assert parse_money("£ 10,313,258") == 10_313_258
    assert parse_money("£x") is None
    assert parse_period("2006-07") == "2006/07"
    assert parse_period("06/07") == "2006/07"
    assert parse_period("2006/2007") == "2006/07"
    assert parse_period("10/02") is None  # October 2002 in "until 10/02", not a year pair


def test_a_date_without_its_year_in_a_return_without_a_period_keeps_no_value():
    assert [(f.kind, f.text, f.value) for f in read_text("The target for end of June was 2.44.")] == [
        ("date", "end of June", None)]


@pytest.mark.parametrize("text", ["on 0 May 2008", "in 45th May 2008", "a baseline of 2310", "since 45.13.02"])
def test_numbers_shaped_like_dates_that_are_none_are_not_dates(text):
    assert [f for f in read_text(text) if f.kind in ("date", "period")] == []
