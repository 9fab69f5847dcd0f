"""Reading one line of a text export: what kind of line it is, without looking at its neighbours."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.text import clean

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*(.+)\*\*|<b>(.+)</b>)\s*:?\s*$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+(.*)$")
_SEPARATOR_CELL = re.compile(r"^\s*-*\s*$")
_LEVEL_CELL = re.compile(r"^(level|tier)\s*([1-4])\b", re.I)
_KEY_VALUE = re.compile(
    r"^(e-?mail|telephone|tel|phone|fax|date|version|contact|authors?|department|last updated|website)\s*:", re.I
)
_TERMINAL = ".;,!?"


@dataclass(frozen=True)
class Token:
    kind: str  # blank | heading | bold | list | para | row | separator
    number: int
    text: str = ""
    level: int = 0
    cells: tuple[str, ...] = ()
    raw: str = ""


def tokenise(number: int, raw: str) -> Token:
    if "\t" in raw:
        cells = tuple(raw.split("\t"))
        if all(_SEPARATOR_CELL.match(cell) for cell in cells):
            return Token("separator", number, raw=raw)
        return Token("row", number, cells=cells, raw=raw)
    stripped = raw.strip()
    if not stripped:
        return Token("blank", number, raw=raw)
    if match := _MD_HEADING.match(stripped):
        text = clean(match.group(2)).rstrip(":").strip()
        if text:
            return Token("heading", number, text=text, level=len(match.group(1)), raw=raw)
        return Token("blank", number, raw=raw)
    if (match := _BOLD_LINE.match(stripped)) and is_heading_text(clean(match.group(1) or match.group(2))):
        return Token("bold", number, text=clean(match.group(1) or match.group(2)).rstrip(":").strip(), raw=raw)
    if match := _LIST_ITEM.match(raw):
        return Token("list", number, text=clean(match.group(1)), raw=raw)
    return Token("para", number, text=clean(stripped), raw=raw)


def is_heading_text(text: str, max_words: int = 14, colon_words: int = 5) -> bool:
    """Short, starts like a title, and does not end like a sentence (or, past a few words, like a
    lead-in to a list)."""
    text = text.strip()
    if not text or len(text) > 100 or len(text.split()) > max_words:
        return False
    if text[-1] in _TERMINAL or (text[-1] == ":" and len(text.split()) > colon_words):
        return False
    if "@" in text or "http" in text or "www." in text or _KEY_VALUE.match(text):
        return False
    return text[0].isupper() or text[0].isdigit()


def plain_heading(token: Token, previous: Token | None) -> bool:
    """A line with no markup that stands as a heading: after a blank line, short, title-like."""
    return (
        token.kind == "para"
        and (previous is None or previous.kind == "blank")
        and is_heading_text(token.text, max_words=12, colon_words=0 if not token.text.startswith("Appendix") else 3)
    )


def level_of_header_cell(cell: str) -> int | None:
    match = _LEVEL_CELL.match(clean(cell))
    return int(match.group(2)) if match else None


def is_level_header(cells: tuple[str, ...]) -> bool:
    """'Level 1<TAB>Level 2<TAB>...' or 'Tier 1 Children with ...<TAB>Tier 2 ...'."""
    levels = [level_of_header_cell(c) for c in cells if clean(c)]
    return len(levels) >= 2 and levels == list(range(1, len(levels) + 1))


def filled(cells: tuple[str, ...]) -> list[int]:
    return [k for k, cell in enumerate(cells) if clean(cell)]
