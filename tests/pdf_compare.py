"""How far a document read from its PDF agrees with the same document read from its text export."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingestion.parse import parse_document
from ingestion.text import normalise
from ingestion.types import Document, Indicator, MatrixRow, ParsedDocument, Section
from ingestion.units import make_units


@dataclass(frozen=True)
class Agreement:
    doc_id: str
    layout: str
    pages: int
    rows_export: int
    rows_pdf: int
    rows_equal: int
    missing_words: tuple[str, ...]
    paths_equal: bool
    indicators_export: int = 0
    indicators_equal: int = 0
    differing_rows: tuple[tuple[str, ...], ...] = ()

    @property
    def share(self) -> float:
        return self.rows_equal / self.rows_export if self.rows_export else 1.0


def row_key(row: MatrixRow) -> tuple[str, ...]:
    """A row as compared: its domain, subdomain and four cells, each normalised."""
    return (normalise(row.domain), normalise(row.subdomain or ""), *(normalise(cell) for cell in row.cells))


def indicator_key(indicator: Indicator) -> tuple[object, ...]:
    return (indicator.level, normalise(indicator.domain), indicator.number, normalise(indicator.text))


def words(parsed: ParsedDocument) -> Counter[str]:
    text = " ".join(unit.text for unit in make_units(parsed))
    return Counter(re.findall(r"\w+", normalise(text)))


def heading_paths(sections: tuple[Section, ...]) -> list[tuple[str, ...]]:
    """The sequence of heading paths the passages sit under (one entry per change of path)."""
    paths: list[tuple[str, ...]] = []
    for section in sections:
        path = tuple(normalise(part) for part in section.path)
        if not paths or paths[-1] != path:
            paths.append(path)
    return paths


def agreement(export: Document, pdf: Document, layout: str) -> Agreement:
    want, got = parse_document(export), parse_document(pdf)
    want_rows = Counter(row_key(row) for row in want.rows)
    got_rows = Counter(row_key(row) for row in got.rows)
    equal = sum((want_rows & got_rows).values())
    missing = sorted(set(words(want)) - set(words(got)))
    want_indicators = Counter(indicator_key(x) for x in want.indicators)
    got_indicators = Counter(indicator_key(x) for x in got.indicators)
    return Agreement(
        doc_id=export.doc_id,
        layout=layout,
        pages=max((line.page or 0 for line in pdf.lines), default=0),
        rows_export=len(want.rows),
        rows_pdf=len(got.rows),
        rows_equal=equal,
        missing_words=tuple(missing),
        paths_equal=heading_paths(want.sections) == heading_paths(got.sections),
        indicators_export=len(want.indicators),
        indicators_equal=sum((want_indicators & got_indicators).values()),
        differing_rows=tuple((want_rows - got_rows).elements()),
    )
