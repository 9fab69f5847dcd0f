"""Parser fuzzing: generated threshold documents never crash the parser, and no text is lost or doubled.

Hypothesis writes documents the way this corpus's exports look (see tests/test_coverage.py and
tests/test_page_break_joins.py): a title, markdown and bold headings, paragraphs (some cut by a page
break mid-sentence), bullet lists and lead-ins, and 4-column need matrices as tab-separated lines
under a domain line (`HEALTH<TAB><TAB><TAB>`, `<b>HEALTH</b>...`, `## Health`) and a header line
(`Level 1<TAB>Level 2...`, `Tier 1...`, in <b> or not). Cells hold words from a small vocabulary with
punctuation and leftover HTML (<b>, <a href="#">, <p>, <ul><li>, <br>, &amp;, **bold**), some are
empty, some rows have subdomain lines above them, and rows are cut at page breaks in the corpus's
styles (a blank line, a separator line, the domain line and/or the header repeated) with the rest
of each cut cell on a later line.

Every generated cell, cell fragment, paragraph and list item carries a unique marker word, so where
it landed is known. What is generated stays inside the rule `tables.continues_row` documents (rows
of their own start each cell with a capital, have at least two filled cells, and never start with
an empty level-1 cell after a page break; a cut cell's rest starts in lower case unless the
continuation line's level-1 cell is empty): inside that rule the right answer is unambiguous.

Properties: parsing never raises; unit ids are unique; every cell's words are in exactly one
matrix_cell unit, of the cell's level, with a cut cell's two parts in the same one; the matrix_cell
units hold exactly the cells' words (compared as multisets after `normalise` and HTML stripping:
nothing lost, nothing doubled, nothing else); each generated row is one matrix_row, under its
domain and subdomain; every paragraph's and list item's words are in exactly one section unit (a
cut paragraph's two parts in the same one) and the sections hold exactly the prose's words (heading
words aside). A last property feeds lines of random characters and fragments and asks only that
parsing never raises, every unit has text and unit ids stay unique.

Two separate matrices may have the same domain (a second table under a domain already used, with
prose between them, as a later part of a document can reuse a heading): their units still get
distinct ids. This found a bug, since fixed: both tables numbered their rows from 1, so the ids
collided (`fuzz/matrix/health/1/L1` twice) and `threshold ingest` died in Chroma.

Deterministic for CI: derandomized, no example database.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingestion.parse import parse_document
from ingestion.text import normalise
from ingestion.types import Document, DocumentInfo, Line, Unit
from ingestion.units import make_units

FUZZ = settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Body words and heading words are disjoint, so heading words (which open the first passage under
# their heading) can be told from the prose's words. No "level" or "tier": a data row whose cells
# start "Level 1 ...", "Level 2 ..." is a header line by the corpus's rule.
WORDS = [
    *("child", "parent", "carer", "school", "risk", "harm", "needs", "support", "missing", "home", "young"),
    *("person", "services", "concerns", "neglect", "abuse", "police", "exploitation", "self", "and", "or"),
    *("the", "of", "with", "is", "not", "at", "out", "hours", "13", "16", "mash", "referral", "plan"),
]
FIRST_WORDS = [w for w in WORDS if w.isalpha()]
HEADING_WORDS = [
    *("Health", "Education", "Family", "Housing", "Safety", "Places", "Spaces", "Emotional", "Wellbeing"),
    *("Relationships", "Behaviour", "Development", "Routes", "Identity", "Contacts", "Domestic", "Context"),
]
NAMES = [
    *HEADING_WORDS,
    *(f"{a} {b}" for a, b in zip(HEADING_WORDS, HEADING_WORDS[1:] + HEADING_WORDS[:1], strict=True)),
]
"""Heading, domain and subdomain names (a matrix domain may be used again after prose)."""
TITLE = "# Fuzz Threshold Guidance"
TITLE_WORDS = {"fuzz", "threshold", "guidance"}

WORD_STYLES = ("{}",) * 6 + (
    "<b>{}</b>",
    "<strong>{}</strong>",
    "<i>{}</i>",
    "<em>{}</em>",
    '<a href="#">{}</a>',
    '<span class="x">{}</span>',
    "**{}**",
)
SEPARATORS = (" ",) * 6 + ("  ", " &amp; ", "<br>", ", ", " - ", " &nbsp;", " / ", " (", ") ")
HEADER_STYLES = ("Level {}", "<b>Level {}</b>", "Tier {}", "LEVEL {}")
_TOKEN = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(normalise(text))


@dataclass
class Cell:
    level: int
    markers: list[str]  # one per sentence, in the first part and (a cut cell) the rest
    words: list[str]


@dataclass
class Row:
    domain: str
    subdomain: str | None
    cells: list[Cell]


@dataclass
class Expected:
    rows: list[Row] = field(default_factory=list)
    prose: list[list[str]] = field(default_factory=list)  # markers that must share one section unit
    joined: list[tuple[str, str]] = field(default_factory=list)  # a cut paragraph: one paragraph again
    cell_words: Counter = field(default_factory=Counter)
    prose_words: Counter = field(default_factory=Counter)
    cuts: int = 0  # rows cut at a page break


class Writer:
    """Draws text with fresh marker words, remembering what was written where."""

    def __init__(self, draw):
        self.draw = draw
        self.count = 0
        self.lines: list[str] = [TITLE, ""]
        self.expected = Expected()

    def marker(self) -> str:
        self.count += 1
        n, letters = self.count, ""
        while n:
            n, d = divmod(n, 26)
            letters += chr(97 + d)
        return "zq" + letters

    def words(
        self, capital: bool, end: str, lo: int = 1, hi: int = 6, breaks: bool = True
    ) -> tuple[str, str, list[str]]:
        """A run of words with a marker second: (raw text, marker, plain words); with no line breaks
        (<br>) when `breaks` is False."""
        draw = self.draw
        first = draw(st.sampled_from(FIRST_WORDS))
        marker = self.marker()
        rest = draw(st.lists(st.sampled_from(WORDS), min_size=lo - 1, max_size=hi))
        plain = [first, marker, *rest]
        shown = [first.capitalize() if capital else first, marker, *rest]
        raw = ""
        for i, word in enumerate(shown):
            styled = draw(st.sampled_from(WORD_STYLES)).format(word)
            separator = draw(st.sampled_from(SEPARATORS if breaks else [s for s in SEPARATORS if s != "<br>"]))
            raw += styled if i == 0 else separator + styled
        return raw + end, marker, plain

    def sentences(self, capital: bool, end: str = ".") -> tuple[str, list[str], list[str]]:
        """One or more sentences, maybe wrapped in <p> or <ul><li> as the exports leave them."""
        draw = self.draw
        count = draw(st.integers(1, 2))
        parts = [self.words(capital or i > 0, end if i == count - 1 else ".") for i in range(count)]
        wrap = draw(st.sampled_from(("plain", "plain", "p", "li")))
        raws = [raw for raw, _, _ in parts]
        if wrap == "p":
            text = " ".join(f"<p>{raw}</p>" for raw in raws)
        elif wrap == "li" and end == "." and count > 1:
            text = "<ul>" + "".join(f"<li>{raw}</li>" for raw in raws) + "</ul>"
        else:
            text = " ".join(raws)
        return text, [m for _, m, _ in parts], [w for _, _, plain in parts for w in plain]


@st.composite
def documents(draw) -> tuple[list[str], Expected]:
    writer = Writer(draw)
    names = list(draw(st.permutations(NAMES)))
    blocks = draw(st.lists(st.sampled_from(("prose", "matrix")), min_size=1, max_size=5))
    domains: list[str] = []
    for i, block in enumerate(blocks):
        if block == "prose":
            prose(draw, writer, names.pop())
            continue
        after_prose = i > 0 and blocks[i - 1] == "prose"
        reuse = domains and after_prose and draw(st.booleans())
        domains.append(draw(st.sampled_from(domains)) if reuse else names.pop())
        matrix(draw, writer, domains[-1], [names.pop(), names.pop()] if draw(st.booleans()) else [])
    return writer.lines, writer.expected


def prose(draw, writer: Writer, heading: str) -> None:
    style = draw(st.sampled_from(("## {}", "### {}", "**{}**", "<b>{}</b>", "")))
    if style:
        writer.lines += [style.format(heading), ""]
    for kind in draw(st.lists(st.sampled_from(("para", "cut_para", "list", "lead_in")), min_size=1, max_size=4)):
        if kind == "para":
            text, markers, words = writer.sentences(True)
            writer.lines += [text, ""]
            writer.expected.prose += [[m] for m in markers]
        elif kind == "cut_para":  # a sentence cut by a page break, carried on in lower case
            head, m1, w1 = writer.words(True, "", breaks=False)
            tail, m2, w2 = writer.words(False, ".", breaks=False)
            head = head.rstrip() + " " + draw(st.sampled_from(FIRST_WORDS))  # ends on a plain word
            w1 = [*w1, head.rsplit(" ", 1)[1]]
            writer.lines += [head, "", tail, ""]
            writer.expected.prose.append([m1, m2])
            writer.expected.joined.append((m1, m2))
            words = w1 + w2
        else:
            words = []
            if kind == "lead_in":
                text, m, w = writer.words(True, ":")
                writer.lines.append(text)
                writer.expected.prose.append([m])
                words += w
            bullet = draw(st.sampled_from(("- ", "* ", "• ", "1. ")))
            for _ in range(draw(st.integers(1, 3))):
                text, m, w = writer.words(True, draw(st.sampled_from((".", ";", ""))))
                writer.lines.append(bullet + text)
                writer.expected.prose.append([m])
                words += w
            writer.lines.append("")
        writer.expected.prose_words.update(words)


def domain_line(draw, domain: str) -> str:
    style = draw(st.sampled_from(("{}\t\t\t", "<b>{}</b>\t\t\t", "## {}", "**{}**")))
    return style.format(domain.upper() if draw(st.booleans()) and "\t" in style else domain)


def header_line(draw) -> str:
    style = draw(st.sampled_from(HEADER_STYLES))
    return "\t".join(style.format(level) for level in range(1, 5))


def page_break(draw, domain: str) -> list[str]:
    """What a page break leaves between two lines of a matrix, in the corpus's styles."""
    style = draw(st.sampled_from(("blank", "blank", "separator", "domain", "header", "domain_header")))
    if style == "separator":
        return ["---\t--\t---\t--"]
    lines = [""]
    if style in ("domain", "domain_header"):
        lines.append(domain_line(draw, domain))
    if style in ("header", "domain_header"):
        lines.append(header_line(draw))
    return lines


