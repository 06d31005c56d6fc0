"""Which council or NHS body published a return that does not print its name.

Evidence, from a gazetteer of UK councils and NHS bodies (schemas/organisations.csv):
a body named in full ("Coventry City Council", "Oxfordshire PCT", "X NHS Trust"); a place
with "LAA" ("the Coventry LAA targets"); an abbreviation ("B&NES", or "LCC" beside a place
that expands it); places and towns each council covers (a district's places count for its
county too, at half weight); and how the document speaks of itself ("the County", "the LHB").
The best-supported body is chosen only when it clearly leads; otherwise nothing is inferred.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

COUNCIL_KINDS = frozenset({"county", "district", "unitary", "metropolitan", "london", "wales", "scotland", "ni"})
NHS_KINDS = frozenset({"nhs_trust", "pct", "lhb"})
_CAP = 4  # mentions of one place counted at most
_MIN_SCORE = 4.0
_LEAD = 1.5
_STOP = {"of", "and", "the", "upon", "on", "in", "with"}
_SELF = {
    "county": re.compile(r"\bthe [Cc]ounty\b(?! of)|\b[Cc]ounty [Cc]ouncil\b"),
    "council": re.compile(r"\bthe Council\b|\bCouncil(?:’|')s\b"),
    "lhb": re.compile(r"\bthe LHB\b|\bthe (?:Local )?Health Board\b"),
    "pct": re.compile(r"\bthe PCT\b|\bthe Primary Care Trust\b"),
    "nhs_trust": re.compile(r"\bthe Trust\b|\bTrust Board\b"),
}
_NAMED_NHS = re.compile(r"\b((?:[A-Z][\w'’&-]*\s+){1,6}(?:NHS (?:Foundation )?Trust|PCT|Primary Care Trust))\b")


@dataclass(frozen=True, slots=True)
class Body:
    """One gazetteer entry."""

    name: str
    kind: str
    place: str
    within: str | None
    abbreviations: tuple[str, ...]
    towns: tuple[str, ...]

    @property
    def acronym(self) -> str:
        """"Leicestershire County Council" → "LCC"."""
        return "".join(w[0] for w in self.name.replace("-", " ").split() if w.lower() not in _STOP).upper()


@dataclass(frozen=True, slots=True)
class Inference:
    """The organisation chosen and how strongly the text supported it over the next best."""

    organisation: str | None
    score: float  # of the organisation chosen, or of the best candidate when none was
    runner_up: str | None
    runner_up_score: float


@cache
def gazetteer() -> tuple[Body, ...]:
    """Every council and NHS body shipped in schemas/organisations.csv."""
    text = resources.files("schemas").joinpath("organisations.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    bodies = []
    for row in rows:
        if row["kind"] not in COUNCIL_KINDS | NHS_KINDS:
            raise ValueError(f"schemas/organisations.csv: {row['name']!r} has an unknown kind {row['kind']!r}")
        bodies.append(Body(row["name"], row["kind"], row["place"], row["within"] or None,
                           tuple(a for a in row["abbreviations"].split(";") if a),
                           tuple(t for t in row["towns"].split(";") if t)))
    return tuple(bodies)


@cache
def _places() -> tuple[re.Pattern[str], dict[str, list[tuple[Body, float]]]]:
    """One pattern over every place and town, longest first, and who each one is evidence for."""
    covers: dict[str, list[tuple[Body, float]]] = {}
    by_place = {b.place: b for b in gazetteer() if b.kind == "county"}
    for body in gazetteer():
        for place, weight in [(body.place, 2.0), *((t, 1.0) for t in body.towns)]:
            covers.setdefault(place, []).append((body, weight))
            county = by_place.get(body.within or "")
            if county is not None:
                covers[place].append((county, -weight / 2))  # negative: only where the text says "the County"
    names = sorted(covers, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")
    return pattern, covers


@cache
def _names() -> tuple[re.Pattern[str], dict[str, Body]]:
    """One case-blind pattern over every full name and printed abbreviation with a space in it."""
    lookup: dict[str, Body] = {}
    for body in gazetteer():
        lookup[body.name.lower()] = body
        for abbreviation in body.abbreviations:
            if " " in abbreviation:
                lookup[abbreviation.lower()] = body
    names = sorted(lookup, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])", re.IGNORECASE), lookup


def _words_of_file_name(file_name: str) -> str:
    stem = file_name.rsplit(".", 1)[0]
    return " ".join(w.capitalize() if w.islower() else w for w in re.split(r"[_\W\d]+", stem) if w)


def infer(texts: Iterable[str], file_name: str | None = None) -> Inference:
    """The publisher the text points to, or None when the evidence is thin or split."""
    text = "\n".join(texts)[:200_000]
    scores: dict[Body, float] = {}
    named_pattern, named = _names()
    explicit: set[Body] = set()
    printed_nhs: dict[str, float] = {}
    pattern, covers = _places()
    mentions: Counter[str] = Counter()
    # A council names its files after itself: what the file name says counts twice.
    sources = [(text, 1)] + ([(_words_of_file_name(file_name), 2)] if file_name else [])
    for source, times in sources:
        for match in named_pattern.finditer(source):
            body = named[match.group(1).lower()]
            scores[body] = scores.get(body, 0.0) + 8 * times
            explicit.add(body)
        rest = named_pattern.sub(" ", source)
        for match in _NAMED_NHS.finditer(rest):
            phrase = re.sub(r"\s+", " ", match.group(1)).strip()
            if not phrase.lower().startswith(("the ", "and ")):
                printed_nhs[phrase] = printed_nhs.get(phrase, 0.0) + 8 * times
        rest = _NAMED_NHS.sub(" ", rest)  # a place inside a body's name is not a mention of the place
        for match in pattern.finditer(rest):
            mentions[match.group(1)] += times

    place_hits: dict[Body, float] = {}
    selves = {kind for kind, rx in _SELF.items() if rx.search(text)}
    for place, count in mentions.items():
        for body, weight in covers[place]:
            if weight < 0 and "county" not in selves:
                continue  # a district's places count for its county only when the text speaks of the County
            place_hits[body] = place_hits.get(body, 0.0) + abs(weight) * min(count, _CAP + 2)
    for place in mentions:
        for body, _ in covers[place]:
            if re.search(rf"\b{re.escape(place)}(?:’s|'s)? (?:LAA|Local Area Agreement)\b", text):
                scores[body] = scores.get(body, 0.0) + (4 if body.kind in ("county", "unitary", "metropolitan", "london") else 0)

    for body, hits in place_hits.items():
        if body.kind in NHS_KINDS:
            weight = 1.0 if body.kind in selves else 0.0
        elif "county" in selves and body.kind == "county":
            weight = 1.0
        elif selves & NHS_KINDS and not {"council", "county"} & selves:
            weight = 0.5
        else:
            weight = 1.0
        scores[body] = scores.get(body, 0.0) + hits * weight
        if weight and body.kind == "county" and "county" in selves:
            scores[body] += 2
        if body.kind in NHS_KINDS and body.kind in selves:
            scores[body] += 2

    tokens = set(re.findall(r"(?<![\w&])[A-Z][A-Za-z&]{1,7}(?![\w&])", text))
    for body in gazetteer():
        if any(a in tokens for a in body.abbreviations if " " not in a):
            scores[body] = scores.get(body, 0.0) + 4
        elif body.acronym in tokens and len(body.acronym) >= 3 and (body in place_hits or body in explicit):
            scores[body] = scores.get(body, 0.0) + 3

    ranked: list[tuple[str, float]] = [(b.name, s) for b, s in scores.items() if s > 0]
    ranked += list(printed_nhs.items())
    ranked.sort(key=lambda item: (-item[1], item[0]))
    if not ranked:
        return Inference(None, 0.0, None, 0.0)
    best, best_score = ranked[0]
    second, second_score = ranked[1] if len(ranked) > 1 else (None, 0.0)
    if best_score < _MIN_SCORE or best_score < _LEAD * second_score:
        return Inference(None, best_score, second, second_score)
    return Inference(best, best_score, second, second_score)


def canonical(name: str) -> str:
    """A folder or config name ("leicestershire-county-council", "Coventry") as the gazetteer spells it."""
    words = re.sub(r"[_\-]+", " ", name).strip()
    _, named = _names()
    if words.lower() in named:
        return named[words.lower()].name
    councils = [b for b in gazetteer() if b.place.lower() == words.lower() and b.kind in COUNCIL_KINDS]
    if len(councils) == 1:
        return councils[0].name
    return words
