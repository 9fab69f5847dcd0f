"""Understanding a question before searching: acronyms expanded both ways, and the areas or
documents it names (which become a boost, not a filter: the asker may still want the others)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.acronyms import ACRONYMS
from assistant.lexicon import guidance_terms
from ingestion.types import DocumentInfo

_WORD = re.compile(r"[A-Za-z0-9']+")


ASKS_LEVEL = re.compile(
    r"\b(what|which)\s+(level|tier)|\b(level|tier)s?\s*\??\s*$|\b(level|tier)\s*\?|\bmeets?\b"
    r"|\b(what|which) threshold\b(?! (for|criteria|document|framework|guidance))|\bthreshold\s*\??\s*$"
    r"|\b(met|meeting|reach\w*|above|below) (the )?(\w+ )?threshold"
    r"|\b(is|that'?s|it'?s) (this|that|it|she|he)? ?(at |on |in )?(a )?(level|tier)|\blevel (for|of need)\b"
    r"|\b(level|tier) [1-4] (isn'?t it|for \w+|then|or)\b|\b(level|tier) [1-4]\s*\?\s*$|\b(level|tier)[- ]?wise\b"
    r"|\bwhere (does|do|would|should) (this|that|it|she|he|they) (sit|fit|fall)|\bbe (a |at )?(level|tier)\b",
    re.IGNORECASE,
)
"""A question asking which level a situation is at ("what level?", "is this level 2?", "does it meet
the threshold"), not one naming a level to ask about it ("what happens at level 3") or a threshold
as the guidance's criteria ("the s31 threshold criteria", "threshold for care proceedings")."""
ASKS_IF_NEEDED = re.compile(
    r"\b(needs?|give (this|that|it|him|her|them)) (even |still |really )?(a|any) (level|referral)\b"
    r"|\bany (concern |kind of )?(level|tier)\b|\bno (level|referral) (is )?needed\b|\b(level|tier) (of need )?at all\b"
    r"|\bneed (a level|any level)\b|\bneed to do anything( else| at all)?\s*\?*\s*$",
    re.IGNORECASE,
)
"""A question asking whether a level is needed at all ("does he need a level?", "any level?", "no
level needed?", "do I need to do anything?"): asked where the asker sees no unmet need, as a check."""

ASKS_FACT = re.compile(
    r"^\W*(what (is|are|does|happens)|what's|whats|define|definition|meaning of|who (do|should|can|to)|"
    r"how (do|should|can|to)|where (do|should|can|to))\b|\bwhat (does|do) (the )?(guidance|document|it) says?\b",
    re.IGNORECASE,
)
"""A question asking what something is or means, who to turn to or how, or what the guidance says:
a fact or a section's answer, however many indicators mention its subject (unless it asks for a
level)."""
DESCRIBES_CHILD = re.compile(
    r"\b\d+[- ]?(yo|y/o|yrs?|years?[- ]old|months?[- ]old|weeks?[- ]old)\b|\by\d{1,2}\b|\baged \d|\byear \d{1,2}\b"
    r"|\b(mum|mother|dad|father|parents?|carers?|baby|toddler|son|daughter|brother|sister|boyfriend|girlfriend)\b",
    re.IGNORECASE,
)
"""A child or family described: an age, a school year, a parent or sibling."""


def expand_acronyms(text: str) -> str:
    """The question with each acronym's long form added, and each long form's acronym added."""
    words = {w.upper() for w in _WORD.findall(text)}
    lowered = text.lower()
    extra = [long for short, long in ACRONYMS.items() if short in words and long not in lowered]
    extra += [short for short, long in ACRONYMS.items() if long in lowered and short not in words]
    compact = re.sub(r"\bs(?:ection)?\s*(47|20|31)\b", r"S\1", text, flags=re.I)
    if compact != text:
        extra += [
            ACRONYMS[f"S{n}"] for n in re.findall(r"\bS(47|20|31)\b", compact) if ACRONYMS[f"S{n}"] not in lowered
        ]
    return " ".join([text, *dict.fromkeys(extra)])


@dataclass(frozen=True)
class Understanding:
    query: str
    docs: frozenset[str]
    """Documents the question names, by its area, title or edition year."""
    levels: frozenset[int] = frozenset()
    """Levels the question names ("level 3", "tier 2", "Targeted Support")."""
    named: frozenset[str] = frozenset()
    """Documents it names outright (by name, alias, or an area only they cover)."""


_LEVEL = re.compile(r"\b(?:level|tier)\s*([1-4])\b", re.IGNORECASE)
_LEVEL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4}
_LEVEL_WORD = re.compile(r"\b(?:level|tier)\s+(one|two|three|four)\b", re.IGNORECASE)


_ABOUT_WORDS = frozenset({
    "what", "which", "how", "does", "do", "did", "is", "are", "was", "were", "the", "a", "an", "and", "or",
    "that", "this", "it", "its", "from", "with", "to", "of", "in", "at", "for", "call", "calls", "called",
    "name", "names", "named", "describe", "describes", "described", "define", "defines", "defined", "definition",
    "mean", "means", "meaning", "say", "says", "said", "differ", "differs", "difference", "different", "compare",
    "compared", "same", "each", "both", "between", "level", "levels", "tier", "tiers", "s",
})  # fmt: skip


