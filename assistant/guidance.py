"""Where the guidance says the things every answer may need beside the matching indicators: its
reminder that the matrix is not a tick-box, what to do at a level in an area, who to contact, and
the current guidance's counterpart of an earlier edition's indicator. Found in the index's own
units by what they say and where they sit, never written here."""

from __future__ import annotations

import re

from assistant.engine import Engine
from assistant.quiz.facts import words
from ingestion.types import Unit

REMINDER = re.compile(r"tick[- ]?box|not a checklist", re.IGNORECASE)
SEVERAL = re.compile(r"(several|a number of|multiple) (issues or needs at |)level 2", re.IGNORECASE)
PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
MASH = re.compile(r"\bMASH\b|mash@|Multi-Agency Safeguarding Hub", re.IGNORECASE)
CONTACT_LABEL = re.compile(r"(tel(ephone)?|phone|e-?mail|contact)?", re.IGNORECASE)
ACTION_HEADINGS = ("access to services", "course of action", "understanding levels", "what to do")
COUNTERPART_OVERLAP = 0.5


_memo: dict[tuple, tuple[list[Unit], object]] = {}


def _remembered(engine: Engine, key: tuple, make):
    """`make()` worked out once per index: these lookups scan every unit, and an answer makes
    several of them."""
    units, value = _memo.get((id(engine), *key), (None, None))
    if units is not engine.units:
        value = make()
        _memo[(id(engine), *key)] = (engine.units, value)
    return value


def _order(engine: Engine, unit: Unit) -> tuple[bool, int, int]:
    info = engine.document(unit.doc_id)
    return (not info.is_current, info.precedence, unit.source.line_start)


def reminder(engine: Engine, doc_ids: list[str], area: str | None = None, elsewhere: bool = True) -> Unit | None:
    """The guidance's own words that the matrix is a guide, not a tick-box: from the answer's
    document when it says so (in the area's part of it, and where it also says what several
    Level 2 indicators may mean, when it has such a part), else (when `elsewhere`) from the
    current guidance."""
    key = ("reminder", tuple(doc_ids), area, elsewhere)
    return _remembered(engine, key, lambda: _reminder(engine, doc_ids, area, elsewhere))


def _reminder(engine: Engine, doc_ids: list[str], area: str | None, elsewhere: bool) -> Unit | None:
    found = [u for u in engine.units if u.kind == "section" and REMINDER.search(u.text)]
    mine = [u for u in found if u.doc_id in doc_ids] or (found if elsewhere else [])

    def rank(unit: Unit) -> tuple:
        in_area = bool(area) and any(area.lower() in part.lower() for part in unit.path)
        return (not in_area, not SEVERAL.search(unit.text), *_order(engine, unit))

    return min(mine, key=rank, default=None)


def _names_level(engine: Engine, unit: Unit, level: int, area: str | None) -> bool:
    info = engine.document(unit.doc_id)
    names = dict(info.area_level_names).get(area or "", info.level_names)
    name = names[level - 1].lower() if len(names) >= level else ""
    first_line = unit.text.split("\n", 1)[0].lower()
    heading = unit.path[-1].lower()
    numbered = f"{info.level_word.lower()} {level}"
    return any(
        text.startswith(numbered) and not text[len(numbered) : len(numbered) + 1].isdigit()
        for text in (heading, first_line)
    ) or bool(name and heading == name)


def next_step(engine: Engine, doc_id: str, level: int, area: str | None) -> list[Unit]:
    """What the document says to do at this level (in this area, where it has a part per area):
    a passage under a heading that names the level, preferring the parts about access to services,
    the course of action or the area's levels of need. Every passage under that heading, in order
    (none when the document has no such heading)."""
    return _remembered(engine, ("next", doc_id, level, area), lambda: _next_step(engine, doc_id, level, area))


def _next_step(engine: Engine, doc_id: str, level: int, area: str | None) -> list[Unit]:
    candidates = []
    for unit in engine.units:
        if unit.doc_id != doc_id or unit.kind != "section" or "indicators" in unit.path[0].lower():
            continue
        if not _names_level(engine, unit, level, area):
            continue
        path = " ".join(unit.path).lower()
        in_area = bool(area) and area.lower() in path
        if area and engine.document(doc_id).area_level_names and not in_area:
            continue
        action = any(words in path for words in ACTION_HEADINGS)
        candidates.append(((not action, not in_area, unit.source.line_start), unit))
    if not candidates:
        return []
    chosen = min(candidates, key=lambda c: c[0])[1]
    return [unit for _, unit in sorted(candidates, key=lambda c: c[0][2]) if unit.path == chosen.path]


