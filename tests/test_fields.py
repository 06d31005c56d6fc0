"""Headers match fields on words: qualifiers around a synonym, periods before or after, plurals,
run-together punctuation, the head word deciding, and near misses through rapidfuzz."""

from __future__ import annotations

import pytest
from rapidfuzz import fuzz

import schemas
from pipeline.normalise.fields import match, match_field, singular, words


@pytest.mark.parametrize("header, kind, field", [
    # a field keyword with qualifiers around it, the period before or after
    ("Annual Target 2010/11", "indicators", "target"),
    ("09/10 target", "indicators", "target"),
    ("Yr Target", "indicators", "target"),
    ("Current Target", "indicators", "target"),
    ("2011/12 Out-turn", "indicators", "actual"),
    ("Last Available Result", "indicators", "actual"),
    ("Q3 2010/11 Value", "indicators", "actual"),
    ("Mth End Q1", "indicators", "actual"),
    ("Apr", "indicators", "actual"),
    ("Year to date", "indicators", "actual"),
    # the head word decides between two fields a header names
    ("Target Owner", "indicators", "owner"),
    ("Q3 Status", "indicators", "rag"),
    ("Description of indicator", "indicators", "description"),
    ("Performance Indicator", "indicators", "description"),
    ("Baseline Performance", "indicators", "baseline"),
    ("Good is ?", "indicators", "polarity"),
    ("Good Performance", "indicators", "polarity"),
    ("Direction of Travel", "indicators", "direction"),
    ("Freq", "indicators", "reporting_frequency"),
    ("PI No", "indicators", "code"),
    # plurals, bracketed asides, run-together punctuation
    ("Area(s) for action", "actions", "objective"),
    ("Steps to achieve what matters to carers", "actions", "action"),
    ("Borough Partnership Lead Officer (including which department or organisation)", "actions", "lead_officer"),
    ("Timescale/ deadline", "actions", "due"),
    ("STATUS/ COMMENT", "actions", "progress"),
    ("NEW DATE", "actions", "ignored"),
    ("Key Milestones", "actions", "action"),
    ("Lead Dept/Service/Outcomes", "actions", "lead_officer"),
    ("Update as of 5 February 2007", "actions", "progress"),
    ("Comments On Progress", "commitments", "comment"),
    ("Current Commentary", "commitments", "comment"),
    ("Q1 BRAG", "commitments", "rag"),
    ("Project Executive", "commitments", "officers"),
    ("Target end date", "commitments", "due"),
])
def test_headers_match_on_words(header, kind, field):
    assert match_field(header, kind) == field


def test_a_misspelt_header_matches_its_synonym_as_a_near_miss():
    found = match("Outurn", "indicators")
    assert found is not None and (found.field, found.synonym, found.how) == ("actual", "outturn", "fuzzy")


# Pairs councils really print for the same word, and pairs of different words that look alike.
TYPOS = [("outurn", "outturn"), ("commitmnet", "commitment"), ("responsable", "responsible"),
         ("milestnes", "milestone"), ("commentry", "commentary"), ("baselne", "baseline")]
DIFFERENT = [("comment", "commitment"), ("target", "tariff"), ("owner", "order"), ("actual", "annual"),
             ("status", "statue"), ("period", "series")]


def test_the_fuzzy_threshold_accepts_typos_and_refuses_different_words():
    threshold = schemas.headers()["fuzzy_threshold"]
    assert all(fuzz.ratio(a, b) >= threshold for a, b in TYPOS), [(a, b, fuzz.ratio(a, b)) for a, b in TYPOS]
    assert all(fuzz.ratio(a, b) < threshold for a, b in DIFFERENT), [
        (a, b, fuzz.ratio(a, b)) for a, b in DIFFERENT]


def test_header_words_are_singular_with_periods_as_placeholders():
    assert words("Targets 2008/09") == ("target", "{period}")
    assert words("Q1 2010/11") == ("{quarter}", "{period}")
    assert words("Planned Action(s)") == ("planned", "action")
    assert singular("activities") == "activity" and singular("progress") == "progress"


def test_a_header_naming_nothing_matches_nothing():
    assert match_field("Budget Holder", "commitments") is None
    assert match_field("Ward", "indicators") is None


def test_a_meeting_date_is_not_the_due_date_of_an_action():
    assert match_field("Meeting date", "actions") == "ignored"
    assert match_field("Deadline", "actions") == "due"