def matrix(draw, writer: Writer, domain: str, subdomains: list[str]) -> None:
    writer.lines += [domain_line(draw, domain), header_line(draw)]
    subdomain: str | None = None
    after_break = False
    for _ in range(draw(st.integers(1, 5))):
        if subdomains and draw(st.booleans()):
            subdomain = draw(st.sampled_from(subdomains))
            writer.lines.append(f"{subdomain}\t\t\t")
            after_break = False
        after_break = matrix_row(draw, writer, domain, subdomain, after_break)
        if draw(st.integers(0, 3)) == 0:  # a page break between two rows
            writer.lines += page_break(draw, domain)
            after_break = True
    writer.lines.append("")


def matrix_row(draw, writer: Writer, domain: str, subdomain: str | None, after_break: bool) -> bool:
    """One row of its own, maybe cut at a page break; whether the line after it follows a break."""
    masks = [m for m in ((1, 1, 0, 0), (1, 1, 1, 0), (1, 1, 1, 1), (1, 0, 1, 1), (0, 1, 1, 1), (1, 1, 0, 1))]
    if after_break:
        masks = [m for m in masks if m[0]]  # after a break an empty level-1 cell means "continued"
    mask = draw(st.sampled_from(masks))
    cut = draw(st.booleans())
    writer.expected.cuts += cut
    levels = [k for k in range(4) if mask[k]]
    cut_levels = set(draw(st.lists(st.sampled_from(levels), min_size=1, unique=True))) if cut else set()
    # A continuation line whose level-1 cell is empty may carry on with whole sentences (capitals).
    moved_ok = 0 not in cut_levels
    heads, tails, cells = ["", "", "", ""], ["", "", "", ""], []
    for k in levels:
        if k in cut_levels:
            moved = moved_ok and draw(st.integers(0, 3)) == 0
            head, m1, w1 = writer.sentences(True, "." if moved else "")
            tail, m2, w2 = writer.sentences(moved)
            heads[k], tails[k] = head, tail
            cells.append(Cell(k + 1, [*m1, *m2], w1 + w2))
        else:
            text, markers, words = writer.sentences(True)
            heads[k] = text
            cells.append(Cell(k + 1, markers, words))
    writer.lines.append("\t".join(heads))
    if cut:
        writer.lines += page_break(draw, domain)
        writer.lines.append("\t".join(tails))
    row = Row(domain, subdomain, cells)
    writer.expected.rows.append(row)
    writer.expected.cell_words.update(w for cell in cells for w in cell.words)
    return False


