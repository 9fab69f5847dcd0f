"""Readers for every quiz export format, written apart from the exporter, and `check_round_trip(quiz)`:
export a quiz to each format, read it back, and assert it says what the quiz says.

The readers are strict. The GIFT reader tokenises backslash escapes and refuses any special character
(~ = # { } :) left unescaped in text; the Aiken reader refuses a line Moodle would misread. The rules for
what each format must leave out are written here again, not imported, so a wrong rule in the exporter
shows up as a difference.

Use from any test: `from tests.quiz_formats import check_round_trip`."""

from __future__ import annotations

import csv
import html
import io
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

from markdown_it import MarkdownIt
from openpyxl import load_workbook

from assistant.quiz.export import FORMATS, export
from assistant.quiz.model import Quiz, QuizItem

# --- what the text should look like after export -----------------------------------------------------

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return CONTROL.sub("", text)


def one_line(text: str) -> str:
    return re.sub(r"\s*[\r\n\x85\u2028\u2029]+\s*", " ", clean(text)).strip()


def xml_clean(text: str) -> str:
    return clean(text).replace("\r\n", "\n").replace("\r", "\n")


def squash(text: str) -> str:
    """White space collapsed, for text a renderer reflows (HTML, Markdown)."""
    return " ".join(clean(text).split())


def labels_of(item: QuizItem) -> list[str]:
    known: dict[int, str] = {}
    for c in item.citations:
        if c.level and c.level_label:
            known.setdefault(c.level, c.level_label)
        for cell in c.cells or []:
            if cell.get("level") and cell.get("level_label"):
                known.setdefault(cell["level"], cell["level_label"])
    return [one_line(known.get(k, f"Level {k}")) for k in range(1, len(item.answer) + 1)]


def broken(item: QuizItem) -> bool:
    """An item no question format can hold: no text, an empty option, answers that point nowhere."""
    n = len(item.options)
    return (
        not one_line(item.stem)
        or n < 2
        or any(not one_line(o) for o in item.options)
        or not item.answer
        or any(not 0 <= a < n for a in item.answer)
        or len(set(item.answer)) != len(item.answer)
        or (item.type == "order_escalation" and sorted(item.answer) != list(range(n)))
    )


def tf(item: QuizItem) -> bool:
    return item.type == "true_false" and sorted(item.options) == ["False", "True"] and len(item.answer) == 1


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def expected_skips(item: QuizItem, fmt: str) -> bool:
    if fmt in ("json", "csv", "md", "html"):
        return False
    if broken(item):
        return True
    order = item.type == "order_escalation"
    if fmt == "gift":
        if order:
            return any("->" in one_line(o) for o in item.options)
        return not tf(item) and len(item.answer) != 1
    if fmt == "aiken":
        stem = one_line(item.stem)
        return (
            order
            or len(item.answer) != 1
            or len(item.options) > 26
            or len(stem) < 2
            or bool(re.match(r"[A-Z][).][ \t]", stem))
            or stem.startswith("ANSWER:")
        )
    if fmt == "kahoot":
        return (
            order
            or len(item.options) > 4
            or utf16(one_line(item.stem)) > 120
            or any(utf16(one_line(o)) > 75 for o in item.options)
        )
    if fmt == "quizizz":
        return order or len(item.options) > 5
    return False  # moodle-xml holds every well-formed item


# --- GIFT ------------------------------------------------------------------------------------------

GIFT_SPECIAL = set("~=#{}:")
GIFT_FORMAT = re.compile(r"^\[(moodle|html|plain|markdown)\]")


class GiftError(AssertionError):
    pass


Token = tuple[str, bool]  # (character, was escaped)


def gift_tokens(text: str) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            if i + 1 == len(text):
                raise GiftError("a backslash at the end of the text")
            nxt = text[i + 1]
            if nxt in GIFT_SPECIAL or nxt == "\\":
                out.append((nxt, True))
            elif nxt == "n":
                out.append(("\n", True))
            else:
                raise GiftError(f"unknown escape \\{nxt} in {text!r}")
            i += 2
            continue
        out.append((ch, False))
        i += 1
    return out


