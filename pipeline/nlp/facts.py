"""Facts in commentary: dates and periods, money, counts, percentages, slippage and completion.

Values are normalised as the contract does: a calendar date as ISO (`2007-05`, `2024-03-31`),
a financial period as `2007/08` or `2007/08 Q4`, money in whole pounds (`£1.2m` is 1200000).
A month or quarter printed without its year takes the year from the document's own period.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pipeline.nlp.engine import Engine, engine

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

MONTHS = {name.lower(): index for index, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): index for index, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
_SCALE = {"m": 1_000_000, "mn": 1_000_000, "million": 1_000_000, "k": 1_000, "thousand": 1_000,
          "bn": 1_000_000_000, "billion": 1_000_000_000}
_FY = re.compile(r"^(?P<a>(?:19|20)?\d{2})\s*(?:/|-|–|to)\s*(?P<b>(?:19|20)?\d{2})$")
_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_KINDS = {"DAY": "date", "MONTH": "date", "NUMDATE": "date", "YEAR": "date", "FY": "period",
          "QUARTER": "period", "MONEY": "money", "PERCENT": "percentage"}


@dataclass(frozen=True, slots=True)
class Found:
    """One fact in one text, with the sentence it stands in."""

    kind: str
    text: str
    value: str | None
    start: int
    end: int
    sentence: str
    number: float | None = None
    subject: str | None = None
    suggest: str | None = None
    strong: bool = False


def _year(text: str) -> int | None:
    if not text.isdigit():
        return None
    value = int(text)
    if len(text) == 2:
        return 2000 + value if value < 50 else 1900 + value
    return value if len(text) == 4 else None


def _fy_start(financial_year: str | None) -> int | None:
    match = re.match(r"^(\d{4})/\d{2}$", financial_year or "")
    return int(match.group(1)) if match else None


def _month_year(month: int, year: int | None, fy_start: int | None, quarter: int | None = None,
                future: bool = False) -> int | None:
    """A month's calendar year: printed; else within the financial year (April to March); but in a
    sentence about what will happen, in a quarterly return, the first such month after the quarter
    ("LCC will be operating transitional arrangements from April" in Q3 2007/08 is April 2008)."""
    if year is not None:
        return year
    if fy_start is None:
        return None
    within = fy_start if month >= 4 else fy_start + 1
    if not future or quarter is None:
        return within
    quarter_end = fy_start * 12 + 3 * quarter + 2  # months since year 0: Q3 2007/08 ends in December 2007
    return within if within * 12 + month - 1 > quarter_end else within + 1


def _is_future(span: Span, spec: dict[str, Any]) -> bool:
    """Whether the sentence before a date speaks of what is to come ("will", "expected", "planned")."""
    before = span.doc[span.sent.start:span.start]
    return any(t.lower_ in spec["counts"]["future_words"] for t in before)


def parse_period(text: str) -> str | None:
    """"2010/11", "2007-08", "2024 to 2025" → "2010/11"; "2008-11" → "2008/09 to 2010/11"."""
    match = _FY.match(text.strip())
    if not match:
        return None
    a, b = match.group("a"), match.group("b")
    start = _year(a) if len(a) == 4 else 2000 + int(a) if int(a) < 50 else 1900 + int(a)
    if start is None:
        return None
    end = int(b) if len(b) == 4 else (start // 100) * 100 + int(b)
    if end < start:
        end += 100
    if end == start + 1:
        return f"{start}/{str(end)[2:]}"
    if start < end <= start + 10 and "/" not in text:
        return f"{start}/{str(start + 1)[2:]} to {end - 1}/{str(end)[2:]}"
    return None


def parse_money(text: str) -> float | None:
    """"£1.2m" → 1200000, "£36,674" → 36674, "£2.5 million" → 2500000."""
    match = re.match(r"^£\s*([\d,]*\.?\d+)\s*([a-z]*)$", text.strip().lower())
    if not match:
        return None
    amount = float(match.group(1).replace(",", ""))
    scale = _SCALE.get(match.group(2), 1 if not match.group(2) else 0)
    return round(amount * scale) if scale else None


def _number(text: str) -> float | None:
    value = text.replace(",", "").lower()
    if value in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[value])
    try:
        return float(value)
    except ValueError:
        return None


def _neighbour_year(span: Span) -> int | None:
    """ "February and March 2008": the year printed with the next month of the same phrase."""
    doc = span.doc
    for ent in doc.ents:
        if ent.start >= span.end and ent.start - span.end <= 2 and ent.label_ in ("MONTH", "DAY"):
            between = doc[span.end:ent.start].text.lower().strip()
            if between in ("and", "or", "/", "-", "to", ",", "&"):
                tail = ent[-1].text
                return _year(tail) if tail.isdigit() else _neighbour_year(ent)
    return None


def normalise_entity(span: Span, financial_year: str | None, quarter: int | None = None) -> str | None:
    """The contract's value for a date, period or amount the ruler found."""
    label = span.label_
    fy_start = _fy_start(financial_year)
    words = [t.text for t in span]
    if label in ("DAY", "MONTH"):
        month = next((MONTHS[w.lower()] for w in words if w.lower() in MONTHS), None)
        if month is None:
            return None
        year_text = words[-1] if words[-1].isdigit() and len(words) > 1 else None
        year = _month_year(month, _year(year_text) if year_text else _neighbour_year(span), fy_start, quarter,
                           _is_future(span, engine().spec))
        if year is None:
            return None
        if label == "MONTH":
            return f"{year:04d}-{month:02d}"
        if words[0].lower() in ("end", "close"):
            return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"
        day = next(int(re.match(r"\d+", w).group(0)) for w in words if re.match(r"\d", w))  # type: ignore[union-attr]
        return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= calendar.monthrange(year, month)[1] else None
    if label == "NUMDATE":
        d, m, y = re.split(r"[./]", span.text)
        year = _year(y)
        if year is None or not 1 <= int(m) <= 12 or not 1 <= int(d) <= calendar.monthrange(year, int(m))[1]:
            return None
        return f"{year:04d}-{int(m):02d}-{int(d):02d}"
    if label == "YEAR":
        return span.text if 1950 <= int(span.text) <= 2099 else None
    if label == "FY":
        return parse_period(span.text)
    if label == "QUARTER":
        n = re.search(r"[1-4]", " ".join(words[:2]))
        printed = parse_period(words[-1]) if "/" in words[-1] else None
        period = printed or financial_year
        which = f"Q{n.group(0)}" if n else None
        return f"{period} {which}" if period and which else which
    if label == "MONEY":
        amount = parse_money(span.text)
        return None if amount is None else str(int(amount))
    if label == "PERCENT":
        number = _number(words[0])
        return None if number is None else _plain(number)
    return None


