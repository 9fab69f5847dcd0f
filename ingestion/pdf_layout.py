"""PDF pages -> lines in the text exports' dialect, so one parser reads PDFs and exports alike.

The dialect: `#` headings (depth from the rank of the heading's font size), `**bold**` heading
lines (bold at body size), `- ` bullets, one line per paragraph (wrapped lines joined) and one
tab-separated line per table row (wrapped cell text joined). Along the way: running headers,
footers and page numbers are dropped (text repeated at the top or bottom of most pages, or
"Page N of M"), a table header row repeated at the top of a page is dropped, and a row the page
break cut (left open at the page end) is joined with its continuation at the top of the next page.
No blank lines are written: the parser would read a blank inside a table as a page break.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingestion.pdf_read import PageContent
from ingestion.pdf_tables import Band, TableBlock, VisualLine, find_tables, join_lines, visual_lines
from ingestion.types import Line

MARGIN_ZONE = 0.09
"""The share of the page height at the top and at the bottom where running text is looked for."""
_PAGE_NUMBER = re.compile(r"^(page\s+)?\d+(\s*(of|/)\s*\d+)?$|^-\s*\d+\s*-$", re.I)
_BULLET = re.compile(r"^[•▪●◦‣∙·]\s*")


@dataclass
class _Output:
    """The dialect lines written so far, and what a table on the next page may continue."""

    texts: list[tuple[str, int]] = field(default_factory=list)
    header: tuple[str, ...] | None = None
    columns: tuple[float, ...] = ()
    open_row: int | None = None
    last_was_table: bool = False

    def write(self, text: str, page: int) -> None:
        self.texts.append((text, page))
        self.last_was_table = False


def pdf_dialect_lines(pages: list[PageContent]) -> list[Line]:
    """The document's lines in the export dialect, each with the page its text starts on."""
    flows = []
    for page in pages:
        tables, free = find_tables(list(page.runs), list(page.rules), page.number)
        flows.append((page, tables, visual_lines(free, page.number)))
    running = _running_keys([(page, lines) for page, _, lines in flows])
    prose = [line for page, _, lines in flows for line in lines if not _is_running(line, page, running)]
    style = _Style.of(prose)
    out = _Output()
    paragraph: list[VisualLine] = []
    for page, tables, lines in flows:
        items: list[tuple[float, object]] = [(t.top, t) for t in tables]
        items += [(line.y, line) for line in lines if not _is_running(line, page, running)]
        margin = _left_margin(lines, page)
        for first, (_, item) in enumerate(sorted(items, key=lambda pair: pair[0])):
            if isinstance(item, TableBlock):
                _flush(paragraph, style, out, page.width - margin)
                paragraph = []
                _table(item, page.number, first == 0, out)
            else:
                if paragraph and _starts_paragraph(paragraph, item, style, page.width - 2 * margin):
                    _flush(paragraph, style, out, page.width - margin)
                    paragraph = []
                paragraph.append(item)
    _flush(paragraph, style, out, pages[-1].width - margin if pages else 0.0)
    return [Line(number=i, text=text, page=page) for i, (text, page) in enumerate(out.texts, start=1)]


# running headers, footers and page numbers ---------------------------------------------------
def _zone_key(line: VisualLine, page: PageContent) -> str | None:
    if MARGIN_ZONE * page.height < line.y < (1 - MARGIN_ZONE) * page.height:
        return None
    return re.sub(r"\d+", "#", line.text.lower())


