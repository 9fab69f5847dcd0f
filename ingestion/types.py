"""The small, frozen objects that flow through the ingestion pipeline."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("matrix_cell", "matrix_row", "indicator", "section")


@dataclass(frozen=True)
class DocumentInfo:
    """What the manifest (or the file itself) says about a document."""

    doc_id: str
    file: str
    title: str
    short_title: str = ""
    aliases: tuple[str, ...] = ()
    publisher: str = ""
    areas: tuple[str, ...] = ()
    date: str = ""
    edition: str = ""
    status: str = "current"
    precedence: int = 50
    """Where documents say the same thing, the one with the lowest precedence is shown first."""
    level_word: str = "Level"
    level_names: tuple[str, ...] = ()
    area_level_names: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def level_label(self, level: int, area: str | None = None) -> str:
        """The label a reader of this document (in this area) knows the level by."""
        names = dict(self.area_level_names).get(area or "", self.level_names)
        name = names[level - 1] if 0 < level <= len(names) else ""
        base = f"{self.level_word} {level}"
        return f"{base} — {name}" if name else base

    @property
    def is_current(self) -> bool:
        return self.status == "current"


@dataclass(frozen=True)
class Line:
    """One line of a document's text, with where it came from."""

    number: int
    text: str
    page: int | None = None


@dataclass(frozen=True)
class Document:
    info: DocumentInfo
    path: str
    lines: tuple[Line, ...]
    content_hash: str
    tables: tuple[tuple[tuple[str, ...], ...], ...] = ()
    """Explicit tables (DOCX): rows of cell texts, parsed without guessing at tabs."""

    @property
    def doc_id(self) -> str:
        return self.info.doc_id


@dataclass(frozen=True)
class Span:
    file: str
    line_start: int
    line_end: int
    page: int | None = None


@dataclass(frozen=True)
class Section:
    """A passage of prose (paragraphs, a lead-in and its list) under its heading path."""

    path: tuple[str, ...]
    paragraphs: tuple[str, ...]
    span: Span


@dataclass(frozen=True)
class MatrixRow:
    """One row of a four-level need matrix, joined back together where a page break cut it."""

    domain: str
    subdomain: str | None
    row: int
    cells: tuple[str, str, str, str]
    span: Span
    line_numbers: tuple[int, ...] = ()
    joins: int = 0


@dataclass(frozen=True)
class Indicator:
    """A bulleted indicator listed under a level heading (Luton's indicators of possible need)."""

    level: int
    domain: str
    number: int
    text: str
    span: Span


@dataclass(frozen=True)
class ParsedDocument:
    document: Document
    sections: tuple[Section, ...]
    rows: tuple[MatrixRow, ...]
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Unit:
    """The retrievable thing: what is embedded, indexed, ranked and cited."""

    id: str
    kind: str
    doc_id: str
    text: str
    embed_text: str
    path: tuple[str, ...]
    source: Span
    domain: str | None = None
    subdomain: str | None = None
    row: int | None = None
    level: int | None = None
    cells: tuple[str, ...] | None = None