def literal(tokens: list[Token], where: str) -> str:
    """The text of tokens that must hold no unescaped special character."""
    for ch, escaped in tokens:
        if not escaped and ch in GIFT_SPECIAL:
            raise GiftError(f"unescaped {ch!r} in {where}: {''.join(c for c, _ in tokens)!r}")
    return "".join(ch for ch, _ in tokens)


def unformat(text: str) -> tuple[str | None, str]:
    """GIFT's [format] marker, read once from the start of a text part (as Moodle reads it)."""
    m = GIFT_FORMAT.match(text)
    return (m.group(1), text[m.end() :]) if m else (None, text)


def split_on(tokens: list[Token], marks: str) -> list[tuple[str | None, list[Token]]]:
    """Tokens cut before each unescaped character of `marks`: (mark or None for the lead, tokens)."""
    parts: list[tuple[str | None, list[Token]]] = [(None, [])]
    for ch, escaped in tokens:
        if not escaped and ch in marks:
            parts.append((ch, []))
        else:
            parts[-1][1].append((ch, escaped))
    return parts


@dataclass
class GiftQuestion:
    title: str
    fmt: str | None
    stem: str
    kind: str  # multichoice | truefalse | matching
    answers: list[tuple[str, bool]] = field(default_factory=list)  # multichoice: (text, right)
    truth: bool | None = None
    pairs: list[tuple[str, str]] = field(default_factory=list)  # matching: (left, right)
    feedback: str = ""


def parse_gift_question(block: str) -> GiftQuestion:
    tokens = gift_tokens(block)
    if tokens[:2] != [(":", False), (":", False)]:
        raise GiftError(f"a question without a ::title:: {block[:60]!r}")
    i = 2
    while i + 1 < len(tokens) and tokens[i : i + 2] != [(":", False), (":", False)]:
        i += 1
    if i + 1 >= len(tokens):
        raise GiftError("an unclosed ::title")
    title = literal(tokens[2:i], "the title")
    rest = tokens[i + 2 :]
    opens = [k for k, (ch, esc) in enumerate(rest) if ch == "{" and not esc]
    closes = [k for k, (ch, esc) in enumerate(rest) if ch == "}" and not esc]
    if len(opens) != 1 or len(closes) != 1 or closes[0] < opens[0]:
        raise GiftError(f"not exactly one answer block in {block[:80]!r}")
    if "".join(ch for ch, _ in rest[closes[0] + 1 :]).strip():
        raise GiftError("text after the answer block")
    fmt, stem = unformat(literal(rest[: opens[0]], "the question text").strip())
    inside = rest[opens[0] + 1 : closes[0]]
    question = GiftQuestion(title=title, fmt=fmt, stem=stem.strip(), kind="")
    chars = [(ch, esc) for ch, esc in inside]
    cut = next(
        (k for k in range(len(chars) - 3, -1, -1) if all(c == ("#", False) for c in chars[k : k + 4])),
        None,
    )
    if cut is not None:
        question.feedback = unformat(literal(chars[cut + 4 :], "the general feedback").strip())[1].strip()
        inside = chars[:cut]
    body = "".join(ch for ch, _ in inside).strip()
    if body in ("T", "TRUE", "F", "FALSE") and not any(esc for _, esc in inside):
        question.kind = "truefalse"
        question.truth = body.startswith("T")
        return question
    parts = split_on(inside, "=~")
    lead, entries = parts[0], parts[1:]
    if "".join(ch for ch, _ in lead[1]).strip() or not entries:
        raise GiftError(f"answers must start with = or ~: {body[:80]!r}")
    # As Moodle decides: any ~ makes a multiple choice question; otherwise = ... -> ... is matching.
    choice = any(mark == "~" for mark, _ in entries)
    for mark, entry in entries:
        pieces = split_on(entry, "#")
        if len(pieces) > 2:
            raise GiftError("more than one feedback mark in an answer")
        text = literal(pieces[0][1], "an answer").strip()
        if choice:
            if mark == "~":
                text = re.sub(r"^%-*[0-9]{1,2}\.?[0-9]*%", "", text)
            question.answers.append((unformat(text)[1].strip(), mark == "="))
        elif "->" in text:
            left, right = text.split("->", 1)
            question.pairs.append((unformat(left.strip())[1].strip(), right.strip()))
        else:
            raise GiftError(f"a short-answer or malformed matching question: {body[:80]!r}")
    question.kind = "multichoice" if choice else "matching"
    return question


