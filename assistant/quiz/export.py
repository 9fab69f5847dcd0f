"""A quiz in the formats trainers take to their platforms: JSON, Moodle GIFT, Aiken, Moodle XML, CSV, a
Markdown handout, a printable HTML page, and the Kahoot and Quizizz spreadsheet templates.

Each format holds what it can. An item a format cannot hold (an ordering question in Aiken, a question
over Kahoot's 120 characters) is left out and reported in `Export.skipped` with the reason, never cut
short or silently changed. The handout, page and spreadsheet writers live in export_html.py and
export_sheets.py; the helpers they share are here."""

from __future__ import annotations

import csv
import html
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from assistant.quiz.model import Quiz, QuizItem
from assistant.types import Citation
from ingestion.errors import BadInput

FORMATS: dict[str, str] = {
    "json": "The quiz as the contract's JSON: items, answers, explanations and full citations.",
    "gift": "Moodle GIFT text: multiple choice, true/false and matching, the citation as general feedback.",
    "aiken": "Aiken text for Moodle: single-answer multiple choice only (ordering questions left out).",
    "moodle-xml": "Moodle XML: multichoice, truefalse and matching questions with feedback.",
    "csv": "A spreadsheet of items: options, answer numbers, explanation and cited unit ids.",
    "md": "A Markdown handout: the questions, then an answer key with explanations and sources.",
    "html": "A printable page: the questions, then the answer key on a new page.",
    "kahoot": "Kahoot's quiz spreadsheet template (.xlsx); questions over its length limits left out.",
    "quizizz": "Quizizz (Wayground) spreadsheet import template (.xlsx).",
}

Skipped = list[tuple[str, str]]


@dataclass(frozen=True)
class Export:
    content: bytes
    media_type: str
    filename: str
    skipped: tuple[tuple[str, str], ...] = ()


# Characters no XML document or spreadsheet cell may hold (C0 controls but tab, newline, return).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BREAKS = re.compile(r"\s*[\r\n\x85\u2028\u2029]+\s*")


def clean(text: str) -> str:
    """The text without control characters (which XML and spreadsheets cannot hold)."""
    return _CONTROL.sub("", text)


def flat(text: str) -> str:
    """The text on one line: each run of line breaks (with the spaces around it) becomes one space."""
    return _BREAKS.sub(" ", clean(text)).strip()


def _place(citation: Citation) -> list[str]:
    """Document, domain › subdomain (or heading path), row and page of a citation: where it is."""
    parts = [citation.doc_title]
    place = " › ".join(p for p in (citation.domain, citation.subdomain) if p) or " › ".join(citation.path)
    if place:
        parts.append(place)
    if citation.row:
        parts.append(f"row {citation.row}")
    if citation.source.page:
        parts.append(f"p. {citation.source.page}")
    return parts


def _level(citation: Citation) -> str:
    return citation.level_label or (f"Level {citation.level}" if citation.level else "")


def sources(item: QuizItem) -> str:
    """The item's citations for a reader; cells of one row together ("…, row 4: Level 1, Level 2")."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for c in item.citations:
        levels = groups.setdefault(tuple(_place(c)), [])
        if _level(c) and _level(c) not in levels:
            levels.append(_level(c))
    return "; ".join(
        ", ".join(place) + (f": {', '.join(levels)}" if levels else "") for place, levels in groups.items()
    )


def feedback(item: QuizItem) -> str:
    """The explanation and where it comes from, as one line."""
    where = sources(item)
    return flat(f"{item.explanation} Source: {where}." if where else item.explanation)


def level_labels(item: QuizItem) -> list[str]:
    """The labels of Levels 1..N for an ordering item, from its citations (cells carry their level)."""
    known: dict[int, str] = {}
    for c in item.citations:
        if c.level and c.level_label:
            known.setdefault(c.level, c.level_label)
        for cell in c.cells or []:
            if cell.get("level") and cell.get("level_label"):
                known.setdefault(cell["level"], cell["level_label"])
    return [flat(known.get(level, f"Level {level}")) for level in range(1, len(item.answer) + 1)]


def letter(index: int) -> str:
    return chr(ord("A") + index)


def is_true_false(item: QuizItem) -> bool:
    return item.type == "true_false" and sorted(item.options) == ["False", "True"] and len(item.answer) == 1


def problem(item: QuizItem) -> str | None:
    """Why an item cannot be exported to any question format, or None."""
    n = len(item.options)
    if not flat(item.stem):
        return "empty question text"
    if n < 2:
        return "fewer than two options"
    if any(not flat(o) for o in item.options):
        return "an empty option"
    if not item.answer or any(not 0 <= a < n for a in item.answer) or len(set(item.answer)) != len(item.answer):
        return "answer indexes out of range"
    if item.type == "order_escalation" and sorted(item.answer) != list(range(n)):
        return "the order does not cover every option once"
    return None


def usable(quiz: Quiz, skipped: Skipped) -> list[QuizItem]:
    """The items with no problem; the others go to `skipped`."""
    out = []
    for item in quiz.items:
        why = problem(item)
        if why:
            skipped.append((item.id, why))
        else:
            out.append(item)
    return out


# --- GIFT ------------------------------------------------------------------------------------------

_GIFT_SPECIAL = re.compile(r"([\\~=#{}:])")
_GIFT_FORMAT = re.compile(r"^\[(moodle|html|plain|markdown)\]")
_GIFT_WEIGHT = re.compile(r"^%-*[0-9]{1,2}\.?[0-9]*%")


def gift_escape(text: str) -> str:
    """One line of literal text for GIFT: \\ ~ = # { } : escaped with a backslash."""
    return _GIFT_SPECIAL.sub(r"\\\1", flat(text))


