"""Tables: need matrices (a column per level) and other tables, with rows cut at page breaks joined.

A page break in these exports leaves the tail of a row on a later line: a blank line (or a
separator line, or the domain header repeated) and then a line whose first cells are empty or whose
cells carry the lower-case tail of sentences cut off above. Such a line continues the row above,
cell by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ingestion.lines import Token, filled
from ingestion.text import clean, normalise, sentence_case
from ingestion.types import MatrixRow, Span

LEVELS = 4


@dataclass
class RowDraft:
    cells: list[str]
    lines: list[int]
    subdomain: str | None = None
    joins: int = 0

    def extend(self, cells: list[str], number: int) -> None:
        for k, text in enumerate(cells):
            if text:
                self.cells[k] = f"{self.cells[k]} {text}".strip() if self.cells[k] else text
        self.lines.append(number)
        self.joins += 1


def _cells(token: Token, width: int) -> list[str]:
    cells = [clean(cell) for cell in token.cells[:width]]
    cells += [""] * (width - len(cells))
    if len(token.cells) > width:  # stray extra tabs: keep the words in the last column
        cells[-1] = " ".join(c for c in [cells[-1], *(clean(x) for x in token.cells[width:])] if c)
    return cells


def _is_tail(text: str) -> bool:
    """Text that can only be the rest of a sentence begun above: it starts in lower case."""
    first = text.lstrip("•-– ")[:1]
    return bool(first) and (first.islower() or first in ",;)")


def _unfinished(text: str) -> bool:
    """A cell that stops mid-sentence: no full stop (or other closing mark) at its end."""
    return bool(text) and text.rstrip()[-1] not in ".!?;:)'\"”’"


def continues_row(above: list[str], cells: list[str], after_break: bool) -> bool:
    """Whether a matrix line is the rest of the row above rather than a row of its own.

    A line whose every cell starts mid-sentence always continues the row. After a page break, so
    does a line whose first cell is empty, or one where some cell starts mid-sentence or most of
    the cells above it stop mid-sentence. With no break, a line with an empty first cell filling
    only the last columns continues the row (the export split merged cells); one filling levels
    2-4 with whole sentences is a row of its own that has no level 1 indicator.
    """
    present = [k for k, text in enumerate(cells) if text]
    if not present:
        return False
    if all(_is_tail(cells[k]) for k in present):
        return True
    if not after_break:
        return not cells[0] and len(present) <= 2
    if not cells[0] or any(_is_tail(cells[k]) for k in present):
        return True
    unfinished = [k for k in present if _unfinished(above[k])]
    return len(unfinished) * 2 > len(present)


@dataclass
class MatrixDraft:
    domain: str
    file: str
    header_line: int
    subdomain: str | None = None
    rows: list[RowDraft] = field(default_factory=list)

    def same_domain(self, text: str) -> bool:
        return normalise(text).rstrip(":") == normalise(self.domain)

    def set_subdomain(self, text: str) -> None:
        if not self.same_domain(text):
            self.subdomain = clean(text).rstrip(":").strip()

    def add(self, token: Token, after_break: bool) -> None:
        cells = _cells(token, LEVELS)
        if (
            self.rows
            and self.rows[-1].subdomain == self.subdomain
            and continues_row(self.rows[-1].cells, cells, after_break)
        ):
            self.rows[-1].extend(cells, token.number)
        elif any(cells):
            self.rows.append(RowDraft(cells=cells, lines=[token.number], subdomain=self.subdomain))

    def add_tail(self, text: str, number: int) -> bool:
        """A single-cell line that is not a heading: the rest of the first cell above."""
        if not self.rows:
            return False
        self.rows[-1].extend([clean(text), "", "", ""], number)
        return True

    def finish(self) -> list[MatrixRow]:
        counters: dict[str | None, int] = {}
        result = []
        for draft in self.rows:
            counters[draft.subdomain] = counters.get(draft.subdomain, 0) + 1
            span = Span(self.file, min(draft.lines), max(draft.lines))
            result.append(
                MatrixRow(
                    domain=sentence_case(self.domain),
                    subdomain=sentence_case(draft.subdomain) if draft.subdomain else None,
                    row=counters[draft.subdomain],
                    cells=tuple(draft.cells),
                    span=span,
                    line_numbers=tuple(draft.lines),
                    joins=draft.joins,
                )
            )
        return result


@dataclass
class GenericTableDraft:
    """Any other table: version history, contents, services per category, course of action."""

    header: tuple[str, ...]
    rows: list[RowDraft] = field(default_factory=list)

    @property
    def width(self) -> int:
        return max(len(self.header), 2)

    def add(self, token: Token, after_break: bool) -> None:
        if normalise("\t".join(token.cells)) == normalise("\t".join(self.header)) and self.rows:
            return  # the header repeated after a page break
        cells = _cells(token, self.width)
        if self.rows and not cells[0] and any(cells):
            self.rows[-1].extend(cells, token.number)
        elif any(cells):
            self.rows.append(RowDraft(cells=cells, lines=[token.number]))

    def add_tail(self, text: str, number: int) -> bool:
        self.rows.append(RowDraft(cells=[clean(text)] + [""] * (self.width - 1), lines=[number]))
        return True

    def paragraphs(self) -> list[tuple[str, int, int]]:
        """Each row as one paragraph: its filled cells, one per line."""
        return [("\n".join(cell for cell in row.cells if cell), min(row.lines), max(row.lines)) for row in self.rows]

    def titles(self) -> list[str]:
        """The words of every cell that is not just a number (for reading a table of contents)."""
        return [cell for row in self.rows for cell in row.cells if cell and not cell.strip(". ").isdigit()]


def single_cell(token: Token) -> str | None:
    """The text of a table line that fills only its first cell, else None."""
    present = filled(token.cells)
    return clean(token.cells[0]) if present == [0] else None
