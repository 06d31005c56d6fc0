"""The spaCy pipeline that reads commentary, built once per process on first use.

A blank English pipeline (no model to download) with a sentencizer and an entity ruler for
dates, periods, money and percentages; a Matcher each for slippage and completion language
and one for counts. Every pattern comes from schemas/commentary.toml.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import schemas

if TYPE_CHECKING:  # spaCy is imported only when commentary is first read
    from spacy.language import Language
    from spacy.matcher import Matcher, PhraseMatcher


@dataclass(frozen=True, slots=True)
class Phrase:
    """What a slippage or completion pattern means."""

    kind: str
    label: str
    suggest: str
    strong: bool


@dataclass(frozen=True, slots=True)
class Engine:
    """The loaded pipeline and its matchers; `phrases` maps a match id to its meaning."""

    nlp: Language
    phrases_matcher: Matcher
    fixed_matcher: PhraseMatcher
    phrases: dict[int, Phrase]
    spec: dict[str, Any]

    def matches(self, doc: Any) -> list[tuple[int, int, int]]:
        """Every slippage and completion match in a doc, as (match id, start, end)."""
        return [*self.fixed_matcher(doc), *self.phrases_matcher(doc)]


def _expand(pattern: Any, lists: dict[str, list[str]]) -> Any:
    """Replace "@months" in a pattern with the list of that name."""
    if isinstance(pattern, dict):
        return {k: _expand(v, lists) for k, v in pattern.items()}
    if isinstance(pattern, list):
        return [_expand(v, lists) for v in pattern]
    if isinstance(pattern, str) and pattern.startswith("@"):
        return lists[pattern[1:]]
    return pattern


def _fixed(pattern: list[dict[str, Any]]) -> list[list[str]] | None:
    """The phrases a pattern of plain words stands for, or None when it needs the Matcher.

    Word lists and optional words expand to fixed phrases, which spaCy's PhraseMatcher finds
    far faster than the Matcher can evaluate the same predicates on every token.
    """
    phrases: list[list[str]] = [[]]
    for token in pattern:
        if set(token) - {"LOWER", "OP"} or token.get("OP", "?") != "?":
            return None
        lower = token["LOWER"]
        words = lower["IN"] if isinstance(lower, dict) and set(lower) == {"IN"} else [lower]
        if not all(isinstance(w, str) for w in words):
            return None
        options = [*words, None] if token.get("OP") == "?" else words
        phrases = [[*p, w] if w is not None else p for p in phrases for w in options]
    return [p for p in phrases if p]


@cache
def engine() -> Engine:
    """The commentary pipeline: spaCy is imported and the patterns compiled on the first call only."""
    import spacy
    from spacy.matcher import Matcher, PhraseMatcher

    spec = copy.deepcopy(schemas.commentary())
    lists = {"months": spec["months"], "numeric_dates": spec["numeric_dates"]}
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([  # type: ignore[attr-defined]
        {"label": e["label"], "pattern": _expand(e["pattern"], lists)} for e in spec["entities"]
    ])
    matcher = Matcher(nlp.vocab)
    fixed = PhraseMatcher(nlp.vocab, attr="LOWER")
    phrases: dict[int, Phrase] = {}
    for kind in ("slippage", "completion"):
        for entry in spec[kind]:
            key = f"{kind}:{entry['label']}"
            flexible = []
            for pattern in (_expand(p, lists) for p in entry["patterns"]):
                words = _fixed(pattern)
                if words is None:
                    flexible.append(pattern)
                else:
                    fixed.add(key, [nlp.make_doc(" ".join(w)) for w in words])
            if flexible:
                matcher.add(key, flexible)
            phrases[nlp.vocab.strings[key]] = Phrase(kind, entry["label"], entry["suggest"],
                                                     bool(entry.get("strong", True)))
    return Engine(nlp, matcher, fixed, phrases, spec)


def is_loaded() -> bool:
    """Whether this process has built the pipeline yet."""
    return engine.cache_info().currsize > 0
