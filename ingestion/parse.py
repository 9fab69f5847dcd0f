"""Document -> sections (prose under its heading path), matrix rows and level-list indicators.

One pass over the lines. Headings come from markdown (#), bold-only lines and, in documents with
no markdown headings, plain title-like lines and bold lines alike (a table of contents, when there
is one, tells top-level headings from the rest). A line naming a level of the document's scheme
("UNIVERSAL") starts a list of indicators at that level, grouped under domain headings.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ingestion.lines import Token, is_heading_text, is_level_header, plain_heading, tokenise
from ingestion.tables import GenericTableDraft, MatrixDraft, single_cell
from ingestion.text import clean, normalise, sentence_case
from ingestion.types import Document, Indicator, MatrixRow, ParsedDocument, Section, Span

PASSAGE_CHARS = 800
CONTENTS_HEADINGS = frozenset({"contents", "content", "table of contents"})
"""Headings of a table of contents: its entries tell top-level headings; it points at the guidance."""


@dataclass
class Paragraph:
    text: str
    start: int
    end: int
    is_item: bool = False
    soft_break: bool = False
    is_heading: bool = False


class _Walker:
    def __init__(self, document: Document):
        self.doc = document
        self.file = document.path
        self.tokens = [tokenise(line.number, line.text) for line in document.lines]
        self.pages = {line.number: line.page for line in document.lines if line.page is not None}
        self.plain_headings = not any(t.kind == "heading" for t in self.tokens)
        titles = [t for t in self.tokens if t.kind == "heading" and t.level == 1]
        self.title_line = titles[0].number if len(titles) == 1 else None
        self.headings: list[tuple[int, str]] = []
        self.markdown_depth = 0
        self.buffer: list[Paragraph] = []
        self.sections: list[Section] = []
        self.rows: list[MatrixRow] = []
        self.indicators: list[Indicator] = []
        self.table: MatrixDraft | GenericTableDraft | None = None
        self.after_break = False
        self.pending_domain: str | None = None
        self.toc: set[str] = set()
        self.indicator_level: int | None = None
        self.indicator_domain: str | None = None
        self.heading_line: tuple[str, int] | None = None
        self.current_line = 0

    def run(self) -> ParsedDocument:
        previous: Token | None = None
        for i, token in enumerate(self.tokens):
            self.current_line = token.number
            self._dispatch(i, token, previous)
            previous = token
        self._end_table()
        self._flush()
        return ParsedDocument(self.doc, tuple(self.sections), tuple(self.rows), tuple(self.indicators))

    def _dispatch(self, i: int, token: Token, previous: Token | None) -> None:
        if token.kind in ("blank", "separator"):
            self.after_break = self.table is not None
        elif token.kind == "row":
            self._row(i, token)
        elif token.kind == "heading" and token.number == self.title_line:
            self.markdown_depth = 1  # the document's title: not part of any heading path
        elif token.kind == "heading":
            self.markdown_depth = token.level
            self._heading(token.text, token.level)
        elif token.kind == "bold" and self.plain_headings:
            self._plain_heading(token.text)  # no heading levels anywhere: a bold line reads as a plain heading
        elif token.kind == "bold":
            self._heading(token.text, self.markdown_depth + 1)
        elif self.plain_headings and plain_heading(token, previous):
            self._plain_heading(token.text)
        else:
            self._end_table()
            self._paragraph(token, previous)

    # headings -------------------------------------------------------------------------------
    def _heading(self, text: str, level: int) -> None:
        if isinstance(self.table, MatrixDraft) and self.table.same_domain(text):
            self.after_break = True  # a domain header repeated after a page break
            return
        self._end_table()
        self._flush()
        while self.headings and self.headings[-1][0] >= level:
            self.headings.pop()
        self.headings.append((level, text))
        self.heading_line = (text, self.current_line)
        self.pending_domain = text

    def _plain_heading(self, text: str) -> None:
        key = normalise(text).rstrip(":")
        top_level = not self.toc or key in self.toc or key.startswith("appendix")
        level_names = [normalise(n) for n in self.doc.info.level_names]
        if text.isupper() and key in level_names:
            self.indicator_level, self.indicator_domain = level_names.index(key) + 1, None
            self._heading(sentence_case(text), 2)
        elif self.indicator_level and not top_level:
            self.indicator_domain = text
            self._heading(text, 3)
        else:
            self.indicator_level = self.indicator_domain = None
            self._heading(text.rstrip(":"), 1 if top_level else 2)

    # tables ---------------------------------------------------------------------------------
    def _row(self, i: int, token: Token) -> None:
        if is_level_header(token.cells):
            self._level_header(token)
            return
        text = single_cell(token)
        if text is not None:
            self._single_cell(i, token, text)
            return
        if self.table is None:
            self._flush_soft()
            self.table = GenericTableDraft(header=token.cells)
        self.table.add(token, self.after_break)
        self.after_break = False

    def _level_header(self, token: Token) -> None:
        if isinstance(self.table, MatrixDraft) and (
            self.pending_domain is None or self.table.same_domain(self.pending_domain)
        ):
            self.after_break = True
            return
        self._end_table()
        domain = self.pending_domain or (self.headings[-1][1] if self.headings else "Matrix")
        self.table = MatrixDraft(domain=domain.rstrip(":"), file=self.file, header_line=token.number)
        descriptions = [clean(cell) for cell in token.cells if len(clean(cell).split()) > 2]
        if descriptions:
            self.buffer.append(Paragraph("\n".join(descriptions), token.number, token.number))
        self.pending_domain = None

    def _single_cell(self, i: int, token: Token, text: str) -> None:
        heading_like = is_heading_text(text)
        table = self.table
        if isinstance(table, MatrixDraft) and heading_like:
            if table.same_domain(text):
                self.after_break = True
            elif self._header_follows(i):
                self._table_heading(text)
            else:
                table.set_subdomain(text)
                self.after_break = False
        elif heading_like and (table is None or self._header_follows(i)):
            self._table_heading(text)
        elif table is not None:
            table.add_tail(text, token.number)
            self.after_break = False
        else:
            self._paragraph(Token("para", token.number, text=text), None)

    def _table_heading(self, text: str) -> None:
        self._heading(text.rstrip(":"), self.markdown_depth + 1 if not self.plain_headings else 2)

    def _header_follows(self, i: int) -> bool:
        for token in self.tokens[i + 1 : i + 8]:
            if token.kind == "row" and single_cell(token) is None:
                return is_level_header(token.cells)
            if token.kind not in ("blank", "separator", "row", "para"):
                return False
        return False

    def _end_table(self) -> None:
        table, self.table = self.table, None
        self.after_break = False
        if isinstance(table, MatrixDraft):
            self.rows.extend(
                replace(row, span=self._span(row.span.line_start, row.span.line_end)) for row in table.finish()
            )
        elif isinstance(table, GenericTableDraft):
            if self.headings and normalise(self.headings[-1][1]) in CONTENTS_HEADINGS:
                self.toc |= {normalise(t) for t in table.titles()}
            self.buffer.extend(Paragraph(text, start, end) for text, start, end in table.paragraphs())

    # prose ----------------------------------------------------------------------------------
    def _paragraph(self, token: Token, previous: Token | None) -> None:
        if not any(ch.isalnum() for ch in token.text):
            return
        if token.kind == "list" and self.indicator_level and self.indicator_domain:
            self._indicator(token)
            return
        last = self.buffer[-1] if self.buffer else None
        line_break = last and last.soft_break and previous is not None and last.end == token.number - 1
        if line_break or (last and _cut_at_page_break(last, token)):
            last.text, last.end = f"{last.text} {token.text}", token.number
            last.soft_break = token.raw.endswith("  ")
            return
        self.buffer.append(
            Paragraph(token.text, token.number, token.number, token.kind == "list", token.raw.endswith("  "))
        )

    def _indicator(self, token: Token) -> None:
        number = 1 + sum(
            1 for x in self.indicators if x.level == self.indicator_level and x.domain == self.indicator_domain
        )
        span = self._span(token.number, token.number)
        self.indicators.append(Indicator(self.indicator_level, self.indicator_domain, number, token.text, span))

    def _span(self, start: int, end: int) -> Span:
        """Lines start..end of the file, on the page its first line is on (PDFs; None for exports)."""
        return Span(self.file, start, end, self.pages.get(start))

    def _flush_soft(self) -> None:
        for paragraph in self.buffer:
            paragraph.soft_break = False

    def _flush(self) -> None:
        """The paragraphs under the current heading become passages; the heading's own words open
        the first one, so a quote of a heading is found in the text cited."""
        path = tuple(sentence_case(text) for _, text in self.headings) or (self.doc.info.short_title,)
        if self.buffer and self.heading_line is not None:
            text, number = self.heading_line
            self.buffer.insert(0, Paragraph(text, number, number, is_heading=True))
        self.heading_line = None
        for group in _passages(self.buffer):
            span = self._span(group[0].start, max(p.end for p in group))
            self.sections.append(Section(path, tuple(p.text for p in group), span))
        self.buffer = []


def _cut_at_page_break(last: Paragraph, token: Token) -> bool:
    """A sentence a page break cut in two: the paragraph above stops mid-sentence and this one
    carries on in lower case."""
    return token.kind == "para" and not last.is_item and last.text[-1:].isalnum() and token.text[:1].islower()


def _passages(paragraphs: list[Paragraph]) -> list[list[Paragraph]]:
    """Paragraphs grouped into passages of about PASSAGE_CHARS; a lead-in stays with its list and a
    heading with the paragraph it heads (alone, "Level 4: Specialist" was a passage of its own and
    its definition one without the level's name)."""
    groups: list[list[Paragraph]] = []
    size = 0
    for paragraph in paragraphs:
        current = groups[-1] if groups else None
        keeps = current and (
            current[-1].text.endswith(":") or current[-1].is_heading or (paragraph.is_item and current[-1].is_item)
        )
        if current and (size + len(paragraph.text) <= PASSAGE_CHARS or (keeps and size < 2 * PASSAGE_CHARS)):
            current.append(paragraph)
            size += len(paragraph.text)
        else:
            groups.append([paragraph])
            size = len(paragraph.text)
    return groups


def parse_document(document: Document) -> ParsedDocument:
    return _Walker(document).run()