def parse_gift(text: str) -> list[GiftQuestion]:
    """Every question of a GIFT file. Blank lines separate questions; lines starting // are comments."""
    if "\r" in text:
        raise GiftError("a carriage return in the file")
    questions = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
        if "".join(lines).strip():
            questions.append(parse_gift_question("\n".join(lines).strip()))
    return questions


def check_gift(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    questions = parse_gift(content.decode("utf-8"))
    assert [q.title for q in questions] == [one_line(i.id) for i in kept]
    for item, q in zip(kept, questions, strict=True):
        assert q.fmt == "plain"
        assert q.stem == one_line(item.stem), item.id
        assert one_line(item.explanation) in q.feedback, item.id
        for c in item.citations:
            assert one_line(c.doc_title) in q.feedback
        if tf(item):
            assert q.kind == "truefalse"
            assert q.truth == (item.options[item.answer[0]] == "True")
        elif item.type == "order_escalation":
            assert q.kind == "matching"
            wanted = [(one_line(item.options[p]), label) for p, label in zip(item.answer, labels_of(item), strict=True)]
            assert q.pairs == wanted, item.id
        else:
            assert q.kind == "multichoice"
            assert [t for t, _ in q.answers] == [one_line(o) for o in item.options], item.id
            assert [k for k, (_, right) in enumerate(q.answers) if right] == sorted(item.answer)


# --- Aiken -----------------------------------------------------------------------------------------

AIKEN_CHOICE = re.compile(r"^([A-Z])[).][ \t](.*)$")


def parse_aiken(text: str) -> list[tuple[str, list[str], int]]:
    """(question, options, right index) for each question, read line by line as Moodle does."""
    out = []
    stem: str | None = None
    options: list[str] = []
    for line in text.split("\n"):
        now = line.strip()
        if not now:
            assert stem is None, f"a blank line inside a question: {stem!r}"
            continue
        assert len(now) >= 2, f"a line Moodle skips: {now!r}"
        choice = AIKEN_CHOICE.match(now)
        if choice:
            assert stem is not None, f"an option before its question: {now!r}"
            assert choice.group(1) == chr(ord("A") + len(options)), f"options out of sequence: {now!r}"
            options.append(choice.group(2).strip())
        elif now.startswith("ANSWER:"):
            assert stem is not None and len(options) >= 2
            letter = now[len("ANSWER:") :].strip()
            assert len(letter) == 1 and 0 <= ord(letter) - ord("A") < len(options), now
            out.append((stem, options, ord(letter) - ord("A")))
            stem, options = None, []
        else:
            assert stem is None and not options, f"a second question line: {now!r}"
            stem = now
    assert stem is None, "a question without its ANSWER line"
    return out


def check_aiken(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    questions = parse_aiken(content.decode("utf-8"))
    assert len(questions) == len(kept)
    for item, (stem, options, right) in zip(kept, questions, strict=True):
        assert stem == one_line(item.stem)
        assert options == [one_line(o) for o in item.options]
        assert [right] == item.answer


# --- Moodle XML ------------------------------------------------------------------------------------


def html_text(element: ET.Element | None) -> str:
    """The text of <x format="html"><text>…</text></x>, tags dropped and entities read."""
    assert element is not None and element.get("format") == "html"
    raw = element.findtext("text") or ""
    assert "<script" not in raw.lower()
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def check_moodle_xml(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>") or content.startswith(
        b'<?xml version="1.0" encoding="UTF-8"?>'
    )
    root = ET.fromstring(content)
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert len(questions) == len(kept)
    for item, q in zip(kept, questions, strict=True):
        assert q.findtext("name/text") == xml_clean(item.id)
        assert html_text(q.find("questiontext")) == xml_clean(item.stem)
        general = squash(html_text(q.find("generalfeedback")))
        assert squash(item.explanation) in general
        assert q.findtext("defaultgrade") == "1"
        if tf(item):
            assert q.get("type") == "truefalse"
            answers = q.findall("answer")
            assert [a.findtext("text") for a in answers] == ["true", "false"]
            right = "true" if item.options[item.answer[0]] == "True" else "false"
            assert [a.findtext("text") for a in answers if a.get("fraction") == "100"] == [right]
            assert all(a.find("feedback/text") is not None for a in answers)
        elif item.type == "order_escalation":
            assert q.get("type") == "matching"
            subs = q.findall("subquestion")
            got = [(html_text(s), s.findtext("answer/text")) for s in subs]
            wanted = [
                (xml_clean(item.options[p]), label) for p, label in zip(item.answer, labels_of(item), strict=True)
            ]
            assert got == wanted
        else:
            assert q.get("type") == "multichoice"
            assert q.findtext("single") == ("true" if len(item.answer) == 1 else "false")
            assert q.findtext("shuffleanswers") == "0"
            assert q.findtext("answernumbering") == "abc"
            answers = q.findall("answer")
            assert [html_text(a) for a in answers] == [xml_clean(o) for o in item.options]
            right = [k for k, a in enumerate(answers) if float(a.get("fraction")) > 0]
            assert right == sorted(item.answer)
            assert all(float(a.get("fraction")) == 0 for k, a in enumerate(answers) if k not in item.answer)
            assert all(html_text(a.find("feedback")).strip() for a in answers)


# --- CSV -------------------------------------------------------------------------------------------


def check_csv(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    assert not content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    width = max([4, *(len(i.options) for i in quiz.items)])
    assert rows[0] == [
        "id",
        "type",
        "stem",
        *(f"option_{k}" for k in range(1, width + 1)),
        "answer",
        "explanation",
        "citations",
    ]
    assert len(rows) == len(quiz.items) + 1
    for item, row in zip(quiz.items, rows[1:], strict=True):
        options = [clean(o) for o in item.options] + [""] * (width - len(item.options))
        assert row == [
            clean(item.id),
            item.type,
            clean(item.stem),
            *options,
            ";".join(str(a + 1) for a in item.answer),
            clean(item.explanation),
            ";".join(clean(c.id) for c in item.citations),
        ]


# --- Markdown and HTML -----------------------------------------------------------------------------


class Page(HTMLParser):
    """An HTML page's elements in order: (tag, attributes, text inside), plus its <style> text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.done: list[tuple[str, dict[str, str | None], str]] = []
        self.style = ""
        self.text: list[str] = []

    VOID = {"meta", "br", "hr", "img", "link", "input"}

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1][0] == tag, f"</{tag}> does not close <{self.stack[-1][0]}>"
        name, attrs, parts = self.stack.pop()
        text = "".join(parts)
        self.done.append((name, attrs, text))
        if name == "style":
            self.style += text
        for _, _, outer in self.stack:
            outer.append(text)

    def handle_data(self, data):
        self.text.append(data)
        if self.stack:
            self.stack[-1][2].append(data)


def rendered_text(markdown: str) -> str:
    page = Page()
    page.feed(MarkdownIt("commonmark").enable("strikethrough").enable("table").render(markdown))
    return squash("".join(page.text))


def check_markdown(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    text = content.decode("utf-8")
    lines = text.split("\n")
    assert lines[0].startswith("# ")
    key = lines.index("## Answer key")
    questions_part, key_part = "\n".join(lines[:key]), "\n".join(lines[key:])
    shown, answers = rendered_text(questions_part), rendered_text(key_part)
    for item in quiz.items:
        assert squash(item.stem) in shown, item.id
        for option in item.options:
            assert squash(option) in shown, (item.id, option)
        assert squash(item.explanation) in answers, item.id


def check_html(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    text = content.decode("utf-8")
    assert text.lstrip().lower().startswith("<!doctype html>")
    page = Page()
    page.feed(text)
    page.close()
    assert not page.stack, "unclosed elements"
    assert "script" not in page.tags and "iframe" not in page.tags and "object" not in page.tags
    assert re.search(r"\.answer-key\s*\{[^}]*break-before:\s*page", page.style)
    sections = [(attrs.get("class"), inner) for tag, attrs, inner in page.done if tag == "section"]
    assert [c for c, _ in sections] == ["questions", "answer-key"]
    questions, key = squash(sections[0][1]), squash(sections[1][1])
    for item in quiz.items:
        assert squash(item.stem) in questions, item.id
        for option in item.options:
            assert squash(option) in questions, (item.id, option)
        assert squash(item.explanation) in key, item.id
    # The answer key comes after the questions in the document.
    assert text.index('class="answer-key"') > text.index('class="questions"')


# --- spreadsheets ----------------------------------------------------------------------------------

KAHOOT_HEADER = [
    None,
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
]
QUIZIZZ_HEADER = [
    "Question Text",
    "Question Type",
    "Option 1",
    "Option 2",
    "Option 3",
    "Option 4",
    "Option 5",
    "Correct Answer",
    "Time in seconds",
    "Image Link",
    "Answer explanation",
]


def sheet_rows(content: bytes) -> list[list]:
    wb = load_workbook(io.BytesIO(content))
    assert len(wb.worksheets) == 1
    ws = wb.worksheets[0]
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", f"a formula in {cell.coordinate}"
    return [list(r) for r in ws.iter_rows(values_only=True)]


def pad(values: list, width: int) -> list:
    return (list(values) + [None] * width)[:width]


def check_kahoot(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    rows = sheet_rows(content)
    assert pad(rows[1], 8)[1] == "Quiz template"
    assert pad(rows[7], 8) == KAHOOT_HEADER  # the header on row 8, column A blank
    data = [pad(r, 8) for r in rows[8:]]
    assert len(data) == len(kept)
    for n, (item, row) in enumerate(zip(kept, data, strict=True), start=1):
        options = [one_line(o) for o in item.options]
        right = [a + 1 for a in sorted(item.answer)]
        assert row == [
            n,
            one_line(item.stem),
            *pad(options, 4),
            60 if item.type == "scenario" else 30,
            right[0] if len(right) == 1 else ",".join(map(str, right)),
        ], item.id
        assert row[6] in (5, 10, 20, 30, 60, 90, 120, 240)


def check_quizizz(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    rows = sheet_rows(content)
    assert pad(rows[0], 11) == QUIZIZZ_HEADER
    assert all(isinstance(v, str) and v for v in pad(rows[1], 11))  # the instruction row
    data = [pad(r, 11) for r in rows[2:]]
    assert len(data) == len(kept)
    for item, row in zip(kept, data, strict=True):
        right = [a + 1 for a in sorted(item.answer)]
        assert row[:10] == [
            one_line(item.stem),
            "Multiple Choice" if len(right) == 1 else "Checkbox",
            *pad([one_line(o) for o in item.options], 5),
            right[0] if len(right) == 1 else ",".join(map(str, right)),
            60 if item.type == "scenario" else 30,
            None,
        ], item.id
        assert one_line(item.explanation) in row[10]


# --- all together ----------------------------------------------------------------------------------


def check_json(quiz: Quiz, content: bytes, kept: list[QuizItem]) -> None:
    data = json.loads(content)
    assert {"seed", "items"} <= data.keys()
    assert Quiz.model_validate(data).model_dump(mode="json") == quiz.model_dump(mode="json")


CHECKS = {
    "json": check_json,
    "gift": check_gift,
    "aiken": check_aiken,
    "moodle-xml": check_moodle_xml,
    "csv": check_csv,
    "md": check_markdown,
    "html": check_html,
    "kahoot": check_kahoot,
    "quizizz": check_quizizz,
}


def check_round_trip(quiz: Quiz) -> dict[str, tuple[tuple[str, str], ...]]:
    """Export `quiz` to every format, read each back and assert it holds every item it should, with the
    same question, options and right answers; and that exactly the items a format cannot hold are
    reported as skipped, each with a reason. Returns each format's skipped items."""
    assert list(CHECKS) == list(FORMATS)
    ids = [item.id for item in quiz.items]
    assert len(set(ids)) == len(ids), "item ids repeat"
    report = {}
    for fmt, check in CHECKS.items():
        out = export(quiz, fmt)
        assert out.filename.startswith(f"threshold-quiz-seed{quiz.seed}.")
        wanted = [item.id for item in quiz.items if expected_skips(item, fmt)]
        assert [i for i, _ in out.skipped] == wanted, fmt
        assert all(isinstance(why, str) and why.strip() for _, why in out.skipped), fmt
        skipped = {i for i, _ in out.skipped}
        kept = [item for item in quiz.items if item.id not in skipped]
        assert out.content or not kept, fmt
        try:
            check(quiz, out.content, kept)
        except AssertionError as error:
            raise AssertionError(f"{fmt}: {error}") from error
        report[fmt] = out.skipped
    return report
