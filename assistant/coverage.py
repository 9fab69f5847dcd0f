"""Does the guidance answer this question at all? Similarity cannot tell: "the MASH phone number for
Central Bedfordshire" is close to passages about the MASH whether or not one gives that number.
So besides a floor on similarity, checks on what kind of answer is asked for:

- a contact (a phone number, email address) needs a passage giving one, in a sentence about what
  was asked for, from guidance for the area the question names;
- an amount (how much, how many, a dose, a minimum age, "at what age", a grade) needs a passage
  giving a number in a sentence about two of the things asked about (a number is common, so one
  shared word is too weak a sign); money (a fee, a cost, pay) needs a sum or "free"; a time (how long, how often, a
  deadline, opening hours) needs a length of time or a frequency, not just any number;
- an adult (a stated age over 25, adult safeguarding, old age) is outside children's threshold guidance;
- a postcode needs a passage giving one;
- a named thing (an acronym, a name in capitals) the guidance never mentions, asked about other
  than for a level, is another subject (assistant.scope.names_the_unnamed);
- another place's guidance, a statistic, another service's process (assistant.scope).
(Tried and dropped: treating any capitalised word the guidance never uses as a sign of another
subject. Practitioners' shorthand - GP, HV, PND, CCE, "Beds" - is full of them: false abstention
rose from 0.02 to 0.15 on the dev questions while no unanswerable question was caught by it. The
name check kept leaves situations alone, knows roles and what acronyms stand for.)
"""

from __future__ import annotations

import math
import re

from assistant.engine import Engine
from assistant.guidance import EMAIL, PHONE
from assistant.scope import about_a_child, names_the_unnamed, outside
from assistant.types import Hit
from ingestion.text import sentences

ASKS_PHONE = re.compile(
    r"\b(phone|telephone|contact|mobile) (number|no)\b|\bnumber (to|for)\b|\bhotline\b"
    r"|\bhow (do|can) i (call|ring|phone)\b",
    re.IGNORECASE,
)
ASKS_EMAIL = re.compile(r"\b(e-?mail|email address)\b", re.IGNORECASE)
ASKS_POSTCODE = re.compile(r"\bpost ?codes?\b|\b(postal|street|office|building) address\b", re.IGNORECASE)
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}\b")
ADULT_SUBJECT = re.compile(
    r"\b(adult safeguarding|safeguarding adults?|elderly|pensioners?|older (person|people))\b", re.I
)
"""An adult as the one the question is about: a child's parent is an adult too, so only words for
adult safeguarding and old age."""
AGE = re.compile(r"\b(\d{2,3})[- ]?(year|yr)s?[- ]?old\b|\baged (\d{2,3})\b", re.IGNORECASE)
ASKS_AMOUNT = re.compile(
    r"\bhow (much|many)\b|\b(dose|dosage)\b|\bwhat (amount|percentage|proportion|grade|rating)\b"
    r"|\b(minimum|maximum|legal) age\b|\bper (week|month|year)\b"
    r"|\bat what age\b|\bhow old (do|does|must|should|can|is)\b",
    re.IGNORECASE,
)
AMOUNT = re.compile(
    r"\d|£|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty"
    r"|hundred|half|once|twice)\b",
    re.IGNORECASE,
)
ASKS_MONEY = re.compile(
    r"\b(fees?|costs?|salary|salaries|paid|penalty|fined)\b|\b(a|any|no) charge\b|\bcharged? for\b", re.IGNORECASE
)
MONEY = re.compile(r"£|\bfree\b|\bno charge\b|\bpounds?\b|\bunpaid\b", re.IGNORECASE)
ASKS_TIME = re.compile(r"\bhow (long|often|soon)\b|\bdeadlines?\b|\btimescales?\b|\bopening (hours|times)\b", re.I)
TIME = re.compile(
    r"\b(\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty)"
    r"[- ](working |calendar |school )?(minutes?|hours?|days?|weeks?|months?|years?)\b"
    r"|\b(daily|weekly|fortnightly|monthly|annually|yearly|immediately|same day)\b|\b\d{1,2}(:\d\d)? ?(am|pm)\b",
    re.IGNORECASE,
)
ADULT_FROM = 26
_GENERIC = {
    "number", "phone", "telephone", "call", "email", "contact", "details", "what", "the", "for", "and",
    "how", "does", "who", "where", "when", "which", "can", "level", "is", "are", "do", "to", "of", "in",
    "a", "an", "my", "i", "me", "we", "our", "their", "there", "this", "that", "out", "hours", "about",
    "much", "many", "dose", "dosage", "amount", "minimum", "maximum", "legal", "age", "deadline", "per",
    "week", "weekly", "month", "year", "years", "old", "grade", "rating", "get", "got", "last", "they", "were",
    "was", "been",
}  # fmt: skip


