"""The quiz as the spreadsheets Kahoot and Quizizz (now Wayground) import, laid out as their templates.

Kahoot's "Quiz template": instruction text in B2:B6, the table's header on row 8 (A8 blank: column A
numbers the questions), then one question per row from row 9; at most four answers; questions of at
most 120 characters and answers of at most 75; time limits of 5, 10, 20, 30, 60, 90, 120 or 240
seconds; the correct answers as their numbers, comma-separated.

Quizizz's sample spreadsheet: the header on row 1, a row of instructions on row 2, one question per
row from row 3; up to five options; the correct option's number; time in seconds.

Items a template cannot hold (ordering questions, too many options, text over a limit) are left out
and reported with the reason; nothing is shortened."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from assistant.quiz.export import Skipped, feedback, flat, usable
from assistant.quiz.model import Quiz, QuizItem

KAHOOT_INSTRUCTIONS = {
    2: "Quiz template",
    3: "Add questions, at least two answer alternatives, time limit and choose correct answers (at least one). "
    "Have fun creating your awesome quiz!",
    4: "Remember: questions have a limit of 120 characters and answers can have 75 characters max. Text will turn "
    "red in Excel or Google Docs if you exceed this limit. If several answers are correct, separate them with a "
    "comma.",
    5: "See an example question below (don't forget to overwrite this with your first question!)",
    6: "And remember, if you're not using Excel you need to export to .xlsx format before you upload to Kahoot!",
}
KAHOOT_HEADER_ROW = 8
KAHOOT_HEADER = (
    None,
    "Question - max 120 characters",
    "Answer 1 - max 75 characters",
    "Answer 2 - max 75 characters",
    "Answer 3 - max 75 characters",
    "Answer 4 - max 75 characters",
    "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs",
    "Correct answer(s) - choose at least one",
)
KAHOOT_QUESTION_MAX = 120
KAHOOT_ANSWER_MAX = 75
KAHOOT_ANSWERS_MAX = 4

QUIZIZZ_HEADER = (
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
)
QUIZIZZ_INSTRUCTIONS = (
    "Text of the question\n\n(required)",
    "Question Type\n\n(default is Multiple Choice)",
    "Text for option 1\n\n(required in all cases except open-ended & draw questions)",
    "Text for option 2\n\n(required in all cases except open-ended & draw questions)",
    "Text for option 3\n\n(optional)",
    "Text for option 4\n\n(optional)",
    "Text for option 5\n\n(optional)",
    'The correct option choice (between 1-5).\n\nLeave blank for "Open-Ended", "Poll", "Draw" and "Fill-in-the-Blank".',
    "Time in seconds\n\n(optional, default value is 30 seconds)",
    "Link of the image\n\n(optional)",
    "Explanation for the answer\n(optional)",
)
QUIZIZZ_OPTIONS_MAX = 5
QUIZIZZ_SHEET = "Create a Quiz"

XLSX_SHEET = "Sheet1"


def length(text: str) -> int:
    """Characters as a browser counts them (UTF-16 code units), as Kahoot's limits do."""
    return len(text.encode("utf-16-le")) // 2


def seconds(item: QuizItem) -> int:
    return 60 if item.type == "scenario" else 30


def put(ws: Worksheet, row: int, column: int, value: str | int | None) -> None:
    """A cell holding `value` as written: text that starts with "=" stays text, not a formula."""
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def saved(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def kahoot_problem(item: QuizItem) -> str | None:
    """Why Kahoot's template cannot hold the item, or None."""
    if item.type == "order_escalation":
        return "Kahoot's spreadsheet import has no ordering (puzzle) questions"
    if len(item.options) > KAHOOT_ANSWERS_MAX:
        return f"{len(item.options)} answers (Kahoot's template holds {KAHOOT_ANSWERS_MAX})"
    stem = length(flat(item.stem))
    if stem > KAHOOT_QUESTION_MAX:
        return f"question is {stem} characters (Kahoot's limit is {KAHOOT_QUESTION_MAX})"
    for i, option in enumerate(item.options, start=1):
        n = length(flat(option))
        if n > KAHOOT_ANSWER_MAX:
            return f"answer {i} is {n} characters (Kahoot's limit is {KAHOOT_ANSWER_MAX})"
    return None


def to_kahoot(quiz: Quiz, skipped: Skipped) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = XLSX_SHEET
    for row, text in KAHOOT_INSTRUCTIONS.items():
        ws.cell(row=row, column=2, value=text)
    ws.cell(row=2, column=2).font = Font(bold=True, size=14)
    for column, title in enumerate(KAHOOT_HEADER, start=1):
        cell = ws.cell(row=KAHOOT_HEADER_ROW, column=column, value=title)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    row = KAHOOT_HEADER_ROW
    for item in usable(quiz, skipped):
        why = kahoot_problem(item)
        if why:
            skipped.append((item.id, why))
            continue
        row += 1
        put(ws, row, 1, row - KAHOOT_HEADER_ROW)
        put(ws, row, 2, flat(item.stem))
        for i, option in enumerate(item.options):
            put(ws, row, 3 + i, flat(option))
        put(ws, row, 7, seconds(item))
        correct = [a + 1 for a in sorted(item.answer)]
        put(ws, row, 8, correct[0] if len(correct) == 1 else ",".join(map(str, correct)))
    for column, width in zip("ABCDEFGH", (5, 60, 30, 30, 30, 30, 18, 18), strict=True):
        ws.column_dimensions[column].width = width
    return saved(wb)


def quizizz_problem(item: QuizItem) -> str | None:
    if item.type == "order_escalation":
        return "Quizizz's spreadsheet import has no reorder questions"
    if len(item.options) > QUIZIZZ_OPTIONS_MAX:
        return f"{len(item.options)} options (Quizizz's template holds {QUIZIZZ_OPTIONS_MAX})"
    return None


def to_quizizz(quiz: Quiz, skipped: Skipped) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = QUIZIZZ_SHEET
    for column, (title, note) in enumerate(zip(QUIZIZZ_HEADER, QUIZIZZ_INSTRUCTIONS, strict=True), start=1):
        ws.cell(row=1, column=column, value=title).font = Font(bold=True)
        ws.cell(row=2, column=column, value=note).alignment = Alignment(wrap_text=True, vertical="top")
    row = 2
    for item in usable(quiz, skipped):
        why = quizizz_problem(item)
        if why:
            skipped.append((item.id, why))
            continue
        row += 1
        put(ws, row, 1, flat(item.stem))
        put(ws, row, 2, "Multiple Choice" if len(item.answer) == 1 else "Checkbox")
        for i, option in enumerate(item.options):
            put(ws, row, 3 + i, flat(option))
        correct = [a + 1 for a in sorted(item.answer)]
        put(ws, row, 8, correct[0] if len(correct) == 1 else ",".join(map(str, correct)))
        put(ws, row, 9, seconds(item))
        put(ws, row, 11, feedback(item))
    for column, width in zip("ABCDEFGHIJK", (60, 18, 30, 30, 30, 30, 30, 16, 16, 16, 60), strict=True):
        ws.column_dimensions[column].width = width
    return saved(wb)
