"""Published-looking PDFs made from the corpus's text exports, to test PDF ingestion against.

The export is walked as the parser sees it (tests/export_walk.py): headings with their depth and
kind, paragraphs and bullet items, and each table as the parser's whole rows (a need matrix's
rows grouped under their domain and subdomain). Each is drawn with fpdf2: headings larger (markdown
headings) or bold at body size (bold-line and plain headings), paragraphs and bullets wrapped, and
each table ruled cell by cell: a domain row spanning the table, the header row repeated at the top
of every page the table continues on, a row that does not fit split across the page break. Every
page has a running footer and "Page N of M"; layout B has a running header too.

Only the generator is committed; the PDFs are made by the tests (and benchmarks/pdf.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from ingestion.types import Document
from tests.export_walk import Heading, Para, Table, export_events

FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"


@dataclass(frozen=True)
class Layout:
    name: str
    orientation: str
    family: str
    body: float
    table: float
    margin: float
    columns: tuple[float, ...]
    """A need matrix's column widths as shares of the text width."""
    heading_sizes: tuple[float, ...]
    """Font size of a markdown heading of depth 1, 2, 3, ..."""
    running_header: bool
    metadata_title: bool


LAYOUTS = {
    "A": Layout("A", "P", "DejaVuSans", 10, 8.5, 50, (0.25,) * 4, (20, 16, 13.5, 12, 11.5, 11), False, True),
    "B": Layout("B", "L", "DejaVuSerif", 11, 9, 34, (0.2, 0.3, 0.25, 0.25), (22, 17, 14.5, 13, 12.5, 12), True, False),
}


# drawing -------------------------------------------------------------------------------------
class _Pdf(FPDF):
    """fpdf2 with the layout's fonts, running header and footer."""

    def __init__(self, layout: Layout, running: str):
        super().__init__(orientation=layout.orientation, unit="pt", format="A4")
        self.layout, self.running = layout, running
        for style, suffix in (("", ""), ("B", "-Bold")):
            self.add_font(layout.family, style, str(FONTS / f"{layout.family}{suffix}.ttf"))
        self.set_margins(layout.margin, layout.margin * 1.2, layout.margin)
        self.set_auto_page_break(True, margin=layout.margin * 1.4)
        self.set_line_width(0.6)
        self.table_header: list[str] | None = None

    @property
    def text_width(self) -> float:
        return self.w - self.l_margin - self.r_margin

    def header(self) -> None:
        if self.layout.running_header:
            self.set_font(self.layout.family, "", 7.5)
            self.text(self.l_margin, self.layout.margin * 0.7, self.running)

    def stamp_pages(self) -> None:
        """The running footer and "Page N of M" on every page, drawn once the page count is known."""
        baseline = self.h - self.layout.margin * 0.6
        for number in range(1, self.pages_count + 1):
            self.page = number
            self.set_font(self.layout.family, "B", 7.5)  # a change of font, so the page's stream gets it
            self.set_font(self.layout.family, "", 7.5)
            self.text(self.l_margin, baseline, f"{self.running} — threshold test copy, layout {self.layout.name}")
            self.text(self.w - self.r_margin - 60, baseline, f"Page {number} of {self.pages_count}")