def parse(lines: list[str]) -> list[Unit]:
    text = "\n".join(lines)
    info = DocumentInfo(doc_id="fuzz", file="fuzz.txt", title="Fuzz threshold guidance", short_title="Fuzz")
    numbered = tuple(Line(number=i, text=t) for i, t in enumerate(text.splitlines(), start=1))
    return make_units(parse_document(Document(info=info, path="corpus/fuzz.txt", lines=numbered, content_hash="0")))


def holding(units: list[Unit], marker: str) -> list[Unit]:
    """The units (matrix rows aside: they repeat their cells by design) whose text has the marker."""
    return [u for u in units if u.kind != "matrix_row" and marker in tokens(u.text)]


def show(lines: list[str]) -> str:
    return "\n".join(f"{i:3} {line!r}" for i, line in enumerate(lines, start=1))


@FUZZ
@given(documents())
def test_unit_ids_are_unique(doc):
    lines, _ = doc
    units = parse(lines)
    ids = Counter(u.id for u in units)
    assert not [i for i, n in ids.items() if n > 1], show(lines)
    assert all(u.text.strip() for u in units), show(lines)


@FUZZ
@given(documents())
def test_every_cell_lands_in_exactly_one_matrix_cell_of_its_level(doc):
    lines, expected = doc
    units = parse(lines)
    for row in expected.rows:
        for cell in row.cells:
            places = {u.id for marker in cell.markers for u in holding(units, marker)}
            assert len(places) == 1, f"cell {cell.markers} is in {sorted(places)}\n{show(lines)}"
            unit = next(u for u in units if u.id in places)
            assert unit.kind == "matrix_cell" and unit.level == cell.level, f"{cell} -> {unit.id}\n{show(lines)}"
            assert not Counter(cell.words) - Counter(tokens(unit.text)), f"{cell} -> {unit.text!r}\n{show(lines)}"
    found = Counter(t for u in units if u.kind == "matrix_cell" for t in tokens(u.text))
    lost, extra = expected.cell_words - found, found - expected.cell_words
    assert not lost and not extra, f"lost {dict(lost)}, doubled or extra {dict(extra)}\n{show(lines)}"


