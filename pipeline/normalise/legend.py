"""RAG legends printed as tables: colour swatches beside their meaning, or a column of status words."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.models import Cell, RagLevel, RawTable
from pipeline.normalise.values import clean, parse_direction, parse_rag, rag_from_colour

_NOT_RAG = re.compile(r"(?i)\b(direction|travel|trend|arrow)\b")
_RAG_CAPTION = re.compile(r"(?i)\b(rag|status|rating|key|colour|performance)\b")


def _entries_in_row(row: Sequence[Cell]) -> list[RagLevel]:
    """Swatch-and-meaning pairs along one row: "[red] | Alert | [amber] | Warning | [] | Unknown";
    or a status word first and its meanings after it: "Red | significant concerns | worse than target"."""
    cells = sorted(row, key=lambda c: c.col)
    found: list[RagLevel] = []
    for cell in cells:
        # "Green\nOn or within 10% of the annual target" in one coloured cell
        first, _, rest = cell.text.strip().partition("\n")
        rag = parse_rag(first) if rest.strip() and len(first.split()) <= 2 else None
        if rag:
            colour = cell.fill if cell.fill and rag_from_colour(cell.fill) else None
            found.append(RagLevel(rag, first.strip(), clean(rest) or "",
                                  f"#{colour.lstrip('#').upper()}" if colour else None))
    if found:
        return found
    texts = [clean(c.text) for c in cells]
    lead = texts[0] if cells else None
    word = parse_rag(lead) if lead and len(lead.split()) <= 3 else None
    if word is not None:
        colour = cells[0].fill if cells[0].fill and rag_from_colour(cells[0].fill) else None
        for text in texts[1:]:
            if text:
                found.append(RagLevel(word, lead or "", text, f"#{colour.lstrip('#').upper()}" if colour else None))
        return found
    # a row with texts that follow no empty swatch is a data row whose colour-only status sits
    # beside its commentary (environment-scorecard-q2-2009-10's actions), not a key
    unpaired = [i for i, text in enumerate(texts) if text and (i == 0 or texts[i - 1])]
    if len(unpaired) > 1:
        return []
    for marker, meaning, marker_text, text in zip(cells, cells[1:], texts, texts[1:]):
        if not text or marker_text or meaning.fill and rag_from_colour(meaning.fill):
            continue
        if parse_direction(text):
            continue
        colour = marker.fill
        rag = rag_from_colour(colour)
        if rag is None and colour and colour.upper() not in ("FFFFFF", "AUTO"):
            continue
        found.append(RagLevel(rag, text, text, f"#{colour.lstrip('#').upper()}" if rag and colour else None))
    if len(found) < 2 and cells and texts[0] and not rag_from_colour(cells[0].fill):
        # a record named in its first column with a coloured status beside its update is data, not a key
        return []
    return found


def legend_in_table(table: RawTable) -> list[RagLevel] | None:
    """The legend a key table prints, or None when the table is not a key.

    A key is a table whose rows pair a colour swatch (an empty filled cell) with a meaning, in
    sections under captions; a "Direction of travel" section is not a RAG key and is left out.
    """
    levels: list[RagLevel] = []
    seen: set[RagLevel] = set()  # every row of a long table may offer entries: no rescan of the list
    in_direction = False
    coloured = 0
    for row in table.rows[table.header_rows:]:
        filled = [c for c in row if c.text.strip()]
        first = min(filled, key=lambda c: c.col) if filled else None
        if first is not None and (len(filled) == 1 and first.col_span > 1 or first.col == 0 and first.fill
                                  and not rag_from_colour(first.fill)):
            in_direction = bool(_NOT_RAG.search(first.text))
            if len(filled) == 1:
                continue
        if in_direction:
            continue
        entries = _entries_in_row(row)
        coloured += sum(1 for e in entries if e.rag)
        for entry in entries:
            if entry not in seen:
                seen.add(entry)
                levels.append(entry)
    if coloured < 2:
        return None
    return levels


def legend_in_column(table: RawTable) -> list[RagLevel]:
    """A form's column of status words ("On Target", "Behind Target", "Failing"), each its own definition."""
    by_col: dict[int, list[Cell]] = {}
    for row in table.rows:
        for cell in row:
            by_col.setdefault(cell.col, []).append(cell)
    for cells in by_col.values():
        words = [clean(c.text) for c in cells if clean(c.text)]
        rags = [(w, parse_rag(w)) for w in words if w]
        known = [(w, r) for w, r in rags if r]
        if len(known) >= 2 and len({r for _, r in known}) == len(known) and len(known) * 2 >= len(words):
            return [RagLevel(r, w, w) for w, r in known]
    return []