def _key_terms(question: str, engine: Engine) -> set[str]:
    areas = {w for area in engine.areas for w in area.lower().split()}
    return {w for w in re.findall(r"[a-z0-9]+", question.lower()) if w not in _GENERIC | areas and len(w) > 2}


def _pieces(text: str) -> list[str]:
    return [p.strip() for s in sentences(text) for line in s.split("\n") for p in line.split("•") if p.strip()]


def gives_asked(
    engine: Engine, question: str, hits: list[Hit], area: str | None, pattern: re.Pattern, need: int = 1
) -> bool:
    """What the pattern finds (a phone number, an email address, a number) given next to `need` of
    the words the question asks about (in its sentence or the one before), in guidance for the area
    it names. Where more than one word is needed, so is a third of them: a long question about "how
    often a social worker visits a child on a child protection plan" is not answered by any time
    near "child protection" (on the helper's probe set: abstention 0.775 -> 0.8, no more false
    abstention; half of them abstained on "how often does the council have to visit the child?")."""
    wanted = _key_terms(question, engine)
    if need > 1:
        need = max(need, math.ceil(len(wanted) / 3))
    need = min(need, len(wanted)) or 1
    for hit in hits:
        if area and area not in engine.document(hit.unit.doc_id).areas:
            continue
        pieces = _pieces(hit.unit.text)
        for i, piece in enumerate(pieces):
            window = " ".join(pieces[max(0, i - 1) : i + 1])
            if pattern.search(piece) and len(wanted & _key_terms(window, engine)) >= need:
                return True
    return False


def about_an_adult(question: str) -> bool:
    """A stated age over 25 and none younger, or words for adult safeguarding or old age."""
    ages = [int(a or b) for a, _, b in AGE.findall(question)]
    return (bool(ages) and min(ages) >= ADULT_FROM) or bool(ADULT_SUBJECT.search(question))


def covered(
    engine: Engine, question: str, hits: list[Hit], area: str | None, floors: tuple[float, float], context: str = ""
) -> bool:
    """Whether the guidance answers the question (see the module's note). `floors` are the top
    similarity below which it is taken not to, for a question about a child and for any other.
    `context` is the question with the turn before it, for what a follow-up ("and the phone
    number?") is about."""
    context = context or question
    if not hits:
        return False
    best = max(h.dense for h in hits)
    floor = floors[0] if about_a_child(context) else floors[1]
    if (
        best < floor
        or about_an_adult(question)
        or outside(question, hits)
        or names_the_unnamed(question, engine.mentions, engine.place_words)
    ):
        return False
    return not any(
        asks.search(question) and not gives_asked(engine, context, hits, area, gives, need)
        for asks, gives, need in (
            (ASKS_PHONE, PHONE, 1),
            (ASKS_EMAIL, EMAIL, 1),
            (ASKS_POSTCODE, POSTCODE, 1),
            (ASKS_AMOUNT, AMOUNT, 2),
            (ASKS_MONEY, MONEY, 1),
            (ASKS_TIME, TIME, 2),
        )
    )
