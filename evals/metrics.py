"""One metrics module: how a ranked list or an answer is scored against a question's expectations.

A citation hits an expected item when the normalised quote is a substring of the normalised
citation text and, when the question is doc_strict, the doc_id matches (../shared/CONTRACT.md).
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from evals.questions import Expected, Question
from ingestion.text import normalise


@dataclass(frozen=True)
class Cited:
    """What scoring needs of a search result, an answer's citation or a baseline chunk."""

    doc_id: str
    text: str
    id: str = ""
    kind: str = ""
    level: int | None = None


def hits(item: Expected, cited: Cited, doc_strict: bool) -> bool:
    return normalise(item.quote) in normalise(cited.text) and (not doc_strict or item.doc_id == cited.doc_id)


def first_full_rank(question: Question, ranked: list[Cited], k: int) -> int | None:
    """The rank at which the expectations are met (any: the first hit; all: every item hit)."""
    needed = list(question.expected)
    if not needed:
        return None
    found: set[int] = set()
    for rank, cited in enumerate(ranked[:k], start=1):
        for i, item in enumerate(needed):
            if i not in found and hits(item, cited, question.doc_strict):
                found.add(i)
        if (question.match == "any" and found) or len(found) == len(needed):
            return rank
    return None


def reciprocal_rank(question: Question, ranked: list[Cited], k: int = 10) -> float:
    rank = first_full_rank(question, ranked, k)
    return 1.0 / rank if rank else 0.0


def citation_precision(question: Question, citations: list[Cited], expected_rows: set[str]) -> float | None:
    """Share of the answer's citations that hold an expected quote or sit in an expected matrix row."""
    if not citations or not question.expected:
        return None
    good = sum(
        1
        for c in citations
        if any(hits(e, c, question.doc_strict) for e in question.expected) or row_of(c.id) in expected_rows
    )
    return good / len(citations)


def row_of(unit_id: str) -> str:
    """A matrix cell's row id (the cell id without its /L<n>); other ids unchanged."""
    head, _, tail = unit_id.rpartition("/")
    return head if "/matrix/" in unit_id and tail[:1] == "L" and tail[1:].isdigit() else unit_id


def level_correct(question: Question, citations: list[Cited]) -> float | None:
    """Matrix questions: is the first cited cell's level an expected level?"""
    levels = {e.level for e in question.expected if e.level is not None}
    if question.kind != "matrix_level" or not levels:
        return None
    first = next((c for c in citations if c.level is not None), None)
    return 1.0 if first is not None and first.level in levels else 0.0


def says_all(question: Question, answer_text: str) -> float | None:
    if not question.must_say:
        return None
    text = answer_text.lower()
    return 1.0 if all(s.lower() in text for s in question.must_say) else 0.0


def mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return statistics.fmean(kept) if kept else None


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
