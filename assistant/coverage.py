"""Does the guidance answer this question at all? Similarity cannot tell: "the MASH phone number for
Central Bedfordshire" is close to passages about the MASH whether or not one gives that number.
So besides a floor on similarity, two checks on what kind of answer is asked for:

- a contact (a phone number, email address) needs a passage giving one, in a sentence about what
  was asked for, from guidance for the area the question names;
- an adult (a stated age over 25) is outside children's threshold guidance.
(Tried and dropped: treating a capitalised word the guidance never uses as a sign of another
subject. Practitioners' shorthand - GP, HV, PND, CCE, "Beds" - is full of them: false abstention
rose from 0.02 to 0.15 on the dev questions while no unanswerable question was caught by it.)
"""

from __future__ import annotations

import re

from assistant.engine import Engine
from assistant.guidance import EMAIL, PHONE
from assistant.types import Hit
from ingestion.text import sentences

ASKS_PHONE = re.compile(
    r"\b(phone|telephone|contact|mobile) (number|no)\b|\bnumber (to|for)\b|\bhotline\b"
    r"|\bhow (do|can) i (call|ring|phone)\b",
    re.IGNORECASE,
)
ASKS_EMAIL = re.compile(r"\b(e-?mail|email address)\b", re.IGNORECASE)
AGE = re.compile(r"\b(\d{2,3})[- ]?(year|yr)s?[- ]?old\b|\baged (\d{2,3})\b", re.IGNORECASE)
ADULT_FROM = 26
_GENERIC = {
    "number", "phone", "telephone", "call", "email", "contact", "details", "what", "the", "for", "and",
    "how", "does", "who", "where", "when", "which", "can", "level", "is", "are", "do", "to", "of", "in",
    "a", "an", "my", "i", "me", "we", "our", "their", "there", "this", "that", "out", "hours", "about",
}  # fmt: skip


def _key_terms(question: str, engine: Engine) -> set[str]:
    areas = {w for area in engine.areas for w in area.lower().split()}
    return {w for w in re.findall(r"[a-z0-9]+", question.lower()) if w not in _GENERIC | areas and len(w) > 2}


def _pieces(text: str) -> list[str]:
    return [p.strip() for s in sentences(text) for line in s.split("\n") for p in line.split("•") if p.strip()]


def gives_contact(engine: Engine, question: str, hits: list[Hit], area: str | None, pattern: re.Pattern) -> bool:
    """A phone number (or email address) given next to what the question asks for (in its sentence
    or the one before), in guidance for the area the question names."""
    wanted = _key_terms(question, engine)
    for hit in hits:
        if area and area not in engine.document(hit.unit.doc_id).areas:
            continue
        pieces = _pieces(hit.unit.text)
        for i, piece in enumerate(pieces):
            window = " ".join(pieces[max(0, i - 1) : i + 1])
            if pattern.search(piece) and wanted & _key_terms(window, engine):
                return True
    return False


def about_an_adult(question: str) -> bool:
    ages = [int(a or b) for a, _, b in AGE.findall(question)]
    return bool(ages) and min(ages) >= ADULT_FROM


def covered(engine: Engine, question: str, hits: list[Hit], area: str | None, floor: float, context: str = "") -> bool:
    """Whether the guidance answers the question (see the module's note). `context` is the question
    with the turn before it, for what a follow-up ("and the phone number?") is about."""
    context = context or question
    if not hits:
        return False
    best = max(h.dense for h in hits)
    if best < floor or about_an_adult(question):
        return False
    return not any(
        asks.search(question) and not gives_contact(engine, context, hits, area, gives)
        for asks, gives in ((ASKS_PHONE, PHONE), (ASKS_EMAIL, EMAIL))
    )
