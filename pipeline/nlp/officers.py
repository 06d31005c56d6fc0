"""Officer cells: one Officer per person, job titles and role codes apart, initials matched to names.

Pure functions of text; nothing here loads spaCy. Cells seen in real returns:
"Sandy McMillan/ Sue Disley", "Lynda Bull & Paul Ferris", "S. Rochester",
"Sheila Rochester (Head of Service)", "Head of Adult Social Care - J Smith",
"DoSCE" (a role code), "GC/SW" (initials), "S WoodTownend K Micklewright" (two people, no separator).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

import schemas
from pipeline.models import Officer

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"\(([^()]*)\)")
# "S WoodTownend K Micklewright": initial + surname, twice or more, with nothing between.
_INITIAL_SURNAME = r"[A-Z]\.?\s?[A-Z][A-Za-z'’-]+"
_RUN_OF_INITIAL_SURNAMES = re.compile(rf"^{_INITIAL_SURNAME}(?:\s+{_INITIAL_SURNAME})+$")
_ONE_INITIAL_SURNAME = re.compile(_INITIAL_SURNAME)


@dataclass(frozen=True, slots=True)
class _Spec:
    split: re.Pattern[str]
    dash: re.Pattern[str]
    role_words: frozenset[str]
    role_codes: frozenset[str]
    initials: re.Pattern[str]
    role_code: re.Pattern[str]


@cache
def _spec() -> _Spec:
    data = schemas.officers()
    return _Spec(
        split=re.compile(data["separators"], re.IGNORECASE),
        dash=re.compile(data["title_dash"]),
        role_words=frozenset(w.lower() for w in data["role_words"]),
        role_codes=frozenset(data["role_codes"]),
        initials=re.compile(data["initials_pattern"]),
        role_code=re.compile(data["role_code_pattern"]),
    )


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip(" \t\n.,;:-–—")


def is_initials(text: str) -> bool:
    """"GC", "M.W.": a person's initials, not a known role code."""
    spec = _spec()
    value = text.strip()
    return bool(spec.initials.match(value)) and value.replace(".", "") not in spec.role_codes


def is_role_code(text: str) -> bool:
    """"DoSCE", "NED-WT", "SMT": a role or team written as a code."""
    spec = _spec()
    value = text.strip()
    if " " in value or is_initials(value):
        return False
    return value in spec.role_codes or bool(spec.role_code.match(value))


def is_role(text: str) -> bool:
    """A job title or body: "Head of Service", "Valuing Diversity Group", or a role code."""
    if is_role_code(text):
        return True
    words = re.findall(r"[A-Za-z-]+", text.lower())
    return any(w in _spec().role_words for w in words)


def _split(text: str) -> list[tuple[str, str | None]]:
    """Parts between separators, each with the text of its brackets (a title) taken out."""
    spec = _spec()
    protected: list[str] = []

    def hide(match: re.Match[str]) -> str:
        protected.append(match.group(1))
        return f"\x00{len(protected) - 1}\x00"

    hidden = _BRACKETED.sub(hide, text)
    parts: list[tuple[str, str | None]] = []
    for raw in _rejoin_titles(hidden, spec.split):
        bracket = None
        found = re.search(r"\x00(\d+)\x00", raw)
        if found:
            bracket = _clean(protected[int(found.group(1))]) or None
            raw = re.sub(r"\x00\d+\x00", " ", raw)
        part = _clean(raw)
        if part or bracket:
            parts.append((part, bracket))
    return parts


def _rejoin_titles(text: str, split: re.Pattern[str]) -> list[str]:
    """Split between people, but keep "Head of Policy, Performance & Resources" one title."""
    pieces = re.split(f"({split.pattern})", text, flags=split.flags)
    out: list[str] = []
    for index in range(0, len(pieces), 2):
        piece = pieces[index]
        previous = out[-1] if out else ""
        single = _clean(piece) and len(_clean(piece).split()) == 1 and not is_initials(_clean(piece))
        if out and single and re.search(r"\b(?:of|for)\b", previous) and is_role(previous):
            out[-1] = previous + pieces[index - 1] + piece
        else:
            out.append(piece)
    return out


def _person_or_role(part: str, bracket: str | None) -> list[Officer]:
    spec = _spec()
    if not part:
        return [Officer(None, bracket)] if bracket else []
    pieces = spec.dash.split(part)
    if len(pieces) == 2:
        left, right = (_clean(p) for p in pieces)
        if is_role(left) and not is_role(right):
            return [Officer(right, bracket or left)]
        if is_role(right) and not is_role(left):
            return [Officer(left, bracket or right)]
    if _RUN_OF_INITIAL_SURNAMES.match(part) and not is_role(part):
        names = [_clean(m.group(0)) for m in _ONE_INITIAL_SURNAME.finditer(part)]
        return [Officer(name, bracket) for name in names]
    if is_role(part):
        return [Officer(None, part if bracket is None else f"{part} ({bracket})")]
    if bracket and not is_role(bracket) and is_initials(bracket):
        bracket = None  # "Sue Disley (SD)": the initials add nothing
    return [Officer(part, bracket)]