def _heading(pdf: _Pdf, heading: Heading) -> None:
    layout = pdf.layout
    if heading.kind == "markdown":
        size = layout.heading_sizes[min(heading.level, len(layout.heading_sizes)) - 1]
    else:
        size = layout.body
    pdf.ln(size * 0.6)
    if pdf.get_y() + 3 * size > pdf.page_break_trigger:
        pdf.add_page()
    pdf.set_font(layout.family, "B", size)
    pdf.multi_cell(pdf.text_width, size * 1.3, heading.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(size * 0.3)


def _para(pdf: _Pdf, para: Para) -> None:
    size = pdf.layout.body
    pdf.set_font(pdf.layout.family, "", size)
    height = size * 1.35
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
    indent = 0.0
    if para.bullet:
        indent = 1.4 * size
        pdf.cell(indent, height, "•")
    width = pdf.text_width - indent
    pdf.multi_cell(width, height, para.text, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(size * 0.6)


@dataclass
class _Band:
    cells: list[str]
    spanning: bool = False
    bold: bool = False
    lines: list[list[str]] = field(default_factory=list)


class _TableDrawer:
    """A ruled table drawn band by band, with page breaks inside rows where they fall."""

    def __init__(self, pdf: _Pdf, widths: list[float], header: _Band | None):
        self.pdf, self.widths, self.header = pdf, widths, header
        self.size = pdf.layout.table
        self.line = self.size * 1.3
        self.pad = 3.0
        self.x = pdf.l_margin

    def wrap(self, band: _Band) -> _Band:
        widths = [sum(self.widths)] if band.spanning else self.widths
        self.pdf.set_font(self.pdf.layout.family, "B" if band.bold else "", self.size)
        band.lines = [
            self.pdf.multi_cell(
                w - 2 * self.pad + 2 * self.pdf.c_margin, self.line, text, dry_run=True, output=MethodReturnValue.LINES
            )
            if text
            else []
            for text, w in zip(band.cells, widths, strict=True)
        ]
        return band

    def height(self, band: _Band, lines: int | None = None) -> float:
        count = max((len(cell) for cell in band.lines), default=0) if lines is None else lines
        return max(count, 1) * self.line + 2 * self.pad

    def room(self) -> float:
        return self.pdf.page_break_trigger - self.pdf.get_y()

    def new_page(self) -> None:
        self.pdf.add_page()
        if self.header is not None:
            self.draw(self.header, self.header.lines)

    def band(self, band: _Band, keep: float = 0.0) -> None:
        """Draw a band; one that does not fit is cut after the lines that do, left open at the
        page end, and finished under the repeated header on the next page."""
        lines = band.lines
        if self.height(band) + keep > self.room() and (
            band.spanning or band.bold or self.room() < self.height(band, 3)
        ):
            self.new_page()
        while self.height(band, max((len(cell) for cell in lines), default=0)) > self.room():
            fit = int((self.room() - 2 * self.pad) // self.line)
            self.draw(band, [cell[:fit] for cell in lines], closed=False)
            lines = [cell[fit:] for cell in lines]
            self.new_page()
        self.draw(band, lines)

    def draw(self, band: _Band, lines: list[list[str]], closed: bool = True) -> None:
        pdf, top = self.pdf, self.pdf.get_y()
        rows = max((len(cell) for cell in lines), default=0)
        bottom = top + max(rows, 1) * self.line + 2 * self.pad
        edges = [self.x, self.x + sum(self.widths)] if band.spanning else self._edges()
        pdf.set_font(pdf.layout.family, "B" if band.bold else "", self.size)
        for left, cell in zip(edges, lines, strict=False):
            for i, text in enumerate(cell):
                pdf.text(left + self.pad, top + self.pad + i * self.line + self.size, text)
        pdf.line(edges[0], top, edges[-1], top)
        if closed:
            pdf.line(edges[0], bottom, edges[-1], bottom)
        for x in edges:
            pdf.line(x, top, x, bottom)
        pdf.set_y(bottom)

    def _edges(self) -> list[float]:
        edges = [self.x]
        for width in self.widths:
            edges.append(edges[-1] + width)
        return edges


def _table(pdf: _Pdf, table: Table) -> None:
    width = len(table.rows[0][1])
    shares = pdf.layout.columns if width == len(pdf.layout.columns) and table.header else (1 / width,) * width
    widths = [share * pdf.text_width for share in shares]
    header = _Band(list(table.header) + [""] * (width - len(table.header)), bold=True) if table.header else None
    drawer = _TableDrawer(pdf, widths, None)
    if header:
        drawer.wrap(header)
    pdf.ln(pdf.layout.body * 0.4)
    if table.domain:
        drawer.band(drawer.wrap(_Band([table.domain], spanning=True, bold=True)), keep=4 * drawer.line)
    if header:
        drawer.band(header, keep=3 * drawer.line)
        drawer.header = header
    subdomain = None
    for sub, cells in table.rows:
        if sub is not None and sub != subdomain:
            drawer.band(drawer.wrap(_Band([sub], spanning=True, bold=True)), keep=3 * drawer.line)
        subdomain = sub
        drawer.band(drawer.wrap(_Band(list(cells))))
    pdf.ln(pdf.layout.body * 0.8)


def _lone_row(pdf: _Pdf, heading: Heading) -> None:
    """A one-cell row heading no matrix: a ruled box of its own."""
    drawer = _TableDrawer(pdf, [pdf.text_width], None)
    pdf.ln(pdf.layout.body * 0.4)
    drawer.band(drawer.wrap(_Band([heading.text], bold=True)), keep=3 * drawer.line)
    pdf.ln(pdf.layout.body * 0.8)


def make_pdf(document: Document, layout: Layout, out: Path) -> Path:
    """The document drawn in the layout, written to `out`."""
    pdf = _Pdf(layout, document.info.short_title or document.info.title)
    if layout.metadata_title:
        pdf.set_title(document.info.title)
    pdf.add_page()
    for event in export_events(document):
        if isinstance(event, Table):
            _table(pdf, event)
        elif isinstance(event, Heading) and event.kind == "row":
            _lone_row(pdf, event)
        elif isinstance(event, Heading):
            _heading(pdf, event)
        else:
            _para(pdf, event)
    pdf.stamp_pages()
    pdf.output(str(out))
    return out


def make_corpus_pdfs(documents: list[Document], out: Path) -> dict[tuple[str, str], Path]:
    """Every document in every layout, as out/<layout>/<doc_id>.pdf (a name the loader turns back
    into the doc_id when there is no manifest entry)."""
    made = {}
    for name, layout in LAYOUTS.items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for document in documents:
            made[(document.doc_id, name)] = make_pdf(document, layout, folder / f"{document.doc_id}.pdf")
    return made
