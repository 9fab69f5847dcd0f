"""Units -> the contract's citations, with the quote that supports the statement."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.engine import Engine
from assistant.types import Citation, Source
from ingestion.store import bm25_tokens as tokens
from ingestion.text import sentences
from ingestion.types import Unit

_ASKS_PHONE = re.compile(r"\b(phone|telephone|tel|number|call|ring|contact)\b", re.I)
_ASKS_EMAIL = re.compile(r"\b(e-?mail|address|contact)\b", re.I)
_PHONE = re.compile(r"\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")


@lru_cache(maxsize=8192)
def _sentence_words(text: str) -> tuple[tuple[str, frozenset[str], bool, bool], ...]:
    """A unit's sentences with their words and whether they hold a phone number or an email
    address (units never change, so this is worked out once)."""
    return tuple((s, frozenset(tokens(s)), bool(_PHONE.search(s)), bool(_EMAIL.search(s))) for s in sentences(text))


@lru_cache(maxsize=256)
def _question_profile(question: str) -> tuple[frozenset[str], bool, bool]:
    """The question's words, and whether it asks for a phone number or an email address."""
    return frozenset(tokens(question)), bool(_ASKS_PHONE.search(question)), bool(_ASKS_EMAIL.search(question))


def best_quote(text: str, question: str, limit: int = 400, must_contain: str = "", heading: str = "") -> str:
    """The sentence of the unit that best answers the question (a substring of text): one with the
    number or address asked for, else the one sharing most words with the question. Not the
    `heading` the text opens with while it has a sentence of its own: the heading is already the
    citation's place, and "Level 3 – Family Help" alone says nothing of what the level is."""
    wanted, phone, email = _question_profile(question)
    parts = _sentence_words(text)
    candidates = [p for p in parts if must_contain in p[0]] or list(parts) or [(text, frozenset(), False, False)]
    candidates = [p for p in candidates if p[0].strip() != heading.strip()] or candidates
    best = max(
        candidates,
        key=lambda p: ((phone and p[2]) + (email and p[3]), len(wanted & p[1]), -abs(len(p[0]) - 160)),
    )[0]
    if len(best) > limit:
        cut = best[:limit]
        best = cut[: cut.rfind(" ")] if " " in cut else cut
    return best if best in text else text[:limit]


def unit_quote(unit: Unit, question: str, must_contain: str = "") -> str:
    return best_quote(unit.text, question, must_contain=must_contain, heading=unit.path[-1] if unit.path else "")


def level_label(engine: Engine, unit: Unit, area: str | None) -> str | None:
    if unit.level is None:
        return None
    return engine.document(unit.doc_id).level_label(unit.level, engine.canonical_area(area) if area else None)


def make_citation(
    engine: Engine,
    unit: Unit,
    n: int,
    question: str,
    area: str | None = None,
    must_contain: str = "",
    model: type[Citation] = Citation,
    **extra,
) -> Citation:
    """The contract's citation of a unit (or a subclass, such as a search result, with `extra`).

    Built without re-validation: every field comes from the index, already typed."""
    info = engine.document(unit.doc_id)
    canonical = engine.canonical_area(area) if area else None
    cells = None
    if unit.cells is not None:
        cells = [
            {"level": lv, "level_label": info.level_label(lv, canonical), "text": text}
            for lv, text in enumerate(unit.cells, start=1)
        ]
    return model.model_construct(
        **extra,
        n=n,
        id=unit.id,
        doc_id=unit.doc_id,
        doc_title=info.title,
        doc_date=info.date,
        doc_status=info.status,
        kind=unit.kind,
        path=list(unit.path),
        domain=unit.domain,
        subdomain=unit.subdomain,
        row=unit.row,
        level=unit.level,
        level_label=level_label(engine, unit, area),
        text=unit.text,
        quote=unit_quote(unit, question, must_contain),
        source=Source.model_construct(**unit.source.__dict__),
        cells=cells,
    )
