"""The views show current rows once, history across quarters, and indicators against their trajectory."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import sqlite_utils

from pipeline.config import Settings
from pipeline.history import MATCH_THRESHOLD, match, similarity
from pipeline.ingest import ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
RETURNS = [f"adult-services-commitments-q{q}-2007-08" for q in (1, 2, 3)]


def _changes(db: sqlite_utils.Database) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in db.query("select period_label, change, count(*) as n from commitment_history group by 1, 2"):
        out.setdefault(row["period_label"], {})[row["change"]] = row["n"]
    return out


def test_commitment_history_shows_each_change_across_three_quarters(quarters):
    assert _changes(quarters) == {
        "Q1 2007-08": {"new": 16},
        "Q2 2007-08": {"new": 1, "improved": 1, "worsened": 2, "unchanged": 13},
        "Q3 2007-08": {"dropped": 1, "improved": 1, "worsened": 1, "unchanged": 14},
    }
    rows = {(r["period_label"], r["change"], r["commitment"][:46]): (r["previous_rag"], r["rag"])
            for r in quarters.query("select * from commitment_history where change != 'unchanged' "
                                    "and period_label != 'Q1 2007-08'")}
    assert rows == {
        ("Q2 2007-08", "worsened", "Continue to work closely with the Department f"): ("green", "amber"),
        ("Q2 2007-08", "improved", "Create a range of new opportunities for people"): ("red", "amber"),
        ("Q2 2007-08", "worsened", "Respond to new arrangements to ensure effectiv"): ("green", "amber"),
        ("Q2 2007-08", "new", "Develop a commissioning strategy for people wh"): (None, "green"),
        ("Q3 2007-08", "worsened", "Continue to work closely with the Department f"): ("amber", "red"),
        ("Q3 2007-08", "improved", "Complete the review of adult mental health day"): ("amber", "green"),
        ("Q3 2007-08", "dropped", "Review charging for non-residential services s"): ("green", None),
    }


def test_the_reworded_commitment_is_linked_through_all_three_quarters(quarters):
    [q3] = quarters.query("select * from commitment_history where commitment like 'We are planning major schemes%'")
    assert q3["previous_commitment"] == (
        "Plan major schemes with district councils and housing providers to improve respite facilities "
        "and increase the availability of supported housing.")
    assert q3["score"] == 88.6
    assert q3["change"] == "unchanged"
    [q2] = quarters.query("select * from commitment_history where commitment_id = ?", [q3["previous_id"]])
    assert q2["period_label"] == "Q2 2007-08" and q2["score"] == 100.0
    assert q2["previous_commitment"] == q2["commitment"] == q3["previous_commitment"]
    [q1] = quarters.query("select * from commitment_history where commitment_id = ?", [q2["previous_id"]])
    assert (q1["period_label"], q1["commitment"], q1["previous_id"]) == ("Q1 2007-08", q2["commitment"], None)
    chains = quarters.execute(
        "select count(*) from commitment_history h3 join commitment_history h2 on h2.commitment_id = h3.previous_id "
        "where h3.period_label = 'Q3 2007-08' and h3.commitment_id is not null and h2.previous_id is not null").fetchone()[0]
    # 16 Q3 commitments, less the one added in Q2 (no Q1 version), each reach back to Q1
    assert chains == 15


def test_the_match_threshold_lies_between_distinct_commitments_and_a_rewording(quarters):
    q3 = [r["text"] for r in quarters.query(
        "select coalesce(commitment, deliverable) as text from current_commitments where period_label = 'Q3 2007-08'")]
    assert len(q3) == 16
    closest_distinct = max(similarity(a, b) for i, a in enumerate(q3) for b in q3[i + 1:])
    reworded = similarity(
        "We are planning major schemes in partnership with district councils and housing providers to improve "
        "respite facilities and to increase the availability of supported housing options.",
        "Plan major schemes with district councils and housing providers to improve respite facilities and "
        "increase the availability of supported housing.")
    assert round(closest_distinct, 1) == 63.6
    assert closest_distinct < MATCH_THRESHOLD <= reworded
    assert round(reworded, 1) == 88.6


def test_history_is_the_same_whatever_order_the_quarters_arrive_in(tmp_path, quarters):
    path = tmp_path / "shuffled.db"
    order = [RETURNS[2], RETURNS[0], RETURNS[1]]
    ingest([SAMPLES / f"{name}.docx" for name in order], Settings(db=path))
    assert _changes(sqlite_utils.Database(path)) == _changes(quarters)


def test_indicator_progress_puts_ni_136_q1_against_its_target_and_trajectory(quarters):
    [q1] = quarters.query("select * from indicator_progress where code = 'NI 136' and period = '2008/09 Q1'")
    assert (q1["actual"], q1["target"], q1["baseline"], q1["baseline_period"]) == (1917, 2656, 2310, "2006/07")
    assert (q1["final_target"], q1["final_target_period"]) == (3000, "2010/11")
    # straight line from 2310 at the end of 2006/07 to 3000 at the end of 2010/11, read at the end of Q1 2008/09
    assert q1["trajectory"] == 2525.63  # 2310 + 690 * 1.25 / 4 = 2525.625
    assert (q1["polarity"], q1["polarity_source"]) == ("higher", "targets")
    assert (q1["on_track"], q1["on_trajectory"], q1["status"], q1["is_latest"]) == (0, 0, "off track", 0)
    [latest] = quarters.query("select * from indicator_progress where code = 'NI 136' and is_latest")
    assert (latest["period"], latest["actual"], latest["trajectory"]) == ("2008/09 Q2", 2104, 2568.75)


def test_a_lower_is_better_indicator_is_on_track_below_its_target(quarters):
    rows = {r["period"]: r for r in quarters.query("select * from indicator_progress where code = 'PAF C31'")}
    assert rows["2008/09 Q1"]["polarity"] == "lower"
    assert (rows["2008/09 Q1"]["actual"], rows["2008/09 Q1"]["target"], rows["2008/09 Q1"]["status"]) == (
        5.3, 5.2, "off track")
    assert (rows["2008/09 Q2"]["actual"], rows["2008/09 Q2"]["status"]) == (5.2, "on track")


def test_with_word_and_pdf_editions_loaded_every_view_shows_each_row_once(quarters):
    counts = dict(quarters.execute(
        "select period_label, count(*) from current_commitments group by 1").fetchall())
    assert counts == {"Q1 2007-08": 16, "Q2 2007-08": 17, "Q3 2007-08": 16}
    assert {r[0] for r in quarters.execute("select distinct file_name from current_commitments join documents "
                                            "d on d.id = document_id")} == {f"{n}.pdf" for n in RETURNS}
    red = list(quarters.query("select officers, rag from exceptions where rag = 'red' and period_label = 'Q3 2007-08'"))
    assert red == [{"officers": "Sheila Rochester", "rag": "red"}]
    q3 = Counter({r["rag"]: r["count"] for r in quarters.query(
        "select rag, sum(count) as count from rag_summary where period_label = 'Q3 2007-08' group by rag")})
    assert q3 == Counter({"green": 9, "amber": 6, "red": 1})
    # the undated NI 136 plan prints no period, so its PDF edition cannot be known to be the same
    # return: both editions stay current (with a possible_resubmission issue); the dated Q2 plan supersedes
    values = quarters.execute("select count(*), count(distinct document_id) from current_indicator_values").fetchone()
    assert values == (17 + 17 + 22, 3)
    assert quarters.execute("select count(*) from current_actions").fetchone()[0] == 9
    assert quarters.execute("select count(*) from indicator_progress").fetchone()[0] == 10


def test_matching_is_one_to_one_and_best_first():
    previous = [{"id": 1, "commitment": "Publish a new Carers' Strategy by March"},
                {"id": 2, "commitment": "Publish a new Carers' Strategy"}]
    current = [{"id": 10, "commitment": "Publish a new Carers' Strategy"},
               {"id": 11, "commitment": "Develop the DALE service"}]
    assert match(previous, current) == [(10, 2, 100.0)]
