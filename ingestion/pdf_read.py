"""A PDF page as positioned pieces: text runs with their font, and the ruled lines drawn on it.

pypdf's visitor callbacks report each piece of text with its text and current transformation
matrices and its font; the path operators (`m`, `l`, `re` and the painting operators) give the
table rules. Everything is put in page coordinates measured from the top-left corner, in points,
so that y grows down the page as a reader reads.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

try:  # pypdf's font metrics (widths per character); not public API, so widths are estimated without it
    from pypdf.generic._font import Font
except ImportError:  # pragma: no cover - a pypdf without it
    Font = None

RULE_THICKNESS = 2.0
"""A filled rectangle thinner than this (points) is a rule, not a shaded area."""

_STROKE = {b"S", b"s", b"B", b"B*", b"b", b"b*"}
_FILL = {b"f", b"F", b"f*"}

Matrix = tuple[float, float, float, float, float, float]


@dataclass(frozen=True)
class TextRun:
    """A piece of text shown on one baseline: x at its start, y of the baseline, both from the top
    left; size is the rendered font size and width the advance of the text, in points."""

    x: float
    y: float
    size: float
    bold: bool
    text: str
    width: float


@dataclass(frozen=True)
class Rule:
    """A straight ruled line, horizontal or vertical, from (x0, y0) to (x1, y1); x0 <= x1, y0 <= y1."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) < 1.0 <= self.x1 - self.x0

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) < 1.0 <= self.y1 - self.y0


@dataclass(frozen=True)
class PageContent:
    number: int
    width: float
    height: float
    runs: tuple[TextRun, ...]
    rules: tuple[Rule, ...]


def _multiply(a: Matrix, b: Matrix) -> Matrix:
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _is_bold(font: object) -> bool:
    name = str(font.get("/BaseFont", "")) if hasattr(font, "get") else ""
    return any(mark in name for mark in ("Bold", "bold", "Black", "Heavy", ",B"))


def _char_widths(font: object) -> dict[str, float]:
    """Glyph widths (thousandths of an em) by the character they show. pypdf keys a composite
    font's widths by character code; its ToUnicode map gives the character of each code."""
    if font is None or Font is None:
        return {}
    try:
        metrics = Font.from_font_resource(font)
    except Exception:  # a malformed font dictionary: the caller estimates instead
        return {}
    widths = dict(metrics.character_widths)
    for code, char in metrics.character_map.items():
        if isinstance(code, str) and isinstance(char, str) and code in metrics.character_widths:
            widths[char] = metrics.character_widths[code]
    return widths


class _PageVisitor:
    """Collects the runs and rules of one page from pypdf's callbacks."""

    def __init__(self, top: float, left: float):
        self.top, self.left = top, left
        self.runs: list[TextRun] = []
        self.rules: list[Rule] = []
        self.path: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.thin: list[tuple[tuple[float, float], tuple[float, float]]] = []
        self.current: tuple[float, float] = (0.0, 0.0)
        self.fonts: dict[int, tuple[object, dict[str, float]]] = {}

    def point(self, cm: Matrix, x: float, y: float) -> tuple[float, float]:
        px, py = _apply(cm, x, y)
        return px - self.left, self.top - py

    def text(self, text: str, cm: list, tm: list, font: object, size: float) -> None:
        if not text.strip():
            return
        matrix = _multiply(tuple(tm), tuple(cm))
        x, y = matrix[4] - self.left, self.top - matrix[5]
        scale = math.hypot(matrix[2], matrix[3]) or 1.0
        size = size * scale
        width = self._width(font, text.strip(), size)
        self.runs.append(TextRun(x, y, round(size, 2), _is_bold(font), text.replace("\n", " "), width))

    def _width(self, font: object, text: str, size: float) -> float:
        """The text's advance from the font's widths; half an em a character when they are unknown."""
        if id(font) not in self.fonts:
            self.fonts[id(font)] = (font, _char_widths(font))
        widths = self.fonts[id(font)][1]
        if not widths:
            return 0.5 * size * len(text)
        default = widths.get("default", 500)
        return sum(widths.get(ch, default) for ch in text) * size / 1000

    def operator(self, op: bytes, args: list, cm: list, tm: list) -> None:
        if op == b"m" and len(args) == 2:
            self.current = self.point(tuple(cm), float(args[0]), float(args[1]))
        elif op == b"l" and len(args) == 2:
            end = self.point(tuple(cm), float(args[0]), float(args[1]))
            self.path.append((self.current, end))
            self.current = end
        elif op == b"re" and len(args) == 4:
            self._rectangle(tuple(cm), *(float(a) for a in args))
        elif op in _STROKE:
            self._paint(self.path + self.thin)
        elif op in _FILL:
            self._paint(self.thin)
        elif op == b"n":
            self.path, self.thin = [], []

    def _rectangle(self, cm: Matrix, x: float, y: float, w: float, h: float) -> None:
        corners = [
            self.point(cm, x, y),
            self.point(cm, x + w, y),
            self.point(cm, x + w, y + h),
            self.point(cm, x, y + h),
        ]
        if min(abs(w), abs(h)) < RULE_THICKNESS:  # drawn as a thin filled bar: one rule along its middle
            (ax, ay), (bx, by) = corners[0], corners[2]
            mid = ((min(ax, bx), (ay + by) / 2), (max(ax, bx), (ay + by) / 2))
            if abs(w) < abs(h):
                mid = (((ax + bx) / 2, min(ay, by)), ((ax + bx) / 2, max(ay, by)))
            self.thin.append(mid)
            return
        self.path.extend(zip(corners, corners[1:] + corners[:1], strict=True))

    def _paint(self, segments: list) -> None:
        for (ax, ay), (bx, by) in segments:
            rule = Rule(min(ax, bx), min(ay, by), max(ax, bx), max(ay, by))
            if rule.horizontal or rule.vertical:
                self.rules.append(rule)
        self.path, self.thin = [], []


def read_page(page, number: int) -> PageContent:
    """One pypdf page as its text runs and rules."""
    box = page.mediabox
    visitor = _PageVisitor(top=float(box.top), left=float(box.left))
    page.extract_text(visitor_text=visitor.text, visitor_operand_before=visitor.operator)
    return PageContent(
        number=number,
        width=float(box.width),
        height=float(box.height),
        runs=tuple(visitor.runs),
        rules=tuple(visitor.rules),
    )
