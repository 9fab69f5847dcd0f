"""A text export as the parser sees it: the events of its walk, in reading order.

A recording subclass of the parser's walker writes down the title and each heading with its depth
and kind, each paragraph and bullet item, and each table as the parser's whole rows (a need
matrix's rows already joined where the export's page breaks cut them, with their subdomains).
tests/pdf_maker.py draws these as a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingestion.parse import _Walker
from ingestion.tables import GenericTableDraft, MatrixDraft
from ingestion.text import clean
from ingestion.types import Document


@dataclass(frozen=True)
class Heading:
    text: str
    level: int
    kind: str  # markdown | bold | plain | row


@dataclass(frozen=True)
class Para:
    text: str
    bullet: bool


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...] | None
    rows: tuple[tuple[str | None, tuple[str, ...]], ...]
    """(subdomain, cells) per row; the subdomain is None outside need matrices."""
    domain: str | None = None


class _Recorder(_Walker):
    """The parser's walk, with what it found written down in order."""

    def __init__(self, document: Document):
        super().__init__(document)
        self.events: list[Heading | Para | Table] = []
        self.token = None
        self.headers: dict[int, tuple[str, ...]] = {}

    def _dispatch(self, i, token, previous) -> None:
        self.token = token
        if token.kind == "heading" and token.number == self.title_line:
            self.events.append(Heading(token.text, 1, "markdown"))
        super()._dispatch(i, token, previous)

    def _heading(self, text: str, level: int) -> None:
        before = self.headings[-1] if self.headings else None
        super()._heading(text, level)
        if self.headings and self.headings[-1] is not before:
            kind = {"heading": "markdown", "bold": "bold", "para": "plain", "row": "row"}[self.token.kind]
            self.events.append(Heading(self.token.text if kind == "plain" else text, level, kind))

    def _level_header(self, token) -> None:
        table = self.table
        super()._level_header(token)
        if self.table is not table and isinstance(self.table, MatrixDraft):
            self.headers[id(self.table)] = tuple(clean(cell) for cell in token.cells[:4])

    def _end_table(self) -> None:
        table = self.table
        if isinstance(table, MatrixDraft) and table.rows:
            rows = tuple((row.subdomain, tuple(row.cells)) for row in table.rows)
            self.events.append(Table(self.headers.get(id(table)), rows))
        elif isinstance(table, GenericTableDraft) and table.rows:
            self.events.append(Table(None, tuple((None, tuple(row.cells)) for row in table.rows)))
        super()._end_table()

    def _paragraph(self, token, previous) -> None:
        if any(ch.isalnum() for ch in token.text):
            self.events.append(Para(_escaped(token.text), token.kind == "list"))
        super()._paragraph(token, previous)


def _escaped(text: str) -> str:
    """Text that the parser's clean() turns back into `text`: it reads a backslash as an escape
    (an export of "health\\_and" shows as "health\\_and" once cleaned, "health_and" cleaned twice)."""
    return text.replace("\\", "\\\\")


def export_events(document: Document) -> list[Heading | Para | Table]:
    """Headings, paragraphs and tables in reading order; a domain row heading a matrix is folded
    into its table."""
    recorder = _Recorder(document)
    recorder.run()
    events: list[Heading | Para | Table] = []
    for event in recorder.events:
        last = events[-1] if events else None
        if isinstance(event, Table) and event.header and isinstance(last, Heading) and last.kind == "row":
            events[-1] = replace(event, domain=last.text)
        else:
            events.append(event)
    return events
