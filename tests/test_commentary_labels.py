"""Precision and recall of the commentary reader on sentences labelled by hand (tests/data)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from pipeline.nlp.facts import read_texts

LABELS = tomllib.loads((Path(__file__).parent / "data" / "commentary_sentences.toml").read_text("utf-8"))["sentence"]
KINDS = ("date", "money", "count", "percentage", "slippage", "completion")
FLOOR = 0.9


def _expected(sentence: dict[str, object]) -> set[str]:
    kinds = set(sentence["kinds"])  # type: ignore[arg-type]
    kinds |= {flag for flag in ("slippage", "completion") if sentence.get(flag)}
    return kinds


def _found(facts) -> set[str]:  # type: ignore[no-untyped-def]
    return {"date" if f.kind == "period" else f.kind for f in facts}


@pytest.fixture(scope="module")
def scores() -> dict[str, tuple[float, float, int]]:
    predicted = [_found(facts) for facts in read_texts([s["text"] for s in LABELS])]
    table = {}
    for kind in KINDS:
        tp = sum(kind in p and kind in _expected(s) for p, s in zip(predicted, LABELS))
        fp = sum(kind in p and kind not in _expected(s) for p, s in zip(predicted, LABELS))
        fn = sum(kind not in p and kind in _expected(s) for p, s in zip(predicted, LABELS))
        table[kind] = (tp / (tp + fp) if tp + fp else 0.0, tp / (tp + fn) if tp + fn else 0.0, tp + fn)
    print("\nkind         precision  recall  sentences")
    for kind, (precision, recall, support) in table.items():
        print(f"{kind:<12} {precision:9.3f} {recall:7.3f} {support:10d}")
    return table


def test_the_labelled_set_has_at_least_80_sentences_from_seeds_samples_and_corpus():
    assert len(LABELS) >= 80
    sources = {s["source"].split()[0] for s in LABELS}
    assert sources == {"seed", "corpus", "sample"}
    assert all(isinstance(s["kinds"], list) for s in LABELS)


@pytest.mark.parametrize("kind", KINDS)
def test_precision_and_recall_of_each_kind_are_at_least_0_9(kind, scores):
    precision, recall, support = scores[kind]
    assert support >= 5, f"too few labelled {kind} sentences"
    assert precision >= FLOOR and recall >= FLOOR, f"{kind}: precision {precision:.3f}, recall {recall:.3f}"
