"""Quiz exports: each format read back by an independent strict reader (tests/quiz_formats.py) says
what the quiz says, and exactly the items a format cannot hold are left out, with the reason."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from openpyxl import load_workbook

from assistant.quiz.export import FORMATS, export
from assistant.quiz.model import Quiz, QuizItem
from assistant.types import Citation, Source
from ingestion.errors import BadInput
from tests.quiz_formats import (
    GiftError,
    Page,
    check_round_trip,
    one_line,
    parse_aiken,
    parse_gift,
    rendered_text,
)

DOC = "pan-bedfordshire"
TITLE = "Pan Bedfordshire — Effective support meeting the needs of children guidance"
LABELS = [
    "Level 1 — Universal Services",
    "Level 2 — Early Help",
    "Level 3 — Family Help",
    "Level 4 — Specialist/Statutory",
]
NASTY = "Mum said: \"it's {fine} ~ honestly\" = 100% #1 <script>alert('x')</script> & C:\\temp\\new //not a comment"
LONG_CELL = (
    "Young person is missing from home or care frequently (three or more times in 90 days), is found in "
    "locations associated with exploitation — e.g. trap houses, hotels, or 'county lines' routes — and "
    "returns with unexplained money, phones, clothes or injuries; professionals have concerns about "
    "grooming & coercive control by older peers/adults."
)
assert len(LONG_CELL) > 300


def citation(n: int, level: int | None, *, row: int | None = 1, kind: str = "matrix_cell", **extra) -> Citation:
    fields = dict(
        n=n,
        id=f"{DOC}/matrix/extra-familial-harm/missing/{row}/L{level}",
        doc_id=DOC,
        doc_title=TITLE,
        doc_date="2023-04",
        doc_status="current",
        kind=kind,
        path=["Extra-familial harm", "Missing"],
        domain="Extra-familial harm",
        subdomain="Missing",
        row=row,
        level=level,
        level_label=LABELS[level - 1] if level else None,
        text=LONG_CELL,
        quote="missing from home or care frequently",
        source=Source(file="corpus/pan-bedfordshire.txt", line_start=120, line_end=121, page=None),
    )
    fields.update(extra)
    return Citation(**fields)


SECTION = citation(
    1,
    None,
    row=None,
    kind="section",
    id=f"{DOC}/section/making-a-referral/contact",
    path=["Making a referral", "Contact details: {MASH}"],
    domain=None,
    subdomain=None,
    text="Call the MASH on 0300 300 8123 (out of hours: 0300 300 8123 #2).",
    quote="0300 300 8123",
    source=Source(file="corpus/pan-bedfordshire.txt", line_start=40, line_end=40, page=3),
)

CELLS = [
    "Attends school regularly and is not known to go missing.",
    "Occasionally late home -> parents aware; returns of own accord.",
    LONG_CELL,
    "Missing overnight on one occasion; whereabouts unknown = police informed.",
]


def item(id: str, type: str, stem: str, options: list[str], answer: list[int], **extra) -> QuizItem:
    fields = dict(
        id=id,
        type=type,
        stem=stem,
        options=options,
        answer=answer,
        explanation=f'{LABELS[2]}: "{LONG_CELL[:60]}" ({TITLE}, Extra-familial harm › Missing, row 1). {NASTY}',
        citations=[citation(1, 3)],
        doc_id=DOC,
        domain="Extra-familial harm",
        level=3,
    )
    fields.update(extra)
    return QuizItem(**fields)


STEM_130 = (
    "Missing: which level is this indicator? \"Child says: {it's ~fine} = #1 & <b>ok</b>: missing twice found "
    'in a hotel with older man"'
)
assert len(STEM_130) == 130


@pytest.fixture(scope="module")
def quiz() -> Quiz:
    order_cites = [citation(k, k) for k in (1, 2, 3, 4)]
    return Quiz(
        seed=7,
        items=[
            item("q1", "which_level", STEM_130, LABELS, [2]),
            item(
                "q2",
                "which_domain",
                'Under which heading does this indicator appear? "Parent/carer: unable to say where child is."',
                [
                    "Health & Development: {physical}",
                    "Family ~ Environment",
                    "Parenting #capacity",
                    "Extra-familial harm",
                ],
                [3],
            ),
            item(
                "q3",
                "true_false",
                'True or false: "Has a named GP\\dentist" is a Level 1 — Universal Services indicator.',
                ["True", "False"],
                [1],
            ),
            item(
                "q4",
                "order_escalation",
                f"Put these indicators (Extra-familial harm › Missing, {TITLE}) in order, "
                f"from {LABELS[0]} to {LABELS[3]}.",
                [CELLS[2], CELLS[0], CELLS[3], CELLS[1].replace("->", "then")],
                [1, 3, 0, 2],
                citations=order_cites,
                level=None,
            ),
            item(
                "q5",
                "scenario",
                'A practitioner working with a family notes the following. Child: "I\'m fine"\nMum works nights; '
                "the child is often home alone.\r\nEach of these appears in the guidance at the same level. "
                "Which level?",
                LABELS,
                [1],
            ),
            item(
                "q6",
                "level_name",
                "What does the Pan Bedfordshire guidance call Level 2?",
                ["Early Help", "Universal", "Family Help", "Specialist/Statutory"],
                [0],
                level=2,
            ),
            item(
                "q7",
                "section_fact",
                'Making a referral: "Call the MASH on _____ (out of hours: press #2)."',
                ["= 0300 300 8123", "01234 276 266", "0300 300 8585", "[html]01582 547653"],
                [0],
                citations=[SECTION],
                domain=None,
                level=None,
            ),
            item(
                "q8",
                "which_level",
                'Which of these is the Level 3 — Family Help indicator under "Missing"?',
                [CELLS[0], LONG_CELL, "%50% of nights away", "B. Occasionally late home"],
                [1],
            ),
            item("q9", "which_level", "A) Which level is 'missing once'?", LABELS, [1]),
            item(
                "q10",
                "order_escalation",
                "Put these indicators in order.",
                [CELLS[1], CELLS[0], CELLS[3], CELLS[2]],
                [1, 0, 3, 2],
                citations=order_cites,
            ),
        ],
        available={"which_level": 12, "order_escalation": 2},
    )


def test_formats_are_listed_in_order_with_descriptions():
    assert list(FORMATS) == ["json", "gift", "aiken", "moodle-xml", "csv", "md", "html", "kahoot", "quizizz"]
    assert all(d.strip() and "\n" not in d for d in FORMATS.values())


def test_unknown_format_is_bad_input(quiz):
    with pytest.raises(BadInput, match=r"unknown format 'pdf'; known: json, gift, aiken"):
        export(quiz, "pdf")


def test_every_format_reads_back_as_the_quiz(quiz):
    skipped = check_round_trip(quiz)
    assert skipped["json"] == skipped["csv"] == skipped["md"] == skipped["html"] == skipped["moodle-xml"] == ()
    assert [i for i, _ in skipped["gift"]] == ["q10"]
    assert [i for i, _ in skipped["aiken"]] == ["q4", "q9", "q10"]
    assert [i for i, _ in skipped["kahoot"]] == ["q1", "q4", "q5", "q8", "q10"]
    assert [i for i, _ in skipped["quizizz"]] == ["q4", "q10"]


def test_file_names_and_media_types(quiz):
    names = {fmt: export(quiz, fmt) for fmt in FORMATS}
    assert names["gift"].filename == "threshold-quiz-seed7.gift.txt"
    assert names["json"].media_type == "application/json"
    assert names["kahoot"].filename.endswith(".xlsx") and "spreadsheetml" in names["kahoot"].media_type
    assert names["html"].media_type.startswith("text/html")
    assert len({e.filename for e in names.values()}) == len(FORMATS)


def test_json_is_the_contract(quiz):
    data = json.loads(export(quiz, "json").content)
    assert data["seed"] == 7
    first = data["items"][0]
    assert {"id", "type", "stem", "options", "answer", "explanation", "citations"} <= first.keys()
    assert first["citations"][0]["level_label"] == "Level 3 — Family Help"


# --- GIFT ------------------------------------------------------------------------------------------


def test_gift_escapes_every_special_character(quiz):
    text = export(quiz, "gift").content.decode()
    for escaped in (r"\{fine\}", r"\~", r"\=", r"\#1", r"C\:\\temp\\new"):
        assert escaped in text
    assert "\r" not in text and "Mum works nights; the child" in text  # line breaks became spaces
    q3 = next(q for q in parse_gift(text) if q.title == "q3")
    assert q3.kind == "truefalse" and q3.truth is False
    assert "{F####" in text
    assert "=[plain]\\= 0300 300 8123" not in text and "=\\= 0300 300 8123" in text
    assert "~[plain][html]01582 547653" in text  # a leading format marker stays text
    assert "~%0%\\%50\\%" not in text and "~%0%%50% of nights away" in text  # not read as a weight


def test_gift_order_question_is_matching_with_level_labels(quiz):
    text = export(quiz, "gift").content.decode()
    q4 = next(q for q in parse_gift(text) if q.title == "q4")
    assert q4.kind == "matching"
    assert [right for _, right in q4.pairs] == LABELS
    assert f"= {CELLS[0]}" not in text and f"={CELLS[0]} -> Level 1 — Universal Services" in text


def test_gift_leaves_out_matching_text_with_an_arrow(quiz):
    out = export(quiz, "gift")
    assert dict(out.skipped)["q10"].startswith("an option contains '->'")


def test_gift_reader_is_strict():
    with pytest.raises(GiftError, match="unescaped '='"):
        parse_gift("::a:: 1 + 1 = 2 {=two ~three}")
    with pytest.raises(GiftError, match="unescaped ':'"):
        parse_gift("::a:: Note: this {=two ~three}")
    with pytest.raises(GiftError, match="unknown escape"):
        parse_gift("::a:: \\q {=two ~three}")
    with pytest.raises(GiftError, match="answer block"):
        parse_gift("::a:: x {=a ~b} {=c ~d}")
    [q] = parse_gift("// comment\n::a::[plain] x \\= y {\n=two#right\n~%0%three\n####why \\{so\\}\n}")
    assert (q.stem, q.answers, q.feedback) == ("x = y", [("two", True), ("three", False)], "why {so}")


# --- Aiken, CSV ------------------------------------------------------------------------------------


def test_aiken_lines(quiz):
    out = export(quiz, "aiken")
    reasons = dict(out.skipped)
    assert "ordering" in reasons["q4"]
    assert "read as an Aiken option" in reasons["q9"]
    text = out.content.decode()
    assert "\nA. True\nB. False\nANSWER: B\n" in text
    assert "\nD. B. Occasionally late home\nANSWER: B\n" in text
    questions = parse_aiken(text)
    assert [stem for stem, _, _ in questions][0] == STEM_130


def test_csv_rows(quiz):
    content = export(quiz, "csv").content
    assert b"\r\n" in content
    rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    options = [f"option_{k}" for k in range(1, 5)]
    assert rows[0] == ["id", "type", "stem", *options, "answer", "explanation", "citations"]
    q4 = rows[4]
    assert q4[0] == "q4" and q4[7] == "2;4;1;3"
    assert q4[9] == ";".join(f"{DOC}/matrix/extra-familial-harm/missing/1/L{k}" for k in (1, 2, 3, 4))
    assert rows[3][3:8] == ["True", "False", "", "", "2"]  # true/false: two options, the second right


# --- Moodle XML ------------------------------------------------------------------------------------


def test_moodle_xml_structure(quiz):
    content = export(quiz, "moodle-xml").content
    assert content.startswith(b"<?xml version='1.0' encoding='utf-8'?>\n<quiz>")
    assert b"<script" not in content and b"&amp;lt;script&amp;gt;" in content
    types = re.findall(rb'<question type="(\w+)">', content)
    assert types.count(b"matching") == 2 and types.count(b"truefalse") == 1 and types.count(b"multichoice") == 7
    assert b"<single>true</single>" in content and b"<answernumbering>abc</answernumbering>" in content


# --- the handout and the page ----------------------------------------------------------------------


def test_markdown_renders_text_literally(quiz):
    text = export(quiz, "md").content.decode()
    assert text.index("## Questions") < text.index("## Answer key")
    shown = rendered_text(text)
    assert "<script>alert('x')</script>" in shown  # shown as text ...
    page = Page()
    page.feed(MarkdownIt("commonmark").render(text))
    assert "script" not in page.tags and "b" not in page.tags  # ... never as markup
    assert one_line(LONG_CELL) in shown


def test_html_page_is_printable_and_inert(quiz):
    text = export(quiz, "html").content.decode()
    page = Page()
    page.feed(text)
    assert "script" not in page.tags
    assert "default-src 'none'" in text
    assert "&lt;script&gt;" in text
    assert re.search(r"\.answer-key\s*\{\s*break-before:\s*page", page.style)
    assert text.count("<li") >= sum(len(i.options) + 2 for i in quiz.items)


# --- spreadsheets ----------------------------------------------------------------------------------


def test_kahoot_template_layout_and_limits(quiz):
    out = export(quiz, "kahoot")
    reasons = dict(out.skipped)
    assert reasons["q1"] == "question is 130 characters (Kahoot's limit is 120)"
    assert reasons["q8"] == f"answer 2 is {len(LONG_CELL)} characters (Kahoot's limit is 75)"
    assert "ordering" in reasons["q4"]
    assert "question is" in reasons["q5"]
    ws = load_workbook(io.BytesIO(out.content)).active
    assert ws.title == "Sheet1"
    assert ws["B2"].value == "Quiz template"
    assert ws["A8"].value is None and ws["B8"].value == "Question - max 120 characters"
    assert ws["G8"].value == "Time limit (sec) – 5, 10, 20, 30, 60, 90, 120, or 240 secs"
    assert ws["H8"].value == "Correct answer(s) - choose at least one"
    assert [ws.cell(row=r, column=1).value for r in range(9, ws.max_row + 1)] == list(range(1, 6))
    q7 = [ws.cell(row=12, column=c).value for c in range(1, 9)]
    assert q7[1].startswith("Making a referral") and q7[2] == "= 0300 300 8123" and q7[7] == 1
    assert ws.cell(row=12, column=3).data_type == "s"  # text, not a formula


def test_quizizz_template_layout(quiz):
    out = export(quiz, "quizizz")
    assert {i for i, _ in out.skipped} == {"q4", "q10"}
    assert all("reorder" in why for _, why in out.skipped)
    ws = load_workbook(io.BytesIO(out.content)).active
    assert [c.value for c in ws[1]][:3] == ["Question Text", "Question Type", "Option 1"]
    assert ws["H2"].value.startswith("The correct option choice (between 1-5).")
    assert ws["A3"].value == STEM_130 and ws["B3"].value == "Multiple Choice" and ws["H3"].value == 3
    assert ws.max_row == 2 + 8


# --- any text at all -------------------------------------------------------------------------------

TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("~=#{}:\\<>&\"'[]*_`|!%->/\n\r\t ") + ["—", "–", "›", "£", "é", "😀", "\u2028"]),
        st.characters(blacklist_categories=("Cs",)),
    ),
    min_size=1,
    max_size=140,
)


@st.composite
def quizzes(draw) -> Quiz:
    items = []
    for n in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["which_level", "true_false", "order_escalation", "scenario", "section_fact"]))
        if kind == "true_false":
            options, answer = ["True", "False"], [draw(st.integers(0, 1))]
        else:
            options = draw(st.lists(TEXT, min_size=4, max_size=4))
            order = kind == "order_escalation"
            answer = draw(st.permutations([0, 1, 2, 3])) if order else [draw(st.integers(0, 3))]
        items.append(
            QuizItem(
                id=f"h{n}",
                type=kind,
                stem=draw(TEXT),
                options=options,
                answer=list(answer),
                explanation=draw(TEXT),
                citations=[citation(1, k) for k in (1, 2, 3, 4)],
                doc_id=DOC,
            )
        )
    return Quiz(seed=draw(st.integers(0, 99)), items=items)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quizzes())
def test_any_text_round_trips_in_every_format(generated):
    check_round_trip(generated)
