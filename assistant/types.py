"""What the assistant hands out: hits inside, and the contract's JSON shapes outside."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from ingestion.types import Unit


@dataclass(frozen=True)
class Filters:
    doc_id: str | None = None
    area: str | None = None
    level: int | None = None
    kind: str | None = None


@dataclass(frozen=True)
class Hit:
    unit: Unit
    score: float
    dense: float
    bm25: float
    why: str = "ranked"
    """"ranked" by the fused search, or "emergency": put first because the question signals danger."""


class Source(BaseModel):
    file: str
    line_start: int
    line_end: int
    page: int | None = None


class Citation(BaseModel):
    n: int
    id: str
    doc_id: str
    doc_title: str
    doc_date: str
    doc_status: str
    kind: str
    path: list[str]
    domain: str | None
    subdomain: str | None
    row: int | None
    level: int | None
    level_label: str | None
    text: str
    quote: str
    source: Source
    cells: list[dict] | None = None


class SearchResult(Citation):
    rank: int
    score: float


class SearchResponse(BaseModel):
    query: str
    results: list[SearchResult]


class Answer(BaseModel):
    question: str
    answer: str
    answerable: bool
    urgent: bool
    citations: list[Citation]
    timings_ms: dict[str, float]
    answered_by: str = "grounded"
    llm_rejected: str | None = None
    """Why the language model's rephrasing was not used (the grounded answer was), when one was tried."""
    personal_details: bool = False
    """The question seemed to hold personal details; the answer reminds the asker to de-identify."""