def gift_text(text: str) -> str:
    """Escaped text for a part GIFT reads a format marker from (an answer, feedback): one that starts
    like a marker ("[html]…") is kept as text by putting GIFT's own "[plain]" before it."""
    escaped = gift_escape(text)
    return "[plain]" + escaped if _GIFT_FORMAT.match(escaped) else escaped


def _gift_item(item: QuizItem) -> str | tuple[str, str]:
    head = f"::{gift_escape(item.id)}::[plain]{gift_escape(item.stem)} {{"
    general = f"####{gift_text(feedback(item))}"
    if is_true_false(item):
        truth = "T" if item.options[item.answer[0]] == "True" else "F"
        return f"{head}{truth}{general}}}"
    lines = [head]
    if item.type == "order_escalation":
        for position, label in zip(item.answer, level_labels(item), strict=True):
            cell = flat(item.options[position])
            if "->" in cell:
                return (item.id, "an option contains '->', which GIFT matching questions cannot escape")
            lines.append(f"={gift_text(cell)} -> {gift_escape(label)}")
    else:
        for i, option in enumerate(item.options):
            text = gift_text(option)
            if i in item.answer:
                lines.append(f"={text}")
            else:
                # A wrong answer that starts like a GIFT weight ("%50%") gets an explicit 0% weight.
                lines.append(f"~%0%{text}" if _GIFT_WEIGHT.match(text) else f"~{text}")
    lines += [general, "}"]
    return "\n".join(lines)


def to_gift(quiz: Quiz, skipped: Skipped) -> bytes:
    blocks = [f"// Threshold guidance quiz, seed {quiz.seed}: questions with the guidance they come from."]
    for item in usable(quiz, skipped):
        if item.type not in ("order_escalation", "true_false") and len(item.answer) != 1:
            # Several right answers: GIFT needs %weights% on each; not a type the quiz makes.
            skipped.append((item.id, "more than one right answer"))
            continue
        block = _gift_item(item)
        if isinstance(block, tuple):
            skipped.append(block)
        else:
            blocks.append(block)
    return ("\n\n".join(blocks) + "\n").encode("utf-8")


# --- Aiken -----------------------------------------------------------------------------------------

_AIKEN_CHOICE = re.compile(r"^[A-Z][).][ \t]")


def to_aiken(quiz: Quiz, skipped: Skipped) -> bytes:
    blocks = []
    for item in usable(quiz, skipped):
        stem = flat(item.stem)
        if item.type == "order_escalation":
            why = "Aiken has single-answer multiple choice only; an ordering question cannot be expressed"
        elif len(item.answer) != 1:
            why = "Aiken allows exactly one right answer"
        elif len(item.options) > 26:
            why = "more than 26 options"
        elif len(stem) < 2 or _AIKEN_CHOICE.match(stem) or stem.startswith("ANSWER:"):
            why = "the question text would be read as an Aiken option or answer line"
        else:
            why = None
        if why:
            skipped.append((item.id, why))
            continue
        lines = [stem, *(f"{letter(i)}. {flat(o)}" for i, o in enumerate(item.options))]
        lines.append(f"ANSWER: {letter(item.answer[0])}")
        blocks.append("\n".join(lines))
    return ("\n\n".join(blocks) + "\n").encode("utf-8") if blocks else b""


# --- Moodle XML ------------------------------------------------------------------------------------


def _html_text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    """<tag format="html"><text>…</text></tag>: `text` is HTML (escaped by the caller), which ElementTree
    escapes again for XML."""
    element = ET.SubElement(parent, tag, {"format": "html"})
    ET.SubElement(element, "text").text = text
    return element


def _xml(text: str) -> str:
    """Text an XML parser reads back as written: controls dropped, line ends as newlines."""
    return clean(text).replace("\r\n", "\n").replace("\r", "\n")


def _esc(text: str) -> str:
    return html.escape(_xml(text), quote=False)


