"""Browsing the guidance as it is laid out: the documents, each one's matrix (domains, rows, the four
cells), its indicator lists and its sections in order, and one unit with its whole row."""

from __future__ import annotations

from collections import Counter

from pydantic import BaseModel

from assistant.citations import make_citation
from assistant.engine import Engine
from assistant.types import Citation
from ingestion.errors import NotFound
from ingestion.types import DocumentInfo, Unit
from ingestion.units import cell_id


class DocumentSummary(BaseModel):
    doc_id: str
    title: str
    short_title: str
    publisher: str
    areas: list[str]
    date: str
    edition: str
    status: str
    current: bool
    file: str
    level_labels: list[str]
    """The four levels as this document names them (for `area`, when one is given)."""
    counts: dict[str, int]


class Cell(BaseModel):
    id: str
    level: int
    level_label: str
    text: str


class Row(BaseModel):
    id: str
    row: int
    cells: list[Cell]
    """The four levels in order; a level the row leaves empty has an empty text and no unit (id "")."""


class Table(BaseModel):
    domain: str
    subdomain: str | None
    rows: list[Row]


class ListedIndicator(BaseModel):
    id: str
    domain: str
    level: int
    level_label: str
    text: str


class Passage(BaseModel):
    id: str
    path: list[str]
    text: str
    line_start: int


class Outline(BaseModel):
    document: DocumentSummary
    matrix: list[Table]
    indicators: list[ListedIndicator]
    sections: list[Passage]


class UnitView(Citation):
    """One unit as a citation, with the row it belongs to (the four cells, the unit's own marked by
    its level) and the document's edition and status, for showing it in its place."""

    row_id: str | None
    edition: str
    current: bool


def _labels(info: DocumentInfo, area: str | None) -> list[str]:
    return [info.level_label(level, area) for level in (1, 2, 3, 4)]


def summarise(engine: Engine, info: DocumentInfo, area: str | None = None) -> DocumentSummary:
    counts = Counter(u.kind for u in engine.units if u.doc_id == info.doc_id)
    return DocumentSummary(
        doc_id=info.doc_id,
        title=info.title,
        short_title=info.short_title or info.title,
        publisher=info.publisher,
        areas=list(info.areas),
        date=info.date,
        edition=info.edition,
        status=info.status,
        current=info.is_current,
        file=info.file,
        level_labels=_labels(info, area),
        counts=dict(counts),
    )


def list_documents(engine: Engine, area: str | None = None) -> list[DocumentSummary]:
    """The documents, current ones first, then by precedence."""
    infos = sorted(engine.documents.values(), key=lambda i: (not i.is_current, i.precedence, i.doc_id))
    return [summarise(engine, info, area) for info in infos]


def _tables(rows: list[Unit], cells: dict[str, Unit], labels: list[str]) -> list[Table]:
    tables: dict[tuple[str, str | None], list[Row]] = {}
    for row in rows:
        cited = [cells.get(cell_id(row.id, level)) for level in (1, 2, 3, 4)]
        tables.setdefault((row.domain or "", row.subdomain), []).append(
            Row(
                id=row.id,
                row=row.row or 0,
                cells=[
                    Cell(id=unit.id if unit else "", level=level, level_label=labels[level - 1], text=text)
                    for level, (text, unit) in enumerate(zip(row.cells or (), cited, strict=False), start=1)
                ],
            )
        )
    return [Table(domain=domain, subdomain=sub, rows=found) for (domain, sub), found in tables.items()]


def outline(engine: Engine, doc_id: str, area: str | None = None) -> Outline:
    """The whole document in reading order: matrix tables, indicator lists, then sections."""
    info = engine.documents.get(doc_id)
    if info is None:
        raise NotFound(f"no document with id {doc_id!r}; known: {', '.join(sorted(engine.documents))}")
    units = [u for u in engine.units if u.doc_id == doc_id]
    labels = _labels(info, area)
    cells = {u.id: u for u in units if u.kind == "matrix_cell"}
    rows = sorted((u for u in units if u.kind == "matrix_row"), key=lambda u: u.source.line_start)
    return Outline(
        document=summarise(engine, info, area),
        matrix=_tables(rows, cells, labels),
        indicators=[
            ListedIndicator(
                id=u.id, domain=u.domain or "", level=u.level or 0, level_label=labels[(u.level or 1) - 1], text=u.text
            )
            for u in units
            if u.kind == "indicator"
        ],
        sections=[
            Passage(id=u.id, path=list(u.path), text=u.text, line_start=u.source.line_start)
            for u in sorted(units, key=lambda u: u.source.line_start)
            if u.kind == "section"
        ],
    )


def row_of(unit: Unit) -> str | None:
    """The id of the matrix row a matrix unit belongs to."""
    if unit.kind == "matrix_row":
        return unit.id
    if unit.kind == "matrix_cell":
        return unit.id.rsplit("/", 1)[0]
    return None


def unit_view(engine: Engine, unit_id: str, area: str | None = None) -> UnitView:
    unit = engine.unit(unit_id)
    info = engine.document(unit.doc_id)
    row_id = row_of(unit)
    row = engine.unit(row_id) if row_id else None
    citation = make_citation(engine, row, 1, "", area) if row else None
    view = make_citation(
        engine, unit, 1, "", area, model=UnitView, row_id=row_id, edition=info.edition, current=info.is_current
    )
    view.cells = citation.cells if citation else None
    return view
