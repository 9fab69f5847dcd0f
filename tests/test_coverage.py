"""Coverage: every piece of every corpus document lands in exactly one unit of its kind.

Nothing lost, nothing duplicated. Where each piece must land is read from the raw lines with rules
written here, not taken from the parser ("Level 1<TAB>Level 2..." / "Tier 1 ...<TAB>Tier 2 ..."
opens a need matrix; a prose line or another heading than its domain closes it):

- a cell fragment of a need matrix line lands in the matrix_cell unit of its column's level;
- a cell fragment of any other table (version history, contents, course of action, Luton's
  "Category and Referral Routes") lands in a section unit;
- a single-cell line inside a matrix that is not a heading (a cell cut at a page break, or a
  domain's description) lands in a level-1 matrix cell or a section;
- a prose line lands in a section unit (an item of Luton's indicator lists: an indicator unit);
- header cells are exempt; heading lines must show up as a domain, subdomain or path element.
"Exactly one" counts units of the accepted kind(s) whose source span covers the piece's line and
whose text contains it (a short text may legitimately repeat in other rows or columns).
"""

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

from ingestion.lines import tokenise
from ingestion.load import load_corpus
from ingestion.pipeline import document_units
from ingestion.text import clean, normalise

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
DOC_IDS = [entry["doc_id"] for entry in tomllib.loads((CORPUS / "manifest.toml").read_text())["documents"]]

# Read from the source: the lines where a document's bulleted indicator lists start and stop.
INDICATOR_LISTS = {"luton-2022": ("UNIVERSAL", "Appendix 1:")}

_LEVEL_CELL = re.compile(r"^(level|tier)\s*([1-4])\b", re.I)
_BOLD = re.compile(r"^\s*(\*\*.+\*\*|<b>.+</b>)\s*:?\s*$")


@dataclass(frozen=True)
class Piece:
    doc_id: str
    line: int
    text: str  # normalise()d
    kinds: tuple[str, ...]  # the unit kinds it may land in
    level: int | None = None  # for a need matrix cell: the level of its column
    table: bool = False  # from a tab-separated line
    maybe_heading: bool = False  # a plain title-like line: prose, or a heading that is in no unit's text

    def __str__(self) -> str:
        return f"{self.doc_id} line {self.line}: {self.text!r} (expected in {'/'.join(self.kinds)})"


@dataclass(frozen=True)
class Heading:
    doc_id: str
    line: int
    text: str
    has_content: bool  # the next non-blank line is not another heading
    marked: bool  # markdown, bold or a single-cell table line, not a plain title-like line


def is_level_header(cells: list[str]) -> bool:
    found = [_LEVEL_CELL.match(c) for c in cells if c]
    return len(found) >= 2 and all(found) and [int(m.group(2)) for m in found] == list(range(1, len(found) + 1))


def looks_like_heading(text: str) -> bool:
    """A short title-like line: few words, no closing punctuation, starts with a capital or digit."""
    text = text.rstrip(":")
    short = bool(text) and len(text.split()) <= 14 and text[-1] not in ".;,!?"
    return short and (text[0].isupper() or text[0].isdigit())


def marked_heading(raw: str) -> bool:
    return raw.startswith("#") or bool(_BOLD.match(raw) and looks_like_heading(clean(raw)))


def fragments(text: str) -> list[str]:
    return [f for f in (normalise(part) for part in clean(text).split("\n")) if any(ch.isalnum() for ch in f)]


@cache
def parsed(doc_id: str):
    documents = {doc.doc_id: doc for doc in load_corpus(CORPUS).documents}
    return documents[doc_id], document_units(documents[doc_id])


def _next_is_heading(lines, i: int) -> bool:
    for later in lines[i + 1 :]:
        if later.text.strip() and not set(later.text) <= set("-\t "):
            cells = [clean(c) for c in later.text.split("\t")]
            return not is_level_header(cells) and (marked_heading(later.text) or looks_like_heading(cells[0]))
    return True


@cache
def source_pieces(doc_id: str) -> tuple[tuple[Piece, ...], tuple[Heading, ...]]:
    """Walk the raw lines: every cell fragment and prose line with where it must land; every heading."""
    lines = parsed(doc_id)[0].lines
    has_title = sum(line.text.startswith("# ") for line in lines) == 1
    indicator_start, indicator_end = INDICATOR_LISTS.get(doc_id, (None, None))
    pieces, headings = [], []
    in_matrix = in_indicators = False
    table_headers: set[str] = set()
    previous = last_heading = matrix_domain = ""
    for i, line in enumerate(lines):
        raw, n = line.text, line.number
        token = tokenise(n, raw)
        if token.kind in ("blank", "separator"):
            continue
        if token.kind == "row":
            cells = [clean(c) for c in raw.split("\t")]
            opens_table, previous = "\t" not in previous, raw
            if is_level_header(cells):  # exempt: it becomes the level labels
                in_matrix, matrix_domain = True, last_heading
                continue
            filled = [k for k, c in enumerate(cells) if c]
            if filled == [0] and looks_like_heading(cells[0]):  # a domain or subdomain heading
                headings.append(Heading(doc_id, n, cells[0], True, True))
                last_heading = normalise(cells[0]).rstrip(":")
                continue
            if opens_table:
                table_headers.add(normalise(raw))
            elif not in_matrix and normalise(raw) in table_headers:
                continue  # a table's header repeated after a page break
            for k in filled:
                if not in_matrix:
                    kinds, level = ("section",), None
                elif filled == [0]:  # a cell's tail cut off by a page break, or a domain's description
                    kinds, level = ("matrix_cell", "section"), 1
                else:
                    kinds, level = ("matrix_cell",), min(k, 3) + 1  # stray extra tabs stay in level 4
                pieces.extend(Piece(doc_id, n, f, kinds, level, table=True) for f in fragments(cells[k]))
            continue
        previous, text = raw, clean(raw)
        # a prose line or a heading ends a matrix, unless it is the matrix's domain repeated after a page break
        in_matrix = in_matrix and normalise(text.lstrip("#")).rstrip(":") == matrix_domain
        if text in (indicator_start, indicator_end):
            in_indicators = text == indicator_start
        title_like = looks_like_heading(text) and "\n" not in text
        if marked_heading(raw) or title_like:
            last_heading = normalise(text.lstrip("#")).rstrip(":")
            if not (has_title and raw.startswith("# ")):  # the document's title is in no path
                has_content = not _next_is_heading(lines, i)
                headings.append(Heading(doc_id, n, text.lstrip("#").strip(), has_content, marked_heading(raw)))
        if marked_heading(raw):
            continue
        kinds = ("indicator",) if in_indicators and token.kind == "list" else ("section", "indicator")
        pieces.extend(Piece(doc_id, n, f, kinds, maybe_heading=title_like) for f in fragments(token.text or raw))
    return tuple(pieces), tuple(headings)