_PARTICLES = frozenset({"of", "and", "the", "for", "de", "van", "von", "der", "le", "la", "da", "di", "du", "&"})
_SENTENCE = re.compile(r"[a-z]\.\s+[A-Z]")


def is_prose(text: str) -> bool:
    """A lead cell that is sentences, not names: "Valuing Diversity Group and Multi Agency
    Partnership to lead. Evidence of leaders using their personal influence ..." names nobody."""
    return len(text.split()) > 12 or bool(_SENTENCE.search(text))


def _is_name(name: str) -> bool:
    """"Sandy McMillan", "S. Rochester", "GC", "Mike": capitalised words, no lower-case ones."""
    words = name.replace(".", " ").split()
    return 1 <= len(words) <= 5 and all(w[:1].isupper() or w.lower() in _PARTICLES for w in words)


def _is_title(role: str) -> bool:
    """"Head of Procurement", "Valuing diversity group", "DoSCE": a title starts with a capital."""
    return role[:1].isupper() and len(role.split()) <= 8


def parse_officers(text: str | None) -> tuple[Officer, ...]:
    """Every person (or role, with no name) an officer cell names, in printed order, each once.

    A cell of sentences names nobody, and a part that is neither a name nor a title is left
    out; the cell stays as printed in its own column.
    """
    if not text or not text.strip() or is_prose(text):
        return ()
    found: list[Officer] = []
    for part, bracket in _split(text):
        for officer in _person_or_role(part, bracket):
            if officer.name is not None and not _is_name(officer.name):
                continue
            if officer.name is None and not _is_title(officer.role or ""):
                continue
            if officer not in found:
                found.append(officer)
    return tuple(found)


def officer_names(text: str | None) -> tuple[str, ...]:
    """The names an officer cell links to: each person's name, or a role code as printed."""
    return tuple(label for o in parse_officers(text) if (label := o.name or o.role))


def is_full_name(name: str) -> bool:
    """"Sheila Rochester": a given name and a surname, not initials."""
    words = name.replace(".", " ").split()
    return len(words) >= 2 and len(words[0]) > 1 and not is_initials(name)


def _words(name: str) -> list[str]:
    return name.replace(".", " ").split()


def _initials_of(name: str) -> set[str]:
    """"Sheila Rochester" → {"SR"}; "S WoodTownend" → {"SW", "SWT"}."""
    words = _words(name)
    plain = "".join(w[0].upper() for w in words)
    camel = "".join(c for w in words for c in (w[0] + "".join(ch for ch in w[1:] if ch.isupper())))
    return {plain, camel.upper()}


def matches(short: str, full: str) -> bool:
    """Whether initials ("SR") or an initial and surname ("S. Rochester") can stand for a full name."""
    if short == full or not is_full_name(full):
        return False
    if is_initials(short):
        return short.replace(".", "").upper() in _initials_of(full)
    words, target = _words(short), _words(full)
    if len(words) < 2 or any(len(w) > 1 for w in words[:-1]):
        return False
    if words[-1].lower() != target[-1].lower():
        return False
    given = [w[0].upper() for w in target[:-1]]
    return [w.upper() for w in words[:-1]] == given[: len(words) - 1]


def is_abbreviated(name: str) -> bool:
    """Initials, or initials and a surname: a name that a full one may stand behind."""
    if is_initials(name):
        return True
    words = _words(name)
    return len(words) >= 2 and all(len(w) == 1 for w in words[:-1])


def resolve(officer: Officer, known: Iterable[str]) -> Officer:
    """The officer with abbreviated names replaced by the one full name they can stand for."""
    if officer.name is None or not is_abbreviated(officer.name):
        return officer
    candidates = sorted({name for name in known if matches(officer.name, name)})
    if len(candidates) != 1:
        return officer
    return Officer(candidates[0], officer.role)


def resolve_all(officers: Sequence[Officer], known: Iterable[str]) -> tuple[Officer, ...]:
    """Resolve each officer against the full names known for the same organisation."""
    names = sorted(set(known) | {o.name for o in officers if o.name and is_full_name(o.name)})
    out: list[Officer] = []
    for officer in officers:
        resolved = resolve(officer, names)
        if resolved not in out:
            out.append(resolved)
    return tuple(out)
