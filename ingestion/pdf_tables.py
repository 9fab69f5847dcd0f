"""Ruled tables on a PDF page: columns from the vertical rules, rows from the horizontal ones.

A table is a set of vertical rules whose heights overlap. Its columns are the x positions of those
rules; its rows (bands) lie between horizontal rules. A band crossed by fewer vertical rules has
cells spanning several columns (a domain heading row spans them all). A table whose vertical rules
run on below its last horizontal rule ends with an open band: a row the page break cut, continued
on the next page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingestion.pdf_read import Rule, TextRun

TOLERANCE = 1.5
"""Points within which two rule positions are the same."""


@dataclass(frozen=True)
class VisualLine:
    """Text runs on one baseline, left to right, from x0 to x1."""

    page: int
    y: float
    x0: float
    x1: float
    size: float
    bold: bool
    text: str


@dataclass(frozen=True)
class Band:
    """One row of a table: a cell text per column (a spanning cell's text in its first column)."""

    top: float
    bottom: float
    cells: tuple[str, ...]
    spanning: bool
    open_bottom: bool


@dataclass(frozen=True)
class TableBlock:
    top: float
    bottom: float
    columns: tuple[float, ...]
    bands: tuple[Band, ...]

    @property
    def width(self) -> int:
        return len(self.columns) - 1


def visual_lines(runs: list[TextRun], page: int) -> list[VisualLine]:
    """Runs grouped by baseline, top to bottom."""
    lines: list[list[TextRun]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(lines[-1][0].y - run.y) <= 0.3 * max(run.size, 1.0):
            lines[-1].append(run)
        else:
            lines.append([run])
    return [_visual_line(sorted(group, key=lambda r: r.x), page) for group in lines]


def _visual_line(runs: list[TextRun], page: int) -> VisualLine:
    text = " ".join(" ".join(run.text.split()) for run in runs)
    last = runs[-1]
    return VisualLine(
        page=page,
        y=runs[0].y,
        x0=runs[0].x,
        x1=last.x + last.width,
        size=max(run.size for run in runs),
        bold=all(run.bold for run in runs),
        text=" ".join(text.split()),
    )


def join_lines(lines: list[VisualLine], right: float) -> str:
    """Wrapped lines as one text, a space between lines, except inside a word too long for any
    line (a long web address), which the wrapper cut: a line that is one word running to the right
    edge, or ending at one of the word's own hyphens, is joined to the next with no space."""
    text = ""
    previous: VisualLine | None = None
    for line in lines:
        glue = "" if previous is not None and _cut_in_word(previous, right) else " "
        text = f"{text}{glue}{line.text}" if text else line.text
        previous = line
    return text


def _cut_in_word(above: VisualLine, right: float) -> bool:
    if " " in above.text or len(above.text) < 2:
        return False
    return right - above.x1 <= above.size or (above.text[-1] == "-" and above.text[-2].isalnum())


def _cluster(values: list[float]) -> list[float]:
    result: list[float] = []
    for value in sorted(values):
        if not result or value - result[-1] > TOLERANCE:
            result.append(value)
    return result


def _merge(rules: list[Rule], vertical: bool) -> list[Rule]:
    """Collinear pieces joined: a table drawn cell by cell gives one rule per cell edge."""

    def key(r: Rule) -> tuple[float, float]:
        return (r.x0, r.y0) if vertical else (r.y0, r.x0)

    merged: list[Rule] = []
    for rule in sorted(rules, key=key):
        last = merged[-1] if merged else None
        if last and vertical and abs(last.x0 - rule.x0) <= TOLERANCE and rule.y0 <= last.y1 + TOLERANCE:
            merged[-1] = Rule(last.x0, last.y0, last.x1, max(last.y1, rule.y1))
        elif last and not vertical and abs(last.y0 - rule.y0) <= TOLERANCE and rule.x0 <= last.x1 + TOLERANCE:
            merged[-1] = Rule(last.x0, last.y0, max(last.x1, rule.x1), last.y1)
        else:
            merged.append(rule)
    return merged


def _groups(verticals: list[Rule]) -> list[list[Rule]]:
    """Vertical rules whose heights overlap belong to one table."""
    groups: list[list[Rule]] = []
    bottom = float("-inf")
    for rule in sorted(verticals, key=lambda r: r.y0):
        if groups and rule.y0 <= bottom + TOLERANCE:
            groups[-1].append(rule)
            bottom = max(bottom, rule.y1)
        else:
            groups.append([rule])
            bottom = rule.y1
    return [group for group in groups if len(_cluster([r.x0 for r in group])) >= 2]


def find_tables(runs: list[TextRun], rules: list[Rule], page: int) -> tuple[list[TableBlock], list[TextRun]]:
    """The page's ruled tables, and the text runs outside them."""
    verticals = _merge([r for r in rules if r.vertical], vertical=True)
    horizontals = _merge([r for r in rules if r.horizontal], vertical=False)
    tables: list[TableBlock] = []
    inside: set[int] = set()
    for group in _groups(verticals):
        columns = tuple(_cluster([r.x0 for r in group]))
        top, bottom = min(r.y0 for r in group), max(r.y1 for r in group)
        mine = [
            i
            for i, run in enumerate(runs)
            if top - TOLERANCE <= run.y <= bottom + TOLERANCE and columns[0] - TOLERANCE <= run.x <= columns[-1]
        ]
        inside.update(mine)
        rows = _row_edges(horizontals, columns, top, bottom)
        bands = [
            _band(a, b, group, columns, [runs[i] for i in mine], page) for a, b in zip(rows, rows[1:], strict=False)
        ]
        if rows[-1] < bottom - TOLERANCE:
            bands.append(_band(rows[-1], bottom, group, columns, [runs[i] for i in mine], page, open_bottom=True))
        tables.append(TableBlock(top, bottom, columns, tuple(b for b in bands if b is not None)))
    return tables, [run for i, run in enumerate(runs) if i not in inside]


def _row_edges(horizontals: list[Rule], columns: tuple[float, ...], top: float, bottom: float) -> list[float]:
    width = columns[-1] - columns[0]
    ys = [
        r.y0
        for r in horizontals
        if top - TOLERANCE <= r.y0 <= bottom + TOLERANCE
        and r.x0 >= columns[0] - TOLERANCE
        and r.x1 <= columns[-1] + TOLERANCE
        and r.x1 - r.x0 >= 0.2 * width
    ]
    edges = _cluster(ys)
    if not edges or edges[0] > top + TOLERANCE:
        edges.insert(0, top)
    return edges


def _band(
    top: float,
    bottom: float,
    verticals: list[Rule],
    columns: tuple[float, ...],
    runs: list[TextRun],
    page: int,
    open_bottom: bool = False,
) -> Band | None:
    middle = (top + bottom) / 2
    edges = _cluster([r.x0 for r in verticals if r.y0 - TOLERANCE <= middle <= r.y1 + TOLERANCE])
    if len(edges) < 2:
        return None
    texts = [""] * (len(columns) - 1)
    for left, right in zip(edges, edges[1:], strict=False):
        cell = [r for r in runs if top < r.y <= bottom + TOLERANCE and left - TOLERANCE <= r.x < right - TOLERANCE]
        column = min(range(len(columns) - 1), key=lambda k: abs(columns[k] - left))
        lines = visual_lines(cell, page)
        inner = right - (min(line.x0 for line in lines) - left) if lines else right  # the padding mirrored
        texts[column] = join_lines(lines, inner)
    return Band(top, bottom, tuple(texts), spanning=len(edges) - 1 < len(columns) - 1, open_bottom=open_bottom)
