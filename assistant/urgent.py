"""Does the question signal immediate danger? Then the answer leads with 999 / police.

Two ways in: a phrase that is an emergency on its own ("not breathing", "immediate danger"), or
words of serious harm together with words saying it is happening now ("hitting her right now",
"being flown out tomorrow to be cut"). Harm without immediacy ("was hit last year: what level?") is
a threshold question, not an emergency.
"""

from __future__ import annotations

import re

_EMERGENCY = re.compile(
    r"\b(immediate(ly)? (danger|risk|threat)|in danger (right )?now|emergency(?! duty)|"
    r"threat to (his |her |their |a |the )?(child'?s? )?life|"
    r"life[- ]threatening|not breathing|stopped breathing|can'?t breathe|not responding|isn'?t responding|"
    r"unresponsive|unconscious|won'?t wake|not waking|bleeding heavily)\b",
    re.IGNORECASE,
)
_HARM = re.compile(
    r"\b(hit|hitting|beat|beating|beaten|punch\w*|kick\w*|hurt|hurting|harm\w*|attack\w*|assault\w*|stab\w*|"
    r"knife|knives|gun|weapon|kill\w*|suicid\w*|self[- ]harm\w*|overdos\w*|bleed\w*|strangl\w*|chok\w*|rap(e|ed|ing)|"
    r"abus(e|ed|ing)|threat\w*|scared|terrified|flown|fly(ing)?|flight|taken abroad|sent abroad|travel\w* to|"
    r"conflict zone|cut|cutting|forced to marry|married off|alone|on (his|her|their) own|no adults?|abandoned|"
    r"locked in|missing|run(ning)? away|drunk|high on|being (taken|put|dragged|pushed|forced|bundled)|"
    r"taking (her|him|them))\b",
    re.IGNORECASE,
)
_NOW = re.compile(
    r"\b(right now|just now|at the moment|currently|as we speak|tonight|this (morning|afternoon|evening|minute)|"
    r"tomorrow|just (told|said|rang|called|phoned|texted|messaged|disclosed|found|seen|saw)|"
    r"is happening|happening now|\w+ing ((him|her|them) )?now|about to|"
    r"on (my|a) (home )?visit|at the (school )?gate|in front of me|"
    r"with me (now|here)|here now|leaving (tonight|today|tomorrow)|(i|we) can see|i'?m watching|"
    r"(i'?ve|i have|we'?ve|we have) (just )?(found|seen))\b",
    re.IGNORECASE,
)


def is_urgent(question: str) -> bool:
    return bool(_EMERGENCY.search(question)) or bool(_HARM.search(question) and _NOW.search(question))
