"""Coverage: every piece of every corpus document's text lands in exactly one unit of its kind.

Nothing lost, nothing duplicated. The expected placement of each piece is read from the raw lines
of the source file with rules written here (a tab-separated line is a table line; a line of
"Level 1<TAB>Level 2..." / "Tier 1 ...<TAB>Tier 2 ..." opens a need matrix, which a prose line or a
heading closes), not from the parser's own decisions:

- a cell fragment of a need matrix line lands in the matrix_cell unit of its column's level;
- a cell fragment of any other table (version history, contents, course of action, Luton's
  "Category and Referral Routes") lands in a section unit;
- a single-cell line inside a matrix that is not a heading (a cell cut at a page break, or a
  domain's description) lands in a level-1 matrix cell or a section;
- a prose line lands in a section unit, or, for the items of Luton's indicator lists, in an
  indicator unit;
- header cells are exempt; heading lines must show up as a domain, subdomain or path element.

"Exactly one" counts the units of the accepted kind(s) whose source span covers the piece's line
and whose text contains the piece (a short text may legitimately repeat in other rows or columns).
"""

from __future__ import annotations

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

# Read from the source: where a document's bulleted indicator lists start and stop (first line of
# the first level's list, the line that ends the last one).
INDICATOR_LISTS = {"luton-2022": ("UNIVERSAL", "Appendix 1:")}

_LEVEL_CELL = re.compile(r"^(level|tier)\s*([1-4])\b", re.I)
_HEADING_MARKUP = re.compile(r"^\s*(#{1,6}\s|\*\*.+\*\*\s*:?\s*$|<b>.+</b>\s*:?\s*$)")


@dataclass(frozen=True)
class Piece:
    doc_id: str
    line: int
    text: str  # normalise()d
    kinds: tuple[str, ...]  # the unit kinds it may land in
    level: int | None = None  # for a matrix cell: the level of its column

    def __str__(self) -> str:
        return f"{self.doc_id} line {self.line}: {self.text!r} (expected in {'/'.join(self.kinds)})"


@dataclass(frozen=True)
class Heading:
    doc_id: str
    line: int
    text: str
    has_content: bool  # the next non-blank line is not another heading


def is_level_header(cells: list[str]) -> bool:
    found = [_LEVEL_CELL.match(c) for c in cells if c]
    return len(found) >= 2 and all(found) and [int(m.group(2)) for m in found] == list(range(1, len(found) + 1))


def looks_like_heading(text: str) -> bool:
    """A short title-like line: few words, no closing punctuation, starts with a capital or digit."""
    return bool(text) and len(text.split()) <= 14 and text[-1] not in ".;,!?" and (text[0].isupper() or text[0].isdigit())


def fragments(text: str) -> list[str]:
    return [f for f in (normalise(part) for part in clean(text).split("\n")) if any(ch.isalnum() for ch in f)]


@cache
def parsed(doc_id: str):
    documents = {doc.doc_id: doc for doc in load_corpus(CORPUS).documents}
    return documents[doc_id], document_units(documents[doc_id])


@cache
def source_pieces(doc_id: str) -> tuple[tuple[Piece, ...], tuple[Heading, ...]]:
    document, _ = parsed(doc_id)
    lines = document.lines
    is_title = sum(line.text.startswith("# ") for line in lines) == 1
    indicator_start, indicator_end = INDICATOR_LISTS.get(doc_id, (None, None))
    pieces: list[Piece] = []
    headings: list[Heading] = []
    in_matrix = in_indicators = False
    table_headers: set[str] = set()
    previous_nonblank = last_heading = matrix_domain = ""

    def next_is_heading(i: int) -> bool:
        for later in lines[i + 1 :]:
            if later.text.strip() and not set(later.text.strip()) <= set("-\t "):
                cell = clean(later.text.split("\t")[0]) if "\t" in later.text else clean(later.text)
                return bool(_HEADING_MARKUP.match(later.text)) or looks_like_heading(cell)
        return True

    for i, line in enumerate(lines):
        raw, n = line.text, line.number
        token = tokenise(n, raw)
        if token.kind in ("blank", "separator"):
            continue
        if token.kind == "row":
            cells = [clean(c) for c in raw.split("\t")]
            opens_table, previous_nonblank = "\t" not in previous_nonblank, raw
            if is_level_header(cells):
                in_matrix, matrix_domain = True, last_heading
                continue
            filled = [k for k, c in enumerate(cells) if c]
            if filled == [0] and looks_like_heading(cells[0]):
                headings.append(Heading(doc_id, n, cells[0], has_content=True))
                last_heading = normalise(cells[0])
                continue
            if opens_table:
                table_headers.add(normalise(raw))
            elif not in_matrix and normalise(raw) in table_headers:
                continue  # a table's header repeated after a page break
            for k in filled:
                if not in_matrix:
                    kinds, level = ("section",), None
                elif filled == [0]:
                    kinds, level = ("matrix_cell", "section"), 1
                else:
                    kinds, level = ("matrix_cell",), min(k, 3) + 1
                pieces.extend(Piece(doc_id, n, f, kinds, level) for f in fragments(cells[k]))
            continue
        previous_nonblank = raw
        text = clean(raw)
        # a prose line or a heading ends a matrix, unless it is the matrix's domain repeated after a page break
        in_matrix = in_matrix and normalise(text.lstrip("#")) == matrix_domain
        if indicator_start and text == indicator_start:
            in_indicators = True
        elif indicator_end and text == indicator_end:
            in_indicators = False
        if _HEADING_MARKUP.match(raw) or (looks_like_heading(text) and "\n" not in text):
            last_heading = normalise(text.lstrip("#"))
            if not (is_title and raw.startswith("# ")):
                headings.append(Heading(doc_id, n, text.lstrip("#").strip(), has_content=not next_is_heading(i)))
            if _HEADING_MARKUP.match(raw):
                continue  # marked-up headings are never prose; plain title-like lines may be either
        kinds = ("indicator",) if in_indicators and token.kind == "list" else ("section", "indicator")
        pieces.extend(Piece(doc_id, n, f, kinds) for f in fragments(token.text or raw))
    return tuple(pieces), tuple(headings)