@FUZZ
@given(documents())
def test_each_generated_row_is_one_matrix_row_under_its_domain(doc):
    lines, expected = doc
    units = parse(lines)
    rows = [u for u in units if u.kind == "matrix_row"]
    assert len(rows) == len(expected.rows), show(lines)
    for row in expected.rows:
        owners = {u.id for cell in row.cells for m in cell.markers for u in rows if m in tokens(u.text)}
        assert len(owners) == 1, f"row {[c.markers for c in row.cells]} spread over {sorted(owners)}\n{show(lines)}"
        unit = next(u for u in rows if u.id in owners)
        assert normalise(unit.domain or "") == normalise(row.domain), f"{unit.id}: {unit.domain!r}\n{show(lines)}"
        assert normalise(unit.subdomain or "") == normalise(row.subdomain or ""), f"{unit.id}\n{show(lines)}"
        for cell in row.cells:
            assert all(m in tokens(unit.cells[cell.level - 1]) for m in cell.markers), f"{unit.id}\n{show(lines)}"


@FUZZ
@given(documents())
def test_every_paragraph_lands_in_exactly_one_section(doc):
    lines, expected = doc
    units = parse(lines)
    assert not [u for u in units if u.kind == "indicator"], show(lines)
    for markers in expected.prose:
        places = {u.id for m in markers for u in holding(units, m)}
        assert len(places) == 1, f"paragraph {markers} is in {sorted(places)}\n{show(lines)}"
        assert next(u for u in units if u.id in places).kind == "section", show(lines)
    for head, tail in expected.joined:
        text = next(u.text for u in holding(units, head))
        together = any(head in tokens(line) and tail in tokens(line) for line in text.split("\n"))
        assert together, f"a paragraph cut at a page break ({head}, {tail}) was not joined back\n{show(lines)}"
    heading_words = {w.lower() for w in HEADING_WORDS} | TITLE_WORDS
    found = Counter(t for u in units if u.kind == "section" for t in tokens(u.text) if t not in heading_words)
    lost, extra = expected.prose_words - found, found - expected.prose_words
    assert not lost and not extra, f"lost {dict(lost)}, doubled or extra {dict(extra)}\n{show(lines)}"


FRAGMENTS = st.sampled_from(
    (
        "\t",
        "\t\t\t",
        "Level 1\tLevel 2\tLevel 3\tLevel 4",
        "Tier 2",
        "<b>",
        "</b>",
        "**",
        "*",
        "# ",
        "## ",
        "- ",
        "1. ",
        "<ul><li>",
        "</li></ul>",
        "<p>",
        "</p>",
        '<a href="#">',
        "</a>",
        "&amp;",
        "&#",
        "<https://x.org>",
        "[link](x)",
        "---",
        "HEALTH",
        "Contents",
        "UNIVERSAL",
        "Appendix 1:",
        ":",
        ".",
        "  ",
        "\\_",
        "\u00a0",
        "–",
    )
)
LINE = st.lists(st.one_of(FRAGMENTS, st.text(alphabet="aAbZ09 .:;,()\t<>/#*-•", max_size=12)), max_size=8).map("".join)


@FUZZ
@given(st.lists(LINE, min_size=1, max_size=40))
def test_random_lines_never_crash_the_parser(lines):
    """Never raises; every unit has text; unit ids are unique."""
    units = parse(lines)
    assert all(u.text.strip() and u.id.startswith("fuzz/") for u in units), show(lines)
    ids = Counter(u.id for u in units)
    assert not [i for i, n in ids.items() if n > 1], show(lines)
