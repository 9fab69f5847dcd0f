"""Questions the guidance cannot answer however close its passages look: about another place's
guidance, a count of people (a statistic), or how to deal with another service.

Each check asks whether the retrieved passages hold what the question is after (the place, a
number of the thing counted, the thing to apply for), never whether a word is rare: practitioners'
shorthand is full of words the guidance never uses, and they are still answerable.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.acronyms import ACRONYMS
from assistant.query import DESCRIBES_CHILD
from assistant.types import Hit
from ingestion.store import STOPWORDS, search_terms
from ingestion.text import sentences

LOOKED_AT = 5
"""How many of the best passages are searched for what the question is after."""

ELSEWHERE = (
    "Scotland|Scottish|Wales|Welsh|Northern Ireland|Ireland|Irish|Cardiff|Swansea|Newport|Glasgow|Edinburgh|"
    "Aberdeen|Dundee|Belfast|GIRFEC|SHANARRI|"
    "Berkshire|Buckinghamshire|Cambridgeshire|Cheshire|Cornwall|Cumbria|Derbyshire|Devon|Dorset|Durham|Essex|"
    "Gloucestershire|Hampshire|Herefordshire|Hertfordshire|Kent|Lancashire|Leicestershire|Lincolnshire|Norfolk|"
    "Northamptonshire|Northumberland|Nottinghamshire|Oxfordshire|Rutland|Shropshire|Somerset|Staffordshire|Suffolk|"
    "Surrey|Sussex|Warwickshire|Wiltshire|Worcestershire|Yorkshire|Isle of Wight|"
    "Birmingham|Manchester|Liverpool|Leeds|Sheffield|Bristol|Newcastle|Nottingham|Leicester|Coventry|Bradford|"
    "Southampton|Portsmouth|Plymouth|Brighton|Stoke-on-Trent|Wolverhampton|Milton Keynes|Northampton|Peterborough|"
    "Cambridge|Oxford|Norwich|Ipswich|Exeter|Sunderland|Middlesbrough|Blackpool|Swindon|Slough|Watford|Stevenage"
)
"""Nations, counties and cities outside the corpus' areas, and the other nations' frameworks (none
of them also an everyday word)."""
_ELSEWHERE = re.compile(rf"\b({ELSEWHERE})(?:'s)?\b", re.IGNORECASE)

_COUNT = re.compile(r"\bhow many ([a-z]+)(?: ([a-z]+))?", re.IGNORECASE)
_NUMBER = re.compile(r"^(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|hundreds?|thousands?)$")
_NOT_COUNTED = {"of", "the", "are", "is", "were", "was", "do", "does", "did", "have", "has", "can", "will", "more"}
COUNT_REACH = 3
"""A number counts the thing asked about when the thing follows it within this many words, none of
them a function word ("45 working days", not "section 47 of the Children Act")."""

_PROCESS = re.compile(
    r"^\s*(?:how|can|could|where)\b.*?\b(apply|claim|appeal|obtain|register|challenge|get)(?: for)?\s+"
    r"(?:an?\s+|the\s+|my\s+|their\s+|his\s+|her\s+)?(.+?)(?=\s+(?:for|as|to|when|if|from|with|in|at|on|"
    r"who|which|that|after|before|because|while)\b|[?.,!;]|$)",
    re.IGNORECASE,
)


_RATING = re.compile(r"\b(grade[ds]?|rating|rate[ds]?|judge?ments?|judged)\b", re.IGNORECASE)
_INSPECTOR = re.compile(r"\b(ofsted|inspect\w*|cqc)\b", re.IGNORECASE)
_ASKS_LAW = re.compile(
    r"\bage of (criminal responsibility|consent|marriage)\b"
    r"|\blegal (minimum|maximum|age|requirement|limit)|\bis it (legal|illegal|lawful|unlawful|against the law)\b"
    r"|\bwhat does the law\b|\bby law\b",
    re.IGNORECASE,
)
_STATES_LAW = re.compile(
    r"\b(act \d{4}|law|laws|legal\w*|illegal|offence|legislation|statutory|unlawful)\b", re.IGNORECASE
)


def _texts(hits: list[Hit]) -> list[str]:
    return [h.unit.text for h in hits[:LOOKED_AT]]


def names_elsewhere(question: str, hits: list[Hit]) -> bool:
    """It names a place or framework outside the corpus' areas that none of the best passages
    mentions."""
    places = {m.group(1) for m in _ELSEWHERE.finditer(question)}
    texts = _texts(hits)
    return any(not any(re.search(rf"\b{re.escape(p)}\b", t, re.IGNORECASE) for t in texts) for p in places)


_PERIOD = re.compile(
    r"\b(last|this|each|every|per) (year|month|quarter)\b|\b(in|since|during) (19|20)\d\d\b|\bannual\w*", re.I
)


def counts_unanswered(question: str, hits: list[Hit]) -> bool:
    """ "How many children were on plans" asks for a count: the passages must give a number of
    the thing counted ("45 working days"), not just a number near the same words; a count over a
    period ("last year", "in 2023") needs the period in the number's sentence too."""
    match = _COUNT.search(question)
    if match is None:
        return False
    period = _PERIOD.search(question)
    counted = {search_terms(w)[0] for w in match.groups() if w and w.lower() not in _NOT_COUNTED and search_terms(w)}
    if not counted:
        return False
    for text in _texts(hits):
        for sentence in sentences(text):
            if period and not _PERIOD.search(sentence):
                continue
            tokens = sentence.lower().replace("-", " ").split()
            for i, token in enumerate(tokens):
                if _NUMBER.match(token.strip("()£")) and counted & _words_after(tokens, i):
                    return False
    return True