def about_level_itself(topic: str, levels: frozenset[int]) -> bool:
    """A question that names a level and asks nothing else ("what does X call level 2", "how does
    X describe level 3"): about the level's name and description, not the indicators at it."""
    if not levels:
        return False
    rest = _LEVEL_WORD.sub(" ", _LEVEL.sub(" ", topic))
    return not [w for w in re.findall(r"[a-z]+", rest.lower()) if w not in _ABOUT_WORDS]


def named_levels(question: str, documents: dict[str, DocumentInfo]) -> frozenset[int]:
    found = {int(n) for n in _LEVEL.findall(question)}
    found |= {_LEVEL_WORDS[w.lower()] for w in _LEVEL_WORD.findall(question)}
    lowered = question.lower()
    for info in documents.values():
        schemes = [info.level_names, *(names for _, names in info.area_level_names)]
        for names in schemes:
            found |= {i for i, name in enumerate(names, start=1) if len(name) > 8 and name.lower() in lowered}
    return frozenset(found)


@dataclass(frozen=True)
class _Names:
    doc_id: str
    names: tuple[str, ...]
    """Its short title, aliases and the areas only it covers: each names it outright."""
    areas: tuple[str, ...]
    years: tuple[str, ...]


@lru_cache(maxsize=8)
def _document_names(documents: tuple[DocumentInfo, ...]) -> tuple[_Names, ...]:
    area_count: dict[str, int] = {}
    for info in documents:
        for area in info.areas:
            area_count[area] = area_count.get(area, 0) + 1
    table = []
    for info in documents:
        names = [info.short_title.lower().split(" (")[0], *(a.lower() for a in info.aliases)]
        names += [a.lower() for a in info.areas if area_count[a] == 1]
        years = re.findall(r"\b(?:19|20)\d\d\b", f"{info.edition} {info.date}")
        table.append(_Names(info.doc_id, tuple(names), tuple(a.lower() for a in info.areas), tuple(years)))
    return tuple(table)


def named_documents(question: str, documents: dict[str, DocumentInfo], by_name_only: bool = False) -> frozenset[str]:
    """Documents the question points at: by their name, an alias, an area only they cover or an
    area they cover with their year ("Luton's 2022 strategy"), or (unless by_name_only) by any area
    they cover or their year. A year carried by a document named otherwise points at no other: "the
    2022 Luton strategy" is not London's 2022 matrix."""
    lowered = question.lower()
    table = _document_names(tuple(documents.values()))
    outright = [d for d in table if any(n in lowered for n in d.names) or _by_area_and_year(d, lowered)]
    if by_name_only:
        return frozenset(d.doc_id for d in outright)
    by_area = [d for d in table if any(a in lowered for a in d.areas)]
    claimed = {y for d in outright + by_area for y in d.years}
    by_year = [d for d in table if any(y in lowered and y not in claimed for y in d.years)]
    return frozenset(d.doc_id for d in outright + by_area + by_year)


def _by_area_and_year(names: _Names, lowered: str) -> bool:
    return any(a in lowered for a in names.areas) and any(re.search(rf"\b{y}\b", lowered) for y in names.years)


def understand(question: str, documents: dict[str, DocumentInfo]) -> Understanding:
    query = " ".join([expand_acronyms(question), *guidance_terms(question)])
    return Understanding(
        query,
        named_documents(question, documents),
        named_levels(question, documents),
        named_documents(question, documents, by_name_only=True),
    )


_COMPARISON = re.compile(
    r"\b(compar\w*|vs\.?|versus|differ\w*|difference|same|both|each|between|whereas|change[sd]?|"
    r"(old|earlier|previous|new|current) (guidance|version|edition|matrix)|and in)\b",
    re.IGNORECASE,
)


def compared_documents(understood: Understanding) -> frozenset[str]:
    """The sides of a comparison: the documents it names outright where it names two or more
    ("compare the Bedford Borough 2015 matrix with the Tiers 1-4 matrix" is not also about the
    Pan Bedfordshire guidance, which covers Bedford Borough too); else every document it points at."""
    return understood.named if len(understood.named) > 1 else understood.docs


def is_comparison(question: str) -> bool:
    return bool(_COMPARISON.search(question))


def interleave(groups: list[list], rest: list) -> list:
    """Round-robin over the groups (each document's best first), then the rest, without repeats."""
    seen: set[str] = set()
    merged = []
    for rank in range(max((len(g) for g in groups), default=0)):
        for group in groups:
            if rank < len(group) and group[rank].unit.id not in seen:
                seen.add(group[rank].unit.id)
                merged.append(group[rank])
    return merged + [h for h in rest if h.unit.id not in seen]


def without_document_names(question: str, documents: dict[str, DocumentInfo]) -> str:
    """The question less the words that only say which documents to compare ("the old Tiers 1-4
    matrix", "the current Pan Bedfordshire guidance", "2015"), so that what it asks about drives
    the search within each document."""
    names = {a for info in documents.values() for a in (*info.aliases, *info.areas, info.short_title.split(" (")[0])}
    text = re.sub(r"\bbeds\b", "Bedfordshire", question, flags=re.IGNORECASE)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    text = re.sub(
        r"\b(19|20)\d\d\b|\b(guidance|matrix|matrices|document|strategy|edition|version)\b", " ", text, flags=re.I
    )
    text = _COMPARISON.sub(" ", text)
    return " ".join(text.split()) or question