def _moodle_question(quiz_el: ET.Element, item: QuizItem) -> None:
    if is_true_false(item):
        kind = "truefalse"
    elif item.type == "order_escalation":
        kind = "matching"
    else:
        kind = "multichoice"
    question = ET.SubElement(quiz_el, "question", {"type": kind})
    ET.SubElement(ET.SubElement(question, "name"), "text").text = _xml(item.id)
    _html_text(question, "questiontext", _esc(item.stem))
    where = sources(item)
    general = f"<p>{_esc(item.explanation)}</p>" + (f"<p>Source: {_esc(where)}</p>" if where else "")
    _html_text(question, "generalfeedback", general)
    ET.SubElement(question, "defaultgrade").text = "1"
    ET.SubElement(question, "penalty").text = "1" if kind == "truefalse" else "0.3333333"
    ET.SubElement(question, "hidden").text = "0"
    ET.SubElement(question, "idnumber").text = _xml(item.id)
    right_text = "; ".join(flat(item.options[a]) for a in item.answer)
    if kind == "truefalse":
        right = item.options[item.answer[0]] == "True"
        for value in (True, False):
            answer = ET.SubElement(
                question, "answer", {"fraction": "100" if value == right else "0", "format": "moodle_auto_format"}
            )
            ET.SubElement(answer, "text").text = "true" if value else "false"
            _html_text(answer, "feedback", "Correct." if value == right else f"Not so: the answer is {right_text}.")
        return
    if kind == "matching":
        ET.SubElement(question, "shuffleanswers").text = "true"
        for position, label in zip(item.answer, level_labels(item), strict=True):
            sub = _html_text(question, "subquestion", _esc(item.options[position]))
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = label
        return
    ET.SubElement(question, "single").text = "true" if len(item.answer) == 1 else "false"
    ET.SubElement(question, "shuffleanswers").text = "0"
    ET.SubElement(question, "answernumbering").text = "abc"
    share = f"{100 / len(item.answer):.5f}".rstrip("0").rstrip(".")
    for i, option in enumerate(item.options):
        right = i in item.answer
        answer = ET.SubElement(question, "answer", {"fraction": share if right else "0", "format": "html"})
        ET.SubElement(answer, "text").text = _esc(option)
        _html_text(answer, "feedback", "Correct." if right else _esc(f"Not this one: the answer is {right_text}."))


def to_moodle_xml(quiz: Quiz, skipped: Skipped) -> bytes:
    root = ET.Element("quiz")
    for item in usable(quiz, skipped):
        _moodle_question(root, item)
    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue() + b"\n"


# --- CSV -------------------------------------------------------------------------------------------


def to_csv(quiz: Quiz, skipped: Skipped) -> bytes:
    width = max([4, *(len(item.options) for item in quiz.items)])
    out = io.StringIO()
    writer = csv.writer(out)
    options_header = [f"option_{i}" for i in range(1, width + 1)]
    writer.writerow(["id", "type", "stem", *options_header, "answer", "explanation", "citations"])
    for item in quiz.items:
        options = [clean(o) for o in item.options] + [""] * (width - len(item.options))
        answer = ";".join(str(a + 1) for a in item.answer)
        citations = ";".join(clean(c.id) for c in item.citations)
        writer.writerow(
            [clean(item.id), item.type, clean(item.stem), *options, answer, clean(item.explanation), citations]
        )
    return out.getvalue().encode("utf-8")


# --- the registry ----------------------------------------------------------------------------------

Writer = Callable[[Quiz, Skipped], bytes]
TEXT = "text/plain; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _writers() -> dict[str, tuple[Writer, str, str]]:
    """Format name -> (writer, media type, file name suffix)."""
    from assistant.quiz import export_html, export_sheets

    return {
        "json": (lambda quiz, _: quiz.model_dump_json(indent=2).encode("utf-8"), "application/json", "json"),
        "gift": (to_gift, TEXT, "gift.txt"),
        "aiken": (to_aiken, TEXT, "aiken.txt"),
        "moodle-xml": (to_moodle_xml, "application/xml", "moodle.xml"),
        "csv": (to_csv, "text/csv; charset=utf-8", "csv"),
        "md": (export_html.to_markdown, "text/markdown; charset=utf-8", "md"),
        "html": (export_html.to_html, "text/html; charset=utf-8", "html"),
        "kahoot": (export_sheets.to_kahoot, XLSX, "kahoot.xlsx"),
        "quizizz": (export_sheets.to_quizizz, XLSX, "quizizz.xlsx"),
    }


def unfit(item: QuizItem, fmt: str) -> str | None:
    """Why `fmt`'s limits leave an item out (Kahoot's 120 and 75 characters, no ordering questions in
    the spreadsheet imports or Aiken), or None. The quiz builder chooses among the items that fit."""
    from assistant.quiz import export_sheets

    if fmt == "kahoot":
        return export_sheets.kahoot_problem(item)
    if fmt == "quizizz":
        return export_sheets.quizizz_problem(item)
    if fmt == "aiken" and item.type == "order_escalation":
        return "Aiken has no ordering questions"
    return None


def export(quiz: Quiz, fmt: str) -> Export:
    """The quiz in format `fmt` (a key of FORMATS)."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    write, media_type, suffix = _writers()[fmt]
    skipped: Skipped = []
    content = write(quiz, skipped)
    position = {item.id: n for n, item in enumerate(quiz.items)}
    skipped.sort(key=lambda s: position.get(s[0], len(position)))
    return Export(content, media_type, f"threshold-quiz-seed{quiz.seed}.{suffix}", tuple(skipped))