def _words_after(tokens: list[str], i: int) -> set[str]:
    found: set[str] = set()
    for word in tokens[i + 1 : i + 1 + COUNT_REACH]:
        if word.strip(",.;:()") in STOPWORDS:
            break
        found.update(search_terms(word))
    return found


def other_service_process(question: str, hits: list[Hit]) -> bool:
    """ "How do I apply for an enhanced DBS check", "can parents get legal aid": the passages
    must name the thing to apply for, its words together, or the process is another service's."""
    match = _PROCESS.search(question)
    if match is None:
        return False
    wanted = search_terms(match.group(2))
    if not wanted:
        return False
    for text in _texts(hits):
        terms = search_terms(text)
        if any(terms[i : i + len(wanted)] == wanted for i in range(len(terms) - len(wanted) + 1)):
            return False
    return True


def rating_unanswered(question: str, hits: list[Hit]) -> bool:
    """ "What Ofsted grade did they get": an inspection's rating, which only a passage naming the
    inspection and a rating can give."""
    if not (_RATING.search(question) and _INSPECTOR.search(question)):
        return False
    return not any(_RATING.search(t) and _INSPECTOR.search(t) for t in _texts(hits))


def law_unanswered(question: str, hits: list[Hit]) -> bool:
    """ "What is the legal minimum age for...", "is it illegal to...": what the law says, which a
    passage that speaks of the law and shares two of the question's words can give; an indicator's
    "under 12" is not the law's, nor is "illegal drugs in the home" about leaving a child home alone."""
    if not _ASKS_LAW.search(question):
        return False
    wanted = set(search_terms(_ASKS_LAW.sub(" ", question)))
    need = min(2, len(wanted))
    return not any(_STATES_LAW.search(t) and len(wanted & set(search_terms(t))) >= need for t in _texts(hits))


