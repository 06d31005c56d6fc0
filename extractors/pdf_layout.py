"""PDF text as a reader sees it: words into lines, wrapped lines back into one text, bullets dropped.

LibreOffice and Word wrap a cell's or paragraph's text to its width. A break is a wrap when
the next line's first word would not have fitted at the end of the line before; any other
break was typed (a new paragraph or list item) and is kept as a newline.
"""

from __future__ import annotations

import math
import re
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

BULLETS = frozenset("•▪■◦‣⁃●○◾◽–\uf0b7\uf0a7\uf0d8")  # list glyphs, including Symbol/Wingdings ones
_BULLET_START = re.compile(r"^[" + re.escape("".join(BULLETS)) + r"]\s+")
SPACE_SHARE = 0.28  # a space is about this share of the font size in the fonts returns use
BAND_HEIGHT = 24.0  # points: about two lines of text, the height of a short table row
MAX_BANDS = 256  # a thing taller than this many bands is filed as reaching everywhere
T = TypeVar("T")
WORD_OPTIONS: dict[str, Any] = {"extra_attrs": ["fontname", "size"], "keep_blank_chars": False}  # to extract_words


@dataclass(slots=True)
class Word:
    """One word on a page, with its box and look; `cx`, `cy` is the centre of its box."""

    x0: float
    x1: float
    top: float
    bottom: float
    text: str
    size: float
    bold: bool
    cx: float = field(init=False)
    cy: float = field(init=False)

    def __post_init__(self) -> None:
        self.cx = (self.x0 + self.x1) / 2
        self.cy = (self.top + self.bottom) / 2


@dataclass(frozen=True, slots=True)
class TextLine:
    """Words side by side on one baseline, left to right."""

    words: tuple[Word, ...]

    @property
    def top(self) -> float:
        """The top of the line's highest word."""
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        """The bottom of the line's lowest word."""
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        """Where the line starts."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """Where the line ends."""
        return self.words[-1].x1

    @property
    def text(self) -> str:
        """The words joined by single spaces."""
        return " ".join(w.text for w in self.words)

    @property
    def size(self) -> float:
        """The line's usual font size."""
        return statistics.median(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        """Whether every word is bold."""
        return all(w.bold for w in self.words)


def page_words(page: Any) -> list[Word]:
    """Every word on a pdfplumber page, with its font size and boldness."""
    found = []
    for word in page.extract_words(**WORD_OPTIONS):
        found.append(Word(float(word["x0"]), float(word["x1"]), float(word["top"]), float(word["bottom"]),
                          word["text"], float(word["size"]), "bold" in str(word["fontname"]).lower()))
    return found


def group_lines(words: Iterable[Word]) -> list[TextLine]:
    """Words into lines: a word joins a line it shares a baseline with, top to bottom.

    Sharing the vertical middle is not enough: beside a merged cell, a cell's second line and
    the next row's first line overlap by a few points (real-dev 07).
    """
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top, w.x0)):
        slack = 0.3 * word.size
        for line in reversed(lines[-4:]):
            first = line[0]
            if abs(word.bottom - first.bottom) <= slack or abs(word.top - first.top) <= slack:
                line.append(word)
                break
        else:
            lines.append([word])
    return sorted((TextLine(tuple(sorted(line, key=lambda w: w.x0))) for line in lines), key=lambda l: l.top)


def is_bullet(word: Word) -> bool:
    """A list glyph standing alone before an item's text."""
    return len(word.text) == 1 and word.text in BULLETS


def strip_bullet(text: str) -> str:
    """A line's text without the list glyph it starts with."""
    return _BULLET_START.sub("", text.strip())


def _words_without_bullet(line: TextLine) -> tuple[Word, ...]:
    words = line.words
    return words[1:] if len(words) > 1 and is_bullet(words[0]) else words


def is_wrap(before: TextLine, after: TextLine, right: float) -> bool:
    """Whether `after` carries on `before` only because the next word did not fit before `right`."""
    if is_bullet(after.words[0]):
        return False
    first = after.words[0]
    space = SPACE_SHARE * first.size
    return before.x1 + space + (first.x1 - first.x0) > right


