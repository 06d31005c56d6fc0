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


_WORD = re.compile(r"[A-Za-z0-9&'’]+(?:[-.][A-Za-z0-9&'’]+)*")


@dataclass(frozen=True, slots=True)
class _Index:
    """Phrases keyed by their first word, longest first, for one pass over a text's words."""

    first: dict[str, list[tuple[tuple[str, ...], str]]]

    @classmethod
    def of(cls, phrases: Iterable[str], fold: bool) -> _Index:
        first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase in phrases:
            words = tuple(w.lower() if fold else w for w in _WORD.findall(phrase))
            if words:
                first.setdefault(words[0], []).append((words, phrase))
        for entries in first.values():
            entries.sort(key=lambda e: -len(e[0]))
        return cls(first)

    def find(self, words: list[str], skip: set[int] | None = None) -> list[tuple[int, int, str]]:
        """(first word, past last word, phrase) of each longest match, left to right."""
        skip = skip or set()
        found = []
        i = 0
        while i < len(words):
            for phrase_words, phrase in self.first.get(words[i], ()) if i not in skip else ():
                n = len(phrase_words)
                if tuple(words[i:i + n]) == phrase_words and not skip.intersection(range(i, i + n)):
                    found.append((i, i + n, phrase))
                    i += n
                    break
            else:
                i += 1
        return found


@cache
def _places() -> tuple[_Index, dict[str, list[tuple[Body, float]]]]:
    """Every place and town, and who each one is evidence for (a district's also for its county)."""
    covers: dict[str, list[tuple[Body, float]]] = {}
    by_place = {b.place: b for b in gazetteer() if b.kind == "county"}
    for body in gazetteer():
        for place, weight in [(body.place, 2.0), *((t, 1.0) for t in body.towns)]:
            covers.setdefault(place, []).append((body, weight))
            county = by_place.get(body.within or "")
            if county is not None:
                covers[place].append((county, -weight / 2))  # negative: only where the text says "the County"
    return _Index.of(covers, fold=False), covers


@cache
def _towns() -> frozenset[str]:
    """Towns that are not also a council's own place name."""
    places = {b.place for b in gazetteer()}
    return frozenset(t for b in gazetteer() for t in b.towns if t not in places)


# Capitalised words that may stand before a place without making it a surname.
_NOT_NAMES = frozenset({"the", "in", "at", "of", "for", "to", "from", "and", "across", "around", "near",
                        "north", "south", "east", "west", "central", "greater", "within", "by", "with"})


@cache
def _names() -> tuple[_Index, dict[str, Body]]:
    """Every full name and printed abbreviation with a space in it, compared in lower case."""
    lookup: dict[str, Body] = {}
    for body in gazetteer():
        lookup[body.name.lower()] = body
        for abbreviation in body.abbreviations:
            if " " in abbreviation:
                lookup[abbreviation.lower()] = body
    return _Index.of(lookup, fold=True), lookup


@cache
def _short_forms() -> tuple[dict[str, list[Body]], dict[str, list[Body]]]:
    """Printed one-word abbreviations ("B&NES") and computed acronyms ("LCC"), each to its bodies."""
    printed: dict[str, list[Body]] = {}
    acronyms: dict[str, list[Body]] = {}
    for body in gazetteer():
        for abbreviation in body.abbreviations:
            if " " not in abbreviation:
                printed.setdefault(abbreviation, []).append(body)
        if len(body.acronym) >= 3:
            acronyms.setdefault(body.acronym, []).append(body)
    return printed, acronyms


def _bare(word: str) -> str:
    """A word without its possessive: "Coventry's" is a mention of Coventry."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _words_of_file_name(file_name: str) -> str:
    stem = file_name.rsplit(".", 1)[0]
    return " ".join(w.capitalize() if w.islower() else w for w in re.split(r"[_\W\d]+", stem) if w)


def infer(texts: Iterable[str], file_name: str | None = None) -> Inference:
    """The publisher the text points to, or None when the evidence is thin or split."""
    text = "\n".join(texts)[:200_000]
    scores: dict[Body, float] = {}
    names, named = _names()
    places, covers = _places()
    towns = _towns()
    explicit: set[Body] = set()
    printed_nhs: dict[str, float] = {}
    mentions: dict[str, int] = {}
    laa: set[str] = set()
    # A council names its files after itself: what the file name says counts twice.
    sources = [(text, 1)] + ([(_words_of_file_name(file_name), 2)] if file_name else [])
    for source, times in sources:
        spans = [(m.start(), m.end()) for m in _WORD.finditer(source)]
        words = [_bare(source[a:b]) for a, b in spans]
        taken: set[int] = set()
        for first, last, phrase in names.find([w.lower() for w in words]):
            body = named[phrase]
            scores[body] = scores.get(body, 0.0) + 8 * times
            explicit.add(body)
            taken.update(range(first, last))
        for match in _NAMED_NHS.finditer(source):
            inside = {i for i, (a, b) in enumerate(spans) if a >= match.start(1) and b <= match.end(1)}
            phrase = re.sub(r"\s+", " ", match.group(1)).strip()
            if inside & taken:
                continue
            taken |= inside  # a place inside a body's name is not a mention of the place
            if not phrase.lower().startswith(("the ", "and ")):
                printed_nhs[phrase] = printed_nhs.get(phrase, 0.0) + 8 * times
        for first, last, place in places.find(words, taken):
            if place in towns and first > 0 and words[first - 1][:1].isupper() \
                    and words[first - 1].lower() not in _NOT_NAMES and source[spans[first - 1][1]] == " ":
                continue  # "Sheila Rochester": a town's name after a capitalised word is a surname
            mentions[place] = mentions.get(place, 0) + times
            after = [w.lower() for w in words[last:last + 4]]
            if after[:1] in (["laa"], ["s"]) and "laa" in after[:2] or after[:3] == ["local", "area", "agreement"]:
                laa.add(place)

    place_hits: dict[Body, float] = {}
    selves = {kind for kind, rx in _SELF.items() if rx.search(text)}
    for place, count in mentions.items():
        for body, weight in covers[place]:
            if weight < 0 and "county" not in selves:
                continue  # a district's places count for its county only when the text speaks of the County
            place_hits[body] = place_hits.get(body, 0.0) + abs(weight) * min(count, _CAP + 2)
            if place in laa and weight > 0 and body.kind in ("county", "unitary", "metropolitan", "london"):
                scores[body] = scores.get(body, 0.0) + 4

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

    printed, acronyms = _short_forms()
    capitals = set(re.findall(r"(?<![\w&])[A-Z][A-Za-z&]{1,7}(?![\w&])", text))
    for token in capitals:
        for body in printed.get(token, ()):
            scores[body] = scores.get(body, 0.0) + 4
        for body in acronyms.get(token, ()):
            if body in place_hits or body in explicit:
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