def _is_day(span: Span) -> bool:
    """Whether a DAY entity's day of the month can be one ("end of June" always can)."""
    digits = next((re.match(r"\d+", t.text) for t in span if t.text[:1].isdigit()), None)
    return digits is None or 1 <= int(digits.group(0)) <= 31


def _plain(number: float) -> str:
    return str(int(number)) if number == int(number) else str(number)


def _negated(doc: Doc, start: int, spec: dict[str, Any], kind: str) -> bool:
    """ "no delays", "not yet completed", "to be completed": the phrase does not hold."""
    before = [t.lower_ for t in doc[max(start - 3, 0):start]]
    if before and before[-1] in spec["negation"]["before"]:
        return True
    if kind == "completion":
        joined = " ".join(before)
        if any(joined.endswith(phrase) for phrase in spec["negation"]["future"]):
            return True
        clause = start
        while clause > doc[start].sent.start and not doc[clause - 1].is_punct:
            clause -= 1
        return any(t.lower_ in spec["negation"]["conditional"] for t in doc[clause:start])
    return False


def _trim_year(ent: Span) -> Span:
    """ "In November 35 days were lost": a two-digit number that something follows is a count, not a year."""
    from spacy.lang.en.stop_words import STOP_WORDS

    doc = ent.doc
    last = ent[-1]
    if ent.label_ in ("MONTH", "DAY") and len(ent) > 1 and len(last.text) == 2 and last.text.isdigit() \
            and ent.end < len(doc):
        after = doc[ent.end]
        if after.is_alpha and after.is_lower and after.lower_ not in STOP_WORDS:
            return doc[ent.start:ent.end - 1]
    return ent