def contact(engine: Engine, area: str | None, phone_only: bool = False) -> tuple[Unit, str] | None:
    """The MASH's own phone number or email address (only a phone number when `phone_only`, as
    in an emergency one calls), from guidance for the area (current documents first; in one
    passage, a phone number before an address), and the passage giving it; None when the guidance
    gives none."""
    key = ("contact", area, phone_only)
    return _remembered(engine, key, lambda: _contact(engine, area, phone_only))


def _contact(engine: Engine, area: str | None, phone_only: bool) -> tuple[Unit, str] | None:
    kinds = (PHONE,) if phone_only else (PHONE, EMAIL)
    found = [
        (_order(engine, unit), rank, unit, given)
        for unit in engine.units
        if unit.kind == "section" and (area is None or area in engine.document(unit.doc_id).areas)
        for rank, pattern in enumerate(kinds)
        for given in mash_contacts(unit.text, pattern)
    ]
    if not found:
        return None
    _, _, unit, given = min(found, key=lambda f: f[:2])
    return unit, given


def mash_contacts(text: str, pattern: re.Pattern) -> list[str]:
    """The numbers or addresses (by `pattern`) a passage gives for the MASH: on a line naming it
    in words, its own address ("mash@bedford.gcsx.gov.uk", not the other inbox beside it), or on
    a line giving only a contact ("Telephone: 01582 547653") in a passage about it. A number on a
    line naming another service ("Contact the Early Help Service on 01234 276043") is that
    service's, even in a passage that names the MASH too."""
    about_mash = bool(MASH.search(text))
    given = []
    for line in text.split("\n"):
        names_mash = bool(MASH.search(EMAIL.sub("", line)))
        for match in pattern.finditer(line):
            rest = (line[: match.start()] + line[match.end() :]).strip(" \t•-:.")
            own = MASH.search(match.group(0)) or (about_mash and CONTACT_LABEL.fullmatch(rest))
            if names_mash or own:
                given.append(match.group(0))
    return given


def named_area(engine: Engine, text: str) -> str | None:
    """An area the question names ("... in Luton?")."""
    return next(iter(named_areas(engine, text)), None)


def named_areas(engine: Engine, text: str) -> list[str]:
    """Every area the text names, in the order named ("Central Beds" is Central Bedfordshire)."""
    lowered = re.sub(r"\bbeds\b", "bedfordshire", text.lower())
    found = [(lowered.find(area.lower()), area) for area in engine.areas if area.lower() in lowered]
    return [area for _, area in sorted(found)]


STOP_WORDS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "has", "have", "he", "her",
    "his", "in", "is", "it", "its", "of", "on", "or", "she", "that", "the", "their", "them", "there", "they",
    "this", "to", "was", "were", "which", "who", "will", "with", "child", "children", "young", "person",
    "people", "carer", "carers", "parent", "parents", "family",
})  # fmt: skip


def content_words(text: str) -> frozenset[str]:
    return frozenset(words(text)) - STOP_WORDS


def _current_cells(engine: Engine) -> list[tuple[Unit, frozenset[str]]]:
    """The current documents' matrix cells with their content words."""
    return _remembered(
        engine,
        ("cells",),
        lambda: [
            (u, content_words(u.text))
            for u in engine.units
            if u.kind == "matrix_cell" and engine.document(u.doc_id).is_current
        ],
    )


def current_counterpart(engine: Engine, unit: Unit) -> Unit | None:
    """The current guidance's closest indicator to an earlier edition's one: the matrix cell of a
    current document for the same area sharing the most content words with it, when they share at
    least half of them (the embedded vectors carry each document's name and headings, so they are
    no measure of the same wording). None when there is no close one."""
    info = engine.document(unit.doc_id)
    if info.is_current:
        return None
    mine = content_words(unit.text)
    best, best_score = None, COUNTERPART_OVERLAP
    for other, theirs in _current_cells(engine):
        if not set(engine.document(other.doc_id).areas) & set(info.areas) or not mine | theirs:
            continue
        score = len(mine & theirs) / len(mine | theirs)
        if score >= best_score:
            best, best_score = other, score
    return best
