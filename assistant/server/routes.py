"""The HTTP API of ../shared/CONTRACT.md: each route translates a request into one call of the core
Assistant and its answer into JSON. No logic lives here."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from assistant.browse import DocumentSummary, Outline, UnitView
from assistant.core import Assistant
from assistant.quiz.export import FORMATS, export
from assistant.quiz.model import Quiz, QuizRequest
from assistant.types import Answer, Filters, SearchResponse
from ingestion.types import KINDS


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="ignore")

    question: str = Field(description="The question, as a practitioner would type it.")
    history: list[str] = Field(default_factory=list, description="Earlier user turns, oldest first.")
    area: str | None = Field(default=None, description="Bedford Borough, Central Bedfordshire, Luton or London.")
    doc_id: str | None = Field(default=None, description="Only this document.")


class QuizBody(QuizRequest):
    format: str = Field(default="json", description="json (the contract's JSON), or a file: " + ", ".join(FORMATS))


class Health(BaseModel):
    status: str
    documents: int
    units: int


def assistant_of(request: Request) -> Assistant:
    return request.app.state.assistant


Core = Annotated[Assistant, Depends(assistant_of)]
Area = Annotated[str | None, Query(description="Use this area's level names (and documents, for search).")]

health = APIRouter()
api = APIRouter(prefix="/api")


@health.get("/healthz")
def healthz(core: Core) -> Health:
    return Health(status="ok", documents=len(core.engine.documents), units=len(core.engine.units))


@api.post("/ask")
def ask(body: AskRequest, core: Core) -> Answer:
    """Answer a question with citations; `urgent` answers begin with the 999 instruction."""
    return core.ask(body.question, body.history, body.area, body.doc_id)


@api.get("/search")
def search(
    core: Core,
    q: Annotated[str, Query(description="What to look for.")],
    k: Annotated[int | None, Query(description="How many results (1-100).")] = None,
    area: Area = None,
    doc_id: str | None = None,
    level: int | None = None,
    kind: Annotated[str | None, Query(description=", ".join(KINDS))] = None,
) -> SearchResponse:
    """Ranked guidance units for a query."""
    return core.search(q, k, Filters(doc_id=doc_id, area=area, level=level, kind=kind))


@api.get("/units/{unit_id:path}")
def unit(unit_id: str, core: Core, area: Area = None) -> UnitView:
    """One unit as a citation, with the whole matrix row it belongs to."""
    return core.unit(unit_id, area)


@api.post("/quiz", response_model=Quiz)
def quiz(body: QuizBody, core: Core) -> Response:
    """Quiz items with their answers and citations; with `format`, the quiz as a file to download."""
    made = core.quiz(QuizRequest(**body.model_dump(exclude={"format"})), body.format)
    exported = export(made, body.format)
    headers = {"X-Quiz-Left-Out": str(len(exported.skipped))}
    if body.format != "json":
        headers["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return Response(exported.content, media_type=exported.media_type, headers=headers)


@api.get("/documents")
def documents(core: Core, area: Area = None) -> list[DocumentSummary]:
    """The documents, current ones first."""
    return core.documents(area)


@api.get("/documents/{doc_id}")
def document(doc_id: str, core: Core, area: Area = None) -> Outline:
    """One document laid out: its matrix tables row by row, indicator lists and sections in order."""
    return core.outline(doc_id, area)
