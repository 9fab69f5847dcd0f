"""Hits -> a grounded answer in the guidance's own words, every statement cited [n].

No language model: the answer quotes the best units with where they come from (document, domain,
row, level in the asker's area's words), leads with the 999 instruction when the question signals
immediate danger, and says plainly when the guidance does not cover the question.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.citations import make_citation
from assistant.engine import Engine
from assistant.types import Citation, Hit
from ingestion.text import normalise
from ingestion.types import Unit

JUDGEMENT = "This guidance supports your professional judgement; it does not replace it."
NOT_COVERED = (
    "The guidance here does not appear to cover this question, so there is no answer to give from it. "
    "The nearest passages are below in case they help; check your local safeguarding procedures or ask "
    "your designated safeguarding lead."
)


@dataclass
class Composition:
    text: str
    citations: list[Citation]


def _where(engine: Engine, citation: Citation) -> str:
    info = engine.document(citation.doc_id)
    place = " › ".join(p for p in citation.path if p)
    if citation.row is not None:
        place += f" (row {citation.row})"
    edition = "" if info.is_current else f", earlier edition ({info.date})"
    return f"{info.short_title}{edition}, {place}"


def _line(engine: Engine, citation: Citation, also: list[str]) -> str:
    lead = f"{citation.level_label}: " if citation.level_label else ""
    agree = f" The same wording is in {', '.join(also)}." if also else ""
    return f'- {lead}"{citation.quote}" [{citation.n}] ({_where(engine, citation)}).{agree}'


def collapse(engine: Engine, hits: list[Hit]) -> list[tuple[Unit, list[str]]]:
    """Near-identical units from several documents shown once: the current document's first."""
    groups: dict[str, list[Unit]] = {}
    for hit in hits:
        groups.setdefault(normalise(hit.unit.text), []).append(hit.unit)
    result = []
    for units in groups.values():
        units.sort(key=lambda u: (not engine.document(u.doc_id).is_current, engine.document(u.doc_id).precedence))
        others = [engine.document(u.doc_id).short_title for u in units[1:]]
        result.append((units[0], list(dict.fromkeys(others))))
    return result


def compose(
    engine: Engine,
    question: str,
    hits: list[Hit],
    emergency: list[Unit],
    answerable: bool,
    area: str | None,
) -> Composition:
    citations: list[Citation] = []
    parts: list[str] = []

    def cite(unit: Unit, must_contain: str = "") -> Citation:
        citation = make_citation(engine, unit, len(citations) + 1, question, area, must_contain)
        citations.append(citation)
        return citation

    if emergency:
        quoted = [cite(unit, must_contain="999") for unit in emergency]
        says = " ".join(f'"{c.quote}" [{c.n}] ({_where(engine, c)}).' for c in quoted)
        parts.append(f"If a child is in immediate danger, call 999 now. The guidance says: {says}")
    parts.append("The closest guidance to your question:" if answerable else NOT_COVERED)
    for unit, also in collapse(engine, hits):
        if unit in emergency:
            continue
        parts.append(_line(engine, cite(unit), also))
    parts.append(JUDGEMENT)
    return Composition("\n".join(parts), citations)
