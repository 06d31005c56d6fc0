"""extract --explain says, per table, the kind chosen and why each column mapped as it did."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from pipeline.cli import cli

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real-dev"
TRACKER = CORPUS / "04_eastamb_trust_board_action_tracker_may2023.docx"


def test_explain_names_the_kind_the_runner_up_and_each_columns_field_and_reason():
    result = CliRunner().invoke(cli, ["extract", str(TRACKER), "--explain"])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert lines[0] == "04_eastamb_trust_board_action_tracker_may2023.docx: action_plan"
    assert "  title           Action Tracker   (from the title)" in lines
    table = next(line for line in lines if line.startswith("table 1 "))
    assert table.startswith("table 1 (no page numbers, 5 rows): actions, score ")
    assert "runner-up indicators" in table and "because the document's words name it: action plan" in table
    columns = {line.split("->")[0].strip(): " ".join(line.split("->")[1].split()) for line in lines if "->" in line}
    assert columns["column 3   'Action'"] == "action header synonym"
    assert columns["column 6   'Status'"] == "progress from the column's content"
    assert lines[-1] == "  made: 4 actions"


def test_explain_with_json_adds_the_explanation_to_the_records():
    result = CliRunner().invoke(cli, ["extract", str(TRACKER), "--explain", "--json"])
    body = json.loads(result.output)
    [table] = body["explain"]["tables"]
    assert (table["kind"], table["runner_up"], table["records"]) == ("actions", "indicators", {"actions": 4})
    assert {c["header"]: c["field"] for c in table["columns"]}["Lead"] == "lead_officer"
    assert len(body["actions"]) == 4