def covering(units, piece: Piece):
    """Units of the piece's kinds (and level, for matrix cells) that span its line and contain it."""
    return [
        u
        for u in units
        if u.kind in piece.kinds
        and u.source.line_start <= piece.line <= u.source.line_end
        and (u.kind != "matrix_cell" or piece.level is None or u.level == piece.level)
        and piece.text in normalise(u.text)
    ]


def heading_names(units) -> set[str]:
    parts = (p for u in units for p in (*u.path, u.domain or "", u.subdomain or ""))
    return {normalise(p).rstrip(":").strip() for p in parts if p}


def report(failures: list[str]) -> str:
    return f"{len(failures)} problems:\n" + "\n".join(failures[:25])


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_table_cell_and_prose_line_is_somewhere_in_a_unit_of_its_kind(doc_id):
    _, units = parsed(doc_id)
    pieces, _ = source_pieces(doc_id)
    texts = {kind: [normalise(u.text) for u in units if u.kind == kind] for kind in ("matrix_cell", "section", "indicator")}
    lost = [str(p) for p in pieces if not any(p.text in t for kind in p.kinds for t in texts[kind])]
    assert pieces and not lost, report(lost)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_table_cell_fragment_lands_in_exactly_one_unit_spanning_its_line(doc_id):
    _, units = parsed(doc_id)
    pieces, _ = source_pieces(doc_id)
    table_pieces = [p for p in pieces if p.kinds != ("section", "indicator") and p.kinds != ("indicator",)]
    failures = [f"{p} -> {[u.id for u in covering(units, p)]}" for p in table_pieces if len(covering(units, p)) != 1]
    assert not failures, report(failures)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_need_matrix_cells_are_not_also_copied_into_sections(doc_id):
    _, units = parsed(doc_id)
    pieces, _ = source_pieces(doc_id)
    failures = [
        f"{p} also in {[u.id for u in covering(units, Piece(p.doc_id, p.line, p.text, ('section',)))]}"
        for p in pieces
        if p.kinds == ("matrix_cell",) and covering(units, Piece(p.doc_id, p.line, p.text, ("section",)))
    ]
    assert not failures, report(failures)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_every_prose_line_lands_in_exactly_one_section_or_indicator(doc_id):
    _, units = parsed(doc_id)
    pieces, headings = source_pieces(doc_id)
    plain_heading_lines = {h.line for h in headings}
    failures = []
    for piece in (p for p in pieces if "matrix_cell" not in p.kinds and p.kinds != ("section",)):
        found = covering(units, piece)
        if not found and piece.line in plain_heading_lines:
            continue  # a title-like line that is a heading, checked below
        if len(found) != 1:
            failures.append(f"{piece} -> {[u.id for u in found]}")
    assert not failures, report(failures)


def test_luton_indicator_list_items_become_indicator_units():
    _, units = parsed("luton-2022")
    pieces, _ = source_pieces("luton-2022")
    items = [p for p in pieces if p.kinds == ("indicator",)]
    assert len(items) > 100, "the indicator lists under UNIVERSAL..SPECIALIST should have been found"
    failures = [str(p) for p in items if [u.kind for u in covering(units, p)] != ["indicator"]]
    assert not failures, report(failures)


@pytest.mark.parametrize("doc_id", DOC_IDS)
def test_headings_with_content_become_a_domain_subdomain_or_path_element(doc_id):
    _, units = parsed(doc_id)
    _, headings = source_pieces(doc_id)
    names = heading_names(units)
    prose = " ".join(normalise(u.text) for u in units)
    failures = [
        f"{h.doc_id} line {h.line}: heading {h.text!r}"
        for h in headings
        if h.has_content and normalise(h.text).rstrip(":").strip() not in names and normalise(h.text) not in prose
    ]
    assert not failures, report(failures)


@pytest.mark.parametrize(
    ("doc_id", "line", "name"),
    [
        ("london-2022", 41, "health"),
        ("london-2022", 158, "places / spaces"),
        ("pan-bedfordshire", 187, "places/spaces"),
        ("pan-bedfordshire", 105, "education"),
        ("bedford-borough-2015", 156, "the child's education and employment"),
        ("tiers-1-4-matrix", 92, "parenting during pregnancy and infancy"),
    ],
)
def test_matrix_rows_after_a_domain_heading_carry_it(doc_id, line, name):
    """The first row after a domain/subdomain heading line has that heading as its domain or subdomain."""
    _, units = parsed(doc_id)
    rows = sorted((u for u in units if u.kind == "matrix_row" and u.source.line_start > line), key=lambda u: u.source.line_start)
    assert rows, f"{doc_id}: no matrix row after line {line}"
    first = rows[0]
    assert name in {normalise(first.domain or ""), normalise(first.subdomain or "")}, (
        f"{doc_id} line {line}: row {first.id} has domain {first.domain!r}, subdomain {first.subdomain!r}"
    )