_ACRONYM = re.compile(r"\b[A-Z][A-Z&]{1,6}s?\b")
_NAME = re.compile(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+(?:[ -](?:(?:and|of|for|the) )?[A-Z][a-z]+)+\b")
WHO_IS_ASKING = {
    "GP", "HV", "PC", "PCSO", "DC", "DS", "SW", "DSL", "DDSL", "DSP", "SENCO", "SENDCO", "TA", "HT", "SLT", "ECT",
    "NQT", "OT", "SALT", "CPN", "FSW", "PA", "UK",
}  # fmt: skip
"""Practitioners' roles, which say who is asking, not what about: a question from "the DSL" is not
about something the guidance never names."""
_ASKS_LEVEL = re.compile(r"\b(level|tier|threshold|meets?)\b", re.IGNORECASE)


def describes_situation(question: str) -> bool:
    """A level asked for, or a child or family described (an age, a school year, a parent): a
    situation, whose details may be in words the guidance never uses (the parent's illness, the
    school year) and still be answered by what it describes."""
    return bool(_ASKS_LEVEL.search(question) or DESCRIBES_CHILD.search(question))


_CHILD = re.compile(r"\b(child|children|kids?|boys?|girls?|lads?|pupils?|students?|teen\w*|infants?|newborn)\b", re.I)


def about_a_child(question: str) -> bool:
    """A situation, or any child spoken of ("boy in my class smells and never has lunch")."""
    return describes_situation(question) or bool(_CHILD.search(question))


def names_the_unnamed(question: str, mentions: Callable[[str], bool], places: set[str]) -> bool:
    """ "How do I make a MARAC referral", "what does KCSIE say about...", "refer to the National
    Referral Mechanism": a question about a named thing (an acronym, a name in capitals) that the
    guidance never mentions asks about something it does not cover. An acronym is known by itself
    or by what it stands for (assistant.acronyms); a name may be a place followed by a name the
    guidance uses ("Luton Family Partnership Service"). A situation is not a question about a name:
    "Y8 girl caring for mum with MS" is answered by what is described."""
    if describes_situation(question):
        return False
    acronyms = {_singular(m.group(0)) for m in _ACRONYM.finditer(question)} - WHO_IS_ASKING
    if any(not mentions(a) and not mentions(ACRONYMS.get(a, a)) for a in acronyms):
        return True
    return any(not _known_name(m.group(0), mentions, places) for m in _NAME.finditer(question))


def _singular(acronym: str) -> str:
    return acronym[:-1] if acronym.endswith("s") else acronym


def _known_part(words: list[str], mentions: Callable[[str], bool], places: set[str]) -> bool:
    return mentions(" ".join(words)) if len(words) > 1 else words[0].lower() in places


def _known_name(name: str, mentions: Callable[[str], bool], places: set[str]) -> bool:
    """Whether the name is, in order, parts the guidance uses: names of two words or more, and the
    single words of its areas ("Luton" + "Family Partnership Service")."""
    words = name.replace("-", " ").split()
    whole = [True] + [False] * len(words)
    for end in range(1, len(words) + 1):
        whole[end] = any(whole[start] and _known_part(words[start:end], mentions, places) for start in range(end))
    return whole[-1]


_ASKS_CLINICAL = re.compile(
    r"\b(ok|okay|safe|alright|right|correct) (dose|dosage|to (prescribe|take|give))\b|\bwhat (dose|dosage)\b"
    r"|\bcan (a|the|my|her|his) (gp|doctor|nurse|pharmacist|midwife) prescribe\b|\bside[- ]effects?\b",
    re.IGNORECASE,
)
_SPEAKS_CLINICAL = re.compile(r"\bprescri(be|bed|bing|ption)s?\b(?! (organisations|terror))|\bdos(e|age)\b", re.I)


def clinical_unanswered(question: str, hits: list[Hit]) -> bool:
    """ "Is melatonin ok to prescribe for a 7yo", "what dose of...": clinical advice, which only a
    passage speaking of prescribing or doses could give (threshold guidance has none)."""
    return bool(_ASKS_CLINICAL.search(question)) and not any(_SPEAKS_CLINICAL.search(t) for t in _texts(hits))


CHECKS = (
    names_elsewhere,
    counts_unanswered,
    other_service_process,
    rating_unanswered,
    law_unanswered,
    clinical_unanswered,
)


def outside(question: str, hits: list[Hit]) -> bool:
    return any(check(question, hits) for check in CHECKS)