def _running_keys(pages: list[tuple[PageContent, list[VisualLine]]]) -> set[str]:
    """Text in the top or bottom zone that recurs (numbers aside) on at least half of the pages."""
    counts: Counter[str] = Counter()
    for page, lines in pages:
        counts.update({key for line in lines if (key := _zone_key(line, page))})
    needed = max(2, (len(pages) + 1) // 2)
    return {key for key, n in counts.items() if n >= needed}


def _is_running(line: VisualLine, page: PageContent, running: set[str]) -> bool:
    key = _zone_key(line, page)
    return key is not None and (key in running or bool(_PAGE_NUMBER.match(line.text.strip())))


def _left_margin(lines: list[VisualLine], page: PageContent) -> float:
    return min((line.x0 for line in lines), default=0.1 * page.width)


# headings and paragraphs ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Style:
    """The body text size, and the heading sizes larger than it, largest first."""

    body: float
    headings: tuple[float, ...]

    @classmethod
    def of(cls, lines: list[VisualLine]) -> _Style:
        sizes: Counter[float] = Counter()
        for line in lines:
            sizes[round(line.size * 2) / 2] += len(line.text)
        body = sizes.most_common(1)[0][0] if sizes else 10.0
        return cls(body, tuple(sorted((s for s in sizes if s > body + 0.5), reverse=True)))

    def heading_rank(self, size: float) -> int:
        """1 for the largest heading size; 0 for body text."""
        size = round(size * 2) / 2
        return self.headings.index(size) + 1 if size in self.headings else 0


def _starts_paragraph(paragraph: list[VisualLine], line: VisualLine, style: _Style, width: float) -> bool:
    """Whether `line` begins a new paragraph rather than carrying on the one above.

    It carries on when it has the same size and weight, starts at the paragraph's left edge (or at
    a bullet's hanging indent), sits one line below (or tops the next page) and the line above
    ran to near the right margin. A heading's lines carry on with no test of their length.
    """
    first, last = paragraph[0], paragraph[-1]
    if abs(line.size - last.size) > 0.4 or line.bold != last.bold or _BULLET.match(line.text):
        return True
    if not first.x0 - 2 <= line.x0 <= first.x0 + 3 * line.size:
        return True
    if line.page == last.page and not 0 < line.y - last.y <= 1.7 * line.size:
        return True
    if style.heading_rank(line.size):
        return False
    return last.x1 - first.x0 < 0.75 * width


def _flush(paragraph: list[VisualLine], style: _Style, out: _Output, right: float) -> None:
    if not paragraph:
        return
    text = join_lines(paragraph, right).strip()
    rank = style.heading_rank(paragraph[0].size)
    if rank:
        text = "#" * min(rank, 6) + " " + text
    elif match := _BULLET.match(text):
        text = "- " + text[match.end() :]
    elif all(line.bold for line in paragraph):
        text = f"**{text}**"
    out.write(text, paragraph[0].page)


# tables --------------------------------------------------------------------------------------
def _table(table: TableBlock, page: int, tops_page: bool, out: _Output) -> None:
    """Write a table's rows; a table topping a page that matches the one ending the page before
    continues it: its repeated header row is dropped and an open row takes its continuation."""
    continues = tops_page and out.last_was_table and _same_columns(table.columns, out.columns)
    if not continues:
        out.header, out.open_row = None, None
    out.columns = table.columns
    bands = list(table.bands)
    if continues and bands and bands[0].cells == out.header:
        bands = bands[1:]
    for k, band in enumerate(bands):
        if k == 0 and continues and out.open_row is not None:
            _join(out, band.cells)
            row = out.open_row
        elif any(band.cells):
            row = _write_band(out, band, page)
        else:
            continue
        out.open_row = row if band.open_bottom else None
    out.last_was_table = True


def _write_band(out: _Output, band: Band, page: int) -> int:
    """A row as one tab-separated line; the first row not spanning the table is its header."""
    if out.header is None and not band.spanning:
        out.header = band.cells
    cells = band.cells if len(band.cells) > 1 else (*band.cells, "")  # a one-column box is still a row
    out.texts.append(("\t".join(cell.replace("\t", " ") for cell in cells), page))
    return len(out.texts) - 1


def _join(out: _Output, cells: tuple[str, ...]) -> None:
    text, page = out.texts[out.open_row]
    above = text.split("\t")
    joined = [" ".join(part for part in (a, b) if part) for a, b in zip(above, cells, strict=False)]
    out.texts[out.open_row] = ("\t".join(joined), page)


def _same_columns(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= 2.0 for x, y in zip(a, b, strict=True))
