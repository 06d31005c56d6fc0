"""Real returns no one on the team wrote, and our own layout samples, scored field by field by the
shared scorer against records written by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score.py"
CORPUS = SHARED / "corpus" / "real-dev"
LAYOUTS = ROOT / "samples" / "layouts"
HOLDOUT = ROOT / "samples" / "holdout"


def _score(cases: Path, only: str | None) -> dict:  # type: ignore[type-arg]
    command = [sys.executable, str(SCORER), "--project", str(ROOT), "--cases", str(cases), "--json", "--jobs", "2"]
    if only:
        command += ["--only", only]
    result = subprocess.run(command, capture_output=True, text=True, timeout=900, check=True)
    return json.loads(result.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def corpus_docx() -> dict:  # type: ignore[type-arg]
    return _score(CORPUS, "docx")


def test_the_word_editions_of_the_real_returns_meet_the_floors(corpus_docx):
    overall = corpus_docx["overall"]
    print(f"\nreal returns, Word editions: precision {overall['precision']:.3f} recall {overall['recall']:.3f}")
    assert corpus_docx["documents"] == 19 and corpus_docx["loaded"] == 19
    assert overall["precision"] >= 0.95 and overall["recall"] >= 0.92


def test_no_real_return_is_read_below_three_quarters_of_its_fields(corpus_docx):
    low = {c["file"]: c["scores"]["recall"] for c in corpus_docx["cases"] if c["scores"]["recall"] < 0.75}
    assert low == {}


def test_our_own_layout_samples_load_at_precision_and_recall_of_098():
    scored = _score(LAYOUTS, "docx")
    overall = scored["overall"]
    print(f"\nlayout samples, Word editions: precision {overall['precision']:.3f} recall {overall['recall']:.3f}")
    assert scored["documents"] == scored["loaded"] >= 12
    assert overall["precision"] >= 0.98 and overall["recall"] >= 0.98


def test_the_held_out_returns_all_load_and_what_is_stored_is_right():
    """Returns added after the rules were written: a guard that new layouts never load wrong records,
    and the figure that says how much of an unseen layout is read (printed, and in the README)."""
    scored = _score(HOLDOUT, None)
    overall = scored["overall"]
    print(f"\nheld-out returns, Word and PDF: precision {overall['precision']:.3f} recall {overall['recall']:.3f}")
    assert scored["documents"] == scored["loaded"] == 20
    assert overall["precision"] >= 0.95 and overall["recall"] >= 0.6
