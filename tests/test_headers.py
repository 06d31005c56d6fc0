"""Header synonyms from schemas/headers.toml match the headers councils print."""

from __future__ import annotations

import pytest

from pipeline.normalise.headers import map_header, match_field


@pytest.mark.parametrize("header, kind, field", [
    ("Red/Amber/ Green?", "commitments", "rag"),
    ("Red/Amber/Green?", "commitments", "rag"),
    ("Responsible\nOfficer", "commitments", "officers"),
    ("Comments On Progress", "commitments", "comment"),
    ("High Priorities", "commitments", "priority"),
    ("We Will Achieve", "commitments", "deliverable"),
    ("Planned Action(s)", "actions", "action"),
    ("Progress <i>To be completed as part of quarterly monitoring.</i>", "actions", "progress"),
    ("Target/ Milestone", "actions", "milestone"),
    ("Baseline & Year", "indicators", "baseline"),
    ("Target Met Yes/No", "indicators", "ignored"),
    ("Funding & Planned\nSpend", "funding", "line"),
    ("Comment – Source of Budget", "funding", "source"),
    ("Mitigating action", "risks", "mitigation"),
    ("Budget Holder", "commitments", None),
])
def test_printed_headers_match_their_fields(header, kind, field):
    assert match_field(header, kind) == field


def test_year_and_quarter_columns_carry_their_period():
    header = map_header([["Indicators - Performance Monitoring of Indicators"] + [""] * 8,
                         ["Ref No.", "Description", "Baseline", "Target 08/09", "Q1", "Q2", "Q3", "Q4",
                          "Target Met Yes/No"]])
    assert header is not None and (header.kind, header.header_row) == ("indicators", 1)
    assert [(c.field, c.period, c.quarter) for c in header.columns[3:8]] == [
        ("target", "2008/09", None), ("actual", None, 1), ("actual", None, 2), ("actual", None, 3),
        ("actual", None, 4)]


def test_labels_of_an_indicator_plan_header_match_indicator_fields():
    assert match_field("Indicator Owner (Sign Off)", "indicator", "labels") == "owner"
    assert match_field("LAA Indicator No.", "indicator", "labels") == "code"
    assert match_field("SCS Theme:", "indicator", "labels") is None
