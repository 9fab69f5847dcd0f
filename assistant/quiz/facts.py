"""What the quiz may treat as true: the indicators at their levels (matrix cells and listed
indicators), with the places where the same wording stands at another level or under another
heading, and the short facts (phone numbers, email addresses, timescales) in the sections."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from ingestion.text import sentences
from ingestion.types import Unit

_WORD = re.compile(r"[a-z0-9]+")


def words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def heading_of(unit: Unit) -> str:
    """The heading an indicator sits under: the subdomain where there is one, else the domain."""
    return unit.subdomain or unit.domain or ""


@dataclass(frozen=True)
class Wording:
    """Where else an indicator's wording appears: at another level or under another heading, in the
    same document (the item cannot be asked at all) or in another (it must name its document)."""

    other_level_same_doc: bool = False
    other_level_other_doc: bool = False
    other_heading_same_doc: bool = False
    other_heading_other_doc: bool = False


def same_wording(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Equal, or one inside the other (two words or more). Not merely most words shared: "a positive
    sense of self" and "a negative sense of self" are the matrix's point, not the same wording."""
    if not a or not b:
        return False
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 2 and f" {' '.join(short)} " in f" {' '.join(long)} "


def _shingles(tokens: tuple[str, ...]) -> set[tuple[str, ...]]:
    """Word pairs (the shortest wording that can stand inside another is two words); a one-word
    text is its own shingle, so it only meets the same word alone."""
    if len(tokens) < 2:
        return {tokens}
    return {tokens[i : i + 2] for i in range(len(tokens) - 1)}


def wording_index(indicators: list[Unit]) -> dict[str, Wording]:
    """For every indicator, where its wording appears elsewhere (found through shared word pairs,
    so it is not a comparison of every pair)."""
    tokens = {u.id: words(u.text) for u in indicators}
    by_shingle: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
    for unit in indicators:
        for shingle in _shingles(tokens[unit.id]):
            by_shingle[shingle].append(unit)
    index = {}
    for unit in indicators:
        flags = dict.fromkeys(Wording.__dataclass_fields__, False)
        seen = {unit.id}
        for shingle in _shingles(tokens[unit.id]):
            for other in by_shingle[shingle]:
                if other.id in seen:
                    continue
                seen.add(other.id)
                if not same_wording(tokens[unit.id], tokens[other.id]):
                    continue
                place = "same_doc" if other.doc_id == unit.doc_id else "other_doc"
                if other.level != unit.level:
                    flags[f"other_level_{place}"] = True
                if heading_of(other).lower() != heading_of(unit).lower():
                    flags[f"other_heading_{place}"] = True
        index[unit.id] = Wording(**flags)
    return index


PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(\.[\w-]+)+\b")
_NUMBER = r"(\d+|one|two|three|four|five|six|seven|eight|ten|twelve|fifteen|twenty|thirty|forty[- ]eight)"
TIMESCALE = re.compile(rf"\b{_NUMBER} (working |calendar )?(hours?|days?|weeks?|months?)\b", re.IGNORECASE)
ACT_SECTION = re.compile(r"\b[Ss]ection \d+\b(?=[^.]*Children Act)")
NAMED = re.compile(
    r"\b((?:[A-Z][\w'-]*|and|of|for|the|to|in|&)(?: (?:[A-Z][\w'-]*|and|of|for|the|to|in|&))+) \(([A-Z]{2,6})\)"
)
_MINOR = {"and", "of", "for", "the", "to", "in", "&"}


def _spelled_out(sentence: str) -> set[str]:
    """ "Family Partnership Assessment (FPA)": the words whose initials spell the acronym, counted
    back from the bracket (so "Bedford Borough Multi-Agency Safeguarding Hub (MASH)" gives the
    name, not the council)."""
    found = set()
    for match in NAMED.finditer(sentence):
        parts = match.group(1).split(" ")
        acronym = match.group(2)
        initials = [(i, piece[0]) for i, part in enumerate(parts) if part not in _MINOR for piece in part.split("-")]
        letters = "".join(letter for _, letter in initials)
        if letters.endswith(acronym):
            start = initials[len(letters) - len(acronym)][0]
            found.add(" ".join(parts[start:]))
    return found


def _matches(pattern: re.Pattern) -> callable:
    return lambda sentence: {m.group(0) for m in pattern.finditer(sentence)}


FACT_KINDS = {
    "phone number": _matches(PHONE),
    "email address": _matches(EMAIL),
    "timescale": _matches(TIMESCALE),
    "section of the Children Act": _matches(ACT_SECTION),
    "full name": _spelled_out,
}


@dataclass(frozen=True)
class Fact:
    """A short fact in a section's sentence: the sentence, the fact's kind and its exact text."""

    unit: Unit
    sentence: str
    kind: str
    value: str

    @property
    def cloze(self) -> str:
        return self.sentence.replace(self.value, "_____", 1)


def _pieces(text: str) -> list[str]:
    """Sentences, and list items within them ("• Amend the EHA • Contact the Early Help Service on
    ..." is two statements)."""
    return [piece.strip() for s in sentences(text) for piece in s.split("•") if piece.strip()]


def section_facts(sections: list[Unit]) -> list[Fact]:
    """Each sentence holding exactly one fact of a kind (two numbers in a sentence would make the
    blank ambiguous)."""
    found = []
    for unit in sections:
        for sentence in _pieces(unit.text):
            for kind, find in FACT_KINDS.items():
                matches = find(sentence)
                if len(matches) == 1 and len(words(sentence)) >= 3:
                    found.append(Fact(unit, sentence, kind, matches.pop()))
    return found