def _breaks_word(before: TextLine, after: TextLine, right: float) -> bool:
    """A word too long for its column, broken mid-word: "Performan" / "ce" in a narrow cell.

    LibreOffice breaks a word only when it alone is wider than the column, so the line holds
    that one word up to the column's edge and the next line starts with a short lowercase
    fragment that is no word of its own ("Good" / "is ?" is an ordinary wrap).
    """
    last, fragment = before.words[-1], after.words[0].text
    return (len(before.words) == 1 and len(last.text) >= 6 and last.x1 >= right - last.size
            and fragment[:1].islower() and len(fragment.rstrip(".,;:)")) <= 3
            and fragment.rstrip(".,;:)").lower() not in _SHORT_WORDS)


_SHORT_WORDS = frozenset(
    "a an and are as at be but by for from has in into is it its of on or so than that the to was we "
    "were will with".split())


def join_lines(lines: Sequence[TextLine], right: float) -> str:
    """A cell's or paragraph's lines as one text: wraps become spaces, typed breaks newlines."""
    out = ""
    previous: TextLine | None = None
    for line in lines:
        words = _words_without_bullet(line)
        text = " ".join(w.text for w in words)
        if previous is None:
            out = text
        elif out.endswith("-") and len(out) > 1 and out[-2].isalnum() and is_wrap(previous, line, right):
            out += text  # a hyphenated word or range broken at the hyphen: "18-" / "64"
        elif _breaks_word(previous, line, right):
            out += text
        elif is_wrap(previous, line, right):
            out += " " + text
        else:
            out += "\n" + text
        previous = line
    return out.strip()


def words_in(words: Iterable[Word], box: tuple[float, float, float, float]) -> list[Word]:
    """The words whose centre lies inside a box (x0, top, x1, bottom)."""
    x0, top, x1, bottom = box
    return [w for w in words if x0 <= w.cx <= x1 and top <= w.cy <= bottom]


class Bands(Generic[T]):
    """Things on a page filed under the horizontal bands their height reaches into, so that a cell
    finds the words, shadings or cells across its own height without a scan of the whole page.

    `near` returns a superset of what meets a height, in the things' own order; callers keep
    their exact test, so the answer, and which of two equal candidates wins, stay the same.
    """

    def __init__(self, items: Sequence[T], span: Callable[[T], tuple[float, float]]) -> None:
        self._items = items
        self._bands: dict[int, list[int]] = {}
        self._everywhere: list[int] = []  # too tall, or not at a finite height
        for index, item in enumerate(items):
            reach = _band_range(*span(item))
            if reach is None or reach[1] - reach[0] > MAX_BANDS:
                self._everywhere.append(index)
                continue
            for band in range(reach[0], reach[1] + 1):
                self._bands.setdefault(band, []).append(index)

    def near(self, top: float, bottom: float) -> list[T]:
        """The things that may reach into the height from `top` to `bottom`, in their own order."""
        reach = _band_range(top, bottom)
        if reach is None:
            return list(self._items)
        first, last = reach
        if first == last and not self._everywhere:  # one band: its things are in their order already
            return [self._items[index] for index in self._bands.get(first, ())]
        found = set(self._everywhere)
        if last - first > len(self._bands):
            bands = [band for band in self._bands if first <= band <= last]
        else:
            bands = list(range(first, last + 1))
        for band in bands:
            found.update(self._bands.get(band, ()))
        return [self._items[index] for index in sorted(found)]


def _band_range(top: float, bottom: float) -> tuple[int, int] | None:
    """The first and last band a height reaches into; None for one at no finite height."""
    try:
        first, last = math.floor(top / BAND_HEIGHT), math.floor(bottom / BAND_HEIGHT)
    except (OverflowError, ValueError):  # an infinite height, or none (NaN)
        return None
    return (first, last) if first <= last else (last, first)
