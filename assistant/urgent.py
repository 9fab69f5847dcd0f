"""Does the question signal immediate danger? Then the answer leads with 999 / police."""

from __future__ import annotations

import re

_URGENT = re.compile(
    r"\b("
    r"immediate(ly)? (danger|risk|threat)|in danger (right )?now|danger right now|right now|at risk right now|"
    r"emergency|threat to (his|her|their|a child'?s?|the child'?s?)? ?life|life[- ]threatening|"
    r"not (breathing|responding|responsive|waking)|unresponsive|unconscious|stopped breathing|"
    r"(is|are|being|getting) (hurt|beaten|attacked|assaulted|stabbed|abused) (now|right now|at the moment|as we speak)|"
    r"bleeding|overdose[d]?|suicid(e|al) (now|tonight|today)|about to (kill|hurt|harm|jump|take)|"
    r"(going to|will) (kill|hurt|harm) (him|her|them|the child|the baby)|"
    r"(taken|flown|sent|leaving) abroad (tonight|today|tomorrow|now|this week)|"
    r"(flight|plane) (tonight|today|tomorrow)|about to be (taken|flown|sent|married|cut)|"
    r"weapon (now|on them)|has a (knife|gun|weapon)|(knife|gun) (now|at school)|missing (now|tonight) and"
    r")\b",
    re.IGNORECASE,
)


def is_urgent(question: str) -> bool:
    return bool(_URGENT.search(question))


def is_emergency_instruction(text: str) -> bool:
    """A passage telling the reader what to do at once: it names 999."""
    return "999" in text