def _subject(tokens: Span, spec: dict[str, Any]) -> tuple[str, int] | None:
    """What a number counts: the words after it, up to a stop word, verb or punctuation;
    with the index of the token after them."""
    from spacy.lang.en.stop_words import STOP_WORDS

    counts = spec["counts"]
    doc = tokens.doc
    first: int | None = None
    last: int | None = None
    words = 0
    for token in tokens:
        lower = token.lower_
        if first is None and lower in ("of", "the", "a", "an", "all", "our", "their", "its"):
            continue  # "100% of the milestones"
        if token.text == "-" and last == token.i - 1 and not doc[last].whitespace_ and not token.whitespace_:
            continue  # "self-contained": the hyphen joins two words of one
        if token.text in ("'", "’") and last == token.i - 1:
            continue  # "Elderly Persons' homes"
        if token.is_punct or token.like_num or token.ent_type_:
            break
        if lower in counts["verbs"] or (lower in STOP_WORDS and lower not in ("other",)):
            break
        if not (token.is_alpha or "'" in token.text or "’" in token.text):
            break
        first = token.i if first is None else first
        last = token.i
        words += 1
        if words >= counts["max_words"]:
            break
    if first is None or last is None:
        return None
    return doc[first:last + 1].text, last + 1


def _counts(doc: Doc, taken: set[int], spec: dict[str, Any]) -> list[Found]:
    counts = spec["counts"]
    found: list[Found] = []
    for token in doc:
        if token.i in taken or not token.like_num or token.lower_ in counts["not_counts"]:
            continue
        number = _number(token.text)
        if number is None or (token.i > 0 and doc[token.i - 1].text in ("£", "$", "€", "No", "NI")):
            continue
        after = doc[token.i + 1:token.i + 1 + 3 * counts["max_words"]]
        if len(after) and after[0].lower_ in counts["units"]:
            continue
        found_subject = _subject(after, spec)
        if found_subject is None:
            continue
        subject, end = found_subject
        start = token.i
        while start > 0 and doc[start - 1].lower_ in counts["qualifiers"] and start - 1 not in taken:
            start -= 1
        span = doc[start:end]
        found.append(Found("count", span.text, _plain(number), span.start_char, span.end_char,
                           span.sent.text, number, subject))
    return found


def _facts_in(doc: Doc, financial_year: str | None, quarter: int | None, loaded: Engine) -> list[Found]:
    spec = loaded.spec
    found: list[Found] = []
    taken: set[int] = set()
    for whole in doc.ents:
        ent = _trim_year(whole)
        if len(ent) < len(whole):
            ent = doc.char_span(ent.start_char, ent.end_char, label=whole.label_) or whole
        taken.update(range(ent.start, ent.end))
        kind = _KINDS[ent.label_]
        value = normalise_entity(ent, financial_year, quarter)
        if value is None and (ent.label_ in ("YEAR", "NUMDATE") or ent.label_ == "DAY" and not _is_day(ent)):
            continue  # a shape that let through no date: "2310", "45.13.02", "45th May"
        number = None
        subject = None
        if kind in ("money", "percentage") and value is not None:
            number = float(value)
        if kind == "percentage":
            found_subject = _subject(doc[ent.end:ent.end + spec["counts"]["max_words"] + 3], spec)
            subject = found_subject[0] if found_subject else None
        found.append(Found(kind, ent.text, value, ent.start_char, ent.end_char, ent.sent.text, number, subject))
    matches = loaded.matches(doc)
    spans = []
    for match_id, start, end in matches:
        phrase = loaded.phrases[match_id]
        if _negated(doc, start, spec, phrase.kind):
            continue
        if end < len(doc) and doc[end].lower_ in spec["negation"]["after"].get(phrase.label, ()):
            continue
        spans.append((start, end, phrase))
    spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    last_end = -1
    for start, end, phrase in spans:
        if start < last_end:
            continue  # overlapping phrases: the longest, first, wins
        last_end = end
        span = doc[start:end]
        found.append(Found(phrase.kind, span.text, phrase.label, span.start_char, span.end_char, span.sent.text,
                           suggest=phrase.suggest, strong=phrase.strong))
    found.extend(_counts(doc, taken, spec))
    return sorted(found, key=lambda f: (f.start, f.end))


def read_texts(texts: Sequence[str], financial_year: str | None = None,
               quarter: int | None = None) -> list[list[Found]]:
    """The facts in each text, in order; spaCy is loaded on the first call of the process.

    The document's financial year (and quarter) date what is printed without a year: "Q4", "January".
    """
    if not any(t.strip() for t in texts):
        return [[] for _ in texts]
    loaded = engine()
    return [_facts_in(doc, financial_year, quarter, loaded) for doc in loaded.nlp.pipe(texts)]


def read_text(text: str, financial_year: str | None = None, quarter: int | None = None) -> list[Found]:
    """The facts in one text."""
    return read_texts([text], financial_year, quarter)[0]
