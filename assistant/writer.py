"""What the composer works with: the request it is given, the composition it returns, and the
writer that numbers citations as an answer is written (one number per unit, reused on a second
mention)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from assistant.ages import Ages
from assistant.citations import make_citation
from assistant.engine import Engine
from assistant.types import Citation, Hit
from ingestion.types import Unit

JUDGEMENT = "This guidance supports your professional judgement; it does not replace it."


@dataclass
class Request:
    """What the composer is given: the question, the ranked units, the 999 instructions when the
    question signals immediate danger, and what the caller worked out about it."""

    question: str
    hits: list[Hit]
    emergency: list[Unit]
    answerable: bool
    area: str | None
    comparison: bool = False
    personal_details: bool = False
    doc_id: str | None = None
    """Only this document was asked about: nothing is cited from another (but the 999 instruction)."""
    indicators: list[Hit] = field(default_factory=list)
    """The best indicators among all the candidates (as many as `hits` holds), for a situation: a
    passage ranked among the first hits does not take an indicator's place in its answer."""


@dataclass
class Composition:
    text: str
    citations: list[Citation]


@dataclass
class Writer:
    engine: Engine
    request: Request
    citations: list[Citation] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)

    @cached_property
    def ages(self) -> Ages | None:
        return Ages.of(self.request.question)

    def cite(self, unit: Unit, must_contain: str = "", focus: str = "") -> Citation:
        """The unit's citation (one per unit: a second mention reuses its number). The quote is the
        sentence that best answers the question, or `focus` when given; for an indicator setting an
        age bound the child's stated age meets, the sentence setting it ("Pregnancy in a child under
        13", not the cell's next sentence)."""
        for citation in self.citations:
            if citation.id == unit.id:
                return citation
        n = len(self.citations) + 1
        question = focus or self.request.question
        if not must_contain and self.ages is not None and unit.kind in ("matrix_cell", "indicator"):
            must_contain = self.ages.bound_met(unit.text)
        citation = make_citation(self.engine, unit, n, question, self.request.area, must_contain)
        self.citations.append(citation)
        return citation

    def where(self, citation: Citation, with_document: bool = True) -> str:
        info = self.engine.document(citation.doc_id)
        place = " › ".join(p for p in citation.path if p)
        if citation.row is not None:
            place += f", row {citation.row}"
        edition = "" if info.is_current else f", earlier edition ({info.date})"
        return f"{info.short_title}{edition}, {place}" if with_document else place

    def quote(self, unit: Unit, must_contain: str = "", with_document: bool = True, focus: str = "") -> str:
        citation = self.cite(unit, must_contain, focus)
        return f'"{citation.quote}" [{citation.n}] ({self.where(citation, with_document)})'