def covering(units, piece: Piece):
    """Units of any kind but matrix_row (matrix cells: of the piece's level) that span its line and contain it."""
    return [
        u
        for u in units
        if u.kind != "matrix_row"
        and u.source.line_start <= piece.line <= u.source.line_end
        and (u.kind != "matrix_cell" or piece.level is None or u.level == piece.level)
        and piece.text in normalise(u.text)
    ]


def exactly_one_of_its_kind(units, piece: Piece) -> str | None:
    """None when exactly one unit spans the piece's line and contains it, and it is of an expected kind."""
    hits = covering(units, piece)
    return None if len(hits) == 1 and hits[0].kind in piece.kinds else f"{piece} -> {[u.id for u in hits]}"


def report(failures: list[str]) -> str:
    return f"{len(failures)} problems:\n" + "\n".join(failures[:25])


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_cell_fragment_and_prose_line_is_in_some_unit_of_its_kind(doc_id):
    _, units = parsed(doc_id)
    pieces, _ = source_pieces(doc_id)
    texts = [(u.kind, normalise(u.text)) for u in units]
    lost = [str(p) for p in pieces if not p.maybe_heading and not any(k in p.kinds and p.text in t for k, t in texts)]
    assert len(pieces) > 100 and not lost, report(lost)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_table_cell_fragment_lands_in_exactly_one_unit_spanning_its_line(doc_id):
    units, pieces = parsed(doc_id)[1], source_pieces(doc_id)[0]
    failures = [failure for p in pieces if p.table and (failure := exactly_one_of_its_kind(units, p))]
    assert not failures, report(failures)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_prose_line_lands_in_exactly_one_section_or_indicator(doc_id):
    _, units = parsed(doc_id)
    pieces, _ = source_pieces(doc_id)
    failures = [
        failure
        for p in pieces
        if not p.table
        and not (p.maybe_heading and not covering(units, p))  # a title-like line found nowhere is a heading
        and (failure := exactly_one_of_its_kind(units, p))
    ]
    assert not failures, report(failures)


def test_luton_indicator_list_items_become_indicator_units():
    units, pieces = parsed("luton-2022")[1], source_pieces("luton-2022")[0]
    items = [p for p in pieces if p.kinds == ("indicator",)]
    assert len(items) > 100, "the bulleted lists under UNIVERSAL .. SPECIALIST should have been found"
    failures = [failure for p in items if (failure := exactly_one_of_its_kind(units, p))]
    assert not failures, report(failures)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_headings_with_content_become_a_domain_subdomain_or_path_element(doc_id):
    units, headings = parsed(doc_id)[1], source_pieces(doc_id)[1]
    parts = (p for u in units for p in (*u.path, u.domain or "", u.subdomain or ""))
    names = {normalise(p).rstrip(":").strip() for p in parts if p}
    prose = "\n".join(normalise(u.text) for u in units)
    failures = [
        f"{h.doc_id} line {h.line}: heading {h.text!r}"
        for h in headings
        if h.has_content
        and normalise(h.text).rstrip(":").strip() not in names
        and (h.marked or normalise(h.text) not in prose)  # a plain title-like line may be prose instead
    ]
    assert headings and not failures, report(failures)


@pytest.mark.parametrize(
    ("doc_id", "line", "name"),
    [
        ("london-2022", 41, "health"),
        ("london-2022", 158, "places / spaces"),
        ("pan-bedfordshire", 102, "education"),
        ("pan-bedfordshire", 187, "places/spaces"),
        ("bedford-borough-2015", 156, "the child's education and employment"),
        ("tiers-1-4-matrix", 92, "parenting during pregnancy and infancy"),
    ],
)
def test_matrix_rows_after_a_domain_heading_line_carry_it(doc_id, line, name):
    """The first matrix row after a domain or subdomain heading line has it as its domain or subdomain."""
    rows = [u for u in parsed(doc_id)[1] if u.kind == "matrix_row" and u.source.line_start > line]
    first = min(rows, key=lambda u: u.source.line_start)
    assert name in {normalise(first.domain or ""), normalise(first.subdomain or "")}, (
        f"{doc_id} line {line}: row {first.id} has domain {first.domain!r}, subdomain {first.subdomain!r}"
    )
